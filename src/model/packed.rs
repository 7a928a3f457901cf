//! Strings back to back in one buffer with the end of each: two allocations for any number.
//!
//! An article's pieces, a body's paragraphs, the store's person names and the search index's
//! headlines, keys and fields are all kept this way. A string may be absent (an optional field
//! left empty): its end carries the [`ABSENT`] flag. Every value is checked once where it is
//! made from parts or read back from disk ([`Packed::from_parts`]), so reading a string is a
//! slice that cannot fall outside the buffer or inside a character. Strings are appended
//! whole ([`Packed::push`]) or in parts ([`Packed::push_str`], then [`Packed::end_string`]).

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Flag of an end: the string is absent (its length is 0).
pub const ABSENT: u32 = 1 << 31;

/// Longest buffer: an end must not reach the [`ABSENT`] flag.
const MAX_TEXT: usize = ABSENT as usize - 1;

/// Strings stored back to back, addressed by index; see the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WirePacked")]
pub struct Packed {
    /// Every string, back to back.
    text: String,
    /// End of each string in `text`, flagged [`ABSENT`] for an absent one.
    ends: Vec<u32>,
}

/// The serialized form, checked into a [`Packed`] on reading.
#[derive(Deserialize)]
struct WirePacked {
    #[serde(deserialize_with = "crate::fast_str::deserialize")]
    text: String,
    ends: Vec<u32>,
}

impl TryFrom<WirePacked> for Packed {
    type Error = &'static str;

    fn try_from(wire: WirePacked) -> Result<Packed, &'static str> {
        Packed::from_parts(wire.text, wire.ends)
            .ok_or("string ends out of order or inside a character")
    }
}

/// True when `ends` are ordered character boundaries of `text` that cover all of it, and
/// every absent string is empty: the one check of packed strings.
fn ends_fit(text: &str, ends: &[u32]) -> bool {
    let mut start = 0;
    for &e in ends {
        let end = (e & !ABSENT) as usize;
        if end < start || end > text.len() || !text.is_char_boundary(end) {
            return false;
        }
        if e & ABSENT != 0 && end != start {
            return false;
        }
        start = end;
    }
    start == text.len()
}

impl Packed {
    /// Packed strings from their parts; None unless the ends fit the text ([`ends_fit`]).
    pub fn from_parts(text: impl Into<String>, ends: impl Into<Vec<u32>>) -> Option<Packed> {
        let (text, ends) = (text.into(), ends.into());
        ends_fit(&text, &ends).then_some(Packed { text, ends })
    }

    /// `pieces` laid out back to back, `None` ones absent.
    ///
    /// Text past 2 GiB (far beyond any article or index) is left out rather than mis-indexed.
    pub fn of(pieces: &[Option<&str>]) -> Packed {
        let bytes = pieces.iter().flatten().map(|s| s.len()).sum();
        let mut packed = Packed::with_capacity(pieces.len(), bytes);
        for &piece in pieces {
            packed.push(piece);
        }
        packed
    }

