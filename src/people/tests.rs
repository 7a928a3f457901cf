//! Tests of the person pass: names, roles, the scanners against automata.

use aho_corasick::{AhoCorasick, MatchKind};

use super::cues::CueScratch;
use super::gazetteer::Matcher;
use super::*;

/// Names found in one paragraph with the strong pass (plus in-article repeats).
fn names(text: &str) -> Vec<String> {
    names_ex(None, text, &[])
}

/// Names found in a titled paragraph, with excluded bylines.
fn names_ex(title: Option<&str>, text: &str, exclude: &[&str]) -> Vec<String> {
    PersonExtractor::shared()
        .extract(title, &[text.to_owned()], exclude)
        .into_iter()
        .map(|p| p.name)
        .collect()
}

/// Names found in one paragraph against a corpus gazetteer of the names `known` (built as
/// the corpus pass builds it).
fn names_knowing(known: &str, text: &str) -> Vec<String> {
    let ex = PersonExtractor::shared();
    ex.extract_with(&ex.gazetteer([known]), None, &[text.to_owned()], &[])
        .into_iter()
        .map(|p| p.name)
        .collect()
}

/// The role recorded for `name` in `text`.
fn role_of(text: &str, name: &str) -> Option<String> {
    PersonExtractor::shared()
        .extract(None, &[text.to_owned()], &[])
        .into_iter()
        .find(|p| p.name == name)
        .and_then(|p| p.role)
}

#[test]
fn list_opened_by_role_ends_with_verb() {
    assert_eq!(
        names("昨日，区领导周明远、钱秀英、孙国栋出席仪式。"),
        ["周明远", "钱秀英", "孙国栋"]
    );
}

#[test]
fn list_ends_with_deng() {
    assert_eq!(
        names("该县领导林志华、贺建国、唐军等出席会议。"),
        ["林志华", "贺建国", "唐军"]
    );
}

#[test]
fn title_before_name_keeps_role() {
    let text = "3月5日，山阳区委书记方志成主持召开会议，公司董事长蒋东海出席。";
    assert_eq!(names(text), ["方志成", "蒋东海"]);
    assert_eq!(role_of(text, "方志成").as_deref(), Some("山阳区委书记"));
    assert_eq!(role_of(text, "蒋东海").as_deref(), Some("公司董事长"));
}

#[test]
fn long_office_is_cut_to_a_short_role() {
    let text = "中国某某建设集团华中分公司党组书记韦立新参加座谈。";
    assert_eq!(role_of(text, "韦立新").as_deref(), Some("党组书记"));
}

#[test]
fn name_before_speech_verb() {
    assert_eq!(names("会议结束前，田振华强调，要抓好落实。"), ["田振华"]);
    assert_eq!(names("座谈中，范丽指出，要加强合作。"), ["范丽"]);
}

#[test]
fn villagers_and_national_leaders() {
    assert_eq!(
        names("村民侯满仓说，路修好了。大家学习习近平总书记重要讲话。"),
        ["侯满仓", "习近平"]
    );
}

#[test]
fn given_name_that_is_a_word_after_title_or_before_verb() {
    assert_eq!(names("市委书记卢和平到场。"), ["卢和平"]);
    assert_eq!(names("当天，卢和平主持会议。"), ["卢和平"]);
    assert_eq!(names("办公室主任卢和平陪同。"), ["卢和平"]);
}

#[test]
fn given_name_jicheng_and_fanrong() {
    assert_eq!(names("市委常委刘继承、葛明出席。"), ["刘继承", "葛明"]);
    assert_eq!(
        names("基金总经理孟繁荣，区领导高鸿参加。"),
        ["孟繁荣", "高鸿"]
    );
}

#[test]
fn surname_that_is_a_word() {
    assert_eq!(names("副主任原文钊出席活动。"), ["原文钊"]);
    assert_eq!(names("原文如下，原则上不变。"), Vec::<String>::new());
}

#[test]
fn longest_name_in_context() {
    assert_eq!(names("副县长王欢欢参加活动。"), ["王欢欢"]);
    let gaz = Gazetteer::from_names(["王欢"]);
    let found: Vec<String> = PersonExtractor::shared()
        .extract_with(
            &gaz,
            None,
            &["副县长王欢欢参加。王欢欢表示同意。".to_owned()],
            &[],
        )
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(found, ["王欢欢"]);
}

#[test]
fn name_broken_over_a_line() {
    assert_eq!(names("区委书记吴\n军主持会议。"), ["吴军"]);
    assert_eq!(names("区领导郑 小 林出席。"), ["郑小林"]);
}

#[test]
fn spaced_byline_names_are_not_people() {
    assert_eq!(
        names_ex(None, "活动圆满结束。（白文杰 齐欣）", &["白文杰", "齐欣"]),
        Vec::<String>::new()
    );
    assert_eq!(names("活动圆满结束。（白文杰 齐欣）"), Vec::<String>::new());
}

#[test]
fn rare_surnames_and_short_given_names() {
    assert_eq!(
        names("该市市委常委是明友、买国、连增增、宫卫红、璩敬东、行鑫出席。"),
        ["是明友", "买国", "连增增", "宫卫红", "璩敬东", "行鑫"]
    );
    assert_eq!(names("副主席欧阳明辉出席。"), ["欧阳明辉"]);
}

#[test]
fn places_organisations_and_words_are_not_people() {
    let text = "黄河流域（孟州段）生态保护法庭揭牌。党组书记、从严治党，卢亮沟村群众参加。\
                全区长远发展，各级领导干部，负责人和燃气专家，和大家一起。";
    assert_eq!(names(text), Vec::<String>::new());
}

