//! The Caddy configuration against the real Caddy 2 (Debian's `caddy`): it validates, and a Caddy
//! started with the example `Caddyfile` answers every upstream failure with planb's page, the
//! status and exactly the manifest's headers, in each mode, switched as the README says.

mod common;

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Output;
use std::time::Instant;

use common::caddy::{Caddy, Env, switch, validate_every_mode};
use common::edge::*;
use common::formats::{assert_format_when_down, assert_formats_in_each_mode};
use common::languages::{assert_first_listed, assert_languages_negotiated};
use common::{read, stderr};
use serde_json::Value;

/// `GET path` asking for gzip; a static page comes with a Content-Length, never chunked.
fn get_gzip_checked(port: u16, path: &str) -> Response {
    let r = get_with(port, path, "Accept-Encoding: gzip\r\n");
    assert!(
        r.header("transfer-encoding").is_empty(),
        "a static page has a Content-Length: {:?}",
        r.headers
    );
    r
}

fn upstream_passes(resp: &Response, status: u16, body: &str, what: &str) {
    assert_eq!(resp.status, status, "{what}: {}", resp.text());
    assert_eq!(resp.text(), body, "{what}");
    assert_eq!(resp.header("X-Upstream"), vec!["yes"], "{what}: untouched");
    assert_eq!(resp.header("Cache-Control"), vec!["private"], "{what}");
}

#[test]
fn generated_configuration_passes_caddy_validate_in_every_mode() {
    let caddy = require("caddy");
    let (tmp, site, _) = build_edge_site(&["caddy"], "127.0.0.1:3999", free_port());
    let env = Env::new(tmp.path());
    let dir = site.join("output/config/caddy");
    for name in [
        "Caddyfile",
        "README.md",
        "planb.caddy",
        "planb-mode.caddy",
        "modes/normal.caddy",
        "modes/landing.caddy",
        "modes/overflow.caddy",
    ] {
        assert!(dir.join(name).is_file(), "{name} is written");
    }
    validate_every_mode(&caddy, &env, &dir);
    // The validator really reads the snippet: a broken one fails.
    let snippet = dir.join("planb.caddy");
    let good = std::fs::read_to_string(&snippet).unwrap();
    std::fs::write(&snippet, good.replace("handle_response", "handle_reponse")).unwrap();
    let out = env.run(
        &caddy,
        &dir,
        &[
            "validate",
            "--config",
            "Caddyfile",
            "--adapter",
            "caddyfile",
        ],
    );
    assert!(!out.status.success(), "a broken snippet is refused");
}

