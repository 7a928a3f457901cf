//! Launches the terminal reader on the development corpus (gold annotations + sample pages).

#[path = "../tests/common/gold.rs"]
mod gold;

use clap::Parser;

/// Command-line arguments.
#[derive(Parser)]
#[command(about = "Terminal reader for Chinese newspaper page dumps")]
struct Args {
    /// Start with this filter text.
    #[arg(long)]
    query: Option<String>,
    /// Start with this person's articles.
    #[arg(long)]
    person: Option<String>,
    /// Folder of gold annotation files.
    #[arg(long, default_value = "tests/fixtures/gold")]
    gold: std::path::PathBuf,
    /// Folder of page texts.
    #[arg(long, default_value = "assets")]
    assets: std::path::PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let articles = gold::load(&args.gold, &args.assets)?;
    let store = papertui::store::Store::from_articles(articles);
    let options = papertui::tui::TuiOptions {
        query: args.query,
        person: args.person,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    papertui::tui::run(store, options)
}
