//! The shape of lines: headline limits, column labels, credits and ink width.

use super::super::byline::{split_photo_credit, split_trailing_credit};
use super::super::chars::{find_space, is_body_punct, is_han, is_space, strip_spaces, visible_len};
use super::openers::{
    BACK_REFERENCE_FIRSTS, BACK_REFERENCES, opens_with_time, refers_back, reports_speech,
    starts_with_any,
};
use super::piece::{Credit, Shape};

/// Most lines a headline block (kicker, title, subtitle) takes.
pub(super) const MAX_HEADLINE_LINES: usize = 4;
/// Longest headline line, in characters.
const MAX_HEADLINE_LINE: usize = 40;
/// Longest headline line that holds a comma.
const MAX_PUNCTUATED_LINE: usize = 24;
/// Most commas in a headline.
const MAX_HEADLINE_COMMAS: usize = 2;

/// Most characters in a column label (`政务简报`).
const MAX_LABEL: usize = 6;

/// Words that end the name of a newspaper column (`政务简报`, `百字新闻`, `基层快讯`).
const COLUMN_WORDS: &[&str] = &[
    "简报", "新闻", "快讯", "动态", "速递", "短波", "一览", "集锦", "播报", "简讯", "传真", "纵横",
];

/// Whether a line could be a column label: a short phrase naming a column.
pub fn label_like(line: &str) -> bool {
    if visible_len(line) > MAX_LABEL {
        return false;
    }
    let compact = strip_spaces(line);
    (2..=MAX_LABEL).contains(&compact.chars().count())
        && compact.chars().all(is_han)
        && COLUMN_WORDS.iter().any(|w| compact.ends_with(w))
}

/// The credit closing `line`, if any (`after_sentence`: the text before it ended a sentence).
pub(super) fn credit_of(line: &str, after_sentence: bool) -> Option<Credit> {
    if !line.trim_end_matches(is_space).ends_with(['）', ')', '摄']) {
        return None;
    }
    if split_trailing_credit(line, after_sentence).is_some() {
        Some(Credit::Byline)
    } else if split_photo_credit(line).is_some() {
        Some(Credit::Photo)
    } else {
        None
    }
}

/// Whether nothing but the credit is on the line.
pub(super) fn credit_remainder_is_empty(line: &str) -> bool {
    split_trailing_credit(line, true)
        .map(|(before, _)| before)
        .or_else(|| split_photo_credit(line).map(|(before, _)| before))
        .is_some_and(|before| before.trim_matches(is_space).is_empty())
}

/// Whether one line may belong to a headline (`first`: it opens the headline).
pub(super) fn headline_line(line: &str, first: bool) -> bool {
    // Cheap tests first: this runs on the edges of every run of lines.
    let sentence = line.contains(['。', '；', ';']);
    let lead_in = line.ends_with(['：', ':']);
    let bracketed = first && line.starts_with(['（', '(']);
    !(sentence || lead_in || bracketed)
        && (line.len() <= MAX_HEADLINE_LINE || visible_len(line) <= MAX_HEADLINE_LINE)
        && line.chars().any(is_han)
}

/// `实 现 “25311” 远 景 目`: a line spread out character by character to fill its column,
/// which body text is and a headline is not.
fn spread_out(line: &str) -> bool {
    if find_space(line).is_none() {
        return false;
    }
    let tokens: Vec<&str> = line.split(is_space).filter(|t| !t.is_empty()).collect();
    let single = tokens.iter().filter(|t| t.chars().count() == 1).count();
    tokens.len() >= 4 && single * 4 >= tokens.len() * 3
}

