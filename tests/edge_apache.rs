//! The Apache configuration against the real httpd (Debian's `apache2` binary, run directly, not
//! through apachectl, which needs Debian's envvars): it validates, and a server started with the
//! generated example answers every failure of the upstream with planb's page, its status and
//! exactly its headers, in each mode, switched exactly as the generated README says.
//!
//! httpd runs as root here, so its children run as `www-data` (the example's `User`): the test
//! opens the temporary folder (0700 by default) to them, as a real server's web root is.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::edge::*;
use common::formats::{assert_format_when_down, assert_formats_in_each_mode};
use common::languages::{assert_first_listed, assert_languages_negotiated_as};

/// `-d CONFIG_DIR -f CONF -C 'Define PLANB_RUN RUN'`: the example's includes are relative to its
/// folder, and everything httpd writes goes to `run`.
fn apache_args(conf: &Path, run: &Path) -> Vec<String> {
    vec![
        "-d".into(),
        conf.parent().unwrap().display().to_string(),
        "-f".into(),
        conf.display().to_string(),
        "-C".into(),
        format!("Define PLANB_RUN {}", run.display()),
        // Where mod_lua finds the schedule's script, as the README says for the example.
        "-C".into(),
        format!("Define PLANB_DIR \"{}\"", conf.parent().unwrap().display()),
    ]
}

fn apache(conf: &Path, run: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(require("apache2"))
        .args(apache_args(conf, run))
        .args(extra)
        .output()
        .expect("run apache2")
}

/// A foreground httpd parent, stopped (with its children) when dropped.
struct Server {
    child: Child,
    run: PathBuf,
}

