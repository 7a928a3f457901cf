//! Classified lines → article drafts: where each article starts and ends, and which headline
//! belongs to it.
//!
//! The layout rule of these dumps is that a headline is printed AFTER the body it belongs to,
//! and the next article starts right after that headline (with `本报讯`, a `●` brief, a photo
//! arrow, or plain caption text). So a draft collects body lines until its body is complete and
//! a block of headline-like lines follows; that block (and any kicker or vertical headline next
//! to it) becomes the draft's headline group and the next article starts after it. A body is
//! complete when its last line ends a sentence or a credit (`（孟轩）`, `廉 玮 摄`) closed it.
//! A blank line anywhere else is only a paragraph or column break. Column labels of briefs
//! (`政 务 简 报`) also follow their items and are given to the run of briefs before them.

use std::sync::Arc;

use super::byline::{split_photo_credit, split_trailing_credit};
use super::chars::{
    display_width, ends_sentence, is_body_punct, is_han, strip_spaces, visible_len,
};
use super::header::{HeaderPart, merge};
use super::lines::{Line, LineKind, Marker};
use super::reflow::{BodyLine, median};
use crate::model::PageHeader;

/// One article before its text is interpreted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// What opened the article, if anything did.
    pub marker: Option<Marker>,
    /// Body lines with blank lines kept as breaks.
    pub body: Vec<BodyLine>,
    /// Headline blocks printed after the body, in print order.
    pub headline: Vec<Vec<String>>,
    /// Commentary signature (`□高 亢`).
    pub signature: Option<String>,
    /// Column label the item sits under.
    pub column: Option<String>,
    /// Page header in force.
    pub page: Option<Arc<PageHeader>>,
    /// Whether a credit closed the body.
    closed: bool,
    /// Display width of each text line of `body`, in order, kept as lines are added.
    text_widths: Vec<usize>,
}

impl Draft {
    fn new(block: Block, column: Option<String>, page: Option<Arc<PageHeader>>) -> Self {
        let closed = block.ends_with_credit;
        Draft {
            marker: block.marker,
            text_widths: block.lines.iter().map(|l| display_width(l)).collect(),
            body: block.lines.into_iter().map(BodyLine::Text).collect(),
            column,
            page,
            closed,
            ..Draft::default()
        }
    }

    /// Display width of each text line of the body, in order.
    pub fn text_widths(&self) -> &[usize] {
        &self.text_widths
    }

    fn last_text(&self) -> Option<&str> {
        self.body.iter().rev().find_map(|l| match l {
            BodyLine::Text(t) => Some(t.as_str()),
            BodyLine::Break => None,
        })
    }

    /// The usual display width of the body's lines: the column the text was wrapped at.
    fn column_width(&self) -> usize {
        median(&self.text_widths)
    }

    fn body_complete(&self) -> bool {
        self.closed || self.last_text().is_some_and(ends_sentence)
    }

    fn append(&mut self, block: Block) {
        if !self.body.is_empty() {
            self.body.push(BodyLine::Break);
        }
        self.text_widths
            .extend(block.lines.iter().map(|l| display_width(l)));
        self.body
            .extend(block.lines.into_iter().map(BodyLine::Text));
        self.closed |= block.ends_with_credit;
    }

    fn is_brief(&self) -> bool {
        self.marker == Some(Marker::Bullet)
    }
}

/// A run of non-blank text lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Block {
    lines: Vec<String>,
    marker: Option<Marker>,
    vertical: bool,
    ends_with_credit: bool,
}

impl Block {
    fn visible_len(&self) -> usize {
        self.lines.iter().map(|l| visible_len(l)).sum()
    }

    /// Short lines without sentence punctuation: a headline, a kicker or a subtitle.
    fn is_headline_like(&self) -> bool {
        self.shape() == Shape::Headline
    }

    /// How much the block looks like a headline.
    fn shape(&self) -> Shape {
        const MAX_LINES: usize = 4;
        const MAX_LINE_LEN: usize = 40;
        const MAX_PUNCTUATED_LEN: usize = 24;
        const MAX_COMMAS: usize = 2;
        if self.vertical {
            return Shape::Headline;
        }
        let short_lines = self.marker.is_none()
            && !self.ends_with_credit
            && (1..=MAX_LINES).contains(&self.lines.len())
            && self.lines.iter().all(|line| {
                visible_len(line) <= MAX_LINE_LEN
                    && line.chars().any(is_han)
                    && !line.ends_with(['：', ':'])
                    && !line.starts_with(['（', '('])
            });
        if !short_lines {
            return Shape::Body;
        }
        if !self.lines.iter().any(|l| l.chars().any(is_body_punct)) {
            return Shape::Headline;
        }
        // `稳就业，促发展`: a comma or two in a short line that does not end like a sentence.
        let punctuated = self.lines.iter().all(|line| {
            let commas = line
                .chars()
                .filter(|&c| matches!(c, '，' | '、' | ','))
                .count();
            visible_len(line) <= MAX_PUNCTUATED_LEN
                && commas <= MAX_COMMAS
                && !line.contains(['。', '；', ';'])
                && !line
                    .chars()
                    .last()
                    .is_some_and(|c| is_body_punct(c) || c.is_ascii_punctuation())
        });
        if punctuated {
            Shape::PunctuatedHeadline
        } else {
            Shape::Body
        }
    }

