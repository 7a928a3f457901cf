//! Tests of update: user actions and background results applied to a reader over four articles.

use super::geometry::panes;
use super::*;
use crate::model::{Article, Kind, PersonMention};
use crate::store::ArticleId;
use crate::tui::TuiOptions;
use crate::vocab::{FilterScope, Mode};

fn app() -> App {
    let mut articles = Vec::new();
    for (i, (title, person)) in [
        ("孟州市委常委会召开", "卢和平"),
        ("吕沛与王纪勋交流座谈", "吕沛"),
        ("示范区党政联席会议召开", "吕沛"),
        ("温县述职评议考核会议召开", "杨磊"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut a = Article::new("t.txt", i as u32, Kind::News);
        a.set_title(Some(title));
        a.set_date(Some(&format!("03-0{}", i + 1)));
        a.set_persons(&[PersonMention {
            name: person.into(),
            role: None,
        }]);
        a.set_paragraphs(
            &(0..30)
                .map(|n| format!("第{n}段。{person}出席。"))
                .collect::<Vec<_>>(),
        );
        articles.push(a);
    }
    let mut app = App::new(
        Arc::new(crate::search::Catalog::build(articles)),
        &TuiOptions::default(),
    );
    start(&mut app);
    update(&mut app, Action::Resize(100, 20));
    app
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        update(app, a);
        settle(app);
    }
}

#[test]
fn typing_filters_live_and_esc_twice_clears() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::EditFilter,
            Action::Insert('会'),
            Action::Insert('议'),
        ],
    );
    assert_eq!(app.mode(), Mode::Filter);
    assert_eq!(app.set_len(), 2);
    run(&mut app, [Action::LeaveInput]);
    assert_eq!(app.mode(), Mode::Browse(Focus::List));
    assert_eq!(app.set_len(), 2);
    run(&mut app, [Action::ClearFilter]);
    assert_eq!(app.set_len(), 4);
    assert_eq!(app.filter.text(), "");
}

#[test]
fn clearing_the_filter_keeps_the_selected_article() {
    let mut app = app();
    run(
        &mut app,
        [Action::EditFilter, Action::Insert('会'), Action::Accept],
    );
    run(&mut app, [Action::Down]);
    let chosen = app.selected_article();
    assert!(chosen.is_some_and(|id| id.0 > 1), "{chosen:?}");
    run(&mut app, [Action::ClearFilter]);
    assert_eq!(app.set_len(), 4);
    assert_eq!(app.selected_article(), chosen);
    // The same for a person restriction left with Esc.
    run(&mut app, [Action::OpenPeople, Action::EditFilter]);
    run(&mut app, "lp".chars().map(Action::Insert));
    run(&mut app, [Action::ChoosePerson, Action::Down]);
    let chosen = app.selected_article();
    run(&mut app, [Action::ClearFilter]);
    assert_eq!(app.selected_article(), chosen);
}

#[test]
fn stale_search_results_are_dropped() {
    let mut app = app();
    update(&mut app, Action::Insert('会'));
    let stale = app.request.take().expect("requested");
    update(&mut app, Action::Insert('x'));
    let results = crate::search::run_request(&app.store, &stale, &Default::default()).expect("ran");
    receive(
        &mut app,
        Background::SearchDone(stale.generation, Arc::new(results)),
    );
    assert!(app.results.is_none());
    assert!(app.searching);
}

#[test]
fn scope_cycles_and_at_means_people() {
    let mut app = app();
    run(&mut app, [Action::EditFilter, Action::Insert('吕')]);
    assert_eq!(app.set_len(), 2);
    run(&mut app, [Action::CycleScope]);
    assert_eq!(app.scope, FilterScope::Headline);
    assert_eq!(app.listed_titles(), vec!["吕沛与王纪勋交流座谈"]);
    run(&mut app, [Action::CursorHome, Action::Insert('@')]);
    assert_eq!(app.set_len(), 2);
}

#[test]
fn narrowing_query_keeps_results_consistent() {
    let mut app = app();
    run(&mut app, "会议召".chars().map(Action::Insert));
    let narrowed = app.listed_titles();
    let mut fresh = self::app();
    update(&mut fresh, Action::Insert('会'));
    update(&mut fresh, Action::Insert('议'));
    update(&mut fresh, Action::Insert('召'));
    settle(&mut fresh);
    assert_eq!(narrowed, fresh.listed_titles());
}

