//! Character classes shared by the ingest stages.
//!
//! Page dumps mix Han characters, full-width punctuation, ASCII digits and the odd Latin word;
//! every stage asks the same questions about a character (is it Han? does it end a sentence?
//! may a headline contain it?), so the answers live in one place.

/// Whether `c` is a Han (Chinese) character.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// Whether `c` is punctuation that belongs to Chinese text (full-width marks, CJK brackets and
/// the curly quotes, dashes and ellipsis that Chinese typesetting uses).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '—'
            | '…'
            | '·'
            | '－'
            | '～'
            | '／'
            | '％'
            | '＋'
    )
}

/// Whether `c` is Chinese text, i.e. a character next to which a space is only layout.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Whether `c` is white space as found in page dumps (ASCII, no-break and full-width spaces).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// Whether `c` ends a sentence by itself.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '!' | '?')
}

/// Whether `c` is a closing mark that may follow a sentence end (`。”`, `！）`).
pub fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '》' | '）' | ')' | '"')
}

/// Whether `text` (trimmed) ends a sentence: a sentence end, possibly followed by closing marks.
pub fn ends_sentence(text: &str) -> bool {
    let mut chars = text.trim_end_matches(is_space).chars().rev();
    for c in chars.by_ref() {
        if is_sentence_end(c) {
            return true;
        }
        if !is_closing(c) {
            return false;
        }
    }
    false
}

/// Punctuation that never appears in a headline but fills every sentence of a body.
pub fn is_body_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '、' | ',' | ';')
}

/// Byte offset of the first white-space character of `text` (see [`is_space`]).
///
/// Scans bytes and decodes only characters whose lead byte can start a space (ASCII, and
/// `C2`, `E1`–`E3` for U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000): most of a
/// Chinese line is skipped without decoding it.
pub fn find_space(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        match lead {
            b'\t'..=b'\r' | b' ' => return Some(at),
            0x00..=0x7F => at += 1,
            0xC2 | 0xE1..=0xE3 => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) if is_space(c) => return Some(at),
                Some(c) => at += c.len_utf8(),
                None => at += 1,
            },
            0xC0..=0xDF => at += 2,
            0xE0..=0xEF => at += 3,
            _ => at += 4,
        }
    }
    None
}

/// Trim white space, including full-width spaces, from both ends.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// Number of characters that are not white space.
pub fn visible_len(text: &str) -> usize {
    text.chars().filter(|&c| !is_space(c)).count()
}

/// Display width of a line in terminal columns, as `unicode-width` counts it.
///
/// Page lines are nearly all ideographs, CJK and full-width punctuation and ASCII, whose
/// widths are fixed: those are counted here from their UTF-8 lead bytes, and any other
/// character hands the whole line to `unicode-width` (whose width of a string can depend on
/// neighbouring characters).
pub fn display_width(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut width = 0;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (len, columns) = match lead {
            b' '..=b'~' => (1, 1),
            // U+5000–U+9FFF: ideographs.
            0xE5..=0xE9 => (3, 2),
            _ => match (lead, bytes.get(at + 1), bytes.get(at + 2)) {
                // U+4E00–U+4FFF: ideographs.
                (0xE4, Some(0xB8..=0xBF), _) => (3, 2),
                // U+3000–U+3029: ideographic space and CJK punctuation.
                (0xE3, Some(0x80), Some(0x80..=0xA9)) => (3, 2),
                // U+FF01–U+FF60: full-width forms.
                (0xEF, Some(0xBC), Some(0x81..=0xBF)) | (0xEF, Some(0xBD), Some(0x80..=0xA0)) => {
                    (3, 2)
                }
                // U+2014 —, U+2018 ‘, U+2019 ’, U+201C “, U+201D ” and U+2026 …
                (0xE2, Some(0x80), Some(0x94 | 0x98 | 0x99 | 0x9C | 0x9D | 0xA6)) => (3, 1),
                _ => return unicode_width::UnicodeWidthStr::width(text),
            },
        };
        width += columns;
        at += len;
    }
    width
}

/// `text` after `word` when `text` starts with `word` printed with layout spaces allowed
/// around and between its characters (`本 报 讯`), else `None`.
pub fn strip_spaced_prefix<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = text.trim_start_matches(is_space);
    for c in word.chars() {
        rest = rest.trim_start_matches(is_space).strip_prefix(c)?;
    }
    Some(rest)
}

