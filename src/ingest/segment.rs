//! The page model's plan → article drafts: body lines with their breaks, headline blocks,
//! signatures, column labels and the page header in force, plus the page furniture that no
//! article takes, so that every character of the page is accounted for.
//!
//! Which pieces are body and which headline, and where stories start, is decided in
//! [`page_model`](super::page_model); this module only assembles what it decided. Column
//! labels (`政 务 简 报`, or a short unspaced label set aside by the model) name the run of
//! briefs just before them, or else the briefs after them.

use std::sync::Arc;

use super::chars::strip_spaces;
use super::header::{HeaderPart, merge};
use super::lines::{Line, Marker};
use super::page_model::{self, Doubts, Plan};
use super::pieces::{FurnitureKind, Layout, label_like, layout};
use super::reflow::BodyLine;
use crate::model::PageHeader;

/// One article before its text is interpreted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// What opened the article, if anything did.
    pub marker: Option<Marker>,
    /// Body lines with blank lines kept as breaks.
    pub body: Vec<BodyLine>,
    /// Headline blocks, in print order.
    pub headline: Vec<Vec<String>>,
    /// Commentary signature (`□高 亢`).
    pub signature: Option<String>,
    /// Column label the item sits under.
    pub column: Option<String>,
    /// Page header in force.
    pub page: Option<Arc<PageHeader>>,
    /// Where the page model was unsure.
    pub doubts: Doubts,
    /// Display width of each text line of `body`, in order.
    text_widths: Vec<usize>,
}

impl Draft {
    /// Display width of each text line of the body, in order.
    pub fn text_widths(&self) -> &[usize] {
        &self.text_widths
    }

    fn is_brief(&self) -> bool {
        self.marker == Some(Marker::Bullet)
    }

    fn push_line(&mut self, line: String, width: u16) {
        self.text_widths.push(usize::from(width));
        self.body.push(BodyLine::Text(line));
    }
}

/// What a line of page furniture is, once the page is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FurnitureRole {
    /// Masthead, page line or staff line.
    Header,
    /// A column label.
    Label,
    /// Decoration, or a headline-shaped line that belongs to no story (a banner).
    Junk,
    /// A signature that closes no story.
    Signature,
}

/// A page cut into drafts, with what no draft took.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Segmented {
    /// The article drafts in body order.
    pub drafts: Vec<Draft>,
    /// Furniture lines with their roles, in page order.
    pub furniture: Vec<(FurnitureRole, String)>,
}

/// Cut a page's classified lines into article drafts.
pub fn segment(lines: Vec<Line>) -> Vec<Draft> {
    segment_page(lines).drafts
}

/// Cut a page's classified lines into article drafts and leftover furniture.
pub fn segment_page(lines: Vec<Line>) -> Segmented {
    let layout = layout(lines);
    let plan = page_model::plan(&layout);
    assemble(layout, &plan)
}

/// Something that happens at a position of the page, for labels and page headers.
enum Event {
    Header(HeaderPart),
    Label(String),
    Story(usize),
}

