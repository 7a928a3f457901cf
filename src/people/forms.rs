//! Name forms the surname candidates do not cover, each found only in a telling context:
//! a given name used alone before an honorific (`小平同志`, `学昭女士`), and a Japanese name
//! after a title (`日本首相桥本龙太郎`).

use super::cues::{CueScratch, Right};
use super::model::LexTag;
use super::stats::Stat;
use super::text::{HAN_LEN, Segment, han_at, is_han};
use super::{Hit, PersonExtractor};

/// Honorifics after which a given name may stand alone.
const HONORIFICS: &[&str] = &["同志", "先生", "女士"];
/// Characters before a given name used alone: a boundary or a function word.
const BEFORE_GIVEN: &str = "的和与及同对向给请让由";
/// Lowest given-name statistic of each character of a given name used alone.
const GIVEN_MIN: f32 = -1.0;
/// ln(1 + frequency) from which a dictionary word is too common to be a given name.
const COMMON_WORD_LN: f32 = 4.1;
/// Last characters of Japanese surnames (`田中`, `桥本`, `村山`, `小渊`).
const JAPANESE_SURNAME_ENDS: &str = "田本村山川井木藤野口原岛泽渊部谷崎桥冈松林森宫内上下中竹边";
/// Last characters of Japanese given names (`太郎`, `幸之助`, `惠子`, `武史`).
const JAPANESE_GIVEN_ENDS: &str = "郎雄夫男子彦树一二三介助治之也人太美惠香代江生平正义明博史机";

impl PersonExtractor {
    /// Given names used alone and Japanese names of one segment, appended to `hits`.
    pub(super) fn other_forms(
        &self,
        si: usize,
        seg: &Segment,
        cues: &CueScratch,
        hits: &mut Vec<Hit>,
    ) {
        let text: &str = &seg.text;
        // Every honorific is a trailing title of the cue scan: where one starts is in
        // `cues.title_at`, sorted and without repeats.
        debug_assert!(
            cues.title_at
                .windows(2)
                .all(|w| matches!(w, [a, b] if a < b))
        );
        for w in HONORIFICS {
            for &at in cues.title_at.iter().filter(|&&at| seg.has_at(at, w)) {
                if let Some(start) = self.given_alone(text, at)
                    && !hits.iter().any(|h| h.at + h.name.len() == at)
                {
                    hits.push(sure_hit(si, text, start, at));
                }
            }
        }
        for s in cues.titles_ending() {
            if let Some(end) = self.japanese_name(text, cues, s) {
                hits.push(sure_hit(si, text, s, end));
            }
        }
    }

    /// Start of a two-character given name standing alone right before byte `end`.
    fn given_alone(&self, text: &str, end: usize) -> Option<usize> {
        let start = end.checked_sub(2 * HAN_LEN)?;
        let bytes = text.as_bytes();
        let (a, b) = (han_at(bytes, start)?, han_at(bytes, start + HAN_LEN)?);
        if [a, b]
            .iter()
            .any(|&c| self.not_given.contains(&c) || self.stats.get(c, Stat::Given) < GIVEN_MIN)
        {
            return None;
        }
        let before = text.get(..start).and_then(|t| t.chars().next_back());
        if before.is_some_and(|c| is_han(c) && !BEFORE_GIVEN.contains(c)) {
            return None;
        }
        // A common word (`全体`, `广大`) is not a name; a rare one may be (`海峰`).
        let name = text.get(start..end)?;
        match self.dict_entry(name) {
            Some(lex) if lex.tag != LexTag::Name && lex.freq_ln >= COMMON_WORD_LN => None,
            _ => Some(start),
        }
    }

    /// End of a Japanese name right after a title ending at byte `start`: a two-character
    /// surname and a two- or three-character given name, then a clause boundary or a verb.
    fn japanese_name(&self, text: &str, cues: &CueScratch, start: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let surname_end = han_at(bytes, start + HAN_LEN)?;
        if han_at(bytes, start).is_none() || !JAPANESE_SURNAME_ENDS.contains(surname_end) {
            return None;
        }
        for given in [3, 2] {
            let end = start + (2 + given) * HAN_LEN;
            let Some(last) = han_at(bytes, end - HAN_LEN) else {
                continue;
            };
            let all_han = (2..2 + given).all(|k| han_at(bytes, start + k * HAN_LEN).is_some());
            let chars_ok = text
                .get(start..end)
                .is_some_and(|n| !n.chars().any(|c| self.sets.function.contains(&c)));
            if !all_han || !chars_ok || !JAPANESE_GIVEN_ENDS.contains(last) {
                continue;
            }
            let right = cues.right(&self.context_chars, text, end);
            let closed = !matches!(right, Right::Other | Right::Suffix | Right::Dot);
            let name = text.get(start..end)?;
            if closed && !self.has_word(name) && !cues.crosses(start, end) {
                return Some(end);
            }
        }
        None
    }
}

/// A hit the model keeps as it is.
fn sure_hit(si: usize, text: &str, start: usize, end: usize) -> Hit {
    Hit {
        seg: si,
        at: start,
        name: text.get(start..end).unwrap_or_default().to_owned(),
        role: None,
        strong: true,
        sure: true,
    }
}

#[cfg(test)]
mod tests {
    use super::HONORIFICS;
    use crate::people::words::TITLES_AFTER;

    #[test]
    fn honorifics_are_trailing_titles_of_the_cue_scan() {
        for h in HONORIFICS {
            assert!(TITLES_AFTER.contains(h), "{h}");
        }
    }
}
