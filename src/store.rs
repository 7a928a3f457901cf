//! The in-memory store: every article, the interned people, and the indexes over them.
//!
//! It is the only query API: the command line and the terminal reader ask it, never scan
//! articles themselves. It is built once per load and then read-only, so ids are plain
//! indexes (`ArticleId`, `PersonId`) stable within that load, and indexes hold ids, never
//! copies of article text. Names and roles are interned once; names are stored back to back
//! in one buffer, and the per-article person lists, the per-person appearances and roles are
//! each one flat array with offsets, so a hundred thousand people cost a few large
//! allocations. The search keys (pinyin, masks) live in [`crate::search::SearchIndex`], built
//! here in parallel.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::model::Article;
use crate::search::{self, PersonHit, Query, Results, SearchIndex};

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
    /// Every person's name, back to back in person-id order.
    #[serde(with = "crate::fast_str")]
    names: String,
    /// End of each person's name in `names`.
    name_ends: Vec<u32>,
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
    index: SearchIndex,
}

/// Interns strings into a vector, returning their index.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }
}

/// Interns person names borrowed from the articles into one buffer, returning their id.
#[derive(Default)]
struct NameInterner<'a> {
    ids: FxHashMap<&'a str, u32>,
    names: String,
    ends: Vec<u32>,
}

impl<'a> NameInterner<'a> {
    fn intern(&mut self, s: &'a str) -> u32 {
        let next = self.ends.len() as u32;
        let id = *self.ids.entry(s).or_insert(next);
        if id == next {
            self.names.push_str(s);
            self.ends.push(self.names.len() as u32);
        }
        id
    }
}

/// Name `i` of a names buffer with its `ends` ("" when out of range).
fn name_in<'a>(names: &'a str, ends: &[u32], i: usize) -> &'a str {
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before).copied().unwrap_or(0),
        None => 0,
    };
    let end = ends.get(i).copied().unwrap_or(start);
    names.get(start as usize..end as usize).unwrap_or("")
}

/// Offsets of consecutive runs of the given lengths: 0, then each running total.
fn starts_of(lengths: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let lengths = lengths.into_iter();
    let mut starts = Vec::with_capacity(lengths.size_hint().0 + 1);
    let mut at = 0u32;
    starts.push(at);
    for n in lengths {
        at += n;
        starts.push(at);
    }
    starts
}

