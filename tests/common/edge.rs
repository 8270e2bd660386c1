//! Helpers for end-to-end tests of the edge configurations against the real servers: an upstream
//! that fails on purpose, a small HTTP client, and the assertion that a response is planb's page
//! with exactly the manifest's headers. Everything talks to 127.0.0.1 only, with bounded waits.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long `/slow` makes the proxy wait: longer than the `edge.timeout = 1` the tests configure.
pub const SLOW: Duration = Duration::from_secs(4);

/// An application server that fails on demand:
/// - `/status/NNN` answers NNN with a plain-text body `upstream NNN`;
/// - `/slow` answers 200 only after `SLOW` (the proxy must give up first and answer 504);
/// - anything else answers 200 `upstream ok`.
///
/// Every answer carries `Cache-Control: private` and `X-Upstream: yes`, which must never leak into a
/// planb page.
pub struct Upstream {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Upstream {
    pub fn start() -> Upstream {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind upstream");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = conn {
                    std::thread::spawn(move || answer(stream));
                }
            }
        });
        Upstream {
            port,
            stop,
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn answer(mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read (and ignore) the request headers.
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or(target);
    let status: u16 = match path.strip_prefix("/status/") {
        Some(code) => code.parse().unwrap_or(200),
        None => 200,
    };
    if path == "/slow" {
        std::thread::sleep(SLOW);
    }
    let body = if status == 200 {
        "upstream ok".to_owned()
    } else {
        format!("upstream {status}")
    };
    let response = format!(
        "HTTP/1.1 {status} Upstream\r\nContent-Type: text/plain\r\nCache-Control: private\r\nX-Upstream: yes\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

/// A port nothing listens on right now, and never handed out before by this test binary: the
/// kernel may give a port it just gave to a listener that is already closed again, so two calls
/// in one test (the edge and the cache's hop) could otherwise get the same one (seen in CI).
pub fn free_port() -> u16 {
    static HANDED_OUT: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    let mut handed_out = HANDED_OUT.lock().unwrap_or_else(|e| e.into_inner());
    for _ in 0..1000 {
        let port = TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .unwrap()
            .port();
        if handed_out.insert(port) {
            return port;
        }
    }
    panic!("no fresh port in 1000 tries")
}

/// Waits (at most `limit`) until something accepts connections on `port`.
pub fn wait_for_port(port: u16, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// An HTTP response as received.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// Every value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path` on 127.0.0.1:port, HTTP/1.1, `Connection: close`, no compression asked.
pub fn get(port: u16, path: &str) -> Response {
    get_with(port, path, "")
}

/// `GET path` with extra request header lines, each ending in `\r\n`
/// (e.g. `"Accept-Encoding: gzip\r\n"`).
pub fn get_with(port: u16, path: &str, headers: &str) -> Response {
    request(port, "GET", path, headers, "")
}

/// A form POST on 127.0.0.1:port, as a browser sends a checkout: what a spike's visitor gets
/// must not depend on the method (a static file handler answers a POST 405).
pub fn post(port: u16, path: &str) -> Response {
    let body = "item=42&qty=1";
    let headers = format!(
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
        body.len()
    );
    request(port, "POST", path, &headers, body)
}

/// `method path` on 127.0.0.1:port with extra header lines (each ending in `\r\n`) and `body`.
pub fn request(port: u16, method: &str, path: &str, headers: &str, body: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .unwrap_or_else(|e| panic!("connect to 127.0.0.1:{port}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: planb-test\r\n{headers}Connection: close\r\n\r\n{body}"
    )
    .unwrap();
    let mut raw = Vec::new();
    if let Err(e) = stream.read_to_end(&mut raw) {
        // A server that answers before reading the request's body (a refused POST) closes a
        // socket that still holds it, which the kernel turns into a reset; on a busy machine it
        // can come before this read ends. The whole answer read before it is what the visitor got.
        assert!(
            e.kind() == std::io::ErrorKind::ConnectionReset && complete(&raw),
            "read response: {e}; read before it: {}",
            String::from_utf8_lossy(&raw)
        );
    }
    parse_response(&raw)
}

/// `raw` holds a whole answer: its head, and as many body bytes as its `Content-Length` says.
fn complete(raw: &[u8]) -> bool {
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    head.lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .is_some_and(|n| raw.len() - (split + 4) >= n)
}

/// Asks until `done` holds for five answers in a row, at most 10 s; returns the last answer for the
/// assertions. After a reload, the old workers may still take a connection or two while the new
/// ones start: one good answer does not mean the switch is complete.
pub fn poll(port: u16, path: &str, done: impl Fn(&Response) -> bool) -> Response {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut in_a_row = 0;
    loop {
        let r = get(port, path);
        in_a_row = if done(&r) { in_a_row + 1 } else { 0 };
        if in_a_row == 5 || Instant::now() > deadline {
            return r;
        }
        std::thread::sleep(Duration::from_millis(if in_a_row > 0 { 20 } else { 100 }));
    }
}

/// Lets a server's unprivileged workers (nobody, www-data) read a test's temporary folder.
#[cfg(unix)]
pub fn open_to_workers(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let rest = &raw[split + 4..];
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// Fails the test (never skips it) when a server the test needs is missing.
pub fn require(program: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("{program} is not installed: run scripts/test, which installs what the tests need")
    })
}

/// The test site for edge configurations, copied and built with `[edge]` pointing at `upstream`,
/// listening on `listen`, with a 1-second upstream timeout. Returns the temp dir guard, the site
/// folder and the manifest.
pub fn build_edge_site(
    targets: &[&str],
    upstream: &str,
    listen: u16,
) -> (tempfile::TempDir, PathBuf, Value) {
    let (tmp, site) = super::site("edge");
    let manifest = build_for_edge(tmp.path(), &site, targets, upstream, listen, 1);
    (tmp, site, manifest)
}

/// `build_edge_site` on the fixture `name` (`bilingual`: a site in French and English).
pub fn build_fixture_for_edge(
    name: &str,
    targets: &[&str],
    upstream: &str,
    listen: u16,
) -> (tempfile::TempDir, PathBuf, Value) {
    let (tmp, site) = super::site(name);
    let manifest = build_for_edge(tmp.path(), &site, targets, upstream, listen, 1);
    (tmp, site, manifest)
}

/// A bilingual site on a server: `planb verify` passes (every language of every page at its own
/// URL, with exactly its manifest headers and bytes), the English page the French one's language
/// switcher links to answers in English, and a URL without a language still answers the default
/// language (no negotiation yet).
pub fn assert_languages_served(site: &Path, port: u16, target: &str) {
    assert_languages_served_as(site, port, &format!("http://127.0.0.1:{port}"), &[], target);
}

/// `assert_languages_served`, verifying `url` with `extra` arguments (`--resolve`).
pub fn assert_languages_served_as(site: &Path, port: u16, url: &str, extra: &[&str], target: &str) {
    assert_verified_as(site, url, extra, target, "normal");
    let english = get(port, "/_planb/landing.en.html");
    assert_eq!(english.status, 200, "{target}: {}", english.text());
    assert_eq!(english.header("Content-Language"), vec!["en"], "{target}");
    assert!(english.text().contains("<html lang=en>"), "{target}");
    let french = get(port, "/_planb/landing.html");
    assert!(
        french.text().contains("href=/_planb/landing.en.html"),
        "{target}"
    );
    assert_eq!(french.header("Content-Language"), vec!["fr"], "{target}");
}

/// Builds `site`, a copy inside the temporary folder `tmp`, with `[edge]` appended to its
/// `planb.toml` as `build_edge_site` says but with `timeout` seconds; returns the manifest.
pub fn build_for_edge(
    tmp: &Path,
    site: &Path,
    targets: &[&str],
    upstream: &str,
    listen: u16,
    timeout: u16,
) -> Value {
    configure_edge(tmp, site, targets, upstream, listen, timeout);
    let out = super::planb(site, &["build"]);
    assert!(out.status.success(), "build: {}", super::stderr(&out));
    serde_json::from_str(&super::read(&site.join("output/manifest.json"))).unwrap()
}

/// Appends `[edge]` to `site`'s `planb.toml` (a copy inside `tmp`) as `build_for_edge` says.
fn configure_edge(
    tmp: &Path,
    site: &Path,
    targets: &[&str],
    upstream: &str,
    listen: u16,
    timeout: u16,
) {
    // Servers drop privileges (nobody, www-data, vcache): let them read the site.
    open_to_workers(tmp);
    let list: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
    let config = format!(
        "{}\n[edge]\ntargets = [{}]\nupstream = \"{upstream}\"\nlisten = \"127.0.0.1:{listen}\"\ntimeout = {timeout}\n",
        super::read(&site.join("planb.toml")),
        list.join(", ")
    );
    std::fs::write(site.join("planb.toml"), config).unwrap();
}

/// The edge fixture for `target`, configured as `build_edge_site` says and built with
/// `planb build --out OUT`, `out` being relative to the temporary folder (its parent created
/// first, so a `..` in it resolves): the default root is then OUT's `public/`, whatever its name.
/// Returns the temporary folder, the site, the output folder as given, and planb's answer, which
/// the caller checks (a target may refuse such a root).
pub fn build_edge_site_into(
    target: &str,
    upstream: &str,
    listen: u16,
    out: &str,
) -> (tempfile::TempDir, PathBuf, PathBuf, std::process::Output) {
    let (tmp, site) = super::site("edge");
    configure_edge(tmp.path(), &site, &[target], upstream, listen, 1);
    let out = tmp.path().join(out);
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let answer = super::planb(&site, &["build", "--out", out.to_str().unwrap()]);
    (tmp, site, out, answer)
}

/// The manifest entry of the page at `url`.
pub fn entry<'a>(manifest: &'a Value, url: &str) -> &'a Value {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == url)
        .unwrap_or_else(|| panic!("{url} is not in the manifest"))
}

/// The response is planb's page at `url`, with `status`, the page's exact bytes, each of the
/// manifest's headers exactly once with its exact value, and nothing from the upstream.
pub fn assert_page(
    resp: &Response,
    manifest: &Value,
    public: &Path,
    url: &str,
    status: u16,
    what: &str,
) {
    assert_eq!(resp.status, status, "{what}: status; body: {}", resp.text());
    let e = entry(manifest, url);
    let file = public.join(e["file"].as_str().unwrap());
    let expected = std::fs::read(&file).unwrap();
    assert!(
        resp.body == expected,
        "{what}: body is not {url}; got {} bytes: {}",
        resp.body.len(),
        resp.text().chars().take(300).collect::<String>()
    );
    for (name, value) in e["headers"].as_object().unwrap() {
        // A sibling's `Vary: Accept-Encoding` may come beside the negotiation's own `Vary`
        // (field lines of one list, RFC 9110 §5.3).
        if name == "Vary" {
            assert!(
                resp.header(name).contains(&value.as_str().unwrap()),
                "{what}: header Vary; all headers: {:?}",
                resp.headers
            );
            continue;
        }
        assert_eq!(
            resp.header(name),
            vec![value.as_str().unwrap()],
            "{what}: header {name}; all headers: {:?}",
            resp.headers
        );
    }
    assert!(
        resp.header("X-Upstream").is_empty(),
        "{what}: upstream headers leaked: {:?}",
        resp.headers
    );
}

/// Normal mode, as every server must behave: each upstream error status the edge fixture has a
/// page for gets that page with that status; the upstream timing out gets the page of
/// `timeout_status` (what the server answers itself); a status without a page (418) and a success
/// pass through untouched, upstream headers and all.
pub fn assert_upstream_errors_mapped(
    port: u16,
    manifest: &Value,
    public: &Path,
    timeout_status: u16,
) {
    for code in [404, 429, 500, 502, 503, 504] {
        let r = get(port, &format!("/status/{code}"));
        let url = format!("/_planb/errors/{code}.html");
        assert_page(
            &r,
            manifest,
            public,
            &url,
            code,
            &format!("upstream {code}"),
        );
    }
    let r = get(port, "/slow");
    let url = format!("/_planb/errors/{timeout_status}.html");
    assert_page(
        &r,
        manifest,
        public,
        &url,
        timeout_status,
        "upstream timeout",
    );
    for (path, status, body) in [
        ("/status/418", 418, "upstream 418"),
        ("/some/page", 200, "upstream ok"),
    ] {
        let r = get(port, path);
        assert_eq!(
            (r.status, r.text().as_str()),
            (status, body),
            "{path} passes through"
        );
        assert_eq!(r.header("X-Upstream"), vec!["yes"], "{path}");
        assert_eq!(r.header("Cache-Control"), vec!["private"], "{path}");
    }
}

/// `planb verify URL --target TARGET --mode MODE EXTRA…` on the bundle of `site`: its exit
/// status and its report (stdout, then stderr).
pub fn verify(site: &Path, url: &str, extra: &[&str], target: &str, mode: &str) -> (bool, String) {
    let mut args = vec!["verify", url, "--target", target, "--mode", mode];
    if !extra.contains(&"--timeout") {
        args.extend(["--timeout", "5"]);
    }
    args.extend(extra);
    let out = super::planb(site, &args);
    let report = format!("{}{}", super::stdout(&out), super::stderr(&out));
    (out.status.success(), report)
}

/// `planb verify` passes on the edge at `port` of 127.0.0.1, which serves `site`'s bundle in `mode`.
pub fn assert_verified(site: &Path, port: u16, target: &str, mode: &str) {
    assert_verified_as(site, &format!("http://127.0.0.1:{port}"), &[], target, mode);
}

/// `planb verify URL EXTRA…` passes, as `assert_verified` says.
pub fn assert_verified_as(site: &Path, url: &str, extra: &[&str], target: &str, mode: &str) {
    // Right after a reload the old workers may answer a moment longer: a few tries within 5 s
    // (a wrong configuration fails every one of them).
    let deadline = Instant::now() + Duration::from_secs(5);
    let (ok, report) = loop {
        let (ok, report) = verify(site, url, extra, target, mode);
        if ok || Instant::now() > deadline {
            break (ok, report);
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(ok, "planb verify, {target} in {mode} mode:\n{report}");
    assert!(
        report.contains("verified: the edge serves the bundle"),
        "{report}"
    );
}

/// Seconds since the epoch, now.
pub fn epoch_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// Two `[[schedule]]` windows a few seconds from now, for a server started at once: landing,
/// then overflow from the instant it ends, 3 seconds each. The TOML, and the three instants the
/// edge must switch at (seconds since the epoch).
pub fn schedule_soon() -> (String, [u64; 3]) {
    let start = epoch_now().ceil() as u64 + 5;
    let at = [start, start + 3, start + 6];
    let rfc3339 = |t: u64| {
        let out = std::process::Command::new("date")
            .args(["-u", "-d", &format!("@{t}"), "+%Y-%m-%dT%H:%M:%SZ"])
            .output()
            .expect("date");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let toml = format!(
        "\n[[schedule]]\nmode = \"landing\"\nfrom = \"{}\"\nuntil = \"{}\"\n\n[[schedule]]\nmode = \"overflow\"\nfrom = {}\nuntil = \"{}\"\n",
        rfc3339(at[0]),
        rfc3339(at[1]),
        rfc3339(at[1]),
        rfc3339(at[2])
    );
    (toml, at)
}

/// The instant (seconds since the epoch) the request that first answered as `done` says was
/// sent, polling `path` every 50 ms until `limit` (seconds since the epoch).
fn first_seen(
    port: u16,
    path: &str,
    limit: f64,
    done: impl Fn(&Response) -> bool,
) -> Option<(f64, Response)> {
    while epoch_now() < limit {
        let sent = epoch_now();
        let r = get(port, path);
        if done(&r) {
            return Some((sent, r));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// Whether an answer is the one awaited.
type Judge = dyn Fn(&Response) -> bool;

/// The edge at `port` follows `schedule_soon`'s windows by itself: the application before, the
/// home redirected to the landing page in the first window, the overflow page everywhere in the
/// second, the application again after; each switch seen within a second of its instant, and
/// none before it.
pub fn assert_scheduled_switches(port: u16, manifest: &Value, public: &Path, at: [u64; 3]) {
    let upstream = |r: &Response| r.status == 200 && r.text() == "upstream ok";
    assert!(
        epoch_now() < at[0] as f64 - 0.5,
        "the test started too late to see the switch"
    );
    let before = get(port, "/");
    assert!(
        upstream(&before),
        "before the first window: the application; got {} {:?} {}",
        before.status,
        before.headers,
        before.text()
    );
    let landing = |r: &Response| r.status == 302;
    let overflow = |r: &Response| r.status == 503;
    let steps: [(&str, u64, &Judge); 3] = [
        ("landing", at[0], &landing),
        ("overflow", at[1], &overflow),
        ("normal", at[2], &upstream),
    ];
    for (mode, instant, done) in steps {
        let (sent, r) = first_seen(port, "/", instant as f64 + 3.0, done)
            .unwrap_or_else(|| panic!("never switched to {mode} by itself"));
        let late = sent - instant as f64;
        assert!(
            (-0.1..1.0).contains(&late),
            "switched to {mode} {late:.2} s after its instant (a request sent then saw it)"
        );
        match mode {
            // A path, or a whole URL on the server's name (Apache).
            "landing" => assert!(
                r.header("Location").first().is_some_and(|l| l.ends_with(
                    ":{port}/_planb/landing.html"
                        .replace("{port}", &port.to_string())
                        .as_str()
                ) || *l == "/_planb/landing.html"),
                "{:?}",
                r.headers
            ),
            "overflow" => {
                assert_page(
                    &r,
                    manifest,
                    public,
                    "/_planb/overflow.html",
                    503,
                    "scheduled overflow",
                );
                let any = get(port, "/any/path");
                assert_page(
                    &any,
                    manifest,
                    public,
                    "/_planb/overflow.html",
                    503,
                    "scheduled overflow, any path",
                );
            }
            _ => {}
        }
    }
}

/// The edge fixture with `schedule_soon`'s windows, built for `target` as `build_edge_site`
/// says: the temporary folder, the site, the manifest and the instants of the switches.
pub fn build_scheduled_site(
    target: &str,
    upstream: &str,
    listen: u16,
) -> (tempfile::TempDir, PathBuf, Value, [u64; 3]) {
    let (tmp, site) = super::site("edge");
    let (schedule, at) = schedule_soon();
    let config = format!("{}{schedule}", super::read(&site.join("planb.toml")));
    std::fs::write(site.join("planb.toml"), config).unwrap();
    let manifest = build_for_edge(tmp.path(), &site, &[target], upstream, listen, 1);
    (tmp, site, manifest, at)
}
