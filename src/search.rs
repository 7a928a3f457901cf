//! Query parsing and matching: fuzzy, pinyin-aware, parallel, cancellable.
//!
//! The search has to answer on every keystroke over up to a million articles, so it is built
//! around keys computed once when the store is built ([`SearchIndex`]): for every headline (or
//! the stand-in first clause of an untitled item) and every person, the text, its full pinyin
//! without tones (ü written `v`, plus a `u` spelling when the text has a ü) and its initials,
//! each kind in its own contiguous arena, and two masks per entry: a bloom of the text's
//! characters and the exact set of letters and digits of its keys. A search never allocates
//! per article.
//!
//! A query word is matched against an article in steps of increasing cost:
//!
//! 1. the masks reject most articles with a few bit operations, reading only a flat array;
//! 2. the text (or key) is searched for the word's first and last characters — a
//!    full-pinyin key must contain an ASCII word as one run (`str::contains`);
//! 3. the survivors are scored by the `skim` submodule, which computes exactly the score of
//!    `fuzzy-matcher`'s `SkimMatcherV2` (case-insensitive) but without allocating, on the
//!    window of text between those two characters, with a closed form for one-character
//!    words. Keeping the same scores keeps the ranking users know; a property test checks
//!    the scorer against `fuzzy-matcher` and another test checks the whole search against a
//!    plain scan that calls `fuzzy-matcher` for every field of every article.
//!    `fuzzy-matcher` itself computes the highlight positions of the rows on screen
//!    ([`headline_positions`]) and backs [`fuzzy`].
//!
//! A word of one Chinese character (the first keystroke of most searches) skips those steps
//! for headlines and names: its encoding is found by one pass over a chunk's texts, which lie
//! back to back in their arena, and each occurrence is scored from the character before it.
//! A word of one letter (the first keystroke of a pinyin abbreviation) matches most articles
//! through their people; two masks per article say what its people's keys hold and start with,
//! which is all that such a word's score depends on.
//!
//! People are scored once per word over the interned names and reach their articles through
//! their appearances; the person scope needs no article scan at all. Articles are scanned on
//! rayon threads in chunks of ids, ascending, and between chunks a cancel flag is checked so
//! a newer keystroke can abandon a stale search. When the query only grows, the previous hits
//! are the candidates ([`narrows`], [`narrow`]): read in place from the runs the previous scan
//! left in id order, or held as a bitset, so the scan still runs in id order.
//! Hits carry a packed (score, date) key; the `rank` submodule ranks the best of them at once
//! and the rest only when a row past them is read: best score first, then newer, then lower id.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Mutex, OnceLock};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyin;
use rayon::iter::Either;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::Article;
use crate::store::{ArticleId, PersonId, Store};

mod rank;
mod skim;

pub use rank::TOP as RANKED_AT_ONCE;
use rank::{Keyed, Ranking, sort_key};

/// Articles scored per chunk between two checks of the cancel flag.
const CHUNK: usize = 16_384;

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
///
/// Only the best [`RANKED_AT_ONCE`] hits are ranked when the search ends; the others are
/// ranked the first time a hit past them is read.
#[derive(Clone, Debug, Default)]
pub struct Results {
    /// The query these hits answer.
    pub query: Query,
    /// Matching articles.
    ranking: Ranking,
}

impl Results {
    /// Number of hits.
    pub fn len(&self) -> usize {
        self.ranking.len()
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.ranking.is_empty()
    }

    /// The hit ranked `i`-th, from 0.
    pub fn get(&self, i: usize) -> Option<Hit> {
        self.ranking.get(i)
    }

    /// Every hit, ranked.
    pub fn hits(&self) -> &[Hit] {
        self.ranking.all()
    }

    /// The ids of every hit in no particular order: the candidates of a narrower query.
    pub fn ids(&self) -> impl Iterator<Item = ArticleId> + '_ {
        self.ranking.ids()
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

/// Pinyin keys with, for each key character, the index of the source character it came from.
///
/// Only used for highlighting the rows on screen; the index stores keys without maps.
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
        if let Some(plain) = pinyin_of(c) {
            for pc in plain.chars() {
                k.full.push(if pc == 'ü' { 'v' } else { pc });
                k.full_u.push(if pc == 'ü' { 'u' } else { pc });
                k.full_map.push(i);
            }
            if let Some(first) = plain.chars().next() {
                k.initials.push(first);
                k.initials_map.push(i);
            }
        } else if c.is_ascii_alphanumeric() {
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

/// The toneless pinyin of a Chinese character (ü kept as `ü`), None for anything else.
fn pinyin_of(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    c.to_pinyin().map(|p| p.plain())
}

/// Bits of a bloom mask for ASCII letters (case folded); the two bits above them stand for
/// other ASCII characters, and the bits below for all other characters.
const BLOOM_LETTER_BITS: u32 = 14;
/// First bit of the ASCII letters in a bloom mask.
const BLOOM_FIRST_LETTER_BIT: u32 = 64 - 2 - BLOOM_LETTER_BITS;

/// Bit of one character in a bloom mask.
///
/// ASCII characters have bits of their own, and letters apart from digits and punctuation: an
/// ASCII word is then rejected by the mask of a text without ASCII letters (most Chinese
/// fields, dates included) rather than passing on a collision with one of its many Chinese
/// characters or digits.
fn bloom_bit(c: char) -> u64 {
    let bit = if c.is_ascii_alphabetic() {
        BLOOM_FIRST_LETTER_BIT + u32::from(c.to_ascii_lowercase() as u8 - b'a') % BLOOM_LETTER_BITS
    } else if c.is_ascii() {
        BLOOM_FIRST_LETTER_BIT + BLOOM_LETTER_BITS + u32::from(c as u8 & 1)
    } else {
        let hash = (c as u32).wrapping_mul(0x9E37_79B9);
        ((u64::from(hash) * u64::from(BLOOM_FIRST_LETTER_BIT)) >> 32) as u32
    };
    1u64 << bit
}

/// Bloom mask of the characters of `s`.
fn bloom_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | bloom_bit(c))
}

/// Bit of a key character in a letters mask; `initial` selects the initials' letter bits.
///
/// Letters of the full pinyin use bits 0–25, letters of the initials bits 26–51, digits
/// (the same in both keys) bits 52–61. Bit 63 stands for any other character, which keys
/// never contain, so a word with one never passes the mask. Bit 62 is [`TEXT_HAS_ASCII`].
fn letter_bit(c: char, initial: bool) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32 + if initial { 26 } else { 0 }),
        '0'..='9' => 1 << (c as u32 - '0' as u32 + 52),
        _ => 1 << 63,
    }
}

/// Bit of a letters mask set when the entry's text itself has an ASCII character: an ASCII
/// word can match the text (not only its pinyin) only then, which spares reading the text of
/// nearly every Chinese headline for a pinyin query.
const TEXT_HAS_ASCII: u64 = 1 << 62;

/// Entries whose keys one task computes when the index is built.
const BUILD_CHUNK: usize = 4096;

/// Strings stored back to back in one buffer, addressed by index.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Arena {
    /// Every string, back to back.
    #[serde(with = "crate::fast_str")]
    bytes: String,
    /// Where each string starts, plus the end of the last one.
    starts: Vec<usize>,
}

/// True when `starts` bounds `n` strings in order within `len` bytes, from the first byte.
fn bounds_fit(starts: &[usize], n: usize, len: usize) -> bool {
    starts.len() == n + 1
        && starts.first() == Some(&0)
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last().is_some_and(|&end| end <= len)
}

impl Arena {
    /// True when the arena holds `n` strings whose bounds lie within its bytes, in order.
    fn holds(&self, n: usize) -> bool {
        bounds_fit(&self.starts, n, self.bytes.len())
    }

    fn with_capacity(n: usize, bytes: usize) -> Arena {
        let mut starts = Vec::with_capacity(n + 1);
        starts.push(0);
        Arena {
            bytes: String::with_capacity(bytes),
            starts,
        }
    }

    /// Ends the string being written with `push_str`/`push` since the last `finish`.
    fn finish(&mut self) {
        self.starts.push(self.bytes.len());
    }

