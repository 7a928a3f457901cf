//! Character statistics of person names: how much likelier a character is as a surname, in a
//! given name or in a transliterated name than in running text.
//!
//! The figures come from `name_chars.txt`, which `examples/name_stats.rs` derives from the
//! dictionary jieba-rs ships (its `nr`, `nrfg` and `nrt` entries against the frequencies of
//! all entries). They are log-odds in tenths; a character the file does not list takes the
//! values of its `*` line.

use super::text::{is_dot, is_han};

/// The statistics file, one character a line.
const NAME_CHARS: &str = include_str!("name_chars.txt");

/// First code point of the table: CJK Extension A.
const FIRST: u32 = 0x3400;
/// One past the last code point of the table: the end of the unified ideographs block.
const END: u32 = 0xA000;

/// Which statistic of a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stat {
    /// As the surname of a Chinese name.
    Surname = 0,
    /// In the given name of a Chinese name.
    Given = 1,
    /// In a transliterated foreign name.
    Translit = 2,
}

/// The per-character statistics, a dense table over the ideographs.
pub(super) struct CharStats {
    table: Vec<[i8; 3]>,
    default: [i8; 3],
    /// Every tenth as an `f32`, by its `i8` value as a byte: a look-up instead of a division.
    tenths: [f32; 256],
    /// Everything a row needs of each code point of the Basic Multilingual Plane, in one
    /// place: one look-up per character of a segment. Empty until [`CharStats::mark`].
    rows_info: Vec<RowInfo>,
}

/// What a row takes from its character: the statistics in natural-log units, what the row is
/// marked as ([`SURNAME`], [`ANCHOR`], [`DOT`], [`HAN`]), the character's cue flags and the
/// classes the extractor asked for.
#[derive(Clone, Copy, Debug)]
#[repr(align(16))]
#[repr(C)]
struct RowInfo {
    values: [f32; 3],
    /// The marks in the low byte, the cue flags in the next.
    bits: u16,
    /// What the row carries of the character's classes.
    classes: u16,
}

/// Where the cue flags start in [`RowInfo::bits`].
const CUE_SHIFT: u16 = 8;

/// Mark of a character that may open a surname, single or compound.
const SURNAME: u8 = 1;
/// Mark of a character very likely in a transliterated name.
const ANCHOR: u8 = 2;
/// Mark of a middle dot.
const DOT: u8 = 4;
/// Bit of an ideograph ([`is_han`]) among the marks; it puts a row in no list.
const HAN: u8 = 8;
/// Mark of a character outside the common ideographs (U+4000 to U+9FFF): a clause that
/// opens with a name opens after one.
const BREAK: u8 = 16;
/// Mark of whitespace, which the extractor removes before looking at a segment.
const SPACE: u8 = 32;
/// The marks that put a row in a list of [`RowMarks`].
const LISTED: u8 = SURNAME | ANCHOR | DOT | BREAK;

/// The rows of a segment where a candidate may be anchored, found while the rows are made:
/// most characters anchor none, and the candidate makers visit only these.
#[derive(Default)]
pub(super) struct RowMarks {
    /// Rows whose character may open a surname, ascending.
    pub(super) surnames: Vec<usize>,
    /// Rows whose character is very likely in a transliterated name, ascending.
    pub(super) anchors: Vec<usize>,
    /// Rows of middle dots, ascending.
    pub(super) dots: Vec<usize>,
    /// Rows of characters outside the common ideographs (see [`is_common_han`]), ascending.
    pub(super) breaks: Vec<usize>,
}

/// True for the common ideographs, U+4000 to U+9FFF (UTF-8 lead bytes E4 to E9).
pub(super) fn is_common_han(c: char) -> bool {
    (0x4000..=0x9FFF).contains(&u32::from(c))
}

impl CharStats {
    /// Parses the statistics file that ships with the crate.
    pub(super) fn load() -> Self {
        Self::parse(NAME_CHARS)
    }

