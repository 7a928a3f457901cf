//! Chinese name candidates: a surname (single or compound) followed by one or two given-name
//! characters, measured for the model.
//!
//! Every surname in a segment opens candidates of two lengths. A surname whose two
//! candidates cannot reach the cheap stage's threshold whatever follows them is skipped at
//! once (most are); otherwise the shape of each is checked (no function word or office
//! suffix in the given name, no title as given name), then the cheap features are taken from
//! the character statistics and the context classes.

use super::PersonExtractor;
use super::cues::CueScratch;
use super::cues::{ContextChars, LEFT_CLASSES, LEFTS, Left, RIGHT_CLASSES, RIGHTS, Right};
use super::decode::{BOUND_MARGIN, STAGE_ONE_LOG_ODDS};
use super::lexicon::not_a_given_name;
use super::model::{CHEAP, FEATURE_NAMES, Features, Kind, has_cue, repeated_nearby};
use super::stats::{Row, RowMarks, Stat};
use super::text::{CharSet, HAN_LEN, han_at, is_han, is_list_mark, unit_after_demonstrative};

/// Characters that never end a given name in the model's eyes: function words.
pub(super) const FUNCTION_CHARS: &str = "的了在和与对向及是把被给从为以于也都就还又将已而并或";
/// Characters that end place and organisation names (`村`, `县`, `杯`), and `人` that makes the
/// people of a place (`李庄人`).
pub(super) const END_SUFFIX: &str =
    "村镇乡县市省区州路街线渠湖河山岛港湾桥站寺庙宫阁楼馆园厂店队杯奖节人";
/// One-character given names that are honorifics or placeholders (`胡老`, `王某`).
pub(super) const HONORIFICS: &str = "老某氏公哥姐嫂妈婆爷叔总";
/// The value of the surname statistic for a compound surname.
const COMPOUND_SURNAME: f32 = 3.0;

/// What the candidate makers read of one segment.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    /// The segment, without whitespace.
    pub(super) text: &'a str,
    /// Its characters with their statistics.
    pub(super) rows: &'a [Row],
    /// The rows where candidates may be anchored.
    pub(super) marks: &'a RowMarks,
    /// Its cue words.
    pub(super) cues: &'a CueScratch,
    /// Spans that are candidates whatever the cheap stage says (strong hits), sorted.
    pub(super) keep: &'a [(usize, usize)],
    /// Every candidate, not only the likely ones (for fitting the model).
    pub(super) all: bool,
    /// The rows candidates may start at, from and to (`0` and `rows.len()` for all).
    pub(super) starts: (usize, usize),
}

/// A Chinese-name candidate: byte range and cheap features.
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) features: Features,
}