    /// `赵春营 摄`, `本报记者 刘金` + `元 摄`: a photographer's credit on its own.
    fn is_photo_credit(&self) -> bool {
        split_photo_credit(&self.lines.concat()).is_some_and(|(before, _)| before.is_empty())
    }

    /// A photo caption: text whose last line ends with a photographer's credit.
    fn ends_with_photo_credit(&self) -> bool {
        self.lines
            .last()
            .is_some_and(|l| split_photo_credit(l).is_some())
    }

    fn starts_with_date(&self) -> bool {
        let Some(first) = self.lines.first() else {
            return false;
        };
        let compact = strip_spaces(first);
        let digits = compact.chars().take_while(char::is_ascii_digit).count();
        (1..=2).contains(&digits) && compact.chars().nth(digits) == Some('月')
    }
}

/// How much a block looks like a headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Short lines without sentence punctuation.
    Headline,
    /// Short lines with a comma or two: a headline only when a new article follows at once.
    PunctuatedHeadline,
    /// Anything else.
    Body,
}

/// One unit of the page after grouping lines.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Blank,
    Block(Block),
    Signature(String),
    Header(HeaderPart),
    Label(String),
    Junk,
}

/// Group classified lines into blocks and furniture items.
fn group(lines: Vec<Line>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut open: Option<Block> = None;
    let flush = |open: &mut Option<Block>, items: &mut Vec<Item>| {
        if let Some(block) = open.take() {
            items.push(Item::Block(block));
        }
    };
    for line in lines {
        match line.kind {
            LineKind::Blank => {
                flush(&mut open, &mut items);
                items.push(Item::Blank);
            }
            LineKind::Start(marker) => {
                flush(&mut open, &mut items);
                open = Some(Block {
                    marker: Some(marker),
                    ..Block::default()
                });
                push_text(&mut open, &mut items, line.text);
            }
            LineKind::Text if line.vertical => {
                flush(&mut open, &mut items);
                items.push(Item::Block(Block {
                    lines: vec![line.text],
                    vertical: true,
                    ..Block::default()
                }));
            }
            LineKind::Text => push_text(&mut open, &mut items, line.text),
            LineKind::Signature => {
                flush(&mut open, &mut items);
                items.push(Item::Signature(line.text));
            }
            LineKind::Header(part) => {
                flush(&mut open, &mut items);
                items.push(Item::Header(part));
            }
            LineKind::Label => {
                flush(&mut open, &mut items);
                items.push(Item::Label(strip_spaces(&line.text)));
            }
            LineKind::Junk => {
                flush(&mut open, &mut items);
                items.push(Item::Junk);
            }
        }
    }
    flush(&mut open, &mut items);
    items
}

/// Add a text line to the open block; a line ending in a credit closes the block.
fn push_text(open: &mut Option<Block>, items: &mut Vec<Item>, text: String) {
    let block = open.get_or_insert_with(Block::default);
    let after_sentence = block.lines.last().is_none_or(|l| ends_sentence(l));
    let credit = split_trailing_credit(&text, after_sentence).is_some()
        || split_photo_credit(&text).is_some();
    block.lines.push(text);
    if credit {
        block.ends_with_credit = true;
        if let Some(block) = open.take() {
            items.push(Item::Block(block));
        }
    }
}

/// Walks the items of one page and cuts them into drafts.
#[derive(Default)]
struct Segmenter {
    drafts: Vec<Draft>,
    current: Option<Draft>,
    header: PageHeader,
    page: Option<Arc<PageHeader>>,
    pending_label: Option<String>,
}

impl Segmenter {
    fn finish(&mut self) {
        if let Some(mut draft) = self.current.take() {
            while draft.body.last() == Some(&BodyLine::Break) {
                draft.body.pop();
            }
            if !draft.body.is_empty() {
                self.drafts.push(draft);
            }
        }
    }

    fn start(&mut self, block: Block) {
        self.finish();
        let column = if block.marker == Some(Marker::Bullet) {
            self.pending_label.clone()
        } else {
            self.pending_label = None;
            None
        };
        self.current = Some(Draft::new(block, column, self.page.clone()));
    }

