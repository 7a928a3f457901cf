//! Person-name extraction: which real people an article names, and the role printed
//! before each name.
//!
//! Why rules and not a tagger: on these county pages a statistical tagger does badly.
//! jieba's HMM person tags reach F1 ≈ 0.53 and a CRF ≈ 0.43, because the names are
//! mostly rare local officials that no model has seen, while the *contexts* they sit in
//! are formulaic: a title right before the name (`区委书记李建超`), a `、` list opened by
//! such a title (`区领导吴长青、申延芳、马俊标出席`), a speech or action verb right after
//! the name (`李建超强调`), `总书记` / `同志` after it. Context rules over surname-shaped
//! candidates reach precision and recall above 0.95 on the gold pages.
//!
//! The extraction therefore runs in two passes:
//! 1. **Strong evidence** per article ([`PersonExtractor::extract`]): one scan (a table lookup
//!    per character, as exact as an overlapping Aho-Corasick search) finds every role word,
//!    verb and trailing title; only around those cues are candidates
//!    built (a surname from [`surnames.txt`](people/surnames.txt) plus one or two given-name
//!    characters). A candidate is dropped when jieba's dictionary knows it as an ordinary
//!    word, or when jieba's segmentation of a few characters around it cuts through its
//!    first or last character (`全区长远发展` is not `区长` + `远发展`). jieba therefore
//!    only looks at short windows around candidates, never at whole articles.
//! 2. **Gazetteer** ([`Gazetteer`], [`annotate_corpus`]): every name accepted with strong
//!    evidence anywhere in the corpus is searched for in every article in one leftmost-longest
//!    pass, which catches bare later mentions (`郑小林详细了解`, `吕沛与…交流座谈`), with the
//!    same segmentation check.
//!
//! Text is handled as `&str` with byte offsets, borrowed from the articles (a segment is
//! copied only when it has whitespace to remove): a name candidate is a run of ideographs,
//! three bytes each in UTF-8, and every offset is read through `str::get`. Both passes run
//! on all cores, and jieba's dictionary can be loaded while pages are parsed ([`PendingExtractor`]).
//!
//! Reporters, correspondents and credits are passed in as `exclude`: they are kept only when
//! the body itself names them with strong evidence, never from a bare gazetteer hit.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use jieba_rs::Jieba;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Article, PersonMention};

/// Chinese surnames, single and compound, one per line.
const SURNAMES: &str = include_str!("people/surnames.txt");

/// Titles and roles printed right before a name; they also open a `、` list of names.
const ROLES: &[&str] = &[
    "书记",
    "副书记",
    "总书记",
    "区长",
    "副区长",
    "市长",
    "副市长",
    "县长",
    "副县长",
    "乡长",
    "副乡长",
    "镇长",
    "副镇长",
    "省长",
    "副省长",
    "州长",
    "主任",
    "副主任",
    "常委",
    "委员",
    "领导",
    "董事长",
    "副董事长",
    "董事",
    "总经理",
    "副总经理",
    "经理",
    "副总",
    "会长",
    "副会长",
    "院长",
    "副院长",
    "主席",
    "副主席",
    "部长",
    "副部长",
    "局长",
    "副局长",
    "行长",
    "副行长",
    "厅长",
    "副厅长",
    "处长",
    "副处长",
    "科长",
    "司长",
    "副司长",
    "所长",
    "站长",
    "校长",
    "副校长",
    "园长",
    "馆长",
    "社长",
    "总编辑",
    "主编",
    "队长",
    "组长",
    "村长",
    "支书",
    "主管",
    "总监",
    "总裁",
    "总会计师",
    "会计师",
    "工程师",
    "调研员",
    "巡视员",
    "秘书长",
    "政委",
    "主委",
    "理事长",
    "检察长",
    "审判长",
    "庭长",
    "法官",
    "民警",
    "教授",
    "博士",
    "医生",
    "村民",
    "居民",
    "农民",
    "市民",
    "志愿者",
    "工作者",
    "劳模",
    "创始人",
    "负责人",
    "师傅",
    "专家",
    "研究员",
    "作家",
    "画家",
    "书法家",
    "演员",
    "运动员",
    "同志",
];

/// Verbs and words printed right after a name (`李建超强调`, `辛颖一行`).
const FOLLOWERS: &[&str] = &[
    "强调",
    "指出",
    "表示",
    "主持",
    "要求",
    "带队",
    "带领",
    "出席",
    "一同",
    "介绍",
    "详细了解",
    "了解",
    "一行",
    "参加",
    "列席",
    "会见",
    "会同",
    "陪同",
    "讲话",
    "致辞",
    "宣读",
    "代表",
    "先后",
    "多次",
    "再次",
    "实地",
    "调研",
    "督导",
    "检查",
    "察看",
    "看望",
    "慰问",
    "听取",
    "莅临",
    "考察",
    "交流",
    "座谈",
    "点评",
    "一一",
    "通过",
    "宣讲",
    "前往",
    "来到",
    "不时",
    "率队",
    "率领",
    "简要",
    "着重",
    "认真",
    "首先",
    "提出",
    "所作",
    "作了",
    "总结",
    "应邀",
    "分别",
    "深入",
    "说",
    "称",
    "希望",
    "告诉",
    "回忆",
    "笑着",
    "主讲",
    "到会",
    "亲自",
    "一直",
    "会上",
    "在会上",
    "就",
];

/// Single characters that end a name when printed right after it (`吕沛与`, `吴军在`).
const FOLLOWER_CHARS: &str = "对与和及在到还也就为向同是作率讲说赴任莅等";

/// Titles printed right after a name (`习近平总书记`, `葛巧红书记`).
const TITLES_AFTER: &[&str] = &["总书记", "书记", "同志", "先生", "女士"];

/// Characters that may stand right before a name found through a following verb.
const LEFT_CONJ: &str = "对与和及同由向给请让邀";

/// Characters that never appear in a given name: organisation suffixes and function words.
const NOT_GIVEN: &str = "的了着们这那个把被从等就都还又并之其该此各每委部局处厅院所站办室区市省乡镇村司队社校馆团党府总于与及对在是将";

/// Surnames that are far more often function words; with a two-character given name
/// that is itself a word (`和大家`, `和燃气`) they are a conjunction, not a person.
const FUNCTION_SURNAMES: &str =
    "和与及同向从对于以为并在将把被是都也还就全共总各每有由自当按通经连但而或";

/// Words after a name that make it part of a campaign or institution name (`雷锋精神`).
const NAME_USES: &[&str] = &[
    "精神",
    "故事",
    "小学",
    "中学",
    "大学",
    "学校",
    "纪念馆",
    "故居",
    "路",
    "大道",
    "街",
    "广场",
    "公园",
    "式",
    "杯",
    "奖",
    "班",
    "号",
    "题材",
    "文化",
    "诗",
    "墓",
    "祠",
];

/// What a context cue found by the scanner means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// A title or role: a name may start right after it.
    Role,
    /// A verb: a name may end right before it.
    Follower,
    /// A title printed after the name.
    TitleAfter,
}

