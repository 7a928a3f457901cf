//! Text primitives of the person pass: ideographs by byte offset, character sets, pair bitmaps
//! and whitespace-free segments.
//!
//! A name candidate is a run of ideographs, three bytes each in UTF-8; every offset is read
//! through `str::get`, so a wrong offset yields nothing rather than a panic.

use std::borrow::Cow;

/// True for CJK ideographs, the only characters a name is made of.
///
/// Every such character is three bytes long in UTF-8, which the byte arithmetic on name
/// candidates below relies on.
pub(super) fn is_han(c: char) -> bool {
    is_han_code(u32::from(c))
}

/// [`is_han`] of a code point.
#[inline]
pub(super) fn is_han_code(code: u32) -> bool {
    matches!(code, 0x3400..=0x9fff | 0xf900..=0xfaff)
}

/// True for a digit, ASCII or full-width.
pub(super) fn is_figure(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// True for a numeral in characters, one to ten (`六`, `两`).
pub(super) fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两'
    )
}

/// True when `c`, followed by `after`, opens a count or a date in words (`两次`, `六日`): a
/// numeral in characters and a unit of a date or a count. `个`, the general unit, is left out:
/// after a numeral it mostly makes a quantity (`多达一个小时`).
pub(super) fn opens_count(c: char, after: Option<char>) -> bool {
    is_numeral(c)
        && after.is_some_and(|a| {
            matches!(
                a,
                '日' | '月' | '年' | '天' | '次' | '名' | '人' | '位' | '岁' | '届' | '场' | '项'
            )
        })
}

/// True for the marks between the items of a list (`、`, `／`): a name right before one is
/// a whole item, even where its surname is also a function word (`、于海波、`).
pub(super) fn is_list_mark(c: char) -> bool {
    matches!(c, '、' | '／')
}

/// True when a digit stands right before byte `at` of `text`.
pub(super) fn after_figure(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|t| t.chars().next_back())
        .is_some_and(is_figure)
}

/// UTF-8 length of every character [`is_han`] accepts.
pub(super) const HAN_LEN: usize = 3;

/// The ideograph whose UTF-8 encoding starts at byte `i` of `bytes`, if there is one.
///
/// `bytes` must be the bytes of a `str`, so a lead byte is always followed by its
/// continuation bytes.
#[inline]
pub(super) fn han_at(bytes: &[u8], i: usize) -> Option<char> {
    let [b0, b1, b2] = *bytes.get(i..i + HAN_LEN)? else {
        return None;
    };
    if b0 & 0xF0 != 0xE0 {
        return None;
    }
    char::from_u32(code_of_three(b0, b1, b2)).filter(|&c| is_han(c))
}

