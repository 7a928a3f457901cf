use super::super::lines::split_lines;
use super::super::pieces::layout;
use super::*;

fn read(text: &str) -> (Vec<Piece>, Plan) {
    let layout = layout(split_lines(text));
    let plan = plan(&layout);
    (layout.pieces, plan)
}

fn headline_of(pieces: &[Piece], story: &Story) -> Option<String> {
    story
        .headline
        .map(|(a, b)| (a..=b).map(|i| pieces[i].lines.concat()).collect())
}

/// The headline of every story of `plan`, in order.
fn headlines(pieces: &[Piece], plan: &Plan) -> Vec<Option<String>> {
    plan.stories
        .iter()
        .map(|s| headline_of(pieces, s))
        .collect()
}

/// `Some` of each expected headline text.
fn titled(texts: &[&str]) -> Vec<Option<String>> {
    texts.iter().map(|t| Some((*t).to_owned())).collect()
}

#[test]
fn headline_after_its_body() {
    let (p, plan) = read(
        "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n甲县召开植树造林动员会\n\n本报讯 3月3日，乙县举办招商引资推介会，签约项目十个。\n\n乙县举办招商引资推介会\n",
    );
    assert_eq!(
        headlines(&p, &plan),
        titled(&["甲县召开植树造林动员会", "乙县举办招商引资推介会"]),
        "{plan:?}"
    );
}

#[test]
fn headline_before_its_body_goes_where_its_words_are() {
    let (p, plan) = read(
        "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n甲县召开植树造林动员会\n\n乙县举办招商引资推介会\n\n3月3日，乙县举办招商引资推介会，签约项目十个。\n",
    );
    assert_eq!(
        headlines(&p, &plan),
        titled(&["甲县召开植树造林动员会", "乙县举办招商引资推介会"]),
        "{plan:?}"
    );
}

#[test]
fn two_headlines_around_one_run_split_it() {
    let (p, plan) = read(
        "甲县召开植树造林动员会\n\n3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n3月3日，乙县举办招商引资推介会，签约项目十个。\n\n乙县举办招商引资推介会\n",
    );
    assert_eq!(
        headlines(&p, &plan),
        titled(&["甲县召开植树造林动员会", "乙县举办招商引资推介会"]),
        "{plan:?}"
    );
}

#[test]
fn further_story_leaves_the_headline_to_the_first() {
    let (p, plan) = read(
        "本报讯 3月2日，甲县召开植树造林动员会。\n又讯 3月3日，甲县开展义务植树活动。\n\n甲县召开植树造林动员会\n",
    );
    assert_eq!(plan.stories.len(), 2);
    assert_eq!(
        headline_of(&p, &plan.stories[0]).as_deref(),
        Some("甲县召开植树造林动员会")
    );
    assert_eq!(plan.stories[1].headline, None);
}

#[test]
fn a_lone_character_is_never_a_headline() {
    let (p, plan) = read(
        "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n州\n甲县召开植树造林动员会\n\n本报讯 3月3日，乙县举办招商引资推介会。\n\n乙县举办招商引资推介会\n",
    );
    assert_eq!(plan.stories.len(), 2);
    assert_eq!(
        headline_of(&p, &plan.stories[0]).as_deref(),
        Some("甲县召开植树造林动员会")
    );
    assert!(plan.orphans.iter().any(|&i| p[i].lines == ["州"]));
}

#[test]
fn a_story_without_dateline_under_its_headline_is_not_merged() {
    let (p, plan) = read(
        "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化工作。\n\n甲县召开植树造林动员会\n\n乙县举办招商引资推介会\n\n为进一步优化营商环境，3月3日，乙县举办招商引资推介会，签约项目十个。\n\n（记者张三） 3月4日，丙县开展消防演练，检验应急能力。\n\n丙县开展消防演练\n",
    );
    assert_eq!(plan.stories.len(), 3, "{plan:?}");
    assert_eq!(
        headline_of(&p, &plan.stories[1]).as_deref(),
        Some("乙县举办招商引资推介会")
    );
    assert_eq!(
        headline_of(&p, &plan.stories[2]).as_deref(),
        Some("丙县开展消防演练")
    );
}

#[test]
fn close_readings_leave_a_doubt_and_clear_ones_none() {
    let (_, plan) = read(
        "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n甲县召开植树造林动员会\n\n本报讯 3月3日，乙县举办招商引资推介会，签约项目十个。\n\n乙县举办招商引资推介会\n",
    );
    assert!(plan.stories.iter().all(|s| !s.doubts.any()));
    // A headline sharing no word with either neighbour could go to either.
    let (_, plan) = read(
        "3月2日，甲县召开植树造林动员会，部署春季绿化。\n\n春风里的新绿\n\n3月3日，乙县举办招商引资推介会，签约项目十个。\n",
    );
    assert!(plan.stories.iter().any(|s| s.doubts.headline), "{plan:?}");
}

#[test]
fn short_line_after_a_sentence_stays_body_when_no_story_wants_it() {
    let (_, plan) = read(
        "本报讯 3月2日，甲县召开植树造林动员会，部署春季绿化工作。\n\n会议要求\n\n各乡镇要压实责任，确保完成任务。\n\n甲县召开植树造林动员会\n",
    );
    assert_eq!(plan.stories.len(), 1, "{plan:?}");
    assert_eq!(plan.stories[0].body.len(), 3);
    assert!(plan.orphans.is_empty());
}
