//! The shield against the real Apache httpd, started with the generated example: the overflow
//! answer is the precompressed sibling planb wrote (never compressed again), a dead application
//! gets planb's page at once without a log line per request, admission control keeps the
//! application under `capacity` with priority for a signed cookie, and mod_cache's stale-on-error
//! does exactly what the README says (and no more).

#[path = "common/apache.rs"]
mod apache;
mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use apache::Server;
use common::app::{App, burst, timed_burst};
use common::edge::*;
use serde_json::Value;

const OVERFLOW: &str = "/_planb/overflow.html";

/// A built edge site, its Apache folder and a run folder the children can write to.
struct Built {
    _tmp: tempfile::TempDir,
    manifest: Value,
    public: PathBuf,
    dir: PathBuf,
    run: PathBuf,
    port: u16,
}

impl Built {
    /// The edge fixture with `shield` (TOML, may be empty) added, proxying to `upstream`.
    fn new(upstream: &str, shield: &str) -> Built {
        let (tmp, site) = common::site("edge");
        let toml = site.join("planb.toml");
        // The cache's hop listens on a port of its own, free like the edge's.
        let hop = format!("[shield]\nhop = \"127.0.0.1:{}\"\n", free_port());
        let shield = shield.replacen("[shield]\n", &hop, 1);
        std::fs::write(&toml, format!("{}\n{shield}\n", common::read(&toml))).unwrap();
        let port = free_port();
        let manifest = build_for_edge(tmp.path(), &site, &["apache"], upstream, port, 2);
        let run = apache::run_dir(&tmp.path().join("run"));
        Built {
            manifest,
            public: site.join("output/public"),
            dir: site.join("output/config/apache"),
            run,
            port,
            _tmp: tmp,
        }
    }

    fn conf(&self) -> PathBuf {
        self.dir.join("example.conf")
    }

    fn mode(&self, mode: &str) {
        std::fs::copy(
            self.dir.join(format!("modes/{mode}.conf")),
            self.dir.join("planb-mode.conf"),
        )
        .unwrap();
    }

    fn start(&self) -> Server {
        Server::start(&self.conf(), &self.run, self.port)
    }

    fn page(&self, r: &Response, url: &str, status: u16, what: &str) {
        assert_page(r, &self.manifest, &self.public, url, status, what);
    }
}

fn gunzip(body: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut plain)
        .expect("a gzip body");
    plain
}

fn unbrotli(body: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_end(&mut plain)
        .expect("a brotli body");
    plain
}

/// `r`, with its body decoded by `decode`: what the visitor's browser sees.
fn decoded(r: Response, decode: fn(&[u8]) -> Vec<u8>) -> Response {
    Response {
        body: decode(&r.body),
        ..r
    }
}

/// The overflow answer is the sibling planb wrote, byte for byte (not compressed again), with the
/// page's status and exactly its headers; a client that accepts nothing gets the page itself.
#[test]
fn the_overflow_answer_is_the_precompressed_sibling() {
    let built = Built::new("127.0.0.1:9", "");
    built.mode("overflow");
    let _server = built.start();
    let port = built.port;
    let sibling =
        |ext: &str| std::fs::read(built.public.join(format!("_planb/overflow.html.{ext}")));
    for (accept, ext, encoding, decode) in [
        (
            "gzip, deflate",
            "gz",
            "gzip",
            gunzip as fn(&[u8]) -> Vec<u8>,
        ),
        ("gzip, deflate, br", "br", "br", unbrotli),
    ] {
        let r = get_with(port, "/any", &format!("Accept-Encoding: {accept}\r\n"));
        assert_eq!(
            r.header("Content-Encoding"),
            vec![encoding],
            "{accept}: {:?}",
            r.headers
        );
        // The encoding, and the format (an app asking for JSON gets the page's twin).
        assert_eq!(r.header("Vary"), vec!["Accept-Encoding,Accept"], "{accept}");
        assert!(
            r.body == sibling(ext).unwrap(),
            "{accept}: the sibling, as written"
        );
        built.page(&decoded(r, decode), OVERFLOW, 503, accept);
    }
    let r = get(port, "/any");
    assert!(r.header("Content-Encoding").is_empty(), "{:?}", r.headers);
    built.page(&r, OVERFLOW, 503, "identity");
    // An error page from the application's answer is the sibling too.
    built.mode("normal");
    let out = apache::run(&built.conf(), &built.run, &["-k", "graceful"]);
    assert!(out.status.success());
    let r = poll(port, "/", |r| {
        r.status == 503 && r.header("Retry-After") == ["60"]
    });
    built.page(&r, "/_planb/errors/503.html", 503, "down, after graceful");
    let r = get_with(port, "/", "Accept-Encoding: gzip\r\n");
    let gz = std::fs::read(built.public.join("_planb/errors/503.html.gz")).unwrap();
    assert!(r.body == gz, "the 503 page's sibling: {:?}", r.headers);
}