    /// Byte range of string `i` in `bytes`, None when out of range.
    fn bounds(&self, i: usize) -> Option<Range<usize>> {
        Some(*self.starts.get(i)?..*self.starts.get(i + 1)?)
    }

    /// String `i` ("" when out of range).
    fn get(&self, i: usize) -> &str {
        // Starts are recorded between whole strings, so they are character boundaries.
        self.bounds(i).and_then(|r| self.bytes.get(r)).unwrap_or("")
    }

    /// Each string of `range` that holds `word`'s one non-ASCII character, with the best
    /// one-character score among its occurrences ([`skim::single`]), pushed to `out` in
    /// ascending order.
    fn single_scores(&self, range: Range<u32>, word: &Word, out: &mut Singles) {
        single_scores(&self.bytes, &self.starts, range, word, false, out);
    }

    /// Reads the first and last byte of string `i` and returns them combined, so that a
    /// loop over many strings brings their cache lines in with independent loads.
    fn touch(&self, i: usize) -> u8 {
        let ends = self
            .bounds(i)
            .and_then(|r| self.bytes.as_bytes().get(r))
            .and_then(|b| Some((*b.first()?, *b.last()?)));
        ends.map_or(0, |(first, last)| first ^ last)
    }

    /// Appends the strings of `other`.
    fn append(&mut self, other: Arena) {
        let base = self.bytes.len();
        self.bytes.push_str(&other.bytes);
        self.starts
            .extend(other.starts.iter().skip(1).map(|s| s + base));
    }
}

/// [`Arena::single_scores`] over strings `starts` of `bytes`; with `fields`, a string holds
/// fields separated by NUL, each scored as a text of its own (as [`Extras`] does).
///
/// The word's character is found in one pass over the range ([`find_in_strings`]): a common
/// character is found in a large part of the strings, and a search per string costs a call
/// and its set-up for a few dozen bytes. The encoded character starts with a lead byte,
/// which is never inside another character, so every match is a character of one string.
fn single_scores(
    bytes: &str,
    starts: &[usize],
    range: Range<u32>,
    word: &Word,
    fields: bool,
    out: &mut Singles,
) {
    let (Some(finder), &[p]) = (&word.finder, &word.chars[..]) else {
        return;
    };
    for (id, at) in find_in_strings(bytes, starts, range, finder) {
        let Some(before) = starts.get(id).and_then(|&start| bytes.get(start..at)) else {
            continue;
        };
        let before = before
            .chars()
            .next_back()
            .filter(|&c| !(fields && c == '\0'));
        let score = skim::single_occurrence(p, before);
        match out.last_mut() {
            Some((last, best)) if *last as usize == id => *best = (*best).max(score),
            _ => out.push((id as u32, score)),
        }
    }
}

/// Each match of `finder` in the strings `range` of `bytes` (string `i` starting at
/// `starts[i]`), as the index of the string it starts in and its byte offset, in order.
///
/// The strings lie back to back, so one pass over their bytes replaces a search in each; a
/// match may run on past the end of its string.
fn find_in_strings<'a>(
    bytes: &'a str,
    starts: &'a [usize],
    range: Range<u32>,
    finder: &'a memchr::memmem::Finder<'static>,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let (lo, hay) = starts
        .get(range.start as usize)
        .zip(starts.get(range.end as usize))
        .and_then(|(&lo, &hi)| Some((lo, bytes.as_bytes().get(lo..hi)?)))
        .unwrap_or((0, &[]));
    let mut id = range.start as usize;
    finder.find_iter(hay).map(move |pos| {
        let at = lo + pos;
        while starts.get(id + 1).is_some_and(|&end| end <= at) {
            id += 1;
        }
        (id, at)
    })
}

/// Separates the full pinyin with ü written `v` from the one with ü written `u` in an entry
/// of [`KeyTable::full`]; keys hold only lower-case letters and digits.
const FULL_U_SEPARATOR: char = '|';

/// Texts (headlines or names) and their pinyin keys, each kind in its own contiguous arena so
/// that a scan reads only the bytes it needs.
#[derive(Debug, Default, Serialize, Deserialize)]
struct KeyTable {
    /// Each entry's text.
    text: Arena,
    /// Each entry's full pinyin without tones (ü as `v`; letters and digits kept), followed
    /// when the text has a ü by [`FULL_U_SEPARATOR`] and the spelling with ü as `u`.
    full: Arena,
    /// Each entry's initials: the first letter of each syllable, letters and digits kept.
    initials: Arena,
    /// Bloom mask of each entry's text.
    bloom: Vec<u64>,
    /// Letters and digits present in each entry's keys ([`letter_bit`]).
    letters: Vec<u64>,
    /// The first byte of each entry's keys (0 when they are empty): all a one-letter word's
    /// score in them depends on, in a flat array.
    first: Vec<u8>,
    /// Per block of [`PAIR_BLOCK`] entries, the pairs of letters and digits that follow each
    /// other in some full pinyin of the block ([`PairSet`]).
    pairs: Vec<PairSet>,
}

/// Entries per block of [`KeyTable::pairs`] (the blocks the table is built in).
const PAIR_BLOCK: usize = BUILD_CHUNK;

/// Letters and digits, the symbols of a key.
const KEY_SYMBOLS: usize = 36;

/// One bit per ordered pair of key symbols: which pairs occur side by side in a set of keys.
///
/// A full pinyin must contain an ASCII word as one run, so each pair of the word's adjacent
/// letters must occur in it. Pinyin abbreviations (`ljc`, `jz`) are mostly pairs that no
/// syllable boundary produces, since no syllable ends in such a consonant: one lookup per
/// block then spares reading the full pinyin of thousands of entries.
type PairSet = [u64; (KEY_SYMBOLS * KEY_SYMBOLS).div_ceil(64)];

/// The symbol number of a key byte, None for anything but a lower-case letter or a digit.
fn key_symbol(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some(usize::from(b - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
        _ => None,
    }
}

/// The bit of each pair of adjacent symbols of `key`, in order.
fn key_pairs(key: &[u8]) -> impl Iterator<Item = usize> + '_ {
    key.windows(2).filter_map(|w| {
        let (a, b) = (key_symbol(*w.first()?)?, key_symbol(*w.get(1)?)?);
        Some(a * KEY_SYMBOLS + b)
    })
}

/// True when `set` has the pair `bit`.
fn has_pair(set: &PairSet, bit: usize) -> bool {
    set.get(bit / 64)
        .is_some_and(|w| w & (1 << (bit % 64)) != 0)
}

/// The pairs of every key of `arena`, never across two keys.
fn pair_set(arena: &Arena) -> PairSet {
    let mut set = PairSet::default();
    for i in 0..arena.starts.len().saturating_sub(1) {
        for bit in key_pairs(arena.get(i).as_bytes()) {
            if let Some(w) = set.get_mut(bit / 64) {
                *w |= 1 << (bit % 64);
            }
        }
    }
    set
}

