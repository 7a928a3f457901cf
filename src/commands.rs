//! What each subcommand does: load the corpus, then read, export or list people.
//!
//! Every command loads the same way and reports unreadable files the same way (on stderr, with
//! the path and the reason), so a bad file never stops the others and the exit code says so.
//! The reader reads its configuration before anything else, so a mistake in it is an error
//! message and a non-zero exit before the terminal is touched; so is the lack of a terminal.
//! Messages go through [`say`], which never panics on a stderr that has gone away.

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
use crate::say::say;
use crate::search::Catalog;
use crate::search::{Query, Scope, search};
use crate::state::{CorpusId, StateDir};
use crate::store::{ArticleId, Store};
use crate::text::pad_right;
use crate::tui::{TuiOptions, run_loading};

/// Exit code when some input files could not be read but the rest were used.
const SOME_FILES_FAILED: u8 = 1;
/// Exit code of an export that found nothing to write (as grep's).
const NOTHING_FOUND: u8 = 1;

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
        say(notice);
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
    indexes: Option<(&IndexCache, &Catalog)>,
    work: impl FnOnce() -> T,
) -> T {
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            if let Some(p) = pending {
                p.write(articles)?;
            }
            match indexes {
                Some((ix, catalog)) => ix.write(catalog),
                None => Ok(()),
            }
        });
        let result = work();
        if let Ok(Err(error)) = writer.join() {
            say(format!(
                "could not write the cache (next start parses again): {error}"
            ));
        }
        result
    })
}

fn report_errors(errors: &[InputError]) -> ExitCode {
    for error in errors {
        say(error);
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SOME_FILES_FAILED)
    }
}

fn read(args: ReadArgs, load: LoadOptions) -> Result<ExitCode> {
    let config = load_config()?;
    crate::tui::term::check()?;
    let options = TuiOptions {
        query: args.query,
        person: args.person,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        config: Arc::new(config),
        ..TuiOptions::default()
    };
    let paths = args.paths.clone();
    let report = run_loading(args.paths, load, options)?;
    if let Some(error) = &report.cache_error {
        say(format!(
            "could not write the cache (next start parses again): {error}"
        ));
    }
    let code = report_errors(&report.errors);
    if report.nothing_loaded {
        let named: Vec<String> = paths.iter().map(|p| crate::escape::path(p)).collect();
        if report.errors.is_empty() {
            say(format!(
                "nothing to read: no articles in page files (*.txt) under {}",
                named.join(" ")
            ));
        } else {
            say("nothing to read: no page could be loaded");
        }
        return Ok(ExitCode::from(SOME_FILES_FAILED));
    }
    Ok(code)
}

fn export(args: ExportArgs, options: &LoadOptions) -> Result<ExitCode> {
    let mut loaded = load_with_bar(&args.paths, options);
    let pending = loaded.pending.take();
    let bookmarks = args.bookmarked.then(|| bookmarks_of(&loaded.articles));
    let wanted = |a: &Article| bookmarks.as_ref().is_none_or(|b| b.contains(&a.key()));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut written = 0usize;
    let result = match &args.person {
        Some(name) => {
            let store = loaded.take_catalog();
            let indexes = loaded.indexes.as_ref().map(|ix| (ix, &store));
            with_cache_write(pending, store.articles(), indexes, || {
                let chosen: Vec<&Article> = articles_naming(&store, name)
                    .into_iter()
                    .map(|id| store.article(id))
                    .filter(|a| wanted(a))
                    .collect();
                written = chosen.len();
                write_articles(&mut out, chosen, args.format)
            })
        }
        None => with_cache_write(pending, &loaded.articles, None, || {
            let chosen: Vec<&Article> = loaded.articles.iter().filter(|a| wanted(a)).collect();
            written = chosen.len();
            write_articles(&mut out, chosen, args.format)
        }),
    };
    ignore_broken_pipe(result).context("writing the export")?;
    let code = report_errors(&loaded.errors);
    if written == 0 {
        let what = match (&args.person, args.bookmarked) {
            (Some(name), true) => format!("no bookmarked article names {name:?}"),
            (Some(name), false) => format!("no article names {name:?}"),
            (None, true) => "no article is bookmarked".to_owned(),
            (None, false) => "no articles".to_owned(),
        };
        say(format!("nothing exported: {what}"));
        return Ok(ExitCode::from(NOTHING_FOUND));
    }
    Ok(code)
}

/// The articles naming `name`, in article order: the person of that exact name, else everyone
/// the reader's `@name` filter matches (pinyin, initials, part of a name).
fn articles_naming(store: &Catalog, name: &str) -> Vec<ArticleId> {
    if let Some(p) = store.person_by_name(name.trim()) {
        return store
            .articles_of_person(p)
            .iter()
            .map(|a| a.article)
            .collect();
    }
    let query = Query::parse(&format!("@{}", name.trim()), Scope::All);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut ids: Vec<ArticleId> = search(store, &query, None, &cancel)
        .map(|r| r.ids().collect())
        .unwrap_or_default();
    ids.sort_unstable();
    ids
}

fn people(args: PeopleArgs, options: &LoadOptions) -> Result<ExitCode> {
    // People and their roles are in the articles' heads: bodies can stay in the cache.
    let options = LoadOptions {
        bodies: Bodies::Defer,
        ..options.clone()
    };
    let mut loaded = load_with_bar(&args.paths, &options);
    let pending = loaded.pending.take();
    let store = loaded.take_catalog();
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
