use std::borrow::Cow;
use std::ops::Range;

use super::*;

fn non_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn widths(lines: &[String]) -> Vec<usize> {
    lines.iter().map(|line| width(line)).collect()
}

// --- width: pitfalls 1 and 7 ---

#[test]
fn chinese_counts_two_columns_latin_one() {
    assert_eq!(width("焦作日报"), 8);
    assert_eq!(width("abc"), 3);
    assert_eq!(width("温县abc"), 7);
    assert_eq!(width(""), 0);
}

#[test]
fn ambiguous_punctuation_is_measured_narrow() {
    for c in ["“", "”", "‘", "’", "…", "·", "—"] {
        assert_eq!(width(c), 1, "{c}");
    }
    assert_eq!(width(&ELLIPSIS.to_string()), 1);
}

#[test]
fn ambiguous_punctuation_is_two_columns_when_set_wide() {
    set_ambiguous_wide(true);
    assert_eq!(width("“四城联创”"), 12);
    assert_eq!(width("a·b"), 4);
    assert_eq!(width(&truncate("“四城联创”工作", 7)), 6);
    assert_eq!(truncate("“四城”", 1), "");
    let lines = wrap("“四城联创”工作务虚会……", 10);
    assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
    set_ambiguous_wide(false);
    assert_eq!(width("“四城联创”"), 10);
}

#[test]
fn wide_and_fullwidth_punctuation_is_two_columns() {
    for c in ["、", "。", "《", "》", "，", "：", "（", "）", "\u{3000}"] {
        assert_eq!(width(c), 2, "{c}");
    }
}

#[test]
fn combining_marks_take_no_column() {
    assert_eq!(width("e\u{301}"), 1);
}

// --- truncate: pitfall 4 ---

#[test]
fn truncate_leaves_fitting_text_alone() {
    assert!(matches!(truncate("焦作日报", 8), Cow::Borrowed("焦作日报")));
    assert_eq!(truncate("abc", 10), "abc");
}

#[test]
fn truncate_adds_ellipsis_within_the_width() {
    assert_eq!(truncate("焦作日报", 5), "焦作…");
    assert_eq!(width(&truncate("焦作日报", 5)), 5);
    assert_eq!(truncate("abcdef", 4), "abc…");
}

#[test]
fn truncate_never_splits_a_wide_char_at_the_boundary() {
    // Budget before the ellipsis is 6 columns: 焦作日 fits, half of 报 would not.
    assert_eq!(truncate("焦作日报温县", 7), "焦作日…");
    // Budget 5: 焦作 (4) fits, 日 would need 6: stop before it, one column short.
    let cut = truncate("焦作日报", 6);
    assert_eq!(cut, "焦作…");
    assert_eq!(width(&cut), 5);
    assert_eq!(truncate("ab焦作", 4), "ab…");
}

#[test]
fn truncate_to_tiny_widths() {
    assert_eq!(truncate("焦作", 1), "…");
    assert_eq!(truncate("焦作", 0), "");
    assert_eq!(truncate("", 0), "");
}

#[test]
fn truncate_keeps_combining_marks_with_their_letter() {
    assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
}

// --- pad_right: pitfall 1 ---

#[test]
fn padded_chinese_titles_line_up() {
    let titles = ["温县新闻", "Hello", "焦作a", "武陟县召开经济工作会议", ""];
    let rows: Vec<String> = titles
        .iter()
        .map(|title| format!("{}|", pad_right(title, 12)))
        .collect();
    for row in &rows {
        let bar = row.split('|').next().expect("has a bar");
        assert_eq!(width(bar), 12, "{row:?}");
    }
    // 经 does not fit before the ellipsis: the cut is 11 columns, one space fills it up.
    assert_eq!(pad_right("武陟县召开经济工作会议", 12), "武陟县召开… ");
}

#[test]
fn std_format_padding_would_stagger_columns() {
    // The bug pad_right exists to avoid: `{:w$}` pads by chars.
    assert_eq!(width(&format!("{:12}", "温县新闻")), 16);
    assert_eq!(width(&pad_right("温县新闻", 12)), 12);
}

// --- columns for cursors and matches: pitfalls 8 and 9 ---

#[test]
fn cursor_column_is_the_width_before_it() {
    assert_eq!(cursor_col("焦作a", 0), 0);
    assert_eq!(cursor_col("焦作a", 2), 4);
    assert_eq!(cursor_col("焦作a", 3), 5);
    assert_eq!(cursor_col("ab", 9), 2);
    assert_eq!(cursor_col("“温县”", 2), 3);
}

#[test]
fn char_index_maps_to_start_column() {
    assert_eq!(char_index_to_col("a焦b", 2), 3);
    assert_eq!(char_index_to_col("", 0), 0);
}

