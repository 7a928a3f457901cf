//! Datelines, reporters, credits and dates.
//!
//! These work on text whose lines are joined but whose spaces are still there, because a space
//! is what separates two names in `（白靖杰 王欣）` while `廉 玮 摄` is one spaced-out name.

use std::sync::LazyLock;

use regex::Regex;

use super::chars::{is_closing, is_han, is_sentence_end, is_space, strip_spaced_prefix, trim};

/// Article openers that are not part of the body.
const DATELINE_MARKERS: &[&str] = &["本报讯", "又讯"];
/// Role words of a dateline parenthetical, longest first so `本报记者` wins over `记者`.
const ROLE_WORDS: &[(&str, Role)] = &[
    ("本报记者", Role::Reporter),
    ("见习记者", Role::Reporter),
    ("特约记者", Role::Reporter),
    ("记者", Role::Reporter),
    ("本报通讯员", Role::Correspondent),
    ("特约通讯员", Role::Correspondent),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Correspondent),
];
/// Prefixes that may stand before a photographer's name.
const PHOTO_PREFIXES: &[&str] = &["本报记者", "记者", "本报通讯员", "通讯员"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Reporter,
    Correspondent,
}

/// What the opening of an article said about who wrote it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dateline {
    /// Whether the article opened with `本报讯` / `又讯`.
    pub marked: bool,
    /// Names after `记者`.
    pub reporters: Vec<String>,
    /// Names after `通讯员`.
    pub correspondents: Vec<String>,
}

/// Remove the dateline (`本报讯（记者原文钊 通讯员王欢）`) from the start of `text`.
pub fn take_dateline(text: &str) -> (Dateline, &str) {
    let mut dateline = Dateline::default();
    let mut rest = trim(text);
    for marker in DATELINE_MARKERS {
        if let Some(after) = strip_spaced_prefix(rest, marker) {
            dateline.marked = true;
            rest = trim(after);
            break;
        }
    }
    if let Some((inner, after)) = leading_parenthetical(rest)
        && assign_roles(inner, &mut dateline)
    {
        rest = trim(after);
    }
    (dateline, rest)
}

/// `（…）rest` → (`…`, `rest`).
fn leading_parenthetical(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let (inside, after) = inner.split_at(close);
    let after = after.strip_prefix(['）', ')']).unwrap_or(after);
    Some((inside, after))
}

/// Fill reporters and correspondents from `记者原文钊 通讯员王欢`; false when it is no byline.
fn assign_roles(inside: &str, dateline: &mut Dateline) -> bool {
    let mut spans: Vec<(usize, usize, Role)> = Vec::new();
    let mut at = 0;
    while let Some(rest) = inside.get(at..).filter(|r| !r.is_empty()) {
        let role_word = ROLE_WORDS.iter().find_map(|(w, role)| {
            let after = strip_spaced_prefix(rest, w)?;
            // A spaced-out role word (`记 者`) starts at a character, not at a space.
            (!rest.starts_with(is_space)).then_some((rest.len() - after.len(), *role))
        });
        if let Some((len, role)) = role_word {
            spans.push((at, at + len, role));
            at += len;
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    if spans.is_empty() {
        return false;
    }
    for (i, &(_, name_start, role)) in spans.iter().enumerate() {
        let name_end = spans.get(i + 1).map_or(inside.len(), |s| s.0);
        let span = inside.get(name_start..name_end).unwrap_or_default();
        let names = parse_names(span).unwrap_or_default();
        match role {
            Role::Reporter => dateline.reporters.extend(names),
            Role::Correspondent => dateline.correspondents.extend(names),
        }
    }
    true
}

/// Split names written as in bylines: `白靖杰 王欣`, `郭树勋、赵根志`, `廉 玮` (one spaced name).
///
/// Consecutive single characters are one spaced-out name. `None` when something is not a
/// plausible name (not Han, or longer than five characters).
pub fn parse_names(text: &str) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut spaced = String::new();
    for token in text
        .split(|c: char| is_space(c) || matches!(c, '、' | '，' | ',' | '；'))
        .filter(|t| !t.is_empty())
    {
        if !token.chars().all(is_han) {
            return None;
        }
        if token.chars().count() == 1 {
            spaced.push_str(token);
            continue;
        }
        if !spaced.is_empty() {
            names.push(std::mem::take(&mut spaced));
        }
        names.push(token.to_owned());
    }
    if !spaced.is_empty() {
        names.push(spaced);
    }
    let plausible = |n: &String| (2..=5).contains(&n.chars().count());
    (!names.is_empty() && names.iter().all(plausible)).then_some(names)
}

/// A trailing byline in parentheses, `…新台阶。 （白靖杰 王欣）`: the text before it and the names.
///
/// `after_sentence` says whether the text before this line ended a sentence; a parenthetical
/// that merely closes a line (`区委常委（扩大）`) is not a byline.
pub fn split_trailing_credit(line: &str, after_sentence: bool) -> Option<(&str, Vec<String>)> {
    let line = line.trim_end_matches(is_space);
    let inner = line.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let (before, inside) = inner.split_at(open);
    let inside = inside.trim_start_matches(['（', '(']);
    let before = before.trim_end_matches(is_space);
    let standalone = before.is_empty() && after_sentence;
    let after_body = before.chars().last().is_some_and(is_sentence_or_close);
    if !(standalone || after_body) {
        return None;
    }
    let names = parse_names(strip_photo_mark(inside))?;
    (names.len() <= 4).then_some((before, names))
}

fn is_sentence_or_close(c: char) -> bool {
    is_sentence_end(c) || (is_closing(c) && c != '）' && c != ')')
}

/// `记者 张三 摄` → `张三`: the photographer inside a parenthetical credit.
fn strip_photo_mark(inside: &str) -> &str {
    let Some(rest) = trim(inside).strip_suffix('摄') else {
        return inside;
    };
    let rest = trim(rest);
    PHOTO_PREFIXES
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .map_or(rest, trim)
}

/// A trailing photo credit, `…处置方式。 廉 玮 摄`: the text before it and the names.
pub fn split_photo_credit(line: &str) -> Option<(&str, Vec<String>)> {
    let line = line.trim_end_matches(is_space);
    let before_mark = line.strip_suffix('摄')?;
    let start = before_mark
        .char_indices()
        .rev()
        .find(|&(_, c)| is_sentence_or_close(c) || matches!(c, '，' | '）' | ')'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (before, tail) = before_mark.split_at(start);
    let mut tail = trim(tail);
    for prefix in PHOTO_PREFIXES {
        if let Some(rest) = tail.strip_prefix(prefix) {
            tail = trim(rest);
            break;
        }
    }
    let names = parse_names(tail)?;
    let plausible = names.len() <= 3 && names.iter().all(|n| n.chars().count() <= 4);
    plausible.then_some((before.trim_end_matches(is_space), names))
}

/// A commentary signature `□高 亢` → `高亢`.
pub fn signature_name(line: &str) -> Option<String> {
    let rest = line.strip_prefix('□')?;
    let name: String = rest.chars().filter(|&c| !is_space(c)).collect();
    name.chars().all(is_han).then_some(name)
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日").expect("date pattern is valid")
});
static RELATIVE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"近日|日前").expect("relative-date pattern is valid"));

