//! Evidence per piece: headline strength, the cost of furniture, column widths.

use super::super::lines::Marker;
use super::super::pieces::{Gap, Piece, Shape};

/// Column width of the body text ending at piece `end`: the median over its last pieces.
pub(super) fn column_before(pieces: &[Piece], end: usize) -> Option<u16> {
    median((end.saturating_sub(3)..=end).filter_map(|j| pieces[j].column()))
}

/// Column width of the body text starting at piece `i`: the median over its first pieces,
/// up to the end of that text (a credit, or the next opener or headline).
pub(super) fn column_after(pieces: &[Piece], i: usize) -> Option<u16> {
    let mut widths = Vec::with_capacity(3);
    for (k, piece) in pieces.iter().enumerate().skip(i).take(3) {
        if k > i && (piece.marker.is_some() || piece.headline_shaped()) {
            break;
        }
        widths.extend(piece.column());
        if piece.credit.is_some() {
            break;
        }
    }
    median(widths.into_iter())
}

/// The median of some widths (the lower one of an even count).
fn median(widths: impl Iterator<Item = u16>) -> Option<u16> {
    let mut all: Vec<u16> = widths.collect();
    all.sort_unstable();
    all.get(all.len().saturating_sub(1) / 2).copied()
}

/// Share of the usual cost of setting a piece aside when it stands above all the page's text.
pub(super) const PAGE_TOP_ORPHAN: f32 = 0.3;

/// How strongly a headline-shaped piece reads as a headline: the cost of reading it as body
/// when positive, evidence against a headline when negative.
pub(super) fn strength(pieces: &[Piece], i: usize) -> f32 {
    let piece = &pieces[i];
    if piece.vertical {
        return 6.0;
    }
    let mut s: f32 = match piece.shape {
        Shape::Headline => 1.5,
        Shape::Punctuated => 0.5,
        Shape::Body => return 0.0,
    };
    if piece.phrases {
        s += 0.5;
    }
    let body_column = |range: &mut dyn Iterator<Item = usize>| {
        range
            .filter_map(|j| pieces.get(j))
            .filter(|p| !p.headline_shaped())
            .find_map(Piece::column)
    };
    let columns = [
        body_column(&mut (i.saturating_sub(2)..i).rev()),
        body_column(&mut (i + 1..i + 3)),
    ];
    let widest = columns.iter().flatten().copied().max();
    if widest.is_some_and(|c| piece.max_width() > c.saturating_add(2)) {
        s += 1.0;
    }
    // Lines exactly as wide as the text beside them (a paragraph's first line two characters
    // short, for its indent) are that text, cut by a column break.
    let body_width = |w: u16, c: u16| w.abs_diff(c) <= 1 || w.abs_diff(c.saturating_sub(4)) <= 1;
    let last_line = piece.widths.len().saturating_sub(1);
    if columns.iter().flatten().any(|&c| {
        piece
            .widths
            .iter()
            .enumerate()
            .all(|(k, &w)| body_width(w, c) && (k == 0 || w.abs_diff(c) <= 1 || k == last_line))
    }) {
        // Two or more lines that all fit the column are hardly a coincidence.
        s -= if piece.lines.len() > 1 { 3.0 } else { 1.5 };
    }
    if pieces.get(i + 1).is_some_and(|next| {
        next.gap == Gap::default() && next.marker.is_none() && !next.headline_shaped()
    }) {
        // No blank line between it and the text under it.
        s -= 1.0;
    }
    if let Some(prev) = i.checked_sub(1).and_then(|j| pieces.get(j))
        && !prev.headline_shaped()
        && !prev.ends_sentence
        && prev.credit.is_none()
        && piece.gap.signature.is_none()
        && !piece.gap.furniture
    {
        s -= 2.0;
    }
    s
}

/// Whether piece `i` stands next to a brief (`●` item): before one, or after one's text.
pub(super) fn next_to_brief(pieces: &[Piece], i: usize) -> bool {
    if pieces
        .get(i + 1)
        .is_some_and(|p| p.marker == Some(Marker::Bullet))
    {
        return true;
    }
    pieces[..i]
        .iter()
        .rev()
        .take_while(|p| !p.headline_shaped())
        .find_map(|p| p.marker)
        == Some(Marker::Bullet)
}

/// Cost of setting a headline-shaped piece aside as furniture: more for longer text.
pub(super) fn orphan_cost(piece: &Piece) -> f32 {
    let len = piece.visible_len();
    if len <= 2 {
        return 0.4;
    }
    0.6 + 0.05 * len.min(30) as f32
}

/// How plausible pieces are as one headline block (kicker, title, subtitle).
pub(super) fn group_shape(pieces: &[Piece]) -> f32 {
    let mut score = 0.0;
    // The columns of one vertical headline count as one part.
    let n = pieces.len()
        - pieces
            .windows(2)
            .filter(|w| w[0].vertical && w[1].vertical)
            .count();
    score -= 0.4 * n.saturating_sub(1) as f32;
    score -= 2.0 * n.saturating_sub(3) as f32;
    let lines: usize = pieces.iter().map(|p| p.lines.len()).sum();
    if lines > 6 {
        score -= 2.0;
    }
    if pieces.iter().any(|p| p.visible_len() <= 2) {
        score -= 1.5;
    }
    if n > 1 && pieces.iter().any(|p| !p.vertical && p.visible_len() <= 4) {
        // A kicker or subtitle of a word or two is rare; a label or a stray word is not.
        score -= 0.8;
    }
    score
}
