//! The in-memory store: every article, the interned people, and the indexes over them.
//!
//! It is the only query API: the command line and the terminal reader ask it, never scan
//! articles themselves. It is built once per load and then read-only, so ids are plain
//! indexes (`ArticleId`, `PersonId`) stable within that load, and indexes hold ids, never
//! copies of article text. Names and roles are interned once; names are stored back to back
//! in one buffer, and the per-article person lists, the per-person appearances and roles are
//! each one flat array with offsets, so a hundred thousand people cost a few large
//! allocations. The store knows nothing of searching: the search keys (pinyin, masks) are
//! built and held beside it by the search layer.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::model::{Article, Packed};

mod link;

/// Index of an article within one load of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleId(pub u32);

/// Index of an interned person within one load of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonId(pub u32);

/// Index of an interned role (`山阳区委书记`, `记者` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RoleId(pub u32);

/// A sortable date: `yyyymmdd`, year 0 when unknown, 0 when the article has no date.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct DateKey(pub u32);

impl DateKey {
    /// Parses `MM-DD` or `YYYY-MM-DD`; `year` fills in a missing year (0 = unknown).
    pub fn parse(date: &str, year: u32) -> Option<DateKey> {
        let parts: Vec<&str> = date.trim().split('-').collect();
        let num = |s: &str| s.parse::<u32>().ok();
        let (y, m, d) = match parts.as_slice() {
            [m, d] => (year, num(m)?, num(d)?),
            [y, m, d] => (num(y)?, num(m)?, num(d)?),
            _ => return None,
        };
        ((1..=12).contains(&m) && (1..=31).contains(&d))
            .then_some(DateKey(y * 10_000 + m * 100 + d))
    }

    /// Month and day.
    pub fn month_day(self) -> (u32, u32) {
        ((self.0 / 100) % 100, self.0 % 100)
    }

    /// Year, 0 when unknown.
    pub fn year(self) -> u32 {
        self.0 / 10_000
    }

    /// Days since an arbitrary origin, for spacing dates on a time axis.
    pub fn day_number(self) -> i64 {
        const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        let (m, d) = self.month_day();
        let y = i64::from(self.year());
        let month = BEFORE
            .get(m.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0);
        y * 366 + month + i64::from(d)
    }

