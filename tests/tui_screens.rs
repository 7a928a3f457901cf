//! Whole-screen tests of the terminal reader over the sample corpus: snapshots of every pane at
//! three sizes, CJK well-formedness, stale-cell checks after changes, cursor and colours.

mod common;

use common::screen::{
    app, apply, assert_no_stale_cells, assert_right_border, assert_well_formed, render,
    screen_text, typed,
};
use papertui::tui::{Action, App, Background, view};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Screen sizes every pane is checked at.
const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

/// Renders, checks well-formedness and borders, and snapshots under `name_WxH`.
fn check(name: &str, app: &App, w: u16, h: u16) {
    let buf = render(app, w, h);
    assert_well_formed(&buf);
    assert_right_border(&buf);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen_text(&buf));
}

#[test]
fn list_screens() {
    for (w, h) in SIZES {
        check("list", &app(w, h, []), w, h);
    }
}

#[test]
fn reader_screens() {
    for (w, h) in SIZES {
        let a = app(
            w,
            h,
            [Action::Down, Action::Down, Action::Down, Action::Open],
        );
        check("reader", &a, w, h);
        let scrolled = app(
            w,
            h,
            [
                Action::Down,
                Action::Down,
                Action::Down,
                Action::Open,
                Action::PageDown,
            ],
        );
        check("reader_scrolled", &scrolled, w, h);
    }
}

#[test]
fn filter_screens_with_chinese_query() {
    for (w, h) in SIZES {
        let a = app(
            w,
            h,
            [vec![Action::EditFilter], typed("会议 召开")].concat(),
        );
        check("filter", &a, w, h);
    }
    let a = app(120, 40, [vec![Action::EditFilter], typed("@lp")].concat());
    check("filter_pinyin_person", &a, 120, 40);
}

#[test]
fn untitled_items_and_briefs_in_the_list() {
    // The second page has photos and briefs without headlines.
    let a = app(
        100,
        30,
        [vec![Action::EditFilter], typed("政务简报")].concat(),
    );
    check("list_untitled", &a, 100, 30);
}

#[test]
fn people_screens_with_chart() {
    for (w, h) in SIZES {
        check("people", &app(w, h, [Action::OpenPeople]), w, h);
    }
    let a = app(
        120,
        40,
        [vec![Action::OpenPeople, Action::EditFilter], typed("lvpei")].concat(),
    );
    check("people_filtered", &a, 120, 40);
    let mut chosen = a.clone();
    apply(&mut chosen, [Action::ChoosePerson]);
    check("people_chosen", &chosen, 120, 40);
}

#[test]
fn the_person_pane_is_reached_with_tab_at_every_size() {
    for (w, h) in SIZES {
        let a = app(w, h, [Action::OpenPeople, Action::Down, Action::FocusNext]);
        let buf = render(&a, w, h);
        let text = screen_text(&buf);
        assert!(
            text.contains("articles ·"),
            "no person pane at {w}x{h}:\n{text}"
        );
        if (w, h) == (40, 12) {
            check("people_chart", &a, w, h);
        }
    }
}

#[test]
fn help_overlay_screens() {
    for (w, h) in SIZES {
        check("help", &app(w, h, [Action::Open, Action::ToggleHelp]), w, h);
    }
    // Scrolled to the end: the legend and the mouse note, reachable at the smallest size.
    let end = app(40, 12, [Action::Open, Action::ToggleHelp, Action::Bottom]);
    let text = screen_text(&render(&end, 40, 12));
    assert!(text.contains("Shift"), "{text}");
    check("help_end", &end, 40, 12);
    let legend = app(80, 24, [Action::ToggleHelp, Action::Bottom]);
    let text = screen_text(&render(&legend, 80, 24));
    for mark in ["•", "*", "图", "简", "评", "〜", "?", "文", "@"] {
        assert!(
            text.contains(mark),
            "{mark} missing from the legend:\n{text}"
        );
    }
    check("help_end", &legend, 80, 24);
}

