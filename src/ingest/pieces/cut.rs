//! Cutting classified lines into pieces at blanks, openers, credits and edge headlines.

use super::super::chars::{ends_sentence, is_body_punct, is_han};
use super::super::lines::{Line, LineKind, Marker};
use super::piece::{Furniture, FurnitureKind, Gap, Layout, Piece};
use super::shape::{MAX_HEADLINE_LINES, credit_of, headline_line, ink_width, label_like};

/// Cells beyond the column width that a body line may take (hanging punctuation).
const BODY_OVERHANG: u16 = 2;
/// Cells short of the column width that a body line may take: a paragraph's first line is
/// indented by two characters, and a justified line may hold one less.
const BODY_SHORTFALL: u16 = 7;

/// Cut a page's classified lines into pieces and furniture.
pub fn layout(lines: Vec<Line>) -> Layout {
    let mut out = Layout::default();
    let mut open: Option<Open> = None;
    let mut gap = Gap::default();
    for line in lines {
        match line.kind {
            LineKind::Blank => {
                flush(&mut open, &mut out);
                gap.blanks = gap.blanks.saturating_add(1);
            }
            LineKind::Start(marker) => {
                if marker == Marker::Bullet {
                    split_off_label(&mut open, &mut out);
                }
                flush(&mut open, &mut out);
                let glued = line.glued;
                open = Some(Open::new(line.text, Some(marker), std::mem::take(&mut gap)));
                if let Some(o) = open.as_mut() {
                    o.glued = glued;
                }
            }
            LineKind::Text if line.vertical => {
                flush(&mut open, &mut out);
                let piece = Piece::single(line.text, true, std::mem::take(&mut gap));
                out.pieces.push(piece);
            }
            LineKind::Text if is_lone_character(&line.text) => {
                // A character on a line of its own is decoration or a stray wrap: the model
                // decides, apart from the lines around it.
                flush(&mut open, &mut out);
                let piece = Piece::single(line.text, false, std::mem::take(&mut gap));
                out.pieces.push(piece);
            }
            LineKind::Text => {
                let closes = {
                    let o = open.get_or_insert_with(|| {
                        Open::new(String::new(), None, std::mem::take(&mut gap))
                    });
                    o.push(line.text)
                };
                if closes {
                    flush(&mut open, &mut out);
                }
            }
            LineKind::Signature => {
                flush(&mut open, &mut out);
                furnish(&mut out, FurnitureKind::Signature, &line.text);
                gap.signature = Some(line.text);
            }
            LineKind::Header(part) => {
                flush(&mut open, &mut out);
                furnish(&mut out, FurnitureKind::Header(part), &line.text);
                gap.furniture = true;
            }
            LineKind::Label => {
                flush(&mut open, &mut out);
                furnish(&mut out, FurnitureKind::Label, &line.text);
                gap.furniture = true;
            }
            LineKind::Junk => {
                flush(&mut open, &mut out);
                furnish(&mut out, FurnitureKind::Junk, &line.text);
                gap.furniture = true;
            }
        }
    }
    flush(&mut open, &mut out);
    out.end_gap = gap;
    out
}

fn furnish(out: &mut Layout, kind: FurnitureKind, text: &str) {
    out.furniture.push(Furniture {
        before: out.pieces.len(),
        kind,
        text: text.into(),
    });
}

/// A run of lines being collected.
struct Open {
    lines: Vec<String>,
    marker: Option<Marker>,
    gap: Gap,
    glued: bool,
}

impl Open {
    fn new(first: String, marker: Option<Marker>, gap: Gap) -> Self {
        Open {
            lines: if first.is_empty() {
                Vec::new()
            } else {
                vec![first]
            },
            marker,
            gap,
            glued: false,
        }
    }

    /// Add a line; true when a credit closes the run with it.
    fn push(&mut self, text: String) -> bool {
        let after_sentence = self.lines.last().is_none_or(|l| ends_sentence(l));
        let credit = credit_of(&text, after_sentence).is_some();
        self.lines.push(text);
        credit
    }
}

/// Whether a line is one Han character.
fn is_lone_character(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(is_han) && chars.next().is_none()
}

