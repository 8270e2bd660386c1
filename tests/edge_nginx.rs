//! The nginx configuration against the real nginx: it validates, and a server started with the
//! generated example answers every failure of the upstream with planb's page, its status and
//! exactly its headers, in each mode, switched exactly as the generated README says.
//!
//! nginx runs as root here, so its workers run as `nobody`: the test opens the temporary folder
//! (0700 by default) to them, as a real server's web root is, rather than running workers as root.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::edge::*;

/// `-p PREFIX/ -e PREFIX/error.log -c CONF`: everything nginx writes stays in the test's folder.
fn nginx_args(prefix: &Path, conf: &Path) -> Vec<String> {
    vec![
        "-p".into(),
        format!("{}/", prefix.display()),
        "-e".into(),
        prefix.join("error.log").display().to_string(),
        "-c".into(),
        conf.display().to_string(),
    ]
}

fn nginx(prefix: &Path, conf: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(require("nginx"))
        .args(nginx_args(prefix, conf))
        .args(extra)
        .output()
        .expect("run nginx")
}

/// A foreground nginx master, stopped (with its workers) when dropped.
struct Server {
    child: Child,
    prefix: PathBuf,
}

impl Server {
    fn start(prefix: &Path, conf: &Path, port: u16) -> Server {
        let child = Command::new(require("nginx"))
            .args(nginx_args(prefix, conf))
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .spawn()
            .expect("start nginx");
        let server = Server {
            child,
            prefix: prefix.to_owned(),
        };
        assert!(
            wait_for_port(port, Duration::from_secs(10)),
            "nginx did not listen on {port}: {}",
            server.log()
        );
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its workers; SIGKILL only if it does not within 5 s.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn generated_configuration_passes_nginx_t_in_every_mode() {
    let (tmp, site, _) = build_edge_site(&["nginx"], "127.0.0.1:3999", free_port());
    let dir = site.join("output/config/nginx");
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    for mode in ["normal", "landing", "overflow"] {
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        let out = nginx(&prefix, &dir.join("example.conf"), &["-t"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && err.contains("test is successful"),
            "{mode}: {err}"
        );
    }
    // The validator does catch a broken file: the test above could fail.
    std::fs::write(dir.join("planb-mode.conf"), "error_page 502;\n").unwrap();
    let out = nginx(&prefix, &dir.join("example.conf"), &["-t"]);
    assert!(!out.status.success());
}

#[test]
fn nginx_serves_planb_pages_for_upstream_errors_in_every_mode() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) = build_edge_site(&["nginx"], &upstream.addr(), port);
    let public = site.join("output/public");
    let dir = site.join("output/config/nginx");
    let conf = dir.join("example.conf");
    let readme = common::read(&dir.join("README.md"));
    for m in ["landing", "overflow", "normal"] {
        let documented = format!("cp modes/{m}.conf planb-mode.conf && nginx -s reload");
        assert!(
            readme.contains(&documented),
            "README documents {documented}"
        );
    }
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let server = Server::start(&prefix, &conf, port);
    // The documented switch: copy a mode file over planb-mode.conf, then reload.
    let switch = |mode: &str| {
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        let out = nginx(&prefix, &conf, &["-s", "reload"]);
        assert!(
            out.status.success(),
            "reload: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };

    // Normal mode: every upstream error gets its page; too slow (edge.timeout = 1 s): nginx answers 504.
    assert_upstream_errors_mapped(port, &manifest, &public, 504);
    // The pages at their own URL: 200 (documented), with their headers.
    let r = get(port, "/_planb/landing.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/landing.html",
        200,
        "landing",
    );
    let r = get(port, "/_planb/errors/503.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/503.html",
        200,
        "direct",
    );
    // Anything else under the prefix is planb's 404, never the application's.
    let r = get(port, "/_planb/nothing.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/404.html",
        404,
        "prefix",
    );
    // A client that accepts gzip gets the .gz sibling, still with the error status.
    let r = get_with(port, "/status/502", "Accept-Encoding: gzip\r\n");
    let gz = "/_planb/errors/502.html.gz";
    assert_page(&r, &manifest, &public, gz, 502, "gzip sibling");

    // Landing mode: the home redirects (302) to the landing page; the rest still proxies.
    switch("landing");
    let r = poll(port, "/", |r| r.status == 302);
    assert_eq!(r.status, 302, "landing mode: /; log: {}", server.log());
    assert_eq!(r.header("Location"), vec!["/_planb/landing.html"]);
    assert_eq!(r.header("Cache-Control"), vec!["no-store"]);
    let r = get(port, "/other");
    assert_eq!((r.status, r.text().as_str()), (200, "upstream ok"));
    let r = get(port, "/status/502");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/502.html",
        502,
        "landing 502",
    );

    // Overflow mode: every path gets the overflow page with 503, without the upstream.
    switch("overflow");
    let overflow = "/_planb/overflow.html";
    let r = poll(port, "/", |r| r.status == 503);
    assert_page(&r, &manifest, &public, overflow, 503, "overflow /");
    for path in ["/any/path", "/status/500", "/_planb/landing.html"] {
        let r = get(port, path);
        assert_page(&r, &manifest, &public, overflow, 503, path);
    }
    assert_eq!(get(port, "/").header("Retry-After"), vec!["60"]);
    let r = get_with(port, "/any/path", "Accept-Encoding: gzip\r\n");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.html.gz",
        503,
        "overflow gzip",
    );
    // Still the overflow page with the upstream gone: it was never asked.
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

    // Back to normal, upstream down (connection refused): nginx answers 502, with the 502 page.
    switch("normal");
    let r = poll(port, "/", |r| r.status == 502);
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/502.html",
        502,
        "down",
    );
    drop(server);
}