#[test]
fn navigation_moves_and_clamps() {
    let mut app = app();
    run(&mut app, [Action::Down, Action::Down, Action::Bottom]);
    assert_eq!(app.list.selected, 3);
    run(&mut app, [Action::Down, Action::Top]);
    assert_eq!(app.list.selected, 0);
    run(&mut app, [Action::NextArticle]);
    assert_eq!(app.selected_article().map(|a| a.0), Some(1));
}

#[test]
fn reader_scrolls_within_the_article() {
    let mut app = app();
    run(&mut app, [Action::Open]);
    assert_eq!(app.mode(), Mode::Browse(Focus::Reader));
    run(&mut app, [Action::Down, Action::Down]);
    assert_eq!(app.reader.scroll, 2);
    run(&mut app, [Action::Bottom]);
    let max = app.reader.scroll;
    assert!(max > 0);
    run(&mut app, [Action::PageDown]);
    assert_eq!(app.reader.scroll, max);
    run(&mut app, [Action::NextArticle]);
    assert_eq!(app.reader.scroll, 0, "a new article starts at the top");
    run(&mut app, [Action::FocusList]);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn tab_and_backtab_cycle_the_panes_of_either_screen() {
    let mut app = app();
    for (w, h) in [(100, 20), (60, 20), (40, 12)] {
        run(&mut app, [Action::Resize(w, h)]);
        run(&mut app, [Action::FocusNext]);
        assert_eq!(app.focus, Focus::Reader, "{w}x{h}");
        run(&mut app, [Action::FocusNext]);
        assert_eq!(app.focus, Focus::List, "Tab goes back round: {w}x{h}");
        run(&mut app, [Action::FocusPrev, Action::FocusPrev]);
        assert_eq!(app.focus, Focus::List, "{w}x{h}");
    }
    run(&mut app, [Action::OpenPeople, Action::FocusNext]);
    assert_eq!(app.people_pane, PeoplePane::Person);
    let p = panes(&app).expect("drawn");
    assert!(p.person.is_some(), "the chart is reachable at 40x12");
    run(&mut app, [Action::FocusPrev]);
    assert_eq!(app.people_pane, PeoplePane::List);
}

#[test]
fn choosing_a_person_filters_the_list() {
    let mut app = app();
    run(&mut app, [Action::OpenPeople]);
    assert_eq!(app.mode(), Mode::People);
    run(
        &mut app,
        [Action::EditFilter, Action::Insert('l'), Action::Insert('p')],
    );
    let first = app.selected_person().expect("a match");
    assert_eq!(
        app.store.person_name(first),
        "吕沛",
        "the tightest match ranks first"
    );
    run(&mut app, [Action::ChoosePerson]);
    assert_eq!(app.mode(), Mode::Browse(Focus::List));
    assert_eq!(app.set_len(), 2);
    run(&mut app, [Action::ClearFilter]);
    assert_eq!(app.set_len(), 4);
}

#[test]
fn initial_query_and_person_apply() {
    let mut app = self::app();
    let store = app.store.clone();
    let options = TuiOptions {
        query: Some("会议".into()),
        person: Some("吕沛".into()),
        ..TuiOptions::default()
    };
    app = App::new(store.clone(), &options);
    start(&mut app);
    settle(&mut app);
    assert_eq!(app.listed_titles(), vec!["示范区党政联席会议召开"]);
    let unknown = TuiOptions {
        person: Some("无此人".into()),
        ..TuiOptions::default()
    };
    let mut app = App::new(store, &unknown);
    start(&mut app);
    settle(&mut app);
    assert_eq!(app.set_len(), 0);
}

#[test]
fn help_swallows_keys_until_closed() {
    let mut app = app();
    run(&mut app, [Action::ToggleHelp]);
    assert_eq!(app.mode(), Mode::Overlay);
    run(&mut app, [Action::Down, Action::PageDown, Action::Bottom]);
    assert_eq!(app.list.selected, 0, "keys scroll the help, not the list");
    assert!(app.overlay_scroll > 0);
    assert_eq!(app.overlay_scroll, super::super::overlay::max_scroll(&app));
    run(&mut app, [Action::Top]);
    assert_eq!(app.overlay_scroll, 0);
    run(&mut app, [Action::ToggleHelp]);
    assert_eq!(app.mode(), Mode::Browse(Focus::List));
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = app();
    // Filter pane is 3 rows, the list border 1: the third article is on row 6.
    run(&mut app, [Action::Click { column: 5, row: 6 }]);
    assert_eq!(app.list.selected, 2);
    run(
        &mut app,
        [Action::Wheel {
            column: 70,
            row: 8,
            down: true,
        }],
    );
    assert_eq!(app.reader.scroll, 3);
    run(&mut app, [Action::Click { column: 70, row: 8 }]);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn tiny_terminal_updates_do_not_panic() {
    let mut app = app();
    for (w, h) in [(1, 1), (0, 0), (10, 3), (30, 9)] {
        run(
            &mut app,
            [
                Action::Resize(w, h),
                Action::PageDown,
                Action::Open,
                Action::PageDown,
                Action::Click { column: 0, row: 0 },
                Action::Wheel {
                    column: 0,
                    row: 0,
                    down: true,
                },
            ],
        );
    }
}

#[test]
fn b_toggles_the_bookmark_of_the_selected_article() {
    let mut app = app();
    run(&mut app, [Action::Down, Action::ToggleBookmark]);
    assert!(app.marks.is_bookmarked(ArticleId(1)));
    assert!(app.marks_changed);
    app.marks_changed = false;
    run(&mut app, [Action::ToggleBookmark]);
    assert!(!app.marks.is_bookmarked(ArticleId(1)));
    assert!(app.marks_changed);
}

#[test]
fn opening_an_article_marks_it_read() {
    let mut app = app();
    run(&mut app, [Action::Down]);
    assert!(!app.marks.is_read(ArticleId(1)), "a preview is not a read");
    run(&mut app, [Action::Open]);
    assert!(app.marks.is_read(ArticleId(1)));
    run(&mut app, [Action::NextArticle]);
    assert!(
        app.marks.is_read(ArticleId(2)),
        "moving on in the reader reads"
    );
    assert!(!app.marks.is_read(ArticleId(0)));
    assert!(app.marks_changed);
}

#[test]
fn the_bookmarked_scope_filters_to_bookmarks() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::ToggleBookmark,
            Action::Bottom,
            Action::ToggleBookmark,
        ],
    );
    run(
        &mut app,
        [
            Action::EditFilter,
            Action::CycleScope,
            Action::CycleScope,
            Action::CycleScope,
        ],
    );
    assert_eq!(app.scope, FilterScope::Bookmarked);
    assert_eq!(
        app.listed_titles(),
        vec!["孟州市委常委会召开", "温县述职评议考核会议召开"]
    );
    // Text filters within the bookmarks.
    run(&mut app, [Action::Insert('会'), Action::Insert('议')]);
    assert_eq!(app.listed_titles(), vec!["温县述职评议考核会议召开"]);
    run(&mut app, [Action::ClearInput, Action::Accept]);
    // Unbookmarking removes the article from the set; the selection stays near.
    run(&mut app, [Action::ToggleBookmark]);
    assert_eq!(app.listed_titles(), vec!["温县述职评议考核会议召开"]);
    assert_eq!(app.list.selected, 0);
    run(&mut app, [Action::EditFilter, Action::CycleScope]);
    assert_eq!(app.scope, FilterScope::All);
    assert_eq!(app.set_len(), 4);
}

