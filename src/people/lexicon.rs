//! What jieba's dictionary says about a name candidate: the surname tables, the shape of a
//! surname plus given name, ordinary words, and whether segmentation cuts through a candidate.

use super::PersonExtractor;
use super::cues::{Left, Right};
use super::memo::{self, WordTag};
use super::model::{Lex, LexTag};
use super::text::{CharSet, HAN_LEN, Segment, han_at, is_figure, is_han, is_list_mark};
use super::words::THING_CATEGORIES;

/// How far after a candidate the `等` closing its list is looked for, in characters.
const MAX_LIST_CHARS: usize = 24;
/// Longest run of modifiers and category noun after `等` (`大、中城市`), in characters.
const MAX_CATEGORY_CHARS: usize = 6;
/// Numerals of a count in words after `等` (`等三个村庄`).
const NUMERALS: &str = "一二三四五六七八九十百两几数多";
/// Units of a count (`个`, `座`).
const COUNT_UNITS: &str = "个座家所处条";

/// Chinese surnames, single and compound, one per line.
pub(super) const SURNAMES: &str = include_str!("surnames.txt");

/// Characters that never appear in a given name: organisation suffixes and function words.
pub(super) const NOT_GIVEN: &str = "的了着们这那个把被从等就都还又并其该此各每委部局处厅院所站办室区市省乡镇村司队社校馆团党府总于与及对在是将";

/// Characters of [`NOT_GIVEN`] that may still open a two-character given name (`其琛`,
/// `其美`), though never end one (`尤其`, `何其`).
const OPENS_GIVEN_ONLY: &str = "其";

/// True when the given-name characters `given` hold a character that never stands in a given
/// name there.
pub(super) fn not_a_given_name(given: &[char], not_given: &CharSet) -> bool {
    given.iter().enumerate().any(|(k, c)| {
        not_given.contains(c) && !(k + 1 < given.len() && OPENS_GIVEN_ONLY.contains(*c))
    })
}

/// Surnames that are far more often function words; with a two-character given name
/// that is itself a word (`和大家`, `和燃气`) they are a conjunction, not a person.
pub(super) const FUNCTION_SURNAMES: &str =
    "和与及同向从对于以为并在将把被是都也还就全共总各每有由自当按通经连但而或";

impl PersonExtractor {
    /// Surname + one or two given-name characters, all ideographs, no title as given name; a
    /// surname that is also a function word takes a given name that is a word only as a list
    /// item, and never a given name that is a verb following names (`说`).
    ///
    /// `start..end` are byte offsets; a span of ideographs only is `HAN_LEN` bytes per character.
    pub(super) fn shaped(&self, seg: &Segment, start: usize, end: usize) -> bool {
        // Ideographs only, three bytes each: five or more never make a surname plus one or
        // two given characters.
        let n = end.saturating_sub(start) / HAN_LEN;
        if start + n * HAN_LEN != end || n > 4 {
            return false;
        }
        let Some(cand) = seg.text.get(start..end) else {
            return false;
        };
        let mut buf = ['\0'; 4];
        let bytes = seg.text.as_bytes();
        for (k, slot) in buf.iter_mut().take(n).enumerate() {
            let Some(c) = han_at(bytes, start + k * HAN_LEN) else {
                return false;
            };
            *slot = c;
        }
        let Some(cs) = buf.get(..n) else {
            return false;
        };
        // `given` is the tail of `cand` after `skip` characters.
        let given_ok = |given: &[char], skip: usize| {
            (1..=2).contains(&given.len())
                && !not_a_given_name(given, &self.not_given)
                && !cand
                    .get(skip * HAN_LEN..)
                    .is_some_and(|g| self.roles.contains(g))
        };
        let single = match cs {
            [s, given @ ..] => {
                self.single.contains(s)
                    && given_ok(given, 1)
                    && !(self.sets.function_surname.contains(s)
                        && given.len() == 2
                        && cand.get(HAN_LEN..).is_some_and(|g| self.jieba.has_word(g))
                        && !seg.get(end).is_some_and(is_list_mark))
                    // Nor a one-character given name that is a word following names
                    // (`村民都说`: all the villagers say).
                    && !(self.sets.function_surname.contains(s)
                        && matches!(given, [g] if self.sets.follower_chars.contains(g)))
            }
            _ => false,
        };
        let compound = match cs {
            [a, b, rest @ ..] => {
                self.sets.compound_first.contains(a)
                    && self.compound.contains(&(*a, *b))
                    && given_ok(rest, 2)
            }
            _ => false,
        };
        single || compound
    }

