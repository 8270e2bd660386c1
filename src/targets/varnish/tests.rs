//! The VCL Varnish gets for a small site: files, rules, cache policy, quoting, what is refused.

use super::*;
use crate::cache::Policy;
use crate::content::Kind;
use crate::targets::haproxy::test_files;
use crate::targets::{Mode, test_support};

fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    Varnish.files(site, &Targets::default())
}

fn page(url: &str, kind: Kind, status: u16, policy: Policy) -> EdgePage {
    let page = test_support::page(url, kind, status, test_support::retry_if_503(status));
    let mut page = test_support::with_header(page, "Cache-Control", &policy.header());
    page.variants[0].body = b"<p>page".to_vec();
    EdgePage { policy, ..page }
}

fn site() -> EdgeSite {
    let short = Policy {
        max_age: Some(10),
        ..Policy::default()
    };
    let no_store = Policy {
        no_store: true,
        ..Policy::default()
    };
    let stale = Policy {
        max_age: Some(30),
        stale_while_revalidate: Some(60),
        stale_if_error: Some(600),
        ..Policy::default()
    };
    test_files::site(
        "[::1]:3000",
        vec![
            page("/_planb/errors/429.html", Kind::Error, 429, no_store),
            page("/_planb/errors/500.html", Kind::Error, 500, stale),
            page("/_planb/errors/503.html", Kind::Error, 503, short),
            page("/_planb/landing.html", Kind::Landing, 200, short),
            page("/_planb/overflow.html", Kind::Overflow, 503, short),
        ],
    )
}

fn text(files: &[OutputFile], name: &str) -> String {
    test_files::text(files, FOLDER, name)
}

/// The block of `vcl` that starts at the line `start` and ends at the first line `end`.
fn block<'a>(vcl: &'a str, start: &str, end: &str) -> &'a str {
    let from = vcl
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in\n{vcl}"));
    let len = vcl[from..].find(end).unwrap() + end.len();
    &vcl[from..from + len]
}

#[test]
fn files_are_written_for_every_mode() {
    let files = files(&site()).unwrap();
    assert_eq!(
        test_files::names(&files, FOLDER),
        "README.md default.vcl mode-landing.vcl mode-normal.vcl mode-overflow.vcl \
         planb-mode.vcl planb.vcl"
    );
    assert!(
        text(&files, "mode-overflow.vcl")
            .ends_with("sub planb_mode {\n    set req.http.X-Planb-Mode = \"overflow\";\n}\n")
    );
    assert_eq!(
        text(&files, "planb-mode.vcl"),
        text(&files, "mode-normal.vcl")
    );
    let again = self::files(&site()).unwrap();
    assert!(files.iter().zip(&again).all(|(a, b)| a.bytes == b.bytes));
    let mut s = site();
    s.mode = Mode::Landing;
    assert_eq!(
        text(&self::files(&s).unwrap(), "planb-mode.vcl"),
        text(&files, "mode-landing.vcl")
    );
}

#[test]
fn example_backend_and_timeouts() {
    let vcl = text(&files(&site()).unwrap(), "default.vcl");
    assert!(
        vcl.contains(".host = \"::1\";\n    .port = \"3000\";\n"),
        "{vcl}"
    );
    for t in [
        ".connect_timeout = 7s;",
        ".first_byte_timeout = 7s;",
        ".between_bytes_timeout = 7s;",
    ] {
        assert!(vcl.contains(t), "{t}");
    }
    assert!(vcl.contains("-a 127.0.0.1:8080 "));
    assert!(vcl.ends_with("include \"./planb.vcl\";\n"));
}

#[test]
fn synth_pages_have_exactly_their_headers_and_file() {
    let vcl = text(&files(&site()).unwrap(), "planb.vcl");
    assert_eq!(
        block(
            &vcl,
            "    if (req.http.X-Planb-Page == \"/_planb/overflow.html\") {",
            "}\n"
        ),
        "    if (req.http.X-Planb-Page == \"/_planb/overflow.html\") {\n        \
             set resp.http.Content-Type = \"text/html; charset=utf-8\";\n        \
             set resp.http.Cache-Control = \"public, max-age=10\";\n        \
             set resp.http.Content-Security-Policy = \"default-src 'none'\";\n        \
             set resp.http.Retry-After = \"60\";\n        \
             set resp.body = std.fileread(\"/srv/site/public/_planb/overflow.html\");\n        \
             return (deliver);\n    \
         }\n"
    );
    assert!(vcl.contains(
        "    if (req.url ~ \"^/_planb/landing\\.html(\\?.*)?$\") {\n        \
             set req.http.X-Planb-Page = \"/_planb/landing.html\";\n        \
             return (synth(200, \"OK\"));\n"
    ));
    assert!(vcl.contains(
        "    if (req.http.X-Planb-Mode == \"overflow\") {\n        \
             set req.http.X-Planb-Page = \"/_planb/overflow.html\";\n        \
             return (synth(503, \"Service Unavailable\"));\n"
    ));
    assert!(vcl.contains(
        "if (!std.fileread(\"/srv/site/public/_planb/errors/429.html\") || std.fileread(\"/srv/site/public/_planb/errors/429.html\") == \"\") {\n        \
         return (fail(\"planb: cannot read /srv/site/public/_planb/errors/429.html"
    ));
}