/// A calendar date as written in a dateline, the year only when the text gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrittenDate {
    /// `2022` in `2022年12月30日`.
    pub year: Option<u32>,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

/// The event date of an article: the first date of its opening paragraph (or the next one when
/// the opening has no date), unless a relative date (`近日`, `日前`) comes first.
///
/// Paragraphs must already have their layout spaces removed (`3 月 27 日` → `3月27日`).
pub fn find_date(paragraphs: &[String]) -> Option<WrittenDate> {
    for paragraph in paragraphs.iter().take(2) {
        let relative = RELATIVE_DATE.find(paragraph).map(|m| m.start());
        let written = DATE.captures_iter(paragraph).find_map(|caps| {
            let month: u32 = caps[2].parse().ok()?;
            let day: u32 = caps[3].parse().ok()?;
            let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
            let year = caps.get(1).and_then(|y| y.as_str().parse().ok());
            let start = caps.get(0).map_or(0, |m| m.start());
            valid.then_some((start, WrittenDate { year, month, day }))
        });
        match (relative, written) {
            (Some(r), Some((w, _))) if r < w => return None,
            (Some(_), None) => return None,
            (_, Some((_, date))) => return Some(date),
            (None, None) => {}
        }
    }
    None
}

/// `MM-DD`, or `YYYY-MM-DD` when the text or the page header gives the year.
pub fn format_date(date: WrittenDate, page_date: Option<&str>) -> String {
    let page_year_month = page_date.and_then(|d| {
        let mut parts = d.split('-');
        let year: u32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        Some((year, month))
    });
    let year = date.year.or_else(|| {
        // An event reported in January may have happened in December of the year before.
        page_year_month.map(|(year, month)| {
            if date.month > month + 1 {
                year - 1
            } else {
                year
            }
        })
    });
    match year {
        Some(year) => format!("{year:04}-{:02}-{:02}", date.month, date.day),
        None => format!("{:02}-{:02}", date.month, date.day),
    }
}

