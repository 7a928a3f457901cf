//! The model pass over one segment: candidates scored in two stages, strong-rule hits merged
//! in, and the best non-overlapping names kept.
//!
//! Candidates come from [`super::chinese`] and [`super::translit`]; each is first scored with
//! the cheap weights, and only the likely ones are measured with jieba and scored in full.
//! A strong rule's hit (a name after a role, before a verb…) is evidence the model weighs
//! like any other; a hit after a role is kept unless the model finds it very unlikely (a piece
//! of a longer foreign name). Where candidates overlap, the likelier one wins.

use std::collections::BTreeMap;

use super::chinese::{Source, Span};
use super::coordination::{Conjuncts, Segment};
use super::cues::CueScratch;
use super::memo::WordTag;
use super::model::{CHEAP, FULL, Features, Kind, Measured, Vector, probability};
use super::text::{HAN_LEN, after_figure, is_han};
use super::words::{RELATIONS, STAFF_TITLES};
use super::{Hit, PersonExtractor};

/// Longest span a candidate or a strong hit may have, in bytes (16 characters and joins).
pub(super) const MAX_SPAN: usize = 64;
/// Cheap-stage probability a candidate needs to be measured in full.
pub const STAGE_ONE: f32 = 0.2;
/// [`STAGE_ONE`] as log-odds: ln(0.2 / 0.8).
pub(super) const STAGE_ONE_LOG_ODDS: f32 = -1.386_294_4;
/// How far below [`STAGE_ONE_LOG_ODDS`] a bound on a candidate's cheap score must stay for
/// the candidate to be rejected without the rest of its score: far more than the rounding of
/// a few dozen additions.
pub(super) const BOUND_MARGIN: f32 = 1e-3;
/// Probability a candidate needs to be a name.
pub const ACCEPT: f32 = 0.5;
/// Probability a reading of parts joined by `·` needs to be a name: the mark between two
/// ideographs is itself the evidence (in news text it joins the parts of a foreign name far
/// more often than anything else), so the model only has to choose where the name starts and
/// ends, the likeliest reading of each mark winning by overlap.
pub(super) const DOTTED_ACCEPT: f32 = 0.1;
/// Probability a name needs to be looked for in every other article (the gazetteer).
pub(super) const CONFIDENT: f32 = 0.65;

/// One segment as the model pass takes it.
pub(super) struct SegmentIn<'a> {
    /// Index of the segment in its article (the title first).
    pub(super) si: usize,
    /// The segment, without whitespace.
    pub(super) text: &'a str,
    /// Its cue words.
    pub(super) cues: &'a CueScratch,
    /// What the strong rules found in it.
    pub(super) strong: &'a [Hit],
    /// The article's bylines.
    pub(super) exclude: &'a [&'a str],
}

/// Buffers of the model pass, reused across segments.
#[derive(Default)]
pub(super) struct ModelScratch {
    spans: Vec<Span>,
    /// The spans of the strong hits.
    keep: Vec<(usize, usize)>,
    /// Probability, span index, in the order the spans were made.
    scored: Vec<(f32, usize)>,
    /// Start and end of the names kept so far.
    taken: BTreeMap<usize, usize>,
    /// What jieba said of the spans measured in full so far (few per segment).
    measured: Vec<((usize, usize), Measured)>,
    /// The likely spans that no role rule found, by start.
    likely: Vec<(usize, usize)>,
    /// The spans of readings of parts joined by `·` kept so far.
    dotted: Vec<(usize, usize)>,
    /// The spans of the names found after a role, by start.
    roles: Vec<(usize, usize)>,
    /// The readings that a coordination with a likely name may still make names.
    conjuncts: Conjuncts,
}

/// Sorts `scored` likeliest first; among equals the longer (two rules that both hold,
/// `会长谷口清太郎` read as a Chinese and as a Japanese name), then in the order the candidates
/// were made.
pub(super) fn likeliest_first(spans: &[Span], scored: &mut [(f32, usize)]) {
    let len = |k: usize| spans.get(k).map_or(0, |s| s.end - s.start);
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(len(b.1).cmp(&len(a.1)))
            .then(a.1.cmp(&b.1))
    });
}