    /// True when jieba's dictionary lists the candidate as an ordinary word (not a person).
    pub(super) fn is_common_word(&self, seg: &Segment, start: usize, end: usize) -> bool {
        let cand = seg.slice(start, end);
        if !self.jieba.has_word(cand) {
            return false;
        }
        self.whole_tag(cand) != Some(WordTag::Name)
    }

    /// True when segmenting a few characters around `start..end` does not cut through the
    /// candidate's first or last character.
    pub(super) fn segmented_whole(&self, seg: &Segment, start: usize, end: usize) -> bool {
        let mut cuts = WindowCuts::new(seg.back(start, 4), seg.forward(end, 4));
        self.segmented_whole_within(seg, &mut cuts, start, end)
    }

    /// [`Self::segmented_whole`] with the segmentation of a window of the segment that holds
    /// `start..end`: candidates that share one end (several lengths of a name before the
    /// same verb) share one segmentation.
    pub(super) fn segmented_whole_within(
        &self,
        seg: &Segment,
        cuts: &mut WindowCuts,
        start: usize,
        end: usize,
    ) -> bool {
        let left_han = seg.before(start).is_some_and(is_han);
        let right_han = seg.get(end).is_some_and(is_han);
        if !left_han && !right_han {
            return true;
        }
        let ends = cuts.ends(self, seg);
        (!left_han || ends.binary_search(&start).is_ok())
            && (!right_han || ends.binary_search(&end).is_ok())
    }

    /// True when byte `at` of the segment is a word boundary: no ideograph on one side, or a
    /// boundary of the segmentation in `cuts`.
    pub(super) fn boundary_at(&self, seg: &Segment, cuts: &mut WindowCuts, at: usize) -> bool {
        if !(seg.before(at).is_some_and(is_han) && seg.get(at).is_some_and(is_han)) {
            return true;
        }
        cuts.ends(self, seg).binary_search(&at).is_ok()
    }
}

/// Where jieba's segmentation of one window of a segment puts word boundaries, computed on
/// first use.
pub(super) struct WindowCuts {
    from: usize,
    to: usize,
    /// Byte offsets in the segment of every boundary, ascending, once segmented.
    ends: Option<Vec<usize>>,
}

impl WindowCuts {
    /// The window `from..to` of a segment, not segmented yet.
    pub(super) fn new(from: usize, to: usize) -> Self {
        WindowCuts {
            from,
            to,
            ends: None,
        }
    }

    /// The boundaries, segmenting the window the first time.
    pub(super) fn ends(&mut self, ex: &PersonExtractor, seg: &Segment) -> &[usize] {
        let (from, to) = (self.from, self.to);
        self.ends.get_or_insert_with(|| {
            let tokens = ex.jieba.cut(seg.slice(from, to), false);
            let mut ends = Vec::with_capacity(tokens.len() + 1);
            ends.push(from);
            ends.extend(tokens.iter().map(|t| from + t.byte_end));
            ends
        })
    }
}

impl PersonExtractor {
    /// True when jieba's dictionary lists `word`.
    pub(super) fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// ln(1 + frequency) of `word` when jieba's dictionary lists it.
    pub(super) fn word_freq_ln(&self, word: &str) -> Option<f32> {
        // `suggest_freq` of a listed word is its frequency plus one.
        self.jieba
            .has_word(word)
            .then(|| (self.suggested_freq(word).max(1) as f32).ln())
    }