fn read_or_empty(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Lines in the error log and the access log (rotatelogs writes the latter: bounded wait).
fn log_lines(run: &Path, name: &str) -> usize {
    read_or_empty(&run.join(name)).lines().count()
}

/// The application down: every visitor gets planb's 503 page at once, and the logs do not grow
/// with the requests (no `error` line per failed connect, no access line for a 503); an answer
/// of the application's own 500 is logged, once.
#[test]
fn a_dead_application_answers_at_once_and_writes_no_line_per_request() {
    let app = App::start(Duration::from_millis(10));
    let built = Built::new(&app.addr(), "");
    built.mode("normal");
    let server = built.start();
    let port = built.port;
    app.fail(true);
    let r = get(port, "/x");
    built.page(&r, "/_planb/errors/500.html", 500, "the application's 500");
    drop(app);
    let before = log_lines(&built.run, "error.log");
    let started = Instant::now();
    for r in burst(port, "/x", 20, "") {
        built.page(&r, "/_planb/errors/503.html", 503, "down");
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "at once: {:?}",
        started.elapsed()
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        log_lines(&built.run, "error.log"),
        before,
        "{}",
        server.log()
    );
    let access = read_or_empty(&built.run.join("access.log"));
    assert_eq!(
        access.lines().count(),
        1,
        "only the application's own 5xx: {access}"
    );
    assert!(access.contains("\"GET /x HTTP/1.1\" 500"), "{access}");
}

const ADMISSION: &str = "[shield]\ncapacity = 4\nreserved = 2\nadmitted_for = 600\n";
const DELAY: Duration = Duration::from_millis(500);

/// A site with admission (capacity 4, 2 for strangers), its secret created, and httpd started.
fn admission_site(app: &App) -> (Built, Server) {
    let built = Built::new(&app.addr(), ADMISSION);
    std::fs::write(
        built.dir.join("planb-secret"),
        "a-secret-of-at-least-16-bytes\n",
    )
    .unwrap();
    built.mode("normal");
    let server = built.start();
    (built, server)
}

/// Every answer is the application's or the overflow page, and the overflow ones came at once.
fn assert_admitted_or_overflow(built: &Built, answers: &[(Response, Duration)]) -> usize {
    let mut ok = 0;
    for (r, took) in answers {
        if r.status == 200 && r.text() == "app ok" {
            ok += 1;
        } else {
            built.page(r, OVERFLOW, 503, "beyond capacity");
            assert!(
                *took < DELAY,
                "the overflow page at once, not after {took:?}"
            );
        }
    }
    ok
}

/// The cookie the edge issued on an answer it let through.
fn admission_cookie(r: &Response) -> String {
    let set = r.header("Set-Cookie");
    assert_eq!(set.len(), 1, "one admission cookie: {:?}", r.headers);
    assert!(
        set[0].contains("; Max-Age=600; Path=/; HttpOnly"),
        "{set:?}"
    );
    set[0].split(';').next().unwrap().to_owned()
}

#[test]
fn strangers_never_exceed_their_share_and_beyond_it_get_the_overflow_page_at_once() {
    let app = App::start(DELAY);
    let (built, _server) = admission_site(&app);
    let answers = timed_burst(built.port, "/slow/x", 12, "");
    if answers.iter().any(|(r, _)| r.status == 500) {
        panic!("{}", _server.log());
    }
    let ok = assert_admitted_or_overflow(&built, &answers);
    assert!(app.peak() <= 2, "strangers' share: peak {}", app.peak());
    assert!(ok >= 1, "some were admitted");
    // Holders and strangers together: never above capacity.
    let cookie = admission_cookie(&get(built.port, "/fast"));
    let holder = format!("Cookie: {cookie}\r\n");
    let (port, h) = (built.port, holder.clone());
    let holders = std::thread::spawn(move || timed_burst(port, "/slow/h", 8, &h));
    let strangers = timed_burst(built.port, "/slow/s", 8, "");
    assert_admitted_or_overflow(&built, &strangers);
    assert_admitted_or_overflow(&built, &holders.join().unwrap());
    assert!(app.peak() <= 4, "capacity: peak {}", app.peak());
}

/// A signature for `expiry` computed as the script does (HMAC-SHA1, hex), by Python's hmac.
fn signed(secret: &str, expiry: u64) -> String {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import hmac,hashlib,sys;print(hmac.new(sys.argv[1].encode(),sys.argv[2].encode(),hashlib.sha1).hexdigest())",
            secret,
            &expiry.to_string(),
        ])
        .output()
        .expect("python3");
    format!(
        "planb_admitted={expiry}.{}",
        String::from_utf8_lossy(&out.stdout).trim()
    )
}

