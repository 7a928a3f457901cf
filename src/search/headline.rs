//! The headline an article is listed and searched by: its title, or its first clause.

use std::borrow::Cow;

use crate::model::Article;

/// Shortest stand-in headline before a clause break ends it, in characters.
pub(in crate::search) const FIRST_CLAUSE_MIN: usize = 8;
/// Longest first clause shown in place of a missing title, in characters.
pub(in crate::search) const FIRST_CLAUSE_MAX: usize = 40;

/// The headline of an article and whether it is a stand-in (first clause of an untitled body).
pub fn headline(a: &Article) -> (Cow<'_, str>, bool) {
    if let Some(t) = a.title().filter(|t| !t.trim().is_empty()) {
        return (Cow::Borrowed(t), false);
    }
    let body = a
        .paragraphs()
        .map(|p| p.trim())
        .find(|p| !p.is_empty())
        .unwrap_or("");
    // A leading dateline clause (`3月6日，`) says little: keep adding clauses until the
    // stand-in has some substance.
    let mut end = 0;
    for (len, (at, c)) in body.char_indices().take(FIRST_CLAUSE_MAX).enumerate() {
        if "，。；！？,;!?".contains(c) && (len >= FIRST_CLAUSE_MIN || c == '。') {
            break;
        }
        end = at + c.len_utf8();
    }
    (Cow::Borrowed(body.get(..end).unwrap_or(body)), true)
}
