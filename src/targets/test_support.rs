//! What the targets' unit tests share: a page and a way to read a generated file.

use super::EdgePage;
use crate::cache::Policy;
use crate::content::Kind;
use crate::output::OutputFile;

/// A page with the usual headers plus `extra`, its file under `public/` named after its URL.
pub fn page(url: &str, kind: Kind, status: u16, extra: &[(&str, &str)]) -> EdgePage {
    let mut headers = vec![
        (
            "Content-Type".to_owned(),
            "text/html; charset=utf-8".to_owned(),
        ),
        ("Cache-Control".to_owned(), "public, max-age=10".to_owned()),
        (
            "Content-Security-Policy".to_owned(),
            "default-src 'none'".to_owned(),
        ),
    ];
    headers.extend(extra.iter().map(|(n, v)| (n.to_string(), v.to_string())));
    EdgePage {
        url: url.to_owned(),
        file: url.trim_start_matches('/').to_owned(),
        kind,
        status,
        headers,
        body: b"<p>".to_vec(),
        policy: Policy::default(),
        retry_after: None,
        source: "content/test.md".into(),
    }
}

/// The text of the generated file at `path` (relative to the output folder).
pub fn text(files: &[OutputFile], path: &str) -> String {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(f.bytes.clone()).unwrap()
}
