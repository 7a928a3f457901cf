//! Headline blocks → kicker (引题), main title and subtitle (副题).
//!
//! A headline block is one or more runs of lines separated by blank lines. The main title is
//! the longest run, unless a shorter one reads as a complete headline (it ends with what
//! happened, `…会议召开`, or with the event it names) while the longer one reads as a kicker
//! (two phrases, a lead-in) or a subtitle (a dash); runs before it are the kicker, runs after
//! it the subtitle. Inside the main run a title merely wrapped over two lines stays one title;
//! its last line is a subtitle only when it is a line of its own after a complete title: it
//! opens with a dash or a clause of its own (`安排部署近期重点工作`, `是…`), or it is much
//! shorter than a title ending in a predicate.

use super::chars::visible_len;
use super::reflow::normalize_headline;

/// The three parts of a headline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headline {
    /// 引题, printed above the title.
    pub kicker: Option<String>,
    /// The main title.
    pub title: Option<String>,
    /// 副题, printed below the title.
    pub subtitle: Option<String>,
    /// The dash that introduced the subtitle (`——`), taken off it.
    pub removed: Option<String>,
}

/// Words that end a complete headline by themselves: what happened (`…揭牌`, `…启动`).
const COMPLETE_PREDICATES: &[&str] = &[
    "揭牌",
    "开幕",
    "闭幕",
    "落幕",
    "启动",
    "揭晓",
    "出炉",
    "亮相",
    "开通",
    "通车",
    "投产",
    "竣工",
    "开工",
    "开业",
    "获批",
    "授牌",
    "挂牌",
    "成立",
    "开班",
    "结业",
    "圆满结束",
    "顺利完成",
];
/// Predicates that complete a headline only after the event they tell of (`…会议召开`, not
/// `某区召开` + its object on the next line).
const EVENT_PREDICATES: &[&str] = &["召开", "举行", "举办", "发布", "签约"];
/// Last characters of event nouns (`会`, `会议`, `仪式`, `活动`, `典礼`, `论坛`, `开班式`).
const EVENT_NOUN_ENDS: &[char] = &['会', '议', '式', '动', '礼', '坛', '赛', '展'];
/// Words that open a clause of its own: a subtitle after a complete title (`安排部署…`).
const CLAUSE_OPENERS: &[&str] = &[
    "研究", "安排", "部署", "推动", "聚焦", "全力", "持续", "助力", "奋力", "加快", "扎实", "切实",
    "深入", "坚持", "确保", "强调", "要求", "号召", "动员", "着力",
];
/// Words that join two parts of one title: a line starting with one continues the title.
const JOINERS: &[char] = &['和', '暨', '及', '与', '并', '同'];

/// Split headline blocks (each a list of lines, in print order) into kicker, title, subtitle.
pub fn resolve(blocks: &[Vec<String>]) -> Headline {
    let Some(main) = title_block(blocks) else {
        return Headline::default();
    };
    let join_blocks = |range: &[Vec<String>]| {
        let text = range
            .iter()
            .map(|b| normalize_headline(&b.concat()))
            .collect::<Vec<_>>()
            .join(" ");
        (!text.is_empty()).then_some(text)
    };
    let (inner_kicker, title_lines) = split_kicker_line(&blocks[main]);
    let (title, inner_subtitle, removed) = split_title_block(title_lines);
    let kicker = match (join_blocks(&blocks[..main]), inner_kicker) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    let subtitle = match (inner_subtitle, join_blocks(&blocks[main + 1..])) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    Headline {
        kicker,
        title,
        subtitle,
        removed,
    }
}

/// Longest kicker printed as the first line of the title block (`云端相约 跨屏牵手`).
const MAX_INLINE_KICKER: usize = 12;

/// A first line made of two short phrases separated by a space, above longer title lines, is a
/// kicker (`云端相约 跨屏牵手` / `某市招商引资项目签约仪式举行`).
fn split_kicker_line(lines: &[String]) -> (Option<String>, &[String]) {
    let Some((first, rest)) = lines.split_first() else {
        return (None, lines);
    };
    let rest_len: usize = rest.iter().map(|l| visible_len(l)).sum();
    if rest.is_empty() || !two_phrases(first) || visible_len(first) > MAX_INLINE_KICKER {
        return (None, lines);
    }
    if rest_len <= visible_len(first) {
        return (None, lines);
    }
    (Some(normalize_headline(first)), rest)
}

