//! The pieces, the furniture and the layout of a page, and the measures of one piece.

use std::sync::Arc;

use super::super::chars::{ends_sentence, is_space, visible_len};
use super::super::header::HeaderPart;
use super::super::lines::Marker;
use super::openers::{opens_mid_sentence, opens_with_time, refers_back};
use super::shape::{credit_of, credit_remainder_is_empty, has_phrase_space, ink_width, shape_of};

/// How a piece's last line is closed by a credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credit {
    /// A byline in parentheses (`（孟轩）`).
    Byline,
    /// A photographer (`廉 玮 摄`).
    Photo,
}

/// How much a piece looks like a headline, as far as its own lines tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Short lines without sentence punctuation.
    Headline,
    /// Short lines with a comma or two and no sentence end (`稳就业，促发展`).
    Punctuated,
    /// Anything else.
    Body,
}

/// What separates a piece from the piece before it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gap {
    /// Blank lines in between.
    pub blanks: u16,
    /// Page furniture in between (header, column label, decoration).
    pub furniture: bool,
    /// A commentary signature in between (`□高 亢`): it closes the story before it.
    pub signature: Option<String>,
}

/// One run of text lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The trimmed lines.
    pub lines: Vec<String>,
    /// Width of each line in display cells, layout spaces left out.
    pub widths: Vec<u16>,
    /// The story opener on its first line, if any.
    pub marker: Option<Marker>,
    /// Whether it is a vertical headline folded into one line.
    pub vertical: bool,
    /// The credit closing its last line, if any.
    pub credit: Option<Credit>,
    /// Whether the piece is nothing but a credit.
    pub credit_only: bool,
    /// What stands between the previous piece and this one.
    pub gap: Gap,
    /// Whether its first line was printed on one line with the previous piece's last line.
    pub glued: bool,
    /// How much it looks like a headline on its own.
    pub shape: Shape,
    /// Whether a line holds two phrases separated by a space (`立足岗位 学以致用`).
    pub phrases: bool,
    /// Whether its last line ends a sentence.
    pub ends_sentence: bool,
    /// Whether its first line opens with a date or a time word (`3月27日`, `近日`).
    pub starts_lead: bool,
    /// Whether its first line refers back to text before it (`据了解`, `该局`, `他说`): a
    /// story does not open that way.
    pub starts_anaphoric: bool,
    /// Whether its first line can only continue a sentence: it opens with punctuation (`（工）委`,
    /// `、`) or a particle (`的`, `了`).
    pub starts_mid_sentence: bool,
    /// The width its text was wrapped at (see [`Piece::column`]).
    column: Option<u16>,
}

impl Piece {
    pub(super) fn new(
        lines: Vec<String>,
        widths: Vec<u16>,
        marker: Option<Marker>,
        vertical: bool,
        gap: Gap,
    ) -> Self {
        let after_sentence_before_last = lines
            .len()
            .checked_sub(2)
            .is_none_or(|i| ends_sentence(&lines[i]));
        // A credit wrapped over the last two lines ends the last one with `摄` or `）`.
        let wrapped_credit = lines
            .last()
            .is_some_and(|l| l.trim_end_matches(is_space).ends_with(['摄', '）', ')']));
        let last_two = lines
            .len()
            .checked_sub(2)
            .filter(|_| wrapped_credit && (marker.is_none() || lines.len() > 2))
            .map(|i| lines[i..].concat());
        let credit = lines
            .last()
            .and_then(|last| credit_of(last, after_sentence_before_last))
            .or_else(|| {
                // `本报记者 刘金` / `元 摄`: a credit wrapped over the last two lines.
                let joined = last_two.as_deref()?;
                let before_joined = lines
                    .len()
                    .checked_sub(3)
                    .is_none_or(|i| ends_sentence(&lines[i]));
                credit_of(joined, before_joined)
            });
        let credit_only = credit.is_some()
            && lines.len() <= 2
            && marker.is_none()
            && [lines.last().cloned(), last_two]
                .iter()
                .flatten()
                .any(|l| credit_remainder_is_empty(l));
        let ends_sentence = lines.last().is_some_and(|l| ends_sentence(l));
        let shape = if vertical {
            Shape::Headline
        } else if marker.is_some() || credit.is_some() || ends_sentence {
            Shape::Body
        } else {
            shape_of(&lines)
        };
        let phrases = shape != Shape::Body && lines.iter().any(|l| has_phrase_space(l));
        let starts_lead = lines.first().is_some_and(|l| opens_with_time(l));
        let starts_anaphoric = lines.first().is_some_and(|l| refers_back(l));
        let starts_mid_sentence =
            marker.is_none() && lines.first().is_some_and(|l| opens_mid_sentence(l));
        let mut piece = Piece {
            lines,
            widths,
            marker,
            vertical,
            credit,
            credit_only,
            gap,
            glued: false,
            shape,
            phrases,
            ends_sentence,
            starts_lead,
            starts_anaphoric,
            starts_mid_sentence,
            column: None,
        };
        piece.column = piece.measure_column();
        piece
    }

    /// Whether the piece could be a headline or a part of one.
    pub fn headline_shaped(&self) -> bool {
        self.shape != Shape::Body
    }

    /// Number of characters that are not white space.
    pub fn visible_len(&self) -> usize {
        self.lines.iter().map(|l| visible_len(l)).sum()
    }

    /// A piece of one line.
    pub(super) fn single(line: String, vertical: bool, gap: Gap) -> Self {
        let width = ink_width(&line);
        Piece::new(vec![line], vec![width], None, vertical, gap)
    }

    /// The width the piece's text was wrapped at: the median width of its lines that do not
    /// end a paragraph, when it has any and the piece is body-shaped.
    pub fn column(&self) -> Option<u16> {
        self.column
    }

    fn measure_column(&self) -> Option<u16> {
        if self.shape != Shape::Body {
            return None;
        }
        let credit_line = self.credit.map(|_| self.lines.len() - 1);
        // The widths of up to 32 lines, without allocating.
        let mut full = [0u16; 32];
        let mut n = 0;
        for (i, (line, &w)) in self.lines.iter().zip(&self.widths).enumerate() {
            if n == full.len() {
                break;
            }
            if Some(i) != credit_line && !ends_sentence(line) {
                full[n] = w;
                n += 1;
            }
        }
        let full = &mut full[..n];
        full.sort_unstable();
        full.get(n / 2).copied()
    }

    /// The widest line.
    pub fn max_width(&self) -> u16 {
        self.widths.iter().copied().max().unwrap_or(0)
    }
}

/// What a furniture item is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FurnitureKind {
    /// A page-header line with its metadata.
    Header(HeaderPart),
    /// A spaced-out column label (`政 务 简 报`).
    Label,
    /// Decoration left by the extraction.
    Junk,
    /// A commentary signature; it also closes the story before it (see [`Gap::signature`]).
    Signature,
}

/// A line of page furniture and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Furniture {
    /// Index of the piece it precedes (the number of pieces when it ends the page).
    pub before: usize,
    /// What it is.
    pub kind: FurnitureKind,
    /// The line as printed.
    pub text: Arc<str>,
}

/// A page as pieces and furniture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The text pieces in page order.
    pub pieces: Vec<Piece>,
    /// The furniture in page order.
    pub furniture: Vec<Furniture>,
    /// What follows the last piece (blank lines, furniture, a signature).
    pub end_gap: Gap,
}