#[test]
fn backend_errors_follow_the_cache_policy() {
    let vcl = text(&files(&site()).unwrap(), "planb.vcl");
    assert!(vcl.contains(
        "    if (beresp.status == 429\n        || beresp.status == 500\n        || beresp.status == 503) {\n        \
             return (error(beresp.status));\n"
    ));
    let e500 = block(&vcl, "    if (beresp.status == 500) {", "    }\n");
    assert!(e500.contains("set beresp.reason = \"Internal Server Error\";"));
    assert!(e500.contains(
        "set beresp.http.Cache-Control = \"public, max-age=30, stale-while-revalidate=60, stale-if-error=600\";"
    ));
    assert!(e500.contains(
        "set beresp.ttl = 30s;\n        set beresp.grace = 600s;\n        set beresp.keep = 0s;\n"
    ));
    assert!(!e500.contains("uncacheable"));
    let e429 = block(&vcl, "    if (beresp.status == 429) {", "    }\n");
    assert!(e429.contains("set beresp.ttl = 0s;\n        set beresp.grace = 0s;"));
    assert!(e429.contains("set beresp.uncacheable = true;"));
    let e503 = block(&vcl, "    if (beresp.status == 503) {", "    }\n");
    assert!(e503.contains("set beresp.http.Retry-After = \"60\";"));
    assert!(e503.contains("std.fileread(\"/srv/site/public/_planb/errors/503.html\")"));
}

#[test]
fn without_overflow_or_landing_pages() {
    let s = test_files::errors_only(site());
    let vcl = text(&files(&s).unwrap(), "planb.vcl");
    assert!(
        vcl.contains(
            "if (req.http.X-Planb-Mode == \"overflow\") {\n        return (synth(503));\n"
        )
    );
    assert!(!vcl.contains("\"redirect\""));
}

/// The site with one more header on its first page (429).
fn with_header(name: &str, value: &str) -> EdgeSite {
    let mut s = site();
    let headers = &mut s.pages[0].variants[0].headers;
    headers.push((name.into(), value.into()));
    s
}

#[test]
fn refuses_what_would_break_a_vcl_string() {
    let s = with_header("X-Bad", "a\"}; return (pass); {\"");
    let (file, d) = test_files::one_problem(files(&s));
    assert_eq!(file, "config/varnish/planb.vcl");
    let why = "`\"}`, which ends a VCL long string, or a control character";
    assert_eq!(
        d.message,
        format!(
            "Varnish cannot send the header `X-Bad` of /_planb/errors/429.html: its name or value has a character Varnish would interpret ({why})"
        )
    );
}

#[test]
fn a_quote_in_a_header_value_is_written_as_a_long_string() {
    let s = with_header("X-Quoted", "a\"; return (pass); \"");
    let vcl = text(&files(&s).unwrap(), "planb.vcl");
    let line = "set resp.http.X-Quoted = {\"a\"; return (pass); \"\"};\n";
    assert!(vcl.contains(line), "{vcl}");
}

#[test]
fn vcl_strings() {
    assert_eq!(vcl::string("/srv/Été/Mon site"), "\"/srv/Été/Mon site\"");
    assert_eq!(
        vcl::string("/srv/a\"b;c{d}e$f%g#h"),
        "{\"/srv/a\"b;c{d}e$f%g#h\"}"
    );
    // A value ending in a quote: the long string still ends at its own `"}`.
    assert_eq!(vcl::string("x\""), "{\"x\"\"}");
    assert!(vcl::quotable("/srv/a\"b;c{d}e$f%g#h"));
    assert!(!vcl::quotable("/srv/a\"}b"));
    assert!(!vcl::quotable("a\nb"));
    // A fail reason is a printf format in the C Varnish generates.
    assert_eq!(vcl::fail_reason("/srv/50%fr"), "\"/srv/50%%fr\"");
}

#[test]
fn a_root_with_spaces_accents_and_quotes_is_quoted() {
    let mut s = site();
    s.root = "/srv/Été/Mon \"site\" {x}; $y %z #w".into();
    let vcl = text(&files(&s).unwrap(), "planb.vcl");
    let path = "/srv/Été/Mon \"site\" {x}; $y %z #w/_planb/errors/503.html";
    let reason_path = path.replace('%', "%%");
    assert!(
        vcl.contains(&format!("set beresp.body = std.fileread({{\"{path}\"}});")),
        "{vcl}"
    );
    assert!(vcl.contains(&format!(
        "return (fail({{\"planb: cannot read {reason_path} (missing, empty or unreadable"
    )));
}

#[test]
fn a_root_holding_the_end_of_a_long_string_is_refused() {
    let mut s = site();
    s.root = "/srv/a\"}b/public".into();
    let (file, d) = test_files::one_problem(files(&s));
    assert_eq!(file, "planb.toml");
    assert_eq!(
        d.message,
        "`edge.root`: `/srv/a\\\"}b/public` contains `\"}`, which Varnish cannot read in a VCL string: the varnish target cannot name the pages' files"
    );
    assert!(d.help.as_deref().unwrap().contains("set `edge.root`"));
}