    /// The frequency jieba suggests for `word` (see [`jieba_rs::Jieba::suggest_freq`]).
    fn suggested_freq(&self, word: &str) -> usize {
        memo::with_facts(word, |facts| {
            *facts
                .freq
                .get_or_insert_with(|| self.jieba.suggest_freq(word))
        })
    }

    /// How jieba tags `word` when it keeps it whole, `None` when it cuts it.
    pub(super) fn whole_tag(&self, word: &str) -> Option<WordTag> {
        memo::with_facts(word, |facts| {
            *facts
                .tag
                .get_or_insert_with(|| match self.jieba.tag(word, false).as_slice() {
                    [t] => Some(WordTag::of(t.tag)),
                    _ => None,
                })
        })
    }

    /// True when the dictionary lists `word` followed by a place suffix (`伊拉克人`,
    /// `莫斯科市`, `哈萨克斯坦共和国`), which people's names are not.
    pub(super) fn is_place_compound(&self, word: &str) -> bool {
        memo::with_facts(word, |facts| {
            *facts.place_compound.get_or_insert_with(|| {
                let mut buf = String::with_capacity(word.len() + 9);
                PLACE_COMPOUND_SUFFIXES.iter().any(|suffix| {
                    buf.clear();
                    buf.push_str(word);
                    buf.push_str(suffix);
                    self.jieba.has_word(&buf)
                })
            })
        })
    }

    /// True when `start..end`, with `left` and `right` around it, stands in a list of things:
    /// a `、` list whose next item is an ordinary word, or a list closed by `等` and a noun of
    /// places or bodies.
    pub(super) fn in_list_of_things(
        &self,
        text: &str,
        (start, end): (usize, usize),
        left: Left,
        right: Right,
    ) -> bool {
        (matches!(left, Left::List) || matches!(right, Right::List))
            && self.list_neighbour_is_word(text, start, end)
            || closes_list_of_things(text, end)
    }

    /// True when the `、` list item next to `start..end` (the one before it, or the one after
    /// it) is an ordinary dictionary word: the longest word of two to four characters that
    /// ends right before the `、` before the candidate, or starts right after the `、` after it,
    /// is one (`科利华` is a name though `科利` is a word).
    pub(super) fn list_neighbour_is_word(&self, text: &str, start: usize, end: usize) -> bool {
        let ordinary = |w: &str| self.dict_entry(w).is_some_and(|l| l.tag == LexTag::Word);
        let before = text.get(..start).and_then(|t| t.strip_suffix(LIST_MARKS));
        let after = text.get(end..).and_then(|t| t.strip_prefix(LIST_MARKS));
        // A short item is a word only as a whole (`某浩浩` is not `浩浩`).
        let item_len = |ideographs: &mut dyn Iterator<Item = char>| {
            ideographs.take_while(|&c| is_han(c)).take(5).count()
        };
        let whole = |item: usize, word: &str| item > 4 || word.chars().count() == item;
        before
            .and_then(|t| {
                let w = self.longest_word_ending(t, 2)?;
                whole(item_len(&mut t.chars().rev()), w).then_some(w)
            })
            .is_some_and(ordinary)
            || after
                .and_then(|t| {
                    let w = self.longest_word_opening(t, 2)?;
                    whole(item_len(&mut t.chars()), w).then_some(w)
                })
                .is_some_and(ordinary)
    }

