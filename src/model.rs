//! Plain data shared by every layer: articles, their kinds, page headers and person mentions.
//!
//! Nothing here parses or renders; the ingest pipeline fills these values, the store indexes
//! them, the exporter and the terminal reader only read them. The one read from disk is a body
//! left in the cache, and only when asked for ([`Article::load_paragraphs`]).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

mod packed;
pub use packed::{ABSENT, Packed};

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

/// Where the page model was unsure how it read an article: the best and the second-best
/// reading of the page were close.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Doubts {
    /// The headline might belong to the neighbouring story, or to none.
    pub headline: bool,
    /// The article might start or end elsewhere: be two stories, or part of one.
    pub boundary: bool,
}

impl Doubts {
    /// Whether there is any doubt.
    pub fn any(self) -> bool {
        self.headline || self.boundary
    }

    /// The doubts by name (`headline`, `boundary`), as in the export.
    pub fn names(self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.headline {
            names.push("headline");
        }
        if self.boundary {
            names.push("boundary");
        }
        names
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
    /// Role or title printed beside the name (`山阳区委书记`, `某某首相`), if any.
    pub role: Option<String>,
}

/// A person of an article as stored: the name and the role printed next to it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PersonRef<'a> {
    /// Full name as printed, without title.
    pub name: &'a str,
    /// Role or title printed before the name, if any.
    pub role: Option<&'a str>,
}

impl PersonRef<'_> {
    /// An owned copy.
    pub fn to_owned(self) -> PersonMention {
        PersonMention {
            name: self.name.to_owned(),
            role: self.role.map(str::to_owned),
        }
    }
}

/// The text fields of an article in owned form: how the parser builds an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleText {
    /// Main headline, `None` when the dump has none.
    pub title: Option<String>,
    /// 引题: the line printed above the main headline.
    pub kicker: Option<String>,
    /// 副题: the line printed below the main headline.
    pub subtitle: Option<String>,
    /// Column label the item sits under (`政务简报`, `百字新闻`).
    pub column: Option<String>,
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

/// Number of single optional pieces at the start: title, kicker, subtitle, column, date, region.
const SINGLES: usize = 6;
/// Position of the title among the pieces.
const TITLE: usize = 0;
/// Position of the kicker among the pieces.
const KICKER: usize = 1;
/// Position of the subtitle among the pieces.
const SUBTITLE: usize = 2;
/// Position of the column among the pieces.
const COLUMN: usize = 3;
/// Position of the date among the pieces.
const DATE: usize = 4;
/// Position of the region among the pieces.
const REGION: usize = 5;

/// Index into [`Article`]'s list counts.
#[derive(Clone, Copy)]
enum List {
    Reporters = 0,
    Correspondents = 1,
    Credits = 2,
    Persons = 3,
    Paragraphs = 4,
}

/// Position of the number of paragraphs among an article's list counts.
pub(crate) const PARAGRAPH_COUNT: usize = List::Paragraphs as usize;

/// Pieces per entry of each list (a person is a name and a role).
const PIECES_PER: [usize; 5] = [1, 1, 1, 2, 1];

/// Reads deferred article bodies back from where they were saved (a cache entry).
pub trait BodyReader: Send + Sync {
    /// The body at `at` with `paragraphs` paragraphs: the paragraphs back to back and the end
    /// of each, or a message saying why it cannot be read.
    fn read_body(&self, at: &BodyAt, paragraphs: u32) -> Result<PackedBody, String>;
}

/// Where a deferred body is saved, as its reader understands it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyAt {
    /// Byte offset of the body.
    pub offset: u64,
    /// Length of the body in bytes.
    pub len: u32,
    /// Checksum of those bytes.
    pub crc: u32,
}

/// An article body in packed form: its paragraphs back to back, and the end of each.
pub type PackedBody = Packed;

/// An article body left where it was saved, read the first time it is asked for.
///
/// The list and the filter never read bodies, so a corpus reopened from the cache keeps only
/// its headlines, names and labels in memory; a body is read when its article is opened.
#[derive(Clone)]
struct DeferredBody {
    reader: Arc<dyn BodyReader>,
    at: BodyAt,
    paragraphs: u32,
    loaded: OnceLock<Result<PackedBody, String>>,
}

