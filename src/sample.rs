//! The embedded sample corpus: real 焦作日报 county pages compiled into the binary.

/// One embedded page: its file name and its text.
pub struct SamplePage {
    /// File name under `assets/`, used as the article source.
    pub name: &'static str,
    /// The page text as extracted from the page PDF.
    pub text: &'static str,
}

/// The pages shipped in `assets/`, in file-name order.
pub const SAMPLE_PAGES: &[SamplePage] = &[
    SamplePage {
        name: "000_bb5894ed695f9a47.txt",
        text: include_str!("../assets/000_bb5894ed695f9a47.txt"),
    },
    SamplePage {
        name: "001_a4cef73eb9a2f0eb.txt",
        text: include_str!("../assets/001_a4cef73eb9a2f0eb.txt"),
    },
    SamplePage {
        name: "002_1cdb79d33ef0977c.txt",
        text: include_str!("../assets/002_1cdb79d33ef0977c.txt"),
    },
];
