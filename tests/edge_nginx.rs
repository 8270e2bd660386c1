//! The nginx configuration against the real nginx: it validates, and a server started with the
//! generated example answers every failure of the upstream with planb's page, its status and
//! exactly its headers, in each mode, switched exactly as the generated README says.
//!
//! nginx itself is started and stopped by `common::nginx`.

mod common;

use std::path::{Path, PathBuf};

use common::edge::*;
use common::formats::{assert_format_when_down, assert_formats_in_each_mode};
use common::languages::{assert_first_listed, assert_languages_negotiated};
use common::nginx::{Server, nginx};

/// `nginx -t` passes on the configuration in `dir` with each mode file switched in.
fn assert_valid_in_every_mode(dir: &Path, prefix: &Path) {
    std::fs::create_dir_all(prefix).unwrap();
    for mode in ["normal", "landing", "overflow"] {
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        let out = nginx(prefix, &dir.join("example.conf"), &["-t"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && err.contains("test is successful"),
            "{mode}: {err}"
        );
    }
}

#[test]
fn generated_configuration_passes_nginx_t_in_every_mode() {
    let (tmp, site, _) = build_edge_site(&["nginx"], "127.0.0.1:3999", free_port());
    let dir = site.join("output/config/nginx");
    let prefix = tmp.path().join("nginx");
    assert_valid_in_every_mode(&dir, &prefix);
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
    let switch = |mode: &str| server.switch(mode);

    // Normal mode: every upstream error gets its page; too slow (edge.timeout = 1 s): nginx answers 504.
    assert_upstream_errors_mapped(port, &manifest, &public, 504);
    assert_verified(&site, port, "nginx", "normal");
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
    assert_verified(&site, port, "nginx", "landing");
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
    assert_verified(&site, port, "nginx", "overflow");
    let r = post(port, "/checkout");
    assert_page(&r, &manifest, &public, overflow, 503, "overflow, a POST");
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
        let planb_refuses = planb::targets::by_name("nginx")
            .unwrap()
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

/// Regression: with `error_page 408`, nginx closed the connection without an answer when the
/// application answered 408 (Chromium showed ERR_EMPTY_RESPONSE in `tests/browser.rs`). The
/// application's 408 now passes through, and the 408 page is still served at its own URL.
#[test]
fn an_application_408_passes_through_instead_of_an_empty_answer() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site) = common::site("edge");
    let config = common::read(&site.join("planb.toml"));
    let with_408 = config.replacen("codes = [404, ", "codes = [404, 408, ", 1);
    assert_ne!(with_408, config, "the edge fixture lists its codes");
    std::fs::write(site.join("planb.toml"), with_408).unwrap();
    let manifest = build_for_edge(tmp.path(), &site, &["nginx"], &upstream.addr(), port, 1);
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let conf = site.join("output/config/nginx/example.conf");
    let _server = Server::start(&prefix, &conf, port);
    let r = get(port, "/status/408");
    assert_eq!((r.status, r.text().as_str()), (408, "upstream 408"));
    let page = "/_planb/errors/408.html";
    let public = site.join("output/public");
    assert_page(&get(port, page), &manifest, &public, page, 200, "own URL");
}

/// `planb build ARGS` in `site` (its `[edge]` already written by `build_for_edge`).
fn rebuild(site: &Path, args: &[&str]) -> std::process::Output {
    common::planb(site, &[&["build"], args].concat())
}

/// The generated configuration in `output` validates in every mode, and nginx started on it
/// answers the application's 502 with planb's 502 page, read from `public`.
fn assert_served_from(tmp: &Path, output: &Path, public: &Path, port: u16) {
    let manifest = serde_json::from_str(&common::read(&output.join("manifest.json"))).unwrap();
    let dir = output.join("config/nginx");
    let prefix = tmp.join("nginx");
    assert_valid_in_every_mode(&dir, &prefix);
    std::fs::copy(dir.join("modes/normal.conf"), dir.join("planb-mode.conf")).unwrap();
    let _server = Server::start(&prefix, &dir.join("example.conf"), port);
    let r = get(port, "/status/502");
    let page = "/_planb/errors/502.html";
    assert_page(&r, &manifest, public, page, 502, "unusual root");
}