    /// The longest word of `min_chars` to four ideographs that the dictionary lists at the
    /// start of `text`.
    fn longest_word_opening<'t>(&self, text: &'t str, min_chars: usize) -> Option<&'t str> {
        let mut longest = None;
        let mut end = 0;
        for (n, c) in text.chars().take(4).enumerate() {
            if !is_han(c) {
                break;
            }
            end += c.len_utf8();
            if let Some(w) = text.get(..end).filter(|_| n + 1 >= min_chars)
                && self.jieba.has_word(w)
            {
                longest = Some(w);
            }
        }
        longest
    }

    /// The longest word of `min_chars` to four ideographs that the dictionary lists at the end
    /// of `text`.
    fn longest_word_ending<'t>(&self, text: &'t str, min_chars: usize) -> Option<&'t str> {
        let mut longest = None;
        let mut from = text.len();
        for (n, c) in text.chars().rev().take(4).enumerate() {
            if !is_han(c) {
                break;
            }
            from -= c.len_utf8();
            if let Some(w) = text.get(from..).filter(|_| n + 1 >= min_chars)
                && self.jieba.has_word(w)
            {
                longest = Some(w);
            }
        }
        longest
    }

    /// True when `reading` opens with a place the dictionary lists, shorter than itself
    /// (`某国某某`).
    pub(super) fn opens_with_place(&self, reading: &str) -> bool {
        self.jieba.cut(reading, false).first().is_some_and(|w| {
            w.word.len() < reading.len()
                && w.word.chars().count() >= 2
                && self
                    .dict_entry(w.word)
                    .is_some_and(|e| e.tag == LexTag::Place)
        })
    }

    /// True when the longest word of `min_chars` to four ideographs that the dictionary lists
    /// at byte `at` of `text` is a verb (tagged `v`, `vd`, `vi` or `vg`; not a verbal noun,
    /// `vn`).
    pub(super) fn verb_at(&self, text: &str, at: usize, min_chars: usize) -> bool {
        text.get(at..)
            .and_then(|rest| self.longest_word_opening(rest, min_chars))
            .is_some_and(|w| self.is_verb(w))
    }

    /// True when jieba's dictionary tags `word` a verb (`v`, `vd`, `vi` or `vg`; not a verbal
    /// noun, `vn`).
    pub(super) fn is_verb(&self, word: &str) -> bool {
        self.whole_tag(word) == Some(WordTag::Verb)
    }

    /// The dictionary entry of a candidate: its tag and frequency, or `None` when jieba does
    /// not list it.
    pub(super) fn dict_entry(&self, word: &str) -> Option<Lex> {
        if !self.jieba.has_word(word) {
            return None;
        }
        let tag = match self.whole_tag(word) {
            Some(WordTag::Name) => LexTag::Name,
            Some(WordTag::Place) => LexTag::Place,
            _ => LexTag::Word,
        };
        // `suggest_freq` of a listed word is its frequency plus one.
        let freq = self.suggested_freq(word).max(1);
        Some(Lex {
            long: word.chars().count() >= 3,
            tag,
            freq_ln: (freq as f32).ln(),
        })
    }

    /// Whether segmenting the clause around `start..end` (up to six ideographs on each side)
    /// cuts through the candidate's first and its last character.
    ///
    /// A candidate that the dictionary lists as a person is not cut by a longer word that
    /// starts with it (`克林顿政府`, one word to jieba, is still 克林顿 and 政府). A longer
    /// word that ends with it still cuts it: that is a piece of a longer name (`俄罗斯`). Nor is
    /// it cut by a word that joins its first or last character to `的` or `了` (`了解`, `真的`).
    pub(super) fn cuts_through(&self, text: &str, start: usize, end: usize) -> (bool, bool) {
        let mut lo = start;
        for _ in 0..CUT_CONTEXT {
            match text.get(..lo).and_then(|t| t.chars().next_back()) {
                Some(c) if is_han(c) => lo -= c.len_utf8(),
                _ => break,
            }
        }
        let mut hi = end;
        for _ in 0..CUT_CONTEXT {
            match text.get(hi..).and_then(|t| t.chars().next()) {
                Some(c) if is_han(c) => hi += c.len_utf8(),
                _ => break,
            }
        }
        let Some(window) = text.get(lo..hi) else {
            return (false, false);
        };
        let (s, e) = (start - lo, end - lo);
        let (mut left_ok, mut right_ok) = (s == 0, e == window.len());
        // The last part of a name joined by `·` (`乔治·|布什|总统`) stands for the name there.
        let last_part = window
            .get(s..e)
            .and_then(|c| c.rfind('·'))
            .map_or(s, |k| s + k + '·'.len_utf8());
        let mut name: Option<bool> = None;
        let mut is_name = || {
            *name.get_or_insert_with(|| {
                window
                    .get(last_part..e)
                    .and_then(|w| self.dict_entry(w))
                    .is_some_and(|l| l.tag == LexTag::Name)
            })
        };
        for t in self.jieba.cut(window, false) {
            left_ok |= t.byte_end == s;
            right_ok |= t.byte_end == e;
            let (ts, te) = (t.byte_start, t.byte_end);
            // The rest must be a word of its own, of two characters or more (`政府`, not
            // the `球` of `高尔夫球`).
            let rest_is_word = || {
                window
                    .get(e..te)
                    .is_some_and(|r| r.chars().count() >= 2 && self.jieba.has_word(r))
            };
            if ts == last_part && te > e && !right_ok && rest_is_word() && is_name() {
                right_ok = true;
            }
            // Segmentation that joins the last character to a particle after it (`某某真|的`:
            // `真的`), or the first to one before it (`会见了|解某某`: `了解`), does not cut
            // the name.
            let particle = |r: &str| matches!(r, "的" | "了");
            if ts < e && te > e && window.get(e..te).is_some_and(particle) {
                right_ok = true;
            }
            if ts < s && te > s && window.get(ts..s).is_some_and(particle) {
                left_ok = true;
            }
        }
        (!left_ok, !right_ok)
    }
}

