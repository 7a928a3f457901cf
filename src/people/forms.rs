//! Name forms the surname candidates do not cover, each found only in a telling context:
//! a given name used alone before an honorific (`小平同志`, `学昭女士`), and a Japanese name
//! after a title (`日本首相桥本龙太郎`).

use super::cues::{CueScratch, Right};
use super::model::{LexTag, has_cue};
use super::stats::Stat;
use super::text::{HAN_LEN, Segment, han_at, is_han};
use super::words::PERSON_PLACES;
use super::{Hit, PersonExtractor};

/// Honorifics after which a given name may stand alone.
const HONORIFICS: &[&str] = &["同志", "先生", "女士"];
/// Characters before a given name used alone: a boundary or a function word.
pub(super) const BEFORE_GIVEN: &str = "的和与及同对向给请让由";
/// Lowest given-name statistic of each character of a given name used alone.
const GIVEN_MIN: f32 = -1.0;
/// ln(1 + frequency) from which a dictionary word is too common to be a given name.
const COMMON_WORD_LN: f32 = 4.1;
/// Last characters of Japanese surnames (`田中`, `桥本`, `村山`, `小渊`, `北条`, `本间`).
pub(super) const JAPANESE_SURNAME_ENDS: &str =
    "田本村山川井木藤野口原岛泽渊部谷崎桥冈松林森宫内上下中竹边条间";
