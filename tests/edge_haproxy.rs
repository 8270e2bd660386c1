//! HAProxy: the generated configuration against the real program (Debian's haproxy): its own
//! check, then end to end against an upstream that fails on purpose, in every mode, switched by
//! exactly the operation the generated README documents (copy a map file, reload with SIGUSR2).

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::edge::*;
use common::formats::{
    assert_format_ranked_by_q_value, assert_format_when_down, assert_formats_in_each_mode,
};
use common::languages::{assert_languages_negotiated, assert_ranked_by_q_value};
use planb::targets::haproxy;
use serde_json::Value;

/// A foreground HAProxy (`-db`), master-worker (`-W`) like Debian's service, so that SIGUSR2
/// reloads it as `systemctl reload haproxy` does. Stopped on drop.
struct Haproxy {
    child: Child,
    log: PathBuf,
}

impl Haproxy {
    fn start(config: &Path, dir: &Path, port: u16) -> Haproxy {
        let log = dir.join("haproxy.log");
        let out = File::create(&log).unwrap();
        let child = Command::new(require("haproxy"))
            .args(["-W", "-db", "-f"])
            .arg(config)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start haproxy");
        let h = Haproxy { child, log };
        assert!(
            wait_for_port(port, Duration::from_secs(10)),
            "haproxy did not listen on {port}: {}",
            h.log()
        );
        h
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} haproxy");
    }

    /// `kill -USR2` on the master, as the Debian service's reload does; returns once the master
    /// reports the new worker loaded.
    fn reload(&self) {
        let loaded = |log: &str| log.matches("Loading success.").count();
        let before = loaded(&self.log());
        self.signal("USR2");
        let start = Instant::now();
        while loaded(&self.log()) <= before {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "haproxy did not reload: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        // Never signal a process already reaped: its pid may belong to another one by now.
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        // SIGTERM lets the master stop its worker; SIGKILL if it takes too long.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn config_dir(site: &Path) -> PathBuf {
    site.join("output/config/haproxy")
}

#[test]
fn generated_config_passes_haproxy_check() {
    let haproxy = require("haproxy");
    let (_tmp, site, _manifest) = build_edge_site(&["haproxy"], "127.0.0.1:3999", free_port());
    let dir = config_dir(&site);
    // Run from elsewhere: `default-path config` makes the relative paths follow the file.
    let out = Command::new(&haproxy)
        .args(["-c", "-f"])
        .arg(dir.join("haproxy.cfg"))
        .current_dir("/")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "haproxy -c: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A broken file must fail the same check (so the check above is not vacuous).
    std::fs::write(
        dir.join("errors/503.http"),
        "HTTP/1.1 503 X\r\nContent-Length: 9\r\n\r\nshort",
    )
    .unwrap();
    let out = Command::new(&haproxy)
        .args(["-c", "-f"])
        .arg(dir.join("haproxy.cfg"))
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "haproxy -c accepted a broken errorfile"
    );
}

#[test]
fn end_to_end_every_mode() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) = build_edge_site(&["haproxy"], &upstream.addr(), port);
    let public = site.join("output/public");
    let dir = config_dir(&site);
    let haproxy = Haproxy::start(&dir.join("haproxy.cfg"), tmp.path(), port);

    // Normal mode: every upstream error gets its page; too slow (edge.timeout = 1 s): HAProxy answers 504 itself.
    assert_upstream_errors_mapped(port, &manifest, &public, 504);
    assert_verified(&site, port, "haproxy", "normal");
    // The pages at their own URL: the landing page with 200, the others with their status.
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
    let r = get(port, "/_planb/overflow.html");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.html",
        503,
        "overflow page URL",
    );

    // Landing mode, as the README says: copy mode-landing.map over planb-mode.map, reload.
    std::fs::copy(dir.join("mode-landing.map"), dir.join("planb-mode.map")).unwrap();
    haproxy.reload();
    let r = poll(port, "/", |r| r.status != 200);
    assert_eq!(r.status, 302, "landing mode: / ; {}", haproxy.log());
    assert_eq!(r.header("Location"), vec!["/_planb/landing.html"]);
    assert_verified(&site, port, "haproxy", "landing");
    let r = get(port, "/other");
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "upstream ok"),
        "landing mode: /other"
    );
    let r = get(port, "/status/502");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/502.html",
        502,
        "landing mode: 502",
    );

    // Overflow mode: everything gets the overflow page with 503, the upstream is not asked
    // (its 500 would become the 500 page).
    std::fs::copy(dir.join("mode-overflow.map"), dir.join("planb-mode.map")).unwrap();
    haproxy.reload();
    let r = poll(port, "/", |r| r.status != 302);
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.html",
        503,
        "overflow mode: /",
    );
    assert_verified(&site, port, "haproxy", "overflow");
    for path in ["/any/path", "/status/500", "/_planb/landing.html"] {
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

    // Back to normal, then the upstream down: HAProxy's own 503, with planb's 503 page.
    std::fs::copy(dir.join("mode-normal.map"), dir.join("planb-mode.map")).unwrap();
    haproxy.reload();
    let r = poll(port, "/", |r| r.status == 200);
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "upstream ok"),
        "normal again"
    );
    drop(upstream);
    let r = get(port, "/");
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

