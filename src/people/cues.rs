//! Context cues: the scanner that finds every cue word of a segment in one pass, and what
//! stands right before and right after a name candidate.

use rustc_hash::FxHashMap;

use super::stats::{CharStats, Row, RowMarks};
use super::text::{
    CharSet, HAN_LEN, PairBits, after_figure, han_at, is_figure, is_han, is_list_mark, is_numeral,
    opens_count, pack_han,
};
use super::words::{
    ADVERBS, FOLLOWERS, PERSON_PLACES, PREPOSITIONS, ROLES, SPEECH, TITLE_AFTER, TITLES,
    VERBS_BEFORE,
};

/// What a context cue found by the scanner means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    /// A title or role: a name may start right after it.
    Role,
    /// A verb: a name may end right before it.
    Follower,
    /// A title printed after the name.
    TitleAfter,
}

/// One cue word as the scanner compares it, found through its first character.
#[derive(Clone, Copy, Debug)]
struct CueWord<K> {
    /// The characters after the first, 16 bits each (cue words are ideographs, all in the
    /// Basic Multilingual Plane), first one lowest.
    rest: u64,
    /// Which bits of `rest` are characters.
    mask: u64,
    /// Length in bytes.
    len: usize,
    kind: K,
}

/// The context cue words, found in one pass over a segment: the same occurrences an
/// overlapping Aho-Corasick search reports, with a bit test per character.
///
/// A word of two or more characters can only start where its first two characters stand,
/// so the scan tests each pair of adjacent ideographs against a hashed bitmap of the words'
/// first pairs, and compares words only where the bit is set (a few per cent of the
/// characters); one-character words are tested with a bitmap of their own.
pub(super) struct CueTable<K> {
    /// For each character of the Basic Multilingual Plane, 1 + the index in `words` of the
    /// cue words starting with it, or 0.
    slot: Vec<u16>,
    /// Cue words of two or more characters grouped by first character.
    words: Vec<Vec<CueWord<K>>>,
    /// The kinds of the one-character cue words, by the same index.
    single_kinds: Vec<Vec<K>>,
    /// Hashed first pairs of the words of two or more characters.
    pairs: PairBits,
    /// For each character of the Basic Multilingual Plane, whether it is a word of one
    /// character ([`SINGLE`]) and whether it opens a word of two or more ([`OPENS`]).
    flags: Vec<u8>,
}

/// A cue word of one character.
const SINGLE: u8 = 1;
/// The first character of a cue word of two or more characters.
const OPENS: u8 = 2;

