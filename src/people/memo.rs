//! What jieba says of single words (how it tags a word it keeps whole, whether it tags it a
//! verb, the frequency it suggests, whether it lists the word before a place suffix),
//! remembered by each thread for the length of one pass.
//!
//! Tagging a word or suggesting its frequency segments it, which costs a thousand
//! instructions or more; the words asked about (the verb after a name, a candidate, the given
//! name of a candidate) come back again and again in any text. Every extractor loads the same
//! dictionary, so an answer holds for all of them. Each pass over a corpus starts from an
//! empty memo ([`new_pass`]), so that a pass costs what it costs on its own text, and a memo
//! never holds more than [`MEMO_WORDS`] words.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

/// How jieba tags a word it keeps whole, as far as the extractor asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WordTag {
    /// A person (`nr`, `nrfg`, `nrt`: every tag of the dictionary that starts with `nr`).
    Name,
    /// A place (`ns`).
    Place,
    /// A verb (`v`, `vd`, `vi`, `vg`; not a verbal noun, `vn`).
    Verb,
    /// An organisation (`nt`).
    Organisation,
    /// Any other tag.
    Other,
}

impl WordTag {
    /// The class of one of jieba's tags.
    pub(super) fn of(tag: &str) -> Self {
        match tag {
            "nr" | "nrfg" | "nrt" => WordTag::Name,
            "ns" => WordTag::Place,
            "v" | "vd" | "vi" | "vg" => WordTag::Verb,
            "nt" => WordTag::Organisation,
            _ => WordTag::Other,
        }
    }
}

/// What has been asked of jieba about one word.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct WordFacts {
    /// The tag of the word when jieba keeps it whole, `Some(None)` when it cuts it.
    pub(super) tag: Option<Option<WordTag>>,
    /// The frequency jieba suggests for the word.
    pub(super) freq: Option<usize>,
    /// Whether the dictionary lists the word followed by a place suffix.
    pub(super) place_compound: Option<bool>,
    /// Whether jieba's first tag of the word is a verb's of any kind (`v`, `vn`, `vd`…).
    pub(super) verb_tagged: Option<bool>,
}

/// Most words a thread's memo holds; it starts again from empty past that.
const MEMO_WORDS: usize = 1 << 16;

/// The words one thread has asked about during the current pass.
#[derive(Default)]
struct Memo {
    /// The pass the words belong to.
    pass: u64,
    words: FxHashMap<Box<str>, WordFacts>,
}

/// The number of the current pass.
static PASS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Starts a new pass: every thread's memo is emptied before it is next used.
pub(super) fn new_pass() {
    PASS.fetch_add(1, Ordering::Relaxed);
}

/// Calls `ask` with what is remembered of `word` on this thread, which `ask` completes
/// (without asking the memo itself).
pub(super) fn with_facts<T>(word: &str, ask: impl FnOnce(&mut WordFacts) -> T) -> T {
    let pass = PASS.load(Ordering::Relaxed);
    MEMO.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => memo.facts(pass, word, ask),
        Err(_) => ask(&mut WordFacts::default()),
    })
}

impl Memo {
    /// Calls `ask` with what is remembered of `word` during pass `pass`, and remembers what
    /// `ask` completes.
    fn facts<T>(&mut self, pass: u64, word: &str, ask: impl FnOnce(&mut WordFacts) -> T) -> T {
        if self.pass != pass || self.words.len() >= MEMO_WORDS {
            self.words.clear();
            self.pass = pass;
        }
        if let Some(facts) = self.words.get_mut(word) {
            return ask(facts);
        }
        let mut facts = WordFacts::default();
        let answer = ask(&mut facts);
        self.words.insert(word.into(), facts);
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_asked_once_per_pass() {
        let mut memo = Memo::default();
        let mut asked = 0;
        let mut ask = |pass: u64, word: &str| {
            memo.facts(pass, word, |facts| {
                *facts.freq.get_or_insert_with(|| {
                    asked += 1;
                    word.len()
                })
            })
        };
        assert_eq!(ask(1, "会见"), 6);
        assert_eq!(ask(1, "会见"), 6);
        assert_eq!(ask(1, "表示"), 6);
        assert_eq!(ask(2, "会见"), 6);
        assert_eq!(asked, 3);
    }

    #[test]
    fn a_memo_never_holds_more_than_its_bound() {
        let mut memo = Memo::default();
        for k in 0..MEMO_WORDS + 10 {
            memo.facts(1, &k.to_string(), |facts| facts.freq = Some(k));
        }
        assert!(memo.words.len() <= MEMO_WORDS);
        assert_eq!(memo.facts(1, "5", |facts| facts.freq), None);
    }

    #[test]
    fn tags_are_classed_as_the_extractor_reads_them() {
        assert_eq!(WordTag::of("nrfg"), WordTag::Name);
        assert_eq!(WordTag::of("ns"), WordTag::Place);
        assert_eq!(WordTag::of("vd"), WordTag::Verb);
        assert_eq!(WordTag::of("vn"), WordTag::Other);
        assert_eq!(WordTag::of("nt"), WordTag::Organisation);
    }
}
