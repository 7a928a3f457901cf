//! Chinese name candidates: a surname (single or compound) followed by one or two given-name
//! characters, measured for the model.
//!
//! Every surname in a segment opens candidates of two lengths; their shape is checked first
//! (no function word or office suffix in the given name, no title as given name), then the
//! cheap features are taken from the character statistics and the context classes.

use super::PersonExtractor;
use super::cues::ContextScratch;
use super::model::{Features, Kind};
use super::stats::Stat;
use super::text::{HAN_LEN, han_at, is_han};

/// Characters that never end a given name in the model's eyes: function words.
pub(super) const FUNCTION_CHARS: &str = "的了在和与对向及是把被给从为以于也都就还又将已而并或";
/// Characters that end place and organisation names (`村`, `县`, `杯`).
pub(super) const END_SUFFIX: &str =
    "村镇乡县市省区州路街湖河山岛港湾桥站寺庙宫阁楼馆园厂店队杯奖节";
/// One-character given names that are honorifics or placeholders (`胡老`, `王某`).
const HONORIFICS: &str = "老某氏公哥姐嫂妈婆爷叔总";
/// The value of the surname statistic for a compound surname.
const COMPOUND_SURNAME: f32 = 3.0;

/// A Chinese-name candidate: byte range and cheap features.
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) features: Features,
}

impl PersonExtractor {
    /// Every well-shaped Chinese-name candidate of `text`, with its cheap features.
    pub(super) fn chinese_candidates(&self, text: &str, ctx: &ContextScratch, out: &mut Vec<Span>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let Some(c) = han_at(bytes, i) else {
                i += 1;
                continue;
            };
            let compound =
                han_at(bytes, i + HAN_LEN).is_some_and(|d| self.compound.contains(&(c, d)));
            if compound || self.single.contains(&c) {
                let lengths = if compound { [3, 4] } else { [2, 3] };
                for n in lengths {
                    let end = i + n * HAN_LEN;
                    if (1..n).any(|k| han_at(bytes, i + k * HAN_LEN).is_none()) {
                        break;
                    }
                    if let Some(features) = self.chinese_features(text, ctx, i, end, compound) {
                        out.push(Span {
                            start: i,
                            end,
                            features,
                        });
                    }
                }
            }
            i += HAN_LEN;
        }
    }

    /// The cheap features of the candidate `start..end` (all ideographs), or `None` when it is
    /// not shaped like a name.
    pub(super) fn chinese_features(
        &self,
        text: &str,
        ctx: &ContextScratch,
        start: usize,
        end: usize,
        compound: bool,
    ) -> Option<Features> {
        let cand = text.get(start..end)?;
        let given_from = start + if compound { 2 } else { 1 } * HAN_LEN;
        let given = text.get(given_from..end)?;
        if !self.given_shaped(cand, given, compound) {
            return None;
        }
        Some(self.chinese_measures(text, ctx, start, end, compound))
    }

    /// True unless the given name holds a function word or office suffix, is a title or an
    /// honorific, or follows a function-word surname as a word of its own (`和大家`).
    fn given_shaped(&self, cand: &str, given: &str, compound: bool) -> bool {
        if given.chars().any(|c| self.not_given.contains(&c)) {
            return false;
        }
        if self.title_words.contains(given) {
            return false;
        }
        let mut chars = given.chars();
        let (first, second) = (chars.next(), chars.next());
        if let (Some(g), None) = (first, second)
            && HONORIFICS.contains(g)
        {
            return false;
        }
        let function_surname = cand
            .chars()
            .next()
            .is_some_and(|s| super::lexicon::FUNCTION_SURNAMES.contains(s));
        !(!compound && function_surname && second.is_some() && self.has_word(given))
    }

    /// The cheap features of a candidate of any shape (strong rules may find names the
    /// candidates leave out).
    pub(super) fn chinese_measures(
        &self,
        text: &str,
        ctx: &ContextScratch,
        start: usize,
        end: usize,
        compound: bool,
    ) -> Features {
        let stats = &self.stats;
        let mut f = Features::new(Kind::Chinese);
        f.compound = compound;
        let cand = text.get(start..end).unwrap_or_default();
        let skip = if compound { 2 } else { 1 };
        let given: Vec<char> = cand.chars().skip(skip).collect();
        f.surname = if compound {
            COMPOUND_SURNAME
        } else {
            cand.chars()
                .next()
                .map_or(0.0, |c| stats.get(c, Stat::Surname))
        };
        let scores: Vec<f32> = given.iter().map(|&g| stats.get(g, Stat::Given)).collect();
        f.given = scores.iter().sum();
        f.given_min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        if !f.given_min.is_finite() {
            f.given_min = 0.0;
        }
        f.three_chars = given.len() == 2;
        f.ends_function_char = given.last().is_some_and(|&g| FUNCTION_CHARS.contains(g));
        let next = text.get(end..).and_then(|t| t.chars().next());
        if let Some(n) = next
            && is_han(n)
            && !FUNCTION_CHARS.contains(n)
        {
            f.next_given = stats.get(n, Stat::Given).clamp(-3.0, 4.0);
        }
        f.repeated = text.matches(cand).nth(1).is_some();
        f.ends_place_suffix = given.last().is_some_and(|&g| END_SUFFIX.contains(g));
        if !given.is_empty() {
            f.given_translit = given
                .iter()
                .map(|&g| stats.get(g, Stat::Translit))
                .sum::<f32>()
                / given.len() as f32;
        }
        let prev = text.get(..start).and_then(|t| t.chars().next_back());
        f.next_to_dot = prev == Some('·') || next == Some('·');
        f.left = ctx.left(text, start, |w| self.has_word(w));
        f.right = ctx.right(text, end);
        f
    }

    /// The features of a Chinese candidate that need jieba: dictionary entry and
    /// segmentation.
    pub(super) fn chinese_full(&self, text: &str, start: usize, end: usize, f: &mut Features) {
        let cand = text.get(start..end).unwrap_or_default();
        f.lex = self.dict_entry(cand);
        if f.three_chars {
            let head_end = end - 2 * HAN_LEN;
            let given = text.get(head_end..end).unwrap_or_default();
            if !f.compound
                && let Some(freq) = text
                    .get(start..head_end + HAN_LEN)
                    .and_then(|h| self.word_freq_ln(h))
            {
                f.head_is_word = true;
                f.head_word_freq = freq;
            }
            if let Some(freq) = self.word_freq_ln(given) {
                f.given_is_word = true;
                f.given_word_freq = freq;
            }
        }
        (f.cut_left, f.cut_right) = self.cuts_through(text, start, end);
    }
}
