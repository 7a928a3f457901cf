//! What each subcommand does: load the corpus, then read, export or list people.
//!
//! Every command loads the same way and reports unreadable files the same way (on stderr, with
//! the path and the reason), so a bad file never stops the others and the exit code says so.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::{Cli, Command, ExportArgs, PeopleArgs, PeopleFormat, ReadArgs};
use crate::corpus::{Loaded, load};
use crate::export::write_articles;
use crate::store::Store;
use crate::text::pad_right;
use crate::tui::{TuiOptions, run as run_tui};

/// Exit code when some input files could not be read but the rest were used.
const SOME_FILES_FAILED: u8 = 1;

/// Run the command line; the exit code says whether every input file could be read.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => read(cli.read),
        Some(Command::Export(args)) => export(args),
        Some(Command::People(args)) => people(args),
    }
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
    let mut loaded = load(&args.paths);
    let store = Store::from_articles(std::mem::take(&mut loaded.articles));
    let options = TuiOptions {
        query: args.query,
        person: args.person,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    run_tui(store, options)?;
    Ok(report_errors(&loaded))
}

fn export(args: ExportArgs) -> Result<ExitCode> {
    let mut loaded = load(&args.paths);
    let articles = std::mem::take(&mut loaded.articles);
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
