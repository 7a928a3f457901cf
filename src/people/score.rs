//! Person-name precision and recall against gold annotations, computed like `score.py`.
//!
//! Kept in the library so the same figures can be computed on gold-sliced bodies now and on
//! real ingest output later: per article, gold `persons` against predicted names, with
//! `persons_optional` names counted neither way; totals over all articles.

use std::collections::BTreeSet;

/// Running true/false positive and false negative counts, plus the per-article differences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonScore {
    /// Predicted names that are in the gold.
    pub tp: usize,
    /// Predicted names that are not in the gold (nor optional).
    pub fp: usize,
    /// Gold names that were not predicted.
    pub fn_: usize,
    /// One line per article with a difference: `label: extra=[…] missing=[…]`.
    pub misses: Vec<String>,
}

/// Remove all whitespace, as the scorer does before comparing names.
fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

impl PersonScore {
    /// Add one article's gold, optional and predicted names; `label` names it in `misses`.
    pub fn add<G, O, P>(&mut self, label: &str, gold: G, optional: O, predicted: P)
    where
        G: IntoIterator,
        G::Item: AsRef<str>,
        O: IntoIterator,
        O::Item: AsRef<str>,
        P: IntoIterator,
        P::Item: AsRef<str>,
    {
        let gold: BTreeSet<String> = gold.into_iter().map(|s| norm(s.as_ref())).collect();
        let optional: BTreeSet<String> = optional.into_iter().map(|s| norm(s.as_ref())).collect();
        let pred: BTreeSet<String> = predicted
            .into_iter()
            .map(|s| norm(s.as_ref()))
            .filter(|s| !optional.contains(s))
            .collect();
        let extra: Vec<&String> = pred.difference(&gold).collect();
        let missing: Vec<&String> = gold.difference(&pred).collect();
        self.tp += gold.intersection(&pred).count();
        self.fp += extra.len();
        self.fn_ += missing.len();
        if !extra.is_empty() || !missing.is_empty() {
            self.misses
                .push(format!("{label}: extra={extra:?} missing={missing:?}"));
        }
    }

    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), 0 when the gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

/// `n / d`, or 0 when `d` is 0.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_the_scorer() {
        let mut s = PersonScore::default();
        s.add("a", ["张三", "李四"], ["雷锋"], ["张三", "雷锋", "王五"]);
        assert_eq!((s.tp, s.fp, s.fn_), (1, 1, 1));
        assert!((s.precision() - 0.5).abs() < 1e-9);
        assert!((s.recall() - 0.5).abs() < 1e-9);
        assert_eq!(s.misses.len(), 1);
    }

    #[test]
    fn empty_is_zero_not_nan() {
        let s = PersonScore::default();
        assert_eq!(s.precision(), 0.0);
        assert_eq!(s.recall(), 0.0);
    }
}
