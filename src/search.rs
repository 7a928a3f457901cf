//! Query parsing and matching: fuzzy, pinyin-aware, parallel, cancellable.
//!
//! The search has to answer on every keystroke over up to a million articles, so it is built
//! around keys computed once when the store is built ([`SearchIndex`]): for every headline (or
//! the stand-in first clause of an untitled item) and every person, the text, its full pinyin
//! without tones (ü written `v`, plus a `u` spelling when the text has a ü) and its initials,
//! each kind in its own contiguous arena, and two masks per entry: a bloom of the text's
//! characters and the exact set of letters and digits of its keys. A search never allocates
//! per article.
//!
//! A query word is matched against an article in steps of increasing cost:
//!
//! 1. the masks reject most articles with a few bit operations, reading only a flat array;
//! 2. the text (or key) is searched for the word's first and last characters — a
//!    full-pinyin key must contain an ASCII word as one run (`str::contains`);
//! 3. the survivors are scored by the `skim` submodule, which computes exactly the score of
//!    `fuzzy-matcher`'s `SkimMatcherV2` (case-insensitive) but without allocating, on the
//!    window of text between those two characters, with a closed form for one-character
//!    words. Keeping the same scores keeps the ranking users know; a property test checks
//!    the scorer against `fuzzy-matcher` and another test checks the whole search against a
//!    plain scan that calls `fuzzy-matcher` for every field of every article.
//!    `fuzzy-matcher` itself computes the highlight positions of the rows on screen
//!    ([`headline_positions`]) and backs [`fuzzy`].
//!
//! A word of one Chinese character (the first keystroke of most searches) skips those steps
//! for headlines and names: its encoding is found by one pass over a chunk's texts, which lie
//! back to back in their arena, and each occurrence is scored from the character before it.
//! A word of one letter (the first keystroke of a pinyin abbreviation) matches most articles
//! through their people; two masks per article say what its people's keys hold and start with,
//! which is all that such a word's score depends on.
//!
//! People are scored once per word over the interned names and reach their articles through
//! their appearances; the person scope needs no article scan at all. Articles are scanned on
//! rayon threads in chunks of ids, ascending, and between chunks a cancel flag is checked so
//! a newer keystroke can abandon a stale search. When the query only grows, the previous hits
//! are the candidates ([`narrows`], [`narrow`]): read in place from the runs the previous scan
//! left in id order, or held as a bitset, so the scan still runs in id order.
//! Hits carry a packed (score, date) key; the `rank` submodule ranks the best of them at once
//! and the rest only when a row past them is read: best score first, then newer, then lower id.

mod arena;
mod buffers;
mod catalog;
mod headline;
mod highlight;
mod index;
mod keys;
mod people;
mod query;
mod rank;
mod results;
mod scan;
mod skim;
mod table;
#[cfg(test)]
mod tests;
mod word;
mod worker;

pub use catalog::{Catalog, narrowable};
pub use headline::headline;
pub use highlight::{fuzzy, fuzzy_positions, positions};
pub use index::{ArticleKeys, SearchIndex};
pub use people::search_people;
pub use query::{Query, Scope, narrows};
pub use rank::TOP as RANKED_AT_ONCE;
pub use results::{Hit, PersonHit, Results};
pub use scan::{narrow, search};
pub use worker::{Answer, SearchRequest, Worker, run_request};
