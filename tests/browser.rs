//! What a visitor sees, proven in a real browser. Debian's headless Chromium, driven by
//! `tests/browser/check.mjs` (playwright-core and axe-core, pinned in `tests/browser/`), looks at
//! every page of the default site and of the `rich` fixture, served by a real nginx with planb's
//! generated configuration so that the production status, headers and CSP apply, at a phone's
//! (390×844) and a laptop's (1280×800) size. The script only reports what it saw, as JSON; every
//! expectation is here.
//!
//! For each page and size: the document is the only request; no console error or warning; no CSP
//! violation; nothing wider than the viewport; a screenshot (under `target/tmp/browser/`); no
//! axe-core violation, in light and in dark colours; with JavaScript off, the heading, the text and
//! every link still visible. In overflow mode, the overflow page retries after a random delay within
//! its bounds, and waits longer each time its retry meets another 503; without JavaScript it
//! reloads itself every `retry_after` seconds, and with JavaScript that reload never happens.
//!
//! A missing Chromium, Node.js or `tests/browser/node_modules` fails these tests, never skips
//! them: `scripts/test` installs all three.

mod common;

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use common::edge::{Upstream, build_for_edge, entry, free_port, poll, require};
use common::nginx::Server;

/// The sizes check.mjs looks at each page in, and the colour schemes axe audits each in.
const VIEWPORTS: usize = 2;
const SCHEMES: usize = 2;
/// Visitors the overflow page's retries are watched for: enough to see the delays differ.
const RETRY_RUNS: usize = 5;
/// The overflow page's `retry_after` where its reload without JavaScript is watched: short, so that
/// the test is, and at least 1, the least planb accepts.
const RELOAD_AFTER: u64 = 2;
/// Reloads watched without JavaScript: a second shows that the page keeps retrying.
const RELOADS: usize = 2;
/// The longest a run of check.mjs may take before it is killed, Chromium and all.
const NODE_LIMIT: Duration = Duration::from_secs(600);

#[test]
fn every_page_of_the_default_site_in_chromium() {
    let (tmp, site) = common::default_site();
    look_at_site("default", tmp.path(), &site);
}

#[test]
fn every_page_of_the_rich_site_in_chromium() {
    let (tmp, site) = common::site("rich");
    look_at_site("rich", tmp.path(), &site);
}

/// Every page of a site in French and English as nginx negotiates it: each application error
/// and the overflow page asked with each language's `Accept-Language` gets that language's page
/// (its `<html lang>` checked), the landing pages at their own URL; the switcher's links and
/// `lang` attributes are axe-clean, nothing is wider than a phone.
#[test]
fn every_page_of_the_bilingual_site_in_chromium() {
    let (tmp, site) = common::site("bilingual");
    look_at_site("bilingual", tmp.path(), &site);
}

/// The built-in texts of the languages that no fixture is written in, on every page of a site
/// in each: German's longer words included, nothing wider than a phone, axe-clean, `lang` set.
#[test]
fn every_page_in_german_spanish_and_italian_in_chromium() {
    for (lang, landing, overflow) in [
        (
            "de",
            "+++\ntitle = \"Willkommen\"\n+++\n\nSchön, dass Sie da sind.\n",
            "+++\ntitle = \"Heute Abend ist viel los\"\n+++\n\nDanke für Ihren Besuch! Die Website hat gerade mehr Besucher, als sie bedienen kann.\n",
        ),
        (
            "es",
            "+++\ntitle = \"Bienvenido\"\n+++\n\nGracias por visitarnos.\n",
            "+++\ntitle = \"Esta noche somos muchos\"\n+++\n\n¡Gracias por venir! El sitio tiene ahora más visitas de las que puede atender.\n",
        ),
        (
            "it",
            "+++\ntitle = \"Benvenuti\"\n+++\n\nGrazie della visita.\n",
            "+++\ntitle = \"Stasera siamo in tanti\"\n+++\n\nGrazie della visita! Il sito ha in questo momento più visitatori di quanti ne possa servire.\n",
        ),
    ] {
        let (tmp, site) = common::site("minimal");
        let config = common::read(&site.join("planb.toml"))
            .replace("language = \"en\"", &format!("language = \"{lang}\""))
            .replace(
                "codes = [404, 503]",
                "codes = [400, 401, 403, 404, 405, 408, 410, 413, 429, 500, 501, 502, 503, 504]",
            );
        std::fs::write(
            site.join("planb.toml"),
            format!("{config}\n[overflow]\nretry_after = 120\nretry_max = 900\n"),
        )
        .unwrap();
        std::fs::write(site.join("content/landing.md"), landing).unwrap();
        std::fs::write(site.join("content/overflow.md"), overflow).unwrap();
        look_at_site(lang, tmp.path(), &site);
        let page = common::read(&site.join("output/public/_planb/errors/503.html"));
        assert!(
            page.starts_with(&format!("<!doctype html><html lang={lang}>")),
            "{page:.80}"
        );
    }
}

