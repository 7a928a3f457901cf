//! The person-name model: what is measured of a candidate and how much each measure counts.
//!
//! A candidate (a surname plus a given name, or a run of transliteration characters) is
//! described by its [`Features`]: the character statistics of [`super::stats`], what jieba's
//! dictionary says of it, whether segmentation cuts through it, and the context classes of
//! [`super::cues`]. A logistic model turns them into the probability that the candidate is a
//! person's name. Its weights ([`super::weights`]) were fitted to the person annotations of
//! real news text and of the sample pages; they are few (about a hundred numbers), one per
//! kind of evidence, never per name.
//!
//! Scoring runs in two stages so that jieba is consulted rarely: [`CHEAP`] uses only what
//! table look-ups give, and only candidates it finds likely enough are measured in full and
//! scored with [`FULL`].

use super::cues::{LEFT_CLASSES, Left, RIGHT_CLASSES, Right};
#[cfg(test)]
use super::cues::{LEFTS, RIGHTS};
pub(super) use super::weights::{CHEAP, FULL};

/// Which kind of name a candidate would be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A surname followed by a given name.
    Chinese,
    /// A transliterated foreign name.
    Translit,
}

/// What jieba's dictionary tags a candidate that it lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LexTag {
    /// A person (`nr`, `nrfg`, `nrt`).
    Name = 0,
    /// A place (`ns`).
    Place = 1,
    /// Any other word.
    Word = 2,
}

/// A candidate that is a dictionary word: its tag and frequency.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Lex {
    /// Three characters or more (else two).
    pub(super) long: bool,
    pub(super) tag: LexTag,
    /// ln(1 + frequency).
    pub(super) freq_ln: f32,
}

/// Everything the model weighs about one candidate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Features {
    pub(super) kind: Kind,
    // Chinese names.
    /// The surname is compound (not weighed: it only decides how the name is split).
    pub(super) compound: bool,
    /// Surname statistic (a fixed value for a compound surname).
    pub(super) surname: f32,
    /// Sum and minimum of the given-name statistics of the given-name characters.
    pub(super) given: f32,
    pub(super) given_min: f32,
    /// A two-character given name.
    pub(super) three_chars: bool,
    pub(super) ends_function_char: bool,
    /// The surname and the first given character make a dictionary word (`高兴|地`).
    pub(super) head_is_word: bool,
    /// ln(1 + frequency) of that word.
    pub(super) head_word_freq: f32,
    /// The two-character given name is a dictionary word (`建国`).
    pub(super) given_is_word: bool,
    /// ln(1 + frequency) of that word.
    pub(super) given_word_freq: f32,
    /// Given-name statistic of the character after the candidate (0 if there is none).
    pub(super) next_given: f32,
    pub(super) ends_place_suffix: bool,
    /// Mean transliteration statistic of the given name.
    pub(super) given_translit: f32,
    /// A `·` right before or after: a piece of a foreign name.
    pub(super) next_to_dot: bool,
    // Transliterated names.
    /// Mean, minimum and count of the transliteration statistics of the characters.
    pub(super) tr_mean: f32,
    pub(super) tr_min: f32,
    pub(super) tr_len: f32,
    /// Parts joined by `·`.
    pub(super) tr_dot: bool,
    /// Stops right before a joining mark: a piece of a longer name.
    pub(super) tr_before_join: bool,
    /// Transliteration statistics of the characters right before and after (0 if none).
    pub(super) tr_prev: f32,
    pub(super) tr_next: f32,
    pub(super) tr_ends_place_suffix: bool,
    pub(super) tr_before_place_suffix: bool,
    // Both.
    /// The candidate occurs again near it (within [`REPEAT_WINDOW`] bytes).
    pub(super) repeated: bool,
    /// The candidate is all a quotation holds (`“双引擎”`, `《雅舍》`): a term or a title.
    pub(super) quoted: bool,
    /// A context word after the candidate's first character starts inside it (`安南希望`,
    /// `拉埃女士`): the candidate may have swallowed the word after a name.
    pub(super) swallows_cue: bool,
    /// Found by a strong rule after a role, or before a verb or trailing title.
    pub(super) rule_role: bool,
    pub(super) rule_bare: bool,
    /// Found by a strong rule only (not a candidate of its own).
    pub(super) rule_only: bool,
    /// The dictionary lists the candidate before a place suffix (`伊拉克人`, `莫斯科市`): it
    /// names a place that the dictionary may also tag as a person.
    pub(super) place_compound: bool,
    /// The next item of the `、` list it stands in, before or after it, is an ordinary
    /// dictionary word (`文旅、康养、休闲`): a list of things, not of people.
    pub(super) list_of_words: bool,
    pub(super) lex: Option<Lex>,
    pub(super) left: Left,
    pub(super) right: Right,
    /// Segmentation of the clause cuts through the candidate's first or last character.
    pub(super) cut_left: bool,
    pub(super) cut_right: bool,
}

