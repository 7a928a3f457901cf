//! Reading the best path back into stories, with doubts where it won narrowly.

use super::super::lines::Marker;
use super::state::{Side, State, Step};
use super::weights::DOUBT_MARGIN;
use super::{Model, Plan, Story};

impl Model<'_> {
    /// Turn the best path into stories.
    pub(super) fn read_back(&self, path: &[(usize, State, Step)], margins: &[f32]) -> Plan {
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
