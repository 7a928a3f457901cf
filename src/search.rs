//! Query parsing and matching: fuzzy, pinyin-aware, parallel, cancellable.
//!
//! The search has to answer on every keystroke over up to a million articles, so it is built
//! around keys computed once when the store is built ([`SearchIndex`]): for every headline and
//! every person the full pinyin without tones (ü written `v`, plus a `u` spelling when the text
//! has a ü) and the initials, and small bloom masks of the characters present. A query is
//! matched in three steps: the masks reject most articles with a few bit operations, the
//! remaining ones are scored with `fuzzy-matcher` (behind [`fuzzy`]) on rayon threads in
//! chunks, and between chunks a cancel flag is checked so a newer keystroke can abandon a stale
//! search. When the query only grows, the previous result is the candidate set ([`narrows`]).
//!
//! Match positions for highlighting are computed lazily ([`headline_positions`]) for the rows
//! on screen only, as character indices into the headline.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyin;
use rayon::prelude::*;

use crate::model::Article;
use crate::store::{ArticleId, PersonId, Store};

/// Articles scored per chunk between two checks of the cancel flag.
const CHUNK: usize = 8192;

/// Which fields a query is matched against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Headline, kicker, subtitle, column, region and the people of the article.
    #[default]
    All,
    /// The headline only (or the first clause of an untitled item).
    Headline,
    /// The people named in or credited by the article.
    Person,
}

impl Scope {
    /// The next scope in the `Tab` cycle.
    pub fn next(self) -> Scope {
        match self {
            Scope::All => Scope::Headline,
            Scope::Headline => Scope::Person,
            Scope::Person => Scope::All,
        }
    }

    /// Short label shown in the filter pane.
    pub fn label(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Headline => "headline",
            Scope::Person => "person",
        }
    }
}

/// A parsed query: scope and the normalised words that must all match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The text as typed, used to decide whether a later query narrows this one.
    pub raw: String,
    /// The effective scope (`@` forces [`Scope::Person`]).
    pub scope: Scope,
    /// Lowercased words, `ü` written `v`; every word must match.
    pub words: Vec<String>,
}

impl Query {
    /// Parses `input` under `scope`; a leading `@` restricts the query to people.
    pub fn parse(input: &str, scope: Scope) -> Query {
        let trimmed = input.trim_start();
        let (scope, rest) = match trimmed.strip_prefix('@') {
            Some(rest) => (Scope::Person, rest),
            None => (scope, trimmed),
        };
        let words = rest.split_whitespace().map(normalize_word).collect();
        Query {
            raw: input.to_owned(),
            scope,
            words,
        }
    }

    /// True when there is nothing to match (every article passes).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Lowercases a word and writes ü as `v`, the spelling of the pinyin keys.
fn normalize_word(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ü' { 'v' } else { c })
        .collect()
}

/// True when every match of `new` is also a match of `old`, so `old`'s hits can be narrowed.
pub fn narrows(old: &Query, new: &Query) -> bool {
    old.scope == new.scope && new.raw.trim_start().starts_with(old.raw.trim_start())
}

/// One matching article and its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The article.
    pub id: ArticleId,
    /// Sum of the best score of each word; higher is better.
    pub score: i64,
}

/// The outcome of one search: the query and its hits, best first (then newer first).
#[derive(Clone, Debug, Default)]
pub struct Results {
    /// The query these hits answer.
    pub query: Query,
    /// Matching articles, ranked.
    pub hits: Vec<Hit>,
}

impl Results {
    /// Number of hits.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }
}

/// A person matching a people query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonHit {
    /// The person.
    pub id: PersonId,
    /// Match score; higher is better.
    pub score: i64,
}

/// Pinyin keys of one piece of text.
#[derive(Clone, Debug, Default)]
struct Keys {
    /// Full pinyin without tones, ü as `v`; other letters and digits kept, lowercased.
    full: Box<str>,
    /// The same with ü as `u`, only when the text has a ü.
    full_u: Option<Box<str>>,
    /// First letter of each syllable, other letters and digits kept.
    initials: Box<str>,
    /// Bloom mask of the characters of the text and of its keys.
    bloom: u64,
}

/// Pinyin keys with, for each key character, the index of the source character it came from.
struct MappedKeys {
    full: String,
    full_map: Vec<usize>,
    full_u: String,
    initials: String,
    initials_map: Vec<usize>,
}