/// A person found at a position: segment index (title first), byte offset, name, role.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Hit {
    seg: usize,
    at: usize,
    name: String,
    role: Option<String>,
    strong: bool,
}

/// The process-wide extractor behind [`PersonExtractor::shared`].
static SHARED: OnceLock<PersonExtractor> = OnceLock::new();

/// A person extractor being built on a background thread, so that its one-time set-up
/// (loading jieba's dictionary) overlaps with page parsing.
///
/// The extractor is owned, not process-wide: a load drops it with its dictionary (about
/// 30 MB) once the people pass is done.
pub struct PendingExtractor(Option<std::thread::JoinHandle<PersonExtractor>>);

impl PendingExtractor {
    /// Start building an extractor; returns at once.
    pub fn start() -> Self {
        // If no thread can be started, the extractor is built by [`PendingExtractor::wait`].
        let handle = std::thread::Builder::new()
            .name("people-preload".to_owned())
            .spawn(PersonExtractor::new)
            .ok();
        PendingExtractor(handle)
    }

    /// The extractor, waiting for its set-up if it is still running (or doing it here when
    /// the background thread could not start or failed).
    pub fn wait(self) -> PersonExtractor {
        self.0
            .and_then(|handle| handle.join().ok())
            .unwrap_or_default()
    }
}

/// True for CJK ideographs, the only characters a name is made of.
///
/// Every such character is three bytes long in UTF-8, which the byte arithmetic on name
/// candidates below relies on.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// UTF-8 length of every character [`is_han`] accepts.
const HAN_LEN: usize = 3;

/// The ideograph whose UTF-8 encoding starts at byte `i` of `bytes`, if there is one.
///
/// `bytes` must be the bytes of a `str`, so a lead byte is always followed by its
/// continuation bytes.
fn han_at(bytes: &[u8], i: usize) -> Option<char> {
    let [b0, b1, b2] = *bytes.get(i..i + HAN_LEN)? else {
        return None;
    };
    if b0 & 0xF0 != 0xE0 {
        return None;
    }
    let code = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    char::from_u32(code).filter(|&c| is_han(c))
}

/// A set of characters: a bitmap over the Basic Multilingual Plane, a list beyond it.
struct CharSet {
    bits: Vec<u64>,
    other: Vec<char>,
    len: usize,
}

impl CharSet {
    /// An empty set.
    fn new() -> Self {
        CharSet {
            bits: vec![0; 0x1_0000 / 64],
            other: Vec::new(),
            len: 0,
        }
    }

    /// Add `c`; true when it was not in the set yet.
    fn insert(&mut self, c: char) -> bool {
        let code = c as usize;
        let new = match self.bits.get_mut(code / 64) {
            Some(word) => {
                let bit = 1u64 << (code % 64);
                let new = *word & bit == 0;
                *word |= bit;
                new
            }
            None if self.other.contains(&c) => false,
            None => {
                self.other.push(c);
                true
            }
        };
        self.len += usize::from(new);
        new
    }

    /// True when `c` is in the set.
    fn contains(&self, c: &char) -> bool {
        let code = *c as usize;
        match self.bits.get(code / 64) {
            Some(word) => word & (1u64 << (code % 64)) != 0,
            None => self.other.contains(c),
        }
    }

    /// Number of characters in the set.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.len
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        let mut set = CharSet::new();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

/// One text segment (the title or a paragraph) with whitespace removed.
///
/// Positions are byte offsets into `text`; every offset the extractor computes lies on a
/// character boundary, and text is only ever read through `str::get`.
struct Segment<'a> {
    text: Cow<'a, str>,
}