#[test]
fn saved_state_restores_filter_selection_and_marks() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::EditFilter,
            Action::Insert('会'),
            Action::Accept,
            Action::Down,
            Action::ToggleBookmark,
            Action::Open,
        ],
    );
    let selected = app.selected_article();
    let saved = app.saved_state();
    assert_eq!(saved.bookmarks.len(), 1);
    assert_eq!(saved.read.len(), 1);
    let options = TuiOptions {
        state: saved.clone(),
        ..TuiOptions::default()
    };
    let mut back = App::new(app.store.clone(), &options);
    start(&mut back);
    update(&mut back, Action::Resize(100, 20));
    settle(&mut back);
    assert_eq!(back.filter.text(), "会");
    assert_eq!(back.selected_article(), selected);
    assert!(selected.is_some_and(|id| back.marks.is_bookmarked(id) && back.marks.is_read(id)));
    // A query on the command line wins over the saved filter; the marks stay.
    let options = TuiOptions {
        query: Some("温县".into()),
        state: saved,
        ..TuiOptions::default()
    };
    let mut cli = App::new(app.store.clone(), &options);
    start(&mut cli);
    settle(&mut cli);
    assert_eq!(cli.filter.text(), "温县");
    assert_eq!(cli.marks.bookmark_count(), 1);
}