#[test]
fn campaigns_named_after_people_are_not_people() {
    let text = "开展学雷锋活动，弘扬雷锋精神，讲好韩愈故事，韩愈小学师生参加。";
    assert_eq!(names(text), Vec::<String>::new());
    let gaz = Gazetteer::from_names(["雷锋", "韩愈"]);
    let found = PersonExtractor::shared().extract_with(&gaz, None, &[text.to_owned()], &[]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn later_bare_mentions_in_the_same_article() {
    let text = "区长郑小林带队检查。随后，郑\n小林详细了解情况，郑小林还看望了师生。";
    assert_eq!(names(text), ["郑小林"]);
    assert_eq!(
        names_ex(Some("钟万山调研项目"), "副市长钟万山到场。", &[]),
        ["钟万山"]
    );
}

#[test]
fn reporters_only_when_named_in_the_body() {
    let text = "（记者李雪梅通讯员齐欣）近日，会议召开。";
    assert_eq!(
        names_ex(None, text, &["李雪梅", "齐欣"]),
        Vec::<String>::new()
    );
    let text = "区长范东升、记者站站长李雪梅出席。";
    assert_eq!(names_ex(None, text, &["李雪梅"]), ["范东升", "李雪梅"]);
}

#[test]
fn corpus_gazetteer_finds_bare_mentions_elsewhere() {
    use crate::model::{Article, Kind};
    let mut a = Article::new("p", 0, Kind::News);
    a.set_paragraphs(&["区委书记吴军主持会议。"]);
    let mut b = Article::new("p", 1, Kind::News);
    b.set_title(Some("吴军调研春耕"));
    b.set_paragraphs(&["近日，吴军到田间察看麦苗，吴军在现场说。"]);
    b.set_credits(&["齐欣"]);
    let mut arts = vec![a, b];
    annotate_corpus(PersonExtractor::shared(), &mut arts);
    assert_eq!(arts[1].person_names().collect::<Vec<_>>(), ["吴军"]);
    assert_eq!(
        arts[0].persons().next().and_then(|p| p.role),
        Some("区委书记")
    );
}

/// Texts to compare the table scanners with automata on: the sample pages line by line,
/// without whitespace, plus cue words and names run together.
fn scanner_texts() -> Vec<String> {
    let mut texts: Vec<String> = crate::sample::SAMPLE_PAGES
        .iter()
        .flat_map(|p| p.text.lines())
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    texts.push(ROLES.concat() + &FOLLOWERS.concat() + &TITLES_AFTER.concat());
    texts.push("副总经理副董事长总书记书记同志在会上就说称详细了解".to_owned());
    texts.push("欧阳明辉王欢欢王欢欢欢欧阳明王欢".to_owned());
    texts
}

#[test]
fn cue_scan_finds_what_an_overlapping_automaton_finds() {
    let ex = PersonExtractor::shared();
    let lists = [
        (Cue::Role, ROLES),
        (Cue::Follower, FOLLOWERS),
        (Cue::TitleAfter, TITLES_AFTER),
    ];
    let (patterns, kinds): (Vec<&str>, Vec<Cue>) = lists
        .iter()
        .flat_map(|&(kind, list)| list.iter().map(move |&p| (p, kind)))
        .unzip();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("cue automaton");
    let mut cues = CueScratch::default();
    let mut found = 0;
    for text in scanner_texts() {
        let mut want = CueScratch::default();
        for m in ac.find_overlapping_iter(&text) {
            match kinds[m.pattern().as_usize()] {
                Cue::Role => want.role_ends.push((m.end(), m.end() - m.start())),
                Cue::Follower => want.follower_at.push(m.start()),
                Cue::TitleAfter => want.title_at.push(m.start()),
            }
        }
        assert!(!ex.scan(&text, &mut cues), "{text}");
        for (got, want) in [
            (&mut cues.follower_at, &mut want.follower_at),
            (&mut cues.title_at, &mut want.title_at),
        ] {
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{text}");
        }
        cues.role_ends.sort_unstable();
        want.role_ends.sort_unstable();
        assert_eq!(cues.role_ends, want.role_ends, "{text}");
        found += want.role_ends.len() + want.follower_at.len() + want.title_at.len();
    }
    assert!(found > 1000, "{found}");
    assert!(ex.scan("区委书记 吴军", &mut cues));
    assert!(ex.scan("吴军\u{3000}主持", &mut cues));
}

#[test]
fn the_cue_scan_keeps_a_row_for_every_character_and_notes_the_marked_ones() {
    let ex = PersonExtractor::shared();
    let mut cues = CueScratch::default();
    let mixed = "王立·克林顿a，欧阳 和\u{3000}𠀀•李\u{9ffe}斯，Ｏ２\u{3400}和平\u{f900}\t\u{2003}"
        .to_owned();
    let mut marked = 0;
    for text in scanner_texts().into_iter().chain([mixed]) {
        ex.scan(&text, &mut cues);
        let rows: Vec<(usize, char)> = cues.rows.iter().map(|r| (r.off, r.c)).collect();
        assert_eq!(rows, text.char_indices().collect::<Vec<_>>(), "{text}");
        for r in &cues.rows {
            assert_eq!(r.is_space(), r.c.is_whitespace(), "{:?} in {text}", r.c);
            assert_eq!(r.is_han(), text::is_han(r.c), "{:?} in {text}", r.c);
        }
        let want = super::stats::RowMarks::of(&cues.rows);
        assert_eq!(cues.marks.surnames, want.surnames, "{text}");
        assert_eq!(cues.marks.anchors, want.anchors, "{text}");
        assert_eq!(cues.marks.dots, want.dots, "{text}");
        assert_eq!(cues.marks.breaks, want.breaks, "{text}");
        // A clause of common ideographs opens at the first row and after every other
        // character.
        let common: Vec<bool> = text.chars().map(super::stats::is_common_han).collect();
        let openers: Vec<usize> = (0..common.len())
            .filter(|&k| common[k] && (k == 0 || !common[k - 1]))
            .collect();
        assert_eq!(
            cues.marks
                .clause_openers(cues.rows.len())
                .collect::<Vec<_>>(),
            openers,
            "{text}"
        );
        marked += want.surnames.len() + want.anchors.len() + want.dots.len();
    }
    assert!(marked > 1000, "{marked}");
    // A second scan starts from nothing.
    ex.scan("和平", &mut cues);
    assert_eq!(cues.rows.len(), 2);
    assert!(cues.marks.dots.is_empty() && cues.marks.anchors.is_empty());
}

#[test]
fn the_class_a_row_carries_is_what_the_text_before_a_candidate_gives() {
    let ex = PersonExtractor::shared();
    let mut cues = CueScratch::default();
    let context = "的小老号也在对会见总统队长一9号李";
    let mut decided = 0;
    for text in scanner_texts().into_iter().chain([context.to_owned()]) {
        ex.scan(&text, &mut cues);
        for (k, r) in cues.rows.iter().enumerate().skip(1) {
            let Some(p) = cues.rows.get(k - 1) else {
                continue;
            };
            let by_char = super::chinese::left_by_char(p);
            decided += usize::from(by_char.is_some());
            let is_word = |w: &str| ex.has_word(w);
            let with = cues.left_of(&ex.context_chars, &text, r.off, Some(p.c), by_char, is_word);
            let without = cues.left_of(&ex.context_chars, &text, r.off, Some(p.c), None, is_word);
            assert_eq!(with, without, "{text} at {}", r.off);
        }
    }
    assert!(decided > 1000, "{decided}");
    // `号` after a figure and the end of a title are decided by the text around them.
    let mut row = |c: char| {
        ex.scan(&c.to_string(), &mut cues);
        cues.rows.first().copied()
    };
    for c in ['号', '长'] {
        assert_eq!(
            row(c).and_then(|r| super::chinese::left_by_char(&r)),
            None,
            "{c}"
        );
    }
    assert_eq!(
        row('的').and_then(|r| super::chinese::left_by_char(&r)),
        Some(super::cues::Left::De)
    );
}

#[test]
fn gazetteer_finds_what_a_leftmost_longest_automaton_finds() {
    let mut names: Vec<String> = crate::corpus::sample()
        .iter()
        .flat_map(|a| a.person_names().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    names.extend(["王欢", "王欢欢", "欧阳明", "欧阳明辉", "明辉", "欢欢"].map(String::from));
    let gaz = Gazetteer::from_names(&names);
    assert!(matches!(gaz.matcher, Matcher::Han(_)));
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(gaz.names())
        .expect("name automaton");
    let mut found = 0;
    for text in scanner_texts() {
        let want: Vec<(usize, usize, usize)> = ac
            .find_iter(&text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let mut got = Vec::new();
        gaz.find_each(&text, |i, s, e| got.push((i, s, e)));
        assert_eq!(got, want, "{text}");
        found += want.len();
    }
    assert!(found > 50, "{found}");
    // Other names fall back to the automaton.
    let mixed = Gazetteer::from_names(["王欢", "Anna Li"]);
    assert!(matches!(mixed.matcher, Matcher::Automaton(_)));
    let mut got = Vec::new();
    mixed.find_each("王欢和Anna Li", |i, s, e| got.push((i, s, e)));
    assert_eq!(got, [(0, 0, 6), (1, 9, 16)]);
}

#[test]
fn cheap_stage_of_chinese_candidates_decides_as_the_cheap_weights() {
    let ex = PersonExtractor::shared();
    let mut cues = CueScratch::default();
    let (mut likely, mut unlikely) = (0, 0);
    // Surnames whose candidates the bound of both lengths rules out, and the others.
    let (mut ruled_out, mut kept) = (0, 0);
    for text in scanner_texts() {
        ex.scan(&text, &mut cues);
        let rows = &cues.rows;
        let src = super::chinese::Source {
            text: &text,
            rows,
            marks: &cues.marks,
            cues: &cues,
            keep: &[],
            all: true,
            starts: (0, rows.len()),
        };
        for (k, r) in rows.iter().enumerate() {
            let next = rows.get(k + 1).map(|d| d.c);
            let compound = next.is_some_and(|d| ex.compound.contains(&(r.c, d)));
            if !compound && !ex.single.contains(&r.c) {
                continue;
            }
            let left = cues.left(&ex.context_chars, &text, r.off, |w| ex.has_word(w));
            let bound_rules_out = !compound && ex.cheap_chinese.rules_out(rows, k, left);
            if !compound {
                *if bound_rules_out {
                    &mut ruled_out
                } else {
                    &mut kept
                } += 1;
            }
            for n in if compound { [3, 4] } else { [2, 3] } {
                let Some(given) = rows.get(k..k + n) else {
                    continue;
                };
                if given.iter().any(|g| !text::is_han(g.c)) {
                    continue;
                }
                let end = rows.get(k + n).map_or(text.len(), |x| x.off);
                let f = ex.chinese_measures(&text, &cues, r.off, end, compound);
                let want = ex.passes_stage_one(&f);
                assert!(
                    !(bound_rules_out && want),
                    "the bound rules out {:?} in {text}",
                    text.get(r.off..end)
                );
                assert_eq!(
                    ex.cheap_chinese.likely(ex, src, k, n, compound, left),
                    want,
                    "{:?} in {text}",
                    text.get(r.off..end)
                );
                if want {
                    likely += 1;
                } else {
                    unlikely += 1;
                }
            }
        }
    }
    assert!(likely > 100 && unlikely > 3000, "{likely} {unlikely}");
    // The bound rules out most surnames, not all.
    assert!(
        ruled_out > 4 * kept && kept > 100,
        "{ruled_out} ruled out, {kept} kept"
    );
}

#[test]
fn the_bound_of_transliterated_candidates_rejects_none_that_pass() {
    let ex = PersonExtractor::shared();
    let mut cues = CueScratch::default();
    let mut spans = Vec::new();
    let (mut passed, mut cut_short) = (0, 0);
    for text in scanner_texts() {
        ex.scan(&text, &mut cues);
        let rows = &cues.rows;
        let src = super::chinese::Source {
            text: &text,
            rows,
            marks: &cues.marks,
            cues: &cues,
            keep: &[],
            all: true,
            starts: (0, rows.len()),
        };
        spans.clear();
        ex.translit_candidates(src, &mut spans);
        for s in &spans {
            let row = |at: usize| rows.iter().position(|r| r.off == at).unwrap_or(rows.len());
            let (i, j) = (row(s.start), row(s.end));
            let dotted = s.features.tr_dot;
            let may = ex
                .cheap_translit
                .may_pass(ex, rows, (i, j), s.features.left, dotted);
            if ex.passes_stage_one(&s.features) {
                assert!(may, "{:?} in {text}", text.get(s.start..s.end));
                passed += 1;
            } else if !may {
                cut_short += 1;
            }
        }
    }
    assert!(passed > 50 && cut_short > 50, "{passed} {cut_short}");
}

#[test]
fn surname_table_is_large_and_has_rare_entries() {
    let ex = PersonExtractor::shared();
    assert!(ex.single.len() > 400);
    for c in "璩是买宫樊臧闫原付万连庞郝邵桂辛史楼葛詹翟解卫毛牛谷行".chars()
    {
        assert!(ex.single.contains(&c), "{c}");
    }
    for (a, b) in [('欧', '阳'), ('司', '马'), ('诸', '葛')] {
        assert!(ex.compound.contains(&(a, b)));
    }
}

/// Names and roles found in one paragraph.
fn named(text: &str) -> Vec<(String, Option<String>)> {
    PersonExtractor::shared()
        .extract(None, &[text.to_owned()], &[])
        .into_iter()
        .map(|p| (p.name, p.role))
        .collect()
}

#[test]
fn clause_initial_name_before_a_verb_of_speech() {
    assert_eq!(names("会后，周启明高声说：大家辛苦了。"), ["周启明"]);
    // An adjective used as an adverb is not a name.
    assert_eq!(names("他高兴地说，今年收成好。"), Vec::<String>::new());
}

#[test]
fn name_after_any_title_or_before_an_honorific() {
    assert_eq!(
        named("总统特别助理韩立新出席会议。"),
        [("韩立新".to_owned(), Some("总统特别助理".to_owned()))]
    );
    assert_eq!(names("钱学文教授指出，要重视基础研究。"), ["钱学文"]);
    assert_eq!(names("特别助理工作很忙。"), Vec::<String>::new());
}

#[test]
fn lists_joined_by_commas_and_slashes() {
    assert_eq!(
        names("胡美琴、王立诚、李向东先后发言。"),
        ["胡美琴", "王立诚", "李向东"]
    );
    assert_eq!(
        names("双打组合孙晓梅／赵丽萍获得冠军。"),
        ["孙晓梅", "赵丽萍"]
    );
    assert_eq!(names("钢铁、水泥、化肥产量上升。"), Vec::<String>::new());
}

#[test]
fn name_introduced_by_a_verb() {
    assert_eq!(names("村里有位老人名叫孙秀兰。"), ["孙秀兰"]);
    assert_eq!(names("村里有个地方叫石门坎。"), Vec::<String>::new());
}

#[test]
fn given_name_alone_before_an_honorific() {
    assert_eq!(names("海峰同志在会上讲话。"), ["海峰"]);
    assert_eq!(names("当时，立新同志主动请缨。"), ["立新"]);
    assert_eq!(names("向全体同志致以问候。"), Vec::<String>::new());
    assert_eq!(names("各位同志，大家好。"), Vec::<String>::new());
}

#[test]
fn historical_figures() {
    assert_eq!(names("唐代诗人杜甫的诗流传很广。"), ["杜甫"]);
    assert_eq!(names("要杜绝浪费。"), Vec::<String>::new());
}

#[test]
fn transliterated_names_are_whole_runs() {
    assert_eq!(names("法国总理拉斐特说，会谈很成功。"), ["拉斐特"]);
    assert_eq!(names("他们在阿尔卑斯山滑雪。"), Vec::<String>::new());
}

#[test]
fn names_joined_by_a_dot_are_one_name_never_a_piece() {
    let found = names("英国首相约翰·哈特维尔说，会谈很成功。");
    assert_eq!(found, ["约翰·哈特维尔"]);
    assert!(!found.iter().any(|n| n == "约翰" || n == "哈特维尔"));
}

#[test]
fn japanese_and_korean_names() {
    assert_eq!(names("日本首相中村健一郎说，会谈很成功。"), ["中村健一郎"]);
    assert_eq!(names("韩国总理朴正浩表示欢迎。"), ["朴正浩"]);
}

#[test]
fn doctrine_prize_and_campaign_names_are_not_appearances() {
    assert_eq!(names("大家要学习王明德精神。"), Vec::<String>::new());
    assert_eq!(names("队员们捧起了周立新杯。"), Vec::<String>::new());
    assert_eq!(names("学习王明德精神，王明德说，要干实事。"), ["王明德"]);
}

#[test]
fn roles_are_the_title_phrase_as_printed() {
    assert_eq!(
        named("会议传达学习了省委书记方志成和市长刘建国的讲话。"),
        [
            ("方志成".to_owned(), Some("省委书记".to_owned())),
            ("刘建国".to_owned(), Some("市长".to_owned())),
        ]
    );
    // A long office is cut at a word boundary, not inside 合作.
    assert_eq!(
        role_of("中国某某集团公司外联合作部总经理杨晓梅出席。", "杨晓梅").as_deref(),
        Some("合作部总经理")
    );
}

#[test]
fn a_role_starts_after_the_clause_before_its_office() {
    // A verb that follows names ends the clause before the title (`回忆`).
    assert_eq!(
        role_of("创刊号发表了罗小红回忆父亲罗瑞山将军的长文。", "罗瑞山").as_deref(),
        Some("父亲")
    );
    // So do a numeral with its unit and a pronoun.
    assert_eq!(
        role_of(
            "比赛第80分钟，另一位巴西外援阿尔贝托将球送入空门。",
            "阿尔贝托"
        )
        .as_deref(),
        Some("巴西外援")
    );
    assert_eq!(
        role_of("该市领导李东明出席。", "李东明").as_deref(),
        Some("市领导")
    );
    // Nouns, adjectives and the prefixes of offices stay (`前`, `副`, `驻美`).
    assert_eq!(
        role_of("中国驻美大使李道远出席。", "李道远").as_deref(),
        Some("中国驻美大使")
    );
    assert_eq!(
        role_of("会上，前副总理兼财政部长安雷讲话。", "安雷").as_deref(),
        Some("前副总理兼财政部长")
    );
}

#[test]
fn the_most_specific_role_of_an_article_wins() {
    let text = "该市领导李东明出席。市委书记李东明指出，要抓好落实。";
    assert_eq!(role_of(text, "李东明").as_deref(), Some("市委书记"));
}

#[test]
fn a_title_before_a_list_is_every_item_s_role() {
    let text = "会上，该县县委常委贺文斌、严冬、唐立群出席并讲话。";
    for name in ["贺文斌", "严冬", "唐立群"] {
        assert_eq!(role_of(text, name).as_deref(), Some("县委常委"), "{name}");
    }
    // The last item joined by a conjunction belongs to the list too.
    let text = "副县长秦海涛、龚丽和邵宏伟参加调研。";
    assert_eq!(names(text), ["秦海涛", "龚丽", "邵宏伟"]);
    assert_eq!(role_of(text, "邵宏伟").as_deref(), Some("副县长"));
    // Without a `、` list, a conjunction joins someone else: no shared role.
    let text = "副县长秦海涛和邵宏伟参加调研。";
    assert_eq!(role_of(text, "邵宏伟"), None);
    // An office (`县委常委`) beats a collective one (`县领导`); the pronoun is left out.
    let text = "该县领导严冬出席。该县县委常委严冬讲话。";
    assert_eq!(role_of(text, "严冬").as_deref(), Some("县委常委"));
}

#[test]
fn staff_bylines_and_quoted_terms_are_not_people() {
    assert_eq!(
        names("活动结束。（记者王小明、李大伟）"),
        Vec::<String>::new()
    );
    assert_eq!(names("打造“双引擎”。"), Vec::<String>::new());
}

#[test]
fn no_role_of_the_sample_starts_with_a_function_character() {
    let mut roles = 0;
    for a in crate::corpus::sample().iter() {
        for p in a.persons() {
            let Some(role) = p.role else { continue };
            roles += 1;
            let first = role.chars().next().unwrap_or_default();
            assert!(
                !super::roles::ROLE_STOPS.contains(first),
                "{} has the role {role:?} in {}",
                p.name,
                a.key()
            );
        }
    }
    assert!(roles > 50, "{roles}");
}

#[test]
fn a_dictionary_name_is_not_cut_by_the_word_it_opens() {
    let ex = PersonExtractor::shared();
    // jieba takes 布什总统 as one word; the name it opens is still whole.
    let text = "会谈中，布什总统表示欢迎。";
    let start = text.find("布什").unwrap_or_default();
    assert_eq!(ex.cuts_through(text, start, start + 6), (false, false));
    assert_eq!(names(text), ["布什"]);
    // The rest of a word that is one character (高尔夫|球) still cuts the candidate.
    let text = "他们打高尔夫球。";
    let start = text.find("高尔夫").unwrap_or_default();
    assert!(ex.cuts_through(text, start, start + 9).1);
    assert_eq!(names(text), Vec::<String>::new());
}

#[test]
fn places_the_dictionary_compounds_are_not_people() {
    let ex = PersonExtractor::shared();
    // jieba tags 莫斯科 as a person, but lists 莫斯科市 and 莫斯科大学.
    assert!(ex.is_place_compound("莫斯科"));
    assert!(!ex.is_place_compound("布什"));
    assert_eq!(names("代表团离开莫斯科，前往基辅。"), Vec::<String>::new());
    assert_eq!(names("总统拉斐特离开基辅。"), ["拉斐特"]);
}

#[test]
fn a_list_of_things_is_not_a_list_of_people() {
    let ex = PersonExtractor::shared();
    let text = "我们发展养殖、康复、旅游产业。";
    let start = text.find("康复").unwrap_or_default();
    assert!(ex.list_neighbour_is_word(text, start, start + 6));
    assert_eq!(names(text), Vec::<String>::new());
    let text = "胡美琴、王立诚、李向东先后发言。";
    let start = text.find("王立诚").unwrap_or_default();
    assert!(!ex.list_neighbour_is_word(text, start, start + 9));
    assert_eq!(names(text), ["胡美琴", "王立诚", "李向东"]);
}

#[test]
fn a_conjunction_that_is_a_surname_joins_a_shorter_name() {
    assert_eq!(names("那天我和柯林同志谈了很久。"), ["柯林"]);
    // At the start of a clause it is the surname.
    assert_eq!(names("向明同志在会上讲话。"), ["向明"]);
}

#[test]
fn a_japanese_name_after_a_title_is_whole() {
    // Read as a Chinese name (吉田清) and as a Japanese one, both after the title: the
    // longer reading wins the tie.
    assert_eq!(
        named("日本商会会长吉田清太郎等人出席。"),
        [("吉田清太郎".to_owned(), Some("日本商会会长".to_owned()))]
    );
    assert_eq!(names("日本商会会长吉田清说，欢迎合作。"), ["吉田清"]);
}

#[test]
fn a_foreign_name_does_not_swallow_the_verb_after_it() {
    let text = "英国首相约翰·哈特维尔希望各方保持克制。";
    let mut cues = CueScratch::default();
    PersonExtractor::shared().scan(text, &mut cues);
    let start = text.find("约翰").unwrap_or_default();
    let name_end = text.find("希望").unwrap_or_default();
    assert!(cues.ends_with_word(start, name_end + 6));
    assert!(!cues.ends_with_word(start, name_end));
    assert!(!names(text).iter().any(|n| n.ends_with("希望")));
}

#[test]
fn an_editor_in_chief_is_an_office_not_a_byline() {
    assert_eq!(names("晚报总编辑孙立平都表示赞同。"), ["孙立平"]);
    assert_eq!(names("活动结束。（编辑孙立平）"), Vec::<String>::new());
}

#[test]
fn a_name_after_a_title_of_any_trade() {
    assert_eq!(names("以色列工党领袖纳坦亚6月5日在开罗表示。"), ["纳坦亚"]);
    assert_eq!(names("哥伦比亚裁判洛佩兹出示黄牌。"), ["洛佩兹"]);
    // The title alone names nobody.
    assert_eq!(names("他和裁判一起离开。"), Vec::<String>::new());
}

#[test]
fn a_unit_after_a_figure_is_not_a_name() {
    assert_eq!(names("当地每月收入可达2万铢左右。"), Vec::<String>::new());
    assert_eq!(names("每升汽油提价3．5卢比。"), Vec::<String>::new());
}

#[test]
fn a_company_is_not_a_person() {
    assert_eq!(
        names("据悉，莫拉迪公司今年扩大了生产。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_name_that_opens_an_organisation_s_name_is_not_an_appearance() {
    let names_in = |text: &str| {
        let gaz = Gazetteer::from_names(["周明远"]);
        PersonExtractor::shared()
            .extract_with(&gaz, None, &[text.to_owned()], &[])
            .into_iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names_in("周明远基金会昨日捐款十万元。"),
        Vec::<String>::new()
    );
    assert_eq!(names_in("周明远集团近五年三次捐款。"), Vec::<String>::new());
    assert_eq!(names_in("去年并购了周明远汽车公司。"), Vec::<String>::new());
    // The look-alikes: the person himself, and a name before an office of the company.
    assert_eq!(names_in("周明远昨日捐款十万元。"), ["周明远"]);
    assert_eq!(names_in("周明远到公司上班。"), ["周明远"]);
}

#[test]
fn someone_the_text_does_not_name_is_not_a_person() {
    assert_eq!(
        names("工地上的工人王某当天没来上班。"),
        Vec::<String>::new()
    );
    assert_eq!(names("工地上的工人李某某说，"), Vec::<String>::new());
    assert_eq!(names("工地上的工人王建民说，"), ["王建民"]);
}

#[test]
fn a_foreign_name_after_a_role_closed_by_a_list_mark_or_a_verb() {
    assert_eq!(
        named("出席会议的有该国银行行长卡鲁伊、外交部长罗德里斯等。"),
        [
            ("卡鲁伊".to_owned(), Some("银行行长".to_owned())),
            ("罗德里斯".to_owned(), Some("外交部长".to_owned())),
        ]
    );
    // The look-alikes: an office after a role, a longer role, a name then an adverb.
    assert_eq!(
        names("出席会议的有银行行长助理、秘书长。"),
        Vec::<String>::new()
    );
    assert_eq!(names("集团副总裁王立新、张华出席。"), ["王立新", "张华"]);
    assert_eq!(names("委员会主席卡鲁伊也要求改革。"), ["卡鲁伊"]);
}

#[test]
fn a_name_in_running_text_on_both_sides_is_weighed_not_skipped() {
    assert_eq!(
        names("上午十点，我们来到周明远办公室门口等候。"),
        ["周明远"]
    );
    assert_eq!(
        names("上午十点，我们来到高新区办公室门口等候。"),
        Vec::<String>::new()
    );
}

#[test]
fn the_people_of_a_place_are_not_a_person() {
    assert_eq!(
        names("那天，在李庄人热情的招呼下，客人进了村。"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("那天，在李庄仁热情的招呼下，客人进了村。"),
        ["李庄仁"]
    );
}

#[test]
fn a_role_that_a_longer_title_runs_past_opens_no_name() {
    // `副总` is a role, but here it is the start of `副总理`: the name is 卡鲁伊, not 理卡鲁伊.
    assert_eq!(
        named("会见了副总理卡鲁伊、部长马明远。"),
        [
            ("卡鲁伊".to_owned(), Some("副总理".to_owned())),
            ("马明远".to_owned(), Some("部长".to_owned())),
        ]
    );
    // The look-alike: a role that is itself the longer word still opens its name.
    assert_eq!(names("集团副总经理马明远出席。"), ["马明远"]);
}

#[test]
fn a_chinese_reading_gives_way_to_the_foreign_name_it_begins() {
    // 伊梅丽 reads as surname 伊 plus a given name, but the transliteration runs on to 达.
    assert_eq!(names("那位将军的遗孀伊梅丽达得到了赔偿。"), ["伊梅丽达"]);
    // The look-alikes: a name that ends where the run of transliteration characters ends,
    // and a name followed by a conjunction and another name.
    assert_eq!(names("那位将军的遗孀马丽娜得到了赔偿。"), ["马丽娜"]);
    assert_eq!(names("他与军长叶明及陈刚同志一起出发。"), ["叶明", "陈刚"]);
}

#[test]
fn a_name_inside_another_persons_role_is_a_place_unless_the_role_is_a_relation() {
    assert_eq!(
        named("执行主席、卡拉维纳总统孔波达在闭幕式上讲话。"),
        [("孔波达".to_owned(), Some("卡拉维纳总统".to_owned()))]
    );
    assert_eq!(names("会见了马拉卡纳总统卡洛斯。"), ["卡洛斯"]);
    // The look-alike: a relation names whose son someone is, and that one is a person.
    assert_eq!(
        names("他与刘大海之子刘志远一起出发。"),
        ["刘大海", "刘志远"]
    );
}

#[test]
fn the_start_of_a_longer_dictionary_word_is_no_name() {
    assert_eq!(names("踏踏实实做人，扎扎实实做事。"), Vec::<String>::new());
    assert_eq!(names("昨天在杜塞尔多夫战胜对手。"), Vec::<String>::new());
    // The look-alike: an organisation named after a person holds the name whole.
    assert_eq!(names("在中美对话之后，克林顿政府明确承诺。"), ["克林顿"]);
}

#[test]
fn a_japanese_name_after_a_title_or_opening_a_clause() {
    // After a title, closed by a preposition.
    assert_eq!(
        names("日本首相松本龙太郎在今天晚上发表讲话。"),
        ["松本龙太郎"]
    );
    // At a clause boundary, before a verb of speech or `一行`.
    assert_eq!(names("会见时，石村正雄说，两国要加强合作。"), ["石村正雄"]);
    assert_eq!(names("石村正雄一行昨天抵达北京。"), ["石村正雄"]);
    // The look-alikes: inside running text, or not ending like a given name.
    assert_eq!(
        names("这次会上田主任说，要抓好落实。"),
        Vec::<String>::new()
    );
    assert_eq!(names("会见时，石村正在说明情况。"), Vec::<String>::new());
}

#[test]
fn a_function_word_surname_opening_a_clause() {
    assert_eq!(
        names("为了让乡亲们富起来，和秋林还帮助村民修路。"),
        ["和秋林"]
    );
    assert_eq!(names("和秋林说，路修好了。"), ["和秋林"]);
    // The look-alikes: the function word before a word (群众, 同时, 和平, 大家).
    assert_eq!(names("我们要团结，和群众一起干。"), Vec::<String>::new());
    assert_eq!(names("要抓好落实，同时加强管理。"), Vec::<String>::new());
    assert_eq!(names("和平时一样，他早早起床。"), Vec::<String>::new());
    assert_eq!(names("他们说，和大家说的一样。"), Vec::<String>::new());
}

#[test]
fn a_foreign_name_after_any_title_closed_by_punctuation() {
    assert_eq!(
        named("参加会谈的有前总理差瓦塔、外长普拉萨等。"),
        [
            ("差瓦塔".to_owned(), Some("前总理".to_owned())),
            ("普拉萨".to_owned(), Some("外长".to_owned())),
        ]
    );
    // The look-alikes: a run glued to the verb after it is left to the model, which finds
    // no longer name; and an office after a title.
    let glued = names("参加会谈的有前总理差瓦塔说明情况。");
    assert!(glued.iter().all(|n| !n.contains('说')), "{glued:?}");
    assert_eq!(names("他当过总理秘书长，后来退休。"), Vec::<String>::new());
}

#[test]
fn a_japanese_surname_alone_names_the_person_found_in_full() {
    // Another article gave the name in full; here the surname stands in a person's context.
    assert_eq!(
        names_knowing("植村正雄", "植村首相表示，两国要加强合作。"),
        ["植村"]
    );
    assert_eq!(
        names_knowing("植村正雄", "而植村则在会谈中提出了建议。"),
        ["植村"]
    );
    // The title beside the surname is the role.
    let ex = PersonExtractor::shared();
    let text = "植村首相表示，两国要加强合作。".to_owned();
    let found = ex.extract_with(&ex.gazetteer(["植村正雄"]), None, &[text], &[]);
    assert_eq!(found.first().and_then(|p| p.role.as_deref()), Some("首相"));
    // The look-alikes: the surname's characters in running text, a surname that is a word
    // in no person's context, and an article that gives the name in full.
    assert_eq!(
        names_knowing("田中一郎", "农民在田中劳作，一派丰收景象。"),
        Vec::<String>::new()
    );
    assert_eq!(
        names_knowing("植村正雄", "植村地区今年粮食丰收。"),
        Vec::<String>::new()
    );
    assert_eq!(
        names_knowing(
            "植村正雄",
            "日本首相植村正雄昨天抵达。植村首相表示，两国要加强合作。"
        ),
        ["植村正雄"]
    );
    // Only a Japanese name gives a surname to look for, not a Chinese or a transliterated one.
    assert_eq!(ex.japanese_surname_of("植村正雄"), Some("植村"));
    assert_eq!(ex.japanese_surname_of("欧阳建国"), None);
    assert_eq!(ex.japanese_surname_of("格林斯潘"), None);
}

#[test]
fn parts_joined_by_a_dot_are_a_name_wherever_they_stand() {
    // No cue around them, or a title the model weighs little: the mark is the evidence.
    assert_eq!(
        names("今年42岁的安德烈·波利卡诺家住城郊。"),
        ["安德烈·波利卡诺"]
    );
    assert_eq!(
        names("据说，副司令官马里奥·卡斯泰利的妹妹当时也在场。"),
        ["马里奥·卡斯泰利"]
    );
    assert_eq!(
        names("三名白人将黑人约瑟夫·卡德隆捆绑。"),
        ["约瑟夫·卡德隆"]
    );
    // The look-alikes: a mark inside a title or a slogan, a university named after a
    // person, and a town whose name runs on past where a name would end.
    assert_eq!(
        names("《京剧精粹·梅派专辑》在天津首发。"),
        Vec::<String>::new()
    );
    assert_eq!(names("会场挂着“团结·奋进”的横幅。"), Vec::<String>::new());
    assert_eq!(
        names("代表们聚集在乔治·梅森大学讨论合作。"),
        Vec::<String>::new()
    );
    assert_eq!(
        names("他家住在尼·伯尔切斯库镇，去年秋天搬走了。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_known_name_inside_a_longer_name_found_here_is_part_of_it() {
    assert_eq!(
        names_knowing("马里奥", "今年42岁的马里奥·卡斯泰利家住城郊。"),
        ["马里奥·卡斯泰利"]
    );
    // The look-alike: the known name standing alone is still found.
    assert_eq!(
        names_knowing(
            "马里奥",
            "今年42岁的马里奥·卡斯泰利家住城郊，马里奥常来看他。"
        ),
        ["马里奥·卡斯泰利", "马里奥"]
    );
}

#[test]
fn a_name_after_a_shirt_number() {
    assert_eq!(
        names("第65分钟，9号卡萨诺门前抢点破门，比分改写为二比一。"),
        ["卡萨诺"]
    );
    // The look-alike: a number before a thing.
    assert_eq!(
        names("昨天，3号机组检修完毕，恢复发电。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_name_after_xiao_or_lao() {
    // A child, or a familiar form: `小` before a full name.
    assert_eq!(
        names("一个多月后，小何思远伤愈出院，回到了学校。"),
        ["何思远"]
    );
    // The look-alikes: words that open with `小` or `老`.
    for text in [
        "小时候他常去河边玩。",
        "老百姓都说好。",
        "他是个小伙子，干活很卖力。",
    ] {
        assert_eq!(names(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn common_surnames_in_their_simplified_forms() {
    // 肖 (the mainland form of 萧) and 牟 open names in a list of leaders as any surname does.
    assert_eq!(
        names("区领导丁亮、钟静、肖福鑫、牟志强出席会议。"),
        ["丁亮", "钟静", "肖福鑫", "牟志强"]
    );
    assert_eq!(names("会议由肖玉洋主持，他说，要加强学习。"), ["肖玉洋"]);
    // The look-alike: a word that opens with the surname.
    assert_eq!(names("肖像画展昨天开幕。"), Vec::<String>::new());
}

#[test]
fn the_other_conjuncts_of_a_name_are_names_on_less_evidence() {
    assert_eq!(
        names("本场比赛，主队依靠奥尔特加和贝拉尔多的进球取胜。"),
        ["奥尔特加", "贝拉尔多"]
    );
    assert_eq!(
        names("晚会上，宋丹丹和冯巩表演了小品。"),
        ["宋丹丹", "冯巩"]
    );
    assert_eq!(
        names("信中提到邵飘萍、林白水两位报人。"),
        ["邵飘萍", "林白水"]
    );
    // Two coordinations far apart in one paragraph: each is read where it stands.
    let far = format!(
        "晚会上，宋丹丹和冯巩表演了小品，{}信中提到邵飘萍、林白水两位报人。",
        "观众们在礼堂里看得十分开心，".repeat(8)
    );
    assert_eq!(names(&far), ["宋丹丹", "冯巩", "邵飘萍", "林白水"]);
    // Conjuncts that are things, not people.
    assert_eq!(
        names("洪水威胁到圣菲、科尔多瓦等城市。"),
        Vec::<String>::new()
    );
    assert_eq!(names("钢铁、水泥和化肥的产量上升。"), Vec::<String>::new());
}

#[test]
fn a_function_word_surname_opening_a_list_item() {
    assert_eq!(
        names("区领导韩立新、于海波、常建平出席会议。"),
        ["韩立新", "于海波", "常建平"]
    );
    assert_eq!(
        names("区领导向东明、谭宏伟参加座谈。"),
        ["向东明", "谭宏伟"]
    );
    assert_eq!(names("区领导向全区人民致以问候。"), Vec::<String>::new());
    assert_eq!(names("我们要向社会、向群众公开。"), Vec::<String>::new());
}

#[test]
fn a_verb_that_takes_a_person_takes_it_after_le() {
    assert_eq!(names("二十年前，她嫁给了邹明。"), ["邹明"]);
    assert_eq!(names("大会表扬了卢军。"), ["卢军"]);
    // The look-alikes: a quantity or a group after the verb.
    assert_eq!(
        names("志愿者帮助了许多家庭渡过难关。"),
        Vec::<String>::new()
    );
    assert_eq!(names("他们看望了全体职工。"), Vec::<String>::new());
}

#[test]
fn a_count_or_a_date_in_words_after_a_name() {
    assert_eq!(
        names("此后，中锋马尔蒂尼奥两次射门都被扑出。"),
        ["马尔蒂尼奥"]
    );
    assert_eq!(
        names("厂主周国富、陆新平二人心里着急。"),
        ["周国富", "陆新平"]
    );
    // A transliterated name never runs into the date after it.
    assert_eq!(names("土地开发部长巴迪亚十日表示，计划不变。"), ["巴迪亚"]);
    // The look-alikes: quantities, not people.
    assert_eq!(names("排队的人多达两百名。"), Vec::<String>::new());
    assert_eq!(names("他每天多达三次往返。"), Vec::<String>::new());
}

#[test]
fn a_name_is_the_subject_of_a_verb_the_dictionary_lists() {
    // `出示` is on no list of the extractor's; jieba's dictionary tags it a verb.
    assert_eq!(names("会上，韦东出示了一份名单。"), ["韦东"]);
    assert_eq!(names("这时，罗岗出示了证件。"), ["罗岗"]);
    // The look-alike: a word before the verb.
    assert_eq!(
        names("据了解，黄金出现了较大的波动。"),
        Vec::<String>::new()
    );
}

#[test]
fn the_verb_after_a_candidate_is_the_longest_word_there() {
    let ex = PersonExtractor::shared();
    assert!(ex.verb_at("出示了证件", 0, 1));
    assert!(ex.verb_at("是党员", 0, 1));
    // A noun, and a verbal noun (`竞选的口号`), are not verbs.
    assert!(!ex.verb_at("证件", 0, 1));
    assert!(!ex.verb_at("竞选的口号", 0, 1));
    // The longest word decides: `出发点` is a noun though `出发` is a verb.
    assert!(!ex.verb_at("出发点", 0, 1));
    // After a transliteration only a verb of two characters counts: one character may be the
    // name's next syllable.
    assert!(ex.verb_at("猜强调", 0, 1));
    assert!(!ex.verb_at("猜强调", 0, 2));
    assert!(ex.verb_at("敦促双方", 0, 2));
}

#[test]
fn a_list_of_things_is_told_by_the_longest_word_beside_the_mark() {
    let ex = PersonExtractor::shared();
    let beside = |text: &str, item: &str| {
        let at = text.find(item).expect("the item is in the text");
        ex.list_neighbour_is_word(text, at, at + item.len())
    };
    assert!(beside("钢铁、水泥、化肥", "水泥"));
    // `科利` is a word, but the longest word there, `科利华`, is a name.
    assert!(!beside("副院长严伟、科利华集团总裁", "严伟"));
}

#[test]
fn a_copula_before_a_title_makes_the_office_holder() {
    assert_eq!(names("大家都知道：“鲁成是党员，这件事他得管。"), ["鲁成"]);
    assert_eq!(names("代表团以金泰浩为团长，今天抵达北京。"), ["金泰浩"]);
    // The look-alikes: a copula before anything but a title.
    assert_eq!(names("他说：“高温是主要原因。”"), Vec::<String>::new());
    assert_eq!(
        names("那时，他以连队为家，从不叫苦。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_function_word_surname_never_takes_a_verb_that_follows_names() {
    assert_eq!(
        names("这里的村民都说：“党员是主心骨。”"),
        Vec::<String>::new()
    );
    // The same surname with a given name that is no such verb.
    assert_eq!(names("村民于丹说：“党员是主心骨。”"), ["于丹"]);
}

#[test]
fn a_name_after_a_role_does_not_end_with_the_verb_after_it() {
    assert_eq!(
        named("村民王丹说：“党员是主心骨。”"),
        [("王丹".to_owned(), Some("村民".to_owned()))]
    );
    assert_eq!(names("副县长何晨会见了客人。"), ["何晨"]);
    // A name of three characters closed by the verb keeps its third character.
    assert_eq!(names("村民王丹霞说：“好。”"), ["王丹霞"]);
}

#[test]
fn a_caption_place_mark_follows_a_person() {
    assert_eq!(names("高峰（右）在比赛中。"), ["高峰"]);
    assert_eq!(names("雷东（右）与队友庆祝进球。"), ["雷东"]);
    // The look-alike: a bracket that holds no place mark.
    assert_eq!(names("高新区（示范区）召开会议。"), Vec::<String>::new());
}

#[test]
fn a_particle_that_segmentation_joins_to_the_last_character_does_not_cut_a_name() {
    // Segmentation reads `真的` (really) across the name's end.
    assert_eq!(names("认识邵立真的人都知道，他从不计较。"), ["邵立真"]);
    // `了解` across the name's start.
    assert_eq!(names("大会表扬了解红梅等同志。"), ["解红梅"]);
    // The look-alikes: the same words with no name before them.
    assert_eq!(names("这是真的吗？"), Vec::<String>::new());
    assert_eq!(names("我们都有的东西。"), Vec::<String>::new());
    assert_eq!(names("他看到了解放军战士。"), Vec::<String>::new());
}

#[test]
fn qi_opens_a_given_name_but_never_ends_one() {
    assert_eq!(
        names("区领导王其琛、钱其山、乔石出席会议。"),
        ["王其琛", "钱其山", "乔石"]
    );
    assert_eq!(names("钱其琛副总理会见了来访的客人。"), ["钱其琛"]);
    // The look-alikes: 其 after a surname that is also a word (`尤其`, `何其`, `向其`).
    assert_eq!(names("尤其重要的是，要抓好落实。"), Vec::<String>::new());
    assert_eq!(names("两者何其相似。"), Vec::<String>::new());
    assert_eq!(names("大家要向其学习。"), Vec::<String>::new());
}

#[test]
fn a_title_right_after_a_name_is_that_names() {
    assert_eq!(names("江泽民主席谈访美成果。"), ["江泽民"]);
    assert_eq!(names("黎光明主席谈发展思路。"), ["黎光明"]);
    // The look-alike: a place before the title makes an office, and a name follows it.
    assert_eq!(
        named("温县县长何晨会同有关部门调研。"),
        [("何晨".to_owned(), Some("温县县长".to_owned()))]
    );
}

#[test]
fn the_first_part_of_a_dotted_name_may_open_with_any_character() {
    // 理 rarely transliterates, but the `·` says what the part is.
    assert_eq!(names("市长理查德·赖尔登今天访问北京。"), ["理查德·赖尔登"]);
    // The last part alone, read as a Chinese name before a title, is no name.
    assert_eq!(names("理查德·赖尔登市长今天访问北京。"), ["理查德·赖尔登"]);
    assert_eq!(names("会场挂着“团结·奋进”的横幅。"), Vec::<String>::new());
}

#[test]
fn a_verb_opens_the_clause_not_the_name_after_a_role() {
    assert_eq!(names("村里有位农民叫赵翠青。"), ["赵翠青"]);
    assert_eq!(names("外交官卡西姆说，会谈很成功。"), ["卡西姆"]);
}

#[test]
fn a_dotted_name_ends_where_a_context_word_or_its_title_starts() {
    // `访` may continue a transliteration, but `访问` is a word that follows names.
    assert_eq!(names("乔治·布什访问了中国。"), ["乔治·布什"]);
    // Segmentation reads `布什总统` as one word: the last part is a name with its title.
    assert_eq!(names("乔治·布什总统访问了中国。"), ["乔治·布什"]);
    assert_eq!(
        names("他家住在尼·伯尔切斯库镇，去年秋天搬走了。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_leader_is_a_title() {
    assert_eq!(
        named("朝鲜领导人金正日会见了来访的客人。"),
        [("金正日".to_owned(), Some("朝鲜领导人".to_owned()))]
    );
    assert_eq!(names("党和国家领导人出席了大会。"), Vec::<String>::new());
}

#[test]
fn a_word_across_a_role_and_a_name_does_not_cut_the_name() {
    // Segmentation reads `长江` and `任何` across the boundary.
    assert_eq!(
        named("市委常委、副市长江明静参加会议。"),
        [("江明静".to_owned(), Some("副市长".to_owned()))]
    );
    assert_eq!(names("区卫健委主任何波波介绍了情况。"), ["何波波"]);
    // The look-alike: a word that holds the whole role (`领导班子`).
    assert_eq!(
        names("有些领导班子不适当地追求政绩。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_role_never_starts_with_a_preposition() {
    assert_eq!(
        named("据县农业农村局局长李卫东介绍，今年粮食丰收。"),
        [("李卫东".to_owned(), Some("县农业农村局局长".to_owned()))]
    );
    assert_eq!(
        named("随县委书记李明调研的还有县长王刚。"),
        [
            ("李明".to_owned(), Some("县委书记".to_owned())),
            ("王刚".to_owned(), Some("县长".to_owned()))
        ]
    );
}

#[test]
fn a_function_character_that_opens_a_noun_stays_in_the_role() {
    assert_eq!(
        named("以色列总理内塔尼亚胡举行会谈。"),
        [("内塔尼亚胡".to_owned(), Some("以色列总理".to_owned()))]
    );
}

#[test]
fn a_list_closed_by_a_noun_of_places_is_a_list_of_things() {
    assert_eq!(
        names("据报道，在弗洛拉瓦等4个村庄，警察同武装人员发生冲突。"),
        Vec::<String>::new()
    );
    assert_eq!(names("警察在卡斯特拉诺等村庄搜查。"), Vec::<String>::new());
    assert_eq!(
        names("卡鲁伊、罗德里斯等4人出席会议。"),
        ["卡鲁伊", "罗德里斯"]
    );
}

#[test]
fn a_short_list_item_is_an_ordinary_word_only_as_a_whole() {
    // `浩浩` is a word; the item `贺浩浩` is not.
    assert_eq!(
        names("区领导孙飞利、贺浩浩、马东国、陈芳出席会议。"),
        ["孙飞利", "贺浩浩", "马东国", "陈芳"]
    );
}

#[test]
fn titles_printed_after_a_name_include_ranks_kin_and_elders() {
    assert_eq!(
        named("由舰队司令哈克海军少将率领的舰艇编队今天抵达。"),
        [("哈克".to_owned(), Some("舰队司令".to_owned()))]
    );
    assert_eq!(names("年近六旬的渔民村郑秀英大娘病了。"), ["郑秀英"]);
    assert_eq!(
        names("马丁和卡洛斯两兄弟经营一家工厂。"),
        ["马丁", "卡洛斯"]
    );
    // A player's rank in Go or chess, a numeral and `段`.
    assert_eq!(
        names("首轮比赛中，刘建波八段中盘胜陈立九段。"),
        ["刘建波", "陈立"]
    );
    assert_eq!(names("这篇文章分为六段。"), Vec::<String>::new());
}

#[test]
fn a_preposition_before_a_given_name_and_an_honorific_is_no_surname() {
    assert_eq!(names("她立即回信向秀兰女士道歉。"), ["秀兰"]);
}

#[test]
fn a_surname_that_is_a_unit_after_a_demonstrative_is_the_unit() {
    assert_eq!(names("那张小巧的书签很好看。"), Vec::<String>::new());
    assert_eq!(names("演员张精美说，这部戏很好看。"), ["张精美"]);
}

#[test]
fn a_japanese_name_opening_a_clause_before_a_verb() {
    assert_eq!(names("战败后，北条英夫在书房里写信。"), ["北条英夫"]);
    // The same shape made of common words is no name.
    assert_eq!(names("她的腕上功夫也很独特。"), Vec::<String>::new());
    assert_eq!(names("“天下何人不识君”。"), Vec::<String>::new());
}

#[test]
fn a_title_reading_that_runs_past_a_name_of_the_body_gives_way() {
    let found: Vec<String> = PersonExtractor::shared()
        .extract(
            Some("孙秀英中、李坤左、郑美华右"),
            &["孙秀英（中）、李坤（左）、郑美华（右）在后台。".to_owned()],
            &[],
        )
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(found.contains(&"李坤".to_owned()), "{found:?}");
    assert!(!found.contains(&"李坤左".to_owned()), "{found:?}");
}

#[test]
fn a_player_named_after_a_team_or_a_singles_place() {
    assert_eq!(
        names("叶明珠以二比零战胜韩国女队朴英姬。"),
        ["叶明珠", "朴英姬"]
    );
    assert_eq!(
        named("叶明珠战胜了韩国女队第一单打朴英姬。"),
        [
            ("叶明珠".to_owned(), None),
            ("朴英姬".to_owned(), Some("韩国女队第一单打".to_owned()))
        ]
    );
    assert_eq!(names("部队官兵和消防队员赶到现场。"), Vec::<String>::new());
}

#[test]
fn a_chinese_name_after_any_title_closed_by_punctuation() {
    assert_eq!(
        named("他抱着出生才50天的女儿柳研，从老家来到北京求医。"),
        [("柳研".to_owned(), Some("女儿".to_owned()))]
    );
    assert_eq!(
        names("他把礼物送给女儿和外孙，然后离开了。"),
        Vec::<String>::new()
    );
    assert_eq!(names("她的女儿高兴，就好。"), Vec::<String>::new());
}

#[test]
fn a_name_before_a_film_credit() {
    assert_eq!(
        names("该剧由吴天成执导，宋聚德编剧，何建主演。"),
        ["吴天成", "宋聚德", "何建"]
    );
    assert_eq!(
        names("这部影片的导演和主演都很年轻。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_place_said_of_a_person_follows_a_name() {
    assert_eq!(names("负责人在曹禺家中介绍新馆设计。"), ["曹禺"]);
    assert_eq!(names("他从银行那里借了一笔钱。"), Vec::<String>::new());
}

#[test]
fn a_visit_or_a_trip_follows_a_name() {
    assert_eq!(names("舆论认为，高建中此行旨在寻求经援。"), ["高建中"]);
    assert_eq!(names("代表团此行收获很大。"), Vec::<String>::new());
}

#[test]
fn a_full_name_after_a_verb_with_le_before_a_verb_of_speech() {
    assert_eq!(names("创刊号发表了罗小红回忆父亲的长文。"), ["罗小红"]);
    assert_eq!(names("会上宣读了贺信表示祝贺。"), Vec::<String>::new());
    assert_eq!(names("他听了高兴地说，太好了。"), Vec::<String>::new());
}

#[test]
fn a_comparison_or_a_sentence_after_a_name_is_said_of_a_person() {
    assert_eq!(names("法院以受贿罪判处吕业成有期徒刑5年。"), ["吕业成"]);
    assert_eq!(names("法院判处被告有期徒刑三年。"), Vec::<String>::new());
    assert_eq!(names("他也会像林则明那样处理问题。"), ["林则明"]);
    assert_eq!(names("要像大海那样宽广。"), Vec::<String>::new());
}

#[test]
fn a_name_before_led_by_is_a_person() {
    assert_eq!(names("军方从贝内坎领导的政府手中接管权力。"), ["贝内坎"]);
    assert_eq!(
        names("在公司领导的关心下，项目顺利完成。"),
        Vec::<String>::new()
    );
}