#[test]
fn files_that_failed_are_noticed_and_listed() {
    let failures = vec![
        "pages/typo.txt: not found; check the path".to_owned(),
        "pages/scan.txt: binary data (NUL bytes), not a text page".to_owned(),
    ];
    let failed = |w, h, then: Vec<Action>| {
        let mut a = app(w, h, []);
        papertui::tui::update::receive(&mut a, Background::LoadFailures(failures.clone()));
        papertui::tui::update::settle(&mut a);
        apply(&mut a, then);
        a
    };
    for (w, h) in SIZES {
        let noticed = failed(w, h, vec![]);
        let text = screen_text(&render(&noticed, w, h));
        assert!(text.contains("2 files could not be"), "{text}");
        let counted = failed(w, h, vec![Action::Down]);
        let text = screen_text(&render(&counted, w, h));
        assert!(text.contains("2 files failed"), "{text}");
        let listed = failed(w, h, vec![Action::ShowFailures]);
        check("failures", &listed, w, h);
    }
}

#[test]
fn too_small_screens_never_panic() {
    for (w, h) in [(1, 1), (2, 1), (10, 4), (23, 30), (100, 7)] {
        let a = app(w, h, [Action::Open, Action::ToggleHelp]);
        let buf = render(&a, w, h);
        assert_well_formed(&buf);
        if (w, h) == (10, 4) || (w, h) == (1, 1) {
            insta::assert_snapshot!(format!("small_{w}x{h}"), screen_text(&buf));
        }
    }
}

#[test]
fn every_size_renders_well_formed() {
    let actions = [
        vec![Action::EditFilter],
        typed("会议"),
        vec![Action::Accept, Action::Open],
    ]
    .concat();
    for w in [24u16, 25, 31, 39, 41, 57, 79, 80, 81, 99] {
        for h in [8u16, 9, 13] {
            let a = app(w, h, actions.clone());
            let buf = render(&a, w, h);
            assert_well_formed(&buf);
            assert_right_border(&buf);
        }
    }
}

#[test]
fn no_stale_cells_after_changes() {
    for (w, h) in SIZES {
        let list = app(w, h, []);
        let filtered = app(w, h, [vec![Action::EditFilter], typed("孟州")].concat());
        assert_no_stale_cells(&list, &filtered, w, h);
        assert_no_stale_cells(&filtered, &list, w, h);

        let reader = app(w, h, [Action::Open]);
        let mut scrolled = reader.clone();
        apply(&mut scrolled, [Action::Down, Action::Down, Action::Down]);
        assert_no_stale_cells(&reader, &scrolled, w, h);

        let mut next = reader.clone();
        apply(&mut next, [Action::NextArticle]);
        assert_no_stale_cells(&reader, &next, w, h);

        let mut help = reader.clone();
        apply(&mut help, [Action::ToggleHelp]);
        assert_no_stale_cells(&reader, &help, w, h);
        assert_no_stale_cells(&help, &reader, w, h);

        let people = app(w, h, [Action::OpenPeople]);
        let mut moved = people.clone();
        apply(&mut moved, [Action::Down, Action::Down]);
        assert_no_stale_cells(&people, &moved, w, h);
        assert_no_stale_cells(&list, &people, w, h);
    }
}

#[test]
fn popup_edge_wide_glyphs_are_blanked() {
    // Every odd offset puts a wide glyph across the left edge of the popup at some row.
    for w in 80..84 {
        let a = app(w, 24, [Action::Open, Action::ToggleHelp]);
        let buf = render(&a, w, 24);
        assert_well_formed(&buf);
    }
}