#[test]
fn a_paste_goes_into_the_filter_as_text() {
    let mut app = app();
    run(&mut app, [Action::Paste("示范区\rlp".into())]);
    assert_eq!(app.mode(), Mode::Filter, "a paste opens the filter");
    assert_eq!(app.filter.text(), "示范区 lp");
    assert!(!app.quit);
    run(&mut app, [Action::Paste("\rq".into())]);
    assert_eq!(app.filter.text(), "示范区 lp q");
    assert!(!app.quit && app.screen == Screen::Articles);
}

#[test]
fn only_a_filter_the_user_applied_is_saved() {
    let saved = crate::state::SavedState {
        filter: Some(crate::state::SavedFilter {
            text: "温县".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let base = app();
    // From the command line: shown, not saved; the saved one is kept for next time.
    for options in [
        TuiOptions {
            query: Some("会议".into()),
            state: saved.clone(),
            ..TuiOptions::default()
        },
        TuiOptions {
            person: Some("吕沛".into()),
            state: saved.clone(),
            ..TuiOptions::default()
        },
    ] {
        let mut cli = App::new(base.store.clone(), &options);
        start(&mut cli);
        settle(&mut cli);
        assert_eq!(cli.saved_state().filter, saved.filter);
    }
    // Half typed at exit: not saved either.
    let options = TuiOptions {
        state: saved.clone(),
        ..TuiOptions::default()
    };
    let mut app = App::new(base.store.clone(), &options);
    start(&mut app);
    run(
        &mut app,
        [Action::EditFilter, Action::ClearInput, Action::Insert('孟')],
    );
    assert_eq!(app.saved_state().filter, saved.filter);
    // Applied with Enter: saved.
    run(&mut app, [Action::Accept]);
    let filter = app.saved_state().filter.expect("applied");
    assert_eq!(filter.text, "孟");
    // Cleared with Esc: the empty filter is what was applied.
    run(&mut app, [Action::ClearFilter]);
    assert_eq!(
        app.saved_state().filter.map(|f| f.text),
        Some(String::new())
    );
}

#[test]
fn files_that_failed_are_said_and_listed() {
    let mut app = app();
    let failures = vec!["typo.txt: not found; check the path".to_owned()];
    receive(&mut app, Background::LoadFailures(failures));
    settle(&mut app);
    let notice = app.notice.clone().expect("a notice");
    assert!(
        notice.starts_with("1 file could not be read · ! "),
        "{notice}"
    );
    run(&mut app, [Action::ShowFailures]);
    assert_eq!(app.overlay, Some(Overlay::Failures));
    let lines = super::super::overlay::lines(&app, 40);
    let text: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert!(text.contains("typo.txt: not found"), "{text}");
    run(&mut app, [Action::CloseOverlay]);
    assert_eq!(app.mode(), Mode::Browse(Focus::List));
}

/// The index of `app`'s articles, built in memory, ready with `outcome`.
fn index_ready(app: &App, outcome: Option<crate::fulltext::disk::Outcome>) -> Background {
    let index = crate::fulltext::FullText::build_in_ram(app.store.articles()).expect("index");
    Background::IndexReady(Ok((Arc::new(index), outcome)))
}

#[test]
fn what_became_of_the_text_index_is_said_when_it_arrives() {
    use crate::fulltext::disk::Outcome;
    let mut app = app();
    receive(&mut app, Background::Indexing(Arc::default()));
    let updated = Outcome::Updated {
        changed: 1,
        added: 0,
        removed: 0,
    };
    let ready = index_ready(&app, Some(updated));
    receive(&mut app, ready);
    settle(&mut app);
    assert!(!app.indexing && app.fulltext.is_some());
    assert_eq!(
        app.notice.as_deref(),
        Some("text index updated: 1 file changed")
    );
    // An index opened as it was saved, or built in memory without a cache, is no news.
    for outcome in [Some(Outcome::Opened), None] {
        let mut app = self::app();
        let ready = index_ready(&app, outcome);
        receive(&mut app, ready);
        assert_eq!(app.notice, None);
    }
    // A notice the user has not seen go yet is kept.
    let mut app = self::app();
    receive(
        &mut app,
        Background::LoadFailures(vec!["bad.txt: binary".into()]),
    );
    let ready = index_ready(&app, Some(Outcome::Built("none saved".into())));
    receive(&mut app, ready);
    let notice = app.notice.clone().expect("a notice");
    assert!(notice.starts_with("1 file could not be read"), "{notice}");
    // Once it has gone, the next index's news is shown.
    update(&mut app, Action::Down);
    let ready = index_ready(&app, Some(Outcome::Built("none saved".into())));
    receive(&mut app, ready);
    assert_eq!(app.notice.as_deref(), Some("text index built (none saved)"));
}

#[test]
fn a_notice_is_shown_until_the_next_key() {
    let options = TuiOptions {
        notice: Some("moved aside".into()),
        ..TuiOptions::default()
    };
    let mut app = App::new(
        Arc::new(crate::search::Catalog::build(Vec::new())),
        &options,
    );
    start(&mut app);
    update(&mut app, Action::Resize(80, 24));
    assert!(app.notice.is_some());
    update(&mut app, Action::Down);
    assert!(app.notice.is_none());
}

#[test]
fn counts_multiply_movements_and_5g_goes_to_row_5() {
    let mut app = app();
    run(&mut app, [Action::Digit(2), Action::Down]);
    assert_eq!(app.list.selected, 2);
    assert_eq!(app.count, None, "a count is used once");
    run(&mut app, [Action::Down]);
    assert_eq!(app.list.selected, 3);
    run(&mut app, [Action::Digit(1), Action::Top]);
    assert_eq!(app.list.selected, 0);
    run(&mut app, [Action::Digit(0), Action::Down]);
    assert_eq!(app.list.selected, 1, "a lone 0 is no count");
    run(
        &mut app,
        [
            Action::Open,
            Action::Digit(1),
            Action::Digit(0),
            Action::Down,
        ],
    );
    assert_eq!(app.reader.scroll, 10);
}

#[test]
fn half_pages_and_space_at_the_end_goes_to_the_next_article() {
    let mut app = app();
    run(&mut app, [Action::Open, Action::HalfPage(true)]);
    let half = app.reader.scroll;
    assert!(half > 0, "scrolled");
    run(&mut app, [Action::HalfPage(true)]);
    assert_eq!(app.reader.scroll, 2 * half);
    run(&mut app, [Action::HalfPage(false), Action::HalfPage(false)]);
    assert_eq!(app.reader.scroll, 0);
    run(&mut app, [Action::Bottom, Action::PageDownOrNext]);
    assert_eq!(app.list.selected, 1, "space at the end: next article");
    assert_eq!(app.reader.scroll, 0);
    assert_eq!(app.focus, Focus::Reader);
    run(&mut app, [Action::PageDownOrNext]);
    assert!(app.reader.scroll > 0, "space within an article pages");
    assert_eq!(app.list.selected, 1);
}

#[test]
fn sorting_cycles_and_keeps_the_selected_article() {
    let mut app = app();
    run(&mut app, [Action::Down]);
    let chosen = app.selected_article();
    run(&mut app, [Action::CycleSort]);
    assert_eq!(app.sort, crate::tui::order::SortKey::Date);
    assert_eq!(
        app.listed_titles()[0],
        "温县述职评议考核会议召开",
        "newest first"
    );
    assert_eq!(app.selected_article(), chosen);
    run(
        &mut app,
        [Action::CycleSort, Action::CycleSort, Action::CycleSort],
    );
    assert_eq!(app.sort, crate::tui::order::SortKey::Relevance);
    assert_eq!(app.listed_titles()[0], "孟州市委常委会召开");
    assert_eq!(app.selected_article(), chosen);
}

#[test]
fn brackets_jump_to_the_next_and_previous_day() {
    let mut app = app();
    run(
        &mut app,
        [Action::JumpDate {
            forward: true,
            month: false,
        }],
    );
    assert_eq!(app.list.selected, 1);
    run(&mut app, [Action::CycleSort]);
    // Newest first: 03-04 03-03 03-02 03-01, with 03-02 selected.
    run(
        &mut app,
        [Action::JumpDate {
            forward: true,
            month: false,
        }],
    );
    assert_eq!(
        app.store
            .date_key(app.selected_article().expect("row"))
            .label(),
        "03-03"
    );
    run(
        &mut app,
        [Action::JumpDate {
            forward: false,
            month: true,
        }],
    );
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("no earlier month"))
    );
}

#[test]
fn read_marks_toggle_and_the_unread_view_and_next_unread() {
    let mut app = app();
    run(&mut app, [Action::Open, Action::ToggleRead]);
    assert!(
        !app.marks.is_read(ArticleId(0)),
        "marked unread while shown"
    );
    run(&mut app, [Action::ToggleRead]);
    assert!(app.marks.is_read(ArticleId(0)));
    run(&mut app, [Action::FocusList, Action::NextUnread]);
    assert_eq!(app.list.selected, 1);
    run(&mut app, [Action::ToggleUnreadOnly]);
    assert!(app.unread_only);
    assert_eq!(app.set_len(), 3, "article 0 is read");
    assert_eq!(app.selected_article(), Some(ArticleId(1)));
    run(&mut app, [Action::Open, Action::FocusList]);
    assert_eq!(app.set_len(), 3, "the view does not move under the user");
    run(
        &mut app,
        [Action::ToggleUnreadOnly, Action::ToggleUnreadOnly],
    );
    assert_eq!(app.set_len(), 2, "refreshed");
}

#[test]
fn copy_and_pager_take_the_article_as_text() {
    let mut app = app();
    run(&mut app, [Action::Copy]);
    let text = app.clipboard.clone().expect("copied");
    assert!(text.starts_with("孟州市委常委会召开\n"), "{text}");
    assert!(text.contains("第29段。卢和平出席。"), "{text}");
    assert!(app.notice.as_deref().is_some_and(|n| n.contains("OSC 52")));
    run(&mut app, [Action::OpenPager]);
    assert_eq!(app.pager.as_deref(), Some(text.as_str()));
}

/// The lines of the reader holding a match, as text.
fn matched_lines(app: &App) -> Vec<String> {
    app.reader
        .matches
        .iter()
        .map(|&n| app.reader.doc[n].iter().map(|r| r.text.as_str()).collect())
        .collect()
}

#[test]
fn slash_in_the_reader_searches_the_article_and_n_steps_through_it() {
    let mut app = app();
    run(&mut app, [Action::Open, Action::EditFind]);
    assert_eq!(app.mode(), Mode::Find);
    assert!(!app.editing, "the filter is not being typed");
    run(&mut app, [Action::Insert('第'), Action::Insert('2')]);
    // Marked as typed; the reader does not move before Enter.
    let lines = matched_lines(&app);
    assert_eq!(lines.len(), 11, "{lines:?}");
    assert!(lines[0].contains("第2段"), "{lines:?}");
    assert_eq!(app.reader.scroll, 0);
    run(&mut app, [Action::Accept]);
    assert_eq!(app.mode(), Mode::Browse(Focus::Reader));
    assert_eq!(app.reader.current_match, Some(0));
    let first = app.reader.matches[0];
    assert_eq!(app.reader.scroll, sync::match_scroll(first));
    let article = app.selected_article();
    run(&mut app, [Action::NextArticle]);
    assert_eq!(app.reader.current_match, Some(1));
    assert_eq!(app.selected_article(), article, "n stays in the article");
    run(&mut app, [Action::PrevArticle, Action::PrevArticle]);
    assert_eq!(app.reader.current_match, Some(0));
    assert!(app.notice.as_deref().is_some_and(|n| n.contains("above")));
    assert_eq!(app.selected_article(), article, "N stays in the article");
    // Esc ends the search: no match left (there is no filter), and n goes on to the next
    // article again.
    run(&mut app, [Action::ClearFilter]);
    assert!(app.find.is_none());
    assert!(app.reader.matches.is_empty());
    run(&mut app, [Action::NextArticle]);
    assert_ne!(app.selected_article(), article);
}

#[test]
fn enter_jumps_to_the_first_match_from_the_top_line_on() {
    let mut app = app();
    run(&mut app, [Action::Open]);
    // Scroll past 第2段 (its own line, a few lines below the header).
    run(&mut app, vec![Action::Down; 12]);
    let top = app.reader.scroll;
    run(
        &mut app,
        [
            vec![Action::EditFind],
            typed_actions("第2"),
            vec![Action::Accept],
        ]
        .concat(),
    );
    let at = app.reader.current_match.expect("a match");
    let line = app.reader.matches[at];
    assert!(line >= top, "{line} is above the top line {top}");
    let text: String = app.reader.doc[line]
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert!(text.contains("第20段"), "{text}");
    // None below: back to the first, said in the status bar.
    run(&mut app, [Action::Bottom]);
    run(
        &mut app,
        [
            vec![Action::EditFind],
            typed_actions("第1段"),
            vec![Action::Accept],
        ]
        .concat(),
    );
    assert_eq!(app.reader.current_match, Some(0));
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("back to the first"))
    );
}

