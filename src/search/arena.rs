//! Strings back to back in one buffer with their keys' masks, scanned without allocating.

use super::scan::Singles;
use super::skim;
use super::word::Word;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Entries whose keys one task computes when the index is built.
pub(in crate::search) const BUILD_CHUNK: usize = 4096;

/// Strings stored back to back in one buffer, addressed by index.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(in crate::search) struct Arena {
    /// Every string, back to back.
    #[serde(with = "crate::fast_str")]
    pub(in crate::search) bytes: String,
    /// Where each string starts, plus the end of the last one.
    pub(in crate::search) starts: Vec<usize>,
}

/// True when `starts` bounds `n` strings in order within `len` bytes, from the first byte.
pub(in crate::search) fn bounds_fit(starts: &[usize], n: usize, len: usize) -> bool {
    starts.len() == n + 1
        && starts.first() == Some(&0)
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last().is_some_and(|&end| end <= len)
}

impl Arena {
    /// True when the arena holds `n` strings whose bounds lie within its bytes, in order.
    pub(in crate::search) fn holds(&self, n: usize) -> bool {
        bounds_fit(&self.starts, n, self.bytes.len())
    }

    pub(in crate::search) fn with_capacity(n: usize, bytes: usize) -> Arena {
        let mut starts = Vec::with_capacity(n + 1);
        starts.push(0);
        Arena {
            bytes: String::with_capacity(bytes),
            starts,
        }
    }

    /// Ends the string being written with `push_str`/`push` since the last `finish`.
    pub(in crate::search) fn finish(&mut self) {
        self.starts.push(self.bytes.len());
    }

    /// Byte range of string `i` in `bytes`, None when out of range.
    pub(in crate::search) fn bounds(&self, i: usize) -> Option<Range<usize>> {
        Some(*self.starts.get(i)?..*self.starts.get(i + 1)?)
    }

    /// String `i` ("" when out of range).
    pub(in crate::search) fn get(&self, i: usize) -> &str {
        // Starts are recorded between whole strings, so they are character boundaries.
        self.bounds(i).and_then(|r| self.bytes.get(r)).unwrap_or("")
    }

    /// Each string of `range` that holds `word`'s one non-ASCII character, with the best
    /// one-character score among its occurrences ([`skim::single`]), pushed to `out` in
    /// ascending order.
    pub(in crate::search) fn single_scores(
        &self,
        range: Range<u32>,
        word: &Word,
        out: &mut Singles,
    ) {
        single_scores(&self.bytes, &self.starts, range, word, false, out);
    }

    /// Reads the first and last byte of string `i` and returns them combined, so that a
    /// loop over many strings brings their cache lines in with independent loads.
    pub(in crate::search) fn touch(&self, i: usize) -> u8 {
        let ends = self
            .bounds(i)
            .and_then(|r| self.bytes.as_bytes().get(r))
            .and_then(|b| Some((*b.first()?, *b.last()?)));
        ends.map_or(0, |(first, last)| first ^ last)
    }

    /// Appends the strings of `other`.
    pub(in crate::search) fn append(&mut self, other: Arena) {
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
pub(in crate::search) fn single_scores(
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
pub(in crate::search) fn find_in_strings<'a>(
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