    /// No strings yet, with room for `strings` strings of `bytes` bytes in all.
    pub fn with_capacity(strings: usize, bytes: usize) -> Packed {
        Packed {
            text: String::with_capacity(bytes.min(MAX_TEXT)),
            ends: Vec::with_capacity(strings),
        }
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are no strings.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Byte range of string `i` in [`Packed::text`] (empty for an absent one); None when out
    /// of range.
    pub fn range(&self, i: usize) -> Option<Range<usize>> {
        let end = (*self.ends.get(i)? & !ABSENT) as usize;
        Some(self.start(i)..end)
    }

    /// Where string `i` starts (the end of the one before).
    fn start(&self, i: usize) -> usize {
        match i.checked_sub(1) {
            Some(before) => self.ends.get(before).map_or(0, |e| (e & !ABSENT) as usize),
            None => 0,
        }
    }

    /// String `i`; None when absent or out of range.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        if end & ABSENT != 0 {
            return None;
        }
        self.text.get(self.start(i)..end as usize)
    }

    /// String `i`, "" when absent or out of range.
    pub fn str(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }

    /// Every string, back to back.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// End of each string, flagged [`ABSENT`] for an absent one.
    pub fn ends(&self) -> &[u32] {
        &self.ends
    }

    /// The text and ends of the first `n` strings (all when there are fewer).
    pub fn prefix(&self, n: usize) -> (&str, &[u32]) {
        let ends = self.ends.get(..n.min(self.ends.len())).unwrap_or(&[]);
        let len = ends.last().map_or(0, |e| e & !ABSENT) as usize;
        (self.text.get(..len).unwrap_or(""), ends)
    }

    /// The strings from the `n`th on, as packed strings of their own.
    pub fn suffix(&self, n: usize) -> Packed {
        let base = self.start(n.min(self.ends.len()));
        let text = self.text.get(base..).unwrap_or("");
        let ends = self
            .ends
            .get(n..)
            .unwrap_or(&[])
            .iter()
            .map(|&e| e - base as u32)
            .collect();
        Packed {
            text: text.to_owned(),
            ends,
        }
    }

    /// Each string in order, absent ones as None.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Option<&str>> + ExactSizeIterator {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Appends a whole string (`None`: an absent one).
    pub fn push(&mut self, piece: Option<&str>) {
        match piece {
            Some(s) => {
                self.push_str(s);
                self.end_string();
            }
            None => self.ends.push(self.text.len() as u32 | ABSENT),
        }
    }

    /// Appends to the string being written; text that would pass 2 GiB (far beyond any
    /// article or index) is left out rather than mis-indexed.
    pub fn push_str(&mut self, s: &str) {
        if self.text.len() + s.len() <= MAX_TEXT {
            self.text.push_str(s);
        }
    }

    /// Appends a character to the string being written (see [`Packed::push_str`]).
    pub fn push_char(&mut self, c: char) {
        if self.text.len() + c.len_utf8() <= MAX_TEXT {
            self.text.push(c);
        }
    }

    /// Ends the string being written.
    pub fn end_string(&mut self) {
        self.ends.push(self.text.len() as u32);
    }

    /// Appends the strings of `other` (as empty strings if they would pass 2 GiB).
    pub fn append(&mut self, other: &Packed) {
        if self.text.len() + other.text.len() > MAX_TEXT {
            for piece in other.iter() {
                self.push(piece.map(|_| ""));
            }
            return;
        }
        let base = self.text.len() as u32;
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|e| e + base));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_pushed() {
        let p = Packed::of(&[Some("标题"), None, Some(""), Some("abc")]);
        assert_eq!(p.len(), 4);
        assert_eq!(
            p.iter().collect::<Vec<_>>(),
            [Some("标题"), None, Some(""), Some("abc")]
        );
        assert_eq!(p.get(4), None);
        assert_eq!(p.str(1), "");
        assert_eq!(p.range(3), Some(6..9));
        assert_eq!(p.prefix(2), ("标题", &[6, 6 | ABSENT][..]));
        assert_eq!(
            p.suffix(2).iter().collect::<Vec<_>>(),
            [Some(""), Some("abc")]
        );
    }

    #[test]
    fn parts_must_fit_the_text() {
        let parts = |t: &str, e: &[u32]| Packed::from_parts(t, e);
        assert!(parts("一二", &[3, 6]).is_some());
        assert!(parts("", &[]).is_some());
        assert!(parts("一二", &[3]).is_none(), "text left over");
        assert!(parts("一二", &[4, 6]).is_none(), "inside a character");
        assert!(parts("一二", &[6, 3]).is_none(), "out of order");
        assert!(parts("一二", &[3, 9]).is_none(), "past the end");
        assert!(
            parts("一二", &[3 | ABSENT, 6]).is_none(),
            "absent but not empty"
        );
        assert!(parts("一二", &[ABSENT, 6]).is_some());
    }

    #[test]
    fn built_in_parts_and_appended() {
        let mut p = Packed::with_capacity(2, 8);
        p.push_str("ab");
        p.push_char('吕');
        p.end_string();
        p.append(&Packed::of(&[Some("x"), None]));
        assert_eq!(
            p.iter().collect::<Vec<_>>(),
            [Some("ab吕"), Some("x"), None]
        );
        assert_eq!(Packed::from_parts(p.text(), p.ends()), Some(p));
    }

    #[test]
    fn damaged_serialized_strings_are_refused() {
        let p = Packed::of(&[Some("吕沛"), Some("王纪勋")]);
        let bytes = postcard::to_allocvec(&p).expect("serialized");
        assert_eq!(postcard::from_bytes::<Packed>(&bytes).ok(), Some(p));
        let mut inside = bytes.clone();
        if let Some(b) = inside.last_mut() {
            *b -= 1;
        }
        assert!(postcard::from_bytes::<Packed>(&inside).is_err());
    }
}