/// A label printed right above a brief (`百字新闻` / `●…`) without a blank line: its own piece.
fn split_off_label(open: &mut Option<Open>, out: &mut Layout) {
    let Some(run) = open.as_mut() else { return };
    if run.marker.is_some()
        || run.lines.len() < 2
        || !run.lines.last().is_some_and(|l| label_like(l))
    {
        return;
    }
    let Some(label) = run.lines.pop() else { return };
    flush(open, out);
    out.pieces.push(Piece::single(label, false, Gap::default()));
}

/// Turn the open run into pieces, cutting off headline lines that touch body lines.
fn flush(open: &mut Option<Open>, out: &mut Layout) {
    let Some(mut run) = open.take() else { return };
    if run.lines.is_empty() {
        return;
    }
    if run.marker.is_none()
        && run.lines.len() >= 2
        && run.gap.blanks == 0
        && label_like(&run.lines[0])
        && after_brief(&out.pieces)
    {
        // A label printed right under the briefs it names, without a blank line.
        let label = run.lines.remove(0);
        out.pieces
            .push(Piece::single(label, false, std::mem::take(&mut run.gap)));
    }
    let context_allows_head = out
        .pieces
        .last()
        .is_none_or(|p| p.ends_sentence || p.credit.is_some() || p.headline_shaped())
        || run.gap.furniture;
    let mut widths: Vec<u16> = run.lines.iter().map(|l| ink_width(l)).collect();
    // A headline may touch the end of any text, but the start only of text without an opener.
    let (head, body, _) = edge_headlines(
        &run.lines,
        &widths,
        context_allows_head && run.marker.is_none(),
    );
    let mut lines = run.lines;
    let tail_lines = lines.split_off(body);
    let tail_widths = widths.split_off(body);
    let body_lines = lines.split_off(head);
    let body_widths = widths.split_off(head);
    let mut gap = run.gap;
    let mut first = true;
    for (part, part_widths, marker) in [
        (lines, widths, None),
        (body_lines, body_widths, run.marker),
        (tail_lines, tail_widths, None),
    ] {
        if part.is_empty() {
            continue;
        }
        let mut piece = Piece::new(part, part_widths, marker, false, std::mem::take(&mut gap));
        piece.glued = first && run.glued;
        first = false;
        out.pieces.push(piece);
    }
}

/// Whether the last story text before the end of `pieces` is a brief (`●` item).
fn after_brief(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .rev()
        .take_while(|p| !p.headline_shaped())
        .find_map(|p| p.marker)
        == Some(Marker::Bullet)
}

/// Lines at the start and at the end of a run that form a headline printed without a blank
/// line against body text: `(head lines, end of body, tail lines)`.
fn edge_headlines(
    lines: &[String],
    widths: &[u16],
    context_allows_head: bool,
) -> (usize, usize, usize) {
    let n = lines.len();
    if n < 3 {
        return (0, n, 0);
    }
    let plain = |l: &String| !l.chars().any(is_body_punct) && headline_line(l, true);
    let column_of = |range: std::ops::Range<usize>| -> Option<u16> {
        let mut w: Vec<u16> = range
            .filter(|&i| !ends_sentence(&lines[i]))
            .map(|i| widths[i])
            .collect();
        w.sort_unstable();
        w.get(w.len() / 2).copied()
    };
    let apart = |w: u16, column: u16| w > column + BODY_OVERHANG || w + BODY_SHORTFALL < column;
    let body_like = |range: std::ops::Range<usize>| {
        let len = range.len();
        len > MAX_HEADLINE_LINES || range.clone().any(|i| lines[i].chars().any(is_body_punct))
    };
    let mut head = 0;
    if context_allows_head {
        for k in (1..=2).rev() {
            if n - k < 2 || !(0..k).all(|i| plain(&lines[i])) || !body_like(k..n) {
                continue;
            }
            if let Some(column) = column_of(k..n)
                && (0..k).all(|i| apart(widths[i], column))
            {
                head = k;
                break;
            }
        }
    }
    let mut tail = 0;
    for k in (1..=2).rev() {
        if n - k < head + 2 || !(n - k..n).all(|i| plain(&lines[i])) {
            continue;
        }
        if !ends_sentence(&lines[n - k - 1]) || !body_like(head..n - k) {
            continue;
        }
        if let Some(column) = column_of(head..n - k)
            && (n - k..n).all(|i| apart(widths[i], column))
        {
            tail = k;
            break;
        }
    }
    (head, n - tail, tail)
}