impl<'a> Segment<'a> {
    /// Prepare a segment; whitespace is removed (names may be spaced out or wrapped). The
    /// text is borrowed when it has no whitespace, which is the common case.
    fn new(raw: &'a str) -> Self {
        let text = if raw.chars().any(char::is_whitespace) {
            Cow::Owned(raw.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(raw)
        };
        Segment { text }
    }

    /// The characters between byte offsets `from..to` (empty unless both are boundaries).
    fn slice(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or_default()
    }

    /// The character starting at byte `at`, if any.
    fn get(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// The character ending at byte `at`, if any.
    fn before(&self, at: usize) -> Option<char> {
        self.text.get(..at)?.chars().next_back()
    }

    /// True when the characters starting at byte `at` spell `word`.
    fn has_at(&self, at: usize, word: &str) -> bool {
        self.text.get(at..).is_some_and(|s| s.starts_with(word))
    }

    /// Byte offset `n` characters before `at` (or the start of the segment).
    fn back(&self, at: usize, n: usize) -> usize {
        match self.text.get(..at) {
            Some(head) => head
                .char_indices()
                .rev()
                .take(n)
                .last()
                .map_or(at, |(i, _)| i),
            None => at,
        }
    }

    /// Byte offset `n` characters after `at` (or the end of the segment).
    fn forward(&self, at: usize, n: usize) -> usize {
        match self.text.get(at..) {
            Some(tail) => tail
                .char_indices()
                .nth(n)
                .map_or(self.text.len(), |(i, _)| at + i),
            None => at,
        }
    }
}

/// One cue word as the scanner compares it, found through its first character.
#[derive(Clone, Copy, Debug)]
struct CueWord {
    /// The characters after the first, 16 bits each (cue words are ideographs, all in the
    /// Basic Multilingual Plane), first one lowest.
    rest: u64,
    /// Which bits of `rest` are characters.
    mask: u64,
    /// Length in bytes.
    len: usize,
    kind: Cue,
}

/// The context cue words, found in one pass over a segment: the same occurrences an
/// overlapping Aho-Corasick search reports, with a bit test per character.
///
/// A word of two or more characters can only start where its first two characters stand,
/// so the scan tests each pair of adjacent ideographs against a hashed bitmap of the words'
/// first pairs, and compares words only where the bit is set (a few per cent of the
/// characters); one-character words are tested with a bitmap of their own.
struct CueTable {
    /// For each character of the Basic Multilingual Plane, 1 + the index in `words` of the
    /// cue words starting with it, or 0.
    slot: Vec<u8>,
    /// Cue words grouped by first character.
    words: Vec<Vec<CueWord>>,
    /// Hashed first pairs of the words of two or more characters.
    pairs: PairBits,
    /// The words of one character.
    singles: CharSet,
}

/// A bitmap indexed by a hash of a pair of characters: a set test with no false negatives
/// and, sized at 16 bits or more per pair, few false positives.
struct PairBits {
    words: Vec<u64>,
    /// 64 − log2(number of bits).
    shift: u32,
}

impl PairBits {
    /// An empty bitmap for about `pairs` pairs (at least 2^16 bits).
    fn with_capacity(pairs: usize) -> Self {
        let bits = pairs.saturating_mul(16).next_power_of_two().max(0x1_0000);
        PairBits {
            words: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
        }
    }

    /// The bit of a pair of characters (given as code points).
    fn index(&self, a: u32, b: u32) -> usize {
        let key = (u64::from(a) << 32) | u64::from(b);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Set the bit of a pair.
    fn insert(&mut self, a: u32, b: u32) {
        let k = self.index(a, b);
        if let Some(word) = self.words.get_mut(k / 64) {
            *word |= 1 << (k % 64);
        }
    }

    /// True when the bit of a pair is set (always so for an inserted pair).
    fn may_contain(&self, a: u32, b: u32) -> bool {
        let k = self.index(a, b);
        self.words
            .get(k / 64)
            .is_some_and(|word| word & (1 << (k % 64)) != 0)
    }
}

/// The characters of `text`, 16 bits each, first one lowest, as long as they are ideographs
/// (at most four).
fn pack_han(text: &str) -> Option<(u64, usize)> {
    let mut packed = 0;
    let mut n = 0;
    for c in text.chars() {
        if !is_han(c) || n == 4 {
            return None;
        }
        packed |= u64::from(c) << (16 * n);
        n += 1;
    }
    Some((packed, n))
}

/// The code point of a three-byte UTF-8 sequence starting at byte `i` (0 if there is none).
fn code3(bytes: &[u8], i: usize) -> u32 {
    match bytes.get(i..i + HAN_LEN) {
        Some(&[b0, b1, b2]) => {
            (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
        }
        _ => 0,
    }
}

impl CueTable {
    /// A table of every word of the lists; each word must be one to four ideographs.
    fn new(lists: &[(Cue, &[&'static str])]) -> Self {
        let mut slot = vec![0u8; 0x1_0000];
        let mut words: Vec<Vec<CueWord>> = Vec::new();
        let mut pairs = PairBits::with_capacity(0);
        let mut singles = CharSet::new();
        for &(kind, list) in lists {
            for word in list {
                let (Some((packed, n)), Some(first)) = (pack_han(word), word.chars().next()) else {
                    panic!("cue word {word:?} is not one to four ideographs");
                };
                if n == 1 {
                    singles.insert(first);
                } else {
                    pairs.insert(u32::from(first), ((packed >> 16) & 0xFFFF) as u32);
                }
                let Some(s) = slot.get_mut(first as usize) else {
                    continue;
                };
                if *s == 0 {
                    words.push(Vec::new());
                    *s = u8::try_from(words.len()).expect("fewer than 256 cue initials");
                }
                if let Some(group) = words.get_mut(usize::from(*s) - 1) {
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
            pairs,
            singles,
        }
    }

    /// Record every cue of `text` in `out` (cleared first), overlapping ones included.
    ///
    /// Returns true when `text` has whitespace, which the extractor removes before looking
    /// at a segment: the cues are then those of the text as it is, not of the segment.
    fn scan(&self, text: &str, out: &mut CueScratch) -> bool {
        out.role_ends.clear();
        out.follower_at.clear();
        out.title_at.clear();
        let bytes = text.as_bytes();
        let mut spaced = false;
        let mut i = 0;
        // Offset and code point of the ideograph right before `i`, if that is one.
        let mut prev: Option<(usize, u32)> = None;
        while let Some(&lead) = bytes.get(i) {
            if lead & 0xF0 != 0xE0 {
                spaced |= if lead < 0x80 {
                    char::from(lead).is_whitespace()
                } else {
                    text.get(i..)
                        .and_then(|t| t.chars().next())
                        .is_some_and(char::is_whitespace)
                };
                prev = None;
                i += utf8_len(lead);
                continue;
            }
            let code = code3(bytes, i);
            let c = char::from_u32(code).unwrap_or_default();
            if !is_han(c) {
                spaced |= c.is_whitespace();
                prev = None;
                i += HAN_LEN;
                continue;
            }
            if let Some((at, first)) = prev
                && self.pairs.may_contain(first, code)
            {
                self.record(bytes, at, first, false, out);
            }
            if self.singles.contains(&c) {
                self.record(bytes, i, code, true, out);
            }
            prev = Some((i, code));
            i += HAN_LEN;
        }
        spaced
    }

    /// Record the cue words starting at byte `at` with the character `first`: the
    /// one-character ones when `single`, else the longer ones.
    fn record(&self, bytes: &[u8], at: usize, first: u32, single: bool, out: &mut CueScratch) {
        let group = usize::from(self.slot.get(first as usize).copied().unwrap_or(0));
        let Some(words) = group.checked_sub(1).and_then(|g| self.words.get(g)) else {
            return;
        };
        let mut rest = 0u64;
        if !single {
            for k in 0..3 {
                match han_at(bytes, at + (k + 1) * HAN_LEN) {
                    Some(c) => rest |= u64::from(c) << (16 * k),
                    None => break,
                }
            }
        }
        for w in words {
            if (w.len == HAN_LEN) == single && rest & w.mask == w.rest {
                match w.kind {
                    Cue::Role => out.role_ends.push((at + w.len, w.len)),
                    Cue::Follower => out.follower_at.push(at),
                    Cue::TitleAfter => out.title_at.push(at),
                }
            }
        }
    }
}

/// What the strong pass keeps of one article for the gazetteer pass.
#[derive(Default)]
struct StrongPass {
    /// Strong hits.
    hits: Vec<Hit>,
    /// The segments that had whitespace, by index, without it.
    stripped: Vec<(usize, String)>,
}

/// Rule-based person extractor: surname tables, context cue automaton and jieba filter.
pub struct PersonExtractor {
    jieba: Jieba,
    single: CharSet,
    compound: FxHashSet<(char, char)>,
    cues: CueTable,
    roles: FxHashSet<&'static str>,
    followers: Vec<&'static str>,
    /// First characters of the followers, to skip comparing them one by one.
    follower_first: CharSet,
    not_given: CharSet,
}

impl Default for PersonExtractor {
    fn default() -> Self {
        Self::new()
    }
}

/// Per-segment cue positions, reused across the segments of an article.
///
/// All offsets are byte offsets; every cue word is made of ideographs.
#[derive(Default)]
struct CueScratch {
    /// (end, byte length) of every role word.
    role_ends: Vec<(usize, usize)>,
    /// Start of every verb.
    follower_at: Vec<usize>,
    /// Start of every trailing title.
    title_at: Vec<usize>,
}

impl PersonExtractor {
    /// Build an extractor, loading jieba's dictionary (costly: see [`PendingExtractor`]).
    pub fn new() -> Self {
        let mut single = CharSet::new();
        let mut compound = FxHashSet::default();
        for line in SURNAMES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cs = line.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(a), None, _) => {
                    single.insert(a);
                }
                (Some(a), Some(b), None) => {
                    compound.insert((a, b));
                }
                _ => {}
            }
        }
        let cues = CueTable::new(&[
            (Cue::Role, ROLES),
            (Cue::Follower, FOLLOWERS),
            (Cue::TitleAfter, TITLES_AFTER),
        ]);
        PersonExtractor {
            jieba: Jieba::new(),
            single,
            compound,
            cues,
            roles: ROLES.iter().copied().collect(),
            followers: FOLLOWERS.to_vec(),
            follower_first: FOLLOWERS.iter().filter_map(|f| f.chars().next()).collect(),
            not_given: NOT_GIVEN.chars().collect(),
        }
    }

    /// A process-wide extractor, built on first use, for callers that annotate now and then
    /// (tests, benchmarks); a corpus load uses its own [`PendingExtractor`] instead.
    pub fn shared() -> &'static PersonExtractor {
        SHARED.get_or_init(PersonExtractor::new)
    }

    /// Strong-evidence pass for one article: people named with a title, in a list or before a verb.
    ///
    /// Names in `exclude` (reporters, correspondents, credits) are kept only when found here,
    /// i.e. with strong evidence in the text itself.
    pub fn extract(
        &self,
        title: Option<&str>,
        paragraphs: &[String],
        exclude: &[&str],
    ) -> Vec<PersonMention> {
        let segs = segments(title, paragraphs);
        let hits = self.strong_hits(&segs);
        let gaz = Gazetteer::from_names(hits.iter().map(|h| h.name.as_str()));
        let mut all = hits;
        all.extend(self.bare_hits(&gaz, &segs, exclude));
        merge(all)
    }

    /// Both passes for one article against a corpus gazetteer (which need not list this article's names).
    pub fn extract_with(
        &self,
        gazetteer: &Gazetteer,
        title: Option<&str>,
        paragraphs: &[String],
        exclude: &[&str],
    ) -> Vec<PersonMention> {
        let segs = segments(title, paragraphs);
        let mut hits = self.strong_hits(&segs);
        let local = Gazetteer::from_names(hits.iter().map(|h| h.name.as_str()));
        let mut bare = self.bare_hits(gazetteer, &segs, exclude);
        bare.extend(self.bare_hits(&local, &segs, exclude));
        hits.extend(bare);
        merge(hits)
    }

    /// Every strongly evidenced person mention in the segments.
    fn strong_hits(&self, segs: &[Segment]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut cues = CueScratch::default();
        for (si, seg) in segs.iter().enumerate() {
            // Segments have no whitespace left, so the scan always covers the whole text.
            self.cues.scan(&seg.text, &mut cues);
            self.strong_hits_in(si, seg, &mut cues, &mut hits);
        }
        hits
    }

    /// The strong pass over one article's raw title and paragraphs.
    ///
    /// The cue scan also notices whitespace; only the (rare) segments that have some are
    /// copied without it and scanned again. They are returned for the gazetteer pass.
    fn strong_pass<'a>(&self, raw: impl Iterator<Item = &'a str>) -> StrongPass {
        let mut pass = StrongPass::default();
        let mut cues = CueScratch::default();
        for (si, text) in raw.enumerate() {
            if self.cues.scan(text, &mut cues) {
                let seg = Segment::new(text);
                self.cues.scan(&seg.text, &mut cues);
                self.strong_hits_in(si, &seg, &mut cues, &mut pass.hits);
                pass.stripped.push((si, seg.text.into_owned()));
            } else {
                let seg = Segment {
                    text: Cow::Borrowed(text),
                };
                self.strong_hits_in(si, &seg, &mut cues, &mut pass.hits);
            }
        }
        pass
    }

    /// The strong hits of one segment from its scanned cues, appended to `hits`.
    fn strong_hits_in(&self, si: usize, seg: &Segment, cues: &mut CueScratch, hits: &mut Vec<Hit>) {
        // Longest role ending at each position, verbs starting at each position, titles after.
        let CueScratch {
            role_ends,
            follower_at,
            title_at,
        } = cues;
        // Sorted by end then length: the last entry of each end is its longest role.
        role_ends.sort_unstable();
        for (k, &(end, len)) in role_ends.iter().enumerate() {
            if role_ends.get(k + 1).is_none_or(|&(next, _)| next != end) {
                self.role_list(seg, si, end, len, hits);
            }
        }
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
                    });
                }
            }
        }
    }

    /// A name right after a role ending at byte `end` (`len` bytes long), and the `、` list
    /// it may open.
    fn role_list(&self, seg: &Segment, si: usize, end: usize, len: usize, hits: &mut Vec<Hit>) {
        let Some(name_end) = self.name_after(seg, end) else {
            return;
        };
        let role = Some(role_text(&self.jieba, seg, end - len, end));
        hits.push(Hit {
            seg: si,
            at: end,
            name: seg.slice(end, name_end).to_owned(),
            role: role.clone(),
            strong: true,
        });
        let mut at = name_end;
        while seg.get(at) == Some('、') {
            let next = at + '、'.len_utf8();
            let Some(next_end) = self.name_after(seg, next) else {
                break;
            };
            hits.push(Hit {
                seg: si,
                at: next,
                name: seg.slice(next, next_end).to_owned(),
                role: role.clone(),
                strong: true,
            });
            at = next_end;
        }
    }

    /// End of the best name starting at `start`, judged by what follows it.
    fn name_after(&self, seg: &Segment, start: usize) -> Option<usize> {
        let mut best: Option<(u8, usize)> = None;
        for len in [4, 3, 2] {
            let end = start + len * HAN_LEN;
            if !self.shaped(seg, start, end) {
                continue;
            }
            let Some(score) = self.right_score(seg, end) else {
                continue;
            };
            // Only a strictly better score replaces the best so far; the checks below are
            // pure, so a candidate that cannot win need not be checked.
            if best.is_some_and(|(s, _)| score <= s) {
                continue;
            }
            if self.is_common_word(seg, start, end) || !self.segmented_whole(seg, start, end) {
                continue;
            }
            best = Some((score, end));
        }
        best.map(|(_, end)| end)
    }

    /// How clearly the text at `end` closes a name: 3 punctuation or `等`, 2 a verb,
    /// 1 a one-character word, 0 a word boundary by segmentation; `None` if it does not.
    fn right_score(&self, seg: &Segment, end: usize) -> Option<u8> {
        let Some(c) = seg.get(end) else {
            return Some(3);
        };
        if !is_han(c) || c == '等' {
            return Some(3);
        }
        if self.follower_first.contains(&c) && self.followers.iter().any(|f| seg.has_at(end, f)) {
            return Some(2);
        }
        if FOLLOWER_CHARS.contains(c) {
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
        for len in [4, 3, 2] {
            let Some(start) = end.checked_sub(len * HAN_LEN) else {
                continue;
            };
            if !self.shaped(seg, start, end) {
                continue;
            }
            if need_left {
                let left_ok = match seg.before(start) {
                    None => true,
                    Some(c) => !is_han(c) || LEFT_CONJ.contains(c),
                };
                if !left_ok {
                    continue;
                }
            }
            if !self.is_common_word(seg, start, end) && self.segmented_whole(seg, start, end) {
                return Some(start);
            }
        }
        None
    }

    /// Surname + one or two given-name characters, all ideographs, no title as given name.
    ///
    /// `start..end` are byte offsets; a span of ideographs only is `HAN_LEN` bytes per character.
    fn shaped(&self, seg: &Segment, start: usize, end: usize) -> bool {
        let Some(cand) = seg.text.get(start..end) else {
            return false;
        };
        let mut buf = ['\0'; 4];
        let mut n = 0;
        for c in cand.chars() {
            if !is_han(c) {
                return false;
            }
            // Five or more characters never make a surname plus one or two given characters.
            let Some(slot) = buf.get_mut(n) else {
                return false;
            };
            *slot = c;
            n += 1;
        }
        let Some(cs) = buf.get(..n) else {
            return false;
        };
        // `given` is the tail of `cand` after `skip` characters.
        let given_ok = |given: &[char], skip: usize| {
            (1..=2).contains(&given.len())
                && !given.iter().any(|c| self.not_given.contains(c))
                && !cand
                    .get(skip * HAN_LEN..)
                    .is_some_and(|g| self.roles.contains(g))
        };
        let single = match cs {
            [s, given @ ..] => {
                self.single.contains(s)
                    && given_ok(given, 1)
                    && !(FUNCTION_SURNAMES.contains(*s)
                        && given.len() == 2
                        && cand.get(HAN_LEN..).is_some_and(|g| self.jieba.has_word(g)))
            }
            _ => false,
        };
        let compound = match cs {
            [a, b, rest @ ..] => self.compound.contains(&(*a, *b)) && given_ok(rest, 2),
            _ => false,
        };
        single || compound
    }

    /// True when jieba's dictionary lists the candidate as an ordinary word (not a person).
    fn is_common_word(&self, seg: &Segment, start: usize, end: usize) -> bool {
        let cand = seg.slice(start, end);
        if !self.jieba.has_word(cand) {
            return false;
        }
        let tags = self.jieba.tag(cand, false);
        match tags.as_slice() {
            [t] => !t.tag.starts_with("nr"),
            _ => true,
        }
    }

    /// True when segmenting a few characters around `start..end` does not cut through the
    /// candidate's first or last character.
    fn segmented_whole(&self, seg: &Segment, start: usize, end: usize) -> bool {
        let left_han = seg.before(start).is_some_and(is_han);
        let right_han = seg.get(end).is_some_and(is_han);
        if !left_han && !right_han {
            return true;
        }
        let from = seg.back(start, 4);
        let to = seg.forward(end, 4);
        let window = seg.slice(from, to);
        let (s, e) = (start - from, end - from);
        let mut start_ok = !left_han;
        let mut end_ok = !right_han;
        for t in self.jieba.cut(window, false) {
            if t.byte_start == s || t.byte_end == s {
                start_ok = true;
            }
            if t.byte_start == e || t.byte_end == e {
                end_ok = true;
            }
        }
        start_ok && end_ok
    }

    /// Bare mentions of gazetteer names in the segments, checked against segmentation.
    fn bare_hits(&self, gaz: &Gazetteer, segs: &[Segment], exclude: &[&str]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (si, seg) in segs.iter().enumerate() {
            gaz.find_each(&seg.text, |idx, start, end| {
                let Some(name) = gaz.names.get(idx) else {
                    return;
                };
                if exclude.contains(&name.as_str()) {
                    return;
                }
                if self.name_use(seg, start, end) {
                    return;
                }
                // A two-character name followed by its own last character is a longer name (王欢欢).
                if let Some(next) = seg.get(end)
                    && seg.slice(start, end).chars().count() == 2
                    && seg.before(end) == Some(next)
                {
                    return;
                }
                if !self.segmented_whole(seg, start, end) {
                    return;
                }
                hits.push(Hit {
                    seg: si,
                    at: start,
                    name: name.clone(),
                    role: None,
                    strong: false,
                });
            });
        }
        hits
    }

    /// True when the name is used inside a campaign or institution name (`学雷锋`, `雷锋精神`).
    fn name_use(&self, seg: &Segment, start: usize, end: usize) -> bool {
        if NAME_USES.iter().any(|w| seg.has_at(end, w)) {
            return true;
        }
        let prev = seg.before(start);
        let prev2 = prev.and_then(|p| seg.before(start - p.len_utf8()));
        prev == Some('学')
            && !prev2.is_some_and(|c| c == '学' || c == '大' || c == '中' || c == '小')
    }
}