fn assemble(mut layout: Layout, plan: &Plan) -> Segmented {
    let pieces = &mut layout.pieces;
    let mut out = Segmented::default();
    let mut drafts: Vec<Draft> = Vec::with_capacity(plan.stories.len());
    let mut used_signatures: Vec<usize> = Vec::new();
    for story in &plan.stories {
        let mut draft = Draft {
            marker: story.body.first().and_then(|&i| pieces[i].marker),
            doubts: story.doubts,
            ..Draft::default()
        };
        for (k, &i) in story.body.iter().enumerate() {
            let piece = &mut pieces[i];
            let after_gap =
                piece.gap.blanks > 0 || piece.gap.furniture || piece.gap.signature.is_some();
            let set_apart = k > 0 && story.body[k - 1] + 1 != i;
            if k > 0 && (after_gap || set_apart) {
                draft.body.push(BodyLine::Break);
            }
            let lines = std::mem::take(&mut piece.lines);
            for (line, &width) in lines.into_iter().zip(&piece.widths) {
                draft.push_line(line, width);
            }
        }
        if let Some((first, last)) = story.headline {
            for i in first..=last {
                let continues_vertical = i > first && pieces[i].vertical && pieces[i - 1].vertical;
                match draft.headline.last_mut() {
                    // The columns of a vertical headline are one line of it.
                    Some(block) if continues_vertical => {
                        if let Some(line) = block.last_mut() {
                            line.push_str(&pieces[i].lines.concat());
                        }
                    }
                    _ => draft.headline.push(std::mem::take(&mut pieces[i].lines)),
                }
            }
        }
        if let Some(at) = story.signature_at {
            let signature = pieces
                .get(at)
                .map_or(&layout.end_gap, |p| &p.gap)
                .signature
                .clone();
            if signature.is_some() {
                used_signatures.push(at);
            }
            draft.signature = signature;
        }
        drafts.push(draft);
    }

    // Page order of headers, labels and stories.
    let mut events: Vec<(usize, u8, Event)> = Vec::new();
    let mut signature_seen: Vec<usize> = Vec::new();
    for f in &layout.furniture {
        match &f.kind {
            FurnitureKind::Header(part) => {
                events.push((f.before, 0, Event::Header(part.clone())));
                out.furniture
                    .push((FurnitureRole::Header, f.text.to_string()));
            }
            FurnitureKind::Label => {
                events.push((f.before, 0, Event::Label(strip_spaces(&f.text))));
                out.furniture
                    .push((FurnitureRole::Label, f.text.to_string()));
            }
            FurnitureKind::Junk => out
                .furniture
                .push((FurnitureRole::Junk, f.text.to_string())),
            FurnitureKind::Signature => {
                let taken =
                    used_signatures.contains(&f.before) && !signature_seen.contains(&f.before);
                signature_seen.push(f.before);
                if !taken {
                    out.furniture
                        .push((FurnitureRole::Signature, f.text.to_string()));
                }
            }
        }
    }
    for &i in &plan.orphans {
        let text = pieces[i].lines.join("\n");
        let label_like = pieces[i].lines.len() == 1
            && label_like(&pieces[i].lines[0])
            && next_to_brief(plan, &drafts, i);
        if label_like {
            events.push((i, 0, Event::Label(strip_spaces(&text))));
            out.furniture.push((FurnitureRole::Label, text));
        } else {
            out.furniture.push((FurnitureRole::Junk, text));
        }
    }
    for (k, story) in plan.stories.iter().enumerate() {
        let at = story.body.first().copied().unwrap_or(0);
        events.push((at, 1, Event::Story(k)));
    }
    events.sort_by_key(|(at, order, _)| (*at, *order));

    let mut header = PageHeader::default();
    let mut page: Option<Arc<PageHeader>> = None;
    let mut pending_label: Option<String> = None;
    let mut last_story: Option<usize> = None;
    for (_, _, event) in events {
        match event {
            Event::Header(part) => {
                let restarts = match &part {
                    HeaderPart::Masthead(_) => header.paper.is_some(),
                    HeaderPart::PageLine { .. } => header.page_no.is_some(),
                    HeaderPart::Staff { .. } => !header.staff.is_empty(),
                };
                if restarts {
                    header = PageHeader::default();
                }
                merge(&mut header, part);
                page = Some(Arc::new(header.clone()));
            }
            Event::Label(label) => {
                let before_is_unlabelled_brief = last_story
                    .and_then(|k| drafts.get(k))
                    .is_some_and(|d| d.is_brief() && d.column.is_none());
                if before_is_unlabelled_brief {
                    for draft in drafts[..=last_story.unwrap_or(0)].iter_mut().rev() {
                        if !draft.is_brief() || draft.column.is_some() {
                            break;
                        }
                        draft.column = Some(label.clone());
                    }
                    pending_label = None;
                } else {
                    pending_label = Some(label);
                }
            }
            Event::Story(k) => {
                if let Some(draft) = drafts.get_mut(k) {
                    draft.page.clone_from(&page);
                    if draft.is_brief() {
                        draft.column.clone_from(&pending_label);
                    } else {
                        pending_label = None;
                    }
                }
                last_story = Some(k);
            }
        }
    }
    out.drafts = drafts;
    out
}

