//! An article laid out as display lines for the reader pane, at a given width.
//!
//! The reader never lets ratatui wrap text: Chinese needs breaks between characters and the
//! line-start/line-end rules, and a line wider than its area must never reach the buffer. So
//! the article is pre-wrapped here with [`crate::text`] (paragraphs with a first-line indent of
//! two characters, 首行缩进), and each line carries semantic tones that the view maps to
//! styles. Person names are marked on the paragraph before wrapping and the marks follow the characters into the
//! wrapped lines, so a name split across two lines stays highlighted on both.

use crate::model::{Article, Kind};
use crate::search::headline;
use crate::store::{ArticleId, DateKey, Store};
use crate::text;

/// Semantic style of a piece of reader text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// 引题 above the title.
    Kicker,
    /// The headline.
    Title,
    /// A stand-in for a missing headline.
    Untitled,
    /// 副题 below the title.
    Subtitle,
    /// Date, region, page and bylines.
    Meta,
    /// The people line.
    People,
    /// Body text.
    Body,
    /// A person's name.
    Name,
    /// Why the body cannot be shown.
    Problem,
    /// Where the filter's words are ([`super::found`]).
    Match,
}

/// A run of text with one tone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The text (never wider than the line it is on).
    pub text: String,
    /// How it should look.
    pub tone: Tone,
}

/// One display line of the reader.
pub type DocLine = Vec<Run>;

/// Columns of the first-line indent of a paragraph: two Chinese characters (首行缩进).
pub const INDENT: usize = 4;

/// Lays out article `id` for a text area `width` columns wide.
pub fn build(store: &Store, id: ArticleId, width: usize) -> Vec<DocLine> {
    let Some(a) = store.get(id) else {
        return Vec::new();
    };
    let names: Vec<&str> = store
        .people_of_article(id)
        .iter()
        .map(|&p| store.person_name(p))
        .collect();
    let mut out: Vec<DocLine> = Vec::new();
    let plain = |out: &mut Vec<DocLine>, s: &str, tone: Tone| {
        for line in text::wrap(s, width) {
            out.push(vec![Run { text: line, tone }]);
        }
    };
    if let Some(k) = a.kicker() {
        plain(&mut out, k, Tone::Kicker);
    }
    match a.title() {
        Some(t) => plain(&mut out, t, Tone::Title),
        None => plain(&mut out, &untitled_label(a), Tone::Untitled),
    }
    if let Some(s) = a.subtitle() {
        plain(&mut out, &format!("——{s}"), Tone::Subtitle);
    }
    out.push(Vec::new());
    for line in fields(&meta_fields(a, store.date_key(id)), width) {
        out.push(vec![Run {
            text: line,
            tone: Tone::Meta,
        }]);
    }
    let people = people_line(store, id);
    if !people.is_empty() {
        marked(&mut out, &people, 0, width, &names, Tone::People);
    }
    out.push(Vec::new());
    // The one read from disk of a layout: a body left in the cache is read here, once.
    match a.load_paragraphs() {
        Ok(paragraphs) => {
            for p in paragraphs {
                marked(&mut out, p.trim(), INDENT, width, &names, Tone::Body);
            }
        }
        Err(super::loader::LOADING_BODY) => {
            plain(
                &mut out,
                "正文载入中 · the body is shown when loading ends",
                Tone::Meta,
            );
        }
        Err(error) => plain(
            &mut out,
            &format!("正文无法读取 · body unavailable: {error}"),
            Tone::Problem,
        ),
    }
    out
}

/// What to show in place of a missing headline: the column or kind, then the first clause.
fn untitled_label(a: &Article) -> String {
    let kind = match a.kind {
        Kind::Photo => "图片",
        Kind::Brief => "简讯",
        Kind::Commentary => "评论",
        Kind::News => "无标题",
    };
    let label = a.column().unwrap_or(kind);
    format!("〔{label}〕{}", headline(a).0)
}

/// The kind of an article as a Chinese label (消息, 图片, 简讯, 评论).
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::News => "消息",
        Kind::Photo => "图片",
        Kind::Brief => "简讯",
        Kind::Commentary => "评论",
    }
}