impl KeyTable {
    /// Builds the keys of `n` texts given by `text_of`, in parallel chunks.
    fn build<'a>(n: usize, text_of: impl Fn(usize) -> Cow<'a, str> + Sync) -> KeyTable {
        let parts: Vec<KeyTable> = (0..n.div_ceil(BUILD_CHUNK))
            .into_par_iter()
            .map_init(PinyinMemo::default, |memo, k| {
                let range = k * BUILD_CHUNK..n.min((k + 1) * BUILD_CHUNK);
                let mut part = KeyTable::with_capacity(range.len(), range.len() * 48);
                for i in range {
                    part.push(&text_of(i), memo);
                }
                part.pairs.push(pair_set(&part.full));
                part
            })
            .collect();
        let bytes = |f: fn(&KeyTable) -> &Arena| parts.iter().map(|p| f(p).bytes.len()).sum();
        let mut table = KeyTable {
            text: Arena::with_capacity(n, bytes(|t| &t.text)),
            full: Arena::with_capacity(n, bytes(|t| &t.full)),
            initials: Arena::with_capacity(n, bytes(|t| &t.initials)),
            bloom: Vec::with_capacity(n),
            letters: Vec::with_capacity(n),
            first: Vec::with_capacity(n),
            pairs: Vec::with_capacity(n.div_ceil(PAIR_BLOCK)),
        };
        for part in parts {
            table.text.append(part.text);
            table.full.append(part.full);
            table.initials.append(part.initials);
            table.bloom.extend(part.bloom);
            table.letters.extend(part.letters);
            table.first.extend(part.first);
            table.pairs.extend(part.pairs);
        }
        table
    }

    fn with_capacity(n: usize, bytes: usize) -> KeyTable {
        KeyTable {
            text: Arena::with_capacity(n, bytes),
            full: Arena::with_capacity(n, bytes),
            initials: Arena::with_capacity(n, bytes),
            bloom: Vec::with_capacity(n),
            letters: Vec::with_capacity(n),
            first: Vec::with_capacity(n),
            pairs: Vec::new(),
        }
    }

    /// Number of entries.
    fn len(&self) -> usize {
        self.bloom.len()
    }

    /// True when every part of the table has exactly `n` entries.
    fn holds(&self, n: usize) -> bool {
        self.bloom.len() == n
            && self.letters.len() == n
            && self.first.len() == n
            && self.text.holds(n)
            && self.full.holds(n)
            && self.initials.holds(n)
            && self.pairs.len() == n.div_ceil(PAIR_BLOCK)
    }

    /// False when no full pinyin of entry `i`'s block has every adjacent pair of `word`, so
    /// that none can contain it.
    fn may_contain(&self, i: usize, word: &Word) -> bool {
        self.pairs
            .get(i / PAIR_BLOCK)
            .is_none_or(|set| word.pairs.iter().all(|&bit| has_pair(set, bit)))
    }

    /// Each entry of `range` whose text holds `word` (several non-ASCII characters) as one
    /// run, with its score, pushed to `out` in ascending order; nothing for other words.
    ///
    /// One pass of the word's finder over the range's texts, which lie back to back, finds
    /// them. A text where no character of the word can have a bonus ([`skim::bonus_free`])
    /// scores [`Word::plain_run`] without being scored; any other is scored in full.
    fn run_scores(
        &self,
        range: Range<u32>,
        word: &Word,
        scratch: &mut skim::Scratch,
        out: &mut Singles,
    ) {
        let (Some(finder), Some(run_score), Some(&first)) =
            (&word.run, word.plain_run, word.chars.first())
        else {
            return;
        };
        let starts = &self.text.starts;
        for (id, at) in find_in_strings(&self.text.bytes, starts, range, finder) {
            // A match may run across the end of one text into the next.
            let inside = starts
                .get(id + 1)
                .is_some_and(|&end| at + finder.needle().len() <= end);
            if !inside || out.last().is_some_and(|&(last, _)| last as usize == id) {
                continue;
            }
            let text = self.text.get(id);
            let has_ascii = self
                .letters
                .get(id)
                .is_none_or(|&l| l & TEXT_HAS_ASCII != 0);
            let plain = if has_ascii {
                skim::bonus_free(text, first)
            } else {
                !text.starts_with(first)
            };
            let score = if plain {
                Some(run_score)
            } else {
                score_text(text, word, scratch)
            };
            if let Some(score) = score {
                out.push((id as u32, score));
            }
        }
    }

    /// Appends `text` and its keys.
    fn push(&mut self, text: &str, memo: &mut PinyinMemo) {
        self.text.bytes.push_str(text);
        self.text.finish();
        let mut letters = if text.bytes().any(|b| b.is_ascii()) {
            TEXT_HAS_ASCII
        } else {
            0
        };
        let (mut has_u, mut first) = (false, None);
        // Full pinyin, ü written `v`; initials alongside.
        for c in text.chars() {
            let syllable = memo.get(c);
            if syllable.is_empty() {
                continue;
            }
            for b in syllable.bytes() {
                letters |= letter_bit(char::from(b), false);
            }
            self.full.bytes.push_str(syllable);
            has_u |= syllable.contains('v') && pinyin_of(c).is_some_and(|p| p.contains('ü'));
            if let Some(initial) = syllable.chars().next() {
                letters |= letter_bit(initial, true);
                self.initials.bytes.push(initial);
                first = first.or(u8::try_from(initial).ok());
            }
        }
        // The same with ü written `u`, only when it differs (texts with a ü are rare).
        if has_u {
            self.full.bytes.push(FULL_U_SEPARATOR);
            letters |= letter_bit('u', false);
            for c in text.chars() {
                match pinyin_of(c) {
                    Some(p) => self
                        .full
                        .bytes
                        .extend(p.chars().map(|x| if x == 'ü' { 'u' } else { x })),
                    None => self.full.bytes.push_str(memo.get(c)),
                }
            }
        }
        self.full.finish();
        self.initials.finish();
        self.first.push(first.unwrap_or(0));
        self.bloom.push(bloom_of(text));
        self.letters.push(letters);
    }

    /// Best score of `word` against entry `i`'s text and pinyin keys.
    ///
    /// The text is matched fuzzily; the full pinyin must contain the word as one run (fuzzy
    /// matching of long letter strings finds everything) and is then scored; initials are
    /// matched fuzzily. Each is tried only when its mask holds the word's characters and a
    /// plain subsequence (or substring) test passes, so most entries are never scored.
    fn score(&self, i: usize, word: &Word, scratch: &mut skim::Scratch) -> Option<i32> {
        let (Some(&bloom), Some(&letters)) = (self.bloom.get(i), self.letters.get(i)) else {
            return None;
        };
        let mut best = None;
        if bloom & word.bloom == word.bloom && (!word.ascii || letters & TEXT_HAS_ASCII != 0) {
            let text = self.text.get(i);
            best = match word.chars[..] {
                // Two Chinese characters (the commonest word) in a text without ASCII.
                [a, b] if !word.ascii && letters & TEXT_HAS_ASCII == 0 => {
                    skim::pair_in_plain_text(text, a, b)
                }
                _ => score_text(text, word, scratch),
            };
        }
        if let [c] = word.chars[..]
            && word.ascii
        {
            // Keys hold only lower-case letters and digits, where one character scores by
            // whether it starts the key: no key needs to be read beyond its first byte, which
            // the full pinyin and the initials share.
            if letters & word.full_need == word.full_need {
                let first = self.first.get(i).copied();
                best = best.max(Some(skim::single_in_key(first == Some(c as u8))));
            }
            return best;
        }
        if word.ascii {
            if letters & word.full_need == word.full_need
                && self.may_contain(i, word)
                && let Some(run) = &word.run
            {
                let full = self.full.get(i).as_bytes();
                let pattern = word.text.as_bytes();
                if run.find(full).is_some() {
                    // At most one separator: the spelling with ü as `u` follows it, and only
                    // then must each spelling be searched on its own.
                    match memchr::memchr(FULL_U_SEPARATOR as u8, full) {
                        None => {
                            best = best.max(skim::score_key_holding_run(full, pattern, scratch))
                        }
                        Some(at) => {
                            let (v, u) = full.split_at(at);
                            for key in [v, u.get(1..).unwrap_or(&[])] {
                                if run.find(key).is_some() {
                                    let s = skim::score_key_holding_run(key, pattern, scratch);
                                    best = best.max(s);
                                }
                            }
                        }
                    }
                }
            }
            if letters & word.initials_need == word.initials_need {
                let initials = self.initials.get(i).as_bytes();
                best = best.max(skim::score_key(initials, word.text.as_bytes(), scratch));
            }
        }
        best
    }
}

/// The pinyin key of each character seen, so the pinyin tables are read once per distinct
/// character rather than once per occurrence.
#[derive(Default)]
struct PinyinMemo {
    /// Keys of the characters of the CJK unified ideographs block, by code point offset:
    /// `None` not looked up yet, `Some(range)` the key's bytes in `keys`.
    cjk: Vec<Option<(u32, u8)>>,
    /// Every key, back to back.
    keys: String,
    /// Scratch for characters outside the block and ASCII.
    other: String,
}

/// First code point of the CJK unified ideographs block.
const CJK_FIRST: u32 = 0x4E00;
/// Number of code points of the block.
const CJK_LEN: usize = 0x9FFF - 0x4E00 + 1;

