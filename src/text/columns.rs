//! Fitting text to columns: truncate, pad, and map character indices to columns.

use std::borrow::Cow;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::cluster::clusters;
use super::width::{ELLIPSIS, char_width, widened, width};

/// Cut `s` to at most `max` columns, ending with `…` when something was cut.
///
/// A wide character that does not fit before the `…` is left out whole, so the result
/// may be one column narrower than `max`.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let ellipsis = char_width(ELLIPSIS);
    if max < ellipsis {
        return Cow::Borrowed(prefix_within(s, max));
    }
    let kept = prefix_within(s, max - ellipsis);
    Cow::Owned(format!("{kept}{ELLIPSIS}"))
}

/// The longest prefix of whole clusters that fits in `budget` columns.
fn prefix_within(s: &str, budget: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for cluster in clusters(s) {
        if used + cluster.width > budget {
            break;
        }
        used += cluster.width;
        end += cluster.text.len();
    }
    s.split_at(end).0
}

/// `s` padded with spaces (after truncating if needed) to exactly `cols` columns.
pub fn pad_right(s: &str, cols: usize) -> String {
    let fitted = truncate(s, cols);
    let fill = cols.saturating_sub(width(&fitted));
    let mut out = String::with_capacity(fitted.len() + fill);
    out.push_str(&fitted);
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

/// Display column where the character at `char_index` starts (past the end: the full width).
pub fn char_index_to_col(text: &str, char_index: usize) -> usize {
    let end = text
        .char_indices()
        .nth(char_index)
        .map_or(text.len(), |(byte, _)| byte);
    width(text.split_at(end).0)
}

/// Terminal column of a text cursor standing before character `char_pos` of `text`.
///
/// The display width of the text before the cursor, not its byte or char count, so the
/// cursor stays put after Chinese input or a paste.
pub fn cursor_col(text: &str, char_pos: usize) -> usize {
    char_index_to_col(text, char_pos)
}

/// Column ranges to highlight for matched character indices (sorted, adjacent ones merged).
///
/// Matchers report positions as character indices; the renderer needs columns. Indices
/// may come unsorted or repeated; those past the end are ignored. Each character counts its
/// own width (ASCII text takes a fast path: one column per character).
pub fn match_col_spans(text: &str, char_indices: &[usize]) -> Vec<Range<usize>> {
    let mut wanted = char_indices.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut spans = Vec::new();
    if text.is_ascii() {
        for &index in wanted.iter().filter(|&&index| index < text.len()) {
            push_merged(&mut spans, index..index + 1);
        }
        return spans;
    }
    let mut wanted = wanted.into_iter().peekable();
    let mut col = 0;
    for (index, c) in text.chars().enumerate() {
        let cols = if widened(c) {
            2
        } else {
            c.width().unwrap_or(1)
        };
        if wanted.next_if_eq(&index).is_some() {
            push_merged(&mut spans, col..col + cols);
        }
        col += cols;
    }
    spans
}

fn push_merged(spans: &mut Vec<Range<usize>>, span: Range<usize>) {
    match spans.last_mut() {
        Some(last) if last.end == span.start => last.end = span.end,
        _ if span.is_empty() => {}
        _ => spans.push(span),
    }
}
