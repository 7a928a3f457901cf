//! The page model: which pieces are body text and which are headlines, where each story starts
//! and ends, and which story each headline belongs to — decided for the whole page at once.
//!
//! A line-by-line cascade lets one odd line split an article or send a headline to the wrong
//! story. Here every reading of the page is scored and the best one is found by dynamic
//! programming over the pieces (a semi-Markov model: a headline is a run of pieces, a story a
//! run of body pieces). A reading is the sum of:
//! - **headline evidence** ([`Strength`]): a headline-shaped piece read as body costs what
//!   its shape, width against the neighbouring columns and context say about it;
//! - **story boundaries**: a story may only end where a sentence or a credit ends; an opener
//!   (`本报讯`, `●`, an arrow) or a credit forces a boundary; elsewhere a boundary costs less
//!   when the column width changes, the next text opens with a date, or furniture stands
//!   between;
//! - **headline attachment**: each story takes at most one headline block, printed before or
//!   after it, scored by the share of the headline's words found in the story's lead and body
//!   ([`Overlap`]): a headline repeats its lead's words. A news story without a headline, and
//!   a headline of nothing, cost something; a caption or a brief with a headline costs more.
//!
//! So a headline between two stories goes where its words are, two headlines around one run of
//! text split it where a story can end, and a short body line that could be a headline stays
//! body when no story wants it. `又讯` opens a further story under the headline of the story
//! before it. Where the best reading wins by a small margin, the stories it concerns carry a
//! [`Doubts`] mark.

pub use crate::model::Doubts;

use super::lines::Marker;
use super::overlap::Overlap;
use super::pieces::{Credit, Gap, Layout, Piece, Shape, label_like};

/// One story as the model reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    /// Indices of its body pieces, in order.
    pub body: Vec<usize>,
    /// Its headline block: an inclusive range of pieces.
    pub headline: Option<(usize, usize)>,
    /// Whether the headline block is printed before the body.
    pub headline_before: bool,
    /// Index of the piece whose gap holds the story's signature (the piece count for the end
    /// of the page).
    pub signature_at: Option<usize>,
    /// Where the model was unsure.
    pub doubts: Doubts,
}

/// The best reading of a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// The stories in body order.
    pub stories: Vec<Story>,
    /// Headline-shaped pieces that belong to no story: banners and labels, kept as furniture.
    pub orphans: Vec<usize>,
}

/// Weight of the headline's share of words found in a story's lead.
const W_LEAD: f32 = 3.0;
/// Weight of the headline's share of words found anywhere in a story's body.
const W_BODY: f32 = 2.0;
/// What attaching any headline to a story is worth before its words are compared.
const ATTACH_BASE: f32 = 0.0;
/// Cost of a news story without a headline.
const NO_HEADLINE: f32 = 1.5;
/// Cost of a headline on a caption or a brief, which carry none.
const HEADLINE_ON_ITEM: f32 = 3.0;
/// Cost of ending a story where nothing on the page says one ends.
const SPLIT_BASE: f32 = 2.5;
/// Cost of a story opening with words that refer back to text before it.
const ANAPHORIC_START: f32 = 1.5;
/// Cost of a story opening in the middle of a sentence (with punctuation or a particle).
const MID_SENTENCE_START: f32 = 3.0;
/// Cost of a story whose text stops in the middle of a sentence.
const UNFINISHED: f32 = 2.5;
/// Headline strength at which reading a piece as a headline costs nothing; weaker pieces
/// pay the difference.
const HEAD_PIVOT: f32 = 1.0;
/// Change of column width (in cells) that says the text is another story's.
const COLUMN_CHANGE: u16 = 3;
/// Cost of cutting between two columns of vertical text, as if they were two headlines.
const VERTICAL_CUT: f32 = 2.0;
/// Most pieces in one headline block (kicker, a title wrapped over a blank, subtitle).
const MAX_GROUP: usize = 4;
/// States kept per position.
const BEAM: usize = 24;
/// States further than this below the best one at a position are dropped: no later evidence
/// is worth that much.
const BEAM_MARGIN: f32 = 8.0;
/// A reading that wins by less than this leaves a doubt.
const DOUBT_MARGIN: f32 = 0.75;

type Group = (u32, u32);

/// The story being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Open {
    /// First body piece.
    start: u32,
    /// Last body piece so far.
    end: u32,
    /// Headline printed before the body.
    before: Option<Group>,
    /// Headline printed after the body: the story takes no more text.
    after: Option<Group>,
    /// A credit closed the body: no more body text, a headline may still follow.
    closed: bool,
    /// A signature closed the story.
    signed: bool,
}