/// One article of a page: a story, a photo caption, a brief item or a commentary.
///
/// All its text (headlines, labels, names, roles and paragraphs) is kept back to back in one
/// buffer with the end of each piece in a second one: two allocations per article instead of
/// one per string, which at a hundred thousand articles is most of the memory besides the text.
/// The fields are read through accessors and written through setters.
///
/// An article read back from the cache may leave its paragraphs there (see [`BodyReader`]):
/// they are read when asked for with [`Article::load_paragraphs`], which says why when that
/// fails; nothing else reads them.
#[derive(Clone)]
pub struct Article {
    /// The source file path as given on the command line (or the sample's file name); shared
    /// by the articles of one file.
    pub source: Arc<str>,
    /// Position of the article within its source file, counting from 0.
    pub ordinal: u32,
    /// What sort of item this is.
    pub kind: Kind,
    /// The page header in force where the article appears.
    pub page: Option<Arc<PageHeader>>,
    /// Where the page model was unsure about this article.
    pub doubts: Doubts,
    /// Every piece of text (absent for a missing optional field): the six single fields,
    /// then reporters, correspondents, credits, persons (name, role) and paragraphs. The
    /// paragraphs are not here when the body is deferred.
    text: Packed,
    /// Entries of each list, in [`List`] order.
    counts: [u32; 5],
    /// The paragraphs, when they are still where they were saved.
    deferred: Option<Box<DeferredBody>>,
}

/// Two articles are equal when everything they hold is: a body still where it was saved is
/// not read to compare (see [`Article::load_paragraphs`]), so it equals only a body in the
/// same state.
impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
            && self.ordinal == other.ordinal
            && self.kind == other.kind
            && self.doubts == other.doubts
            && self.page == other.page
            && self.counts == other.counts
            && self.head() == other.head()
            && self.paragraphs().eq(other.paragraphs())
            && self.body_is_deferred() == other.body_is_deferred()
            && self.body_error() == other.body_error()
    }
}

impl Eq for Article {}

/// The pieces of an article's text in order, each `None` when an absent optional field.
type Pieces<'a> = Vec<Option<&'a str>>;

impl Article {
    /// A new, empty article of the given kind from the given source.
    pub fn new(source: impl Into<Arc<str>>, ordinal: u32, kind: Kind) -> Self {
        Article {
            source: source.into(),
            ordinal,
            kind,
            page: None,
            doubts: Doubts::default(),
            text: Packed::of(&[None; SINGLES]),
            counts: [0; 5],
            deferred: None,
        }
    }

    /// An article with the given text fields.
    pub fn with_text(
        source: impl Into<Arc<str>>,
        ordinal: u32,
        kind: Kind,
        page: Option<Arc<PageHeader>>,
        text: &ArticleText,
    ) -> Self {
        let singles = [
            &text.title,
            &text.kicker,
            &text.subtitle,
            &text.column,
            &text.date,
            &text.region,
        ];
        let mut pieces: Pieces<'_> = singles.iter().map(|s| s.as_deref()).collect();
        for list in [&text.reporters, &text.correspondents, &text.credits] {
            pieces.extend(list.iter().map(|s| Some(s.as_str())));
        }
        for p in &text.persons {
            pieces.push(Some(&p.name));
            pieces.push(p.role.as_deref());
        }
        pieces.extend(text.paragraphs.iter().map(|s| Some(s.as_str())));
        Article {
            source: source.into(),
            ordinal,
            kind,
            page,
            doubts: Doubts::default(),
            text: Packed::of(&pieces),
            counts: [
                text.reporters.len(),
                text.correspondents.len(),
                text.credits.len(),
                text.persons.len(),
                text.paragraphs.len(),
            ]
            .map(count),
            deferred: None,
        }
    }

