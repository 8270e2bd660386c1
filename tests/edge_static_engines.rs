//! Netlify and Cloudflare Pages, by their own engines: `netlify dev --offline` (netlify-cli, which
//! reads `_headers` and `_redirects` with Netlify's own parsers) and `wrangler pages dev`
//! (Cloudflare's Pages asset server, in workerd), pinned in `tests/engines/package-lock.json` and
//! run on Node 22 from the same lock, each started on 127.0.0.1 on a built `public/`. In every
//! mode, every page at each of its URLs and an unknown path are asked for, and the status, the
//! body (byte for byte the manifest's file) and every manifest header are compared; each engine's
//! log must hold no rule it refused. The rich fixture is used: its landing and promo pages have
//! inline styles of their own, which a policy meant for another page would block.
//!
//! What the engines do that the platforms are documented to do differently, or that no file
//! can change, is named where it is allowed (`Quirk`), never skipped silently.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::edge::{Response, free_port, get};
use serde_json::Value;
use sha2::{Digest, Sha256};

const UNKNOWN: &str = "/no/such/path";

use common::engines::{modules as engines, node};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Engine {
    Netlify,
    Wrangler,
}

/// One engine serving a `public/` folder; its whole process group is killed when dropped.
struct Running {
    engine: Engine,
    child: Child,
    port: u16,
    log: PathBuf,
    _cwd: tempfile::TempDir,
}

impl Running {
    /// The engine serving `public`, ready. Ports are picked free, but the engines pick ports of
    /// their own too (workerd's, netlify's static server): an engine that lost its port to
    /// another exits, and is started again on another port, three times at most.
    fn start(engine: Engine, public: &Path) -> Running {
        let mut logs = Vec::new();
        for _ in 0..3 {
            let mut running = Running::launch(engine, public);
            if running.ready(Duration::from_secs(90)) {
                return running;
            }
            logs.push(running.log());
        }
        panic!(
            "{engine:?} did not serve within three tries; its logs:\n{}",
            logs.join("\n---\n")
        );
    }

