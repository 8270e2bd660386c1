//! The lighttpd configuration against the real lighttpd (with mod_magnet, Debian's
//! `lighttpd-modules-lua`): it validates in every mode, and a server started with the generated
//! example answers every failure of the upstream with planb's page, its status and exactly its
//! headers, in each mode, switched exactly as the generated README says. Also proven here: why
//! lighttpd's own error directives are not enough, the include trap, a root with spaces and
//! accents, and that lighttpd serves a page for every status planb does not refuse.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::edge::*;
use common::formats::{
    assert_format_is_planbs, assert_format_ranked_by_q_value, assert_format_when_down,
    assert_formats_in_each_mode, assert_formats_negotiated,
};
use common::languages::{assert_languages_negotiated, assert_ranked_by_q_value};
use common::lighttpd::{Server, lighttpd};

fn tt(dir: &Path) -> Output {
    lighttpd(dir, &["-tt", "-f", "example.conf"])
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn generated_configuration_passes_lighttpd_tt_in_every_mode() {
    let (_tmp, site, _) = build_edge_site(&["lighttpd"], "127.0.0.1:3999", free_port());
    let dir = site.join("output/config/lighttpd");
    for mode in ["normal", "landing", "overflow"] {
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        let out = tt(&dir);
        assert!(out.status.success(), "{mode}: {}", said(&out));
    }
    // planb check runs the same validator.
    let out = common::planb(&site, &["check"]);
    let text = common::stdout(&out) + &common::stderr(&out);
    assert!(
        text.contains("lighttpd: `lighttpd -tt` accepts the configuration in every mode"),
        "{text}"
    );
    // The validator does catch a broken file: the test above could fail.
    std::fs::write(dir.join("planb-mode.conf"), "var.planb_mode = \n").unwrap();
    assert!(!tt(&dir).status.success());
}

/// lighttpd skips silently an include with glob characters that matches nothing; planb's mode
/// file defines the variable the snippet uses next, so a skipped mode fails loudly instead.
#[test]
fn a_skipped_mode_file_fails_instead_of_running_without_planb() {
    let (tmp, site, _) = build_edge_site(&["lighttpd"], "127.0.0.1:3999", free_port());
    let trap = tmp.path().join("trap.conf");
    std::fs::write(
        &trap,
        "server.document-root = \"/tmp\"\ninclude \"/nowhere[1]/a.conf\"\n",
    )
    .unwrap();
    let out = lighttpd(tmp.path(), &["-tt", "-f", "trap.conf"]);
    assert!(out.status.success(), "the trap is real: {}", said(&out));
    let globbed = tmp.path().join("conf[1]");
    common::copy_dir(&site.join("output/config/lighttpd"), &globbed);
    let out = tt(&globbed);
    assert!(!out.status.success());
    assert!(said(&out).contains("var.planb_read"), "{}", said(&out));
}

#[test]
fn lighttpd_serves_planb_pages_for_upstream_errors_in_every_mode() {
    let upstream = Upstream::start();
    let port = free_port();
    let (_tmp, site, manifest) = build_edge_site(&["lighttpd"], &upstream.addr(), port);
    let public = site.join("output/public");
    let dir = site.join("output/config/lighttpd");
    let readme = common::read(&dir.join("README.md"));
    for m in ["landing", "overflow", "normal"] {
        let documented = format!("cp modes/{m}.conf planb-mode.conf && systemctl reload lighttpd");
        assert!(
            readme.contains(&documented),
            "README documents {documented}"
        );
    }
    let server = Server::start(&dir.join("example.conf"), port);

    // Normal mode: every upstream error gets its page with its status; too slow: lighttpd's 504.
    assert_upstream_errors_mapped(port, &manifest, &public, 504);
    assert_verified(&site, port, "lighttpd", "normal");
    for url in ["/_planb/landing.html", "/_planb/errors/503.html"] {
        assert_page(&get(port, url), &manifest, &public, url, 200, url);
    }
    let not_found = "/_planb/errors/404.html";
    for path in ["/_planb/nothing.html", "/_planb/errors/502.html.gz"] {
        assert_page(&get(port, path), &manifest, &public, not_found, 404, path);
    }
    // No precompressed sibling: a client that accepts gzip gets the page itself.
    let r = get_with(port, "/status/502", "Accept-Encoding: gzip\r\n");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/502.html",
        502,
        "gzip asked",
    );
    assert!(r.header("Content-Encoding").is_empty());

    // Landing mode: the home redirects (302) to the landing page; the rest still proxies.
    server.switch("landing");
    let r = poll(port, "/", |r| r.status == 302);
    assert_eq!(r.status, 302, "landing mode: /; log: {}", server.log());
    assert_eq!(r.header("Location"), vec!["/_planb/landing.html"]);
    assert_eq!(r.header("Cache-Control"), vec!["no-store"]);
    assert_verified(&site, port, "lighttpd", "landing");
    let r = get(port, "/other");
    assert_eq!((r.status, r.text().as_str()), (200, "upstream ok"));
    let url = "/_planb/errors/502.html";
    assert_page(
        &get(port, "/status/502"),
        &manifest,
        &public,
        url,
        502,
        "landing 502",
    );
    assert_page(
        &get(port, "/_planb/x"),
        &manifest,
        &public,
        not_found,
        404,
        "landing prefix",
    );

    // Overflow mode: every path gets the overflow page with 503, without the upstream.
    server.switch("overflow");
    let overflow = "/_planb/overflow.html";
    let r = poll(port, "/", |r| r.status == 503);
    assert_page(&r, &manifest, &public, overflow, 503, "overflow /");
    assert_verified(&site, port, "lighttpd", "overflow");
    for path in ["/any/path", "/status/500", "/_planb/landing.html"] {
        assert_page(&get(port, path), &manifest, &public, overflow, 503, path);
    }
    assert_eq!(get(port, "/").header("Retry-After"), vec!["60"]);
    let r = post(port, "/checkout");
    assert_page(&r, &manifest, &public, overflow, 503, "overflow, a POST");
    drop(upstream);
    let r = get(port, "/any/path");
    assert_page(
        &r,
        &manifest,
        &public,
        overflow,
        503,
        "overflow, upstream down",
    );

    // Back to normal, upstream down (connection refused): lighttpd answers 503, with the 503 page.
    server.switch("normal");
    let r = poll(port, "/", |r| {
        r.status == 503 && r.header("Retry-After") == ["60"]
    });
    let url = "/_planb/errors/503.html";
    assert_page(&r, &manifest, &public, url, 503, "down");
    drop(server);
}

