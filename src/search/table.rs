//! The key table: every headline's or name's text and pinyin keys in arenas, with masks.

use super::arena::{Arena, BUILD_CHUNK};
use super::keys::{PinyinMemo, TEXT_HAS_ASCII, bloom_of, letter_bit, pinyin_of};
use super::scan::Singles;
use super::skim;
use super::word::{Word, score_text};
use std::borrow::Cow;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Separates the full pinyin with ü written `v` from the one with ü written `u` in an entry
/// of [`KeyTable::full`]; keys hold only lower-case letters and digits.
pub(in crate::search) const FULL_U_SEPARATOR: char = '|';

/// Texts (headlines or names) and their pinyin keys, each kind in its own contiguous arena so
/// that a scan reads only the bytes it needs.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(in crate::search) struct KeyTable {
    /// Each entry's text.
    pub(in crate::search) text: Arena,
    /// Each entry's full pinyin without tones (ü as `v`; letters and digits kept), followed
    /// when the text has a ü by [`FULL_U_SEPARATOR`] and the spelling with ü as `u`.
    pub(in crate::search) full: Arena,
    /// Each entry's initials: the first letter of each syllable, letters and digits kept.
    pub(in crate::search) initials: Arena,
    /// Bloom mask of each entry's text.
    pub(in crate::search) bloom: Vec<u64>,
    /// Letters and digits present in each entry's keys ([`letter_bit`]).
    pub(in crate::search) letters: Vec<u64>,
    /// The first byte of each entry's keys (0 when they are empty): all a one-letter word's
    /// score in them depends on, in a flat array.
    pub(in crate::search) first: Vec<u8>,
    /// Per block of [`PAIR_BLOCK`] entries, the pairs of letters and digits that follow each
    /// other in some full pinyin of the block ([`PairSet`]).
    pub(in crate::search) pairs: Vec<PairSet>,
}

/// Entries per block of [`KeyTable::pairs`] (the blocks the table is built in).
pub(in crate::search) const PAIR_BLOCK: usize = BUILD_CHUNK;

/// Letters and digits, the symbols of a key.
pub(in crate::search) const KEY_SYMBOLS: usize = 36;

/// One bit per ordered pair of key symbols: which pairs occur side by side in a set of keys.
///
/// A full pinyin must contain an ASCII word as one run, so each pair of the word's adjacent
/// letters must occur in it. Pinyin abbreviations (`ljc`, `jz`) are mostly pairs that no
/// syllable boundary produces, since no syllable ends in such a consonant: one lookup per
/// block then spares reading the full pinyin of thousands of entries.
pub(in crate::search) type PairSet = [u64; (KEY_SYMBOLS * KEY_SYMBOLS).div_ceil(64)];

/// The symbol number of a key byte, None for anything but a lower-case letter or a digit.
pub(in crate::search) fn key_symbol(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some(usize::from(b - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
        _ => None,
    }
}

/// The bit of each pair of adjacent symbols of `key`, in order.
pub(in crate::search) fn key_pairs(key: &[u8]) -> impl Iterator<Item = usize> + '_ {
    key.windows(2).filter_map(|w| {
        let (a, b) = (key_symbol(*w.first()?)?, key_symbol(*w.get(1)?)?);
        Some(a * KEY_SYMBOLS + b)
    })
}

/// True when `set` has the pair `bit`.
pub(in crate::search) fn has_pair(set: &PairSet, bit: usize) -> bool {
    set.get(bit / 64)
        .is_some_and(|w| w & (1 << (bit % 64)) != 0)
}

/// The pairs of every key of `arena`, never across two keys.
pub(in crate::search) fn pair_set(arena: &Arena) -> PairSet {
    let mut set = PairSet::default();
    for i in 0..arena.len() {
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
    pub(in crate::search) fn build<'a>(
        n: usize,
        text_of: impl Fn(usize) -> Cow<'a, str> + Sync,
    ) -> KeyTable {
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
        let bytes = |f: fn(&KeyTable) -> &Arena| parts.iter().map(|p| f(p).byte_len()).sum();
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

    pub(in crate::search) fn with_capacity(n: usize, bytes: usize) -> KeyTable {
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
    pub(in crate::search) fn len(&self) -> usize {
        self.bloom.len()
    }

    /// True when every part of the table has exactly `n` entries.
    pub(in crate::search) fn holds(&self, n: usize) -> bool {
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
    pub(in crate::search) fn may_contain(&self, i: usize, word: &Word) -> bool {
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
    pub(in crate::search) fn run_scores(
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
        for (id, at) in self.text.find(range, finder) {
            // A match may run across the end of one text into the next.
            let inside = self
                .text
                .bounds(id)
                .is_some_and(|r| at + finder.needle().len() <= r.end);
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
    pub(in crate::search) fn push(&mut self, text: &str, memo: &mut PinyinMemo) {
        self.text.push_str(text);
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
            self.full.push_str(syllable);
            has_u |= syllable.contains('v') && pinyin_of(c).is_some_and(|p| p.contains('ü'));
            if let Some(initial) = syllable.chars().next() {
                letters |= letter_bit(initial, true);
                self.initials.push(initial);
                first = first.or(u8::try_from(initial).ok());
            }
        }
        // The same with ü written `u`, only when it differs (texts with a ü are rare).
        if has_u {
            self.full.push(FULL_U_SEPARATOR);
            letters |= letter_bit('u', false);
            for c in text.chars() {
                match pinyin_of(c) {
                    Some(p) => {
                        for x in p.chars() {
                            self.full.push(if x == 'ü' { 'u' } else { x });
                        }
                    }
                    None => self.full.push_str(memo.get(c)),
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
    pub(in crate::search) fn score(
        &self,
        i: usize,
        word: &Word,
        scratch: &mut skim::Scratch,
    ) -> Option<i32> {
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
