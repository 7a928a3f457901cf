//! Keyword in context: where a text holds a query, with some characters on each side.

use super::{found_as_written, normalize_char};

/// One occurrence of a query in a text, with its context (parts of the original text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kwic<'t> {
    /// Character offset of the match in the text.
    pub at: usize,
    /// Up to `n` characters before the match (line breaks shown as spaces by the caller).
    pub before: &'t str,
    /// The matched text as it is written in the text.
    pub hit: &'t str,
    /// Up to `n` characters after the match.
    pub after: &'t str,
}

/// Every occurrence of `query` in `text` (compared after [`super::normalize`]), left to right,
/// overlapping ones included, with up to `n` characters of context on each side. An empty
/// query has no occurrences.
pub fn kwic<'t>(text: &'t str, query: &str, n: usize) -> Vec<Kwic<'t>> {
    let needle: Vec<char> = query.chars().map(normalize_char).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    if found_as_written(&needle) {
        kwic_as_written(text, &needle, n)
    } else {
        kwic_normalised(text, &needle, n)
    }
}

/// [`kwic`] by comparing the normalised characters of the text, window by window.
fn kwic_normalised<'t>(text: &'t str, needle: &[char], n: usize) -> Vec<Kwic<'t>> {
    // Byte offset of every character, and of the end.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let hay: Vec<char> = text.chars().map(normalize_char).collect();
    let slice = |from: usize, to: usize| {
        let a = offsets.get(from).copied().unwrap_or(text.len());
        let b = offsets.get(to).copied().unwrap_or(text.len());
        text.get(a..b).unwrap_or("")
    };
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(at, _)| {
            let end = at + needle.len();
            Kwic {
                at,
                before: slice(at.saturating_sub(n), at),
                hit: slice(at, end),
                after: slice(end, (end + n).min(hay.len())),
            }
        })
        .collect()
}

/// [`kwic`] of a query [`found_as_written`]: a byte search of the text itself, which neither
/// normalises nor indexes its characters (most texts are long, their matches few).
fn kwic_as_written<'t>(text: &'t str, needle: &[char], n: usize) -> Vec<Kwic<'t>> {
    let pattern: String = needle.iter().collect();
    let finder = memchr::memmem::Finder::new(pattern.as_bytes());
    // Overlapping matches: the search resumes one character after a match's start.
    let step = needle.first().map_or(1, |c| c.len_utf8());
    let mut found = Vec::new();
    let mut from = 0;
    // A byte offset already reached, and its character offset.
    let (mut counted, mut at) = (0, 0);
    while let Some(start) = text
        .as_bytes()
        .get(from..)
        .and_then(|rest| finder.find(rest))
        .map(|i| from + i)
    {
        let end = start + pattern.len();
        at += text.get(counted..start).map_or(0, |s| s.chars().count());
        counted = start;
        let head = text.get(..start).unwrap_or("");
        let tail = text.get(end..).unwrap_or("");
        let before_from = head
            .char_indices()
            .rev()
            .take(n)
            .last()
            .map_or(start, |(i, _)| i);
        let after_to = tail.char_indices().nth(n).map_or(tail.len(), |(i, _)| i);
        found.push(Kwic {
            at,
            before: head.get(before_from..).unwrap_or(""),
            hit: text.get(start..end).unwrap_or(""),
            after: tail.get(..after_to).unwrap_or(""),
        });
        from = start + step;
    }
    found
}

/// True when `text` holds `query` after normalisation (the plain scan the index agrees with).
pub fn contains(text: &str, query: &str) -> bool {
    Pattern::new(query).is_in(text)
}

/// A text to look for in others, prepared once for many of them ([`contains`]).
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The normalised characters.
    needle: Vec<char>,
    /// A byte search for them, when they are [`found_as_written`].
    as_written: Option<memchr::memmem::Finder<'static>>,
}

impl Pattern {
    /// The pattern of `query`.
    pub fn new(query: &str) -> Pattern {
        let needle: Vec<char> = query.chars().map(normalize_char).collect();
        let as_written = found_as_written(&needle).then(|| {
            let bytes: String = needle.iter().collect();
            memchr::memmem::Finder::new(bytes.as_bytes()).into_owned()
        });
        Pattern { needle, as_written }
    }

    /// True when `text` holds the pattern after normalisation (an empty one is everywhere).
    pub fn is_in(&self, text: &str) -> bool {
        if self.needle.is_empty() {
            return true;
        }
        if let Some(finder) = &self.as_written {
            return finder.find(text.as_bytes()).is_some();
        }
        let hay: Vec<char> = text.chars().map(normalize_char).collect();
        hay.windows(self.needle.len()).any(|w| w == self.needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kwic_gives_context_on_both_sides_cut_at_the_text_ends() {
        let found = kwic("黄河流域生态保护，黄河安澜", "黄河", 2);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].before, found[0].hit, found[0].after),
            ("", "黄河", "流域")
        );
        assert_eq!(
            (found[1].before, found[1].hit, found[1].after),
            ("护，", "黄河", "安澜")
        );
        assert_eq!(found[1].at, 9);
    }

    #[test]
    fn kwic_matches_full_width_and_case_but_shows_the_original() {
        let found = kwic("ＡＢＣ工程", "abc", 1);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].hit, "ＡＢＣ");
        assert_eq!(found[0].after, "工");
        assert!(kwic("abc", "", 3).is_empty());
        assert!(contains("ＡＢＣ", "Bc"));
        assert!(!contains("ＡＢＣ", "cb"));
    }

    #[test]
    fn kwic_finds_overlapping_matches_as_written() {
        let found = kwic("黄黄黄", "黄黄", 1);
        let at: Vec<usize> = found.iter().map(|k| k.at).collect();
        assert_eq!(at, vec![0, 1]);
        assert_eq!((found[1].before, found[1].after), ("黄", ""));
    }

    proptest::proptest! {
        /// The byte search of a query found as written gives what comparing every normalised
        /// character does, and `contains` agrees with both.
        #[test]
        fn the_byte_search_agrees_with_the_normalised_comparison(
            text in "[黄河流域ＡAaİıΣσς \u{3000}\n，]{0,24}",
            query in "[黄河流域ＡAaİıΣσς \u{3000}，]{1,3}",
            n in 0usize..4,
        ) {
            let needle: Vec<char> = query.chars().map(normalize_char).collect();
            proptest::prop_assert_eq!(kwic(&text, &query, n), kwic_normalised(&text, &needle, n));
            proptest::prop_assert_eq!(contains(&text, &query), !kwic(&text, &query, 0).is_empty());
        }
    }
}
