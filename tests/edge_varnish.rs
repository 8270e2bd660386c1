//! Varnish: the generated VCL against the real program (Debian's varnishd 7.1): its own compiler,
//! then end to end against an upstream that fails on purpose, in every mode, switched by exactly
//! the operation the generated README documents (copy a mode file, `varnishreload`).

mod common;
#[path = "varnishd/mod.rs"]
mod varnishd;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::edge::*;
use common::formats::{assert_format_when_down, assert_formats_in_each_mode};
use common::languages::{assert_first_listed, assert_languages_negotiated};
use varnishd::Varnish;

fn config_dir(site: &Path) -> PathBuf {
    site.join("output/config/varnish")
}

#[test]
fn generated_vcl_passes_varnishd_check() {
    let varnishd = require("varnishd");
    let (tmp, site, _manifest) = build_edge_site(&["varnish"], "127.0.0.1:3999", free_port());
    let dir = config_dir(&site);
    let check = || {
        Command::new(&varnishd)
            .arg("-C")
            .arg("-n")
            .arg(tmp.path().join("check"))
            .arg("-f")
            .arg(dir.join("default.vcl"))
            .output()
            .unwrap()
    };
    let out = check();
    assert!(
        out.status.success(),
        "varnishd -C: {}",
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| !l.starts_with("/*") && !l.starts_with(" *"))
            .take(40)
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Every mode compiles.
    for mode in ["landing", "overflow", "normal"] {
        std::fs::copy(
            dir.join(format!("mode-{mode}.vcl")),
            dir.join("planb-mode.vcl"),
        )
        .unwrap();
        assert!(check().status.success(), "mode {mode}");
    }
    // A broken mode file fails the same check (so the check above is not vacuous).
    std::fs::write(dir.join("planb-mode.vcl"), "sub planb_mode { set x; }\n").unwrap();
    assert!(
        !check().status.success(),
        "varnishd -C accepted a broken VCL"
    );
}

#[test]
fn end_to_end_every_mode() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) = build_edge_site(&["varnish"], &upstream.addr(), port);
    let public = site.join("output/public");
    let dir = config_dir(&site);
    let varnish = Varnish::start(
        &dir.join("default.vcl"),
        &tmp.path().join("varnish"),
        port,
        "none",
    );

    // Normal mode: every upstream error gets its page; too slow (edge.timeout = 1 s): the fetch fails and Varnish answers 503.
    assert_upstream_errors_mapped(port, &manifest, &public, 503);
    assert_verified(&site, port, "varnish", "normal");
    // Warming asks each page in each encoding, and says what came back: Varnish synthesizes
    // its pages uncompressed, with no cache header.
    let url = format!("http://127.0.0.1:{port}");
    let (ok, report) = verify(&site, &url, &["--warm"], "varnish", "normal");
    assert!(ok, "{report}");
    let warm = &report[report
        .find("warming, one encoding at a time:")
        .expect(&report)..];
    for encoding in ["[gzip]", "[br]"] {
        let line = format!("GET /_planb/landing.html {encoding}");
        assert!(warm.contains(&line), "{report}");
    }
    assert!(
        warm.contains("200 /_planb/landing.html (identity, no cache header)"),
        "{report}"
    );
    // The pages at their own URL: the landing page with 200, the others with their status;
    // a client cannot pick a page or a mode with planb's own headers.
    let r = get(port, "/_planb/landing.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/landing.html",
        200,
        "landing page URL",
    );
    let r = get(port, "/_planb/errors/404.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/404.html",
        404,
        "404 page URL",
    );
    let r = get(port, "/_planb/overflow.html?from=test");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.html",
        503,
        "overflow page URL",
    );

    // Landing mode, as the README says: copy mode-landing.vcl over planb-mode.vcl, reload.
    std::fs::copy(dir.join("mode-landing.vcl"), dir.join("planb-mode.vcl")).unwrap();
    varnish.reload();
    let r = get(port, "/");
    assert_eq!(r.status, 302, "landing mode: / ; {}", r.text());
    assert_eq!(r.header("Location"), vec!["/_planb/landing.html"]);
    assert_verified(&site, port, "varnish", "landing");
    let r = get(port, "/other");
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "upstream ok"),
        "landing mode: /other"
    );
    let r = get(port, "/status/500");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/500.html",
        500,
        "landing mode: 500",
    );

    // Overflow mode: everything gets the overflow page with 503, the upstream is not asked
    // (its 500 would become the 500 page).
    std::fs::copy(dir.join("mode-overflow.vcl"), dir.join("planb-mode.vcl")).unwrap();
    varnish.reload();
    assert_verified(&site, port, "varnish", "overflow");
    for path in ["/", "/any/path", "/status/500", "/_planb/landing.html"] {
        let r = get(port, path);
        assert_page(
            &r,
            &manifest,
            &public,
            "/_planb/overflow.html",
            503,
            &format!("overflow mode: {path}"),
        );
    }
    let r = post(port, "/checkout");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.html",
        503,
        "overflow mode: a POST",
    );

    // Back to normal, then the upstream down: the fetch fails, 503 with planb's 503 page.
    std::fs::copy(dir.join("mode-normal.vcl"), dir.join("planb-mode.vcl")).unwrap();
    varnish.reload();
    let r = get(port, "/");
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "upstream ok"),
        "normal again"
    );
    drop(upstream);
    let r = get(port, "/down");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/503.html",
        503,
        "upstream down",
    );
    let r = get(port, "/_planb/landing.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/landing.html",
        200,
        "landing page, upstream down",
    );
}

