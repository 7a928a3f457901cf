//! The reference scorer's metrics, computed in Rust from gold files and parsed articles.
//!
//! A faithful port of `score.py`: a gold article is found when an unused exported article of
//! the same source has the gold `start` within the first 40 characters of its body, and it is
//! segmented right when the gold `end` also lies within the last 24 characters.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use papertui::model::Article;
use serde::Deserialize;

/// One gold file.
#[derive(Deserialize)]
pub struct GoldPage {
    pub source: String,
    pub articles: Vec<GoldArticle>,
}

/// One gold article (only the scored fields).
#[derive(Deserialize)]
pub struct GoldArticle {
    pub kind: String,
    pub title: Option<String>,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub start: String,
    pub end: String,
    pub date: Option<String>,
    pub reporters: Vec<String>,
    pub correspondents: Vec<String>,
    pub credits: Vec<String>,
    pub persons: Vec<String>,
    #[serde(default)]
    pub persons_optional: Vec<String>,
}

/// Every gold page under `dir`, in file-name order.
pub fn load_gold(dir: &Path) -> Vec<GoldPage> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("gold directory")
        .map(|e| e.expect("gold entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            serde_json::from_str(&std::fs::read_to_string(p).expect("gold file"))
                .expect("gold JSON")
        })
        .collect()
}

/// The scorer's figures.
#[derive(Debug, Default)]
pub struct Metrics {
    pub gold_articles: usize,
    pub exported_articles: usize,
    pub segmentation_f1: f64,
    pub title_accuracy: f64,
    pub headline_block_accuracy: f64,
    pub kind_accuracy: f64,
    pub date_accuracy: f64,
    pub byline_accuracy: f64,
    pub person_precision: f64,
    pub person_recall: f64,
    pub paragraphs_ending_terminal: f64,
    pub spaces_between_cjk: usize,
    /// What went wrong, one line per miss, for assertion messages.
    pub misses: Vec<String>,
}

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn body_of(a: &Article) -> Vec<char> {
    strip(&a.paragraphs().collect::<String>()).chars().collect()
}