#[test]
fn filter_matches_are_highlighted() {
    let a = app(120, 40, [vec![Action::EditFilter], typed("会议")].concat());
    let buf = render(&a, 120, 40);
    let list = Rect::new(1, 4, 52, 34);
    let mut rows = 0;
    for y in list.top()..list.bottom() {
        let hl: String = (list.left()..list.right())
            .map(|x| &buf[(x, y)])
            .filter(|c| c.fg == Color::Yellow)
            .map(|c| c.symbol())
            .collect();
        // Only the best fuzzy alignment is marked, and it may be cut off by `…`: a row shows
        // either both characters or none.
        if !hl.is_empty() {
            assert_eq!(hl, "会议", "row {y}");
            rows += 1;
        }
    }
    assert!(rows >= 3, "expected highlighted rows, found {rows}");
}

#[test]
fn no_color_uses_modifiers_only() {
    let mut a = app(
        120,
        40,
        [
            vec![Action::EditFilter],
            typed("会议"),
            vec![Action::Accept],
        ]
        .concat(),
    );
    a.no_color = true;
    let buf = render(&a, 120, 40);
    let mut underlined = 0;
    for c in buf.content() {
        assert_eq!(c.fg, Color::Reset, "colour used with NO_COLOR");
        assert_eq!(c.bg, Color::Reset, "colour used with NO_COLOR");
        if c.modifier.contains(Modifier::UNDERLINED) {
            underlined += 1;
        }
    }
    assert!(underlined > 0, "highlights must survive without colour");
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
}

#[test]
fn cursor_is_placed_by_display_width() {
    let a = app(120, 40, [vec![Action::EditFilter], typed("吕沛a")].concat());
    let pos = view::cursor(&a, Rect::new(0, 0, 120, 40)).expect("cursor while typing");
    // Border 1 + "/ " 2 + 吕沛 4 + a 1.
    assert_eq!((pos.x, pos.y), (8, 1));
    let mut moved = a.clone();
    apply(&mut moved, [Action::CursorLeft, Action::CursorLeft]);
    let pos = view::cursor(&moved, Rect::new(0, 0, 120, 40)).expect("cursor");
    assert_eq!(pos.x, 5);
    let browsing = app(120, 40, []);
    assert!(view::cursor(&browsing, Rect::new(0, 0, 120, 40)).is_none());
}

#[test]
fn narrow_terminal_shows_one_pane_at_a_time() {
    let list = render(&app(60, 20, []), 60, 20);
    let reader = render(&app(60, 20, [Action::Open]), 60, 20);
    let lt = screen_text(&list);
    let rt = screen_text(&reader);
    assert!(lt.contains("Articles") && !lt.contains("Reader"));
    assert!(rt.contains("Reader") && !rt.contains("Articles"));
}

#[test]
fn list_shows_bookmark_and_unread_marks() {
    // First article bookmarked and read, third read, fourth bookmarked and unread.
    let a = app(
        100,
        14,
        [
            Action::ToggleBookmark,
            Action::Open,
            Action::FocusPrev,
            Action::Down,
            Action::Down,
            Action::Open,
            Action::FocusPrev,
            Action::Down,
            Action::ToggleBookmark,
        ],
    );
    let buf = render(&a, 100, 14);
    assert_well_formed(&buf);
    assert_right_border(&buf);
    let text = screen_text(&buf);
    assert!(text.contains("│* 03-27"), "bookmarked and read:\n{text}");
    assert!(text.contains("│*•03-27"), "bookmarked and unread:\n{text}");
    insta::assert_snapshot!("list_marks_100x14", text);
}

#[test]
fn bookmarked_scope_screen() {
    let a = app(
        100,
        14,
        [
            vec![
                Action::ToggleBookmark,
                Action::Down,
                Action::Down,
                Action::ToggleBookmark,
            ],
            vec![Action::EditFilter],
            vec![Action::CycleScope; 3],
            vec![Action::Accept],
        ]
        .concat(),
    );
    check("bookmarked_scope", &a, 100, 14);
}

