//! The costs of the transitions: body steps, story boundaries and headline attachment.

use super::super::lines::Marker;
use super::super::pieces::{Credit, Gap};
use super::Model;
use super::state::{Group, Open, Side, State, Steps};
use super::weights::{
    ANAPHORIC_START, ATTACH_BASE, COLUMN_CHANGE, HEADLINE_ON_ITEM, NO_HEADLINE, SPLIT_BASE,
    UNFINISHED, W_BODY, W_LEAD,
};

impl Model<'_> {
    /// A signature before a piece closes the story being read; it is misplaced elsewhere.
    pub(super) fn apply_signature(&self, state: State, signature: &Option<String>) -> (State, f32) {
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
    pub(super) fn body_steps(&self, i: usize, state: State) -> Steps {
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
    pub(super) fn close(&self, o: &Open) -> f32 {
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
    pub(super) fn finish(&self, state: State) -> f32 {
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
    pub(super) fn attach_lead(
        &self,
        g: Group,
        start: usize,
        last: Option<usize>,
        side: Side,
    ) -> f32 {
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
    pub(super) fn side_bias(&self, g: Group, side: Side) -> f32 {
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
}
