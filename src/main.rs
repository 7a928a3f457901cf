use std::io::Write;

fn main() {
    let paths: Vec<String> = std::env::args().skip(4).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let all;
    if paths.is_empty() {
        all = papertui::corpus::sample();
    } else {
        let pages: Vec<_> = paths
            .iter()
            .map(|p| papertui::corpus::PageText {
                source: p.clone(),
                text: std::fs::read_to_string(p).expect("read"),
            })
            .collect();
        all = papertui::corpus::parse_pages(&pages);
    }
    papertui::export::write_articles(&mut out, &all, papertui::export::Format::Jsonl)
        .expect("write");
    out.flush().expect("flush");
}