#[test]
fn match_spans_convert_char_indices_to_columns() {
    assert_eq!(match_col_spans("焦作日报", &[1, 2]), vec![2..6]);
    assert_eq!(match_col_spans("a焦b", &[2, 0]), vec![0..1, 3..4]);
    assert_eq!(match_col_spans("“温县”", &[0, 1, 3]), vec![0..3, 5..6]);
    assert_eq!(match_col_spans("焦作", &[1, 1, 7]), vec![2..4]);
}

#[test]
fn match_spans_ascii_fast_path_agrees() {
    assert_eq!(match_col_spans("hello", &[4, 1, 2]), vec![1..3, 4..5]);
    assert_eq!(match_col_spans("hello", &[5]), Vec::<Range<usize>>::new());
}

// --- wrap: pitfalls 2 and 3 ---

#[test]
fn chinese_breaks_between_any_two_characters() {
    assert_eq!(wrap("一二三四五六七", 6), ["一二三", "四五六", "七"]);
}

#[test]
fn no_line_starts_with_a_comma() {
    // 一二三四 fills the line; the comma is pulled in with 四 on the next line.
    assert_eq!(wrap("一二三四，五六", 8), ["一二三", "四，五六"]);
}

#[test]
fn no_line_ends_with_an_opening_quote() {
    assert_eq!(wrap("一二三“四五”", 8), ["一二三", "“四五”"]);
    assert_eq!(wrap("一二（三四）", 6), ["一二", "（三", "四）"]);
}

#[test]
fn ellipsis_and_dash_stay_with_the_previous_character() {
    assert_eq!(wrap("他说道……好", 6), ["他说", "道……好"]);
    assert_eq!(wrap("他说道——好", 6), ["他说", "道——好"]);
}

#[test]
fn numbers_are_kept_whole() {
    let lines = wrap("比上年增长94.49%，产值92.60%。", 12);
    assert_eq!(lines, ["比上年增长", "94.49%，产值", "92.60%。"]);
}

#[test]
fn latin_words_are_kept_whole() {
    assert_eq!(wrap("使用Python语言", 8), ["使用", "Python语", "言"]);
    assert_eq!(wrap("hello world foo", 11), ["hello world", "foo"]);
}

#[test]
fn a_word_wider_than_the_line_is_hard_broken() {
    assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
}

#[test]
fn spaces_at_breaks_are_dropped_inner_ones_kept() {
    assert_eq!(wrap("  ab  cd  ", 4), ["ab", "cd"]);
    assert_eq!(wrap("温县\u{3000}武陟", 10), ["温县\u{3000}武陟"]);
    assert_eq!(wrap("a\tb\nc", 10), ["a b c"]);
}

#[test]
fn first_line_indent_counts_toward_the_width() {
    assert_eq!(wrap_indented("一二三四五六", 8, 2), ["  一二三", "四五六"]);
    assert_eq!(wrap_indented("一二", 8, 2), ["  一二"]);
}

#[test]
fn indent_leaves_room_for_one_wide_character() {
    assert_eq!(wrap_indented("一二", 3, 2), [" 一", "二"]);
    assert_eq!(wrap_indented("一二", 2, 2), ["一", "二"]);
}

#[test]
fn empty_or_blank_text_gives_no_lines() {
    assert!(wrap("", 10).is_empty());
    assert!(wrap(" \u{3000} ", 10).is_empty());
    assert!(wrap_indented("", 10, 2).is_empty());
}

#[test]
fn width_two_cuts_unavoidable_runs_and_loses_nothing() {
    let text = "中文，测试。";
    let lines = wrap(text, 2);
    assert_eq!(lines, ["中", "文", "，", "测", "试", "。"]);
}

#[test]
fn width_three_never_overflows() {
    let lines = wrap("中文，测试ab“c”", 3);
    assert!(widths(&lines).iter().all(|&w| w <= 3), "{lines:?}");
    assert_eq!(non_space(&lines.concat()), "中文，测试ab“c”");
    // The run ab“c” is cut before “ rather than after it.
    assert_eq!(lines, ["中", "文", "，", "测", "试", "ab", "“c”"]);
}

#[test]
fn width_one_replaces_wide_characters() {
    assert_eq!(wrap("中a", 1), ["…", "a"]);
}

#[test]
fn width_zero_gives_nothing() {
    assert!(wrap("中文", 0).is_empty());
}

// --- properties ---

mod properties {
    use super::super::*;
    use super::non_space;
    use proptest::prelude::*;

    /// One non-space character of the original text, with what surrounds it.
    struct Placed {
        c: char,
        cols: usize,
        space_before: usize,
    }

    fn placed(text: &str) -> Vec<Placed> {
        let mut out = Vec::new();
        let mut space = 0;
        for c in text.chars() {
            if c.is_whitespace() {
                space += if c == '\u{3000}' { 2 } else { 1 };
            } else {
                let cols = width(c.encode_utf8(&mut [0; 4]));
                out.push(Placed {
                    c,
                    cols,
                    space_before: space,
                });
                space = 0;
            }
        }
        out
    }

