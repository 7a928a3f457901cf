//! Word overlap between a headline and a stretch of body text: a headline repeats the words of
//! its lead, so where layout cannot tell which story a headline belongs to, the story whose
//! text shares most of the headline's words does.
//!
//! Words are approximated by character bigrams (any two adjacent Han or ASCII letters and
//! digits), which needs no dictionary and works on any Chinese text. Each bigram of a
//! headline-shaped piece is weighted by how rare it is on the page (a bigram that every story
//! uses, such as the district's name, tells nothing), and looked up through the page-wide list
//! of its occurrences, so that asking about any stretch of pieces costs a binary search per
//! bigram. Only bigrams of headline-shaped pieces are indexed, in one pass over the page.

use rustc_hash::FxHashMap;

use super::chars::is_han;
use super::pieces::Piece;

/// Characters of body text, counted from the start of a story, that make its lead.
const LEAD_CHARS: u32 = 80;

/// Bigram occurrences of a page, for the bigrams of its headline-shaped pieces.
pub struct Overlap {
    /// Bigram ids of each piece (empty for pieces that cannot be headlines), sorted, distinct.
    piece_bigrams: Vec<Vec<u32>>,
    /// Position (in kept characters from the page start) of every occurrence, per bigram id.
    occurrences: Vec<Vec<u32>>,
    /// Weight of each bigram id: rarer on the page weighs more.
    weights: Vec<f32>,
    /// Position of the first kept character of each piece; one more entry for the page end.
    starts: Vec<u32>,
}

/// Calls `f` with each character of `line` that counts for overlap (Han characters and ASCII
/// letters and digits), others skipped: one pass over the bytes, which for the three-byte
/// Han characters of a page is most of the work of indexing it.
fn for_each_kept(line: &str, mut f: impl FnMut(u32)) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        match lead {
            0x00..=0x7F => {
                if lead.is_ascii_alphanumeric() {
                    f(u32::from(lead));
                }
                i += 1;
            }
            0xE0..=0xEF => {
                if let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                    let c = (u32::from(lead & 0x0F) << 12)
                        | (u32::from(b1 & 0x3F) << 6)
                        | u32::from(b2 & 0x3F);
                    if char::from_u32(c).is_some_and(is_han) {
                        f(c);
                    }
                }
                i += 3;
            }
            0xF0..=0xF7 => {
                if let Some(c) = line.get(i..).and_then(|rest| rest.chars().next())
                    && is_han(c)
                {
                    f(c as u32);
                }
                i += 4;
            }
            _ => i += 2,
        }
    }
}

/// A bigram as one number.
fn key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

impl Overlap {
    /// Index the bigrams of the headline-shaped pieces over the whole page.
    pub fn new(pieces: &[Piece]) -> Self {
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut piece_bigrams = Vec::with_capacity(pieces.len());
        // Characters that end an indexed bigram, so that most pairs need no lookup.
        let mut second = vec![0u64; 1 << 10];
        for piece in pieces {
            let mut own: Vec<u32> = Vec::new();
            if piece.headline_shaped() {
                let mut prev: Option<u32> = None;
                for line in &piece.lines {
                    for_each_kept(line, |c| {
                        if let Some(p) = prev {
                            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                            own.push(*ids.entry(key(p, c)).or_insert(next));
                            if let Some(word) = second.get_mut(c as usize >> 6) {
                                *word |= 1 << (c & 63);
                            }
                        }
                        prev = Some(c);
                    });
                }
                own.sort_unstable();
                own.dedup();
            }
            piece_bigrams.push(own);
        }
        let may_be_second = |c: u32| {
            second
                .get(c as usize >> 6)
                .is_none_or(|word| word & (1 << (c & 63)) != 0)
        };
        let mut occurrences: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
        let mut starts = Vec::with_capacity(pieces.len() + 1);
        let mut at: u32 = 0;
        for piece in pieces {
            starts.push(at);
            let mut prev: u32 = 0;
            for line in &piece.lines {
                for_each_kept(line, |c| {
                    if prev != 0
                        && may_be_second(c)
                        && let Some(&id) = ids.get(&key(prev, c))
                        && let Some(list) = occurrences.get_mut(id as usize)
                    {
                        list.push(at);
                    }
                    prev = c;
                    at += 1;
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
        }
    }

    /// Share (0–1, by weight) of the bigrams of pieces `group` (an inclusive range) found in
    /// the lead of the story whose body runs from piece `start` to piece `last`.
    pub fn lead(&self, group: (usize, usize), start: usize, last: usize) -> f32 {
        let from = self.start_of(start);
        let to = from.saturating_add(LEAD_CHARS).min(self.start_of(last + 1));
        self.share(group, from, to)
    }

    /// Share (0–1, by weight) of the bigrams of pieces `group` found anywhere in the body made
    /// of pieces `first..=last`.
    pub fn body(&self, group: (usize, usize), first: usize, last: usize) -> f32 {
        self.share(group, self.start_of(first), self.start_of(last + 1))
    }

    fn start_of(&self, piece: usize) -> u32 {
        self.starts
            .get(piece)
            .or(self.starts.last())
            .copied()
            .unwrap_or(0)
    }

    /// Weighted share of the group's bigrams occurring at a position in `from..to`: mostly
    /// that of its best piece, partly that of all its pieces together (a kicker or a
    /// subtitle need not repeat the lead's words as the title does, but their words still
    /// tell one story from another).
    fn share(&self, (first, last): (usize, usize), from: u32, to: u32) -> f32 {
        if first == last {
            return self
                .piece_bigrams
                .get(first)
                .map_or(0.0, |own| self.share_of(own, from, to));
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
        let whole = self.share_of(&bigrams, from, to);
        let best = (first..=last)
            .filter_map(|i| self.piece_bigrams.get(i))
            .map(|own| self.share_of(own, from, to))
            .fold(whole, f32::max);
        0.75 * best + 0.25 * whole
    }

    /// Weighted share of `bigrams` occurring at a position in `from..to`.
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
