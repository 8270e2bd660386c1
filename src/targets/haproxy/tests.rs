//! The files HAProxy gets for a small site: names, rules, sizes, and what is refused.

use super::errorfile::size_problem;
use super::*;
use crate::content::Kind;
use crate::targets::haproxy::test_files;
use crate::targets::{Mode, test_support};

fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    Haproxy.files(site, &Targets::default())
}

fn page(url: &str, kind: Kind, status: u16, body: &str) -> EdgePage {
    let mut page = test_support::page(url, kind, status, test_support::retry_if_503(status));
    page.variants[0].body = body.as_bytes().to_vec();
    page
}

fn site() -> EdgeSite {
    test_files::site(
        "127.0.0.1:3000",
        vec![
            page("/_planb/errors/404.html", Kind::Error, 404, "<p>404"),
            page("/_planb/errors/451.html", Kind::Error, 451, "<p>451"),
            page("/_planb/errors/503.html", Kind::Error, 503, "<p>503"),
            page("/_planb/landing.html", Kind::Landing, 200, "<p>landing"),
            page("/_planb/overflow.html", Kind::Overflow, 503, "<p>full"),
        ],
    )
}

fn text(files: &[OutputFile], name: &str) -> String {
    test_files::text(files, FOLDER, name)
}

#[test]
fn raw_response_is_exact() {
    let p = page("/_planb/errors/503.html", Kind::Error, 503, "<p>503");
    let raw = String::from_utf8(raw_response(&p)).unwrap();
    assert_eq!(
        raw,
        "HTTP/1.1 503 Service Unavailable\r\n\
         Content-Type: text/html; charset=utf-8\r\n\
         Cache-Control: public, max-age=10\r\n\
         Content-Security-Policy: default-src 'none'\r\n\
         Retry-After: 60\r\n\
         Content-Length: 6\r\n\r\n<p>503"
    );
    let landing = page("/_planb/landing.html", Kind::Landing, 200, "x");
    assert!(raw_response(&landing).starts_with(b"HTTP/1.1 200 OK\r\n"));
}

#[test]
fn files_and_names() {
    let files = files(&site()).unwrap();
    assert_eq!(
        test_files::names(&files, FOLDER),
        "README.md errors/404.http errors/451.http errors/503.http errors/landing.http \
         errors/overflow.gz.http errors/overflow.http haproxy.cfg mode-landing.map \
         mode-normal.map mode-overflow.map planb-backend.snippet planb-frontend.snippet \
         planb-mode.map"
    );
    assert!(text(&files, "planb-mode.map").ends_with("\nmode normal\n"));
    assert!(text(&files, "mode-overflow.map").ends_with("\nmode overflow\n"));
    let again = self::files(&site()).unwrap();
    assert!(files.iter().zip(&again).all(|(a, b)| a.bytes == b.bytes));
}

#[test]
fn mode_map_follows_the_build_mode() {
    let mut s = site();
    s.mode = Mode::Overflow;
    assert!(text(&files(&s).unwrap(), "planb-mode.map").ends_with("\nmode overflow\n"));
}

#[test]
fn snippet_rules() {
    let files = files(&site()).unwrap();
    let s = text(&files, "planb-frontend.snippet");
    let lines: Vec<&str> = s
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(
        lines,
        [
            "http-request set-var(txn.planb_mode) str(mode),map(planb-mode.map,normal)",
            "http-request set-log-level silent if { rand(100) ge 1 }",
            "http-request set-var(txn.planb_gzip) bool(true) if { req.hdr(accept-encoding) -i -m sub gzip }",
            "http-request return errorfile errors/overflow.gz.http if { var(txn.planb_mode) -m str overflow } { var(txn.planb_gzip) -m bool }",
            "http-request return errorfile errors/overflow.http if { var(txn.planb_mode) -m str overflow }",
            "http-request redirect location /_planb/landing.html code 302 if { var(txn.planb_mode) -m str landing } { path / }",
            "http-request return errorfile errors/404.http if { path /_planb/errors/404.html }",
            "http-request return errorfile errors/451.http if { path /_planb/errors/451.html }",
            "http-request return errorfile errors/503.http if { path /_planb/errors/503.html }",
            "http-request return errorfile errors/landing.http if { path /_planb/landing.html }",
            "http-request return errorfile errors/overflow.gz.http if { path /_planb/overflow.html } { var(txn.planb_gzip) -m bool }",
            "http-request return errorfile errors/overflow.http if { path /_planb/overflow.html }",
            "http-response set-log-level info if { status ge 500 }",
            "http-response return errorfile errors/404.http if { status 404 }",
            "http-response return errorfile errors/451.http if { status 451 }",
            "http-response return errorfile errors/503.http if { status 503 }",
            // 451 is no status HAProxy produces: `errorfile 451` would be refused.
            "errorfile 404 errors/404.http",
            "errorfile 503 errors/503.http",
        ]
    );
    let cfg = text(&files, "haproxy.cfg");
    for line in s.lines().filter(|l| !l.is_empty()) {
        assert!(cfg.contains(&format!("    {line}\n")), "{line}");
    }
    assert!(cfg.contains("bind 127.0.0.1:8080\n"));
    assert!(cfg.contains("server app 127.0.0.1:3000 "));
    assert!(cfg.contains("timeout server 7s\n") && cfg.contains("timeout connect 7s\n"));
    assert!(cfg.contains("default-path config\n"));
}

