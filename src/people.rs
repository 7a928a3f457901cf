//! Person-name extraction: which real people an article names, and the role printed
//! before each name.
//!
//! Names sit in two kinds of text. County pages are formulaic: a title right before the name
//! (`区委书记李建超`), a `、` list opened by it (`区领导吴长青、申延芳出席`), a verb right after
//! (`李建超强调`). National news names anyone anywhere: clause-initial subjects (`罗干说`),
//! foreign names (`克林顿`, `卡洛斯·阿马特`), names after any title or honorific, in lists, as
//! objects of verbs. A tagger trained on neither does badly (jieba's HMM: F1 ≈ 0.5); so the
//! extractor combines exact rules with a small model whose evidence is what Chinese prints
//! around a name, and jieba's dictionary only where it must.
//!
//! Per segment (the title or a paragraph, whitespace removed):
//! 1. **Cues** (`cues`, word lists in `words`): the segment's rows (each character with its
//!    statistics, marks and classes, one table look-up each: `stats`), then one scan of them
//!    finds every role, verb and trailing title of the strong rules and every context word of
//!    the model (titles, verbs that take a person, verbs of speech, adverbs, prepositions).
//! 2. **Strong rules** (`strong`, `forms`): a name after a role and the `、` list it opens,
//!    a name before a verb or a trailing title, a given name alone before `同志`, a Japanese
//!    name after a title. Roles are the title phrase as printed (`roles`).
//! 3. **The name model** (`chinese`, `translit`, `model`, `decode`): every surname
//!    (single or compound) opens Chinese-name candidates, every run of transliteration
//!    characters near a very likely one a foreign-name candidate (`·`-joined parts are one).
//!    Character statistics from jieba's dictionary (`stats`, `name_chars.txt`) and the
//!    context classes score each first with cheap weights; the likely ones are measured with
//!    jieba (`lexicon`: is it a dictionary word, does segmentation of the clause cut through
//!    it; what jieba says of a single word is remembered per thread for a pass, `memo`) and
//!    scored in full. Strong-rule hits are evidence of the same model; the likeliest
//!    non-overlapping candidates are the names. The weights are few (one per kind of evidence),
//!    fitted by `examples/fit_people.rs`.
//!
//! Then, over the corpus (`corpus`, [`Gazetteer`]): every name found with confidence anywhere
//! is searched for in every article in one leftmost-longest pass, which catches bare later
//! mentions (`郑小林详细了解`), with a segmentation check. The surname of a Japanese name
//! found so is searched for too, and kept where the context says "person" (`桥本首相`).
//!
//! Not appearances: names inside doctrine, prize and campaign names (`邓小平理论`, `雷锋精神`,
//! `学雷锋`), and the paper's own staff. Reporters, correspondents and credits are passed in
//! as `exclude`: they are kept only when a strong rule finds them in the text itself; a name
//! after a staff title (`（记者甲、乙）`) is a byline.
//!
//! Text is handled as `&str` with byte offsets, borrowed from the articles (a segment is
//! copied only when it has whitespace to remove): a name candidate is a run of ideographs,
//! three bytes each in UTF-8, and every offset is read through `str::get`. Both passes run
//! on all cores, and jieba's dictionary can be loaded while pages are parsed
//! ([`PendingExtractor`]).

mod chinese;
mod coordination;
mod corpus;
mod cues;
mod decode;
mod forms;
mod gazetteer;
mod lexicon;
mod memo;
mod model;
mod roles;
mod stats;
mod strong;
#[cfg(test)]
mod tests;
mod text;
mod translit;
mod uses;
mod weights;
mod words;

use std::sync::OnceLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

pub use corpus::annotate_corpus;
pub use gazetteer::Gazetteer;
pub use roles::specificity as role_specificity;

use crate::model::PersonMention;
use cues::{Cue, CueKind, CueTable, cue_table};
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
    cheap_translit: translit::CheapTranslit,

    roles: FxHashSet<&'static str>,
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
        let cues = cue_table(&[
            (Cue::Role, ROLES),
            (Cue::Follower, FOLLOWERS),
            (Cue::TitleAfter, TITLES_AFTER),
        ]);
        let sets = chinese::NameSets::new(&single, &compound);
        let context_chars = cues::ContextChars::new();
        let mut stats = CharStats::load();
        stats.mark(
            |c| sets.surname_first.contains(&c),
            translit::ANCHOR_MIN,
            |c| cues.flags_of(c),
            |c| chinese::row_classes(&sets, &single, &context_chars, c),
        );
        PersonExtractor {
            jieba: Jieba::new(),
            single,
            compound,
            cues,
            context_chars,
            sets,
            cheap_chinese: chinese::CheapChinese::new(),
            cheap_translit: translit::CheapTranslit::new(),
            stats,
            title_words: ROLES
                .iter()
                .chain(TITLES)
                .chain(TITLE_AFTER)
                .copied()
                .collect(),
            roles: ROLES.iter().copied().collect(),
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
        // The article's own names: the surname of one of them is never looked for alone here,
        // as the article gives the name in full.
        let gaz = Gazetteer::from_names(hits.iter().filter(|h| h.strong).map(|h| h.name.as_str()));
        let bare = self.bare_hits(&gaz, &segs, exclude, &hits);
        let mut all = hits;
        all.extend(bare);
        drop_title_only_readings(&mut all, &segs, title.is_some());
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
        let mut bare = self.bare_hits(gazetteer, &segs, exclude, &hits);
        hits.append(&mut bare);
        let mut bare = self.bare_hits(&local, &segs, exclude, &hits);
        hits.append(&mut bare);
        drop_title_only_readings(&mut hits, &segs, title.is_some());
        merge(hits)
    }
}

/// What the tool that fits the name model's weights needs (`examples/fit_people.rs`).
pub mod training {
    use super::PersonExtractor;
    pub use super::decode::{ACCEPT, STAGE_ONE};
    pub use super::model::{FEATURE_NAMES, FEATURES, Vector};

    /// The weights of the full model, to explain a candidate's probability.
    pub fn full_weights() -> Vector {
        super::model::FULL
    }

    /// The weights of the cheap stage, to refit some of them from the shipped ones.
    pub fn cheap_weights() -> Vector {
        super::model::CHEAP
    }

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

/// Drops the names found only in the title (segment 0 when `titled`) that run past a shorter
/// name the body finds (`王某（左）` printed in a title as `王某左`): the body, which gives
/// the name more context, reads where it ends.
fn drop_title_only_readings(hits: &mut Vec<Hit>, segs: &[Segment], titled: bool) {
    if !titled || segs.len() < 2 || !hits.iter().any(|h| h.seg == 0) {
        return;
    }
    let body_names: Vec<String> = hits
        .iter()
        .filter(|h| h.seg > 0)
        .map(|h| h.name.clone())
        .collect();
    hits.retain(|h| {
        h.seg > 0
            || body_names.contains(&h.name)
            || !body_names.iter().any(|b| {
                b.len() < h.name.len()
                    && (h.name.starts_with(b.as_str()) || h.name.ends_with(b.as_str()))
            })
    });
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
