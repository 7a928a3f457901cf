//! Strong rules: a name right after a title or role (and the `、` list it opens), before a
//! verb, or before a title printed after it.

use std::borrow::Cow;

use super::cues::CueScratch;
use super::decode::{ModelScratch, SegmentIn, after_staff_title};
use super::lexicon::WindowCuts;
use super::model::LexTag;
use super::stats::Stat;
use super::text::{HAN_LEN, Segment, is_dot, is_han};
use super::{Hit, PersonExtractor};

/// Most ideographs of a foreign name found after a role.
const FOREIGN_NAME_MAX: usize = 8;
/// Least mean of the best name statistic (transliteration or given name) of its characters.
const FOREIGN_NAME_MIN_MEAN: f32 = 0.5;
/// Least transliteration statistic of a verb that opens a foreign name after a role.
const FOREIGN_NAME_OPEN_MIN: f32 = -1.0;
/// The score of [`PersonExtractor::right_score`] for a name closed by a verb of the lists.
const VERB_CLOSES: u8 = 2;

/// Conjunctions that join the last item of a `、` list of names (longest first).
const LIST_LAST_CONJ: [&str; 4] = ["以及", "和", "及", "与"];

/// What the strong pass keeps of one article for the gazetteer pass.
#[derive(Default)]
pub(super) struct StrongPass {
    /// Strong hits.
    pub(super) hits: Vec<Hit>,
    /// The segments that had whitespace, by index, without it.
    pub(super) stripped: Vec<(usize, String)>,
}

/// Buffers of the per-segment passes, reused across segments.
#[derive(Default)]
pub(super) struct PassScratch {
    cues: CueScratch,
    strong: Vec<Hit>,
    model: ModelScratch,
}

impl PersonExtractor {
    /// Scans `text` for its cue words and makes its rows, in `cues`; true when `text` has
    /// whitespace (see [`super::cues::CueTable::scan_each`]).
    pub(super) fn scan(&self, text: &str, cues: &mut CueScratch) -> bool {
        self.cues.scan(text, &self.stats, cues)
    }

    /// Every person mention the strong rules and the model find in the segments.
    pub(super) fn strong_hits(&self, segs: &[Segment], exclude: &[&str]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut scratch = PassScratch::default();
        for (si, seg) in segs.iter().enumerate() {
            // Segments have no whitespace left, so the scan always covers the whole text.
            self.scan(&seg.text, &mut scratch.cues);
            self.segment_hits(si, seg, exclude, &mut scratch, &mut hits);
        }
        hits
    }

    /// The hits of one segment whose cues are in `scratch`: strong rules, then the model.
    fn segment_hits(
        &self,
        si: usize,
        seg: &Segment,
        exclude: &[&str],
        scratch: &mut PassScratch,
        hits: &mut Vec<Hit>,
    ) {
        scratch.strong.clear();
        self.strong_hits_in(si, seg, &mut scratch.cues, &mut scratch.strong);
        let input = SegmentIn {
            si,
            text: &seg.text,
            cues: &scratch.cues,
            strong: &scratch.strong,
            exclude,
        };
        self.model_hits(input, &mut scratch.model, hits);
    }

