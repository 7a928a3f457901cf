//! Search keys of a text: pinyin (full, with ü as v and u, initials) and bit masks.

use pinyin::ToPinyin;

/// Pinyin keys with, for each key character, the index of the source character it came from.
///
/// Only used for highlighting the rows on screen; the index stores keys without maps.
pub(in crate::search) struct MappedKeys {
    pub(in crate::search) full: String,
    pub(in crate::search) full_map: Vec<usize>,
    pub(in crate::search) full_u: String,
    pub(in crate::search) initials: String,
    pub(in crate::search) initials_map: Vec<usize>,
}

/// Computes the pinyin keys of `text`, remembering where each key character came from.
pub(in crate::search) fn mapped_keys(text: &str) -> MappedKeys {
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
pub(in crate::search) fn pinyin_of(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    c.to_pinyin().map(|p| p.plain())
}

/// Bits of a bloom mask for ASCII letters (case folded); the two bits above them stand for
/// other ASCII characters, and the bits below for all other characters.
pub(in crate::search) const BLOOM_LETTER_BITS: u32 = 14;
/// First bit of the ASCII letters in a bloom mask.
pub(in crate::search) const BLOOM_FIRST_LETTER_BIT: u32 = 64 - 2 - BLOOM_LETTER_BITS;

/// Bit of one character in a bloom mask.
///
/// ASCII characters have bits of their own, and letters apart from digits and punctuation: an
/// ASCII word is then rejected by the mask of a text without ASCII letters (most Chinese
/// fields, dates included) rather than passing on a collision with one of its many Chinese
/// characters or digits.
pub(in crate::search) fn bloom_bit(c: char) -> u64 {
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
pub(in crate::search) fn bloom_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | bloom_bit(c))
}

/// Bit of a key character in a letters mask; `initial` selects the initials' letter bits.
///
/// Letters of the full pinyin use bits 0–25, letters of the initials bits 26–51, digits
/// (the same in both keys) bits 52–61. Bit 63 stands for any other character, which keys
/// never contain, so a word with one never passes the mask. Bit 62 is [`TEXT_HAS_ASCII`].
pub(in crate::search) fn letter_bit(c: char, initial: bool) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32 + if initial { 26 } else { 0 }),
        '0'..='9' => 1 << (c as u32 - '0' as u32 + 52),
        _ => 1 << 63,
    }
}

/// Bit of a letters mask set when the entry's text itself has an ASCII character: an ASCII
/// word can match the text (not only its pinyin) only then, which spares reading the text of
/// nearly every Chinese headline for a pinyin query.
pub(in crate::search) const TEXT_HAS_ASCII: u64 = 1 << 62;

/// The pinyin key of each character seen, so the pinyin tables are read once per distinct
/// character rather than once per occurrence.
#[derive(Default)]
pub(in crate::search) struct PinyinMemo {
    /// Keys of the characters of the CJK unified ideographs block, by code point offset:
    /// `None` not looked up yet, `Some(range)` the key's bytes in `keys`.
    pub(in crate::search) cjk: Vec<Option<(u32, u8)>>,
    /// Every key, back to back.
    pub(in crate::search) keys: String,
    /// Scratch for characters outside the block and ASCII.
    pub(in crate::search) other: String,
}

/// First code point of the CJK unified ideographs block.
pub(in crate::search) const CJK_FIRST: u32 = 0x4E00;
/// Number of code points of the block.
pub(in crate::search) const CJK_LEN: usize = 0x9FFF - 0x4E00 + 1;

impl PinyinMemo {
    /// The full-pinyin key of `c`: toneless pinyin with ü as `v` for a Chinese character, the
    /// lower-cased character for an ASCII letter or digit, "" for anything else.
    pub(in crate::search) fn get(&mut self, c: char) -> &str {
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
