//! Hard-wrapped lines → paragraphs for reading.
//!
//! Lines were wrapped at the column width, so they are joined without a separator. A blank line
//! is a paragraph break only where the text before it ends a sentence; elsewhere it is a column
//! break in the middle of a sentence. A short line that ends a sentence also ends its paragraph.
//! Spaces next to Chinese text are layout (`方 向 ， 合 理`, `3 月 27 日`) and are removed in a
//! separate step, after bylines have been read (they need the spaces between names).

use super::chars::{ends_sentence, find_space, is_cjk, is_han, is_space};

/// One line of an article body, or a blank line between body lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyLine {
    /// A trimmed line of text.
    Text(String),
    /// A blank line: a paragraph or a column break.
    Break,
}

/// A line shorter than this share of the article's usual line width ends its paragraph when
/// it ends a sentence.
const SHORT_LINE_RATIO: f32 = 0.7;

/// Join hard-wrapped body lines into paragraphs, keeping the spaces inside lines.
///
/// `widths` holds the display width of each text line, in order (kept by the draft).
pub fn join_paragraphs(lines: &[BodyLine], widths: &[usize]) -> Vec<String> {
    let usual_width = median(widths) as f32;
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut previous_width = 0;
    let mut text_lines = widths.iter();
    let mut blank_before = false;
    for line in lines {
        let text = match line {
            BodyLine::Break => {
                blank_before = true;
                continue;
            }
            BodyLine::Text(text) => text.as_str(),
        };
        if !current.is_empty() && ends_sentence(&current) {
            let short = (previous_width as f32) < usual_width * SHORT_LINE_RATIO;
            if blank_before || short {
                paragraphs.push(std::mem::take(&mut current));
            }
        }
        current.push_str(text);
        previous_width = text_lines.next().copied().unwrap_or(0);
        blank_before = false;
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// The median of the body lines' display widths: the column width the page was wrapped at
/// (0 without lines).
pub fn median(widths: &[usize]) -> usize {
    let mut sorted = widths.to_vec();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied().unwrap_or(0)
}

/// Remove layout spaces: any space next to Chinese text goes, other runs become one space.
pub fn normalize_spaces(text: &str) -> String {
    if find_space(text).is_none() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    let mut rest = text.trim_start_matches(is_space);
    while !rest.is_empty() {
        let (run, after) = rest.split_at(find_space(rest).unwrap_or(rest.len()));
        if let (Some(prev), Some(first)) = (last, run.chars().next())
            && !is_cjk(prev)
            && !is_cjk(first)
        {
            out.push(' ');
        }
        out.push_str(run);
        last = run.chars().next_back();
        rest = after.trim_start_matches(is_space);
    }
    out
}

/// Normalise a headline: spaced-out characters rejoined, one space kept between two phrases.
///
/// `政 务 简 报` → `政务简报`, `立足岗位 学以致用` stays, `黄河流域 （孟州段）` → `黄河流域（孟州段）`.
pub fn normalize_headline(text: &str) -> String {
    let tokens: Vec<&str> = text.split(is_space).filter(|t| !t.is_empty()).collect();
    let mut out = String::with_capacity(text.len());
    for (i, token) in tokens.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).map(|p| tokens[p]) {
            let phrases = prev.chars().count() >= 2 && token.chars().count() >= 2;
            let same_script = match (prev.chars().last(), token.chars().next()) {
                (Some(a), Some(b)) => {
                    (is_han(a) && is_han(b))
                        || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
                }
                _ => false,
            };
            if phrases && same_script {
                out.push(' ');
            }
        }
        out.push_str(token);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::chars::display_width;

    fn paragraphs_of(lines: &[BodyLine]) -> Vec<String> {
        let widths: Vec<usize> = lines
            .iter()
            .filter_map(|l| match l {
                BodyLine::Text(t) => Some(display_width(t)),
                BodyLine::Break => None,
            })
            .collect();
        join_paragraphs(lines, &widths)
    }

    fn body(text: &str) -> Vec<BodyLine> {
        text.lines()
            .map(|l| {
                if l.trim().is_empty() {
                    BodyLine::Break
                } else {
                    BodyLine::Text(l.trim().to_owned())
                }
            })
            .collect()
    }

    #[test]
    fn column_break_inside_a_sentence_is_joined() {
        let paras = paragraphs_of(&body("做到“心中有账”，高标准、\n\n严要求打造工作亮点。"));
        assert_eq!(paras, ["做到“心中有账”，高标准、严要求打造工作亮点。"]);
    }

    #[test]
    fn blank_after_a_sentence_is_a_paragraph_break() {
        let paras = paragraphs_of(&body(
            "会议指出，去年以来，全区广大党\n员干部坚守一线。\n\n会议强调，要明确目标任务，扎实\n推进工作。",
        ));
        assert_eq!(paras.len(), 2);
        assert!(paras[1].starts_with("会议强调"));
    }

    #[test]
    fn short_line_ending_a_sentence_ends_the_paragraph() {
        let paras = paragraphs_of(&body(
            "成效，推动全面从严治党为改革\n发展保驾护航。\n会议传达了河南省加快洛阳\n副中心城市建设工作推进会精神。",
        ));
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0], "成效，推动全面从严治党为改革发展保驾护航。");
    }

    #[test]
    fn full_line_ending_a_sentence_does_not_end_the_paragraph() {
        let paras = paragraphs_of(&body(
            "一手抓防疫，一手备复学。郑小\n林强调，学校要严格落实各项疫情。",
        ));
        assert_eq!(paras.len(), 1);
    }

    #[test]
    fn spaced_out_characters_are_rejoined() {
        assert_eq!(
            normalize_spaces("方 向 ， 合 理 安 排 人 员 ， 充 实"),
            "方向，合理安排人员，充实"
        );
        assert_eq!(normalize_spaces("3 月 27 日，山阳区"), "3月27日，山阳区");
        assert_eq!(
            normalize_spaces("孟州以总分 94.49 分 （满分 100"),
            "孟州以总分94.49分（满分100"
        );
        assert_eq!(
            normalize_spaces("实 现 “25311” 远 景 目"),
            "实现“25311”远景目"
        );
        assert_eq!(normalize_spaces("JIAOZUO  DAILY"), "JIAOZUO DAILY");
    }

    #[test]
    fn headline_spaces() {
        assert_eq!(normalize_headline("政 务 简 报"), "政务简报");
        assert_eq!(normalize_headline("立足岗位 学以致用"), "立足岗位 学以致用");
        assert_eq!(
            normalize_headline("黄河流域 （孟州段） 生态保护"),
            "黄河流域（孟州段）生态保护"
        );
        assert_eq!(
            normalize_headline("中国梦·劳动美 团结奋斗"),
            "中国梦·劳动美 团结奋斗"
        );
    }
}
