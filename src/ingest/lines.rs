//! Line normalisation and classification: what each line of a page dump is, as far as it can
//! be told from the line alone.
//!
//! Whether a plain line is body text or a headline depends on its neighbours, so that is left
//! to segmentation ([`LineKind::Text`]). What a line says about itself is decided here: article
//! openers (`本报讯`, `●`, photo arrows), commentary signatures (`□作者`), page furniture,
//! spaced-out column labels and decoration junk. Two repairs of the extraction happen first:
//! a headline glued to the next `本报讯` is split in two, and a vertical headline printed one
//! character per line is folded back into one line.

use super::chars::{
    display_width, ends_sentence, find_spaced, is_body_punct, is_han, is_space,
    strip_spaced_prefix, strip_spaces, trim,
};
use super::header::{HeaderPart, parse_header_line};

/// What opens an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `本报讯`, or a reporters' parenthetical opening the text (`（记者…）`): a news dateline.
    Dateline,
    /// `又讯`: a further story printed under the previous story's headline.
    Further,
    /// `●`: one item of a briefs column.
    Bullet,
    /// `⬅`, `➡` and other arrows pointing at a photo.
    Arrow,
}

/// What a line is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing but white space.
    Blank,
    /// The first line of an article.
    Start(Marker),
    /// A commentary author's signature (`□高 亢`).
    Signature,
    /// Page furniture carrying metadata.
    Header(HeaderPart),
    /// A spaced-out column label (`政 务 简 报`).
    Label,
    /// Decoration left by the extraction (`工工业业`, a lone `州`).
    Junk,
    /// Body text or a headline.
    Text,
}

/// One trimmed line with its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line without surrounding white space.
    pub text: String,
    /// What the line is.
    pub kind: LineKind,
    /// Whether this line was folded from a vertical headline.
    pub vertical: bool,
    /// Whether this line was printed on one line with the text before it (a dateline glued
    /// to a headline) and split off.
    pub glued: bool,
}

impl Line {
    fn new(text: &str) -> Self {
        let text = trim(text).to_owned();
        let kind = classify(&text);
        Line {
            text,
            kind,
            vertical: false,
            glued: false,
        }
    }

    /// Whether the line is blank.
    pub fn is_blank(&self) -> bool {
        self.kind == LineKind::Blank
    }
}

/// Words that open a news story, printed with or without layout spaces between characters.
const DATELINES: &[(&str, Marker)] = &[("本报讯", Marker::Dateline), ("又讯", Marker::Further)];
/// Staff words that open a reporters' parenthetical (`（记者…）`) at the start of a story.
const BYLINE_ROLES: &[&str] = &["记者", "本报记者", "通讯员", "见习记者", "特约记者"];
/// Photo arrows that open a caption and are not part of its text.
pub const ARROWS: &[char] = &['⬅', '➡', '⬆', '⬇', '←', '→', '↑', '↓', '▲', '▼', '◀', '▶'];
/// How many single-character lines make a vertical headline rather than stray characters.
const MIN_VERTICAL_CHARS: usize = 4;

/// Split a page into classified lines, repairing glued datelines and vertical headlines.
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for raw in text.lines() {
        let (line, glued) = split_glued_dateline(trim(raw));
        lines.push(Line::new(line));
        if let Some(dateline) = glued {
            let mut line = Line::new(dateline);
            line.glued = true;
            lines.push(line);
        }
    }
    demote_inline_labels(&mut lines);
    fold_vertical_headlines(lines)
}

/// The marker a story opens with, if `text` starts with one.
pub fn opening_marker(text: &str) -> Option<Marker> {
    let first = text.trim_start_matches(is_space).chars().next()?;
    if !matches!(first, '本' | '又' | '（' | '(') {
        return None;
    }
    DATELINES
        .iter()
        .find(|(word, _)| strip_spaced_prefix(text, word).is_some())
        .map(|&(_, marker)| marker)
        .or_else(|| starts_with_byline(text).then_some(Marker::Dateline))
}