/// The code point a three-byte UTF-8 sequence encodes (its lead byte `b0` is not checked).
#[inline]
pub(super) fn code_of_three(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

/// Words of a bitmap over the Basic Multilingual Plane.
const BMP_WORDS: usize = 0x1_0000 / 64;

/// A set of characters: a bitmap over the Basic Multilingual Plane, a list beyond it.
pub(super) struct CharSet {
    /// One bit per code point of the Basic Multilingual Plane (a fixed size, so that a
    /// 16-bit code needs no bounds check).
    bits: Box<[u64; BMP_WORDS]>,
    other: Vec<char>,
    len: usize,
}

impl CharSet {
    /// An empty set.
    pub(super) fn new() -> Self {
        CharSet {
            bits: Box::new([0; BMP_WORDS]),
            other: Vec::new(),
            len: 0,
        }
    }

    /// Add `c`; true when it was not in the set yet.
    pub(super) fn insert(&mut self, c: char) -> bool {
        let code = c as usize;
        let new = match self.bits.get_mut(code / 64) {
            Some(word) => {
                let bit = 1u64 << (code % 64);
                let new = *word & bit == 0;
                *word |= bit;
                new
            }
            None if self.other.contains(&c) => false,
            None => {
                self.other.push(c);
                true
            }
        };
        self.len += usize::from(new);
        new
    }

    /// True when `c` is in the set.
    #[inline]
    pub(super) fn contains(&self, c: &char) -> bool {
        let code = *c as usize;
        match self.bits.get(code / 64) {
            Some(word) => word & (1u64 << (code % 64)) != 0,
            None => self.other.contains(c),
        }
    }

    /// True when the character with code point `code` is in the set.
    #[inline]
    pub(super) fn contains_code(&self, code: u32) -> bool {
        let code = code as usize;
        match self.bits.get(code / 64) {
            Some(word) => word & (1u64 << (code % 64)) != 0,
            None => char::from_u32(code as u32).is_some_and(|c| self.other.contains(&c)),
        }
    }

    /// Every character of the set, in code point order.
    pub(super) fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let in_bits = self.bits.iter().enumerate().flat_map(|(w, &word)| {
            (0..64)
                .filter(move |b| word & (1u64 << b) != 0)
                .filter_map(move |b| char::from_u32((w * 64 + b) as u32))
        });
        in_bits.chain(self.other.iter().copied())
    }

    /// Number of characters in the set.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        let mut set = CharSet::new();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

/// One text segment (the title or a paragraph) with whitespace removed.
///
/// Positions are byte offsets into `text`; every offset the extractor computes lies on a
/// character boundary, and text is only ever read through `str::get`.
pub(super) struct Segment<'a> {
    pub(super) text: Cow<'a, str>,
}

impl<'a> Segment<'a> {
    /// Prepare a segment; whitespace is removed (names may be spaced out or wrapped). The
    /// text is borrowed when it has no whitespace, which is the common case.
    pub(super) fn new(raw: &'a str) -> Self {
        let text = if raw.chars().any(char::is_whitespace) {
            Cow::Owned(raw.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(raw)
        };
        Segment { text }
    }

    /// The characters between byte offsets `from..to` (empty unless both are boundaries).
    pub(super) fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or_default()
    }

    /// The character starting at byte `at`, if any.
    pub(super) fn get(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// The character ending at byte `at`, if any.
    pub(super) fn before(&self, at: usize) -> Option<char> {
        self.text.get(..at)?.chars().next_back()
    }

    /// True when the characters starting at byte `at` spell `word`.
    pub(super) fn has_at(&self, at: usize, word: &str) -> bool {
        self.text.get(at..).is_some_and(|s| s.starts_with(word))
    }

    /// Byte offset `n` characters before `at` (or the start of the segment).
    pub(super) fn back(&self, at: usize, n: usize) -> usize {
        if !self.text.is_char_boundary(at) {
            return at;
        }
        // Step over the bytes only: a character starts at any byte but a continuation byte.
        let bytes = self.text.as_bytes();
        let mut i = at;
        for _ in 0..n {
            if i == 0 {
                break;
            }
            // Mostly an ideograph: three bytes from its lead byte.
            if i >= HAN_LEN && bytes.get(i - HAN_LEN).is_some_and(|&b| b & 0xF0 == 0xE0) {
                i -= HAN_LEN;
                continue;
            }
            i -= 1;
            while i > 0 && bytes.get(i).is_some_and(|&b| b & 0xC0 == 0x80) {
                i -= 1;
            }
        }
        i
    }

    /// Byte offset `n` characters after `at` (or the end of the segment).
    pub(super) fn forward(&self, at: usize, n: usize) -> usize {
        if !self.text.is_char_boundary(at) {
            return at;
        }
        // Step over the bytes only, by the length each lead byte gives.
        let bytes = self.text.as_bytes();
        let mut i = at;
        for _ in 0..n {
            match bytes.get(i) {
                Some(&lead) => i += utf8_len(lead),
                None => break,
            }
        }
        i.min(self.text.len())
    }
}

/// A bitmap indexed by a hash of a pair of characters: a set test with no false negatives
/// and, sized at 16 bits or more per pair, few false positives.
pub(super) struct PairBits {
    words: Vec<u64>,
    /// 64 − log2(number of bits).
    shift: u32,
}

impl PairBits {
    /// An empty bitmap for about `pairs` pairs (at least 2^16 bits).
    pub(super) fn with_capacity(pairs: usize) -> Self {
        let bits = pairs.saturating_mul(16).next_power_of_two().max(0x1_0000);
        PairBits {
            words: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
        }
    }

