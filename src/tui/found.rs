//! Where a match is: the filter's words or the reader's own search marked in the open
//! article's laid-out lines (so the reader highlights them, opens at the first one and steps
//! from one to the next), and the person through whom a list row matched.
//!
//! Matches are looked for within each line after layout, so a word broken across two lines
//! is not marked.

use super::doc::{DocLine, Run, Tone};
use crate::fulltext::kwic;
use crate::search::{Catalog, Query, Scope, positions};
use crate::store::{ArticleId, PersonId};

/// What the reader's lines are marked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marking {
    /// The filter's words and phrases (in the headline and body).
    Filter(Vec<String>),
    /// The reader's search of the article (anywhere in its lines).
    Find(String),
}

/// Marks every occurrence of `needle` in `doc`'s lines as [`Tone::Match`], whatever their
/// tone, ASCII letters regardless of case; returns the lines holding one, in order.
pub fn mark_find(doc: &mut [DocLine], needle: &str) -> Vec<usize> {
    let needle: Vec<char> = needle.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut lines = Vec::new();
    if needle.is_empty() {
        return lines;
    }
    for (n, line) in doc.iter_mut().enumerate() {
        let chars: Vec<(char, Tone)> = line
            .iter()
            .flat_map(|r| r.text.chars().map(move |c| (c, r.tone)))
            .collect();
        let mut hit = vec![false; chars.len()];
        let mut at = 0;
        let mut found = false;
        while at + needle.len() <= chars.len() {
            let here = chars[at..at + needle.len()]
                .iter()
                .zip(&needle)
                .all(|(&(c, _), &w)| c.to_ascii_lowercase() == w);
            if here {
                hit[at..at + needle.len()]
                    .iter_mut()
                    .for_each(|h| *h = true);
                at += needle.len();
                found = true;
            } else {
                at += 1;
            }
        }
        if !found {
            continue;
        }
        lines.push(n);
        let mut marked: DocLine = Vec::with_capacity(line.len() + 2);
        for ((c, tone), is_hit) in chars.into_iter().zip(hit) {
            push_toned(&mut marked, c, if is_hit { Tone::Match } else { tone });
        }
        *line = marked;
    }
    lines
}

/// The first of `matches` (line numbers, ascending) at or after `line`.
pub fn at_or_after(matches: &[usize], line: usize) -> Option<usize> {
    let i = matches.partition_point(|&m| m < line);
    (i < matches.len()).then_some(i)
}

/// The last of `matches` (line numbers, ascending) at or before `line`.
pub fn at_or_before(matches: &[usize], line: usize) -> Option<usize> {
    matches.partition_point(|&m| m <= line).checked_sub(1)
}

/// The person of article `id` through whom it matches `query`, with the character positions
/// of the name that matched: in the person scope (`@wang`) the one matching most words; in
/// the `all` scope the one matching the words its headline does not hold. None when the
/// headline explains the match, or no person does.
pub fn matched_person(
    store: &Catalog,
    id: ArticleId,
    query: &Query,
) -> Option<(PersonId, Vec<usize>)> {
    let words: Vec<String> = match query.scope {
        Scope::Headline => return None,
        Scope::Person => query.words.clone(),
        Scope::All => {
            let headline = store.index().headline(id);
            query
                .words
                .iter()
                .filter(|w| positions(headline, &single(w, Scope::All)).is_empty())
                .cloned()
                .collect()
        }
    };
    if words.is_empty() {
        return None;
    }
    // The person matching most words, then the one whose matched characters lie closest
    // together (`lp` is 吕沛 rather than 卢和平).
    let mut best: Option<(PersonRank, PersonId, Vec<usize>)> = None;
    for &person in store.people_of_article(id) {
        let name = store.person_name(person);
        let mut matched = 0;
        let mut at = Vec::new();
        for w in &words {
            let p = positions(name, &single(w, Scope::Person));
            if !p.is_empty() {
                matched += 1;
                at.extend(p);
            }
        }
        at.sort_unstable();
        at.dedup();
        let span = match (at.first(), at.last()) {
            (Some(a), Some(b)) => b - a,
            _ => continue,
        };
        let rank = (matched, std::cmp::Reverse(span));
        if best.as_ref().is_none_or(|b| rank > b.0) {
            best = Some((rank, person, at));
        }
    }
    best.map(|(_, person, at)| (person, at))
}

