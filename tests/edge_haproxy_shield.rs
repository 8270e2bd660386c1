//! HAProxy's shield against the real program: the generated example, started on 127.0.0.1 in front
//! of an application that counts its requests in flight (capacity 4, 2 of them reserved for
//! admitted visitors, each request taking 500 ms). Admission never lets more than the capacity
//! through and answers the rest with the overflow page at once; the signed cookie gives
//! priority, a forged or expired one does not; a dead application gets the 503 page at once;
//! HAProxy caches nothing (planb says so); the logs are sampled.

mod common;

use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::app::{App, timed_burst};
use common::edge::*;
use serde_json::Value;

/// The key the tests give HAProxy (`PLANB_ADMISSION_SECRET`, as nginx takes it) and its bytes.
const SECRET: &str = "secret-for-tests";
const KEY: &[u8] = SECRET.as_bytes();
const DELAY: Duration = Duration::from_millis(500);
const SHIELD: &str = "[cache.catalogue]\nmax_age = 1\nstale_if_error = 3\n\n\
     [shield]\ncapacity = 4\nreserved = 2\nadmitted_for = 600\n\n\
     [[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n";

/// A foreground HAProxy with the key in its environment; stopped on drop.
struct Haproxy {
    child: Child,
    log: PathBuf,
}