    /// The article from its stored form ([`Article::packed`]); None when the parts disagree.
    ///
    /// With `deferred`, the stored form holds every piece but the paragraphs, which `reader`
    /// reads from `at` when first asked for.
    pub(crate) fn from_packed(
        source: Arc<str>,
        ordinal: u32,
        kind: Kind,
        page: Option<Arc<PageHeader>>,
        (text, ends, counts): (Box<str>, Box<[u32]>, [u32; 5]),
        deferred: Option<(Arc<dyn BodyReader>, BodyAt)>,
    ) -> Option<Self> {
        let mut pieces = SINGLES;
        for (n, per) in counts.iter().zip(PIECES_PER) {
            pieces = pieces.checked_add((*n as usize).checked_mul(per)?)?;
        }
        if deferred.is_some() {
            pieces -= counts[PARAGRAPH_COUNT] as usize;
        }
        if ends.len() != pieces {
            return None;
        }
        let text = Packed::from_parts(text, ends)?;
        Some(Article {
            source,
            ordinal,
            kind,
            page,
            doubts: Doubts::default(),
            text,
            counts,
            deferred: deferred.map(|(reader, at)| {
                Box::new(DeferredBody {
                    reader,
                    at,
                    paragraphs: counts[PARAGRAPH_COUNT],
                    loaded: OnceLock::new(),
                })
            }),
        })
    }

    /// A copy of the article without its paragraphs, whose body reads as the error `reason`
    /// until the real article replaces it: a cheap stand-in for a list of articles still
    /// loading. An article whose body is already deferred is copied as it is.
    pub fn head_only(&self, reason: &Arc<dyn BodyReader>) -> Article {
        if self.deferred.is_some() {
            return self.clone();
        }
        let (text, ends, counts) = self.packed_head();
        let at = BodyAt {
            offset: 0,
            len: 0,
            crc: 0,
        };
        let head = Article::from_packed(
            Arc::clone(&self.source),
            self.ordinal,
            self.kind,
            self.page.clone(),
            (text.into(), ends.into(), counts),
            Some((Arc::clone(reason), at)),
        );
        match head {
            Some(mut head) => {
                head.doubts = self.doubts;
                head
            }
            None => self.clone(),
        }
    }

    /// The stored form of every piece, paragraphs included; None when they are deferred.
    pub(crate) fn packed_full(&self) -> Option<(&str, &[u32], [u32; 5])> {
        self.deferred
            .is_none()
            .then_some((self.text.text(), self.text.ends(), self.counts))
    }

    /// The stored form of every piece but the paragraphs: their text, the end of each piece
    /// and the length of each list (paragraphs included).
    pub(crate) fn packed_head(&self) -> (&str, &[u32], [u32; 5]) {
        let (text, ends) = self.head();
        (text, ends, self.counts)
    }

    /// The stored form of the paragraphs (read first when deferred; an error when that fails).
    pub(crate) fn packed_body(&self) -> Result<PackedBody, String> {
        if let Some(d) = &self.deferred {
            return d.body().cloned().map_err(String::clone);
        }
        Ok(self.text.suffix(self.head_pieces()))
    }

    /// Number of pieces before the paragraphs.
    fn head_pieces(&self) -> usize {
        self.list_range(List::Paragraphs).start
    }

    /// The text and piece ends of every piece but the paragraphs.
    fn head(&self) -> (&str, &[u32]) {
        self.text.prefix(self.head_pieces())
    }

    /// True when the paragraphs are still where they were saved, not yet read.
    pub fn body_is_deferred(&self) -> bool {
        self.deferred
            .as_ref()
            .is_some_and(|d| d.loaded.get().is_none())
    }

    /// Why the paragraphs could not be read back from where they were saved, once reading
    /// them was tried ([`Article::load_paragraphs`]) and failed. Reads nothing.
    pub fn body_error(&self) -> Option<&str> {
        match self.deferred.as_ref()?.loaded.get()? {
            Err(why) => Some(why),
            Ok(_) => None,
        }
    }

