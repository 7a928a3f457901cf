//! `SkimMatcherV2`'s scoring constants and character classes, for characters and key bytes.

/// Score of a cell that cannot be reached (`SkimMatcherV2`'s `i16::MIN`).
pub(super) const NEG_INF: i32 = i16::MIN as i32;
/// Score of one matched character.
pub(super) const SCORE_MATCH: i32 = 16;
/// Penalty for opening a gap.
pub(super) const GAP_START: i32 = -3;
/// Penalty for each character of a gap.
pub(super) const GAP_EXTENSION: i32 = -1;
/// Bonus for a match at the start of the text or after a hard separator.
pub(super) const BONUS_HEAD: i32 = SCORE_MATCH / 2;
/// Bonus for a match after punctuation.
pub(super) const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
/// Bonus for an upper-case letter after a lower-case letter or a digit.
pub(super) const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
/// Least bonus of a match that continues a run.
pub(super) const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
/// Penalty when the characters match only ignoring ASCII case.
pub(super) const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
/// The bonus of the very first character of the text is multiplied by this.
pub(super) const FIRST_CHAR_MULTIPLIER: i32 = 2;

/// Character classes, as `SkimMatcherV2` sees them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

impl CharType {
    pub(super) fn of(c: char) -> CharType {
        match c {
            '\0' => CharType::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
            '0'..='9' => CharType::Number,
            'A'..='Z' => CharType::Upper,
            _ => CharType::Lower,
        }
    }
}

/// Bonus of a character of type `cur` that follows one of type `prev`.
pub(super) fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// Score of text character `c` against pattern character `p`, None when they differ.
pub(super) fn match_score(c: char, p: char) -> Option<i32> {
    if !c.eq_ignore_ascii_case(&p) {
        return None;
    }
    Some(if c == p {
        SCORE_MATCH
    } else {
        SCORE_MATCH + PENALTY_CASE_MISMATCH
    })
}

/// A unit of text the scorer compares: a decoded character, or a byte of an ASCII key.
pub(super) trait Unit: Copy {
    /// The class `SkimMatcherV2` gives the unit.
    fn class(self) -> CharType;
    /// The match score against pattern unit `p` (lower-case), None when they differ.
    fn score_against(self, p: Self) -> Option<i32>;
}

impl Unit for char {
    fn class(self) -> CharType {
        CharType::of(self)
    }

    fn score_against(self, p: char) -> Option<i32> {
        match_score(self, p)
    }
}

/// Bytes of a key: lower-case ASCII letters and digits only, as is the pattern.
impl Unit for u8 {
    fn class(self) -> CharType {
        CharType::of(char::from(self))
    }

    fn score_against(self, p: u8) -> Option<i32> {
        (self == p).then_some(SCORE_MATCH)
    }
}
