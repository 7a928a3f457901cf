//! The export format: one JSON object per article (JSON Lines) or one JSON array.
//!
//! Field names are a public interface documented in the README; they are spelled out here in
//! one struct so that the data model can change without changing the export.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Article, Kind, PageHeader};

/// One exported article, borrowing from the article it describes.
#[derive(Serialize)]
pub struct ExportRecord<'a> {
    /// `source#ordinal`: stable across re-parsing the same file.
    pub id: String,
    /// The file path as given.
    pub source: &'a str,
    /// news / photo / brief / commentary.
    pub kind: Kind,
    /// Main headline.
    pub title: Option<&'a str>,
    /// 引题.
    pub kicker: Option<&'a str>,
    /// 副题.
    pub subtitle: Option<&'a str>,
    /// Column label.
    pub column: Option<&'a str>,
    /// Page header metadata.
    pub page: Option<&'a PageHeader>,
    /// `MM-DD` or `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// County or district.
    pub region: Option<&'a str>,
    /// Reporters.
    pub reporters: Vec<&'a str>,
    /// Correspondents.
    pub correspondents: Vec<&'a str>,
    /// Trailing credits.
    pub credits: Vec<&'a str>,
    /// Person names, in order of first appearance.
    pub persons: Vec<&'a str>,
    /// Roles printed next to person names, where there are any.
    pub person_roles: Vec<PersonRole<'a>>,
    /// Body paragraphs.
    pub paragraphs: Vec<&'a str>,
    /// Where the page model was unsure: `headline`, `boundary`.
    pub doubts: Vec<&'static str>,
}

/// A person and the role printed next to the name.
#[derive(Serialize)]
pub struct PersonRole<'a> {
    /// Full name.
    pub name: &'a str,
    /// Role as printed.
    pub role: &'a str,
}

impl<'a> ExportRecord<'a> {
    /// The export view of one article.
    pub fn new(article: &'a Article) -> Self {
        ExportRecord {
            id: article.key(),
            source: &article.source,
            kind: article.kind,
            title: article.title(),
            kicker: article.kicker(),
            subtitle: article.subtitle(),
            column: article.column(),
            page: article.page.as_deref(),
            date: article.date(),
            region: article.region(),
            reporters: article.reporters().collect(),
            correspondents: article.correspondents().collect(),
            credits: article.credits().collect(),
            persons: article.person_names().collect(),
            person_roles: article
                .persons()
                .filter_map(|p| p.role.map(|role| PersonRole { name: p.name, role }))
                .collect(),
            paragraphs: article.paragraphs().collect(),
            doubts: article.doubts.names(),
        }
    }
}

/// Output shape of `papertui export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
}

/// Write articles in the given format.
pub fn write_articles<'a, W: Write>(
    out: &mut W,
    articles: impl IntoIterator<Item = &'a Article>,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for article in articles {
                serde_json::to_writer(&mut *out, &ExportRecord::new(article))?;
                out.write_all(b"\n")?;
            }
        }
        Format::Json => {
            let records: Vec<ExportRecord> = articles.into_iter().map(ExportRecord::new).collect();
            serde_json::to_writer_pretty(&mut *out, &records)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
