//! An allocation-free scorer that computes exactly the score of `fuzzy-matcher`'s
//! `SkimMatcherV2::default().ignore_case()`.
//!
//! `SkimMatcherV2::fuzzy_match` collects both strings into vectors, searches the first
//! occurrence of every pattern character, builds a bonus vector and then fills a two-row
//! dynamic-programming matrix. Per call that is three allocations and a pass over the whole
//! text even when the pattern is one character. Ranking a million headlines calls it hundreds
//! of thousands of times per keystroke, so this module runs the same recurrence (same
//! constants, same character classes, same tie-breaking and the same row reuse) over scratch
//! buffers owned by the caller, with a shortcut for one-character patterns whose score is a
//! closed formula. The results are compared with `SkimMatcherV2` by property tests.
//!
//! One difference is deliberate: `SkimMatcherV2` keeps its matrix between calls and, for
//! patterns of three or more characters, reads a few cells left over from the previous call
//! on the same thread. This scorer always starts from the state of a freshly created matcher,
//! so its scores do not depend on what was matched before.

mod classes;
mod pair;
mod single_char;
mod window;

use classes::{BONUS_CONSECUTIVE, BONUS_HEAD, CharType, FIRST_CHAR_MULTIPLIER, Unit};
pub use pair::pair_in_plain_text;
use pair::{PAIR, pair_gain, pair_in_key, score_plain_pair};
use single_char::{find, rfind, single};
pub use single_char::{single_in_key, single_occurrence};
pub use window::Scratch;
use window::score_window;

/// `SkimMatcherV2`'s score of `pattern` (lower-case) in `text`, None when it does not match.
pub fn score(text: &str, pattern: &[char], scratch: &mut Scratch) -> Option<i32> {
    match pattern {
        [] => Some(0),
        &[p] => single(text, p),
        &[first, .., last] => {
            // Only the window from the first occurrence of the first character to the last
            // occurrence of the last is decoded (see `score_units`); the subsequence test
            // runs on the decoded window.
            let start = find(text, first)?;
            let end = rfind(text, last)?;
            let window = text.get(start..end)?;
            if window.is_empty() {
                return None;
            }
            let before_char = text.get(..start).and_then(|s| s.chars().next_back());
            let before = before_char.map_or(CharType::Empty, CharType::of);
            // Without ASCII in or just before the window, every in-place bonus is 0 but the
            // text's very first one (non-ASCII characters are all of one class).
            let plain =
                !window.bytes().any(|b| b.is_ascii()) && before_char.is_none_or(|c| !c.is_ascii());
            if let (true, &[a, b]) = (plain, pattern) {
                // One pass over the characters as they are decoded.
                return score_plain_pair(window.chars(), start == 0, a, b);
            }
            let mut chars = std::mem::take(&mut scratch.chars);
            chars.clear();
            chars.extend(window.chars());
            let s = if plain {
                score_window::<char, true>(&chars, before, start == 0, pattern, scratch)
            } else {
                score_window::<char, false>(&chars, before, start == 0, pattern, scratch)
            };
            scratch.chars = chars;
            s
        }
    }
}

/// [`score`] for a key of ASCII letters and digits and an ASCII pattern, on bytes.
pub fn score_key(key: &[u8], pattern: &[u8], scratch: &mut Scratch) -> Option<i32> {
    match pattern {
        [] => Some(0),
        &[p] => single(std::str::from_utf8(key).ok()?, char::from(p)),
        _ => score_units(key, pattern, scratch),
    }
}

/// [`score_key`] for a key known to hold `pattern` as one run (a full pinyin key).
///
/// A two-unit pattern then has adjacent units, the closest pair [`pair_in_key`] looks for,
/// so only the pair from the key's start remains to be found, by one byte search.
pub fn score_key_holding_run(key: &[u8], pattern: &[u8], scratch: &mut Scratch) -> Option<i32> {
    let &[a, b] = pattern else {
        return score_key(key, pattern, scratch);
    };
    let adjacent = PAIR + BONUS_CONSECUTIVE;
    if key.first() != Some(&a) {
        return Some(adjacent);
    }
    let first_b = memchr::memchr(b, key.get(1..)?)? + 1;
    Some(adjacent.max(PAIR + BONUS_HEAD * FIRST_CHAR_MULTIPLIER + pair_gain(first_b)))
}

/// The score of a pattern of two or more units over a whole key.
///
/// Only the units from the first occurrence of the pattern's first unit to the last
/// occurrence of its last take part: columns before the first are never filled, and after the
/// last the final row has no match, so no cell the result depends on is computed differently
/// when the matrix is cut there.
fn score_units(text: &[u8], pattern: &[u8], scratch: &mut Scratch) -> Option<i32> {
    if let &[a, b] = pattern {
        return pair_in_key(text, a, b);
    }
    let (&first, &last) = (pattern.first()?, pattern.last()?);
    let start = text.iter().position(|u| u.score_against(first).is_some())?;
    let end = text.iter().rposition(|u| u.score_against(last).is_some())? + 1;
    let window = text.get(start..end)?;
    if window.is_empty() {
        return None;
    }
    let before = start
        .checked_sub(1)
        .and_then(|i| text.get(i))
        .map_or(CharType::Empty, |u| u.class());
    // Keys hold only lower-case letters and digits: every in-place bonus is 0 but the first.
    score_window::<u8, true>(window, before, start == 0, pattern, scratch)
}

/// The score of `pattern` (two or more non-ASCII characters) in a text that holds it as one
/// run and gives none of its characters an in-place bonus ([`bonus_free`]); None when the
/// pattern has ASCII.
///
/// In such a text the best alignment is the run itself: every gap costs and every
/// consecutive match gains. The score is the same for every such text, and is computed once
/// per pattern on a stand-in text.
pub fn plain_run_score(pattern: &[char], scratch: &mut Scratch) -> Option<i32> {
    if pattern.len() < 2 || pattern.iter().any(char::is_ascii) {
        return None;
    }
    // A first character the pattern does not hold, so that no match starts the text.
    let filler = ['\u{3000}', '\u{3001}', '\u{3002}']
        .into_iter()
        .find(|c| !pattern.contains(c))?;
    let text: String = std::iter::once(filler)
        .chain(pattern.iter().copied())
        .collect();
    score(&text, pattern, scratch)
}

/// True when no character of a pattern of non-ASCII characters, `first` among them first,
/// can have an in-place bonus in `text`: the text does not start with `first` and has no
/// ASCII separator. (Letters and digits give a following non-ASCII character no bonus; the
/// text's first character has one only when it starts the match.)
pub fn bonus_free(text: &str, first: char) -> bool {
    !text.starts_with(first)
        && text
            .bytes()
            .all(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests;
