//! Word overlap between a headline and a stretch of body text: a headline repeats the words of
//! its lead, so where layout cannot tell which story a headline belongs to, the story whose
//! text shares most of the headline's words does.
//!
//! Words are approximated by character bigrams (any two adjacent Han characters, read from
//! their bytes), which needs no dictionary and works on any Chinese text. Each bigram of a
//! headline-shaped piece is weighted by how rare it is on the page (a bigram that every story
//! uses, such as the district's name, tells nothing), and looked up through the page-wide list
//! of its occurrences, so that asking about any stretch of pieces costs a binary search per
//! bigram. Only bigrams of headline-shaped pieces are indexed, in one pass over the page.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::pieces::Piece;

/// The distinct bigram ids of a group of pieces, by its first and last piece.
type GroupBigrams = FxHashMap<(usize, usize), Rc<[u32]>>;

/// Han character pairs of body text, counted from the start of a story, that make its lead.
const LEAD_CHARS: u32 = 80;

/// Bigram occurrences of a page, for the bigrams of its headline-shaped pieces.
pub struct Overlap {
    /// Bigram ids of each piece (empty for pieces that cannot be headlines), sorted, distinct.
    piece_bigrams: Vec<Vec<u32>>,
    /// The pieces each bigram id occurs in, in order.
    occurrences: Vec<Vec<u32>>,
    /// Weight of each bigram id: rarer on the page weighs more.
    weights: Vec<f32>,
    /// Number of Han pairs before each piece; one more entry for the page end.
    starts: Vec<u32>,
    /// Distinct bigram ids of the groups of more than one piece asked about so far.
    groups: RefCell<GroupBigrams>,
}

/// Calls `f` with the key of each pair of adjacent Han characters of `line` (their UTF-8
/// bytes, packed), `prev` carrying the last Han character across lines (0 after anything
/// else): one pass over the bytes with no decoding, which for a page is most of the work of
/// indexing it.
fn for_each_pair(line: &str, prev: &mut u32, mut f: impl FnMut(u64)) {
    let mut bytes = line.as_bytes();
    while let [lead, rest @ ..] = bytes {
        if *lead < 0x80 {
            *prev = 0;
            bytes = rest;
            continue;
        }
        let len = match *lead {
            0xF0..=0xF7 => 4,
            0xE0..=0xEF => 3,
            _ => 2,
        };
        let [b1, b2, ..] = rest else { break };
        let packed = (u32::from(*lead) << 16) | (u32::from(*b1) << 8) | u32::from(*b2);
        // U+3400–U+9FFF: CJK Extension A and the Unified Ideographs.
        if len == 3 && (0xE3_90_80..=0xE9_BF_BF).contains(&packed) {
            if *prev != 0 {
                f((u64::from(*prev) << 24) | u64::from(packed));
            }
            *prev = packed;
        } else {
            *prev = 0;
        }
        bytes = bytes.get(len..).unwrap_or_default();
    }
}

/// Words of the bloom filter of indexed bigrams (64 Ki bits).
const BLOOM_WORDS: usize = 1 << 10;

/// The bit of a bigram in the bloom filter (below 64 Ki).
fn bloom_bit(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize & 0xFFFF
}

impl Overlap {
    /// Index the bigrams of the headline-shaped pieces over the whole page.
    pub fn new(pieces: &[Piece]) -> Self {
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut piece_bigrams = Vec::with_capacity(pieces.len());
        // A bit per hashed bigram, so that almost only indexed bigrams are looked up.
        let mut bloom = [0u64; BLOOM_WORDS];
        for piece in pieces {
            let mut own: Vec<u32> = Vec::new();
            if piece.headline_shaped() {
                let mut prev = 0;
                for line in &piece.lines {
                    for_each_pair(line, &mut prev, |k| {
                        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                        own.push(*ids.entry(k).or_insert(next));
                        let bit = bloom_bit(k);
                        bloom[bit >> 6] |= 1 << (bit & 63);
                    });
                }
                own.sort_unstable();
                own.dedup();
            }
            piece_bigrams.push(own);
        }
        let may_be_indexed = |k: u64| {
            let bit = bloom_bit(k);
            bloom[bit >> 6] & (1 << (bit & 63)) != 0
        };
        let mut occurrences: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
        let mut starts = Vec::with_capacity(pieces.len() + 1);
        let mut at: u32 = 0;
        for (index, piece) in pieces.iter().enumerate() {
            starts.push(at);
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            let mut prev = 0;
            for line in &piece.lines {
                for_each_pair(line, &mut prev, |k| {
                    at += 1;
                    if may_be_indexed(k)
                        && let Some(&id) = ids.get(&k)
                        && let Some(list) = occurrences.get_mut(id as usize)
                        && list.last() != Some(&index)
                    {
                        list.push(index);
                    }
                });
            }
        }
        starts.push(at);
        let pieces_n = pieces.len() as f32;
        let weights = occurrences
            .iter()
            .map(|o| (1.0 + pieces_n / o.len().max(1) as f32).ln())
            .collect();
        Overlap {
            piece_bigrams,
            occurrences,
            weights,
            starts,
            groups: RefCell::default(),
        }
    }