    /// The paragraphs, reading them first from where they were saved when the body is
    /// deferred (a disk read, made once); the error says why they cannot be read.
    pub fn load_paragraphs(&self) -> Result<Strs<'_>, &str> {
        if let Some(d) = &self.deferred {
            d.body().map_err(String::as_str)?;
        }
        Ok(self.paragraphs())
    }

    /// Identity that survives re-parsing the same file: `source#ordinal`.
    pub fn key(&self) -> String {
        format!("{}#{}", self.source, self.ordinal)
    }

    /// Piece `i` (None when absent or out of range).
    fn piece(&self, i: usize) -> Option<&str> {
        let held = self.text.len();
        if i >= held {
            // A deferred body is only read by `load_paragraphs`.
            let body = self.deferred.as_ref()?.loaded.get()?.as_ref().ok()?;
            return body.get(i - held);
        }
        self.text.get(i)
    }

    /// First piece of `list` and its number of pieces.
    fn list_range(&self, list: List) -> std::ops::Range<usize> {
        let at = list as usize;
        let first = SINGLES
            + self
                .counts
                .iter()
                .zip(PIECES_PER)
                .take(at)
                .map(|(&n, per)| n as usize * per)
                .sum::<usize>();
        let len = self.counts.get(at).map_or(0, |&n| n as usize) * PIECES_PER[at];
        first..first + len
    }

    /// The pieces of `list`, in order ("" for a piece that cannot be read).
    fn list(&self, list: List) -> Strs<'_> {
        Strs {
            article: self,
            range: self.list_range(list),
        }
    }

    /// Main headline, `None` when the dump has none.
    pub fn title(&self) -> Option<&str> {
        self.piece(TITLE)
    }

    /// 引题: the line printed above the main headline.
    pub fn kicker(&self) -> Option<&str> {
        self.piece(KICKER)
    }

    /// 副题: the line printed below the main headline.
    pub fn subtitle(&self) -> Option<&str> {
        self.piece(SUBTITLE)
    }

    /// Column label the item sits under (`政务简报`, `百字新闻`).
    pub fn column(&self) -> Option<&str> {
        self.piece(COLUMN)
    }

    /// Event date: `MM-DD`, or `YYYY-MM-DD` when the year is known.
    pub fn date(&self) -> Option<&str> {
        self.piece(DATE)
    }

    /// County or district the story is about, as named in the text.
    pub fn region(&self) -> Option<&str> {
        self.piece(REGION)
    }

    /// Reporters named in the dateline (`记者…`).
    pub fn reporters(&self) -> Strs<'_> {
        self.list(List::Reporters)
    }

    /// Correspondents named in the dateline (`通讯员…`).
    pub fn correspondents(&self) -> Strs<'_> {
        self.list(List::Correspondents)
    }

    /// Trailing credits: bylines in parentheses, photographers, commentary authors.
    pub fn credits(&self) -> Strs<'_> {
        self.list(List::Credits)
    }

    /// The body reflowed for reading, one string per paragraph; none while a deferred body is
    /// not read ([`Article::load_paragraphs`]).
    pub fn paragraphs(&self) -> Strs<'_> {
        let unread = self
            .deferred
            .as_ref()
            .is_some_and(|d| !matches!(d.loaded.get(), Some(Ok(_))));
        if unread {
            return Strs {
                article: self,
                range: 0..0,
            };
        }
        self.list(List::Paragraphs)
    }

    /// Distinct people named in the title or body, in order of first appearance.
    pub fn persons(&self) -> Persons<'_> {
        Persons {
            article: self,
            range: self.list_range(List::Persons),
        }
    }

    /// Person names only, in order of first appearance.
    pub fn person_names(&self) -> impl Iterator<Item = &str> {
        self.persons().map(|p| p.name)
    }

    /// Body text with paragraphs joined by newlines.
    pub fn body(&self) -> String {
        self.paragraphs().collect::<Vec<_>>().join("\n")
    }

    /// Every piece held in the article's own buffer.
    fn pieces(&self) -> Pieces<'_> {
        self.text.iter().collect()
    }

    /// Replaces pieces `range` with `new`, whose lengths count as `counts[list]` entries.
    fn splice(
        &mut self,
        range: std::ops::Range<usize>,
        new: Pieces<'_>,
        list: Option<(List, usize)>,
    ) {
        let old = self.pieces();
        let mut pieces: Pieces<'_> =
            Vec::with_capacity(old.len().saturating_sub(range.len()) + new.len());
        pieces.extend(old.get(..range.start).unwrap_or(&[]));
        pieces.extend(new);
        pieces.extend(old.get(range.end..).unwrap_or(&[]));
        self.text = Packed::of(&pieces);
        if let Some((list, n)) = list
            && let Some(c) = self.counts.get_mut(list as usize)
        {
            *c = count(n);
        }
    }

    /// Replaces a single optional field.
    fn set_single(&mut self, at: usize, value: Option<&str>) {
        self.splice(at..at + 1, vec![value], None);
    }

    /// Replaces a list of strings.
    fn set_list<S: AsRef<str>>(&mut self, list: List, values: &[S]) {
        let new = values.iter().map(|s| Some(s.as_ref())).collect();
        self.splice(self.list_range(list), new, Some((list, values.len())));
    }

    /// Sets the main headline.
    pub fn set_title(&mut self, value: Option<&str>) {
        self.set_single(TITLE, value);
    }

    /// Sets the line printed above the main headline.
    pub fn set_kicker(&mut self, value: Option<&str>) {
        self.set_single(KICKER, value);
    }

    /// Sets the line printed below the main headline.
    pub fn set_subtitle(&mut self, value: Option<&str>) {
        self.set_single(SUBTITLE, value);
    }

    /// Sets the column label.
    pub fn set_column(&mut self, value: Option<&str>) {
        self.set_single(COLUMN, value);
    }

    /// Sets the event date.
    pub fn set_date(&mut self, value: Option<&str>) {
        self.set_single(DATE, value);
    }

    /// Sets the region.
    pub fn set_region(&mut self, value: Option<&str>) {
        self.set_single(REGION, value);
    }

    /// Sets the reporters.
    pub fn set_reporters<S: AsRef<str>>(&mut self, values: &[S]) {
        self.set_list(List::Reporters, values);
    }

    /// Sets the correspondents.
    pub fn set_correspondents<S: AsRef<str>>(&mut self, values: &[S]) {
        self.set_list(List::Correspondents, values);
    }

    /// Sets the trailing credits.
    pub fn set_credits<S: AsRef<str>>(&mut self, values: &[S]) {
        self.set_list(List::Credits, values);
    }

    /// Sets the paragraphs of the body.
    pub fn set_paragraphs<S: AsRef<str>>(&mut self, values: &[S]) {
        self.deferred = None;
        self.set_list(List::Paragraphs, values);
    }

    /// Sets the people named in the article.
    pub fn set_persons(&mut self, persons: &[PersonMention]) {
        let new = persons
            .iter()
            .flat_map(|p| [Some(p.name.as_str()), p.role.as_deref()])
            .collect();
        let range = self.list_range(List::Persons);
        self.splice(range, new, Some((List::Persons, persons.len())));
    }
}

