//! The line breaker for Chinese prose: tokens, unbreakable runs and greedy line filling.

use super::cluster::{Cluster, clusters};
use super::width::width;

/// Stands in for a cluster wider than the whole line (only possible at width 1).
const TOO_WIDE_PLACEHOLDER: &str = "…";

/// Characters that may not begin a line (行首禁则): closing marks and trailing punctuation.
const NO_LINE_START: &str = "，。、；：？！）」』》〉】〕〗〙〛〞”’…·‥%‰℃°′″—～・ー\
                             ,.;:?!)]}％．，：；？！）］｝｠ゝゞヽヾ々";

/// Characters that may not end a line (行尾禁则): opening marks.
const NO_LINE_END: &str = "（「『《〈【〔〖〘〚〝“‘([{（［｛｟";

/// Whether `c` may not begin a wrapped line (closing marks, trailing punctuation).
pub fn forbids_line_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

/// Whether `c` may not end a wrapped line (opening marks).
pub fn forbids_line_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Wrap a paragraph into lines of at most `width` columns (Chinese line-breaking rules).
///
/// See the [`text`](super) module documentation for the rules. Width 0 gives no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_indented(text, width, 0)
}

/// [`wrap`] with the first line indented by `first_indent` columns (首行缩进).
///
/// The indent counts toward the width; it is reduced so that at least two columns are left
/// for text on the first line.
pub fn wrap_indented(text: &str, width: usize, first_indent: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let tokens = tokens(text, width);
    let mut lines = LineBuilder::new(width, first_indent.min(width.saturating_sub(2)));
    for run in runs(&tokens) {
        lines.place_run(run);
    }
    lines.finish()
}

/// A non-space cluster and the (normalised) whitespace before it.
#[derive(Debug)]
struct Token<'a> {
    cluster: Cluster<'a>,
    space_before: String,
}

impl Token<'_> {
    fn space_width(&self) -> usize {
        width(&self.space_before)
    }
}

/// Clusters of `text` with whitespace attached to the following cluster.
fn tokens(text: &str, line_width: usize) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut pending_space = String::new();
    for cluster in clusters(text) {
        if cluster.base.is_whitespace() {
            pending_space.push(if cluster.base == '\u{3000}' {
                '\u{3000}'
            } else {
                ' '
            });
            continue;
        }
        tokens.push(Token {
            cluster: fit_cluster(cluster, line_width),
            space_before: std::mem::take(&mut pending_space),
        });
    }
    tokens
}

/// A cluster wider than a whole line becomes a one-column placeholder.
fn fit_cluster(cluster: Cluster<'_>, line_width: usize) -> Cluster<'_> {
    if cluster.width <= line_width {
        return cluster;
    }
    Cluster {
        text: TOO_WIDE_PLACEHOLDER,
        width: 1,
        base: cluster.base,
    }
}

/// Whether the line-start / line-end character rules allow a break between two tokens.
fn kinsoku_allows_break(before: &Token<'_>, after: &Token<'_>) -> bool {
    !forbids_line_end(before.cluster.base) && !forbids_line_start(after.cluster.base)
}

/// Whether a break is allowed between two adjacent tokens.
fn break_allowed(before: &Token<'_>, after: &Token<'_>) -> bool {
    let separable =
        !after.space_before.is_empty() || before.cluster.is_wide() || after.cluster.is_wide();
    separable && kinsoku_allows_break(before, after)
}

/// Unbreakable runs: the tokens between two allowed breaks.
fn runs<'t, 'a>(tokens: &'t [Token<'a>]) -> impl Iterator<Item = &'t [Token<'a>]> {
    tokens.chunk_by(|before, after| !break_allowed(before, after))
}

/// Width of a run placed at the start of a line (its leading whitespace dropped).
fn run_width(run: &[Token<'_>]) -> usize {
    run.iter()
        .enumerate()
        .map(|(i, token)| token.cluster.width + if i == 0 { 0 } else { token.space_width() })
        .sum()
}

/// Greedy line filling: the state of the line being built and the lines done.
struct LineBuilder {
    width: usize,
    lines: Vec<String>,
    current: String,
    used: usize,
    has_content: bool,
}

impl LineBuilder {
    fn new(width: usize, indent: usize) -> Self {
        Self {
            width,
            lines: Vec::new(),
            current: " ".repeat(indent),
            used: indent,
            has_content: false,
        }
    }

    fn room(&self) -> usize {
        self.width.saturating_sub(self.used)
    }

    /// Put a run on the current line, on a fresh one, or cut it if it fits neither.
    fn place_run(&mut self, run: &[Token<'_>]) {
        let Some(first) = run.first() else { return };
        let body = run_width(run);
        let gap = if self.has_content {
            first.space_width()
        } else {
            0
        };
        if gap + body <= self.room() {
            self.append(run);
            return;
        }
        if self.has_content {
            self.break_line();
        }
        if body <= self.room() {
            self.append(run);
        } else {
            self.cut_run(run);
        }
    }

    /// Spread a run too wide for its line over several lines.
    fn cut_run(&mut self, run: &[Token<'_>]) {
        let mut start = 0;
        while start < run.len() {
            let mut end = cut_point(run, start, self.room());
            if end == start {
                if self.used > 0 {
                    self.break_line();
                    continue;
                }
                end = start + 1; // unreachable: wider clusters became placeholders
            }
            self.append(run.get(start..end).unwrap_or_default());
            start = end;
            if start < run.len() {
                self.break_line();
            }
        }
    }

    /// Append tokens, keeping their whitespace except at the start of the line.
    fn append(&mut self, tokens: &[Token<'_>]) {
        for token in tokens {
            if self.has_content {
                self.current.push_str(&token.space_before);
                self.used += token.space_width();
            }
            self.current.push_str(token.cluster.text);
            self.used += token.cluster.width;
            self.has_content = true;
        }
    }

    fn break_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.current));
        self.used = 0;
        self.has_content = false;
    }

    fn finish(mut self) -> Vec<String> {
        if self.has_content {
            self.lines.push(self.current);
        }
        self.lines
    }
}

/// Where to end the line when cutting `run` from `start` with `room` columns free.
///
/// As many clusters as fit; then, if that break would put a forbidden character at a line
/// edge, the nearest earlier break the character rules allow, keeping at least one cluster.
fn cut_point(run: &[Token<'_>], start: usize, room: usize) -> usize {
    let mut used = 0;
    let mut end = start;
    for token in run.iter().skip(start) {
        let space = if end == start { 0 } else { token.space_width() };
        if used + space + token.cluster.width > room {
            break;
        }
        used += space + token.cluster.width;
        end += 1;
    }
    if end >= run.len() || end <= start + 1 {
        return end;
    }
    (start + 1..=end)
        .rev()
        .find(|&at| kinsoku_allows_break(&run[at - 1], &run[at]))
        .unwrap_or(end)
}
