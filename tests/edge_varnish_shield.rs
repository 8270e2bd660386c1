//! Varnish's shield against the real varnishd: a stale copy that survives the application's death
//! (the failed background fetch is abandoned, never stored over it), admission control with
//! priority for the cookie the edge issued (a strict cap under a burst, every token given back
//! whatever way a fetch ends), stale-first caching of `[[shield.cache]]` prefixes.
//! Small numbers, 127.0.0.1 only, every wait bounded. Needs Debian's varnish-modules.

mod common;
#[path = "varnishd/mod.rs"]
mod varnishd;

use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
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
        Edge::start_on(&app.addr(), extra, 5)
    }

    /// The same in front of `upstream` with `edge.timeout` = `timeout` s.
    fn start_on(upstream: &str, extra: &str, timeout: u16) -> Edge {
        let (tmp, site) = common::site("edge");
        let toml = site.join("planb.toml");
        let text = format!("{}\n{extra}\n", common::read(&toml));
        std::fs::write(&toml, text).unwrap();
        let port = free_port();
        let manifest = build_for_edge(tmp.path(), &site, &["varnish"], upstream, port, timeout);
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
    // Ten visitors, 100 ms apart, well inside the 10 s grace: counted, not timed (a busy CI
    // machine answered nine in the 3 s this once waited).
    let answers: Vec<(u16, String)> = (0..10)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(100));
            let r = get(edge.port, "/catalogue/a");
            (r.status, r.text().chars().take(40).collect())
        })
        .collect();
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

/// A cached route: fresh 1 s, then stale up to 3 s more when the application fails.
const CACHE: &str = "[cache.catalogue]\nmax_age = 1\nstale_if_error = 3\n\n[[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n";

/// Capacity 4, of which 2 reserved for admitted visitors: strangers get 2.
const ADMISSION: &str = "[shield]\ncapacity = 4\nreserved = 2\n";
const DELAY: Duration = Duration::from_millis(500);