/// `haproxy::raw_limit` is exactly what HAProxy takes: a page padded to the limit loads without
/// a warning and is served whole; one byte more and HAProxy warns that the file runs over the room
/// kept for rewriting headers.
#[test]
fn size_limit_is_haproxy_s() {
    let (tmp, site, manifest) = build_edge_site(&["haproxy"], "127.0.0.1:3999", free_port());
    let url = "/_planb/overflow.html";
    let e = entry(&manifest, url);
    let mut page = planb::targets::EdgePage {
        url: url.to_owned(),
        kind: planb::content::Kind::Overflow,
        status: 503,
        json: Vec::new(),
        variants: vec![planb::targets::Variant {
            lang: "en".into(),
            file: e["file"].as_str().unwrap().to_owned(),
            headers: e["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(n, v)| (n.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
            body: std::fs::read(site.join("output/public").join(e["file"].as_str().unwrap()))
                .unwrap(),
        }],
        policy: planb::cache::Policy::default(),
        retry_after: Some(60),
        source: "content/overflow.md".into(),
    };
    let limit = haproxy::raw_limit(&page);
    while haproxy::raw_response(&page).len() < limit {
        page.variants[0].body.push(b' ');
    }
    assert_eq!(haproxy::raw_response(&page).len(), limit);
    assert_eq!(haproxy::htx_size(&page), haproxy::ERRORFILE_ROOM);

    let run = |name: &str, page: &planb::targets::EdgePage| -> (String, Response) {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("page.http"), haproxy::raw_response(page)).unwrap();
        let port = free_port();
        let dead = free_port();
        std::fs::write(
            dir.join("haproxy.cfg"),
            format!(
                "defaults\n  mode http\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\n  retries 0\n\
                 frontend f\n  bind 127.0.0.1:{port}\n  errorfile 503 {}\n  default_backend b\n\
                 backend b\n  server s 127.0.0.1:{dead}\n",
                dir.join("page.http").display()
            ),
        )
        .unwrap();
        let h = Haproxy::start(&dir.join("haproxy.cfg"), &dir, port);
        let r = get(port, "/");
        (h.log(), r)
    };
    let (log, r) = run("at-limit", &page);
    assert!(!log.contains("runs over"), "at the limit: {log}");
    assert_eq!(r.status, 503);
    assert!(
        r.body == page.variants[0].body,
        "at the limit: the page is served whole"
    );

    page.variants[0].body.push(b' ');
    let (log, _) = run("over-limit", &page);
    assert!(
        log.contains("runs over the buffer space reserved to headers rewriting"),
        "one byte over: {log}"
    );
}

