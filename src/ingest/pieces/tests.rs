use super::super::lines::split_lines;
use super::shape::{has_phrase_space, shape_of};
use super::*;

fn pieces(text: &str) -> Vec<Piece> {
    layout(split_lines(text)).pieces
}

fn texts(text: &str) -> Vec<String> {
    pieces(text).iter().map(|p| p.lines.concat()).collect()
}

#[test]
fn runs_are_cut_at_openers_credits_and_blanks() {
    let t = texts("正文一。\n（孟轩）\n正文二，\n继续。\n\n标题\n本报讯 正文三。\n");
    assert_eq!(
        t,
        [
            "正文一。（孟轩）",
            "正文二，继续。",
            "标题",
            "本报讯 正文三。"
        ]
    );
}

#[test]
fn headline_touching_its_body_is_cut_off() {
    let p = pieces(
        "前文结束。\n\n某县召开会议\n3月2日，某县召开会议，研\n究部署各项重点工作任务，推\n动工作落实见到成效。\n",
    );
    assert_eq!(p.len(), 3);
    assert_eq!(p[1].lines, ["某县召开会议"]);
    assert_eq!(p[1].shape, Shape::Headline);
    assert!(p[2].starts_lead);
}

#[test]
fn full_width_first_line_stays_with_its_paragraph() {
    let p = pieces(
        "前文结束。\n\n会议传达学习了习近平总书\n记重要讲话精神，研究部署各\n项重点工作任务，推动落实。\n",
    );
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].lines.len(), 3);
}

#[test]
fn headline_under_its_body_is_cut_off() {
    let p = pieces(
        "本报讯 3月2日，某县召开会议，研\n究部署各项重点工作任务，推\n动工作落实见到成效。\n某县召开会议\n",
    );
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].lines, ["某县召开会议"]);
}

#[test]
fn furniture_is_kept_with_its_place() {
    let layout = layout(split_lines(
        "正文一。\n\nJIAOZUO DAILY\n工工业业\n\n正文二。\n□高 亢\n",
    ));
    let kinds: Vec<(usize, bool)> = layout
        .furniture
        .iter()
        .map(|f| (f.before, f.kind == FurnitureKind::Signature))
        .collect();
    assert_eq!(kinds, [(1, false), (1, false), (2, true)]);
    assert!(layout.pieces[1].gap.furniture);
}

#[test]
fn credits_are_told_apart() {
    let p = pieces("图为现场。\n\n廉 玮 摄\n\n正文。 （孟轩）\n");
    assert_eq!(p[1].credit, Some(Credit::Photo));
    assert!(p[1].credit_only);
    assert_eq!(p[2].credit, Some(Credit::Byline));
    assert!(!p[2].credit_only);
}

#[test]
fn widths_leave_layout_spaces_out() {
    assert_eq!(ink_width("方 向 ， 合 理"), ink_width("方向，合理"));
}

#[test]
fn shapes() {
    assert_eq!(shape_of(&["稳就业，促发展".to_owned()]), Shape::Punctuated);
    assert_eq!(
        shape_of(&[
            "温县2022年度党委".to_owned(),
            "（党组）书记抓基层党建".to_owned()
        ]),
        Shape::Headline
    );
    assert_eq!(
        shape_of(&["会议强调，要压实责任，确保，".to_owned()]),
        Shape::Body
    );
    assert_eq!(
        shape_of(&["张三要求，各乡镇要".to_owned(), "切实增强责任感".to_owned()]),
        Shape::Body
    );
    assert!(has_phrase_space("立足岗位 学以致用"));
    assert!(!has_phrase_space("方 向 合 理"));
}