#[test]
fn a_holder_gets_through_while_strangers_fill_their_share_and_a_forged_cookie_does_not() {
    let app = App::start(DELAY);
    let (built, _server) = admission_site(&app);
    let port = built.port;
    let cookie = admission_cookie(&get(port, "/fast"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert_eq!(
        signed("a-secret-of-at-least-16-bytes", now + 600).len(),
        cookie.len()
    );
    let fill = std::thread::spawn(move || timed_burst(port, "/slow/fill", 2, ""));
    app.wait_in_flight(2);
    let r = get_with(port, "/slow/holder", &format!("Cookie: a=1; {cookie}\r\n"));
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "app ok"),
        "the holder gets through"
    );
    assert!(
        r.header("Set-Cookie").is_empty(),
        "a holder is not issued another cookie"
    );
    let last = if cookie.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &cookie[..cookie.len() - 1]);
    let expired = signed("a-secret-of-at-least-16-bytes", now - 1);
    let fill = fill.join().unwrap();
    let fill2 = std::thread::spawn(move || timed_burst(port, "/slow/fill", 3, ""));
    app.wait_in_flight(2);
    for (what, c) in [
        ("stranger", String::new()),
        ("forged", forged),
        ("expired", expired),
    ] {
        let r = get_with(port, "/slow/other", &format!("Cookie: {c}\r\n"));
        built.page(&r, OVERFLOW, 503, what);
    }
    assert_admitted_or_overflow(&built, &fill);
    let full = assert_admitted_or_overflow(&built, &fill2.join().unwrap());
    assert_eq!(full, 2, "the strangers' share was full");
    // The application down: the overflow page (every 503 is), at once.
    drop(app);
    let started = Instant::now();
    built.page(&get(port, "/slow/x"), OVERFLOW, 503, "down");
    assert!(started.elapsed() < DELAY, "{:?}", started.elapsed());
}

/// An answer the application marks `public` may be stored by a CDN in front of Apache, which
/// would hand the admission cookie to everyone: it carries none. A POST beyond the share gets
/// the overflow page like any other request.
#[test]
fn no_admission_cookie_on_a_public_answer_and_a_refused_post_gets_the_overflow_page() {
    let app = App::start(DELAY);
    let (built, _server) = admission_site(&app);
    let port = built.port;
    let r = get(port, "/public/page");
    assert_eq!(r.header("Cache-Control"), vec!["public, max-age=60"]);
    assert!(
        r.header("Set-Cookie").is_empty(),
        "a CDN would hand this cookie to everyone: {:?}",
        r.headers
    );
    admission_cookie(&get(port, "/fast"));
    let fill = std::thread::spawn(move || timed_burst(port, "/slow/fill", 2, ""));
    app.wait_in_flight(2);
    built.page(
        &post(port, "/slow/checkout"),
        OVERFLOW,
        503,
        "a POST beyond the share",
    );
    fill.join().unwrap();
}

