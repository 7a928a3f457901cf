//! Roles as printed: the title phrase before a name, cut at a word boundary and never
//! starting with a function word, and which of a person's roles in an article to keep.
//!
//! The phrase runs back from the title word (`书记`, `总统`) over the office it belongs to
//! (`山阳区委副书记`, `俄罗斯总统`) until a function word (`了省委书记` gives `省委书记`) or
//! punctuation. A function character that makes a word with the next one (`和平区`) belongs to
//! the office; a one-character verb that segmentation leaves on its own does not (`有`, `任`). An office longer than [`MAX_EXTRA`] characters is cut short, where jieba's
//! segmentation of a wider window puts a word boundary, never inside a word (`合作部总经理`,
//! not `作部总经理`).

use super::PersonExtractor;
use super::memo;
use super::text::{HAN_LEN, is_han};
use super::words::{FOLLOWERS, SPEECH};

/// Characters before which a role phrase never starts: function words.
pub(super) const ROLE_STOPS: &str =
    "了的在和与对向及为是并把被将从由给让请到等也都就还又着过据以于随";
/// Units of places that a pronoun may hold (`该市`, `本县`).
const PLACE_UNITS: &str = "省市县区镇乡村";
/// Offices whose cut each thread remembers (see `clause_before_office`).
const OFFICE_CACHE: usize = 4096;