impl Server {
    fn start(conf: &Path, run: &Path, port: u16) -> Server {
        let child = Command::new(require("apache2"))
            .args(apache_args(conf, run))
            .arg("-DFOREGROUND")
            .stdin(Stdio::null())
            .spawn()
            .expect("start apache2");
        let server = Server {
            child,
            run: run.to_owned(),
        };
        assert!(
            wait_for_port(port, Duration::from_secs(10)),
            "apache2 did not listen on {port}: {}",
            server.log()
        );
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.run.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM lets the parent stop its children; SIGKILL only if it does not within 5 s.
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

/// `apache2 -t` passes on the configuration in `dir` with each mode file switched in.
fn assert_valid_in_every_mode(dir: &Path, run: &Path) {
    std::fs::create_dir_all(run).unwrap();
    for mode in ["normal", "landing", "overflow"] {
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        let out = apache(&dir.join("example.conf"), run, &["-t"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && err.contains("Syntax OK"),
            "{mode}: {err}"
        );
    }
}

#[test]
fn generated_configuration_passes_apache_t_in_every_mode() {
    let (tmp, site, _) = build_edge_site(&["apache"], "127.0.0.1:3999", free_port());
    let dir = site.join("output/config/apache");
    let conf = dir.join("example.conf");
    let run = tmp.path().join("run");
    assert_valid_in_every_mode(&dir, &run);
    // The validator does catch a broken file: the test above could fail.
    std::fs::write(dir.join("planb-mode.conf"), "ErrorDocument 502\n").unwrap();
    let out = apache(&conf, &run, &["-t"]);
    assert!(!out.status.success());
}

#[test]
fn apache_serves_planb_pages_for_upstream_errors_in_every_mode() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) = build_edge_site(&["apache"], &upstream.addr(), port);
    let public = site.join("output/public");
    let dir = site.join("output/config/apache");
    let conf = dir.join("example.conf");
    let readme = common::read(&dir.join("README.md"));
    for m in ["landing", "overflow", "normal"] {
        let documented = format!("cp modes/{m}.conf planb-mode.conf && apachectl graceful");
        assert!(
            readme.contains(&documented),
            "README documents {documented}"
        );
    }
    assert!(
        readme.contains("-k graceful"),
        "README: graceful for the example"
    );
    let run = tmp.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    let server = Server::start(&conf, &run, port);
    // The documented switch: copy a mode file over planb-mode.conf, then a graceful restart.
    let switch = |mode: &str| {
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        let out = apache(&conf, &run, &["-k", "graceful"]);
        assert!(
            out.status.success(),
            "graceful: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };

    // Normal mode: every upstream error gets its page; too slow (edge.timeout = 1 s): httpd answers a read timeout with 502 (AH01102), not 504.
    assert_upstream_errors_mapped(port, &manifest, &public, 502);
    assert_verified_as(
        &site,
        &format!("http://localhost:{port}"),
        &["--resolve", "localhost:127.0.0.1"],
        "apache",
        "normal",
    );
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
    // A client that accepts gzip gets the page compressed, still with the error status.
    let r = get_with(port, "/status/502", "Accept-Encoding: gzip\r\n");
    assert_eq!(r.status, 502);
    assert_eq!(r.header("Content-Encoding"), vec!["gzip"]);
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_end(&mut plain)
        .expect("a gzip body");
    assert!(plain == std::fs::read(public.join("_planb/errors/502.html")).unwrap());

    // Landing mode: the home redirects (302) to the landing page; the rest still proxies.
    switch("landing");
    let r = poll(port, "/", |r| r.status == 302);
    assert_eq!(r.status, 302, "landing mode: /; log: {}", server.log());
    assert_eq!(
        r.header("Location"),
        vec![format!("http://localhost:{port}/_planb/landing.html").as_str()]
    );
    assert_eq!(r.header("Cache-Control"), vec!["no-store"]);
    assert_verified_as(
        &site,
        &format!("http://localhost:{port}"),
        &["--resolve", "localhost:127.0.0.1"],
        "apache",
        "landing",
    );
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
    assert_verified_as(
        &site,
        &format!("http://localhost:{port}"),
        &["--resolve", "localhost:127.0.0.1"],
        "apache",
        "overflow",
    );
    for path in ["/any/path", "/status/500", "/_planb/landing.html"] {
        let r = get(port, path);
        assert_page(&r, &manifest, &public, overflow, 503, path);
    }
    assert_eq!(get(port, "/").header("Retry-After"), vec!["60"]);
    let r = post(port, "/checkout");
    assert_page(&r, &manifest, &public, overflow, 503, "overflow, a POST");
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

    // Back to normal, upstream down (connection refused): mod_proxy answers 503, with the 503 page.
    switch("normal");
    let r = poll(port, "/", |r| {
        r.status == 503 && r.header("Retry-After") == ["60"]
    });
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/503.html",
        503,
        "down",
    );
    drop(server);
}

/// The snippet inside a host that sets `Cache-Control`, `X-Content-Type-Options`, `Expires` and a
/// default charset of its own: planb's pages still carry exactly their own values, once.
#[test]
fn host_level_headers_do_not_change_the_pages() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) = build_edge_site(&["apache"], &upstream.addr(), port);
    let public = site.join("output/public");
    let conf = site.join("output/config/apache/example.conf");
    let example = common::read(&conf);
    let busy = example
        .replacen(
            "\nServerName",
            "\nLoadModule expires_module \"/usr/lib/apache2/modules/mod_expires.so\"\nServerName",
            1,
        )
        .replacen(
            "    Include planb-mode.conf\n",
            "    Header set Cache-Control \"private\"\n    Header always set X-Content-Type-Options \"sniff\"\n    Header always set X-Host \"yes\"\n    ExpiresActive On\n    ExpiresDefault \"access plus 1 hour\"\n    AddDefaultCharset iso-8859-1\n    Include planb-mode.conf\n",
            1,
        );
    assert_eq!(busy.matches("ExpiresActive On").count(), 1, "{busy}");
    assert!(busy.contains("mod_expires.so"));
    std::fs::write(&conf, busy).unwrap();
    let run = tmp.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    let _server = Server::start(&conf, &run, port);
    let r = get(port, "/");
    assert_eq!(r.header("X-Host"), vec!["yes"], "the host's headers apply");
    assert_eq!(
        r.header("Expires").len(),
        1,
        "mod_expires applies: {:?}",
        r.headers
    );
    for code in [502, 503] {
        let r = get(port, &format!("/status/{code}"));
        let url = format!("/_planb/errors/{code}.html");
        assert_page(&r, &manifest, &public, &url, code, "busy host");
        assert!(r.header("Expires").is_empty(), "{:?}", r.headers);
    }
    // A 200 is where `Header set` and mod_expires would apply.
    let landing = "/_planb/landing.html";
    let r = get(port, landing);
    assert_page(&r, &manifest, &public, landing, 200, "busy host, landing");
    assert!(r.header("Expires").is_empty(), "{:?}", r.headers);
}

