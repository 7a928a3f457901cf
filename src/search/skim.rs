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

/// Score of a cell that cannot be reached (`SkimMatcherV2`'s `i16::MIN`).
const NEG_INF: i32 = i16::MIN as i32;
/// Score of one matched character.
const SCORE_MATCH: i32 = 16;
/// Penalty for opening a gap.
const GAP_START: i32 = -3;
/// Penalty for each character of a gap.
const GAP_EXTENSION: i32 = -1;
/// Bonus for a match at the start of the text or after a hard separator.
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
/// Bonus for a match after punctuation.
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
/// Bonus for an upper-case letter after a lower-case letter or a digit.
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
/// Least bonus of a match that continues a run.
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
/// Penalty when the characters match only ignoring ASCII case.
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
/// The bonus of the very first character of the text is multiplied by this.
const FIRST_CHAR_MULTIPLIER: i32 = 2;

/// Character classes, as `SkimMatcherV2` sees them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

impl CharType {
    fn of(c: char) -> CharType {
        match c {
            '\0' => CharType::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
            '0'..='9' => CharType::Number,
            'A'..='Z' => CharType::Upper,
            _ => CharType::Lower,
        }
    }
}

/// Bonus of a character of type `cur` that follows one of type `prev`.
fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// Score of text character `c` against pattern character `p`, None when they differ.
fn match_score(c: char, p: char) -> Option<i32> {
    if !c.eq_ignore_ascii_case(&p) {
        return None;
    }
    Some(if c == p {
        SCORE_MATCH
    } else {
        SCORE_MATCH + PENALTY_CASE_MISMATCH
    })
}

/// One cell of the two-row matrix.
#[derive(Clone, Copy)]
struct Cell {
    /// Best score of an alignment ending with a match here.
    m: i32,
    /// Best score of an alignment ending with a skipped text character here.
    p: i32,
    /// Bonus of the run the match here continues.
    bonus: i32,
}

/// A cell in the state of a newly created matcher.
const FRESH: Cell = Cell {
    m: NEG_INF,
    p: NEG_INF,
    bonus: 0,
};

/// Reusable buffers for [`score`]; one per thread.
#[derive(Default)]
pub struct Scratch {
    chars: Vec<char>,
    bonus: Vec<i32>,
    first: Vec<usize>,
    rows: [Vec<Cell>; 2],
}

/// A unit of text the scorer compares: a decoded character, or a byte of an ASCII key.
trait Unit: Copy {
    /// The class `SkimMatcherV2` gives the unit.
    fn class(self) -> CharType;
    /// The match score against pattern unit `p` (lower-case), None when they differ.
    fn score_against(self, p: Self) -> Option<i32>;
}

impl Unit for char {
    fn class(self) -> CharType {
        CharType::of(self)
    }

    fn score_against(self, p: char) -> Option<i32> {
        match_score(self, p)
    }
}

/// Bytes of a key: lower-case ASCII letters and digits only, as is the pattern.
impl Unit for u8 {
    fn class(self) -> CharType {
        CharType::of(char::from(self))
    }

    fn score_against(self, p: u8) -> Option<i32> {
        (self == p).then_some(SCORE_MATCH)
    }
}

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

/// [`score_plain_pair`] of a two-unit pattern `a b` over a whole key, in closed form
/// ([`closest_pair`]).
///
/// A key of up to 64 bytes is read eight bytes at a time into one bit per byte for `a` and
/// for `b`; the closest pair and the first `b` after the start are then found on the bits,
/// without a branch per byte.
fn pair_in_key(key: &[u8], a: u8, b: u8) -> Option<i32> {
    if key.len() > 64 {
        return closest_pair(key.iter().copied(), a, b);
    }
    let (at_a, at_b) = (byte_bits(key, a), byte_bits(key, b));
    // The first `a` must come before the last `b`.
    let (first_a, last_b) = (at_a.trailing_zeros(), 63 - at_b.leading_zeros().min(63));
    if at_a == 0 || at_b == 0 || first_a >= last_b {
        return None;
    }
    // Some `b` lies `distance` bytes after an `a`, at most `last_b - first_a`.
    let mut distance = 1;
    while distance < 64 && (at_a << distance) & at_b == 0 {
        distance += 1;
    }
    let anywhere = PAIR + pair_gain(distance as usize);
    if at_a & 1 == 0 {
        return Some(anywhere);
    }
    let after_start = (at_b & !1).trailing_zeros() as usize;
    Some(anywhere.max(PAIR + BONUS_HEAD * FIRST_CHAR_MULTIPLIER + pair_gain(after_start)))
}

