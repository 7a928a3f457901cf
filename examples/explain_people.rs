//! Shows why the person pass finds or misses a name: for every line of standard input, the
//! names found, then every candidate with its probability under the full model (and the cheap
//! stage's, which must reach `STAGE_ONE` for the full model to be asked) and each
//! non-zero feature as `name=value*weight`.
//!
//! ```sh
//! echo '国务委员某某今天说' | cargo run --release --example explain_people          # likely ones
//! echo '国务委员某某今天说' | cargo run --release --example explain_people -- --all # every one
//! ```

use papertui::people::PersonExtractor;
use papertui::people::training::{FEATURE_NAMES, candidates, cheap_weights, full_weights};

/// Candidates less likely than this are left out unless `--all` is given.
const SHOWN: f32 = 0.05;

fn main() {
    let all = std::env::args().any(|a| a == "--all");
    let ex = PersonExtractor::shared();
    let weights = full_weights();
    let cheap = cheap_weights();
    for line in std::io::stdin().lines().map_while(Result::ok) {
        println!("== {line}");
        let found: Vec<String> = ex
            .extract(None, std::slice::from_ref(&line), &[])
            .into_iter()
            .map(|p| match p.role {
                Some(role) => format!("{} ({role})", p.name),
                None => p.name,
            })
            .collect();
        println!("   found: {}", found.join(", "));
        for c in candidates(ex, &line) {
            let z: f32 = c.full.iter().zip(weights.iter()).map(|(x, w)| x * w).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let zc: f32 = c.cheap.iter().zip(cheap.iter()).map(|(x, w)| x * w).sum();
            let pc = 1.0 / (1.0 + (-zc).exp());
            if p < SHOWN && !all {
                continue;
            }
            let features: Vec<String> = c
                .full
                .iter()
                .zip(weights.iter())
                .zip(FEATURE_NAMES)
                .filter(|((x, _), _)| **x != 0.0)
                .map(|((x, w), name)| format!("{name}={x:.1}*{w:.1}"))
                .collect();
            println!("  {p:.2} (cheap {pc:.2}) {} {}", c.name, features.join(" "));
        }
    }
}
