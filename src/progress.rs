//! The loading progress bar of the command-line subcommands, drawn on stderr.
//!
//! Export and people print their results on stdout, so progress goes to stderr and only when
//! stderr is a terminal: redirected or piped runs (scripts, CI, tests) see nothing extra.
//! indicatif draws and rate-limits the bar; the rate shown is page bytes parsed per second,
//! computed here because the bar's position counts files.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::corpus::Progress;

/// A files-done bar with throughput, hidden when stderr is not a terminal.
pub struct LoadBar {
    bar: ProgressBar,
    started: Instant,
}

impl LoadBar {
    /// A bar on stderr, or a hidden one when stderr is not a terminal.
    pub fn stderr() -> LoadBar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        let style = ProgressStyle::with_template(
            "{spinner} loading [{bar:30}] {pos}/{len} files  {msg}  {elapsed}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(100));
        LoadBar {
            bar,
            started: Instant::now(),
        }
    }

    /// Shows `p`.
    pub fn update(&self, p: &Progress) {
        self.bar.set_length(p.files_total as u64);
        self.bar.set_position(p.files_done as u64);
        self.bar.set_message(describe(p, self.started.elapsed()));
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The text beside the bar: articles, throughput, and the current phase.
pub fn describe(p: &Progress, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        p.bytes_done as f64 / 1e6 / secs
    } else {
        0.0
    };
    let phase = if p.from_cache {
        "  (from cache)"
    } else if p.people {
        "  finding people…"
    } else {
        ""
    };
    format!("{} articles  {rate:.1} MB/s{phase}", p.articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_rate_and_phase() {
        let p = Progress {
            bytes_done: 3_000_000,
            articles: 42,
            people: true,
            ..Progress::default()
        };
        assert_eq!(
            describe(&p, Duration::from_secs(2)),
            "42 articles  1.5 MB/s  finding people…"
        );
    }
}