/// The role as printed before a name: the role word plus the office it belongs to, back
/// to the previous punctuation or conjunction (`山阳区委副书记`); when that is long, only
/// as far back as a word boundary a few characters before the role word (`党组书记`).
fn role_text(jieba: &Jieba, seg: &Segment, role_start: usize, role_end: usize) -> String {
    const MAX_EXTRA: usize = 7;
    const SHORT_EXTRA: usize = 4;
    let mut from = role_start;
    let mut extra = 0;
    while extra <= MAX_EXTRA {
        match seg.before(from) {
            Some(c) if is_han(c) && !"与和及的在对为向是并".contains(c) => {
                from -= c.len_utf8();
                extra += 1;
            }
            _ => break,
        }
    }
    if extra > MAX_EXTRA {
        // The characters taken above are all ideographs, `HAN_LEN` bytes each.
        let lo = role_start - SHORT_EXTRA * HAN_LEN;
        let window = seg.slice(lo, role_start);
        from = role_start;
        for t in jieba.cut(window, false) {
            if t.byte_start > 0 && lo + t.byte_start < from {
                from = lo + t.byte_start;
            }
        }
    }
    seg.slice(from, role_end).to_owned()
}

/// An article's title and paragraphs as they are, title first.
fn raw_segments(a: &Article) -> impl Iterator<Item = &str> {
    a.title().into_iter().chain(a.paragraphs())
}