    /// Parses a statistics file; malformed lines are skipped.
    fn parse(text: &str) -> Self {
        let mut default = [0i8; 3];
        let mut rows: Vec<(char, [i8; 3])> = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut fields = line.split_ascii_whitespace();
            let (Some(key), Some(values)) = (fields.next(), parse_three(&mut fields)) else {
                continue;
            };
            if key == "*" {
                default = values;
            } else if let Some(c) = key.chars().next() {
                rows.push((c, values));
            }
        }
        let mut table = vec![default; (END - FIRST) as usize];
        for (c, values) in rows {
            if let Some(slot) = (c as u32)
                .checked_sub(FIRST)
                .and_then(|i| table.get_mut(i as usize))
            {
                *slot = values;
            }
        }
        let tenths: [f32; 256] = std::array::from_fn(|b| f32::from(b as u8 as i8) / 10.0);
        CharStats {
            table,
            default,
            tenths,
            rows_info: Vec::new(),
        }
    }

    /// Marks the characters of `surname_first` as surname openers, the ideographs whose
    /// transliteration statistic is `anchor_min` or more as anchors, and the middle dots;
    /// gives each character the flags `cue_flags` says the cue scan needs, and the classes
    /// `classes` says its row carries.
    pub(super) fn mark(
        &mut self,
        surname_first: impl Fn(char) -> bool,
        anchor_min: f32,
        cue_flags: impl Fn(char) -> u8,
        classes: impl Fn(char) -> u16,
    ) {
        self.rows_info = (0..0x1_0000u32)
            .map(|code| {
                let Some(c) = char::from_u32(code) else {
                    return RowInfo {
                        values: [f32::NEG_INFINITY; 3],
                        bits: 0,
                        classes: 0,
                    };
                };
                let values = self.row_values(c);
                let mut mark = 0;
                if surname_first(c) {
                    mark |= SURNAME;
                }
                if (values.get(Stat::Translit as usize)).is_some_and(|&v| v >= anchor_min) {
                    mark |= ANCHOR;
                }
                if is_dot(c) {
                    mark |= DOT;
                }
                if is_han(c) {
                    mark |= HAN;
                }
                if !is_common_han(c) {
                    mark |= BREAK;
                }
                if c.is_whitespace() {
                    mark |= SPACE;
                }
                RowInfo {
                    values,
                    bits: u16::from(mark) | u16::from(cue_flags(c)) << CUE_SHIFT,
                    classes: classes(c),
                }
            })
            .collect();
    }

    /// The statistics of `c` as its row holds them, in natural-log units (-inf for a
    /// character that is not an ideograph).
    #[inline]
    fn row_values(&self, c: char) -> [f32; 3] {
        // Every character of the table's range is an ideograph.
        match (c as u32)
            .checked_sub(FIRST)
            .and_then(|i| self.table.get(i as usize))
        {
            Some(row) => row.map(|v| self.tenth(v)),
            None if is_han(c) => self.default.map(|v| self.tenth(v)),
            None => [f32::NEG_INFINITY; 3],
        }
    }

    /// The statistic `which` of `c`, in natural-log units.
    #[inline]
    pub(super) fn get(&self, c: char, which: Stat) -> f32 {
        let row = (c as u32)
            .checked_sub(FIRST)
            .and_then(|i| self.table.get(i as usize))
            .unwrap_or(&self.default);
        self.tenth(row[which as usize])
    }
}

/// One character of a segment with its byte offset and statistics (for characters that are
/// not ideographs, every statistic is -inf).
///
/// The statistics, the marks and the classes come first, laid out as in the character's
/// entry of the table, so that making a row copies the entry whole.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub(super) struct Row {
    pub(super) surname: f32,
    pub(super) given: f32,
    pub(super) translit: f32,
    /// The marks (low byte) and the cue flags of the character.
    bits: u16,
    /// The classes of the character the extractor asked the rows to carry (see
    /// [`CharStats::mark`]).
    pub(super) classes: u16,
    pub(super) c: char,
    pub(super) off: usize,
}

impl CharStats {
    /// A value of the table in natural-log units.
    #[inline]
    fn tenth(&self, v: i8) -> f32 {
        self.tenths
            .get(usize::from(v as u8))
            .copied()
            .unwrap_or(0.0)
    }

    /// The rows of every character of `text`, in `out` (cleared first).
    ///
    /// The loop only decodes, looks each character up and stores its row; the cue scan
    /// reads the marks and the cue flags from the rows afterwards.
    pub(super) fn rows(&self, text: &str, out: &mut Vec<Row>) {
        out.clear();
        // Mostly ideographs, three bytes each.
        out.reserve(text.len() / 3 + 1);
        for (off, c) in text.char_indices() {
            let info = match self.rows_info.get(c as usize) {
                Some(&info) => info,
                // Beyond the Basic Multilingual Plane (or before `mark`): no surname, anchor
                // or dot, and no class.
                None => RowInfo {
                    values: self.row_values(c),
                    bits: u16::from(
                        if is_han(c) { HAN } else { 0 }
                            | if c.is_whitespace() { SPACE } else { 0 }
                            | BREAK,
                    ),
                    classes: 0,
                },
            };
            let [surname, given, translit] = info.values;
            out.push(Row {
                off,
                c,
                surname,
                given,
                translit,
                classes: info.classes,
                bits: info.bits,
            });
        }
    }
}

impl Row {
    /// True when the character is an ideograph ([`is_han`]).
    #[inline]
    pub(super) fn is_han(&self) -> bool {
        self.bits as u8 & HAN != 0
    }

    /// True when the character is whitespace (every such character is in the Basic
    /// Multilingual Plane, whose characters the table marks).
    #[inline]
    pub(super) fn is_space(&self) -> bool {
        self.bits as u8 & SPACE != 0
    }

    /// The character's cue flags (see [`CharStats::mark`]).
    #[inline]
    pub(super) fn cue_flags(&self) -> u8 {
        (self.bits >> CUE_SHIFT) as u8
    }
}

impl RowMarks {
    /// Empties the lists.
    pub(super) fn clear(&mut self) {
        self.surnames.clear();
        self.anchors.clear();
        self.dots.clear();
        self.breaks.clear();
    }