    /// The bit of a pair of characters (given as code points).
    pub(super) fn index(&self, a: u32, b: u32) -> usize {
        let key = (u64::from(a) << 32) | u64::from(b);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Set the bit of a pair.
    pub(super) fn insert(&mut self, a: u32, b: u32) {
        let k = self.index(a, b);
        if let Some(word) = self.words.get_mut(k / 64) {
            *word |= 1 << (k % 64);
        }
    }

    /// True when the bit of a pair is set (always so for an inserted pair).
    pub(super) fn may_contain(&self, a: u32, b: u32) -> bool {
        let k = self.index(a, b);
        self.words
            .get(k / 64)
            .is_some_and(|word| word & (1 << (k % 64)) != 0)
    }
}

/// The characters of `text`, 16 bits each, first one lowest, as long as they are ideographs
/// (at most four).
pub(super) fn pack_han(text: &str) -> Option<(u64, usize)> {
    let mut packed = 0;
    let mut n = 0;
    for c in text.chars() {
        if !is_han(c) || n == 4 {
            return None;
        }
        packed |= u64::from(c) << (16 * n);
        n += 1;
    }
    Some((packed, n))
}

/// Length of the UTF-8 sequence a lead byte opens (1 for anything else, to keep moving).
pub(super) fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// True for the joining marks that are middle dots, never dashes (`——` is punctuation as
/// often).
pub(super) fn is_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '‧' | '・')
}

/// True when `c`, a surname that is also a unit of a count (`张`, `项`, `部`), follows a
/// demonstrative or a numeral (`那张小巧的门票`, `一部新作`): it is the unit, not a surname.
pub(super) fn unit_after_demonstrative(prev: Option<char>, c: char) -> bool {
    // What stands before is tested first: it is seldom a demonstrative or a numeral.
    prev.is_some_and(|p| {
        matches!(
            p,
            '这' | '那' | '哪' | '每' | '某' | '该' | '此' | '一' | '两' | '几' | '半' | '整'
        )
    }) && matches!(
        c,
        '张' | '项'
            | '宗'
            | '封'
            | '门'
            | '台'
            | '部'
            | '段'
            | '盘'
            | '班'
            | '路'
            | '道'
            | '节'
            | '首'
            | '幅'
            | '双'
            | '篇'
            | '座'
            | '批'
            | '届'
    )
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{CharSet, Segment};

    #[test]
    fn steps_over_characters_of_every_width() {
        let text = "a王·𠀀，b欧";
        let seg = Segment {
            text: Cow::Borrowed(text),
        };
        for at in 0..=text.len() + 1 {
            for n in 0..6 {
                // The definitions by characters, for every offset (inside a character too).
                let back = text.get(..at).map_or(at, |head| {
                    head.char_indices()
                        .rev()
                        .take(n)
                        .last()
                        .map_or(at, |(i, _)| i)
                });
                let forward = text.get(at..).map_or(at, |tail| {
                    tail.char_indices()
                        .nth(n)
                        .map_or(text.len(), |(i, _)| at + i)
                });
                assert_eq!(seg.back(at, n), back, "back({at}, {n})");
                assert_eq!(seg.forward(at, n), forward, "forward({at}, {n})");
            }
        }
    }

    #[test]
    fn a_char_set_lists_its_characters_in_code_point_order() {
        let set: CharSet = "王a𠀀欧王".chars().collect();
        assert_eq!(set.len(), 4);
        assert_eq!(set.chars().collect::<String>(), "a欧王𠀀");
    }
}