/// The default root is the output folder: one with a space, an accented letter and `..` is quoted
/// in `root`, validates and serves.
#[test]
fn an_output_folder_with_a_space_an_accent_and_dots_serves() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, _site, _, built) =
        build_edge_site_into("nginx", &upstream.addr(), port, "Mon site/Été/../Été/out");
    assert!(built.status.success(), "{}", common::stderr(&built));
    let output = tmp.path().join("Mon site/Été/out");
    let snippet = common::read(&output.join("config/nginx/planb.conf"));
    assert!(snippet.contains(&format!("root \"{}/public\";", output.display())));
    assert_served_from(tmp.path(), &output, &output.join("public"), port);
}

/// `edge.root` with `"`, `\`, `;`, `{`, `}`, `%` and `#` is quoted and serves; with a `$` as well,
/// planb refuses it (nginx's `root` would read a variable), naming `edge.root`.
#[test]
fn a_root_with_quotes_and_braces_serves_and_a_dollar_is_refused() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site) = common::site("edge");
    build_for_edge(tmp.path(), &site, &["nginx"], &upstream.addr(), port, 1);
    let config = common::read(&site.join("planb.toml"));
    let with_root = |root: &Path| {
        // A TOML literal string: the path holds `"` and `\`, never `'`.
        let text = format!("{config}root = '{}'\n", root.display());
        std::fs::write(site.join("planb.toml"), text).unwrap();
    };
    let odd: PathBuf = tmp.path().join(r#"q"s\;{b}%#"#).join("public");
    common::copy_dir(&site.join("output/public"), &odd);
    open_to_workers(odd.parent().unwrap());
    with_root(&odd);
    let built = rebuild(&site, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let snippet = common::read(&site.join("output/config/nginx/planb.conf"));
    let quoted = format!(r#"root "{}/q\"s\\;{{b}}%#/public";"#, tmp.path().display());
    assert!(snippet.contains(&quoted), "{quoted} in {snippet}");
    assert_served_from(tmp.path(), &site.join("output"), &odd, port);

    let root = tmp.path().join(r#"q"s\;{b}$d%#/public"#);
    with_root(&root);
    let refused = rebuild(&site, &[]);
    let err = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    let named = format!(
        "`edge.root`: nginx cannot read the pages from `{}`",
        root.display()
    );
    assert!(err.contains(&named), "{err}");
    assert!(err.contains("has no escape for it"), "{err}");
    assert!(err.contains("to a path without `$`"), "{err}");
}

/// `[[schedule]]` windows a few seconds from now: nginx switches into each mode and back by
/// itself, within a second of each instant, with no reload; the configuration passes `nginx -t`
/// in every mode with the windows in it.
#[test]
fn nginx_follows_the_schedule_by_itself() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest, at) = build_scheduled_site("nginx", &upstream.addr(), port);
    let dir = site.join("output/config/nginx");
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let server = Server::start(&prefix, &dir.join("example.conf"), port);
    assert_scheduled_switches(port, &manifest, &site.join("output/public"), at);
    // A form sent in the overflow window got the page too; the windows' internal locations are
    // not reachable from outside.
    let r = get(port, "/_planb/__scheduled-overflow");
    assert_page(
        &r,
        &manifest,
        &site.join("output/public"),
        "/_planb/errors/404.html",
        404,
        "internal",
    );
    drop(server);
    assert_valid_in_every_mode(&dir, &prefix);
}

/// Every language of a bilingual site's pages, each at its own URL with its own headers, and
/// each visitor's `Accept-Language` answered with its language's page in every mode.
#[test]
fn nginx_serves_each_language_of_a_bilingual_site() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) =
        build_fixture_for_edge("bilingual", &["nginx"], &upstream.addr(), port);
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let server = Server::start(
        &prefix,
        &site.join("output/config/nginx/example.conf"),
        port,
    );
    assert_languages_served(&site, port, "nginx");
    let public = site.join("output/public");
    assert_first_listed(port, &manifest, &public, "nginx");
    let switch = |mode: &str| server.switch(mode);
    assert_formats_in_each_mode(port, &manifest, &public, switch, "nginx");
    assert_languages_negotiated(
        port,
        &site,
        &manifest,
        switch,
        upstream,
        (502, 200),
        "nginx",
    );
    // The application is down now: an app gets the 502 page's twin.
    assert_format_when_down(port, (&manifest, &public), "/", 502, "nginx");
}
