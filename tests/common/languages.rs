//! The visitor's language at the edge, as every server must negotiate it on the bilingual
//! fixture (fr default, en): each browser-realistic `Accept-Language` header of the languages
//! issue gets the page `planb::negotiate::pick_language` picks, with the page's status, exactly
//! the manifest's headers of that language's variant, and `Vary: Accept-Language`.

use std::path::Path;

use serde_json::Value;

use super::edge::{Response, assert_page, get_with, request};

/// The headers of the issue (and no header at all), as browsers and robots send them.
pub const HEADERS: [Option<&str>; 9] = [
    Some("en-GB,en;q=0.9,fr;q=0.8"),
    Some("fr-FR,fr;q=0.9"),
    Some("de-DE"),
    Some("es"),
    Some("pt-BR"),
    Some("*"),
    Some(""),
    Some(";;q=abc,,"),
    None,
];

/// The bilingual fixture's languages, the default first.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

/// The URL of `url`'s variant in the language `header` gets by `negotiate::pick_language`.
pub fn variant_for(url: &str, header: Option<&str>) -> String {
    let languages: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    match planb::negotiate::pick_language(header, &languages) {
        0 => url.to_owned(),
        i => format!(
            "{}.{}.html",
            url.strip_suffix(".html").unwrap(),
            languages[i]
        ),
    }
}

/// The request line's extra header for `header`.
pub fn line(header: Option<&str>) -> String {
    header.map_or(String::new(), |h| format!("Accept-Language: {h}\r\n"))
}