impl PinyinMemo {
    /// The full-pinyin key of `c`: toneless pinyin with ü as `v` for a Chinese character, the
    /// lower-cased character for an ASCII letter or digit, "" for anything else.
    fn get(&mut self, c: char) -> &str {
        let code = c as u32;
        if (CJK_FIRST..CJK_FIRST + CJK_LEN as u32).contains(&code) {
            if self.cjk.is_empty() {
                self.cjk = vec![None; CJK_LEN];
            }
            let slot = (code - CJK_FIRST) as usize;
            let (start, len) = match self.cjk.get(slot).copied().flatten() {
                Some(range) => range,
                None => {
                    let start = self.keys.len() as u32;
                    if let Some(p) = pinyin_of(c) {
                        self.keys
                            .extend(p.chars().map(|x| if x == 'ü' { 'v' } else { x }));
                    }
                    let range = (start, (self.keys.len() as u32 - start) as u8);
                    if let Some(s) = self.cjk.get_mut(slot) {
                        *s = Some(range);
                    }
                    range
                }
            };
            let start = start as usize;
            return self.keys.get(start..start + usize::from(len)).unwrap_or("");
        }
        self.other.clear();
        if c.is_ascii_alphanumeric() {
            self.other.push(c.to_ascii_lowercase());
        } else if let Some(p) = pinyin_of(c) {
            self.other
                .extend(p.chars().map(|x| if x == 'ü' { 'v' } else { x }));
        }
        &self.other
    }
}

/// The score of `word` in `text`.
fn score_text(text: &str, word: &Word, scratch: &mut skim::Scratch) -> Option<i32> {
    skim::score(text, &word.chars, scratch)
}

/// Search keys of every article and person, computed once when the store is built.
///
/// Headlines (or the stand-in first clause of untitled items) and names are stored with
/// their pinyin keys in contiguous arenas, with per-entry masks next to them, so a search
/// never allocates per article.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Each article's headline and its keys, indexed by article id.
    heads: KeyTable,
    /// Each article's other searchable fields (kicker, subtitle, column, region).
    extras: Extras,
    /// Each person's name and its keys, indexed by person id.
    people: KeyTable,
    /// What each article's people's keys hold, for one-letter words.
    people_letters: PeopleLetters,
    /// Per-article score buffers of finished searches ([`PersonMatches::PerArticle`]), kept
    /// for the next: a fresh one costs its pages' first writes on every keystroke.
    #[serde(skip)]
    spare_scores: Mutex<Vec<Vec<AtomicI32>>>,
}

/// Per-article score buffers kept between searches.
const SPARE_SCORES: usize = 2;

/// Per article, the letters and digits of its people's full pinyin and the first ones of
/// their initials, so that a word of one letter or digit (the first keystroke of a pinyin
/// abbreviation) is matched against an article's people without reading them.
///
/// Such a word scores the same against every key that starts with it, and the same against
/// every key that holds it elsewhere ([`skim::single_in_key`]); the best person is therefore
/// known from two masks. A person whose name itself has ASCII may also match on the name:
/// its article is flagged [`TEXT_HAS_ASCII`] and its people are scored one by one.
#[derive(Debug, Default, Serialize, Deserialize)]
struct PeopleLetters {
    /// The union of the people's letter masks (full-pinyin letters, digits, the ASCII flag).
    keys: Vec<u64>,
    /// The full-pinyin bits of the first letter or digit of each person's initials.
    firsts: Vec<u64>,
}

impl PeopleLetters {
    /// The masks of every article, given each article's people.
    fn build(people: &KeyTable, starts: &[u32], ids: &[PersonId]) -> PeopleLetters {
        let n = starts.len().saturating_sub(1);
        let (keys, firsts) = (0..n)
            .into_par_iter()
            .with_min_len(BUILD_CHUNK)
            .map(|a| {
                let (Some(&lo), Some(&hi)) = (starts.get(a), starts.get(a + 1)) else {
                    return (0, 0);
                };
                let of_article = ids.get(lo as usize..hi as usize).unwrap_or(&[]);
                of_article.iter().fold((0, 0), |(keys, firsts), p| {
                    let i = p.0 as usize;
                    let letters = people.letters.get(i).copied().unwrap_or(0);
                    let first = match people.first.get(i) {
                        Some(&b) if b != 0 => letter_bit(char::from(b), false),
                        _ => 0,
                    };
                    (keys | letters, firsts | first)
                })
            })
            .unzip();
        PeopleLetters { keys, firsts }
    }
}

/// The kicker, subtitle, column and region of every article, separated by NUL.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Extras {
    #[serde(with = "crate::fast_str")]
    arena: String,
    /// Start of each article's fields in `arena`, plus the end.
    starts: Vec<usize>,
    /// Bloom mask of each article's fields.
    bloom: Vec<u64>,
}

impl Extras {
    /// Collects the fields of `articles`, in parallel chunks.
    fn build(articles: &[Article]) -> Extras {
        let parts: Vec<Extras> = articles
            .par_chunks(BUILD_CHUNK)
            .map(|chunk| {
                let mut x = Extras {
                    arena: String::new(),
                    starts: Vec::with_capacity(chunk.len()),
                    bloom: Vec::with_capacity(chunk.len()),
                };
                for a in chunk {
                    x.starts.push(x.arena.len());
                    let mut bloom = 0;
                    for (k, field) in extra_fields(a).enumerate() {
                        if k > 0 {
                            x.arena.push('\0');
                        }
                        x.arena.extend(field.chars().filter(|&c| c != '\0'));
                        bloom |= bloom_of(field);
                    }
                    x.bloom.push(bloom);
                }
                x
            })
            .collect();
        let mut x = Extras {
            arena: String::with_capacity(parts.iter().map(|p| p.arena.len()).sum()),
            starts: Vec::with_capacity(articles.len() + 1),
            bloom: Vec::with_capacity(articles.len()),
        };
        for part in parts {
            let base = x.arena.len();
            x.arena.push_str(&part.arena);
            x.starts.extend(part.starts.iter().map(|s| s + base));
            x.bloom.extend(part.bloom);
        }
        x.starts.push(x.arena.len());
        x
    }

    /// [`Arena::single_scores`] over the fields of the articles of `range`.
    fn single_scores(&self, range: Range<u32>, word: &Word, out: &mut Singles) {
        single_scores(&self.arena, &self.starts, range, word, true, out);
    }

    /// Best score of `word` against article `i`'s fields.
    fn score(&self, i: usize, word: &Word, scratch: &mut skim::Scratch) -> Option<i32> {
        if self
            .bloom
            .get(i)
            .is_none_or(|&b| b & word.bloom != word.bloom)
        {
            return None;
        }
        let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return None;
        };
        let fields = self.arena.get(a..b)?;
        fields
            .split('\0')
            .filter_map(|f| score_text(f, word, scratch))
            .max()
    }
}

/// The search keys of the articles alone, which do not depend on the interned people: built
/// while the store links people ([`SearchIndex::from_parts`] completes them).
#[derive(Debug, Default)]
pub struct ArticleKeys {
    heads: KeyTable,
    extras: Extras,
}

impl ArticleKeys {
    /// Computes the keys of every article's headline and other fields, in parallel.
    pub fn build(articles: &[Article]) -> ArticleKeys {
        let (heads, extras) = rayon::join(
            || KeyTable::build(articles.len(), |i| headline(&articles[i]).0),
            || Extras::build(articles),
        );
        ArticleKeys { heads, extras }
    }
}

impl SearchIndex {
    /// Completes the articles' keys with those of the interned `names` (in person-id order)
    /// and of each article's people: those of article `a` are
    /// `people[starts[a]..starts[a + 1]]`.
    pub fn from_parts<S: AsRef<str> + Sync>(
        articles: ArticleKeys,
        names: &[S],
        starts: &[u32],
        people: &[PersonId],
    ) -> SearchIndex {
        let table = KeyTable::build(names.len(), |i| Cow::Borrowed(names[i].as_ref()));
        SearchIndex {
            heads: articles.heads,
            extras: articles.extras,
            people_letters: PeopleLetters::build(&table, starts, people),
            people: table,
            spare_scores: Mutex::default(),
        }
    }

