//! The beam search over readings: the best path and each piece's margin.

use super::Model;
use super::evidence::group_shape;
use super::state::{Cell, Edge, Group, Open, Reading, Side, Slots, State, Step};
use super::weights::{BEAM, BEAM_MARGIN, HEAD_PIVOT, MAX_GROUP, MID_SENTENCE_START, VERTICAL_CUT};

impl Model<'_> {
    /// The best sequence of steps, with the position each starts at, and for each piece how
    /// much better the best reading is than the best one that reads the piece otherwise.
    pub(super) fn best_path(&self) -> (Vec<(usize, State, Step)>, Vec<f32>) {
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
}