/// Why planb does not use lighttpd's own error pages. With `server.error-intercept`,
/// `server.errorfile-prefix` keeps the status but replaces every error of the application (418
/// has no page and loses its body and headers); `server.error-handler` keeps the status too, but
/// it is one URL for every status, and lighttpd 1.4.69 sends a static handler's answer as an empty
/// chunked body that never ends.
#[test]
fn lighttpd_error_directives_keep_the_status_but_replace_every_error() {
    let upstream = Upstream::start();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("errors");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("502.html"), "page 502").unwrap();
    let conf = |name: &str, port: u16, directive: String| {
        let conf = dir.path().join(format!("{name}.conf"));
        let text = format!(
            "server.document-root = \"{}\"\nserver.bind = \"127.0.0.1\"\nserver.port = {port}\n\
             server.modules += ( \"mod_proxy\" )\nserver.error-intercept = \"enable\"\n{directive}\n\
             $HTTP[\"url\"] !~ \"^/errors/\" {{ proxy.server = ( \"\" => ( ( \"host\" => \"127.0.0.1\", \"port\" => {} ) ) ) }}\n",
            dir.path().display(),
            upstream.port
        );
        std::fs::write(&conf, text).unwrap();
        conf
    };
    let port = free_port();
    let prefix = format!("server.errorfile-prefix = \"{}/\"", root.display());
    let server = Server::start(&conf("prefix", port, prefix), port);
    let r = get(port, "/status/502");
    assert_eq!((r.status, r.text().as_str()), (502, "page 502"));
    let r = get(port, "/status/418");
    assert_eq!(r.status, 418);
    assert_ne!(
        r.text(),
        "upstream 418",
        "the application's body is replaced"
    );
    assert!(r.header("X-Upstream").is_empty(), "and its headers");
    drop(server);

    let port = free_port();
    let handler = "server.error-handler = \"/errors/502.html\"".to_owned();
    let _server = Server::start(&conf("handler", port, handler), port);
    for status in [502, 503, 418] {
        let head = first_bytes(port, &format!("/status/{status}"));
        assert!(head.starts_with(&format!("HTTP/1.1 {status} ")), "{head}");
        assert!(head.contains("Transfer-Encoding: chunked"), "{head}");
        assert!(
            !head.contains("page 502") && !head.contains("upstream"),
            "{head}"
        );
    }
}

/// What arrives within 2 s of `GET path`, for an answer that never ends.
fn first_bytes(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut got = Vec::new();
    let mut buf = [0; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// A build into a folder with a space, accents and `..`: the root is made canonical and quoted,
/// lighttpd validates the configuration and serves a page from there with its status.
#[test]
fn an_output_folder_with_spaces_and_accents_validates_and_serves() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, _site, _, built) = build_edge_site_into(
        "lighttpd",
        &upstream.addr(),
        port,
        "Mon site/Été/../Été/out",
    );
    assert!(built.status.success(), "build: {}", common::stderr(&built));
    let out = tmp.path().join("Mon site/Été/out");
    let dir = out.join("config/lighttpd");
    let example = common::read(&dir.join("example.conf"));
    let root = format!(
        "{}/Mon site/Été/out/public",
        tmp.path().canonicalize().unwrap().display()
    );
    assert!(
        example.contains(&format!("server.document-root = \"{root}\"")),
        "{example}"
    );
    let check = tt(&dir);
    assert!(check.status.success(), "{}", said(&check));
    let manifest = serde_json::from_str(&common::read(&out.join("manifest.json"))).unwrap();
    let _server = Server::start(&dir.join("example.conf"), port);
    let url = "/_planb/errors/502.html";
    let r = get(port, "/status/502");
    assert_page(
        &r,
        &manifest,
        &out.join("public"),
        url,
        502,
        "accented root",
    );
}