impl std::fmt::Debug for Article {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Article")
            .field("source", &self.source)
            .field("ordinal", &self.ordinal)
            .field("kind", &self.kind)
            .field("doubts", &self.doubts)
            .field("title", &self.title())
            .field("kicker", &self.kicker())
            .field("subtitle", &self.subtitle())
            .field("column", &self.column())
            .field("page", &self.page)
            .field("date", &self.date())
            .field("region", &self.region())
            .field("reporters", &self.reporters().collect::<Vec<_>>())
            .field("correspondents", &self.correspondents().collect::<Vec<_>>())
            .field("credits", &self.credits().collect::<Vec<_>>())
            .field("persons", &self.persons().collect::<Vec<_>>())
            .field("paragraphs", &self.paragraphs().collect::<Vec<_>>())
            .finish()
    }
}

impl DeferredBody {
    /// The body, read on the first call.
    fn body(&self) -> Result<&PackedBody, &String> {
        self.loaded
            .get_or_init(|| self.reader.read_body(&self.at, self.paragraphs))
            .as_ref()
    }
}

/// A list count as stored (lists never come near `u32::MAX` entries; saturates if they do).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The strings of one of an article's lists, in order.
#[derive(Clone, Debug)]
pub struct Strs<'a> {
    article: &'a Article,
    range: std::ops::Range<usize>,
}

impl<'a> Iterator for Strs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let i = self.range.next()?;
        Some(self.article.piece(i).unwrap_or(""))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Strs<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let i = self.range.next_back()?;
        Some(self.article.piece(i).unwrap_or(""))
    }
}

impl ExactSizeIterator for Strs<'_> {}

/// The people of an article, in order of first appearance.
#[derive(Clone, Debug)]
pub struct Persons<'a> {
    article: &'a Article,
    range: std::ops::Range<usize>,
}

impl<'a> Iterator for Persons<'a> {
    type Item = PersonRef<'a>;

    fn next(&mut self) -> Option<PersonRef<'a>> {
        let i = self.range.next()?;
        self.range.next();
        Some(PersonRef {
            name: self.article.piece(i).unwrap_or(""),
            role: self.article.piece(i + 1),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.range.len().div_ceil(2);
        (n, Some(n))
    }
}

impl ExactSizeIterator for Persons<'_> {}

#[cfg(test)]
mod tests;