/// Marks between the items of a list.
const LIST_MARKS: &[char] = &['、', '／'];

/// What the dictionary prints after a place name to make another place or its people.
const PLACE_COMPOUND_SUFFIXES: &[&str] = &[
    "人",
    "市",
    "州",
    "省",
    "县",
    "郡",
    "队",
    "共和国",
    "王国",
    "大学",
    "河",
    "湖",
    "岛",
    "港",
    "语",
];

/// Ideographs of context on each side of a candidate when segmenting around it.
const CUT_CONTEXT: usize = 4;

/// True when the list that `end` continues, in the same clause, is closed by `等` and a noun
/// of places or bodies, right after it or ending the clause (`等村庄`, `等4个村庄`,
/// `、某某等大、中城市`): a list of things, not of people.
fn closes_list_of_things(text: &str, end: usize) -> bool {
    let in_clause = |c: char| is_han(c) || is_list_mark(c) || is_figure(c);
    let Some(after) = text.get(end..) else {
        return false;
    };
    // The clause: ideographs, list marks and figures, at most a few items long.
    let mut clause_len = after.len();
    for (i, c) in after.char_indices() {
        if !in_clause(c) {
            clause_len = i;
            break;
        }
        if i + c.len_utf8() > MAX_LIST_CHARS * HAN_LEN {
            return false;
        }
    }
    let clause = after.get(..clause_len).unwrap_or_default();
    // What follows the last `等` of the clause, a count and its unit left out.
    let Some((_, rest)) = clause.rsplit_once('等') else {
        return false;
    };
    let counted = rest.trim_start_matches(|c: char| is_figure(c) || NUMERALS.contains(c));
    let rest = if counted.len() < rest.len() {
        counted.trim_start_matches(|c: char| COUNT_UNITS.contains(c))
    } else {
        rest
    };
    THING_CATEGORIES.iter().any(|w| {
        rest.starts_with(w) || (rest.chars().count() <= MAX_CATEGORY_CHARS && rest.ends_with(w))
    })
}
