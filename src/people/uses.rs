//! Where a name is part of another name (a doctrine, a campaign, an institution, an
//! organisation) rather than a person's appearance: `邓小平理论`, `学雷锋`, `韩愈小学`,
//! `雅戈尔集团`.

use super::PersonExtractor;
use super::text::{HAN_LEN, is_han};
use super::words::{DOCTRINES, NOT_CAMPAIGN};

/// Words after a name that make it part of a campaign or institution name (`雷锋精神`).
pub(super) const NAME_USES: &[&str] = &[
    "精神",
    "故事",
    "小学",
    "中学",
    "大学",
    "学校",
    "纪念馆",
    "故居",
    "路",
    "大道",
    "街",
    "广场",
    "公园",
    "式",
    "杯",
    "奖",
    "班",
    "号",
    "题材",
    "文化",
    "诗",
    "墓",
    "祠",
];

/// Words that, right after a name or after a name and one more word, make it an
/// organisation's name (`某某集团`, `某某汽车公司`, `某某基金会`).
const ORGANISATION_ENDS: [&str; 3] = ["公司", "集团", "基金会"];

impl PersonExtractor {
    /// True when the name at `start..end` of `text` is used inside a doctrine, campaign,
    /// institution or organisation name, not as a person's appearance.
    pub(super) fn name_use(&self, text: &str, start: usize, end: usize) -> bool {
        let after = text.get(end..).unwrap_or_default();
        if NAME_USES
            .iter()
            .chain(DOCTRINES)
            .any(|w| after.starts_with(w))
        {
            return true;
        }
        let mut before = text.get(..start).unwrap_or_default().chars().rev();
        if before.next() == Some('学') && !before.next().is_some_and(|c| NOT_CAMPAIGN.contains(c))
        {
            return true;
        }
        self.organisation_use(after)
    }

    /// True when `after`, the text after a name, goes on with an organisation word, right
    /// away or after one two-character dictionary word.
    fn organisation_use(&self, after: &str) -> bool {
        let ends = |t: &str| ORGANISATION_ENDS.iter().any(|o| t.starts_with(o));
        if ends(after) {
            return true;
        }
        let word_end = 2 * HAN_LEN;
        after.get(..word_end).is_some_and(|w| {
            w.chars().all(is_han) && self.has_word(w) && after.get(word_end..).is_some_and(ends)
        })
    }
}