    fn header(&mut self, part: HeaderPart) {
        let restarts = match &part {
            HeaderPart::Masthead(_) => self.header.paper.is_some(),
            HeaderPart::PageLine { .. } => self.header.page_no.is_some(),
            HeaderPart::Staff { .. } => !self.header.staff.is_empty(),
        };
        if restarts {
            self.header = PageHeader::default();
        }
        merge(&mut self.header, part);
        self.page = Some(Arc::new(self.header.clone()));
    }

    /// A column label names the run of briefs just before it, or else the briefs after it.
    fn label(&mut self, label: String) {
        let current_is_brief = self.current.as_ref().is_some_and(Draft::is_brief);
        self.finish();
        let last_is_brief = current_is_brief
            || (self.current.is_none()
                && self
                    .drafts
                    .last()
                    .is_some_and(|d| d.is_brief() && d.column.is_none()));
        if last_is_brief {
            for draft in self.drafts.iter_mut().rev() {
                if !draft.is_brief() || draft.column.is_some() {
                    break;
                }
                draft.column = Some(label.clone());
            }
            self.pending_label = None;
        } else {
            self.pending_label = Some(label);
        }
    }

    fn block(&mut self, block: Block, rest: &[Item]) {
        if block.marker.is_some() {
            return self.start(block);
        }
        let Some(current) = self.current.as_mut() else {
            // Headline-like lines before any body are page furniture (section banners).
            if !block.is_headline_like() {
                self.start(block);
            }
            return;
        };
        if !current.headline.is_empty() {
            let more_headline = match block.shape() {
                Shape::Headline => true,
                Shape::PunctuatedHeadline => next_starts_article(rest),
                Shape::Body => false,
            };
            if more_headline {
                current.headline.push(block.lines);
            } else {
                self.start(block);
            }
            return;
        }
        if block.is_photo_credit() {
            current.append(block);
            current.closed = true;
            return;
        }
        if block.is_headline_like() && current.body_complete() {
            if current.is_brief() && block.lines.len() == 1 && block.visible_len() <= 6 {
                let label = strip_spaces(&block.lines[0]);
                return self.label(label);
            }
            if current.closed || headline_confirmed(rest, &block, current.column_width()) {
                current.headline.push(block.lines);
                return;
            }
        }
        if block.shape() == Shape::PunctuatedHeadline
            && current.body_complete()
            && next_starts_article(rest)
        {
            current.headline.push(block.lines);
            return;
        }
        if current.closed {
            self.start(block);
        } else {
            current.append(block);
        }
    }
}

/// Whether what follows a headline-like block shows it really was a headline: the next thing
/// on the page is a new article, furniture, another headline line, a caption or a dated lead,
/// or, failing that, the block is visibly shorter than the body's column so that it cannot be
/// the first half of a sentence cut by a column break.
fn headline_confirmed(rest: &[Item], block: &Block, column_width: usize) -> bool {
    const COLUMN_FILL: f32 = 0.85;
    match rest.iter().find(|item| **item != Item::Blank) {
        None => true,
        Some(Item::Block(next)) => {
            let short_of_column = block
                .lines
                .last()
                .is_some_and(|l| (display_width(l) as f32) < column_width as f32 * COLUMN_FILL);
            next.marker.is_some()
                || next.vertical
                || next.is_headline_like()
                || next.ends_with_photo_credit()
                || next.starts_with_date()
                || short_of_column
        }
        Some(_) => true,
    }
}

/// Whether the next thing on the page is certainly not this article: a new article's opener,
/// furniture or the end of the page.
fn next_starts_article(rest: &[Item]) -> bool {
    match rest.iter().find(|item| **item != Item::Blank) {
        None => true,
        Some(Item::Block(next)) => next.marker.is_some(),
        Some(_) => true,
    }
}

/// Cut a page's classified lines into article drafts.
pub fn segment(lines: Vec<Line>) -> Vec<Draft> {
    let mut items = group(lines);
    let mut segmenter = Segmenter::default();
    for i in 0..items.len() {
        // Taking the item leaves a blank behind; only the items after it are looked at again.
        let item = std::mem::replace(&mut items[i], Item::Blank);
        match item {
            Item::Blank => {
                if let Some(current) = segmenter.current.as_mut()
                    && current.headline.is_empty()
                {
                    current.body.push(BodyLine::Break);
                }
            }
            Item::Junk => {}
            Item::Header(part) => segmenter.header(part),
            Item::Label(label) => segmenter.label(label),
            Item::Signature(text) => {
                if let Some(current) = segmenter.current.as_mut() {
                    current.signature = Some(text);
                    current.closed = true;
                }
            }
            Item::Block(block) => segmenter.block(block, &items[i + 1..]),
        }
    }
    segmenter.finish();
    segmenter.drafts
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
            "本报讯 3月2日，某县召开会\n议，研究部署各项重点工作任\n务，推动工作落实见到成效。\n\n会议传达学习了习近平总书记\n在主持中央政治局第三次集\n\n体学习时的重要讲话精神。\n",
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].headline.is_empty());
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