/// Computes the pinyin keys of `text`, remembering where each key character came from.
fn mapped_keys(text: &str) -> MappedKeys {
    let mut k = MappedKeys {
        full: String::new(),
        full_map: Vec::new(),
        full_u: String::new(),
        initials: String::new(),
        initials_map: Vec::new(),
    };
    for (i, c) in text.chars().enumerate() {
        if let Some(p) = c.to_pinyin() {
            let plain = p.plain();
            for pc in plain.chars() {
                k.full.push(if pc == 'ü' { 'v' } else { pc });
                k.full_u.push(if pc == 'ü' { 'u' } else { pc });
                k.full_map.push(i);
            }
            if let Some(first) = plain.chars().next() {
                k.initials.push(first);
                k.initials_map.push(i);
            }
        } else if c.is_alphanumeric() && c.is_ascii() {
            let lc = c.to_ascii_lowercase();
            k.full.push(lc);
            k.full_u.push(lc);
            k.full_map.push(i);
            k.initials.push(lc);
            k.initials_map.push(i);
        }
    }
    k
}

/// Computes the stored keys of `text`.
fn keys(text: &str) -> Keys {
    let m = mapped_keys(text);
    let full_u = (m.full_u != m.full).then(|| m.full_u.into_boxed_str());
    let mut bloom = bloom_of(text);
    bloom |= bloom_of(&m.full);
    if let Some(u) = &full_u {
        bloom |= bloom_of(u);
    }
    Keys {
        full: m.full.into_boxed_str(),
        full_u,
        initials: m.initials.into_boxed_str(),
        bloom,
    }
}

/// Bit of one character in a bloom mask.
fn bloom_bit(c: char) -> u64 {
    let c = c.to_ascii_lowercase() as u32;
    1u64 << (c.wrapping_mul(0x9E37_79B9) >> 26)
}

/// Bloom mask of the characters of `s`.
fn bloom_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | bloom_bit(c))
}

/// Search keys of every article and person, computed once when the store is built.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Keys of each article's headline, indexed by article id.
    heads: Vec<Keys>,
    /// Bloom mask of each article's other searchable text (kicker, subtitle, column, region).
    extra_bloom: Vec<u64>,
    /// Keys of each person's name, indexed by person id.
    people: Vec<Keys>,
}

impl SearchIndex {
    /// Builds the keys for `articles` and for the interned `names` (in person-id order).
    pub fn build(articles: &[Article], names: &[Box<str>]) -> SearchIndex {
        let heads = articles.par_iter().map(|a| keys(&headline(a).0)).collect();
        let extra_bloom = articles
            .par_iter()
            .map(|a| extra_fields(a).fold(0, |m, s| m | bloom_of(s)))
            .collect();
        let people = names.par_iter().map(|n| keys(n)).collect();
        SearchIndex {
            heads,
            extra_bloom,
            people,
        }
    }
}

/// The article's kicker, subtitle, column and region: matched as text in [`Scope::All`].
fn extra_fields(a: &Article) -> impl Iterator<Item = &str> {
    [&a.kicker, &a.subtitle, &a.column, &a.region]
        .into_iter()
        .filter_map(|f| f.as_deref())
}

/// Shortest stand-in headline before a clause break ends it, in characters.
const FIRST_CLAUSE_MIN: usize = 8;
/// Longest first clause shown in place of a missing title, in characters.
const FIRST_CLAUSE_MAX: usize = 40;

/// The headline of an article and whether it is a stand-in (first clause of an untitled body).
pub fn headline(a: &Article) -> (Cow<'_, str>, bool) {
    if let Some(t) = a.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return (Cow::Borrowed(t), false);
    }
    let body = a
        .paragraphs
        .iter()
        .map(|p| p.trim())
        .find(|p| !p.is_empty())
        .unwrap_or("");
    // A leading dateline clause (`3月6日，`) says little: keep adding clauses until the
    // stand-in has some substance.
    let mut clause = String::new();
    for (len, c) in body.chars().take(FIRST_CLAUSE_MAX).enumerate() {
        if "，。；！？,;!?".contains(c) && (len >= FIRST_CLAUSE_MIN || c == '。') {
            break;
        }
        clause.push(c);
    }
    (Cow::Owned(clause), true)
}