/// Without JavaScript, the overflow page reloads itself after its retry_after (a meta refresh inside
/// `<noscript>`: see themes/default/templates/overflow.html), served by nginx in overflow mode; with
/// JavaScript on, that refresh does not exist: no reload, only overflow.js's retries. Two visitors,
/// side by side, each at a path of its own so that nginx's access log tells their requests apart.
#[test]
fn the_overflow_page_reloads_itself_only_without_javascript() {
    let (tmp, site) = common::default_site();
    let config = site.join("planb.toml");
    let mut settings: toml::Table = common::read(&config).parse().unwrap();
    settings["overflow"]["retry_after"] = toml::Value::Integer(RELOAD_AFTER as i64);
    std::fs::write(&config, settings.to_string()).unwrap();

    let browser = Browser::find();
    let upstream = Upstream::start();
    let port = free_port();
    let manifest = build_for_edge(tmp.path(), &site, &["nginx"], &upstream.addr(), port, 30);
    let header = &entry(&manifest, "/_planb/overflow.html")["headers"]["Retry-After"];
    assert_eq!(header, &json!(RELOAD_AFTER.to_string()));
    let prefix = tmp.path().join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    // The example logs 1 % of its answers (a spike must not fill the disk): this test counts
    // every request nginx answered, so it logs them all, unbuffered.
    let conf = site.join("output/config/nginx/example.conf");
    let example = common::read(&conf);
    let logged = example.replace(
        "access_log access.log combined buffer=64k flush=5s if=$planb_log;",
        "access_log access.log combined;",
    );
    assert_ne!(logged, example, "the example's access_log line was found");
    std::fs::write(&conf, logged).unwrap();
    let server = Server::start(&prefix, &conf, port);
    server.switch("overflow");
    let r = poll(port, "/", |r| r.status == 503);
    assert_eq!(r.status, 503, "overflow mode: {}", server.log());

    let (without, with) = ("/without/javascript", "/with/javascript");
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    // Enough for every reload, with room for a late one; 9 s with retry_after = 2.
    let watch = RELOAD_AFTER * 1000 * (RELOADS as u64 + 1) + 3000;
    let report = browser.look(&json!({ "reload": {
        "nojs_url": url(without), "js_url": url(with), "reloads": RELOADS, "watch_ms": watch,
    }}));
    let log = std::fs::read_to_string(prefix.join("access.log")).unwrap_or_default();
    let mut problems = reload_problems(&report["reload"]["nojs"], &url(without));
    problems.extend(no_reload_problems(&report["reload"]["js"], &url(with)));
    let (served, expected) = (answered(&log, without), RELOADS + 1);
    if served != expected {
        problems.push(format!("without JavaScript: nginx answered {served} requests with 503, not the page and {RELOADS} reloads"));
    }
    let fetches = report["reload"]["js"]["fetches"]
        .as_array()
        .map_or(0, Vec::len);
    if answered(&log, with) != fetches + 1 {
        problems.push(format!("with JavaScript: nginx answered {} requests with 503, not the page and its {fetches} retries", answered(&log, with)));
    }
    assert!(
        problems.is_empty(),
        "the overflow page's reload (retry_after = {RELOAD_AFTER} s):\n  {}\nnginx's access log:\n{log}",
        problems.join("\n  ")
    );
}

