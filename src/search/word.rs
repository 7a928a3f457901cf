//! A query word prepared for matching: its characters, masks and pinyin form.

use super::keys::{bloom_of, letter_bit};
use super::query::Query;
use super::skim;
use super::table::key_pairs;
use std::cmp::Reverse;

/// The score of `word` in `text`.
pub(in crate::search) fn score_text(
    text: &str,
    word: &Word,
    scratch: &mut skim::Scratch,
) -> Option<i32> {
    skim::score(text, &word.chars, scratch)
}

/// One query word with what its prefilters need.
pub(in crate::search) struct Word {
    /// The normalised word.
    pub(in crate::search) text: String,
    /// Its characters, for the scorer.
    pub(in crate::search) chars: Vec<char>,
    /// ASCII words are also matched against the pinyin keys.
    pub(in crate::search) ascii: bool,
    /// Bloom mask of its characters.
    pub(in crate::search) bloom: u64,
    /// Letter bits a full pinyin key must have to contain it.
    pub(in crate::search) full_need: u64,
    /// Letter bits an initials key must have to contain it.
    pub(in crate::search) initials_need: u64,
    /// For a word of one non-ASCII character, a finder of its encoding, to find it in many
    /// texts in one pass ([`Arena::single_scores`]).
    pub(in crate::search) finder: Option<memchr::memmem::Finder<'static>>,
    /// Its pairs of adjacent letters and digits ([`PairSet`]).
    pub(in crate::search) pairs: Vec<usize>,
    /// A finder of the word as one run: for an ASCII word, which a full pinyin key must hold;
    /// for a word of several Chinese characters, to find the texts holding it as typed.
    pub(in crate::search) run: Option<memchr::memmem::Finder<'static>>,
    /// For a word of several non-ASCII characters, its score in any text that holds it as one
    /// run and gives none of its characters a bonus ([`skim::plain_run_score`]).
    pub(in crate::search) plain_run: Option<i32>,
}

impl Word {
    pub(in crate::search) fn new(text: &str) -> Word {
        let chars: Vec<char> = text.chars().collect();
        let finder = match chars[..] {
            [c] if !c.is_ascii() => {
                let mut buf = [0u8; 4];
                let needle = c.encode_utf8(&mut buf).as_bytes();
                Some(memchr::memmem::Finder::new(needle).into_owned())
            }
            _ => None,
        };
        Word {
            text: text.to_owned(),
            ascii: text.is_ascii(),
            bloom: bloom_of(text),
            full_need: chars.iter().fold(0, |m, &c| m | letter_bit(c, false)),
            initials_need: chars.iter().fold(0, |m, &c| m | letter_bit(c, true)),
            pairs: key_pairs(text.as_bytes()).collect(),
            run: (text.is_ascii() || chars.len() > 1)
                .then(|| memchr::memmem::Finder::new(text.as_bytes()).into_owned()),
            plain_run: skim::plain_run_score(&chars, &mut skim::Scratch::default()),
            chars,
            finder,
        }
    }
}

/// The words of `query`, most selective (longest) first: the order they are tested in.
pub(in crate::search) fn words_of(query: &Query) -> Vec<Word> {
    let mut words: Vec<Word> = query.words.iter().map(|w| Word::new(w)).collect();
    words.sort_by_key(|w| Reverse(w.chars.len()));
    words
}