/// planb refuses an error page exactly for the statuses lighttpd cannot serve one for: the
/// generated scripts, run by the real lighttpd, answer the application's N with page N and
/// status N for every N from 400 to 599 that planb does not refuse.
#[test]
fn planb_refuses_exactly_the_statuses_lighttpd_cannot_serve() {
    use planb::targets::{EdgePage, EdgeSite, Mode, Targets, Variant};
    let upstream = Upstream::start();
    let port = free_port();
    let tmp = tempfile::tempdir().unwrap();
    open_to_workers(tmp.path());
    let public = tmp.path().join("public");
    std::fs::create_dir_all(public.join("_planb/errors")).unwrap();
    let mut pages = Vec::new();
    for status in 400..=599u16 {
        let file = format!("_planb/errors/{status}.html");
        std::fs::write(public.join(&file), format!("page {status}")).unwrap();
        pages.push(EdgePage {
            url: format!("/{file}"),
            kind: planb::content::Kind::Error,
            status,
            policy: Default::default(),
            retry_after: None,
            source: "content/errors.md".into(),
            json: Vec::new(),
            variants: vec![Variant {
                lang: "en".into(),
                file,
                headers: vec![
                    ("Content-Type".into(), "text/html; charset=utf-8".into()),
                    ("X-Planb".into(), status.to_string()),
                ],
                body: Vec::new(),
            }],
        });
    }
    let edge = planb::config::edge::Edge {
        upstream: upstream.addr(),
        listen: format!("127.0.0.1:{port}"),
        ..Default::default()
    };
    let site = EdgeSite {
        edge,
        url: "https://www.example.com/".into(),
        root: public.display().to_string(),
        mode: Mode::Normal,
        pages,
        precompressed: false,
        shield: Default::default(),
        schedule: Vec::new(),
        variant_pages: Vec::new(),
        languages: vec!["en".to_owned()],
    };
    let target = planb::targets::by_name("lighttpd").unwrap();
    for f in target.files(&site, &Targets::default()).unwrap() {
        let path = tmp.path().join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.bytes).unwrap();
    }
    let _server = Server::start(&tmp.path().join("config/lighttpd/example.conf"), port);
    let mut disagree = Vec::new();
    for status in 400..=599u16 {
        let r = get(port, &format!("/status/{status}"));
        let served = r.status == status
            && r.text() == format!("page {status}")
            && r.header("X-Planb") == [status.to_string().as_str()]
            && r.header("X-Upstream").is_empty();
        if served == target.refuses_status(status).is_some() {
            disagree.push((status, r.status));
        }
    }
    assert!(
        disagree.is_empty(),
        "lighttpd and planb disagree on {disagree:?}"
    );
}

/// `[[schedule]]` windows a few seconds from now: lighttpd switches into each mode and back by
/// itself, within a second of each instant, with no reload.
#[test]
fn lighttpd_follows_the_schedule_by_itself() {
    let upstream = Upstream::start();
    let port = free_port();
    let (_tmp, site, manifest, at) = build_scheduled_site("lighttpd", &upstream.addr(), port);
    let dir = site.join("output/config/lighttpd");
    let _server = Server::start(&dir.join("example.conf"), port);
    assert_scheduled_switches(port, &manifest, &site.join("output/public"), at);
}

/// Every language of a bilingual site's pages, each at its own URL with its own headers, and
/// each visitor's `Accept-Language` answered with its language's page in every mode, ranked by
/// q-value.
#[test]
fn lighttpd_serves_each_language_of_a_bilingual_site() {
    let upstream = Upstream::start();
    let port = free_port();
    let (_tmp, site, manifest) =
        build_fixture_for_edge("bilingual", &["lighttpd"], &upstream.addr(), port);
    let server = Server::start(&site.join("output/config/lighttpd/example.conf"), port);
    assert_languages_served(&site, port, "lighttpd");
    let public = site.join("output/public");
    assert_ranked_by_q_value(port, &manifest, &public, "lighttpd");
    // `Accept` ranked exactly as planb's rule: on a tie, HTML.
    let tie = "/_planb/errors/503.html";
    assert_format_ranked_by_q_value(port, &manifest, &public, tie, "lighttpd");
    assert_format_is_planbs(port, &manifest, &public, "lighttpd");
    // Under the prefix, an unknown URL: the 404 page, or its twin.
    let (unknown, not_found) = ("/_planb/nothing-here", "/_planb/errors/404.html");
    assert_formats_negotiated(
        port, &manifest, &public, unknown, not_found, 404, "lighttpd",
    );
    let switch = |mode: &str| server.switch(mode);
    assert_formats_in_each_mode(port, &manifest, &public, switch, "lighttpd");
    assert_languages_negotiated(
        port,
        &site,
        &manifest,
        switch,
        upstream,
        (503, 503),
        "lighttpd",
    );
    // The application is down: an app gets the 503 page's twin.
    assert_format_when_down(port, (&manifest, &public), "/", 503, "lighttpd");
}