impl Open {
    fn new(start: u32, before: Option<Group>, first: &Piece) -> Self {
        Open {
            start,
            end: start,
            before,
            after: None,
            closed: first.credit.is_some(),
            signed: false,
        }
    }

    fn sealed(&self) -> bool {
        self.after.is_some() || self.signed
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum State {
    /// No story yet.
    Free,
    /// A headline waits for the story printed after it.
    Pending(Group),
    /// A story is being read.
    Open(Open),
}

/// Which side of its story a headline is printed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// What a transition did, for reading the plan back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Piece read as body; `new`: it starts a new story.
    Body { new: bool },
    /// Piece set aside as furniture.
    Orphan,
    /// Pieces read as a headline block (up to and including `last`).
    Group { last: u32, side: Side },
}

/// One transition of the search, kept for the backward pass: positions and the index of the
/// state in the table at each.
#[derive(Clone, Copy, Debug)]
struct Edge {
    from: (u32, u32),
    to: (u32, u32),
    gain: f32,
    step: Step,
}

/// How a reading of the page takes one piece, for comparing readings piece by piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Body text; `new`: it opens a story.
    Body { new: bool },
    /// Furniture.
    Orphan,
    /// Part of the headline block `first..=last` on `side`.
    Head { first: u32, last: u32, side: Side },
}

impl Reading {
    fn of(at: usize, step: Step) -> Reading {
        match step {
            Step::Body { new } => Reading::Body { new },
            Step::Orphan => Reading::Orphan,
            Step::Group { last, side } => Reading::Head {
                first: u32::try_from(at).unwrap_or(u32::MAX),
                last,
                side,
            },
        }
    }
}

/// Up to two ways of reading a piece as body: (next state, score, new story).
#[derive(Default)]
struct Steps {
    items: [Option<(State, f32, bool)>; 2],
}

impl Steps {
    fn push(&mut self, step: (State, f32, bool)) {
        if let Some(slot) = self.items.iter_mut().find(|s| s.is_none()) {
            *slot = Some(step);
        }
    }
}

impl IntoIterator for Steps {
    type Item = (State, f32, bool);
    type IntoIter = std::iter::Flatten<std::array::IntoIter<Option<(State, f32, bool)>, 2>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().flatten()
    }
}

/// The states reached at one position, each with a value: a handful, so a vector searched in
/// order is cheaper than hashing.
#[derive(Clone, Debug)]
struct Slots<V> {
    /// The states and their values, in the order they were reached.
    items: Vec<(State, V)>,
    /// A hash of each state, compared before the state itself.
    hashes: Vec<u64>,
}

/// A state's hash, for finding it among a position's states.
fn state_hash(state: &State) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    state.hash(&mut h);
    h.finish()
}

impl<V: Copy> Slots<V> {
    fn new() -> Self {
        Slots {
            items: Vec::new(),
            hashes: Vec::new(),
        }
    }

    fn get(&self, state: &State) -> Option<&V> {
        let hash = state_hash(state);
        self.hashes
            .iter()
            .zip(&self.items)
            .find(|(h, (s, _))| **h == hash && s == state)
            .map(|(_, (_, v))| v)
    }