    /// True when the index has the keys of exactly `articles` articles and `people` people:
    /// the check of an index read back from disk.
    pub fn fits(&self, articles: usize, people: usize) -> bool {
        self.heads.holds(articles)
            && self.people.holds(people)
            && self.extras.bloom.len() == articles
            && bounds_fit(&self.extras.starts, articles, self.extras.arena.len())
            && self.people_letters.keys.len() == articles
            && self.people_letters.firsts.len() == articles
    }

    /// A per-article score buffer for `n` articles, every slot `i32::MIN` (no match).
    fn scores_buffer(&self, n: usize) -> Vec<AtomicI32> {
        let spare = self
            .spare_scores
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        match spare {
            Some(scores) if scores.len() == n => {
                scores
                    .par_iter()
                    .with_min_len(CHUNK)
                    .for_each(|s| s.store(i32::MIN, Ordering::Relaxed));
                scores
            }
            _ => (0..n).map(|_| AtomicI32::new(i32::MIN)).collect(),
        }
    }

    /// Keeps the buffers of a finished search's person matches for the next search.
    fn keep_buffers(&self, matches: Vec<PersonMatches>) {
        let mut spare = self
            .spare_scores
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for m in matches {
            if let PersonMatches::PerArticle(scores) = m
                && spare.len() < SPARE_SCORES
            {
                spare.push(scores);
            }
        }
    }

    /// The headline of article `id` as shown and searched ([`headline`]), from the index.
    pub fn headline(&self, id: ArticleId) -> &str {
        self.heads.text.get(id.0 as usize)
    }
}

/// The article's kicker, subtitle, column and region: matched as text in [`Scope::All`].
fn extra_fields(a: &Article) -> impl Iterator<Item = &str> {
    [a.kicker(), a.subtitle(), a.column(), a.region()]
        .into_iter()
        .flatten()
}

/// Shortest stand-in headline before a clause break ends it, in characters.
const FIRST_CLAUSE_MIN: usize = 8;
/// Longest first clause shown in place of a missing title, in characters.
const FIRST_CLAUSE_MAX: usize = 40;

/// The headline of an article and whether it is a stand-in (first clause of an untitled body).
pub fn headline(a: &Article) -> (Cow<'_, str>, bool) {
    if let Some(t) = a.title().filter(|t| !t.trim().is_empty()) {
        return (Cow::Borrowed(t), false);
    }
    let body = a
        .paragraphs()
        .map(|p| p.trim())
        .find(|p| !p.is_empty())
        .unwrap_or("");
    // A leading dateline clause (`3月6日，`) says little: keep adding clauses until the
    // stand-in has some substance.
    let mut end = 0;
    for (len, (at, c)) in body.char_indices().take(FIRST_CLAUSE_MAX).enumerate() {
        if "，。；！？,;!?".contains(c) && (len >= FIRST_CLAUSE_MIN || c == '。') {
            break;
        }
        end = at + c.len_utf8();
    }
    (Cow::Borrowed(body.get(..end).unwrap_or(body)), true)
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

/// One query word with what its prefilters need.
struct Word {
    /// The normalised word.
    text: String,
    /// Its characters, for the scorer.
    chars: Vec<char>,
    /// ASCII words are also matched against the pinyin keys.
    ascii: bool,
    /// Bloom mask of its characters.
    bloom: u64,
    /// Letter bits a full pinyin key must have to contain it.
    full_need: u64,
    /// Letter bits an initials key must have to contain it.
    initials_need: u64,
    /// For a word of one non-ASCII character, a finder of its encoding, to find it in many
    /// texts in one pass ([`Arena::single_scores`]).
    finder: Option<memchr::memmem::Finder<'static>>,
    /// Its pairs of adjacent letters and digits ([`PairSet`]).
    pairs: Vec<usize>,
    /// A finder of the word as one run: for an ASCII word, which a full pinyin key must hold;
    /// for a word of several Chinese characters, to find the texts holding it as typed.
    run: Option<memchr::memmem::Finder<'static>>,
    /// For a word of several non-ASCII characters, its score in any text that holds it as one
    /// run and gives none of its characters a bonus ([`skim::plain_run_score`]).
    plain_run: Option<i32>,
}

impl Word {
    fn new(text: &str) -> Word {
        let chars: Vec<char> = text.chars().collect();
        let finder = match chars[..] {
            [c] if !c.is_ascii() => {
                let mut buf = [0u8; 4];
                let needle = c.encode_utf8(&mut buf).as_bytes();
                Some(memchr::memmem::Finder::new(needle).into_owned())
            }
            _ => None,
        };
        Word {
            text: text.to_owned(),
            ascii: text.is_ascii(),
            bloom: bloom_of(text),
            full_need: chars.iter().fold(0, |m, &c| m | letter_bit(c, false)),
            initials_need: chars.iter().fold(0, |m, &c| m | letter_bit(c, true)),
            pairs: key_pairs(text.as_bytes()).collect(),
            run: (text.is_ascii() || chars.len() > 1)
                .then(|| memchr::memmem::Finder::new(text.as_bytes()).into_owned()),
            plain_run: skim::plain_run_score(&chars, &mut skim::Scratch::default()),
            chars,
            finder,
        }
    }
}

/// The words of `query`, most selective (longest) first: the order they are tested in.
fn words_of(query: &Query) -> Vec<Word> {
    let mut words: Vec<Word> = query.words.iter().map(|w| Word::new(w)).collect();
    words.sort_by_key(|w| Reverse(w.chars.len()));
    words
}

/// The people matching one query word, in the form cheapest for the scan.
enum PersonMatches {
    /// Articles in which a matching person appears, with that person's best score, sorted by
    /// article id and walked with a cursor: few matching people reach few articles.
    Articles(Vec<(u32, i32)>),
    /// Each article's best score (`i32::MIN` for no match), indexed by article id: when the
    /// matching people appear in many articles, scattering their appearances into one slot
    /// per article beats sorting them. (Looking up each person's score through every
    /// article's people instead was slower even when they appear in most articles: the
    /// lookups miss the cache where the scattered writes do not wait.)
    PerArticle(Vec<AtomicI32>),
    /// A word of one letter or digit: read from [`PeopleLetters`].
    Letters,
}

/// How the people matching a word are held for the scan (apart from one-letter words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PersonForm {
    /// [`PersonMatches::Articles`].
    Articles,
    /// [`PersonMatches::PerArticle`].
    PerArticle,
}

impl PersonForm {
    /// The cheapest form for people appearing `appearances` times in `articles` articles.
    ///
    /// In the person scope, sorted appearances are answered without a scan of the articles
    /// ([`person_scope_hits`]), which pays for sorting far more of them.
    fn by_density(appearances: usize, articles: usize, scope: Scope) -> PersonForm {
        let dense = match scope {
            Scope::Person => articles / 8,
            Scope::All | Scope::Headline => articles / 64,
        };
        if appearances > dense {
            PersonForm::PerArticle
        } else {
            PersonForm::Articles
        }
    }
}

