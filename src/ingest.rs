//! Page text → articles: the pipeline that turns a raw page dump into clean articles.
//!
//! The stages run in order, each in its own module and each testable alone:
//! [`lines`] classifies lines and repairs glued datelines and vertical headlines,
//! [`segment`] cuts the page into article drafts and assigns headlines (printed after their
//! bodies in these dumps), [`reflow`] joins hard-wrapped lines into paragraphs, [`byline`]
//! reads datelines, credits and dates, [`headline`] splits kicker/title/subtitle and [`region`]
//! finds the county or district. Person names are filled in afterwards by [`crate::people`].

pub mod byline;
pub mod chars;
pub mod decode;
pub mod header;
pub mod headline;
pub mod lines;
pub mod overlap;
pub mod page_model;
pub mod pieces;
pub mod reflow;
pub mod region;
pub mod segment;

use std::sync::Arc;

use crate::model::{Article, ArticleText, Kind};
use byline::{
    find_date, format_date, signature_name, split_photo_credit, split_trailing_credit,
    take_dateline,
};
use lines::{ARROWS, Marker};
use reflow::{join_paragraphs, normalize_spaces};
use segment::Draft;
pub use segment::FurnitureRole;

/// How many credits can trail one article (`（孟轩）` after `廉 玮 摄` …).
const MAX_TRAILING_CREDITS: usize = 4;

/// Parse one page's text into articles; `source` names the file in every article.
///
/// Never panics, whatever the text; an empty or furniture-only page gives no articles.
pub fn parse_page(source: &str, text: &str) -> Vec<Article> {
    parse(source, text, None)
}

/// Where text of a page that is not an article's headline or body went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// An article's dateline (`本报讯（记者…）`); its names are the article's reporters.
    Dateline,
    /// An article's trailing credit (`（孟轩）`, `廉 玮 摄`); its names are the article's credits.
    Credit,
    /// A mark that opens a brief or a caption (`●`, `⬅`), or the dash of a subtitle.
    Mark,
    /// A commentary's signature (`□高 亢`).
    Signature,
    /// Page furniture: header, column label, decoration or a line that belongs to no story.
    Furniture(FurnitureRole),
}

/// A piece of a page's text kept outside any article's headline and body, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leftover {
    /// Where it went.
    pub place: Place,
    /// The text as printed.
    pub text: String,
}

/// Parse one page and account for every piece of its text: each non-space character of
/// `text` is in exactly one article's headline (kicker, title, subtitle) or body, or in one
/// of the leftovers (datelines, credits, marks, signatures, furniture).
pub fn parse_page_accounted(source: &str, text: &str) -> (Vec<Article>, Vec<Leftover>) {
    let mut leftovers = Vec::new();
    let articles = parse(source, text, Some(&mut leftovers));
    (articles, leftovers)
}

fn parse(source: &str, text: &str, mut ledger: Option<&mut Vec<Leftover>>) -> Vec<Article> {
    let source: Arc<str> = source.into();
    let page = segment::segment_page(lines::split_lines(text));
    if let Some(ledger) = ledger.as_deref_mut() {
        ledger.extend(page.furniture.into_iter().map(|(role, text)| Leftover {
            place: Place::Furniture(role),
            text,
        }));
    }
    page.drafts
        .into_iter()
        .filter_map(|draft| build_article(draft, &source, ledger.as_deref_mut()))
        .enumerate()
        .map(|(i, mut article)| {
            article.ordinal = u32::try_from(i).unwrap_or(u32::MAX);
            article
        })
        .collect()
}

/// Record a leftover when accounting.
fn record(ledger: &mut Option<&mut Vec<Leftover>>, place: Place, text: &str) {
    if let Some(ledger) = ledger.as_deref_mut()
        && !chars::trim(text).is_empty()
    {
        ledger.push(Leftover {
            place,
            text: text.to_owned(),
        });
    }
}