/// `（记者原文钊 通讯员王欢）…`, `(记 者 付凯明)`: a reporters' parenthetical.
fn starts_with_byline(text: &str) -> bool {
    let Some(inside) = text
        .strip_prefix(['（', '('])
        .map(|rest| rest.trim_start_matches(is_space))
    else {
        return false;
    };
    BYLINE_ROLES
        .iter()
        .any(|role| strip_spaced_prefix(inside, role).is_some())
}

/// A spaced line inside running text (`市 农 业 支 柱 产`, a justified caption line) is text,
/// not a column label: a label never continues an unfinished sentence, and never sits with
/// text lines on both sides.
fn demote_inline_labels(lines: &mut [Line]) {
    for i in 0..lines.len() {
        if lines[i].kind != LineKind::Label {
            continue;
        }
        let text = |at: Option<usize>| {
            at.and_then(|j| lines.get(j))
                .filter(|l| l.kind == LineKind::Text)
        };
        let before = text(i.checked_sub(1));
        let after = text(Some(i + 1));
        // Text with sentence punctuation right under it finishes the spaced line's sentence.
        let continued = after.is_some_and(|l| l.text.chars().any(is_body_punct));
        // A justified line is as wide as the lines of its column (a cell or two less).
        let width = display_width(&strip_spaces(&lines[i].text));
        let same_column = [before, after].into_iter().flatten().any(|l| {
            let w = display_width(&strip_spaces(&l.text));
            !ends_with_credit(&l.text) && w >= width && w <= width + JUSTIFIED_SHORTFALL
        });
        if continued || same_column || (before.is_some() && after.is_some()) {
            lines[i].kind = LineKind::Text;
        }
    }
}

/// Cells a justified, spaced-out line may fall short of its column.
const JUSTIFIED_SHORTFALL: usize = 4;

/// Whether a line ends with a credit: a closing parenthesis or a photographer's `摄`.
fn ends_with_credit(text: &str) -> bool {
    text.ends_with(['）', ')', '摄'])
}

/// Classify one trimmed line on its own.
pub fn classify(text: &str) -> LineKind {
    if text.is_empty() {
        return LineKind::Blank;
    }
    if let Some(marker) = opening_marker(text) {
        return LineKind::Start(marker);
    }
    if text.starts_with('●') {
        return LineKind::Start(Marker::Bullet);
    }
    if text.starts_with(ARROWS) {
        return LineKind::Start(Marker::Arrow);
    }
    if is_signature(text) {
        return LineKind::Signature;
    }
    if let Some(part) = parse_header_line(text) {
        return LineKind::Header(part);
    }
    if is_doubled_junk(text) {
        return LineKind::Junk;
    }
    if is_spaced_label(text) {
        return LineKind::Label;
    }
    LineKind::Text
}

/// `安排部署近期重点工作 本报讯 孟州市…` → the headline part and the dateline part.
fn split_glued_dateline(line: &str) -> (&str, Option<&str>) {
    // Cheap tests first (one substring search each): this runs on every line of a page.
    if !line.contains('讯') && !line.contains('（') && !line.contains('(') {
        return (line, None);
    }
    let markers = DATELINES
        .iter()
        .filter_map(|(word, _)| find_spaced(line, word));
    let bylines = ["（", "("].into_iter().filter_map(|open| {
        let at = line.find(open)?;
        starts_with_byline(line.get(at..)?).then_some((at, at))
    });
    for (at, _) in markers.chain(bylines) {
        if at == 0 {
            continue;
        }
        let (before, after) = line.split_at(at);
        let before = trim(before);
        if opening_marker(before).is_some() {
            // `本报讯（记者…）`: the parenthetical belongs to the dateline before it.
            continue;
        }
        let headline_like = !before.is_empty() && !before.chars().any(is_body_punct);
        if headline_like || ends_sentence(before) || before.ends_with('）') {
            return (before, Some(after));
        }
    }
    (line, None)
}

/// `□高 亢`: a square followed by a short name.
fn is_signature(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('□') else {
        return false;
    };
    let name: Vec<char> = rest.chars().filter(|&c| !is_space(c)).collect();
    (2..=4).contains(&name.len()) && name.iter().all(|&c| is_han(c))
}

