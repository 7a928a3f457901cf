//! Transliterated names: runs of characters that foreign names are written with (克林顿,
//! 叶利钦, 卡斯特罗), parts joined by `·` taken as one name.
//!
//! A run may start only where the character before it is not itself a likely transliteration
//! character (so a piece of a longer name is never a start), it may hold a few characters of
//! low transliteration statistic (`基里延科`), and it ends on a character that can end such a
//! name. Every such span is a candidate; the model weighs its statistics and context, and the
//! longest good span wins where spans overlap.

use super::PersonExtractor;
use super::chinese::{Source, Span, left_by_char, quoted};
use super::cues::{CueScratch, LEFT_CLASSES, LEFTS, Left, RIGHTS, Right};
use super::decode::{BOUND_MARGIN, STAGE_ONE_LOG_ODDS};
use super::model::{CHEAP, Features, Kind, context_weight, repeated_nearby, weight};
use super::stats::{Row, Stat};
use super::text::{is_han, opens_count};

/// Marks that join the parts of a foreign name (`卡洛斯·阿马特`, `约翰—格伦`).
pub(super) const JOINS: &str = "·•‧・－—-";
/// Lowest statistic of a first and of a last character.
const START_MIN: f32 = -1.0;
const END_MIN: f32 = -1.0;
/// A neighbour at least this likely makes the span a piece of a longer run.
const NEIGHBOUR_MAX: f32 = 2.0;
/// Every name holds a character at least this likely (its anchor).
pub(super) const ANCHOR_MIN: f32 = 1.2;
/// Lowest statistic of any character, and the limit of a "low" one.
const CHAR_MIN: f32 = -3.5;
const LOW: f32 = 0.5;
/// Lowest statistic of the first character after a joining mark.
const AFTER_JOIN_MIN: f32 = -1.0;
/// Farthest a start may be from the first very likely character of its name.
const REACH: usize = 4;
/// Most characters of the first part of a name joined by `·` that may open with a character
/// below [`START_MIN`].
const MAX_PART: usize = 4;
/// Longest run, in characters (joining marks included).
const MAX_CHARS: usize = 16;
/// Characters that, right after a name, make it a place (`…县`, `…人`).
pub(super) const PLACE_AFTER: &str = "族人语省州市县区河山岛湾港城村镇乡路街队军国院校馆厂店场站";

impl PersonExtractor {
    /// The transliterated-name candidates of a segment with their cheap features: every one
    /// with `src.all`, else those the cheap stage finds likely and those in `src.keep`.
    pub(super) fn translit_candidates(&self, src: Source, out: &mut Vec<Span>) {
        // A name holds a character that is very likely a transliteration, at most
        // `REACH` characters after its start: only starts near one are tried.
        let mut next_start = 0;
        let (first, last) = src.starts;
        // The rows of the segment's middle dots (most segments have none).
        let dots = &src.marks.dots;
        for &q in &src.marks.anchors {
            for i in
                q.saturating_sub(REACH).max(next_start).max(first)..=q.min(last.saturating_sub(1))
            {
                self.translit_from(src, i, dots, out);
            }
            next_start = q + 1;
        }
    }