impl Features {
    /// True when segmentation cuts through neither edge of the reading and the character
    /// after it does not read as a transliteration (`尼·伯尔|切斯库镇`), unless a context word
    /// starts there (`某某·某某|访问`): it ends in its place.
    pub(super) fn clean(&self) -> bool {
        !self.cut_left
            && !self.cut_right
            && (self.tr_next <= 0.0 || !matches!(self.right, Right::Other | Right::Suffix))
    }

    /// A candidate of `kind` with nothing measured yet.
    pub(super) fn new(kind: Kind) -> Self {
        Features {
            kind,
            compound: false,
            surname: 0.0,
            given: 0.0,
            given_min: 0.0,
            three_chars: false,
            ends_function_char: false,
            head_is_word: false,
            head_word_freq: 0.0,
            given_is_word: false,
            given_word_freq: 0.0,
            next_given: 0.0,
            ends_place_suffix: false,
            given_translit: 0.0,
            next_to_dot: false,
            tr_mean: 0.0,
            tr_min: 0.0,
            tr_len: 0.0,
            tr_dot: false,
            tr_before_join: false,
            tr_prev: 0.0,
            tr_next: 0.0,
            tr_ends_place_suffix: false,
            tr_before_place_suffix: false,
            repeated: false,
            quoted: false,
            swallows_cue: false,
            rule_role: false,
            rule_bare: false,
            rule_only: false,
            place_compound: false,
            list_of_words: false,
            lex: None,
            left: Left::Other,
            right: Right::Other,
            cut_left: false,
            cut_right: false,
        }
    }

    /// True when the context says "person": a title or list on either side, a verb of
    /// speech after, or parts joined by `·`.
    fn has_cue(&self) -> bool {
        has_cue(self.left, self.right, self.tr_dot)
    }
}

/// How far before and after a candidate its repetition is looked for, in bytes (a long
/// paragraph; a whole page printed as one line is not searched end to end for every candidate).
pub(super) const REPEAT_WINDOW: usize = 900;

