//! The visitor's language, on a site in several: the frontend reads `Accept-Language` once into
//! `txn.planb_language` with HAProxy's own `language` converter, which ranks by q-value (the
//! first of equal ones), drops `q=0`, and matches `en-GB` to `en`; every rule that answers with
//! an error or overflow page then has one line per language, its own reply file (each with its
//! own headers and `Vary: Accept-Language`), before the default language's line.
//!
//! The limit: `errorfile` (HAProxy's own 503 and 504, when the application is down or slow)
//! cannot be chosen per request. The backend answers the 503 page in the visitor's language once
//! the health check has marked the application down (`nbsrv`); before that (2 s at most) and for
//! a timeout, HAProxy's own error comes in the default language.

use std::fmt::Write as _;

use super::errorfile::refusal;
use super::replies::Reply;
use crate::targets::{EdgePage, EdgeSite};

/// `site` with `Vary: Accept-Language` among the headers of each variant of every page the edge
/// negotiates, so the reply files (and HAProxy's size check of them) carry it.
pub(super) fn with_vary(site: &EdgeSite) -> EdgeSite {
    let mut out = site.clone();
    for page in out.pages.iter_mut().chain(out.variant_pages.iter_mut()) {
        if site.negotiates(page) {
            for v in &mut page.variants {
                v.headers
                    .push(("Vary".to_owned(), "Accept-Language".to_owned()));
            }
        }
    }
    out
}

/// The frontend line that sets `txn.planb_language`; nothing on a site in one language.
pub(super) fn choose(site: &EdgeSite) -> String {
    if !site.is_multilingual() {
        return String::new();
    }
    format!(
        "\n# The visitor's language, by q-value (HAProxy's `language` converter: en-GB finds en, q=0\n\
         # refuses one); none, `*`, an empty or malformed header: {default}, the default.\n\
         http-request set-var(txn.planb_language) req.fhdr(accept-language),lower,language({all},{default})\n",
        default = site.languages[0],
        all = site
            .languages
            .iter()
            .map(|l| l.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(";"),
    )
}

/// `page`'s reply files with the condition naming each language: the other languages first,
/// then the default with no condition of its own.
fn by_language<'r>(
    site: &EdgeSite,
    replies: &'r [Reply],
    page: &EdgePage,
) -> Vec<(&'r str, String)> {
    let urls = page.urls();
    let name = |url: &str| {
        replies
            .iter()
            .find(|r| r.page.url == url)
            .map_or("", |r| r.name.as_str())
    };
    let mut out: Vec<(&str, String)> = Vec::new();
    if site.negotiates(page) {
        for (url, lang) in urls.iter().zip(&site.languages).skip(1) {
            let cond = format!(
                " {{ var(txn.planb_language) -m str {} }}",
                lang.to_ascii_lowercase()
            );
            out.push((name(url), cond));
        }
    }
    out.push((name(&page.url), String::new()));
    out
}

/// `directive errorfile FILE if COND` for `page`, in the visitor's language.
pub(super) fn returns(
    site: &EdgeSite,
    replies: &[Reply],
    page: &EdgePage,
    directive: &str,
    cond: &str,
) -> String {
    let mut out = String::new();
    for (name, language) in by_language(site, replies, page) {
        let _ = writeln!(out, "{directive} errorfile {name} if {cond}{language}");
    }
    out
}

/// The overflow page's `refusal` (its gzipped twin first) if `cond`, in the visitor's language.
pub(super) fn refusals(site: &EdgeSite, replies: &[Reply], page: &EdgePage, cond: &str) -> String {
    by_language(site, replies, page)
        .into_iter()
        .map(|(name, language)| refusal(name, &format!("{cond}{language}")))
        .collect()
}

/// On a site in several languages, in overflow mode (`cond`): each language's own URL (where
/// the page's switcher links) answers that language, not the visitor's.
pub(super) fn own_languages(
    site: &EdgeSite,
    replies: &[Reply],
    page: &EdgePage,
    cond: &str,
) -> String {
    if !site.negotiates(page) {
        return String::new();
    }
    let mut out = String::new();
    for url in &page.urls() {
        if let Some(r) = replies.iter().find(|r| &r.page.url == url) {
            out.push_str(&refusal(&r.name, &format!("{cond} {{ path {url} }}")));
        }
    }
    out
}

/// The landing mode's redirect of the home, in the visitor's language (with `Vary`).
pub(super) fn landing_redirects(site: &EdgeSite, landing: &EdgePage, cond: &str) -> String {
    let mut out = String::new();
    let urls = landing.urls();
    if site.is_multilingual() {
        // `http-after-response` reads no path: the request phase marks the redirect.
        let _ = writeln!(
            out,
            "http-request set-var(txn.planb_home) bool(true) if {cond}"
        );
        for (url, lang) in urls.iter().zip(&site.languages).skip(1) {
            let _ = writeln!(
                out,
                "http-request redirect location {url} code 302 if {cond} {{ var(txn.planb_language) -m str {} }}",
                lang.to_ascii_lowercase()
            );
        }
    }
    let _ = writeln!(
        out,
        "http-request redirect location {} code 302 if {cond}",
        landing.url
    );
    if site.is_multilingual() {
        out.push_str("http-after-response set-header Vary Accept-Language if { var(txn.planb_home) -m bool }\n");
    }
    out
}

/// For the backend: the 503 page in the visitor's language once the application is marked
/// down, since `errorfile 503` can only be the default's.
pub(super) fn down(site: &EdgeSite, replies: &[Reply]) -> String {
    let Some(page) = site.error_page(503).filter(|p| site.negotiates(p)) else {
        return String::new();
    };
    let mut out = String::from(
        "\n# The application marked down by its health check: the 503 page in the visitor's language\n\
         # (`errorfile 503`, HAProxy's own answer, can only be the default language's).\n",
    );
    for (name, language) in by_language(site, replies, page) {
        if !language.is_empty() {
            let _ = writeln!(
                out,
                "http-request return errorfile {name} if !{{ nbsrv gt 0 }}{language}"
            );
        }
    }
    out
}