#[test]
fn caddy_serves_planb_pages_with_status_and_exact_headers_in_every_mode() {
    let caddy = require("caddy");
    let upstream = Upstream::start();
    let upstream_port = upstream.port;
    let port = free_port();
    let (tmp, site, manifest) = build_edge_site(&["caddy"], &upstream.addr(), port);
    let public = site.join("output/public");
    let dir = site.join("output/config/caddy");
    let env = Env::new(tmp.path());
    let server = Caddy::start(&caddy, &env, &dir, port, tmp.path().join("caddy.log"));
    let page = |resp: &Response, url: &str, status: u16, what: &str| {
        assert_page(resp, &manifest, &public, url, status, what);
    };
    let m: &Value = &manifest;

    // Normal mode: each upstream error status gets planb's page, with that status.
    for code in [404, 429, 500, 502, 503, 504] {
        let url = format!("/_planb/errors/{code}.html");
        page(
            &get(port, &format!("/status/{code}")),
            &url,
            code,
            &format!("upstream {code}"),
        );
    }
    // Timing out: Caddy gives up after edge.timeout (1 s) and answers 504 itself.
    let start = Instant::now();
    let slow = get(port, "/slow");
    assert!(start.elapsed() < SLOW, "answered before the upstream did");
    page(&slow, "/_planb/errors/504.html", 504, "upstream timeout");
    // Statuses without a page, and successes, pass through untouched.
    upstream_passes(&get(port, "/status/418"), 418, "upstream 418", "418");
    upstream_passes(&get(port, "/status/501"), 501, "upstream 501", "501");
    assert_verified(&site, port, "caddy", "normal");
    upstream_passes(&get(port, "/"), 200, "upstream ok", "200");
    upstream_passes(
        &get(port, "/some/page"),
        200,
        "upstream ok",
        "200 elsewhere",
    );
    // The pages at their own URL: the landing page with 200, the others with their status.
    page(
        &get(port, "/_planb/landing.html"),
        "/_planb/landing.html",
        200,
        "landing page directly",
    );
    page(
        &get(port, "/_planb/errors/503.html"),
        "/_planb/errors/503.html",
        503,
        "error page directly",
    );
    page(
        &get(port, "/_planb/overflow.html"),
        "/_planb/overflow.html",
        503,
        "overflow page directly",
    );
    page(
        &get(port, "/_planb/nothing-here"),
        "/_planb/errors/404.html",
        404,
        "unknown URL under the prefix",
    );
    // A client that accepts gzip gets the precompressed sibling, with its manifest headers.
    page(
        &get_gzip_checked(port, "/status/503"),
        "/_planb/errors/503.html.gz",
        503,
        "gzip sibling of the 503 page",
    );
    assert_eq!(
        entry(m, "/_planb/errors/503.html.gz")["encoding_of"],
        "/_planb/errors/503.html"
    );

    // Landing mode: the home redirects (302) to the landing page; the rest still proxies.
    switch(&caddy, &env, &dir, "landing");
    let home = get(port, "/");
    assert_eq!(home.status, 302, "landing mode: {:?}", home.headers);
    assert_eq!(home.header("Location"), vec!["/_planb/landing.html"]);
    assert_verified(&site, port, "caddy", "landing");
    upstream_passes(
        &get(port, "/other"),
        200,
        "upstream ok",
        "landing mode /other",
    );
    page(
        &get(port, "/status/502"),
        "/_planb/errors/502.html",
        502,
        "landing mode upstream 502",
    );

    // Overflow mode: every request gets the overflow page with 503, the upstream untouched.
    switch(&caddy, &env, &dir, "overflow");
    for path in [
        "/",
        "/any/path",
        "/status/200",
        "/_planb/landing.html",
        "/dir/",
    ] {
        page(
            &get(port, path),
            "/_planb/overflow.html",
            503,
            &format!("overflow mode {path}"),
        );
    }
    page(
        &post(port, "/checkout"),
        "/_planb/overflow.html",
        503,
        "overflow mode, a POST",
    );
    let overflow = entry(m, "/_planb/overflow.html");
    assert_eq!(overflow["headers"]["Retry-After"], "60");
    assert_verified(&site, port, "caddy", "overflow");

    // Back to normal, then the upstream goes down: Caddy answers 502 with the 502 page.
    switch(&caddy, &env, &dir, "normal");
    upstream_passes(&get(port, "/"), 200, "upstream ok", "normal again");
    drop(upstream);
    assert!(
        TcpStream::connect(("127.0.0.1", upstream_port)).is_err(),
        "the upstream is down"
    );
    page(
        &get(port, "/"),
        "/_planb/errors/502.html",
        502,
        "upstream down",
    );
    page(
        &get(port, "/status/200"),
        "/_planb/errors/502.html",
        502,
        "upstream down, any path",
    );
    drop(server);
}

/// The edge fixture for Caddy built into `out`: see `build_edge_site_into`.
fn build_into(out: &str, upstream: &str, port: u16) -> (tempfile::TempDir, PathBuf, Output) {
    let (tmp, _site, out, answer) = build_edge_site_into("caddy", upstream, port, out);
    (tmp, out, answer)
}

