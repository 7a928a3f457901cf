//! Typing replay shared by the `filter` benchmark and the `typing_replay` example: keystroke
//! sequences sent through the reader's search worker, timed from keystroke to answer.

use std::sync::Arc;
use std::time::{Duration, Instant};

use papertui::search::{self, Query, Results, Scope};
use papertui::tui::Background;
use papertui::tui::app::SearchRequest;
use papertui::tui::worker::Worker;

/// Keystroke sequences: each query is typed one character at a time, then deleted again.
pub const TYPED: &[(&str, Scope)] = &[
    ("会议召开", Scope::All),
    ("工作会议", Scope::All),
    ("ljc", Scope::All),
    ("吕沛", Scope::Person),
];

/// One keystroke's answer time and a label: `+会议` when typed, `-会` when deleted back to,
/// `@` before a person-scope query.
pub type Keystroke = (Duration, String);

/// Replays `TYPED` through a search worker as the reader does (narrowing from the last answer
/// while the query grows) and returns the time from each keystroke to its answer.
pub fn replay(worker: &mut Worker, generation: &mut u64) -> Vec<Keystroke> {
    let mut latencies = Vec::new();
    for &(text, scope) in TYPED {
        let chars: Vec<char> = text.chars().collect();
        let lengths = (1..=chars.len()).chain((1..chars.len()).rev());
        let mut last: Option<Arc<Results>> = None;
        let mut previous_len = 0;
        for len in lengths {
            let typed: String = chars.iter().take(len).collect();
            let query = Query::parse(&typed, scope);
            *generation += 1;
            let previous = last
                .clone()
                .filter(|r| search::narrows(&r.query, &query) && !r.query.is_empty());
            let start = Instant::now();
            worker.submit(SearchRequest {
                generation: *generation,
                query,
                person: None,
                previous,
                candidates: None,
            });
            loop {
                if let Some(Background::SearchDone(g, results)) = worker.poll()
                    && g == *generation
                {
                    let sign = if len > previous_len { '+' } else { '-' };
                    let at = if scope == Scope::Person { "@" } else { "" };
                    latencies.push((start.elapsed(), format!("{sign}{at}{typed}")));
                    last = Some(results);
                    break;
                }
                std::thread::sleep(Duration::from_micros(50));
            }
            previous_len = len;
        }
    }
    latencies
}
