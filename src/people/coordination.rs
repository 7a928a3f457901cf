//! Coordination: the conjuncts of a likely name (`甲、乙和丙`) are names on less evidence.
//!
//! Conjuncts joined by `、`, `和`, `与`, `及` or `／` are of one kind. A reading that the model
//! finds too unlikely to be a name alone is still one when a connector joins it to a likely
//! name and it stands whole between its neighbours.

use super::PersonExtractor;
use super::chinese::{Source, Span};
use super::cues::CueScratch;
use super::decode::{MAX_SPAN, likeliest_first};
use super::model::{FULL, Features, Kind, probability};
use super::stats::Row;
use super::text::is_han;

/// The readings of one segment that a coordination may make names, and the buffers of the
/// pass, reused across segments.
#[derive(Default)]
pub(super) struct Conjuncts {
    /// Probability and span index of the whole readings below [`super::decode::ACCEPT`].
    offered: Vec<(f32, usize)>,
    /// The likely names that win their overlaps, and the conjuncts joined to them.
    anchors: Vec<(usize, usize)>,
    /// Where a conjunct of a likely name would start (`true`) or end, across a connector.
    edges: Vec<(usize, bool)>,
    /// Candidates at those places that the cheap stage passed over.
    extra: Vec<Span>,
}

impl Conjuncts {
    /// Forgets the readings of the last segment.
    pub(super) fn clear(&mut self) {
        self.offered.clear();
    }

    /// Keeps the span `k`, of probability `p` below [`super::decode::ACCEPT`], if a coordination may make
    /// it a name.
    pub(super) fn offer(&mut self, p: f32, k: usize, f: &Features) {
        if p >= CONJUNCT_ACCEPT && whole_conjunct(f) {
            self.offered.push((p, k));
        }
    }
}

/// What the coordination pass reads of one segment.
pub(super) struct Segment<'a> {
    /// The segment, without whitespace.
    pub(super) text: &'a str,
    /// Its cue words.
    pub(super) cues: &'a CueScratch,
    /// Its characters with their statistics.
    pub(super) rows: &'a [Row],
    /// Its candidates; the readings measured here are added.
    pub(super) spans: &'a mut Vec<Span>,
}

/// Probability a clean reading needs to be a name when it stands in a coordination with a
/// likely name (`甲、乙和丙`): the conjuncts of a coordination are of one kind.
const CONJUNCT_ACCEPT: f32 = 0.1;

/// Least transliteration statistic of every character of a transliterated conjunct.
const CONJUNCT_TRANSLIT_MIN: f32 = -1.0;

/// True when a reading stands whole between its neighbours, as a conjunct must: segmentation
/// cuts through neither edge, no character next to it reads as a transliteration
/// (`奥利|塞赫`), and a transliterated reading has no character that reads as none
/// (`某某两名`).
fn whole_conjunct(f: &Features) -> bool {
    !f.cut_left
        && !f.cut_right
        && f.tr_prev <= 0.0
        && f.tr_next <= 0.0
        && (f.kind != Kind::Translit || f.tr_min >= CONJUNCT_TRANSLIT_MIN)
}

/// Words that join the conjuncts of a coordination.
const CONNECTORS: [char; 5] = ['、', '和', '与', '及', '／'];

/// The connector that ends right before byte `at` of `text`, if one does.
fn connector_before(text: &str, at: usize) -> Option<char> {
    let c = text.get(..at)?.chars().next_back()?;
    CONNECTORS.contains(&c).then_some(c)
}

/// The connector that starts at byte `at` of `text`, if one does.
fn connector_at(text: &str, at: usize) -> Option<char> {
    let c = text.get(at..)?.chars().next()?;
    CONNECTORS.contains(&c).then_some(c)
}

/// Longest list item, in characters, that a conjunct must take whole.
const SHORT_ITEM: usize = 5;

/// True unless the reading `start..end` of `text` is part of a short list item: the ideographs
/// around it up to a connector or any other character, `等` at its end left out.
fn item_read_whole(text: &str, start: usize, end: usize) -> bool {
    let mut from = start;
    while let Some(c) = text.get(..from).and_then(|b| b.chars().next_back())
        && is_han(c)
        && !CONNECTORS.contains(&c)
    {
        from -= c.len_utf8();
    }
    let mut to = end;
    while let Some(c) = text.get(to..).and_then(|a| a.chars().next())
        && is_han(c)
        && !CONNECTORS.contains(&c)
    {
        to += c.len_utf8();
    }
    let item = text.get(from..to).unwrap_or_default();
    let item = item
        .strip_suffix("等人")
        .or_else(|| item.strip_suffix('等'))
        .unwrap_or(item);
    (from, from + item.len()) == (start, end) || item.chars().count() > SHORT_ITEM
}