/// A stand-in for the admission script that marks every answer it saw (err_headers_out survive
/// the error document), and lets every request through.
const PROBE: &str = "function check(r)\n  r.err_headers_out['X-Planb-Hook'] = 'ran'\n  return apache2.DECLINED\nend\n";

/// Overflow mode lets nobody in, so it runs no admission script (mod_lua cost most of each
/// refusal): its answers, the sibling as written, never pass through the hook; the modes that
/// let visitors in do run it.
#[test]
fn overflow_mode_runs_no_admission_script() {
    let app = App::start(Duration::from_millis(10));
    let built = Built::new(&app.addr(), ADMISSION);
    std::fs::write(built.dir.join("planb-admission.lua"), PROBE).unwrap();
    built.mode("overflow");
    let server = built.start();
    let gz = std::fs::read(built.public.join("_planb/overflow.html.gz")).unwrap();
    for r in burst(built.port, "/slow/x", 8, "Accept-Encoding: gzip\r\n") {
        assert!(
            r.header("X-Planb-Hook").is_empty(),
            "no hook: {:?}",
            r.headers
        );
        assert!(r.body == gz, "the sibling as written: {:?}", r.headers);
        built.page(&decoded(r, gunzip), OVERFLOW, 503, "overflow");
    }
    assert_eq!(app.served("/slow/x"), 0, "{}", server.log());
    built.mode("normal");
    let out = apache::run(&built.conf(), &built.run, &["-k", "graceful"]);
    assert!(out.status.success());
    let r = poll(built.port, "/fast", |r| r.status == 200);
    assert_eq!(
        r.header("X-Planb-Hook"),
        ["ran"],
        "normal mode runs it: {:?}",
        r.headers
    );
}

/// A deploy that lost the admission script gets httpd's 500, loudly in the error log, never a
/// child that crashes on every request (what mod_lua's kept states do with `LuaCodeCache stat`).
#[test]
fn a_missing_admission_script_answers_500_without_crashing() {
    let app = App::start(Duration::from_millis(10));
    let built = Built::new(&app.addr(), ADMISSION);
    std::fs::remove_file(built.dir.join("planb-admission.lua")).unwrap();
    built.mode("normal");
    let server = built.start();
    for _ in 0..3 {
        assert_eq!(get(built.port, "/fast").status, 500, "{}", server.log());
    }
    assert!(
        !server.log().contains("Segmentation fault"),
        "{}",
        server.log()
    );
    assert!(
        server.log().contains("planb-admission.lua"),
        "{}",
        server.log()
    );
}

const CACHE: &str = "[cache.catalogue]\nmax_age = 2\nstale_if_error = 3\n\n\
                     [shield]\n[[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n";

/// With `[shield]` (admission and cache) the configuration passes `apache2 -t` in every mode.
#[test]
fn the_shielded_configuration_passes_apache_t_in_every_mode() {
    let built = Built::new(
        "127.0.0.1:9",
        &format!("{ADMISSION}\n{}", CACHE.replace("[shield]\n", "")),
    );
    for mode in ["normal", "landing", "overflow"] {
        built.mode(mode);
        let out = apache::run(&built.conf(), &built.run, &["-t"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && err.contains("Syntax OK"),
            "{mode}: {err}"
        );
    }
    let readme = common::read(&built.dir.join("README.md"));
    assert!(readme.contains("At most 4 requests reach the application at once: 2 for"));
    assert!(readme.contains("head -c 32 /dev/urandom | base64 > /etc/apache2/planb/planb-secret"));
    assert!(readme.contains("Include /etc/apache2/planb/planb-hop.conf"));
}

/// The cache's site, started in front of `app`.
fn cache_site(app: &App, shield: &str) -> (Built, Server) {
    let built = Built::new(&app.addr(), shield);
    built.mode("normal");
    let server = built.start();
    (built, server)
}

#[test]
fn a_cached_route_serves_its_stale_copy_for_stale_if_error_then_planb_page() {
    let app = App::start(Duration::from_millis(50));
    let (built, _server) = cache_site(&app, CACHE);
    let r = get(built.port, "/catalogue/a");
    let fetched = Instant::now();
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "catalogue /catalogue/a #1")
    );
    // The route's policy, not the application's `max-age=1`: the hop wrote it.
    assert_eq!(
        r.header("Cache-Control"),
        vec!["public, max-age=2, stale-if-error=3"]
    );
    let r = get(built.port, "/catalogue/a");
    assert_eq!(r.text(), "catalogue /catalogue/a #1", "from the cache");
    assert_eq!(app.served("/catalogue/a"), 1);
    // Expired (max-age=2) and the application failing: the stale copy.
    std::thread::sleep(Duration::from_millis(2500));
    app.fail(true);
    let r = get(built.port, "/catalogue/a");
    assert_eq!(r.text(), "catalogue /catalogue/a #1", "application failing");
    drop(app);
    // Asked every 100 ms, the copy runs out max_age + stale_if_error (5 s) after it was
    // fetched, then planb's page for the application down.
    let r = loop {
        let r = get(built.port, "/catalogue/a");
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
    built.page(&r, "/_planb/errors/503.html", 503, "stale copy run out");
}

