//! Per-article score buffers kept between searches: runtime scratch, never saved.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};

use rayon::prelude::*;

use super::people::PersonMatches;
use super::scan::CHUNK;

/// Per-article score buffers kept between searches.
const SPARE_SCORES: usize = 2;

/// Per-article score buffers of finished searches ([`PersonMatches::PerArticle`]), kept for
/// the next: a fresh one costs its pages' first writes on every keystroke.
#[derive(Debug, Default)]
pub(in crate::search) struct ScoreBuffers {
    spare: Mutex<Vec<Vec<AtomicI32>>>,
}

impl ScoreBuffers {
    /// A per-article score buffer for `n` articles, every slot `i32::MIN` (no match).
    pub(in crate::search) fn take(&self, n: usize) -> Vec<AtomicI32> {
        let spare = self
            .spare
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        match spare {
            Some(scores) if scores.len() == n => {
                scores
                    .par_iter()
                    .with_min_len(CHUNK)
                    .for_each(|s| s.store(i32::MIN, Ordering::Relaxed));
                scores
            }
            _ => (0..n).map(|_| AtomicI32::new(i32::MIN)).collect(),
        }
    }

    /// Keeps the buffers of a finished search's person matches for the next search.
    pub(in crate::search) fn keep(&self, matches: Vec<PersonMatches>) {
        let mut spare = self
            .spare
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for m in matches {
            if let PersonMatches::PerArticle(scores) = m
                && spare.len() < SPARE_SCORES
            {
                spare.push(scores);
            }
        }
    }
}
