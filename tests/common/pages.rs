//! Random page text for property tests: the pieces page dumps are made of.

use proptest::prelude::*;

/// Pieces that page dumps are made of, so that random pages hit the interesting paths.
pub fn page_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("本报讯".to_owned()),
        Just("本 报 讯".to_owned()),
        Just("又讯".to_owned()),
        Just("●".to_owned()),
        Just("⬅".to_owned()),
        Just("□".to_owned()),
        Just("（记者原文钊 通讯员王".to_owned()),
        Just("（记 者 张三）".to_owned()),
        Just("）".to_owned()),
        Just("（孟轩）".to_owned()),
        Just(" 摄".to_owned()),
        Just("——".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just(" ".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("。".to_owned()),
        Just("，".to_owned()),
        Just("3 月 27 日".to_owned()),
        Just("政 务 简 报".to_owned()),
        Just("百字新闻".to_owned()),
        Just("工工业业".to_owned()),
        Just("A08│孟州新闻2023年3月7日 星期二".to_owned()),
        Just("JIAOZUO DAILY".to_owned()),
        "[\\p{Han}]{1,12}",
        "[\\p{Han}]\n",
        "[a-zA-Z0-9 .%]{1,6}",
        any::<String>(),
    ]
}
