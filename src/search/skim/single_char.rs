//! One-character patterns: occurrences found by byte search, scored by a closed formula.

use super::classes::{
    BONUS_HEAD, CharType, FIRST_CHAR_MULTIPLIER, GAP_EXTENSION, SCORE_MATCH, in_place_bonus,
    match_score,
};

/// The score of a one-character pattern in a text of lower-case ASCII letters and digits
/// that contains it, starting with it or not: every position there has the same in-place
/// bonus except the first.
pub fn single_in_key(at_start: bool) -> i32 {
    let bonus = if at_start {
        BONUS_HEAD * FIRST_CHAR_MULTIPLIER
    } else {
        0
    };
    SCORE_MATCH + GAP_EXTENSION + bonus
}

/// Byte offset of the first occurrence of `p` in `text`, ignoring ASCII case.
pub(super) fn find(text: &str, p: char) -> Option<usize> {
    locate(text, p, false)
}

/// Byte offset just past the last occurrence of `p` in `text`, ignoring ASCII case.
pub(super) fn rfind(text: &str, p: char) -> Option<usize> {
    locate(text, p, true).map(|start| start + p.len_utf8())
}

/// Byte offset of the first occurrence of `p` in `text` (the last when `from_end`), ignoring
/// ASCII case.
///
/// Other characters are found by their last byte with memchr, the bytes before it compared in
/// place; a whole encoded character (starting with its lead byte) always starts a character.
fn locate(text: &str, p: char, from_end: bool) -> Option<usize> {
    let hay = text.as_bytes();
    if p.is_ascii_alphabetic() {
        let lower = p.to_ascii_lowercase() as u8;
        let is_p = |b: &u8| b.to_ascii_lowercase() == lower;
        return if from_end {
            hay.iter().rposition(is_p)
        } else {
            hay.iter().position(is_p)
        };
    }
    let mut buf = [0u8; 4];
    let needle = p.encode_utf8(&mut buf).as_bytes();
    let &last = needle.last()?;
    let start_of = |end: usize| {
        (end + 1)
            .checked_sub(needle.len())
            .filter(|&start| holds_at(hay, start, needle))
    };
    if from_end {
        memchr::memrchr_iter(last, hay).find_map(start_of)
    } else {
        memchr::memchr_iter(last, hay).find_map(start_of)
    }
}

/// True when `hay` holds `needle` at `start` (a short encoded character, compared in place).
fn holds_at(hay: &[u8], start: usize, needle: &[u8]) -> bool {
    needle
        .iter()
        .enumerate()
        .all(|(k, &b)| hay.get(start + k) == Some(&b))
}

/// The score of a one-character pattern: the best occurrence by its in-place bonus.
///
/// With one pattern row the recurrence reduces to `match + gap_extension + bonus` at each
/// occurrence, so no matrix is needed: occurrences are found with a byte search and only the
/// character before each one is decoded.
pub(super) fn single(text: &str, p: char) -> Option<i32> {
    let mut best: Option<i32> = None;
    let mut from = 0;
    while let Some(rest) = text.get(from..) {
        let Some(at) = find(rest, p).map(|i| from + i) else {
            break;
        };
        // `at` starts an occurrence, so it is a character boundary.
        let Some(c) = text.get(at..).and_then(|s| s.chars().next()) else {
            break;
        };
        let prev = text
            .get(..at)
            .and_then(|s| s.chars().next_back())
            .map_or(CharType::Empty, CharType::of);
        if let Some(m) = match_score(c, p) {
            let s = occurrence_score(m, prev, CharType::of(c), at == 0);
            best = Some(best.map_or(s, |x| x.max(s)));
            // The doubled head bonus of the first character beats any later occurrence's.
            if at == 0 {
                break;
            }
        }
        from = at + c.len_utf8();
    }
    best
}

/// The score of one occurrence of a one-character pattern: its match score `m`, plus the
/// in-place bonus of its class `cur` after `prev` (doubled at the start of the text).
fn occurrence_score(m: i32, prev: CharType, cur: CharType, at_start: bool) -> i32 {
    let mut bonus = in_place_bonus(prev, cur);
    if at_start {
        bonus *= FIRST_CHAR_MULTIPLIER;
    }
    m + GAP_EXTENSION + bonus
}

/// The score of one occurrence of the non-ASCII character `p` as a one-character pattern,
/// given the character `before` it (None at the start of the text).
///
/// [`single`] is the best of this over the occurrences in a text; a caller that found the
/// occurrences itself (in one pass over many texts) scores them with this. Non-ASCII
/// characters match only themselves, so the match score is always the same.
pub fn single_occurrence(p: char, before: Option<char>) -> i32 {
    let prev = before.map_or(CharType::Empty, CharType::of);
    occurrence_score(SCORE_MATCH, prev, CharType::of(p), before.is_none())
}
