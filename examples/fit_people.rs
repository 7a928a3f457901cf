//! Fits the weights of the person-name model (`src/people/weights.rs`) by logistic regression.
//!
//! ```sh
//! cargo run --release --example fit_people -- NEWS.jsonl... > src/people/weights.rs
//! cargo run --release --example fit_people -- --split NEWS.jsonl...   # held-out check only
//! cargo run --release --example fit_people -- --refit=cn.right.verb,tr.right.verb NEWS.jsonl...
//! ```
//!
//! Training text: passages of news with their people (one JSON object a line: `text`,
//! `persons`, `persons_optional`), and the sample pages with the people of
//! `tests/fixtures/gold`. Every candidate the extractor makes is an example, labelled by
//! whether it is one of the passage's (or page's) people; optional names are left out. Two
//! models are fitted: one on every feature, one on the features of the cheap stage.
//!
//! `--split` fits on every other passage and reports precision and recall on the rest (and
//! the other way round), with the extractor's two stages and thresholds, instead of writing
//! weights.
//!
//! `--refit=NAME,…` fits only the named weights, starting from the shipped ones and keeping
//! every other weight as it is: how a new kind of evidence joins the model without moving
//! what was fitted before.

use std::collections::HashSet;
use std::fmt::Write as _;

use papertui::people::PersonExtractor;
use papertui::people::training::{
    ACCEPT, Candidate, FEATURE_NAMES, FEATURES, STAGE_ONE, Vector, candidates, cheap_weights,
    full_weights,
};

/// One segment of text with its people.
struct Item {
    group: usize,
    candidates: Vec<Candidate>,
    gold: HashSet<String>,
    optional: HashSet<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().any(|a| a == "--split");
    let refit: Option<Vec<&str>> = args
        .iter()
        .find_map(|a| a.strip_prefix("--refit="))
        .map(|names| names.split(',').collect());
    let free: [bool; FEATURES] = match &refit {
        None => [true; FEATURES],
        Some(names) => {
            for name in names {
                if !FEATURE_NAMES.contains(name) {
                    return Err(format!("no feature named {name}").into());
                }
            }
            std::array::from_fn(|i| FEATURE_NAMES.get(i).is_some_and(|n| names.contains(n)))
        }
    };
    let start = |shipped: Vector| {
        if refit.is_some() {
            shipped
        } else {
            [0.0; FEATURES]
        }
    };
    let starts = (start(full_weights()), start(cheap_weights()));
    let ex = PersonExtractor::shared();
    let mut items = Vec::new();
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        for line in std::fs::read_to_string(path)?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let names = |k: &str| -> HashSet<String> {
                v[k].as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            };
            let text = v["text"].as_str().unwrap_or_default();
            items.push(Item {
                group: items.len(),
                candidates: candidates(ex, text),
                gold: names("persons"),
                optional: names("persons_optional"),
            });
        }
    }
    let news = items.len();
    sample_pages(ex, &mut items)?;
    eprintln!(
        "{news} passages, {} segments of the sample pages",
        items.len() - news
    );
    if split {
        for (train, test) in [(0, 1), (1, 0)] {
            let fit: Vec<&Item> = items
                .iter()
                .filter(|i| i.group >= news || i.group % 2 == train)
                .collect();
            let (full, cheap) = fit_both(&fit, starts, &free);
            let held: Vec<&Item> = items
                .iter()
                .filter(|i| i.group < news && i.group % 2 == test)
                .collect();
            eprintln!("fitted on half {train}, measured on half {test}:");
            for accept in [ACCEPT - 0.1, ACCEPT, ACCEPT + 0.1] {
                let (tp, fp, fn_) = measure(&held, &full, &cheap, accept);
                let p = tp as f32 / (tp + fp).max(1) as f32;
                let r = tp as f32 / (tp + fn_).max(1) as f32;
                eprintln!("  accept {accept:.1}: P {p:.3} R {r:.3} ({tp}/{fp}/{fn_})");
            }
        }
        return Ok(());
    }
    let all: Vec<&Item> = items.iter().collect();
    let (full, cheap) = fit_both(&all, starts, &free);
    print!("{}", weights_file(&full, &cheap));
    Ok(())
}

/// Segments of the sample pages with the people of their page's gold annotation.
fn sample_pages(
    ex: &PersonExtractor,
    items: &mut Vec<Item>,
) -> Result<(), Box<dyn std::error::Error>> {
    let gold_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gold");
    for page in papertui::sample::SAMPLE_PAGES {
        let gold_path = format!("{gold_dir}/{}.json", page.name);
        let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gold_path)?)?;
        let mut names = HashSet::new();
        let mut optional = HashSet::new();
        for a in gold["articles"].as_array().into_iter().flatten() {
            for (key, set) in [("persons", &mut names), ("persons_optional", &mut optional)] {
                set.extend(
                    a[key]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|x| x.as_str().map(str::to_owned)),
                );
            }
        }
        let group = items.len() + 1_000_000;
        for article in papertui::ingest::parse_page(page.name, page.text) {
            for text in article.title().into_iter().chain(article.paragraphs()) {
                items.push(Item {
                    group,
                    candidates: candidates(ex, text),
                    gold: names.clone(),
                    optional: optional.clone(),
                });
            }
        }
    }
    Ok(())
}