/// `云端相约 跨屏牵手`: two phrases of two or more characters separated by a space.
fn two_phrases(line: &str) -> bool {
    let phrases: Vec<&str> = line.split_whitespace().collect();
    phrases.len() == 2 && phrases.iter().all(|p| p.chars().count() >= 2)
}

/// Which block is the main title: the longest, unless a shorter one is a complete headline and
/// the longer one reads as a kicker (two phrases, or a lead-in ending with a dash or colon) or
/// as a subtitle (it opens with a dash).
fn title_block(blocks: &[Vec<String>]) -> Option<usize> {
    let score = |block: &Vec<String>| {
        let text = block.concat();
        let len = visible_len(&text);
        if len == 0 {
            return None;
        }
        let mut s = len as i32;
        if blocks.len() > 1 {
            if complete(&text) {
                s += 12;
            }
            if block.first().is_some_and(|l| two_phrases(l)) || text.ends_with(['—', '：', ':'])
            {
                s -= 12;
            }
            if dashed(&text) {
                s -= 40;
            }
        }
        Some(s)
    };
    let mut best: Option<(usize, i32)> = None;
    for (i, block) in blocks.iter().enumerate() {
        if let Some(s) = score(block)
            && best.is_none_or(|(_, b)| s > b)
        {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// Whether a line opens with a dash (`——记…`): a subtitle.
fn dashed(line: &str) -> bool {
    line.trim_start().starts_with(['—', '─', '-'])
}

/// One block of lines → title and, when the last line is one, subtitle.
///
/// A title wrapped over two lines is one phrase cut anywhere; a subtitle is a line of its own
/// after a complete title: it opens with a dash, or with a clause of its own (`安排部署…`,
/// `是…`), or it is much shorter than a title that ends in a predicate.
fn split_title_block(lines: &[String]) -> (Option<String>, Option<String>, Option<String>) {
    let Some((last, before)) = lines.split_last() else {
        return (None, None, None);
    };
    if before.is_empty() {
        return (Some(normalize_headline(last)), None, None);
    }
    let head = before.concat();
    let last_text = last.trim_start();
    let continues = last_text.starts_with(JOINERS);
    let clause = CLAUSE_OPENERS.iter().any(|w| last_text.starts_with(w));
    let copula = last_text.starts_with(['是', '系']) && visible_len(&head) >= 8;
    let predicate_and_longer =
        ends_with_predicate(&head) && visible_len(&head) >= visible_len(last) + SUBTITLE_LENGTH_GAP;
    let subtitle = dashed(last)
        || (!continues && ((complete(&head) && clause) || copula || predicate_and_longer));
    if subtitle {
        let rest = last.trim_start().trim_start_matches(['—', '─', '-']);
        let dash = last
            .trim_start()
            .get(..last.trim_start().len() - rest.len());
        let removed = dash.filter(|d| !d.is_empty()).map(str::to_owned);
        return (
            Some(normalize_headline(&head)),
            Some(normalize_headline(rest)),
            removed,
        );
    }
    (Some(normalize_headline(&lines.concat())), None, None)
}

/// How much longer the title must be than a trailing line for that line to be a subtitle.
const SUBTITLE_LENGTH_GAP: usize = 4;

/// Whether a headline ends with a predicate that completes it (`…揭牌`, `…会议召开`).
fn ends_with_predicate(text: &str) -> bool {
    let text = text.trim_end();
    if COMPLETE_PREDICATES.iter().any(|p| text.ends_with(p)) {
        return true;
    }
    EVENT_PREDICATES.iter().any(|p| {
        text.strip_suffix(p)
            .and_then(|before| before.chars().next_back())
            .is_some_and(|c| EVENT_NOUN_ENDS.contains(&c))
    })
}

/// Whether a headline reads as complete: it ends with a predicate that completes it, or with
/// the event it names (`…党政联席会`, `…签约仪式`).
fn complete(text: &str) -> bool {
    let text = text.trim_end();
    ends_with_predicate(text)
        || text
            .chars()
            .next_back()
            .is_some_and(|c| EVENT_NOUN_ENDS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| (*l).to_owned()).collect()
    }

    #[test]
    fn wrapped_title_is_one_title() {
        let h = resolve(&[block(&["李建超调研黄龙山", "片区项目推进工作"])]);
        assert_eq!(h.title.as_deref(), Some("李建超调研黄龙山片区项目推进工作"));
        assert_eq!(h.subtitle, None);
        let h = resolve(&[block(&["示范区召开", "优化营商环境工作推进会"])]);
        assert_eq!(h.title.as_deref(), Some("示范区召开优化营商环境工作推进会"));
        let h = resolve(&[block(&["沁阳市召开“四好农村路”", "绿化汇报会"])]);
        assert_eq!(h.subtitle, None);
    }

    #[test]
    fn complete_title_followed_by_a_shorter_line_has_a_subtitle() {
        let h = resolve(&[block(&[
            "某市委常委会暨理论学习中心组学习会召开",
            "安排部署近期重点工作",
        ])]);
        assert_eq!(
            h.title.as_deref(),
            Some("某市委常委会暨理论学习中心组学习会召开")
        );
        assert_eq!(h.subtitle.as_deref(), Some("安排部署近期重点工作"));
    }

    #[test]
    fn dashed_line_is_a_subtitle() {
        let h = resolve(&[block(&["扎根基层三十年", "——记优秀村支书张某"])]);
        assert_eq!(h.title.as_deref(), Some("扎根基层三十年"));
        assert_eq!(h.subtitle.as_deref(), Some("记优秀村支书张某"));
    }

    #[test]
    fn short_block_above_the_title_is_a_kicker() {
        let h = resolve(&[
            block(&["云端相约 跨屏牵手"]),
            block(&["2020年某市招商引资", "项目网络签约仪式举行"]),
        ]);
        assert_eq!(h.kicker.as_deref(), Some("云端相约 跨屏牵手"));
        assert_eq!(
            h.title.as_deref(),
            Some("2020年某市招商引资项目网络签约仪式举行")
        );
        assert_eq!(h.subtitle, None);
    }

    #[test]
    fn two_phrase_first_line_of_a_block_is_a_kicker() {
        let h = resolve(&[block(&[
            "云端相约 跨屏牵手",
            "某市招商引资",
            "项目网络签约仪式举行",
        ])]);
        assert_eq!(h.kicker.as_deref(), Some("云端相约 跨屏牵手"));
        assert_eq!(h.title.as_deref(), Some("某市招商引资项目网络签约仪式举行"));
        let h = resolve(&[block(&["立足岗位 学以致用"])]);
        assert_eq!(h.kicker, None);
    }

    #[test]
    fn a_title_cut_before_its_predicate_stays_one_title() {
        let h = resolve(&[block(&["某区委常委（扩大）", "会议召开"])]);
        assert_eq!(h.title.as_deref(), Some("某区委常委（扩大）会议召开"));
        assert_eq!(h.subtitle, None);
        let h = resolve(&[block(&[
            "某区委常委会暨理论学习中心组学习会",
            "和全区机关党建工作会议召开",
        ])]);
        assert_eq!(h.subtitle, None);
    }

    #[test]
    fn a_clause_under_a_complete_title_is_a_subtitle() {
        let h = resolve(&[block(&["某市委常委会暨党政联席会", "研究部署近期重点工作"])]);
        assert_eq!(h.title.as_deref(), Some("某市委常委会暨党政联席会"));
        assert_eq!(h.subtitle.as_deref(), Some("研究部署近期重点工作"));
        let h = resolve(&[block(&[
            "某县跻身全国百强县（市）",
            "是全省唯一入选的县（市）",
        ])]);
        assert_eq!(h.subtitle.as_deref(), Some("是全省唯一入选的县（市）"));
    }

    #[test]
    fn a_longer_lead_in_above_a_complete_title_is_its_kicker() {
        let h = resolve(&[
            block(&["深入学习贯彻会议精神 奋力谱写发展新篇章"]),
            block(&["某县经济工作会议召开"]),
        ]);
        assert_eq!(
            h.kicker.as_deref(),
            Some("深入学习贯彻会议精神 奋力谱写发展新篇章")
        );
        assert_eq!(h.title.as_deref(), Some("某县经济工作会议召开"));
    }

    #[test]
    fn no_blocks_no_headline() {
        assert_eq!(resolve(&[]), Headline::default());
    }
}
