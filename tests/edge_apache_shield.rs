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
use common::app::{App, burst};
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
        assert_eq!(r.header("Vary"), vec!["Accept-Encoding"], "{accept}");
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