/// The people matching `word`: scored once each over the interned names (not once per
/// article), reaching their articles through their appearances. `form` overrides the form
/// chosen by density (tests hold every form to the same answers).
fn person_matches(
    store: &Store,
    index: &SearchIndex,
    word: &Word,
    scope: Scope,
    form: Option<PersonForm>,
) -> PersonMatches {
    if word.ascii && word.chars.len() == 1 {
        return PersonMatches::Letters;
    }
    let n = index.people.len();
    let people: Vec<(PersonId, i32)> = if word.finder.is_some() {
        // One character: found in one pass over the names of each chunk.
        (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .flat_map_iter(|k| {
                let range = (k * CHUNK) as u32..n.min((k + 1) * CHUNK) as u32;
                let mut found = Vec::new();
                index.people.text.single_scores(range, word, &mut found);
                found.into_iter().map(|(p, s)| (PersonId(p), s))
            })
            .collect()
    } else {
        (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(skim::Scratch::default, |scratch, k| {
                let mut found = Vec::new();
                for i in k * CHUNK..n.min((k + 1) * CHUNK) {
                    if let Some(s) = index.people.score(i, word, scratch) {
                        found.push((PersonId(i as u32), s));
                    }
                }
                found
            })
            .flatten_iter()
            .collect()
    };
    let appearances: usize = people.iter().map(|&(p, _)| store.person_count(p)).sum();
    match form.unwrap_or_else(|| PersonForm::by_density(appearances, store.len(), scope)) {
        PersonForm::PerArticle => {
            // Scattered from several threads: the writes land at random and each waits on
            // memory, so they overlap better spread out.
            let best = index.scores_buffer(store.len());
            people.par_iter().with_min_len(256).for_each(|&(p, s)| {
                for a in store.articles_of_person(p) {
                    if let Some(slot) = best.get(a.article.0 as usize) {
                        slot.fetch_max(s, Ordering::Relaxed);
                    }
                }
            });
            return PersonMatches::PerArticle(best);
        }
        PersonForm::Articles => {}
    }
    let mut out: Vec<(u32, i32)> = Vec::with_capacity(appearances);
    for &(p, s) in &people {
        out.extend(store.articles_of_person(p).iter().map(|a| (a.article.0, s)));
    }
    // Best score first within an article, then keep one entry per article.
    out.par_sort_unstable_by_key(|&(a, s)| (a, Reverse(s)));
    out.dedup_by_key(|e| e.0);
    PersonMatches::Articles(out)
}

/// Candidates are sparse when fewer than one in this many articles of a scan's range: their
/// headlines are then read one by one rather than in passes over the whole range.
const SPARSE: usize = 4;

/// A pass over a range's headlines for the words typed as one run ([`KeyTable::run_scores`])
/// costs a few nanoseconds per headline and spares a hundred or more for each candidate that
/// holds its word so: it is made unless fewer than one in this many articles are candidates.
const RUN_PASS_SPARSE: usize = 16;

/// Entries holding a one-character word, with its best score in each, by ascending id.
type Singles = Vec<(u32, i32)>;

/// What a scan of articles needs to know about the query.
struct Matcher<'a> {
    store: &'a Store,
    index: &'a SearchIndex,
    scope: Scope,
    words: Vec<Word>,
    /// Per word, [`person_matches`] (none in the headline scope).
    people: Vec<PersonMatches>,
    /// True when scoring reads headline text for most candidates: some word is not ASCII
    /// (ASCII words are matched on the pinyin keys, and on the text only when it has ASCII).
    reads_headlines: bool,
}

impl Matcher<'_> {
    /// The best score of a one-letter `word` among the people of article `id`.
    fn people_letter_score(
        &self,
        id: u32,
        word: &Word,
        scratch: &mut skim::Scratch,
    ) -> Option<i32> {
        let masks = &self.index.people_letters;
        let i = id as usize;
        let keys = masks.keys.get(i).copied().unwrap_or(0);
        if keys & TEXT_HAS_ASCII != 0 {
            return self
                .store
                .people_of_article(ArticleId(id))
                .iter()
                .filter_map(|p| self.index.people.score(p.0 as usize, word, scratch))
                .max();
        }
        if keys & word.full_need != word.full_need {
            return None;
        }
        let starts = masks.firsts.get(i).is_some_and(|f| f & word.full_need != 0);
        Some(skim::single_in_key(starts))
    }

    /// Scores the articles `ids` (ascending, within `range`, `count` of them), pushing
    /// `(sort key, id)` of the hits to `out` in ascending id order.
    fn scan(
        &self,
        range: Range<u32>,
        ids: impl Iterator<Item = u32> + Clone,
        count: usize,
        scratch: &mut skim::Scratch,
        out: &mut Vec<Keyed>,
    ) {
        // Sparse candidates whose headlines are read are first brought into cache together.
        let gather = self.reads_headlines && SPARSE * count < range.len();
        let run_pass = RUN_PASS_SPARSE * count >= range.len();
        // A cursor per word into its person matches, moved forward as ids grow.
        let mut cursors: Vec<usize> = self
            .people
            .iter()
            .map(|m| match m {
                PersonMatches::Articles(list) => list.partition_point(|&(a, _)| a < range.start),
                PersonMatches::PerArticle(_) | PersonMatches::Letters => 0,
            })
            .collect();
        // Headline scores of one-character words, found in one pass over the run's headlines
        // (unless the candidates are sparse: then only theirs are read).
        let mut singles: Vec<Option<[(Singles, usize); 2]>> = self
            .words
            .iter()
            .map(|w| {
                (self.scope != Scope::Person && w.finder.is_some() && !gather).then(|| {
                    let (mut heads, mut extras) = (Vec::new(), Vec::new());
                    let index = self.index;
                    index.heads.text.single_scores(range.clone(), w, &mut heads);
                    if self.scope == Scope::All {
                        index.extras.single_scores(range.clone(), w, &mut extras);
                    }
                    [(heads, 0), (extras, 0)]
                })
            })
            .collect();
        // Headlines holding a word of several Chinese characters as typed, found in one pass
        // over the run's headlines: most of a dense run's hits hold it so, and these need no
        // scoring. The others are scored one by one.
        let mut runs: Vec<Option<(Singles, usize)>> = self
            .words
            .iter()
            .map(|w| {
                (self.scope != Scope::Person && w.plain_run.is_some() && run_pass).then(|| {
                    let mut found = Vec::new();
                    self.index
                        .heads
                        .run_scores(range.clone(), w, scratch, &mut found);
                    (found, 0)
                })
            })
            .collect();
        if gather {
            // Sparse candidates: their headlines lie far apart, and scoring one at a time would
            // wait for each from memory in turn. A first pass of independent loads brings them
            // all in at once.
            let mut touched = 0u8;
            for id in ids.clone() {
                touched ^= self.index.heads.text.touch(id as usize);
            }
            std::hint::black_box(touched);
        }
        'articles: for id in ids {
            let i = id as usize;
            let mut total: i64 = 0;
            let words = self.words.iter().zip(&self.people).zip(&mut cursors);
            let found = singles.iter_mut().zip(&mut runs);
            for (((word, matches), cursor), (single, run)) in words.zip(found) {
                let mut best = None;
                if let Some(lists) = single {
                    for (found, at) in lists {
                        while found.get(*at).is_some_and(|&(a, _)| a < id) {
                            *at += 1;
                        }
                        let here = found.get(*at).filter(|&&(a, _)| a == id);
                        best = best.max(here.map(|&(_, s)| s));
                    }
                } else {
                    if let Some((found, at)) = run {
                        while found.get(*at).is_some_and(|&(a, _)| a < id) {
                            *at += 1;
                        }
                        best = match found.get(*at) {
                            Some(&(a, s)) if a == id => Some(s),
                            _ => self.index.heads.score(i, word, scratch),
                        };
                    } else if self.scope != Scope::Person {
                        best = self.index.heads.score(i, word, scratch);
                    }
                    if self.scope == Scope::All {
                        best = best.max(self.index.extras.score(i, word, scratch));
                    }
                }
                match matches {
                    PersonMatches::Articles(list) => {
                        while list.get(*cursor).is_some_and(|&(a, _)| a < id) {
                            *cursor += 1;
                        }
                        if let Some(&(a, s)) = list.get(*cursor)
                            && a == id
                        {
                            best = best.max(Some(s));
                        }
                    }
                    PersonMatches::PerArticle(scores) => {
                        let s = scores
                            .get(i)
                            .map_or(i32::MIN, |s| s.load(Ordering::Relaxed));
                        if s != i32::MIN {
                            best = best.max(Some(s));
                        }
                    }
                    PersonMatches::Letters => {
                        best = best.max(self.people_letter_score(id, word, scratch));
                    }
                }
                match best {
                    Some(s) => total += i64::from(s),
                    None => continue 'articles,
                }
            }
            out.push((sort_key(total, self.store.date_key(ArticleId(id)).0), id));
        }
    }
}