    /// The strong pass over one article's raw title and paragraphs.
    ///
    /// The cue scan also notices whitespace; only the (rare) segments that have some are
    /// copied without it and scanned again. They are returned for the gazetteer pass.
    ///
    /// `scratch` holds buffers reused from article to article.
    pub(super) fn strong_pass<'a>(
        &self,
        raw: impl Iterator<Item = &'a str>,
        exclude: &[&str],
        scratch: &mut PassScratch,
    ) -> StrongPass {
        let mut pass = StrongPass::default();
        for (si, text) in raw.enumerate() {
            if self.scan(text, &mut scratch.cues) {
                let seg = Segment::new(text);
                self.scan(&seg.text, &mut scratch.cues);
                self.segment_hits(si, &seg, exclude, scratch, &mut pass.hits);
                pass.stripped.push((si, seg.text.into_owned()));
            } else {
                let seg = Segment {
                    text: Cow::Borrowed(text),
                };
                self.segment_hits(si, &seg, exclude, scratch, &mut pass.hits);
            }
        }
        pass
    }

    /// The strong hits of one segment from its scanned cues, appended to `hits`.
    pub(super) fn strong_hits_in(
        &self,
        si: usize,
        seg: &Segment,
        cues: &mut CueScratch,
        hits: &mut Vec<Hit>,
    ) {
        // Sorted by end then length: the last entry of each end is its longest role.
        cues.role_ends.sort_unstable();
        // Where a verb starts, ascending: whether one follows a name is a binary search.
        cues.follower_at.sort_unstable();
        cues.follower_at.dedup();
        let (roles, verbs) = (&cues.role_ends, &cues.follower_at);
        for (k, &(end, len)) in roles.iter().enumerate() {
            // The longest role of each end, unless a longer title runs on (`副总|理`).
            if roles.get(k + 1).is_none_or(|&(next, _)| next != end) && !cues.title_runs_past(end) {
                self.role_list(seg, si, (end, len), (roles, verbs), hits);
            }
        }
        // A foreign name after any other title of the lists, closed by punctuation
        // (`前总理某某、`).
        for end in cues.titles_ending() {
            // A name after a staff title (`记者`, `编辑`) is a byline.
            if roles.binary_search_by(|&(e, _)| e.cmp(&end)).is_ok()
                || cues.title_runs_past(end)
                || after_staff_title(&seg.text, end)
            {
                continue;
            }
            // Closed by punctuation, a figure or 等 only: a verb may be glued to the run. A
            // Chinese name is read first (`女儿潘某，`), a foreign one otherwise.
            let Some(len) = cues.title_before(end) else {
                continue;
            };
            let closed =
                |name_end: usize| seg.get(name_end).is_none_or(|c| !is_han(c) || c == '等');
            if let Some(name_end) = self
                .name_after(seg, end, Some(end - len), verbs)
                .filter(|&e| closed(e))
                .or_else(|| {
                    self.foreign_name_after(seg, end, verbs)
                        .filter(|&e| closed(e))
                })
            {
                hits.push(Hit {
                    seg: si,
                    at: end,
                    name: seg.slice(end, name_end).to_owned(),
                    role: Some(self.role_text(&seg.text, end - len, end)),
                    strong: true,
                    sure: true,
                });
            }
        }
        // Verbs starting at each position, titles after.
        let CueScratch {
            follower_at,
            title_at,
            ..
        } = cues;
        // Names before a verb need a boundary on their left; names before a title do not.
        for (positions, need_left) in [(follower_at, true), (title_at, false)] {
            positions.sort_unstable();
            positions.dedup();
            for &s in positions.iter() {
                if let Some(start) = self.name_before(seg, s, need_left) {
                    hits.push(Hit {
                        seg: si,
                        at: start,
                        name: seg.slice(start, s).to_owned(),
                        role: None,
                        strong: true,
                        sure: false,
                    });
                }
            }
        }
        self.other_forms(si, seg, cues, hits);
    }

    /// A name right after a role ending at byte `end` (`len` bytes long), and the `、` list
    /// it may open.
    ///
    /// `roles` are every role's end and length, sorted: a foreign name is not looked for
    /// where a longer role goes on (`副总|裁`). `verbs` are where the verbs of the segment
    /// start, ascending.
    fn role_list(
        &self,
        seg: &Segment,
        si: usize,
        (end, len): (usize, usize),
        (roles, verbs): (&[(usize, usize)], &[usize]),
        hits: &mut Vec<Hit>,
    ) {
        let Some(name_end) = self
            .name_after(seg, end, Some(end - len), verbs)
            .or_else(|| {
                self.foreign_name_after(seg, end, verbs)
                    .filter(|&name_end| {
                        let from = roles.partition_point(|&(e, _)| e <= end);
                        roles.get(from).is_none_or(|&(e, _)| e > name_end)
                    })
            })
        else {
            return;
        };
        let role_text = self.role_text(&seg.text, end - len, end);
        // A title printed right after a name is that name's (`某某主席谈…`): what follows
        // is what the person did, not another person.
        let role_from = end - role_text.len();
        if self.name_holds_title(seg, role_from, end - len) {
            return;
        }
        let role = Some(role_text);
        hits.push(Hit {
            seg: si,
            at: end,
            name: seg.slice(end, name_end).to_owned(),
            role: role.clone(),
            strong: true,
            sure: true,
        });
        let mut at = name_end;
        while seg.get(at) == Some('、') {
            let next = at + '、'.len_utf8();
            let Some(next_end) = self.name_after(seg, next, None, verbs) else {
                break;
            };
            hits.push(Hit {
                seg: si,
                at: next,
                name: seg.slice(next, next_end).to_owned(),
                role: role.clone(),
                strong: true,
                sure: true,
            });
            at = next_end;
        }
        // The last item of a `、` list may be joined by a conjunction (`甲、乙和丙`).
        if at > name_end
            && let Some(conj) = LIST_LAST_CONJ.iter().find(|c| seg.has_at(at, c))
        {
            let next = at + conj.len();
            if let Some(next_end) = self.name_after(seg, next, None, verbs) {
                hits.push(Hit {
                    seg: si,
                    at: next,
                    name: seg.slice(next, next_end).to_owned(),
                    role,
                    strong: true,
                    sure: true,
                });
            }
        }
    }

    /// True when `from..to`, all that a role phrase holds before its title word, is a name:
    /// shaped as one, and a person or no word to the dictionary (`某某|主席`, not `温县|县长`).
    fn name_holds_title(&self, seg: &Segment, from: usize, to: usize) -> bool {
        to > from
            && self.shaped(seg, from, to)
            && self
                .dict_entry(seg.slice(from, to))
                .is_none_or(|e| e.tag == LexTag::Name)
    }

    /// End of the best name starting at `start`, judged by what follows it (`verbs`: where
    /// the segment's verbs start, ascending).
    ///
    /// `role_from` is where the role before the name starts: segmentation that joins the
    /// role's last character to the name's first (`区长|江某某`: `长江`) does not cut the
    /// name, but a word that holds the whole role does (`领导班子`).
    fn name_after(
        &self,
        seg: &Segment,
        start: usize,
        role_from: Option<usize>,
        verbs: &[usize],
    ) -> Option<usize> {
        let mut best: Option<(u8, usize)> = None;
        // One segmentation window serves every length.
        let mut cuts = WindowCuts::new(seg.back(start, 4), seg.forward(start, 8));
        for len in [4, 3, 2] {
            let end = start + len * HAN_LEN;
            if !self.shaped(seg, start, end) {
                continue;
            }
            // A name does not end with a verb that follows names (`村民王丹|说：`).
            let last = end - HAN_LEN;
            if len >= 3
                && (verbs.binary_search(&last).is_ok()
                    || seg
                        .get(last)
                        .is_some_and(|c| self.sets.follower_chars.contains(&c)))
            {
                continue;
            }
            let Some(score) = self.right_score(seg, end, verbs) else {
                continue;
            };
            // Only a strictly better score replaces the best so far; the checks below are
            // pure, so a candidate that cannot win need not be checked.
            if best.is_some_and(|(s, _)| score <= s) {
                continue;
            }
            if self.is_common_word(seg, start, end) {
                continue;
            }
            // A verb of the lists closing the name is a word boundary whatever segmentation
            // says (`何某|会见`, though `晨会` is a word).
            if score != VERB_CLOSES && !self.boundary_at(seg, &mut cuts, end) {
                continue;
            }
            // So is the role before it when the word across the boundary starts inside the
            // role (`区长|江某某`: `长江`), not when a word holds the whole role (`领导班子`).
            let across_from_role = |cuts: &mut WindowCuts| {
                role_from.is_some_and(|from| {
                    let ends = cuts.ends(self, seg);
                    let before = ends.partition_point(|&e| e < start);
                    before
                        .checked_sub(1)
                        .and_then(|k| ends.get(k))
                        .is_some_and(|&e| e > from)
                })
            };
            if !self.boundary_at(seg, &mut cuts, start) && !across_from_role(&mut cuts) {
                continue;
            }
            best = Some((score, end));
        }
        best.map(|(_, end)| end)
    }

    /// End of a foreign name right after a role (`前总理差瓦立、`, `行长伦差等`): two to
    /// eight ideographs, parts perhaps joined by `·`, closed by punctuation or a word that
    /// follows names (`等`, `也`, `说`), that segmentation finds no ordinary word in and whose characters
    /// read as a name's.
    fn foreign_name_after(&self, seg: &Segment, start: usize, verbs: &[usize]) -> Option<usize> {
        let verb_at = |at: usize| verbs.binary_search(&at).is_ok();
        // A verb that rarely transliterates opens the clause, not the name (`农民叫某某`).
        if let Some(first) = seg.get(start)
            && self.stats.get(first, Stat::Translit) < FOREIGN_NAME_OPEN_MIN
            && self.is_verb(seg.slice(start, start + first.len_utf8()))
        {
            return None;
        }
        let (mut end, mut chars, mut score) = (start, 0usize, 0.0f32);
        while let Some(c) = seg.get(end) {
            // A function word or a verb ends the run; only some close a name.
            if self.not_given.contains(&c) || self.sets.follower_chars.contains(&c) || verb_at(end)
            {
                break;
            }
            if is_han(c) {
                chars += 1;
                score += self
                    .stats
                    .get(c, Stat::Translit)
                    .max(self.stats.get(c, Stat::Given));
            } else if !(c == '·' && chars > 0 && seg.get(end + c.len_utf8()).is_some_and(is_han)) {
                break;
            }
            end += c.len_utf8();
            if chars > FOREIGN_NAME_MAX {
                return None;
            }
        }
        let closed = seg
            .get(end)
            .is_none_or(|c| !is_han(c) || self.sets.follower_chars.contains(&c) || verb_at(end));
        if !closed || chars < 2 || score / (chars as f32) < FOREIGN_NAME_MIN_MEAN {
            return None;
        }
        let ordinary = self
            .jieba
            .cut(seg.slice(start, end), false)
            .iter()
            .any(|t| {
                t.word.chars().count() >= 2
                    && self.is_common_word(seg, start + t.byte_start, start + t.byte_end)
            });
        (!ordinary).then_some(end)
    }

    /// How clearly the text at `end` closes a name: 3 punctuation or `等`, 2 a verb,
    /// 1 a one-character word, 0 a word boundary by segmentation; `None` if it does not.
    fn right_score(&self, seg: &Segment, end: usize, verbs: &[usize]) -> Option<u8> {
        let Some(c) = seg.get(end) else {
            return Some(3);
        };
        if !is_han(c) || c == '等' {
            return Some(3);
        }
        if verbs.binary_search(&end).is_ok() {
            return Some(VERB_CLOSES);
        }
        if self.sets.follower_chars.contains(&c) {
            return Some(1);
        }
        // A two-character dictionary word must start here.
        let next = seg.slice(end, seg.forward(end, 2));
        if next.chars().count() == 2 && self.jieba.has_word(next) {
            return Some(0);
        }
        None
    }

    /// Start of a name ending right before `end` (a verb or a trailing title).
    fn name_before(&self, seg: &Segment, end: usize, need_left: bool) -> Option<usize> {
        // One segmentation window serves every length.
        let mut cuts = WindowCuts::new(seg.back(end, 8), seg.forward(end, 4));
        for len in [4, 3, 2] {
            let Some(start) = end.checked_sub(len * HAN_LEN) else {
                continue;
            };
            // After `·` it is the last part of a foreign name (`理查德·某某`), not a name.
            if !self.shaped(seg, start, end) || seg.before(start).is_some_and(is_dot) {
                continue;
            }
            // A conjunction or preposition that is also a surname, inside running text,
            // joins a shorter name (`我和白林同志`: 白林, not 和白林), or a given name used
            // alone before an honorific (`回信向学昭女士`: 学昭).
            if len >= 3
                && seg.before(start).is_some_and(is_han)
                && seg
                    .get(start)
                    .is_some_and(|c| self.sets.function_surname.contains(&c))
                && (self.shaped(seg, start + HAN_LEN, end)
                    || self.given_alone_before_honorific(seg, end) == Some(start + HAN_LEN))
            {
                continue;
            }
            if need_left {
                // `了` closes a verb whose object may be a full name (`发表了某某某回忆`);
                // two characters there are mostly a noun (`宣读了贺信表示`).
                let left_ok = match seg.before(start) {
                    None => true,
                    Some('了') => len >= 3,
                    Some(c) => !is_han(c) || self.sets.left_conj.contains(&c),
                };
                if !left_ok {
                    continue;
                }
            }
            if !self.is_common_word(seg, start, end)
                && self.segmented_whole_within(seg, &mut cuts, start, end)
            {
                return Some(start);
            }
        }
        None
    }
}