/// One bit per byte of `bytes` (at most 64) that equals `unit`, bit `k` for byte `k`.
fn byte_bits(bytes: &[u8], unit: u8) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const LOW7: u64 = u64::from_le_bytes([0x7f; 8]);
    // The high bit of each byte of a word gathered into the word's low byte.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let pattern = u64::from(unit) * ONES;
    let mut bits = 0;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        // A byte of `diff` is 0 where the byte equals `unit`; the high bit of each byte of
        // `nonzero` says whether that byte of `diff` is not 0 (no carry crosses bytes).
        let diff = u64::from_le_bytes(eight) ^ pattern;
        let nonzero = ((diff & LOW7) + LOW7) | diff;
        let equal = (!nonzero & !LOW7) >> 7;
        bits |= (equal.wrapping_mul(GATHER) >> 56) << at;
        at += 8;
    }
    for &byte in words.remainder() {
        bits |= u64::from(byte == unit) << at;
        at += 1;
    }
    bits
}

/// The score of a pattern of two non-ASCII characters `a b` in a text without ASCII, whose
/// in-place bonuses are all 0 but at its start ([`score_plain_pair`] over the whole text),
/// in closed form.
///
/// The caller knows the text has no ASCII (a flag kept per headline), so no pass is spent
/// finding the window or looking for ASCII in it.
pub fn pair_in_plain_text(text: &str, a: char, b: char) -> Option<i32> {
    closest_pair(text.chars(), a, b)
}

/// [`score_plain_pair`] of `a b` over units whose in-place bonuses are all 0 but at the
/// first, each matching only itself.
///
/// In that recurrence a `b` at `j` after an `a` at `i` scores
/// `match(b) + m1(i) + gain(j - i)`, where `m1(i)` carries the in-place bonus (0 but at the
/// first unit) and `gain` is the consecutive bonus for a distance of 1, and the penalty of a
/// gap of `j - i - 1` columns otherwise, falling with the distance. The best pair is therefore
/// either the closest one, or the `a` at the start with the first `b` after it. One pass
/// finds both, stopping at the first adjacent pair.
fn closest_pair<T: PartialEq>(units: impl Iterator<Item = T>, a: T, b: T) -> Option<i32> {
    let (mut starts, mut last_a, mut closest, mut from_start) = (false, None, usize::MAX, None);
    for (j, unit) in units.enumerate() {
        if unit == b
            && let Some(i) = last_a
        {
            closest = closest.min(j - i);
            if starts && from_start.is_none() {
                from_start = Some(j);
            }
            // Nothing beats adjacent units, and the first `b` after the start came first.
            if closest == 1 {
                break;
            }
        }
        if unit == a {
            starts |= j == 0;
            last_a = Some(j);
        }
    }
    if closest == usize::MAX {
        return None;
    }
    let anywhere = PAIR + pair_gain(closest);
    let at_start = from_start.map(|j| PAIR + BONUS_HEAD * FIRST_CHAR_MULTIPLIER + pair_gain(j));
    Some(at_start.map_or(anywhere, |s| s.max(anywhere)))
}

/// The score of two matched units before any bonus or gap (see [`closest_pair`]).
const PAIR: i32 = SCORE_MATCH + GAP_EXTENSION + SCORE_MATCH;

