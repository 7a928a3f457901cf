//! Bytes → page text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.
//!
//! Page dumps come from PDF extractors on different systems: most write UTF-8, Windows tools
//! write UTF-16 with a byte-order mark or the GBK code page (GB18030 is its superset). The
//! checks run from the most certain to the least:
//!
//! 1. a byte-order mark names the encoding outright;
//! 2. NUL bytes mean binary data, because no accepted encoding without a BOM produces them;
//! 3. valid UTF-8 is almost never accidental, so it is taken as is (the fast path: one copy
//!    at most, none for [`decode_owned`] when there is no CR to normalise);
//! 4. UTF-8 with a few damaged bytes (a cut-off last character) is kept as UTF-8, because
//!    reading it as GB18030 would turn the whole page into plausible-looking nonsense;
//! 5. otherwise GB18030, which decodes nearly any byte soup, so its output is judged by how
//!    much of it is replacement or private-use characters.
//!
//! The decoded text is then refused if it is mostly control characters (binary) or has no
//! text at all (empty), and CRLF / lone CR line ends become LF. Full-width spaces (U+3000)
//! are kept: the parser uses them.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Name reported for UTF-8 input (with or without BOM).
pub const UTF8_NAME: &str = "UTF-8";
/// Name reported for UTF-8 input whose few invalid bytes were replaced by U+FFFD.
pub const UTF8_REPAIRED_NAME: &str = "UTF-8 (invalid bytes replaced)";
/// Name reported for GB18030 (and so GBK / GB2312) input.
pub const GB18030_NAME: &str = "GB18030";

/// Share of control characters above which text is taken for binary data: one in ten.
const MAX_CONTROL_PER_TEN: usize = 1;
/// Damaged UTF-8 is still UTF-8 when it has this many good non-ASCII characters per bad one.
const MIN_GOOD_PER_BAD_UTF8: usize = 20;
/// A legacy decoding is sane when at most one non-ASCII character in a hundred is garbage…
const MAX_BAD_PER_HUNDRED: usize = 1;
/// …or when there is no more garbage than this, whatever the length (a cut-off last byte).
const TOLERATED_BAD: usize = 1;

/// Text decoded from a page file, and the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The page text, BOM removed, line ends normalised to `\n`.
    pub text: String,
    /// Human-readable encoding name, for diagnostics (`"UTF-8"`, `"UTF-16LE"`, `"GB18030"`…).
    pub encoding: &'static str,
}

/// Why bytes could not be turned into page text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not text at all (an image, a PDF, a compressed file…).
    #[error("binary data ({0}), not a text page")]
    Binary(BinaryKind),
    /// There is nothing but whitespace.
    #[error("empty page (no text in it)")]
    Empty,
    /// Text in an encoding we do not read, or badly damaged.
    #[error(
        "not readable as UTF-8, UTF-16 or GB18030 ({bad} of {chars} characters garbled); \
         convert it to UTF-8, e.g. with `iconv -f <encoding> -t UTF-8`"
    )]
    Undecodable {
        /// Characters that decoded to replacement or private-use characters.
        bad: usize,
        /// Non-ASCII characters decoded in all.
        chars: usize,
    },
}

/// What gave binary data away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryKind {
    /// NUL bytes outside UTF-16.
    NulBytes,
    /// More than one character in ten is a control character.
    ControlCharacters,
}

impl fmt::Display for BinaryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NulBytes => "NUL bytes",
            Self::ControlCharacters => "mostly control characters",
        })
    }
}

/// Decode borrowed bytes into page text (copies once for valid UTF-8).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_cow(Cow::Borrowed(bytes))
}

/// Decode owned bytes into page text, reusing the buffer for valid UTF-8 without CR.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_cow(Cow::Owned(bytes))
}

fn decode_cow(bytes: Cow<'_, [u8]>) -> Result<Decoded, DecodeError> {
    let (text, encoding) = to_text(bytes)?;
    check_is_text(&text)?;
    Ok(Decoded {
        text: normalise_line_ends(text),
        encoding,
    })
}

/// Pick the encoding and decode, without judging the content yet.
fn to_text(bytes: Cow<'_, [u8]>) -> Result<(Cow<'_, str>, &'static str), DecodeError> {
    match Encoding::for_bom(&bytes) {
        Some((encoding, bom_len)) if encoding == UTF_8 => {
            utf8_or_legacy(drop_prefix(bytes, bom_len))
        }
        Some((encoding, bom_len)) => {
            let rest = bytes.get(bom_len..).unwrap_or_default();
            decode_utf16(rest, encoding).map(|text| (Cow::Owned(text), encoding.name()))
        }
        None if bytes.contains(&0) => Err(DecodeError::Binary(BinaryKind::NulBytes)),
        None => utf8_or_legacy(bytes),
    }
}