/// Byte range of the first occurrence of `word` in `text`, spaces allowed between its
/// characters (`本 报 讯` is found as `本报讯`).
pub fn find_spaced(text: &str, word: &str) -> Option<(usize, usize)> {
    let first = word.chars().next()?;
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(first)) {
        let start = from + at;
        if let Some(rest) = text.get(start..).and_then(|t| strip_spaced_prefix(t, word)) {
            return Some((start, text.len() - rest.len()));
        }
        from = start + first.len_utf8();
    }
    None
}

/// Remove every white-space character.
pub fn strip_spaces(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_end_sees_through_closing_quotes() {
        assert!(ends_sentence("做到“心中有账”。"));
        assert!(ends_sentence("发光发热！”"));
        assert!(ends_sentence("开花结果。 "));
        assert!(!ends_sentence("做到“心中有账”，高标准、"));
        assert!(!ends_sentence("百佳县（市）"));
        assert!(!ends_sentence(""));
    }

    #[test]
    fn spaced_words_are_found() {
        assert_eq!(strip_spaced_prefix("本 报 讯 3月", "本报讯"), Some(" 3月"));
        assert_eq!(strip_spaced_prefix(" 本报讯", "本报讯"), Some(""));
        assert_eq!(strip_spaced_prefix("本报记者", "本报讯"), None);
        assert_eq!(
            find_spaced("会议召开 本 报 讯 3月", "本报讯"),
            Some((13, 24))
        );
        assert_eq!(find_spaced("本本报讯", "本报讯"), Some((3, 12)));
        assert_eq!(find_spaced("本报记者", "本报讯"), None);
    }

    #[test]
    fn han_and_punct_are_cjk() {
        assert!(is_han('汉'));
        assert!(!is_han('a'));
        assert!(is_cjk('，'));
        assert!(is_cjk('“'));
        assert!(!is_cjk('5'));
    }

    #[test]
    fn spaces_include_full_width() {
        assert_eq!(trim("\u{3000} 本报讯 \u{3000}"), "本报讯");
        assert_eq!(strip_spaces("廉 玮\u{3000}摄"), "廉玮摄");
        assert_eq!(visible_len("方 向 ， 合"), 4);
    }

    #[test]
    fn find_space_finds_every_kind_of_space() {
        assert_eq!(find_space("方向，合理"), None);
        assert_eq!(find_space("方 向"), Some(3));
        assert_eq!(find_space("方\u{3000}向"), Some(3));
        assert_eq!(find_space("。\u{a0}"), Some(3));
        assert_eq!(find_space("a\u{2003}"), Some(1));
        assert_eq!(find_space("\t"), Some(0));
    }

    #[test]
    fn display_width_counts_wide_characters_twice() {
        assert_eq!(display_width("全县粮食，增长92.60%。"), 22);
        assert_eq!(display_width("“心中有账”……"), 12);
        assert_eq!(display_width("\u{3000}ＡＢ"), 6);
        assert_eq!(display_width("é\u{301}"), 1);
    }

    proptest::proptest! {
        #[test]
        fn find_space_agrees_with_a_character_scan(
            text in "[ -~\\t\\n\\u{85}\\u{a0}-\\u{a8}\\u{1680}\\u{2000}-\\u{2030}\\u{205f}\\u{3000}-\\u{3010}\\u{4E00}-\\u{4E10}\\u{FF0C}]{0,24}"
        ) {
            proptest::prop_assert_eq!(find_space(&text), text.find(is_space));
        }

        #[test]
        fn display_width_agrees_with_unicode_width(
            text in "[ -~\\u{2010}-\\u{2030}\\u{3000}-\\u{3040}\\u{4DB0}-\\u{4E10}\\u{4FF0}-\\u{5010}\\t\\x7f\\u{9FF0}-\\u{9FFF}\\u{FF00}-\\u{FF70}\\u{0300}-\\u{0310}\\u{200D}\\u{FE0F}\\u{1F600}]{0,24}"
        ) {
            proptest::prop_assert_eq!(display_width(&text), unicode_width::UnicodeWidthStr::width(text.as_str()));
        }
    }
}
