//! The shield against the real nginx, started with the generated example in front of an
//! application that counts what it has in flight (`common::app`): admission control never lets
//! more than `capacity` requests through and answers the rest with the overflow page at once, a
//! visitor holding the signed cookie nginx issued keeps priority (a forged or expired one does
//! not), the application down answers planb's page at once, and the configuration validates in
//! every mode with `[shield]` set.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::app::{App, burst, timed_burst};
use common::edge::*;
use common::nginx::{Server, nginx};
use serde_json::Value;

const CAPACITY: usize = 4;
const STRANGERS: usize = 2;
const DELAY: Duration = Duration::from_millis(500);
const SECRET: &str = "a-test-secret-of-enough-length";
const SHIELD: &str = "\n[shield]\ncapacity = 4\nreserved = 2\nadmitted_for = 600\n";

/// A built edge site with `shield` appended to its `planb.toml`, and nginx running its example
/// with the admission secret in its environment.
struct Edge {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    public: PathBuf,
    manifest: Value,
    port: u16,
    server: Server,
}

fn start(app: &App, shield: &str) -> Edge {
    let (tmp, site) = common::site("edge");
    let toml = site.join("planb.toml");
    // The cache's hop listens on a port of its own, free like the edge's.
    let hop = format!("[shield]\nhop = \"127.0.0.1:{}\"\n", free_port());
    let shield = shield.replacen("[shield]\n", &hop, 1);
    std::fs::write(&toml, format!("{}{shield}", common::read(&toml))).unwrap();
    let port = free_port();
    let manifest = build_for_edge(tmp.path(), &site, &["nginx"], &app.addr(), port, 5);
    let dir = site.join("output/config/nginx");
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let env = [("PLANB_ADMISSION_SECRET", SECRET)];
    let server = Server::start_with_env(&prefix, &dir.join("example.conf"), port, &env);
    Edge {
        _tmp: tmp,
        public: site.join("output/public"),
        dir,
        manifest,
        port,
        server,
    }
}

impl Edge {
    /// The answer is the overflow page with 503 and exactly the manifest's headers.
    fn assert_overflow(&self, r: &Response, what: &str) {
        assert_page(
            r,
            &self.manifest,
            &self.public,
            "/_planb/overflow.html",
            503,
            what,
        );
    }
}

#[test]
fn strangers_beyond_their_share_get_the_overflow_page_at_once() {
    let app = App::start(DELAY);
    let edge = start(&app, SHIELD);
    let answers = timed_burst(edge.port, "/slow/x", 3 * CAPACITY, "");
    let mut admitted = 0;
    for (r, took) in &answers {
        if r.status == 200 {
            assert_eq!(r.text(), "app ok");
            admitted += 1;
        } else {
            edge.assert_overflow(r, "a stranger beyond the share");
            assert!(*took < DELAY, "the overflow answer took {took:?}");
        }
    }
    assert!(app.peak() <= STRANGERS, "peak {} > {STRANGERS}", app.peak());
    assert_eq!(admitted, STRANGERS, "log: {}", edge.server.log());
}

/// The cookie nginx issued on an answer it let through: `planb_admitted=<expiry>.<signature>`.
fn issued_cookie(edge: &Edge) -> String {
    let r = get(edge.port, "/fast");
    assert_eq!(r.status, 200);
    let set = r.header("Set-Cookie");
    assert_eq!(set.len(), 1, "{:?}", r.headers);
    assert!(
        set[0].contains("; Max-Age=600; Path=/; HttpOnly"),
        "{}",
        set[0]
    );
    set[0].split(';').next().unwrap().to_owned()
}

#[test]
fn a_visitor_holding_the_cookie_gets_through_while_strangers_fill_their_share() {
    let app = App::start(DELAY);
    let edge = start(&app, SHIELD);
    let cookie = issued_cookie(&edge);
    let (name, value) = cookie.split_once('=').unwrap();
    assert_eq!(name, "planb_admitted");
    let holder = format!("Cookie: {cookie}\r\n");
    // A holder already has a valid cookie: nginx issues none again.
    assert!(
        get_with(edge.port, "/fast", &holder)
            .header("Set-Cookie")
            .is_empty()
    );
    let (exp, sig) = value.split_once('.').unwrap();
    // Signed as HAProxy checks it (tests/edge_haproxy_shield.rs takes the same cookie): with one
    // PLANB_ADMISSION_SECRET, a cookie one server issued is valid at the other.
    let expiry = exp.parse().unwrap();
    assert_eq!(
        cookie,
        common::app::admission_cookie(SECRET.as_bytes(), expiry)
    );
    // The same expiry with another signature, and an old expiry with the real one.
    let other = if sig.starts_with('A') { "B" } else { "A" };
    let forged = format!("Cookie: planb_admitted={exp}.{other}{}\r\n", &sig[1..]);
    let expired = format!("Cookie: planb_admitted=1000000000.{sig}\r\n");

    // Strangers fill their share with slow requests; the holder still gets through, the
    // forged and expired cookies count as strangers.
    let port = edge.port;
    let strangers: Vec<_> = (0..STRANGERS)
        .map(|_| std::thread::spawn(move || get(port, "/slow/s")))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(5);
    while app.served("/slow/s") < STRANGERS && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    for (headers, what) in [
        ("", "stranger"),
        (&forged[..], "forged"),
        (&expired[..], "expired"),
    ] {
        let r = get_with(edge.port, "/fast", headers);
        edge.assert_overflow(&r, what);
        assert!(
            r.header("Set-Cookie").is_empty(),
            "{what}: no cookie on the overflow page"
        );
    }
    let r = get_with(edge.port, "/slow/holder", &holder);
    assert_eq!((r.status, r.text().as_str()), (200, "app ok"), "holder");
    for s in strangers {
        assert_eq!(s.join().unwrap().status, 200);
    }
    // Holders alone: never more than capacity at once.
    let answers = burst(edge.port, "/slow/h", 3 * CAPACITY, &holder);
    assert_eq!(answers.iter().filter(|r| r.status == 200).count(), CAPACITY);
    for r in answers.iter().filter(|r| r.status != 200) {
        edge.assert_overflow(r, "holder beyond capacity");
    }
    assert!(app.peak() <= CAPACITY, "peak {}", app.peak());
}

