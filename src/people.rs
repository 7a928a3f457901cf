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

mod chinese;
mod corpus;
mod cues;
mod decode;
mod forms;
mod gazetteer;
mod lexicon;
mod model;
mod roles;
mod stats;
mod strong;
#[cfg(test)]
mod tests;
mod text;
mod translit;
mod weights;
mod words;

use std::sync::OnceLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

pub use corpus::annotate_corpus;
pub use gazetteer::Gazetteer;

use crate::model::PersonMention;
use cues::{Cue, CueKind, CueTable, cue_lists};
use lexicon::{NOT_GIVEN, SURNAMES};
use stats::CharStats;
use text::{CharSet, Segment};
use words::{FOLLOWERS, ROLES, TITLE_AFTER, TITLES, TITLES_AFTER};

/// A person found at a position: segment index (title first), byte offset, name, role.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Hit {
    seg: usize,
    at: usize,
    name: String,
    role: Option<String>,
    strong: bool,
    /// Found in a context that leaves no doubt (after a role, a given name before `同志`):
    /// the model keeps it unless a likelier longer name holds it.
    sure: bool,
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

/// Person extractor: strong rules, the name model with its character statistics and cue
/// tables, and jieba's dictionary.
pub struct PersonExtractor {
    jieba: Jieba,
    single: CharSet,
    compound: FxHashSet<(char, char)>,
    /// The cue words of the strong rules and of the model's context.
    cues: CueTable<CueKind>,
    context_chars: cues::ContextChars,
    stats: CharStats,
    /// Titles and roles, which are never a given name.
    title_words: FxHashSet<&'static str>,
    sets: chinese::NameSets,
    cheap_chinese: chinese::CheapChinese,

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
        let cues = CueTable::new(&cue_lists(&[
            (Cue::Role, ROLES),
            (Cue::Follower, FOLLOWERS),
            (Cue::TitleAfter, TITLES_AFTER),
        ]));
        let sets = chinese::NameSets::new(&compound);
        PersonExtractor {
            jieba: Jieba::new(),
            single,
            compound,
            cues,
            context_chars: cues::ContextChars::new(),
            sets,
            cheap_chinese: chinese::CheapChinese::new(),
            stats: CharStats::load(),
            title_words: ROLES
                .iter()
                .chain(TITLES)
                .chain(TITLE_AFTER)
                .copied()
                .collect(),
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

    /// The people one article names: strong rules and the name model, then later mentions of
    /// the names it is sure of.
    ///
    /// Names in `exclude` (reporters, correspondents, credits) are kept only when a strong
    /// rule finds them in the text itself.
    pub fn extract(
        &self,
        title: Option<&str>,
        paragraphs: &[String],
        exclude: &[&str],
    ) -> Vec<PersonMention> {
        let segs = segments(title, paragraphs);
        let hits = self.strong_hits(&segs, exclude);
        let gaz = Gazetteer::from_names(hits.iter().filter(|h| h.strong).map(|h| h.name.as_str()));
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
        let mut hits = self.strong_hits(&segs, exclude);
        let local =
            Gazetteer::from_names(hits.iter().filter(|h| h.strong).map(|h| h.name.as_str()));
        let mut bare = self.bare_hits(gazetteer, &segs, exclude);
        bare.extend(self.bare_hits(&local, &segs, exclude));
        hits.extend(bare);
        merge(hits)
    }
}

/// What the tool that fits the name model's weights needs (`examples/fit_people.rs`).
pub mod training {
    use super::PersonExtractor;
    pub use super::decode::{ACCEPT, STAGE_ONE};
    pub use super::model::{FEATURE_NAMES, FEATURES, Vector};

    /// One candidate name of a text, fully measured.
    pub struct Candidate {
        /// The candidate as printed.
        pub name: String,
        /// Its character range in the text (whitespace removed).
        pub chars: std::ops::Range<usize>,
        /// Every feature.
        pub full: Vector,
        /// The features of the cheap stage (the others zero).
        pub cheap: Vector,
    }

    /// Every candidate of one segment of text (whitespace is removed first).
    pub fn candidates(ex: &PersonExtractor, text: &str) -> Vec<Candidate> {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        ex.measured_candidates(&text)
            .into_iter()
            .map(|(start, name, full, cheap)| {
                let from = text.get(..start).map_or(0, |t| t.chars().count());
                Candidate {
                    chars: from..from + name.chars().count(),
                    name,
                    full,
                    cheap,
                }
            })
            .collect()
    }
}

/// Title and paragraphs as segments, title first.
fn segments<'a>(title: Option<&'a str>, paragraphs: &'a [String]) -> Vec<Segment<'a>> {
    title
        .into_iter()
        .chain(paragraphs.iter().map(String::as_str))
        .map(Segment::new)
        .collect()
}

/// Distinct people in order of first appearance, each with the most specific role printed
/// for them (the first of equals).
fn merge(mut hits: Vec<Hit>) -> Vec<PersonMention> {
    hits.sort_by_key(|h| (h.seg, h.at, !h.strong));
    // An article names a handful of people: a linear search beats hashing cloned names.
    let mut out: Vec<PersonMention> = Vec::new();
    for h in hits {
        match out.iter_mut().find(|p| p.name == h.name) {
            Some(p) => {
                if roles::specificity(h.role.as_deref()) > roles::specificity(p.role.as_deref()) {
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
