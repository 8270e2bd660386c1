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

/// `site` with `Vary` (`EdgeSite::varies_on`) among the headers of each variant, and of each
/// JSON twin, of every page the edge negotiates, so the reply files (and HAProxy's size check of
/// them) carry it.
pub(super) fn with_vary(site: &EdgeSite) -> EdgeSite {
    let mut out = site.clone();
    for page in out.pages.iter_mut().chain(out.variant_pages.iter_mut()) {
        let vary = site.varies_on(page).join(", ");
        if vary.is_empty() {
            continue;
        }
        for v in page.variants.iter_mut().chain(page.json.iter_mut()) {
            v.headers.push(("Vary".to_owned(), vary.clone()));
        }
    }
    out
}

/// The frontend lines that set `txn.planb_language` (on a site in several languages) and
/// `txn.planb_accept` (where pages have JSON twins).
pub(super) fn choose(site: &EdgeSite) -> String {
    let mut out = String::new();
    if site.is_multilingual() {
        let _ = write!(
            out,
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
        );
    }
    if site.has_twins() {
        out.push_str(&super::format::choose());
    }
    out
}

/// One of the answers a page gives: its reply file, the condition that picks it (empty for
/// the last, the default language's HTML), and whether it is a JSON twin.
struct Choice<'r> {
    name: &'r str,
    cond: String,
    json: bool,
}

/// `page`'s answers, in the order HAProxy must test them: its JSON twins for an app (the other
/// languages first, then the default), then its HTML (the same way), each condition naming the
/// format and the language it asks for; the default language's HTML has no condition.
fn choices<'r>(site: &EdgeSite, replies: &'r [Reply], page: &EdgePage) -> Vec<Choice<'r>> {
    let name = |url: &str| {
        replies
            .iter()
            .find(|r| r.page.url == url)
            .map_or("", |r| r.name.as_str())
    };
    let languages = |urls: Vec<String>| -> Vec<(String, String)> {
        let mut by: Vec<(String, String)> = Vec::new();
        if site.negotiates(page) {
            for (url, lang) in urls.iter().zip(&site.languages).skip(1) {
                let cond = format!(
                    " {{ var(txn.planb_language) -m str {} }}",
                    lang.to_ascii_lowercase()
                );
                by.push((url.clone(), cond));
            }
        }
        by.extend(urls.into_iter().take(1).map(|url| (url, String::new())));
        by
    };
    let twins = page.json.iter().map(|t| format!("/{}", t.file)).collect();
    let mut out: Vec<Choice> = languages(twins)
        .into_iter()
        .map(|(url, cond)| Choice {
            name: name(&url),
            cond: format!(" {}{cond}", super::format::WANTS_JSON),
            json: true,
        })
        .collect();
    out.extend(
        languages(page.urls())
            .into_iter()
            .map(|(url, cond)| Choice {
                name: name(&url),
                cond,
                json: false,
            }),
    );
    out
}

/// `directive errorfile FILE if COND` for `page`, in the visitor's language and format.
pub(super) fn returns(
    site: &EdgeSite,
    replies: &[Reply],
    page: &EdgePage,
    directive: &str,
    cond: &str,
) -> String {
    let mut out = String::new();
    for c in choices(site, replies, page) {
        let _ = writeln!(out, "{directive} errorfile {} if {cond}{}", c.name, c.cond);
    }
    out
}

/// The overflow page's `refusal` (its gzipped twin first) if `cond`, in the visitor's language;
/// its JSON twin, as is, for an app.
pub(super) fn refusals(site: &EdgeSite, replies: &[Reply], page: &EdgePage, cond: &str) -> String {
    let mut out = String::new();
    for c in choices(site, replies, page) {
        if c.json {
            let _ = writeln!(
                out,
                "http-request return errorfile {} if {cond}{}",
                c.name, c.cond
            );
        } else {
            out.push_str(&refusal(c.name, &format!("{cond}{}", c.cond)));
        }
    }
    out
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

/// For the backend: the 503 page in the visitor's language and format once the application is
/// marked down, since `errorfile 503` can only be the default language's HTML.
pub(super) fn down(site: &EdgeSite, replies: &[Reply]) -> String {
    let Some(page) = site.error_page(503).filter(|p| site.chooses(p)) else {
        return String::new();
    };
    let mut out = String::from(
        "\n# The application marked down by its health check: the 503 page in the visitor's language\n\
         # and format (`errorfile 503`, HAProxy's own answer, can only be the default's HTML).\n",
    );
    for c in choices(site, replies, page) {
        if !c.cond.is_empty() {
            let _ = writeln!(
                out,
                "http-request return errorfile {} if !{{ nbsrv gt 0 }}{}",
                c.name, c.cond
            );
        }
    }
    out
}