    /// Share (0–1, by weight) of the bigrams of pieces `group` (an inclusive range) found in
    /// the lead of the story whose body runs from piece `start` to piece `last`.
    pub fn lead(&self, group: (usize, usize), start: usize, last: usize) -> f32 {
        // The pieces that start within the lead's characters.
        let limit = self.start_of(start).saturating_add(LEAD_CHARS);
        let end = self
            .starts
            .partition_point(|&s| s < limit)
            .clamp(start + 1, last + 1);
        self.share(group, start, end)
    }

    /// Share (0–1, by weight) of the bigrams of pieces `group` found anywhere in the body made
    /// of pieces `first..=last`.
    pub fn body(&self, group: (usize, usize), first: usize, last: usize) -> f32 {
        self.share(group, first, last + 1)
    }

    fn start_of(&self, piece: usize) -> u32 {
        self.starts
            .get(piece)
            .or(self.starts.last())
            .copied()
            .unwrap_or(0)
    }

    /// Weighted share of the group's bigrams occurring in pieces `from..to`: mostly
    /// that of its best piece, partly that of all its pieces together (a kicker or a
    /// subtitle need not repeat the lead's words as the title does, but their words still
    /// tell one story from another).
    fn share(&self, (first, last): (usize, usize), from: usize, to: usize) -> f32 {
        let (from, to) = (
            u32::try_from(from).unwrap_or(u32::MAX),
            u32::try_from(to).unwrap_or(u32::MAX),
        );
        if first == last {
            return self
                .piece_bigrams
                .get(first)
                .map_or(0.0, |own| self.share_of(own, from, to));
        }
        let bigrams = self.group_bigrams(first, last);
        let whole = self.share_of(&bigrams, from, to);
        let best = (first..=last)
            .filter_map(|i| self.piece_bigrams.get(i))
            .map(|own| self.share_of(own, from, to))
            .fold(whole, f32::max);
        0.75 * best + 0.25 * whole
    }

    /// The distinct bigram ids of pieces `first..=last`, computed once per group.
    fn group_bigrams(&self, first: usize, last: usize) -> Rc<[u32]> {
        if let Some(known) = self.groups.borrow().get(&(first, last)) {
            return Rc::clone(known);
        }
        let mut bigrams: Vec<u32> = self
            .piece_bigrams
            .get(first..=last)
            .into_iter()
            .flatten()
            .flatten()
            .copied()
            .collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        let bigrams: Rc<[u32]> = bigrams.into();
        self.groups
            .borrow_mut()
            .insert((first, last), Rc::clone(&bigrams));
        bigrams
    }

    /// Weighted share of `bigrams` occurring in pieces `from..to`.
    fn share_of(&self, bigrams: &[u32], from: u32, to: u32) -> f32 {
        let (mut found, mut total) = (0.0, 0.0);
        for &id in bigrams {
            let (Some(list), Some(&weight)) = (
                self.occurrences.get(id as usize),
                self.weights.get(id as usize),
            ) else {
                continue;
            };
            total += weight;
            let i = list.partition_point(|&p| p < from);
            if list.get(i).is_some_and(|&p| p < to) {
                found += weight;
            }
        }
        if total > 0.0 { found / total } else { 0.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::super::pieces::layout;
    use super::*;

    #[test]
    fn a_headline_overlaps_its_own_story_most() {
        let pieces = layout(split_lines(
            "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n\
             甲县召开植树造林动员会\n\n\
             本报讯 3月3日，乙县举办招商引资推介会，签约项目十个。\n",
        ))
        .pieces;
        assert_eq!(pieces.len(), 3);
        let overlap = Overlap::new(&pieces);
        assert!(overlap.lead((1, 1), 0, 0) > 0.8);
        assert!(overlap.lead((1, 1), 2, 2) < 0.3);
        assert!(overlap.body((1, 1), 0, 0) > overlap.body((1, 1), 2, 2));
    }

    #[test]
    fn nothing_to_compare_gives_zero() {
        let pieces = layout(split_lines("州\n\n正文。\n")).pieces;
        let overlap = Overlap::new(&pieces);
        assert_eq!(overlap.lead((0, 0), 0, 0), 0.0);
    }
}