/// How well a person explains a match: words matched, then closeness of the characters.
type PersonRank = (usize, std::cmp::Reverse<usize>);

/// A query of one word.
fn single(word: &str, scope: Scope) -> Query {
    Query {
        raw: word.to_owned(),
        scope,
        words: vec![word.to_owned()],
    }
}

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
        push_toned(&mut pieces, c, if is_hit { Tone::Match } else { run.tone });
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

/// Appends `c` in `tone` to `runs`: to the last run when it has that tone, else as a new run.
fn push_toned(runs: &mut Vec<Run>, c: char, tone: Tone) {
    match runs.last_mut() {
        Some(last) if last.tone == tone => last.text.push(c),
        _ => runs.push(Run {
            text: c.to_string(),
            tone,
        }),
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
    fn the_article_search_marks_across_runs_and_ignores_ascii_case() {
        let mut doc = vec![
            line("2023-03-01 GDP", Tone::Meta),
            vec![
                Run {
                    text: "记者吕".to_owned(),
                    tone: Tone::Body,
                },
                Run {
                    text: "沛说".to_owned(),
                    tone: Tone::Name,
                },
            ],
            line("gdp 与 Gdp", Tone::Body),
            line("别的话", Tone::Body),
        ];
        assert_eq!(mark_find(&mut doc.clone(), "吕沛"), vec![1]);
        let lines = mark_find(&mut doc, "gDp");
        assert_eq!(lines, vec![0, 2]);
        let tones: Vec<(&str, Tone)> = doc[2].iter().map(|r| (r.text.as_str(), r.tone)).collect();
        assert_eq!(
            tones,
            vec![
                ("gdp", Tone::Match),
                (" 与 ", Tone::Body),
                ("Gdp", Tone::Match),
            ]
        );
        assert_eq!(doc[0][1].text, "GDP");
        assert_eq!(doc[3], line("别的话", Tone::Body));
        let mut across = vec![vec![
            Run {
                text: "记者吕".to_owned(),
                tone: Tone::Body,
            },
            Run {
                text: "沛说".to_owned(),
                tone: Tone::Name,
            },
        ]];
        mark_find(&mut across, "者吕沛");
        let tones: Vec<(&str, Tone)> = across[0]
            .iter()
            .map(|r| (r.text.as_str(), r.tone))
            .collect();
        assert_eq!(
            tones,
            vec![
                ("记", Tone::Body),
                ("者吕沛", Tone::Match),
                ("说", Tone::Name)
            ]
        );
        assert!(mark_find(&mut doc, "").is_empty());
    }

    #[test]
    fn matches_are_found_from_a_line_on_or_back() {
        let m = [3, 9, 20];
        assert_eq!(at_or_after(&m, 0), Some(0));
        assert_eq!(at_or_after(&m, 9), Some(1));
        assert_eq!(at_or_after(&m, 10), Some(2));
        assert_eq!(at_or_after(&m, 21), None);
        assert_eq!(at_or_before(&m, 2), None);
        assert_eq!(at_or_before(&m, 9), Some(1));
        assert_eq!(at_or_before(&m, 100), Some(2));
    }

    #[test]
    fn a_row_matched_through_a_person_names_that_person() {
        let store = Catalog::build(crate::corpus::sample());
        let lvpei = store.person_by_name("吕沛").expect("吕沛 in the sample");
        let id = store.articles_of_person(lvpei)[0].article;
        let query = Query::parse("@lp", Scope::All);
        let (person, at) = matched_person(&store, id, &query).expect("a person matched");
        assert_eq!(store.person_name(person), "吕沛");
        assert_eq!(at, vec![0, 1]);
        let full = Query::parse("lvpei", Scope::All);
        let (person, at) = matched_person(&store, id, &full).expect("by full pinyin");
        assert_eq!((store.person_name(person), at), ("吕沛", vec![0, 1]));
        // A word the headline holds needs no person; the headline scope never does.
        let headline: String = store.index().headline(id).chars().take(2).collect();
        assert!(matched_person(&store, id, &Query::parse(&headline, Scope::All)).is_none());
        assert!(matched_person(&store, id, &Query::parse("lvpei", Scope::Headline)).is_none());
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
