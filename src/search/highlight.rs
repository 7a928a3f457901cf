//! Where a query matched: character positions in a headline or name, for highlighting.

use super::keys::{MappedKeys, mapped_keys};
use super::query::Query;
use std::sync::OnceLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The one fuzzy scorer: `Some(score)` when `pattern`'s characters appear in order in `choice`.
pub fn fuzzy(choice: &str, pattern: &str) -> Option<i64> {
    matcher().fuzzy_match(choice, pattern)
}

/// Like [`fuzzy`], also returning the matched character indices into `choice`.
pub fn fuzzy_positions(choice: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
    matcher().fuzzy_indices(choice, pattern)
}

/// The shared matcher (case-insensitive, per-thread scratch space inside).
pub(in crate::search) fn matcher() -> &'static SkimMatcherV2 {
    static MATCHER: OnceLock<SkimMatcherV2> = OnceLock::new();
    MATCHER.get_or_init(|| SkimMatcherV2::default().ignore_case())
}

/// Character indices of `text` matched by the words of `query`, for highlighting.
///
/// Each word is tried against the text itself, then against its full pinyin and its initials;
/// pinyin positions are mapped back to the characters they were spelled from.
pub fn positions(text: &str, query: &Query) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut mapped: Option<MappedKeys> = None;
    for word in &query.words {
        if let Some((_, pos)) = fuzzy_positions(text, word) {
            out.extend(pos);
            continue;
        }
        if !word.is_ascii() {
            continue;
        }
        let m = mapped.get_or_insert_with(|| mapped_keys(text));
        let full_hit = [&m.full, &m.full_u].into_iter().find_map(|full| {
            // Keys are ASCII, so byte offsets are character offsets here.
            full.find(word.as_str())
                .map(|start| start..start + word.len())
        });
        if let Some(range) = full_hit {
            out.extend(range.filter_map(|k| m.full_map.get(k).copied()));
        } else if let Some((_, pos)) = fuzzy_positions(&m.initials, word) {
            out.extend(
                pos.into_iter()
                    .filter_map(|k| m.initials_map.get(k).copied()),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
