//! How a line opens: back references, speech, mid-sentence words and time words.

use super::super::chars::{is_cjk_punct, is_space, strip_spaced_prefix};

/// Whether `line` starts with one of `words`, layout spaces allowed between characters.
pub(super) fn starts_with_any(line: &str, words: &[&str], first_chars: &[char]) -> bool {
    let Some(first) = line.trim_start_matches(is_space).chars().next() else {
        return false;
    };
    // Most lines open with a character no word of the list opens with.
    first_chars.contains(&first)
        && words
            .iter()
            .any(|w| w.starts_with(first) && strip_spaced_prefix(line, w).is_some())
}

/// Words that open a sentence by referring to what came before (`据了解`, `会上`, `此外`):
/// they continue a story, never open one.
pub(super) const BACK_REFERENCES: &[&str] = &[
    "据了解",
    "据悉",
    "据介绍",
    "此外",
    "另外",
    "同时",
    "随后",
    "其中",
    "对此",
    "为此",
    "会上",
    "会后",
    "会议指出",
    "会议强调",
    "会议要求",
    "会议认为",
    "他说",
    "她说",
    "他指出",
    "她指出",
    "他强调",
    "她强调",
    "他表示",
    "她表示",
];
/// First characters of [`BACK_REFERENCES`].
pub(super) const BACK_REFERENCE_FIRSTS: &[char] = &[
    '据', '此', '另', '同', '随', '其', '对', '为', '会', '他', '她',
];
/// Characters that, followed by a place or an office, refer back to one named before (`该局`).
const DEMONSTRATIVES: &[char] = &['该', '此', '这'];

/// Whether a line opens by referring back to what came before it.
pub(super) fn refers_back(line: &str) -> bool {
    starts_with_any(line, BACK_REFERENCES, BACK_REFERENCE_FIRSTS)
        || line
            .trim_start_matches(is_space)
            .starts_with(DEMONSTRATIVES)
}

/// Verbs that introduce reported speech; followed by a comma they open a quotation in
/// running text.
const SPEECH_VERBS: &[&str] = &[
    "说", "表示", "指出", "强调", "要求", "认为", "介绍", "提出", "希望", "称", "坦言",
];

/// `某某要求，…`: a line with a verb of saying followed by a comma.
pub(super) fn reports_speech(line: &str) -> bool {
    line.match_indices('，').any(|(at, _)| {
        line.get(..at)
            .is_some_and(|before| SPEECH_VERBS.iter().any(|v| before.trim_end().ends_with(v)))
    })
}

/// Particles that never open a sentence.
const NEVER_FIRST: &[char] = &['的', '了', '着', '地', '得', '之', '们'];

/// Whether a line opens in the middle of a sentence: with punctuation or a particle.
pub(super) fn opens_mid_sentence(line: &str) -> bool {
    line.trim_start_matches(is_space)
        .chars()
        .next()
        .is_some_and(|c| {
            NEVER_FIRST.contains(&c)
                || is_cjk_punct(c) && !matches!(c, '“' | '‘' | '《' | '「' | '『' | '【')
        })
}

/// Time words that open a story's first sentence.
const LEAD_WORDS: &[&str] = &[
    "近日",
    "日前",
    "连日来",
    "近期",
    "近年来",
    "今年以来",
    "去年以来",
];

/// First characters of [`LEAD_WORDS`].
const LEAD_WORD_FIRSTS: &[char] = &['近', '日', '连', '今', '去'];

/// Whether a line opens with a date (`3月27日`, `2022年`) or a time word (`近日`).
pub(super) fn opens_with_time(line: &str) -> bool {
    let mut chars = line.chars().filter(|&c| !is_space(c));
    let mut digits = 0;
    let unit = loop {
        match chars.next() {
            Some(c) if c.is_ascii_digit() && digits < 4 => digits += 1,
            other => break other,
        }
    };
    ((1..=2).contains(&digits) && unit == Some('月'))
        || (digits == 4 && unit == Some('年'))
        || starts_with_any(line, LEAD_WORDS, LEAD_WORD_FIRSTS)
}