    /// The break rules, restated from the module documentation.
    fn allowed_before(chars: &[Placed], at: usize) -> bool {
        let (before, after) = (&chars[at - 1], &chars[at]);
        let separable = after.space_before > 0 || before.cols >= 2 || after.cols >= 2;
        separable && !forbids_line_end(before.c) && !forbids_line_start(after.c)
    }

    /// Width of the unbreakable run around the break before `at`, and whether it opens
    /// the paragraph.
    fn run_around(chars: &[Placed], at: usize) -> (usize, bool) {
        let mut start = at - 1;
        while start > 0 && !allowed_before(chars, start) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && !allowed_before(chars, end) {
            end += 1;
        }
        let run = &chars[start..end];
        let cols = run.iter().map(|p| p.cols).sum::<usize>()
            + run.iter().skip(1).map(|p| p.space_before).sum::<usize>();
        (cols, start == 0)
    }

    /// Check every promise of `wrap_indented` for one input.
    fn check(text: &str, line_width: usize, indent: usize) -> Result<(), TestCaseError> {
        let lines = wrap_indented(text, line_width, indent);
        let indent = indent.min(line_width.saturating_sub(2));
        for line in &lines {
            prop_assert!(
                width(line) <= line_width,
                "{line:?} wider than {line_width}"
            );
        }
        if let Some(first) = lines.first() {
            prop_assert!(first.starts_with(&" ".repeat(indent)));
        }
        let rest: Vec<&str> = lines.iter().map(|l| l.trim_start_matches(' ')).collect();
        prop_assert_eq!(
            non_space(&rest.concat()),
            non_space(text),
            "characters lost"
        );

        let chars = placed(text);
        let mut at = 0;
        for pair in rest.windows(2) {
            at += pair[0].chars().filter(|c| !c.is_whitespace()).count();
            let ends = pair[0].chars().last().expect("lines are not empty");
            let starts = pair[1].chars().next().expect("lines are not empty");
            if forbids_line_end(ends) || forbids_line_start(starts) {
                let (cols, opens) = run_around(&chars, at);
                let room = if opens {
                    line_width - indent
                } else {
                    line_width
                };
                prop_assert!(
                    cols > room,
                    "avoidable break {ends:?}|{starts:?} in a run of {cols} cols: {lines:?}"
                );
            }
        }
        Ok(())
    }

    fn prose_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::sample::select("焦作日报温县武陟修武博爱沁阳孟州人民政府经济发展".chars().collect::<Vec<_>>())
                .prop_map(String::from),
            2 => prop::sample::select("，。、；：？！）」』》”’…·%—（「『《“‘[]".chars().collect::<Vec<_>>())
                .prop_map(String::from),
            1 => "[A-Za-z]{1,12}",
            1 => "[0-9]{1,4}(\\.[0-9]{1,2})?%?",
            1 => prop::sample::select(vec![" ", "  ", "\u{3000}"]).prop_map(String::from),
        ]
    }

    fn prose() -> impl Strategy<Value = String> {
        prop::collection::vec(prose_piece(), 0..120).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn wrapped_prose_keeps_every_promise(
            text in prose(),
            line_width in 2usize..200,
            indent in prop::sample::select(vec![0usize, 2, 4]),
        ) {
            check(&text, line_width, indent)?;
        }

        #[test]
        fn narrow_panes_keep_every_promise(text in prose(), line_width in 2usize..8) {
            check(&text, line_width, 2)?;
        }

        #[test]
        fn any_text_never_panics_nor_overflows(text in "\\PC{0,80}", line_width in 0usize..30) {
            for line in wrap_indented(&text, line_width, 2) {
                prop_assert!(width(&line) <= line_width, "{line:?}");
            }
        }

        #[test]
        fn truncate_never_exceeds_and_keeps_a_prefix(text in "\\PC{0,40}", max in 0usize..30) {
            let cut = truncate(&text, max);
            prop_assert!(width(&cut) <= max);
            let kept = cut.strip_suffix(ELLIPSIS).unwrap_or(&cut);
            prop_assert!(text.starts_with(kept));
            if width(&text) <= max {
                prop_assert_eq!(cut.as_ref(), text.as_str());
            }
        }

        #[test]
        fn pad_right_is_exactly_the_width(text in "\\PC{0,40}", cols in 0usize..30) {
            prop_assert_eq!(width(&pad_right(&text, cols)), cols);
        }

        #[test]
        fn cursor_col_is_monotonic(text in "\\PC{0,40}") {
            let cols: Vec<usize> = (0..=text.chars().count()).map(|i| cursor_col(&text, i)).collect();
            prop_assert!(cols.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
