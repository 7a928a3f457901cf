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

use crate::cache::{Bodies, Cache};
use crate::cli::{
    Cli, Command, ConfigArgs, ExportArgs, PeopleArgs, PeopleFilter, PeopleFormat, ReadArgs,
};
use crate::config::{Config, config_path, default_file};
use crate::corpus::{IndexCache, LoadOptions, Loaded, load_with};
use crate::export::write_articles;
use crate::input::InputError;
use crate::model::Article;
use crate::progress::LoadBar;
use crate::state::{CorpusId, StateDir};
use crate::store::Store;
use crate::text::pad_right;
use crate::tui::{TuiOptions, run_loading};

/// Exit code when some input files could not be read but the rest were used.
const SOME_FILES_FAILED: u8 = 1;

/// Run the command line; the exit code says whether every input file could be read.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let options = load_options(cli.no_cache);
    match cli.command {
        None => read(cli.read, options),
        Some(Command::Export(args)) => export(args, &options),
        Some(Command::People(args)) => people(args, &options),
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

/// The bookmarks saved for the corpus of `articles` (empty when there are none).
fn bookmarks_of(articles: &[Article]) -> BTreeSet<String> {
    let Some(dir) = StateDir::locate() else {
        return BTreeSet::new();
    };
    let saved = dir.load(CorpusId::of(articles.iter().map(|a| &*a.source)));
    if let Some(notice) = saved.notice {
        eprintln!("papertui: {notice}");
    }
    saved.state.bookmarks
}

/// The cache to use unless `--no-cache` was given.
pub fn load_options(no_cache: bool) -> LoadOptions {
    LoadOptions {
        cache: if no_cache { None } else { Cache::from_env() },
        cancel: None,
        bodies: Bodies::Read,
    }
}

/// Loads with a progress bar on stderr (shown only on a terminal).
fn load_with_bar(paths: &[std::path::PathBuf], options: &LoadOptions) -> Loaded {
    let bar = LoadBar::stderr();
    let loaded = load_with(paths, options, &mut |p, _| bar.update(p));
    bar.finish();
    loaded
}

/// Runs `work` on `articles` while the cache entry of the load (if any) is written beside it,
/// then the store's indexes when a store was built.
///
/// A cache that cannot be written costs only speed next time, so it is a warning.
fn with_cache_write<T>(
    pending: Option<crate::corpus::PendingSave>,
    articles: &[Article],
    indexes: Option<(&IndexCache, &Store)>,
    work: impl FnOnce() -> T,
) -> T {
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            if let Some(p) = pending {
                p.write(articles)?;
            }
            match indexes {
                Some((ix, store)) => ix.write(store),
                None => Ok(()),
            }
        });
        let result = work();
        if let Ok(Err(error)) = writer.join() {
            eprintln!("papertui: could not write the cache (next start parses again): {error}");
        }
        result
    })
}

fn report_errors(errors: &[InputError]) -> ExitCode {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for error in errors {
        let _ = writeln!(err, "papertui: {error}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SOME_FILES_FAILED)
    }
}

fn read(args: ReadArgs, load: LoadOptions) -> Result<ExitCode> {
    let config = load_config()?;
    let options = TuiOptions {
        query: args.query,
        person: args.person,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        config: Arc::new(config),
        ..TuiOptions::default()
    };
    let report = run_loading(args.paths, load, options)?;
    if let Some(error) = &report.cache_error {
        eprintln!("papertui: could not write the cache (next start parses again): {error}");
    }
    Ok(report_errors(&report.errors))
}

fn export(args: ExportArgs, options: &LoadOptions) -> Result<ExitCode> {
    let mut loaded = load_with_bar(&args.paths, options);
    let pending = loaded.pending.take();
    let bookmarks = args.bookmarked.then(|| bookmarks_of(&loaded.articles));
    let wanted = |a: &Article| bookmarks.as_ref().is_none_or(|b| b.contains(&a.key()));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match &args.person {
        Some(name) => {
            let store = loaded.take_store();
            let indexes = loaded.indexes.as_ref().map(|ix| (ix, &store));
            with_cache_write(pending, store.articles(), indexes, || {
                let ids = store
                    .person_by_name(name)
                    .map(|p| store.articles_of_person(p).to_vec())
                    .unwrap_or_default();
                write_articles(
                    &mut out,
                    ids.iter()
                        .map(|a| store.article(a.article))
                        .filter(|a| wanted(a)),
                    args.format,
                )
            })
        }
        None => with_cache_write(pending, &loaded.articles, None, || {
            write_articles(
                &mut out,
                loaded.articles.iter().filter(|a| wanted(a)),
                args.format,
            )
        }),
    };
    ignore_broken_pipe(result).context("writing the export")?;
    Ok(report_errors(&loaded.errors))
}

fn people(args: PeopleArgs, options: &LoadOptions) -> Result<ExitCode> {
    // People and their roles are in the articles' heads: bodies can stay in the cache.
    let options = LoadOptions {
        bodies: Bodies::Defer,
        ..options.clone()
    };
    let mut loaded = load_with_bar(&args.paths, &options);
    let pending = loaded.pending.take();
    let store = loaded.take_store();
    let indexes = loaded.indexes.as_ref().map(|ix| (ix, &store));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = with_cache_write(pending, store.articles(), indexes, || {
        write_people(&mut out, &store, args.format, args.only)
    });
    ignore_broken_pipe(result).context("writing people")?;
    Ok(report_errors(&loaded.errors))
}

/// Write every person (of `only`) with how many articles name and only credit them, and the
/// roles seen: people the text names first, most often named first; then the paper's staff.
pub fn write_people<W: Write>(
    out: &mut W,
    store: &Store,
    format: PeopleFormat,
    only: PeopleFilter,
) -> io::Result<()> {
    let listed = || {
        store.people().iter().copied().filter(move |&p| match only {
            PeopleFilter::All => true,
            PeopleFilter::Named => !store.person_is_credited_only(p),
            PeopleFilter::Credited => store.person_is_credited_only(p),
        })
    };
    let name_width = listed()
        .map(|p| crate::text::width(store.person_name(p)))
        .max()
        .unwrap_or(0);
    for id in listed() {
        let roles: Vec<&str> = store
            .person_roles(id)
            .iter()
            .map(|&(role, _)| store.role(role))
            .collect();
        let count = store.person_count(id);
        let named = store.person_named_count(id);
        let credited = count - named;
        let name = store.person_name(id);
        match format {
            PeopleFormat::Text => writeln!(
                out,
                "{} {named:>5} {:<12} {}",
                pad_right(name, name_width),
                if credited > 0 {
                    format!("+{credited} credited")
                } else {
                    String::new()
                },
                roles.join("、")
            )?,
            PeopleFormat::Jsonl => {
                let record = serde_json::json!({
                    "name": name,
                    "articles": count,
                    "named": named,
                    "credited": credited,
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
