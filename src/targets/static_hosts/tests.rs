use super::*;
use crate::content::Kind;
use crate::targets::Mode;
use crate::targets::test_support::{self, page, retry_if_503, text, with_header};

const HEADERS_FILE: &str = "public/_headers";
const REDIRECTS_FILE: &str = "public/_redirects";

fn pages() -> Vec<EdgePage> {
    [
        ("/_planb/errors/404.html", Kind::Error, 404),
        ("/_planb/landing.html", Kind::Landing, 200),
        ("/_planb/overflow.html", Kind::Overflow, 503),
    ]
    .into_iter()
    .map(|(url, kind, status)| page(url, kind, status, retry_if_503(status)))
    .collect()
}

fn site(mode: Mode) -> EdgeSite {
    EdgeSite {
        mode,
        ..test_support::site(pages(), false)
    }
}

/// The files of `host` with the targets `names` enabled.
fn host_files(site: &EdgeSite, host: Host, names: &[&str]) -> Result<Vec<OutputFile>, Diagnostics> {
    let enabled = Targets(
        names
            .iter()
            .filter_map(|n| crate::targets::by_name(n))
            .collect(),
    );
    files(site, host, &enabled)
}

const BOTH: &[&str] = &["netlify", "cloudflare-pages"];

#[test]
fn pretty_urls() {
    assert_eq!(pretty_url("/_planb/landing.html"), "/_planb/landing");
    assert_eq!(pretty_url("/_planb/index.html"), "/_planb/");
    assert_eq!(pretty_url("/a/bindex.html"), "/a/bindex");
    assert_eq!(pretty_url("/x"), "/x");
}

#[test]
fn headers_cover_both_urls_without_content_type() {
    let files = host_files(&site(Mode::Normal), Host::Netlify, &["netlify"]).unwrap();
    let h = text(&files, HEADERS_FILE);
    // Every path first gets the 404 page's headers, so an unknown path has them too; its own
    // URLs need no rule of their own.
    assert!(
        h.contains(
            "\n/*\n  Cache-Control: public, max-age=10\n  Content-Security-Policy: default-src 'none'\n/_planb/landing.html\n"
        ),
        "{h}"
    );
    assert!(
        !h.contains("\n/404.html\n") && !h.contains("\n/_planb/errors/404"),
        "{h}"
    );
    // Each page removes what `/*` gave (Cloudflare Pages would join the values) and sets its own.
    assert!(
        h.contains(
            "\n/_planb/landing\n  ! Cache-Control\n  ! Content-Security-Policy\n  Cache-Control: public, max-age=10\n"
        ),
        "{h}"
    );
    assert!(!h.contains("Content-Type:"), "{h}");
    assert!(
        text(&files, REDIRECTS_FILE)
            .lines()
            .all(|l| l.starts_with('#'))
    );
}

#[test]
fn landing_and_overflow_per_dialect() {
    let netlify = host_files(&site(Mode::Landing), Host::Netlify, &["netlify"]).unwrap();
    assert!(text(&netlify, REDIRECTS_FILE).contains("\n/  /_planb/landing.html  302!\n"));
    let shared = site(Mode::Landing);
    let a = host_files(&shared, Host::Netlify, BOTH).unwrap();
    let b = host_files(&shared, Host::CloudflarePages, BOTH).unwrap();
    assert_eq!(text(&a, REDIRECTS_FILE), text(&b, REDIRECTS_FILE));
    assert_eq!(text(&a, HEADERS_FILE), text(&b, HEADERS_FILE));
    assert!(text(&a, REDIRECTS_FILE).contains("\n/  /_planb/landing  302\n"));

    let netlify = host_files(&site(Mode::Overflow), Host::Netlify, &["netlify"]).unwrap();
    assert!(text(&netlify, REDIRECTS_FILE).contains("\n/*  /_planb/overflow.html  503!\n"));
    let cf = host_files(
        &site(Mode::Overflow),
        Host::CloudflarePages,
        &["cloudflare-pages"],
    )
    .unwrap();
    assert!(text(&cf, REDIRECTS_FILE).contains("\n/*  /_planb/overflow  200\n"));
    let h = text(&cf, HEADERS_FILE);
    assert!(
        h.contains("\n/*\n  Cache-Control: public, max-age=10\n  Content-Security-Policy: default-src 'none'\n  Retry-After: 60\n"),
        "{h}"
    );
    assert_eq!(h.lines().filter(|l| l.starts_with('/')).count(), 1);
}

#[test]
fn missing_pages_and_limits_are_errors() {
    let mut s = site(Mode::Overflow);
    s.pages
        .retain(|p| p.kind != Kind::Overflow && p.status != 404);
    let errors = host_files(&s, Host::CloudflarePages, &["cloudflare-pages"]).unwrap_err();
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("needs an overflow page"));
    assert!(messages[1].contains("no 404 page"));

    let mut s = site(Mode::Normal);
    for i in 0..50 {
        s.pages.push(page(
            &format!("/_planb/p{i:02}.html"),
            Kind::Landing,
            200,
            &[],
        ));
    }
    // Netlify has no such limit; Cloudflare Pages has 100 rules for `/*` and 52 pages, 404 aside.
    assert!(host_files(&s, Host::Netlify, BOTH).is_ok());
    let errors = host_files(&s, Host::CloudflarePages, BOTH).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("105 header rules"),
        "{}",
        errors[0].message
    );
}

