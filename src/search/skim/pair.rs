//! Two-unit patterns in closed form: the closest pair of units, without a matrix.

use super::classes::{
    BONUS_CONSECUTIVE, BONUS_HEAD, FIRST_CHAR_MULTIPLIER, GAP_EXTENSION, GAP_START, NEG_INF,
    SCORE_MATCH, Unit,
};

/// [`score_plain_pair`] of a two-unit pattern `a b` over a whole key, in closed form
/// ([`closest_pair`]).
///
/// A key of up to 64 bytes is read eight bytes at a time into one bit per byte for `a` and
/// for `b`; the closest pair and the first `b` after the start are then found on the bits,
/// without a branch per byte.
pub(super) fn pair_in_key(key: &[u8], a: u8, b: u8) -> Option<i32> {
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
pub(super) const PAIR: i32 = SCORE_MATCH + GAP_EXTENSION + SCORE_MATCH;

/// What a second unit `distance` units after the first adds to [`PAIR`]: the consecutive bonus
/// when adjacent, else the penalty of the gap between them.
pub(super) fn pair_gain(distance: usize) -> i32 {
    if distance == 1 {
        BONUS_CONSECUTIVE
    } else {
        let gap = i32::try_from(distance - 1).unwrap_or(i32::MAX / 2);
        GAP_START + GAP_EXTENSION * gap
    }
}

/// [`score_window`](super::window::score_window) of a two-unit pattern `a b` over a plain
/// window (every in-place bonus 0 but at the start of the text), in one pass and without a
/// matrix.
///
/// With two pattern rows the recurrence reduces to this: row 1 holds `m1`, the score of
/// matching `a` at a column, and `p1`, the best score of an `a` before it followed by a gap
/// (−4 for opening, −1 for each further column). The run bonus read in row 2 is always 0 (a
/// cell's bonus is written only by the column after it), so a `b` right after an `a` adds
/// the consecutive bonus and a `b` after a gap adds nothing: `m2 = match(b) + max(m1 + 4, p1)`
/// over the previous column. The score is the best `m2`.
pub(super) fn score_plain_pair(
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
