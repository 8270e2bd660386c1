//! The page's format at the edge, as a server that negotiates it must: an app whose `Accept`
//! asks for JSON gets the JSON twin (RFC 9457) of the page in its language, with the page's
//! status, exactly the twin's manifest headers, a body that parses with that status, and
//! `Vary: Accept`; a browser, `*/*`, no header and a malformed one get the HTML page.

use std::path::Path;

use serde_json::Value;

use super::edge::{Response, assert_page, request};
use super::languages::{line, variant_for};

/// What apps send for JSON, and what must get HTML: `planb::negotiate::format`'s cases.
pub const JSON_ACCEPTS: [&str; 4] = [
    "application/json",
    "application/problem+json",
    "application/json, text/plain, */*",
    "application/json;q=0.9, */*;q=0.1",
];
pub const HTML_ACCEPTS: [Option<&str>; 5] = [
    Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    Some("*/*"),
    Some(";;q=abc,,"),
    Some("application/json;q=0"),
    None,
];

/// The languages asked with each format: the default, the other one, and none.
const LANGUAGES: [Option<&str>; 3] = [Some("en-GB,en;q=0.9,fr;q=0.8"), Some("fr-FR"), None];

/// `GET path` answers `page` (an HTML page's URL) or its twin, as each `Accept` asks, in the
/// language each `Accept-Language` picks, with `status`.
pub fn assert_formats_negotiated(
    port: u16,
    manifest: &Value,
    public: &Path,
    path: &str,
    page: &str,
    status: u16,
    what: &str,
) {
    for language in LANGUAGES {
        let html = variant_for(page, language);
        let twin = html.replace(".html", ".json");
        for accept in JSON_ACCEPTS {
            let r = get(port, path, language, Some(accept));
            let what =
                format!("{what}: {path} with Accept {accept:?}, Accept-Language {language:?}");
            assert_page(&r, manifest, public, &twin, status, &what);
            let problem: Value = serde_json::from_slice(&r.body)
                .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", r.text()));
            assert_eq!(problem["status"], status, "{what}");
            assert_varies_on_accept(&r, &what);
        }
        for accept in HTML_ACCEPTS {
            let r = get(port, path, language, accept);
            let what =
                format!("{what}: {path} with Accept {accept:?}, Accept-Language {language:?}");
            assert_page(&r, manifest, public, &html, status, &what);
            assert_varies_on_accept(&r, &what);
        }
    }
}

fn get(port: u16, path: &str, language: Option<&str>, accept: Option<&str>) -> Response {
    let mut headers = line(language);
    if let Some(accept) = accept {
        headers.push_str(&format!("Accept: {accept}\r\n"));
    }
    request(port, "GET", path, &headers, "")
}

/// `r` lists `Accept` in a `Vary` header.
pub fn assert_varies_on_accept(r: &Response, what: &str) {
    let listed = r
        .header("Vary")
        .iter()
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("Accept"));
    assert!(listed, "{what}: no Vary: Accept; headers {:?}", r.headers);
}

/// On a server that ranks `Accept` by q-value as `negotiate::format::wants_json` does: HTML
/// listed first with a lower q-value than JSON gets JSON, and the other way round HTML. `ties`
/// is what `application/json, text/html` gets there: HTML for the reference, JSON where the
/// first listed wins.
pub fn assert_format_ranked_by_q_value(
    port: u16,
    manifest: &Value,
    public: &Path,
    ties: &str,
    target: &str,
) {
    let (html, twin) = ("/_planb/errors/503.html", "/_planb/errors/503.json");
    for (accept, page) in [
        ("text/html;q=0.1, application/json", twin),
        ("application/json;q=0.4, text/*;q=0.5", html),
        ("application/json, text/html", ties),
    ] {
        let r = get(port, "/status/503", None, Some(accept));
        let what = format!("{target}: Accept {accept:?}");
        assert_page(&r, manifest, public, page, 503, &what);
    }
}

/// Media ranges, parameters and separators: what makes `Accept` hard to rank.
const RANGES: [&str; 12] = [
    "application/json",
    "Application/JSON",
    "application/problem+json",
    "application/jsonp",
    "text/html",
    "TEXT/HTML",
    "text/*",
    "text/plain",
    "*/*",
    "application/xml",
    "image/webp",
    "json",
];
const PARAMS: [&str; 12] = [
    "",
    "",
    "",
    ";q=0",
    ";q=0.000",
    ";q=0.5",
    ";q=0.50",
    ";q=1",
    ";q=abc",
    ";q=2",
    "; Q = 0.8",
    ";level=1",
];
const SEPARATORS: [&str; 4] = [",", ", ", " ,\t", ",,"];

/// `count` `Accept` headers built from those pieces, the same on every run.
pub fn generated_accepts(count: usize) -> Vec<String> {
    let mut state: u64 = 2026;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    (0..count)
        .map(|_| {
            let mut header = String::new();
            for i in 0..1 + next(4) {
                if i > 0 {
                    header.push_str(SEPARATORS[next(SEPARATORS.len())]);
                }
                header.push_str(RANGES[next(RANGES.len())]);
                header.push_str(PARAMS[next(PARAMS.len())]);
            }
            header
        })
        .collect()
}

/// On a server that ranks `Accept` exactly as `planb::negotiate::format::wants_json`: the
/// application's 503 answers each generated header with the twin exactly where planb's rule
/// gives JSON.
pub fn assert_format_is_planbs(port: u16, manifest: &Value, public: &Path, target: &str) {
    let (html, twin) = ("/_planb/errors/503.html", "/_planb/errors/503.json");
    let mut json = 0;
    for accept in generated_accepts(300) {
        let wants = planb::negotiate::format::wants_json(Some(&accept));
        json += usize::from(wants);
        let r = get(port, "/status/503", None, Some(&accept));
        let what = format!("{target}: Accept {accept:?}");
        assert_page(
            &r,
            manifest,
            public,
            if wants { twin } else { html },
            503,
            &what,
        );
    }
    // The headers tell the two apart: both answers are asked for often.
    assert!((30..270).contains(&json), "{json} of 300 headers want JSON");
}

/// The JSON twin wherever a server that negotiates it answers with a page: the application's
/// 503 and 404 (`/status/<code>`), then overflow mode (`switch`ed to, and back to normal after).
pub fn assert_formats_in_each_mode(
    port: u16,
    manifest: &Value,
    public: &Path,
    switch: impl Fn(&str),
    target: &str,
) {
    for status in [503, 404] {
        let page = format!("/_planb/errors/{status}.html");
        let path = format!("/status/{status}");
        assert_formats_negotiated(port, manifest, public, &path, &page, status, target);
    }
    switch("overflow");
    super::edge::poll(port, "/", |r| r.status == 503);
    let (overflow, what) = ("/_planb/overflow.html", format!("{target}, overflow"));
    assert_formats_negotiated(port, manifest, public, "/any/where", overflow, 503, &what);
    switch("normal");
    super::edge::poll(port, "/", |r| r.status == 200);
}

/// The application is down: an app gets the twin of the page for `status` (a server's own
/// answer then), at `path`.
pub fn assert_format_when_down(
    port: u16,
    (manifest, public): (&Value, &Path),
    path: &str,
    status: u16,
    target: &str,
) {
    let page = format!("/_planb/errors/{status}.html");
    let what = format!("{target}, the application down");
    assert_formats_negotiated(port, manifest, public, path, &page, status, &what);
}