#[test]
fn the_application_down_answers_planb_page_at_once() {
    let app = App::start(DELAY);
    let edge = start(&app, SHIELD);
    assert_eq!(get(edge.port, "/fast").status, 200);
    drop(app);
    for _ in 0..5 {
        let start = Instant::now();
        let r = get(edge.port, "/slow/x");
        let page = "/_planb/errors/502.html";
        assert_page(
            &r,
            &edge.manifest,
            &edge.public,
            page,
            502,
            "application down",
        );
        assert!(start.elapsed() < DELAY, "took {:?}", start.elapsed());
    }
    // crit: the refused connects wrote no error line.
    assert!(
        !edge.server.log().contains("connect() failed"),
        "{}",
        edge.server.log()
    );
}

#[test]
fn the_configuration_passes_nginx_t_in_every_mode_with_and_without_the_shield() {
    let both = CACHE.replace("[shield]\n", "[shield]\ncapacity = 4\nreserved = 2\n");
    for shield in [SHIELD, "", &both] {
        let app = App::start(DELAY);
        let edge = start(&app, shield);
        let has = |name: &str| edge.dir.join(name).exists();
        assert_eq!(has("planb-admission.conf"), !shield.is_empty(), "{shield}");
        assert_eq!(has("planb-admission.js"), !shield.is_empty(), "{shield}");
        let example = common::read(&edge.dir.join("example.conf"));
        assert_eq!(
            example.contains("ngx_http_js_module.so"),
            !shield.is_empty()
        );
        let prefix = edge.dir.join("validate");
        std::fs::create_dir_all(&prefix).unwrap();
        for mode in ["normal", "landing", "overflow"] {
            std::fs::copy(
                edge.dir.join(format!("modes/{mode}.conf")),
                edge.dir.join("planb-mode.conf"),
            )
            .unwrap();
            let out = nginx(&prefix, &edge.dir.join("example.conf"), &["-t"]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{mode} {shield}: {err}");
        }
    }
}

const CACHE: &str = "\n[cache.catalogue]\nmax_age = 2\nstale_if_error = 3\n\n\
                     [shield]\n[[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n";

#[test]
fn a_cached_route_collapses_misses_and_serves_stale_when_the_application_fails() {
    let app = App::start(DELAY);
    let edge = start(&app, CACHE);
    let answers = burst(edge.port, "/catalogue/a", 20, "");
    let fetched = Instant::now();
    for r in &answers {
        assert_eq!(
            (r.status, r.text().as_str()),
            (200, "catalogue /catalogue/a #1")
        );
        // The route's policy, not the application's `max-age=1`: the hop wrote it.
        assert_eq!(
            r.header("Cache-Control"),
            vec!["public, max-age=2, stale-if-error=3"]
        );
    }
    assert_eq!(
        app.served("/catalogue/a"),
        1,
        "20 cold misses, one application request"
    );
    // Expired (max-age=2) and the application failing: the stale copy, at once.
    std::thread::sleep(Duration::from_millis(2500));
    app.fail(true);
    for _ in 0..3 {
        let r = get(edge.port, "/catalogue/a");
        assert_eq!(r.text(), "catalogue /catalogue/a #1", "application failing");
    }
    drop(app);
    let r = get(edge.port, "/catalogue/a");
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "catalogue /catalogue/a #1"),
        "down"
    );
    // Asked every 100 ms, the copy still runs out max_age + stale_if_error (5 s) after it was
    // fetched (nginx counts whole seconds), then planb's page: visitors asking do not keep it.
    let r = loop {
        let r = get(edge.port, "/catalogue/a");
        if r.status != 200 || fetched.elapsed() > Duration::from_secs(12) {
            break r;
        }
        assert_eq!(r.text(), "catalogue /catalogue/a #1");
        std::thread::sleep(Duration::from_millis(100));
    };
    let ran_out = fetched.elapsed();
    assert!(
        ran_out > Duration::from_secs(4) && ran_out < Duration::from_secs(8),
        "the stale copy ran out {ran_out:?} after it was fetched, not about 5 s"
    );
    let page = "/_planb/errors/502.html";
    assert_page(
        &r,
        &edge.manifest,
        &edge.public,
        page,
        502,
        "stale copy run out",
    );
}