#[test]
fn the_application_failing_on_a_cold_cached_route_gets_planb_page_with_its_status() {
    let app = App::start(Duration::from_millis(50));
    let (built, _server) = cache_site(&app, CACHE);
    app.fail(true);
    let r = get(built.port, "/catalogue/cold");
    built.page(
        &r,
        "/_planb/errors/500.html",
        500,
        "a cold miss, application failing",
    );
}

#[test]
fn private_answers_and_requests_never_come_from_the_cache() {
    let app = App::start(Duration::from_millis(10));
    let (built, _server) = cache_site(&app, CACHE);
    for n in 1..=2 {
        let r = get(built.port, "/catalogue/private");
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
            let r = get_with(built.port, path, headers);
            assert_eq!(r.text(), format!("catalogue {path} #{n}"), "{headers}");
        }
    }
    // A shared copy is not handed to a private request, nor replaced by its answer.
    assert_eq!(
        get(built.port, "/catalogue/shared").text(),
        "catalogue /catalogue/shared #1"
    );
    let r = get_with(built.port, "/catalogue/shared", "Authorization: x\r\n");
    assert_eq!(r.text(), "catalogue /catalogue/shared #2");
    assert_eq!(
        get(built.port, "/catalogue/shared").text(),
        "catalogue /catalogue/shared #1"
    );
    // The admission cookie is not a session cookie: still cached.
    for _ in 0..2 {
        let r = get_with(
            built.port,
            "/catalogue/adm",
            "Cookie: planb_admitted=1.x\r\n",
        );
        assert_eq!(r.text(), "catalogue /catalogue/adm #1");
    }
    for _ in 0..2 {
        assert_eq!(post(built.port, "/catalogue/post").status, 200);
    }
    assert_eq!(app.served("/catalogue/post"), 2, "POST is never cached");
}

#[test]
fn private_requests_on_a_cached_route_count_against_admission() {
    let app = App::start(DELAY);
    let built = Built::new(
        &app.addr(),
        &format!("{ADMISSION}\n{}", CACHE.replace("[shield]\n", "")),
    );
    std::fs::write(
        built.dir.join("planb-secret"),
        "a-secret-of-at-least-16-bytes\n",
    )
    .unwrap();
    built.mode("normal");
    let _server = built.start();
    let answers = timed_burst(
        built.port,
        "/catalogue/private-{i}",
        12,
        "Cookie: sid=1\r\n",
    );
    let admitted = answers.iter().filter(|(r, _)| r.status == 200).count();
    for (r, took) in answers.iter().filter(|(r, _)| r.status != 200) {
        built.page(r, OVERFLOW, 503, "a private request beyond the share");
        assert!(*took < DELAY, "the overflow answer took {took:?}");
    }
    assert!(app.peak() <= 2, "peak {} > 2", app.peak());
    // Up to the strangers' share. Not always all of it: in about one run in ten here, mod_proxy
    // answered a second request of the burst 503 within its `acquire=1` ms while the share's
    // second connection was still being set up (seen: 1 admitted, the application's peak 2), so
    // the test asks for at least one, the share at most, and none beyond.
    assert!((1..=2).contains(&admitted), "{admitted} admitted");
}