/// Title and paragraphs as segments, title first.
fn segments<'a>(title: Option<&'a str>, paragraphs: &'a [String]) -> Vec<Segment<'a>> {
    title
        .into_iter()
        .chain(paragraphs.iter().map(String::as_str))
        .map(Segment::new)
        .collect()
}

/// Distinct people in order of first appearance, each with the first role printed for them.
fn merge(mut hits: Vec<Hit>) -> Vec<PersonMention> {
    hits.sort_by_key(|h| (h.seg, h.at, !h.strong));
    // An article names a handful of people: a linear search beats hashing cloned names.
    let mut out: Vec<PersonMention> = Vec::new();
    for h in hits {
        match out.iter_mut().find(|p| p.name == h.name) {
            Some(p) => {
                if p.role.is_none() {
                    p.role = h.role;
                }
            }
            None => out.push(PersonMention {
                name: h.name,
                role: h.role,
            }),
        }
    }
    out
}

/// Names accepted with strong evidence across a corpus, searchable in one pass.
pub struct Gazetteer {
    names: Vec<String>,
    known: FxHashSet<String>,
    matcher: Matcher,
}

/// How a gazetteer finds its names: leftmost-longest, non-overlapping matches.
enum Matcher {
    /// No names.
    Empty,
    /// Every name is two to four ideographs (always so for names the extractor accepts).
    Han(HanMatcher),
    /// Any other names.
    Automaton(AhoCorasick),
}

