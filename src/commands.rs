//! What each subcommand does: load the corpus, then read, export or list people.
//!
//! Every command loads the same way and reports unreadable files the same way (on stderr, with
//! the path and the reason), so a bad file never stops the others and the exit code says so.
//! The reader reads its configuration before anything else, so a mistake in it is an error
//! message and a non-zero exit before the terminal is touched.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::cli::{Cli, Command, ConfigArgs, ExportArgs, PeopleArgs, PeopleFormat, ReadArgs};
use crate::config::{Config, config_path, default_file};
use crate::corpus::{Loaded, load};
use crate::export::write_articles;
use crate::model::Article;
use crate::state::{self, CorpusId, StateDir};
use crate::store::Store;
use crate::text::pad_right;
use crate::tui::persist::Persist;
use crate::tui::{TuiOptions, run as run_tui};

/// Exit code when some input files could not be read but the rest were used.
const SOME_FILES_FAILED: u8 = 1;

/// Run the command line; the exit code says whether every input file could be read.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => read(cli.read),
        Some(Command::Export(args)) => export(args),
        Some(Command::People(args)) => people(args),
        Some(Command::Config(args)) => config(&args),
    }
}

/// The configuration from its file, or the defaults when there is none.
fn load_config() -> Result<Config> {
    match config_path() {
        Some(path) => Ok(Config::load(&path)?),
        None => Ok(Config::default()),
    }
}

/// The corpus identity of a set of articles (their distinct sources).
fn corpus_of(articles: &[Article]) -> CorpusId {
    CorpusId::of(articles.iter().map(|a| a.source.as_str()))
}

fn config(args: &ConfigArgs) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    if args.print_default {
        out.write_all(default_file().as_bytes())?;
    }
    if args.path {
        let path =
            config_path().context("no configuration directory: set PAPERTUI_CONFIG_DIR or HOME")?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn report_errors(loaded: &Loaded) -> ExitCode {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for error in &loaded.errors {
        let _ = writeln!(err, "papertui: {error}");
    }
    if loaded.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SOME_FILES_FAILED)
    }
}

fn read(args: ReadArgs) -> Result<ExitCode> {
    let config = load_config()?;
    let mut loaded = load(&args.paths);
    let store = Store::from_articles(std::mem::take(&mut loaded.articles));
    let corpus = corpus_of(store.articles());
    let (saved, persist) = match StateDir::locate() {
        Some(dir) => {
            let saved = dir.load(corpus);
            let persist = (!saved.read_only).then(|| Persist::new(dir, corpus));
            (saved, persist)
        }
        None => (
            state::Loaded {
                notice: Some("no data directory: bookmarks will not be saved".into()),
                ..state::Loaded::default()
            },
            None,
        ),
    };
    let options = TuiOptions {
        query: args.query,
        person: args.person,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        config: Arc::new(config),
        state: saved.state,
        notice: saved.notice,
    };
    run_tui(store, options, persist)?;
    Ok(report_errors(&loaded))
}

/// Keys of the articles bookmarked on this corpus; a state-file notice goes to stderr.
fn bookmarks_of(articles: &[Article]) -> BTreeSet<String> {
    let Some(dir) = StateDir::locate() else {
        return BTreeSet::new();
    };
    let saved = dir.load(corpus_of(articles));
    if let Some(notice) = saved.notice {
        eprintln!("papertui: {notice}");
    }
    saved.state.bookmarks
}

fn export(args: ExportArgs) -> Result<ExitCode> {
    let mut loaded = load(&args.paths);
    let mut articles = std::mem::take(&mut loaded.articles);
    if args.bookmarked {
        let keep = bookmarks_of(&articles);
        articles.retain(|a| keep.contains(&a.key()));
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match &args.person {
        Some(name) => {
            let store = Store::from_articles(articles);
            let ids = store
                .person_by_name(name)
                .map(|p| store.articles_of_person(p).to_vec())
                .unwrap_or_default();
            write_articles(
                &mut out,
                ids.iter().map(|a| store.article(a.article)),
                args.format,
            )
        }
        None => write_articles(&mut out, &articles, args.format),
    };
    ignore_broken_pipe(result).context("writing the export")?;
    Ok(report_errors(&loaded))
}

fn people(args: PeopleArgs) -> Result<ExitCode> {
    let mut loaded = load(&args.paths);
    let store = Store::from_articles(std::mem::take(&mut loaded.articles));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    ignore_broken_pipe(write_people(&mut out, &store, args.format)).context("writing people")?;
    Ok(report_errors(&loaded))
}

/// Write every person with article count and roles, most frequent first.
pub fn write_people<W: Write>(out: &mut W, store: &Store, format: PeopleFormat) -> io::Result<()> {
    let name_width = store
        .people()
        .iter()
        .map(|&p| crate::text::width(store.person_name(p)))
        .max()
        .unwrap_or(0);
    for &id in store.people() {
        let person = store.person(id);
        let roles: Vec<&str> = person
            .roles
            .iter()
            .map(|&(role, _)| store.role(role))
            .collect();
        let count = store.person_count(id);
        match format {
            PeopleFormat::Text => writeln!(
                out,
                "{} {count:>5}  {}",
                pad_right(&person.name, name_width),
                roles.join("、")
            )?,
            PeopleFormat::Jsonl => {
                let record = serde_json::json!({
                    "name": &*person.name,
                    "articles": count,
                    "roles": roles,
                });
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()
}

/// `papertui export | head` closes the pipe early; that is not an error.
fn ignore_broken_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
