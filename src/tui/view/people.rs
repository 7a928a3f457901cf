//! The people screen: everyone with article count and role, and the selected person's
//! appearances over time as a sparkline with recent headlines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Sparkline, Widget};

use super::Theme;
use crate::search::headline;
use crate::store::{DateKey, PersonId, Store};
use crate::text;
use crate::tui::app::App;
use crate::tui::layout;

/// Columns of the name column.
const NAME_COLS: usize = 8;
/// Columns of the count column.
const COUNT_COLS: usize = 4;
/// What stands in the role column of a person only credited who has no role.
const CREDITED: &str = "credited";

/// Draws the people list.
pub fn render_list(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Block::bordered()
        .title(" People ")
        .title_top(Line::from(" count · role ").right_aligned())
        .border_style(theme.border(!app.editing))
        .render(area, buf);
    let inner = layout::inner(area);
    for row in 0..inner.height {
        let y = inner.y + row;
        let i = app.people_list.offset + usize::from(row);
        let Some(&id) = app.people.get(i) else {
            super::put(buf, inner.x, y, "", inner.width, Style::new());
            continue;
        };
        let base = if i == app.people_list.selected {
            theme.selected()
        } else {
            Style::new()
        };
        let name = text::pad_right(
            &text::truncate(app.store.person_name(id), NAME_COLS),
            NAME_COLS,
        );
        // The paper's staff, only credited, follow the people the text names, dimmed.
        let credited = app.store.person_is_credited_only(id);
        let count = format!("{:>COUNT_COLS$}", app.store.person_count(id));
        let role = app
            .store
            .person_role(id)
            .unwrap_or(if credited { CREDITED } else { "" });
        let line = format!(" {name} {count}  {role}");
        let style = if credited {
            base.patch(theme.dim())
        } else {
            base
        };
        super::put(buf, inner.x, y, &line, inner.width, style);
    }
}

/// Draws the selected person's details and appearance chart.
pub fn render_person(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let person = app.selected_person();
    let title = person.map_or(String::new(), |p| format!(" {} ", app.store.person_name(p)));
    let title = text::truncate(&title, usize::from(area.width.saturating_sub(2))).into_owned();
    Block::bordered()
        .title(title)
        .border_style(theme.border(false))
        .render(area, buf);
    let inner = layout::inner(area);
    for y in inner.top()..inner.bottom() {
        super::put(buf, inner.x, y, "", inner.width, Style::new());
    }
    let Some(p) = person else { return };
    if inner.height == 0 || inner.width < 2 {
        return;
    }
    let store = &app.store;
    let roles: Vec<&str> = store
        .person_roles(p)
        .iter()
        .map(|&(r, _)| store.role(r))
        .collect();
    let mut summary = format!("{} articles", store.person_count(p));
    if store.person_is_credited_only(p) {
        summary.push_str(" (credited)");
    }
    if !roles.is_empty() {
        summary.push_str(&format!(" · {}", roles.join("、")));
    }
    let mut y = inner.y;
    super::put(buf, inner.x, y, &summary, inner.width, theme.dim());
    y += 1;
    let timeline = comparable(store.person_timeline(p));
    let chart_rows = inner.bottom().saturating_sub(y).saturating_sub(1).min(4);
    if chart_rows > 0 && !timeline.is_empty() {
        let data = bins(&timeline, usize::from(inner.width));
        Sparkline::default()
            .data(data)
            .style(theme.accent())
            .render(Rect::new(inner.x, y, inner.width, chart_rows), buf);
        y += chart_rows;
        let axis = axis_label(&timeline, usize::from(inner.width));
        super::put(buf, inner.x, y, &axis, inner.width, theme.dim());
        y += 1;
    } else if timeline.is_empty() {
        super::put(
            buf,
            inner.x,
            y,
            "no dated appearances",
            inner.width,
            theme.dim(),
        );
        y += 1;
    }
    for line in recent(store, p)
        .into_iter()
        .take(usize::from(inner.bottom().saturating_sub(y)))
    {
        super::put(buf, inner.x, y, &line, inner.width, Style::new());
        y += 1;
    }
}

/// The timeline with years dropped when some dates lack one, so all share one axis.
fn comparable(timeline: Vec<(DateKey, u32)>) -> Vec<(DateKey, u32)> {
    if timeline.iter().all(|(d, _)| d.year() != 0) {
        return timeline;
    }
    let mut merged: std::collections::BTreeMap<DateKey, u32> = std::collections::BTreeMap::new();
    for (d, n) in timeline {
        *merged.entry(DateKey(d.0 % 10_000)).or_default() += n;
    }
    merged.into_iter().collect()
}

/// Appearance counts per day from the first to the last date, merged into at most `cols` bins.
fn bins(timeline: &[(DateKey, u32)], cols: usize) -> Vec<u64> {
    let (Some(first), Some(last)) = (timeline.first(), timeline.last()) else {
        return Vec::new();
    };
    let start = first.0.day_number();
    let days = (last.0.day_number() - start + 1).max(1) as usize;
    let n = days.min(cols.max(1));
    let mut out = vec![0u64; n];
    for (date, count) in timeline {
        let day = (date.day_number() - start).max(0) as usize;
        let bin = (day * n / days).min(n - 1);
        if let Some(b) = out.get_mut(bin) {
            *b += u64::from(*count);
        }
    }
    out
}

/// `first … last` under the chart.
fn axis_label(timeline: &[(DateKey, u32)], cols: usize) -> String {
    let first = timeline.first().map(|d| d.0.label()).unwrap_or_default();
    let last = timeline.last().map(|d| d.0.label()).unwrap_or_default();
    if first == last {
        return first;
    }
    let gap = cols.saturating_sub(first.len() + last.len()).max(1);
    format!("{first}{}{last}", " ".repeat(gap))
}

/// The person's headlines, newest first, prefixed with their date.
fn recent(store: &Store, p: PersonId) -> Vec<String> {
    let mut apps = store.articles_of_person(p).to_vec();
    apps.sort_by_key(|a| std::cmp::Reverse(a.date));
    apps.iter()
        .map(|a| {
            let (title, _) = headline(store.article(a.article));
            let date = if a.date.0 == 0 {
                "     ".to_owned()
            } else {
                a.date.label()
            };
            format!("{date} {title}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_spread_days_and_merge_when_narrow() {
        let tl = vec![(DateKey(301), 1), (DateKey(303), 2), (DateKey(310), 1)];
        assert_eq!(bins(&tl, 40), vec![1, 0, 2, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(bins(&tl, 2), vec![3, 1]);
        assert!(bins(&[], 10).is_empty());
        let mixed = comparable(vec![(DateKey(309), 1), (DateKey(20_230_304), 2)]);
        assert_eq!(mixed, vec![(DateKey(304), 2), (DateKey(309), 1)]);
    }
}