/// Leftmost-longest matching of names made of two to four ideographs, without an automaton.
///
/// Where two adjacent ideographs may open a name (a bit test on a hashed bitmap of the
/// names' first pairs), one hash lookup of the pair gives the few names to compare, longest
/// first. This finds exactly the matches of a leftmost-longest Aho-Corasick search.
struct HanMatcher {
    /// Hashed first pairs of the names.
    pairs: PairBits,
    /// First two characters → the rest of the names that start with them, longest first.
    by_prefix: FxHashMap<(u32, u32), Vec<NameTail>>,
}

/// A gazetteer name after its first two characters.
#[derive(Clone, Copy, Debug)]
struct NameTail {
    /// The third and fourth characters, 16 bits each, third lowest (0 where there is none).
    rest: u64,
    /// Which bits of `rest` are characters.
    mask: u64,
    /// Length in characters.
    chars: usize,
    /// Index of the name in the gazetteer.
    index: usize,
}

impl HanMatcher {
    /// A matcher for `names`, or `None` when some name is not two to four ideographs.
    fn new(names: &[String]) -> Option<Self> {
        let mut pairs = PairBits::with_capacity(names.len());
        let mut by_prefix: FxHashMap<(u32, u32), Vec<NameTail>> = FxHashMap::default();
        for (index, name) in names.iter().enumerate() {
            let (packed, n) = pack_han(name).filter(|&(_, n)| n >= 2)?;
            let (a, b) = ((packed & 0xFFFF) as u32, ((packed >> 16) & 0xFFFF) as u32);
            pairs.insert(a, b);
            by_prefix.entry((a, b)).or_default().push(NameTail {
                rest: packed >> 32,
                mask: (1u64 << (16 * (n - 2))) - 1,
                chars: n,
                index,
            });
        }
        for tails in by_prefix.values_mut() {
            tails.sort_by_key(|t| (std::cmp::Reverse(t.chars), t.index));
        }
        Some(HanMatcher { pairs, by_prefix })
    }

    /// Call `f(name index, start, end)` for each leftmost-longest match in `text`.
    fn find_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        // Code point of the ideograph at `i - HAN_LEN`, if that is one.
        let mut prev: Option<u32> = None;
        while let Some(&lead) = bytes.get(i) {
            let Some(c) = han_at(bytes, i) else {
                prev = None;
                i += utf8_len(lead);
                continue;
            };
            let code = u32::from(c);
            if let Some(first) = prev
                && self.pairs.may_contain(first, code)
                && let Some(tails) = self.by_prefix.get(&(first, code))
            {
                let start = i - HAN_LEN;
                let mut rest = 0u64;
                for k in 0..2 {
                    match han_at(bytes, i + (k + 1) * HAN_LEN) {
                        Some(c) => rest |= u64::from(c) << (16 * k),
                        None => break,
                    }
                }
                if let Some(t) = tails.iter().find(|t| rest & t.mask == t.rest) {
                    let end = start + t.chars * HAN_LEN;
                    f(t.index, start, end);
                    // The next match may start right at `end`.
                    prev = None;
                    i = end;
                    continue;
                }
            }
            prev = Some(code);
            i += HAN_LEN;
        }
    }
}

/// Length of the UTF-8 sequence a lead byte opens (1 for anything else, to keep moving).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

impl Gazetteer {
    /// Build a gazetteer from names (duplicates and blanks ignored).
    pub fn from_names<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut seen = FxHashSet::default();
        let mut list = Vec::new();
        for n in names {
            let n = n.as_ref().trim();
            if n.chars().count() >= 2 && !seen.contains(n) {
                seen.insert(n.to_owned());
                list.push(n.to_owned());
            }
        }
        let matcher = if list.is_empty() {
            Matcher::Empty
        } else if let Some(han) = HanMatcher::new(&list) {
            Matcher::Han(han)
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&list)
                .map_or(Matcher::Empty, Matcher::Automaton)
        };
        Gazetteer {
            names: list,
            known: seen,
            matcher,
        }
    }

    /// Call `f(name index, start, end)` for each leftmost-longest match of a name in `text`.
    fn find_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        match &self.matcher {
            Matcher::Empty => {}
            Matcher::Han(han) => han.find_each(text, f),
            Matcher::Automaton(ac) => {
                for m in ac.find_iter(text) {
                    f(m.pattern().as_usize(), m.start(), m.end());
                }
            }
        }
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no name is known.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// True when `name` is in the gazetteer.
    pub fn contains(&self, name: &str) -> bool {
        self.known.contains(name)
    }

    /// The names, in insertion order.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Articles whose strong hits one task packs.
const ANNOTATE_CHUNK: usize = 1024;

/// The strong-pass results of a run of articles, packed into a few flat buffers.
///
/// At a hundred thousand articles the strong pass finds millions of hits; held as strings
/// per hit until the bare pass they would be tens of megabytes of small allocations made on
/// every thread, left behind as fragmented heap once freed. Packed, they are a handful of
/// large buffers per run, returned whole.
#[derive(Default)]
struct PackedStrong {
    /// Names and roles of every hit, back to back.
    text: String,
    /// Every hit: segment, position, name range, role range (empty for none) and strength.
    hits: Vec<PackedHit>,
    /// Where each article's hits start in `hits`, plus the end.
    hit_starts: Vec<u32>,
    /// Indices of the segments that had whitespace, article after article.
    stripped: Vec<u32>,
    /// Where each article's stripped indices start in `stripped`, plus the end.
    stripped_starts: Vec<u32>,
}

/// One packed strong hit.
struct PackedHit {
    seg: u32,
    at: u32,
    name: (u32, u32),
    role: Option<(u32, u32)>,
    strong: bool,
}

impl PackedStrong {
    /// Packs the strong pass of each of `articles`.
    fn of(ex: &PersonExtractor, articles: &[Article]) -> PackedStrong {
        let mut packed = PackedStrong {
            hit_starts: vec![0],
            stripped_starts: vec![0],
            ..PackedStrong::default()
        };
        for a in articles {
            let pass = ex.strong_pass(raw_segments(a));
            for h in pass.hits {
                let name = packed.push_text(&h.name);
                let role = h.role.as_deref().map(|r| packed.push_text(r));
                packed.hits.push(PackedHit {
                    seg: h.seg as u32,
                    at: h.at as u32,
                    name,
                    role,
                    strong: h.strong,
                });
            }
            packed.hit_starts.push(packed.hits.len() as u32);
            packed
                .stripped
                .extend(pass.stripped.iter().map(|&(si, _)| si as u32));
            packed.stripped_starts.push(packed.stripped.len() as u32);
        }
        packed
    }

    /// Appends `s` to the text buffer, returning its range.
    fn push_text(&mut self, s: &str) -> (u32, u32) {
        let from = self.text.len() as u32;
        self.text.push_str(s);
        (from, self.text.len() as u32)
    }