#[test]
fn without_overflow_or_landing_pages() {
    let s = test_files::errors_only(site());
    let files = files(&s).unwrap();
    let snippet = text(&files, "planb-frontend.snippet");
    assert!(snippet.contains(
        "http-request return status 503 default-errorfiles if { var(txn.planb_mode) -m str overflow }"
    ));
    assert!(!snippet.contains("redirect"));
}

#[test]
fn htx_size_matches_haproxy() {
    // Measured with HAProxy 2.6: this 6-header response warns at start from 15,242 raw
    // bytes on, not at 15,241 (tests/edge_haproxy.rs checks the limit against the program).
    let mut p = page("/_planb/errors/503.html", Kind::Error, 503, "");
    p.variants[0].headers = vec![
        ("Cache-Control".into(), "public, max-age=10".into()),
        (
            "Content-Security-Policy".into(),
            "default-src 'none'".into(),
        ),
        ("Content-Type".into(), "text/html; charset=utf-8".into()),
        (
            "Referrer-Policy".into(),
            "strict-origin-when-cross-origin".into(),
        ),
        ("X-Content-Type-Options".into(), "nosniff".into()),
    ];
    p.variants[0].body = vec![b'x'; 14_000];
    let fill = raw_limit(&p) - raw_response(&p).len();
    p.variants[0].body = vec![b'x'; 14_000 + fill];
    assert_eq!(raw_response(&p).len(), 15_241);
    assert_eq!(htx_size(&p), ERRORFILE_ROOM);
    assert!(size_problem(&p, "errors/503.http").is_none());
    p.variants[0].body.push(b'x');
    assert!(size_problem(&p, "errors/503.http").is_some());
}

#[test]
fn a_page_too_big_fails_the_build_with_the_sizes() {
    let mut s = site();
    s.pages[4].variants[0].body = vec![b'x'; 20_000];
    let problems = files(&s).unwrap_err();
    assert_eq!(problems.len(), 1);
    let d = &problems[0];
    assert_eq!(d.file.display().to_string(), "content/test.md");
    assert!(
        d.message.starts_with(
            "the page /_planb/overflow.html is too big for HAProxy: its response (errors/overflow.http) is 20"
        ),
        "{}",
        d.message
    );
    assert!(
        d.message
            .contains("tune.bufsize 16384 less tune.maxrewrite 1024")
    );
    let raw = raw_response(&s.pages[4]).len();
    let over = raw - raw_limit(&s.pages[4]);
    assert!(d.message.contains(&format!("is {raw} bytes")));
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains(&format!("at least {over} bytes lighter"))
    );
}

#[test]
fn refuses_what_would_break_the_files() {
    let mut s = site();
    s.pages[0].variants[0]
        .headers
        .push(("X-Bad".into(), "a\r\nSet-Cookie: x".into()));
    let (file, d) = test_files::one_problem(files(&s));
    assert_eq!(file, "config/haproxy/errors/*.http");
    assert_eq!(
        d.message,
        "HAProxy cannot send the header `X-Bad` of /_planb/errors/404.html: its name or value has a character HAProxy would interpret (a control character)"
    );
}

#[test]
fn admission_is_written_only_when_asked() {
    let plain = files(&site()).unwrap();
    assert!(!text(&plain, "planb-backend.snippet").contains("be_conn"));
    assert!(!text(&plain, "haproxy.cfg").contains("PLANB_ADMISSION_SECRET"));
    let mut s = site();
    s.shield.admission = Some(crate::targets::shield::Admission {
        capacity: 9,
        strangers: 7,
        admitted_for: 60,
    });
    let files = files(&s).unwrap();
    let backend = text(&files, "planb-backend.snippet");
    assert!(backend.contains("if { be_conn gt 9 }\n"), "{backend}");
    assert!(backend.contains("if { be_conn gt 7 } !{ var(txn.planb_admitted) -m bool }\n"));
    assert!(backend.contains("\"%[date(60)]\"") && backend.contains("Max-Age=60;"));
    let cfg = text(&files, "haproxy.cfg");
    assert!(
        cfg.contains("check inter 1s fall 2 rise 1 maxconn 9 init-addr"),
        "{cfg}"
    );
    assert!(cfg.contains("set-var proc.planb_key str(\"${PLANB_ADMISSION_SECRET}\"),base64\n"));
}
