//! `planb verify` catches what is wrong on an edge: a bundle tampered on the real nginx (one
//! changed byte, one missing header, a 200 instead of a 503), each named by URL and difference;
//! and each way of not reaching an edge (DNS, connection, TLS, timeout, a redirect elsewhere)
//! says which step failed. That it passes on every untouched server in every mode is proven in
//! each server's own test (`edge_*.rs`, `assert_verified`).

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::edge::*;
use common::nginx::Server;

const LIVE: &str = ".planb/live-manifest.json";

/// The report with the port the test picked replaced, so that it compares with a snapshot.
fn normalised(report: &str, port: u16) -> String {
    report.replace(&port.to_string(), "PORT")
}

fn snapshot(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/verify/{name}.txt"))
}

/// Rewrites `file`, asserting that `from` was in it.
fn edit(file: &Path, from: &str, to: &str) {
    let text = common::read(file);
    assert!(text.contains(from), "{} has no `{from}`", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_tampered_bundle_on_nginx_is_caught_by_url_and_difference() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, _) = build_edge_site(&["nginx"], &upstream.addr(), port);
    let dir = site.join("output/config/nginx");
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let server = Server::start(&prefix, &dir.join("example.conf"), port);
    let url = format!("http://127.0.0.1:{port}");
    assert!(!site.join(LIVE).exists());
    assert_verified(&site, port, "nginx", "normal");
    // What was verified live is kept: the baseline of the next builds' purge lists.
    assert_eq!(
        std::fs::read(site.join(LIVE)).unwrap(),
        std::fs::read(site.join("output/manifest.json")).unwrap()
    );

    // A live manifest that cannot be kept fails the command after the report, which still says
    // the edge is verified; in JSON, the report itself says it.
    std::fs::remove_dir_all(site.join(".planb")).unwrap();
    std::fs::write(site.join(".planb"), "not a folder").unwrap();
    let (ok, report) = verify(&site, &url, &[], "nginx", "normal");
    assert!(!ok, "{report}");
    assert!(
        report.contains("verified: the edge serves the bundle"),
        "{report}"
    );
    assert!(
        report.contains(".planb/live-manifest.json: error: cannot keep the live manifest: "),
        "{report}"
    );
    assert!(report.contains("help: the edge is verified, but the next builds' purge lists compare with the manifest kept before"), "{report}");
    let (ok, json) = verify(&site, &url, &["--format", "json"], "nginx", "normal");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(!ok);
    assert_eq!(json["ok"], true, "the edge itself is verified");
    assert!(
        json["not_kept"]
            .as_str()
            .unwrap()
            .starts_with("cannot keep the live manifest: "),
        "{json}"
    );
    std::fs::remove_file(site.join(".planb")).unwrap();

    // One changed byte in a page: nginx sends its .gz sibling to a browser, which still holds
    // the right bytes, so only the uncompressed request sees it.
    let page = site.join("output/public/_planb/errors/503.html");
    let original = std::fs::read(&page).unwrap();
    let at = original.len() / 2;
    let mut tampered = original.clone();
    tampered[at] = if tampered[at] == b'e' { b'a' } else { b'e' };
    std::fs::write(&page, &tampered).unwrap();
    let (ok, report) = verify(&site, &url, &[], "nginx", "normal");
    assert!(!ok, "{report}");
    let line = format!(
        "GET /_planb/errors/503.html [identity]: body differs from /_planb/errors/503.html: {} B",
        original.len()
    );
    assert!(report.contains(&line), "{report}");
    assert!(report.contains("NOT verified"), "{report}");
    std::fs::write(&page, &original).unwrap();

    // One missing header: the landing page's Referrer-Policy dropped from the configuration.
    let conf = dir.join("planb.conf");
    let untouched = common::read(&conf);
    let landing = untouched.find("location = /_planb/landing.html").unwrap();
    let header = "    add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n";
    let cut = landing + untouched[landing..].find(header).unwrap();
    let without = format!("{}{}", &untouched[..cut], &untouched[cut + header.len()..]);
    std::fs::write(&conf, without).unwrap();
    server.switch("normal");
    let missing = "GET /_planb/landing.html: header Referrer-Policy missing, expected `strict-origin-when-cross-origin`";
    // The old workers answer a moment longer after the reload: until the new ones answer both
    // requests for the page, a report may name only one of them.
    let deadline = Instant::now() + Duration::from_secs(10);
    let report = loop {
        let (_, report) = verify(&site, &url, &[], "nginx", "normal");
        if report.contains(missing) || Instant::now() > deadline {
            break report;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(report.contains("NOT verified"), "{report}");
    assert!(report.contains(missing), "{report}");
    std::fs::write(&conf, untouched).unwrap();

    // A 200 instead of a 503: an overflow mode whose error_page answers 200.
    edit(
        &dir.join("modes/overflow.conf"),
        "error_page 503 /_planb/overflow$planb_format;",
        "error_page 503 =200 /_planb/overflow$planb_format;",
    );
    server.switch("overflow");
    poll(port, "/", |r| r.status == 200 && r.body.len() > 1000);
    let (ok, report) = verify(&site, &url, &[], "nginx", "overflow");
    assert!(!ok, "{report}");
    common::assert_snapshot(&snapshot("overflow-200"), &normalised(&report, port));
    // The same as JSON, for a deploy script.
    let out = common::planb(
        &site,
        &[
            "verify", &url, "--target", "nginx", "--mode", "overflow", "--format", "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ok"], false);
    let first = &json["edges"][0]["results"][0];
    assert_eq!(first["path"], "/");
    assert_eq!(first["differences"][0], "status 200, expected 503");
    drop(server);
}

/// An answer for every connection to a fresh port, for `limit` at most (then the port closes):
/// `answer` gets the request's first bytes and writes what it wants.
fn listener(limit: Duration, answer: fn(&mut std::net::TcpStream)) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    l.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + limit;
        let mut held = Vec::new();
        while Instant::now() < deadline {
            match l.accept() {
                Ok((mut s, _)) => {
                    s.set_nonblocking(false).unwrap();
                    s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
                    let mut buf = [0u8; 2048];
                    let _ = s.read(&mut buf);
                    answer(&mut s);
                    // Held open until the end: a timeout test needs a peer that never answers.
                    held.push(s);
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    });
    port
}

/// The edge fixture built for nginx alone; the edge need not run.
fn bundle() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site, _) = build_edge_site(&["nginx"], "127.0.0.1:3999", free_port());
    (tmp, site)
}