/// Interpret one draft: dateline, credits, paragraphs, headline, kind, date and region.
fn build_article(
    draft: Draft,
    source: &Arc<str>,
    mut ledger: Option<&mut Vec<Leftover>>,
) -> Option<Article> {
    let mut raw = join_paragraphs(&draft.body, draft.text_widths());
    if let Some(mark) = strip_opening_marks(&mut raw, draft.marker) {
        record(&mut ledger, Place::Mark, &mark);
    }
    let dateline = match raw.first() {
        Some(first) => {
            let (dateline, rest) = take_dateline(first);
            let taken = first.get(..first.len() - rest.len()).unwrap_or_default();
            record(&mut ledger, Place::Dateline, taken);
            let rest = rest.to_owned();
            raw[0] = rest;
            dateline
        }
        None => byline::Dateline::default(),
    };
    let (mut credits, photo_credited) = take_trailing_credits(&mut raw, &mut ledger);
    if let Some(signature) = draft.signature.as_deref() {
        record(&mut ledger, Place::Signature, signature);
        credits.extend(signature_name(signature));
    }
    let paragraphs: Vec<String> = raw
        .iter()
        .map(|p| normalize_spaces(p))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        // Nothing but a dateline or a credit: its headline, if any, heads nothing.
        for line in draft.headline.iter().flatten() {
            record(&mut ledger, Place::Furniture(FurnitureRole::Junk), line);
        }
        return None;
    }
    let headline = headline::resolve(&draft.headline);
    if let Some(mark) = &headline.removed {
        record(&mut ledger, Place::Mark, mark);
    }
    let kind = match draft.marker {
        Some(Marker::Bullet) => Kind::Brief,
        _ if draft.signature.is_some() => Kind::Commentary,
        Some(Marker::Dateline | Marker::Further) => Kind::News,
        Some(Marker::Arrow) => Kind::Photo,
        None if photo_credited => Kind::Photo,
        None => Kind::News,
    };
    let page_date = draft.page.as_ref().and_then(|p| p.date.as_deref());
    let date = find_date(&paragraphs).map(|d| format_date(d, page_date));
    let region = region::find_region(headline.title.as_deref(), &paragraphs[0]);

    let text = ArticleText {
        title: headline.title,
        kicker: headline.kicker,
        subtitle: headline.subtitle,
        column: draft.column,
        date,
        region,
        reporters: dateline.reporters,
        correspondents: dateline.correspondents,
        credits,
        persons: Vec::new(),
        paragraphs,
    };
    let mut article = Article::with_text(Arc::clone(source), 0, kind, draft.page, &text);
    article.doubts = draft.doubts;
    Some(article)
}

/// Remove `●` from a brief and arrows from a caption; the removed mark.
fn strip_opening_marks(raw: &mut [String], marker: Option<Marker>) -> Option<String> {
    let first = raw.first_mut()?;
    let stripped = match marker {
        Some(Marker::Bullet) => first.trim_start_matches('●'),
        Some(Marker::Arrow) => first.trim_start_matches(ARROWS),
        _ => return None,
    };
    let mark = first.get(..first.len() - stripped.len()).map(str::to_owned);
    *first = chars::trim(stripped).to_owned();
    mark
}

