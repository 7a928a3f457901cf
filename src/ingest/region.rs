//! The county or district a story is about, read from its headline or dateline sentence.
//!
//! A place name here is a short run of Han characters ending in 市, 县 or 区 that starts at a
//! boundary (start of text, punctuation, a date, or a preposition such as 在/到/和). Requiring
//! the boundary is what keeps `黄龙山片区` or `副中心城市` out without a list of place names.

use super::chars::is_han;

const SUFFIXES: &[char] = &['市', '县', '区'];
/// Characters that may stand right before a place name inside running text.
const PARTICLES: &[char] = &[
    '在', '到', '赴', '与', '和', '及', '对', '向', '从', '由', '为', '是', '将', '把', '同', '、',
];
/// Function characters that a county or district name never holds.
const FUNCTION_CHARS: &[char] = &[
    '的', '了', '是', '于', '被', '让', '给', '等', '着', '也', '都', '又', '就',
];
/// Characters that start a word that is not a place name (`全市`, `该县`, `我区`).
const NOT_A_PLACE_START: &[char] = &[
    '全', '该', '本', '我', '各', '两', '此', '市', '县', '区', '省',
];
/// `X区` / `X市` words that are not places: 社区, 小区, 城市, 超市 …
const NOT_A_PLACE_BEFORE_SUFFIX: &[char] = &[
    '社', '小', '园', '景', '片', '街', '城', '辖', '山', '校', '营', '矿', '库', '湖', '牧', '灾',
    '疫', '超', '门', '夜', '集', '股', '楼', '上', '都', '菜', '早', '花', '郡', '专', '商', '厂',
    '学', '院', '分',
];

/// The first place name in the headline, else in the dateline sentence of the lead paragraph.
pub fn find_region(title: Option<&str>, lead: &str) -> Option<String> {
    let first_sentence = lead.split(['。', '！', '？']).next().unwrap_or(lead);
    title
        .and_then(first_place)
        .or_else(|| first_place(first_sentence))
}

/// The first place name in `text`.
pub fn first_place(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| SUFFIXES.contains(&chars[i]))
        .find_map(|i| place_ending_at(&chars, i))
}

fn place_ending_at(chars: &[char], suffix_at: usize) -> Option<String> {
    let suffix = chars[suffix_at];
    let min_len = if suffix == '县' { 1 } else { 2 };
    let mut run_start = suffix_at;
    while run_start > 0 && is_han(chars[run_start - 1]) && !is_date_unit(chars, run_start - 1) {
        run_start -= 1;
    }
    let run_len = suffix_at - run_start;
    let accept = |start: usize| {
        let name = &chars[start..suffix_at];
        // A place name is one word: a function character inside (`在孟州`, `大会在`) means the
        // run is a piece of a sentence, not a name.
        let ok = (min_len..=3).contains(&name.len())
            && !NOT_A_PLACE_START.contains(&name[0])
            && !NOT_A_PLACE_BEFORE_SUFFIX.contains(&name[name.len() - 1])
            && !name
                .iter()
                .any(|c| PARTICLES.contains(c) || FUNCTION_CHARS.contains(c));
        ok.then(|| chars[start..=suffix_at].iter().collect::<String>())
    };
    if (min_len..=3).contains(&run_len)
        && let Some(place) = accept(run_start)
    {
        return Some(place);
    }
    // Inside running text: a name right after a preposition (`在孟州市`, `和温县`).
    (min_len..=3.min(run_len.saturating_sub(1)))
        .map(|len| suffix_at - len)
        .find(|&start| PARTICLES.contains(&chars[start - 1]))
        .and_then(accept)
}

/// `年`, `月` or `日` right after a digit ends a date, so it is a boundary.
fn is_date_unit(chars: &[char], at: usize) -> bool {
    matches!(chars[at], '年' | '月' | '日' | '时') && at > 0 && chars[at - 1].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_after_a_comma_or_at_the_start() {
        assert_eq!(
            first_place("3月27日，山阳区委副书记").as_deref(),
            Some("山阳区")
        );
        assert_eq!(first_place("孟州市委常委会召开").as_deref(), Some("孟州市"));
        assert_eq!(first_place("温县2022年度党委书记").as_deref(), Some("温县"));
        assert_eq!(
            first_place("2020年沁阳市招商引资").as_deref(),
            Some("沁阳市")
        );
    }

    #[test]
    fn words_ending_in_a_suffix_are_not_places() {
        assert_eq!(first_place("李建超调研黄龙山片区项目推进工作"), None);
        assert_eq!(first_place("加快推进洛阳副中心城市建设"), None);
        assert_eq!(first_place("全市上下，该区干部"), None);
        assert_eq!(first_place("在电建社区，学雷锋"), None);
        assert_eq!(first_place("区领导与集团客人交流座谈"), None);
    }

    #[test]
    fn sentence_pieces_are_not_places() {
        assert_eq!(first_place("在孟州市召开会议").as_deref(), Some("孟州市"));
        assert_eq!(first_place("大会在市人民会堂召开"), None);
        assert_eq!(first_place("会议是市委召开的"), None);
    }

    #[test]
    fn place_after_a_preposition() {
        assert_eq!(
            first_place("揭牌仪式在孟州市黄河河务局举行").as_deref(),
            Some("孟州市")
        );
    }

    #[test]
    fn skips_a_leading_city_office_for_the_district() {
        assert_eq!(
            first_place("3月4日上午，市政协副主席、示范区（高新区）党工委书记").as_deref(),
            Some("示范区")
        );
    }

    #[test]
    fn headline_first_then_dateline_sentence() {
        assert_eq!(
            find_region(
                Some("郑小林带队督导检查复学准备工作"),
                "近日，山阳区委副书记。孟州市"
            )
            .as_deref(),
            Some("山阳区")
        );
        assert_eq!(
            find_region(Some("孟州市召开会议"), "近日，山阳区委副书记").as_deref(),
            Some("孟州市")
        );
    }
}
