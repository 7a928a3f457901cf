//! Strings back to back in one buffer with their keys' masks, scanned without allocating.

use super::scan::Singles;
use super::skim;
use super::word::Word;
use std::ops::Range;

use crate::model::Packed;

use serde::{Deserialize, Serialize};

/// Entries whose keys one task computes when the index is built.
pub(in crate::search) const BUILD_CHUNK: usize = 4096;

/// Packed strings ([`Packed`]) with the scans a search makes over them.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub(in crate::search) struct Arena(Packed);

impl Arena {
    /// True when the arena holds `n` strings (their bounds were checked when it was made or
    /// read back: [`Packed`]).
    pub(in crate::search) fn holds(&self, n: usize) -> bool {
        self.0.len() == n
    }

    /// An empty arena with room for `n` strings of `bytes` bytes in all.
    pub(in crate::search) fn with_capacity(n: usize, bytes: usize) -> Arena {
        Arena(Packed::with_capacity(n, bytes))
    }

    /// Appends to the string being written.
    pub(in crate::search) fn push_str(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// Appends a character to the string being written.
    pub(in crate::search) fn push(&mut self, c: char) {
        self.0.push_char(c);
    }

    /// Ends the string being written with `push_str`/`push` since the last `finish`.
    pub(in crate::search) fn finish(&mut self) {
        self.0.end_string();
    }

    /// Bytes of all strings.
    pub(in crate::search) fn byte_len(&self) -> usize {
        self.0.text().len()
    }

    /// Number of strings.
    pub(in crate::search) fn len(&self) -> usize {
        self.0.len()
    }

    /// Byte range of string `i`, None when out of range.
    pub(in crate::search) fn bounds(&self, i: usize) -> Option<Range<usize>> {
        self.0.range(i)
    }

    /// String `i` ("" when out of range).
    pub(in crate::search) fn get(&self, i: usize) -> &str {
        self.0.str(i)
    }

    /// Each string of `range` that holds `word`'s one non-ASCII character, with the best
    /// one-character score among its occurrences ([`skim::single`]), pushed to `out` in
    /// ascending order; with `fields`, a string holds fields separated by NUL, each scored as
    /// a text of its own (as [`super::index::Extras`] does).
    ///
    /// The word's character is found in one pass over the range ([`Arena::find`]): a common
    /// character is found in a large part of the strings, and a search per string costs a
    /// call and its set-up for a few dozen bytes. The encoded character starts with a lead
    /// byte, which is never inside another character, so every match is a character of one
    /// string.
    pub(in crate::search) fn single_scores(
        &self,
        range: Range<u32>,
        word: &Word,
        fields: bool,
        out: &mut Singles,
    ) {
        let (Some(finder), &[p]) = (&word.finder, &word.chars[..]) else {
            return;
        };
        let bytes = self.0.text();
        for (id, at) in self.find(range, finder) {
            let Some(before) = self.bounds(id).and_then(|r| bytes.get(r.start..at)) else {
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

    /// Each match of `finder` in the strings `range`, as the index of the string it starts
    /// in and its byte offset, in order.
    ///
    /// The strings lie back to back, so one pass over their bytes replaces a search in each;
    /// a match may run on past the end of its string.
    pub(in crate::search) fn find<'a>(
        &'a self,
        range: Range<u32>,
        finder: &'a memchr::memmem::Finder<'static>,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let ends = self.0.ends();
        let start_of = |i: usize| match i.checked_sub(1) {
            Some(before) => ends.get(before).map(|&e| e as usize),
            None => Some(0),
        };
        let (lo, hay) = start_of(range.start as usize)
            .zip(start_of(range.end as usize))
            .and_then(|(lo, hi)| Some((lo, self.0.text().as_bytes().get(lo..hi)?)))
            .unwrap_or((0, &[]));
        let mut id = range.start as usize;
        finder.find_iter(hay).map(move |pos| {
            let at = lo + pos;
            while ends.get(id).is_some_and(|&end| end as usize <= at) {
                id += 1;
            }
            (id, at)
        })
    }

    /// Reads the first and last byte of string `i` and returns them combined, so that a
    /// loop over many strings brings their cache lines in with independent loads.
    pub(in crate::search) fn touch(&self, i: usize) -> u8 {
        let ends = self
            .bounds(i)
            .and_then(|r| self.0.text().as_bytes().get(r))
            .and_then(|b| Some((*b.first()?, *b.last()?)));
        ends.map_or(0, |(first, last)| first ^ last)
    }

    /// Appends the strings of `other`.
    pub(in crate::search) fn append(&mut self, other: Arena) {
        self.0.append(&other.0);
    }
}
