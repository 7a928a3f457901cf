//! Tests of the store: linking people, dates, regions and sources, and reading saved indexes.

use super::*;
use crate::model::{Kind, PersonMention};

fn article(source: &str, title: &str, date: Option<&str>, region: Option<&str>) -> Article {
    let mut a = Article::new(source, 0, Kind::News);
    a.set_title(Some(title));
    a.set_date(date);
    a.set_region(region);
    a
}

fn sample() -> Store {
    let mut a = article("a.txt", "孟州市委常委会召开", Some("03-28"), Some("孟州市"));
    a.set_persons(&[
        PersonMention {
            name: "卢和平".into(),
            role: Some("孟州市委书记".into()),
        },
        PersonMention {
            name: "吕沛".into(),
            role: None,
        },
    ]);
    a.set_credits(&["汤锐"]);
    let mut b = article("a.txt", "卢和平督导建设工作", Some("03-24"), Some("孟州市"));
    b.set_persons(&[PersonMention {
        name: "卢和平".into(),
        role: Some("孟州市委书记".into()),
    }]);
    b.set_reporters(&["卢和平"]);
    let mut c = article(
        "b.txt",
        "示范区会议召开",
        Some("2023-03-04"),
        Some("示范区"),
    );
    c.set_reporters(&["汤锐"]);
    Store::from_articles(vec![a, b, c])
}

#[test]
fn people_are_interned_and_ranked_named_before_credited() {
    let s = sample();
    let names: Vec<&str> = s.people().iter().map(|&p| s.person_name(p)).collect();
    // 汤锐 appears in two articles but only in credits: after everyone the text names.
    assert_eq!(names, vec!["卢和平", "吕沛", "汤锐"]);
    let lu = s.person_by_name("卢和平").expect("interned");
    assert_eq!(s.person_count(lu), 2);
    assert_eq!(s.person_named_count(lu), 2);
    assert!(!s.person_is_credited_only(lu));
    assert_eq!(s.person_role(lu), Some("孟州市委书记"));
    let tang = s.person_by_name("汤锐").expect("interned");
    let roles: Vec<Option<&str>> = s
        .articles_of_person(tang)
        .iter()
        .map(|a| a.role.map(|r| s.role(r)))
        .collect();
    assert_eq!(roles, vec![None, Some(ROLE_REPORTER)]);
    assert_eq!(s.person_named_count(tang), 0);
    assert!(s.person_is_credited_only(tang));
}

#[test]
fn a_person_s_role_is_the_most_specific_seen() {
    let mut articles = Vec::new();
    for (i, role) in ["该县领导", "该县领导", "该县县委常委"].iter().enumerate() {
        let mut a = article("c.txt", &format!("会议{i}召开"), Some("03-0{i}"), None);
        a.set_persons(&[PersonMention {
            name: "严冬".into(),
            role: Some((*role).into()),
        }]);
        articles.push(a);
    }
    let s = Store::from_articles(articles);
    let yan = s.person_by_name("严冬").expect("interned");
    assert_eq!(s.person_role(yan), Some("该县县委常委"));
}

#[test]
fn a_person_counts_once_per_article() {
    let s = sample();
    assert_eq!(s.people_of_article(ArticleId(1)).len(), 1);
    assert_eq!(s.people_of_article(ArticleId(0)).len(), 3);
    assert!(s.people_of_article(ArticleId(9)).is_empty());
}

#[test]
fn region_date_and_source_indexes() {
    let s = sample();
    assert_eq!(
        s.articles_in_region("孟州市"),
        &[ArticleId(0), ArticleId(1)]
    );
    assert!(s.articles_in_region("温县").is_empty());
    assert_eq!(s.articles_on_date("03-04"), vec![ArticleId(2)]);
    assert_eq!(s.articles_on_date("2023-03-04"), vec![ArticleId(2)]);
    assert!(s.articles_on_date("2022-03-04").is_empty());
    assert_eq!(s.articles_from_source("b.txt"), &[ArticleId(2)]);
    assert_eq!(s.regions()[0], ("孟州市", 2));
}

#[test]
fn timeline_counts_per_day() {
    let s = sample();
    let lu = s.person_by_name("卢和平").expect("interned");
    let tl: Vec<String> = s
        .person_timeline(lu)
        .iter()
        .map(|(d, _)| d.label())
        .collect();
    assert_eq!(tl, vec!["03-24", "03-28"]);
}

#[test]
fn date_keys_parse_and_order() {
    assert_eq!(DateKey::parse("03-27", 0), Some(DateKey(327)));
    assert_eq!(DateKey::parse("2023-03-07", 0), Some(DateKey(20_230_307)));
    assert_eq!(DateKey::parse("13-01", 0), None);
    assert_eq!(DateKey(20_230_307).show(true), "2023-03-07");
    assert_eq!(DateKey(20_230_307).show(false), "03-07");
    assert_eq!(DateKey(307).show(true), "     03-07");
    assert_eq!(DateKey(0).show(false), "     ");
    assert_eq!(DateKey::parse("昨天", 0), None);
    assert!(DateKey(20_230_307).day_number() > DateKey(20_230_228).day_number());
}

#[test]
fn empty_store_is_fine() {
    let s = Store::from_articles(Vec::new());
    assert!(s.is_empty());
    assert!(s.people().is_empty());
}