impl Store {
    /// Builds the store and all its indexes from `articles` (their order gives the ids).
    ///
    /// The search keys of the articles are computed on the other threads while this one links
    /// articles, people, dates and sources; the people's keys follow once names are interned.
    pub fn from_articles(articles: Vec<Article>) -> Store {
        let (store, heads) = rayon::join(
            || Store::link(&articles),
            || search::ArticleKeys::build(&articles),
        );
        let names: Vec<&str> = (0..store.name_ends.len())
            .map(|i| name_in(&store.names, &store.name_ends, i))
            .collect();
        let index = SearchIndex::from_parts(
            heads,
            &names,
            &store.article_people_start,
            &store.article_people,
        );
        drop(names);
        Store {
            articles,
            index,
            ..store
        }
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

    /// True when the indexes describe `n` articles and every id and offset is in range.
    fn fits(&self, n: usize) -> bool {
        let people = self.name_ends.len();
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
            && self.name_ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .name_ends
                .last()
                .is_none_or(|&end| end as usize <= self.names.len())
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
            && self.index.fits(n, people)
    }

    /// Everything but the articles themselves and the search keys.
    fn link(articles: &[Article]) -> Store {
        let mut names = NameInterner::default();
        let mut roles = Interner::default();
        // The role of each entry of `article_people`, and each person's number of articles.
        let mut article_roles: Vec<Option<RoleId>> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut named_counts: Vec<u32> = Vec::new();
        let mut article_people_start = Vec::with_capacity(articles.len() + 1);
        let mut article_people = Vec::new();
        let mut dates = Vec::with_capacity(articles.len());
        let mut by_region: FxHashMap<Box<str>, Vec<ArticleId>> = FxHashMap::default();
        let mut by_date: BTreeMap<DateKey, Vec<ArticleId>> = BTreeMap::new();
        let mut by_source: FxHashMap<Box<str>, Vec<ArticleId>> = FxHashMap::default();
        let mut last_source: Option<(Box<str>, Vec<ArticleId>)> = None;

        for (i, a) in articles.iter().enumerate() {
            let id = ArticleId(i as u32);
            let year = a
                .page
                .as_ref()
                .and_then(|p| p.date.as_deref())
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok())
                .unwrap_or(0);
            let date = a
                .date()
                .and_then(|d| DateKey::parse(d, year))
                .unwrap_or_default();
            dates.push(date);
            if date.0 != 0 {
                by_date.entry(date).or_default().push(id);
            }
            if let Some(region) = a.region() {
                by_region.entry(region.into()).or_default().push(id);
            }
            // Articles of one page follow each other: extend the previous run without hashing.
            match last_source.as_mut() {
                Some((source, ids)) if **source == *a.source => ids.push(id),
                _ => {
                    if let Some((source, ids)) = last_source.take() {
                        by_source.entry(source).or_default().extend(ids);
                    }
                    last_source = Some((a.source.as_ref().into(), vec![id]));
                }
            }

            article_people_start.push(article_people.len() as u32);
            let mentions = a.persons().map(|p| (p.name, p.role, true));
            let bylines = a
                .reporters()
                .map(|n| (n, Some(ROLE_REPORTER), false))
                .chain(
                    a.correspondents()
                        .map(|n| (n, Some(ROLE_CORRESPONDENT), false)),
                )
                .chain(a.credits().map(|n| (n, None, false)));
            let first = article_people.len();
            for (name, role, named) in mentions.chain(bylines) {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let pid = PersonId(names.intern(name));
                if article_people[first..].contains(&pid) {
                    continue;
                }
                if named {
                    if named_counts.len() <= pid.0 as usize {
                        named_counts.resize(pid.0 as usize + 1, 0);
                    }
                    if let Some(n) = named_counts.get_mut(pid.0 as usize) {
                        *n += 1;
                    }
                }
                article_people.push(pid);
                article_roles.push(
                    role.filter(|r| !r.is_empty())
                        .map(|r| RoleId(roles.intern(r))),
                );
                if counts.len() <= pid.0 as usize {
                    counts.resize(pid.0 as usize + 1, 0);
                }
                if let Some(n) = counts.get_mut(pid.0 as usize) {
                    *n += 1;
                }
            }
        }
        article_people_start.push(article_people.len() as u32);
        if let Some((source, ids)) = last_source {
            by_source.entry(source).or_default().extend(ids);
        }

        let NameInterner {
            ids,
            names,
            ends: name_ends,
        } = names;
        drop(ids);

        // Appearances, person after person: articles are visited in order, so each person's
        // run comes out in article order.
        let appearance_starts = starts_of(counts.iter().copied());
        drop(counts);
        let mut next: Vec<u32> = appearance_starts.clone();
        let placeholder = Appearance {
            article: ArticleId(0),
            role: None,
            date: DateKey(0),
        };
        let mut appearances = vec![placeholder; article_people.len()];
        for (i, window) in article_people_start.windows(2).enumerate() {
            let [from, to] = *window else { continue };
            let date = dates.get(i).copied().unwrap_or_default();
            for k in from as usize..to as usize {
                let (Some(&pid), Some(&role)) = (article_people.get(k), article_roles.get(k))
                else {
                    continue;
                };
                let Some(at) = next.get_mut(pid.0 as usize) else {
                    continue;
                };
                if let Some(slot) = appearances.get_mut(*at as usize) {
                    *slot = Appearance {
                        article: ArticleId(i as u32),
                        role,
                        date,
                    };
                }
                *at += 1;
            }
        }
        drop(next);
        drop(article_roles);

        // Roles per person, most specific then most frequent first: people have a handful, so a small list
        // beats a map.
        let mut person_roles: Vec<(RoleId, u32)> = Vec::new();
        let mut role_lengths: Vec<u32> = Vec::with_capacity(name_ends.len());
        let mut seen: Vec<(RoleId, u32)> = Vec::new();
        for window in appearance_starts.windows(2) {
            let [from, to] = *window else { continue };
            seen.clear();
            for r in appearances
                .get(from as usize..to as usize)
                .unwrap_or(&[])
                .iter()
                .filter_map(|a| a.role)
            {
                match seen.iter_mut().find(|(x, _)| *x == r) {
                    Some((_, n)) => *n += 1,
                    None => seen.push((r, 1)),
                }
            }
            seen.sort_by_key(|&(r, n)| {
                let specific =
                    crate::people::role_specificity(roles.names.get(r.0 as usize).map(|s| &**s));
                (std::cmp::Reverse(specific), std::cmp::Reverse(n), r)
            });
            person_roles.extend_from_slice(&seen);
            role_lengths.push(seen.len() as u32);
        }
        person_roles.shrink_to_fit();
        let role_starts = starts_of(role_lengths);

        let people = name_ends.len() as u32;
        let name = |p: &PersonId| name_in(&names, &name_ends, p.0 as usize);
        let count = |p: &PersonId| {
            let i = p.0 as usize;
            match (appearance_starts.get(i), appearance_starts.get(i + 1)) {
                (Some(&a), Some(&b)) => b - a,
                _ => 0,
            }
        };
        named_counts.resize(people as usize, 0);
        let named = |p: &PersonId| named_counts.get(p.0 as usize).copied().unwrap_or(0);
        let mut people_ranked: Vec<PersonId> = (0..people).map(PersonId).collect();
        // Staff who are only credited would head the list of a newspaper's people: they come
        // after everyone the text names.
        people_ranked.sort_by(|a, b| {
            (named(b) > 0)
                .cmp(&(named(a) > 0))
                .then_with(|| named(b).cmp(&named(a)))
                .then_with(|| count(b).cmp(&count(a)))
                .then_with(|| name(a).cmp(name(b)))
        });
        let mut people_by_name: Vec<PersonId> = (0..people).map(PersonId).collect();
        people_by_name.sort_by(|a, b| name(a).cmp(name(b)));
        article_people.shrink_to_fit();
        Store {
            articles: Vec::new(),
            dates,
            names,
            name_ends,
            people_by_name,
            appearance_starts,
            appearances,
            role_starts,
            person_roles,
            named_counts,
            people_ranked,
            roles: roles.names,
            article_people_start,
            article_people,
            by_region,
            by_date,
            by_source,
            index: SearchIndex::default(),
        }
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
        name_in(&self.names, &self.name_ends, id.0 as usize)
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

    /// The precomputed search keys.
    pub fn search_index(&self) -> &SearchIndex {
        &self.index
    }

    /// Ranked articles matching `query`; narrows `previous` when the query only grew.
    ///
    /// Returns None when `cancel` was set before the search finished.
    pub fn search(
        &self,
        query: &Query,
        previous: Option<&Results>,
        cancel: &AtomicBool,
    ) -> Option<Results> {
        match previous.filter(|p| search::narrows(&p.query, query) && !p.query.is_empty()) {
            Some(previous) => search::narrow(self, query, previous, cancel),
            None => search::search(self, query, None, cancel),
        }
    }

    /// Ranked articles among `candidates` matching `query` (None when cancelled).
    pub fn search_within(
        &self,
        query: &Query,
        candidates: &[ArticleId],
        cancel: &AtomicBool,
    ) -> Option<Results> {
        search::search(self, query, Some(candidates), cancel)
    }

    /// People whose names match `input`, best first; everyone when it is empty.
    pub fn search_people(&self, input: &str) -> Vec<PersonHit> {
        search::search_people(self, input)
    }

    /// Character indices of the article's headline matched by `query`, for highlighting.
    pub fn headline_positions(&self, id: ArticleId, query: &Query) -> Vec<usize> {
        search::headline_positions(self, id, query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, PersonMention};

    fn article(source: &str, title: &str, date: Option<&str>, region: Option<&str>) -> Article {
        let mut a = Article::new(source, 0, Kind::News);
        a.set_title(Some(title));
        a.set_date(date);
        a.set_region(region);
        a
    }

    fn sample() -> Store {
        let mut a = article("a.txt", "孟州市委常委会召开", Some("03-28"), Some("孟州市"));
        a.set_persons(&[
            PersonMention {
                name: "卢和平".into(),
                role: Some("孟州市委书记".into()),
            },
            PersonMention {
                name: "吕沛".into(),
                role: None,
            },
        ]);
        a.set_credits(&["汤锐"]);
        let mut b = article("a.txt", "卢和平督导建设工作", Some("03-24"), Some("孟州市"));
        b.set_persons(&[PersonMention {
            name: "卢和平".into(),
            role: Some("孟州市委书记".into()),
        }]);
        b.set_reporters(&["卢和平"]);
        let mut c = article(
            "b.txt",
            "示范区会议召开",
            Some("2023-03-04"),
            Some("示范区"),
        );
        c.set_reporters(&["汤锐"]);
        Store::from_articles(vec![a, b, c])
    }

    #[test]
    fn people_are_interned_and_ranked_named_before_credited() {
        let s = sample();
        let names: Vec<&str> = s.people().iter().map(|&p| s.person_name(p)).collect();
        // 汤锐 appears in two articles but only in credits: after everyone the text names.
        assert_eq!(names, vec!["卢和平", "吕沛", "汤锐"]);
        let lu = s.person_by_name("卢和平").expect("interned");
        assert_eq!(s.person_count(lu), 2);
        assert_eq!(s.person_named_count(lu), 2);
        assert!(!s.person_is_credited_only(lu));
        assert_eq!(s.person_role(lu), Some("孟州市委书记"));
        let tang = s.person_by_name("汤锐").expect("interned");
        let roles: Vec<Option<&str>> = s
            .articles_of_person(tang)
            .iter()
            .map(|a| a.role.map(|r| s.role(r)))
            .collect();
        assert_eq!(roles, vec![None, Some(ROLE_REPORTER)]);
        assert_eq!(s.person_named_count(tang), 0);
        assert!(s.person_is_credited_only(tang));
    }

    #[test]
    fn a_person_s_role_is_the_most_specific_seen() {
        let mut articles = Vec::new();
        for (i, role) in ["该县领导", "该县领导", "该县县委常委"].iter().enumerate() {
            let mut a = article("c.txt", &format!("会议{i}召开"), Some("03-0{i}"), None);
            a.set_persons(&[PersonMention {
                name: "严冬".into(),
                role: Some((*role).into()),
            }]);
            articles.push(a);
        }
        let s = Store::from_articles(articles);
        let yan = s.person_by_name("严冬").expect("interned");
        assert_eq!(s.person_role(yan), Some("该县县委常委"));
    }

    #[test]
    fn a_person_counts_once_per_article() {
        let s = sample();
        assert_eq!(s.people_of_article(ArticleId(1)).len(), 1);
        assert_eq!(s.people_of_article(ArticleId(0)).len(), 3);
        assert!(s.people_of_article(ArticleId(9)).is_empty());
    }

    #[test]
    fn region_date_and_source_indexes() {
        let s = sample();
        assert_eq!(
            s.articles_in_region("孟州市"),
            &[ArticleId(0), ArticleId(1)]
        );
        assert!(s.articles_in_region("温县").is_empty());
        assert_eq!(s.articles_on_date("03-04"), vec![ArticleId(2)]);
        assert_eq!(s.articles_on_date("2023-03-04"), vec![ArticleId(2)]);
        assert!(s.articles_on_date("2022-03-04").is_empty());
        assert_eq!(s.articles_from_source("b.txt"), &[ArticleId(2)]);
        assert_eq!(s.regions()[0], ("孟州市", 2));
    }

    #[test]
    fn timeline_counts_per_day() {
        let s = sample();
        let lu = s.person_by_name("卢和平").expect("interned");
        let tl: Vec<String> = s
            .person_timeline(lu)
            .iter()
            .map(|(d, _)| d.label())
            .collect();
        assert_eq!(tl, vec!["03-24", "03-28"]);
    }

    #[test]
    fn date_keys_parse_and_order() {
        assert_eq!(DateKey::parse("03-27", 0), Some(DateKey(327)));
        assert_eq!(DateKey::parse("2023-03-07", 0), Some(DateKey(20_230_307)));
        assert_eq!(DateKey::parse("13-01", 0), None);
        assert_eq!(DateKey(20_230_307).show(true), "2023-03-07");
        assert_eq!(DateKey(20_230_307).show(false), "03-07");
        assert_eq!(DateKey(307).show(true), "     03-07");
        assert_eq!(DateKey(0).show(false), "     ");
        assert_eq!(DateKey::parse("昨天", 0), None);
        assert!(DateKey(20_230_307).day_number() > DateKey(20_230_228).day_number());
    }

    #[test]
    fn empty_store_is_fine() {
        let s = Store::from_articles(Vec::new());
        assert!(s.is_empty());
        assert!(s.people().is_empty());
        assert!(s.search_people("x").is_empty());
    }
}
