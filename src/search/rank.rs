//! Ranking of hits: the best few sorted as soon as a search ends, the rest only when asked for.
//!
//! A broad query over a million articles has hundreds of thousands of hits, of which the list
//! shows a screenful. Sorting them all would cost more than finding them, so a search ranks
//! only its best [`TOP`] hits (a selection per run of the scan, in parallel, then a sort of
//! the few survivors) and keeps the others unsorted. The full ranking is computed once, the
//! first time a row past the top is read. Both orders are the same total order: better
//! score first, then newer date, then lower article id.

use std::sync::OnceLock;

use rayon::prelude::*;

use super::Hit;
use crate::store::ArticleId;

/// Hits ranked at once; the list reads further only when scrolled past them.
pub const TOP: usize = 2048;

/// Up to this many hits are all ranked at once: selecting the top would not save much.
const RANK_ALL_BELOW: usize = 16 * TOP;

/// Hits as `(sort key, article id)` pairs; the pair's natural order is the ranking.
pub type Keyed = (u64, u32);

/// The hits of one search, ranked lazily.
#[derive(Clone, Debug, Default)]
pub struct Ranking {
    /// Number of hits.
    len: usize,
    /// The best hits, ranked: all of them when `unranked` is empty.
    top: Vec<Hit>,
    /// Every hit (the top included) in ascending id order, as the scan's runs, when not all
    /// are ranked yet.
    unranked: Vec<Vec<Keyed>>,
    /// Every hit ranked, filled on the first read past `top`.
    full: OnceLock<Vec<Hit>>,
}

impl Ranking {
    /// Hits already in their final order.
    pub fn ranked(hits: Vec<Hit>) -> Ranking {
        Ranking {
            len: hits.len(),
            top: hits,
            unranked: Vec::new(),
            full: OnceLock::new(),
        }
    }

    /// Ranks the hits found by a scan, given as runs in ascending id order (within each run,
    /// and each run's ids above the previous run's), keeping the best [`TOP`] ranked and the
    /// rest for later.
    pub fn from_runs(runs: Vec<Vec<Keyed>>) -> Ranking {
        Ranking::select(runs, TOP, RANK_ALL_BELOW)
    }

    /// [`Ranking::from_runs`] ranking the best `top`, or everything up to `rank_all_below` hits.
    fn select(runs: Vec<Vec<Keyed>>, top: usize, rank_all_below: usize) -> Ranking {
        let len = runs.iter().map(Vec::len).sum();
        let top = top.max(1);
        if len <= rank_all_below.max(top) {
            let mut all = Vec::with_capacity(len);
            for run in runs {
                all.extend(run);
            }
            return Ranking::ranked(radix_rank(all, true));
        }
        // The best `top` of all hits are among the best `top` of each run. The runs stay in
        // id order: a narrower query reads its candidates from them.
        let mut best: Vec<Keyed> = runs
            .par_iter()
            .flat_map_iter(|run| best_of(run, top))
            .collect();
        if best.len() > top {
            best.select_nth_unstable(top - 1);
            best.truncate(top);
        }
        best.sort_unstable();
        Ranking {
            len,
            top: best.into_iter().map(to_hit).collect(),
            unranked: runs,
            full: OnceLock::new(),
        }
    }

    /// Number of hits.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there is no hit.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The hit ranked `i`-th (from 0); ranks every hit the first time `i` is past the top.
    pub fn get(&self, i: usize) -> Option<Hit> {
        match self.top.get(i) {
            Some(&hit) => Some(hit),
            None if self.unranked.is_empty() => None,
            None => self.all().get(i).copied(),
        }
    }

    /// Every hit, ranked (computed on first use when only the top was ranked).
    pub fn all(&self) -> &[Hit] {
        if self.unranked.is_empty() {
            return &self.top;
        }
        self.full.get_or_init(|| {
            let mut all = Vec::with_capacity(self.len);
            for run in &self.unranked {
                all.extend_from_slice(run);
            }
            // The runs hold the hits in ascending id order.
            radix_rank(all, true)
        })
    }