    /// The text in `range`.
    fn text_at(&self, (from, to): (u32, u32)) -> &str {
        self.text
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// The packed hits of article `i` of the run.
    fn packed_hits(&self, i: usize) -> &[PackedHit] {
        match (self.hit_starts.get(i), self.hit_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.hits.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The strong hits of article `i` of the run, unpacked.
    fn hits(&self, i: usize) -> Vec<Hit> {
        self.packed_hits(i)
            .iter()
            .map(|h| Hit {
                seg: h.seg as usize,
                at: h.at as usize,
                name: self.text_at(h.name).to_owned(),
                role: h.role.map(|r| self.text_at(r).to_owned()),
                strong: h.strong,
            })
            .collect()
    }

    /// Indices of the segments of article `i` that had whitespace.
    fn stripped(&self, i: usize) -> &[u32] {
        match (self.stripped_starts.get(i), self.stripped_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.stripped.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Fill `persons` of every article: strong evidence per article, then bare mentions of
/// every name accepted anywhere in the corpus. Reporters, correspondents and credits are
/// left out unless the body names them with strong evidence.
pub fn annotate_corpus(ex: &PersonExtractor, articles: &mut [Article]) {
    let strong: Vec<PackedStrong> = articles
        .par_chunks(ANNOTATE_CHUNK)
        .map(|chunk| PackedStrong::of(ex, chunk))
        .collect();
    // Distinct names in order of first hit.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut names: Vec<&str> = Vec::new();
    for run in &strong {
        for h in &run.hits {
            let name = run.text_at(h.name);
            if seen.insert(name) {
                names.push(name);
            }
        }
    }
    drop(seen);
    let gaz = Gazetteer::from_names(&names);
    drop(names);
    articles
        .par_chunks_mut(ANNOTATE_CHUNK)
        .zip(strong.par_iter())
        .for_each(|(chunk, run)| {
            for (i, a) in chunk.iter_mut().enumerate() {
                let mut hits = run.hits(i);
                let stripped = run.stripped(i);
                let persons = {
                    // Segments with whitespace are stripped again, as the strong pass did.
                    let segs: Vec<Segment> = raw_segments(a)
                        .enumerate()
                        .map(|(si, text)| {
                            if stripped.contains(&(si as u32)) {
                                Segment::new(text)
                            } else {
                                Segment {
                                    text: Cow::Borrowed(text),
                                }
                            }
                        })
                        .collect();
                    let exclude: Vec<&str> = a
                        .reporters()
                        .chain(a.correspondents())
                        .chain(a.credits())
                        .collect();
                    hits.extend(ex.bare_hits(&gaz, &segs, &exclude));
                    merge(hits)
                };
                a.set_persons(&persons);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names found in one paragraph with the strong pass (plus in-article repeats).
    fn names(text: &str) -> Vec<String> {
        names_ex(None, text, &[])
    }

    /// Names found in a titled paragraph, with excluded bylines.
    fn names_ex(title: Option<&str>, text: &str, exclude: &[&str]) -> Vec<String> {
        PersonExtractor::shared()
            .extract(title, &[text.to_owned()], exclude)
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    /// The role recorded for `name` in `text`.
    fn role_of(text: &str, name: &str) -> Option<String> {
        PersonExtractor::shared()
            .extract(None, &[text.to_owned()], &[])
            .into_iter()
            .find(|p| p.name == name)
            .and_then(|p| p.role)
    }

    #[test]
    fn list_opened_by_role_ends_with_verb() {
        assert_eq!(
            names("昨日，区领导周明远、钱秀英、孙国栋出席仪式。"),
            ["周明远", "钱秀英", "孙国栋"]
        );
    }

    #[test]
    fn list_ends_with_deng() {
        assert_eq!(
            names("该县领导林志华、贺建国、唐军等出席会议。"),
            ["林志华", "贺建国", "唐军"]
        );
    }

    #[test]
    fn title_before_name_keeps_role() {
        let text = "3月5日，山阳区委书记方志成主持召开会议，公司董事长蒋东海出席。";
        assert_eq!(names(text), ["方志成", "蒋东海"]);
        assert_eq!(role_of(text, "方志成").as_deref(), Some("山阳区委书记"));
        assert_eq!(role_of(text, "蒋东海").as_deref(), Some("公司董事长"));
    }

    #[test]
    fn long_office_is_cut_to_a_short_role() {
        let text = "中国某某建设集团华中分公司党组书记韦立新参加座谈。";
        assert_eq!(role_of(text, "韦立新").as_deref(), Some("党组书记"));
    }

    #[test]
    fn name_before_speech_verb() {
        assert_eq!(names("会议结束前，田振华强调，要抓好落实。"), ["田振华"]);
        assert_eq!(names("座谈中，范丽指出，要加强合作。"), ["范丽"]);
    }

    #[test]
    fn villagers_and_national_leaders() {
        assert_eq!(
            names("村民侯满仓说，路修好了。大家学习习近平总书记重要讲话。"),
            ["侯满仓", "习近平"]
        );
    }

    #[test]
    fn given_name_that_is_a_word_after_title_or_before_verb() {
        assert_eq!(names("市委书记卢和平到场。"), ["卢和平"]);
        assert_eq!(names("当天，卢和平主持会议。"), ["卢和平"]);
        assert_eq!(names("办公室主任卢和平陪同。"), ["卢和平"]);
    }

    #[test]
    fn given_name_jicheng_and_fanrong() {
        assert_eq!(names("市委常委刘继承、葛明出席。"), ["刘继承", "葛明"]);
        assert_eq!(
            names("基金总经理孟繁荣，区领导高鸿参加。"),
            ["孟繁荣", "高鸿"]
        );
    }

    #[test]
    fn surname_that_is_a_word() {
        assert_eq!(names("副主任原文钊出席活动。"), ["原文钊"]);
        assert_eq!(names("原文如下，原则上不变。"), Vec::<String>::new());
    }

    #[test]
    fn longest_name_in_context() {
        assert_eq!(names("副县长王欢欢参加活动。"), ["王欢欢"]);
        let gaz = Gazetteer::from_names(["王欢"]);
        let found: Vec<String> = PersonExtractor::shared()
            .extract_with(
                &gaz,
                None,
                &["副县长王欢欢参加。王欢欢表示同意。".to_owned()],
                &[],
            )
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(found, ["王欢欢"]);
    }

    #[test]
    fn name_broken_over_a_line() {
        assert_eq!(names("区委书记吴\n军主持会议。"), ["吴军"]);
        assert_eq!(names("区领导郑 小 林出席。"), ["郑小林"]);
    }

    #[test]
    fn spaced_byline_names_are_not_people() {
        assert_eq!(
            names_ex(None, "活动圆满结束。（白文杰 齐欣）", &["白文杰", "齐欣"]),
            Vec::<String>::new()
        );
        assert_eq!(names("活动圆满结束。（白文杰 齐欣）"), Vec::<String>::new());
    }

    #[test]
    fn rare_surnames_and_short_given_names() {
        assert_eq!(
            names("该市市委常委是明友、买国、连增增、宫卫红、璩敬东、行鑫出席。"),
            ["是明友", "买国", "连增增", "宫卫红", "璩敬东", "行鑫"]
        );
        assert_eq!(names("副主席欧阳明辉出席。"), ["欧阳明辉"]);
    }

    #[test]
    fn places_organisations_and_words_are_not_people() {
        let text = "黄河流域（孟州段）生态保护法庭揭牌。党组书记、从严治党，卢亮沟村群众参加。\
                    全区长远发展，各级领导干部，负责人和燃气专家，和大家一起。";
        assert_eq!(names(text), Vec::<String>::new());
    }

    #[test]
    fn campaigns_named_after_people_are_not_people() {
        let text = "开展学雷锋活动，弘扬雷锋精神，讲好韩愈故事，韩愈小学师生参加。";
        assert_eq!(names(text), Vec::<String>::new());
        let gaz = Gazetteer::from_names(["雷锋", "韩愈"]);
        let found = PersonExtractor::shared().extract_with(&gaz, None, &[text.to_owned()], &[]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn later_bare_mentions_in_the_same_article() {
        let text = "区长郑小林带队检查。随后，郑\n小林详细了解情况，郑小林还看望了师生。";
        assert_eq!(names(text), ["郑小林"]);
        assert_eq!(
            names_ex(Some("钟万山调研项目"), "副市长钟万山到场。", &[]),
            ["钟万山"]
        );
    }

    #[test]
    fn reporters_only_when_named_in_the_body() {
        let text = "（记者李雪梅通讯员齐欣）近日，会议召开。";
        assert_eq!(
            names_ex(None, text, &["李雪梅", "齐欣"]),
            Vec::<String>::new()
        );
        let text = "区长范东升、记者站站长李雪梅出席。";
        assert_eq!(names_ex(None, text, &["李雪梅"]), ["范东升", "李雪梅"]);
    }

    #[test]
    fn corpus_gazetteer_finds_bare_mentions_elsewhere() {
        use crate::model::{Article, Kind};
        let mut a = Article::new("p", 0, Kind::News);
        a.set_paragraphs(&["区委书记吴军主持会议。"]);
        let mut b = Article::new("p", 1, Kind::News);
        b.set_title(Some("吴军调研春耕"));
        b.set_paragraphs(&["近日，吴军到田间察看麦苗，吴军在现场说。"]);
        b.set_credits(&["齐欣"]);
        let mut arts = vec![a, b];
        annotate_corpus(PersonExtractor::shared(), &mut arts);
        assert_eq!(arts[1].person_names().collect::<Vec<_>>(), ["吴军"]);
        assert_eq!(
            arts[0].persons().next().and_then(|p| p.role),
            Some("区委书记")
        );
    }

    /// Texts to compare the table scanners with automata on: the sample pages line by line,
    /// without whitespace, plus cue words and names run together.
    fn scanner_texts() -> Vec<String> {
        let mut texts: Vec<String> = crate::sample::SAMPLE_PAGES
            .iter()
            .flat_map(|p| p.text.lines())
            .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        texts.push(ROLES.concat() + &FOLLOWERS.concat() + &TITLES_AFTER.concat());
        texts.push("副总经理副董事长总书记书记同志在会上就说称详细了解".to_owned());
        texts.push("欧阳明辉王欢欢王欢欢欢欧阳明王欢".to_owned());
        texts
    }

    #[test]
    fn cue_scan_finds_what_an_overlapping_automaton_finds() {
        let ex = PersonExtractor::shared();
        let lists = [
            (Cue::Role, ROLES),
            (Cue::Follower, FOLLOWERS),
            (Cue::TitleAfter, TITLES_AFTER),
        ];
        let (patterns, kinds): (Vec<&str>, Vec<Cue>) = lists
            .iter()
            .flat_map(|&(kind, list)| list.iter().map(move |&p| (p, kind)))
            .unzip();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("cue automaton");
        let mut cues = CueScratch::default();
        let mut found = 0;
        for text in scanner_texts() {
            let mut want = CueScratch::default();
            for m in ac.find_overlapping_iter(&text) {
                match kinds[m.pattern().as_usize()] {
                    Cue::Role => want.role_ends.push((m.end(), m.end() - m.start())),
                    Cue::Follower => want.follower_at.push(m.start()),
                    Cue::TitleAfter => want.title_at.push(m.start()),
                }
            }
            assert!(!ex.cues.scan(&text, &mut cues), "{text}");
            for (got, want) in [
                (&mut cues.follower_at, &mut want.follower_at),
                (&mut cues.title_at, &mut want.title_at),
            ] {
                got.sort_unstable();
                want.sort_unstable();
                assert_eq!(got, want, "{text}");
            }
            cues.role_ends.sort_unstable();
            want.role_ends.sort_unstable();
            assert_eq!(cues.role_ends, want.role_ends, "{text}");
            found += want.role_ends.len() + want.follower_at.len() + want.title_at.len();
        }
        assert!(found > 1000, "{found}");
        assert!(ex.cues.scan("区委书记 吴军", &mut cues));
        assert!(ex.cues.scan("吴军\u{3000}主持", &mut cues));
    }

    #[test]
    fn gazetteer_finds_what_a_leftmost_longest_automaton_finds() {
        let mut names: Vec<String> = crate::corpus::sample()
            .iter()
            .flat_map(|a| a.person_names().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        names.extend(["王欢", "王欢欢", "欧阳明", "欧阳明辉", "明辉", "欢欢"].map(String::from));
        let gaz = Gazetteer::from_names(&names);
        assert!(matches!(gaz.matcher, Matcher::Han(_)));
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(gaz.names())
            .expect("name automaton");
        let mut found = 0;
        for text in scanner_texts() {
            let want: Vec<(usize, usize, usize)> = ac
                .find_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let mut got = Vec::new();
            gaz.find_each(&text, |i, s, e| got.push((i, s, e)));
            assert_eq!(got, want, "{text}");
            found += want.len();
        }
        assert!(found > 50, "{found}");
        // Other names fall back to the automaton.
        let mixed = Gazetteer::from_names(["王欢", "Anna Li"]);
        assert!(matches!(mixed.matcher, Matcher::Automaton(_)));
        let mut got = Vec::new();
        mixed.find_each("王欢和Anna Li", |i, s, e| got.push((i, s, e)));
        assert_eq!(got, [(0, 0, 6), (1, 9, 16)]);
    }

    #[test]
    fn surname_table_is_large_and_has_rare_entries() {
        let ex = PersonExtractor::shared();
        assert!(ex.single.len() > 400);
        for c in "璩是买宫樊臧闫原付万连庞郝邵桂辛史楼葛詹翟解卫毛牛谷行".chars()
        {
            assert!(ex.single.contains(&c), "{c}");
        }
        for (a, b) in [('欧', '阳'), ('司', '马'), ('诸', '葛')] {
            assert!(ex.compound.contains(&(a, b)));
        }
    }
}
