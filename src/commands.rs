//! What each subcommand does: load the corpus, then read, export, search or list people;
//! or list and prune the cache.
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

use rayon::prelude::*;

use crate::cache::{Bodies, Cache, EntryInfo};
use crate::cli::{
    CacheArgs, Cli, Command, ConfigArgs, ExportArgs, PeopleArgs, PeopleFilter, PeopleFormat,
    ReadArgs, SearchArgs, SearchFormat,
};
use crate::config::{Config, config_path, default_file};
use crate::corpus::{IndexCache, LoadOptions, Loaded, load_with};
use crate::export::write_articles;
use crate::fulltext::{self, FullText};
use crate::input::InputError;
use crate::model::Article;
use crate::progress::LoadBar;
use crate::query::{self, Atom, BodyMatches, Sets};
use crate::say::say;
use crate::search::Catalog;
use crate::search::{Query, Scope, search};
use crate::state::{CorpusId, StateDir};
use crate::store::{ArticleId, DateKey, Store};
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
        Some(Command::Search(args)) => search_command(args, &options),
        Some(Command::Cache(args)) => cache_command(&args),
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

/// Exit code of a search that found something.
const MATCHED: u8 = 0;
/// Exit code of a search that found nothing (as grep's).
const NO_MATCH: u8 = 1;
/// Exit code of a search that failed, or read only some of its files (as grep's).
const SEARCH_ERROR: u8 = 2;
/// Characters of context on each side of a result line's snippet.
const SNIPPET_CONTEXT: usize = 12;

/// The bookmarks and read marks saved for the corpus of `articles` (empty when none).
fn saved_sets(articles: &[Article]) -> (BTreeSet<String>, BTreeSet<String>) {
    let Some(dir) = StateDir::locate() else {
        return (BTreeSet::new(), BTreeSet::new());
    };
    let saved = dir.load(CorpusId::of(articles.iter().map(|a| &*a.source)));
    if let Some(notice) = saved.notice {
        say(notice);
    }
    (saved.state.bookmarks, saved.state.read)
}

/// The full-text index of a load: beside its cache entry, or in memory without a cache. When
/// the saved index was not opened as it was (built, updated), one line on stderr says so.
fn fulltext_of(loaded: &Loaded) -> Result<FullText> {
    let built = match loaded.cache_entry() {
        Some((cache, fingerprint)) => {
            fulltext::disk::open_or_build(cache, fingerprint, &loaded.articles).map(
                |(index, outcome)| {
                    if let Some(notice) = outcome.notice() {
                        say(notice);
                    }
                    index
                },
            )
        }
        None => FullText::build_in_ram(&loaded.articles),
    };
    built.context("building the full-text index")
}

/// An article found, and where it ranks.
struct Found {
    index: usize,
    headline: bool,
    score: f32,
}

/// The articles of `loaded` matching `query`: those matched in their headline first, then by
/// relevance of their text, then in load order; for a query of conditions only (no word,
/// phrase or headline clause), the newest first, then in load order.
fn find(loaded: &Loaded, query: &query::Query, index: &FullText) -> Result<Vec<Found>> {
    let text_of = |id: ArticleId| {
        let article = loaded.articles.get(usize::try_from(id.0).ok()?)?;
        Some(fulltext::indexed_text(article))
    };
    let body =
        BodyMatches::from_index(index, query, &text_of).context("searching the full-text index")?;
    let uses_sets = query.clauses().any(|c| matches!(c.atom, Atom::Is(_)));
    let (bookmarks, read) = if uses_sets {
        saved_sets(&loaded.articles)
    } else {
        (BTreeSet::new(), BTreeSet::new())
    };
    let sets = Sets {
        bookmarks: &bookmarks,
        read: &read,
    };
    let mut found: Vec<Found> = loaded
        .articles
        .par_iter()
        .enumerate()
        .filter_map(|(i, article)| {
            let id = ArticleId(u32::try_from(i).ok()?);
            query.matches(id, article, &body, &sets).then(|| Found {
                index: i,
                headline: query.matches_headline(article),
                score: body.score(id),
            })
        })
        .collect();
    if ranks(query) {
        found.sort_by(|a, b| {
            b.headline
                .cmp(&a.headline)
                .then(b.score.total_cmp(&a.score))
                .then(a.index.cmp(&b.index))
        });
    } else {
        // Nothing ranks the articles a query of conditions only finds: the newest first.
        let dates = comparable_dates(&loaded.articles);
        found.sort_by_key(|f| (std::cmp::Reverse(dates.get(f.index).copied()), f.index));
    }
    Ok(found)
}