    /// The candidates starting at row `i`; `dots` are the rows of the segment's middle dots,
    /// ascending.
    fn translit_from(&self, src: Source, i: usize, dots: &[usize], out: &mut Vec<Span>) {
        let Source {
            text,
            rows,
            cues: ctx,
            keep,
            all,
            ..
        } = src;
        let at = |k: usize| rows.get(k).map(|r| (r.c, r.translit));
        let offset = |k: usize| rows.get(k).map_or(text.len(), |r| r.off);
        let is_join = |c: char| self.sets.joins.contains(&c);
        let Some(first) = rows.get(i) else { return };
        let v = first.translit;
        // The first part of a name joined by a middle dot may open with a character that
        // rarely transliterates (`理查德·某某`): the mark says what the part is.
        let part_of_dotted = || {
            let next = dots.partition_point(|&k| k <= i);
            dots.get(next).is_some_and(|&j| {
                j <= i + MAX_PART
                    && rows
                        .get(i + 1..j)
                        .is_some_and(|between| between.iter().all(Row::is_han))
            })
        };
        if !first.is_han() || (v < START_MIN && !(v >= CHAR_MIN && part_of_dotted())) {
            return;
        }
        if let Some((p, pv)) = i.checked_sub(1).and_then(at)
            && (pv >= NEIGHBOUR_MAX || is_join(p))
        {
            return;
        }
        let (mut j, mut low, mut k, mut dots, mut has_strong) = (i, 0usize, 0usize, 0usize, false);
        // What stands before the start, shared by every candidate from it, classified once.
        let mut left: Option<Left> = None;
        while let Some((c, v)) = at(j)
            && j - i < MAX_CHARS
        {
            if is_join(c) {
                let next_ok = at(j + 1).is_some_and(|(_, w)| w >= AFTER_JOIN_MIN);
                if j > i && next_ok && at(j - 1).map(|(p, _)| p) != Some(c) {
                    dots += 1;
                    j += 1;
                    continue;
                }
                break;
            }
            // A name holds no count or date in words (`某某|十日表示`).
            if v < CHAR_MIN || opens_count(c, at(j + 1).map(|(d, _)| d)) {
                break;
            }
            if v < LOW {
                low += 1;
                if low > 1 + k / 3 {
                    break;
                }
            }
            has_strong |= v >= ANCHOR_MIN;
            k += 1;
            j += 1;
            let next_joins_run = at(j).is_some_and(|(_, w)| w >= NEIGHBOUR_MAX);
            if k >= 2 && has_strong && v >= END_MIN && !next_joins_run {
                let (start, end) = (offset(i), offset(j));
                // A name and the verb after it (`安南希望`) is no name.
                if ctx.ends_with_word(start, end) {
                    continue;
                }
                let kept = all || keep.binary_search(&(start, end)).is_ok();
                let left = *left.get_or_insert_with(|| {
                    let prev = i.checked_sub(1).and_then(|p| rows.get(p));
                    let by_char = prev.and_then(left_by_char);
                    ctx.left_of(
                        &self.context_chars,
                        text,
                        start,
                        prev.map(|p| p.c),
                        by_char,
                        |w| self.has_word(w),
                    )
                });
                // Parts joined by a mark are measured whatever the cheap stage says (see
                // `DOTTED_ACCEPT`).
                if !kept
                    && dots == 0
                    && !self
                        .cheap_translit
                        .may_pass(self, rows, (i, j), left, dots > 0)
                {
                    continue;
                }
                let run = rows.get(i..j).unwrap_or_default();
                let features = self.translit_measures(text, ctx, run, (start, end), left, dots > 0);
                if kept || dots > 0 || self.passes_stage_one(&features) {
                    out.push(Span {
                        start,
                        end,
                        features,
                    });
                }
            }
        }
    }

    /// The cheap features of the transliterated-name candidate `start..end`, whose rows
    /// are `run` and whose left context is `left`.
    fn translit_measures(
        &self,
        text: &str,
        ctx: &CueScratch,
        run: &[Row],
        (start, end): (usize, usize),
        left: Left,
        dotted: bool,
    ) -> Features {
        let t = |c: char| self.stats.get(c, Stat::Translit);
        let mut f = Features::new(Kind::Translit);
        let cand = text.get(start..end).unwrap_or_default();
        // The statistics of the characters, joining marks left out (the rest are ideographs,
        // whose rows hold their statistics).
        let core = || {
            run.iter()
                .filter(|r| !self.sets.joins.contains(&r.c))
                .map(|r| r.translit)
        };
        let len = core().count();
        if len > 0 {
            f.tr_mean = core().sum::<f32>() / len as f32;
            f.tr_min = core().fold(f32::INFINITY, f32::min);
            f.tr_len = len.min(8) as f32;
        }
        f.tr_dot = dotted;
        let prev = text.get(..start).and_then(|s| s.chars().next_back());
        let next = text.get(end..).and_then(|s| s.chars().next());
        f.tr_before_join = next.is_some_and(|c| self.sets.joins.contains(&c));
        f.quoted = quoted(prev, next);
        f.swallows_cue = ctx.swallows(start, end);
        if let Some(p) = prev.filter(|&p| is_han(p)) {
            f.tr_prev = t(p).clamp(-2.0, 4.0);
        }
        if let Some(x) = next.filter(|&x| is_han(x)) {
            f.tr_next = t(x).clamp(-2.0, 4.0);
        }
        f.tr_ends_place_suffix = cand
            .chars()
            .next_back()
            .is_some_and(|c| self.sets.end_suffix.contains(&c));
        f.tr_before_place_suffix = next.is_some_and(|c| self.sets.place_after.contains(&c));
        f.left = left;
        f.right = ctx.right(&self.context_chars, text, end);
        // A verb of one character may be the name's next syllable (`某某|猜`): only a longer
        // one counts.
        if f.right == Right::Other && self.verb_at(text, end, 2) {
            f.right = Right::Verb;
        }
        f
    }