/// A page whose response does not fit HAProxy's buffer fails the build, naming the page and the
/// sizes; the previous output stays as it was.
#[test]
fn page_too_big_for_haproxy_fails_the_build() {
    let (_tmp, site) = common::site("edge");
    let config = format!(
        "{}\n[edge]\ntargets = [\"haproxy\"]\n",
        common::read(&site.join("planb.toml"))
    );
    std::fs::write(site.join("planb.toml"), config).unwrap();
    // Text compresses well: within planb's budget (gzip), far over HAProxy's raw limit.
    let words = "We are full, come back in a few minutes. ".repeat(500);
    std::fs::write(
        site.join("content/overflow.md"),
        format!("+++\ntitle = \"Come back soon\"\n+++\n\n{words}\n"),
    )
    .unwrap();
    let out = common::planb(&site, &["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(
        err.contains("content/overflow.md: error: the page /_planb/overflow.html is too big for HAProxy: its response (errors/overflow.http) is "),
        "{err}"
    );
    assert!(
        err.contains("bytes, and HAProxy serves at most ")
            && err.contains(
                "(tune.bufsize 16384 less tune.maxrewrite 1024 and HAProxy's own bookkeeping)"
            ),
        "{err}"
    );
    assert!(err.contains("bytes lighter before compression"), "{err}");
    assert!(
        !site.join("output").exists(),
        "a failed build writes nothing"
    );
}

/// Builds the edge fixture for HAProxy with `planb build --out OUT` (`out` relative to the
/// temporary folder), `[edge]` as `build_for_edge` writes it: the default root is then OUT's
/// `public/`, whatever its name. Returns the temporary folder, the output folder and the manifest.
fn build_into(out: &str, upstream: &str, listen: u16) -> (tempfile::TempDir, PathBuf, Value) {
    let (tmp, _site, out, run) = build_edge_site_into("haproxy", upstream, listen, out);
    assert!(run.status.success(), "build: {}", common::stderr(&run));
    let out = out.canonicalize().unwrap();
    let manifest = serde_json::from_str(&common::read(&out.join("manifest.json"))).unwrap();
    (tmp, out, manifest)
}

/// `haproxy -c` accepts the configuration in every mode, run from elsewhere.
fn assert_valid_in_every_mode(dir: &Path) {
    for mode in ["landing", "overflow", "normal"] {
        std::fs::copy(
            dir.join(format!("mode-{mode}.map")),
            dir.join("planb-mode.map"),
        )
        .unwrap();
        let out = Command::new(require("haproxy"))
            .args(["-c", "-f"])
            .arg(dir.join("haproxy.cfg"))
            .current_dir("/")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "haproxy -c, mode {mode}, in {}: {}{}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The output folder's name never reaches haproxy.cfg (its paths are relative to its folder):
/// checked and served from the folder `name`, which is `tail` once resolved.
fn serves_from(name: &str, tail: &str) {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, out, manifest) = build_into(name, &upstream.addr(), port);
    assert!(out.ends_with(tail), "{}", out.display());
    let dir = out.join("config/haproxy");
    assert_valid_in_every_mode(&dir);
    let _haproxy = Haproxy::start(&dir.join("haproxy.cfg"), tmp.path(), port);
    let r = get(port, "/status/502");
    let public = out.join("public");
    assert_page(&r, &manifest, &public, "/_planb/errors/502.html", 502, name);
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

/// `[[schedule]]` windows a few seconds from now: HAProxy switches into each mode and back by
/// itself, within a second of each instant, with no reload.
#[test]
fn haproxy_follows_the_schedule_by_itself() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest, at) = build_scheduled_site("haproxy", &upstream.addr(), port);
    let dir = config_dir(&site);
    let _haproxy = Haproxy::start(&dir.join("haproxy.cfg"), tmp.path(), port);
    assert_scheduled_switches(port, &manifest, &site.join("output/public"), at);
}

/// Every language of a bilingual site's pages, each at its own URL with its own headers, and
/// each visitor's `Accept-Language` answered with its language's page in every mode, ranked by
/// q-value (the application down: once its health check says so).
#[test]
fn haproxy_serves_each_language_of_a_bilingual_site() {
    let upstream = Upstream::start();
    let port = free_port();
    let (tmp, site, manifest) =
        build_fixture_for_edge("bilingual", &["haproxy"], &upstream.addr(), port);
    let dir = config_dir(&site);
    let haproxy = Haproxy::start(&dir.join("haproxy.cfg"), tmp.path(), port);
    assert_languages_served(&site, port, "haproxy");
    let public = site.join("output/public");
    assert_ranked_by_q_value(port, &manifest, &public, "haproxy");
    // HAProxy's `language` converter ranks Accept too; on a tie, the first listed.
    let twin = "/_planb/errors/503.json";
    assert_format_ranked_by_q_value(port, &manifest, &public, twin, "haproxy");
    // As the README says: copy mode-<mode>.map over planb-mode.map, reload.
    let switch = |mode: &str| {
        let file = dir.join(format!("mode-{mode}.map"));
        std::fs::copy(file, dir.join("planb-mode.map")).unwrap();
        haproxy.reload();
    };
    assert_formats_in_each_mode(port, &manifest, &public, switch, "haproxy");
    assert_languages_negotiated(
        port,
        &site,
        &manifest,
        switch,
        upstream,
        (503, 503),
        "haproxy",
    );
    // The application is down, and its health check says so: an app gets the 503 page's twin.
    assert_format_when_down(port, (&manifest, &public), "/", 503, "haproxy");
}