    /// `YYYY-MM-DD` when `with_year` (`     MM-DD` when the year is unknown, so columns stay
    /// aligned), else `MM-DD`; blank when undated.
    pub fn show(self, with_year: bool) -> String {
        let (m, d) = self.month_day();
        match (self.0, with_year, self.year()) {
            (0, true, _) => " ".repeat(10),
            (0, false, _) => " ".repeat(5),
            (_, false, _) => format!("{m:02}-{d:02}"),
            (_, true, 0) => format!("     {m:02}-{d:02}"),
            (_, true, y) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    /// `MM-DD`, or `YYYY-MM-DD` when the year is known.
    pub fn label(self) -> String {
        let (m, d) = self.month_day();
        match self.year() {
            0 => format!("{m:02}-{d:02}"),
            y => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// One appearance of a person: the article, the role printed there and the article's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    /// The article the person appears in.
    pub article: ArticleId,
    /// The role seen in that article, when one was printed.
    pub role: Option<RoleId>,
    /// The article's date (0 when undated).
    pub date: DateKey,
}

/// Role given to reporters named in a dateline.
pub const ROLE_REPORTER: &str = "记者";
/// Role given to correspondents named in a dateline.
pub const ROLE_CORRESPONDENT: &str = "通讯员";

/// All articles of a load with their people and indexes; read-only once built.
///
/// Everything but the articles can be saved and read back (`Cache::save_indexes`,
/// [`Store::with_indexes`]), so that reopening a cached corpus skips building the indexes.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Store {
    #[serde(skip)]
    articles: Vec<Article>,
    dates: Vec<DateKey>,
    /// Every person's name, in person-id order.
    names: Packed,
    /// Person ids sorted by name, for lookups by name.
    people_by_name: Vec<PersonId>,
    /// Start of each person's appearances in `appearances`, plus the end.
    appearance_starts: Vec<u32>,
    /// Every person's appearances, person after person, each in article order.
    appearances: Vec<Appearance>,
    /// Start of each person's roles in `person_roles`, plus the end.
    role_starts: Vec<u32>,
    /// Every person's roles with how often each was seen: most specific first (an office
    /// before a collective `…领导`), then most frequent first.
    person_roles: Vec<(RoleId, u32)>,
    /// For each person, the number of articles that name them in their text (the others
    /// only credit them: reporter, correspondent, photographer, author).
    named_counts: Vec<u32>,
    /// People named in the text first, most often named first; then people only credited.
    people_ranked: Vec<PersonId>,
    roles: Vec<Box<str>>,
    article_people_start: Vec<u32>,
    article_people: Vec<PersonId>,
    by_region: FxHashMap<Box<str>, Vec<ArticleId>>,
    by_date: BTreeMap<DateKey, Vec<ArticleId>>,
    by_source: FxHashMap<Box<str>, Vec<ArticleId>>,
}

impl Store {
    /// Builds the store and all its indexes from `articles` (their order gives the ids).
    pub fn from_articles(articles: Vec<Article>) -> Store {
        Store::link(&articles).attach(articles)
    }

    /// Puts `articles` into a store [`Store::link`]ed from them: the second half of
    /// [`Store::from_articles`], for callers that build other indexes of the articles meanwhile.
    pub fn attach(self, articles: Vec<Article>) -> Store {
        debug_assert_eq!(
            self.dates.len(),
            articles.len(),
            "linked from other articles"
        );
        Store { articles, ..self }
    }

    /// Puts `articles` back into indexes saved from a store of the same articles, after
    /// checking that every offset and id in them fits; gives the articles back otherwise.
    pub fn with_indexes(indexes: Store, articles: Vec<Article>) -> Result<Store, Vec<Article>> {
        if indexes.fits(articles.len()) {
            Ok(Store {
                articles,
                ..indexes
            })
        } else {
            Err(articles)
        }
    }

    /// The articles, giving up the indexes.
    pub fn into_articles(self) -> Vec<Article> {
        self.articles
    }

    /// True when the indexes describe `n` articles and every id and offset is in range.
    fn fits(&self, n: usize) -> bool {
        let people = self.names.len();
        let ordered = |starts: &[u32], len: usize, end: usize| {
            starts.len() == len + 1
                && starts.first() == Some(&0)
                && starts.windows(2).all(|w| w[0] <= w[1])
                && starts.last().is_some_and(|&last| last as usize == end)
        };
        let person_ok = |p: &PersonId| (p.0 as usize) < people;
        let article_ok = |a: &ArticleId| (a.0 as usize) < n;
        let role_ok = |r: &RoleId| (r.0 as usize) < self.roles.len();
        self.dates.len() == n
            && self.people_by_name.len() == people
            && self.people_by_name.iter().all(person_ok)
            && self.people_ranked.len() == people
            && self.people_ranked.iter().all(person_ok)
            && self.named_counts.len() == people
            && ordered(&self.appearance_starts, people, self.appearances.len())
            && self
                .appearances
                .iter()
                .all(|a| article_ok(&a.article) && a.role.as_ref().is_none_or(role_ok))
            && ordered(&self.role_starts, people, self.person_roles.len())
            && self.person_roles.iter().all(|(r, _)| role_ok(r))
            && ordered(&self.article_people_start, n, self.article_people.len())
            && self.article_people.iter().all(person_ok)
            && self.by_region.values().flatten().all(article_ok)
            && self.by_date.values().flatten().all(article_ok)
            && self.by_source.values().flatten().all(article_ok)
    }

    /// Links articles, people, dates and sources: the store of `articles` without the
    /// articles themselves ([`Store::attach`] puts them in).
    pub fn link(articles: &[Article]) -> Store {
        link::link(articles)
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when the store holds no article.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The article with id `id`.
    ///
    /// # Panics
    /// When `id` does not come from this store.
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.0 as usize]
    }

    /// The article with id `id`, or None when out of range.
    pub fn get(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.0 as usize)
    }

    /// Every article in id order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// True when the dated articles fall in more than one known year, so that dates are shown
    /// with their year.
    pub fn spans_years(&self) -> bool {
        let known = || self.by_date.keys().filter(|k| k.year() != 0);
        match (known().next(), known().next_back()) {
            (Some(first), Some(last)) => first.year() != last.year(),
            _ => false,
        }
    }

    /// The one year of the corpus's dated articles, when they name exactly one.
    pub fn single_year(&self) -> Option<u32> {
        let known = || self.by_date.keys().filter(|k| k.year() != 0);
        match (known().next(), known().next_back()) {
            (Some(first), Some(last)) if first.year() == last.year() => Some(first.year()),
            _ => None,
        }
    }

    /// The article's date for ordering: a date without a year takes the corpus's single
    /// known year, so `03-28` sorts after `2023-03-02` in a 2023 corpus.
    pub fn comparable_date(&self, id: ArticleId, single_year: Option<u32>) -> DateKey {
        let d = self.date_key(id);
        match single_year {
            Some(y) if d.0 != 0 && d.year() == 0 => DateKey(y * 10_000 + d.0),
            _ => d,
        }
    }

    /// The article's date as a sortable key (0 when undated).
    pub fn date_key(&self, id: ArticleId) -> DateKey {
        self.dates.get(id.0 as usize).copied().unwrap_or_default()
    }

    /// Every person: those the text names first, most often named first; then those only
    /// credited (reporters, correspondents, photographers, authors), most often first.
    pub fn people(&self) -> &[PersonId] {
        &self.people_ranked
    }

    /// The person's name ("" for an id from another store).
    pub fn person_name(&self, id: PersonId) -> &str {
        self.names.str(id.0 as usize)
    }

    /// Number of articles the person appears in.
    pub fn person_count(&self, id: PersonId) -> usize {
        self.articles_of_person(id).len()
    }

    /// Number of articles whose text names the person (not only in a byline or credit).
    pub fn person_named_count(&self, id: PersonId) -> usize {
        self.named_counts
            .get(id.0 as usize)
            .map_or(0, |&n| n as usize)
    }

    /// True when no article names the person in its text: they are only credited
    /// (reporter, correspondent, photographer, author).
    pub fn person_is_credited_only(&self, id: PersonId) -> bool {
        self.person_named_count(id) == 0
    }

    /// The person's most specific role (the most frequent of equals), when any was seen.
    pub fn person_role(&self, id: PersonId) -> Option<&str> {
        self.person_roles(id).first().map(|&(r, _)| self.role(r))
    }

    /// Roles seen for the person, most specific then most frequent first, with how often each was seen.
    pub fn person_roles(&self, id: PersonId) -> &[(RoleId, u32)] {
        let i = id.0 as usize;
        match (self.role_starts.get(i), self.role_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.person_roles.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The person named exactly `name`.
    pub fn person_by_name(&self, name: &str) -> Option<PersonId> {
        let name = name.trim();
        self.people_by_name
            .binary_search_by(|&p| self.person_name(p).cmp(name))
            .ok()
            .and_then(|i| self.people_by_name.get(i).copied())
    }

    /// The text of an interned role.
    pub fn role(&self, id: RoleId) -> &str {
        self.roles.get(id.0 as usize).map_or("", |r| r)
    }

    /// The person's appearances (article, role there, date), in article order.
    pub fn articles_of_person(&self, id: PersonId) -> &[Appearance] {
        let i = id.0 as usize;
        match (
            self.appearance_starts.get(i),
            self.appearance_starts.get(i + 1),
        ) {
            (Some(&a), Some(&b)) => self.appearances.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Article counts per date for the person, oldest first (undated appearances left out).
    pub fn person_timeline(&self, id: PersonId) -> Vec<(DateKey, u32)> {
        let mut per_day: BTreeMap<DateKey, u32> = BTreeMap::new();
        for a in self.articles_of_person(id) {
            if a.date.0 != 0 {
                *per_day.entry(a.date).or_default() += 1;
            }
        }
        per_day.into_iter().collect()
    }

    /// The people of an article (mentions, then reporters, correspondents and credits).
    pub fn people_of_article(&self, id: ArticleId) -> &[PersonId] {
        let i = id.0 as usize;
        let (Some(&start), Some(&end)) = (
            self.article_people_start.get(i),
            self.article_people_start.get(i + 1),
        ) else {
            return &[];
        };
        self.article_people
            .get(start as usize..end as usize)
            .unwrap_or(&[])
    }

    /// Articles about `region` (as named in the text), in article order.
    pub fn articles_in_region(&self, region: &str) -> &[ArticleId] {
        self.by_region.get(region).map_or(&[], Vec::as_slice)
    }

    /// Every region with its article count, most articles first.
    pub fn regions(&self) -> Vec<(&str, usize)> {
        let mut v: Vec<(&str, usize)> = self
            .by_region
            .iter()
            .map(|(k, ids)| (&**k, ids.len()))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }

    /// Articles dated `date` (`MM-DD` matches that day in any year; `YYYY-MM-DD` exactly).
    pub fn articles_on_date(&self, date: &str) -> Vec<ArticleId> {
        let Some(key) = DateKey::parse(date, 0) else {
            return Vec::new();
        };
        if key.year() != 0 {
            return self.by_date.get(&key).cloned().unwrap_or_default();
        }
        let mut ids: Vec<ArticleId> = self
            .by_date
            .iter()
            .filter(|(k, _)| k.month_day() == key.month_day())
            .flat_map(|(_, ids)| ids.iter().copied())
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Articles parsed from the source file `source`, in page order.
    pub fn articles_from_source(&self, source: &str) -> &[ArticleId] {
        self.by_source.get(source).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests;
