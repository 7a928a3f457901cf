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
use crate::tui::app::{App, PeoplePane};
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
        .border_style(theme.border(!app.editing && app.people_pane == PeoplePane::List))
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
        .border_style(theme.border(!app.editing && app.people_pane == PeoplePane::Person))
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
        .skip(app.person_scroll)
        .take(usize::from(inner.bottom().saturating_sub(y)))
    {
        super::put(buf, inner.x, y, &line, inner.width, Style::new());
        y += 1;
    }
}

/// The timeline on one real time axis: dates without a year take the corpus's one known year;
/// when the known dates span years, those without a year cannot be placed and are left out.
fn comparable(timeline: Vec<(DateKey, u32)>) -> Vec<(DateKey, u32)> {
    let years: std::collections::BTreeSet<u32> = timeline
        .iter()
        .map(|(d, _)| d.year())
        .filter(|&y| y != 0)
        .collect();
    let mut merged: std::collections::BTreeMap<DateKey, u32> = std::collections::BTreeMap::new();
    for (d, n) in timeline {
        let placed = match (d.year(), years.len(), years.first()) {
            (0, 0, _) => Some(d),
            (0, 1, Some(&y)) => Some(DateKey(y * 10_000 + d.0)),
            (0, _, _) => None,
            _ => Some(d),
        };
        if let Some(d) = placed {
            *merged.entry(d).or_default() += n;
        }
    }
    merged.into_iter().collect()
}

/// Appearance counts per day from the first to the last date, merged into at most `cols` bins.
fn bins(timeline: &[(DateKey, u32)], cols: usize) -> Vec<u64> {
    let Some((start, days, n)) = scale(timeline, cols) else {
        return Vec::new();
    };
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

/// First day number, days covered and number of bins of the chart of `timeline`.
fn scale(timeline: &[(DateKey, u32)], cols: usize) -> Option<(i64, usize, usize)> {
    let (first, last) = (timeline.first()?, timeline.last()?);
    let start = first.0.day_number();
    let days = (last.0.day_number() - start + 1).max(1) as usize;
    Some((start, days, days.min(cols.max(1))))
}

/// The axis under the chart: the first and last dates at its ends and, between them, the
/// start of each year (a span over two years) or of each month (a span over two months), at
/// the column where it falls, as room allows.
fn axis_label(timeline: &[(DateKey, u32)], cols: usize) -> String {
    let (Some(first), Some(last), Some((start, days, n))) =
        (timeline.first(), timeline.last(), scale(timeline, cols))
    else {
        return String::new();
    };
    let (first, last) = (first.0, last.0);
    if first == last {
        return first.label();
    }
    let (a, b) = (first.label(), last.label());
    let width = cols.min(n.max(a.len() + 1 + b.len()));
    let len = width.max(a.len() + 1 + b.len());
    let mut row = vec![' '; len];
    let mut taken = vec![false; row.len()];
    let mut place = |col: usize, label: &str| {
        let end = col + label.len();
        let lo = col.saturating_sub(1);
        let hi = (end + 1).min(taken.len());
        if end > len || taken[lo..hi].iter().any(|&t| t) {
            return;
        }
        for (k, c) in label.chars().enumerate() {
            row[col + k] = c;
            taken[col + k] = true;
        }
    };
    place(0, &a);
    place(len - b.len(), &b);
    let span_years = days > 2 * 366;
    if days > 62 {
        let (y0, y1) = (first.year(), last.year());
        for y in y0..=y1 {
            for m in 1..=12 {
                if span_years && m != 1 {
                    continue;
                }
                let tick = DateKey(y * 10_000 + m * 100 + 1);
                if tick <= first || tick > last {
                    continue;
                }
                let col = ((tick.day_number() - start).max(0) as usize * n / days).min(len - 1);
                let label = if m == 1 && y != 0 {
                    format!("{y}")
                } else {
                    format!("{m:02}")
                };
                place(col, &label);
            }
        }
    }
    row.into_iter().collect::<String>().trim_end().to_owned()
}

/// The person's headlines, newest first, prefixed with their date.
fn recent(store: &Store, p: PersonId) -> Vec<String> {
    let years = store.spans_years();
    let single = store.single_year();
    let mut apps = store.articles_of_person(p).to_vec();
    apps.sort_by_key(|a| std::cmp::Reverse(store.comparable_date(a.article, single)));
    apps.iter()
        .map(|a| {
            let (title, _) = headline(store.article(a.article));
            let date = a.date.show(years);
            format!("{date} {title}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Catalog;

    #[test]
    fn a_persons_articles_show_dates_one_way_newest_first() {
        use crate::model::{Article, Kind, PersonMention};
        let articles: Vec<Article> = [("2023-03-02", "甲"), ("03-28", "乙"), ("02-27", "丙")]
            .into_iter()
            .enumerate()
            .map(|(i, (date, title))| {
                let mut a = Article::new("t.txt", i as u32, Kind::News);
                a.set_title(Some(title));
                a.set_date(Some(date));
                a.set_persons(&[PersonMention {
                    name: "吕沛".into(),
                    role: None,
                }]);
                a
            })
            .collect();
        let store = Catalog::build(articles);
        let p = store.person_by_name("吕沛").expect("named");
        assert_eq!(recent(&store, p), vec!["03-28 乙", "03-02 甲", "02-27 丙"]);
    }

    #[test]
    fn bins_spread_days_and_merge_when_narrow() {
        let tl = vec![(DateKey(301), 1), (DateKey(303), 2), (DateKey(310), 1)];
        assert_eq!(bins(&tl, 40), vec![1, 0, 2, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(bins(&tl, 2), vec![3, 1]);
        assert!(bins(&[], 10).is_empty());
        let mixed = comparable(vec![(DateKey(309), 1), (DateKey(20_230_304), 2)]);
        assert_eq!(
            mixed,
            vec![(DateKey(20_230_304), 2), (DateKey(20_230_309), 1)]
        );
    }

    #[test]
    fn years_apart_are_years_apart_on_the_axis() {
        let tl = comparable(vec![
            (DateKey(327), 1),
            (DateKey(20_200_227), 1),
            (DateKey(20_230_328), 2),
        ]);
        assert_eq!(tl, vec![(DateKey(20_200_227), 1), (DateKey(20_230_328), 2)]);
        let b = bins(&tl, 40);
        assert_eq!(b.len(), 40);
        assert_eq!((b[0], b[39]), (1, 2), "{b:?}");
        let axis = axis_label(&tl, 60);
        assert_eq!(axis.len(), 60, "{axis}");
        assert!(axis.starts_with("2020-02-27"), "{axis}");
        assert!(axis.ends_with("2023-03-28"), "{axis}");
        assert!(axis.contains("2021") && axis.contains("2022"), "{axis}");
        let col = |s: &str| axis.find(s).expect(s);
        assert!(col("2021") < col("2022"), "{axis}");
        let months = comparable(vec![(DateKey(20_230_105), 1), (DateKey(20_230_620), 1)]);
        let axis = axis_label(&months, 60);
        assert!(axis.contains(" 03 ") && axis.contains(" 04 "), "{axis}");
    }
}