/// `method path` with each header of `HEADERS` answers the language's variant of `page` with
/// `status`, exactly its manifest headers, and says it varies on `Accept-Language`.
pub fn assert_negotiated(
    port: u16,
    manifest: &Value,
    public: &Path,
    (method, path): (&str, &str),
    page: &str,
    status: u16,
    what: &str,
) {
    // A POST is a form, as a browser sends one (a POST without a length gets 411).
    let body = if method == "POST" {
        "item=42&qty=1"
    } else {
        ""
    };
    for header in HEADERS {
        let mut headers = line(header);
        if !body.is_empty() {
            headers.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        let r = request(port, method, path, &headers, body);
        let wanted = variant_for(page, header);
        let what = format!("{what}: {method} {path} with Accept-Language {header:?}");
        assert_page(&r, manifest, public, &wanted, status, &what);
        assert_varies(&r, &what);
    }
}

/// In landing mode, the home redirects each header of `HEADERS` to the landing page in its
/// language, saying it varies on `Accept-Language`.
pub fn assert_home_negotiated(port: u16, what: &str) {
    for header in HEADERS {
        let r = get_with(port, "/", &line(header));
        let wanted = variant_for("/_planb/landing.html", header);
        let what = format!("{what}: the home with Accept-Language {header:?}");
        assert_eq!(r.status, 302, "{what}");
        let location = r.header("Location");
        assert!(
            location.len() == 1 && location[0].ends_with(&wanted),
            "{what}: Location {location:?}, expected {wanted}"
        );
        assert_varies(&r, &what);
    }
}

/// `r` lists `Accept-Language` in a `Vary` header.
pub fn assert_varies(r: &Response, what: &str) {
    let vary = r.header("Vary");
    assert!(
        vary.iter()
            .flat_map(|v| v.split(','))
            .any(|v| v.trim().eq_ignore_ascii_case("Accept-Language")),
        "{what}: no Vary: Accept-Language; headers {:?}",
        r.headers
    );
}

/// The whole negotiation on a server running the bilingual fixture's configuration in normal
/// mode, `switch` changing its mode as its README says: the application's 503 and 404, the
/// home in landing mode, any URL (and a form's POST) in overflow mode, and, back in normal mode,
/// the application down (`upstream` dropped) with `down_status`, what the server answers then.
/// In overflow mode, the overflow page's other language at its own URL (where its switcher
/// links) is that language whatever the visitor's, with `own_status`.
#[allow(clippy::too_many_arguments)]
pub fn assert_languages_negotiated(
    port: u16,
    site: &Path,
    manifest: &Value,
    switch: impl Fn(&str),
    upstream: super::edge::Upstream,
    (down_status, own_status): (u16, u16),
    target: &str,
) {
    let url = format!("http://127.0.0.1:{port}");
    assert_languages_negotiated_as(
        port,
        site,
        manifest,
        switch,
        upstream,
        (down_status, own_status),
        (&url, &[]),
        target,
    );
}

/// `assert_languages_negotiated`, `planb verify` (which asks in each language too) run in each
/// mode on `url` with `extra` arguments (`--resolve`).
#[allow(clippy::too_many_arguments)]
pub fn assert_languages_negotiated_as(
    port: u16,
    site: &Path,
    manifest: &Value,
    switch: impl Fn(&str),
    upstream: super::edge::Upstream,
    (down_status, own_status): (u16, u16),
    (url, extra): (&str, &[&str]),
    target: &str,
) {
    let verified = |mode: &str| super::edge::assert_verified_as(site, url, extra, target, mode);
    use super::edge::poll;
    let public = site.join("output/public");
    for status in [503, 404] {
        let page = format!("/_planb/errors/{status}.html");
        let path = format!("/status/{status}");
        assert_negotiated(
            port,
            manifest,
            &public,
            ("GET", &path),
            &page,
            status,
            target,
        );
    }
    verified("normal");
    switch("landing");
    poll(port, "/", |r| r.status == 302);
    assert_home_negotiated(port, &format!("{target}, landing mode"));
    verified("landing");
    switch("overflow");
    poll(port, "/", |r| r.status == 503);
    verified("overflow");
    let overflow = "/_planb/overflow.html";
    let what = format!("{target}, overflow mode");
    for request in [("GET", "/"), ("GET", "/any/where"), ("POST", "/checkout")] {
        assert_negotiated(port, manifest, &public, request, overflow, 503, &what);
    }
    for (url, header) in [
        ("/_planb/overflow.en.html", Some("fr-FR,fr;q=0.9")),
        ("/_planb/overflow.en.html", None),
        ("/_planb/overflow.html", Some("en-GB,en;q=0.9")),
    ] {
        let r = get_with(port, url, &line(header));
        let what = format!("{what}: {url}, the switcher's link, with Accept-Language {header:?}");
        assert_page(&r, manifest, &public, url, own_status, &what);
    }
    switch("normal");
    poll(port, "/", |r| r.status == 200);
    drop(upstream);
    let page = format!("/_planb/errors/{down_status}.html");
    // A server that learns it from its health check (HAProxy) answers in the default language
    // until then: wait (10 s at most) for the English page.
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        let r = get_with(port, "/", &line(HEADERS[0]));
        if r.status == down_status && r.text().contains("<html lang=en>") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let what = format!("{target}, the application down");
    assert_negotiated(
        port,
        manifest,
        &public,
        ("GET", "/"),
        &page,
        down_status,
        &what,
    );
}

/// On a server that goes by the order written (`negotiate::first_listed_pattern`), as its
/// README says: a header listing a range before one with a higher q-value gets the first.
pub fn assert_first_listed(port: u16, manifest: &Value, public: &Path, target: &str) {
    let r = get_with(port, "/status/503", &line(Some("en;q=0.5, fr;q=0.6")));
    let what = format!("{target}: the first listed of en;q=0.5, fr;q=0.6");
    assert_page(
        &r,
        manifest,
        public,
        "/_planb/errors/503.en.html",
        503,
        &what,
    );
}

/// On a server that ranks by q-value as `negotiate::pick_language` does: a header listing a
/// range before one with a higher q-value gets the higher one.
pub fn assert_ranked_by_q_value(port: u16, manifest: &Value, public: &Path, target: &str) {
    let r = get_with(port, "/status/503", &line(Some("en;q=0.5, fr;q=0.6")));
    let what = format!("{target}: the higher q-value of en;q=0.5, fr;q=0.6");
    assert_page(&r, manifest, public, "/_planb/errors/503.html", 503, &what);
    let r = get_with(
        port,
        "/status/503",
        &line(Some("fr;q=0.1, de, en-GB;q=0.2")),
    );
    let what = format!("{target}: en-GB;q=0.2 above fr;q=0.1");
    assert_page(
        &r,
        manifest,
        public,
        "/_planb/errors/503.en.html",
        503,
        &what,
    );
}