/// What a second unit `distance` units after the first adds to [`PAIR`]: the consecutive bonus
/// when adjacent, else the penalty of the gap between them.
fn pair_gain(distance: usize) -> i32 {
    if distance == 1 {
        BONUS_CONSECUTIVE
    } else {
        let gap = i32::try_from(distance - 1).unwrap_or(i32::MAX / 2);
        GAP_START + GAP_EXTENSION * gap
    }
}

/// [`score_window`] of a two-unit pattern `a b` over a plain window (every in-place bonus 0
/// but at the start of the text), in one pass and without a matrix.
///
/// With two pattern rows the recurrence reduces to this: row 1 holds `m1`, the score of
/// matching `a` at a column, and `p1`, the best score of an `a` before it followed by a gap
/// (−4 for opening, −1 for each further column). The run bonus read in row 2 is always 0 (a
/// cell's bonus is written only by the column after it), so a `b` right after an `a` adds
/// the consecutive bonus and a `b` after a gap adds nothing: `m2 = match(b) + max(m1 + 4, p1)`
/// over the previous column. The score is the best `m2`.
fn score_plain_pair(
    choice: impl Iterator<Item = char>,
    at_start: bool,
    a: char,
    b: char,
) -> Option<i32> {
    let mut best: Option<i32> = None;
    // Row 1 at the previous column, and whether an `a` was seen before the current column.
    let (mut m1, mut p1, mut seen_a) = (NEG_INF, NEG_INF, false);
    for (idx, c) in choice.enumerate() {
        if seen_a && let Some(mb) = c.score_against(b) {
            let m2 = mb + (m1 + BONUS_CONSECUTIVE).max(p1);
            best = Some(best.map_or(m2, |x| x.max(m2)));
        }
        let in_place = if idx == 0 && at_start {
            BONUS_HEAD * FIRST_CHAR_MULTIPLIER
        } else {
            0
        };
        let next_p1 = (GAP_START + GAP_EXTENSION + m1).max(GAP_EXTENSION + p1);
        m1 = match c.score_against(a) {
            Some(ma) => {
                seen_a = true;
                GAP_EXTENSION + in_place + ma
            }
            None => NEG_INF,
        };
        p1 = next_p1;
    }
    best
}

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
fn find(text: &str, p: char) -> Option<usize> {
    locate(text, p, false)
}