/// `工工业业`: every character printed twice, an artefact of bold outline text.
fn is_doubled_junk(text: &str) -> bool {
    let mut chars = text.chars().filter(|&c| !is_space(c));
    let mut pairs = 0;
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return pairs >= 2,
            (Some(a), Some(b)) if a == b && is_han(a) => pairs += 1,
            _ => return false,
        }
    }
}

/// `政 务 简 报`: a few single Han characters separated by spaces.
///
/// One pass that gives up at the first character breaking the pattern, which for body text
/// is the second one.
fn is_spaced_label(text: &str) -> bool {
    const MAX_CHARS: usize = 8;
    // `廉 玮 摄` is a spaced-out photo credit, not a label.
    if text.ends_with('摄') {
        return false;
    }
    let mut count = 0;
    let mut after_char = false;
    for c in text.chars() {
        if is_space(c) {
            after_char = false;
            continue;
        }
        if after_char || !is_han(c) || count == MAX_CHARS {
            return false;
        }
        after_char = true;
        count += 1;
    }
    count >= 3
}

fn is_single_han(line: &Line) -> bool {
    let mut chars = line.text.chars();
    line.kind == LineKind::Text && chars.next().is_some_and(is_han) && chars.next().is_none()
}

/// Fold runs of one-character lines into one headline line; drop stray single characters.
fn fold_vertical_headlines(lines: Vec<Line>) -> Vec<Line> {
    if !lines.iter().any(is_single_han) {
        return lines;
    }
    let single: Vec<bool> = lines.iter().map(is_single_han).collect();
    let blank: Vec<bool> = lines.iter().map(Line::is_blank).collect();
    let is = |flags: &[bool], at: usize| flags.get(at).copied().unwrap_or(false);
    // Each line is taken out of its slot once, in order, so nothing is copied.
    let mut slots: Vec<Option<Line>> = lines.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    let mut i = 0;
    while i < slots.len() {
        if !is(&single, i) {
            out.extend(slots.get_mut(i).and_then(Option::take));
            i += 1;
            continue;
        }
        // A run of single characters, allowing single blank lines between groups (the columns
        // of a vertical headline). A group of one character at either end is not a column but
        // a stray character beside the headline.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut j = i;
        while j < slots.len() {
            if is(&single, j) {
                match groups.last_mut() {
                    Some(g) if g.1 + 1 == j => g.1 = j,
                    _ => groups.push((j, j)),
                }
                j += 1;
            } else if is(&blank, j) && is(&single, j + 1) {
                j += 1;
            } else {
                break;
            }
        }
        if groups.len() > 1 && groups.first().is_some_and(|g| g.0 == g.1) {
            let isolated = i == 0 || is(&blank, i - 1);
            if let Some(mut line) = slots.get_mut(i).and_then(Option::take) {
                if isolated {
                    line.kind = LineKind::Junk;
                }
                out.push(line);
            }
            i += 1;
            continue;
        }
        if groups.len() > 1 && groups.last().is_some_and(|g| g.0 == g.1) {
            groups.pop();
        }
        let end = groups.last().map_or(i, |g| g.1);
        let total: usize = groups.iter().map(|g| g.1 + 1 - g.0).sum();
        if total >= MIN_VERTICAL_CHARS {
            // One line per column: whether two columns are one headline or the headlines of
            // two stories is for the page model to say.
            for (k, &(first, last)) in groups.iter().enumerate() {
                if k > 0 {
                    out.push(Line::new(""));
                }
                let column: String = slots
                    .get(first..=last)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|l| l.text.as_str())
                    .collect();
                out.push(Line {
                    text: column,
                    kind: LineKind::Text,
                    vertical: true,
                    glued: false,
                });
            }
        } else {
            let isolated =
                (i == 0 || is(&blank, i - 1)) && (end + 1 >= slots.len() || is(&blank, end + 1));
            for slot in slots.get_mut(i..=end).into_iter().flatten() {
                if let Some(mut line) = slot.take() {
                    if isolated && !line.is_blank() {
                        line.kind = LineKind::Junk;
                    }
                    out.push(line);
                }
            }
        }
        i = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        split_lines(text).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn openers_are_recognised() {
        assert_eq!(
            classify("本报讯（记者原文钊 通讯员王"),
            LineKind::Start(Marker::Dateline)
        );
        assert_eq!(classify("又讯 3月5日，"), LineKind::Start(Marker::Further));
        assert_eq!(
            classify("本 报 讯 3月5日，"),
            LineKind::Start(Marker::Dateline)
        );
        assert_eq!(
            classify("（记 者 付凯明） 2月"),
            LineKind::Start(Marker::Dateline)
        );
        assert_eq!(
            classify("(记者付凯明) 2月"),
            LineKind::Start(Marker::Dateline)
        );
        assert_eq!(classify("（孟轩）"), LineKind::Text);
        assert_eq!(classify("●3月1日，孟州市"), LineKind::Start(Marker::Bullet));
        assert_eq!(classify("⬅3 月 6 日，厦"), LineKind::Start(Marker::Arrow));
        assert_eq!(classify("□高 亢"), LineKind::Signature);
    }

    #[test]
    fn furniture_is_recognised() {
        assert_eq!(classify("工工业业"), LineKind::Junk);
        assert_eq!(classify("工工 业业 发发"), LineKind::Junk);
        assert_eq!(classify("工工业"), LineKind::Text);
        assert_eq!(classify("工工"), LineKind::Text);
        assert_eq!(classify("工工业务"), LineKind::Text);
        assert_eq!(classify("1122"), LineKind::Text);
        assert_eq!(classify("政 务 简 报"), LineKind::Label);
        assert_eq!(classify("百 字 新 闻"), LineKind::Label);
        assert!(matches!(classify("JIAOZUO DAILY"), LineKind::Header(_)));
        assert_eq!(classify("立足岗位 学以致用"), LineKind::Text);
        assert_eq!(classify("廉 玮 摄"), LineKind::Text);
        assert_eq!(classify("元 摄"), LineKind::Text);
        assert_eq!(classify("方 向 ， 合 理 安 排"), LineKind::Text);
    }

    #[test]
    fn headline_glued_to_next_dateline_is_split() {
        let lines = split_lines("孟州市委常委会召开\n安排部署近期重点工作 本报讯 孟州市“四好农\n");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "孟州市委常委会召开",
                "安排部署近期重点工作",
                "本报讯 孟州市“四好农"
            ]
        );
        assert_eq!(lines[2].kind, LineKind::Start(Marker::Dateline));
    }

    #[test]
    fn dateline_inside_a_sentence_is_left_alone() {
        let lines = split_lines("他说，本报讯的报道很及时\n");
        assert_eq!(lines.len(), 1);
    }

    #[test]
    fn vertical_headline_is_folded_across_a_blank() {
        let lines = split_lines("（陈艺堂）\n\n海\n亮\n集\n团\n\n董\n事\n长\n\n本报讯 2 月");
        let vertical: Vec<&str> = lines
            .iter()
            .filter(|l| l.vertical)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(vertical, ["海亮集团", "董事长"]);
        assert_eq!(
            lines.last().map(|l| l.kind.clone()),
            Some(LineKind::Start(Marker::Dateline))
        );
    }

    #[test]
    fn lone_character_between_blanks_is_junk() {
        assert_eq!(
            kinds("工工业业\n\n区\n\nJIAOZUO DAILY"),
            vec![
                LineKind::Junk,
                LineKind::Blank,
                LineKind::Junk,
                LineKind::Blank,
                kinds("JIAOZUO DAILY")[0].clone()
            ]
        );
    }

    #[test]
    fn spaced_line_inside_a_caption_is_text_not_a_label() {
        let kinds = kinds(
            "为促进孟州\n市 农 业 支 柱 产\n业发展，该市举办培训。\n\n政 务 简 报\n\n●3月1日，某镇开展活动。\n",
        );
        assert_eq!(kinds[1], LineKind::Text);
        assert_eq!(kinds[4], LineKind::Label);
    }

    #[test]
    fn single_character_continuing_a_paragraph_is_text() {
        let lines = split_lines("全面提升养老服务质量\n区\n");
        assert_eq!(lines[1].kind, LineKind::Text);
    }
}
