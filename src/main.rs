use std::io::Write;

fn main() {
    let paths: Vec<String> = std::env::args().skip(4).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut all = Vec::new();
    if paths.is_empty() {
        for page in papertui::sample::SAMPLE_PAGES {
            all.extend(papertui::ingest::parse_page(page.name, page.text));
        }
    } else {
        for p in &paths {
            let text = std::fs::read_to_string(p).expect("read");
            all.extend(papertui::ingest::parse_page(p, &text));
        }
    }
    papertui::export::write_articles(&mut out, &all, papertui::export::Format::Jsonl)
        .expect("write");
    out.flush().expect("flush");
}