impl PersonExtractor {
    /// The well-shaped Chinese-name candidates of a segment with their cheap features: every
    /// one with `src.all`, else those the cheap stage finds likely and those in `src.keep`.
    pub(super) fn chinese_candidates(&self, src: Source, out: &mut Vec<Span>) {
        let Source {
            text,
            rows,
            marks,
            cues: ctx,
            keep,
            all,
            starts: (first, last),
        } = src;
        let offset = |k: usize| rows.get(k).map_or(text.len(), |r| r.off);
        // Only the characters that may open a surname, marked as the rows were made.
        let from = marks.surnames.partition_point(|&k| k < first);
        let surnames = marks.surnames.get(from..).unwrap_or_default();
        // The first span to keep that starts at or after the current surname.
        let mut next_kept = 0;
        for &k in surnames.iter().take_while(|&&k| k < last) {
            let Some(r) = rows.get(k) else {
                continue;
            };
            let compound = r.classes & IS_COMPOUND_FIRST != 0
                && rows
                    .get(k + 1)
                    .is_some_and(|d| self.compound.contains(&(r.c, d.c)));
            if !compound && r.classes & IS_SINGLE_SURNAME == 0 {
                continue;
            }
            let lengths = if compound { [3, 4] } else { [2, 3] };
            // What stands before is shared by both lengths.
            let prev_row = k.checked_sub(1).and_then(|p| rows.get(p));
            let prev = prev_row.map(|p| p.c);
            if !compound && unit_after_demonstrative(prev, r.c) {
                continue;
            }
            let by_char = prev_row.and_then(left_by_char);
            let left = ctx.left_of(&self.context_chars, text, r.off, prev, by_char, |w| {
                self.has_word(w)
            });
            while keep.get(next_kept).is_some_and(|&(s, _)| s < r.off) {
                next_kept += 1;
            }
            // Most surnames open no likely candidate: both lengths are ruled out at once.
            if !compound
                && !all
                && keep.get(next_kept).is_none_or(|&(s, _)| s != r.off)
                && self.cheap_chinese.rules_out(rows, k, left)
            {
                continue;
            }
            for n in lengths {
                if rows
                    .get(k + 1..k + n)
                    .is_none_or(|g| g.iter().any(|x| !x.is_han()))
                {
                    break;
                }
                let (start, end) = (r.off, offset(k + n));
                let wanted = all
                    || keep.binary_search(&(start, end)).is_ok()
                    || self.cheap_chinese.likely(self, src, k, n, compound, left);
                if wanted && self.given_shaped(text, start, end, compound) {
                    let f = self.chinese_measures(text, ctx, start, end, compound);
                    debug_assert_eq!(
                        self.passes_stage_one(&f),
                        self.cheap_chinese.likely(self, src, k, n, compound, left),
                    );
                    out.push(Span {
                        start,
                        end,
                        features: f,
                    });
                }
            }
        }
    }

    /// True unless the given name holds a function word or office suffix, is a title or an
    /// honorific, or follows a function-word surname as a word of its own (`和大家`) other
    /// than as a list item.
    fn given_shaped(&self, text: &str, start: usize, end: usize, compound: bool) -> bool {
        let given_from = start + if compound { 2 } else { 1 } * HAN_LEN;
        let (Some(cand), Some(given)) = (text.get(start..end), text.get(given_from..end)) else {
            return false;
        };
        let mut chars = given.chars();
        let (first, second) = (chars.next(), chars.next());
        let given_chars: &[char] = match (first, second) {
            (Some(a), Some(b)) => &[a, b],
            (Some(a), None) => &[a],
            _ => &[],
        };
        if not_a_given_name(given_chars, &self.not_given) || self.title_words.contains(given) {
            return false;
        }
        if let (Some(g), None) = (first, second)
            && self.sets.honorific.contains(&g)
        {
            return false;
        }
        let function_surname = cand
            .chars()
            .next()
            .is_some_and(|s| self.sets.function_surname.contains(&s));
        let list_item = text
            .get(end..)
            .and_then(|t| t.chars().next())
            .is_some_and(is_list_mark);
        !(!compound && function_surname && second.is_some() && self.has_word(given) && !list_item)
    }

