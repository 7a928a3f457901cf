//! The person pass over a whole corpus: strong evidence per article on all cores, then the
//! corpus gazetteer.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::strong::PassScratch;
use super::text::Segment;
use super::{Hit, PersonExtractor, drop_title_only_readings, merge};
use crate::model::Article;

/// An article's title and paragraphs as they are, title first.
pub(super) fn raw_segments(a: &Article) -> impl Iterator<Item = &str> {
    a.title().into_iter().chain(a.paragraphs())
}

/// The article's reporters, correspondents and credits.
fn bylines(a: &Article) -> Vec<&str> {
    a.reporters()
        .chain(a.correspondents())
        .chain(a.credits())
        .collect()
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
        let mut scratch = PassScratch::default();
        for a in articles {
            let exclude = bylines(a);
            let pass = ex.strong_pass(raw_segments(a), &exclude, &mut scratch);
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
                sure: false,
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
    super::memo::new_pass();
    let strong: Vec<PackedStrong> = articles
        .par_chunks(ANNOTATE_CHUNK)
        .map(|chunk| PackedStrong::of(ex, chunk))
        .collect();
    // Distinct names in order of first hit.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut names: Vec<&str> = Vec::new();
    for run in &strong {
        for h in run.hits.iter().filter(|h| h.strong) {
            let name = run.text_at(h.name);
            if seen.insert(name) {
                names.push(name);
            }
        }
    }
    drop(seen);
    let gaz = ex.gazetteer(names.iter().copied());
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
                    let exclude = bylines(a);
                    let mut bare = ex.bare_hits(&gaz, &segs, &exclude, &hits);
                    hits.append(&mut bare);
                    drop_title_only_readings(&mut hits, &segs, a.title().is_some());
                    merge(hits)
                };
                a.set_persons(&persons);
            }
        });
}
