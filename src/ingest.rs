//! Page text → articles.

pub mod decode;

use crate::model::Article;

/// Parse one page's text into articles; `source` names the file in every article.
pub fn parse_page(source: &str, text: &str) -> Vec<Article> {
    let _ = (source, text);
    Vec::new()
}