impl Haproxy {
    fn start(dir: &Path, port: u16) -> Haproxy {
        let log = dir.join("haproxy.log");
        let out = File::create(&log).unwrap();
        let child = Command::new(require("haproxy"))
            .args(["-db", "-f"])
            .arg(dir.join("haproxy.cfg"))
            .env("PLANB_ADMISSION_SECRET", SECRET)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start haproxy");
        let h = Haproxy { child, log };
        assert!(wait_for_port(port, Duration::from_secs(10)), "{}", h.log());
        h
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The edge fixture with `shield` added, built for HAProxy in front of `app`.
fn build(shield: &str, app: &str, port: u16) -> (tempfile::TempDir, PathBuf, Value) {
    let (tmp, site) = common::site("edge");
    let config = format!("{}\n{shield}", common::read(&site.join("planb.toml")));
    std::fs::write(site.join("planb.toml"), config).unwrap();
    let manifest = build_for_edge(tmp.path(), &site, &["haproxy"], app, port, 1);
    (tmp, site, manifest)
}

/// `GET path` with `headers`, and how long it took.
fn timed(port: u16, path: &str, headers: &str) -> (Response, Duration) {
    let start = Instant::now();
    let r = get_with(port, path, headers);
    (r, start.elapsed())
}

/// The cookie `planb_admitted=<expiry>.<signature>` the edge would issue for `expiry`.
fn signed(expiry: u64) -> String {
    common::app::admission_cookie(KEY, expiry)
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn cookie_header(cookie: &str) -> String {
    format!("Cookie: {cookie}\r\n")
}

#[test]
fn a_burst_of_strangers_gets_their_share_and_the_overflow_page_at_once() {
    let app = App::start(DELAY);
    let port = free_port();
    let (tmp, site, manifest) = build(SHIELD, &app.addr(), port);
    let public = site.join("output/public");
    let _haproxy = Haproxy::start(&site.join("output/config/haproxy"), port);
    let _ = tmp;

    let answers = timed_burst(port, "/slow/x", 12, "");
    let mut admitted = 0;
    for (r, took) in &answers {
        if r.status == 200 {
            assert_eq!(r.text(), "app ok");
            admitted += 1;
        } else {
            assert_page(
                r,
                &manifest,
                &public,
                "/_planb/overflow.html",
                503,
                "refused",
            );
            assert!(*took < DELAY, "the overflow page took {took:?}");
        }
    }
    assert!(app.peak() <= 2, "strangers alone: peak {}", app.peak());
    assert!((1..=2).contains(&admitted), "{admitted} strangers admitted");

    // Whoever accepts gzip gets the bundle's own `.gz` of the overflow page, byte for byte, with
    // the headers the manifest lists for it (so a benchmark or `verify` can check the answer).
    let holders: Vec<_> = (0..2)
        .map(|_| std::thread::spawn(move || get(port, "/slow/y")))
        .collect();
    app.wait_in_flight(2);
    let (r, took) = timed(port, "/slow/z", "Accept-Encoding: gzip\r\n");
    assert!(took < DELAY, "{took:?}");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.html.gz",
        503,
        "gzip",
    );
    let mut html = Vec::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_end(&mut html)
        .unwrap();
    let plain = Response { body: html, ..r };
    assert_page(
        &plain,
        &manifest,
        &public,
        "/_planb/overflow.html",
        503,
        "gzip, decoded",
    );
    // An app refused gets the overflow page's JSON twin (never gzipped).
    let (r, took) = timed(
        port,
        "/slow/w",
        "Accept: application/json\r\nAccept-Encoding: gzip\r\n",
    );
    assert!(took < DELAY, "{took:?}");
    let app_refused = "an app refused";
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.json",
        503,
        app_refused,
    );
    for h in holders {
        h.join().unwrap();
    }
    assert!(app.peak() <= 4);
}

#[test]
fn an_admitted_visitor_keeps_getting_through_and_a_forged_cookie_does_not() {
    let app = App::start(DELAY);
    let port = free_port();
    let (_tmp, site, manifest) = build(SHIELD, &app.addr(), port);
    let public = site.join("output/public");
    let _haproxy = Haproxy::start(&site.join("output/config/haproxy"), port);

    // An answer the edge let through issues the cookie, signed as the README says.
    let r = get(port, "/welcome");
    let set = r.header("Set-Cookie");
    assert_eq!(set.len(), 1, "{:?}", r.headers);
    let issued = set[0].split(';').next().unwrap().to_owned();
    let expiry: u64 = issued["planb_admitted=".len()..]
        .split('.')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((now() + 595..=now() + 600).contains(&expiry), "{issued}");
    assert_eq!(
        issued,
        signed(expiry),
        "HMAC-SHA256 of the expiry, base64url"
    );
    assert!(
        set[0].contains("Max-Age=600; Path=/; HttpOnly"),
        "{}",
        set[0]
    );

    // Two strangers fill their share.
    let slow = |headers: String| std::thread::spawn(move || get_with(port, "/slow/a", &headers));
    let strangers: Vec<_> = (0..2).map(|_| slow(String::new())).collect();
    app.wait_in_flight(2);
    let forged = format!("{}x", &issued[..issued.len() - 1]);
    let later = format!(
        "planb_admitted={}.{}",
        expiry + 999,
        issued.split('.').nth(1).unwrap()
    );
    for (who, headers) in [
        ("a stranger", String::new()),
        ("a forged signature", cookie_header(&forged)),
        ("an altered expiry", cookie_header(&later)),
        ("an expired cookie", cookie_header(&signed(now() - 1))),
    ] {
        let (r, took) = timed(port, "/slow/b", &headers);
        assert_page(&r, &manifest, &public, "/_planb/overflow.html", 503, who);
        assert!(took < DELAY, "{who}: {took:?}");
    }
    // The holder, and another with a cookie signed with the key, take the reserved places...
    let holders = [
        slow(cookie_header(&issued)),
        slow(cookie_header(&signed(now() + 60))),
    ];
    app.wait_in_flight(4);
    // ...and the capacity is full, even for a holder.
    let (r, took) = timed(port, "/slow/c", &cookie_header(&issued));
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/overflow.html",
        503,
        "capacity full",
    );
    assert!(took < DELAY);
    for h in holders {
        let r = h.join().unwrap();
        assert_eq!((r.status, r.text().as_str()), (200, "app ok"), "holder");
        assert!(
            r.header("Set-Cookie").is_empty(),
            "a holder gets no new cookie"
        );
    }
    for s in strangers {
        assert_eq!(s.join().unwrap().status, 200);
    }
    assert_eq!(app.peak(), 4);
}