fn drop_prefix(bytes: Cow<'_, [u8]>, len: usize) -> Cow<'_, [u8]> {
    match bytes {
        Cow::Borrowed(b) => Cow::Borrowed(b.get(len..).unwrap_or_default()),
        Cow::Owned(mut v) => {
            v.drain(..len.min(v.len()));
            Cow::Owned(v)
        }
    }
}

fn decode_utf16(bytes: &[u8], encoding: &'static Encoding) -> Result<String, DecodeError> {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let garbage = Garbage::count(&text, |c| c == char::REPLACEMENT_CHARACTER);
    if garbage.is_tolerable() {
        Ok(text.into_owned())
    } else {
        Err(garbage.into_error())
    }
}

/// Strict UTF-8, then lightly damaged UTF-8, then GB18030.
fn utf8_or_legacy(bytes: Cow<'_, [u8]>) -> Result<(Cow<'_, str>, &'static str), DecodeError> {
    let bytes = match strict_utf8(bytes) {
        Ok(text) => return Ok((text, UTF8_NAME)),
        Err(bytes) => bytes,
    };
    if let Some(text) = repaired_utf8(&bytes) {
        return Ok((Cow::Owned(text), UTF8_REPAIRED_NAME));
    }
    decode_gb18030(&bytes).map(|text| (Cow::Owned(text), GB18030_NAME))
}

/// Valid UTF-8 as text, or the bytes back.
///
/// Owned bytes are validated with SIMD and then copied into a fresh string: a copy costs a
/// fraction of the second, scalar validation that taking over the buffer would need. Above
/// [`TAKE_OVER_BYTES`] the buffer is taken over all the same, so that a very large page is
/// not held twice.
fn strict_utf8(bytes: Cow<'_, [u8]>) -> Result<Cow<'_, str>, Cow<'_, [u8]>> {
    match bytes {
        Cow::Borrowed(b) => simdutf8::basic::from_utf8(b)
            .map(Cow::Borrowed)
            .map_err(|_| Cow::Borrowed(b)),
        Cow::Owned(v) if v.len() > TAKE_OVER_BYTES => match String::from_utf8(v) {
            Ok(text) => Ok(Cow::Owned(text)),
            Err(e) => Err(Cow::Owned(e.into_bytes())),
        },
        Cow::Owned(v) => match simdutf8::basic::from_utf8(&v) {
            Ok(text) => Ok(Cow::Owned(text.to_owned())),
            Err(_) => Err(Cow::Owned(v)),
        },
    }
}

/// Owned valid UTF-8 larger than this becomes the text without a copy.
const TAKE_OVER_BYTES: usize = 16 << 20;

/// UTF-8 with its few invalid bytes replaced, if it is mostly good UTF-8.
fn repaired_utf8(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let garbage = Garbage::count(&text, |c| c == char::REPLACEMENT_CHARACTER);
    let good = garbage.non_ascii - garbage.bad;
    (good >= garbage.bad * MIN_GOOD_PER_BAD_UTF8).then(|| text.into_owned())
}

fn decode_gb18030(bytes: &[u8]) -> Result<String, DecodeError> {
    let (text, _) = GB18030.decode_without_bom_handling(bytes);
    let garbage = Garbage::count(&text, is_garbage_in_legacy_text);
    if garbage.is_tolerable() {
        Ok(text.into_owned())
    } else {
        Err(garbage.into_error())
    }
}

/// Replacement characters, and private-use ones: GB18030 maps unassigned codes there.
fn is_garbage_in_legacy_text(c: char) -> bool {
    c == char::REPLACEMENT_CHARACTER || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// How much of a decoded text's non-ASCII part is garbage.
struct Garbage {
    bad: usize,
    non_ascii: usize,
}

impl Garbage {
    fn count(text: &str, is_bad: impl Fn(char) -> bool) -> Self {
        let mut garbage = Self {
            bad: 0,
            non_ascii: 0,
        };
        for c in text.chars().filter(|c| !c.is_ascii()) {
            garbage.non_ascii += 1;
            garbage.bad += usize::from(is_bad(c));
        }
        garbage
    }

    fn is_tolerable(&self) -> bool {
        self.bad <= TOLERATED_BAD || self.bad * 100 <= self.non_ascii * MAX_BAD_PER_HUNDRED
    }

    fn into_error(self) -> DecodeError {
        DecodeError::Undecodable {
            bad: self.bad,
            chars: self.non_ascii,
        }
    }
}

/// Refuse binary-looking and empty text.
///
/// Works on the UTF-8 bytes, in passes that compile to vector code: a character is a byte
/// that is not a continuation byte, and a control character is an ASCII control byte or
/// `C2 80`–`C2 9F` (U+0080–U+009F).
fn check_is_text(text: &str) -> Result<(), DecodeError> {
    let bytes = text.as_bytes();
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary(BinaryKind::NulBytes));
    }
    let ascii_control = bytes
        .iter()
        .map(|&b| usize::from(is_suspicious_ascii_control(b)))
        .sum::<usize>();
    let c1_control = memchr::memchr_iter(0xC2, bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    let control = ascii_control + c1_control;
    // Counting characters is needed only when there are control characters at all.
    if control > 0 {
        let total = bytes
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80))
            .sum::<usize>();
        if control * 10 > total * MAX_CONTROL_PER_TEN {
            return Err(DecodeError::Binary(BinaryKind::ControlCharacters));
        }
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(())
}

