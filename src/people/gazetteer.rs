//! The gazetteer: names accepted anywhere in a corpus, found again in every article in one
//! leftmost-longest pass.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};

use super::cues::CueScratch;
use super::text::{CharSet, HAN_LEN, PairBits, Segment, code_of_three, han_at, pack_han, utf8_len};
use super::{Hit, PersonExtractor};

impl PersonExtractor {
    /// A gazetteer of `names`, with the surname of each Japanese name among them, by which
    /// the same person is named again (`桥本首相` after `桥本龙太郎`).
    pub(super) fn gazetteer<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Gazetteer {
        let names: Vec<&str> = names.into_iter().collect();
        let surnames: Vec<&str> = names
            .iter()
            .filter_map(|n| self.japanese_surname_of(n))
            .collect();
        let mut gaz = Gazetteer::from_names(names.into_iter().chain(surnames.iter().copied()));
        gaz.surnames = surnames.into_iter().map(str::to_owned).collect();
        gaz
    }

    /// Bare mentions of gazetteer names in the segments, checked against segmentation.
    ///
    /// A mention after a hit of the same name (one of `found`, the article's hits so far, or
    /// an earlier bare mention) adds nothing to the article's people and is not checked.
    pub(super) fn bare_hits(
        &self,
        gaz: &Gazetteer,
        segs: &[Segment],
        exclude: &[&str],
        found: &[Hit],
    ) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for (si, seg) in segs.iter().enumerate() {
            // The segment's cue words, scanned only when a surname alone is met.
            let mut scanned: Option<CueScratch> = None;
            gaz.find_each(&seg.text, |idx, start, end| {
                let Some(name) = gaz.names.get(idx) else {
                    return;
                };
                let named_before = |h: &Hit| h.name == *name && (h.seg, h.at) <= (si, start);
                if hits.iter().any(|h| h.name == *name) || found.iter().any(named_before) {
                    return;
                }
                let mut role = None;
                if gaz.surnames.contains(name) {
                    // A surname alone names a person the article already gives in full, and
                    // is a person only where the context says so (`桥本首相`, `桥本说`).
                    let in_full =
                        |h: &Hit| h.name.len() > name.len() && h.name.starts_with(name.as_str());
                    if found.iter().chain(&hits).any(in_full) {
                        return;
                    }
                    let cues = scanned.get_or_insert_with(|| {
                        let mut cues = CueScratch::default();
                        self.scan(&seg.text, &mut cues);
                        cues
                    });
                    match self.surname_alone(&seg.text, cues, start, end) {
                        Some(title) => role = title,
                        None => return,
                    }
                }
                if exclude.contains(&name.as_str()) {
                    return;
                }
                // Inside a name already found (`马克思` of `马克思·卢布里克`), it is part of it.
                let overlaps = |h: &Hit| h.seg == si && h.at < end && start < h.at + h.name.len();
                if found.iter().any(overlaps) {
                    return;
                }
                if self.name_use(&seg.text, start, end) {
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
                    role,
                    strong: false,
                    sure: false,
                });
            });
        }
        hits
    }
}

/// Names accepted with strong evidence across a corpus, searchable in one pass.
pub struct Gazetteer {
    pub(super) names: Vec<String>,
    known: FxHashSet<String>,
    /// Surnames of Japanese names among the names, found again only in a person's context.
    surnames: FxHashSet<String>,
    pub(super) matcher: Matcher,
}

/// How a gazetteer finds its names: leftmost-longest, non-overlapping matches.
pub(super) enum Matcher {
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
pub(super) struct HanMatcher {
    /// Hashed first pairs of the names.
    pairs: PairBits,
    /// First characters of the names.
    firsts: CharSet,
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
        let mut firsts = CharSet::new();
        let mut by_prefix: FxHashMap<(u32, u32), Vec<NameTail>> = FxHashMap::default();
        for (index, name) in names.iter().enumerate() {
            let (packed, n) = pack_han(name).filter(|&(_, n)| n >= 2)?;
            let (a, b) = ((packed & 0xFFFF) as u32, ((packed >> 16) & 0xFFFF) as u32);
            pairs.insert(a, b);
            firsts.insert(char::from_u32(a)?);
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
        Some(HanMatcher {
            pairs,
            firsts,
            by_prefix,
        })
    }

    /// Call `f(name index, start, end)` for each leftmost-longest match in `text`.
    #[inline]
    fn find_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        // Code point of the ideograph at `i - HAN_LEN`, if that is one and opens a name.
        let mut prev: Option<u32> = None;
        while let Some(rest) = bytes.get(i..) {
            // Ideographs are three bytes long; anything else ends a name.
            let code = match *rest {
                [b0, b1, b2, ..] if b0 & 0xF0 == 0xE0 => code_of_three(b0, b1, b2),
                [lead, ..] => {
                    prev = None;
                    i += utf8_len(lead);
                    continue;
                }
                [] => break,
            };
            // Every name is made of ideographs, and `firsts` holds ideographs only: another
            // character matches no pair and opens no name, so it needs no test of its own.
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
            prev = self.firsts.contains_code(code).then_some(code);
            i += HAN_LEN;
        }
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
            surnames: FxHashSet::default(),
            matcher,
        }
    }

    /// Call `f(name index, start, end)` for each leftmost-longest match of a name in `text`.
    #[inline]
    pub(super) fn find_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
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
