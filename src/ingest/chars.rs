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

/// Trim white space, including full-width spaces, from both ends.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// Number of characters that are not white space.
pub fn visible_len(text: &str) -> usize {
    text.chars().filter(|&c| !is_space(c)).count()
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
}