/// True when the query has a word, phrase or headline clause (not negated) to rank by.
fn ranks(query: &query::Query) -> bool {
    query.clauses().filter(|c| !c.negated).any(|c| {
        matches!(
            c.atom,
            Atom::Word(_) | Atom::Phrase(_) | Atom::Exact(_) | Atom::Prefix(_) | Atom::Suffix(_)
        )
    })
}

/// Every article's date as a sortable key (0 when undated), as the reader compares them: a
/// date without a year takes the corpus's year when its dated articles name only one.
fn comparable_dates(articles: &[Article]) -> Vec<DateKey> {
    let keys: Vec<DateKey> = articles
        .par_iter()
        .map(|a| {
            a.date()
                .and_then(|d| DateKey::parse(d, 0))
                .unwrap_or_default()
        })
        .collect();
    let years = keys.iter().map(|k| k.year()).filter(|&y| y != 0);
    let single = match (years.clone().min(), years.max()) {
        (Some(first), Some(last)) if first == last => first,
        _ => return keys,
    };
    keys.into_iter()
        .map(|k| match k {
            k if k.0 != 0 && k.year() == 0 => DateKey(single * 10_000 + k.0),
            k => k,
        })
        .collect()
}

/// One line of text: line breaks as spaces.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\t', '\r'], " ")
}

/// The title of an article, or the start of its text when it has none.
fn title_or_start(article: &Article) -> String {
    match article.title() {
        Some(t) => one_line(t),
        None => article
            .paragraphs()
            .next()
            .map(|p| p.chars().take(24).collect())
            .unwrap_or_default(),
    }
}

