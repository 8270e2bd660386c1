//! What the targets' unit tests share: a page, a small site, and a way to read a generated file.

use super::{EdgePage, EdgeSite, Mode, Variant};
use crate::cache::Policy;
use crate::config::edge::Edge;
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
        kind,
        status,
        json: Vec::new(),
        variants: vec![Variant {
            lang: "en".into(),
            file: url.trim_start_matches('/').to_owned(),
            headers,
            body: b"<p>".to_vec(),
        }],
        policy: Policy::default(),
        retry_after: None,
        source: "content/test.md".into(),
    }
}

/// `page` with the value of its header `name` replaced.
pub fn with_header(mut page: EdgePage, name: &str, value: &str) -> EdgePage {
    for (n, v) in &mut page.variants[0].headers {
        if n == name {
            *v = value.to_owned();
        }
    }
    page
}

/// The Retry-After the targets' tests give every 503 page.
pub fn retry_if_503(status: u16) -> &'static [(&'static str, &'static str)] {
    if status == 503 {
        &[("Retry-After", "60")]
    } else {
        &[]
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

/// An error page for `error`, the 503 page (Retry-After 60), a landing page and the overflow page
/// (Retry-After `overflow_retry`): one page of each kind a target treats differently.
pub fn one_of_each(error: u16, overflow_retry: &str) -> Vec<EdgePage> {
    vec![
        page(
            &format!("/_planb/errors/{error}.html"),
            Kind::Error,
            error,
            &[],
        ),
        page(
            "/_planb/errors/503.html",
            Kind::Error,
            503,
            &[("Retry-After", "60")],
        ),
        page("/_planb/landing.html", Kind::Landing, 200, &[]),
        page(
            "/_planb/overflow.html",
            Kind::Overflow,
            503,
            &[("Retry-After", overflow_retry)],
        ),
    ]
}

/// A site in normal mode with the default `[edge]`, served from /srv/site/public.
pub fn site(pages: Vec<EdgePage>, precompressed: bool) -> EdgeSite {
    EdgeSite {
        edge: Edge::default(),
        url: "https://www.example.com/".to_owned(),
        root: "/srv/site/public".to_owned(),
        mode: Mode::Normal,
        pages,
        precompressed,
        shield: Default::default(),
        schedule: Vec::new(),
        variant_pages: Vec::new(),
        languages: vec!["en".to_owned()],
    }
}

/// The paths of `files`, in order.
pub fn names(files: &[OutputFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}
