//! Page furniture that carries metadata: the masthead, the page line and the staff line.
//!
//! A page header in these dumps is spread over several lines (`JIAOZUO DAILY`,
//! `A08│孟州新闻2023年3月7日 星期二`, `■新闻热线：8797000│■编辑：刘振毅│校对：…`), possibly in
//! the middle of the file. Each line is recognised on its own and merged into a [`PageHeader`]
//! that applies to the articles that follow it.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::PageHeader;

/// One recognised line of page furniture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderPart {
    /// The paper's name (`焦作日报` or a romanised masthead such as `JIAOZUO DAILY`).
    Masthead(String),
    /// Page number, section and issue date.
    PageLine {
        /// `A08`
        page_no: String,
        /// `孟州新闻`
        section: Option<String>,
        /// `YYYY-MM-DD`
        date: Option<String>,
    },
    /// Staff by role and the news hotline.
    Staff {
        /// `编辑` → name …
        staff: Vec<(String, String)>,
        /// The hotline number.
        hotline: Option<String>,
    },
}

static PAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Z]?\d{1,2})\s*[│|｜丨]\s*([^\d│|｜丨]*?)\s*(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)?\s*(?:星期.)?\s*$",
    )
    .expect("page-line pattern is valid")
});

static CN_MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{2,6}(?:日报|晚报|时报|商报|都市报)$").expect("masthead pattern is valid")
});

const STAFF_ROLES: &[&str] = &[
    "责任编辑",
    "编辑",
    "校对",
    "组版",
    "美编",
    "版式",
    "审读",
    "值班",
];

/// Recognise one trimmed line as page furniture, or `None` when it is something else.
pub fn parse_header_line(line: &str) -> Option<HeaderPart> {
    // Cheap tests first: this runs on every line of every page.
    if line.is_ascii() {
        return is_romanised_masthead(line).then(|| HeaderPart::Masthead(line.to_owned()));
    }
    if line.ends_with('报') && CN_MASTHEAD.is_match(line) {
        return Some(HeaderPart::Masthead(line.to_owned()));
    }
    let has_separator = line.contains(SEPARATORS);
    if has_separator && let Some(caps) = PAGE_LINE.captures(line) {
        let section = caps
            .get(2)
            .map(|m| m.as_str().trim().to_owned())
            .filter(|s| !s.is_empty());
        let date = match (caps.get(3), caps.get(4), caps.get(5)) {
            (Some(y), Some(m), Some(d)) => Some(format!(
                "{}-{:0>2}-{:0>2}",
                y.as_str(),
                m.as_str(),
                d.as_str()
            )),
            _ => None,
        };
        if section.is_some() || date.is_some() {
            return Some(HeaderPart::PageLine {
                page_no: caps[1].to_owned(),
                section,
                date,
            });
        }
    }
    if has_separator || line.starts_with(['■', '□', '◆']) || line.contains("热线") {
        return parse_staff_line(line);
    }
    None
}

/// Field separators of header lines.
const SEPARATORS: [char; 4] = ['│', '|', '｜', '丨'];

fn is_romanised_masthead(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase()))
        && words
            .iter()
            .any(|w| matches!(*w, "DAILY" | "NEWS" | "EVENING" | "TIMES"))
}

fn parse_staff_line(line: &str) -> Option<HeaderPart> {
    let has_role = STAFF_ROLES.iter().any(|role| {
        line.match_indices(role).any(|(at, _)| {
            line.get(at + role.len()..)
                .is_some_and(|rest| rest.starts_with(['：', ':']))
        })
    });
    if !has_role && !line.contains("热线") {
        return None;
    }
    let mut staff = Vec::new();
    let mut hotline = None;
    for field in line.split(SEPARATORS) {
        let field = field.trim().trim_start_matches(['■', '□', '◆']).trim();
        let Some((key, value)) = field.split_once(['：', ':']) else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            continue;
        }
        if key.contains("热线") {
            hotline = Some(value.to_owned());
        } else {
            staff.push((key.to_owned(), value.to_owned()));
        }
    }
    if staff.is_empty() && hotline.is_none() {
        return None;
    }
    Some(HeaderPart::Staff { staff, hotline })
}

/// Merge one header line into the header being assembled.
pub fn merge(header: &mut PageHeader, part: HeaderPart) {
    match part {
        HeaderPart::Masthead(name) => header.paper = Some(name),
        HeaderPart::PageLine {
            page_no,
            section,
            date,
        } => {
            header.page_no = Some(page_no);
            header.section = section.or(header.section.take());
            header.date = date.or(header.date.take());
        }
        HeaderPart::Staff { staff, hotline } => {
            header.staff.extend(staff);
            header.hotline = hotline.or(header.hotline.take());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_line_gives_number_section_and_date() {
        assert_eq!(
            parse_header_line("A08│孟州新闻2023年3月7日 星期二"),
            Some(HeaderPart::PageLine {
                page_no: "A08".into(),
                section: Some("孟州新闻".into()),
                date: Some("2023-03-07".into()),
            })
        );
        assert_eq!(
            parse_header_line("12 | 沁阳新闻 2020年3月16日 星期一"),
            Some(HeaderPart::PageLine {
                page_no: "12".into(),
                section: Some("沁阳新闻".into()),
                date: Some("2020-03-16".into()),
            })
        );
    }

    #[test]
    fn staff_line_gives_roles_and_hotline() {
        let part = parse_header_line("■新闻热线：8797000│■编辑：刘振毅│校对：谢欣汝│组版：牛成文");
        let Some(HeaderPart::Staff { staff, hotline }) = part else {
            panic!("not a staff line: {part:?}");
        };
        assert_eq!(hotline.as_deref(), Some("8797000"));
        assert_eq!(staff.len(), 3);
        assert_eq!(staff[0], ("编辑".to_owned(), "刘振毅".to_owned()));
    }

    #[test]
    fn mastheads_are_recognised() {
        assert!(matches!(
            parse_header_line("JIAOZUO DAILY"),
            Some(HeaderPart::Masthead(_))
        ));
        assert!(matches!(
            parse_header_line("焦作日报"),
            Some(HeaderPart::Masthead(_))
        ));
    }

    #[test]
    fn body_text_is_not_a_header() {
        assert_eq!(parse_header_line("会议强调，要明确目标任务，扎实"), None);
        assert_eq!(parse_header_line("示范区党政联席会议召开"), None);
        assert_eq!(parse_header_line("编辑部的同志们"), None);
    }

    #[test]
    fn merging_fills_the_header() {
        let mut header = PageHeader::default();
        for line in [
            "JIAOZUO DAILY",
            "A08│孟州新闻2023年3月7日 星期二",
            "■新闻热线：8797000│■编辑：刘振毅",
        ] {
            merge(&mut header, parse_header_line(line).expect("header line"));
        }
        assert_eq!(header.page_no.as_deref(), Some("A08"));
        assert_eq!(header.date.as_deref(), Some("2023-03-07"));
        assert_eq!(header.staff.get("编辑").map(String::as_str), Some("刘振毅"));
        assert_eq!(header.paper.as_deref(), Some("JIAOZUO DAILY"));
    }
}