/// Last characters of Japanese given names (`太郎`, `幸之助`, `惠子`, `武史`).
pub(super) const JAPANESE_GIVEN_ENDS: &str =
    "郎雄夫男子彦树一二三介助治之也人太美惠香代江生平正义明博史机";

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
        // A surname that is also a function word, opening a clause (`，和万春还…`): only
        // the common ideographs right after something else are looked at.
        // A Japanese name opening a clause, as the subject of a verb (`，某某英机在书房里`),
        // is looked for in the same pass and kept unless a name found below overlaps it.
        let mut subjects: Vec<(usize, usize)> = Vec::new();
        for k in cues.marks.clause_openers(cues.rows.len()) {
            let Some(row) = cues.rows.get(k) else {
                continue;
            };
            let at = row.off;
            if self.sets.function_surname.contains(&row.c)
                && let Some(end) = self.function_surname_name(text, cues, at)
            {
                hits.push(sure_hit(si, text, at, end));
            } else if let Some(end) = self.japanese_subject(text, cues, at) {
                subjects.push((at, end));
            }
        }
        // Before a verb or a title printed after a name, at a clause boundary.
        for &e in cues.follower_at.iter().chain(&cues.title_at) {
            if let Some(start) = self.japanese_name_before(text, cues, e)
                && !hits.iter().any(|h| h.at < e && start < h.at + h.name.len())
            {
                hits.push(sure_hit(si, text, start, e));
            }
        }
        for (start, end) in subjects {
            if !hits
                .iter()
                .any(|h| h.at < end && start < h.at + h.name.len())
            {
                hits.push(sure_hit(si, text, start, end));
            }
        }
    }

    /// End of a Japanese name at byte `start`, which opens a clause, when a verb, a verb of
    /// speech, an adverb, a preposition or a title follows it. With no title before it, its
    /// surname and its given name must be no common word either (`天下|何人`, `腕上|功夫`).
    fn japanese_subject(&self, text: &str, cues: &CueScratch, start: usize) -> Option<usize> {
        // Most clauses open with no surname of that shape: one bit test rules them out.
        if !han_at(text.as_bytes(), start + HAN_LEN)
            .is_some_and(|c| self.sets.japanese_surname_end.contains(&c))
        {
            return None;
        }
        [3, 2].into_iter().find_map(|given| {
            let end = start + (2 + given) * HAN_LEN;
            let surname_end = start + 2 * HAN_LEN;
            let common = |from: usize, to: usize| {
                text.get(from..to)
                    .is_none_or(|w| self.too_common_for_a_name(w))
            };
            if end > text.len()
                || !self.japanese_shaped(text, cues, start, end)
                || common(start, surname_end)
                || common(surname_end, end)
            {
                return None;
            }
            let follows = match cues.right(&self.context_chars, text, end) {
                Right::Speech | Right::Adv | Right::Prep | Right::Title | Right::Title2 => true,
                Right::Other => self.verb_at(text, end, 2),
                _ => false,
            };
            follows.then_some(end)
        })
    }

    /// Start of a two-character given name standing alone right before an honorific that
    /// starts at byte `end` (`学昭女士`).
    pub(super) fn given_alone_before_honorific(&self, seg: &Segment, end: usize) -> Option<usize> {
        if !HONORIFICS.iter().any(|w| seg.has_at(end, w)) {
            return None;
        }
        self.given_alone(&seg.text, end)
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
        if before.is_some_and(|c| is_han(c) && !self.sets.before_given.contains(&c)) {
            return None;
        }
        // A common word (`全体`, `广大`) is not a name; a rare one may be (`海峰`).
        let name = text.get(start..end)?;
        (!self.too_common_for_a_name(name)).then_some(start)
    }

    /// End of a three-character name at byte `start`, which opens a clause with a surname
    /// that is also a function word (`和`, `向`, `于`): the surname and the first given
    /// character make no word (`同时`), the given name is no common word (`大家`), and a
    /// verb, adverb, title or clause boundary follows.
    fn function_surname_name(&self, text: &str, cues: &CueScratch, start: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let surname = han_at(bytes, start)?;
        if !self.single.contains(&surname) {
            return None;
        }
        let given = [
            han_at(bytes, start + HAN_LEN)?,
            han_at(bytes, start + 2 * HAN_LEN)?,
        ];
        if given
            .iter()
            .any(|&c| self.not_given.contains(&c) || self.stats.get(c, Stat::Given) < GIVEN_MIN)
        {
            return None;
        }
        let end = start + 3 * HAN_LEN;
        let common = |from: usize, to: usize| {
            text.get(from..to)
                .is_some_and(|w| self.too_common_for_a_name(w))
        };
        let head = text.get(start..start + 2 * HAN_LEN)?;
        if self.has_word(head) || common(start + HAN_LEN, end) || common(start, end) {
            return None;
        }
        let right = cues.right(&self.context_chars, text, end);
        let follows = matches!(
            right,
            Right::End | Right::Speech | Right::Adv | Right::Title | Right::Title2
        );
        (follows && !cues.crosses(start, end)).then_some(end)
    }

    /// End of a Japanese name right after a title ending at byte `start`: a two-character
    /// surname and a two- or three-character given name, then a clause boundary or a verb.
    fn japanese_name(&self, text: &str, cues: &CueScratch, start: usize) -> Option<usize> {
        for given in [3, 2] {
            let end = start + (2 + given) * HAN_LEN;
            if end > text.len() {
                continue;
            }
            let right = cues.right(&self.context_chars, text, end);
            if !matches!(right, Right::Other | Right::Suffix | Right::Dot)
                && self.japanese_shaped(text, cues, start, end)
            {
                return Some(end);
            }
        }
        None
    }

    /// Start of a Japanese name right before byte `end` (a verb or a title printed after
    /// it), with a clause boundary or a function word before it (`，武村正义说`).
    fn japanese_name_before(&self, text: &str, cues: &CueScratch, end: usize) -> Option<usize> {
        for given in [3, 2] {
            let Some(start) = end.checked_sub((2 + given) * HAN_LEN) else {
                continue;
            };
            let before = text.get(..start).and_then(|t| t.chars().next_back());
            if before.is_some_and(|c| is_han(c) && !self.sets.before_given.contains(&c)) {
                continue;
            }
            if self.japanese_shaped(text, cues, start, end) {
                return Some(start);
            }
        }
        None
    }

    /// True when `start..end` reads as a Japanese name: a two-character surname and a two-
    /// or three-character given name, all ideographs with the ends such names have, no
    /// function character, not a common word, and no longer word running into it.
    fn japanese_shaped(&self, text: &str, cues: &CueScratch, start: usize, end: usize) -> bool {
        let bytes = text.as_bytes();
        let chars = end.saturating_sub(start) / HAN_LEN;
        if !(4..=5).contains(&chars) {
            return false;
        }
        // The ends such names have rule out most spans before the whole span is read.
        let surname_end = han_at(bytes, start + HAN_LEN);
        let last = han_at(bytes, end - HAN_LEN);
        if !surname_end.is_some_and(|c| self.sets.japanese_surname_end.contains(&c))
            || !last.is_some_and(|c| self.sets.japanese_given_end.contains(&c))
            || (0..chars).any(|k| han_at(bytes, start + k * HAN_LEN).is_none())
        {
            return false;
        }
        let Some(name) = text.get(start..end) else {
            return false;
        };
        if name.chars().any(|c| self.sets.function.contains(&c)) {
            return false;
        }
        if cues.crosses(start, end) {
            return false;
        }
        // The dictionary lists some such names as words (`桥本龙太郎`); only a common word
        // is not a name.
        !self.too_common_for_a_name(name)
    }

    /// The surname of a Japanese name (`桥本` of `桥本龙太郎`), by which later mentions name
    /// the same person: a two-character surname and a two- or three-character given name,
    /// with the ends such names have.
    pub(super) fn japanese_surname_of<'n>(&self, name: &'n str) -> Option<&'n str> {
        let (second, last) = (name.chars().nth(1)?, name.chars().next_back()?);
        if !(4..=5).contains(&name.chars().count())
            || !name
                .chars()
                .all(|c| is_han(c) && !self.sets.function.contains(&c))
            || !self.sets.japanese_surname_end.contains(&second)
            || !self.sets.japanese_given_end.contains(&last)
        {
            return None;
        }
        name.get(..2 * HAN_LEN)
    }

    /// Whether the surname of a Japanese name at `start..end` of `text` stands for the person
    /// there: `Some` with the title beside it (`桥本首相`: 首相) when the context says "person"
    /// (a title, a verb of speech or an adverb after it, or a title before it), `None` when
    /// it does not. A surname that is also a place is not taken before a title, where a
    /// place goes too (`松本市长`).
    pub(super) fn surname_alone(
        &self,
        text: &str,
        cues: &CueScratch,
        start: usize,
        end: usize,
    ) -> Option<Option<String>> {
        let right = cues.right(&self.context_chars, text, end);
        let left = cues.left(&self.context_chars, text, start, |w| self.has_word(w));
        if !has_cue(left, right, false) && right != Right::Adv {
            return None;
        }
        let place = || {
            text.get(start..end)
                .and_then(|name| self.dict_entry(name))
                .is_some_and(|l| l.tag == LexTag::Place)
        };
        if matches!(right, Right::Title | Right::Title2) && place() {
            return None;
        }
        let title = cues
            .title_after(end)
            .map(|len| (end, end + len))
            .filter(|&(a, b)| text.get(a..b).is_none_or(|w| !PERSON_PLACES.contains(&w)))
            .or_else(|| cues.title_before(start).map(|len| (start - len, start)))
            .and_then(|(a, b)| text.get(a..b))
            .map(str::to_owned);
        Some(title)
    }

    /// True when the dictionary lists `word` as a common word other than a name (`全体`,
    /// `广大`); a rare word may still be a name (`海峰`).
    fn too_common_for_a_name(&self, word: &str) -> bool {
        self.dict_entry(word)
            .is_some_and(|lex| lex.tag != LexTag::Name && lex.freq_ln >= COMMON_WORD_LN)
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
