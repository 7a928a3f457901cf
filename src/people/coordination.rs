//! Coordination: the conjuncts of a likely name (`甲、乙和丙`) are names on less evidence.
//!
//! Conjuncts joined by `、`, `和`, `与`, `及` or `／` are of one kind. A reading that the model
//! finds too unlikely to be a name alone is still one when a connector joins it to a likely
//! name and it stands whole between its neighbours.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use super::PersonExtractor;
use super::chinese::{Source, Span};
use super::cues::CueScratch;
use super::decode::{MAX_SPAN, likeliest_first};
use super::model::{FULL, Features, Kind, probability};
use super::stats::{Row, RowMarks};
use super::text::is_han;

/// The readings of one segment that a coordination may make names, and the buffers of the
/// pass, reused across segments.
#[derive(Default)]
pub(super) struct Conjuncts {
    /// Probability and span index of the whole readings below [`super::decode::ACCEPT`].
    offered: Vec<(f32, usize)>,
    /// The likely names that win their overlaps, and the conjuncts joined to them: start
    /// to end.
    anchors: BTreeMap<usize, usize>,
    /// Where a conjunct of a likely name would start (`true`) or end, across a connector.
    edges: Vec<(usize, bool)>,
    /// Candidates at those places that the cheap stage passed over.
    extra: Vec<Span>,
    /// The rows such candidates may start at, as ranges, ascending and apart.
    ranges: Vec<(usize, usize)>,
    /// The span and kind of every candidate measured, sorted.
    made: Vec<(usize, usize, bool)>,
    /// Start and end of the readings offered, with their index, sorted.
    by_start: Vec<(usize, usize)>,
    by_end: Vec<(usize, usize)>,
    /// The readings next to a name, likeliest to be taken first.
    queue: BinaryHeap<Queued>,
}

impl Conjuncts {
    /// Forgets the readings of the last segment.
    pub(super) fn clear(&mut self) {
        self.offered.clear();
    }

    /// Keeps the span `k`, of probability `p` below [`super::decode::ACCEPT`], if a
    /// coordination may make it a name.
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
    /// The rows where candidates may be anchored.
    pub(super) marks: &'a RowMarks,
    /// Its candidates; the readings measured here are added.
    pub(super) spans: &'a mut Vec<Span>,
}

/// Probability a clean reading needs to be a name when it stands in a coordination with a
/// likely name (`甲、乙和丙`): the conjuncts of a coordination are of one kind.
const CONJUNCT_ACCEPT: f32 = 0.1;

/// Least transliteration statistic of every character of a transliterated conjunct.
const CONJUNCT_TRANSLIT_MIN: f32 = -1.0;

/// True when a reading stands whole between its neighbours, as a conjunct must: it is clean
/// ([`Features::clean`]), the character before it does not read as a transliteration either
/// (`奥利|塞赫`), and a transliterated reading has no character that reads as none
/// (`某某两名`).
fn whole_conjunct(f: &Features) -> bool {
    f.clean() && f.tr_prev <= 0.0 && (f.kind != Kind::Translit || f.tr_min >= CONJUNCT_TRANSLIT_MIN)
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

/// True when `start..end` overlaps one of `taken` (start to end, none overlapping).
fn overlaps(taken: &BTreeMap<usize, usize>, start: usize, end: usize) -> bool {
    taken
        .range(..end)
        .next_back()
        .is_some_and(|(_, &b)| b > start)
}

/// True when a name of `taken` (start to end, none overlapping) ends at byte `at`.
fn ends_at(taken: &BTreeMap<usize, usize>, at: usize) -> bool {
    taken.range(..at).next_back().is_some_and(|(_, &b)| b == at)
}

/// A candidate's span and kind, to find it among others.
fn key(s: &Span) -> (usize, usize, bool) {
    (s.start, s.end, s.features.kind == Kind::Translit)
}

/// The indices listed at `pos` in `list` (position and index, sorted); none for `None`.
fn placed_at(list: &[(usize, usize)], pos: Option<usize>) -> impl Iterator<Item = usize> + '_ {
    let from = pos.map_or(list.len(), |pos| list.partition_point(|&(x, _)| x < pos));
    list.get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(move |&&(x, _)| Some(x) == pos)
        .map(|&(_, i)| i)
}

/// A queued reading: how many sides it is joined on, its probability's bits (an order for a
/// positive `f32`) and its index, the first offered first.
type Queued = (usize, u32, Reverse<usize>);

/// The readings offered, with their spans, found by where they start and end.
struct Offers<'a> {
    text: &'a str,
    offered: &'a [(f32, usize)],
    spans: &'a [Span],
    /// Start and index into `offered`, sorted.
    by_start: &'a [(usize, usize)],
    /// End and index into `offered`, sorted.
    by_end: &'a [(usize, usize)],
}