    /// The ids of every hit, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = ArticleId> + '_ {
        let ranked = self.unranked.is_empty().then_some(&self.top);
        let ranked = ranked.into_iter().flatten().map(|h| h.id);
        let unranked = self.unranked.iter().flatten().map(|&(_, id)| ArticleId(id));
        ranked.chain(unranked)
    }

    /// Every hit in ascending id order, as the runs the scan found them in (each run's ids
    /// above the previous run's), when the hits are not all ranked yet. A narrower query
    /// reads its candidates from these without collecting them.
    pub fn id_runs(&self) -> Option<&[Vec<Keyed>]> {
        (!self.unranked.is_empty()).then_some(self.unranked.as_slice())
    }
}

/// The best `top` hits of `run` (all of them when it has no more), in no particular order,
/// without reordering `run`.
///
/// Hits better than the worst kept are gathered in a buffer of twice `top`, which is cut back
/// to its best `top` whenever it fills; the worst kept then becomes the bar to pass. Most hits
/// of a large run fail the bar with one comparison.
fn best_of(run: &[Keyed], top: usize) -> Vec<Keyed> {
    if run.len() <= top {
        return run.to_vec();
    }
    let mut kept: Vec<Keyed> = Vec::with_capacity(2 * top);
    let mut bar: Option<Keyed> = None;
    for &hit in run {
        if bar.is_some_and(|bar| hit >= bar) {
            continue;
        }
        kept.push(hit);
        if kept.len() == 2 * top {
            kept.select_nth_unstable(top - 1);
            kept.truncate(top);
            bar = kept.iter().max().copied();
        }
    }
    if kept.len() > top {
        kept.select_nth_unstable(top - 1);
        kept.truncate(top);
    }
    kept
}

/// The hit a keyed pair stands for.
fn to_hit((key, id): Keyed) -> Hit {
    Hit {
        id: ArticleId(id),
        score: key_score(key),
    }
}

/// Sorts keyed hits in their natural order and returns them as hits.
///
/// A least-significant-digit radix sort over the bytes that differ between the hits: first
/// the id's (skipped when `by_id` says the hits already come in ascending id order), then the
/// key's. Scores and dates take few distinct values, so a handful of passes usually do,
/// instead of the log n passes of a comparison sort.
fn radix_rank(keyed: Vec<Keyed>, by_id: bool) -> Vec<Hit> {
    let Some(&(first_key, first_id)) = keyed.first() else {
        return Vec::new();
    };
    let (mut key_differ, mut id_differ) = (0u64, 0u32);
    for &(k, id) in &keyed {
        key_differ |= k ^ first_key;
        id_differ |= id ^ first_id;
    }
    let mut src = keyed;
    let mut dst = vec![(0u64, 0u32); src.len()];
    if !by_id {
        for d in 0..4 {
            if (id_differ >> (8 * d)) & 0xff != 0 {
                radix_pass(&src, &mut dst, |&(_, id)| (id >> (8 * d)) as u8);
                std::mem::swap(&mut src, &mut dst);
            }
        }
    }
    for d in 0..8 {
        if (key_differ >> (8 * d)) & 0xff != 0 {
            radix_pass(&src, &mut dst, |&(k, _)| (k >> (8 * d)) as u8);
            std::mem::swap(&mut src, &mut dst);
        }
    }
    src.into_iter().map(to_hit).collect()
}

/// One stable counting-sort pass of `src` into `dst` by the byte `digit` gives.
fn radix_pass(src: &[Keyed], dst: &mut [Keyed], digit: impl Fn(&Keyed) -> u8) {
    let mut at = [0usize; 256];
    for e in src {
        at[usize::from(digit(e))] += 1;
    }
    let mut sum = 0;
    for slot in &mut at {
        let n = *slot;
        *slot = sum;
        sum += n;
    }
    for e in src {
        // Bucket starts add up to at most `src.len() == dst.len()`.
        let slot = &mut at[usize::from(digit(e))];
        dst[*slot] = *e;
        *slot += 1;
    }
}

/// A key that sorts better scores first, then newer dates (ties broken by the article id).
pub fn sort_key(score: i64, date: u32) -> u64 {
    let score = score.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    let ordered = (score as u32) ^ 0x8000_0000;
    (u64::from(!ordered) << 32) | u64::from(!date)
}