/// Under Debian's default jail the worker runs as `vcache`: a page it cannot read stops Varnish
/// at start with a message naming the file (std.fileread alone would serve an empty body), and
/// the same configuration starts once the pages are readable. (Without root there is no jail:
/// the page is then made unreadable by removing it.)
#[test]
fn a_page_the_worker_cannot_read_stops_varnish() {
    let (tmp, site, manifest) = build_edge_site(&["varnish"], "127.0.0.1:3999", free_port());
    let public = site.join("output/public");
    let vcl = config_dir(&site).join("default.vcl");
    let file = public.join("_planb/errors/404.html");
    let aside = tmp.path().join("404.html");
    let id = Command::new("id").arg("-u").output().expect("run id");
    let root = String::from_utf8_lossy(&id.stdout).trim() == "0";
    if root {
        // The worker may cross the temporary folder, but not read public/.
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
        std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o700)).unwrap();
    } else {
        std::fs::rename(&file, &aside).unwrap();
    }
    let port = free_port();
    let mut refused = Varnish::spawn(&vcl, &tmp.path().join("jailed"), port, "unix");
    let status = refused.exit_status();
    let log = refused.log();
    assert!(
        status.is_some_and(|s| !s.success()),
        "varnishd started with an unreadable page: {log}"
    );
    assert!(
        log.contains(&format!(
            "planb: cannot read {} (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/404.html would be served empty",
            file.display()
        )),
        "{log}"
    );

    if root {
        std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o755)).unwrap();
    } else {
        std::fs::rename(&aside, &file).unwrap();
    }
    let port = free_port();
    let _varnish = Varnish::start(&vcl, &tmp.path().join("jailed-ok"), port, "unix");
    let r = get(port, "/_planb/errors/404.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/404.html",
        404,
        "readable pages, jailed worker",
    );
}

/// Builds the edge fixture for Varnish with `planb build --out OUT` (`out` relative to the
/// temporary folder), `[edge]` as `build_for_edge` writes it: the default root is then OUT's
/// `public/`. Returns the temporary folder, the build's output, and the output folder.
fn build_into(out: &str, upstream: &str, listen: u16) -> (tempfile::TempDir, Output, PathBuf) {
    let (tmp, _site, out, run) = build_edge_site_into("varnish", upstream, listen, out);
    (tmp, run, out)
}

