//! Context cue words (titles before a name, verbs after it) and the table scanner that finds
//! them all in one pass over a segment.

use super::text::{CharSet, HAN_LEN, PairBits, code3, han_at, is_han, pack_han, utf8_len};

/// Titles and roles printed right before a name; they also open a `、` list of names.
pub(super) const ROLES: &[&str] = &[
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
pub(super) const FOLLOWERS: &[&str] = &[
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
pub(super) const FOLLOWER_CHARS: &str = "对与和及在到还也就为向同是作率讲说赴任莅等";

/// Titles printed right after a name (`习近平总书记`, `葛巧红书记`).
pub(super) const TITLES_AFTER: &[&str] = &["总书记", "书记", "同志", "先生", "女士"];

/// Characters that may stand right before a name found through a following verb.
pub(super) const LEFT_CONJ: &str = "对与和及同由向给请让邀";

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
pub(super) struct CueTable {
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

impl CueTable {
    /// A table of every word of the lists; each word must be one to four ideographs.
    pub(super) fn new(lists: &[(Cue, &[&'static str])]) -> Self {
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
    pub(super) fn scan(&self, text: &str, out: &mut CueScratch) -> bool {
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

/// Per-segment cue positions, reused across the segments of an article.
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
}
