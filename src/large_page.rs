//! Parsing a very large page in pieces, so that memory stays a small multiple of its size.
//!
//! The parser keeps a few hundred bytes of working state per line of a page (the line, its
//! kind, its place in the page model) on top of the text, which is nothing for a real page
//! of some tens of kilobytes but would be gigabytes for a hostile file of hundreds of
//! megabytes. A page larger than [`PIECE_BYTES`] is therefore cut after blank lines (else
//! after a line end, else between characters) into pieces of about that size, parsed one
//! after the other, and its articles numbered on across the pieces, so ids stay unique. A
//! story that runs over a cut becomes two; no real page is anywhere near that size.

use crate::ingest::parse_page;
use crate::model::Article;

/// Pages up to this size are parsed whole; larger ones in pieces of about this size.
pub const PIECE_BYTES: usize = 2 << 20;

/// The articles of page `text` from `source`, parsed in pieces when it is very large.
pub fn parse_page_bounded(source: &str, text: &str) -> Vec<Article> {
    if text.len() <= PIECE_BYTES {
        return parse_page(source, text);
    }
    let mut articles = Vec::new();
    let mut carried_page = None;
    for piece in cut(text, PIECE_BYTES) {
        for mut article in parse_page(source, piece) {
            // A piece without a masthead of its own is still under the last one seen.
            if article.page.is_none() {
                article.page.clone_from(&carried_page);
            } else {
                carried_page.clone_from(&article.page);
            }
            article.ordinal = u32::try_from(articles.len()).unwrap_or(u32::MAX);
            articles.push(article);
        }
    }
    articles.shrink_to_fit();
    articles
}

/// `text` cut into consecutive pieces of about `size` bytes (at least one byte each), each
/// ending after a blank line where there is one in its second half, else after a line end,
/// else at a character boundary.
pub fn cut(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let size = size.max(8);
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = if rest.len() <= size {
            rest.len()
        } else {
            cut_point(rest, size)
        };
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// Where to end a piece of `text` (longer than `size`): a byte offset in `1..=size`.
fn cut_point(text: &str, size: usize) -> usize {
    let window = text.as_bytes().get(..size).unwrap_or(text.as_bytes());
    let half = size / 2;
    let after_blank_line = memchr::memmem::rfind(window, b"\n\n").map(|at| at + 2);
    let after_line_end = memchr::memrchr(b'\n', window).map(|at| at + 1);
    if let Some(end) = after_blank_line.filter(|&e| e > half) {
        return end;
    }
    if let Some(end) = after_line_end.filter(|&e| e > half) {
        return end;
    }
    (1..=size)
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text_and_end_after_blank_lines() {
        let text = "甲乙丙\n\n丁戊\n己庚辛壬\n\n癸".repeat(50);
        let pieces: Vec<&str> = cut(&text, 64).collect();
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| !p.is_empty() && p.len() <= 64));
        for p in &pieces[..pieces.len() - 1] {
            assert!(p.ends_with("\n\n"), "{p:?}");
        }
    }

    #[test]
    fn one_endless_line_is_cut_between_characters() {
        let text = "全县粮食总产达到".repeat(100);
        let pieces: Vec<&str> = cut(&text, 50).collect();
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| !p.is_empty() && p.len() <= 50));
    }

    #[test]
    fn one_endless_line_of_a_large_page_is_parsed() {
        // Lines far wider than any column: display widths saturate, and nothing overflows.
        let line = crate::sample::SAMPLE_PAGES[1].text.replace('\n', "");
        let text = line.repeat(PIECE_BYTES / line.len() + 2);
        let articles = parse_page_bounded("p.txt", &text);
        assert!(!articles.is_empty());
    }

    #[test]
    fn a_large_page_gives_the_articles_of_its_parts_numbered_on() {
        let page = crate::sample::SAMPLE_PAGES[1].text;
        let one = parse_page("p.txt", page);
        let copies = PIECE_BYTES / page.len() + 2;
        let mut text = String::new();
        for _ in 0..copies {
            text.push_str(page);
            text.push_str("\n\n");
        }
        let all = parse_page_bounded("p.txt", &text);
        for (i, a) in all.iter().enumerate() {
            assert_eq!(a.ordinal as usize, i);
        }
        // Only stories that run over a cut can differ: nearly all titles are there.
        let titles = |v: &[Article]| {
            v.iter()
                .filter_map(|a| a.title().map(str::to_owned))
                .count()
        };
        assert!(
            titles(&all) + 4 >= titles(&one) * copies,
            "{} vs {}",
            titles(&all),
            titles(&one)
        );
    }
}
