//! Display-width helpers for the terminal UI: measure, truncate, pad and wrap by columns.
//!
//! A 汉字 takes two terminal columns, a Latin letter one, a combining mark none. Counting
//! bytes or chars staggers table columns, and in ratatui a line wider than its area panics,
//! so everything here measures with `unicode-width`'s default table, as ratatui does:
//! East-Asian *ambiguous* punctuation such as “ ” ‘ ’ … · — counts one column.
//!
//! Text is walked by *clusters*: a character with the zero-width characters that follow it
//! (combining marks, joiners, variation selectors). Nothing is ever cut inside a cluster,
//! and no `&str` is sliced at an offset computed from widths.
//!
//! [`wrap`] is a small line breaker for Chinese prose, because ratatui's wrapping breaks only
//! at spaces and Chinese has none. Its rules, in order:
//!
//! * a break may fall at whitespace, or between two clusters when either is wide (two or more
//!   columns: 汉字 and full-width punctuation); runs of narrow characters such as Latin words,
//!   numbers (`94.49`, `92.60%`) and ASCII punctuation stay whole;
//! * no break before a character that may not start a line ([`forbids_line_start`]: ，。、）」…)
//!   nor after one that may not end a line ([`forbids_line_end`]: （「《“…);
//! * the clusters between two allowed breaks form an unbreakable *run*; lines are filled
//!   greedily with runs, so a run that does not fit moves whole to the next line, which
//!   pulls the character before a closing mark down with it;
//! * a run wider than the room where it starts (`width` columns, or `width - indent` for the
//!   paragraph's first run) cannot be kept whole: it is cut cluster by cluster, at a break
//!   that respects the two character rules when the line allows one. Only such a cut can
//!   leave a line starting or ending with a forbidden character.
//!
//! The text is one paragraph: tabs and newlines count as spaces. Whitespace at a break is
//! dropped; whitespace inside a line is kept, one column per space except U+3000 (two). Lines never exceed `width`; with `width` ≥ 2 nothing but whitespace
//! is lost, and at width 1 a cluster too wide for the line is shown as `…`.

mod cluster;
mod columns;
mod width;
mod wrap;

pub use columns::{char_index_to_col, cursor_col, match_col_spans, pad_right, truncate};
pub use width::{
    AMBIGUOUS, ELLIPSIS, ambiguous_wide, char_width, set_ambiguous_wide, widened, width,
};
pub use wrap::{forbids_line_end, forbids_line_start, wrap, wrap_indented};

#[cfg(test)]
mod tests;