/// `n` visitors asking `path` at the same moment with the extra request `headers`: each answer
/// and how long it took, the i-th starting `stagger` × i later. Each asks its own URL (`?v=N`): the same URL would be one fetch, the
/// others waiting for it (Varnish collapses misses) and then served from the cache.
fn timed_burst(
    port: u16,
    path: &str,
    n: usize,
    headers: &str,
    stagger: Duration,
) -> Vec<(Response, Duration)> {
    let barrier = Arc::new(Barrier::new(n));
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let path = format!("{path}?v={i}");
            let (headers, barrier) = (headers.to_owned(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                std::thread::sleep(stagger * i as u32);
                let start = Instant::now();
                let r = get_with(port, &path, &headers);
                (r, start.elapsed())
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

/// Every answer is the application's `app ok` or the overflow page at once; how many of each.
fn tally(edge: &Edge, answers: &[(Response, Duration)], what: &str) -> (usize, usize) {
    let mut ok = 0;
    for (r, took) in answers {
        if r.status == 200 && r.text() == "app ok" {
            ok += 1;
        } else {
            edge.assert_page(r, "/_planb/overflow.html", 503, what);
            assert!(*took < DELAY, "{what}: the overflow page took {took:?}");
        }
    }
    (ok, answers.len() - ok)
}

/// The admission cookie the edge issued on an answer it let through: signed as nginx and
/// HAProxy sign it, with the secret in varnishd's environment.
fn admission_cookie(port: u16) -> String {
    let r = get(port, "/fast");
    assert_eq!(r.text(), "app ok");
    let set = r.header("Set-Cookie");
    assert_eq!(set.len(), 1, "{:?}", r.headers);
    assert!(
        set[0].ends_with("; Max-Age=600; Path=/; HttpOnly; SameSite=Lax"),
        "{set:?}"
    );
    let cookie = set[0].split(';').next().unwrap().to_owned();
    let expiry: u64 = cookie["planb_admitted=".len()..]
        .split('.')
        .next()
        .and_then(|e| e.parse().ok())
        .unwrap_or_else(|| panic!("no expiry in {cookie}"));
    assert_eq!(
        cookie,
        common::app::admission_cookie(varnishd::SECRET.as_bytes(), expiry),
        "not signed with the secret"
    );
    cookie
}

/// 12 strangers, each 20 ms after the other (all within the application's delay), then 12 cookie
/// holders: every answer is the application's or the overflow page at once, and most get the
/// overflow page; the application never has more than the strangers' share of strangers, nor
/// more than capacity.
#[test]
fn strangers_beyond_their_share_get_the_overflow_page_at_once() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app, ADMISSION);
    for step in [Duration::from_millis(20), Duration::ZERO] {
        let answers = timed_burst(
            edge.port,
            &format!("/slow/{}", step.as_millis()),
            12,
            "",
            step,
        );
        let (ok, overflow) = tally(&edge, &answers, "strangers' burst");
        assert!(
            ok >= 1 && overflow >= 6,
            "strangers: {ok} answered, {overflow} overflow"
        );
    }
    assert!(app.peak() <= 2, "strangers alone: peak {}", app.peak());
    // Admitted visitors use their share, then the strangers'.
    let cookie = admission_cookie(edge.port);
    let holder = format!("Cookie: {cookie}\r\n");
    let answers = timed_burst(edge.port, "/slow/m", 12, &holder, Duration::from_millis(20));
    let (ok, overflow) = tally(&edge, &answers, "members' burst");
    assert!(
        ok >= 3 && overflow >= 4,
        "members: {ok} answered, {overflow} overflow"
    );
    assert!(app.peak() <= 4, "peak {}", app.peak());
    // A cookie holder's answer carries no new cookie.
    assert!(
        get_with(edge.port, "/fast", &holder)
            .header("Set-Cookie")
            .is_empty()
    );
}

#[test]
fn an_admitted_visitor_gets_through_while_strangers_fill_their_share() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app, ADMISSION);
    let cookie = admission_cookie(edge.port);
    let port = edge.port;
    let strangers: Vec<_> = (0..2)
        .map(|i| std::thread::spawn(move || get(port, &format!("/slow/s{i}"))))
        .collect();
    app.wait_in_flight(2);
    let start = Instant::now();
    let r = get(port, "/slow/x");
    edge.assert_page(&r, "/_planb/overflow.html", 503, "a third stranger");
    assert!(start.elapsed() < DELAY, "{:?}", start.elapsed());
    // An app refused gets the overflow page's JSON twin.
    let r = get_with(port, "/slow/y", "Accept: application/json\r\n");
    edge.assert_page(&r, "/_planb/overflow.json", 503, "a third stranger, an app");
    // An expired cookie, an unsigned one, one signed with another key, or a signature moved
    // to another expiry counts as a stranger.
    let later = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let other_key = common::app::admission_cookie(b"another-secret-of-enough-length", later);
    let signature = cookie.split('.').nth(1).unwrap();
    let moved = format!("planb_admitted={later}.{signature}");
    let expired = common::app::admission_cookie(varnishd::SECRET.as_bytes(), 1000);
    for forged in [
        "planb_admitted=99999999999",
        "planb_admitted=soon",
        &other_key,
        &moved,
        &expired,
    ] {
        let r = get_with(port, "/slow/x", &format!("Cookie: a=b; {forged}\r\n"));
        edge.assert_page(&r, "/_planb/overflow.html", 503, forged);
    }
    let r = get_with(port, "/slow/y", &format!("Cookie: _ga=1; {cookie}\r\n"));
    assert_eq!((r.status, r.text().as_str()), (200, "app ok"), "the holder");
    for s in strangers {
        assert_eq!(s.join().unwrap().text(), "app ok");
    }
    assert!(app.peak() <= 4, "peak {}", app.peak());
}

/// An answer the application marks `public` (or `s-maxage`) may be stored by a CDN in front of
/// Varnish, which would hand the admission cookie to everyone: it carries none. And a POST beyond
/// the share gets the overflow page like any other request.
#[test]
fn no_admission_cookie_on_a_public_answer_and_a_refused_post_gets_the_overflow_page() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app, ADMISSION);
    let r = get(edge.port, "/public/page");
    assert_eq!(r.header("Cache-Control"), vec!["public, max-age=60"]);
    assert!(
        r.header("Set-Cookie").is_empty(),
        "a CDN would hand this cookie to everyone: {:?}",
        r.headers
    );
    admission_cookie(edge.port);
    let port = edge.port;
    let strangers: Vec<_> = (0..2)
        .map(|i| std::thread::spawn(move || get(port, &format!("/slow/s{i}"))))
        .collect();
    app.wait_in_flight(2);
    let r = post(port, "/slow/checkout");
    edge.assert_page(&r, "/_planb/overflow.html", 503, "a POST beyond the share");
    for s in strangers {
        assert_eq!(s.join().unwrap().text(), "app ok");
    }
}