/// Least transliteration statistic of every character of a name that a Chinese reading gives
/// way to.
const RUN_ON_MIN: f32 = 0.0;

/// Farthest a dictionary word that a name would be the start of may run past it.
const LONGER_WORD_REACH: usize = 3;

impl PersonExtractor {
    /// The names of one segment: the model's candidates merged with the strong hits found
    /// in it (`strong`, all of segment `si`), appended to `out`.
    pub(super) fn model_hits(
        &self,
        seg: SegmentIn,
        scratch: &mut ModelScratch,
        out: &mut Vec<Hit>,
    ) {
        let SegmentIn {
            si,
            text,
            cues,
            strong,
            exclude,
        } = seg;
        self.candidates(text, cues, strong, false, scratch);
        let ModelScratch {
            spans,
            scored,
            measured,
            conjuncts,
            ..
        } = scratch;
        scored.clear();
        conjuncts.clear();
        measured.clear();
        for (k, s) in spans.iter_mut().enumerate() {
            if s.features.rule_role {
                // Kept unless a likely longer name holds it (see below).
                scored.push((1.0, k));
                continue;
            }
            // Parts joined by `·` are a foreign name all but always: such a candidate is
            // measured whatever the cheap stage says, and its readings compete by overlap.
            let dotted = s.features.tr_dot;
            if !dotted && !self.passes_stage_one(&s.features) {
                continue;
            }
            // Candidates of one span (a Chinese and a transliterated reading) share what jieba
            // says of it.
            let shared = measured.iter().find(|m| {
                m.0 == (s.start, s.end)
                    && (m.1.kind == Kind::Chinese || s.features.kind == Kind::Translit)
            });
            match shared {
                Some(&(_, shared)) => shared.copy_to(&mut s.features),
                None => {
                    self.measure_fully(text, s);
                    measured.push(((s.start, s.end), Measured::of(&s.features)));
                }
            }
            let p = probability(&FULL, &s.features);
            // A reading that segmentation cuts through (`拉·甘|地`), or that a character
            // reading as a transliteration runs on from (`尼·伯尔|切斯库镇`), may end in the
            // wrong place.
            if p >= ACCEPT || (dotted && s.features.clean() && p >= DOTTED_ACCEPT) {
                scored.push((p, k));
            } else {
                conjuncts.offer(p, k, &s.features);
            }
        }
        let ModelScratch {
            spans,
            scored,
            likely,
            dotted,
            ..
        } = scratch;
        // A name after a role that is a piece of a likely longer name (`主席马格坦|戈尔·圭尼
        // 贡多`) gives way to it. The model's likely spans, by start, tell which (a reading of
        // parts joined by `·` taken below the usual threshold is not likely enough: it may
        // take in the role, `牧师约翰·马吉`).
        likely.clear();
        likely.extend(
            scored
                .iter()
                .filter(|&&(p, _)| p >= ACCEPT)
                .filter_map(|&(_, k)| spans.get(k))
                .filter(|s| !s.features.rule_role)
                .map(|s| (s.start, s.end)),
        );
        likely.sort_unstable();
        scored.retain(|&(_, k)| {
            let Some(s) = spans.get(k) else { return false };
            if !s.features.rule_role {
                return true;
            }
            // Spans are short: a holder starts at most `MAX_SPAN` bytes before.
            let from = likely.partition_point(|&(a, _)| a + MAX_SPAN < s.start);
            let to = likely.partition_point(|&(a, _)| a <= s.start);
            !likely
                .get(from..to)
                .unwrap_or_default()
                .iter()
                .any(|&(a, b)| s.end <= b && b - a > s.end - s.start)
        });
        // A Chinese reading that a likely transliterated name runs on from (`伊梅尔|达`) is a
        // piece of it, when every character of that name reads as a transliteration.
        likely.clear();
        likely.extend(
            scored
                .iter()
                .filter_map(|&(_, k)| spans.get(k))
                .filter(|s| s.features.kind == Kind::Translit && s.features.tr_min >= RUN_ON_MIN)
                .map(|s| (s.start, s.end)),
        );
        likely.sort_unstable();
        // So is a Chinese reading inside a taken reading of parts joined by `·`
        // (`理查德·|某某|`), whatever its characters.
        dotted.clear();
        dotted.extend(
            scored
                .iter()
                .filter_map(|&(_, k)| spans.get(k))
                .filter(|s| s.features.tr_dot)
                .map(|s| (s.start, s.end)),
        );
        dotted.sort_unstable();
        scored.retain(|&(_, k)| {
            spans.get(k).is_some_and(|s| {
                if s.features.kind != Kind::Chinese || s.features.rule_role {
                    return true;
                }
                let from = likely.partition_point(|&(a, _)| a < s.start);
                let runs_on = likely
                    .get(from..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&(a, _)| a == s.start)
                    .any(|&(_, b)| b > s.end);
                // Spans are short: a holder starts at most `MAX_SPAN` bytes before.
                let from = dotted.partition_point(|&(a, _)| a + MAX_SPAN < s.start);
                let to = dotted.partition_point(|&(a, _)| a < s.start);
                let inside_dotted = dotted
                    .get(from..to)
                    .unwrap_or_default()
                    .iter()
                    .any(|&(_, b)| s.end <= b);
                !runs_on && !inside_dotted
            })
        });
        likeliest_first(spans, scored);
        // The other conjuncts of a coordination with a likely name (`甲、乙和丙`).
        let ModelScratch {
            spans,
            scored,
            taken,
            conjuncts,
            ..
        } = scratch;
        let seg = Segment {
            text,
            cues,
            rows: &cues.rows,
            marks: &cues.marks,
            spans,
        };
        self.coordinate(seg, scored, conjuncts);
        taken.clear();
        let first_hit = out.len();
        for &(p, k) in scored.iter() {
            let Some(s) = spans.get(k) else { continue };
            // Taken spans do not overlap: only the last one starting before this end may.
            if taken
                .range(..s.end)
                .next_back()
                .is_some_and(|(_, &b)| b > s.start)
            {
                continue;
            }
            taken.insert(s.start, s.end);
            let Some(name) = text.get(s.start..s.end) else {
                continue;
            };
            if self.name_use(text, s.start, s.end) {
                continue;
            }
            // A piece of a longer dictionary word (`杜塞尔|多夫`, `扎扎|实实`) names nobody.
            let ruled = s.features.rule_role || s.features.rule_bare;
            if !ruled && self.begins_longer_word(text, s.start, s.end) {
                continue;
            }
            // `王某`, `李某某`: someone the text does not name.
            if name.chars().any(|c| c == '某') {
                continue;
            }
            // Bylines are named only where a strong rule finds them in the text itself; a
            // name after a staff title is a byline.
            if !ruled && (exclude.contains(&name) || after_staff_title(text, s.start)) {
                continue;
            }
            // Right after a figure it is a unit or a currency (`2万铢`, `3．9卢比`).
            // A name that ends with an organisation word names the organisation (`…公司`).
            if !ruled
                && (after_figure(text, s.start) || ORGANISATIONS.iter().any(|o| name.ends_with(o)))
            {
                continue;
            }
            let role = strong
                .iter()
                .find(|h| h.at == s.start && h.name == name)
                .and_then(|h| h.role.clone())
                .or_else(|| {
                    let len = cues.title_before(s.start)?;
                    Some(self.role_text(text, s.start - len, s.start))
                });
            out.push(Hit {
                seg: si,
                at: s.start,
                name: name.to_owned(),
                role,
                strong: p >= CONFIDENT,
                sure: false,
            });
        }
        drop_names_inside_roles(out, first_hit, strong);
    }

