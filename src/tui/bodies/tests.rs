//! Tests of the body queries: which words are asked, how the answers are merged and ranked.

use super::*;
use crate::model::{Article, Kind};
use crate::tui::update::{receive, settle, update};
use crate::tui::{Action, App, Background, TuiOptions};

/// Articles with a headline and a body each, dated 03-0n.
fn catalog() -> Arc<Catalog> {
    let articles = [
        ("黄河治理会议召开", "会议指出要保护生态。"),
        ("孟州市委常委会召开", "会议强调黄河安澜，黄河流域生态保护。"),
        ("温县述职评议考核", "生态禀赋突出，黄河岸边。"),
        ("示范区党政联席会议", "无关的正文。"),
        ("温县新闻", "黄河一词出现一次，生态。"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (title, body))| {
        let mut a = Article::new("t.txt", i as u32, Kind::News);
        a.set_title(Some(title));
        a.set_date(Some(&format!("2023-03-0{}", i + 1)));
        a.set_paragraphs(&[body.to_owned()]);
        a
    })
    .collect();
    Arc::new(Catalog::build(articles))
}

/// A reader over [`catalog`] whose full-text index is ready.
fn indexed_app() -> App {
    app_over(catalog())
}

/// A reader over `store` whose full-text index is ready.
fn app_over(store: Arc<Catalog>) -> App {
    let index = FullText::build_in_ram(store.articles()).expect("index");
    let mut app = App::new(store, &TuiOptions::default());
    crate::tui::update::start(&mut app);
    update(&mut app, Action::Resize(100, 30));
    receive(
        &mut app,
        Background::IndexReady(Ok((Arc::new(index), None))),
    );
    app
}

fn type_filter(app: &mut App, text: &str) {
    update(app, Action::EditFilter);
    for c in text.chars() {
        update(app, Action::Insert(c));
    }
    settle(app);
}

#[test]
fn body_terms_are_the_required_words_of_two_or_more_characters() {
    let terms = |s: &str| body_terms(s);
    assert_eq!(terms("黄河 生态"), Some(vec!["黄河".into(), "生态".into()]));
    assert_eq!(terms("\"黄河 流域\" !会议"), Some(vec!["黄河 流域".into()]));
    assert_eq!(terms("date:2023-03 黄河"), Some(vec!["黄河".into()]));
    assert_eq!(
        terms("黄河 生"),
        None,
        "a one-character word matches too much"
    );
    assert_eq!(
        terms("孟州 | 温县"),
        None,
        "alternatives are not all required"
    );
    assert_eq!(terms("\"黄河"), None, "does not parse");
    assert_eq!(terms(""), None);
}

#[test]
fn body_only_matches_follow_the_headline_matches_by_relevance_then_date() {
    let mut app = indexed_app();
    type_filter(&mut app, "黄河");
    let shown = app.listed_titles();
    // The headline match comes first; the others hold 黄河 in their text only: two
    // occurrences before one, and between equal scores the newer first.
    assert_eq!(shown[0], "黄河治理会议召开");
    assert_eq!(shown.len(), 4, "{shown:?}");
    let body = app.body_only.clone().expect("body rows");
    assert_eq!(body.len(), 3);
    assert_eq!(
        app.store.article(body[0]).title(),
        Some("孟州市委常委会召开")
    );
    assert!(!shown.contains(&"示范区党政联席会议".to_owned()));
    // Ranked by score, then newer first among equal scores.
    let Some(Ok(hits)) = app.body.as_ref().map(|b| b.hits.clone()) else {
        panic!("no body answer");
    };
    for pair in hits.windows(2) {
        assert!(
            pair[0].score > pair[1].score
                || (pair[0].score == pair[1].score
                    && app.store.date_key(pair[0].id) >= app.store.date_key(pair[1].id)),
            "{hits:?}"
        );
    }
}

