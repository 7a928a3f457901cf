//! Whether text decoded as GB18030 reads as Chinese, so another legacy encoding is refused.
//!
//! GB18030 decodes nearly any byte soup, and most two-byte codes of other East Asian legacy
//! encodings are valid GB18030 too: a Shift-JIS page decodes without a single replacement
//! character, as a page of rare ideographs. Real Chinese text is mostly made of the 3,755
//! common characters of GB2312 level 1 and the punctuation of its symbol rows (together the
//! codes with a first byte `A1`–`A9` or `B0`–`D7`), while Shift-JIS never uses those first
//! bytes for its two-byte codes, so its kana, kanji and punctuation all land elsewhere. Text
//! in which nearly all non-ASCII characters are outside that common set is not Chinese
//! decoded right: it is refused as undecodable. Traditional Chinese in GBK still passes (its
//! most frequent characters and its punctuation are common ones).

use std::sync::OnceLock;

use encoding_rs::GB18030;

use crate::ingest::decode::DecodeError;

/// Fewer non-ASCII characters than this are too few to judge: accepted.
const MIN_JUDGED: usize = 16;
/// Non-ASCII characters looked at, at most (the start of a page decides, as for a person).
const MAX_JUDGED: usize = 1 << 20;
/// Text with more rare characters than this, per hundred non-ASCII ones, is not Chinese.
const MAX_RARE_PER_HUNDRED: usize = 70;

/// Refuses text decoded from GB18030 whose non-ASCII characters are nearly all rare ones.
pub fn check_chinese(text: &str) -> Result<(), DecodeError> {
    let common = common_characters();
    let mut chars = 0;
    let mut rare = 0;
    for c in text.chars().filter(|c| !c.is_ascii()).take(MAX_JUDGED) {
        chars += 1;
        rare += usize::from(common.binary_search(&c).is_err());
    }
    if chars >= MIN_JUDGED && rare * 100 > chars * MAX_RARE_PER_HUNDRED {
        return Err(DecodeError::Undecodable { bad: rare, chars });
    }
    Ok(())
}

/// GB2312's symbol rows and level-1 characters, sorted.
fn common_characters() -> &'static [char] {
    static COMMON: OnceLock<Vec<char>> = OnceLock::new();
    COMMON.get_or_init(|| {
        let mut bytes = Vec::new();
        for lead in (0xA1..=0xA9u8).chain(0xB0..=0xD7) {
            for trail in 0xA1..=0xFEu8 {
                bytes.extend([lead, trail]);
            }
        }
        let (text, _) = GB18030.decode_without_bom_handling(&bytes);
        let mut common: Vec<char> = text
            .chars()
            .filter(|&c| {
                c != char::REPLACEMENT_CHARACTER && !('\u{E000}'..='\u{F8FF}').contains(&c)
            })
            .collect();
        common.sort_unstable();
        common.dedup();
        common
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GBK, SHIFT_JIS};

    fn round_trip(text: &str, encoding: &'static encoding_rs::Encoding) -> String {
        let (bytes, _, had_errors) = encoding.encode(text);
        assert!(!had_errors, "test text must be encodable");
        GB18030.decode_without_bom_handling(&bytes).0.into_owned()
    }

    #[test]
    fn the_common_set_holds_the_level_1_characters_and_punctuation() {
        let common = common_characters();
        // 3,755 level-1 characters and the symbols of rows A1–A9 (with what GBK added there).
        assert!((4400..4600).contains(&common.len()), "{}", common.len());
        for c in "的一是在不了有和人这中大为，。、“”（）　".chars() {
            assert!(common.binary_search(&c).is_ok(), "{c}");
        }
    }

    #[test]
    fn shift_jis_read_as_gb18030_is_refused() {
        let japanese = "東京都は十日、新しい計画を発表した。市民の生活を守るため、\
                        来年から実施される予定だという。";
        let text = round_trip(japanese, SHIFT_JIS);
        assert!(
            matches!(check_chinese(&text), Err(DecodeError::Undecodable { .. })),
            "{text}"
        );
    }

    #[test]
    fn simplified_and_traditional_chinese_pass() {
        let simplified = "焦作日报　温县\n全县粮食总产达到94.49万吨，增长92.60%。\
                          会议强调，要坚持以人民为中心的发展思想，推动经济高质量发展。";
        let traditional = "會議強調，要堅持以人民為中心的發展思想，推動經濟高質量發展。\
                           記者從市政府獲悉，今年全市糧食總產量創歷史新高。";
        for text in [simplified, traditional] {
            assert_eq!(check_chinese(&round_trip(text, GBK)), Ok(()), "{text}");
        }
    }

    #[test]
    fn a_few_characters_are_not_judged() {
        assert_eq!(check_chinese("Page 3 \u{4E02}\u{4E04}"), Ok(()));
    }
}