    /// True when jieba's dictionary lists a word that starts at `start` and runs one to
    /// three ideographs past `end`, other than a name with its title or an organisation's
    /// name.
    fn begins_longer_word(&self, text: &str, start: usize, end: usize) -> bool {
        let mut to = end;
        for c in text
            .get(end..)
            .unwrap_or_default()
            .chars()
            .take(LONGER_WORD_REACH)
        {
            if !is_han(c) {
                return false;
            }
            to += c.len_utf8();
            if let Some(word) = text.get(start..to)
                && self.has_word(word)
            {
                // A name and its title (`布什总统`), or an organisation named after a person
                // (`克林顿政府`), hold the name whole.
                if text
                    .get(end..to)
                    .is_some_and(|tail| self.title_words.contains(tail))
                {
                    return false;
                }
                return self.whole_tag(word) != Some(WordTag::Organisation);
            }
        }
        false
    }

    /// The candidates of `text` with their cheap features, strong hits merged in, in
    /// `scratch.spans`.
    fn candidates(
        &self,
        text: &str,
        ctx: &CueScratch,
        strong: &[Hit],
        all: bool,
        scratch: &mut ModelScratch,
    ) {
        let ModelScratch {
            spans, keep, roles, ..
        } = scratch;
        spans.clear();
        keep.clear();
        keep.extend(strong.iter().map(|h| (h.at, h.at + h.name.len())));
        keep.sort_unstable();
        let src = Source {
            text,
            rows: &ctx.rows,
            marks: &ctx.marks,
            cues: ctx,
            keep,
            all,
            starts: (0, ctx.rows.len()),
        };
        self.chinese_candidates(src, spans);
        self.translit_candidates(src, spans);
        // Strong hits: evidence on the candidates of the same span, or a candidate of their
        // own. A segment has a few strong hits and a few dozen candidates: a linear search
        // beats building a map of them.
        let made = spans.len();
        for h in strong {
            let end = h.at + h.name.len();
            let rule = |f: &mut Features| {
                if h.sure {
                    f.rule_role = true;
                } else {
                    f.rule_bare = true;
                }
            };
            let mut matched = false;
            for s in spans.iter_mut().take(made) {
                if s.start == h.at && s.end == end {
                    rule(&mut s.features);
                    matched = true;
                }
            }
            if !matched {
                let compound = self.opens_compound(text, h.at);
                let mut features = self.chinese_measures(text, ctx, h.at, end, compound);
                features.rule_only = true;
                rule(&mut features);
                spans.push(Span {
                    start: h.at,
                    end,
                    features,
                });
            }
        }
        // A context word running into a candidate takes its edge character; a Chinese
        // candidate overlapping a name after a role is beaten by it.
        roles.clear();
        roles.extend(
            strong
                .iter()
                .filter(|h| h.sure)
                .map(|h| (h.at, h.at + h.name.len())),
        );
        roles.sort_unstable();
        spans.retain(|s| {
            let f = &s.features;
            if f.rule_role || f.rule_bare {
                return true;
            }
            if ctx.crosses(s.start, s.end) {
                return false;
            }
            // Roles' names are short: one overlapping starts at most `MAX_SPAN` bytes before.
            let from = roles.partition_point(|&(a, _)| a + MAX_SPAN < s.start);
            let to = roles.partition_point(|&(a, _)| a < s.end);
            f.kind == Kind::Translit
                || !roles
                    .get(from..to)
                    .unwrap_or_default()
                    .iter()
                    .any(|&(_, b)| s.start < b)
        });
    }

