//! Where the filter's words are in the open article: marked in its laid-out lines, so the
//! reader highlights them, opens at the first one and steps from one to the next.
//!
//! Matches are looked for within each run of a line after layout, so a word broken across
//! two lines is not marked.

use super::doc::{DocLine, Run, Tone};
use crate::fulltext::kwic;

/// Marks every occurrence of `terms` in the headline and body runs of `doc` as
/// [`Tone::Match`]; returns the lines holding one, in order.
pub fn mark_matches(doc: &mut [DocLine], terms: &[String]) -> Vec<usize> {
    let mut lines = Vec::new();
    if terms.is_empty() {
        return lines;
    }
    for (n, line) in doc.iter_mut().enumerate() {
        let mut marked: DocLine = Vec::with_capacity(line.len());
        let mut found = false;
        for run in line.drain(..) {
            if matches!(run.tone, Tone::Meta | Tone::Problem | Tone::Match) {
                marked.push(run);
                continue;
            }
            let pieces = split_run(&run, terms);
            found |= pieces.iter().any(|r| r.tone == Tone::Match);
            marked.extend(pieces);
        }
        *line = marked;
        if found {
            lines.push(n);
        }
    }
    lines
}

/// The run cut into pieces, the occurrences of `terms` as [`Tone::Match`].
fn split_run(run: &Run, terms: &[String]) -> Vec<Run> {
    let chars: Vec<char> = run.text.chars().collect();
    let mut hit = vec![false; chars.len()];
    for term in terms {
        let len = term.chars().count();
        for k in kwic(&run.text, term, 0) {
            for flag in hit.iter_mut().skip(k.at).take(len) {
                *flag = true;
            }
        }
    }
    if !hit.contains(&true) {
        return vec![run.clone()];
    }
    let mut pieces: Vec<Run> = Vec::new();
    for (c, is_hit) in chars.into_iter().zip(hit) {
        let tone = if is_hit { Tone::Match } else { run.tone };
        match pieces.last_mut() {
            Some(last) if last.tone == tone => last.text.push(c),
            _ => pieces.push(Run {
                text: c.to_string(),
                tone,
            }),
        }
    }
    pieces
}

/// The next (`forward`) or previous match line from `current` (an index into `matches`);
/// None past either end.
pub fn step(matches: &[usize], current: Option<usize>, forward: bool) -> Option<usize> {
    match (current, forward) {
        (None, _) if matches.is_empty() => None,
        (None, true) => Some(0),
        (None, false) => None,
        (Some(i), true) => (i + 1 < matches.len()).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, tone: Tone) -> DocLine {
        vec![Run {
            text: text.to_owned(),
            tone,
        }]
    }

    #[test]
    fn matches_are_marked_in_body_and_headline_but_not_in_meta() {
        let mut doc = vec![
            line("黄河流域", Tone::Title),
            line("2023-03-01 黄河", Tone::Meta),
            line("保护黄河，治理黄河", Tone::Body),
            line("别的话", Tone::Body),
        ];
        let lines = mark_matches(&mut doc, &["黄河".to_owned()]);
        assert_eq!(lines, vec![0, 2]);
        let tones: Vec<(&str, Tone)> = doc[2].iter().map(|r| (r.text.as_str(), r.tone)).collect();
        assert_eq!(
            tones,
            vec![
                ("保护", Tone::Body),
                ("黄河", Tone::Match),
                ("，治理", Tone::Body),
                ("黄河", Tone::Match),
            ]
        );
        assert_eq!(doc[1], line("2023-03-01 黄河", Tone::Meta));
        assert_eq!(doc[3], line("别的话", Tone::Body));
    }

    #[test]
    fn stepping_stops_at_either_end() {
        let m = [3, 9, 20];
        assert_eq!(step(&m, None, true), Some(0));
        assert_eq!(step(&m, Some(0), true), Some(1));
        assert_eq!(step(&m, Some(2), true), None);
        assert_eq!(step(&m, Some(1), false), Some(0));
        assert_eq!(step(&m, Some(0), false), None);
        assert_eq!(step(&[], None, true), None);
    }
}