    /// The rows that open a clause of common ideographs, ascending: the first row and every
    /// row after a break, when they are common ideographs themselves (`len` rows in all).
    pub(super) fn clause_openers(&self, len: usize) -> impl Iterator<Item = usize> + '_ {
        let first = (len > 0 && self.breaks.first() != Some(&0)).then_some(0);
        let after_breaks = self.breaks.iter().enumerate().filter_map(move |(i, &b)| {
            let k = b + 1;
            (k < len && self.breaks.get(i + 1) != Some(&k)).then_some(k)
        });
        first.into_iter().chain(after_breaks)
    }

    /// Adds row `k` to the lists it is marked for.
    #[inline]
    pub(super) fn note(&mut self, k: usize, row: &Row) {
        let mark = row.bits as u8;
        if mark & LISTED != 0 {
            if mark & SURNAME != 0 {
                self.surnames.push(k);
            }
            if mark & ANCHOR != 0 {
                self.anchors.push(k);
            }
            if mark & DOT != 0 {
                self.dots.push(k);
            }
            if mark & BREAK != 0 {
                self.breaks.push(k);
            }
        }
    }

    /// The marks of every row of `rows`.
    #[cfg(test)]
    pub(super) fn of(rows: &[Row]) -> RowMarks {
        let mut marks = RowMarks::default();
        for (k, row) in rows.iter().enumerate() {
            marks.note(k, row);
        }
        marks
    }
}

/// Three signed tenths.
fn parse_three<'a>(fields: &mut impl Iterator<Item = &'a str>) -> Option<[i8; 3]> {
    let mut out = [0i8; 3];
    for slot in &mut out {
        *slot = fields.next()?.parse().ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_parses_with_common_surnames_and_transliteration_characters() {
        let s = CharStats::load();
        for c in "王李张刘陈杨赵".chars() {
            assert!(s.get(c, Stat::Surname) > 3.0, "{c}");
        }
        for c in "斯尔克德".chars() {
            assert!(s.get(c, Stat::Translit) > 2.0, "{c}");
        }
        for c in "的了是在".chars() {
            assert!(s.get(c, Stat::Given) < -2.0, "{c}");
            assert!(s.get(c, Stat::Translit) < -2.0, "{c}");
        }
        // Outside the table: the defaults.
        assert_eq!(s.get('a', Stat::Given), s.get('\u{9ffe}', Stat::Given));
    }

    #[test]
    fn rows_hold_the_statistics_of_ideographs_and_none_of_other_characters() {
        let s = CharStats::load();
        let text = "王立·克林顿a，\u{f900}\u{9ffe}";
        let mut rows = Vec::new();
        s.rows(text, &mut rows);
        assert_eq!(rows.len(), text.chars().count());
        for (r, (off, c)) in rows.iter().zip(text.char_indices()) {
            assert_eq!((r.off, r.c), (off, c));
            let want = |which| {
                if is_han(c) {
                    s.get(c, which)
                } else {
                    f32::NEG_INFINITY
                }
            };
            assert_eq!(r.surname, want(Stat::Surname), "{c}");
            assert_eq!(r.given, want(Stat::Given), "{c}");
            assert_eq!(r.translit, want(Stat::Translit), "{c}");
            assert_eq!(r.is_han(), is_han(c), "{c}");
        }
        // Marked, the rows say the same.
        let mut marked = CharStats::load();
        marked.mark(|_| false, 1.2, |_| 0, |_| 0);
        let mut again = Vec::new();
        marked.rows(text, &mut again);
        for (r, (_, c)) in again.iter().zip(text.char_indices()) {
            assert_eq!(r.is_han(), is_han(c), "{c}");
        }
    }

    #[test]
    fn marks_are_the_rows_a_scan_of_every_row_would_pick() {
        let mut s = CharStats::load();
        let surname = |c: char| matches!(c, '王' | '欧' | '\u{f900}');
        s.mark(surname, 1.2, |_| 0, |_| 0);
        let text = "王立·克林顿a，欧阳和\u{f900}•王\u{9ffe}斯";
        let mut rows = Vec::new();
        s.rows(text, &mut rows);
        let marks = RowMarks::of(&rows);
        let pick = |keep: &dyn Fn(&Row) -> bool| -> Vec<usize> {
            (rows.iter().enumerate())
                .filter(|(_, r)| keep(r))
                .map(|(k, _)| k)
                .collect()
        };
        assert_eq!(marks.surnames, pick(&|r| surname(r.c)));
        assert_eq!(marks.surnames.len(), 4);
        assert_eq!(marks.anchors, pick(&|r| r.translit >= 1.2));
        assert!(marks.anchors.len() >= 3, "{:?}", marks.anchors);
        assert_eq!(marks.dots, pick(&|r| is_dot(r.c)));
        assert_eq!(marks.dots.len(), 2);
    }

    #[test]
    fn unlisted_characters_take_the_star_line() {
        let s = CharStats::parse("# c\n* -5 -4 -3\n王 36 15 13\nbad line\n");
        assert_eq!(s.get('王', Stat::Surname), 3.6);
        assert_eq!(s.get('李', Stat::Translit), -0.3);
    }
}
