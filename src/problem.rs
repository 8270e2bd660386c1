//! The JSON twin of an error or overflow page: RFC 9457 problem details
//! (`application/problem+json`), for the apps that call the same domain and cannot parse an HTML
//! 503. One per page and language, built from the same front matter as the page, and served
//! where the request's `Accept` asks for JSON (`negotiate::format`), with the page's status.
//!
//! - `type` is the absolute URL of the HTML page in the same language: RFC 9457 §3.1.1 wants a
//!   URI that documents the problem for a human, and the page is that.
//! - `detail` is the front matter's `description`, or else the built-in text of the status.
//! - The twin has its page's headers, `Content-Type` aside: the same status, cache policy,
//!   `Retry-After` and `Content-Language`, and a Content-Security-Policy that still forbids
//!   everything. So every target's header rules (a CloudFront policy, a `_headers` block) cover
//!   the page and its twin alike.

use serde::Serialize;

use crate::content::{Kind, Page};

pub const CONTENT_TYPE: &str = "application/problem+json";

/// A page's JSON twin, ready to be written.
#[derive(Debug, Clone)]
pub struct Twin {
    /// Path inside `public/`: the page's with `.json` for `.html` (`_planb/errors/503.en.json`).
    pub file: String,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after: Option<u32>,
}

/// The twin of `page` (rendered: its title is final) when it has one: error and overflow pages
/// do, landing pages do not (a browser reaches them by a link or the home's redirect).
/// `headers` are the page's; `origin` is the scheme and host of `site.url`.
pub fn twin(page: &Page, detail: &str, headers: &[(String, String)], origin: &str) -> Option<Twin> {
    if page.kind == Kind::Landing {
        return None;
    }
    let problem = Problem {
        kind: format!("{origin}{}", page.url()),
        title: &page.title,
        status: page.status,
        detail,
        retry_after: headers
            .iter()
            .find(|(n, _)| n == "Retry-After")
            .and_then(|(_, v)| v.parse().ok()),
    };
    let headers = headers
        .iter()
        .map(|(n, v)| match n.as_str() {
            "Content-Type" => (n.clone(), CONTENT_TYPE.to_owned()),
            _ => (n.clone(), v.clone()),
        })
        .collect();
    Some(Twin {
        file: file(&page.file),
        // A struct of strings and numbers always serializes.
        body: serde_json::to_vec(&problem).unwrap_or_default(),
        headers,
    })
}

/// The twin's file for a page's: `_planb/errors/503.en.html` → `_planb/errors/503.en.json`.
pub fn file(html: &str) -> String {
    let stem = html.strip_suffix(".html").unwrap_or(html);
    format!("{stem}.json")
}

/// The scheme and host of a URL, with no slash at the end: `https://www.example.com`.
pub fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_twin_says_what_its_page_says_with_its_headers() {
        let page = Page {
            file: "_planb/errors/503.en.html".into(),
            kind: Kind::Error,
            status: 503,
            title: "Back \"soon\"".into(),
            title_from_status: false,
            source: None,
            source_text: String::new(),
            description: String::new(),
            template: "error".into(),
            retry_after: Some(120),
            cache: None,
            budget: None,
            actions: Vec::new(),
            extra: serde_json::Map::new(),
            markdown: String::new(),
            body_offset: 0,
            lang: "en".into(),
            translation_of: Some("_planb/errors/503.html".into()),
        };
        let headers = vec![
            (
                "Content-Type".to_owned(),
                "text/html; charset=utf-8".to_owned(),
            ),
            ("Retry-After".to_owned(), "120".to_owned()),
        ];
        let t = twin(&page, "Too many visitors.", &headers, "https://a.example").unwrap();
        assert_eq!(t.file, "_planb/errors/503.en.json");
        assert_eq!(
            String::from_utf8(t.body).unwrap(),
            r#"{"type":"https://a.example/_planb/errors/503.en.html","title":"Back \"soon\"","status":503,"detail":"Too many visitors.","retry_after":120}"#
        );
        assert_eq!(t.headers[0].1, CONTENT_TYPE);
        assert_eq!(t.headers[1], headers[1]);
        let landing = Page {
            kind: Kind::Landing,
            ..page
        };
        assert!(twin(&landing, "", &headers, "").is_none());
    }

    #[test]
    fn the_origin_drops_the_path() {
        assert_eq!(
            origin("https://www.example.com/shop/"),
            "https://www.example.com"
        );
        assert_eq!(origin("http://localhost:8080"), "http://localhost:8080");
    }
}