/// Without JavaScript: the refresh is in the DOM, and the page reloaded `RELOADS` times, each
/// meeting 503, each about retry_after after the one before: Chromium starts the timer once the
/// page has arrived, so never sooner; a busy machine makes it a little later.
fn reload_problems(run: &Value, url: &str) -> Vec<String> {
    let at = "without JavaScript";
    let mut problems = Vec::new();
    if run["refresh"] != 1 {
        problems.push(format!(
            "{at}: {} meta refresh in the DOM, not 1",
            run["refresh"]
        ));
    }
    let (navigations, loads) = (
        run["navigations"].as_array().unwrap(),
        run["loads"].as_array().unwrap(),
    );
    if navigations.len() != RELOADS + 1 || loads.len() != RELOADS + 1 {
        problems.push(format!(
            "{at}: navigations {navigations:?} and loads {loads:?}, not the page and {RELOADS} reloads"
        ));
    }
    for n in navigations {
        if n["url"] != url || n["status"] != 503 {
            problems.push(format!("{at}: navigation {n}, not {url} answered 503"));
        }
    }
    let expected = (RELOAD_AFTER * 1000) as f64;
    let times: Vec<f64> = navigations
        .iter()
        .map(|n| n["at"].as_f64().unwrap())
        .collect();
    for (k, pair) in times.windows(2).enumerate() {
        let waited = pair[1] - pair[0];
        if !(expected - 250.0..=expected + 1500.0).contains(&waited) {
            problems.push(format!(
                "{at}: reload {} left {waited} ms after the one before, not about {expected} ms",
                k + 1
            ));
        }
    }
    if run["fetches"] != json!([]) {
        problems.push(format!("{at}: fetches {}", run["fetches"]));
    }
    problems
}

/// With JavaScript: no refresh in the DOM and no navigation but the page's own, while overflow.js
/// retried (fetches, each meeting 503) on its randomised delays.
fn no_reload_problems(run: &Value, url: &str) -> Vec<String> {
    let at = "with JavaScript";
    let mut problems = Vec::new();
    if run["refresh"] != 0 {
        problems.push(format!(
            "{at}: {} meta refresh in the DOM, not 0",
            run["refresh"]
        ));
    }
    let navigations = run["navigations"].as_array().unwrap();
    if navigations.len() != 1 || run["loads"].as_array().unwrap().len() != 1 {
        problems.push(format!(
            "{at}: navigations {navigations:?} and loads {}, not the page alone",
            run["loads"]
        ));
    }
    let fetches = run["fetches"].as_array().unwrap();
    if fetches.is_empty()
        || fetches
            .iter()
            .any(|f| f["url"] != url || f["status"] != 503)
    {
        problems.push(format!(
            "{at}: retries {fetches:?}, not one or more to {url} answered 503"
        ));
    }
    problems
}

/// The own URL of the overflow page in another language than the default, where its switcher
/// links (on a site in one language, the page's).
fn own_overflow_url(manifest: &Value) -> String {
    let files = manifest["files"].as_array().unwrap();
    let overflow =
        |f: &&Value| f["kind"] == "overflow" && f["format"] == "html" && f["encoding_of"].is_null();
    let pages: Vec<&Value> = files.iter().filter(overflow).collect();
    let page = pages
        .iter()
        .find(|f| !f["variant_of"].is_null())
        .or(pages.first())
        .unwrap();
    page["path"].as_str().unwrap().to_owned()
}