/// Peel credits off the end of the body, in print order; also says whether one was a
/// photographer's.
fn take_trailing_credits(
    raw: &mut Vec<String>,
    ledger: &mut Option<&mut Vec<Leftover>>,
) -> (Vec<String>, bool) {
    let mut found: Vec<Vec<String>> = Vec::new();
    let mut photo = false;
    for _ in 0..MAX_TRAILING_CREDITS {
        let Some(last) = raw.last() else { break };
        let after_sentence = raw.len() > 1;
        let peeled = if let Some((before, names)) = split_trailing_credit(last, after_sentence) {
            Some((before.to_owned(), names))
        } else if let Some((before, names)) = split_photo_credit(last) {
            photo = true;
            Some((before.to_owned(), names))
        } else {
            None
        };
        let Some((before, names)) = peeled else { break };
        if let Some(taken) = raw.last().and_then(|last| last.get(before.len()..)) {
            record(ledger, Place::Credit, taken);
        }
        found.push(names);
        if chars::trim(&before).is_empty() {
            raw.pop();
        } else if let Some(last) = raw.last_mut() {
            *last = before;
        }
    }
    found.reverse();
    (found.into_iter().flatten().collect(), photo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_story_is_parsed() {
        let page = " 本报讯 （记者原文钊 通讯员王\n欢） 3月27日，山阳区委副书记赵玉辉\n主持召开会议。\n\n会议指出，要 方 向 ， 合 理\n\n安排人员。\n\n（孟轩）\n\n山阳区召开“四城联创”工作务虚会\n";
        let articles = parse_page("p.txt", page);
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert_eq!(a.kind, Kind::News);
        assert_eq!(a.title(), Some("山阳区召开“四城联创”工作务虚会"));
        assert_eq!(a.reporters().collect::<Vec<_>>(), ["原文钊"]);
        assert_eq!(a.correspondents().collect::<Vec<_>>(), ["王欢"]);
        assert_eq!(a.credits().collect::<Vec<_>>(), ["孟轩"]);
        assert_eq!(a.date(), Some("03-27"));
        assert_eq!(a.region(), Some("山阳区"));
        assert_eq!(
            a.paragraphs().collect::<Vec<_>>(),
            [
                "3月27日，山阳区委副书记赵玉辉主持召开会议。",
                "会议指出，要方向，合理安排人员。"
            ]
        );
    }

    #[test]
    fn photo_caption_with_spaced_photographer() {
        let page = "为增强处置能力，3月26日，商务局开展演练。图为演练现场。 廉 玮 摄\n";
        let articles = parse_page("p.txt", page);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].kind, Kind::Photo);
        assert_eq!(articles[0].credits().collect::<Vec<_>>(), ["廉玮"]);
        assert_eq!(articles[0].date(), Some("03-26"));
        assert!(
            articles[0]
                .paragraphs()
                .next()
                .is_some_and(|p| p.ends_with("图为演练现场。"))
        );
    }

    #[test]
    fn brief_loses_its_bullet_and_keeps_its_credit() {
        let articles = parse_page("p.txt", "●3月1日，某镇开展活动。 （李鑫）\n\n政 务 简 报\n");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].kind, Kind::Brief);
        assert_eq!(articles[0].column(), Some("政务简报"));
        assert_eq!(articles[0].credits().collect::<Vec<_>>(), ["李鑫"]);
        assert!(
            articles[0]
                .paragraphs()
                .next()
                .is_some_and(|p| p.starts_with("3月1日"))
        );
    }

    #[test]
    fn commentary_is_signed() {
        let articles = parse_page(
            "p.txt",
            "从学习到实践，发光发热！\n\n立足岗位 学以致用\n□高 亢\n",
        );
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].kind, Kind::Commentary);
        assert_eq!(articles[0].credits().collect::<Vec<_>>(), ["高亢"]);
        assert_eq!(articles[0].title(), Some("立足岗位 学以致用"));
    }

    #[test]
    fn youxun_starts_a_further_article_under_the_first_ones_headline() {
        let articles = parse_page(
            "p.txt",
            "本报讯 3月2日，甲县开展植树活动。\n又讯 3月3日，甲县召开会议。\n\n甲县开展植树活动\n",
        );
        assert_eq!(articles.len(), 2);
        assert_eq!(
            articles[1].paragraphs().collect::<Vec<_>>(),
            ["3月3日，甲县召开会议。"]
        );
        assert_eq!(articles[0].title(), Some("甲县开展植树活动"));
        assert_eq!(articles[1].title(), None);
        assert_eq!(articles[1].kind, Kind::News);
    }

    #[test]
    fn ordinals_count_articles_of_the_file() {
        let articles = parse_page("p.txt", "本报讯 甲。\n\n标题一\n本报讯 乙。\n\n标题二\n");
        let ordinals: Vec<u32> = articles.iter().map(|a| a.ordinal).collect();
        assert_eq!(ordinals, [0, 1]);
    }

    #[test]
    fn nothing_but_furniture_gives_nothing() {
        assert!(parse_page("p.txt", "").is_empty());
        assert!(parse_page("p.txt", "JIAOZUO DAILY\n工工业业\n\n区\n").is_empty());
    }
}