    /// Whether the engine answers on its port within `limit` (false once it has exited).
    fn ready(&mut self, limit: Duration) -> bool {
        let deadline = std::time::Instant::now() + limit;
        while std::time::Instant::now() < deadline {
            if self.child.try_wait().ok().flatten().is_some() {
                return false;
            }
            // The engine says it serves on this very port, and it answers there.
            let said = self.log().contains(&format!(":{}", self.port));
            if said && answers(self.port) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        false
    }

    fn launch(engine: Engine, public: &Path) -> Running {
        let cwd = tempfile::tempdir().unwrap();
        let port = free_port();
        let log = cwd.path().join("engine.log");
        let script = match engine {
            Engine::Netlify => engines().join("netlify-cli/bin/run.js"),
            Engine::Wrangler => engines().join("wrangler/bin/wrangler.js"),
        };
        let public = public.to_str().unwrap().to_owned();
        let port_arg = port.to_string();
        let args: Vec<&str> = match engine {
            Engine::Netlify => vec!["dev", "--offline", "--dir", &public, "--port", &port_arg],
            Engine::Wrangler => vec![
                "pages",
                "dev",
                &public,
                "--ip",
                "127.0.0.1",
                "--port",
                &port_arg,
                "--compatibility-date",
                "2026-11-17",
            ],
        };
        let path = format!(
            "{}:{}",
            engines().join(".bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new(node())
            .arg(&script)
            .args(&args)
            .current_dir(cwd.path())
            .env("PATH", path)
            .env("HOME", cwd.path())
            .env("XDG_CONFIG_HOME", cwd.path())
            .env("NETLIFY_TELEMETRY_DISABLED", "1")
            .env("WRANGLER_SEND_METRICS", "false")
            .env("NO_COLOR", "1")
            .env("BROWSER", "none")
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .process_group(0)
            .spawn()
            .expect("start the engine");
        Running {
            engine,
            child,
            port,
            log,
            _cwd: cwd,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Lines of the log where the engine says it refused or could not read a rule.
    fn refusals(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| {
                let l = l.to_ascii_lowercase();
                l.contains("invalid") || l.contains("syntax error") || l.contains("could not parse")
            })
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(pid) = rustix::process::Pid::from_raw(self.child.id() as i32) {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
        let _ = self.child.wait();
    }
}

/// Whether something on `port` answers an HTTP request with a status line.
fn answers(port: u16) -> bool {
    use std::io::{Read as _, Write as _};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = [0; 12];
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .is_ok()
        && stream.read_exact(&mut head).is_ok()
        && head.starts_with(b"HTTP/1.1 ")
}

/// The rich fixture built with `targets` (all of them when empty) in `mode`.
struct Built {
    _tmp: tempfile::TempDir,
    site: PathBuf,
    public: PathBuf,
    manifest: Value,
}

fn build(targets: &[&str], mode: &str) -> Built {
    let list: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
    let edge = if targets.is_empty() {
        String::new()
    } else {
        format!("targets = [{}]\n", list.join(", "))
    };
    build_with(&edge, mode)
}

/// The rich fixture with `edge` as its `[edge]` section, built in `mode`.
fn build_with(edge: &str, mode: &str) -> Built {
    let (tmp, out, manifest) = common::build_in_mode("rich", &format!("[edge]\n{edge}"), mode);
    Built {
        _tmp: tmp,
        site: out.parent().unwrap().to_owned(),
        public: out.join("public"),
        manifest,
    }
}

impl Built {
    /// Every page of the manifest (not the `.gz`/`.br` siblings).
    fn pages(&self) -> Vec<&Value> {
        self.manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"].is_string() && f["encoding_of"].is_null())
            .filter(|f| f["path"].as_str().unwrap().ends_with(".html"))
            .collect()
    }

    /// The page, or the JSON twin, at `url`.
    fn page(&self, url: &str) -> &Value {
        self.manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"].is_string() && f["encoding_of"].is_null())
            .find(|f| f["path"] == url)
            .unwrap_or_else(|| panic!("{url} is not in the manifest"))
    }

    /// An unknown path, `/`, and every page at the URL `url` gives for it (its own or `pretty`).
    fn every_path(&self, url: fn(&str) -> String) -> Vec<String> {
        let mut paths = vec![UNKNOWN.to_owned(), "/".to_owned()];
        paths.extend(
            self.pages()
                .iter()
                .map(|p| url(p["path"].as_str().unwrap())),
        );
        paths
    }

    fn of_kind(&self, kind: &str) -> &Value {
        self.pages()
            .into_iter()
            .find(|f| f["kind"] == kind && f["path"].as_str().unwrap().starts_with("/_planb/"))
            .unwrap_or_else(|| panic!("no {kind} page"))
    }
}

/// The URL both platforms serve a page at without a redirect: `/a/b.html` → `/a/b`.
fn pretty(url: &str) -> String {
    url.strip_suffix(".html").unwrap_or(url).to_owned()
}

/// What an engine does that the files cannot change, allowed by name.
#[derive(Clone, Copy, PartialEq)]
enum Quirk {
    /// `netlify dev` sends its own `Cache-Control` (`public, max-age=0`: its static server's
    /// `must-revalidate` dropped) over the `_headers` one, on every answer; Netlify's CDN sends
    /// the `_headers` value (its docs: "Caching overview").
    NetlifyDevCacheControl,
    /// Cloudflare Pages sends `Cache-Control: no-store` with every 404, whatever `_headers` says
    /// (its asset server replaces it after applying the rules).
    CloudflareNotFoundNoStore,
}

/// What a response should be: a status, the file whose bytes it carries, and its headers.
struct Expected<'a> {
    status: u16,
    body_of: &'a Value,
    headers: BTreeMap<String, String>,
}

impl<'a> Expected<'a> {
    /// The page `entry` itself, with its manifest headers, answered with `status`.
    fn page(entry: &'a Value, status: u16) -> Expected<'a> {
        Expected {
            status,
            body_of: entry,
            headers: manifest_headers(entry),
        }
    }
}

fn manifest_headers(entry: &Value) -> BTreeMap<String, String> {
    entry["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.as_str().unwrap().to_owned()))
        .collect()
}

/// Every difference between `got` and `want`, with `quirks` allowed.
fn differences(
    built: &Built,
    what: &str,
    got: &Response,
    want: &Expected,
    quirks: &[Quirk],
) -> Vec<String> {
    let mut found = Vec::new();
    if got.status != want.status {
        found.push(format!(
            "{what}: status {} (want {})",
            got.status, want.status
        ));
    }
    let file = built.public.join(want.body_of["file"].as_str().unwrap());
    let bytes = std::fs::read(&file).unwrap();
    if got.body != bytes {
        found.push(format!(
            "{what}: body is not {} ({} bytes, sha256 {}; got {} bytes: {:.120})",
            want.body_of["path"],
            bytes.len(),
            want.body_of["sha256"].as_str().unwrap_or_default(),
            got.body.len(),
            got.text()
        ));
    }
    for (name, value) in &want.headers {
        let values = got.header(name);
        let allowed = match name.as_str() {
            "cache-control" if quirks.contains(&Quirk::NetlifyDevCacheControl) => {
                values == ["public, max-age=0"]
            }
            "cache-control"
                if quirks.contains(&Quirk::CloudflareNotFoundNoStore) && got.status == 404 =>
            {
                values == ["no-store"]
            }
            _ => false,
        };
        if values != [value.as_str()] && !allowed {
            found.push(format!("{what}: {name}: {values:?} (want {value:?})"));
        }
    }
    found.extend(inline_not_allowed(what, got));
    found
}

/// The page's own inline styles and scripts that the policy it came with does not allow (what
/// Chromium would block).
fn inline_not_allowed(what: &str, got: &Response) -> Vec<String> {
    let Some(policy) = got
        .header("content-security-policy")
        .first()
        .map(|p| parse_csp(p))
    else {
        return Vec::new();
    };
    let html = got.text();
    let mut found = Vec::new();
    for (tag, directive) in [("style", "style-src"), ("script", "script-src")] {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        let mut rest = html.as_str();
        while let Some(start) = rest.find(&open) {
            let body = &rest[start + open.len()..];
            let Some(end) = body.find(&close) else { break };
            let digest = Sha256::digest(&body.as_bytes()[..end]);
            let hash = format!("'sha256-{}'", STANDARD.encode(digest));
            if !policy.get(directive).is_some_and(|s| s.contains(&hash)) {
                found.push(format!(
                    "{what}: an inline {tag} ({hash}) is not in its {directive}"
                ));
            }
            rest = &body[end..];
        }
    }
    found
}

/// A policy as directive → sources.
fn parse_csp(policy: &str) -> BTreeMap<String, BTreeSet<String>> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

/// What every page's policy allows, together: the policy a static host must send with an
/// overflow rule that covers files it still serves.
fn union_csp(built: &Built) -> BTreeMap<String, BTreeSet<String>> {
    let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for page in built.pages() {
        let policy = page["headers"]["Content-Security-Policy"].as_str().unwrap();
        for (name, sources) in parse_csp(policy) {
            all.entry(name).or_default().extend(sources);
        }
    }
    for sources in all.values_mut() {
        if sources.len() > 1 {
            sources.remove("'none'");
        }
    }
    all
}

/// Asks `engine` for each of `cases` (path → expected) and gives every difference.
fn ask(
    built: &Built,
    running: &Running,
    cases: &[(String, Expected)],
    quirks: &[Quirk],
) -> Vec<String> {
    let mut found: Vec<String> = running
        .refusals()
        .into_iter()
        .map(|l| format!("{:?} refused a rule: {l}", running.engine))
        .collect();
    for (path, want) in cases {
        let got = get(running.port, path);
        let what = format!("{:?} {path}", running.engine);
        found.extend(differences(built, &what, &got, want, quirks));
    }
    found
}

fn quirks(engine: Engine) -> Vec<Quirk> {
    match engine {
        Engine::Netlify => vec![Quirk::NetlifyDevCacheControl],
        Engine::Wrangler => vec![Quirk::CloudflareNotFoundNoStore],
    }
}

/// Runs both engines on `built` at once and asserts that `cases(engine)` hold for each.
fn check_both<'a>(built: &'a Built, cases: impl Fn(Engine) -> Vec<(String, Expected<'a>)> + Sync) {
    let problems: Vec<String> = std::thread::scope(|s| {
        let runs: Vec<_> = [Engine::Netlify, Engine::Wrangler]
            .into_iter()
            .map(|engine| {
                let cases = &cases;
                s.spawn(move || {
                    let running = Running::start(engine, &built.public);
                    let problems = ask(built, &running, &cases(engine), &quirks(engine));
                    if !problems.is_empty() {
                        eprintln!("{engine:?}'s log:\n{}", running.log());
                    }
                    problems
                })
            })
            .collect();
        runs.into_iter().flat_map(|r| r.join().unwrap()).collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each page at its URLs with its own headers, status 200 (a file of the published folder),
/// and an unknown path answered with the 404 page, its status and its headers.
fn pages_and_unknown(built: &Built, engine: Engine) -> Vec<(String, Expected<'_>)> {
    let mut cases = Vec::new();
    for page in built.pages() {
        let url = page["path"].as_str().unwrap();
        // Cloudflare Pages answers `/x.html` with a 308 to `/x`; Netlify serves both.
        let mut urls = vec![pretty(url)];
        if engine == Engine::Netlify {
            urls.push(url.to_owned());
        }
        for u in urls {
            cases.push((u, Expected::page(page, 200)));
        }
    }
    let not_found = built.page("/404.html");
    cases.push((UNKNOWN.to_owned(), Expected::page(not_found, 404)));
    cases
}

#[test]
fn normal_mode_every_page_and_an_unknown_path_get_their_headers() {
    let built = build(&[], "normal");
    check_both(&built, |engine| pages_and_unknown(&built, engine));
}

#[test]
fn landing_mode_redirects_the_home_and_serves_every_page() {
    let built = build(&[], "landing");
    let landing = pretty(built.of_kind("landing")["path"].as_str().unwrap());
    let problems: Vec<String> = [Engine::Netlify, Engine::Wrangler]
        .into_iter()
        .flat_map(|engine| {
            let running = Running::start(engine, &built.public);
            let home = get(running.port, "/");
            let location = home.header("location").first().map(|l| l.to_string());
            let mut problems = Vec::new();
            if home.status != 302
                || !location.as_deref().is_some_and(|l| {
                    l == landing || l.ends_with(&format!("127.0.0.1:{}{landing}", running.port))
                })
            {
                problems.push(format!(
                    "{engine:?} /: {} to {location:?} (want 302 to {landing})",
                    home.status
                ));
            }
            problems.extend(ask(
                &built,
                &running,
                &pages_and_unknown(&built, engine),
                &quirks(engine),
            ));
            problems
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn overflow_mode_with_both_hosts_serves_every_page_a_policy_that_allows_it() {
    // Cloudflare Pages refuses `!` and any status but 200 and redirects: every path is rewritten
    // to the overflow page with 200; Netlify reads the same file and still serves the files that
    // exist, under the same `/*` rule. Its policy is every page's, so neither blocks anything.
    let built = build(&[], "overflow");
    let overflow = built.of_kind("overflow");
    let mut headers = manifest_headers(overflow);
    headers.remove("content-security-policy");
    let union = union_csp(&built);
    check_both(&built, |engine| {
        built
            .every_path(pretty)
            .into_iter()
            .map(|path| {
                let existing = built
                    .pages()
                    .into_iter()
                    .find(|p| pretty(p["path"].as_str().unwrap()) == path);
                let body_of = match (engine, existing) {
                    (Engine::Netlify, Some(page)) => page,
                    _ => overflow,
                };
                (
                    path,
                    Expected {
                        status: 200,
                        body_of,
                        headers: headers.clone(),
                    },
                )
            })
            .collect()
    });
    // The policy itself, compared as directives and sources on one page of each engine.
    for engine in [Engine::Netlify, Engine::Wrangler] {
        let running = Running::start(engine, &built.public);
        let got = get(running.port, "/_planb/landing");
        let policy = got.header("content-security-policy");
        assert_eq!(policy.len(), 1, "{engine:?}: {:?}", got.headers);
        assert_eq!(parse_csp(policy[0]), union, "{engine:?}");
    }
}

#[test]
fn overflow_mode_on_netlify_alone_answers_every_path_503() {
    let built = build(&["netlify"], "overflow");
    let overflow = built.of_kind("overflow");
    let running = Running::start(Engine::Netlify, &built.public);
    let own = overflow["path"].as_str().unwrap().to_owned();
    let cases: Vec<(String, Expected)> = built
        .every_path(str::to_owned)
        .into_iter()
        .map(|path| {
            // The rule's own destination is served as the file it is, 200: a rewrite to itself
            // would loop. Nothing links to it.
            let status = if path == own { 200 } else { 503 };
            (path, Expected::page(overflow, status))
        })
        .collect();
    let problems = ask(&built, &running, &cases, &quirks(Engine::Netlify));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn overflow_mode_on_cloudflare_pages_with_its_worker_answers_every_path_503() {
    let built = build_with("cloudflare_pages_worker = true\n", "overflow");
    assert!(built.public.join("_worker.js").is_file());
    let overflow = built.of_kind("overflow");
    let running = Running::start(Engine::Wrangler, &built.public);
    let cases: Vec<(String, Expected)> = built
        .every_path(pretty)
        .into_iter()
        .map(|path| (path, Expected::page(overflow, 503)))
        .collect();
    let mut problems = ask(&built, &running, &cases, &[]);
    // A form sent during the show gets the same answer.
    let posted = common::edge::post(running.port, "/checkout");
    let want = Expected::page(overflow, 503);
    problems.extend(differences(
        &built,
        "Wrangler POST /checkout",
        &posted,
        &want,
        &[],
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Without the setting there is no worker, and Cloudflare Pages answers 200 (see above).
    assert!(!build(&[], "overflow").public.join("_worker.js").exists());
}

/// What `planb verify --target TARGET --mode MODE` says of the engine: each difference it found,
/// as `PATH (ENCODING): DIFFERENCE`, less those `engine_own` allows (what the engine does and the
/// platform does not), or the report itself when it checked nothing.
fn verified(built: &Built, running: &Running, target: &str, mode: &str) -> Vec<String> {
    let url = format!("http://127.0.0.1:{}", running.port);
    let (ok, report) = common::edge::verify(&built.site, &url, &["--format", "json"], target, mode);
    let Ok(json) = serde_json::from_str::<Value>(&report) else {
        return vec![format!("{target} {mode}: not a JSON report: {report}")];
    };
    let mut found = Vec::new();
    for edge in json["edges"].as_array().unwrap() {
        if let Some(f) = edge["failure"].as_str() {
            found.push(format!("{target} {mode}: {f}"));
        }
        for r in edge["results"].as_array().unwrap() {
            for d in r["differences"].as_array().unwrap() {
                let d = d.as_str().unwrap();
                if !engine_own(running.engine, d) {
                    found.push(format!(
                        "{target} {mode} {} {} ({}): {d}",
                        r["method"].as_str().unwrap(),
                        r["path"].as_str().unwrap(),
                        r["accept_encoding"].as_str().unwrap()
                    ));
                }
            }
            if let Some(e) = r["error"].as_str() {
                found.push(format!("{target} {mode} {}: {e}", r["path"]));
            }
        }
    }
    if found.is_empty() && running.engine == Engine::Wrangler {
        // Nothing is allowed on Cloudflare Pages: verify must pass outright.
        assert!(ok, "{report}");
    }
    found
}

/// `netlify dev` sends `Cache-Control: public, max-age=0` on every answer (see `Quirk`); the
/// platform sends the `_headers` value, which verify expects.
fn engine_own(engine: Engine, difference: &str) -> bool {
    engine == Engine::Netlify
        && difference.starts_with("header Cache-Control `public, max-age=0`, expected")
}

#[test]
fn verify_passes_on_both_engines_in_normal_and_landing_mode() {
    for mode in ["normal", "landing"] {
        let built = build(&[], mode);
        let problems: Vec<String> = [Engine::Netlify, Engine::Wrangler]
            .into_iter()
            .flat_map(|engine| {
                let running = Running::start(engine, &built.public);
                let target = match engine {
                    Engine::Netlify => "netlify",
                    Engine::Wrangler => "cloudflare-pages",
                };
                verified(&built, &running, target, mode)
            })
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

/// Each language of a bilingual site's pages at its own URL, with exactly its headers
/// (`Content-Language` among them), on both engines; an unknown path gets the default language.
#[test]
fn verify_passes_on_both_engines_on_a_bilingual_site() {
    let (tmp, out, manifest) = common::build_in_mode("bilingual", "", "normal");
    let built = Built {
        _tmp: tmp,
        site: out.parent().unwrap().to_owned(),
        public: out.join("public"),
        manifest,
    };
    assert!(built.pages().iter().any(|p| p["language"] == "en"));
    let problems: Vec<String> = [
        (Engine::Netlify, "netlify"),
        (Engine::Wrangler, "cloudflare-pages"),
    ]
    .into_iter()
    .flat_map(|(engine, target)| {
        let running = Running::start(engine, &built.public);
        verified(&built, &running, target, "normal")
    })
    .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn verify_passes_on_each_engines_503_overflow_and_refuses_the_200_one() {
    let netlify = build(&["netlify"], "overflow");
    let running = Running::start(Engine::Netlify, &netlify.public);
    let problems = verified(&netlify, &running, "netlify", "overflow");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Netlify alone writes `_redirects` in its own dialect (`!`, 5xx): normal mode holds too.
    let alone = build(&["netlify"], "normal");
    let running = Running::start(Engine::Netlify, &alone.public);
    let problems = verified(&alone, &running, "netlify", "normal");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let pages = build_with("cloudflare_pages_worker = true\n", "overflow");
    let running = Running::start(Engine::Wrangler, &pages.public);
    let problems = verified(&pages, &running, "cloudflare-pages", "overflow");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Where overflow mode answers 200, verify says why it cannot hold it to the manifest.
    let both = build(&[], "overflow");
    for (target, why) in [
        (
            "netlify",
            "remove \"cloudflare-pages\" from `edge.targets` for Netlify's own 503",
        ),
        (
            "cloudflare-pages",
            "set `edge.cloudflare_pages_worker = true` for a 503",
        ),
    ] {
        let (ok, report) =
            common::edge::verify(&both.site, "http://127.0.0.1:9", &[], target, "overflow");
        assert!(!ok);
        assert!(
            report.contains(&format!(
                "{target} in overflow mode cannot be verified against the manifest: "
            )) && report.contains(why),
            "{report}"
        );
    }
}

/// On a bilingual site in overflow mode, Cloudflare Pages' worker answers each visitor in their
/// language, ranked as planb ranks, in `wrangler pages dev`: each header of the issue (and two
/// that only q-value ranking gets right) gets that language's overflow page with 503, exactly its
/// manifest headers and `Vary: Accept-Language, Accept`; an app gets the page's JSON twin.
#[test]
fn cloudflare_pages_worker_answers_in_the_visitors_language() {
    use common::languages::{HEADERS, line, variant_for};
    let (tmp, out, manifest) = common::build_in_mode(
        "bilingual",
        "[edge]\ntargets = [\"cloudflare-pages\"]\ncloudflare_pages_worker = true\n",
        "overflow",
    );
    let built = Built {
        _tmp: tmp,
        site: out.parent().unwrap().to_owned(),
        public: out.join("public"),
        manifest,
    };
    let running = Running::start(Engine::Wrangler, &built.public);
    let mut headers: Vec<Option<&str>> = HEADERS.to_vec();
    headers.extend([
        Some("en;q=0.5, fr;q=0.6"),
        Some("fr;q=0.1, de, en-GB;q=0.2"),
    ]);
    let mut problems: Vec<String> = running
        .refusals()
        .into_iter()
        .map(|l| format!("Wrangler refused a rule: {l}"))
        .collect();
    for header in headers {
        let got = common::edge::request(running.port, "GET", "/any/path", &line(header), "");
        let what = format!("Wrangler /any/path with Accept-Language {header:?}");
        let want = Expected::page(
            built.page(&variant_for("/_planb/overflow.html", header)),
            503,
        );
        problems.extend(differences(&built, &what, &got, &want, &[]));
        if got.header("vary") != ["Accept-Language, Accept"] {
            problems.push(format!("{what}: Vary {:?}", got.header("vary")));
        }
    }
    // An app gets the overflow page's JSON twin, in its language.
    for header in [Some("en-GB,en;q=0.9"), Some("fr-FR"), None] {
        let headers = format!("{}Accept: application/json\r\n", line(header));
        let got = common::edge::request(running.port, "GET", "/any/path", &headers, "");
        let what = format!("Wrangler /any/path as an app, Accept-Language {header:?}");
        let twin = variant_for("/_planb/overflow.html", header).replace(".html", ".json");
        let want = Expected::page(built.page(&twin), 503);
        problems.extend(differences(&built, &what, &got, &want, &[]));
    }
    // The switcher's link to the other language answers that language, not the default's.
    let english = get(running.port, "/_planb/overflow.en");
    let want = Expected::page(built.page("/_planb/overflow.en.html"), 503);
    problems.extend(differences(
        &built,
        "Wrangler /_planb/overflow.en",
        &english,
        &want,
        &[],
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