/// With admission, a request that cannot reach the application (down here) gets planb's 503 page
/// at once, as without it: admission refuses by its own count, so a refused connection is not
/// mistaken for a full share.
#[test]
fn with_admission_a_dead_application_answers_the_503_page_at_once() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app, ADMISSION);
    drop(app);
    for (path, cookie) in [
        ("/slow/x", ""),
        ("/", "Cookie: planb_admitted=99999999999\r\n"),
    ] {
        let start = Instant::now();
        let r = get_with(edge.port, path, cookie);
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        edge.assert_page(&r, "/_planb/errors/503.html", 503, path);
    }
    let r = get(edge.port, "/_planb/landing.html");
    edge.assert_page(&r, "/_planb/landing.html", 200, "planb's own page");
}

/// Capacity 4, of which 1 reserved: strangers get 3.
const STRICT: &str = "[shield]\ncapacity = 4\nreserved = 1\n";

/// Which answer `r` is: the application's (`app`), or one of planb's pages with exactly its status
/// and headers (`overflow`, `500`, `503`); anything else fails the test.
fn kind(edge: &Edge, r: &Response, what: &str) -> &'static str {
    if r.status == 200 && r.text() == "app ok" {
        return "app";
    }
    let overflow = std::fs::read(edge.public().join("_planb/overflow.html")).unwrap();
    let (url, name) = match r.status {
        503 if r.body == overflow => ("/_planb/overflow.html", "overflow"),
        503 => ("/_planb/errors/503.html", "503"),
        500 => ("/_planb/errors/500.html", "500"),
        _ => panic!("{what}: unexpected {} {}", r.status, r.text()),
    };
    edge.assert_page(r, url, r.status, what);
    name
}

/// How many of `answers` are each kind, for the assertion messages: `[app, overflow, 500, 503]`.
fn kinds(edge: &Edge, answers: &[(Response, Duration)], what: &str) -> [usize; 4] {
    let mut n = [0; 4];
    for (r, _) in answers {
        let i = ["app", "overflow", "500", "503"]
            .iter()
            .position(|k| *k == kind(edge, r, what))
            .unwrap();
        n[i] += 1;
    }
    n
}