#[test]
fn list_marks_articles_the_page_model_doubted() {
    let mut articles = papertui::corpus::sample();
    articles[1].doubts.headline = true;
    let doubted = articles[1].title().unwrap_or_default().to_owned();
    let store = std::sync::Arc::new(papertui::search::Catalog::build(articles));
    let mut a = papertui::tui::App::new(store, &papertui::tui::TuiOptions::default());
    papertui::tui::update::start(&mut a);
    papertui::tui::update::update(&mut a, Action::Resize(100, 14));
    let buf = render(&a, 100, 14);
    assert_well_formed(&buf);
    let text = screen_text(&buf);
    // The list pane is left of the reader's border.
    let rows: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once("││").map(|(list, _)| list))
        .collect();
    let marked: Vec<&&str> = rows.iter().filter(|l| l.contains('?')).collect();
    assert_eq!(marked.len(), 1, "{text}");
    let short: String = doubted.chars().take(6).collect();
    assert!(marked[0].contains(&short), "{text}");
}

#[test]
fn dates_show_their_year_when_the_corpus_spans_years() {
    let mut articles = papertui::corpus::sample();
    articles[0].set_date(Some("2020-02-27"));
    articles[1].set_date(Some("2023-03-28"));
    let store = std::sync::Arc::new(papertui::search::Catalog::build(articles));
    let mut a = papertui::tui::App::new(store, &papertui::tui::TuiOptions::default());
    papertui::tui::update::start(&mut a);
    papertui::tui::update::update(&mut a, Action::Resize(80, 24));
    let buf = render(&a, 80, 24);
    let text = screen_text(&buf);
    assert!(text.contains("•2020-02-27"), "{text}");
    assert!(text.contains("•2023-03-28"), "{text}");
    check("list_years", &a, 80, 24);
}

#[test]
fn reader_lines_stop_at_the_reading_width() {
    let widest = |a: &App| {
        a.reader
            .doc
            .iter()
            .map(|l| {
                l.iter()
                    .map(|r| papertui::text::width(&r.text))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0)
    };
    let wide = app(200, 50, [Action::Open]);
    assert_eq!(widest(&wide), 80, "40 characters by default");
    let config = papertui::config::Config {
        reading_width: 0,
        ..Default::default()
    };
    let options = papertui::tui::TuiOptions {
        config: std::sync::Arc::new(config),
        ..Default::default()
    };
    let mut unbounded = App::new(common::screen::store(), &options);
    papertui::tui::update::start(&mut unbounded);
    apply(&mut unbounded, [Action::Resize(200, 50), Action::Open]);
    assert!(widest(&unbounded) > 100, "0 = the pane's width");
    check("reader_wide", &app(160, 30, [Action::Open]), 160, 30);
}

#[test]
fn the_list_title_says_the_sort_and_the_unread_view() {
    let a = app(80, 24, [Action::CycleSort, Action::ToggleUnreadOnly]);
    let text = screen_text(&render(&a, 80, 24));
    assert!(text.contains("Articles · by date · unread"), "{text}");
    check("list_sorted", &a, 80, 24);
}

/// The screen as a terminal drawing ambiguous characters wide shows it: a cell forced two
/// columns wide covers the next one. Also returns, per row, the columns of the border glyphs.
fn wide_screen(buf: &ratatui::buffer::Buffer) -> (String, Vec<Vec<usize>>) {
    use ratatui::buffer::CellDiffOption;
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    let mut borders = Vec::new();
    for y in 0..buf.area.height {
        let (mut x, mut col, mut row) = (0, 0, Vec::new());
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let s = cell.symbol();
            let w = match cell.diff_option {
                CellDiffOption::ForcedWidth(n) => usize::from(n.get()),
                _ => s.width().max(1),
            };
            if s.chars().any(|c| "│┌┐└┘║█".contains(c)) {
                row.push(col);
            }
            out.push_str(s);
            x += w as u16;
            col += w;
        }
        assert_eq!(
            col,
            usize::from(buf.area.width),
            "row {y} is {col} columns:\n{out}"
        );
        out.push_str("$\n");
        borders.push(row);
    }
    (out, borders)
}