/// The root (the output folder's `public/`) is written into `std.fileread` strings: checked by
/// `varnishd -C` in every mode and served from the folder `name`, which is `tail` once resolved.
fn serves_from(name: &str, tail: &str) {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, run, out) = build_into(name, &upstream.addr(), port);
    assert!(run.status.success(), "build: {}", common::stderr(&run));
    let out = out.canonicalize().unwrap();
    assert!(out.ends_with(tail), "{}", out.display());
    let manifest = serde_json::from_str(&common::read(&out.join("manifest.json"))).unwrap();
    let dir = out.join("config/varnish");
    for mode in ["landing", "overflow", "normal"] {
        std::fs::copy(
            dir.join(format!("mode-{mode}.vcl")),
            dir.join("planb-mode.vcl"),
        )
        .unwrap();
        let check = Command::new(require("varnishd"))
            .arg("-C")
            .arg("-n")
            .arg(tmp.path().join("check"))
            .arg("-f")
            .arg(dir.join("default.vcl"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&check.stderr);
        let tail: Vec<&str> = err.lines().rev().take(20).collect();
        assert!(check.status.success(), "varnishd -C, mode {mode}: {tail:?}");
    }
    let _varnish = Varnish::start(
        &dir.join("default.vcl"),
        &tmp.path().join("varnish"),
        port,
        "none",
    );
    let public = out.join("public");
    let r = get(port, "/status/500");
    assert_page(&r, &manifest, &public, "/_planb/errors/500.html", 500, name);
    drop(upstream);
    let r = get(port, "/down");
    assert_page(&r, &manifest, &public, "/_planb/errors/503.html", 503, name);
}

#[test]
fn an_output_folder_with_a_space_an_accent_and_dot_dot() {
    serves_from("Mon site/Été/../Été/out", "Mon site/Été/out");
}

#[test]
fn an_output_folder_with_quotes_and_syntax_characters() {
    let name = "a\"b;c{d}e$HOME%f#g 'h'/out";
    serves_from(name, name);
}

/// `"}` ends a VCL long string: the one thing Varnish cannot take, refused naming `edge.root`.
#[test]
fn an_output_folder_holding_the_end_of_a_long_string_is_refused() {
    let (_tmp, run, out) = build_into("x\"}y/out", "127.0.0.1:3999", free_port());
    let err = common::stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("planb.toml: error: `edge.root`: `")
            && err.contains("x\\\"}y/out/public` contains `\"}`, which Varnish cannot read in a VCL string: the varnish target cannot name the pages' files"),
        "{err}"
    );
    assert!(
        err.contains(
            "set `edge.root` to where public/ lives on the server, or build into another folder"
        ),
        "{err}"
    );
    assert!(!out.exists(), "a failed build writes nothing");
}

/// `[[schedule]]` windows a few seconds from now: Varnish switches into each mode and back by
/// itself, within a second of each instant, with no reload.
#[test]
fn varnish_follows_the_schedule_by_itself() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest, at) = build_scheduled_site("varnish", &upstream.addr(), port);
    let dir = config_dir(&site);
    let _varnish = Varnish::start(
        &dir.join("default.vcl"),
        &tmp.path().join("varnish"),
        port,
        "none",
    );
    assert_scheduled_switches(port, &manifest, &site.join("output/public"), at);
}

/// Every language of a bilingual site's pages, each at its own URL with its own headers, and
/// each visitor's `Accept-Language` answered with its language's page in every mode (the
/// application's errors are cached: one object per language).
#[test]
fn varnish_serves_each_language_of_a_bilingual_site() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) =
        build_fixture_for_edge("bilingual", &["varnish"], &upstream.addr(), port);
    let dir = config_dir(&site);
    let varnish = Varnish::start(
        &dir.join("default.vcl"),
        &tmp.path().join("varnish"),
        port,
        "none",
    );
    assert_languages_served(&site, port, "varnish");
    let public = site.join("output/public");
    assert_first_listed(port, &manifest, &public, "varnish");
    // As the README says: copy mode-<mode>.vcl over planb-mode.vcl, reload.
    let switch = |mode: &str| {
        let file = dir.join(format!("mode-{mode}.vcl"));
        std::fs::copy(file, dir.join("planb-mode.vcl")).unwrap();
        varnish.reload();
    };
    // The application's errors are cached: each Accept is an object of its own (Vary).
    assert_formats_in_each_mode(port, &manifest, &public, switch, "varnish");
    assert_languages_negotiated(
        port,
        &site,
        &manifest,
        switch,
        upstream,
        (503, 503),
        "varnish",
    );
    // The application is down: an app gets the 503 page's twin (a URL nothing cached).
    assert_format_when_down(port, (&manifest, &public), "/never/cached", 503, "varnish");
}