fn contains(hay: &[char], needle: &str) -> bool {
    let needle: Vec<char> = needle.chars().collect();
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn head(body: &[char], n: usize) -> &[char] {
    &body[..n.min(body.len())]
}

fn tail(body: &[char], n: usize) -> &[char] {
    &body[body.len().saturating_sub(n)..]
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

const TERMINAL: &[char] = &[
    '。', '！', '？', '”', '…', '）', '」', '』', '》', '.', '!', '?', ')', '"',
];

fn is_gap_char(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
        || "，。、；：？！（）《》“”".contains(c)
}

/// Count `CJK \s+ CJK` gaps the way the scorer's regex does (non-overlapping, left to right).
fn cjk_gaps(p: &str) -> usize {
    let chars: Vec<char> = p.chars().collect();
    let (mut i, mut count) = (0, 0);
    while i < chars.len() {
        if is_gap_char(chars[i]) {
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j > i + 1 && j < chars.len() && is_gap_char(chars[j]) {
                count += 1;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    count
}

/// Score `articles` against `gold` exactly as `score.py` does.
pub fn score(gold: &[GoldPage], articles: &[Article]) -> Metrics {
    let mut by_source: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
    for a in articles {
        let name = Path::new(&*a.source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        by_source.entry(name).or_default().push(a);
    }
    let mut m = Metrics::default();
    let (mut segmented, mut found, mut title_ok, mut title_total, mut block_ok) = (0, 0, 0, 0, 0);
    let (mut kind_ok, mut date_ok, mut date_total, mut byline_ok) = (0, 0, 0, 0);
    let (mut tp, mut fp, mut fneg, mut paras, mut paras_terminal) = (0, 0, 0, 0, 0);
    for page in gold {
        let preds = by_source.get(&page.source).cloned().unwrap_or_default();
        let bodies: Vec<Vec<char>> = preds.iter().map(|a| body_of(a)).collect();
        m.exported_articles += preds.len();
        for a in &preds {
            for p in a.paragraphs() {
                let p = p.trim();
                if !p.is_empty() {
                    paras += 1;
                    paras_terminal += usize::from(p.ends_with(TERMINAL));
                    m.spaces_between_cjk += cjk_gaps(p);
                }
            }
        }
        let mut used = HashSet::new();
        for g in &page.articles {
            m.gold_articles += 1;
            let start_len = g.start.chars().count();
            let end_len = g.end.chars().count();
            let ends = |i: usize| contains(tail(&bodies[i], 24 + end_len), &g.end);
            let titled = |i: usize| {
                strip(preds[i].title().unwrap_or("")) == strip(g.title.as_deref().unwrap_or(""))
            };
            let hit = (0..preds.len())
                .filter(|i| {
                    !used.contains(i) && contains(head(&bodies[*i], 40 + start_len), &g.start)
                })
                .min_by_key(|&i| (!ends(i), !titled(i), i));
            let Some(i) = hit else {
                m.misses.push(format!(
                    "{}: MISSING article starting {:?}",
                    page.source, g.start
                ));
                continue;
            };
            used.insert(i);
            found += 1;
            let a = preds[i];
            if ends(i) {
                segmented += 1;
            } else {
                let got: String = tail(&bodies[i], 30).iter().collect();
                m.misses.push(format!(
                    "{}: END wrong for {:?}: want …{:?} got …{got:?}",
                    page.source, g.start, g.end
                ));
            }
            if let Some(gt) = g.title.as_deref().filter(|t| !t.is_empty()) {
                title_total += 1;
                if strip(a.title().unwrap_or("")) == strip(gt) {
                    title_ok += 1;
                } else {
                    m.misses.push(format!(
                        "{}: TITLE want {gt:?} got {:?}",
                        page.source,
                        a.title()
                    ));
                }
            }
            let block = |k: Option<&str>, t: Option<&str>, s: Option<&str>| {
                strip(&format!(
                    "{}{}{}",
                    k.unwrap_or(""),
                    t.unwrap_or(""),
                    s.unwrap_or("")
                ))
            };
            if block(
                g.kicker.as_deref(),
                g.title.as_deref(),
                g.subtitle.as_deref(),
            ) == block(a.kicker(), a.title(), a.subtitle())
            {
                block_ok += 1;
            } else {
                m.misses.push(format!(
                    "{}: HEADLINE want {:?}/{:?}/{:?} got {:?}/{:?}/{:?}",
                    page.source,
                    g.kicker,
                    g.title,
                    g.subtitle,
                    a.kicker(),
                    a.title(),
                    a.subtitle()
                ));
            }
            if a.kind.as_str() == g.kind {
                kind_ok += 1;
            } else {
                m.misses.push(format!(
                    "{}: KIND {:?} want {} got {}",
                    page.source,
                    g.start,
                    g.kind,
                    a.kind.as_str()
                ));
            }
            if let Some(gd) = g.date.as_deref().filter(|d| !d.is_empty()) {
                date_total += 1;
                let pd = a.date().unwrap_or("");
                let tail5: String = gd
                    .chars()
                    .rev()
                    .take(5)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if pd.ends_with(&tail5) && (gd.chars().count() == 5 || pd == gd) {
                    date_ok += 1;
                } else {
                    m.misses.push(format!(
                        "{}: DATE {:?} want {gd} got {pd}",
                        page.source, g.start
                    ));
                }
            }
            let mut gb: Vec<String> = g
                .reporters
                .iter()
                .chain(&g.correspondents)
                .chain(&g.credits)
                .map(|s| strip(s))
                .collect();
            let mut pb: Vec<String> = a
                .reporters()
                .chain(a.correspondents())
                .chain(a.credits())
                .map(strip)
                .collect();
            gb.sort();
            pb.sort();
            if gb == pb {
                byline_ok += 1;
            } else {
                m.misses.push(format!(
                    "{}: BYLINE {:?} want {gb:?} got {pb:?}",
                    page.source, g.start
                ));
            }
            let gold_p: HashSet<String> = g.persons.iter().map(|s| strip(s)).collect();
            let optional: HashSet<String> = g.persons_optional.iter().map(|s| strip(s)).collect();
            let pred_p: HashSet<String> = a
                .person_names()
                .map(strip)
                .filter(|p| !optional.contains(p))
                .collect();
            tp += gold_p.intersection(&pred_p).count();
            let extra: Vec<&String> = pred_p.difference(&gold_p).collect();
            let missing: Vec<&String> = gold_p.difference(&pred_p).collect();
            fp += extra.len();
            fneg += missing.len();
            if !extra.is_empty() || !missing.is_empty() {
                m.misses.push(format!(
                    "{}: PERSONS {:?} extra={extra:?} missing={missing:?}",
                    page.source, g.start
                ));
            }
        }
    }
    let seg_p = ratio(segmented, m.exported_articles);
    let seg_r = ratio(segmented, m.gold_articles);
    m.segmentation_f1 = if seg_p + seg_r == 0.0 {
        0.0
    } else {
        2.0 * seg_p * seg_r / (seg_p + seg_r)
    };
    m.title_accuracy = ratio(title_ok, title_total);
    m.headline_block_accuracy = ratio(block_ok, found);
    m.kind_accuracy = ratio(kind_ok, found);
    m.date_accuracy = ratio(date_ok, date_total);
    m.byline_accuracy = ratio(byline_ok, found);
    m.person_precision = ratio(tp, tp + fp);
    m.person_recall = ratio(tp, tp + fneg);
    m.paragraphs_ending_terminal = ratio(paras_terminal, paras);
    m
}