#[test]
fn ambiguous_wide_draws_quotes_in_two_columns_with_borders_aligned() {
    let config = papertui::config::Config {
        ambiguous: papertui::config::Ambiguous::Wide,
        ..Default::default()
    };
    let options = papertui::tui::TuiOptions {
        config: std::sync::Arc::new(config),
        ..Default::default()
    };
    for (w, h) in SIZES {
        let actions = [Action::Resize(w, h), Action::FocusReader];
        let mut wide = App::new(common::screen::store(), &options);
        papertui::tui::update::start(&mut wide);
        apply(&mut wide, actions.clone());
        let wide_buf = render(&wide, w, h);
        papertui::text::set_ambiguous_wide(false);
        let narrow = app(w, h, actions.clone());
        let (_, narrow_borders) = wide_screen(&render(&narrow, w, h));
        papertui::text::set_ambiguous_wide(true);
        let (text, wide_borders) = wide_screen(&wide_buf);
        assert_eq!(wide_borders, narrow_borders, "borders moved:\n{text}");
        if (w, h) == (80, 24) {
            assert!(text.contains("“四城联创”"), "{text}");
            insta::assert_snapshot!("ambiguous_wide_80x24", text);
        }
    }
    papertui::text::set_ambiguous_wide(false);
}

/// An App of size `w`×`h` whose full-text index is ready, after `actions`.
fn indexed_app(w: u16, h: u16, actions: Vec<Action>) -> App {
    let mut a = app(w, h, []);
    let store = common::screen::store();
    let index = papertui::fulltext::FullText::build_in_ram(store.articles()).expect("index");
    papertui::tui::update::receive(
        &mut a,
        Background::IndexReady(Ok((std::sync::Arc::new(index), None))),
    );
    apply(&mut a, actions);
    a
}

/// The rows of the list pane (left of the reader, or the whole width alone).
fn list_rows(text: &str) -> Vec<String> {
    text.lines()
        .skip(4)
        .map(|l| match l.split_once("││") {
            Some((list, _)) => list.to_owned(),
            None => l.to_owned(),
        })
        .collect()
}

#[test]
fn rows_found_in_the_text_only_carry_a_mark() {
    let a = indexed_app(100, 16, [vec![Action::EditFilter], typed("黄河")].concat());
    let body = a.body_only.clone().expect("rows found in the text");
    assert!(!body.is_empty());
    let buf = render(&a, 100, 16);
    assert_well_formed(&buf);
    assert_right_border(&buf);
    let text = screen_text(&buf);
    let rows = list_rows(&text);
    let marked = rows.iter().filter(|r| r.contains("文 ")).count();
    let shown = (0..a.set_len())
        .filter(|&i| i < 11)
        .filter(|&i| a.set_get(i).is_some_and(|id| a.body_only_match(id)))
        .count();
    assert!(shown > 0, "{text}");
    assert_eq!(marked, shown, "one mark per row found in the text:\n{text}");
    // The mark is dim, not the highlight of a match.
    let y = (4..15)
        .find(|&y| rows[usize::from(y) - 4].contains("文 "))
        .expect("a marked row");
    let x = (1..60)
        .find(|&x| buf[(x, y)].symbol() == "文")
        .expect("the mark's cell");
    assert_ne!(buf[(x, y)].fg, Color::Yellow);
    insta::assert_snapshot!("list_text_only_100x16", text);
}

#[test]
fn a_cut_headline_shows_its_first_match() {
    for (w, h) in SIZES {
        let a = app(w, h, [vec![Action::EditFilter], typed("会议召开")].concat());
        let buf = render(&a, w, h);
        assert_well_formed(&buf);
        let list_width = if w >= 80 { w / 2 } else { w };
        let mut rows = 0;
        for y in 4..h - 2 {
            if a.set_get(a.list.offset + usize::from(y - 4)).is_none() {
                continue;
            }
            let hl: String = (1..list_width)
                .map(|x| &buf[(x, y)])
                .filter(|c| c.fg == Color::Yellow)
                .map(|c| c.symbol())
                .collect();
            assert!(
                hl.starts_with('会'),
                "row {y} at {w}x{h} hides its match:\n{}",
                screen_text(&buf)
            );
            rows += 1;
        }
        assert!(rows >= 3, "{w}x{h}: {rows} rows");
    }
    let a = app(
        80,
        24,
        [vec![Action::EditFilter], typed("会议召开")].concat(),
    );
    let text = screen_text(&render(&a, 80, 24));
    assert!(text.contains("│ •03-02    …"), "{text}");
}

