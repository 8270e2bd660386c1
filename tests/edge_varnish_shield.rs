//! Varnish's shield against the real varnishd: a stale copy that survives the application's death
//! (the failed background fetch is abandoned, never stored over it), admission control with
//! priority for the cookie the edge issued, stale-first caching of `[[shield.cache]]` prefixes.
//! Small numbers, 127.0.0.1 only, every wait bounded.

mod common;
#[path = "varnishd/mod.rs"]
mod varnishd;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::app::App;
use common::edge::*;
use serde_json::Value;
use varnishd::Varnish;

/// A built edge site and the varnishd serving it.
struct Edge {
    _tmp: tempfile::TempDir,
    site: PathBuf,
    manifest: Value,
    port: u16,
    varnish: Option<Varnish>,
}

impl Edge {
    /// The edge fixture with `extra` appended to its `planb.toml`, built for Varnish in front of
    /// `app` (`edge.timeout` 5 s), and varnishd started with the example.
    fn start(app: &App, extra: &str) -> Edge {
        let (tmp, site) = common::site("edge");
        let toml = site.join("planb.toml");
        let text = format!("{}\n{extra}\n", common::read(&toml));
        std::fs::write(&toml, text).unwrap();
        let port = free_port();
        let manifest = build_for_edge(tmp.path(), &site, &["varnish"], &app.addr(), port, 5);
        let vcl = site.join("output/config/varnish/default.vcl");
        let varnish = Varnish::start(&vcl, &tmp.path().join("varnish"), port, "none");
        Edge {
            _tmp: tmp,
            site,
            manifest,
            port,
            varnish: Some(varnish),
        }
    }

    fn public(&self) -> PathBuf {
        self.site.join("output/public")
    }

    /// `r` is planb's page `url` with `status` and exactly the manifest's headers.
    fn assert_page(&self, r: &Response, url: &str, status: u16, what: &str) {
        assert_page(r, &self.manifest, &self.public(), url, status, what);
    }
}

impl Drop for Edge {
    fn drop(&mut self) {
        self.varnish.take();
    }
}

/// Asks `path` every 100 ms until `until` has passed; every answer's status and the start of
/// its body.
fn ask_for(port: u16, path: &str, until: Duration) -> Vec<(u16, String)> {
    let start = Instant::now();
    let mut out = Vec::new();
    while start.elapsed() < until {
        let r = get(port, path);
        out.push((r.status, r.text().chars().take(40).collect()));
        std::thread::sleep(Duration::from_millis(100));
    }
    out
}

/// The trap of a failed background fetch: `vcl_backend_error` used to store planb's 503 over the
/// stale copy, which then served one visitor only. Without `[shield]`, Varnish's own grace (10 s by
/// default) must keep serving the stale copy to every visitor after the application died.
#[test]
fn a_dead_application_leaves_the_stale_copy_to_every_visitor() {
    let app = App::start(Duration::from_millis(10));
    let edge = Edge::start(&app, "");
    let first = get(edge.port, "/catalogue/a");
    assert_eq!(first.text(), "catalogue /catalogue/a #1");
    assert_eq!(
        get(edge.port, "/catalogue/a").text(),
        first.text(),
        "cached"
    );
    drop(app);
    // max-age=1: from now on every answer is stale, and each starts a background fetch that fails.
    std::thread::sleep(Duration::from_millis(1200));
    let answers = ask_for(edge.port, "/catalogue/a", Duration::from_secs(3));
    assert!(answers.len() >= 10, "{answers:?}");
    for (status, body) in &answers {
        assert_eq!(
            (*status, body.as_str()),
            (200, "catalogue /catalogue/a #1"),
            "{answers:?}"
        );
    }
}

/// Without `[shield]`, the application down: a request nothing cached answers planb's 503 page at
/// once (a refused connection fails the fetch immediately), not after a timeout.
#[test]
fn a_dead_application_answers_the_503_page_at_once() {
    let app = App::start(Duration::from_millis(10));
    let edge = Edge::start(&app, "");
    drop(app);
    for path in ["/slow/x", "/anything"] {
        let start = Instant::now();
        let r = get(edge.port, path);
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{path}: {:?}",
            start.elapsed()
        );
        edge.assert_page(&r, "/_planb/errors/503.html", 503, path);
    }
}