impl<K: Copy> CueTable<K> {
    /// A table of every word of the lists; each word must be one to four ideographs.
    pub(super) fn new(lists: &[(K, &[&'static str])]) -> Self {
        let mut slot = vec![0u16; 0x1_0000];
        let mut words: Vec<Vec<CueWord<K>>> = Vec::new();
        let mut single_kinds: Vec<Vec<K>> = Vec::new();
        let mut pairs = PairBits::with_capacity(0);
        let mut flags = vec![0u8; 0x1_0000];
        for &(kind, list) in lists {
            for word in list {
                let (Some((packed, n)), Some(first)) = (pack_han(word), word.chars().next()) else {
                    panic!("cue word {word:?} is not one to four ideographs");
                };
                if let Some(f) = flags.get_mut(first as usize) {
                    *f |= if n == 1 { SINGLE } else { OPENS };
                }
                if n > 1 {
                    pairs.insert(u32::from(first), ((packed >> 16) & 0xFFFF) as u32);
                }
                let Some(s) = slot.get_mut(first as usize) else {
                    continue;
                };
                if *s == 0 {
                    words.push(Vec::new());
                    single_kinds.push(Vec::new());
                    *s = u16::try_from(words.len()).expect("fewer than 65536 cue initials");
                }
                let index = usize::from(*s) - 1;
                if n == 1 {
                    if let Some(kinds) = single_kinds.get_mut(index) {
                        kinds.push(kind);
                    }
                } else if let Some(group) = words.get_mut(index) {
                    group.push(CueWord {
                        rest: packed >> 16,
                        mask: (1u64 << (16 * (n - 1))) - 1,
                        len: n * HAN_LEN,
                        kind,
                    });
                }
            }
        }
        CueTable {
            slot,
            words,
            single_kinds,
            pairs,
            flags,
        }
    }

    /// The flags of `c` in the table ([`SINGLE`], [`OPENS`]).
    pub(super) fn flags_of(&self, c: char) -> u8 {
        self.flags.get(c as usize).copied().unwrap_or(0)
    }

    /// Call `found(start, byte length, kind)` for every cue word of `text`, overlapping ones
    /// included, reading each character's flags from its row in `rows` (the rows of
    /// `text`), and note in `marks` the rows that are marked.
    ///
    /// Returns true when `text` has whitespace, which the extractor removes before looking
    /// at a segment: the cues are then those of the text as it is, not of the segment.
    pub(super) fn scan_each(
        &self,
        text: &str,
        (rows, marks): (&[Row], &mut RowMarks),
        mut found: impl FnMut(usize, usize, K),
    ) -> bool {
        let bytes = text.as_bytes();
        let mut spaced = false;
        // The row of the ideograph right before, if that is one and opens a cue word of two
        // or more characters.
        let mut prev: Option<&Row> = None;
        for (k, row) in rows.iter().enumerate() {
            marks.note(k, row);
            if !row.is_han() {
                spaced |= row.is_space();
                prev = None;
                continue;
            }
            let (code, flags) = (u32::from(row.c), row.cue_flags());
            if let Some(p) = prev
                && self.pairs.may_contain(u32::from(p.c), code)
            {
                self.record(bytes, p.off, u32::from(p.c), false, &mut found);
            }
            if flags & SINGLE != 0 {
                self.record(bytes, row.off, code, true, &mut found);
            }
            // Only a character that opens a longer word can start a pair worth testing.
            prev = (flags & OPENS != 0).then_some(row);
        }
        spaced
    }

    /// Record the cue words starting at byte `at` with the character `first`: the
    /// one-character ones when `single`, else the longer ones.
    fn record(
        &self,
        bytes: &[u8],
        at: usize,
        first: u32,
        single: bool,
        found: &mut impl FnMut(usize, usize, K),
    ) {
        let Some(group) =
            usize::from(self.slot.get(first as usize).copied().unwrap_or(0)).checked_sub(1)
        else {
            return;
        };
        if single {
            for &kind in self.single_kinds.get(group).into_iter().flatten() {
                found(at, HAN_LEN, kind);
            }
            return;
        }
        let Some(words) = self.words.get(group) else {
            return;
        };
        let mut rest = 0u64;
        for k in 0..3 {
            match han_at(bytes, at + (k + 1) * HAN_LEN) {
                Some(c) => rest |= u64::from(c) << (16 * k),
                None => break,
            }
        }
        for w in words {
            if rest & w.mask == w.rest {
                found(at, w.len, w.kind);
            }
        }
    }
}

/// What a cue word means: evidence for the strong rules, or context for the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CueKind {
    Strong(Cue),
    Context(Ctx),
}

impl CueTable<CueKind> {
    /// Record every cue of `text` in `out` (cleared first), overlapping ones included; true
    /// when `text` has whitespace (see [`CueTable::scan_each`]).
    pub(super) fn scan(&self, text: &str, stats: &CharStats, out: &mut CueScratch) -> bool {
        out.role_ends.clear();
        out.follower_at.clear();
        out.title_at.clear();
        out.ending.clear();
        out.ending.resize(text.len() + 1, (0, Left::Other));
        out.starting.clear();
        out.starting.resize(text.len() + 1, (0, Right::Other));
        out.title_ends.clear();
        stats.rows(text, &mut out.rows);
        out.marks.clear();
        let CueScratch {
            role_ends,
            follower_at,
            title_at,
            ending,
            starting,
            title_ends,
            rows,
            marks,
        } = out;
        let mut words = ContextWords {
            ending,
            starting,
            title_ends,
        };
        let spaced = self.scan_each(text, (rows, marks), |at, len, kind| match kind {
            CueKind::Strong(Cue::Role) => role_ends.push((at + len, len)),
            CueKind::Strong(Cue::Follower) => follower_at.push(at),
            CueKind::Strong(Cue::TitleAfter) => title_at.push(at),
            CueKind::Context(ctx) => {
                words.context_word(at, len, ctx);
                // A verb that takes a person takes it after the aspect particle too
                // (`嫁给了某某`).
                if ctx == Ctx::LeftVerb
                    && len >= 2 * HAN_LEN
                    && text.get(at + len..).is_some_and(|t| t.starts_with('了'))
                {
                    words.context_word(at, len + HAN_LEN, ctx);
                }
            }
        });
        out.title_ends.sort_unstable();
        out.title_ends.dedup();
        spaced
    }
}

/// The cue table of the strong rules' lists and of the context words of two or more
/// characters (one-character context words are looked up where a candidate needs them: they
/// are among the commonest characters, and the scan would stop at each).
pub(super) fn cue_table(strong: &[(Cue, &'static [&'static str])]) -> CueTable<CueKind> {
    let long: Vec<(CueKind, Vec<&'static str>)> = CONTEXT_LISTS
        .iter()
        .map(|&(ctx, list)| {
            let words = list.iter().copied().filter(|w| w.chars().nth(1).is_some());
            (CueKind::Context(ctx), words.collect())
        })
        .collect();
    let lists: Vec<(CueKind, &[&'static str])> = strong
        .iter()
        .map(|&(cue, list)| (CueKind::Strong(cue), list))
        .chain(long.iter().map(|(kind, words)| (*kind, words.as_slice())))
        .collect();
    CueTable::new(&lists)
}

/// Per-segment cue positions, reused across the segments of an article: the cue words of the
/// strong rules, the best context word ending and starting at each position, and the rows
/// of the segment's characters that the scan reads.
///
/// All offsets are byte offsets; every cue word is made of ideographs.
#[derive(Default)]
pub(super) struct CueScratch {
    /// (end, byte length) of every role word.
    pub(super) role_ends: Vec<(usize, usize)>,
    /// Start of every verb.
    pub(super) follower_at: Vec<usize>,
    /// Start of every trailing title.
    pub(super) title_at: Vec<usize>,
    /// Rank (longest first, then list order; 0 for none) and class of the context word
    /// ending at each byte offset.
    ending: Vec<(u8, Left)>,
    /// The same for the context word starting at each offset.
    starting: Vec<(u8, Right)>,
    /// Every offset where a title word of the lists was once the best word ending there,
    /// ascending: where [`CueScratch::titles_ending`] looks, instead of every offset.
    title_ends: Vec<usize>,
    /// The characters of the segment with their statistics, made before the scan.
    pub(super) rows: Vec<Row>,
    /// The rows where candidates may be anchored.
    pub(super) marks: RowMarks,
}

/// What stands right before a name candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Left {
    /// The start of the segment or of a clause (punctuation, a number).
    Start = 0,
    /// `、` or `／`: the candidate continues a list.
    List,
    /// An opening quote or bracket.
    Open,
    /// A title or role (`总统`, `村民`, `区委书记`).
    Title,
    /// A verb or preposition that takes a person (`会见`, `名叫`, `对`).
    Verb,
    /// `的`.
    De,
    /// An adverb or negation (`不`, `也`, `很`): a verb follows, not a name.
    Adverb,
    /// A preposition of place (`在`, `到`, `从`): a place follows more often than a person.
    Locative,
    /// Anything else.
    Other,
}

/// Number of [`Left`] classes.
pub(super) const LEFT_CLASSES: usize = 9;

/// Every [`Left`] class, in the order of their numbers.
pub(super) const LEFTS: [Left; LEFT_CLASSES] = [
    Left::Start,
    Left::List,
    Left::Open,
    Left::Title,
    Left::Verb,
    Left::De,
    Left::Adverb,
    Left::Locative,
    Left::Other,
];

// `LEFTS` lists the classes by their numbers.
const _: () = {
    let mut k = 0;
    while k < LEFT_CLASSES {
        assert!(LEFTS[k] as usize == k);
        k += 1;
    }
};

/// What stands right after a name candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Right {
    /// The end of the segment or of a clause.
    End = 0,
    /// `、` or `／`: a list goes on.
    List,
    /// `·`: the candidate is the first part of a longer foreign name.
    Dot,
    /// A digit (a date such as `28日`).
    Num,
    /// A title or honorific printed after a name (`同志`, `总统`, `教授`).
    Title,
    /// Another title or role (`副总裁`, `委员`).
    Title2,
    /// A verb of speech or of office (`说`, `表示`, `出席`).
    Speech,
    /// An adverb or time word (`也`, `已经`, `今天`).
    Adv,
    /// A preposition or conjunction (`在`, `和`, `等`).
    Prep,
    /// `的`.
    De,
    /// A place or organisation suffix (`县`, `村`, `队`): the candidate names a place.
    Suffix,
    /// Another verb, one that jieba's dictionary lists (`出示`, `带来`): the candidate may be
    /// its subject.
    Verb,
    /// Anything else.
    Other,
}

/// Number of [`Right`] classes.
pub(super) const RIGHT_CLASSES: usize = 13;

/// Every [`Right`] class, in the order of their numbers.
pub(super) const RIGHTS: [Right; RIGHT_CLASSES] = [
    Right::End,
    Right::List,
    Right::Dot,
    Right::Num,
    Right::Title,
    Right::Title2,
    Right::Speech,
    Right::Adv,
    Right::Prep,
    Right::De,
    Right::Suffix,
    Right::Verb,
    Right::Other,
];

// `RIGHTS` lists the classes by their numbers.
const _: () = {
    let mut k = 0;
    while k < RIGHT_CLASSES {
        assert!(RIGHTS[k] as usize == k);
        k += 1;
    }
};

/// Which word list a context word comes from; among words of one length the first kind wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ctx {
    LeftTitle,
    LeftVerb,
    RightTitle,
    RightTitle2,
    RightSpeech,
    RightAdv,
    RightPrep,
}

/// The context word lists, each with its kind.
pub(super) const CONTEXT_LISTS: &[(Ctx, &[&str])] = &[
    (Ctx::LeftTitle, ROLES),
    (Ctx::LeftTitle, TITLES),
    (Ctx::LeftVerb, VERBS_BEFORE),
    (Ctx::RightTitle, TITLE_AFTER),
    (Ctx::RightTitle, PERSON_PLACES),
    (Ctx::RightTitle2, ROLES),
    (Ctx::RightTitle2, TITLES),
    (Ctx::RightSpeech, FOLLOWERS),
    (Ctx::RightSpeech, SPEECH),
    (Ctx::RightAdv, ADVERBS),
    (Ctx::RightPrep, PREPOSITIONS),
];

/// Characters that end a title word (`队长`, `球员`, `画家`), or a team whose player is
/// named after it (`女队`), for titles no list has.
const TITLE_SUFFIX: &str = "长员家师士官手将队";
/// Characters that, right after a candidate, make it a place or an organisation.
const PLACE_SUFFIX: &str = "族人语省州市县区河山岛湾港城村镇乡路街队军国院校馆厂店场站";
/// The character of a one-character word.
fn single_char(word: &str) -> Option<char> {
    let mut cs = word.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Adverbs and negations that stand before verbs, hardly before names.
const ADVERB_BEFORE: &str = "不没未别很更最太再才已又都也还就";
/// Prepositions of place.
const LOCATIVE: &str = "在到从于赴往至自";
/// Opening quotes and brackets.
const OPENING: &str = "“‘《「『（(";

/// The character sets the context classes test, as bitmaps.
pub(super) struct ContextChars {
    /// The class of each one-character context word, before and after a candidate.
    single_left: FxHashMap<char, Left>,
    single_right: FxHashMap<char, Right>,
    title_suffix: CharSet,
    adverb: CharSet,
    locative: CharSet,
    place_suffix: CharSet,
    opening: CharSet,
}

impl ContextChars {
    /// The class an ideograph gives the candidate after it when no context word ends
    /// there, or `None` when the text around it decides (`号` after a figure, the last
    /// character of a title): the order of [`CueScratch::left_of`], as a table can hold it.
    pub(super) fn left_by_char(&self, c: char) -> Option<Left> {
        if let Some(&class) = self.single_left.get(&c) {
            return Some(class);
        }
        match c {
            '的' => Some(Left::De),
            '号' => None,
            '小' | '老' => Some(Left::Open),
            _ if self.adverb.contains(&c) => Some(Left::Adverb),
            _ if self.locative.contains(&c) => Some(Left::Locative),
            _ if self.title_suffix.contains(&c) => None,
            _ => Some(Left::Other),
        }
    }

    /// The sets.
    pub(super) fn new() -> Self {
        let mut single_left = FxHashMap::default();
        let mut single_right = FxHashMap::default();
        // The lists in order of precedence: the first class given to a character stays.
        for &(kind, list) in CONTEXT_LISTS {
            for c in list.iter().filter_map(|w| single_char(w)) {
                match kind {
                    Ctx::LeftTitle => single_left.entry(c).or_insert(Left::Title),
                    Ctx::LeftVerb => single_left.entry(c).or_insert(Left::Verb),
                    _ => continue,
                };
            }
        }
        for (kind, class) in [
            (Ctx::RightTitle, Right::Title),
            (Ctx::RightTitle2, Right::Title2),
            (Ctx::RightSpeech, Right::Speech),
            (Ctx::RightAdv, Right::Adv),
            (Ctx::RightPrep, Right::Prep),
        ] {
            for &(k, list) in CONTEXT_LISTS.iter().filter(|(k, _)| *k == kind) {
                debug_assert_eq!(k, kind);
                for c in list.iter().filter_map(|w| single_char(w)) {
                    single_right.entry(c).or_insert(class);
                }
            }
        }
        ContextChars {
            single_left,
            single_right,
            title_suffix: TITLE_SUFFIX.chars().collect(),
            adverb: ADVERB_BEFORE.chars().collect(),
            locative: LOCATIVE.chars().collect(),
            place_suffix: PLACE_SUFFIX.chars().collect(),
            opening: OPENING.chars().collect(),
        }
    }
}

/// The lists of a [`CueScratch`] that the context words found by a scan fill.
struct ContextWords<'a> {
    ending: &'a mut Vec<(u8, Left)>,
    starting: &'a mut Vec<(u8, Right)>,
    title_ends: &'a mut Vec<usize>,
}

impl ContextWords<'_> {
    /// Records a context word found at byte `at`, `len` bytes long.
    fn context_word(&mut self, at: usize, len: usize, kind: Ctx) {
        // Longer words first; among words of one length, the earlier list.
        let rank = |order: u8| ((len / HAN_LEN) as u8) * 8 + (7 - order);
        let left = match kind {
            Ctx::LeftTitle => Some((rank(0), Left::Title)),
            Ctx::LeftVerb => Some((rank(1), Left::Verb)),
            _ => None,
        };
        if let Some(best) = left
            && let Some(slot) = self.ending.get_mut(at + len)
            && best.0 > slot.0
        {
            *slot = best;
            if best.1 == Left::Title {
                self.title_ends.push(at + len);
            }
        }
        let right = match kind {
            Ctx::RightTitle => Some((rank(0), Right::Title)),
            Ctx::RightTitle2 => Some((rank(1), Right::Title2)),
            Ctx::RightSpeech => Some((rank(2), Right::Speech)),
            Ctx::RightAdv => Some((rank(3), Right::Adv)),
            Ctx::RightPrep => Some((rank(4), Right::Prep)),
            _ => None,
        };
        if let Some(best) = right
            && let Some(slot) = self.starting.get_mut(at)
            && best.0 > slot.0
        {
            *slot = best;
        }
    }
}

