//! Caddy's shield against the real Caddy 2 (`[shield] capacity = 4, reserved = 2`, an application
//! taking 500 ms a request): strangers never have more than 2 requests in flight nor anybody more
//! than 4; every refused visitor gets planb's overflow page at once; a visitor holding the cookie
//! Caddy issued keeps getting through while strangers fill their share (a forged or expired
//! cookie does not); the application down gets planb's pages at once; the configuration
//! validates in every mode and `planb check` says what is approximate and what is missing.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::app::App;
use common::caddy::{Caddy, Env, validate_every_mode};
use common::edge::*;
use serde_json::Value;

const DELAY: Duration = Duration::from_millis(500);
const OVERFLOW: &str = "/_planb/overflow.html";
const SHIELD: &str = "\n[cache.catalogue]\nmax_age = 1\nstale_if_error = 3\n\n\
    [shield]\ncapacity = 4\nreserved = 2\nadmitted_for = 600\n\n\
    [[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n";

/// A site with the shield, built for Caddy in front of `app`, and the running Caddy.
struct Edge {
    _tmp: tempfile::TempDir,
    site: PathBuf,
    manifest: Value,
    port: u16,
    _caddy: Caddy,
}

impl Edge {
    fn start(app: &App) -> Edge {
        let (tmp, site) = common::site("edge");
        let toml = site.join("planb.toml");
        std::fs::write(&toml, common::read(&toml) + SHIELD).unwrap();
        let port = free_port();
        let manifest = build_for_edge(tmp.path(), &site, &["caddy"], &app.addr(), port, 2);
        let env = Env::new(tmp.path());
        let dir = site.join("output/config/caddy");
        let log = tmp.path().join("caddy.log");
        let caddy = Caddy::start(&require("caddy"), &env, &dir, port, log);
        Edge {
            _tmp: tmp,
            site,
            manifest,
            port,
            _caddy: caddy,
        }
    }

    fn public(&self) -> PathBuf {
        self.site.join("output/public")
    }

    /// The answer is the application's, or planb's overflow page with 503 (and then it came
    /// well before the application could have answered).
    fn app_or_overflow(&self, (r, took): &(Response, Duration), what: &str) -> bool {
        if r.status == 200 {
            assert_eq!(r.text(), "app ok", "{what}");
            return true;
        }
        assert_page(r, &self.manifest, &self.public(), OVERFLOW, 503, what);
        assert!(*took < DELAY, "{what}: the overflow page took {took:?}");
        false
    }
}

/// `n` visitors asking `path` at once with `headers`, each answer with the time it took.
fn timed_burst(port: u16, path: &str, n: usize, headers: &str) -> Vec<(Response, Duration)> {
    let barrier = Arc::new(Barrier::new(n));
    let threads: Vec<_> = (0..n)
        .map(|_| {
            let (path, headers, barrier) = (path.to_owned(), headers.to_owned(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let start = Instant::now();
                (get_with(port, &path, &headers), start.elapsed())
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

/// The `Cookie:` request line for the admission cookie Caddy set on `r`.
fn cookie_line(r: &Response) -> String {
    let set = r.header("Set-Cookie");
    let cookie = set
        .iter()
        .find(|c| c.starts_with("planb_admitted="))
        .unwrap_or_else(|| panic!("an admission cookie: {:?}", r.headers));
    assert!(cookie.contains("Max-Age=600"), "{cookie}");
    format!("Cookie: {}\r\n", cookie.split(';').next().unwrap())
}

#[test]
fn strangers_get_their_share_and_the_overflow_page_at_once() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app);
    let answers = timed_burst(edge.port, "/slow/x", 12, "");
    let served = answers
        .iter()
        .enumerate()
        .filter(|(i, a)| edge.app_or_overflow(a, &format!("stranger #{i}")))
        .count();
    assert!(app.peak() <= 2, "strangers in flight: {}", app.peak());
    assert!((1..=2).contains(&served), "served {served} of 12");
    // Room again once they are answered: the overflow page's promise is true.
    let r = get(edge.port, "/slow/x");
    assert_eq!((r.status, r.text().as_str()), (200, "app ok"));
}

#[test]
fn a_cookie_holder_gets_through_while_strangers_fill_their_share() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app);
    let port = edge.port;
    let first = get(port, "/page");
    assert_eq!(first.status, 200);
    let holder = cookie_line(&first);
    // Two strangers hold their whole share; then a holder, a stranger and two false holders ask.
    let strangers: Vec<_> = (0..2)
        .map(|_| std::thread::spawn(move || get(port, "/slow/s")))
        .collect();
    let start = Instant::now();
    while app.peak() < 2 && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(app.peak(), 2, "the two strangers are in flight");
    let ask = |headers: String| std::thread::spawn(move || get_with(port, "/slow/h", &headers));
    let held = ask(holder.clone());
    let stranger = ask(String::new());
    let forged = ask("Cookie: planb_admitted=forged\r\n".into());
    let expired = ask("Cookie: planb_admitted=1000000000\r\n".into());
    let r = held.join().unwrap();
    assert_eq!((r.status, r.text().as_str()), (200, "app ok"), "the holder");
    let public = edge.public();
    for (what, t) in [
        ("stranger", stranger),
        ("forged", forged),
        ("expired", expired),
    ] {
        assert_page(
            &t.join().unwrap(),
            &edge.manifest,
            &public,
            OVERFLOW,
            503,
            what,
        );
    }
    for s in strangers {
        assert_eq!(s.join().unwrap().text(), "app ok");
    }
    // Holders together never pass the capacity.
    let answers = timed_burst(port, "/slow/h", 10, &holder);
    let served = answers
        .iter()
        .enumerate()
        .filter(|(i, a)| edge.app_or_overflow(a, &format!("holder #{i}")))
        .count();
    assert!(app.peak() <= 4, "in flight: {}", app.peak());
    assert!(served >= 3, "holders served: {served} of 10");
}

#[test]
fn the_application_down_gets_planb_pages_at_once() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app);
    assert_eq!(get(edge.port, "/slow/x").text(), "app ok");
    drop(app);
    let (public, mut statuses) = (edge.public(), Vec::new());
    for i in 0..10 {
        let start = Instant::now();
        let r = get(edge.port, "/slow/x");
        let took = start.elapsed();
        assert!(took < Duration::from_millis(400), "down #{i} took {took:?}");
        // The request that finds it down: 502 and its page; for a second after: the overflow.
        let url = if r.status == 502 {
            "/_planb/errors/502.html"
        } else {
            OVERFLOW
        };
        assert_page(
            &r,
            &edge.manifest,
            &public,
            url,
            r.status,
            &format!("down #{i}"),
        );
        statuses.push(r.status);
    }
    assert_eq!(statuses[0], 502, "{statuses:?}");
}

fn check_output(site: &Path) -> String {
    let out = common::planb(site, &["check"]);
    common::stdout(&out) + &common::stderr(&out)
}

#[test]
fn with_a_shield_it_validates_in_every_mode_and_check_says_what_is_missing() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app);
    let dir = edge.site.join("output/config/caddy");
    validate_every_mode(&require("caddy"), &Env::new(edge._tmp.path()), &dir);
    let text = check_output(&edge.site);
    for expected in [
        "caddy: `caddy validate` accepts the configuration in every mode",
        "caddy: `shield.capacity` is approximate: not a cap under a burst",
        "caddy: `shield.cache` is not applied: Caddy 2.6 has no HTTP cache",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    let readme = common::read(&dir.join("README.md"));
    for said in ["forged", "roll_size", "unhealthy_request_count 4"] {
        assert!(readme.contains(said), "README: {said}");
    }
}