#[test]
fn a_body_only_row_has_a_snippet_and_the_reader_marks_the_word() {
    let mut app = indexed_app();
    type_filter(&mut app, "禀赋");
    assert_eq!(app.listed_titles(), vec!["温县述职评议考核"]);
    let snippet = app.snippet.clone().expect("snippet of the selected row");
    assert!(snippet.contains("[禀赋]"), "{snippet}");
    assert!(!app.reader.matches.is_empty());
    let marked: String = app
        .reader
        .doc
        .iter()
        .flatten()
        .filter(|r| r.tone == crate::tui::doc::Tone::Match)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(marked, "禀赋");
}

#[test]
fn n_steps_through_the_matches_in_the_reader_then_to_the_next_article() {
    let mut app = indexed_app();
    type_filter(&mut app, "黄河");
    update(&mut app, Action::Accept);
    // The second row holds 黄河 twice on one line: one match line.
    update(&mut app, Action::Down);
    update(&mut app, Action::FocusReader);
    let first = app.selected_article();
    assert_eq!(app.reader.current_match, Some(0));
    update(&mut app, Action::NextArticle);
    assert_ne!(
        app.selected_article(),
        first,
        "past the last match: next article"
    );
    assert_eq!(app.reader.current_match, Some(0));
}

#[test]
fn one_character_words_and_people_searches_ask_no_body_query() {
    let mut app = indexed_app();
    type_filter(&mut app, "黄");
    assert!(app.body_only.is_none());
    assert!(app.body.is_none());
    update(&mut app, Action::ClearInput);
    type_filter(&mut app, "@黄河");
    assert!(app.body.is_none(), "a people search does not read the text");
    assert!(app.listed_titles().is_empty());
}

#[test]
fn an_unparsable_filter_gives_a_hint_not_a_silent_nothing() {
    let mut app = indexed_app();
    type_filter(&mut app, "\"黄河");
    let hint = app.filter_hint.clone().expect("a hint");
    assert!(hint.starts_with("not a query:"), "{hint}");
    type_filter(&mut app, "\"");
    assert_eq!(app.filter_hint, None);
}

#[test]
fn a_body_answer_of_an_older_filter_is_dropped() {
    let mut app = indexed_app();
    type_filter(&mut app, "黄河");
    let old = app.body.clone().expect("answer");
    type_filter(&mut app, "生态");
    let now = app.body_only.clone();
    receive(&mut app, Background::BodyDone(old));
    assert_eq!(app.body_only, now);
}

#[test]
fn plain_words_go_to_the_fuzzy_search_as_typed() {
    for filter in ["黄河 生态", "@吕沛", "@吕沛 会议", "lp", ""] {
        assert_eq!(plan(filter).fuzzy, filter);
        assert_eq!(plan(filter).residual, None, "{filter}");
    }
    let split = plan("黄河 date:2023-03 !会议");
    assert_eq!(split.fuzzy, "黄河");
    let residual = split.residual.expect("residual");
    assert_eq!(residual.to_string(), "date:2023-03 !会议");
    assert_eq!(
        plan("\"黄河").residual,
        None,
        "unparsable: as typed, with a hint"
    );
}

#[test]
fn fields_and_exclusions_filter_the_set() {
    let mut app = indexed_app();
    type_filter(&mut app, "date:2023-03-02..2023-03-04");
    assert_eq!(
        app.listed_titles(),
        vec![
            "示范区党政联席会议",
            "温县述职评议考核",
            "孟州市委常委会召开"
        ],
        "conditions only: newest first"
    );
    update(&mut app, Action::ClearInput);
    type_filter(&mut app, "温县 !禀赋");
    assert_eq!(app.listed_titles(), vec!["温县新闻"]);
    update(&mut app, Action::ClearInput);
    type_filter(&mut app, "\"黄河流域\"");
    assert_eq!(app.listed_titles(), vec!["孟州市委常委会召开"]);
    update(&mut app, Action::ClearInput);
    type_filter(&mut app, "kind:photo");
    assert!(app.listed_titles().is_empty());
    assert_eq!(app.filter_hint, None);
}