/// planb refuses an error page exactly for the statuses httpd's `ErrorDocument` refuses, so a
/// bundle planb writes never fails `apache2 -t` for its status.
#[test]
fn planb_refuses_exactly_the_statuses_error_document_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("status.conf");
    let mut disagree = Vec::new();
    for status in 400..=599u16 {
        std::fs::write(
            &conf,
            format!(
                "ServerRoot {root}\nListen 127.0.0.1:9\nPidFile {root}/httpd.pid\nErrorLog /dev/null\n\
                 LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n\
                 ErrorDocument {status} /_planb/errors/{status}.html\n",
                root = dir.path().display()
            ),
        )
        .unwrap();
        let out = Command::new(require("apache2"))
            .arg("-t")
            .arg("-f")
            .arg(&conf)
            .output()
            .expect("run apache2 -t");
        let planb_refuses = planb::targets::by_name("apache")
            .unwrap()
            .refuses_status(status)
            .is_some();
        if out.status.success() == planb_refuses {
            disagree.push(status);
        }
    }
    assert!(
        disagree.is_empty(),
        "apache2 -t and planb disagree on {disagree:?}"
    );
}

/// `planb build ARGS` in `site` (its `[edge]` already written by `build_for_edge`).
fn rebuild(site: &Path, args: &[&str]) -> std::process::Output {
    common::planb(site, &[&["build"], args].concat())
}

/// The generated configuration in `output` validates in every mode, and httpd started on it
/// answers the application's 502 with planb's 502 page, read from `public`.
fn assert_served_from(tmp: &Path, output: &Path, public: &Path, port: u16) {
    let manifest = serde_json::from_str(&common::read(&output.join("manifest.json"))).unwrap();
    let dir = output.join("config/apache");
    let run = tmp.join("run");
    assert_valid_in_every_mode(&dir, &run);
    std::fs::copy(dir.join("modes/normal.conf"), dir.join("planb-mode.conf")).unwrap();
    let server = Server::start(&dir.join("example.conf"), &run, port);
    let r = get(port, "/status/502");
    let page = "/_planb/errors/502.html";
    assert_eq!(r.status, 502, "log: {}", server.log());
    assert_page(&r, &manifest, public, page, 502, "unusual root");
}

/// The default root is the output folder: one with a space, an accented letter and `..` is quoted
/// in `Alias` and `<Directory>`, validates and serves.
#[test]
fn an_output_folder_with_a_space_an_accent_and_dots_serves() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, _site, _, built) =
        build_edge_site_into("apache", &upstream.addr(), port, "Mon site/Été/../Été/out");
    assert!(built.status.success(), "{}", common::stderr(&built));
    let output = tmp.path().join("Mon site/Été/out");
    let snippet = common::read(&output.join("config/apache/planb.conf"));
    let alias = format!("Alias \"/_planb/\" \"{}/public/_planb/\"", output.display());
    assert!(snippet.contains(&alias), "{alias} in {snippet}");
    assert_served_from(tmp.path(), &output, &output.join("public"), port);
}