/// The full and the cheap model fitted on `items`, from the weights `starts`, moving only the
/// weights marked `free`.
fn fit_both(
    items: &[&Item],
    starts: (Vector, Vector),
    free: &[bool; FEATURES],
) -> (Vector, Vector) {
    let mut full = Vec::new();
    let mut cheap = Vec::new();
    for item in items {
        for c in &item.candidates {
            if item.optional.contains(&c.name) {
                continue;
            }
            let y = f32::from(u8::from(item.gold.contains(&c.name)));
            full.push((c.full, y));
            cheap.push((c.cheap, y));
        }
    }
    (fit(&full, starts.0, free), fit(&cheap, starts.1, free))
}

/// Logistic regression by mini-batch Adam run to convergence, with a light L2 penalty;
/// deterministic. Starts from `start` and moves only the weights marked `free`.
fn fit(examples: &[(Vector, f32)], start: Vector, free: &[bool; FEATURES]) -> Vector {
    const EPOCHS: usize = 300;
    const BATCH: usize = 128;
    const RATE: f32 = 0.005;
    const L2: f32 = 1e-5;
    let mut w = start;
    let (mut m, mut v) = ([0.0f32; FEATURES], [0.0f32; FEATURES]);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut t = 0i32;
    for _ in 0..EPOCHS {
        // Fisher-Yates with xorshift.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for batch in order.chunks(BATCH) {
            let mut g = [0.0f32; FEATURES];
            for &k in batch {
                let Some((x, y)) = examples.get(k) else {
                    continue;
                };
                let z: f32 = w.iter().zip(x).map(|(a, b)| a * b).sum();
                let d = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp()) - y;
                for (gi, xi) in g.iter_mut().zip(x) {
                    *gi += d * xi;
                }
            }
            t += 1;
            for i in (0..FEATURES).filter(|&i| free[i]) {
                let gi = g[i] / batch.len() as f32 + if i == 0 { 0.0 } else { L2 * w[i] };
                if gi == 0.0 && m[i] == 0.0 {
                    continue;
                }
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                let mh = m[i] / (1.0 - 0.9f32.powi(t));
                let vh = v[i] / (1.0 - 0.999f32.powi(t));
                w[i] -= RATE * mh / (vh.sqrt() + 1e-8);
            }
        }
    }
    w
}

fn sigmoid(w: &Vector, x: &Vector) -> f32 {
    let z: f32 = w.iter().zip(x).map(|(a, b)| a * b).sum();
    1.0 / (1.0 + (-z).exp())
}

/// True positives, false positives and misses over held-out passages, decoding each as the
/// extractor does: cheap stage, full model, names after a role kept, best first, no overlap.
fn measure(items: &[&Item], full: &Vector, cheap: &Vector, accept: f32) -> (usize, usize, usize) {
    let role = FEATURE_NAMES
        .iter()
        .position(|n| *n == "rule_role")
        .unwrap_or(0);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for item in items {
        let mut scored: Vec<(f32, &Candidate)> = Vec::new();
        for c in &item.candidates {
            let ruled = c.full.get(role).is_some_and(|&x| x > 0.0);
            let stage: f32 = std::env::var("STAGE")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(STAGE_ONE);
            if !ruled && sigmoid(cheap, &c.cheap) < stage {
                continue;
            }
            let p = if ruled { 1.0 } else { sigmoid(full, &c.full) };
            if p >= accept {
                scored.push((p, c));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut taken: Vec<&Candidate> = Vec::new();
        for (_, c) in scored {
            if taken
                .iter()
                .all(|t| c.chars.end <= t.chars.start || t.chars.end <= c.chars.start)
            {
                taken.push(c);
            }
        }
        let found: HashSet<&str> = taken
            .iter()
            .map(|c| c.name.as_str())
            .filter(|n| !item.optional.contains(*n))
            .collect();
        tp += found.iter().filter(|n| item.gold.contains(**n)).count();
        fp += found.iter().filter(|n| !item.gold.contains(**n)).count();
        fn_ += item
            .gold
            .iter()
            .filter(|n| !found.contains(n.as_str()))
            .count();
    }
    (tp, fp, fn_)
}

/// The weights as the Rust source of `src/people/weights.rs`.
fn weights_file(full: &Vector, cheap: &Vector) -> String {
    let mut out = String::from(
        "//! Weights of the person-name model (see [`super::model`]): one number per kind of\n\
         //! evidence, fitted by logistic regression with `examples/fit_people.rs`. Generated.\n\n\
         // Fitted numbers that happen to be near a mathematical constant are not that constant.\n\
         #![allow(clippy::approx_constant)]\n\n\
         use super::model::Vector;\n",
    );
    for (name, doc, w) in [
        ("FULL", "Weights of every feature.", full),
        (
            "CHEAP",
            "Weights of the cheap stage: no dictionary or segmentation features.",
            cheap,
        ),
    ] {
        let _ = writeln!(out, "\n/// {doc}\npub(super) const {name}: Vector = [");
        for (x, feature) in w.iter().zip(FEATURE_NAMES) {
            let _ = writeln!(out, "    {x:.4}, // {feature}");
        }
        out.push_str("];\n");
    }
    out
}