impl Offers<'_> {
    /// The probability, span index and span of offered reading `i`.
    fn get(&self, i: usize) -> Option<(f32, usize, &Span)> {
        let &(p, k) = self.offered.get(i)?;
        Some((p, k, self.spans.get(k)?))
    }

    /// On how many sides a connector joins `c` to a name of `taken`.
    fn sides(&self, c: &Span, taken: &BTreeMap<usize, usize>) -> usize {
        let after = connector_at(self.text, c.end)
            .is_some_and(|w| taken.contains_key(&(c.end + w.len_utf8())));
        let before = connector_before(self.text, c.start)
            .is_some_and(|w| ends_at(taken, c.start - w.len_utf8()));
        usize::from(after) + usize::from(before)
    }

    /// Queues the readings that a connector joins to the name `a..b`, unless a name of
    /// `taken` overlaps them.
    fn next_to(
        &self,
        a: usize,
        b: usize,
        taken: &BTreeMap<usize, usize>,
        queue: &mut BinaryHeap<Queued>,
    ) {
        let after = connector_at(self.text, b).map(|w| b + w.len_utf8());
        let before = connector_before(self.text, a).map(|w| a - w.len_utf8());
        for i in placed_at(self.by_start, after).chain(placed_at(self.by_end, before)) {
            if let Some((p, _, c)) = self.get(i)
                && !overlaps(taken, c.start, c.end)
            {
                queue.push((self.sides(c, taken), p.to_bits(), Reverse(i)));
            }
        }
    }
}

impl PersonExtractor {
    /// Adds to `scored` the readings offered to `scratch` that a connector joins to a likely
    /// name. The likely names are those of `scored` that win their overlaps; the readings
    /// next to them that the cheap stage passed over are measured now, and a reading joined
    /// to one taken this way counts too (`甲、乙和丙`). Every step is a sort, a search or a
    /// queue, so that a list of thousands of names costs little more than its length.
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
            marks,
            spans,
        } = seg;
        let Conjuncts {
            offered,
            anchors,
            edges,
            extra,
            ranges,
            made,
            by_start,
            by_end,
            queue,
        } = scratch;
        // Most segments have no likely name beside a connector: nothing to build.
        let beside_connector = |s: &Span| {
            connector_at(text, s.end).is_some() || connector_before(text, s.start).is_some()
        };
        if !scored
            .iter()
            .filter_map(|&(_, k)| spans.get(k))
            .any(beside_connector)
        {
            return;
        }
        anchors.clear();
        for s in scored.iter().filter_map(|&(_, k)| spans.get(k)) {
            if !overlaps(anchors, s.start, s.end) {
                anchors.insert(s.start, s.end);
            }
        }
        edges.clear();
        for (&a, &b) in anchors.iter() {
            if let Some(c) = connector_at(text, b) {
                edges.push((b + c.len_utf8(), true));
            }
            if let Some(c) = connector_before(text, a) {
                edges.push((a - c.len_utf8(), false));
            }
        }
        // A place where a likely name already stands needs no other reading.
        edges.retain(|&(at, starts)| {
            if starts {
                !anchors.contains_key(&at)
            } else {
                !ends_at(anchors, at)
            }
        });
        if edges.is_empty() {
            return;
        }
        edges.sort_unstable();
        edges.dedup();
        extra.clear();
        // The rows a reading at an edge may start at: the edge itself, or the `MAX_SPAN`
        // bytes before an edge where it ends. Each candidate depends only on where it
        // starts, so the readings made over these rows alone are those at the edges, in
        // the order a pass over the whole segment makes them.
        ranges.clear();
        for &(at, starts) in edges.iter() {
            let from = if starts {
                at
            } else {
                at.saturating_sub(MAX_SPAN)
            };
            let first = rows.partition_point(|r| r.off < from);
            let last = rows.partition_point(|r| if starts { r.off <= at } else { r.off < at });
            if first < last {
                ranges.push((first, last));
            }
        }
        // Overlapping ranges merged, so that no row is visited twice.
        ranges.sort_unstable();
        ranges.dedup_by(|later, earlier| {
            let overlaps = later.0 <= earlier.1;
            if overlaps {
                earlier.1 = earlier.1.max(later.1);
            }
            overlaps
        });
        let src = |starts: (usize, usize)| Source {
            text,
            rows,
            marks,
            cues,
            keep: &[],
            all: true,
            starts,
        };
        for &range in ranges.iter() {
            self.chinese_candidates(src(range), extra);
        }
        for &range in ranges.iter() {
            self.translit_candidates(src(range), extra);
        }
        made.clear();
        made.extend(spans.iter().map(key));
        made.sort_unstable();
        for mut s in extra.drain(..) {
            let at_edge = edges.binary_search(&(s.start, true)).is_ok()
                || edges.binary_search(&(s.end, false)).is_ok();
            if !at_edge || made.binary_search(&key(&s)).is_ok() || cues.crosses(s.start, s.end) {
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
        if offered.is_empty() {
            return;
        }
        // The readings by where they start and end, to find those next to a name.
        by_start.clear();
        by_end.clear();
        for (i, &(_, k)) in offered.iter().enumerate() {
            if let Some(c) = spans.get(k) {
                by_start.push((c.start, i));
                by_end.push((c.end, i));
            }
        }
        by_start.sort_unstable();
        by_end.sort_unstable();
        // The reading joined on both sides (`甲、乙和丙`: 乙 between 甲 and 丙) first, then
        // the likeliest, then the first offered. Each name taken offers its neighbours
        // again, with the sides they are joined on now.
        queue.clear();
        let before = scored.len();
        let offers = Offers {
            text,
            offered,
            spans,
            by_start,
            by_end,
        };
        for (&a, &b) in anchors.iter() {
            offers.next_to(a, b, anchors, queue);
        }
        while let Some((_, _, Reverse(i))) = queue.pop() {
            let Some((p, k, c)) = offers.get(i) else {
                continue;
            };
            if overlaps(anchors, c.start, c.end) {
                continue;
            }
            anchors.insert(c.start, c.end);
            scored.push((p, k));
            offers.next_to(c.start, c.end, anchors, queue);
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
