//! Runs the whole corpus pipeline (parse + people) in a loop, for profiling with `perf record`.
fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let pages: Vec<papertui::corpus::PageText> = (0..rounds)
        .flat_map(|i| {
            papertui::sample::SAMPLE_PAGES
                .iter()
                .map(move |p| papertui::corpus::PageText {
                    source: format!("{i}/{}", p.name),
                    text: p.text.to_owned(),
                })
        })
        .collect();
    let articles = papertui::corpus::parse_pages(&pages);
    println!("{}", articles.len());
}