/// The overflow page at its own URL (`own`), answered 200 in normal mode: its "Try again" and
/// its one retry go to the home, and it follows the retry there, rather than reload itself and
/// meet the overflow page again for good.
fn back_problems(run: &Value, own: &str, port: u16) -> Vec<String> {
    let home = format!("http://127.0.0.1:{port}/");
    let mut problems = Vec::new();
    if run["status"] != 200 {
        problems.push(format!(
            "{own}: answered {} in normal mode, not 200",
            run["status"]
        ));
    }
    if run["again"] != home.as_str() {
        problems.push(format!(
            "{own}: \"Try again\" goes to {}, not {home}",
            run["again"]
        ));
    }
    if run["fetches"] != json!([home]) {
        problems.push(format!(
            "{own}: retries {}, not one to {home}",
            run["fetches"]
        ));
    }
    if run["navigations"] != json!([own, home]) {
        problems.push(format!(
            "{own}: navigations {}, not the page then the home",
            run["navigations"]
        ));
    }
    problems
}

/// How many requests for `path` nginx logged as answered 503 (its default `combined` format).
fn answered(log: &str, path: &str) -> usize {
    let request = format!("\"GET {path} HTTP/1.1\" 503 ");
    log.lines().filter(|l| l.contains(&request)).count()
}

/// A page to look at: where nginx answers it, and with which status.
struct Target {
    name: String,
    url: String,
    status: u16,
    /// The `Accept-Language` the browser sends, and the `<html lang>` the page must have.
    language: Option<String>,
}

fn look_at_site(name: &str, tmp: &Path, site: &Path) {
    let browser = Browser::find();
    let upstream = Upstream::start();
    let port = free_port();
    // The default upstream timeout: a test upstream slowed down by a busy machine is no page
    // problem, and the browser tests have no slow path to time out.
    let manifest = build_for_edge(tmp, site, &["nginx"], &upstream.addr(), port, 30);
    let prefix = tmp.join("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let conf = site.join("output/config/nginx/example.conf");
    let server = Server::start(&prefix, &conf, port);
    let shots = screenshots(name);

    // Normal mode: the application's errors get planb's pages, the landing pages their own URL.
    let pages = normal_mode_pages(name, &manifest, port);
    // The overflow page at its own URL, the site being back: it goes home.
    let own = format!("http://127.0.0.1:{port}{}", own_overflow_url(&manifest));
    let first_retry = Retry::of(&manifest, site).bounds(0).1;
    let back = json!({ "url": own, "step_ms": 1000, "limit_ms": first_retry * 1000.0 + 5000.0 });
    let report = browser.look(&json!({
        "screenshots": shots, "pages": job_pages(&pages), "back": back,
    }));
    let mut problems = page_problems(&report, &pages);
    problems.extend(back_problems(&report["back"], &own, port));

    // Overflow mode: every path gets the overflow page with 503, and the page retries by itself.
    server.switch("overflow");
    let r = poll(port, "/", |r| r.status == 503);
    assert_eq!(r.status, 503, "overflow mode: {}", server.log());
    // Each language's overflow page, as a visitor whose browser asks for it gets it.
    let overflow: Vec<Target> = overflow_languages(&manifest)
        .into_iter()
        .map(|language| Target {
            name: format!("{name} overflow page {}", language.as_deref().unwrap_or("")),
            url: format!("http://127.0.0.1:{port}/any/path"),
            status: 503,
            language,
        })
        .collect();
    let retry = Retry::of(&manifest, site);
    let report = browser.look(&json!({
        "screenshots": shots,
        "pages": job_pages(&overflow),
        "retry": retry.job(&overflow[0].url),
    }));
    problems.extend(page_problems(&report, &overflow));
    problems.extend(retry.problems(&report["retry"], &overflow[0].url));

    println!(
        "{name}: {} pages × {VIEWPORTS} viewports; screenshots in {}",
        pages.len() + overflow.len(),
        shots.display()
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) seen in Chromium on the {name} site (screenshots in {}):\n  {}",
        problems.len(),
        shots.display(),
        problems.join("\n  ")
    );
}