    /// The cheap features of a candidate of any shape (strong rules may find names the
    /// candidates leave out).
    pub(super) fn chinese_measures(
        &self,
        text: &str,
        ctx: &CueScratch,
        start: usize,
        end: usize,
        compound: bool,
    ) -> Features {
        let stats = &self.stats;
        let bytes = text.as_bytes();
        let mut f = Features::new(Kind::Chinese);
        f.compound = compound;
        let given_from = start + if compound { 2 } else { 1 } * HAN_LEN;
        let mut given = [None; 2];
        for (k, slot) in given.iter_mut().enumerate() {
            let at = given_from + k * HAN_LEN;
            if at < end {
                *slot = han_at(bytes, at);
            }
        }
        f.surname = if compound {
            COMPOUND_SURNAME
        } else {
            han_at(bytes, start).map_or(0.0, |c| stats.get(c, Stat::Surname))
        };
        let (mut sum, mut min, mut translit, mut n, mut last) = (0.0, f32::INFINITY, 0.0, 0, None);
        for g in given.into_iter().flatten() {
            let v = stats.get(g, Stat::Given);
            sum += v;
            min = min.min(v);
            translit += stats.get(g, Stat::Translit);
            n += 1;
            last = Some(g);
        }
        if n > 0 {
            f.given = sum;
            f.given_min = min;
            f.given_translit = translit / n as f32;
        }
        f.three_chars = n == 2;
        f.ends_function_char = last.is_some_and(|g| self.sets.function.contains(&g));
        f.ends_place_suffix = last.is_some_and(|g| self.sets.end_suffix.contains(&g));
        let next = text.get(end..).and_then(|t| t.chars().next());
        if let Some(x) = next
            && is_han(x)
            && !self.sets.function.contains(&x)
        {
            f.next_given = stats.get(x, Stat::Given).clamp(-3.0, 4.0);
        }
        let prev = text.get(..start).and_then(|t| t.chars().next_back());
        f.next_to_dot = prev == Some('·') || next == Some('·');
        f.quoted = quoted(prev, next);
        f.swallows_cue = ctx.swallows(start, end);
        f.left = ctx.left(&self.context_chars, text, start, |w| self.has_word(w));
        f.right = ctx.right(&self.context_chars, text, end);
        if f.right == Right::Other && self.verb_at(text, end, 1) {
            f.right = Right::Verb;
        }
        f
    }