/// A request made with these words over the [`catalog`], for the worker thread.
fn request_of(
    generation: u64,
    terms: &[&str],
    store: &Arc<Catalog>,
    index: &Arc<FullText>,
) -> BodyRequest {
    BodyRequest {
        generation,
        terms: terms.iter().map(|t| (*t).to_owned()).collect(),
        index: Some(Arc::clone(index)),
        store: Arc::clone(store),
        residual: Some(Arc::new(Query::parse("!禀赋").expect("query"))),
        sets: Arc::default(),
    }
}

#[test]
fn a_request_superseded_while_running_stops_early_and_is_never_answered() {
    use std::sync::Mutex;
    use std::time::Duration;
    // Only a safety net against a hang: the test never waits for time to pass.
    const NET: Duration = Duration::from_secs(60);
    let store = catalog();
    let index = Arc::new(FullText::build_in_ram(store.articles()).expect("index"));
    let (reached_tx, reached) = mpsc::channel::<()>();
    let (go, go_rx) = mpsc::channel::<()>();
    let stages = Arc::new(Mutex::new(HashMap::<u64, usize>::new()));
    let counted = Arc::clone(&stages);
    // The first request stops after its first word until the second one has been submitted.
    let worker = BodyWorker::spawn_observed(move |generation| {
        *counted
            .lock()
            .expect("counts")
            .entry(generation)
            .or_default() += 1;
        if generation == 1 {
            let _ = reached_tx.send(());
            let _ = go_rx.recv_timeout(NET);
        }
    })
    .expect("thread");
    let words = ["黄河", "生态", "会议"];
    worker.submit(request_of(1, &words, &store, &index));
    reached
        .recv_timeout(NET)
        .expect("the first request started");
    worker.submit(request_of(2, &words[..2], &store, &index));
    go.send(()).expect("release the first request");
    let answer = worker.answers.recv_timeout(NET).expect("an answer");
    assert_eq!(
        answer.generation, 2,
        "the superseded request is never answered"
    );
    let alone = request_of(2, &words[..2], &store, &index).answer();
    assert_eq!(answer.hits, alone.hits);
    assert_eq!(answer.allowed, alone.allowed);
    let stages = stages.lock().expect("counts").clone();
    assert_eq!(
        stages.get(&1),
        Some(&1),
        "stopped after its first word: {stages:?}"
    );
    assert_eq!(
        stages.get(&2),
        Some(&3),
        "two words and the conditions: {stages:?}"
    );
    drop(worker.jobs);
    assert!(worker.answers.recv_timeout(NET).is_err(), "no other answer");
}

#[test]
fn a_bare_at_sign_is_a_condition_not_a_person_search() {
    let split = plan("@");
    assert_eq!(split.fuzzy, "");
    assert_eq!(split.residual.expect("residual").to_string(), "@");
    assert_eq!(plan(" @吕沛").residual, None);
}

#[test]
fn a_filter_of_conditions_only_lists_the_newest_first_then_in_load_order() {
    let dates = [
        Some("2023-03-02"),
        Some("2023-03-05"),
        None,
        Some("2023-03-05"),
        Some("2023-03-01"),
    ];
    let articles = dates
        .iter()
        .enumerate()
        .map(|(i, date)| {
            let mut a = Article::new("t.txt", i as u32, Kind::News);
            a.set_title(Some(&format!("标题{i}")));
            a.set_date(*date);
            a.set_paragraphs(&["正文。"]);
            if i != 3 {
                a.set_persons(&[crate::model::PersonMention {
                    name: "吕沛".to_owned(),
                    role: None,
                }]);
            }
            a
        })
        .collect();
    let mut app = app_over(Arc::new(Catalog::build(articles)));
    type_filter(&mut app, "kind:news");
    assert_eq!(
        app.listed_titles(),
        vec!["标题1", "标题3", "标题0", "标题4", "标题2"]
    );
    update(&mut app, Action::ClearInput);
    type_filter(&mut app, "@");
    assert_eq!(
        app.listed_titles(),
        vec!["标题1", "标题0", "标题4", "标题2"]
    );
}