#[test]
fn the_article_search_ends_with_esc_backspace_or_another_article() {
    let mut app = app();
    run(
        &mut app,
        [Action::Open, Action::EditFind, Action::Insert('x')],
    );
    run(&mut app, [Action::LeaveInput]);
    assert!(app.find.is_none(), "esc while typing cancels");
    assert_eq!(app.mode(), Mode::Browse(Focus::Reader));
    run(
        &mut app,
        [Action::EditFind, Action::Insert('段'), Action::Backspace],
    );
    assert!(app.find.is_some());
    run(&mut app, [Action::Backspace]);
    assert!(
        app.find.is_none(),
        "backspace past the start ends it, as in less"
    );
    run(
        &mut app,
        [Action::EditFind, Action::Insert('段'), Action::Accept],
    );
    assert!(!app.reader.matches.is_empty());
    run(&mut app, [Action::FocusList, Action::Down]);
    assert!(app.find.is_none(), "another article ends the search");
    // From the list, `/` is the filter's.
    run(&mut app, [Action::EditFind]);
    assert!(app.find.is_none());
    assert_eq!(app.mode(), Mode::Browse(Focus::List));
}

#[test]
fn the_article_search_takes_the_place_of_the_filters_matches() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::EditFilter,
            Action::Insert('吕'),
            Action::Insert('沛'),
            Action::Accept,
            Action::Open,
        ],
    );
    let filter_matches = app.reader.matches.clone();
    assert!(!filter_matches.is_empty());
    run(
        &mut app,
        [
            vec![Action::EditFind],
            typed_actions("第3"),
            vec![Action::Accept],
        ]
        .concat(),
    );
    assert_ne!(app.reader.matches, filter_matches);
    let lines = matched_lines(&app);
    assert!(lines.iter().all(|l| l.contains("第3")), "{lines:?}");
    let scroll = app.reader.scroll;
    run(&mut app, [Action::ClearFilter]);
    assert_eq!(
        app.reader.matches, filter_matches,
        "the filter's matches are back"
    );
    assert_eq!(app.reader.scroll, scroll, "the reader stays where it is");
    assert!(!app.filter.text().is_empty(), "the filter stays");
}

fn typed_actions(s: &str) -> Vec<Action> {
    s.chars().map(Action::Insert).collect()
}

/// The bottom row of `app` drawn `width` columns wide.
fn status_bar(app: &App, width: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 12))
        .expect("test backend");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    (0..width)
        .map(|x| buf[(x, buf.area.height - 1)].symbol())
        .collect()
}

#[test]
fn the_status_bar_shows_how_far_the_text_index_has_come() {
    let mut app = app();
    let progress = Arc::new(crate::fulltext::IndexProgress::default());
    receive(&mut app, Background::Indexing(Arc::clone(&progress)));
    assert_eq!(app.index_percent(), None, "nothing to index counted yet");
    assert!(status_bar(&app, 100).contains("indexing text…"));
    progress.start(4);
    progress.step();
    assert_eq!(app.index_percent(), Some(25));
    let bar = status_bar(&app, 100);
    assert!(bar.contains("indexing text 25%"), "{bar}");
    let ready = index_ready(&app, None);
    receive(&mut app, ready);
    assert_eq!(app.index_percent(), None);
    assert!(!status_bar(&app, 100).contains("indexing"));
}