/// The score packed into a [`sort_key`].
fn key_score(key: u64) -> i64 {
    i64::from(((!(key >> 32) as u32) ^ 0x8000_0000) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Runs of ascending ids with keys drawn from a few scores and dates.
    fn runs_strategy() -> impl Strategy<Value = Vec<Vec<Keyed>>> {
        prop::collection::vec(prop::collection::vec((-3i64..4, 0u32..5), 0..300), 0..6).prop_map(
            |runs| {
                let mut id = 0u32;
                runs.into_iter()
                    .map(|run| {
                        run.into_iter()
                            .map(|(score, date)| {
                                id += 1 + id % 3;
                                (sort_key(score * 10, 20_230_000 + date), id)
                            })
                            .collect()
                    })
                    .collect()
            },
        )
    }

    /// The ranking by a comparison sort on score, date and id.
    fn reference(runs: &[Vec<Keyed>]) -> Vec<Hit> {
        let mut all: Vec<Keyed> = runs.iter().flatten().copied().collect();
        all.sort_by_key(|&(k, id)| {
            (
                std::cmp::Reverse(key_score(k)),
                std::cmp::Reverse(!k as u32),
                id,
            )
        });
        all.into_iter().map(to_hit).collect()
    }

    #[test]
    fn keys_order_score_then_date() {
        assert!(sort_key(5, 1) < sort_key(4, 9));
        assert!(sort_key(5, 9) < sort_key(5, 1));
        assert!(sort_key(-1, 0) > sort_key(0, 0));
        for s in [-70_000, -1, 0, 1, 123_456] {
            assert_eq!(key_score(sort_key(s, 7)), s);
        }
    }

    #[test]
    fn a_large_result_ranks_only_its_top_until_read_further() {
        let n = RANK_ALL_BELOW as u32 + 100;
        let run: Vec<Keyed> = (0..n)
            .map(|id| (sort_key(i64::from(id % 7), 0), id))
            .collect();
        let ranking = Ranking::from_runs(vec![run.clone()]);
        assert_eq!(ranking.len(), n as usize);
        assert!(ranking.full.get().is_none());
        let top: Vec<Hit> = (0..TOP).filter_map(|i| ranking.get(i)).collect();
        assert!(
            ranking.full.get().is_none(),
            "reading the top ranks nothing more"
        );
        let expected = reference(&[run]);
        assert_eq!(top, expected[..TOP]);
        assert_eq!(ranking.get(TOP), Some(expected[TOP]));
        assert_eq!(ranking.all(), expected.as_slice());
        assert_eq!(ranking.get(n as usize), None);
    }

    proptest! {
        #[test]
        fn lazy_ranking_equals_a_full_sort(runs in runs_strategy(), top in 1usize..40) {
            let expected = reference(&runs);
            let mut ids: Vec<u32> = runs.iter().flatten().map(|&(_, id)| id).collect();
            let eager = Ranking::select(runs.clone(), top, usize::MAX);
            prop_assert_eq!(eager.all(), expected.as_slice());
            let lazy = Ranking::select(runs, top, 0);
            prop_assert_eq!(lazy.len(), expected.len());
            for (i, hit) in expected.iter().enumerate().take(top) {
                prop_assert_eq!(lazy.get(i), Some(*hit));
            }
            prop_assert!(lazy.full.get().is_none());
            for (i, hit) in expected.iter().enumerate() {
                prop_assert_eq!(lazy.get(i), Some(*hit));
            }
            prop_assert_eq!(lazy.get(expected.len()), None);
            prop_assert_eq!(lazy.all(), expected.as_slice());
            if let Some(runs) = lazy.id_runs() {
                let in_order: Vec<u32> = runs.iter().flatten().map(|&(_, id)| id).collect();
                prop_assert_eq!(&in_order, &ids, "the runs keep their id order");
            }
            let mut got_ids: Vec<u32> = lazy.ids().map(|id| id.0).collect();
            got_ids.sort_unstable();
            ids.sort_unstable();
            prop_assert_eq!(got_ids, ids);
        }
    }
}