/// No `Accept-Language` for the overflow page in the default language, then each other
/// language the overflow page has.
fn overflow_languages(manifest: &Value) -> Vec<Option<String>> {
    let files = manifest["files"].as_array().unwrap();
    let mut out = vec![None];
    out.extend(
        files
            .iter()
            .filter(|f| f["kind"] == "overflow" && f["encoding_of"].is_null())
            .filter(|f| f["format"] == "html" && !f["variant_of"].is_null())
            .filter_map(|f| f["language"].as_str().map(|l| Some(l.to_owned()))),
    );
    out
}

/// Every page of the manifest as nginx serves it in normal mode: an error page where the
/// application answers its status (the test upstream answers `/status/N` with N), a landing page
/// (and the 408 page) at its own URL. The overflow page is looked at in overflow mode.
fn normal_mode_pages(site: &str, manifest: &Value, port: u16) -> Vec<Target> {
    let files = manifest["files"].as_array().unwrap();
    let pages: Vec<&Value> = files
        .iter()
        .filter(|f| f["encoding_of"].is_null() && f["kind"] != "platform")
        // A JSON twin is no page for a browser: it never gets one (tests/common/formats.rs).
        .filter(|f| f["format"] != "json")
        .collect();
    let mut targets = Vec::new();
    for f in &pages {
        let path = f["path"].as_str().unwrap();
        let status = f["status"].as_u64().unwrap() as u16;
        if !path.starts_with("/_planb/") {
            // `/404.html` is for static hosts: the very bytes of a page looked at below.
            let copy_of = pages
                .iter()
                .any(|p| p["path"] != f["path"] && p["sha256"] == f["sha256"]);
            assert!(copy_of, "{path} is not a copy of a page under /_planb/");
            continue;
        }
        // Another language of a page: the application's error as a visitor whose browser asks
        // for that language gets it; a landing page at its own URL, where the switcher links.
        let language = f["variant_of"]
            .as_str()
            .and(f["language"].as_str())
            .map(str::to_owned);
        let (via, status) = match f["kind"].as_str().unwrap() {
            "overflow" => continue,
            // nginx cannot show a page for the application's 408 (see src/targets/nginx.rs).
            "error" if status == 408 => (path.to_owned(), 200),
            "error" => (format!("/status/{status}"), status),
            _ => (path.to_owned(), status),
        };
        targets.push(Target {
            name: format!("{site} {path}"),
            url: format!("http://127.0.0.1:{port}{via}"),
            status,
            language,
        });
    }
    assert!(targets.len() > 3, "{site}: pages found: {}", targets.len());
    targets
}

fn job_pages(targets: &[Target]) -> Value {
    targets
        .iter()
        .map(|t| json!({ "name": t.name, "url": t.url, "language": t.language }))
        .collect()
}

