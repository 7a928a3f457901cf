//! Transliterated names: runs of characters that foreign names are written with (克林顿,
//! 叶利钦, 卡斯特罗), parts joined by `·` taken as one name.
//!
//! A run may start only where the character before it is not itself a likely transliteration
//! character (so a piece of a longer name is never a start), it may hold a few characters of
//! low transliteration statistic (`基里延科`), and it ends on a character that can end such a
//! name. Every such span is a candidate; the model weighs its statistics and context, and the
//! longest good span wins where spans overlap.

use super::PersonExtractor;
use super::chinese::{END_SUFFIX, Span};
use super::cues::ContextScratch;
use super::model::{Features, Kind};
use super::stats::Stat;
use super::text::is_han;

/// Marks that join the parts of a foreign name (`卡洛斯·阿马特`, `约翰—格伦`).
pub(super) const JOINS: &str = "·•‧・－—-";
/// Lowest statistic of a first and of a last character.
const START_MIN: f32 = -1.0;
const END_MIN: f32 = -1.0;
/// A neighbour at least this likely makes the span a piece of a longer run.
const NEIGHBOUR_MAX: f32 = 2.0;
/// Lowest statistic of any character, and the limit of a "low" one.
const CHAR_MIN: f32 = -3.5;
const LOW: f32 = 0.5;
/// Lowest statistic of the first character after a joining mark.
const AFTER_JOIN_MIN: f32 = 0.5;
/// Longest run, in characters (joining marks included).
const MAX_CHARS: usize = 16;
/// Characters that, right after a name, make it a place (`…县`, `…人`).
const PLACE_AFTER: &str = "族人语省州市县区河山岛湾港城村镇乡路街队军国院校馆厂店场站";

impl PersonExtractor {
    /// Every transliterated-name candidate of `text`, with its cheap features.
    pub(super) fn translit_candidates(
        &self,
        text: &str,
        ctx: &ContextScratch,
        out: &mut Vec<Span>,
    ) {
        let t = |c: char| self.stats.get(c, Stat::Translit);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let n = chars.len();
        let at = |k: usize| chars.get(k).map(|&(_, c)| c);
        let offset = |k: usize| chars.get(k).map_or(text.len(), |&(o, _)| o);
        let first_new = out.len();
        for i in 0..n {
            let Some(c) = at(i) else { continue };
            if !is_han(c) || t(c) < START_MIN {
                continue;
            }
            if let Some(p) = i.checked_sub(1).and_then(at)
                && ((is_han(p) && t(p) >= NEIGHBOUR_MAX) || JOINS.contains(p))
            {
                continue;
            }
            let (mut j, mut low, mut k, mut dots) = (i, 0usize, 0usize, 0usize);
            while let Some(c) = at(j)
                && j - i < MAX_CHARS
            {
                if JOINS.contains(c) {
                    let next_ok = at(j + 1).is_some_and(|d| is_han(d) && t(d) >= AFTER_JOIN_MIN);
                    if j > i && next_ok && at(j - 1) != Some(c) {
                        dots += 1;
                        j += 1;
                        continue;
                    }
                    break;
                }
                if !is_han(c) {
                    break;
                }
                let v = t(c);
                if v < CHAR_MIN {
                    break;
                }
                if v < LOW {
                    low += 1;
                    if low > 1 + k / 3 {
                        break;
                    }
                }
                k += 1;
                j += 1;
                let last = at(j - 1).unwrap_or_default();
                let next_joins_run = at(j).is_some_and(|d| is_han(d) && t(d) >= NEIGHBOUR_MAX);
                if k >= 2 && !JOINS.contains(last) && t(last) >= END_MIN && !next_joins_run {
                    let (start, end) = (offset(i), offset(j));
                    let seen = out
                        .get(first_new..)
                        .is_some_and(|s| s.iter().any(|x| x.start == start && x.end == end));
                    if !seen {
                        let features = self.translit_measures(text, ctx, start, end, dots > 0);
                        out.push(Span {
                            start,
                            end,
                            features,
                        });
                    }
                }
            }
        }
    }

    /// The cheap features of the transliterated-name candidate `start..end`.
    fn translit_measures(
        &self,
        text: &str,
        ctx: &ContextScratch,
        start: usize,
        end: usize,
        dotted: bool,
    ) -> Features {
        let t = |c: char| self.stats.get(c, Stat::Translit);
        let mut f = Features::new(Kind::Translit);
        let cand = text.get(start..end).unwrap_or_default();
        let core: Vec<f32> = cand
            .chars()
            .filter(|&c| !JOINS.contains(c))
            .map(t)
            .collect();
        if !core.is_empty() {
            f.tr_mean = core.iter().sum::<f32>() / core.len() as f32;
            f.tr_min = core.iter().copied().fold(f32::INFINITY, f32::min);
            f.tr_len = core.len().min(8) as f32;
        }
        f.tr_dot = dotted;
        let prev = text.get(..start).and_then(|s| s.chars().next_back());
        let next = text.get(end..).and_then(|s| s.chars().next());
        f.tr_before_join = next.is_some_and(|c| JOINS.contains(c));
        if let Some(p) = prev.filter(|&p| is_han(p)) {
            f.tr_prev = t(p).clamp(-2.0, 4.0);
        }
        if let Some(x) = next.filter(|&x| is_han(x)) {
            f.tr_next = t(x).clamp(-2.0, 4.0);
        }
        f.tr_ends_place_suffix = cand
            .chars()
            .next_back()
            .is_some_and(|c| END_SUFFIX.contains(c));
        f.tr_before_place_suffix = next.is_some_and(|c| PLACE_AFTER.contains(c));
        f.repeated = text.matches(cand).nth(1).is_some();
        f.left = ctx.left(text, start, |w| self.has_word(w));
        f.right = ctx.right(text, end);
        f
    }

    /// The features of a transliterated candidate that need jieba.
    pub(super) fn translit_full(&self, text: &str, start: usize, end: usize, f: &mut Features) {
        let cand = text.get(start..end).unwrap_or_default();
        f.lex = self.dict_entry(cand);
        (f.cut_left, f.cut_right) = self.cuts_through(text, start, end);
    }
}
