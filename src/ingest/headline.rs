//! Headline blocks → kicker (引题), main title and subtitle (副题).
//!
//! The lines printed after a body form one or more blocks separated by blank lines. The longest
//! block is the main title; a block before it is the kicker, a block after it the subtitle.
//! Inside the main block a title that is merely wrapped over two lines stays one title; the
//! last line is a subtitle only when it starts with a dash or when the lines before it already
//! make a complete, clearly longer headline ending in a predicate (`…学习会召开` /
//! `安排部署近期重点工作`).

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
}

/// Words that end a complete headline: what happened, so nothing after it continues the title.
const HEADLINE_PREDICATES: &[&str] = &[
    "召开",
    "举行",
    "举办",
    "启动",
    "揭牌",
    "开幕",
    "闭幕",
    "落幕",
    "成立",
    "开班",
    "结业",
    "开工",
    "竣工",
    "投产",
    "通车",
    "签约",
    "出炉",
    "发布",
    "亮相",
    "开通",
    "揭晓",
    "授牌",
    "挂牌",
    "开业",
    "获批",
    "圆满结束",
    "顺利完成",
];

/// How much longer the title must be than a trailing line for that line to be a subtitle.
const SUBTITLE_LENGTH_GAP: usize = 4;

/// Split headline blocks (each a list of lines, in print order) into kicker, title, subtitle.
pub fn resolve(blocks: &[Vec<String>]) -> Headline {
    let Some(main) = longest_block(blocks) else {
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
    let (title, inner_subtitle) = split_title_block(title_lines);
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
    let phrases: Vec<&str> = first.split_whitespace().collect();
    let two_phrases = phrases.len() == 2 && phrases.iter().all(|p| p.chars().count() >= 2);
    let rest_len: usize = rest.iter().map(|l| visible_len(l)).sum();
    if rest.is_empty() || !two_phrases || visible_len(first) > MAX_INLINE_KICKER {
        return (None, lines);
    }
    if rest_len <= visible_len(first) {
        return (None, lines);
    }
    (Some(normalize_headline(first)), rest)
}

fn longest_block(blocks: &[Vec<String>]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, block) in blocks.iter().enumerate() {
        let len: usize = block.iter().map(|l| visible_len(l)).sum();
        if len > 0 && best.is_none_or(|(_, best_len)| len > best_len) {
            best = Some((i, len));
        }
    }
    best.map(|(i, _)| i)
}

/// One block of lines → title and, when the last line is one, subtitle.
fn split_title_block(lines: &[String]) -> (Option<String>, Option<String>) {
    let Some((last, before)) = lines.split_last() else {
        return (None, None);
    };
    if before.is_empty() {
        return (Some(normalize_headline(last)), None);
    }
    let head = before.concat();
    let dashed = last.starts_with(['—', '─', '-']);
    let complete =
        visible_len(&head) >= visible_len(last) + SUBTITLE_LENGTH_GAP && ends_with_predicate(&head);
    if dashed || complete {
        let subtitle = normalize_headline(last.trim_start_matches(['—', '─', '-']));
        return (Some(normalize_headline(&head)), Some(subtitle));
    }
    (Some(normalize_headline(&lines.concat())), None)
}

fn ends_with_predicate(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with('）') || HEADLINE_PREDICATES.iter().any(|p| text.ends_with(p))
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
    fn no_blocks_no_headline() {
        assert_eq!(resolve(&[]), Headline::default());
    }
}
