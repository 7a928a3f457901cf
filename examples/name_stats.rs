//! Writes `src/people/name_chars.txt`, the character statistics of person names, from the
//! dictionary that jieba-rs ships.
//!
//! ```sh
//! DICT="$(dirname "$(cargo metadata --format-version 1 \
//!   | jq -r '.packages[] | select(.name == "jieba-rs") | .manifest_path')")/src/data/dict.txt"
//! cargo run --release --example name_stats -- "$DICT" > src/people/name_chars.txt
//! ```
//!
//! Every dictionary line is `word frequency tag`. A character's frequency in running text is
//! estimated as the sum of the frequencies of the words it occurs in. Three samples of name
//! characters are counted, one entry each:
//! - surnames and given names: entries tagged `nr`/`nrfg` of two or three characters whose
//!   first character is a surname of `src/people/surnames.txt`;
//! - transliterated names: entries tagged `nrt`, and entries tagged `nr`/`nrfg` of four or
//!   more characters that do not open with a compound surname (Chinese given names have one or
//!   two characters, so longer names are foreign).
//!
//! For each sample the file gives log P(character | sample) − log P(character | text), with
//! the sample's counts smoothed towards the text distribution (a Dirichlet prior of weight
//! `ALPHA`), so a character the sample never shows scores log(α / (n + α)) however rare it
//! is. Values are tenths, rounded.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

/// Weight of the prior of each sample: surname, given name, transliteration.
const ALPHA: [f64; 3] = [100.0, 500.0, 200.0];
/// Pseudo-count of every character in the text distribution (of an assumed 8000 characters).
const TEXT_SMOOTHING: f64 = 0.5;
const TEXT_CHARS: f64 = 8000.0;

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: name_stats <jieba-rs>/src/data/dict.txt > src/people/name_chars.txt");
        std::process::exit(2);
    };
    let dict = std::fs::read_to_string(&path)?;
    let mut single = HashSet::new();
    let mut compound = HashSet::new();
    for line in include_str!("../src/people/surnames.txt")
        .lines()
        .map(str::trim)
    {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.chars().count() {
            1 => single.extend(line.chars()),
            2 => {
                compound.insert(line.to_owned());
            }
            _ => {}
        }
    }
    let mut text: HashMap<char, f64> = HashMap::new();
    let mut total = 0.0;
    // Counts per sample: surname, given name, transliteration.
    let mut counts: [BTreeMap<char, f64>; 3] = Default::default();
    for line in dict.lines() {
        let mut fields = line.split_ascii_whitespace();
        let (Some(word), Some(freq)) = (fields.next(), fields.next()) else {
            continue;
        };
        let tag = fields.next().unwrap_or("");
        let freq: f64 = freq.parse().unwrap_or(0.0);
        let chars: Vec<char> = word.chars().collect();
        for &c in &chars {
            *text.entry(c).or_default() += freq;
            total += freq;
        }
        let person = tag == "nr" || tag == "nrfg";
        if person
            && (2..=3).contains(&chars.len())
            && let Some((first, given)) = chars.split_first()
            && single.contains(first)
        {
            *counts[0].entry(*first).or_default() += 1.0;
            for &c in given {
                *counts[1].entry(c).or_default() += 1.0;
            }
        }
        let opens_compound =
            chars.len() >= 2 && compound.contains(&chars[..2].iter().collect::<String>());
        if tag == "nrt" || (person && chars.len() >= 4 && !opens_compound) {
            for &c in chars.iter().filter(|&&c| is_han(c)) {
                *counts[2].entry(c).or_default() += 1.0;
            }
        }
    }
    let sizes: Vec<f64> = counts.iter().map(|m| m.values().sum()).collect();
    let text_p = |c: char| {
        (text.get(&c).copied().unwrap_or(0.0) + TEXT_SMOOTHING)
            / (total + TEXT_SMOOTHING * TEXT_CHARS)
    };
    let score = |k: usize, c: char| {
        let p = text_p(c);
        let n = counts[k].get(&c).copied().unwrap_or(0.0);
        ((n + ALPHA[k] * p) / (sizes[k] + ALPHA[k])).ln() - p.ln()
    };
    let tenths = |x: f64| (x * 10.0).round() as i64;
    let listed: std::collections::BTreeSet<char> = counts
        .iter()
        .flat_map(|m| m.keys().copied())
        .filter(|&c| is_han(c))
        .collect();
    // The crate's version, from its directory in the cargo registry (`…/jieba-rs-0.11.0/…`).
    let version = path
        .split("jieba-rs-")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("(unknown version)");
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(
        out,
        "# Person-name statistics of characters, generated by examples/name_stats.rs from the\n\
         # dictionary of jieba-rs {} (src/data/dict.txt); see that file for how.\n\
         # Columns: character, then log-odds in tenths against the character's frequency in text:\n\
         # as a surname, in a given name, in a transliterated name.\n\
         # The `*` line holds the values of every character that is not listed.",
        version
    )?;
    let defaults: Vec<i64> = (0..3)
        .map(|k| tenths((ALPHA[k] / (sizes[k] + ALPHA[k])).ln()))
        .collect();
    writeln!(out, "* {} {} {}", defaults[0], defaults[1], defaults[2])?;
    for c in listed {
        writeln!(
            out,
            "{c} {} {} {}",
            tenths(score(0, c)),
            tenths(score(1, c)),
            tenths(score(2, c))
        )?;
    }
    out.flush()
}