/// The ids in `range` whose bit is set in `bits`, ascending.
fn set_bits(bits: &[u64], range: Range<u32>) -> impl Iterator<Item = u32> + Clone + '_ {
    let words = range.start as usize / 64..(range.end as usize).div_ceil(64);
    bits.get(words.clone())
        .unwrap_or(&[])
        .iter()
        .zip(words)
        .flat_map(|(&word, w)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (w * 64) as u32 + bit
                })
            })
        })
        .filter(move |id| range.contains(id))
}

/// The articles a search may return.
enum Candidates<'a> {
    /// Every article.
    All,
    /// The articles whose bit is set.
    Bits(Vec<u64>),
    /// The hits of a previous search, as its runs in ascending id order.
    Runs(&'a [Vec<Keyed>]),
}

impl Candidates<'_> {
    /// The candidates in `range`, ascending, and how many there are.
    fn within(&self, range: Range<u32>) -> (usize, impl Iterator<Item = u32> + Clone + '_) {
        match self {
            Candidates::All => (range.len(), Either::Left(range)),
            Candidates::Bits(bits) => {
                let ids = set_bits(bits, range);
                (ids.clone().count(), Either::Right(Either::Left(ids)))
            }
            Candidates::Runs(runs) => {
                let parts: Vec<&[Keyed]> = runs
                    .iter()
                    .map(|run| {
                        let from = run.partition_point(|&(_, id)| id < range.start);
                        let to = run.partition_point(|&(_, id)| id < range.end);
                        run.get(from..to).unwrap_or(&[])
                    })
                    .filter(|part| !part.is_empty())
                    .collect();
                let count = parts.iter().map(|part| part.len()).sum();
                let ids = parts.into_iter().flatten().map(|&(_, id)| id);
                (count, Either::Right(Either::Right(ids)))
            }
        }
    }

    /// The candidates as a bitset over `n` articles, None for every article.
    fn bits(&self, n: usize) -> Option<Cow<'_, [u64]>> {
        match self {
            Candidates::All => None,
            Candidates::Bits(bits) => Some(Cow::Borrowed(bits)),
            Candidates::Runs(runs) => {
                let ids = runs.iter().flatten().map(|&(_, id)| ArticleId(id));
                Some(Cow::Owned(bitset(ids, n)))
            }
        }
    }
}

/// A bitset of `ids` over `n` articles.
fn bitset(ids: impl IntoIterator<Item = ArticleId>, n: usize) -> Vec<u64> {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for id in ids {
        if let Some(w) = bits.get_mut(id.0 as usize / 64) {
            *w |= 1 << (id.0 % 64);
        }
    }
    bits
}

/// True when `id`'s bit is set.
fn has_bit(bits: &[u64], id: u32) -> bool {
    bits.get(id as usize / 64)
        .is_some_and(|w| w & (1 << (id % 64)) != 0)
}

/// Person scope: the articles of the people matching every word, without a scan.
fn person_scope_hits(
    m: &Matcher<'_>,
    only: Option<&[u64]>,
    cancel: &AtomicBool,
) -> Option<Vec<Keyed>> {
    let mut lists = m.people.iter().map(|p| match p {
        PersonMatches::Articles(list) => list.as_slice(),
        PersonMatches::PerArticle(_) | PersonMatches::Letters => &[],
    });
    let mut acc: Vec<(u32, i64)> = lists
        .next()
        .map(|l| l.iter().map(|&(a, s)| (a, i64::from(s))).collect())
        .unwrap_or_default();
    for list in lists {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mut j = 0;
        acc.retain_mut(|(a, total)| {
            j += list
                .get(j..)
                .map_or(0, |rest| rest.partition_point(|&(b, _)| b < *a));
            match list.get(j) {
                Some(&(b, s)) if b == *a => {
                    *total += i64::from(s);
                    true
                }
                _ => false,
            }
        });
    }
    if let Some(bits) = only {
        acc.retain(|&(a, _)| has_bit(bits, a));
    }
    Some(
        acc.into_iter()
            .map(|(a, s)| (sort_key(s, m.store.date_key(ArticleId(a)).0), a))
            .collect(),
    )
}

/// Ranks `query` over `candidates` (all articles when None); None when cancelled midway.
///
/// When the query only grew ([`narrows`]), [`narrow`] reads the previous hits faster.
pub fn search(
    store: &Store,
    query: &Query,
    candidates: Option<&[ArticleId]>,
    cancel: &AtomicBool,
) -> Option<Results> {
    if query.is_empty() {
        let hits = match candidates {
            Some(ids) => ids.iter().map(|&id| Hit { id, score: 0 }).collect(),
            None => (0..store.len() as u32)
                .map(|i| Hit {
                    id: ArticleId(i),
                    score: 0,
                })
                .collect(),
        };
        return Some(Results {
            query: query.clone(),
            ranking: Ranking::ranked(hits),
        });
    }
    let candidates = match candidates {
        Some(ids) => Candidates::Bits(bitset(ids.iter().copied(), store.len())),
        None => Candidates::All,
    };
    search_among(store, query, candidates, None, cancel)
}

/// Ranks `query` over the hits of `previous`, the results of a query it [`narrows`]; None
/// when cancelled midway.
///
/// A large previous result is read as its ranking keeps it, in runs of ascending ids, without
/// collecting its ids first.
pub fn narrow(
    store: &Store,
    query: &Query,
    previous: &Results,
    cancel: &AtomicBool,
) -> Option<Results> {
    let candidates = match previous.ranking.id_runs() {
        Some(runs) if !query.is_empty() => Candidates::Runs(runs),
        _ => {
            let ids: Vec<ArticleId> = previous.ids().collect();
            return search(store, query, Some(&ids), cancel);
        }
    };
    search_among(store, query, candidates, None, cancel)
}

