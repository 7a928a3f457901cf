//! Classified lines → pieces: the runs of text lines that the page model labels as a whole,
//! with the layout features it scores them by.
//!
//! A piece is a run of text lines with no blank line inside. Runs are cut where the page
//! itself says something ends or begins: before a story's opening line (`本报讯`, `●`, an
//! arrow), after a line closed by a credit, around a vertical headline, and where one or two
//! headline-shaped lines touch body lines of a visibly different width (a headline printed
//! right above or below its text, without a blank line). Page furniture (headers, column
//! labels, decoration, signatures) is set apart with the piece it precedes, so that nothing
//! of the page is lost.
//!
//! Widths are measured in display cells without layout spaces (`方 向 ， 合 理` is as wide
//! as `方向，合理`), so that a justified line compares with its column.

use std::sync::Arc;

use super::byline::{split_photo_credit, split_trailing_credit};
use super::chars::{
    ends_sentence, find_space, is_body_punct, is_cjk_punct, is_han, is_space, strip_spaced_prefix,
    strip_spaces, visible_len,
};
use super::header::HeaderPart;
use super::lines::{Line, LineKind, Marker};

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
    fn new(
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
    fn single(line: String, vertical: bool, gap: Gap) -> Self {
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

/// Most lines a headline block (kicker, title, subtitle) takes.
const MAX_HEADLINE_LINES: usize = 4;
/// Longest headline line, in characters.
const MAX_HEADLINE_LINE: usize = 40;
/// Longest headline line that holds a comma.
const MAX_PUNCTUATED_LINE: usize = 24;
/// Most commas in a headline.
const MAX_HEADLINE_COMMAS: usize = 2;
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

/// Most characters in a column label (`政务简报`).
const MAX_LABEL: usize = 6;

/// Words that end the name of a newspaper column (`政务简报`, `百字新闻`, `基层快讯`).
const COLUMN_WORDS: &[&str] = &[
    "简报", "新闻", "快讯", "动态", "速递", "短波", "一览", "集锦", "播报", "简讯", "传真", "纵横",
];

/// Whether a line could be a column label: a short phrase naming a column.
pub fn label_like(line: &str) -> bool {
    if visible_len(line) > MAX_LABEL {
        return false;
    }
    let compact = strip_spaces(line);
    (2..=MAX_LABEL).contains(&compact.chars().count())
        && compact.chars().all(is_han)
        && COLUMN_WORDS.iter().any(|w| compact.ends_with(w))
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

/// The credit closing `line`, if any (`after_sentence`: the text before it ended a sentence).
fn credit_of(line: &str, after_sentence: bool) -> Option<Credit> {
    if !line.trim_end_matches(is_space).ends_with(['）', ')', '摄']) {
        return None;
    }
    if split_trailing_credit(line, after_sentence).is_some() {
        Some(Credit::Byline)
    } else if split_photo_credit(line).is_some() {
        Some(Credit::Photo)
    } else {
        None
    }
}

/// Whether nothing but the credit is on the line.
fn credit_remainder_is_empty(line: &str) -> bool {
    split_trailing_credit(line, true)
        .map(|(before, _)| before)
        .or_else(|| split_photo_credit(line).map(|(before, _)| before))
        .is_some_and(|before| before.trim_matches(is_space).is_empty())
}

/// Whether one line may belong to a headline (`first`: it opens the headline).
fn headline_line(line: &str, first: bool) -> bool {
    // Cheap tests first: this runs on the edges of every run of lines.
    let sentence = line.contains(['。', '；', ';']);
    let lead_in = line.ends_with(['：', ':']);
    let bracketed = first && line.starts_with(['（', '(']);
    !(sentence || lead_in || bracketed)
        && (line.len() <= MAX_HEADLINE_LINE || visible_len(line) <= MAX_HEADLINE_LINE)
        && line.chars().any(is_han)
}

/// `实 现 “25311” 远 景 目`: a line spread out character by character to fill its column,
/// which body text is and a headline is not.
fn spread_out(line: &str) -> bool {
    if find_space(line).is_none() {
        return false;
    }
    let tokens: Vec<&str> = line.split(is_space).filter(|t| !t.is_empty()).collect();
    let single = tokens.iter().filter(|t| t.chars().count() == 1).count();
    tokens.len() >= 4 && single * 4 >= tokens.len() * 3
}

/// How much lines look like a headline.
fn shape_of(lines: &[String]) -> Shape {
    let short = (1..=MAX_HEADLINE_LINES).contains(&lines.len())
        && lines
            .iter()
            .enumerate()
            .all(|(i, line)| headline_line(line, i == 0));
    if !short || lines.iter().any(|l| spread_out(l)) {
        return Shape::Body;
    }
    if !lines.iter().any(|l| l.chars().any(is_body_punct)) {
        let continues = lines
            .first()
            .is_some_and(|l| starts_with_any(l, BACK_REFERENCES, BACK_REFERENCE_FIRSTS));
        return if continues {
            Shape::Body
        } else {
            Shape::Headline
        };
    }
    // A headline with a comma is a line or two, never opens like a story (`3月24日，`) or
    // like a sentence that continues one (`会议强调，`), and never reports speech (`某某
    // 要求，…`: a headline quotes with a colon).
    if lines.len() > 2
        || lines
            .first()
            .is_some_and(|l| opens_with_time(l) || refers_back(l))
        || lines.iter().any(|l| reports_speech(l))
    {
        return Shape::Body;
    }
    let punctuated = lines.iter().all(|line| {
        let commas = line
            .chars()
            .filter(|&c| matches!(c, '，' | '、' | ','))
            .count();
        visible_len(line) <= MAX_PUNCTUATED_LINE
            && commas <= MAX_HEADLINE_COMMAS
            && !line
                .chars()
                .last()
                .is_some_and(|c| is_body_punct(c) || matches!(c, '！' | '？'))
    });
    if punctuated {
        Shape::Punctuated
    } else {
        Shape::Body
    }
}

/// `立足岗位 学以致用`: two phrases of two or more Han characters separated by a space.
fn has_phrase_space(line: &str) -> bool {
    if find_space(line).is_none() {
        return false;
    }
    let tokens: Vec<&str> = line.split(is_space).filter(|t| !t.is_empty()).collect();
    tokens.len() >= 2
        && tokens.len() <= 3
        && tokens
            .iter()
            .all(|t| t.chars().count() >= 2 && t.chars().all(is_han))
}

/// Width of a line in display cells as it was typeset: justification spaces left out
/// (`方 向 ， 合 理` is as wide as `方向，合理`), a space set around a number or a Latin word
/// (`在 2022 年`) counted as the half cell it takes in print.
pub fn ink_width(line: &str) -> u16 {
    let bytes = line.as_bytes();
    let mut width = 0usize;
    let mut number_spaces = 0usize;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (len, columns) = match lead {
            b' ' | b'\t' => {
                let alnum = |i: Option<usize>| {
                    i.and_then(|i| bytes.get(i))
                        .is_some_and(u8::is_ascii_alphanumeric)
                };
                if lead == b' ' && (alnum(at.checked_sub(1)) || alnum(Some(at + 1))) {
                    number_spaces += 1;
                }
                (1, 0)
            }
            b'!'..=b'~' => (1, 1),
            0x00..=0x7F => (1, 0),
            0xE5..=0xE9 => (3, 2),
            _ => match (lead, bytes.get(at + 1), bytes.get(at + 2)) {
                (0xE4, Some(0xB8..=0xBF), _) => (3, 2),
                // U+3000: the ideographic space.
                (0xE3, Some(0x80), Some(0x80)) => (3, 0),
                (0xE3, Some(0x80), Some(0x81..=0xA9)) => (3, 2),
                (0xEF, Some(0xBC), Some(0x81..=0xBF)) | (0xEF, Some(0xBD), Some(0x80..=0xA0)) => {
                    (3, 2)
                }
                (0xE2, Some(0x80), Some(0x94 | 0x98 | 0x99 | 0x9C | 0x9D | 0xA6)) => (3, 1),
                _ => {
                    let c = line.get(at..).and_then(|rest| rest.chars().next());
                    let len = c.map_or(1, char::len_utf8);
                    let columns = c.filter(|&c| !is_space(c)).map_or(0, |c| {
                        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
                    });
                    (len, columns)
                }
            },
        };
        width += columns;
        at += len;
    }
    u16::try_from(width + number_spaces / 2).unwrap_or(u16::MAX)
}

/// Whether `line` starts with one of `words`, layout spaces allowed between characters.
fn starts_with_any(line: &str, words: &[&str], first_chars: &[char]) -> bool {
    let Some(first) = line.trim_start_matches(is_space).chars().next() else {
        return false;
    };
    // Most lines open with a character no word of the list opens with.
    first_chars.contains(&first)
        && words
            .iter()
            .any(|w| w.starts_with(first) && strip_spaced_prefix(line, w).is_some())
}

/// Words that open a sentence by referring to what came before (`据了解`, `会上`, `此外`):
/// they continue a story, never open one.
const BACK_REFERENCES: &[&str] = &[
    "据了解",
    "据悉",
    "据介绍",
    "此外",
    "另外",
    "同时",
    "随后",
    "其中",
    "对此",
    "为此",
    "会上",
    "会后",
    "会议指出",
    "会议强调",
    "会议要求",
    "会议认为",
    "他说",
    "她说",
    "他指出",
    "她指出",
    "他强调",
    "她强调",
    "他表示",
    "她表示",
];
/// First characters of [`BACK_REFERENCES`].
const BACK_REFERENCE_FIRSTS: &[char] = &[
    '据', '此', '另', '同', '随', '其', '对', '为', '会', '他', '她',
];
/// Characters that, followed by a place or an office, refer back to one named before (`该局`).
const DEMONSTRATIVES: &[char] = &['该', '此', '这'];

/// Whether a line opens by referring back to what came before it.
fn refers_back(line: &str) -> bool {
    starts_with_any(line, BACK_REFERENCES, BACK_REFERENCE_FIRSTS)
        || line
            .trim_start_matches(is_space)
            .starts_with(DEMONSTRATIVES)
}

/// Verbs that introduce reported speech; followed by a comma they open a quotation in
/// running text.
const SPEECH_VERBS: &[&str] = &[
    "说", "表示", "指出", "强调", "要求", "认为", "介绍", "提出", "希望", "称", "坦言",
];

/// `某某要求，…`: a line with a verb of saying followed by a comma.
fn reports_speech(line: &str) -> bool {
    line.match_indices('，').any(|(at, _)| {
        line.get(..at)
            .is_some_and(|before| SPEECH_VERBS.iter().any(|v| before.trim_end().ends_with(v)))
    })
}

/// Particles that never open a sentence.
const NEVER_FIRST: &[char] = &['的', '了', '着', '地', '得', '之', '们'];

/// Whether a line opens in the middle of a sentence: with punctuation or a particle.
fn opens_mid_sentence(line: &str) -> bool {
    line.trim_start_matches(is_space)
        .chars()
        .next()
        .is_some_and(|c| {
            NEVER_FIRST.contains(&c)
                || is_cjk_punct(c) && !matches!(c, '“' | '‘' | '《' | '「' | '『' | '【')
        })
}

/// Time words that open a story's first sentence.
const LEAD_WORDS: &[&str] = &[
    "近日",
    "日前",
    "连日来",
    "近期",
    "近年来",
    "今年以来",
    "去年以来",
];

/// First characters of [`LEAD_WORDS`].
const LEAD_WORD_FIRSTS: &[char] = &['近', '日', '连', '今', '去'];

/// Whether a line opens with a date (`3月27日`, `2022年`) or a time word (`近日`).
fn opens_with_time(line: &str) -> bool {
    let mut chars = line.chars().filter(|&c| !is_space(c));
    let mut digits = 0;
    let unit = loop {
        match chars.next() {
            Some(c) if c.is_ascii_digit() && digits < 4 => digits += 1,
            other => break other,
        }
    };
    ((1..=2).contains(&digits) && unit == Some('月'))
        || (digits == 4 && unit == Some('年'))
        || starts_with_any(line, LEAD_WORDS, LEAD_WORD_FIRSTS)
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn pieces(text: &str) -> Vec<Piece> {
        layout(split_lines(text)).pieces
    }

    fn texts(text: &str) -> Vec<String> {
        pieces(text).iter().map(|p| p.lines.concat()).collect()
    }

    #[test]
    fn runs_are_cut_at_openers_credits_and_blanks() {
        let t = texts("正文一。\n（孟轩）\n正文二，\n继续。\n\n标题\n本报讯 正文三。\n");
        assert_eq!(
            t,
            [
                "正文一。（孟轩）",
                "正文二，继续。",
                "标题",
                "本报讯 正文三。"
            ]
        );
    }

    #[test]
    fn headline_touching_its_body_is_cut_off() {
        let p = pieces(
            "前文结束。\n\n某县召开会议\n3月2日，某县召开会议，研\n究部署各项重点工作任务，推\n动工作落实见到成效。\n",
        );
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].lines, ["某县召开会议"]);
        assert_eq!(p[1].shape, Shape::Headline);
        assert!(p[2].starts_lead);
    }

    #[test]
    fn full_width_first_line_stays_with_its_paragraph() {
        let p = pieces(
            "前文结束。\n\n会议传达学习了习近平总书\n记重要讲话精神，研究部署各\n项重点工作任务，推动落实。\n",
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].lines.len(), 3);
    }

    #[test]
    fn headline_under_its_body_is_cut_off() {
        let p = pieces(
            "本报讯 3月2日，某县召开会议，研\n究部署各项重点工作任务，推\n动工作落实见到成效。\n某县召开会议\n",
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].lines, ["某县召开会议"]);
    }

    #[test]
    fn furniture_is_kept_with_its_place() {
        let layout = layout(split_lines(
            "正文一。\n\nJIAOZUO DAILY\n工工业业\n\n正文二。\n□高 亢\n",
        ));
        let kinds: Vec<(usize, bool)> = layout
            .furniture
            .iter()
            .map(|f| (f.before, f.kind == FurnitureKind::Signature))
            .collect();
        assert_eq!(kinds, [(1, false), (1, false), (2, true)]);
        assert!(layout.pieces[1].gap.furniture);
    }

    #[test]
    fn credits_are_told_apart() {
        let p = pieces("图为现场。\n\n廉 玮 摄\n\n正文。 （孟轩）\n");
        assert_eq!(p[1].credit, Some(Credit::Photo));
        assert!(p[1].credit_only);
        assert_eq!(p[2].credit, Some(Credit::Byline));
        assert!(!p[2].credit_only);
    }

    #[test]
    fn widths_leave_layout_spaces_out() {
        assert_eq!(ink_width("方 向 ， 合 理"), ink_width("方向，合理"));
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_of(&["稳就业，促发展".to_owned()]), Shape::Punctuated);
        assert_eq!(
            shape_of(&[
                "温县2022年度党委".to_owned(),
                "（党组）书记抓基层党建".to_owned()
            ]),
            Shape::Headline
        );
        assert_eq!(
            shape_of(&["会议强调，要压实责任，确保，".to_owned()]),
            Shape::Body
        );
        assert_eq!(
            shape_of(&["张三要求，各乡镇要".to_owned(), "切实增强责任感".to_owned()]),
            Shape::Body
        );
        assert!(has_phrase_space("立足岗位 学以致用"));
        assert!(!has_phrase_space("方 向 合 理"));
    }
}