#[test]
fn cloudflare_checks_statuses_lines_and_counts() {
    let s = site(Mode::Normal);
    let headers = headers::text(&s, super::Dialect::Shared);
    assert!(
        cloudflare::problems(&s, &headers, "/a /b 503\n/c /d 200!\n")
            .iter()
            .any(|d| d.message.contains("status 200!"))
    );
    let long = format!("/x\n  Content-Security-Policy: {}\n", "a".repeat(2_000));
    let p = cloudflare::problems(&s, &long, "");
    assert!(
        p[0].message
            .contains("Content-Security-Policy header of 2025 characters"),
        "{}",
        p[0].message
    );
    let many: String = (0..101).map(|i| format!("/p/* /q{i} 302\n")).collect();
    assert!(
        cloudflare::problems(&s, &headers, &many)
            .iter()
            .any(|d| d.message.contains("0 static and 101 dynamic"))
    );
    // A static rule after a dynamic one counts as dynamic.
    let mixed: String = std::iter::once("/* /x 200\n".to_owned())
        .chain((0..100).map(|i| format!("/s{i} /q 302\n")))
        .collect();
    assert!(
        cloudflare::problems(&s, &headers, &mixed)
            .iter()
            .any(|d| d.message.contains("0 static and 101 dynamic"))
    );
}

/// `_headers` has no quoting: a line break in a value would start a rule of the visitor's
/// choosing. The build refuses it, once for the shared file.
#[test]
fn a_header_the_file_cannot_carry_is_refused_once() {
    let mut s = site(Mode::Normal);
    s.pages[1] = with_header(
        s.pages[1].clone(),
        "Cache-Control",
        "max-age=10\n/*\n  X: y",
    );
    let errors = host_files(&s, Host::Netlify, BOTH).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, std::path::Path::new("public/_headers"));
    assert_eq!(
        errors[0].message,
        "Netlify cannot send the header `Cache-Control` of /_planb/landing.html: its name or value \
         has a character Netlify would interpret (a control character ends the rule; a name is \
         letters, digits and `-`)"
    );
    // Cloudflare Pages, the second host, does not repeat it.
    assert!(host_files(&s, Host::CloudflarePages, BOTH).is_ok());
    let errors = host_files(&s, Host::CloudflarePages, &["cloudflare-pages"]).unwrap_err();
    assert!(
        errors[0]
            .message
            .starts_with("Cloudflare Pages cannot send the header `Cache-Control`")
    );
}

/// A static host names no path on a disk: whatever the root, no file of theirs holds it.
#[test]
fn no_file_names_the_root() {
    let root = "/srv/Été/Mon site/a\"b;{c}$d%e#f";
    for mode in Mode::ALL {
        let mut s = site(mode);
        s.root = root.to_owned();
        for (host, names) in [
            (Host::Netlify, &["netlify"][..]),
            (Host::Netlify, BOTH),
            (Host::CloudflarePages, BOTH),
        ] {
            for f in host_files(&s, host, names).unwrap() {
                let text = String::from_utf8(f.bytes).unwrap();
                assert!(!text.contains("/srv/"), "{}: {text}", f.path);
            }
        }
    }
}

/// The README says what the build's mode does, on either host, and renders each branch.
#[test]
fn readme_follows_the_mode_and_the_host() {
    let files = host_files(&site(Mode::Overflow), Host::Netlify, &["netlify"]).unwrap();
    let readme = text(&files, "config/netlify/README.md");
    assert!(readme.starts_with("# planb on Netlify\n\n"), "{readme}");
    assert!(readme.contains("**overflow** (this build):\n\n- every path, files included"));
    assert!(readme.contains("`/*  /_planb/overflow.html  503!`"));
    assert!(!readme.contains("Cloudflare Pages is enabled too"));
    let files = host_files(&site(Mode::Landing), Host::CloudflarePages, BOTH).unwrap();
    let readme = text(&files, "config/cloudflare-pages/README.md");
    assert!(readme.contains(
        "**landing** (this build):\n\n- `/` answers **302** with `Location: /_planb/landing`"
    ));
    assert!(readme.contains("- 100 header rules (this site: 5 in normal mode: `/*`, then two per page but the 404 page);"), "{readme}");
    assert!(!readme.contains("{{") && !readme.contains("{%"), "{readme}");
}

#[test]
fn every_path_inherits_only_what_every_page_sets() {
    let mut s = site(Mode::Normal);
    for p in &mut s.pages {
        if p.status == 404 {
            p.variants[0]
                .headers
                .push(("X-Only-404".into(), "yes".into()));
        }
    }
    let files = host_files(&s, Host::Netlify, BOTH).unwrap();
    let h = text(&files, HEADERS_FILE);
    // Netlify cannot remove a header a page does not set: it stays off `/*`.
    let every_path = h
        .split("\n/*\n")
        .nth(1)
        .unwrap()
        .split("\n/")
        .next()
        .unwrap();
    assert!(every_path.contains("Cache-Control"), "{h}");
    assert!(!every_path.contains("X-Only-404"), "{h}");
    // The 404 page then has rules of its own, with it.
    assert!(
        h.contains("\n/404\n  ! Cache-Control\n  ! Content-Security-Policy\n  Cache-Control: public, max-age=10\n  Content-Security-Policy: default-src 'none'\n  X-Only-404: yes\n"),
        "{h}"
    );
}
