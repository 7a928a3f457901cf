fn main() {
    for page in papertui::sample::SAMPLE_PAGES {
        let articles = papertui::ingest::parse_page(page.name, page.text);
        println!("{}: {}", page.name, articles.len());
    }
}