/// Whether the story just before or just after piece `i` is a brief.
fn next_to_brief(plan: &Plan, drafts: &[Draft], i: usize) -> bool {
    let before = plan
        .stories
        .iter()
        .rposition(|s| s.body.first().is_some_and(|&b| b < i));
    let after = plan
        .stories
        .iter()
        .position(|s| s.body.first().is_some_and(|&b| b > i));
    [before, after]
        .into_iter()
        .flatten()
        .any(|k| drafts.get(k).is_some_and(Draft::is_brief))
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn drafts(text: &str) -> Vec<Draft> {
        segment(split_lines(text))
    }

    fn body_text(d: &Draft) -> String {
        d.body
            .iter()
            .filter_map(|l| match l {
                BodyLine::Text(t) => Some(t.as_str()),
                BodyLine::Break => None,
            })
            .collect()
    }

    #[test]
    fn headline_after_body_belongs_to_it() {
        let d = drafts(
            "本报讯 3月27日，某区召开会议，研究部\n署工作。\n\n某区召开工作会\n本报讯（记者张三） 近日，\n\n另一篇报道的正文。\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].headline, vec![vec!["某区召开工作会".to_owned()]]);
        assert!(d[1].headline.is_empty());
        assert!(body_text(&d[1]).contains("另一篇报道的正文。"));
    }

    #[test]
    fn headline_with_a_comma_before_the_next_dateline() {
        let d = drafts("本报讯 某县召开会议。\n\n稳就业，促发展\n本报讯 另一篇正文。\n");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].headline, vec![vec!["稳就业，促发展".to_owned()]]);
    }

    #[test]
    fn short_first_paragraph_with_commas_is_not_a_headline() {
        let d =
            drafts("本报讯 某县召开会议。\n\n会议强调，要压实责任，确保\n\n各项工作落到实处。\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].headline.is_empty());
    }

    #[test]
    fn dateless_story_after_a_headline_is_not_its_kicker() {
        let d = drafts(
            "本报讯 前文结束。\n\n某县召开会议\n\n连日来，解放区民生街道坚持一手抓防疫\n工作，确保有序开展。\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].headline, vec![vec!["某县召开会议".to_owned()]]);
    }

    #[test]
    fn full_width_lines_cut_by_a_column_break_are_body() {
        let d = drafts(
            "本报讯 3月2日，某县召开会\n议，研究部署各项重点工作任\n务，推动工作落实见到成效。\n\n会议传达学习了习近平总书记\n在主持中央政治局第三次集体\n\n学习时的重要讲话精神。\n\n某县召开会议\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].headline, vec![vec!["某县召开会议".to_owned()]]);
    }

    #[test]
    fn column_break_is_not_a_headline() {
        let d = drafts("本报讯 会议强调，要高标准、\n\n严要求打造工作亮点\n\n要正确分析形势。\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].headline.is_empty());
    }

    #[test]
    fn story_without_headline_stays_untitled() {
        let d = drafts(
            "本报讯 第一篇正文。\n（张三 李四）\n 本报讯 第二篇正文，\n继续。\n\n第二篇标题\n",
        );
        assert_eq!(d.len(), 2);
        assert!(d[0].headline.is_empty());
        assert_eq!(d[1].headline, vec![vec!["第二篇标题".to_owned()]]);
    }

    #[test]
    fn briefs_take_the_label_printed_after_them() {
        let d = drafts(
            "●第一条简讯。 （甲乙）\n\n●第二条简讯，\n\n继续。\n（丙丁）\n\n政 务 简 报\n 本报讯 正文。\n",
        );
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].column.as_deref(), Some("政务简报"));
        assert_eq!(d[1].column.as_deref(), Some("政务简报"));
        assert_eq!(d[2].column, None);
        assert_eq!(d[2].marker, Some(Marker::Dateline));
    }

    #[test]
    fn caption_after_a_headline_is_a_new_article() {
        let d = drafts(
            "本报讯 正文结束。\n\n活动再掀高潮\n\n3月5日上午，志愿者开展活动，放飞梦想。 朱 瑜 摄\n\n3月3日上午，女职工参观学习。马 肖 摄\n",
        );
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].headline.len(), 1);
        assert!(body_text(&d[1]).ends_with("朱 瑜 摄"));
        assert!(body_text(&d[2]).starts_with("3月3日"));
    }

    #[test]
    fn photo_credit_block_closes_the_caption() {
        let d = drafts(
            "⬅3 月 6 日，工人在安装装\n载机部件。\n\n本报记者 刘金\n元 摄\n\n➡3 月 3 日，工人在生产。\n",
        );
        assert_eq!(d.len(), 2);
        assert!(body_text(&d[0]).ends_with("元 摄"));
    }

    #[test]
    fn commentary_signature_after_its_headline() {
        let d = drafts(
            "⬅图片说明。\n\n本报记者 张三 摄\n\n从学习到实践，善于学习之人，\n发光发热！\n\n立足岗位 学以致用\n□高 亢\n\n工工业业\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].signature.as_deref(), Some("□高 亢"));
        assert_eq!(d[1].headline, vec![vec!["立足岗位 学以致用".to_owned()]]);
    }

    #[test]
    fn page_header_mid_file_applies_to_what_follows() {
        let d = drafts(
            "本报讯 前一篇。\n\nJIAOZUO DAILY\nA08│孟州新闻2023年3月7日 星期二\n\n●简讯。 （甲乙）\n",
        );
        assert_eq!(d.len(), 2);
        assert!(d[0].page.is_none());
        assert_eq!(
            d[1].page.as_ref().and_then(|p| p.date.as_deref()),
            Some("2023-03-07")
        );
    }

    #[test]
    fn banner_lines_before_the_first_article_are_dropped() {
        let d = drafts(" 示范区强音\n\n一周动态\n\n本报讯（记者甲乙） 正文。\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].marker, Some(Marker::Dateline));
    }
}
