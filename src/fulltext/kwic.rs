//! Keyword in context: where a text holds a query, with some characters on each side.

use super::normalize_char;

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
        .filter(|(_, w)| *w == needle.as_slice())
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

/// True when `text` holds `query` after normalisation (the plain scan the index agrees with).
pub fn contains(text: &str, query: &str) -> bool {
    let needle: Vec<char> = query.chars().map(normalize_char).collect();
    if needle.is_empty() {
        return true;
    }
    let hay: Vec<char> = text.chars().map(normalize_char).collect();
    hay.windows(needle.len()).any(|w| w == needle.as_slice())
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
}