    /// True when the cheap stage finds the candidate likely enough to measure in full.
    pub(super) fn passes_stage_one(&self, f: &Features) -> bool {
        f.log_odds(&CHEAP) >= STAGE_ONE_LOG_ODDS
    }

    /// True when a compound surname starts at byte `at`.
    fn opens_compound(&self, text: &str, at: usize) -> bool {
        let mut cs = text.get(at..).into_iter().flat_map(str::chars);
        match (cs.next(), cs.next()) {
            (Some(a), Some(b)) => self.compound.contains(&(a, b)) && text.len() >= at + 2 * HAN_LEN,
            _ => false,
        }
    }
}

impl PersonExtractor {
    /// Every candidate of `text` (strong hits included), fully measured: its byte offset,
    /// name, feature vector, and the vector of the cheap stage. For fitting the model's weights.
    pub(super) fn measured_candidates(&self, text: &str) -> Vec<(usize, String, Vector, Vector)> {
        let mut cues = super::cues::CueScratch::default();
        self.scan(text, &mut cues);
        let seg = super::text::Segment::new(text);
        let mut strong = Vec::new();
        self.strong_hits_in(0, &seg, &mut cues, &mut strong);
        let mut scratch = ModelScratch::default();
        self.candidates(text, &cues, &strong, true, &mut scratch);
        scratch
            .spans
            .iter_mut()
            .map(|s| {
                let cheap = s.features.vector();
                self.measure_fully(text, s);
                let name = text.get(s.start..s.end).unwrap_or_default().to_owned();
                (s.start, name, s.features.vector(), cheap)
            })
            .collect()
    }