/// How much lines look like a headline.
pub(super) fn shape_of(lines: &[String]) -> Shape {
    let short = (1..=MAX_HEADLINE_LINES).contains(&lines.len())
        && lines
            .iter()
            .enumerate()
            .all(|(i, line)| headline_line(line, i == 0));
    if !short || lines.iter().any(|l| spread_out(l)) {
        return Shape::Body;
    }
    if !lines.iter().any(|l| l.chars().any(is_body_punct)) {
        let continues = lines
            .first()
            .is_some_and(|l| starts_with_any(l, BACK_REFERENCES, BACK_REFERENCE_FIRSTS));
        return if continues {
            Shape::Body
        } else {
            Shape::Headline
        };
    }
    // A headline with a comma is a line or two, never opens like a story (`3月24日，`) or
    // like a sentence that continues one (`会议强调，`), and never reports speech (`某某
    // 要求，…`: a headline quotes with a colon).
    if lines.len() > 2
        || lines
            .first()
            .is_some_and(|l| opens_with_time(l) || refers_back(l))
        || lines.iter().any(|l| reports_speech(l))
    {
        return Shape::Body;
    }
    let punctuated = lines.iter().all(|line| {
        let commas = line
            .chars()
            .filter(|&c| matches!(c, '，' | '、' | ','))
            .count();
        visible_len(line) <= MAX_PUNCTUATED_LINE
            && commas <= MAX_HEADLINE_COMMAS
            && !line
                .chars()
                .last()
                .is_some_and(|c| is_body_punct(c) || matches!(c, '！' | '？'))
    });
    if punctuated {
        Shape::Punctuated
    } else {
        Shape::Body
    }
}

/// `立足岗位 学以致用`: two phrases of two or more Han characters separated by a space.
pub(super) fn has_phrase_space(line: &str) -> bool {
    if find_space(line).is_none() {
        return false;
    }
    let tokens: Vec<&str> = line.split(is_space).filter(|t| !t.is_empty()).collect();
    tokens.len() >= 2
        && tokens.len() <= 3
        && tokens
            .iter()
            .all(|t| t.chars().count() >= 2 && t.chars().all(is_han))
}

/// Width of a line in display cells as it was typeset: justification spaces left out
/// (`方 向 ， 合 理` is as wide as `方向，合理`), a space set around a number or a Latin word
/// (`在 2022 年`) counted as the half cell it takes in print.
pub fn ink_width(line: &str) -> u16 {
    let bytes = line.as_bytes();
    let mut width = 0usize;
    let mut number_spaces = 0usize;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (len, columns) = match lead {
            b' ' | b'\t' => {
                let alnum = |i: Option<usize>| {
                    i.and_then(|i| bytes.get(i))
                        .is_some_and(u8::is_ascii_alphanumeric)
                };
                if lead == b' ' && (alnum(at.checked_sub(1)) || alnum(Some(at + 1))) {
                    number_spaces += 1;
                }
                (1, 0)
            }
            b'!'..=b'~' => (1, 1),
            0x00..=0x7F => (1, 0),
            0xE5..=0xE9 => (3, 2),
            _ => match (lead, bytes.get(at + 1), bytes.get(at + 2)) {
                (0xE4, Some(0xB8..=0xBF), _) => (3, 2),
                // U+3000: the ideographic space.
                (0xE3, Some(0x80), Some(0x80)) => (3, 0),
                (0xE3, Some(0x80), Some(0x81..=0xA9)) => (3, 2),
                (0xEF, Some(0xBC), Some(0x81..=0xBF)) | (0xEF, Some(0xBD), Some(0x80..=0xA0)) => {
                    (3, 2)
                }
                (0xE2, Some(0x80), Some(0x94 | 0x98 | 0x99 | 0x9C | 0x9D | 0xA6)) => (3, 1),
                _ => {
                    let c = line.get(at..).and_then(|rest| rest.chars().next());
                    let len = c.map_or(1, char::len_utf8);
                    let columns = c.filter(|&c| !is_space(c)).map_or(0, |c| {
                        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
                    });
                    (len, columns)
                }
            },
        };
        width += columns;
        at += len;
    }
    u16::try_from(width + number_spaces / 2).unwrap_or(u16::MAX)
}