/// True when the text `start..end` occurs again within [`REPEAT_WINDOW`] bytes of it.
pub(super) fn repeated_nearby(text: &str, start: usize, end: usize) -> bool {
    let Some(cand) = text.get(start..end) else {
        return false;
    };
    let mut lo = start.saturating_sub(REPEAT_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (end + REPEAT_WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    text.get(lo..hi)
        .is_some_and(|window| occurs_twice(window.as_bytes(), cand.as_bytes()))
}

/// True when `needle` occurs twice or more in `hay`, without overlap (as a left-to-right
/// search finds them).
///
/// A candidate is a few bytes long and looked for in under two kilobytes, too little to
/// repay building a searcher: each byte equal to the needle's last is a place to compare.
fn occurs_twice(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&last) = needle.last() else {
        // The empty needle occurs at every offset, the end included.
        return !hay.is_empty();
    };
    let mut found = 0;
    // Where the next occurrence may start: after the end of the last one.
    let mut free_from = 0;
    for q in memchr::memchr_iter(last, hay) {
        let Some(p) = (q + 1).checked_sub(needle.len()) else {
            continue;
        };
        if p >= free_from && hay.get(p..=q) == Some(needle) {
            found += 1;
            if found == 2 {
                return true;
            }
            free_from = q + 1;
        }
    }
    false
}

/// True when the context says "person": a title or list on either side, a verb of speech
/// after, or parts joined by `·`.
pub(super) fn has_cue(left: Left, right: Right, dotted: bool) -> bool {
    matches!(left, Left::Title | Left::List)
        || matches!(
            right,
            Right::Title | Right::Title2 | Right::Speech | Right::List
        )
        || dotted
}

/// The features of a span that only the full measure gives (jieba's dictionary and
/// segmentation), the same for every candidate of that span.
#[derive(Clone, Copy, Debug)]
pub(super) struct Measured {
    /// The kind of the candidate measured: only a Chinese one has head and given-name words.
    pub(super) kind: Kind,
    lex: Option<Lex>,
    place_compound: bool,
    list_of_words: bool,
    head_is_word: bool,
    head_word_freq: f32,
    given_is_word: bool,
    given_word_freq: f32,
    repeated: bool,
    cut_left: bool,
    cut_right: bool,
}

impl Measured {
    /// What `f` holds of the full measure.
    pub(super) fn of(f: &Features) -> Self {
        Measured {
            kind: f.kind,
            lex: f.lex,
            place_compound: f.place_compound,
            list_of_words: f.list_of_words,
            head_is_word: f.head_is_word,
            head_word_freq: f.head_word_freq,
            given_is_word: f.given_is_word,
            given_word_freq: f.given_word_freq,
            repeated: f.repeated,
            cut_left: f.cut_left,
            cut_right: f.cut_right,
        }
    }

    /// Gives `f` these measures (taken from a candidate of the same kind, or of a Chinese one).
    pub(super) fn copy_to(self, f: &mut Features) {
        f.lex = self.lex;
        f.place_compound = self.place_compound;
        f.list_of_words = self.list_of_words;
        f.repeated = self.repeated;
        f.cut_left = self.cut_left;
        f.cut_right = self.cut_right;
        if f.kind == Kind::Chinese {
            f.head_is_word = self.head_is_word;
            f.head_word_freq = self.head_word_freq;
            f.given_is_word = self.given_is_word;
            f.given_word_freq = self.given_word_freq;
        }
    }
}

/// Names of the entries of a feature vector, in order (see [`Features::vector`]).
pub const FEATURE_NAMES: &[&str] = &[
    "bias",
    // Chinese names.
    "cn",
    "cn.surname",
    "cn.given",
    "cn.given_min",
    "cn.three_chars",
    "cn.ends_function_char",
    "cn.head_is_word",
    "cn.head_word_freq",
    "cn.given_is_word",
    "cn.given_word_freq",
    "cn.next_given",
    "cn.ends_place_suffix",
    "cn.given_translit",
    "cn.next_to_dot",
    "cn.no_cue",
    "cn.lex2.name",
    "cn.lex2.name_freq",
    "cn.lex2.place",
    "cn.lex2.place_freq",
    "cn.lex2.word",
    "cn.lex2.word_freq",
    "cn.lex3.name",
    "cn.lex3.name_freq",
    "cn.lex3.place",
    "cn.lex3.place_freq",
    "cn.lex3.word",
    "cn.lex3.word_freq",
    "cn.cut_left",
    "cn.cut_right",
    "cn.left.start",
    "cn.left.list",
    "cn.left.open",
    "cn.left.title",
    "cn.left.verb",
    "cn.left.de",
    "cn.left.adverb",
    "cn.left.locative",
    "cn.left.other",
    "cn.right.end",
    "cn.right.list",
    "cn.right.dot",
    "cn.right.num",
    "cn.right.title",
    "cn.right.title2",
    "cn.right.speech",
    "cn.right.adv",
    "cn.right.prep",
    "cn.right.de",
    "cn.right.suffix",
    "cn.right.verb",
    "cn.right.other",
    // Transliterated names.
    "tr",
    "tr.mean",
    "tr.min",
    "tr.len",
    "tr.dot",
    "tr.before_join",
    "tr.prev",
    "tr.next",
    "tr.ends_place_suffix",
    "tr.before_place_suffix",
    "tr.no_cue",
    "tr.lex2.name",
    "tr.lex2.name_freq",
    "tr.lex2.place",
    "tr.lex2.place_freq",
    "tr.lex2.word",
    "tr.lex2.word_freq",
    "tr.lex3.name",
    "tr.lex3.name_freq",
    "tr.lex3.place",
    "tr.lex3.place_freq",
    "tr.lex3.word",
    "tr.lex3.word_freq",
    "tr.cut_left",
    "tr.cut_right",
    "tr.left.start",
    "tr.left.list",
    "tr.left.open",
    "tr.left.title",
    "tr.left.verb",
    "tr.left.de",
    "tr.left.adverb",
    "tr.left.locative",
    "tr.left.other",
    "tr.right.end",
    "tr.right.list",
    "tr.right.dot",
    "tr.right.num",
    "tr.right.title",
    "tr.right.title2",
    "tr.right.speech",
    "tr.right.adv",
    "tr.right.prep",
    "tr.right.de",
    "tr.right.suffix",
    "tr.right.verb",
    "tr.right.other",
    // Both.
    "repeated",
    "quoted",
    "swallows_cue",
    "rule_role",
    "rule_bare",
    "rule_only",
    "place_compound",
    "list_of_words",
];

/// Length of a feature vector.
pub const FEATURES: usize = 107;

/// A feature vector, and the weights of a logistic model over it.
pub type Vector = [f32; FEATURES];

/// Where the blocks of the vector start.
const CN: usize = 1;
const CN_LEX: usize = 16;
const CN_CONTEXT: usize = 28;
const TR: usize = 52;
const TR_LEX: usize = 63;
const TR_CONTEXT: usize = 75;
const BOTH: usize = 99;

// The blocks fill the vector exactly.
const _: () = assert!(CN_CONTEXT + 2 + LEFT_CLASSES + RIGHT_CLASSES == TR);
const _: () = assert!(TR_CONTEXT + 2 + LEFT_CLASSES + RIGHT_CLASSES == BOTH);
const _: () = assert!(BOTH + 8 == FEATURES);

/// 1.0 for true, 0.0 for false.
fn b(x: bool) -> f32 {
    f32::from(u8::from(x))
}

impl Features {
    /// The features as a vector (entries named by [`FEATURE_NAMES`]).
    pub(super) fn vector(&self) -> Vector {
        let mut v = [0.0; FEATURES];
        self.each(|i, x| {
            if let Some(slot) = v.get_mut(i) {
                *slot = x;
            }
        });
        v
    }

    /// The model's log-odds for these features under `weights`.
    fn logit(&self, weights: &Vector) -> f32 {
        let mut z = 0.0;
        self.each(|i, x| z += weights.get(i).copied().unwrap_or(0.0) * x);
        z
    }

    /// Calls `put(index, value)` for every entry of the vector that may be non-zero.
    fn each(&self, mut put: impl FnMut(usize, f32)) {
        put(0, 1.0);
        let (lex, context) = match self.kind {
            Kind::Chinese => {
                let cn = [
                    1.0,
                    self.surname,
                    self.given,
                    self.given_min,
                    b(self.three_chars),
                    b(self.ends_function_char),
                    b(self.head_is_word),
                    self.head_word_freq,
                    b(self.given_is_word),
                    self.given_word_freq,
                    self.next_given,
                    b(self.ends_place_suffix),
                    self.given_translit,
                    b(self.next_to_dot),
                    b(!self.has_cue()),
                ];
                for (k, x) in cn.into_iter().enumerate() {
                    put(CN + k, x);
                }
                (CN_LEX, CN_CONTEXT)
            }
            Kind::Translit => {
                let tr = [
                    1.0,
                    self.tr_mean,
                    self.tr_min,
                    self.tr_len,
                    b(self.tr_dot),
                    b(self.tr_before_join),
                    self.tr_prev,
                    self.tr_next,
                    b(self.tr_ends_place_suffix),
                    b(self.tr_before_place_suffix),
                    b(!self.has_cue()),
                ];
                for (k, x) in tr.into_iter().enumerate() {
                    put(TR + k, x);
                }
                (TR_LEX, TR_CONTEXT)
            }
        };
        if let Some(l) = self.lex {
            let at = lex + usize::from(l.long) * 6 + l.tag as usize * 2;
            put(at, 1.0);
            put(at + 1, l.freq_ln);
        }
        put(context, b(self.cut_left));
        put(context + 1, b(self.cut_right));
        put(context + 2 + self.left as usize, 1.0);
        put(context + 2 + LEFT_CLASSES + self.right as usize, 1.0);
        let both = [
            b(self.repeated),
            b(self.quoted),
            b(self.swallows_cue),
            b(self.rule_role),
            b(self.rule_bare),
            b(self.rule_only),
            b(self.place_compound),
            b(self.list_of_words),
        ];
        for (k, x) in both.into_iter().enumerate() {
            put(BOTH + k, x);
        }
    }
}

/// The weight in `weights` of the feature called `name` (0 for an unknown name).
pub(super) fn weight(weights: &Vector, name: &str) -> f32 {
    FEATURE_NAMES
        .iter()
        .position(|n| *n == name)
        .and_then(|i| weights.get(i))
        .copied()
        .unwrap_or(0.0)
}

/// What the context classes add to the log-odds of a candidate of `kind` under `weights`:
/// the weights of its left and right classes, and of `no_cue` when there is no cue.
pub(super) fn context_weight(
    weights: &Vector,
    kind: Kind,
    left: Left,
    right: Right,
    dotted: bool,
) -> f32 {
    let (block, context) = match kind {
        Kind::Chinese => (CN, CN_CONTEXT),
        Kind::Translit => (TR, TR_CONTEXT),
    };
    // `no_cue` closes the block of its kind: 14 entries after `cn`, 10 after `tr`.
    let no_cue = match kind {
        Kind::Chinese => block + 14,
        Kind::Translit => block + 10,
    };
    let w = |i: usize| weights.get(i).copied().unwrap_or(0.0);
    let cue = if has_cue(left, right, dotted) {
        0.0
    } else {
        w(no_cue)
    };
    w(context + 2 + left as usize) + w(context + 2 + LEFT_CLASSES + right as usize) + cue
}

impl Features {
    /// The log-odds of these features under `weights`.
    pub(super) fn log_odds(&self, weights: &Vector) -> f32 {
        self.logit(weights)
    }
}

/// The probability that a candidate with features `f` is a person's name under `weights`.
pub(super) fn probability(weights: &Vector, f: &Features) -> f32 {
    1.0 / (1.0 + (-f.logit(weights)).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repetition_is_counted_as_a_searcher_counts_it() {
        let texts = ["哈哈哈，王欢说王欢", "王欢王欢", "a王王王a欢", "", "欢"];
        let mut compared = 0;
        for hay in texts {
            for text in texts {
                let bytes = text.as_bytes();
                for from in 0..=bytes.len() {
                    for to in from..=bytes.len() {
                        let needle = &bytes[from..to];
                        let want = memchr::memmem::find_iter(hay.as_bytes(), needle)
                            .nth(1)
                            .is_some();
                        assert_eq!(
                            occurs_twice(hay.as_bytes(), needle),
                            want,
                            "{hay} {needle:?}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 1000, "{compared}");
        // Overlapping occurrences count once, as a left-to-right search finds them.
        assert!(!occurs_twice("哈哈哈".as_bytes(), "哈哈".as_bytes()));
        assert!(occurs_twice("哈哈哈哈".as_bytes(), "哈哈".as_bytes()));
    }

    #[test]
    fn vector_layout_matches_the_names() {
        assert_eq!(FEATURE_NAMES.len(), FEATURES);
        let at = |name: &str| FEATURE_NAMES.iter().position(|n| *n == name);
        assert_eq!(at("cn"), Some(CN));
        assert_eq!(at("cn.lex2.name"), Some(CN_LEX));
        assert_eq!(at("cn.cut_left"), Some(CN_CONTEXT));
        assert_eq!(at("cn.left.start"), Some(CN_CONTEXT + 2));
        assert_eq!(at("cn.right.end"), Some(CN_CONTEXT + 2 + LEFT_CLASSES));
        assert_eq!(at("tr"), Some(TR));
        assert_eq!(at("tr.lex2.name"), Some(TR_LEX));
        assert_eq!(at("tr.cut_left"), Some(TR_CONTEXT));
        assert_eq!(
            at("tr.right.other"),
            Some(TR_CONTEXT + 1 + LEFT_CLASSES + RIGHT_CLASSES)
        );
        assert_eq!(at("repeated"), Some(BOTH));
        assert_eq!(at("cn.no_cue"), Some(CN + 14));
        assert_eq!(at("tr.no_cue"), Some(TR + 10));
    }

    #[test]
    fn context_weight_is_what_the_context_adds_to_the_log_odds() {
        for kind in [Kind::Chinese, Kind::Translit] {
            for dotted in [false, true] {
                for left in LEFTS {
                    for right in RIGHTS {
                        let mut f = Features::new(kind);
                        f.tr_dot = dotted;
                        let bare = f.log_odds(&CHEAP)
                            - context_weight(&CHEAP, kind, f.left, f.right, dotted);
                        f.left = left;
                        f.right = right;
                        let got = bare + context_weight(&CHEAP, kind, left, right, dotted);
                        assert!(
                            (f.log_odds(&CHEAP) - got).abs() < 1e-4,
                            "{kind:?} {left:?} {right:?}"
                        );
                    }
                }
            }
        }
    }
}