/// True when a connector joins the spans `a` and `b` of `text`, in either order.
fn joined(text: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    let (left, right) = if a.1 <= b.0 { (a, b) } else { (b, a) };
    connector_at(text, left.1).is_some_and(|c| left.1 + c.len_utf8() == right.0)
}

impl PersonExtractor {
    /// Adds to `scored` the readings offered to `scratch` that a connector joins to a likely
    /// name. The likely names are those of `scored` that win their overlaps; the readings
    /// next to them that the cheap stage passed over are measured now, and a reading joined
    /// to one taken this way counts too (`甲、乙和丙`).
    pub(super) fn coordinate(
        &self,
        seg: Segment,
        scored: &mut Vec<(f32, usize)>,
        scratch: &mut Conjuncts,
    ) {
        let Segment {
            text,
            cues,
            rows,
            spans,
        } = seg;
        let Conjuncts {
            offered,
            anchors,
            edges,
            extra,
        } = scratch;
        anchors.clear();
        for s in scored.iter().filter_map(|&(_, k)| spans.get(k)) {
            if !anchors.iter().any(|&(a, b)| a < s.end && s.start < b) {
                anchors.push((s.start, s.end));
            }
        }
        edges.clear();
        for &(a, b) in anchors.iter() {
            if let Some(c) = connector_at(text, b) {
                edges.push((b + c.len_utf8(), true));
            }
            if let Some(c) = connector_before(text, a) {
                edges.push((a - c.len_utf8(), false));
            }
        }
        // A place where a likely name already stands needs no other reading.
        edges.retain(|&(at, starts)| {
            !anchors
                .iter()
                .any(|&(a, b)| if starts { a == at } else { b == at })
        });
        if edges.is_empty() {
            return;
        }
        extra.clear();
        // A reading that starts at an edge or ends at one starts at most `MAX_SPAN` bytes
        // before it.
        let lo = edges.iter().map(|&(at, _)| at).min().unwrap_or(0);
        let hi = edges.iter().map(|&(at, _)| at).max().unwrap_or(0);
        let src = Source {
            text,
            rows,
            cues,
            keep: &[],
            all: true,
            starts: (
                rows.partition_point(|r| r.off + MAX_SPAN < lo),
                rows.partition_point(|r| r.off <= hi),
            ),
        };
        self.chinese_candidates(src, extra);
        self.translit_candidates(src, extra);
        for mut s in extra.drain(..) {
            let at_edge = edges
                .iter()
                .any(|&(at, starts)| if starts { s.start == at } else { s.end == at });
            let made = spans
                .iter()
                .any(|t| (t.start, t.end, t.features.kind) == (s.start, s.end, s.features.kind));
            if !at_edge || made || cues.crosses(s.start, s.end) {
                continue;
            }
            self.measure_fully(text, &mut s);
            let p = probability(&FULL, &s.features);
            if p >= CONJUNCT_ACCEPT && whole_conjunct(&s.features) {
                offered.push((p, spans.len()));
                spans.push(s);
            }
        }
        // A nationality before a name is no part of it (`某国某某、某某`); a short list item
        // is read whole (`、向某某、`: not 某某); a given name is no name without the surname
        // before it (`区领导于某某、`).
        offered.retain(|&(_, k)| {
            spans.get(k).is_some_and(|c| {
                text.get(c.start..c.end)
                    .is_some_and(|reading| !self.opens_with_place(reading))
                    && item_read_whole(text, c.start, c.end)
                    && !self.surname_cut_off(text, c.start)
            })
        });
        let before = scored.len();
        // The reading joined on both sides (`甲、乙和丙`: 乙 between 甲 and 丙) first, then
        // the likeliest.
        let sides = |c: &Span, anchors: &[(usize, usize)]| {
            if anchors.iter().any(|&(a, b)| a < c.end && c.start < b) {
                return 0;
            }
            anchors
                .iter()
                .filter(|&&a| joined(text, a, (c.start, c.end)))
                .count()
        };
        while let Some((i, _)) = offered
            .iter()
            .enumerate()
            .filter_map(|(i, &(p, k))| Some((i, (sides(spans.get(k)?, anchors), p))))
            .filter(|&(_, (n, _))| n > 0)
            .max_by(|a, b| {
                a.1.0
                    .cmp(&b.1.0)
                    .then(a.1.1.total_cmp(&b.1.1))
                    .then(b.0.cmp(&a.0))
            })
        {
            let (p, k) = offered.remove(i);
            if let Some(c) = spans.get(k) {
                anchors.push((c.start, c.end));
            }
            scored.push((p, k));
        }
        if scored.len() > before {
            likeliest_first(spans, scored);
        }
    }

    /// True when a character that may be a surname stands right before byte `start` of
    /// `text`, other than the end of a connector.
    fn surname_cut_off(&self, text: &str, start: usize) -> bool {
        text.get(..start)
            .and_then(|t| t.chars().next_back())
            .is_some_and(|c| !CONNECTORS.contains(&c) && self.single.contains(&c))
    }
}
