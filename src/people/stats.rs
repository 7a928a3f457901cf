//! Character statistics of person names: how much likelier a character is as a surname, in a
//! given name or in a transliterated name than in running text.
//!
//! The figures come from `name_chars.txt`, which `examples/name_stats.rs` derives from the
//! dictionary jieba-rs ships (its `nr`, `nrfg` and `nrt` entries against the frequencies of
//! all entries). They are log-odds in tenths; a character the file does not list takes the
//! values of its `*` line.

use super::text::is_han;

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
    /// `table` and `default` in natural-log units, for the rows of a segment.
    values: Vec<[f32; 3]>,
    default_values: [f32; 3],
    /// Every tenth as an `f32`, by its `i8` value as a byte: a look-up instead of a division.
    tenths: [f32; 256],
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
        let in_units =
            |row: [i8; 3]| row.map(|v| tenths.get(usize::from(v as u8)).copied().unwrap_or(0.0));
        CharStats {
            values: table.iter().map(|&row| in_units(row)).collect(),
            default_values: in_units(default),
            table,
            default,
            tenths,
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
#[derive(Clone, Copy, Debug)]
pub(super) struct Row {
    pub(super) off: usize,
    pub(super) c: char,
    pub(super) surname: f32,
    pub(super) given: f32,
    pub(super) translit: f32,
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
    pub(super) fn rows(&self, text: &str, out: &mut Vec<Row>) {
        out.clear();
        // Mostly ideographs, three bytes each.
        out.reserve(text.len() / 3 + 1);
        for (off, c) in text.char_indices() {
            // Every character of the table's range is an ideograph.
            let [surname, given, translit] = match (c as u32)
                .checked_sub(FIRST)
                .and_then(|i| self.values.get(i as usize))
            {
                Some(&values) => values,
                None if is_han(c) => self.default_values,
                None => [f32::NEG_INFINITY; 3],
            };
            out.push(Row {
                off,
                c,
                surname,
                given,
                translit,
            });
        }
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
        }
    }

    #[test]
    fn unlisted_characters_take_the_star_line() {
        let s = CharStats::parse("# c\n* -5 -4 -3\n王 36 15 13\nbad line\n");
        assert_eq!(s.get('王', Stat::Surname), 3.6);
        assert_eq!(s.get('李', Stat::Translit), -0.3);
    }
}