/// The one fuzzy scorer: `Some(score)` when `pattern`'s characters appear in order in `choice`.
pub fn fuzzy(choice: &str, pattern: &str) -> Option<i64> {
    matcher().fuzzy_match(choice, pattern)
}

/// Like [`fuzzy`], also returning the matched character indices into `choice`.
pub fn fuzzy_positions(choice: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
    matcher().fuzzy_indices(choice, pattern)
}

/// The shared matcher (case-insensitive, per-thread scratch space inside).
fn matcher() -> &'static SkimMatcherV2 {
    static MATCHER: OnceLock<SkimMatcherV2> = OnceLock::new();
    MATCHER.get_or_init(|| SkimMatcherV2::default().ignore_case())
}

/// Best score of `word` against a text and its pinyin keys.
///
/// Chinese text is matched fuzzily; full pinyin must contain the word as one run (fuzzy
/// matching of long letter strings finds everything); initials are matched fuzzily.
fn match_keys(text: &str, keys: &Keys, word: &str, word_bloom: u64) -> Option<i64> {
    if keys.bloom & word_bloom != word_bloom {
        return None;
    }
    let mut best = fuzzy(text, word);
    if word.is_ascii() {
        let mut consider = |s: Option<i64>| {
            if let Some(s) = s {
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        };
        for full in std::iter::once(&keys.full).chain(keys.full_u.as_ref()) {
            if full.contains(word) {
                consider(fuzzy(full, word));
            }
        }
        consider(fuzzy(&keys.initials, word));
    }
    best
}

/// Per-word scores of every person (None = no match), for scopes that look at people.
fn person_scores(
    store: &Store,
    index: &SearchIndex,
    words: &[(String, u64)],
) -> Vec<Vec<Option<i64>>> {
    words
        .iter()
        .map(|(w, bloom)| {
            index
                .people
                .par_iter()
                .enumerate()
                .map(|(i, k)| {
                    let name = store.person_name(PersonId(i as u32));
                    match_keys(name, k, w, *bloom)
                })
                .collect()
        })
        .collect()
}

/// Score of one article for all words, or None when a word does not match.
fn score_article(
    store: &Store,
    index: &SearchIndex,
    id: ArticleId,
    query: &Query,
    words: &[(String, u64)],
    people: &[Vec<Option<i64>>],
) -> Option<i64> {
    let i = id.0 as usize;
    let article = store.article(id);
    let head_keys = index.heads.get(i)?;
    let head = if query.scope == Scope::Person {
        None
    } else {
        Some(headline(article).0)
    };
    let persons = store.people_of_article(id);
    let mut total = 0;
    for (w, (word, bloom)) in words.iter().enumerate() {
        let mut best: Option<i64> = None;
        let mut consider = |s: Option<i64>| {
            if let Some(s) = s {
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        };
        if let Some(head) = &head {
            consider(match_keys(head, head_keys, word, *bloom));
        }
        if query.scope == Scope::All {
            let extra = index.extra_bloom.get(i).copied().unwrap_or(0);
            if extra & bloom == *bloom {
                for field in extra_fields(article) {
                    consider(fuzzy(field, word));
                }
            }
        }
        if query.scope != Scope::Headline
            && let Some(scores) = people.get(w)
        {
            for p in persons {
                consider(scores.get(p.0 as usize).copied().flatten());
            }
        }
        total += best?;
    }
    Some(total)
}

/// Ranks `query` over `candidates` (all articles when None); None when cancelled midway.
///
/// Pass the previous [`Results`]' ids as candidates when [`narrows`] says the query only grew.
pub fn search(
    store: &Store,
    query: &Query,
    candidates: Option<&[ArticleId]>,
    cancel: &AtomicBool,
) -> Option<Results> {
    let index = store.search_index();
    let words: Vec<(String, u64)> = query
        .words
        .iter()
        .map(|w| (w.clone(), bloom_of(w)))
        .collect();
    let people = if query.scope == Scope::Headline {
        Vec::new()
    } else {
        person_scores(store, index, &words)
    };
    let all: Vec<ArticleId>;
    let ids: &[ArticleId] = match candidates {
        Some(ids) => ids,
        None => {
            all = (0..store.len() as u32).map(ArticleId).collect();
            &all
        }
    };
    let mut hits = Vec::new();
    for chunk in ids.chunks(CHUNK * rayon::current_num_threads().max(1)) {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let found: Vec<Hit> = chunk
            .par_chunks(CHUNK / 8)
            .flat_map_iter(|part| {
                part.iter().filter_map(|&id| {
                    score_article(store, index, id, query, &words, &people)
                        .map(|score| Hit { id, score })
                })
            })
            .collect();
        hits.extend(found);
    }
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    if !query.is_empty() {
        hits.par_sort_unstable_by_key(|h| (Reverse(h.score), Reverse(store.date_key(h.id)), h.id));
    }
    Some(Results {
        query: query.clone(),
        hits,
    })
}

/// People whose names match `input` (all words), best first then most frequent.
pub fn search_people(store: &Store, input: &str) -> Vec<PersonHit> {
    let query = Query::parse(input.trim_start_matches('@'), Scope::Person);
    let index = store.search_index();
    if query.is_empty() {
        return store
            .people()
            .iter()
            .map(|&id| PersonHit { id, score: 0 })
            .collect();
    }
    let words: Vec<(String, u64)> = query
        .words
        .iter()
        .map(|w| (w.clone(), bloom_of(w)))
        .collect();
    let mut hits: Vec<PersonHit> = store
        .people()
        .par_iter()
        .filter_map(|&id| {
            let k = index.people.get(id.0 as usize)?;
            let name = store.person_name(id);
            let mut total = 0;
            for (w, bloom) in &words {
                total += match_keys(name, k, w, *bloom)?;
            }
            Some(PersonHit { id, score: total })
        })
        .collect();
    hits.sort_by_key(|h| (Reverse(h.score), Reverse(store.person_count(h.id)), h.id));
    hits
}

/// Character indices of `text` matched by the words of `query`, for highlighting.
///
/// Each word is tried against the text itself, then against its full pinyin and its initials;
/// pinyin positions are mapped back to the characters they were spelled from.
pub fn positions(text: &str, query: &Query) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut mapped: Option<MappedKeys> = None;
    for word in &query.words {
        if let Some((_, pos)) = fuzzy_positions(text, word) {
            out.extend(pos);
            continue;
        }
        if !word.is_ascii() {
            continue;
        }
        let m = mapped.get_or_insert_with(|| mapped_keys(text));
        let full_hit = [&m.full, &m.full_u].into_iter().find_map(|full| {
            // Keys are ASCII, so byte offsets are character offsets here.
            full.find(word.as_str())
                .map(|start| start..start + word.len())
        });
        if let Some(range) = full_hit {
            out.extend(range.filter_map(|k| m.full_map.get(k).copied()));
        } else if let Some((_, pos)) = fuzzy_positions(&m.initials, word) {
            out.extend(
                pos.into_iter()
                    .filter_map(|k| m.initials_map.get(k).copied()),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Character indices of article `id`'s headline matched by `query` (empty for people scope).
pub fn headline_positions(store: &Store, id: ArticleId, query: &Query) -> Vec<usize> {
    if query.scope == Scope::Person || query.is_empty() {
        return Vec::new();
    }
    positions(&headline(store.article(id)).0, query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, PersonMention};

    fn article(title: &str, date: &str, people: &[&str]) -> Article {
        let mut a = Article::new("t.txt", 0, Kind::News);
        a.title = Some(title.to_owned());
        a.date = Some(date.to_owned());
        a.persons = people
            .iter()
            .map(|n| PersonMention {
                name: (*n).to_owned(),
                role: None,
            })
            .collect();
        a
    }

    fn store() -> Store {
        Store::from_articles(vec![
            article(
                "吕沛与建行焦作分行行长王纪勋交流座谈",
                "03-02",
                &["吕沛", "王纪勋"],
            ),
            article(
                "李建超调研黄龙山片区项目推进工作",
                "03-27",
                &["李建超", "樊育新"],
            ),
            article("示范区党政联席会议召开", "03-04", &["吕沛", "宫卫红"]),
            article("温县2022年度述职评议考核会议召开", "03-02", &["杨磊"]),
        ])
    }

    fn run(store: &Store, q: &str, scope: Scope) -> Vec<u32> {
        let query = Query::parse(q, scope);
        search(store, &query, None, &AtomicBool::new(false))
            .expect("not cancelled")
            .hits
            .iter()
            .map(|h| h.id.0)
            .collect()
    }

    #[test]
    fn parse_splits_words_and_reads_at_prefix() {
        let q = Query::parse("@吕沛  王", Scope::Headline);
        assert_eq!(q.scope, Scope::Person);
        assert_eq!(q.words, vec!["吕沛", "王"]);
        assert_eq!(Query::parse("LüPei", Scope::All).words, vec!["lvpei"]);
        assert!(Query::parse("   ", Scope::All).is_empty());
    }

    #[test]
    fn pinyin_initials_and_full_find_people() {
        let s = store();
        for q in ["lp", "lvpei", "lüpei", "lupei", "吕沛"] {
            let found = run(&s, &format!("@{q}"), Scope::All);
            assert_eq!(found, vec![2, 0], "query {q}");
        }
        assert_eq!(run(&s, "@ljc", Scope::All), vec![1]);
    }

    #[test]
    fn people_search_uses_pinyin() {
        let s = store();
        let hits = search_people(&s, "lvpei");
        assert_eq!(hits.len(), 1);
        assert_eq!(s.person_name(hits[0].id), "吕沛");
        let hits = search_people(&s, "ljc");
        assert_eq!(s.person_name(hits[0].id), "李建超");
    }

    #[test]
    fn words_are_and_ed() {
        let s = store();
        assert_eq!(run(&s, "会议 温县", Scope::Headline), vec![3]);
        assert_eq!(run(&s, "@吕沛 宫卫红", Scope::All), vec![2]);
        assert!(run(&s, "会议 李建超", Scope::Headline).is_empty());
    }

    #[test]
    fn ranking_prefers_score_then_newer() {
        let s = store();
        // Both match 会议 equally well; 03-04 is newer than 03-02.
        assert_eq!(run(&s, "会议召开", Scope::Headline), vec![2, 3]);
    }

    #[test]
    fn headline_scope_ignores_people() {
        let s = store();
        assert!(run(&s, "樊育新", Scope::Headline).is_empty());
        assert_eq!(run(&s, "樊育新", Scope::All), vec![1]);
    }

    #[test]
    fn positions_are_char_indices_also_for_pinyin() {
        let q = Query::parse("吕沛", Scope::All);
        assert_eq!(positions("吕沛与建行", &q), vec![0, 1]);
        let q = Query::parse("jiaozuo", Scope::All);
        assert_eq!(positions("吕沛与建行焦作", &q), vec![5, 6]);
        let q = Query::parse("lpy", Scope::All);
        assert_eq!(positions("吕沛与建行", &q), vec![0, 1, 2]);
        let q = Query::parse("2022 kh", Scope::All);
        assert_eq!(positions("温县2022年度考核", &q), vec![2, 3, 4, 5, 8, 9]);
    }

    #[test]
    fn cancelled_search_returns_none() {
        let s = store();
        let q = Query::parse("会议", Scope::All);
        assert!(search(&s, &q, None, &AtomicBool::new(true)).is_none());
    }

    #[test]
    fn narrowing_gives_the_same_result_as_a_full_search() {
        let s = store();
        let old = Query::parse("会", Scope::All);
        let new = Query::parse("会议 召开", Scope::All);
        assert!(narrows(&old, &new));
        assert!(!narrows(&old, &Query::parse("会", Scope::Headline)));
        let flag = AtomicBool::new(false);
        let prev = search(&s, &old, None, &flag).expect("ran");
        let ids: Vec<ArticleId> = prev.hits.iter().map(|h| h.id).collect();
        let narrowed = search(&s, &new, Some(&ids), &flag).expect("ran");
        let full = search(&s, &new, None, &flag).expect("ran");
        assert_eq!(narrowed.hits, full.hits);
    }

    #[test]
    fn untitled_items_use_their_first_clause() {
        let mut a = Article::new("t.txt", 0, Kind::Photo);
        a.paragraphs = vec!["为进一步增强辖区加油站应急处置能力，3月26日".to_owned()];
        let (text, untitled) = headline(&a);
        assert!(untitled);
        assert_eq!(text, "为进一步增强辖区加油站应急处置能力");
    }
}