#[test]
fn cache_misses_count_against_admission() {
    let app = App::start(DELAY);
    let edge = start(
        &app,
        &format!("{SHIELD}{}", CACHE.replace("[shield]\n", "")),
    );
    // Cold URLs, each its own miss: strangers get their share, the rest the overflow page.
    let answers = timed_burst(edge.port, "/catalogue/cold-{i}", 3 * CAPACITY, "");
    let admitted = answers.iter().filter(|(r, _)| r.status == 200).count();
    for (r, took) in answers.iter().filter(|(r, _)| r.status != 200) {
        edge.assert_overflow(r, "a refused miss");
        assert!(*took < DELAY, "the overflow answer took {took:?}");
    }
    assert!(app.peak() <= STRANGERS, "peak {} > {STRANGERS}", app.peak());
    assert_eq!(admitted, STRANGERS);
}

#[test]
fn requests_a_cached_route_sends_to_the_application_count_against_admission() {
    let app = App::start(DELAY);
    let edge = start(
        &app,
        &format!("{SHIELD}{}", CACHE.replace("[shield]\n", "")),
    );
    // Private requests (a session cookie, Authorization) on a cached prefix go to the
    // application: strangers get their share, the rest the overflow page at once.
    for (headers, what) in [
        ("Cookie: sid=1\r\n", "a session cookie"),
        ("Authorization: Basic eDp5\r\n", "Authorization"),
    ] {
        let answers = timed_burst(edge.port, "/catalogue/private-burst", 3 * CAPACITY, headers);
        let admitted = answers.iter().filter(|(r, _)| r.status == 200).count();
        for (r, took) in answers.iter().filter(|(r, _)| r.status != 200) {
            edge.assert_overflow(r, what);
            assert!(*took < DELAY, "{what}: the overflow answer took {took:?}");
        }
        assert!(
            app.peak() <= STRANGERS,
            "{what}: peak {} > {STRANGERS}",
            app.peak()
        );
        assert_eq!(admitted, STRANGERS, "{what}");
    }
    // A cache hit takes no admission slot: with every slot held, the cached copy still answers.
    let warm = get(edge.port, "/catalogue/hit");
    assert_eq!(warm.text(), "catalogue /catalogue/hit #1");
    let holders: Vec<_> = (0..STRANGERS)
        .map(|_| std::thread::spawn(move || get(edge.port, "/slow/hold")))
        .collect();
    app.wait_in_flight(STRANGERS);
    let r = get(edge.port, "/catalogue/hit");
    assert_eq!(
        r.text(),
        "catalogue /catalogue/hit #1",
        "a hit while the share is full"
    );
    // ...while a POST on the cached route, which goes to the application, is refused.
    edge.assert_overflow(&post(edge.port, "/catalogue/order"), "a POST, share full");
    edge.assert_overflow(
        &post(edge.port, "/slow/order"),
        "a POST to the application, share full",
    );
    for h in holders {
        assert_eq!(h.join().unwrap().status, 200);
    }
}

#[test]
fn the_admission_cookie_never_goes_on_an_answer_a_shared_cache_may_store() {
    let app = App::start(Duration::from_millis(50));
    let edge = start(&app, SHIELD);
    let r = get(edge.port, "/public/page");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Cache-Control"), vec!["public, max-age=60"]);
    assert!(
        r.header("Set-Cookie").is_empty(),
        "a CDN would hand this cookie to everyone: {:?}",
        r.headers
    );
    // A private answer still gets it.
    issued_cookie(&edge);
}

#[test]
fn private_answers_and_requests_never_come_from_the_cache() {
    let app = App::start(Duration::from_millis(50));
    let edge = start(&app, CACHE);
    for n in 1..=2 {
        let r = get(edge.port, "/catalogue/private");
        assert_eq!(
            r.text(),
            format!("catalogue /catalogue/private #{n}"),
            "Set-Cookie"
        );
    }
    for (headers, path) in [
        ("Authorization: x\r\n", "/catalogue/auth"),
        ("Cookie: sid=1\r\n", "/catalogue/sid"),
        ("Cookie: a=1; shop_session=2\r\n", "/catalogue/rails"),
    ] {
        for n in 1..=2 {
            let r = get_with(edge.port, path, headers);
            assert_eq!(r.text(), format!("catalogue {path} #{n}"), "{headers}");
        }
    }
    // The admission cookie is not a session cookie: still cached.
    for _ in 0..2 {
        let r = get_with(
            edge.port,
            "/catalogue/adm",
            "Cookie: planb_admitted=1.x\r\n",
        );
        assert_eq!(r.text(), "catalogue /catalogue/adm #1");
    }
    for _ in 0..2 {
        assert_eq!(post(edge.port, "/catalogue/post").status, 200);
    }
    assert_eq!(app.served("/catalogue/post"), 2, "POST is never cached");
}
