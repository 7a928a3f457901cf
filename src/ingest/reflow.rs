//! Hard-wrapped lines → paragraphs for reading.
//!
//! Lines were wrapped at the column width, so they are joined without a separator. A blank line
//! is a paragraph break only where the text before it ends a sentence; elsewhere it is a column
//! break in the middle of a sentence. A short line that ends a sentence also ends its paragraph.
//! Spaces next to Chinese text are layout (`方 向 ， 合 理`, `3 月 27 日`) and are removed in a
//! separate step, after bylines have been read (they need the spaces between names).

use unicode_width::UnicodeWidthStr;

use super::chars::{ends_sentence, is_cjk, is_han, is_space};

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
pub fn join_paragraphs(lines: &[BodyLine]) -> Vec<String> {
    let usual_width = usual_line_width(lines);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut previous_line: &str = "";
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
            let short = (previous_line.width() as f32) < usual_width * SHORT_LINE_RATIO;
            if blank_before || short {
                paragraphs.push(std::mem::take(&mut current));
            }
        }
        current.push_str(text);
        previous_line = text;
        blank_before = false;
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// The median display width of the body lines: the column width the page was wrapped at.
fn usual_line_width(lines: &[BodyLine]) -> f32 {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter_map(|l| match l {
            BodyLine::Text(t) => Some(t.width()),
            BodyLine::Break => None,
        })
        .collect();
    if widths.is_empty() {
        return 0.0;
    }
    widths.sort_unstable();
    widths[widths.len() / 2] as f32
}

/// Remove layout spaces: any space next to Chinese text goes, other runs become one space.
pub fn normalize_spaces(text: &str) -> String {
    if !text.contains(is_space) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut last: Option<char> = None;
    for c in text.chars() {
        if is_space(c) {
            pending_space = true;
            continue;
        }
        if pending_space {
            if let Some(prev) = last
                && !is_cjk(prev)
                && !is_cjk(c)
            {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
        last = Some(c);
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
        let paras = join_paragraphs(&body("做到“心中有账”，高标准、\n\n严要求打造工作亮点。"));
        assert_eq!(paras, ["做到“心中有账”，高标准、严要求打造工作亮点。"]);
    }

    #[test]
    fn blank_after_a_sentence_is_a_paragraph_break() {
        let paras = join_paragraphs(&body(
            "会议指出，去年以来，全区广大党\n员干部坚守一线。\n\n会议强调，要明确目标任务，扎实\n推进工作。",
        ));
        assert_eq!(paras.len(), 2);
        assert!(paras[1].starts_with("会议强调"));
    }

    #[test]
    fn short_line_ending_a_sentence_ends_the_paragraph() {
        let paras = join_paragraphs(&body(
            "成效，推动全面从严治党为改革\n发展保驾护航。\n会议传达了河南省加快洛阳\n副中心城市建设工作推进会精神。",
        ));
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0], "成效，推动全面从严治党为改革发展保驾护航。");
    }

    #[test]
    fn full_line_ending_a_sentence_does_not_end_the_paragraph() {
        let paras = join_paragraphs(&body(
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