#[test]
fn the_admission_cookie_never_goes_on_an_answer_a_shared_cache_may_store() {
    let app = App::start(DELAY);
    let port = free_port();
    let (_tmp, site, _manifest) = build(SHIELD, &app.addr(), port);
    let _haproxy = Haproxy::start(&site.join("output/config/haproxy"), port);
    let r = get(port, "/public/page");
    assert_eq!(r.header("Cache-Control"), vec!["public, max-age=60"]);
    assert!(
        r.header("Set-Cookie").is_empty(),
        "a CDN would hand this cookie to everyone: {:?}",
        r.headers
    );
    assert_eq!(get(port, "/welcome").header("Set-Cookie").len(), 1);
}

#[test]
fn a_dead_application_gets_the_503_page_at_once_and_logs_are_sampled() {
    let app = App::start(DELAY);
    let port = free_port();
    let (_tmp, site, manifest) = build(SHIELD, &app.addr(), port);
    let public = site.join("output/public");
    let haproxy = Haproxy::start(&site.join("output/config/haproxy"), port);

    for _ in 0..20 {
        assert_eq!(get(port, "/fine").status, 200);
    }
    app.fail(true);
    let r = get(port, "/failing");
    assert_page(
        &r,
        &manifest,
        &public,
        "/_planb/errors/500.html",
        500,
        "app 500",
    );
    drop(app);
    // Refused at once, then marked down by the health check: the 503 page, never a wait.
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        let (r, took) = timed(port, "/anything", "");
        assert_page(
            &r,
            &manifest,
            &public,
            "/_planb/errors/503.html",
            503,
            "app down",
        );
        assert!(took < Duration::from_millis(300), "the 503 took {took:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    // 1 request in 100 is logged, every 5xx of the application is.
    let log = haproxy.log();
    let lines = log.lines().filter(|l| l.contains(" HTTP/1.1\"")).count();
    assert!(log.contains("\"GET /failing HTTP/1.1\""), "{log}");
    assert!(lines < 15, "{lines} of about 50 requests logged: {log}");
}

#[test]
fn haproxy_caches_nothing_and_planb_check_says_so() {
    let app = App::start(Duration::from_millis(10));
    let port = free_port();
    let (_tmp, site, _manifest) = build(SHIELD, &app.addr(), port);
    let _haproxy = Haproxy::start(&site.join("output/config/haproxy"), port);
    for _ in 0..3 {
        assert_eq!(get(port, "/catalogue/a").status, 200);
    }
    assert_eq!(
        app.served("/catalogue/a"),
        3,
        "every request reaches the application"
    );
    let out = common::planb(&site, &["check"]);
    let err = format!("{}{}", common::stdout(&out), common::stderr(&out));
    assert!(
        err.contains("haproxy: `shield.cache` is not applied: HAProxy's cache keeps no stale copy"),
        "{err}"
    );
    assert!(
        err.contains("haproxy: `shield.capacity` is approximate: HAProxy counts"),
        "{err}"
    );
}

/// `haproxy -c` in every mode, with `[shield]` and without; with `[shield]` and no key, HAProxy
/// refuses to start and says why.
#[test]
fn every_mode_passes_haproxy_check_and_a_missing_key_is_refused() {
    for shield in [SHIELD, ""] {
        let (_tmp, site, _) = build(shield, "127.0.0.1:3999", free_port());
        let dir = site.join("output/config/haproxy");
        let check = |mode: &str, key: Option<&str>| {
            std::fs::copy(
                dir.join(format!("mode-{mode}.map")),
                dir.join("planb-mode.map"),
            )
            .unwrap();
            let mut c = Command::new(require("haproxy"));
            c.args(["-c", "-f"])
                .arg(dir.join("haproxy.cfg"))
                .env_remove("PLANB_ADMISSION_SECRET");
            if let Some(k) = key {
                c.env("PLANB_ADMISSION_SECRET", k);
            }
            c.output().unwrap()
        };
        for mode in ["landing", "overflow", "normal"] {
            let out = check(mode, Some(SECRET));
            assert!(
                out.status.success(),
                "{mode}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = check("normal", None);
        let err = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        if shield.is_empty() {
            assert!(out.status.success(), "no shield, no key needed: {err}");
        } else {
            assert!(!out.status.success());
            assert!(
                err.contains(
                    "planb: PLANB_ADMISSION_SECRET is not set in HAProxy's environment (see README.md)"
                ),
                "{err}"
            );
        }
    }
}