fn fails(site: &Path, url: &str, extra: &[&str]) -> String {
    let (ok, report) = verify(site, url, extra, "nginx", "normal");
    assert!(!ok, "{report}");
    assert!(!site.join(LIVE).exists(), "a failed verify keeps nothing");
    report
}

#[test]
fn each_way_of_not_reaching_the_edge_says_which_step_failed() {
    let (_tmp, site) = bundle();

    let port = free_port();
    let report = fails(&site, &format!("http://127.0.0.1:{port}"), &[]);
    assert!(
        report.contains(&format!(
            "FAILED: connect to 127.0.0.1:{port}: Connection refused"
        )),
        "{report}"
    );
    // One failure, not one per URL: the first request stops the edge's run.
    assert_eq!(report.matches("Connection refused").count(), 1, "{report}");

    let silent = listener(Duration::from_secs(20), |_| {});
    let report = fails(
        &site,
        &format!("http://127.0.0.1:{silent}"),
        &["--timeout", "1"],
    );
    assert!(
        report.contains(&format!(
            "FAILED: timeout: no complete answer from 127.0.0.1:{silent} within 1 s"
        )),
        "{report}"
    );

    let plain = listener(Duration::from_secs(20), |s| {
        let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let report = fails(&site, &format!("https://127.0.0.1:{plain}"), &[]);
    assert!(
        report.contains(&format!("FAILED: TLS with 127.0.0.1 (127.0.0.1:{plain}): "))
            && report.contains("the server answers without TLS: is it http://?"),
        "{report}"
    );

    let report = fails(&site, "http://no-such-host.invalid", &[]);
    assert!(
        report.contains("FAILED: DNS: cannot resolve no-such-host.invalid"),
        "{report}"
    );

    let moved = listener(Duration::from_secs(20), |s| {
        let _ = s.write_all(
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://www.example.com/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    });
    let report = fails(&site, &format!("http://127.0.0.1:{moved}"), &[]);
    assert!(
        report.contains(
            "GET /_planb/landing.html: redirects (301) to https://www.example.com/, expected /_planb/landing.html with 200; planb verify follows no redirect: verify that address instead"
        ),
        "{report}"
    );
}

#[test]
fn a_request_verify_cannot_make_is_refused_before_any() {
    let (_tmp, site) = bundle();
    let run = |args: &[&str]| {
        let out = common::planb(&site, args);
        (out.status.code(), common::stderr(&out))
    };

    let (code, err) = run(&["verify", "www.example.com"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("give the edge as http://HOST or https://HOST"),
        "{err}"
    );
    let (code, err) = run(&["verify", "https://www.example.com/shop"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("give only the scheme and host"), "{err}");

    let (code, err) = run(&["verify", "http://127.0.0.1:9", "--resolve", "127.0.0.1"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("--resolve 127.0.0.1: give it as HOST:IP"),
        "{err}"
    );
    let (code, err) = run(&[
        "verify",
        "http://a.example",
        "--resolve",
        "b.example:127.0.0.1",
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("the URL's host is a.example"), "{err}");
    let (code, err) = run(&[
        "verify",
        "http://a.example",
        "--resolve",
        "a.example:localhost",
    ]);
    assert!(
        err.contains("`localhost` is not an IP address"),
        "{code:?} {err}"
    );

    let (code, err) = run(&["verify", "http://127.0.0.1:9", "--target", "caddy"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("--target caddy: the bundle has no configuration for it (it has: nginx)"),
        "{err}"
    );

    let (code, err) = run(&["verify", "http://127.0.0.1:9", "--out", "elsewhere"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("elsewhere/manifest.json"), "{err}");
    assert!(err.contains("run `planb build` first"), "{err}");

    let (code, err) = run(&["verify", "http://127.0.0.1:9", "--timeout", "nan"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("give a number of seconds from 0.1 to 600"),
        "{err}"
    );

    // A bundle for several targets: which one is behind the URL must be said.
    let (_tmp2, both, _) = build_edge_site(&["nginx", "caddy"], "127.0.0.1:3999", free_port());
    let out = common::planb(&both, &["verify", "http://127.0.0.1:9"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "say which target serves this edge with --target (the bundle has: nginx, caddy)"
        ),
        "{err}"
    );
    // A target planb cannot verify yet says so, rather than guess.
    let (_tmp3, cloudfront, _) = build_edge_site(&["cloudfront"], "127.0.0.1:3999", free_port());
    let out = common::planb(&cloudfront, &["verify", "http://127.0.0.1:9"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("planb does not know yet what cloudfront answers at each URL"),
        "{err}"
    );
    // Overflow mode on a bundle with neither an overflow page nor a 503 page: nothing to ask,
    // which must not pass for verified.
    let (_tmp4, bare) = common::site("minimal");
    let config =
        common::read(&bare.join("planb.toml")).replace("codes = [404, 503]", "codes = [404]");
    std::fs::write(
        bare.join("planb.toml"),
        format!("{config}\n[edge]\ntargets = [\"nginx\"]\n"),
    )
    .unwrap();
    assert!(common::planb(&bare, &["build"]).status.success());
    let out = common::planb(
        &bare,
        &["verify", "http://127.0.0.1:9", "--mode", "overflow"],
    );
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("nothing to verify: the bundle has no page overflow mode answers with"),
        "{err}"
    );
    assert!(!bare.join(LIVE).exists());
}