/// `edge.root` with `"`, `\`, `;`, `{`, `}`, `$`, `%` and `#` is quoted and serves (a backslash
/// doubled, as httpd reads `\\` inside quotes); with `${`, which httpd would expand, planb
/// refuses it, naming `edge.root`.
#[test]
fn a_root_with_quotes_braces_and_a_dollar_serves_and_a_variable_is_refused() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site) = common::site("edge");
    build_for_edge(tmp.path(), &site, &["apache"], &upstream.addr(), port, 1);
    let config = common::read(&site.join("planb.toml"));
    let with_root = |root: &Path| {
        // A TOML literal string: the path holds `"` and `\`, never `'`.
        let text = format!("{config}root = '{}'\n", root.display());
        std::fs::write(site.join("planb.toml"), text).unwrap();
    };
    let odd: PathBuf = tmp.path().join(r#"q"s\\;{b}$d%#"#).join("public");
    common::copy_dir(&site.join("output/public"), &odd);
    open_to_workers(odd.parent().unwrap());
    with_root(&odd);
    let built = rebuild(&site, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let snippet = common::read(&site.join("output/config/apache/planb.conf"));
    let quoted = format!(
        r#"<Directory "{}/q\"s\\\\;{{b}}$d%#/public/_planb/">"#,
        tmp.path().display()
    );
    assert!(snippet.contains(&quoted), "{quoted} in {snippet}");
    assert_served_from(tmp.path(), &site.join("output"), &odd, port);

    let root = tmp.path().join("${HOME}/public");
    with_root(&root);
    let refused = rebuild(&site, &[]);
    let err = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    let named = format!(
        "`edge.root`: Apache cannot read the pages from `{}`",
        root.display()
    );
    assert!(err.contains(&named), "{err}");
    assert!(err.contains("has no escape for it"), "{err}");
    assert!(err.contains("to a path without `${`"), "{err}");
}

/// `[[schedule]]` windows a few seconds from now: Apache (its mod_lua hook reading the epoch
/// clock) switches into each mode and back by itself, within a second of each instant, with no
/// restart; `apache2 -t` passes in every mode with the windows in it.
#[test]
fn apache_follows_the_schedule_by_itself() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest, at) = build_scheduled_site("apache", &upstream.addr(), port);
    let dir = site.join("output/config/apache");
    let run = tmp.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    let server = Server::start(&dir.join("example.conf"), &run, port);
    assert_scheduled_switches(port, &manifest, &site.join("output/public"), at);
    drop(server);
    assert_valid_in_every_mode(&dir, &run);
}

/// Every language of a bilingual site's pages, each at its own URL with its own headers, and
/// each visitor's `Accept-Language` answered with its language's page in every mode.
#[test]
fn apache_serves_each_language_of_a_bilingual_site() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) =
        build_fixture_for_edge("bilingual", &["apache"], &upstream.addr(), port);
    let run = tmp.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    let dir = site.join("output/config/apache");
    let conf = dir.join("example.conf");
    let _server = Server::start(&conf, &run, port);
    assert_languages_served_as(
        &site,
        port,
        &format!("http://localhost:{port}"),
        &["--resolve", "localhost:127.0.0.1"],
        "apache",
    );
    let public = site.join("output/public");
    assert_first_listed(port, &manifest, &public, "apache");
    // As the README says: copy a mode file over planb-mode.conf, then a graceful restart.
    let switch = |mode: &str| {
        let file = dir.join(format!("modes/{mode}.conf"));
        std::fs::copy(file, dir.join("planb-mode.conf")).unwrap();
        let out = apache(&conf, &run, &["-k", "graceful"]);
        assert!(out.status.success(), "graceful: {}", common::stderr(&out));
    };
    assert_formats_in_each_mode(port, &manifest, &public, switch, "apache");
    let url = format!("http://localhost:{port}");
    let verify_at = (url.as_str(), &["--resolve", "localhost:127.0.0.1"][..]);
    assert_languages_negotiated_as(
        port,
        &site,
        &manifest,
        switch,
        upstream,
        (503, 503),
        verify_at,
        "apache",
    );
    // The application is down now: an app gets the 503 page's twin.
    assert_format_when_down(port, (&manifest, &public), "/", 503, "apache");
}