    /// The features of a Chinese candidate that need jieba: dictionary entry and
    /// segmentation.
    pub(super) fn chinese_full(&self, text: &str, start: usize, end: usize, f: &mut Features) {
        let cand = text.get(start..end).unwrap_or_default();
        f.lex = self.dict_entry(cand);
        f.place_compound = f.lex.is_some() && self.is_place_compound(cand);
        f.list_of_words = self.in_list_of_things(text, (start, end), f.left, f.right);
        f.repeated = repeated_nearby(text, start, end);
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

/// The bits of [`Row::classes`] that hold the class a character gives the candidate after it
/// (see [`left_by_char`]).
const LEFT_BITS: u16 = 0xF;
/// A function character ([`FUNCTION_CHARS`]).
const IS_FUNCTION: u16 = 1 << 4;
/// A character that ends place and organisation names ([`END_SUFFIX`]).
const IS_END_SUFFIX: u16 = 1 << 5;
/// A single surname.
const IS_SINGLE_SURNAME: u16 = 1 << 6;
/// The first character of a compound surname.
const IS_COMPOUND_FIRST: u16 = 1 << 7;

/// What the row of `c` carries for the Chinese candidates ([`Row::classes`]): the class `c`
/// gives the candidate after it, when `c` alone decides it, and the sets it is in.
pub(super) fn row_classes(
    sets: &NameSets,
    single: &CharSet,
    context: &ContextChars,
    c: char,
) -> u16 {
    let mut classes = 0;
    if is_han(c)
        && let Some(left) = context.left_by_char(c)
    {
        classes |= left as u16 + 1;
    }
    for (set, class) in [
        (&sets.function, IS_FUNCTION),
        (&sets.end_suffix, IS_END_SUFFIX),
        (single, IS_SINGLE_SURNAME),
        (&sets.compound_first, IS_COMPOUND_FIRST),
    ] {
        if set.contains(&c) {
            classes |= class;
        }
    }
    classes
}

/// The class the character of row `r` gives the candidate after it, when that character
/// alone decides it.
pub(super) fn left_by_char(r: &Row) -> Option<Left> {
    let k = usize::from(r.classes & LEFT_BITS).checked_sub(1)?;
    LEFTS.get(k).copied()
}

// The classes fit their bits.
const _: () = assert!(LEFT_CLASSES < LEFT_BITS as usize);

/// The character sets the candidate makers test, as bitmaps.
pub(super) struct NameSets {
    pub(super) function: CharSet,
    pub(super) end_suffix: CharSet,
    pub(super) honorific: CharSet,
    pub(super) function_surname: CharSet,
    /// First characters of compound surnames.
    pub(super) compound_first: CharSet,
    /// Single surnames and first characters of compound ones that are ideographs: where
    /// a Chinese-name candidate may start.
    pub(super) surname_first: CharSet,
    pub(super) joins: CharSet,
    pub(super) place_after: CharSet,
    /// One-character words that follow a name (`FOLLOWER_CHARS`).
    pub(super) follower_chars: CharSet,
    /// Conjunctions and prepositions a name before a verb may follow (`LEFT_CONJ`).
    pub(super) left_conj: CharSet,
    /// Characters before which a role phrase never starts (`ROLE_STOPS`).
    pub(super) role_stops: CharSet,
    /// Function words a given name used alone or a Japanese name may follow.
    pub(super) before_given: CharSet,
    /// Last characters of Japanese surnames and of Japanese given names.
    pub(super) japanese_surname_end: CharSet,
    pub(super) japanese_given_end: CharSet,
}

impl NameSets {
    /// The sets, with the compound surnames given.
    pub(super) fn new(single: &CharSet, compound: &rustc_hash::FxHashSet<(char, char)>) -> Self {
        let firsts = compound.iter().map(|&(a, _)| a);
        NameSets {
            surname_first: single
                .chars()
                .chain(firsts.clone())
                .filter(|&c| is_han(c))
                .collect(),
            function: FUNCTION_CHARS.chars().collect(),
            end_suffix: END_SUFFIX.chars().collect(),
            honorific: HONORIFICS.chars().collect(),
            function_surname: super::lexicon::FUNCTION_SURNAMES.chars().collect(),
            compound_first: firsts.collect(),
            joins: super::translit::JOINS.chars().collect(),
            place_after: super::translit::PLACE_AFTER.chars().collect(),
            follower_chars: super::words::FOLLOWER_CHARS.chars().collect(),
            left_conj: super::words::LEFT_CONJ.chars().collect(),
            role_stops: super::roles::ROLE_STOPS.chars().collect(),
            before_given: super::forms::BEFORE_GIVEN.chars().collect(),
            japanese_surname_end: super::forms::JAPANESE_SURNAME_ENDS.chars().collect(),
            japanese_given_end: super::forms::JAPANESE_GIVEN_ENDS.chars().collect(),
        }
    }
}

/// The cheap stage's weights for Chinese candidates, gathered so that a candidate can be
/// scored straight from its characters, before any [`Features`] is built: most candidates
/// (every surname in the text, twice) go no further.
pub(super) struct CheapChinese {
    base: f32,
    surname: f32,
    given: f32,
    given_min: f32,
    three_chars: f32,
    ends_function_char: f32,
    next_given: f32,
    ends_place_suffix: f32,
    given_translit: f32,
    next_to_dot: f32,
    no_cue: f32,
    quoted: f32,
    swallows_cue: f32,
    left: [f32; LEFT_CLASSES],
    right: [f32; RIGHT_CLASSES],
    /// The most that what follows the candidate (its right class, `no_cue`) and a swallowed
    /// cue can add, when the left class is a cue and when it is not.
    rest_max: [f32; 2],
}

impl CheapChinese {
    /// The weights of `CHEAP` that a Chinese candidate can use before the full measure.
    pub(super) fn new() -> Self {
        let w = |name: &str| {
            FEATURE_NAMES
                .iter()
                .position(|n| *n == name)
                .and_then(|i| CHEAP.get(i))
                .copied()
                .unwrap_or(0.0)
        };
        let class = |prefix: &str, k: usize| {
            let names: &[&str] = if prefix == "left" {
                &[
                    "start", "list", "open", "title", "verb", "de", "adverb", "locative", "other",
                ]
            } else {
                &[
                    "end", "list", "dot", "num", "title", "title2", "speech", "adv", "prep", "de",
                    "suffix", "verb", "other",
                ]
            };
            names.get(k).map_or(0.0, |n| w(&format!("cn.{prefix}.{n}")))
        };
        let right: [f32; RIGHT_CLASSES] = std::array::from_fn(|k| class("right", k));
        let no_cue = w("cn.no_cue");
        let rest_max = |left: Left| {
            let most = RIGHTS
                .iter()
                .map(|&r| {
                    let cue = if has_cue(left, r, false) { 0.0 } else { no_cue };
                    right.get(r as usize).copied().unwrap_or(0.0) + cue
                })
                .fold(f32::NEG_INFINITY, f32::max);
            most + w("swallows_cue").max(0.0)
        };
        CheapChinese {
            rest_max: [rest_max(Left::Other), rest_max(Left::Title)],
            base: w("bias") + w("cn"),
            surname: w("cn.surname"),
            given: w("cn.given"),
            given_min: w("cn.given_min"),
            three_chars: w("cn.three_chars"),
            ends_function_char: w("cn.ends_function_char"),
            next_given: w("cn.next_given"),
            ends_place_suffix: w("cn.ends_place_suffix"),
            given_translit: w("cn.given_translit"),
            next_to_dot: w("cn.next_to_dot"),
            no_cue,
            quoted: w("quoted"),
            swallows_cue: w("swallows_cue"),
            left: std::array::from_fn(|k| class("left", k)),
            right,
        }
    }

    /// True when neither candidate after the single surname of row `k` (one or two given
    /// characters), with `left` before it, can be likely, whatever follows it: the bound of
    /// [`CheapChinese::likely`], computed for both lengths in the same order of operations,
    /// with the middle-dot and quotation weights at their most (they lower a score).
    #[inline]
    pub(super) fn rules_out(&self, rows: &[Row], k: usize, left: Left) -> bool {
        // Only the given characters and what follows them matter past the surname.
        let Some([first, g, rest @ ..]) = rows.get(k..) else {
            return true;
        };
        if !g.is_han() {
            return true;
        }
        let mut base = self.base;
        base += self.surname * first.surname;
        let next_terms = |z: &mut f32, next: Option<&Row>| {
            self.add_next(z, next);
            // Adding zero leaves a score as it is.
            *z += self.next_to_dot.max(0.0);
            *z += self.quoted.max(0.0);
        };
        let mut one = base;
        one += self.given * g.given + self.given_min * g.given + self.given_translit * g.translit;
        self.add_last(&mut one, g.classes);
        next_terms(&mut one, rest.first());
        let mut best = one;
        if let [h, after @ ..] = rest
            && h.is_han()
        {
            let mut two = base;
            two += self.given * (g.given + h.given)
                + self.given_min * g.given.min(h.given)
                + self.given_translit * ((g.translit + h.translit) * 0.5);
            two += self.three_chars;
            self.add_last(&mut two, h.classes);
            next_terms(&mut two, after.first());
            best = best.max(two);
        }
        self.below_bound(best, left)
    }

    /// Adds to `z` what the classes of a given name's last character say of it.
    #[inline]
    fn add_last(&self, z: &mut f32, classes: u16) {
        if classes & IS_FUNCTION != 0 {
            *z += self.ends_function_char;
        }
        if classes & IS_END_SUFFIX != 0 {
            *z += self.ends_place_suffix;
        }
    }

    /// Adds to `z` what the given-name statistic of the character after a candidate says.
    #[inline]
    fn add_next(&self, z: &mut f32, next: Option<&Row>) {
        if let Some(x) = next
            && x.is_han()
            && x.classes & IS_FUNCTION == 0
        {
            *z += self.next_given * x.given.clamp(-3.0, 4.0);
        }
    }

    /// True when a cheap score `z` (all but the context), with `left` before the candidate,
    /// stays below the threshold even with the best right context and cue the weights allow.
    #[inline]
    fn below_bound(&self, z: f32, left: Left) -> bool {
        let left_w = self.left.get(left as usize).copied().unwrap_or(0.0);
        let rest_max = self
            .rest_max
            .get(usize::from(has_cue(left, Right::Other, false)))
            .copied()
            .unwrap_or(f32::INFINITY);
        z + left_w + rest_max < STAGE_ONE_LOG_ODDS - BOUND_MARGIN
    }

    /// True when the cheap stage finds the candidate of `n` characters at row `k`, with `left`
    /// before it, likely:
    /// the same decision as [`PersonExtractor::passes_stage_one`] on its [`Features`], without
    /// building them.
    #[inline]
    pub(super) fn likely(
        &self,
        ex: &PersonExtractor,
        src: Source,
        k: usize,
        n: usize,
        compound: bool,
        left: Left,
    ) -> bool {
        let Source {
            text,
            rows,
            cues: ctx,
            ..
        } = src;
        let Some(first) = rows.get(k) else {
            return false;
        };
        let mut z = self.base;
        z += self.surname
            * if compound {
                COMPOUND_SURNAME
            } else {
                first.surname
            };
        let skip = if compound { 2 } else { 1 };
        let given = rows.get(k + skip..k + n).unwrap_or_default();
        // Sum, minimum and mean transliteration statistic of the one or two given-name
        // characters (halving is exact: the same mean as a division by the count).
        let measures = match given {
            [g] => Some((g.given, g.given, g.translit)),
            [g, h] => Some((
                g.given + h.given,
                g.given.min(h.given),
                (g.translit + h.translit) * 0.5,
            )),
            _ => None,
        };
        if let Some((sum, min, translit)) = measures {
            z += self.given * sum + self.given_min * min + self.given_translit * translit;
        }
        if given.len() == 2 {
            z += self.three_chars;
        }
        self.add_last(&mut z, given.last().map_or(0, |g| g.classes));
        let next = rows.get(k + n);
        self.add_next(&mut z, next);
        let prev = k.checked_sub(1).and_then(|p| rows.get(p));
        if prev.is_some_and(|p| p.c == '·') || next.is_some_and(|x| x.c == '·') {
            z += self.next_to_dot;
        }
        if quoted(prev.map(|p| p.c), next.map(|x| x.c)) {
            z += self.quoted;
        }
        // Most candidates fail whatever follows them: the right class and the cue test are
        // left out when even their best cannot lift the score to the threshold.
        if self.below_bound(z, left) {
            return false;
        }
        let end = next.map_or(text.len(), |x| x.off);
        let after = rows.get(k + n + 1).map(|x| x.c);
        let right = ctx.right_of(&ex.context_chars, end, next.map(|x| x.c), after);
        if ctx.swallows(first.off, end) {
            z += self.swallows_cue;
        }
        z += self.left.get(left as usize).copied().unwrap_or(0.0);
        let passes = |right: Right| {
            let cue = if has_cue(left, right, false) {
                0.0
            } else {
                self.no_cue
            };
            z + self.right.get(right as usize).copied().unwrap_or(0.0) + cue >= STAGE_ONE_LOG_ODDS
        };
        if right != Right::Other {
            return passes(right);
        }
        // The dictionary is asked whether a verb follows only when the answer matters.
        let (as_other, as_verb) = (passes(Right::Other), passes(Right::Verb));
        if as_other != as_verb && ex.verb_at(text, end, 1) {
            as_verb
        } else {
            as_other
        }
    }
}

/// True when `prev` and `next` open and close a quotation or a title (`“…”`, `《…》`).
pub(super) fn quoted(prev: Option<char>, next: Option<char>) -> bool {
    matches!(
        (prev, next),
        (Some('“'), Some('”'))
            | (Some('‘'), Some('’'))
            | (Some('《'), Some('》'))
            | (Some('「'), Some('」'))
            | (Some('『'), Some('』'))
            | (Some('"'), Some('"'))
    )
}