/// Strangers and members asking at the same moment, each its own URL under `path`; their answers.
fn mixed_burst(
    port: u16,
    path: &str,
    strangers: usize,
    members: usize,
    cookie: &str,
) -> Vec<(Response, Duration)> {
    let holder = format!("Cookie: {cookie}\r\n");
    let barrier = Arc::new(Barrier::new(strangers + members));
    let threads: Vec<_> = (0..strangers + members)
        .map(|i| {
            let path = format!("{path}?v={i}");
            let headers = if i < strangers {
                String::new()
            } else {
                holder.clone()
            };
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let start = Instant::now();
                let r = get_with(port, &path, &headers);
                (r, start.elapsed())
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

/// The strict cap Varnish's `.max_connections` is not (it compares before connecting and counts
/// after, so a burst passes it together): 150 strangers at once never have more than their share
/// (3) in flight at the application, and 75 strangers with 75 admitted visitors at once never more
/// than capacity (4). Everyone else gets the overflow page.
#[test]
fn a_burst_never_gets_past_capacity_nor_strangers_past_their_share() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app, STRICT);
    let [ok, overflow, ..] = kinds(
        &edge,
        &mixed_burst(edge.port, "/slow/s", 150, 0, ""),
        "strangers",
    );
    assert!(
        ok >= 1 && overflow >= 140,
        "strangers: {ok} answered, {overflow} overflow"
    );
    assert!(
        app.peak() <= 3,
        "150 strangers at once: {} in flight, for a share of 3",
        app.peak()
    );
    let cookie = admission_cookie(edge.port);
    let answers = mixed_burst(edge.port, "/slow/m", 75, 75, &cookie);
    let [ok, overflow, ..] = kinds(&edge, &answers, "strangers and members");
    assert!(
        ok >= 1 && overflow >= 140,
        "mixed: {ok} answered, {overflow} overflow"
    );
    let members_in = answers[75..]
        .iter()
        .filter(|(r, _)| r.status == 200)
        .count();
    assert!(members_in >= 1, "no admitted visitor got through");
    assert!(
        app.peak() <= 4,
        "150 visitors at once: {} in flight, for a capacity of 4",
        app.peak()
    );
}

/// What the application's address answers, switched by the test: a relay to the application
/// (`Up`), a listener that never answers (`Hang`: every fetch times out), or nothing (`Down`:
/// connections refused). The same port throughout, so one Varnish sees all three.
#[derive(Clone, Copy, PartialEq)]
enum Upstream {
    Up,
    Hang,
    Down,
}

struct Relay {
    port: u16,
    state: Arc<std::sync::Mutex<(Upstream, Option<TcpListener>)>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Relay {
    /// Relays a free port of 127.0.0.1 to `app`.
    fn start(app: &App) -> Relay {
        let port = free_port();
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let state = Arc::new(std::sync::Mutex::new((Upstream::Up, Some(listener))));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared, stopped, target) = (state.clone(), stop.clone(), app.port);
        let thread = std::thread::spawn(move || {
            // Hanging connections are held here until the mode changes.
            let mut held = Vec::new();
            while !stopped.load(Ordering::SeqCst) {
                let accepted = {
                    let state = shared.lock().unwrap();
                    if state.0 != Upstream::Hang {
                        held.clear();
                    }
                    let accepted = state.1.as_ref().and_then(|l| l.accept().ok());
                    accepted.map(|(c, _)| (state.0, c))
                };
                match accepted {
                    Some((Upstream::Hang, c)) => held.push(c),
                    Some((_, c)) => relay(c, target),
                    None => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Relay {
            port,
            state,
            stop,
            thread: Some(thread),
        }
    }

    fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn set(&self, mode: Upstream) {
        let mut state = self.state.lock().unwrap();
        if mode == Upstream::Down {
            state.1 = None;
        } else if state.1.is_none() {
            let l = TcpListener::bind(("127.0.0.1", self.port)).expect("bind the relay again");
            l.set_nonblocking(true).unwrap();
            state.1 = Some(l);
        }
        state.0 = mode;
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Copies `client` to the application on `port` and back, each way in its own thread.
fn relay(client: TcpStream, port: u16) {
    client.set_nonblocking(false).unwrap();
    let Ok(app) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let pipe = |mut from: TcpStream, mut to: TcpStream| {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut from, &mut to);
            let _ = to.shutdown(std::net::Shutdown::Write);
        });
    };
    pipe(client.try_clone().unwrap(), app.try_clone().unwrap());
    pipe(app, client);
}

/// Visitors who send their request and leave before the answer.
fn leave_early(port: u16, path: &str, n: usize, headers: &str) {
    for i in 0..n {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET {path}?v={i} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
    }
}

/// A leaked token would shrink capacity for good (the buckets never refill on their own): after
/// bursts that are refused, answered, answered 500, timed out (the application hangs), refused a
/// connection (down), and visitors who leave before the answer, the whole capacity is there again:
/// 5 admitted visitors at once get exactly 4 answers, 4 strangers exactly 3.
#[test]
fn every_way_a_fetch_ends_gives_its_tokens_back() {
    let app = App::start(DELAY);
    let relay = Relay::start(&app);
    let edge = Edge::start_on(&relay.addr(), STRICT, 2);
    let cookie = admission_cookie(edge.port);
    let port = edge.port;
    let [ok, overflow, ..] = kinds(
        &edge,
        &mixed_burst(port, "/slow/a", 20, 10, &cookie),
        "answered",
    );
    assert!(
        ok >= 1 && overflow >= 1,
        "answered: {ok} app, {overflow} overflow"
    );
    app.fail(true);
    let [_, _, failed, _] = kinds(&edge, &mixed_burst(port, "/slow/f", 20, 10, &cookie), "500");
    assert!(
        failed >= 1,
        "the application's 500: none (a token not given back?)"
    );
    app.fail(false);
    relay.set(Upstream::Hang);
    let [_, _, _, timed_out] = kinds(
        &edge,
        &mixed_burst(port, "/slow/h", 20, 10, &cookie),
        "hang",
    );
    assert!(timed_out >= 1, "timed out: none (a token not given back?)");
    relay.set(Upstream::Down);
    let [_, _, _, down] = kinds(
        &edge,
        &mixed_burst(port, "/slow/d", 20, 10, &cookie),
        "down",
    );
    assert!(down >= 1, "down: none (a token not given back?)");
    relay.set(Upstream::Up);
    leave_early(port, "/slow/l", 10, "");
    leave_early(port, "/slow/k", 10, &format!("Cookie: {cookie}\r\n"));
    // Those who left are still being fetched for a moment: asked again until all is back.
    let deadline = Instant::now() + Duration::from_secs(15);
    // (each round its own URLs: a stranger's answer is cached, and a hit takes no token)
    let mut round = 0;
    let full = loop {
        round += 1;
        let path = format!("/slow/m{round}");
        let members = kinds(&edge, &mixed_burst(port, &path, 0, 5, &cookie), "members");
        let path = format!("/slow/s{round}");
        let strangers = kinds(&edge, &mixed_burst(port, &path, 4, 0, ""), "strangers");
        let full = (members[..2].to_vec(), strangers[..2].to_vec());
        if full == (vec![4, 1], vec![3, 1]) || Instant::now() > deadline {
            break full;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(
        full,
        (vec![4, 1], vec![3, 1]),
        "(members, strangers) as [answered, overflow]: capacity was not all given back"
    );
    assert!(app.peak() <= 4, "peak {}", app.peak());
}

/// `varnishd -C` accepts the example with `[shield]` in every mode; `planb check` says what is
/// approximate; without varnish-modules (a `vmod_path` holding only std), varnishd's refusal
/// shows the import line, which names the package to install.
#[test]
fn the_shield_passes_varnishd_check_in_every_mode() {
    let app = App::start(DELAY);
    let extra = format!("{ADMISSION}{CACHE}");
    let edge = Edge::start(&app, &extra);
    let dir = edge.site.join("output/config/varnish");
    assert!(dir.join("planb-backends.vcl").is_file());
    let varnishd = |more: &[&str]| {
        Command::new(require("varnishd"))
            .arg("-C")
            .arg("-n")
            .arg(edge.site.join("check"))
            .args(more)
            .arg("-f")
            .arg(dir.join("default.vcl"))
            .output()
            .unwrap()
    };
    for mode in ["landing", "overflow", "normal"] {
        std::fs::copy(
            dir.join(format!("mode-{mode}.vcl")),
            dir.join("planb-mode.vcl"),
        )
        .unwrap();
        let out = varnishd(&[]);
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(20).collect();
        assert!(out.status.success(), "mode {mode}: {tail:?}");
    }
    let out = common::planb(&edge.site, &["check"]);
    let said = format!("{}{}", common::stdout(&out), common::stderr(&out));
    assert!(
        said.contains("varnish: `shield.capacity` is approximate: the cap is strict (vsthrottle tokens, Debian's varnish-modules)"),
        "{said}"
    );
    let std_only = edge.site.join("vmods");
    std::fs::create_dir(&std_only).unwrap();
    std::os::unix::fs::symlink(
        "/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_std.so",
        std_only.join("libvmod_std.so"),
    )
    .unwrap();
    let out = varnishd(&["-p", &format!("vmod_path={}", std_only.display())]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("Could not find VMOD vsthrottle")
            && err.contains("import vsthrottle; # from Debian's varnish-modules: apt-get install varnish-modules"),
        "{err}"
    );
}

/// Without `capacity`, planb.vcl imports neither vmod: a site without admission needs no
/// varnish-modules.
#[test]
fn without_capacity_no_vmod_is_imported() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app, CACHE);
    let vcl = common::read(&edge.site.join("output/config/varnish/planb.vcl"));
    assert!(
        !vcl.contains("vsthrottle") && !vcl.contains("import var"),
        "{vcl}"
    );
}

/// `[[shield.cache]]`: a cold burst is one fetch; failing or dead, the stale copy is served until
/// stale_if_error runs out, then planb's page; private requests always reach the application.
#[test]
fn a_cached_route_is_fetched_once_and_served_stale_when_the_application_fails() {
    let app = App::start(DELAY);
    let edge = Edge::start(&app, &format!("{ADMISSION}{CACHE}"));
    for (path, headers) in [
        ("/catalogue/private", ""),
        ("/catalogue/b", "Authorization: x\r\n"),
        ("/catalogue/c", "Cookie: sid=1\r\n"),
    ] {
        get_with(edge.port, path, headers);
        get_with(edge.port, path, headers);
        assert_eq!(app.served(path), 2, "{path} {headers}: never cached");
    }
    // (first: these take the application's delay, longer than the copy below lives)
    let answers = common::app::burst(edge.port, "/catalogue/a", 20, "Cookie: _ga=1\r\n");
    assert_eq!(app.served("/catalogue/a"), 1, "a cold burst is one fetch");
    assert!(
        answers
            .iter()
            .all(|r| r.text() == "catalogue /catalogue/a #1")
    );
    app.fail(true);
    std::thread::sleep(Duration::from_millis(1100));
    let answers = ask_for(edge.port, "/catalogue/a", Duration::from_millis(1500));
    assert!(
        answers
            .iter()
            .all(|(s, b)| (*s, b.as_str()) == (200, "catalogue /catalogue/a #1")),
        "{answers:?}"
    );
    drop(app);
    // The copy is 1 s fresh + 3 s stale: a bounded wait until planb's 503 page.
    let deadline = Instant::now() + Duration::from_secs(6);
    let r = loop {
        let r = get(edge.port, "/catalogue/a");
        if r.status != 200 || Instant::now() > deadline {
            break r;
        }
        assert_eq!(r.text(), "catalogue /catalogue/a #1");
        std::thread::sleep(Duration::from_millis(100));
    };
    edge.assert_page(&r, "/_planb/errors/503.html", 503, "stale_if_error ran out");
}
