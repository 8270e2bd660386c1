//! lighttpd under load, against the real lighttpd: what it can do for a spike without the shield
//! (which it cannot apply, and `planb check` says so). A reload during traffic answers every
//! visitor; the application down gets the 503 page at once; the example is sized for a spike;
//! with `[shield]` set the configuration still validates in every mode.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::app::App;
use common::edge::*;
use common::lighttpd::Server;

/// A complete HTTP answer to `GET path`, or what went wrong (a reset, an empty answer).
fn try_get(port: u16, path: &str) -> Result<u16, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let head = String::from_utf8_lossy(&raw);
    head.strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3)?.parse().ok())
        .ok_or_else(|| format!("no answer: {} bytes", raw.len()))
}

/// The regression test of the flake that was a bug: with `server.graceful-restart-bg`, a reload
/// on a busy machine closed, unanswered, connections the old process had accepted. Four visitors
/// ask without pause while the mode is switched eight times: every one of them gets an answer.
#[test]
fn a_reload_during_traffic_answers_every_visitor() {
    let app = App::start(Duration::from_millis(50));
    let port = free_port();
    let (_tmp, site, _) = build_edge_site(&["lighttpd"], &app.addr(), port);
    let server = Server::start(&site.join("output/config/lighttpd/example.conf"), port);
    let stop = Arc::new(AtomicBool::new(false));
    let visitors: Vec<_> = (0..4)
        .map(|_| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let (mut answered, mut lost) = (0, Vec::new());
                while !stop.load(Ordering::SeqCst) {
                    match try_get(port, "/page") {
                        Ok(_) => answered += 1,
                        Err(e) => lost.push(e),
                    }
                }
                (answered, lost)
            })
        })
        .collect();
    for mode in ["overflow", "normal"].iter().cycle().take(8) {
        std::thread::sleep(Duration::from_millis(250));
        server.switch(mode);
    }
    std::thread::sleep(Duration::from_millis(250));
    stop.store(true, Ordering::SeqCst);
    let (mut answered, mut lost) = (0, Vec::new());
    for v in visitors {
        let (a, l) = v.join().unwrap();
        answered += a;
        lost.extend(l);
    }
    assert!(answered > 8, "the visitors were answered: {answered}");
    assert!(lost.is_empty(), "{} lost: {lost:?}", lost.len());
}

/// The application killed: a refused connection gets lighttpd's 503 with planb's page at once,
/// every time (no retry, no wait).
#[test]
fn the_application_down_gets_the_503_page_at_once() {
    let app = App::start(Duration::from_millis(500));
    let port = free_port();
    let (_tmp, site, manifest) = build_edge_site(&["lighttpd"], &app.addr(), port);
    let public = site.join("output/public");
    let _server = Server::start(&site.join("output/config/lighttpd/example.conf"), port);
    assert_eq!(get(port, "/slow/x").text(), "app ok");
    drop(app);
    for i in 0..10 {
        let start = Instant::now();
        let r = get(port, "/slow/x");
        let took = start.elapsed();
        let url = "/_planb/errors/503.html";
        assert_page(&r, &manifest, &public, url, 503, &format!("down #{i}"));
        assert!(took < Duration::from_millis(400), "down #{i} took {took:?}");
    }
}

/// `[shield]` asks what lighttpd cannot do: the configuration still validates in every mode,
/// `planb check` warns for both parts, and the example is sized for a spike.
#[test]
fn with_a_shield_it_validates_warns_and_is_sized_for_a_spike() {
    let (tmp, site) = common::site("edge");
    let toml = site.join("planb.toml");
    let shield = "\n[cache.catalogue]\nmax_age = 1\nstale_if_error = 3\n\n[shield]\ncapacity = 4\nreserved = 2\n\n[[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n";
    std::fs::write(&toml, common::read(&toml) + shield).unwrap();
    build_for_edge(
        tmp.path(),
        &site,
        &["lighttpd"],
        "127.0.0.1:3999",
        free_port(),
        1,
    );
    let out = common::planb(&site, &["check"]);
    let text = common::stdout(&out) + &common::stderr(&out);
    for expected in [
        "lighttpd: `lighttpd -tt` accepts the configuration in every mode",
        "lighttpd: `shield.capacity` is not applied: lighttpd's mod_proxy has no cap",
        "lighttpd: `shield.cache` is not applied: lighttpd has no HTTP cache",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    let dir = site.join("output/config/lighttpd");
    let example = common::read(&dir.join("example.conf"));
    for line in [
        "server.max-fds = 16384\n",
        "server.max-connections = 4096\n",
        "server.feature-flags += ( \"server.graceful-shutdown-timeout\" => 2 )\n",
    ] {
        assert!(example.contains(line), "{line}: {example}");
    }
    assert!(!example.contains("graceful-restart-bg\" =>"), "{example}");
    let readme = common::read(&dir.join("README.md"));
    // The README's warning is true: Debian's lighttpd.conf sets the flag to 5; the example's line
    // added after it (another value) makes lighttpd refuse the configuration.
    let debian = "server.feature-flags += ( \"server.graceful-shutdown-timeout\" => 5 )\n";
    let ours = "server.feature-flags += ( \"server.graceful-shutdown-timeout\" => 2 )\n";
    let twice = format!("server.document-root = \"/tmp\"\n{debian}{ours}");
    std::fs::write(tmp.path().join("twice.conf"), twice).unwrap();
    let out = common::lighttpd::lighttpd(tmp.path(), &["-tt", "-f", "twice.conf"]);
    assert!(!out.status.success());
    let said = common::stdout(&out) + &common::stderr(&out);
    assert!(said.contains("Duplicate array-key"), "{said}");
    for said in [
        "server.errorlog-use-syslog",
        "LimitNOFILE=16384",
        "is not applied here",
        "Duplicate array-key",
    ] {
        assert!(readme.contains(said), "README: {said}");
    }
}
