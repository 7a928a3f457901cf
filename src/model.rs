//! Plain data shared by every layer: articles, their kinds, page headers and person mentions.
//!
//! Nothing here parses or renders; the ingest pipeline fills these values, the store indexes
//! them, the exporter and the terminal reader only read them.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// What sort of item an article is on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A story with a headline, usually opened by `本报讯`.
    News,
    /// A photo caption, usually closed by `XXX 摄`.
    Photo,
    /// One `●` item of a briefs column.
    Brief,
    /// A signed opinion piece (`□作者`).
    Commentary,
}

impl Kind {
    /// The lowercase name used in the export and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Photo => "photo",
            Kind::Brief => "brief",
            Kind::Commentary => "commentary",
        }
    }
}

/// Page-header metadata (masthead, page number, section, date, staff) when the dump has one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageHeader {
    /// The paper's name as printed (Chinese or romanised masthead).
    pub paper: Option<String>,
    /// Page number such as `A08`.
    pub page_no: Option<String>,
    /// Section name such as `孟州新闻`.
    pub section: Option<String>,
    /// Issue date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Staff credits by role (`编辑`, `校对`, `组版` …).
    pub staff: BTreeMap<String, String>,
    /// The news hotline number.
    pub hotline: Option<String>,
}

/// A person named in an article, with the role printed next to the name when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonMention {
    /// Full name as printed, without title.
    pub name: String,
    /// Role or title printed before the name (`山阳区委书记`), if any.
    pub role: Option<String>,
}

/// One article of a page: a story, a photo caption, a brief item or a commentary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The source file path as given on the command line (or the sample's file name).
    pub source: String,
    /// Position of the article within its source file, counting from 0.
    pub ordinal: u32,
    /// What sort of item this is.
    pub kind: Kind,
    /// Main headline, `None` when the dump has none.
    pub title: Option<String>,
    /// 引题: the line printed above the main headline.
    pub kicker: Option<String>,
    /// 副题: the line printed below the main headline.
    pub subtitle: Option<String>,
    /// Column label the item sits under (`政务简报`, `百字新闻`).
    pub column: Option<String>,
    /// The page header in force where the article appears.
    pub page: Option<Arc<PageHeader>>,
    /// Event date: `MM-DD`, or `YYYY-MM-DD` when the year is known.
    pub date: Option<String>,
    /// County or district the story is about, as named in the text.
    pub region: Option<String>,
    /// Reporters named in the dateline (`记者…`).
    pub reporters: Vec<String>,
    /// Correspondents named in the dateline (`通讯员…`).
    pub correspondents: Vec<String>,
    /// Trailing credits: bylines in parentheses, photographers, commentary authors.
    pub credits: Vec<String>,
    /// Distinct people named in the title or body, in order of first appearance.
    pub persons: Vec<PersonMention>,
    /// The body reflowed for reading, one string per paragraph.
    pub paragraphs: Vec<String>,
}

impl Article {
    /// A new, empty article of the given kind from the given source.
    pub fn new(source: &str, ordinal: u32, kind: Kind) -> Self {
        Article {
            source: source.to_owned(),
            ordinal,
            kind,
            title: None,
            kicker: None,
            subtitle: None,
            column: None,
            page: None,
            date: None,
            region: None,
            reporters: Vec::new(),
            correspondents: Vec::new(),
            credits: Vec::new(),
            persons: Vec::new(),
            paragraphs: Vec::new(),
        }
    }

    /// Identity that survives re-parsing the same file: `source#ordinal`.
    pub fn key(&self) -> String {
        format!("{}#{}", self.source, self.ordinal)
    }

    /// Person names only, in order of first appearance.
    pub fn person_names(&self) -> impl Iterator<Item = &str> {
        self.persons.iter().map(|p| p.name.as_str())
    }

    /// Body text with paragraphs joined by newlines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n")
    }
}