    /// Adds what needs jieba to the features of a candidate.
    pub(super) fn measure_fully(&self, text: &str, s: &mut Span) {
        match s.features.kind {
            Kind::Chinese => self.chinese_full(text, s.start, s.end, &mut s.features),
            Kind::Translit => self.translit_full(text, s.start, s.end, &mut s.features),
        }
    }
}

/// True when a staff title (`记者`, `通讯员`) stands right before byte `start`, or opens the
/// `、` list the name at `start` continues (`记者甲、乙`).
pub(super) fn after_staff_title(text: &str, start: usize) -> bool {
    staff_before(text.get(..start).unwrap_or_default(), LIST_ITEMS)
}

/// True when `before` ends with a staff title, or with one, a name and `、`, and so on for
/// up to `items` names.
fn staff_before(before: &str, items: usize) -> bool {
    // A staff title that ends a longer office (`总编辑`, `副主编`) is an office.
    let office = |t: &str| {
        before
            .strip_suffix(t)
            .and_then(|b| b.chars().next_back())
            .is_some_and(|c| OFFICE_PREFIXES.contains(c))
    };
    if STAFF_TITLES
        .iter()
        .any(|t| before.ends_with(t) && !office(t))
    {
        return true;
    }
    let Some(item) = before.strip_suffix('、') else {
        return false;
    };
    items > 0
        && (2..=4).any(|n| {
            item.len()
                .checked_sub(n * HAN_LEN)
                .and_then(|cut| item.get(..cut))
                .is_some_and(|rest| staff_before(rest, items - 1))
        })
}

/// Words that end an organisation's name, never a person's.
const ORGANISATIONS: [&str; 3] = ["公司", "集团", "协会"];

/// Characters that, before a staff title, make it an office (`总编辑`, `副编辑`).
const OFFICE_PREFIXES: &str = "总副主";

/// Most names of a `、` list walked back over to find what opens it.
const LIST_ITEMS: usize = 8;

/// Drops the hits from `first` on that lie inside the role printed before another hit
/// (`布基纳法索总统孔波雷`: the country is part of 孔波雷's role), unless a strong rule found
/// them or the role says whose relative or aide the hit is (`某某之子`).
fn drop_names_inside_roles(out: &mut Vec<Hit>, first: usize, strong: &[Hit]) {
    let Some(found) = out.get(first..) else {
        return;
    };
    let roles: Vec<(usize, usize)> = found
        .iter()
        .filter_map(|h| {
            let role = h.role.as_ref()?;
            if RELATIONS.iter().any(|r| role.ends_with(r)) {
                return None;
            }
            Some((h.at.checked_sub(role.len())?, h.at))
        })
        .collect();
    if roles.is_empty() {
        return;
    }
    let mut k = 0;
    out.retain(|h| {
        k += 1;
        let end = h.at + h.name.len();
        k <= first
            || !roles.iter().any(|&(a, b)| a <= h.at && end <= b)
            || strong.iter().any(|s| s.at == h.at && s.name == h.name)
    });
}