/// `parts` joined by ` · ` into lines of at most `width` columns, broken only between parts
/// (a part wider than a line is wrapped on its own).
fn fields(parts: &[String], width: usize) -> Vec<String> {
    const SEP: &str = " · ";
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        let joined = text::width(&line) + text::width(SEP) + text::width(part);
        if !line.is_empty() && joined <= width {
            line.push_str(SEP);
            line.push_str(part);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut wrapped = text::wrap(part, width);
        line = wrapped.pop().unwrap_or_default();
        lines.extend(wrapped);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Date (with the year when known, from the article or its page header), region, page,
/// kind, reporters, correspondents, credits and the page model's doubts (`存疑? 标题归属、分篇`:
/// headline attribution, article boundary), as the fields of the meta line.
fn meta_fields(a: &Article, date: DateKey) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    if date.0 != 0 {
        parts.push(date.label());
    } else if let Some(d) = a.date() {
        parts.push(d.to_owned());
    }
    if let Some(r) = a.region() {
        parts.push(r.to_owned());
    }
    if let Some(page) = a.page.as_deref() {
        let p: Vec<&str> = [page.page_no.as_deref(), page.section.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !p.is_empty() {
            parts.push(p.join(" "));
        }
    }
    parts.push(kind_label(a.kind).to_owned());
    for (label, names) in [
        ("记者", a.reporters()),
        ("通讯员", a.correspondents()),
        (
            if a.kind == Kind::Photo {
                "摄"
            } else {
                "署名"
            },
            a.credits(),
        ),
    ] {
        if names.len() > 0 {
            parts.push(format!("{label} {}", names.collect::<Vec<_>>().join("、")));
        }
    }
    let doubts: Vec<&str> = a
        .doubts
        .names()
        .into_iter()
        .map(|d| match d {
            "headline" => "标题归属",
            _ => "分篇",
        })
        .collect();
    if !doubts.is_empty() {
        parts.push(format!("存疑? {}", doubts.join("、")));
    }
    parts
}

/// `人物：name（role）、name…` for the people named in the article.
fn people_line(store: &Store, id: ArticleId) -> String {
    let Some(a) = store.get(id) else {
        return String::new();
    };
    let names: Vec<String> = a
        .persons()
        .map(|p| match p.role {
            Some(r) if !r.is_empty() => format!("{}（{r}）", p.name),
            _ => p.name.to_owned(),
        })
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!("人物：{}", names.join("、"))
}

/// Per-character marks of where `names` occur in `s`.
fn name_marks(s: &str, names: &[&str]) -> Vec<bool> {
    let starts: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
    let mut marks = vec![false; starts.len()];
    for name in names.iter().filter(|n| !n.is_empty()) {
        let len = name.chars().count();
        for (byte, _) in s.match_indices(name) {
            if let Ok(first) = starts.binary_search(&byte) {
                for m in marks.iter_mut().skip(first).take(len) {
                    *m = true;
                }
            }
        }
    }
    marks
}

/// Wraps `s` and splits each line into runs of `tone` and [`Tone::Name`].
fn marked(
    out: &mut Vec<DocLine>,
    s: &str,
    indent: usize,
    width: usize,
    names: &[&str],
    tone: Tone,
) {
    let chars: Vec<char> = s.chars().collect();
    let marks = name_marks(s, names);
    let mut cursor = 0;
    for (n, line) in text::wrap_indented(s, width, indent)
        .into_iter()
        .enumerate()
    {
        let mut runs: DocLine = Vec::new();
        let mut push = |c: char, t: Tone| match runs.last_mut() {
            Some(last) if last.tone == t => last.text.push(c),
            _ => runs.push(Run {
                text: c.to_string(),
                tone: t,
            }),
        };
        let mut body = line.as_str();
        if n == 0 && indent > 0 {
            let trimmed = body.trim_start_matches(' ');
            for _ in 0..(body.len() - trimmed.len()) {
                push(' ', tone);
            }
            body = trimmed;
        }
        for c in body.chars() {
            let mut found = None;
            let mut k = cursor;
            while let Some(&pc) = chars.get(k) {
                if pc == c {
                    found = Some(k);
                    break;
                }
                k += 1;
            }
            let t = match found {
                Some(k) => {
                    cursor = k + 1;
                    if marks.get(k).copied().unwrap_or(false) {
                        Tone::Name
                    } else {
                        tone
                    }
                }
                None => tone,
            };
            push(c, t);
        }
        out.push(runs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonMention;
    use crate::search::Catalog;

    fn store() -> Store {
        let mut a = Article::new("t.txt", 0, Kind::News);
        a.set_title(Some("孟州市召开专题会议"));
        a.set_date(Some("03-26"));
        a.set_reporters(&["原文钊"]);
        a.set_persons(&[PersonMention {
            name: "吕沛".into(),
            role: Some("市长".into()),
        }]);
        a.set_paragraphs(&["3月26日，市长吕沛主持召开会议。吕沛强调要抓好落实。"]);
        let mut b = Article::new("t.txt", 1, Kind::Photo);
        b.set_paragraphs(&["为进一步增强应急处置能力，消防大队开展演练。"]);
        b.set_credits(&["廉玮"]);
        Store::from_articles(vec![a, b])
    }

    fn lines(doc: &[DocLine]) -> Vec<String> {
        doc.iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect())
            .collect()
    }

    /// The texts of the runs drawn in `tone`, in order.
    fn toned(doc: &[DocLine], tone: Tone) -> Vec<&str> {
        doc.iter()
            .flatten()
            .filter(|r| r.tone == tone)
            .map(|r| r.text.as_str())
            .collect()
    }

    #[test]
    fn paragraphs_are_indented_and_never_too_wide() {
        let s = store();
        let doc = build(&s, ArticleId(0), 20);
        for l in lines(&doc) {
            assert!(text::width(&l) <= 20, "{l}");
        }
        let body: Vec<String> = lines(&doc)
            .into_iter()
            .filter(|l| l.starts_with("    3"))
            .collect();
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn names_are_marked_in_the_body_even_across_lines() {
        let s = store();
        let doc = build(&s, ArticleId(0), 16);
        let names = toned(&doc, Tone::Name);
        assert!(
            names
                .iter()
                .filter(|n| n.contains('吕') || n.contains('沛'))
                .count()
                >= 3,
            "{names:?}"
        );
        let joined: String = names.concat();
        assert_eq!(joined.matches('吕').count(), joined.matches('沛').count());
    }

    #[test]
    fn meta_and_people_lines() {
        let s = store();
        let l = lines(&build(&s, ArticleId(0), 60));
        assert!(
            l.contains(&"03-26 · 消息 · 记者 原文钊".to_owned()),
            "{l:?}"
        );
        assert!(l.contains(&"人物：吕沛（市长）".to_owned()), "{l:?}");
    }

    #[test]
    fn the_page_models_doubts_are_said_in_the_meta_line() {
        let mut a = Article::new("t.txt", 0, Kind::News);
        a.set_title(Some("某县召开会议"));
        a.set_paragraphs(&["某县召开会议。"]);
        a.doubts.headline = true;
        a.doubts.boundary = true;
        let s = Catalog::build(vec![a]);
        let l = lines(&build(&s, ArticleId(0), 60));
        assert!(
            l.contains(&"消息 · 存疑? 标题归属、分篇".to_owned()),
            "{l:?}"
        );
        let plain = store();
        let l = lines(&build(&plain, ArticleId(0), 60));
        assert!(l.iter().all(|line| !line.contains("存疑")), "{l:?}");
    }

    #[test]
    fn untitled_items_get_a_marked_stand_in() {
        let s = store();
        let doc = build(&s, ArticleId(1), 60);
        assert_eq!(doc[0][0].tone, Tone::Untitled);
        assert_eq!(doc[0][0].text, "〔图片〕为进一步增强应急处置能力");
        assert!(lines(&doc).iter().any(|l| l.contains("摄 廉玮")));
    }

    #[test]
    fn the_meta_line_breaks_between_fields_never_inside_a_name() {
        let parts: Vec<String> = ["03-27", "山阳区", "消息", "记者 原文钊", "通讯员 王欢"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(
            fields(&parts, 40),
            vec!["03-27 · 山阳区 · 消息 · 记者 原文钊", "通讯员 王欢"]
        );
        assert_eq!(fields(&parts, 8)[0], "03-27");
        assert!(fields(&parts, 6).iter().all(|l| text::width(l) <= 6));
    }

    #[test]
    fn the_header_year_is_shown_and_indents_are_two_characters() {
        let mut a = Article::new("t.txt", 0, Kind::News);
        a.set_title(Some("某县召开会议"));
        a.set_date(Some("03-26"));
        a.set_paragraphs(&["某县召开会议。"]);
        a.page = Some(std::sync::Arc::new(crate::model::PageHeader {
            date: Some("2021-03-26".into()),
            ..Default::default()
        }));
        let s = Catalog::build(vec![a]);
        let l = lines(&build(&s, ArticleId(0), 60));
        assert!(l.contains(&"2021-03-26 · 消息".to_owned()), "{l:?}");
        assert!(l.contains(&"    某县召开会议。".to_owned()), "{l:?}");
    }

    #[test]
    fn zero_width_gives_no_text() {
        let s = store();
        assert!(build(&s, ArticleId(0), 0).iter().all(|l| l.is_empty()));
    }

    /// A cache whose bodies can no longer be read.
    struct LostBodies;

    impl crate::model::BodyReader for LostBodies {
        fn read_body(
            &self,
            _: &crate::model::BodyAt,
            _: u32,
        ) -> Result<crate::model::PackedBody, String> {
            Err("cache file damaged".into())
        }
    }

    #[test]
    fn an_unreadable_body_is_said_in_the_reader() {
        let s = store();
        let a = s.get(ArticleId(0)).expect("article");
        let (text, ends, counts) = a.packed_head();
        let at = crate::model::BodyAt {
            offset: 0,
            len: 0,
            crc: 0,
        };
        let lost = Article::from_packed(
            a.source.clone(),
            0,
            Kind::News,
            None,
            (text.into(), ends.into(), counts),
            Some((std::sync::Arc::new(LostBodies), at)),
        )
        .expect("consistent head");
        let s = Catalog::build(vec![lost]);
        let doc = build(&s, ArticleId(0), 30);
        let l = lines(&doc);
        assert_eq!(l[0], "孟州市召开专题会议");
        let problem = toned(&doc, Tone::Problem).join(" ");
        assert!(problem.contains("cache file damaged"), "{l:?}");
        assert!(doc.iter().flatten().all(|r| r.tone != Tone::Body));
        for line in &l {
            assert!(text::width(line) <= 30, "{line}");
        }
    }
}