/// Byte offset just past the last occurrence of `p` in `text`, ignoring ASCII case.
fn rfind(text: &str, p: char) -> Option<usize> {
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
fn single(text: &str, p: char) -> Option<i32> {
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

/// The full recurrence over a window of units (patterns of two or more units).
///
/// `choice` may be a window of the text: `before` is the class of the character preceding it
/// and `at_start` says whether it begins the text (the first character's bonus is doubled).
/// `PLAIN` says the in-place bonus is 0 everywhere but at the very start of the text, so the
/// bonus row need not be computed.
fn score_window<T: Unit, const PLAIN: bool>(
    choice: &[T],
    before: CharType,
    at_start: bool,
    pattern: &[T],
    s: &mut Scratch,
) -> Option<i32> {
    // First occurrence of each pattern character, in order (`cheap_matches`).
    s.first.clear();
    let mut next = pattern.iter().peekable();
    for (idx, &c) in choice.iter().enumerate() {
        match next.peek() {
            Some(&&p) if c.score_against(p).is_some() => {
                s.first.push(idx);
                next.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    if next.peek().is_some() {
        return None;
    }
    let n = choice.len();
    let cols = n + 1;

    s.bonus.clear();
    if !PLAIN {
        s.bonus.push(0);
        let mut prev = before;
        for &c in choice {
            let ty = c.class();
            s.bonus.push(in_place_bonus(prev, ty));
            prev = ty;
        }
        if at_start && let Some(b) = s.bonus.get_mut(1) {
            *b *= FIRST_CHAR_MULTIPLIER;
        }
    }
    // Plain units: only the first unit of the whole text has a bonus.
    let first_bonus = if at_start {
        BONUS_HEAD * FIRST_CHAR_MULTIPLIER
    } else {
        0
    };
    let bonus_at = |col: usize| {
        if PLAIN {
            if col == 1 { first_bonus } else { 0 }
        } else {
            s.bonus[col]
        }
    };

    let [row0, row1] = &mut s.rows;
    row0.clear();
    row0.resize(
        cols,
        Cell {
            p: GAP_EXTENSION,
            ..FRESH
        },
    );
    row1.clear();
    row1.resize(cols, FRESH);

    for (i, (&p, &skip)) in pattern.iter().zip(&s.first).enumerate() {
        // Row i + 1 of the matrix lives in `rows[(i + 1) % 2]`, row i in the other one.
        let (cur, prev) = if i.is_multiple_of(2) {
            (&mut *row1, &*row0)
        } else {
            (&mut *row0, &*row1)
        };
        for col in skip + 1..cols {
            let c = choice[col - 1];
            let last = cur[col - 1];
            if let Some(m) = c.score_against(p) {
                let diag = prev[col - 1];
                let in_place = bonus_at(col);
                // In a plain window a run's bonus is never above the consecutive bonus past
                // the first column, where the previous row holds no match: it is not tracked.
                let consecutive = if PLAIN {
                    BONUS_CONSECUTIVE
                } else {
                    let consecutive = last.bonus.max(in_place.max(BONUS_CONSECUTIVE));
                    cur[col - 1].bonus = consecutive;
                    consecutive
                };
                let by_match = diag.m + consecutive;
                let by_skip = diag.p + in_place;
                cur[col].m = by_match.max(by_skip) + m;
            } else {
                cur[col].m = NEG_INF;
                if !PLAIN {
                    cur[col].bonus = 0;
                }
            }
            cur[col].p = (GAP_START + GAP_EXTENSION + last.m).max(GAP_EXTENSION + last.p);
        }
    }

    let last_row = if pattern.len().is_multiple_of(2) {
        &*row0
    } else {
        &*row1
    };
    let from = s.first.last().copied().unwrap_or(0);
    last_row
        .get(from..)
        .and_then(|r| r.iter().map(|c| c.m).max())
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    /// The reference: a fresh case-insensitive `SkimMatcherV2`.
    fn reference(text: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(text, pattern)
    }

    fn ours(text: &str, pattern: &str) -> Option<i64> {
        let p: Vec<char> = pattern.chars().collect();
        score(text, &p, &mut Scratch::default()).map(i64::from)
    }

    #[test]
    fn agrees_on_examples() {
        for (text, pattern) in [
            ("吕沛与建行焦作分行行长王纪勋交流座谈", "吕沛"),
            ("示范区党政联席会议召开", "会议召开"),
            ("温县2022年度述职评议考核会议召开", "2022"),
            ("lvpeiyujianhang", "lvpei"),
            ("lpyjhjzfhhzwjxjlzt", "lp"),
            ("Foo Bar-baz/QUX", "fbq"),
            ("会", "会"),
            ("", "会"),
            ("abc", ""),
        ] {
            assert_eq!(
                ours(text, pattern),
                reference(text, pattern),
                "{text} {pattern}"
            );
        }
    }

    #[test]
    fn one_character_in_a_key() {
        for key in ["lvpei", "lpyjh", "2022nian", "wx2022", "a", "pl"] {
            for c in ['l', 'p', '2', 'a', 'x'] {
                if key.contains(c) {
                    let expected = reference(key, &c.to_string());
                    let got = i64::from(single_in_key(key.starts_with(c)));
                    assert_eq!(Some(got), expected, "{c} in {key}");
                }
            }
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                'a', 'b', 'c', 'A', 'B', ' ', '-', '/', '1', '会', '议', '召', '开', '，', '\0',
            ]),
            0..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    fn pattern_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!['a', 'b', 'c', '1', '-', '会', '议', '开']),
            1..6,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    /// Texts without ASCII, whose windows are all plain.
    fn plain_text_strategy() -> impl Strategy<Value = String> {
        "[会议召开，的]{0,30}"
    }

    fn key_strategy() -> impl Strategy<Value = String> {
        "[abclp12]{0,80}"
    }

    fn key_pattern_strategy() -> impl Strategy<Value = String> {
        "[abclp12]{1,5}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn keys_score_on_bytes_as_on_characters(key in key_strategy(), pattern in key_pattern_strategy()) {
            let got = score_key(key.as_bytes(), pattern.as_bytes(), &mut Scratch::default());
            prop_assert_eq!(got.map(i64::from), reference(&key, &pattern));
        }

        #[test]
        fn occurrences_scored_one_by_one_agree_with_skim_matcher_v2(
            text in text_strategy(),
            p in prop::sample::select(vec!['会', '议', '开', '，']),
        ) {
            // The best over every occurrence, each scored from the character before it.
            let best = text
                .char_indices()
                .filter(|&(_, c)| c == p)
                .map(|(at, _)| single_occurrence(p, text.get(..at).and_then(|t| t.chars().next_back())))
                .max();
            prop_assert_eq!(best.map(i64::from), reference(&text, &p.to_string()));
        }

        #[test]
        fn agrees_with_skim_matcher_v2(text in text_strategy(), pattern in pattern_strategy()) {
            prop_assert_eq!(ours(&text, &pattern), reference(&text, &pattern));
        }

        #[test]
        fn plain_windows_and_two_unit_patterns_agree_with_skim_matcher_v2(
            text in text_strategy(),
            plain in plain_text_strategy(),
            a in pattern_strategy(),
            b in pattern_strategy(),
            key in key_strategy(),
            k in key_pattern_strategy(),
        ) {
            let pair: String = a.chars().take(1).chain(b.chars().take(1)).collect();
            prop_assert_eq!(ours(&text, &pair), reference(&text, &pair));
            let plain_pair: String = plain.chars().rev().take(2).collect();
            if let [a, b] = plain_pair.chars().collect::<Vec<char>>()[..] {
                let expected = reference(&plain, &plain_pair);
                prop_assert_eq!(ours(&plain, &plain_pair), expected);
                prop_assert_eq!(pair_in_plain_text(&plain, a, b).map(i64::from), expected);
            }
            prop_assert_eq!(ours(&plain, "会议"), reference(&plain, "会议"));
            // Longer patterns over plain windows take the matrix without run bonuses.
            let longer: String = plain.chars().step_by(3).take(4).collect();
            prop_assert_eq!(ours(&plain, &longer), reference(&plain, &longer));
            prop_assert_eq!(ours(&plain, "会议召开"), reference(&plain, "会议召开"));
            let key_pair: String = k.chars().cycle().take(2).collect();
            let got = score_key(key.as_bytes(), key_pair.as_bytes(), &mut Scratch::default());
            prop_assert_eq!(got.map(i64::from), reference(&key, &key_pair));
            if key.contains(&key_pair) {
                let got = score_key_holding_run(key.as_bytes(), key_pair.as_bytes(), &mut Scratch::default());
                prop_assert_eq!(got.map(i64::from), reference(&key, &key_pair));
            }
        }

        #[test]
        fn a_run_in_a_bonus_free_text_scores_as_its_stand_in(
            before in "[会议召开，的a-cA-C0-9]{0,20}",
            after in "[会议召开，的a-cA-C0-9 -]{0,20}",
            pattern in "[会议召开，的]{2,5}",
        ) {
            let p: Vec<char> = pattern.chars().collect();
            let text = format!("{before}{pattern}{after}");
            if bonus_free(&text, p[0]) {
                let run = plain_run_score(&p, &mut Scratch::default());
                prop_assert_eq!(run.map(i64::from), reference(&text, &pattern));
            }
        }

        #[test]
        fn reusing_scratch_changes_nothing(a in text_strategy(), b in text_strategy(), pattern in pattern_strategy()) {
            let p: Vec<char> = pattern.chars().collect();
            let mut scratch = Scratch::default();
            let _ = score(&a, &p, &mut scratch);
            let reused = score(&b, &p, &mut scratch);
            prop_assert_eq!(reused, score(&b, &p, &mut Scratch::default()));
        }
    }
}