impl CueScratch {
    /// Every byte offset where a title word of the lists ends, in increasing order.
    pub(super) fn titles_ending(&self) -> impl Iterator<Item = usize> + '_ {
        self.title_ends
            .iter()
            .copied()
            .filter(|&s| self.title_before(s).is_some())
    }

    /// The byte length of the title word of the lists that ends at byte `s`, if one does.
    pub(super) fn title_before(&self, s: usize) -> Option<usize> {
        match self.ending.get(s) {
            Some(&(rank, Left::Title)) if rank > 0 => Some(usize::from(rank / 8) * HAN_LEN),
            _ => None,
        }
    }

    /// The byte length of the title word of the lists printed after a name that starts at
    /// byte `e` (`首相` of `某某首相`), if one does.
    pub(super) fn title_after(&self, e: usize) -> Option<usize> {
        match self.starting.get(e) {
            Some(&(rank, Right::Title | Right::Title2)) if rank > 0 => {
                Some(usize::from(rank / 8) * HAN_LEN)
            }
            _ => None,
        }
    }

    /// True when a longer title word of the lists runs on past byte `end`, one or two
    /// characters further (`副总|理`): a role that ends at `end` is only its beginning.
    pub(super) fn title_runs_past(&self, end: usize) -> bool {
        (1..=2).any(|k| {
            self.title_before(end + k * HAN_LEN)
                .is_some_and(|len| len > k * HAN_LEN)
        })
    }

    /// True when a context word of two or more characters starts inside the candidate `s..e`
    /// after its first character (`安南希望`, `拉埃女士`).
    pub(super) fn swallows(&self, s: usize, e: usize) -> bool {
        let long = |rank: u8| rank / 8 >= 2;
        // Every byte: a `·` (two bytes) may stand before the word; other offsets hold none.
        (s + HAN_LEN..e).any(|p| self.starting.get(p).is_some_and(|&(rank, _)| long(rank)))
    }

    /// True when the candidate `s..e` ends with a whole context word of two or more
    /// characters that starts inside it (`安南希望`): a name and the verb after it.
    pub(super) fn ends_with_word(&self, s: usize, e: usize) -> bool {
        // Every byte: a `·` (two bytes) may stand before the word.
        (s + HAN_LEN..e.saturating_sub(HAN_LEN)).any(|p| {
            self.starting
                .get(p)
                .is_some_and(|&(rank, _)| rank / 8 >= 2 && p + usize::from(rank / 8) * HAN_LEN == e)
        })
    }

    /// True when a context word of two or more characters runs into the candidate `s..e`
    /// from either side (`区长|远`, `吕沛强|调`): its edge character belongs to that word.
    pub(super) fn crosses(&self, s: usize, e: usize) -> bool {
        let long = |rank: u8| rank / 8 >= 2;
        self.ending
            .get(s + HAN_LEN)
            .is_some_and(|&(rank, _)| long(rank))
            || e.checked_sub(HAN_LEN)
                .and_then(|last| self.starting.get(last))
                .is_some_and(|&(rank, _)| long(rank))
    }

    /// What stands right before byte `s` of `text` (the scanned segment); `is_word` says
    /// whether jieba's dictionary has a word (for titles that end like one, `队长`).
    pub(super) fn left(
        &self,
        sets: &ContextChars,
        text: &str,
        s: usize,
        is_word: impl Fn(&str) -> bool,
    ) -> Left {
        let prev = text.get(..s).and_then(|t| t.chars().next_back());
        self.left_of(sets, text, s, prev, None, is_word)
    }

    /// What stands right before byte `s`, the character there being `prev`; `by_char` is
    /// the class that character gives alone, when the caller knows it decides (see
    /// [`ContextChars::left_by_char`]).
    #[inline]
    pub(super) fn left_of(
        &self,
        sets: &ContextChars,
        text: &str,
        s: usize,
        prev: Option<char>,
        by_char: Option<Left>,
        is_word: impl Fn(&str) -> bool,
    ) -> Left {
        let Some(prev) = prev else {
            return Left::Start;
        };
        if !is_han(prev) {
            return match prev {
                '、' | '／' => Left::List,
                c if sets.opening.contains(&c) => Left::Open,
                _ => Left::Start,
            };
        }
        match self.ending.get(s) {
            Some(&(rank, class)) if rank > 0 => class,
            _ if let Some(class) = by_char => class,
            // From here on, `ContextChars::left_by_char` follows the same order.
            _ if let Some(&class) = sets.single_left.get(&prev) => class,
            _ if prev == '的' => Left::De,
            // A shirt number (`9号`): a player's name follows.
            _ if prev == '号' && after_figure(text, s - HAN_LEN) => Left::Title,
            // `小` or `老` before a name of two characters or more: a child, or a familiar
            // form (`小俊平`), said of people only.
            _ if matches!(prev, '小' | '老') => Left::Open,
            _ if sets.adverb.contains(&prev) => Left::Adverb,
            _ if sets.locative.contains(&prev) => Left::Locative,
            _ if sets.title_suffix.contains(&prev)
                && s >= 2 * HAN_LEN
                && text.get(s - 2 * HAN_LEN..s).is_some_and(is_word) =>
            {
                Left::Title
            }
            _ => Left::Other,
        }
    }

    /// What stands right after byte `e` of `text`.
    pub(super) fn right(&self, sets: &ContextChars, text: &str, e: usize) -> Right {
        let mut after = text.get(e..).unwrap_or_default().chars();
        let next = after.next();
        self.right_of(sets, e, next, after.next())
    }

    /// What stands right after byte `e`, the character there being `next` and the one after
    /// it `after`.
    #[inline]
    pub(super) fn right_of(
        &self,
        sets: &ContextChars,
        e: usize,
        next: Option<char>,
        after: Option<char>,
    ) -> Right {
        let Some(next) = next else {
            return Right::End;
        };
        if !is_han(next) {
            return match next {
                c if is_list_mark(c) => Right::List,
                // A photo caption's place mark (`某某（左）`, `（右二）`): said of people.
                '（' | '(' if matches!(after, Some('左' | '中' | '右')) => Right::Title,
                '·' => Right::Dot,
                c if is_figure(c) => Right::Num,
                _ => Right::End,
            };
        }
        // A copula before a title (`某某为团长`, `某某是党员`): the candidate holds the office.
        if matches!(next, '为' | '是' | '任')
            && matches!(
                self.starting.get(e + HAN_LEN),
                Some(&(rank, Right::Title | Right::Title2)) if rank > 0
            )
        {
            return Right::Title;
        }
        // A player's rank in Go or chess (`某某九段`): a title.
        if after == Some('段') && is_numeral(next) {
            return Right::Title;
        }
        match self.starting.get(e) {
            Some(&(rank, class)) if rank > 0 => class,
            // A count or a date in words (`两次`, `六日`), as after figures.
            _ if opens_count(next, after) => Right::Num,
            _ if let Some(&class) = sets.single_right.get(&next) => class,
            _ if next == '的' => Right::De,
            _ if sets.place_suffix.contains(&next) => Right::Suffix,
            _ => Right::Other,
        }
    }
}
