//! The full two-row dynamic-programming recurrence over a window, and its scratch buffers.

use super::classes::{
    BONUS_CONSECUTIVE, BONUS_HEAD, CharType, FIRST_CHAR_MULTIPLIER, GAP_EXTENSION, GAP_START,
    NEG_INF, Unit, in_place_bonus,
};

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

/// Reusable buffers for [`score`](super::score); one per thread.
#[derive(Default)]
pub struct Scratch {
    pub(super) chars: Vec<char>,
    bonus: Vec<i32>,
    first: Vec<usize>,
    rows: [Vec<Cell>; 2],
}

/// The full recurrence over a window of units (patterns of two or more units).
///
/// `choice` may be a window of the text: `before` is the class of the character preceding it
/// and `at_start` says whether it begins the text (the first character's bonus is doubled).
/// `PLAIN` says the in-place bonus is 0 everywhere but at the very start of the text, so the
/// bonus row need not be computed.
pub(super) fn score_window<T: Unit, const PLAIN: bool>(
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