/// Whether `text` holds a Han character (a credit of digits alone is no credit).
pub fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_with_split_reporter_and_correspondent() {
        let (d, rest) = take_dateline("本报讯 （记者原文钊 通讯员王欢） 3月27日，山阳区");
        assert!(d.marked);
        assert_eq!(d.reporters, ["原文钊"]);
        assert_eq!(d.correspondents, ["王欢"]);
        assert_eq!(rest, "3月27日，山阳区");
    }

    #[test]
    fn spaced_datelines_in_every_spelling() {
        let (d, rest) = take_dateline("本 报 讯 3月2日，某县");
        assert!(d.marked);
        assert_eq!(rest, "3月2日，某县");
        let (d, rest) = take_dateline("本报讯 （记 者 张三） 3月2日");
        assert_eq!(d.reporters, ["张三"]);
        assert_eq!(rest, "3月2日");
        let (d, rest) = take_dateline("又讯 （记 者 张三、李四） 3月3日");
        assert!(d.marked);
        assert_eq!(d.reporters, ["张三", "李四"]);
        assert_eq!(rest, "3月3日");
        let (d, rest) = take_dateline("(记者王五 通讯员赵六) 近日");
        assert!(!d.marked);
        assert_eq!(d.reporters, ["王五"]);
        assert_eq!(d.correspondents, ["赵六"]);
        assert_eq!(rest, "近日");
    }

    #[test]
    fn dateline_with_two_reporters() {
        let (d, _) = take_dateline("本报讯（记者郭树勋、赵根志） 3月4");
        assert_eq!(d.reporters, ["郭树勋", "赵根志"]);
        assert!(d.correspondents.is_empty());
    }

    #[test]
    fn youxun_is_a_dateline_and_plain_text_is_not() {
        let (d, rest) = take_dateline("又讯 3月5日，温县");
        assert!(d.marked);
        assert_eq!(rest, "3月5日，温县");
        let (d, rest) = take_dateline("（以下简称“海亮集团”）有较大的合作");
        assert!(!d.marked);
        assert!(rest.starts_with('（'));
    }

    #[test]
    fn names_split_by_space_or_spaced_out() {
        assert_eq!(
            parse_names("白靖杰 王欣"),
            Some(vec!["白靖杰".into(), "王欣".into()])
        );
        assert_eq!(parse_names("廉 玮"), Some(vec!["廉玮".into()]));
        assert_eq!(parse_names("高 亢"), Some(vec!["高亢".into()]));
        assert_eq!(parse_names("解融媒"), Some(vec!["解融媒".into()]));
        assert_eq!(parse_names("以下简称“海亮集团”"), None);
        assert_eq!(parse_names("市"), None);
    }

    #[test]
    fn trailing_credit_after_a_sentence() {
        let (before, names) =
            split_trailing_credit("推动全县基层党建工作再上新台阶。 （白靖杰 王欣）", false)
                .expect("credit");
        assert_eq!(before, "推动全县基层党建工作再上新台阶。");
        assert_eq!(names, ["白靖杰", "王欣"]);
        assert!(split_trailing_credit("（孟轩）", true).is_some());
        assert!(split_trailing_credit("（孟轩）", false).is_none());
        assert_eq!(
            split_trailing_credit("演练现场。（记者 张三 摄）", false).map(|(_, n)| n),
            Some(vec!["张三".to_owned()])
        );
    }

    #[test]
    fn closing_parenthetical_of_a_phrase_is_no_credit() {
        assert!(split_trailing_credit("召开区委常委（扩大）", true).is_none());
        assert!(split_trailing_credit("连续 11 年跻身全国百强县（市）", true).is_none());
    }

    #[test]
    fn photo_credits() {
        let (before, names) =
            split_photo_credit("人员在演练加油站车辆着火后的处置方式。 廉 玮 摄").expect("photo");
        assert_eq!(before, "人员在演练加油站车辆着火后的处置方式。");
        assert_eq!(names, ["廉玮"]);
        assert_eq!(
            split_photo_credit("本报记者 刘金元 摄").map(|(_, n)| n),
            Some(vec!["刘金元".to_owned()])
        );
        assert_eq!(
            split_photo_credit("积极工作。马 肖 摄").map(|(_, n)| n),
            Some(vec!["马肖".to_owned()])
        );
        assert!(split_photo_credit("这张照片是他在现场拍摄").is_none());
    }

    #[test]
    fn signature() {
        assert_eq!(signature_name("□高 亢").as_deref(), Some("高亢"));
    }

    #[test]
    fn date_in_the_opening_paragraph() {
        let paras = vec!["3月27日，山阳区委副书记".to_owned()];
        let date = find_date(&paras).expect("date");
        assert_eq!((date.month, date.day, date.year), (3, 27, None));
        let paras = vec!["2022年12月30日上午，".to_owned()];
        assert_eq!(find_date(&paras).and_then(|d| d.year), Some(2022));
    }

    #[test]
    fn relative_date_wins_over_a_later_date() {
        let paras = vec![
            "日前，孟州市“孟州故事”活动启动。".to_owned(),
            "活动从3月26日开始。".to_owned(),
        ];
        assert_eq!(find_date(&paras), None);
    }

    #[test]
    fn date_from_the_second_paragraph_when_the_first_has_none() {
        let paras = vec![
            "孟州市建设总任务为902.9公里。".to_owned(),
            "3月24日下午，卢和平先后到青年路".to_owned(),
        ];
        assert_eq!(find_date(&paras).map(|d| (d.month, d.day)), Some((3, 24)));
    }

    #[test]
    fn page_year_completes_the_date() {
        let date = WrittenDate {
            year: None,
            month: 3,
            day: 4,
        };
        assert_eq!(format_date(date, Some("2023-03-07")), "2023-03-04");
        assert_eq!(format_date(date, None), "03-04");
        let december = WrittenDate {
            year: None,
            month: 12,
            day: 30,
        };
        assert_eq!(format_date(december, Some("2023-01-02")), "2022-12-30");
    }
}