/// An output folder whose name Caddy must quote: the configuration names it as the root, passes
/// `caddy validate` in every mode, and a Caddy started on the example serves the 503 page from it,
/// and the overflow page once switched to overflow mode.
fn serves_from_an_unusual_root(out: &str, expected_root: &str) {
    let caddy = require("caddy");
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, out, answer) = build_into(out, &upstream.addr(), port);
    assert!(answer.status.success(), "build: {}", stderr(&answer));
    let manifest: Value = serde_json::from_str(&read(&out.join("manifest.json"))).unwrap();
    let dir = out.join("config/caddy");
    let snippet = read(&dir.join("planb.caddy"));
    let root = std::fs::canonicalize(tmp.path())
        .unwrap()
        .join(expected_root);
    assert!(
        read(&dir.join("README.md")).contains(&format!("`{}`", root.display())),
        "the root is {}",
        root.display()
    );
    assert!(!snippet.contains(".."), "`..` is resolved: {snippet}");
    let env = Env::new(tmp.path());
    validate_every_mode(&caddy, &env, &dir);
    std::fs::copy(dir.join("modes/normal.caddy"), dir.join("planb-mode.caddy")).unwrap();
    let server = Caddy::start(&caddy, &env, &dir, port, tmp.path().join("caddy.log"));
    assert_page(
        &get(port, "/status/503"),
        &manifest,
        &out.join("public"),
        "/_planb/errors/503.html",
        503,
        "upstream 503, pages from an unusual root",
    );
    // The mode files name the root too, one import deeper.
    switch(&caddy, &env, &dir, "overflow");
    assert_page(
        &get(port, "/any/path"),
        &manifest,
        &out.join("public"),
        "/_planb/overflow.html",
        503,
        "overflow mode, pages from an unusual root",
    );
    drop(server);
}

#[test]
fn a_root_with_a_space_an_accent_and_dots_is_quoted_and_served() {
    serves_from_an_unusual_root("Mon site/Été/../Été/out", "Mon site/Été/out/public");
}

#[test]
fn a_root_with_quotes_braces_and_other_syntax_is_quoted_and_served() {
    let name = "a\"b;c{d}e$f%g#h";
    serves_from_an_unusual_root(&format!("{name}/out"), &format!("{name}/out/public"));
}

#[test]
fn a_root_caddy_would_read_as_an_environment_variable_is_refused() {
    let (_tmp, _, answer) = build_into("x{$HOME}y/out", "127.0.0.1:3999", free_port());
    assert_eq!(answer.status.code(), Some(1), "{}", stderr(&answer));
    let message = stderr(&answer);
    assert!(message.contains("planb.toml"), "{message}");
    assert!(
        message.contains("`edge.root`: caddy cannot serve"),
        "{message}"
    );
    assert!(message.contains("`{$`"), "{message}");
}

/// `[[schedule]]` windows a few seconds from now: Caddy switches into each mode and back by
/// itself, within a second of each instant, with no reload; `caddy validate` passes in every mode.
#[test]
fn caddy_follows_the_schedule_by_itself() {
    let caddy = require("caddy");
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest, at) = build_scheduled_site("caddy", &upstream.addr(), port);
    let dir = site.join("output/config/caddy");
    let env = Env::new(tmp.path());
    let server = Caddy::start(&caddy, &env, &dir, port, tmp.path().join("caddy.log"));
    assert_scheduled_switches(port, &manifest, &site.join("output/public"), at);
    drop(server);
    validate_every_mode(&caddy, &env, &dir);
}

/// Every language of a bilingual site's pages, each at its own URL with its own headers, and
/// each visitor's `Accept-Language` answered with its language's page in every mode.
#[test]
fn caddy_serves_each_language_of_a_bilingual_site() {
    let caddy = require("caddy");
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) =
        build_fixture_for_edge("bilingual", &["caddy"], &upstream.addr(), port);
    let env = Env::new(tmp.path());
    let dir = site.join("output/config/caddy");
    let _server = Caddy::start(&caddy, &env, &dir, port, tmp.path().join("caddy.log"));
    assert_languages_served(&site, port, "caddy");
    let public = site.join("output/public");
    assert_first_listed(port, &manifest, &public, "caddy");
    let switch = |mode: &str| switch(&caddy, &env, &dir, mode);
    assert_formats_in_each_mode(port, &manifest, &public, switch, "caddy");
    assert_languages_negotiated(
        port,
        &site,
        &manifest,
        switch,
        upstream,
        (502, 503),
        "caddy",
    );
    // The application is down now: an app gets the 502 page's twin.
    assert_format_when_down(port, (&manifest, &public), "/", 502, "caddy");
    validate_every_mode(&caddy, &env, &dir);
}
