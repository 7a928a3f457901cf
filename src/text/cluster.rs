//! Clusters: a character with the zero-width characters after it, the unit never split.

use unicode_width::UnicodeWidthChar;

use super::width::width;

/// A character with the zero-width characters after it: the unit that is never split.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cluster<'a> {
    pub(super) text: &'a str,
    pub(super) width: usize,
    pub(super) base: char,
}

impl Cluster<'_> {
    pub(super) fn is_wide(&self) -> bool {
        self.width >= 2
    }
}

/// Split `s` into clusters; whitespace characters are always clusters of their own.
pub(super) fn clusters(s: &str) -> impl Iterator<Item = Cluster<'_>> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        let (_, base) = chars.next()?;
        let end = chars
            .find(|&(_, c)| !joins_previous(base, c))
            .map_or(rest.len(), |(index, _)| index);
        let (text, tail) = rest.split_at(end);
        rest = tail;
        Some(Cluster {
            text,
            width: width(text),
            base,
        })
    })
}

fn joins_previous(base: char, c: char) -> bool {
    !base.is_whitespace() && !c.is_whitespace() && c.width() == Some(0)
}