/// Ranks a non-empty `query` over `candidates`; None when cancelled midway. `form` holds
/// the people matching every word in one form (None: each word's cheapest).
fn search_among(
    store: &Store,
    query: &Query,
    candidates: Candidates<'_>,
    form: Option<PersonForm>,
    cancel: &AtomicBool,
) -> Option<Results> {
    let index = store.search_index();
    let words = words_of(query);
    let people: Vec<PersonMatches> = if query.scope == Scope::Headline {
        words
            .iter()
            .map(|_| PersonMatches::Articles(Vec::new()))
            .collect()
    } else {
        words
            .iter()
            .map(|w| person_matches(store, index, w, query.scope, form))
            .collect()
    };
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let m = Matcher {
        store,
        index,
        scope: query.scope,
        reads_headlines: query.scope != Scope::Person && words.iter().any(|w| !w.ascii),
        words,
        people,
    };
    let sparse = m
        .people
        .iter()
        .all(|p| matches!(p, PersonMatches::Articles(_)));
    let runs = if query.scope == Scope::Person && sparse {
        let bits = candidates.bits(store.len());
        vec![person_scope_hits(&m, bits.as_deref(), cancel)?]
    } else {
        // Scans go in ascending id order, reading memory front to back and walking the person
        // matches with a cursor.
        let n = store.len();
        let runs: Option<Vec<Vec<Keyed>>> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(skim::Scratch::default, |scratch, k| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let range = (k * CHUNK) as u32..n.min((k + 1) * CHUNK) as u32;
                let (most, ids) = candidates.within(range.clone());
                let mut out = Vec::with_capacity(most);
                m.scan(range, ids, most, scratch, &mut out);
                Some(out)
            })
            .collect();
        runs?
    };
    index.keep_buffers(m.people);
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(Results {
        query: query.clone(),
        ranking: Ranking::from_runs(runs),
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
    let words = words_of(&query);
    let mut hits: Vec<PersonHit> = store
        .people()
        .par_iter()
        .map_init(skim::Scratch::default, |scratch, &id| {
            let mut total = 0;
            for w in &words {
                total += i64::from(index.people.score(id.0 as usize, w, scratch)?);
            }
            Some(PersonHit { id, score: total })
        })
        .flatten()
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
    positions(store.search_index().headline(id), query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, PersonMention};
    use proptest::prelude::*;

    fn article(title: &str, date: &str, people: &[&str]) -> Article {
        let mut a = Article::new("t.txt", 0, Kind::News);
        a.set_title(Some(title));
        a.set_date(Some(date));
        a.set_persons(
            &people
                .iter()
                .map(|n| PersonMention {
                    name: (*n).to_owned(),
                    role: None,
                })
                .collect::<Vec<_>>(),
        );
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
            .hits()
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
    fn narrowing_a_large_result_reads_its_runs_and_agrees_with_a_full_search() {
        let titles = [
            "示范区工作联席会议召开",
            "李建超调研黄龙山片区项目推进工作",
            "温县2022年度述职评议考核会议召开",
            "工作会议在孟州召开",
        ];
        let names = ["吕沛", "李建超", "罗佳成", "王纪勋"];
        // More hits than are ranked at once, over several chunks of the scan.
        let n = 3 * CHUNK + 123;
        let articles: Vec<Article> = (0..n)
            .map(|i| {
                let date = format!("{:02}-{:02}", i % 12 + 1, i % 28 + 1);
                let people = [names[i % names.len()], names[(i / 7) % names.len()]];
                article(titles[i % titles.len()], &date, &people)
            })
            .collect();
        let s = Store::from_articles(articles);
        let flag = AtomicBool::new(false);
        for (old, new) in [
            ("会", "会议"),
            ("l", "lj"),
            ("lj", "ljc"),
            ("工", "工作 孟"),
        ] {
            let (old, new) = (Query::parse(old, Scope::All), Query::parse(new, Scope::All));
            let prev = search(&s, &old, None, &flag).expect("ran");
            assert!(prev.len() > 16 * RANKED_AT_ONCE, "{old:?} ranks lazily");
            assert!(prev.ranking.id_runs().is_some(), "{old:?} keeps its runs");
            let narrowed = narrow(&s, &new, &prev, &flag).expect("ran");
            let full = search(&s, &new, None, &flag).expect("ran");
            assert!(!full.is_empty(), "{new:?} finds something");
            assert_eq!(narrowed.len(), full.len(), "{new:?}");
            assert_eq!(narrowed.hits(), full.hits(), "{new:?}");
        }
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
        let ids: Vec<ArticleId> = prev.ids().collect();
        let narrowed = search(&s, &new, Some(&ids), &flag).expect("ran");
        let full = search(&s, &new, None, &flag).expect("ran");
        assert_eq!(narrowed.hits(), full.hits());
    }

    /// The search as a plain loop: every article, every field, a fresh `SkimMatcherV2` per
    /// comparison, then a comparison sort.
    fn reference(store: &Store, query: &Query) -> Vec<Hit> {
        let fresh = |text: &str, word: &str| {
            SkimMatcherV2::default()
                .ignore_case()
                .fuzzy_match(text, word)
        };
        let with_keys = |text: &str, word: &str| {
            let mut best = fresh(text, word);
            if word.is_ascii() {
                let k = mapped_keys(text);
                for full in [&k.full, &k.full_u] {
                    if full.contains(word) {
                        best = best.max(fresh(full, word));
                    }
                }
                best = best.max(fresh(&k.initials, word));
            }
            best
        };
        let mut hits: Vec<Hit> = (0..store.len() as u32)
            .map(ArticleId)
            .filter_map(|id| {
                let a = store.article(id);
                let mut total = 0;
                for word in &query.words {
                    let mut best = None;
                    if query.scope != Scope::Person {
                        best = best.max(with_keys(&headline(a).0, word));
                    }
                    if query.scope == Scope::All {
                        for f in extra_fields(a) {
                            best = best.max(fresh(f, word));
                        }
                    }
                    if query.scope != Scope::Headline {
                        for &p in store.people_of_article(id) {
                            best = best.max(with_keys(store.person_name(p), word));
                        }
                    }
                    total += best?;
                }
                Some(Hit { id, score: total })
            })
            .collect();
        hits.sort_by_key(|h| (Reverse(h.score), Reverse(store.date_key(h.id)), h.id));
        hits
    }

    #[test]
    fn search_agrees_with_a_plain_scan_of_the_sample_corpus() {
        let s = Store::from_articles(crate::corpus::sample());
        let flag = AtomicBool::new(false);
        let mut compared = 0;
        let queries = [
            "会",
            "会议",
            "工作会议",
            "ljc",
            "lp",
            "lvpei",
            "lüpei",
            "示范区 召开",
            "2023",
            "kh",
            "焦作 jz",
            "a",
            "xx",
            "孟州",
            "温县",
            "zhang",
            "w",
        ];
        for q in queries {
            for scope in [Scope::All, Scope::Headline, Scope::Person] {
                let query = Query::parse(q, scope);
                let got = search(&s, &query, None, &flag).expect("ran");
                assert_eq!(got.hits(), reference(&s, &query), "{q} in {scope:?}");
                compared += got.len();
            }
        }
        assert!(compared > 100, "only {compared} hits compared");
    }

    /// Headlines and names over a small alphabet, so that characters repeat within and
    /// across them, next to ASCII, spaces and punctuation or at the start.
    fn small_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                '会', '议', '开', '吕', '沛', 'a', 'L', '1', ' ', '-', '，',
            ]),
            0..12,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn search_agrees_with_a_plain_scan_of_random_stores(
            heads in proptest::collection::vec(
                (
                    small_text(),
                    proptest::collection::vec(small_text(), 0..3),
                    (small_text(), small_text()),
                ),
                1..40,
            ),
            query in prop::sample::select(vec![
                "会", "议", "吕", "，", "会议", "吕沛", "会 议", "a会", "l", "会 l",
                "hk", "iy", "huiyi", "lp", "lvp", "a1", "1l", "会 hy", "会议开", "会会", "开会 议",
            ]),
        ) {
            let articles: Vec<Article> = heads
                .iter()
                .map(|(title, people, (kicker, region))| {
                    let people: Vec<&str> =
                        people.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
                    let mut a = article(title, "03-02", &people);
                    // Extra fields, matched in the `All` scope (an empty one is absent).
                    a.set_kicker(Some(kicker.as_str()).filter(|k| !k.is_empty()));
                    a.set_region(Some(region.as_str()).filter(|r| !r.is_empty()));
                    a
                })
                .collect();
            let s = Store::from_articles(articles);
            let flag = AtomicBool::new(false);
            for scope in [Scope::All, Scope::Headline, Scope::Person] {
                let q = Query::parse(query, scope);
                let expected = reference(&s, &q);
                let got = search(&s, &q, None, &flag).expect("ran");
                prop_assert_eq!(got.hits(), expected.as_slice(), "{} in {:?}", query, scope);
                // Each form of person matches, whatever the density would pick.
                for form in [PersonForm::Articles, PersonForm::PerArticle] {
                    let got = search_among(&s, &q, Candidates::All, Some(form), &flag)
                        .expect("ran");
                    prop_assert_eq!(
                        got.hits(), expected.as_slice(), "{} in {:?} as {:?}", query, scope, form
                    );
                }
            }
        }
    }

    #[test]
    fn ascii_letters_have_bloom_bits_of_their_own() {
        let letters: u64 = ('a'..='z').map(bloom_bit).fold(0, |m, b| m | b);
        for c in ('A'..='Z').chain('a'..='z') {
            assert_eq!(bloom_bit(c), bloom_bit(c.to_ascii_lowercase()));
        }
        let others = "0123456789 -.,:年月日会议召开工作，、（）·〇丨𠀀".chars();
        for c in others {
            assert_eq!(bloom_bit(c) & letters, 0, "{c:?} shares a letter's bit");
        }
        // A Chinese text with a date never passes the mask of a pinyin word.
        let text = bloom_of("2023年3月26日示范区党政联席会议召开");
        for word in ["l", "ljc", "hy", "zh"] {
            assert_ne!(text & bloom_of(word), bloom_of(word), "{word}");
        }
    }

    #[test]
    fn untitled_items_use_their_first_clause() {
        let mut a = Article::new("t.txt", 0, Kind::Photo);
        a.set_paragraphs(&["为进一步增强辖区加油站应急处置能力，3月26日"]);
        let (text, untitled) = headline(&a);
        assert!(untitled);
        assert_eq!(text, "为进一步增强辖区加油站应急处置能力");
    }
}