thread_local! {
    /// Where each recently seen office starts after the clause before it, in bytes.
    static OFFICE_CUTS: std::cell::RefCell<rustc_hash::FxHashMap<String, usize>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// Most characters an office may add before its title word.
const MAX_EXTRA: usize = 7;
/// A longer office is cut to at most this many characters before the title word.
const SHORT_EXTRA: usize = 4;
/// Characters before the title word segmented to find where to cut a long office.
const CUT_WINDOW: usize = 8;

impl PersonExtractor {
    /// True when the character at byte `at` of `text` makes a noun with the one or two after
    /// it (`对外`, `以色列`), not another function word (`还有`, `对于`).
    fn opens_word(&self, text: &str, at: usize) -> bool {
        let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
            return false;
        };
        let from = at + c.len_utf8();
        (1..=2).any(|n| {
            text.get(at..from + n * HAN_LEN)
                .filter(|w| self.has_word(w))
                .is_some_and(|w| {
                    self.jieba
                        .tag(w, false)
                        .as_slice()
                        .first()
                        .is_some_and(|t| {
                            t.word == w
                                && (t.tag.starts_with('n') || matches!(t.tag, "s" | "b" | "j"))
                        })
                })
        })
    }

    /// True when jieba's first tag of `word` is a verb's of any kind (`v`, `vn`, `vd`…).
    fn tagged_verb(&self, word: &str) -> bool {
        memo::with_facts(word, |facts| {
            *facts.verb_tagged.get_or_insert_with(|| {
                self.jieba
                    .tag(word, false)
                    .first()
                    .is_some_and(|t| t.tag.starts_with('v'))
            })
        })
    }

    /// The role printed before a name: the title word at `role_start..role_end` of `text`
    /// with the office before it.
    pub(super) fn role_text(&self, text: &str, role_start: usize, role_end: usize) -> String {
        let mut from = role_start;
        let mut extra = 0;
        let mut capped = false;
        while let Some(c) = text.get(..from).and_then(|t| t.chars().next_back()) {
            if !is_han(c) {
                break;
            }
            if self.sets.role_stops.contains(&c) {
                // A function character that makes a word with the next one or two is part of
                // it (`对外`, `以色列`).
                if !self.opens_word(text, from - c.len_utf8()) {
                    break;
                }
            }
            if extra == MAX_EXTRA {
                capped = true;
                break;
            }
            from -= c.len_utf8();
            extra += 1;
        }
        if capped {
            from = self.word_boundary_from(text, role_start);
        }
        // Never start with a function character, unless it opens a word.
        while let Some(c) = text.get(from..role_start).and_then(|t| t.chars().next())
            && self.sets.role_stops.contains(&c)
            && !self.opens_word(text, from)
        {
            from += c.len_utf8();
        }
        // Nor with a one-character verb (`有该国银行行长`, `任副县长`). Only a first
        // character tagged a verb can be one: the office is segmented for no other.
        while let Some(office) = text.get(from..role_start)
            && let Some(c) = office.chars().next()
            && office
                .get(..c.len_utf8())
                .is_some_and(|w| self.tagged_verb(w))
            && let Some(first) = self.jieba.cut(office, false).first()
            && first.word.chars().count() == 1
            && self.tagged_verb(first.word)
        {
            from += first.word.len();
        }
        from += self.clause_before_office(text.get(from..role_start).unwrap_or_default());
        text.get(from..role_end).unwrap_or_default().to_owned()
    }

    /// Length in bytes of what opens `office` but belongs to the clause before it: up to the
    /// last word that a noun phrase does not hold, a pronoun (`该|市领导`), a preposition or
    /// conjunction, a numeral and its unit (`另一位|巴西外援`), or a verb that follows names
    /// (`某某回忆|父亲`).
    fn clause_before_office(&self, office: &str) -> usize {
        // An office of one character is a word of the title phrase or a function word that
        // the phrase already leaves out.
        if office.chars().nth(1).is_none() {
            return 0;
        }
        // A corpus prints the same offices again and again (`区委`, `市政府`): each thread
        // remembers what it found for the last few thousand.
        OFFICE_CUTS.with(|cache| {
            if let Some(&cut) = cache.borrow().get(office) {
                return cut;
            }
            let cut = self.tag_clause_before_office(office);
            let mut cache = cache.borrow_mut();
            if cache.len() >= OFFICE_CACHE {
                cache.clear();
            }
            cache.insert(office.to_owned(), cut);
            cut
        })
    }

    /// [`PersonExtractor::clause_before_office`] from jieba's tags of `office`.
    fn tag_clause_before_office(&self, office: &str) -> usize {
        let (mut end, mut cut, mut prev_tag) = (0, 0, "");
        for t in self.jieba.tag(office, false) {
            end += t.word.len();
            let breaks = match t.tag {
                "r" | "p" | "c" => true,
                "q" => matches!(prev_tag, "m" | "r"),
                // A numeral with its unit in one word (`一位`).
                "m" => t.word.ends_with(['位', '名', '个', '批']),
                _ => FOLLOWERS.contains(&t.word) || SPEECH.contains(&t.word),
            };
            if breaks {
                cut = end;
                // A pronoun with a place's unit keeps the unit (`该|市领导`), unless the
                // office repeats it (`该市|市委常委`).
                if t.tag == "r"
                    && let Some(unit) = t.word.chars().nth(1).filter(|&u| PLACE_UNITS.contains(u))
                    && t.word.chars().count() == 2
                    && !office.get(end..).is_some_and(|rest| rest.starts_with(unit))
                {
                    cut = end - unit.len_utf8();
                }
            }
            prev_tag = t.tag;
        }
        cut.min(office.len())
    }

    /// Where to cut a long office before the title word at `role_start`: the first word
    /// boundary at most [`SHORT_EXTRA`] characters before it, segmenting a wider window so
    /// that the cut never falls inside a word.
    fn word_boundary_from(&self, text: &str, role_start: usize) -> usize {
        let lo = role_start.saturating_sub(CUT_WINDOW * HAN_LEN);
        let earliest = role_start.saturating_sub(SHORT_EXTRA * HAN_LEN);
        let Some(window) = text.get(lo..role_start) else {
            return role_start;
        };
        self.jieba
            .cut(window, false)
            .iter()
            .map(|t| lo + t.byte_start)
            .find(|&start| start >= earliest)
            .unwrap_or(role_start)
    }
}

/// How specific a role is: an office title (`市委书记`, `该市市委常委`) beats a collective
/// one (`该市领导`, `区领导`), which beats none.
pub fn specificity(role: Option<&str>) -> u8 {
    match role {
        None => 0,
        Some(r) if r.ends_with("领导") => 1,
        Some(_) => 2,
    }
}
