//! Command-line arguments and subcommands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::export::Format;

/// Read Chinese newspaper page dumps as clean articles, in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "papertui",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without a subcommand the terminal reader opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the terminal reader.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Parse every page, neither reading nor writing the parsed-corpus cache.
    ///
    /// The cache lives in the platform cache directory, or in `$PAPERTUI_CACHE_DIR` when set.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

/// The terminal reader's options (the default command).
#[derive(Debug, Args, Default)]
pub struct ReadArgs {
    /// Page files, or directories walked for `*.txt` pages; none: the embedded sample.
    pub paths: Vec<PathBuf>,
    /// Start with this filter text.
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Start with this person's articles.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the articles as JSON Lines or JSON.
    Export(ExportArgs),
    /// List every person with article count and roles, most frequent first.
    People(PeopleArgs),
    /// Show the configuration file's location or a commented default one.
    Config(ConfigArgs),
    /// Find the articles matching a query: one line each, JSON Lines, or every match in context.
    ///
    /// Exit status as grep's: 0 when an article matched, 1 when none did, 2 on an error (a query
    /// that cannot be parsed, a file that cannot be read).
    Search(SearchArgs),
    /// List the parsed-corpus cache's entries, or remove them.
    Cache(CacheArgs),
}

/// Output shape of `papertui search`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// Tab-separated columns.
    Text,
    /// One JSON object per line.
    Jsonl,
}

/// `papertui search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all required), "a phrase", !word, a | b, 'in-headline, ^prefix,
    /// suffix$, @person, date:2023-03, date:2022-12-01..2023-01-31, region:孟州, kind:photo,
    /// is:bookmarked, is:unread.
    pub query: String,
    /// Page files or directories; none: the embedded sample.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,
    /// Print every match of the query's words with N characters of context on each side
    /// (a concordance), instead of one line per article.
    #[arg(long, value_name = "N")]
    pub kwic: Option<usize>,
}

/// `papertui cache`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("action").required(true).args(["list", "clear", "prune"])))]
pub struct CacheArgs {
    /// List every entry with its size (the parsed corpus, its indexes and its full-text
    /// index) and when it was last used, most recent first.
    #[arg(long)]
    pub list: bool,
    /// Remove every entry.
    #[arg(long)]
    pub clear: bool,
    /// Remove all but the most recently used entries (see --keep), and leftovers of
    /// interrupted writes.
    #[arg(long)]
    pub prune: bool,
    /// Entries --prune keeps.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "prune")]
    pub keep: usize,
}

/// `papertui config`.
#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["print_default", "path"])))]
pub struct ConfigArgs {
    /// Print a complete, commented default configuration file.
    #[arg(long)]
    pub print_default: bool,
    /// Print the path the configuration is read from.
    #[arg(long)]
    pub path: bool,
    /// The global `--no-cache`, meaningless here: declared so that it is not listed.
    #[arg(long, hide = true)]
    no_cache: bool,
}

/// `papertui export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Only the articles that name this person.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only the articles bookmarked in the reader (on the same files).
    #[arg(long)]
    pub bookmarked: bool,
    /// Page files or directories; none: the embedded sample.
    pub paths: Vec<PathBuf>,
}

/// Output shape of `papertui people`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeopleFormat {
    /// Aligned columns for reading.
    Text,
    /// One JSON object per person.
    Jsonl,
}

/// Which people `papertui people` lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum PeopleFilter {
    /// Everyone: people the text names first, then those only credited.
    #[default]
    All,
    /// People the text of some article names.
    Named,
    /// People only credited: reporters, correspondents, photographers, authors.
    Credited,
}

/// `papertui people`.
#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = PeopleFormat::Text)]
    pub format: PeopleFormat,
    /// Which people: those the text names, those only credited (staff), or all.
    #[arg(long, value_enum, default_value_t = PeopleFilter::All)]
    pub only: PeopleFilter,
    /// Page files or directories; none: the embedded sample.
    pub paths: Vec<PathBuf>,
}