/// ASCII control bytes that text files do not normally hold (tab, line ends and form feed do).
fn is_suspicious_ascii_control(b: u8) -> bool {
    (b < 0x20 || b == 0x7F) && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)
}

/// CRLF and lone CR → LF, copying only when there is a CR.
fn normalise_line_ends(text: Cow<'_, str>) -> String {
    if !text.contains('\r') {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some((line, after)) = rest.split_once('\r') {
        out.push_str(line);
        out.push('\n');
        rest = after.strip_prefix('\n').unwrap_or(after);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    const PAGE: &str = "焦作日报　温县\n全县粮食总产达到94.49万吨，增长92.60%。\n";

    fn gb18030_bytes(text: &str) -> Vec<u8> {
        let (bytes, _, had_errors) = GB18030.encode(text);
        assert!(!had_errors, "test text must be encodable");
        bytes.into_owned()
    }

    fn utf16_bytes(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            let pair = if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    /// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_le_bytes()[3]
            })
            .collect()
    }

    #[test]
    fn utf8_without_bom_is_taken_as_is() {
        let decoded = decode(PAGE.as_bytes()).expect("valid UTF-8");
        assert_eq!(decoded.text, PAGE);
        assert_eq!(decoded.encoding, UTF8_NAME);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(PAGE.as_bytes());
        let decoded = decode_owned(bytes).expect("UTF-8 with BOM");
        assert_eq!(decoded.text, PAGE);
        assert!(!decoded.text.starts_with('\u{FEFF}'));
        assert_eq!(decoded.encoding, UTF8_NAME);
    }

    #[test]
    fn owned_and_borrowed_decoding_agree() {
        let owned = decode_owned(PAGE.as_bytes().to_vec()).expect("owned");
        assert_eq!(decode(PAGE.as_bytes()).expect("borrowed"), owned);
    }

    #[test]
    fn gb18030_bytes_are_decoded() {
        let decoded = decode(&gb18030_bytes(PAGE)).expect("GB18030");
        assert_eq!(decoded.text, PAGE);
        assert_eq!(decoded.encoding, GB18030_NAME);
    }

    #[test]
    fn gbk_bytes_are_decoded_as_gb18030() {
        let (bytes, _, had_errors) = GBK.encode(PAGE);
        assert!(!had_errors);
        assert_eq!(decode(&bytes).expect("GBK").text, PAGE);
    }

    #[test]
    fn gb18030_crlf_is_normalised() {
        let decoded = decode(&gb18030_bytes("温县\r\n武陟\r\n")).expect("GB18030");
        assert_eq!(decoded.text, "温县\n武陟\n");
    }

    #[test]
    fn utf16_le_with_bom() {
        let decoded = decode(&utf16_bytes(PAGE, true)).expect("UTF-16LE");
        assert_eq!(decoded.text, PAGE);
        assert_eq!(decoded.encoding, "UTF-16LE");
    }

    #[test]
    fn utf16_be_with_bom() {
        let decoded = decode(&utf16_bytes(PAGE, false)).expect("UTF-16BE");
        assert_eq!(decoded.text, PAGE);
        assert_eq!(decoded.encoding, "UTF-16BE");
    }

    #[test]
    fn utf16_with_nul_characters_is_binary() {
        let bytes = utf16_bytes("文\0\0\0字", true);
        assert_eq!(
            decode(&bytes),
            Err(DecodeError::Binary(BinaryKind::NulBytes))
        );
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        let decoded = decode("一\r\n二\r三\n四\r\n\r\n".as_bytes()).expect("text");
        assert_eq!(decoded.text, "一\n二\n三\n四\n\n");
    }

    #[test]
    fn full_width_spaces_are_kept() {
        let decoded = decode("　　本报讯".as_bytes()).expect("text");
        assert_eq!(decoded.text, "　　本报讯");
    }

    #[test]
    fn nul_byte_means_binary() {
        let bytes = b"%PDF-1.4\n\x00\x01binary".to_vec();
        assert_eq!(
            decode(&bytes),
            Err(DecodeError::Binary(BinaryKind::NulBytes))
        );
    }

    #[test]
    fn random_control_bytes_mean_binary() {
        let bytes: Vec<u8> = noise(4096, 7)
            .into_iter()
            .map(|b| 1 + b % 31) // 0x01..=0x1F: control characters, no NUL
            .collect();
        assert_eq!(
            decode(&bytes),
            Err(DecodeError::Binary(BinaryKind::ControlCharacters))
        );
    }

    #[test]
    fn random_bytes_are_refused_even_without_nul() {
        for seed in 1..20 {
            let bytes: Vec<u8> = noise(2048, seed).into_iter().map(|b| b.max(1)).collect();
            let result = decode(&bytes);
            assert!(result.is_err(), "seed {seed}: noise accepted as {result:?}");
        }
    }

    #[test]
    fn a_few_controls_in_real_text_are_fine() {
        let text = format!("{PAGE}\u{c}{PAGE}\u{1b}");
        assert!(decode(text.as_bytes()).is_ok());
    }

    #[test]
    fn empty_input_is_empty() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(
            decode(" \n\t\r\n　　\n".as_bytes()),
            Err(DecodeError::Empty)
        );
    }

    #[test]
    fn bom_only_is_empty() {
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF]), Err(DecodeError::Empty));
        assert_eq!(decode(&[0xFF, 0xFE]), Err(DecodeError::Empty));
    }

    #[test]
    fn utf8_with_a_cut_off_last_character_stays_utf8() {
        let mut bytes = PAGE.repeat(3).into_bytes();
        bytes.extend_from_slice(&"报".as_bytes()[..2]);
        let decoded = decode(&bytes).expect("mostly UTF-8");
        assert_eq!(decoded.encoding, UTF8_REPAIRED_NAME);
        assert!(decoded.text.starts_with(PAGE));
        assert!(decoded.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn one_gbk_character_is_not_mistaken_for_damaged_utf8() {
        let decoded = decode(&gb18030_bytes("中")).expect("GB18030");
        assert_eq!(decoded.text, "中");
        assert_eq!(decoded.encoding, GB18030_NAME);
    }

    #[test]
    fn mostly_invalid_gb18030_is_undecodable() {
        // 0x81 needs a trail byte in 0x30..=0xFE; a newline is not one.
        let bytes = b"\x81\n".repeat(50);
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::Undecodable { bad: 50, .. })
        ));
    }

    #[test]
    fn messages_say_what_is_wrong() {
        assert_eq!(
            DecodeError::Binary(BinaryKind::NulBytes).to_string(),
            "binary data (NUL bytes), not a text page"
        );
        assert_eq!(DecodeError::Empty.to_string(), "empty page (no text in it)");
        let undecodable = DecodeError::Undecodable { bad: 3, chars: 10 }.to_string();
        assert!(undecodable.contains("3 of 10"), "{undecodable}");
        assert!(undecodable.contains("convert it to UTF-8"), "{undecodable}");
    }

    /// The judgement the byte-level [`check_is_text`] must agree with, one character at a time.
    fn check_is_text_by_chars(text: &str) -> Result<(), DecodeError> {
        let mut total = 0usize;
        let mut control = 0usize;
        for c in text.chars() {
            if c == '\0' {
                return Err(DecodeError::Binary(BinaryKind::NulBytes));
            }
            total += 1;
            control += usize::from(c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'));
        }
        if control * 10 > total * MAX_CONTROL_PER_TEN {
            return Err(DecodeError::Binary(BinaryKind::ControlCharacters));
        }
        if text.trim().is_empty() {
            return Err(DecodeError::Empty);
        }
        Ok(())
    }

    #[test]
    fn c1_control_characters_count_as_control() {
        let text = "\u{85}\u{9f}\u{80}文字".repeat(3);
        assert_eq!(
            check_is_text(&text),
            Err(DecodeError::Binary(BinaryKind::ControlCharacters))
        );
        // U+00A0 (C2 A0) and U+0100 (C4 80) are not controls.
        assert_eq!(check_is_text("\u{a0}\u{100}文字"), Ok(()));
    }

    proptest::proptest! {
        #[test]
        fn text_checks_on_bytes_agree_with_checks_on_characters(
            text in "[\\x00-\\x20\\x7f-\\u{a0}\\u{3000}a中文，。]{0,40}"
        ) {
            proptest::prop_assert_eq!(check_is_text(&text), check_is_text_by_chars(&text));
        }
    }
}
