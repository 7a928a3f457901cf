//! The states, steps and tables of the search over readings.

use super::super::pieces::Piece;

pub(super) type Group = (u32, u32);

/// The story being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Open {
    /// First body piece.
    pub(super) start: u32,
    /// Last body piece so far.
    pub(super) end: u32,
    /// Headline printed before the body.
    pub(super) before: Option<Group>,
    /// Headline printed after the body: the story takes no more text.
    pub(super) after: Option<Group>,
    /// A credit closed the body: no more body text, a headline may still follow.
    pub(super) closed: bool,
    /// A signature closed the story.
    pub(super) signed: bool,
}

impl Open {
    pub(super) fn new(start: u32, before: Option<Group>, first: &Piece) -> Self {
        Open {
            start,
            end: start,
            before,
            after: None,
            closed: first.credit.is_some(),
            signed: false,
        }
    }

    pub(super) fn sealed(&self) -> bool {
        self.after.is_some() || self.signed
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum State {
    /// No story yet.
    Free,
    /// A headline waits for the story printed after it.
    Pending(Group),
    /// A story is being read.
    Open(Open),
}

/// Which side of its story a headline is printed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Before,
    After,
}

/// What a transition did, for reading the plan back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
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
pub(super) struct Edge {
    pub(super) from: (u32, u32),
    pub(super) to: (u32, u32),
    pub(super) gain: f32,
    pub(super) step: Step,
}

/// How a reading of the page takes one piece, for comparing readings piece by piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    /// Body text; `new`: it opens a story.
    Body { new: bool },
    /// Furniture.
    Orphan,
    /// Part of the headline block `first..=last` on `side`.
    Head { first: u32, last: u32, side: Side },
}

impl Reading {
    pub(super) fn of(at: usize, step: Step) -> Reading {
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
pub(super) struct Steps {
    pub(super) items: [Option<(State, f32, bool)>; 2],
}

impl Steps {
    pub(super) fn push(&mut self, step: (State, f32, bool)) {
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
pub(super) struct Slots<V> {
    /// The states and their values, in the order they were reached.
    pub(super) items: Vec<(State, V)>,
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
    pub(super) fn new() -> Self {
        Slots {
            items: Vec::new(),
            hashes: Vec::new(),
        }
    }

    pub(super) fn get(&self, state: &State) -> Option<&V> {
        let hash = state_hash(state);
        self.hashes
            .iter()
            .zip(&self.items)
            .find(|(h, (s, _))| **h == hash && s == state)
            .map(|(_, (_, v))| v)
    }

    /// The index of `state`, inserted with value `init` when absent.
    pub(super) fn index(&mut self, state: State, init: V) -> usize {
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

    pub(super) fn iter(&self) -> impl Iterator<Item = &(State, V)> {
        self.items.iter()
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Cell {
    pub(super) score: f32,
    pub(super) from: Option<(usize, State)>,
    pub(super) step: Step,
}
