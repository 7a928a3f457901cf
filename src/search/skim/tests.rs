use super::*;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use proptest::prelude::*;

/// The reference: a fresh case-insensitive `SkimMatcherV2`.
fn reference(text: &str, pattern: &str) -> Option<i64> {
    SkimMatcherV2::default()
        .ignore_case()
        .fuzzy_match(text, pattern)
}

fn ours(text: &str, pattern: &str) -> Option<i64> {
    let p: Vec<char> = pattern.chars().collect();
    score(text, &p, &mut Scratch::default()).map(i64::from)
}

#[test]
fn agrees_on_examples() {
    for (text, pattern) in [
        ("吕沛与建行焦作分行行长王纪勋交流座谈", "吕沛"),
        ("示范区党政联席会议召开", "会议召开"),
        ("温县2022年度述职评议考核会议召开", "2022"),
        ("lvpeiyujianhang", "lvpei"),
        ("lpyjhjzfhhzwjxjlzt", "lp"),
        ("Foo Bar-baz/QUX", "fbq"),
        ("会", "会"),
        ("", "会"),
        ("abc", ""),
    ] {
        assert_eq!(
            ours(text, pattern),
            reference(text, pattern),
            "{text} {pattern}"
        );
    }
}

#[test]
fn one_character_in_a_key() {
    for key in ["lvpei", "lpyjh", "2022nian", "wx2022", "a", "pl"] {
        for c in ['l', 'p', '2', 'a', 'x'] {
            if key.contains(c) {
                let expected = reference(key, &c.to_string());
                let got = i64::from(single_in_key(key.starts_with(c)));
                assert_eq!(Some(got), expected, "{c} in {key}");
            }
        }
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            'a', 'b', 'c', 'A', 'B', ' ', '-', '/', '1', '会', '议', '召', '开', '，', '\0',
        ]),
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn pattern_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec!['a', 'b', 'c', '1', '-', '会', '议', '开']),
        1..6,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Texts without ASCII, whose windows are all plain.
fn plain_text_strategy() -> impl Strategy<Value = String> {
    "[会议召开，的]{0,30}"
}

fn key_strategy() -> impl Strategy<Value = String> {
    "[abclp12]{0,80}"
}

fn key_pattern_strategy() -> impl Strategy<Value = String> {
    "[abclp12]{1,5}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn keys_score_on_bytes_as_on_characters(key in key_strategy(), pattern in key_pattern_strategy()) {
        let got = score_key(key.as_bytes(), pattern.as_bytes(), &mut Scratch::default());
        prop_assert_eq!(got.map(i64::from), reference(&key, &pattern));
    }

    #[test]
    fn occurrences_scored_one_by_one_agree_with_skim_matcher_v2(
        text in text_strategy(),
        p in prop::sample::select(vec!['会', '议', '开', '，']),
    ) {
        // The best over every occurrence, each scored from the character before it.
        let best = text
            .char_indices()
            .filter(|&(_, c)| c == p)
            .map(|(at, _)| single_occurrence(p, text.get(..at).and_then(|t| t.chars().next_back())))
            .max();
        prop_assert_eq!(best.map(i64::from), reference(&text, &p.to_string()));
    }

    #[test]
    fn agrees_with_skim_matcher_v2(text in text_strategy(), pattern in pattern_strategy()) {
        prop_assert_eq!(ours(&text, &pattern), reference(&text, &pattern));
    }

    #[test]
    fn plain_windows_and_two_unit_patterns_agree_with_skim_matcher_v2(
        text in text_strategy(),
        plain in plain_text_strategy(),
        a in pattern_strategy(),
        b in pattern_strategy(),
        key in key_strategy(),
        k in key_pattern_strategy(),
    ) {
        let pair: String = a.chars().take(1).chain(b.chars().take(1)).collect();
        prop_assert_eq!(ours(&text, &pair), reference(&text, &pair));
        let plain_pair: String = plain.chars().rev().take(2).collect();
        if let [a, b] = plain_pair.chars().collect::<Vec<char>>()[..] {
            let expected = reference(&plain, &plain_pair);
            prop_assert_eq!(ours(&plain, &plain_pair), expected);
            prop_assert_eq!(pair_in_plain_text(&plain, a, b).map(i64::from), expected);
        }
        prop_assert_eq!(ours(&plain, "会议"), reference(&plain, "会议"));
        // Longer patterns over plain windows take the matrix without run bonuses.
        let longer: String = plain.chars().step_by(3).take(4).collect();
        prop_assert_eq!(ours(&plain, &longer), reference(&plain, &longer));
        prop_assert_eq!(ours(&plain, "会议召开"), reference(&plain, "会议召开"));
        let key_pair: String = k.chars().cycle().take(2).collect();
        let got = score_key(key.as_bytes(), key_pair.as_bytes(), &mut Scratch::default());
        prop_assert_eq!(got.map(i64::from), reference(&key, &key_pair));
        if key.contains(&key_pair) {
            let got = score_key_holding_run(key.as_bytes(), key_pair.as_bytes(), &mut Scratch::default());
            prop_assert_eq!(got.map(i64::from), reference(&key, &key_pair));
        }
    }

    #[test]
    fn a_run_in_a_bonus_free_text_scores_as_its_stand_in(
        before in "[会议召开，的a-cA-C0-9]{0,20}",
        after in "[会议召开，的a-cA-C0-9 -]{0,20}",
        pattern in "[会议召开，的]{2,5}",
    ) {
        let p: Vec<char> = pattern.chars().collect();
        let text = format!("{before}{pattern}{after}");
        if bonus_free(&text, p[0]) {
            let run = plain_run_score(&p, &mut Scratch::default());
            prop_assert_eq!(run.map(i64::from), reference(&text, &pattern));
        }
    }

    #[test]
    fn reusing_scratch_changes_nothing(a in text_strategy(), b in text_strategy(), pattern in pattern_strategy()) {
        let p: Vec<char> = pattern.chars().collect();
        let mut scratch = Scratch::default();
        let _ = score(&a, &p, &mut scratch);
        let reused = score(&b, &p, &mut scratch);
        prop_assert_eq!(reused, score(&b, &p, &mut Scratch::default()));
    }
}