fn search_command(args: SearchArgs, options: &LoadOptions) -> Result<ExitCode> {
    let query = match query::Query::parse(&args.query) {
        Ok(q) if q.is_empty() => {
            say("bad query: it is empty (give a word, a phrase or a field)");
            return Ok(ExitCode::from(SEARCH_ERROR));
        }
        Ok(q) => q,
        Err(e) => {
            say(format!("bad query {:?}: {e}", args.query));
            return Ok(ExitCode::from(SEARCH_ERROR));
        }
    };
    // The index answers for the bodies: from the cache only the bodies of the articles a
    // word's candidates or the output need are read.
    let options = LoadOptions {
        bodies: Bodies::Defer,
        ..options.clone()
    };
    let mut loaded = load_with_bar(&args.paths, &options);
    let pending = loaded.pending.take();
    let index = fulltext_of(&loaded)?;
    let found = with_cache_write(pending, &loaded.articles, None, || {
        find(&loaded, &query, &index)
    })?;
    let terms: Vec<&str> = query
        .clauses()
        .filter(|c| !c.negated)
        .filter_map(|c| match &c.atom {
            Atom::Word(t) | Atom::Phrase(t) | Atom::Exact(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = write_found(&mut out, &loaded.articles, &found, &terms, &args);
    ignore_broken_pipe(written).context("writing the results")?;
    for error in &loaded.errors {
        say(error);
    }
    let code = if !loaded.errors.is_empty() {
        SEARCH_ERROR
    } else if found.is_empty() {
        NO_MATCH
    } else {
        MATCHED
    };
    // Freeing a million articles one by one is a tenth of a large search, and the process
    // ends next, giving their memory back whole.
    std::mem::forget(loaded);
    Ok(ExitCode::from(code))
}

/// Articles whose output is made side by side, then written in order.
const WRITE_BATCH: usize = 512;

/// Writes the results: one line per article, or with `--kwic` one per match. The lines of a
/// batch of articles are made in parallel (reading their bodies, finding the matches), then
/// written in order.
fn write_found<W: Write>(
    out: &mut W,
    articles: &[Article],
    found: &[Found],
    terms: &[&str],
    args: &SearchArgs,
) -> io::Result<()> {
    for batch in found.chunks(WRITE_BATCH) {
        let made: Vec<io::Result<Vec<u8>>> = batch
            .par_iter()
            .map(|f| {
                let mut lines = Vec::new();
                if let Some(article) = articles.get(f.index) {
                    write_article(&mut lines, article, f, terms, args)?;
                }
                Ok(lines)
            })
            .collect();
        for lines in made {
            out.write_all(&lines?)?;
        }
    }
    out.flush()
}

/// Writes the result lines of one article found.
fn write_article(
    out: &mut Vec<u8>,
    article: &Article,
    f: &Found,
    terms: &[&str],
    args: &SearchArgs,
) -> io::Result<()> {
    let text = fulltext::indexed_text(article);
    let key = article.key();
    let date = article.date().unwrap_or("");
    if let Some(n) = args.kwic {
        let mut matches: Vec<fulltext::Kwic> = terms
            .iter()
            .flat_map(|t| fulltext::kwic(&text, t, n))
            .collect();
        matches.sort_by_key(|m| m.at);
        for m in matches {
            match args.format {
                SearchFormat::Text => writeln!(
                    out,
                    "{key}\t{}\t{}\t{}",
                    one_line(m.before),
                    one_line(m.hit),
                    one_line(m.after)
                )?,
                SearchFormat::Jsonl => {
                    let record = serde_json::json!({
                        "id": key, "at": m.at, "before": m.before, "hit": m.hit, "after": m.after,
                    });
                    serde_json::to_writer(&mut *out, &record)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        return Ok(());
    }
    let snippet = terms
        .iter()
        .find_map(|t| fulltext::kwic(&text, t, SNIPPET_CONTEXT).into_iter().next())
        .map(|m| format!("{}{}{}", m.before, m.hit, m.after))
        .unwrap_or_else(|| {
            article
                .paragraphs()
                .next()
                .unwrap_or("")
                .chars()
                .take(2 * SNIPPET_CONTEXT)
                .collect()
        });
    let title = title_or_start(article);
    match args.format {
        SearchFormat::Text => writeln!(out, "{key}\t{date}\t{title}\t{}", one_line(&snippet))?,
        SearchFormat::Jsonl => {
            let record = serde_json::json!({
                "id": key, "date": article.date(), "title": article.title(),
                "kind": article.kind.as_str(), "snippet": snippet,
                "in_headline": f.headline, "score": f.score,
            });
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// `papertui cache`: list, clear or prune the cache's entries.
fn cache_command(args: &CacheArgs) -> Result<ExitCode> {
    let cache = Cache::from_env().context("no cache directory: set PAPERTUI_CACHE_DIR or HOME")?;
    let mut out = io::stdout().lock();
    if args.list {
        let entries = cache.entries().context("listing the cache")?;
        writeln!(out, "{}", cache.dir().display())?;
        for e in &entries {
            writeln!(
                out,
                "{}  {:>10}  (articles {}, indexes {}, full text {})  last used {}",
                e.name,
                human_bytes(e.total_bytes()),
                human_bytes(e.corpus_bytes),
                human_bytes(e.indexes_bytes),
                human_bytes(e.fulltext_bytes),
                e.last_used.map_or_else(|| "unknown".to_owned(), ago),
            )?;
        }
        let total: u64 = entries.iter().map(EntryInfo::total_bytes).sum();
        writeln!(out, "{} entries, {}", entries.len(), human_bytes(total))?;
        return Ok(ExitCode::SUCCESS);
    }
    let removed = if args.clear {
        cache.clear()
    } else {
        cache.prune_to(args.keep)
    }
    .context("removing cache entries")?;
    let freed: u64 = removed.iter().map(EntryInfo::total_bytes).sum();
    writeln!(
        out,
        "removed {} entries, {}",
        removed.len(),
        human_bytes(freed)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Bytes in B, KiB, MiB or GiB.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// How long ago `when` was, in the largest whole unit.
fn ago(when: std::time::SystemTime) -> String {
    let secs = when.elapsed().map_or(0, |d| d.as_secs());
    match secs {
        s if s < 120 => format!("{s} s ago"),
        s if s < 7200 => format!("{} min ago", s / 60),
        s if s < 172_800 => format!("{} h ago", s / 3600),
        s => format!("{} days ago", s / 86_400),
    }
}

/// `papertui export | head` closes the pipe early; that is not an error.
fn ignore_broken_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
