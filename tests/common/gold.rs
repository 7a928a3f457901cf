//! Development corpus: articles built from the gold annotations and the sample page texts.
//!
//! Each gold article gives its fields and the first and last characters of its body; the body
//! is the page text between them with whitespace stripped, as one paragraph. The region is the
//! first county name found in the headline or body, and a role is read from the words printed
//! just before a person's first mention when they end in an office title. Test support only.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use papertui::model::{Article, Kind, PageHeader, PersonMention};
use serde_json::Value;

/// County and district names of the sample pages, longest first.
const REGIONS: &[&str] = &[
    "山阳区",
    "解放区",
    "中站区",
    "马村区",
    "示范区",
    "孟州市",
    "沁阳市",
    "温县",
    "武陟县",
    "修武县",
    "博爱县",
];

/// Office titles that end a role printed before a name.
const TITLES: &[&str] = &[
    "书记",
    "市长",
    "区长",
    "县长",
    "主任",
    "局长",
    "部长",
    "主席",
    "董事长",
    "行长",
    "院长",
];

/// Loads every `*.json` gold file of `gold_dir` with its page text from `assets_dir`.
pub fn load(gold_dir: &Path, assets_dir: &Path) -> anyhow::Result<Vec<Article>> {
    let mut files: Vec<_> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("reading {}", gold_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&file)?)
            .with_context(|| format!("parsing {}", file.display()))?;
        let source = json["source"].as_str().unwrap_or_default().to_owned();
        let page_text = std::fs::read_to_string(assets_dir.join(&source)).unwrap_or_default();
        let flat: String = page_text.chars().filter(|c| !c.is_whitespace()).collect();
        let page = json["pages"]
            .as_array()
            .and_then(|p| p.first())
            .and_then(|p| serde_json::from_value::<PageHeader>(p.clone()).ok())
            .map(Arc::new);
        for (i, g) in json["articles"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            out.push(article(&source, i as u32, g, &flat, page.clone()));
        }
    }
    Ok(out)
}

/// Optional string field.
fn opt(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// String list field.
fn list(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

/// One gold article.
fn article(
    source: &str,
    ordinal: u32,
    g: &Value,
    flat: &str,
    page: Option<Arc<PageHeader>>,
) -> Article {
    let kind = match g["kind"].as_str() {
        Some("photo") => Kind::Photo,
        Some("brief") => Kind::Brief,
        Some("commentary") => Kind::Commentary,
        _ => Kind::News,
    };
    let mut a = Article::new(source, ordinal, kind);
    a.title = opt(&g["title"]);
    a.kicker = opt(&g["kicker"]);
    a.subtitle = opt(&g["subtitle"]);
    a.column = opt(&g["column"]);
    a.date = opt(&g["date"]);
    a.reporters = list(&g["reporters"]);
    a.correspondents = list(&g["correspondents"]);
    a.credits = list(&g["credits"]);
    a.page = page;
    let start = g["start"].as_str().unwrap_or_default();
    let end = g["end"].as_str().unwrap_or_default();
    let body = match flat.find(start) {
        Some(s) => {
            let rest = flat.get(s..).unwrap_or_default();
            match rest.find(end) {
                Some(e) => rest.get(..e + end.len()).unwrap_or(rest).to_owned(),
                None => format!("{start}…{end}"),
            }
        }
        None => format!("{start}…{end}"),
    };
    let haystack = format!("{}{body}", a.title.as_deref().unwrap_or(""));
    a.region = REGIONS
        .iter()
        .find(|r| haystack.contains(*r))
        .map(|r| (*r).to_owned());
    a.persons = list(&g["persons"])
        .into_iter()
        .map(|name| PersonMention {
            role: role_before(&body, &name),
            name,
        })
        .collect();
    a.paragraphs = vec![body];
    a
}

/// The office printed right before the first mention of `name`, if it ends in a title.
fn role_before(body: &str, name: &str) -> Option<String> {
    let at = body.find(name)?;
    let before: Vec<char> = body.get(..at)?.chars().collect();
    let start = before
        .iter()
        .rposition(|c| "，。、；：（）“”日".contains(*c))
        .map_or(0, |p| p + 1);
    let role: String = before.get(start..)?.iter().collect();
    let len = role.chars().count();
    let plausible = (2..=10).contains(&len) && !role.contains('了') && !role.contains("会议");
    (TITLES.iter().any(|t| role.ends_with(t)) && plausible).then_some(role)
}
