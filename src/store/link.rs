//! Building a store: one pass over the articles, then each person's appearances and roles,
//! then the people in the orders the store answers in.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::{
    Appearance, ArticleId, DateKey, PersonId, ROLE_CORRESPONDENT, ROLE_REPORTER, RoleId, Store,
};
use crate::model::{Article, Packed};

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
    names: Packed,
}

impl<'a> NameInterner<'a> {
    fn intern(&mut self, s: &'a str) -> u32 {
        let next = self.names.len() as u32;
        let id = *self.ids.entry(s).or_insert(next);
        if id == next {
            self.names.push(Some(s));
        }
        id
    }
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

/// What one pass over the articles collects.
#[derive(Default)]
struct Links {
    names: Packed,
    roles: Vec<Box<str>>,
    dates: Vec<DateKey>,
    by_region: FxHashMap<Box<str>, Vec<ArticleId>>,
    by_date: BTreeMap<DateKey, Vec<ArticleId>>,
    by_source: FxHashMap<Box<str>, Vec<ArticleId>>,
    /// Start of each article's people in `article_people`, plus the end.
    article_people_start: Vec<u32>,
    article_people: Vec<PersonId>,
    /// The role of each entry of `article_people`.
    article_roles: Vec<Option<RoleId>>,
    /// Each person's number of articles.
    counts: Vec<u32>,
    /// Each person's number of articles that name them in the text.
    named_counts: Vec<u32>,
}

/// The store of `articles` without the articles themselves.
pub(super) fn link(articles: &[Article]) -> Store {
    let mut links = link_articles(articles);
    let (appearance_starts, appearances) = appearances_of(&links);
    let (role_starts, person_roles) = roles_of(&appearance_starts, &appearances, &links.roles);
    links.named_counts.resize(links.names.len(), 0);
    let (people_ranked, people_by_name) =
        rank_people(&links.names, &appearance_starts, &links.named_counts);
    links.article_people.shrink_to_fit();
    Store {
        articles: Vec::new(),
        dates: links.dates,
        names: links.names,
        people_by_name,
        appearance_starts,
        appearances,
        role_starts,
        person_roles,
        named_counts: links.named_counts,
        people_ranked,
        roles: links.roles,
        article_people_start: links.article_people_start,
        article_people: links.article_people,
        by_region: links.by_region,
        by_date: links.by_date,
        by_source: links.by_source,
    }
}

/// One pass over the articles: dates, regions, sources, and each article's people with the
/// role it gives them, interned.
fn link_articles(articles: &[Article]) -> Links {
    let mut names = NameInterner::default();
    let mut roles = Interner::default();
    let mut l = Links {
        article_people_start: Vec::with_capacity(articles.len() + 1),
        dates: Vec::with_capacity(articles.len()),
        ..Links::default()
    };
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
        l.dates.push(date);
        if date.0 != 0 {
            l.by_date.entry(date).or_default().push(id);
        }
        if let Some(region) = a.region() {
            l.by_region.entry(region.into()).or_default().push(id);
        }
        // Articles of one page follow each other: extend the previous run without hashing.
        match last_source.as_mut() {
            Some((source, ids)) if **source == *a.source => ids.push(id),
            _ => {
                if let Some((source, ids)) = last_source.take() {
                    l.by_source.entry(source).or_default().extend(ids);
                }
                last_source = Some((a.source.as_ref().into(), vec![id]));
            }
        }

        l.article_people_start.push(l.article_people.len() as u32);
        let mentions = a.persons().map(|p| (p.name, p.role, true));
        let bylines = a
            .reporters()
            .map(|n| (n, Some(ROLE_REPORTER), false))
            .chain(
                a.correspondents()
                    .map(|n| (n, Some(ROLE_CORRESPONDENT), false)),
            )
            .chain(a.credits().map(|n| (n, None, false)));
        let first = l.article_people.len();
        for (name, role, named) in mentions.chain(bylines) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let pid = PersonId(names.intern(name));
            if l.article_people[first..].contains(&pid) {
                continue;
            }
            if named {
                bump(&mut l.named_counts, pid);
            }
            l.article_people.push(pid);
            l.article_roles.push(
                role.filter(|r| !r.is_empty())
                    .map(|r| RoleId(roles.intern(r))),
            );
            bump(&mut l.counts, pid);
        }
    }
    l.article_people_start.push(l.article_people.len() as u32);
    if let Some((source, ids)) = last_source {
        l.by_source.entry(source).or_default().extend(ids);
    }
    l.names = names.names;
    l.roles = roles.names;
    l
}

/// Adds one to person `pid`'s count, growing the counts as needed.
fn bump(counts: &mut Vec<u32>, pid: PersonId) {
    if counts.len() <= pid.0 as usize {
        counts.resize(pid.0 as usize + 1, 0);
    }
    if let Some(n) = counts.get_mut(pid.0 as usize) {
        *n += 1;
    }
}

/// Appearances, person after person, with the start of each person's run: articles are
/// visited in order, so each person's run comes out in article order.
fn appearances_of(l: &Links) -> (Vec<u32>, Vec<Appearance>) {
    let appearance_starts = starts_of(l.counts.iter().copied());
    let mut next: Vec<u32> = appearance_starts.clone();
    let placeholder = Appearance {
        article: ArticleId(0),
        role: None,
        date: DateKey(0),
    };
    let mut appearances = vec![placeholder; l.article_people.len()];
    for (i, window) in l.article_people_start.windows(2).enumerate() {
        let [from, to] = *window else { continue };
        let date = l.dates.get(i).copied().unwrap_or_default();
        for k in from as usize..to as usize {
            let (Some(&pid), Some(&role)) = (l.article_people.get(k), l.article_roles.get(k))
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
    (appearance_starts, appearances)
}

/// Roles per person, most specific first (an office before a collective `…领导`), then most
/// frequent first, with the start of each person's roles: people have a handful, so a small
/// list beats a map.
fn roles_of(
    appearance_starts: &[u32],
    appearances: &[Appearance],
    roles: &[Box<str>],
) -> (Vec<u32>, Vec<(RoleId, u32)>) {
    let mut person_roles: Vec<(RoleId, u32)> = Vec::new();
    let mut role_lengths: Vec<u32> = Vec::with_capacity(appearance_starts.len());
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
            let specific = crate::people::role_specificity(roles.get(r.0 as usize).map(|s| &**s));
            (std::cmp::Reverse(specific), std::cmp::Reverse(n), r)
        });
        person_roles.extend_from_slice(&seen);
        role_lengths.push(seen.len() as u32);
    }
    person_roles.shrink_to_fit();
    (starts_of(role_lengths), person_roles)
}

/// The people ranked (named in the text first, most often named first; then those only
/// credited) and sorted by name.
fn rank_people(
    names: &Packed,
    appearance_starts: &[u32],
    named_counts: &[u32],
) -> (Vec<PersonId>, Vec<PersonId>) {
    let people = names.len() as u32;
    let name = |p: &PersonId| names.str(p.0 as usize);
    let count = |p: &PersonId| {
        let i = p.0 as usize;
        match (appearance_starts.get(i), appearance_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => b - a,
            _ => 0,
        }
    };
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
    (people_ranked, people_by_name)
}
