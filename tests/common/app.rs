//! An application with a capacity, for the shield's tests: it counts the requests it has in flight
//! and the most it ever had at once, so a test can assert that the edge never let more than
//! `capacity` through. Everything on 127.0.0.1, every wait bounded.
//!
//! - `/slow/...` answers 200 `app ok` after `delay` (the time a real request holds the application);
//! - `/catalogue/...` answers after `delay` with `Cache-Control: public, max-age=1` and a body
//!   naming how many times the application served that path (`catalogue /catalogue/a #3`), so a test
//!   sees whether an answer came from the edge's cache; `/catalogue/private` also sets a cookie;
//! - `/public/...` answers 200 `app ok` at once with `Cache-Control: public, max-age=60`: an answer
//!   a shared cache in front of the edge may store, which must carry no admission cookie;
//! - while `failing` is set, every path answers 500;
//! - anything else answers 200 `app ok` at once.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::edge::{Response, get_with};

#[derive(Default)]
struct Counts {
    in_flight: AtomicUsize,
    peak: AtomicUsize,
    failing: AtomicBool,
    stop: AtomicBool,
    served: Mutex<BTreeMap<String, usize>>,
}

pub struct App {
    pub port: u16,
    counts: Arc<Counts>,
    thread: Option<JoinHandle<()>>,
}

impl App {
    /// Listens on a free port of 127.0.0.1; each slow or catalogue request takes `delay`.
    pub fn start(delay: Duration) -> App {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind app");
        let port = listener.local_addr().unwrap().port();
        let counts = Arc::new(Counts::default());
        let shared = Arc::clone(&counts);
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = conn {
                    let counts = Arc::clone(&shared);
                    std::thread::spawn(move || answer(stream, &counts, delay));
                }
            }
        });
        App {
            port,
            counts,
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The most requests the application ever had in flight at once.
    pub fn peak(&self) -> usize {
        self.counts.peak.load(Ordering::SeqCst)
    }

    /// How many times the application served `path`.
    pub fn served(&self, path: &str) -> usize {
        *self.counts.served.lock().unwrap().get(path).unwrap_or(&0)
    }

    /// Waits (5 s at most) until the application has `n` requests in flight: the visitors a test
    /// started are then holding their slots. A fixed sleep is too short on a busy machine, and the
    /// next request would find a slot still free.
    pub fn wait_in_flight(&self, n: usize) {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while self.counts.in_flight.load(Ordering::SeqCst) < n
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// From now on, every answer is a 500 (or, with `false`, back to normal).
    pub fn fail(&self, failing: bool) {
        self.counts.failing.store(failing, Ordering::SeqCst);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.counts.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn answer(mut stream: TcpStream, counts: &Counts, delay: Duration) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or(target).to_owned();
    let now = counts.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    counts.peak.fetch_max(now, Ordering::SeqCst);
    let n = {
        let mut served = counts.served.lock().unwrap();
        let n = served.entry(path.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let slow = path.starts_with("/slow/") || path.starts_with("/catalogue/");
    if slow {
        std::thread::sleep(delay);
    }
    let (status, extra, body) = if counts.failing.load(Ordering::SeqCst) {
        (500, String::new(), "app failing".to_owned())
    } else if path.starts_with("/catalogue/") {
        let cookie = if path == "/catalogue/private" {
            "Set-Cookie: sid=secret; Path=/\r\n"
        } else {
            ""
        };
        (
            200,
            format!("Cache-Control: public, max-age=1\r\n{cookie}"),
            format!("catalogue {path} #{n}"),
        )
    } else if path.starts_with("/public/") {
        (
            200,
            "Cache-Control: public, max-age=60\r\n".to_owned(),
            "app ok".to_owned(),
        )
    } else {
        (200, String::new(), "app ok".to_owned())
    };
    counts.in_flight.fetch_sub(1, Ordering::SeqCst);
    let response = format!(
        "HTTP/1.1 {status} App\r\nContent-Type: text/plain\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

/// `n` visitors asking `path` at the same moment (each with the extra request `headers`), and
/// their answers, in no particular order.
pub fn burst(port: u16, path: &str, n: usize, headers: &str) -> Vec<Response> {
    let barrier = Arc::new(std::sync::Barrier::new(n));
    let threads: Vec<_> = (0..n)
        .map(|_| {
            let (path, headers, barrier) =
                (path.to_owned(), headers.to_owned(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                get_with(port, &path, &headers)
            })
        })
        .collect();
    threads
        .into_iter()
        .map(|t| t.join().expect("visitor"))
        .collect()
}

/// The admission cookie `planb_admitted=<expiry>.<base64url HMAC-SHA256(key, expiry)>` that nginx
/// and HAProxy issue and check alike, signed here by hand (HMAC as RFC 2104 writes it, for a key
/// of at most 64 bytes), so each server's test proves it takes the cookie the other signs.
pub fn admission_cookie(key: &[u8], expiry: u64) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mut block = [0u8; 64];
    block[..key.len()].copy_from_slice(key);
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = sha2::Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(expiry.to_string())
        .finalize();
    let mac = sha2::Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize();
    let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac);
    format!("planb_admitted={expiry}.{sig}")
}

/// `n` visitors asking `path` at once with `headers`, each answer with how long it took: the
/// overflow page must come at once, well before the application could have answered. `{i}` in
/// `path` becomes each visitor's number, so that each asks a URL of its own.
pub fn timed_burst(
    port: u16,
    path: &str,
    n: usize,
    headers: &str,
) -> Vec<(Response, std::time::Duration)> {
    let barrier = Arc::new(std::sync::Barrier::new(n));
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let (path, headers, barrier) = (
                path.replace("{i}", &i.to_string()),
                headers.to_owned(),
                Arc::clone(&barrier),
            );
            std::thread::spawn(move || {
                barrier.wait();
                let start = std::time::Instant::now();
                (get_with(port, &path, &headers), start.elapsed())
            })
        })
        .collect();
    threads
        .into_iter()
        .map(|t| t.join().expect("visitor"))
        .collect()
}