#[test]
fn a_row_matched_through_a_person_names_the_person() {
    let a = app(80, 24, [vec![Action::EditFilter], typed("@wang")].concat());
    let buf = render(&a, 80, 24);
    assert_well_formed(&buf);
    assert_right_border(&buf);
    let text = screen_text(&buf);
    let rows: Vec<String> = list_rows(&text)
        .into_iter()
        .filter(|r| r.contains("•"))
        .collect();
    assert!(!rows.is_empty(), "{text}");
    // Every row names the person who matched: a 王, or a name whose pinyin holds `wang`
    // (卢希望, lu xi wang).
    assert!(
        rows.iter().all(|r| r.contains(" @")),
        "every row names its person:\n{text}"
    );
    assert!(text.contains("@卢希望"), "{text}");
    // The surname is highlighted, the rest of the name is not.
    let (x, y) = (4..24)
        .flat_map(|y| (0..40).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "@")
        .expect("a person tag");
    assert_eq!(buf[(x + 1, y)].symbol(), "王");
    assert_eq!(buf[(x + 1, y)].fg, Color::Yellow);
    assert_ne!(buf[(x + 3, y)].fg, Color::Yellow);
    insta::assert_snapshot!("filter_person_wang_80x24", text);
}

/// The reader open on the fourth article, searching it for `text` (typed, not yet entered).
fn finding(w: u16, h: u16, text: &str) -> App {
    app(
        w,
        h,
        [
            vec![Action::Down, Action::Down, Action::Down, Action::Open],
            vec![Action::EditFind],
            typed(text),
        ]
        .concat(),
    )
}

#[test]
fn the_reader_searches_its_article_with_a_prompt_at_the_bottom() {
    for (w, h) in [(80, 24), (40, 12)] {
        let typing = finding(w, h, "党建");
        let buf = render(&typing, w, h);
        assert_well_formed(&buf);
        assert_right_border(&buf);
        let text = screen_text(&buf);
        let last = text.lines().last().unwrap_or_default().to_owned();
        assert!(last.starts_with("/党建 "), "{last}");
        let pos = view::cursor(&typing, Rect::new(0, 0, w, h)).expect("cursor in the prompt");
        // `/` 1 + 党建 4.
        assert_eq!((pos.x, pos.y), (5, h - 1));
        insta::assert_snapshot!(format!("reader_find_typing_{w}x{h}"), text);

        let mut found = typing.clone();
        apply(&mut found, [Action::Accept, Action::NextArticle]);
        let buf = render(&found, w, h);
        assert_well_formed(&buf);
        assert_right_border(&buf);
        let text = screen_text(&buf);
        assert!(text.contains("/党建 · 2/5"), "{text}");
        // The matches are marked in the reader (reversed highlight), other text is not.
        let marked: String = buf
            .content()
            .iter()
            .filter(|c| c.modifier.contains(Modifier::REVERSED) && c.fg == Color::Yellow)
            .map(|c| c.symbol())
            .collect();
        assert!(marked.contains("党建"), "{marked:?}");
        assert_eq!(marked.replace("党建", ""), "", "only 党建 is marked");
        assert!(
            view::cursor(&found, Rect::new(0, 0, w, h)).is_none(),
            "no cursor once entered"
        );
        insta::assert_snapshot!(format!("reader_find_{w}x{h}"), text);
        assert_no_stale_cells(&typing, &found, w, h);
    }
}