    /// The index of `state`, inserted with value `init` when absent.
    fn index(&mut self, state: State, init: V) -> usize {
        let hash = state_hash(&state);
        let found = self
            .hashes
            .iter()
            .zip(&self.items)
            .position(|(h, (s, _))| *h == hash && *s == state);
        match found {
            Some(at) => at,
            None => {
                self.items.push((state, init));
                self.hashes.push(hash);
                self.items.len() - 1
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = &(State, V)> {
        self.items.iter()
    }
}

#[derive(Clone, Copy, Debug)]
struct Cell {
    score: f32,
    from: Option<(usize, State)>,
    step: Step,
}

/// Read a page: the best plan of stories, headlines and furniture for its pieces.
pub fn plan(layout: &Layout) -> Plan {
    let pieces = &layout.pieces;
    if pieces.is_empty() || u32::try_from(pieces.len()).is_err() {
        return Plan {
            stories: Vec::new(),
            orphans: (0..pieces.len()).collect(),
        };
    }
    let model = Model::new(layout);
    let (path, margins) = model.best_path();
    model.read_back(&path, &margins)
}

/// Scores of one page's readings.
struct Model<'a> {
    pieces: &'a [Piece],
    layout: &'a Layout,
    overlap: Overlap,
    strength: Vec<f32>,
    /// Cost of setting each piece aside as furniture.
    orphan: Vec<f32>,
    /// Column width of the body text ending at each piece (see [`column_before`]).
    columns_before: Vec<Option<u16>>,
    /// Column width of the body text starting at each piece (see [`column_after`]).
    columns_after: Vec<Option<u16>>,
}

impl<'a> Model<'a> {
    fn new(layout: &'a Layout) -> Self {
        let pieces = &layout.pieces[..];
        let strength: Vec<f32> = (0..pieces.len()).map(|i| strength(pieces, i)).collect();
        let first_text = pieces.iter().position(|p| !p.headline_shaped());
        let orphan = (0..pieces.len())
            .map(|i| {
                if !pieces[i].headline_shaped() {
                    return 0.0;
                }
                let label_like = pieces[i].lines.len() == 1
                    && label_like(&pieces[i].lines[0])
                    && next_to_brief(pieces, i);
                let page_top = first_text.is_none_or(|f| i < f);
                if label_like {
                    0.2
                } else if page_top {
                    // Banners and section titles head the page.
                    PAGE_TOP_ORPHAN * orphan_cost(&pieces[i])
                } else {
                    orphan_cost(&pieces[i])
                }
            })
            .collect();
        Model {
            pieces,
            layout,
            overlap: Overlap::new(pieces),
            strength,
            orphan,
            columns_before: (0..pieces.len())
                .map(|i| column_before(pieces, i))
                .collect(),
            columns_after: (0..pieces.len()).map(|i| column_after(pieces, i)).collect(),
        }
    }

    fn n(&self) -> usize {
        self.pieces.len()
    }

    /// The best sequence of steps, with the position each starts at, and for each piece how
    /// much better the best reading is than the best one that reads the piece otherwise.
    fn best_path(&self) -> (Vec<(usize, State, Step)>, Vec<f32>) {
        let n = self.n();
        let mut table: Vec<Slots<Cell>> = vec![Slots::new(); n + 1];
        let mut edges: Vec<Edge> = Vec::new();
        let start = Cell {
            score: 0.0,
            from: None,
            step: Step::Orphan,
        };
        table[0].index(State::Free, start);
        for i in 0..n {
            // The beam: the best states, none far below the best one.
            let mut order: Vec<(usize, f32)> = table[i]
                .iter()
                .enumerate()
                .map(|(k, (_, c))| (k, c.score))
                .collect();
            order.sort_by(|a, b| b.1.total_cmp(&a.1));
            let floor = order.first().map_or(0.0, |s| s.1 - BEAM_MARGIN);
            order.retain(|s| s.1 >= floor);
            order.truncate(BEAM);
            for (k, score) in order {
                let state = table[i].items[k].0;
                self.expand((i, k), state, score, &mut table, &mut edges);
            }
        }
        let end_value = |state: State| {
            let (at_end, penalty) = self.apply_signature(state, &self.layout.end_gap.signature);
            self.finish(at_end) - penalty
        };
        let mut best: Option<(State, f32)> = None;
        for (state, cell) in table[n].iter() {
            let score = cell.score + end_value(*state);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((*state, score));
            }
        }
        let Some((mut state, _)) = best else {
            return (Vec::new(), vec![f32::INFINITY; n]);
        };
        let mut path = Vec::new();
        let mut at = n;
        while let Some(cell) = table[at].get(&state).copied() {
            let Some((from_at, from_state)) = cell.from else {
                break;
            };
            path.push((from_at, from_state, cell.step));
            at = from_at;
            state = from_state;
        }
        path.reverse();
        let margins = self.margins(&table, &edges, &path, end_value);
        (path, margins)
    }

    /// For each piece, the score of the best reading less that of the best reading that takes
    /// the piece otherwise (max-marginals from a forward and a backward pass).
    fn margins(
        &self,
        table: &[Slots<Cell>],
        edges: &[Edge],
        path: &[(usize, State, Step)],
        end_value: impl Fn(State) -> f32,
    ) -> Vec<f32> {
        let n = self.n();
        // Best score from each state to the end of the page (-inf where none was searched).
        let mut backward: Vec<Vec<f32>> = table
            .iter()
            .map(|slots| vec![f32::NEG_INFINITY; slots.items.len()])
            .collect();
        if let (Some(last), Some(slots)) = (backward.last_mut(), table.last()) {
            for (value, (state, _)) in last.iter_mut().zip(slots.iter()) {
                *value = end_value(*state);
            }
        }
        let at = |v: &[Vec<f32>], (pos, k): (u32, u32)| {
            v.get(pos as usize)
                .and_then(|row| row.get(k as usize))
                .copied()
                .unwrap_or(f32::NEG_INFINITY)
        };
        for e in edges.iter().rev() {
            let value = e.gain + at(&backward, e.to);
            if let Some(slot) = backward
                .get_mut(e.from.0 as usize)
                .and_then(|row| row.get_mut(e.from.1 as usize))
                && value > *slot
            {
                *slot = value;
            }
        }
        // Best total score per piece and reading.
        let mut by_piece: Vec<Vec<(Reading, f32)>> = vec![Vec::new(); n];
        for e in edges {
            let after = at(&backward, e.to);
            let Some(before) = table
                .get(e.from.0 as usize)
                .and_then(|slots| slots.items.get(e.from.1 as usize))
            else {
                continue;
            };
            if after == f32::NEG_INFINITY {
                continue;
            }
            let total = before.1.score + e.gain + after;
            let at = e.from.0 as usize;
            let reading = Reading::of(at, e.step);
            for slot in by_piece.iter_mut().take(e.to.0 as usize).skip(at) {
                match slot.iter_mut().find(|(r, _)| *r == reading) {
                    Some((_, best)) => *best = best.max(total),
                    None => slot.push((reading, total)),
                }
            }
        }
        let mut margins = vec![f32::INFINITY; n];
        for &(at, _, step) in path {
            let chosen = Reading::of(at, step);
            let last = match step {
                Step::Group { last, .. } => last as usize,
                _ => at,
            };
            for p in at..=last.min(n.saturating_sub(1)) {
                let best = by_piece[p]
                    .iter()
                    .filter(|(r, _)| *r == chosen)
                    .map(|(_, t)| *t)
                    .fold(f32::NEG_INFINITY, f32::max);
                let other = by_piece[p]
                    .iter()
                    .filter(|(r, _)| *r != chosen)
                    .map(|(_, t)| *t)
                    .fold(f32::NEG_INFINITY, f32::max);
                margins[p] = best - other;
            }
        }
        margins
    }

    /// All transitions out of `state` before piece `i`.
    fn expand(
        &self,
        (i, k): (usize, usize),
        state: State,
        score: f32,
        table: &mut [Slots<Cell>],
        edges: &mut Vec<Edge>,
    ) {
        let from = Some((i, state));
        let origin = (
            u32::try_from(i).unwrap_or(u32::MAX),
            u32::try_from(k).unwrap_or(u32::MAX),
        );
        let (state, sign_penalty) = self.apply_signature(state, &self.pieces[i].gap.signature);
        let base = score - sign_penalty;
        let mut push = |to: usize, next: State, value: f32, step: Step| {
            let cell = Cell {
                score: value,
                from,
                step,
            };
            let index = table[to].index(
                next,
                Cell {
                    score: f32::NEG_INFINITY,
                    ..cell
                },
            );
            let slot = &mut table[to].items[index].1;
            if value > slot.score {
                *slot = cell;
            }
            edges.push(Edge {
                from: origin,
                to: (
                    u32::try_from(to).unwrap_or(u32::MAX),
                    u32::try_from(index).unwrap_or(u32::MAX),
                ),
                gain: value - score,
                step,
            });
        };
        let piece = &self.pieces[i];
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        let absorb = if piece.headline_shaped() {
            self.strength[i].max(0.0)
        } else {
            0.0
        };
        // The piece as body text.
        let mid_sentence = if piece.starts_mid_sentence {
            MID_SENTENCE_START
        } else {
            0.0
        };
        for (next, value, new) in self.body_steps(i, state) {
            let opening = if new { mid_sentence } else { 0.0 };
            push(
                i + 1,
                next,
                base + value - absorb - opening,
                Step::Body { new },
            );
        }
        if !piece.headline_shaped() {
            return;
        }
        // The piece as furniture.
        push(i + 1, state, base - self.orphan[i], Step::Orphan);
        // The piece opening a headline block of one or more pieces.
        let mut last = i;
        loop {
            let g: Group = (index, u32::try_from(last).unwrap_or(u32::MAX));
            // The columns of a vertical headline stay together unless their words say
            // otherwise.
            let cuts_vertical =
                self.pieces[last].vertical && self.pieces.get(last + 1).is_some_and(|p| p.vertical);
            let shape = group_shape(&self.pieces[i..=last])
                - (i..=last)
                    .map(|j| (HEAD_PIVOT - self.strength[j]).max(0.0))
                    .sum::<f32>()
                - if cuts_vertical { VERTICAL_CUT } else { 0.0 };
            if let State::Open(o) = state
                && o.before.is_none()
                && !o.sealed()
            {
                let value =
                    self.attach_lead(g, o.start as usize, Some(o.end as usize), Side::After)
                        + shape;
                // (The story ends here: `close` charges an unfinished sentence.)
                let next = State::Open(Open {
                    after: Some(g),
                    ..o
                });
                push(
                    last + 1,
                    next,
                    base + value,
                    Step::Group {
                        last: g.1,
                        side: Side::After,
                    },
                );
            }
            let closed = match state {
                State::Free => Some(0.0),
                State::Open(o) => Some(self.close(&o)),
                State::Pending(_) => None,
            };
            if let Some(closed) = closed {
                let value = closed + shape + self.side_bias(g, Side::Before);
                push(
                    last + 1,
                    State::Pending(g),
                    base + value,
                    Step::Group {
                        last: g.1,
                        side: Side::Before,
                    },
                );
            }
            last += 1;
            let extends = last < self.n()
                && last - i < MAX_GROUP
                && self.pieces[last].headline_shaped()
                && self.pieces[last].gap.signature.is_none();
            if !extends {
                break;
            }
        }
    }

    /// A signature before a piece closes the story being read; it is misplaced elsewhere.
    fn apply_signature(&self, state: State, signature: &Option<String>) -> (State, f32) {
        if signature.is_none() {
            return (state, 0.0);
        }
        match state {
            State::Open(o) => (
                State::Open(Open {
                    closed: true,
                    signed: true,
                    ..o
                }),
                0.0,
            ),
            other => (other, 2.0),
        }
    }

    /// The ways piece `i` can be read as body from `state`: (next state, score, new story).
    fn body_steps(&self, i: usize, state: State) -> Steps {
        let piece = &self.pieces[i];
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        let mut out = Steps::default();
        match state {
            State::Free => out.push((State::Open(Open::new(index, None, piece)), 0.0, true)),
            State::Pending(g) => {
                let anaphoric = if piece.starts_anaphoric {
                    ANAPHORIC_START
                } else {
                    0.0
                };
                let value = self.attach_lead(g, i, None, Side::Before) - anaphoric;
                out.push((State::Open(Open::new(index, Some(g), piece)), value, true));
            }
            State::Open(o) => {
                let continued = State::Open(Open {
                    end: index,
                    closed: o.closed || piece.credit.is_some(),
                    ..o
                });
                let split = State::Open(Open::new(index, None, piece));
                if piece.credit_only && !o.signed {
                    // A credit on its own belongs to the text before it.
                    let cost = if o.after.is_some() { 1.0 } else { 0.0 };
                    out.push((continued, -cost, false));
                    return out;
                }
                if piece.marker == Some(Marker::Further) && !o.sealed() {
                    // A further story under the same headline: same unit, body open again.
                    let further = State::Open(Open {
                        end: index,
                        closed: piece.credit.is_some(),
                        ..o
                    });
                    out.push((further, 0.0, false));
                    return out;
                }
                let forced = o.closed
                    || o.sealed()
                    || matches!(
                        piece.marker,
                        Some(Marker::Dateline | Marker::Bullet | Marker::Arrow)
                    );
                if forced {
                    out.push((split, self.close(&o), true));
                    return out;
                }
                let end = o.end as usize;
                out.push((continued, -self.continue_cost(end, i), false));
                if let Some(cost) = self.split_cost(end, i) {
                    out.push((split, self.close(&o) - cost, true));
                }
            }
        }
        out
    }

    /// Score of a finished story: its headline's words found in its body, or the cost of having
    /// none.
    fn close(&self, o: &Open) -> f32 {
        let (start, end) = ((o.start as usize), (o.end as usize));
        let first = &self.pieces[start];
        let last = &self.pieces[end];
        let item = matches!(first.marker, Some(Marker::Bullet | Marker::Arrow))
            || last.credit == Some(Credit::Photo);
        let unfinished = if last.ends_sentence || last.credit.is_some() || o.signed {
            0.0
        } else {
            UNFINISHED
        };
        -unfinished
            + match o.before.or(o.after) {
                Some(g) => {
                    let g = ((g.0 as usize), (g.1 as usize));
                    let item_cost = if item { HEADLINE_ON_ITEM } else { 0.0 };
                    W_BODY * self.overlap.body(g, start, end) - item_cost
                }
                None if item || first.marker == Some(Marker::Further) => 0.0,
                None => -NO_HEADLINE,
            }
    }

    /// Score at the end of the page.
    fn finish(&self, state: State) -> f32 {
        match state {
            State::Free => 0.0,
            State::Open(o) => self.close(&o),
            State::Pending(g) => -((g.0 as usize)..=(g.1 as usize))
                .map(|i| self.orphan[i])
                .sum::<f32>(),
        }
    }

    /// What attaching headline `g` to the story whose body starts at `start` is worth from
    /// its lead; `last`: the body's last piece when known (else the body is taken to run to
    /// the next headline-shaped piece).
    fn attach_lead(&self, g: Group, start: usize, last: Option<usize>, side: Side) -> f32 {
        let range = ((g.0 as usize), (g.1 as usize));
        let last = last.unwrap_or_else(|| {
            (start + 1..self.n())
                .find(|&j| self.pieces[j].headline_shaped())
                .map_or(self.n() - 1, |j| j - 1)
        });
        W_LEAD * self.overlap.lead(range, start, last)
            + ATTACH_BASE
            + if side == Side::After {
                self.side_bias(g, Side::After)
            } else {
                0.0
            }
    }

    /// Layout evidence for the side a headline is printed on.
    fn side_bias(&self, g: Group, side: Side) -> f32 {
        let (first, last) = ((g.0 as usize), (g.1 as usize));
        let next = self.pieces.get(last + 1);
        let touches_next = next.is_some_and(|p| p.gap == Gap::default());
        let touches_next_text = touches_next && next.is_some_and(|p| p.marker.is_none());
        let glued_to_next = next.is_some_and(|p| p.glued);
        let touches_prev = first > 0 && self.pieces[first].gap == Gap::default();
        let mut bias = 0.0;
        match side {
            Side::After => {
                bias += 0.2;
                if glued_to_next {
                    bias += 1.5;
                }
                if touches_prev {
                    bias += 0.5;
                }
                if touches_next_text {
                    // Text right under a headline, with no opener, is that headline's story.
                    bias -= 2.0;
                } else if touches_next {
                    // A headline right over the next story's dateline: these dumps print the
                    // next story's first line right under the previous headline.
                    bias += 0.3;
                }
            }
            Side::Before => {
                if glued_to_next {
                    bias -= 1.5;
                } else if touches_next_text && !touches_prev {
                    bias += 0.5;
                }
            }
        }
        bias
    }

    /// Cost of reading body piece `i` as the same story as body piece `end` before it.
    fn continue_cost(&self, end: usize, i: usize) -> f32 {
        if i > end + 1 {
            // Furniture-like pieces were set aside in between.
            if self.pieces[end].ends_sentence {
                1.0
            } else {
                0.3
            }
        } else {
            0.0
        }
    }

    /// Cost of ending a story after body piece `end` and starting one at body piece `i`, or
    /// `None` when the text at `end` cannot end a story.
    fn split_cost(&self, end: usize, i: usize) -> Option<f32> {
        let before = &self.pieces[end];
        let after = &self.pieces[i];
        if !before.ends_sentence && before.credit.is_none() {
            return None;
        }
        let mut cost = SPLIT_BASE;
        if let (Some(&Some(a)), Some(&Some(b))) =
            (self.columns_before.get(end), self.columns_after.get(i))
            && a.abs_diff(b) >= COLUMN_CHANGE
        {
            cost -= 1.2;
        }
        if after.starts_lead {
            cost -= 0.5;
        }
        if after.starts_anaphoric {
            cost += ANAPHORIC_START;
        }
        if after.gap.furniture || i > end + 1 {
            cost -= 1.0;
        }
        if after.gap.blanks == 0 && i == end + 1 {
            cost += 1.0;
        }
        Some(cost)
    }

    /// Turn the best path into stories.
    fn read_back(&self, path: &[(usize, State, Step)], margins: &[f32]) -> Plan {
        let mut units: Vec<Story> = Vec::new();
        let mut orphans = Vec::new();
        let mut pending: Option<(usize, usize)> = None;
        let mut open = false;
        for &(at, state, step) in path {
            if self.pieces[at].gap.signature.is_some()
                && matches!(state, State::Open(_))
                && let Some(unit) = units.last_mut()
                && unit.signature_at.is_none()
            {
                unit.signature_at = Some(at);
            }
            match step {
                Step::Body { new } => {
                    if new || !open {
                        let headline = pending.take();
                        units.push(Story {
                            headline,
                            headline_before: headline.is_some(),
                            ..Story::default()
                        });
                        open = true;
                    }
                    if let Some(unit) = units.last_mut() {
                        unit.body.push(at);
                    }
                }
                Step::Orphan => orphans.push(at),
                Step::Group { last, side } => {
                    let g = (at, (last as usize));
                    match side {
                        Side::After => {
                            if let Some(unit) = units.last_mut() {
                                unit.headline = Some(g);
                            }
                        }
                        Side::Before => {
                            pending = Some(g);
                            open = false;
                        }
                    }
                }
            }
        }
        if let Some((first, last)) = pending {
            orphans.extend(first..=last);
        }
        if self.layout.end_gap.signature.is_some()
            && open
            && let Some(unit) = units.last_mut()
            && unit.signature_at.is_none()
        {
            unit.signature_at = Some(self.n());
        }
        let mut plan = Plan {
            stories: Vec::new(),
            orphans,
        };
        mark_doubts(&mut units, margins);
        for unit in units {
            self.push_stories(unit, &mut plan);
        }
        plan.orphans.sort_unstable();
        plan
    }

    /// Split a unit at its `又讯` stories and add them to the plan.
    fn push_stories(&self, unit: Story, plan: &mut Plan) {
        let mut stories: Vec<Story> = Vec::new();
        for &i in &unit.body {
            let further = self.pieces[i].marker == Some(Marker::Further);
            if stories.is_empty() || (further && !stories.iter().all(|s| s.body.is_empty())) {
                stories.push(Story::default());
            }
            if let Some(s) = stories.last_mut() {
                s.body.push(i);
            }
        }
        let count = stories.len();
        for (k, mut story) in stories.into_iter().enumerate() {
            if k == 0 {
                story.headline = unit.headline;
                story.headline_before = unit.headline_before;
            }
            if k + 1 == count {
                story.signature_at = unit.signature_at;
            }
            story.doubts = unit.doubts;
            plan.stories.push(story);
        }
    }
}

/// Mark where the best reading of a piece won by a small margin: a headline that another
/// reading places elsewhere or reads as text, or a story boundary that another reading does
/// not have (or has where this one does not).
fn mark_doubts(units: &mut [Story], margins: &[f32]) {
    let close = |p: usize| margins.get(p).is_some_and(|&m| m < DOUBT_MARGIN);
    for k in 0..units.len() {
        if let Some((first, last)) = units[k].headline
            && (first..=last).any(close)
        {
            units[k].doubts.headline = true;
        }
        let body = units[k].body.clone();
        for (w, &p) in body.iter().enumerate() {
            if close(p) {
                units[k].doubts.boundary = true;
                if w == 0 && k > 0 {
                    units[k - 1].doubts.boundary = true;
                }
            }
        }
    }
}

/// Column width of the body text ending at piece `end`: the median over its last pieces.
fn column_before(pieces: &[Piece], end: usize) -> Option<u16> {
    median((end.saturating_sub(3)..=end).filter_map(|j| pieces[j].column()))
}

/// Column width of the body text starting at piece `i`: the median over its first pieces,
/// up to the end of that text (a credit, or the next opener or headline).
fn column_after(pieces: &[Piece], i: usize) -> Option<u16> {
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
const PAGE_TOP_ORPHAN: f32 = 0.3;

/// How strongly a headline-shaped piece reads as a headline: the cost of reading it as body
/// when positive, evidence against a headline when negative.
fn strength(pieces: &[Piece], i: usize) -> f32 {
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
fn next_to_brief(pieces: &[Piece], i: usize) -> bool {
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
fn orphan_cost(piece: &Piece) -> f32 {
    let len = piece.visible_len();
    if len <= 2 {
        return 0.4;
    }
    0.6 + 0.05 * len.min(30) as f32
}

/// How plausible pieces are as one headline block (kicker, title, subtitle).
fn group_shape(pieces: &[Piece]) -> f32 {
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

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::super::pieces::layout;
    use super::*;

    fn read(text: &str) -> (Vec<Piece>, Plan) {
        let layout = layout(split_lines(text));
        let plan = plan(&layout);
        (layout.pieces, plan)
    }

    fn headline_of(pieces: &[Piece], story: &Story) -> Option<String> {
        story
            .headline
            .map(|(a, b)| (a..=b).map(|i| pieces[i].lines.concat()).collect())
    }

    /// The headline of every story of `plan`, in order.
    fn headlines(pieces: &[Piece], plan: &Plan) -> Vec<Option<String>> {
        plan.stories
            .iter()
            .map(|s| headline_of(pieces, s))
            .collect()
    }

    /// `Some` of each expected headline text.
    fn titled(texts: &[&str]) -> Vec<Option<String>> {
        texts.iter().map(|t| Some((*t).to_owned())).collect()
    }

    #[test]
    fn headline_after_its_body() {
        let (p, plan) = read(
            "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n甲县召开植树造林动员会\n\n本报讯 3月3日，乙县举办招商引资推介会，签约项目十个。\n\n乙县举办招商引资推介会\n",
        );
        assert_eq!(
            headlines(&p, &plan),
            titled(&["甲县召开植树造林动员会", "乙县举办招商引资推介会"]),
            "{plan:?}"
        );
    }

    #[test]
    fn headline_before_its_body_goes_where_its_words_are() {
        let (p, plan) = read(
            "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n甲县召开植树造林动员会\n\n乙县举办招商引资推介会\n\n3月3日，乙县举办招商引资推介会，签约项目十个。\n",
        );
        assert_eq!(
            headlines(&p, &plan),
            titled(&["甲县召开植树造林动员会", "乙县举办招商引资推介会"]),
            "{plan:?}"
        );
    }

    #[test]
    fn two_headlines_around_one_run_split_it() {
        let (p, plan) = read(
            "甲县召开植树造林动员会\n\n3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n3月3日，乙县举办招商引资推介会，签约项目十个。\n\n乙县举办招商引资推介会\n",
        );
        assert_eq!(
            headlines(&p, &plan),
            titled(&["甲县召开植树造林动员会", "乙县举办招商引资推介会"]),
            "{plan:?}"
        );
    }

    #[test]
    fn further_story_leaves_the_headline_to_the_first() {
        let (p, plan) = read(
            "本报讯 3月2日，甲县召开植树造林动员会。\n又讯 3月3日，甲县开展义务植树活动。\n\n甲县召开植树造林动员会\n",
        );
        assert_eq!(plan.stories.len(), 2);
        assert_eq!(
            headline_of(&p, &plan.stories[0]).as_deref(),
            Some("甲县召开植树造林动员会")
        );
        assert_eq!(plan.stories[1].headline, None);
    }

    #[test]
    fn a_lone_character_is_never_a_headline() {
        let (p, plan) = read(
            "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n州\n甲县召开植树造林动员会\n\n本报讯 3月3日，乙县举办招商引资推介会。\n\n乙县举办招商引资推介会\n",
        );
        assert_eq!(plan.stories.len(), 2);
        assert_eq!(
            headline_of(&p, &plan.stories[0]).as_deref(),
            Some("甲县召开植树造林动员会")
        );
        assert!(plan.orphans.iter().any(|&i| p[i].lines == ["州"]));
    }

    #[test]
    fn a_story_without_dateline_under_its_headline_is_not_merged() {
        let (p, plan) = read(
            "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化工作。\n\n甲县召开植树造林动员会\n\n乙县举办招商引资推介会\n\n为进一步优化营商环境，3月3日，乙县举办招商引资推介会，签约项目十个。\n\n（记者张三） 3月4日，丙县开展消防演练，检验应急能力。\n\n丙县开展消防演练\n",
        );
        assert_eq!(plan.stories.len(), 3, "{plan:?}");
        assert_eq!(
            headline_of(&p, &plan.stories[1]).as_deref(),
            Some("乙县举办招商引资推介会")
        );
        assert_eq!(
            headline_of(&p, &plan.stories[2]).as_deref(),
            Some("丙县开展消防演练")
        );
    }

    #[test]
    fn close_readings_leave_a_doubt_and_clear_ones_none() {
        let (_, plan) = read(
            "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n甲县召开植树造林动员会\n\n本报讯 3月3日，乙县举办招商引资推介会，签约项目十个。\n\n乙县举办招商引资推介会\n",
        );
        assert!(plan.stories.iter().all(|s| !s.doubts.any()));
        // A headline sharing no word with either neighbour could go to either.
        let (_, plan) = read(
            "3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n春风里的新绿\n\n3月3日，乙县举办招商引资推介会，签约项目十个。\n",
        );
        assert!(plan.stories.iter().any(|s| s.doubts.headline), "{plan:?}");
    }

    #[test]
    fn short_line_after_a_sentence_stays_body_when_no_story_wants_it() {
        let (_, plan) = read(
            "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化工作。\n\n会议要求\n\n各乡镇要压实责任，确保完成任务。\n\n甲县召开植树造林动员会\n",
        );
        assert_eq!(plan.stories.len(), 1, "{plan:?}");
        assert_eq!(plan.stories[0].body.len(), 3);
        assert!(plan.orphans.is_empty());
    }
}