/// The snippet inside a server that has its own `add_header`, `expires` and `charset`: planb's
/// pages still carry exactly their own headers, while the application's answers get the server's.
#[test]
fn server_level_headers_do_not_reach_the_pages() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) = build_edge_site(&["nginx"], &upstream.addr(), port);
    let public = site.join("output/public");
    let conf = site.join("output/config/nginx/example.conf");
    let example = common::read(&conf);
    let busy = example.replacen(
        "server_name _;\n",
        "server_name _;\n        add_header X-Server \"yes\" always;\n        add_header Cache-Control \"private\" always;\n        expires 1h;\n        charset koi8-r;\n",
        1,
    );
    assert_ne!(busy, example, "the server block was found");
    std::fs::write(&conf, busy).unwrap();
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let _server = Server::start(&prefix, &conf, port);
    let r = get(port, "/");
    assert_eq!(
        r.header("X-Server"),
        vec!["yes"],
        "the server's headers apply"
    );
    for code in [502, 503] {
        let r = get(port, &format!("/status/{code}"));
        let url = format!("/_planb/errors/{code}.html");
        assert_page(&r, &manifest, &public, &url, code, "busy server");
        assert!(r.header("X-Server").is_empty(), "{:?}", r.headers);
        assert!(r.header("Expires").is_empty(), "{:?}", r.headers);
    }
    // A 200 is where `expires` and the server's `add_header` would apply.
    let landing = "/_planb/landing.html";
    let r = get(port, landing);
    assert_page(&r, &manifest, &public, landing, 200, "busy server, landing");
    assert!(r.header("X-Server").is_empty(), "{:?}", r.headers);
    assert!(r.header("Expires").is_empty(), "{:?}", r.headers);
}

/// planb refuses an error page exactly for the statuses nginx's `error_page` refuses, so a bundle
/// planb writes never fails `nginx -t` for its status.
#[test]
fn planb_refuses_exactly_the_statuses_error_page_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("status.conf");
    let mut disagree = Vec::new();
    for status in 400..=599u16 {
        std::fs::write(
            &conf,
            format!(
                "pid {root}/nginx.pid;\nevents {{}}\nhttp {{ server {{ listen 127.0.0.1:9; \
                 error_page {status} /_planb/errors/{status}.html; }} }}\n",
                root = dir.path().display()
            ),
        )
        .unwrap();
        let planb_refuses = planb::config::edge::Target::Nginx
            .refuses_status(status)
            .is_some();
        if nginx(dir.path(), &conf, &["-t"]).status.success() == planb_refuses {
            disagree.push(status);
        }
    }
    assert!(
        disagree.is_empty(),
        "nginx -t and planb disagree on {disagree:?}"
    );
}