    /// The features of a transliterated candidate that need jieba.
    pub(super) fn translit_full(&self, text: &str, start: usize, end: usize, f: &mut Features) {
        let cand = text.get(start..end).unwrap_or_default();
        f.lex = self.dict_entry(cand);
        f.place_compound = f.lex.is_some() && self.is_place_compound(cand);
        f.list_of_words = self.in_list_of_things(text, (start, end), f.left, f.right);
        f.repeated = repeated_nearby(text, start, end);
        (f.cut_left, f.cut_right) = self.cuts_through(text, start, end);
    }
}

/// The cheap stage's weights for transliterated candidates, gathered so that a candidate
/// can be judged from its rows before its context is classified: the weights of what the
/// rows give, and the most the context (left and right classes, the cue test, a swallowed
/// cue) can add.
pub(super) struct CheapTranslit {
    /// Bias plus the weight of the kind.
    base: f32,
    mean: f32,
    min: f32,
    len: f32,
    dot: f32,
    before_join: f32,
    prev: f32,
    next: f32,
    ends_place_suffix: f32,
    before_place_suffix: f32,
    quoted: f32,
    /// The most that the right context (its class, the cue test) and a swallowed cue can
    /// add, without and with parts joined by `·`, by left class (the left class's weight
    /// included).
    context_max: [[f32; LEFT_CLASSES]; 2],
}

impl CheapTranslit {
    /// The weights of `CHEAP` for transliterated candidates.
    pub(super) fn new() -> Self {
        let w = |name: &str| weight(&CHEAP, name);
        let context_max = |dotted: bool| {
            LEFTS.map(|l| {
                let most = RIGHTS
                    .iter()
                    .map(|&r| context_weight(&CHEAP, Kind::Translit, l, r, dotted))
                    .fold(f32::NEG_INFINITY, f32::max);
                most + w("swallows_cue").max(0.0)
            })
        };
        CheapTranslit {
            base: w("bias") + w("tr"),
            mean: w("tr.mean"),
            min: w("tr.min"),
            len: w("tr.len"),
            dot: w("tr.dot"),
            before_join: w("tr.before_join"),
            prev: w("tr.prev"),
            next: w("tr.next"),
            ends_place_suffix: w("tr.ends_place_suffix"),
            before_place_suffix: w("tr.before_place_suffix"),
            quoted: w("quoted"),
            context_max: [context_max(false), context_max(true)],
        }
    }

    /// False when the candidate of rows `i..j`, with `left` before it, fails the cheap stage
    /// whatever follows it: its score with the best right context stays below the
    /// threshold. (True does not mean it passes.)
    pub(super) fn may_pass(
        &self,
        ex: &PersonExtractor,
        rows: &[Row],
        (i, j): (usize, usize),
        left: Left,
        dotted: bool,
    ) -> bool {
        let Some(run) = rows.get(i..j) else {
            return true;
        };
        let is_join = |c: char| ex.sets.joins.contains(&c);
        let (mut sum, mut min, mut n) = (0.0f32, f32::INFINITY, 0usize);
        for r in run.iter().filter(|r| !is_join(r.c)) {
            sum += r.translit;
            min = min.min(r.translit);
            n += 1;
        }
        let mut z = self.base;
        if n > 0 {
            z += self.mean * (sum / n as f32) + self.min * min + self.len * n.min(8) as f32;
        }
        if dotted {
            z += self.dot;
        }
        let prev = i.checked_sub(1).and_then(|p| rows.get(p));
        let next = rows.get(j);
        if let Some(p) = prev.filter(|p| p.is_han()) {
            z += self.prev * p.translit.clamp(-2.0, 4.0);
        }
        if let Some(x) = next.filter(|x| x.is_han()) {
            z += self.next * x.translit.clamp(-2.0, 4.0);
        }
        if next.is_some_and(|x| is_join(x.c)) {
            z += self.before_join;
        }
        if run
            .last()
            .is_some_and(|r| ex.sets.end_suffix.contains(&r.c))
        {
            z += self.ends_place_suffix;
        }
        if next.is_some_and(|x| ex.sets.place_after.contains(&x.c)) {
            z += self.before_place_suffix;
        }
        if quoted(prev.map(|p| p.c), next.map(|x| x.c)) {
            z += self.quoted;
        }
        let context = self
            .context_max
            .get(usize::from(dotted))
            .and_then(|by_left| by_left.get(left as usize))
            .copied();
        z + context.unwrap_or(f32::INFINITY) >= STAGE_ONE_LOG_ODDS - BOUND_MARGIN
    }
}