/// A fresh folder for a site's screenshots, in cargo's target directory (never committed).
fn screenshots(site: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("browser")
        .join(site);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// What went wrong with the pages in `report`, one line each, naming page and viewport.
fn page_problems(report: &Value, targets: &[Target]) -> Vec<String> {
    let mut problems = Vec::new();
    let looks = [
        ("pages", VIEWPORTS),
        ("nojs", VIEWPORTS),
        ("axe", VIEWPORTS * SCHEMES),
    ];
    for (key, per_page) in looks {
        let reports = report[key].as_array().map_or(&[][..], Vec::as_slice);
        let expected = targets.len() * per_page;
        if reports.len() != expected {
            problems.push(format!(
                "{key}: {} reports for {expected} looks",
                reports.len()
            ));
        }
        for r in reports {
            let name = r["name"].as_str().unwrap();
            let t = targets
                .iter()
                .find(|t| t.name == name)
                .expect("a page of the job");
            let at = format!("{name} at {}", r["viewport"].as_str().unwrap());
            problems.extend(match (key, r["failure"].as_str()) {
                (_, Some(failure)) => vec![format!("{at}: could not look: {failure}")],
                ("pages", None) => visit_problems(r, t, &format!("{at} ({})", t.url)),
                ("nojs", None) => reading_problems(r, &at),
                _ => audit_problems(r, &at),
            });
        }
    }
    problems
}

/// axe-core's violations, in one colour scheme.
fn audit_problems(audit: &Value, at: &str) -> Vec<String> {
    let scheme = audit["scheme"].as_str().unwrap();
    let violations = audit["violations"].as_array().unwrap().iter();
    violations
        .map(|v| {
            format!(
                "{at}, {scheme} colours: axe {} ({}): {}; {}",
                v["id"].as_str().unwrap(),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap(),
                v["nodes"]
            )
        })
        .collect()
}

/// With JavaScript off: whatever the visitor could not see.
fn reading_problems(reading: &Value, at: &str) -> Vec<String> {
    let missing = reading["missing"].as_array().unwrap().iter();
    missing
        .map(|m| {
            format!(
                "{at} without JavaScript: {} is not visible",
                m.as_str().unwrap()
            )
        })
        .collect()
}

/// One look with the page's real CSP: status, requests, console, CSP violations, layout.
fn visit_problems(v: &Value, t: &Target, at: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if v["status"] != t.status {
        problems.push(format!("{at}: status {}, not {}", v["status"], t.status));
    }
    if let Some(language) = &t.language
        && v["lang"] != language.as_str()
    {
        problems.push(format!("{at}: <html lang={}>, not {language}", v["lang"]));
    }
    let document = format!("GET {}", t.url);
    let others: Vec<&Value> = v["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| **r != document)
        .collect();
    if !others.is_empty() {
        problems.push(format!("{at}: requests besides the document: {others:?}"));
    }
    for m in v["console"].as_array().unwrap() {
        if !is_own_status(m, &t.url, t.status) {
            problems.push(format!("{at}: console {}: {}", m["type"], m["text"]));
        }
    }
    for e in v["errors"].as_array().unwrap() {
        problems.push(format!("{at}: uncaught exception: {e}"));
    }
    for c in v["csp"].as_array().unwrap() {
        problems.push(format!("{at}: Content-Security-Policy violation: {c}"));
    }
    let layout = &v["layout"];
    let (wide, width) = (&layout["scrollWidth"], &layout["clientWidth"]);
    if wide.as_f64() > width.as_f64() {
        problems.push(format!(
            "{at}: scrolls sideways: {wide}px wide in {width}px"
        ));
    }
    for o in layout["outside"].as_array().unwrap() {
        problems.push(format!("{at}: sticks out of the viewport: {o}"));
    }
    problems
}

/// Chromium logs every answer of 400 and above as an error, the document's own too: that one is
/// the page doing its job (a 502 page answers 502), not a problem of the page.
fn is_own_status(message: &Value, url: &str, status: u16) -> bool {
    let own = format!("Failed to load resource: the server responded with a status of {status} (");
    status >= 400
        && message["type"] == "error"
        && message["url"] == url
        && message["text"].as_str().unwrap().starts_with(&own)
}

/// The overflow page's retries (`themes/default/assets/overflow.js`): the k-th waits a random
/// delay between half and one and a half times min(base × 2^k, max), never more than max, where
/// base is the page's `Retry-After` and max is `overflow.retry_max`.
struct Retry {
    base: f64,
    max: f64,
}

impl Retry {
    fn of(manifest: &Value, site: &Path) -> Retry {
        let header = &entry(manifest, "/_planb/overflow.html")["headers"]["Retry-After"];
        let base = header.as_str().unwrap().parse().unwrap();
        let config: toml::Table = common::read(&site.join("planb.toml")).parse().unwrap();
        // The README's default when planb.toml does not say.
        let max = config
            .get("overflow")
            .and_then(|o| o.get("retry_max"))
            .and_then(toml::Value::as_integer)
            .unwrap_or(900) as f64;
        Retry { base, max }
    }

    /// The shortest and longest wait before retry `k` (0 is the first), in seconds.
    fn bounds(&self, k: usize) -> (f64, f64) {
        let step = (self.base * 2f64.powi(k as i32)).min(self.max);
        (step * 0.5, (step * 1.5).min(self.max))
    }

    /// Whether retry `k` may reach max: one and a half times its step is more.
    fn capped(&self, k: usize) -> bool {
        self.base * 2f64.powi(k as i32) * 1.5 > self.max
    }

    /// Enough retries to reach max, and three there (where a clamped delay would show).
    fn attempts(&self) -> usize {
        (0..).find(|&k| self.capped(k)).unwrap() + 3
    }

    /// The fake clock moves in steps shorter than half the shortest delay, so that two retries
    /// never fall in one step, and than the 20 s after which the page gives up on a retry's answer
    /// (the answer arrives in real time, between steps).
    fn job(&self, url: &str) -> Value {
        let longest: f64 = (0..self.attempts()).map(|k| self.bounds(k).1).sum();
        json!({
            "url": url,
            "runs": RETRY_RUNS,
            "attempts": self.attempts(),
            "step_ms": (self.base / 4.0).min(10.0) * 1000.0,
            "limit_ms": (longest + self.base) * 1000.0,
        })
    }

    /// Each visitor's retries waited within their bounds; across visitors, the delays differ.
    fn problems(&self, runs: &Value, url: &str) -> Vec<String> {
        let runs = runs.as_array().unwrap();
        let mut problems = Vec::new();
        if runs.len() != RETRY_RUNS {
            problems.push(format!(
                "{} visitors reported, not {RETRY_RUNS}",
                runs.len()
            ));
        }
        let mut by_retry = vec![Vec::new(); self.attempts()];
        let mut at_max = Vec::new();
        for (i, run) in runs.iter().enumerate() {
            let who = format!("overflow page, visitor {}", i + 1);
            problems.extend(self.run_problems(run, url, &who));
            for (k, delay) in delays(run).into_iter().enumerate().take(self.attempts()) {
                let (low, high) = self.bounds(k);
                // The page's timers fire 20 ms after each second (so its retry leaves 20 ms after
                // the delay), and the start of the first is seen a moment late.
                if delay < low - 0.1 || delay > high + 0.25 {
                    problems.push(format!(
                        "{who}: retry {} after {delay:.3} s, outside [{low}, {high}] s",
                        k + 1
                    ));
                }
                if self.capped(k) && (delay - high - 0.02).abs() < 0.005 {
                    at_max.push(format!("visitor {} retry {}: {delay} s", i + 1, k + 1));
                }
                by_retry[k].push(delay);
            }
        }
        // Evenly spread delays land within 5 ms of max about once in 10,000: two of them mean
        // the delay is clamped there, and every visitor who reaches it comes back together.
        if at_max.len() > 1 {
            problems.push(format!("overflow retries waited exactly max: {at_max:?}"));
        }
        for (k, d) in by_retry.iter().enumerate() {
            let longest = d.iter().cloned().fold(f64::MIN, f64::max);
            let shortest = d.iter().cloned().fold(f64::MAX, f64::min);
            if d.len() > 1 && longest - shortest < 0.1 {
                problems.push(format!(
                    "overflow retry {}: every visitor waited the same (no jitter): {d:?}",
                    k + 1
                ));
            }
        }
        problems
    }

    /// One visitor: the page itself, then only its retries, with nothing else logged or blocked.
    fn run_problems(&self, run: &Value, url: &str, at: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let retries = run["retries"].as_array().unwrap().len();
        if run["status"] != 503 || retries != self.attempts() {
            problems.push(format!(
                "{at}: status {} and {retries} retries, not 503 and {}",
                run["status"],
                self.attempts()
            ));
        }
        for (k, r) in run["retries"].as_array().unwrap().iter().enumerate() {
            if r["status"] != 503 {
                problems.push(format!("{at}: retry {} met {r}, not 503", k + 1));
            }
        }
        let document = format!("GET {url}");
        let requests = run["requests"].as_array().unwrap();
        if requests.len() != retries + 1 || requests.iter().any(|r| *r != document) {
            problems.push(format!("{at}: requests {requests:?}"));
        }
        for m in run["console"].as_array().unwrap() {
            if !is_own_status(m, url, 503) {
                problems.push(format!("{at}: console {}: {}", m["type"], m["text"]));
            }
        }
        for key in ["errors", "csp"] {
            for e in run[key].as_array().unwrap() {
                problems.push(format!("{at}: {key}: {e}"));
            }
        }
        problems
    }
}

/// A visitor's delays before each retry, in seconds, on the page's clock: from the page's start
/// to the first retry, then from each retry's answer (when the page schedules the next) to the next.
fn delays(run: &Value) -> Vec<f64> {
    let mut since = run["start"].as_f64().unwrap();
    let mut delays = Vec::new();
    for r in run["retries"].as_array().unwrap() {
        delays.push((r["at"].as_f64().unwrap() - since) / 1000.0);
        since = r["answered"].as_f64().unwrap();
    }
    delays
}

/// Node.js, Chromium and the npm packages pinned in `tests/browser/package-lock.json`.
struct Browser {
    node: PathBuf,
    chromium: PathBuf,
    dir: PathBuf,
}

impl Browser {
    /// Fails, with what to run, when any of them is missing or not the pinned version.
    fn find() -> Browser {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
        let lock: Value = serde_json::from_str(&common::read(&dir.join("package-lock.json")))
            .expect("tests/browser/package-lock.json");
        for package in ["playwright-core", "axe-core"] {
            let locked = &lock["packages"][format!("node_modules/{package}")]["version"];
            let manifest = dir.join("node_modules").join(package).join("package.json");
            let installed = std::fs::read_to_string(&manifest)
                .ok()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                .map(|p| p["version"].clone());
            assert!(
                installed.as_ref() == Some(locked),
                "tests/browser/node_modules/{package} is {}, package-lock.json pins {locked}: \
                 run scripts/test, which installs it (or npm ci --prefix tests/browser)",
                installed.map_or("missing".to_owned(), |v| v.to_string())
            );
        }
        Browser {
            node: require("node"),
            chromium: require("chromium"),
            dir,
        }
    }

    /// Runs `node tests/browser/check.mjs JOB` and returns its report.
    fn look(&self, job: &Value) -> Value {
        let tmp = tempfile::tempdir().unwrap();
        let mut job = job.clone();
        job["chromium"] = json!(self.chromium);
        let job_file = tmp.path().join("job.json");
        std::fs::write(&job_file, job.to_string()).unwrap();
        let (out, err) = (tmp.path().join("report.json"), tmp.path().join("stderr"));
        let mut command = Command::new(&self.node);
        command
            .arg(self.dir.join("check.mjs"))
            .arg(&job_file)
            .stdin(Stdio::null())
            .stdout(File::create(&out).unwrap())
            .stderr(File::create(&err).unwrap())
            // Its own process group, so that a hung run is stopped whole.
            .process_group(0);
        let status = Group(command.spawn().expect("start node")).wait(NODE_LIMIT);
        let stderr = std::fs::read_to_string(&err).unwrap_or_default();
        match status {
            Some(s) if s.success() => {}
            Some(s) => panic!("check.mjs failed ({s}):\n{stderr}"),
            None => panic!("check.mjs did not finish in {NODE_LIMIT:?}:\n{stderr}"),
        }
        let report = common::read(&out);
        serde_json::from_str(&report).unwrap_or_else(|e| {
            panic!("check.mjs printed no JSON report ({e}):\n{report}\n{stderr}")
        })
    }
}

/// A child leading its own process group; the whole group is stopped when dropped.
struct Group(Child);

impl Group {
    /// The exit status, or `None` after `limit`.
    fn wait(mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.0.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        use rustix::process::{Pid, Signal, kill_process_group};
        let pid = Pid::from_child(&self.0);
        // SIGTERM first: playwright closes the browser it launched (which leads a group of its
        // own), then SIGKILL for whatever is left of node's group.
        if kill_process_group(pid, Signal::TERM).is_ok() {
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline && self.0.try_wait().ok().flatten().is_none() {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = kill_process_group(pid, Signal::KILL);
        }
        let _ = self.0.wait();
    }
}
