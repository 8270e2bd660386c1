//! Cloudflare in front of an origin (the `cloudflare` target): no zone can be reached from here, so
//! each file is checked by what Cloudflare itself publishes, pinned in `tests/engines/`:
//! - every API body against the types of Cloudflare's TypeScript SDK (npm `cloudflare`), by
//!   `tsc --strict` on object literals, where a misspelt field or a value outside its enum fails;
//! - `planb.tf`, parsed by HashiCorp's HCL parser (npm `@cdktf/hcl2json`), against the provider's
//!   schema as `@cdktf/provider-cloudflare` types it, and rule for rule against the API bodies;
//! - the overflow Worker, run in workerd by `wrangler dev`: every method and path gets the
//!   overflow page, 503 and exactly the manifest's headers.
//!
//! A control for each check proves it can fail: a misspelt field is refused.

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::edge::{Response, free_port, wait_for_port};
use common::{read, stderr};
use serde_json::Value;

/// A cached route, and an error page heavier than a custom error rule inlines (10 KB).
const EXTRA: &str = "\n[cache.catalogue]\nmax_age = 60\nstale_while_revalidate = 30\nstale_if_error = 3600\n\n\
     [[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n";

/// A show night in 2031, so that every file of the setting `schedule` is written and checked.
const SHOW: &str = "\n[[schedule]]\nmode = \"landing\"\nfrom = \"2031-03-11T20:55:00+01:00\"\nuntil = \"2031-03-11T21:40:00+01:00\"\n\n\
     [[schedule]]\nmode = \"overflow\"\nfrom = \"2031-03-11T21:40:00+01:00\"\nuntil = \"2031-03-11T22:10:00+01:00\"\n";

use common::engines::{dir as engines, files_under, node};

struct Built {
    _tmp: tempfile::TempDir,
    out: PathBuf,
    manifest: Value,
}

impl Built {
    fn config(&self) -> PathBuf {
        self.out.join("config/cloudflare")
    }

    fn json(&self, name: &str) -> Value {
        serde_json::from_str(&read(&self.config().join(name))).unwrap()
    }

    fn entry(&self, url: &str) -> &Value {
        common::edge::entry(&self.manifest, url)
    }
}

fn build() -> Built {
    build_with(SHOW)
}

/// The edge fixture with `EXTRA`, a heavy 500 page and the `[[schedule]]` windows `schedule`.
fn build_with(schedule: &str) -> Built {
    let (tmp, site) = common::site("edge");
    let toml = site.join("planb.toml");
    std::fs::write(&toml, format!("{}{EXTRA}{schedule}", read(&toml))).unwrap();
    // A 500 page of about 12 KB: varied words, so that it stays within the gzip budget.
    let words: Vec<String> = (0..1500)
        .map(|i| format!("w{}", i * 7919 % 100_003))
        .collect();
    std::fs::write(
        site.join("content/errors/500.md"),
        format!("+++\ntitle = \"Heavy\"\n+++\n\n{}\n", words.join(" ")),
    )
    .unwrap();
    let manifest = common::edge::build_for_edge(
        tmp.path(),
        &site,
        &["cloudflare"],
        "127.0.0.1:3000",
        free_port(),
        1,
    );
    Built {
        _tmp: tmp,
        out: site.join("output"),
        manifest,
    }
}

/// Runs `tsc --strict` on `source` (TypeScript) in a folder of `tests/engines`, whose modules it
/// resolves; its output when it fails.
fn typecheck(source: &str) -> Result<(), String> {
    let dir = tempfile::Builder::new()
        .prefix(".check")
        .tempdir_in(engines())
        .unwrap();
    std::fs::write(dir.path().join("check.ts"), source).unwrap();
    std::fs::write(
        dir.path().join("tsconfig.json"),
        r#"{"compilerOptions": {"strict": true, "noEmit": true, "module": "nodenext", "moduleResolution": "nodenext", "skipLibCheck": true, "types": []}, "files": ["check.ts"]}"#,
    )
    .unwrap();
    let out = Command::new(node())
        .arg(engines().join("node_modules/typescript/bin/tsc"))
        .arg("-p")
        .arg(dir.path().join("tsconfig.json"))
        .output()
        .unwrap();
    match out.status.success() {
        true => Ok(()),
        false => Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        )),
    }
}

/// The SDK type each API body must be.
fn sdk_type(file: &str) -> &'static str {
    if file.ends_with("/workers_route.json") {
        "Omit<RouteCreateParams, \"zone_id\">"
    } else if file.ends_with("/workers_script_metadata.json") {
        "ScriptUpdateParams.Metadata"
    } else if file.ends_with("/custom_pages_assets.json") {
        "Array<Omit<AssetCreateParams, \"zone_id\">>"
    } else {
        "Omit<PhaseUpdateParams, \"zone_id\">"
    }
}

/// Every JSON file under `api/`, relative to the target's folder.
fn api_files(built: &Built) -> Vec<String> {
    let mut files: Vec<String> = files_under(&built.config().join("api"))
        .into_iter()
        .map(|p| {
            p.strip_prefix(built.config())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    files.sort();
    files
}

/// A TypeScript module declaring each `(type, JSON)` as a constant of that type.
fn api_module(bodies: &[(String, String)]) -> String {
    let mut ts = String::from(
        "import type { PhaseUpdateParams } from \"cloudflare/resources/rulesets/phases/phases\";\n\
         import type { RouteCreateParams } from \"cloudflare/resources/workers/routes\";\n\
         import type { ScriptUpdateParams } from \"cloudflare/resources/workers/scripts/scripts\";\n\
         import type { AssetCreateParams } from \"cloudflare/resources/custom-pages/assets\";\n",
    );
    for (i, (ty, json)) in bodies.iter().enumerate() {
        ts.push_str(&format!("export const body{i}: {ty} = {json};\n"));
    }
    ts
}

#[test]
fn api_bodies_are_what_cloudflares_sdk_types_take() {
    let built = build();
    let files = api_files(&built);
    for expected in [
        "api/normal/http_custom_errors.json",
        "api/landing/http_request_dynamic_redirect.json",
        "api/overflow/http_response_headers_transform.json",
        "api/overflow/http_request_cache_settings.json",
        "api/overflow/workers_route.json",
        "api/overflow/workers_script_metadata.json",
        "api/custom_pages_assets.json",
    ] {
        assert!(files.iter().any(|f| f == expected), "{expected}: {files:?}");
    }
    let bodies: Vec<(String, String)> = files
        .iter()
        .map(|f| (sdk_type(f).to_owned(), read(&built.config().join(f))))
        .collect();
    if let Err(e) = typecheck(&api_module(&bodies)) {
        panic!("the API bodies are not what Cloudflare's SDK types take:\n{e}");
    }
    // The control: one misspelt field is refused, and named.
    let mut bad = bodies.clone();
    let i = files
        .iter()
        .position(|f| f == "api/normal/http_custom_errors.json")
        .unwrap();
    bad[i].1 = bad[i].1.replacen("\"content_type\"", "\"content_typ\"", 1);
    let e = typecheck(&api_module(&bad)).expect_err("a misspelt field passed");
    assert!(e.contains("content_typ"), "{e}");
}

#[test]
fn custom_errors_serve_each_page_with_its_status_and_headers() {
    let built = build();
    let errors = built.json("api/normal/http_custom_errors.json");
    let headers = built.json("api/normal/http_response_headers_transform.json");
    let assets = built.json("api/custom_pages_assets.json");
    let by_ref = |body: &Value, r: &str| -> Value {
        body["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["ref"] == r)
            .unwrap_or_else(|| panic!("no rule {r}"))
            .clone()
    };
    for status in [404, 429, 500, 502, 503, 504] {
        let url = format!("/_planb/errors/{status}.html");
        let entry = built.entry(&url);
        let rule = by_ref(&errors, &format!("planb_error_{status}"));
        let params = &rule["action_parameters"];
        assert_eq!(params["status_code"], status, "{rule}");
        assert_eq!(params["content_type"], "text/html");
        let page = read(
            &built
                .out
                .join("public")
                .join(entry["file"].as_str().unwrap()),
        );
        if status == 500 {
            // Above 10 KB: an asset Cloudflare fetches from the site.
            assert!(page.len() > 10_000, "{}", page.len());
            assert_eq!(params["asset_name"], "planb_500");
            assert!(params.get("content").is_none());
            assert_eq!(assets[0]["name"], "planb_500");
            assert_eq!(assets[0]["url"], format!("https://www.edge.example{url}"));
        } else {
            assert_eq!(params["content"], page.as_str(), "{status}");
        }
        let expression = rule["expression"].as_str().unwrap();
        match status {
            502 => assert_eq!(
                expression,
                "http.response.code in {502 520 521 522 523 525 526}"
            ),
            504 => assert_eq!(expression, "http.response.code in {504 524}"),
            _ => assert_eq!(expression, format!("http.response.code eq {status}")),
        }
        // Every manifest header but Content-Type (custom errors set it), set on the same statuses.
        let rewrite = by_ref(&headers, &format!("planb_headers_{status}"));
        assert_eq!(rewrite["expression"], expression);
        let set: BTreeMap<String, String> = rewrite["action_parameters"]["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                assert_eq!(v["operation"], "set");
                (k.clone(), v["value"].as_str().unwrap().to_owned())
            })
            .collect();
        let want: BTreeMap<String, String> = entry["headers"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| *k != "Content-Type")
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(set, want, "{status}");
    }
}

/// The API's rules of `phase` in `mode`, by `ref`.
fn api_rules(built: &Built, mode: &str, phase: &str) -> BTreeMap<String, Value> {
    built.json(&format!("api/{mode}/{phase}.json"))["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["ref"].as_str().unwrap().to_owned(), r.clone()))
        .collect()
}

#[test]
fn modes_enable_the_redirect_and_leave_the_overflow_status_to_the_worker() {
    let built = build();
    for mode in ["normal", "landing", "overflow"] {
        let redirect = api_rules(&built, mode, "http_request_dynamic_redirect");
        assert_eq!(redirect["planb_landing"]["enabled"], mode == "landing");
        for phase in ["http_custom_errors", "http_response_headers_transform"] {
            // The schedule's twins are off in every mode (the unit tests read their expressions).
            for (r, rule) in api_rules(&built, mode, phase) {
                if r.ends_with("_scheduled") {
                    assert_eq!(rule["enabled"], false, "{mode} {r}");
                    continue;
                }
                let overflow_status = r.ends_with("_503");
                assert_eq!(
                    rule["enabled"],
                    !(overflow_status && mode == "overflow"),
                    "{mode} {r}"
                );
            }
        }
    }
    let rule = &api_rules(&built, "landing", "http_request_dynamic_redirect")["planb_landing"];
    assert_eq!(rule["expression"], "http.request.uri.path eq \"/\"");
    let from = &rule["action_parameters"]["from_value"];
    assert_eq!(from["status_code"], 302);
    assert_eq!(
        from["target_url"]["expression"],
        "concat(\"https://\", http.host, \"/_planb/landing.html\")"
    );
    let cache = api_rules(&built, "normal", "http_request_cache_settings");
    let route = &cache["planb_route_1"];
    let expression = route["expression"].as_str().unwrap();
    assert!(
        expression.starts_with("starts_with(http.request.uri.path, \"/catalogue/\") and http.request.method in {\"GET\" \"HEAD\"}"),
        "{expression}"
    );
    assert!(expression.contains("\"authorization\""), "{expression}");
    assert_eq!(route["action_parameters"]["edge_ttl"]["default"], 60);
    assert_eq!(
        built.json("api/overflow/workers_route.json")["pattern"],
        "www.edge.example/*"
    );
}

/// `planb.tf` as HashiCorp's parser reads it, as JSON.
fn terraform_json(tf: &Path) -> Value {
    let out = Command::new(node())
        .arg(engines().join("hcl2json.mjs"))
        .arg(tf)
        .output()
        .unwrap();
    assert!(out.status.success(), "hcl2json: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A TypeScript expression of `v` with the provider's attribute names (camelCase, as cdktf names
/// them; a header name is a key of a map, kept), and Terraform's `${…}` expressions typed `any`.
fn provider_ts(v: &Value, in_map: bool) -> String {
    match v {
        Value::Object(m) => {
            let fields: Vec<String> = m
                .iter()
                .map(|(k, x)| {
                    let key = if in_map { k.clone() } else { camel(k) };
                    format!(
                        "{}: {}",
                        serde_json::to_string(&key).unwrap(),
                        provider_ts(x, k == "headers")
                    )
                })
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|x| provider_ts(x, false)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::String(s) if s.contains("${") => "(null as any)".into(),
        other => other.to_string(),
    }
}

fn camel(k: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in k.chars() {
        match (c, up) {
            ('_', _) => up = true,
            (c, true) => {
                out.push(c.to_ascii_uppercase());
                up = false;
            }
            (c, false) => out.push(c),
        }
    }
    out
}

/// The resources of `tf` as a TypeScript module typed by `@cdktf/provider-cloudflare`.
fn provider_module(tf: &Value) -> String {
    let types = [
        ("cloudflare_ruleset", "ruleset", "RulesetConfig"),
        (
            "cloudflare_workers_script",
            "workers-script",
            "WorkersScriptConfig",
        ),
        (
            "cloudflare_workers_route",
            "workers-route",
            "WorkersRouteConfig",
        ),
    ];
    let mut ts = String::new();
    for (kind, resources) in tf["resource"].as_object().unwrap() {
        let (_, module, config) = types
            .iter()
            .find(|(k, _, _)| k == kind)
            .unwrap_or_else(|| panic!("planb.tf has a {kind}, which this test does not type"));
        ts.push_str(&format!(
            "import type {{ {config} }} from \"@cdktf/provider-cloudflare/lib/{module}/index.js\";\n"
        ));
        for (name, body) in resources.as_object().unwrap() {
            ts.push_str(&format!(
                "export const {kind}_{name}: {config} = {};\n",
                provider_ts(&body[0], false)
            ));
        }
    }
    ts
}

#[test]
fn terraform_is_what_the_providers_schema_takes() {
    let built = build();
    let tf = terraform_json(&built.config().join("planb.tf"));
    if let Err(e) = typecheck(&provider_module(&tf)) {
        panic!("planb.tf is not what the provider's schema takes:\n{e}");
    }
    let bad = read(&built.config().join("planb.tf")).replacen("main_module", "main_modul", 1);
    let bad_file = built.out.join("bad.tf");
    std::fs::write(&bad_file, bad).unwrap();
    let e = typecheck(&provider_module(&terraform_json(&bad_file)))
        .expect_err("a misspelt attribute passed");
    assert!(e.contains("mainModul"), "{e}");
}

/// Whether a Terraform rule's `enabled` is true in `mode`.
fn enabled_in(enabled: &Value, mode: &str) -> bool {
    match enabled {
        Value::Bool(b) => *b,
        Value::String(s) if s == "${var.planb_mode == \"landing\"}" => mode == "landing",
        Value::String(s) if s == "${var.planb_mode != \"overflow\"}" => mode != "overflow",
        Value::String(s) if s == "${contains([\"normal\", \"landing\"], var.planb_mode)}" => {
            mode == "normal" || mode == "landing"
        }
        Value::String(s) if s == "${var.planb_mode == \"schedule\"}" => mode == "schedule",
        other => panic!("an `enabled` this test cannot read: {other}"),
    }
}

#[test]
fn terraform_has_the_api_rules_in_every_mode() {
    let built = build();
    let tf = terraform_json(&built.config().join("planb.tf"));
    let rulesets = tf["resource"]["cloudflare_ruleset"].as_object().unwrap();
    for (name, body) in rulesets {
        let phase = body[0]["phase"].as_str().unwrap();
        assert_eq!(name, &format!("planb_{phase}"));
        assert_eq!(body[0]["zone_id"], "${var.zone_id}");
        for mode in ["normal", "landing", "overflow", "schedule"] {
            let api = api_rules(&built, mode, phase);
            let rules = body[0]["rules"].as_array().unwrap();
            assert_eq!(rules.len(), api.len(), "{phase}");
            for rule in rules {
                let mut rule = rule.clone();
                let r = rule["ref"].as_str().unwrap().to_owned();
                let enabled = enabled_in(&rule["enabled"], mode);
                rule["enabled"] = Value::Bool(enabled);
                // `file()` of the page the API inlines.
                if let Some(Value::String(content)) = rule["action_parameters"].get("content") {
                    let file = content
                        .strip_prefix("${file(\"${path.module}/../../public/")
                        .and_then(|s| s.strip_suffix("\")}"))
                        .unwrap_or_else(|| panic!("{content}"));
                    rule["action_parameters"]["content"] =
                        Value::String(read(&built.out.join("public").join(file)));
                }
                assert_eq!(rule, api[&r], "{mode} {phase} {r}");
            }
        }
    }
    for (name, setting) in [
        ("planb_overflow", "overflow"),
        ("planb_schedule", "schedule"),
    ] {
        let route = &tf["resource"]["cloudflare_workers_route"][name][0];
        assert_eq!(
            route["count"],
            format!("${{var.planb_mode == \"{setting}\" ? 1 : 0}}")
        );
        assert_eq!(route["pattern"], "www.edge.example/*");
        let api = built.json(&format!("api/{setting}/workers_route.json"));
        assert_eq!(api["pattern"], "www.edge.example/*");
        let script = &tf["resource"]["cloudflare_workers_script"][name][0];
        assert_eq!(script["script_name"], api["script"], "{name}");
    }
}

/// `wrangler dev` running the overflow Worker on 127.0.0.1; its process group dies with it.
struct Worker {
    child: std::process::Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Worker {
    fn drop(&mut self) {
        // SIGKILL: wrangler dev outlives a SIGTERM, and the wait would never end.
        if let Some(pid) = rustix::process::Pid::from_raw(self.child.id() as i32) {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
        let _ = self.child.wait();
    }
}

/// `wrangler dev` on `script`, named `name`, with `extra` arguments.
fn start_worker(script: &Path, name: &str, extra: &[&str]) -> Worker {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log = std::fs::File::create(dir.path().join("log")).unwrap();
    let child = Command::new(node())
        .arg(engines().join("node_modules/wrangler/bin/wrangler.js"))
        .arg("dev")
        .arg(script)
        .args(extra)
        .args(["--name", name, "--compatibility-date", "2025-09-01"])
        .args(["--ip", "127.0.0.1", "--port", &port.to_string()])
        .args(["--inspector-port", &free_port().to_string()])
        .args([
            "--show-interactive-dev-session=false",
            "--log-level",
            "warn",
        ])
        .current_dir(dir.path())
        .env("WRANGLER_SEND_METRICS", "false")
        .env("CI", "true")
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .process_group(0)
        .spawn()
        .unwrap();
    Worker {
        child,
        port,
        _dir: dir,
    }
}

/// `method path` on 127.0.0.1:`port`, no body.
fn ask(port: u16, method: &str, path: &str) -> Response {
    common::edge::request(port, method, path, "", "")
}

#[test]
fn overflow_worker_answers_every_request_with_the_overflow_page_in_workerd() {
    let built = build();
    let worker = start_worker(
        &built.config().join("worker/overflow.js"),
        "planb-overflow",
        &[],
    );
    let started = Instant::now();
    let ready = wait_for_port(worker.port, Duration::from_secs(60))
        && loop {
            if ask(worker.port, "GET", "/").status == 503 {
                break true;
            }
            if started.elapsed() > Duration::from_secs(60) {
                break false;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
    let log = read(&worker._dir.path().join("log"));
    assert!(ready, "wrangler dev did not serve the Worker:\n{log}");
    let entry = built.entry("/_planb/overflow.html");
    let page = std::fs::read(
        built
            .out
            .join("public")
            .join(entry["file"].as_str().unwrap()),
    )
    .unwrap();
    for (method, path) in [
        ("GET", "/"),
        ("GET", "/any/path?q=1"),
        ("POST", "/checkout"),
        ("HEAD", "/catalogue/"),
    ] {
        let got = ask(worker.port, method, path);
        assert_eq!(got.status, 503, "{method} {path}");
        let body: &[u8] = if method == "HEAD" { b"" } else { &page };
        assert_eq!(got.body, body, "{method} {path}: body");
        for (name, value) in entry["headers"].as_object().unwrap() {
            assert_eq!(
                got.header(name),
                vec![value.as_str().unwrap()],
                "{method} {path}: {name}"
            );
        }
    }
}

/// How long before its overflow window the schedule's Worker is started: `wrangler dev` takes
/// about 2 s here, and much more while this file's other tests run `tsc` on both cores.
const LEAD: u64 = 25;

#[test]
fn schedules_worker_switches_by_itself_in_workerd_and_passes_to_the_origin_outside() {
    let from = common::edge::epoch_now().ceil() as u64 + LEAD;
    let until = from + 3;
    let built = build_with(&format!(
        "\n[[schedule]]\nmode = \"overflow\"\nfrom = {}\nuntil = {}\n",
        rfc3339(from),
        rfc3339(until)
    ));
    let upstream = common::edge::Upstream::start();
    let worker = start_worker(
        &built.config().join("worker/schedule.js"),
        "planb-schedule",
        &[
            "--local-upstream",
            &upstream.addr(),
            "--upstream-protocol",
            "http",
        ],
    );
    let origin = |r: &Response| r.status == 200 && r.text() == "upstream ok";
    let ready = wait_for_port(worker.port, Duration::from_secs(LEAD))
        && first_answer(worker.port, from as f64 - 1.0, &origin).is_some();
    let log = read(&worker._dir.path().join("log"));
    assert!(
        ready,
        "wrangler dev did not pass a request to the origin a second before the window:\n{log}"
    );
    let entry = built.entry("/_planb/overflow.html");
    let page = std::fs::read(
        built
            .out
            .join("public")
            .join(entry["file"].as_str().unwrap()),
    )
    .unwrap();
    let overflow = |r: &Response| r.status == 503;
    for (what, instant, done) in [
        ("overflow", from, &overflow as &dyn Fn(&Response) -> bool),
        ("the origin", until, &origin),
    ] {
        let (sent, r) = first_answer(worker.port, instant as f64 + 3.0, done)
            .unwrap_or_else(|| panic!("never switched to {what} by itself:\n{log}"));
        let late = sent - instant as f64;
        assert!(
            (-0.1..1.0).contains(&late),
            "switched to {what} {late:.2} s after its instant"
        );
        if what == "overflow" {
            assert_eq!(r.body, page, "the overflow page");
            for (name, value) in entry["headers"].as_object().unwrap() {
                assert_eq!(r.header(name), vec![value.as_str().unwrap()], "{name}");
            }
            let post = ask(worker.port, "POST", "/checkout");
            assert_eq!(post.status, 503, "a POST inside the window");
        }
    }
}

/// `t` (seconds since the epoch) as RFC 3339 in UTC.
fn rfc3339(t: u64) -> String {
    let out = Command::new("date")
        .args(["-u", "-d", &format!("@{t}"), "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .unwrap();
    format!("\"{}\"", String::from_utf8(out.stdout).unwrap().trim())
}

/// The instant a GET / was sent that first answered as `done`, and its answer, asking every
/// 50 ms until `limit` (seconds since the epoch).
fn first_answer(
    port: u16,
    limit: f64,
    done: &dyn Fn(&Response) -> bool,
) -> Option<(f64, Response)> {
    while common::edge::epoch_now() < limit {
        let sent = common::edge::epoch_now();
        let r = ask(port, "GET", "/");
        if done(&r) {
            return Some((sent, r));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// On a bilingual site, the overflow Worker answers each visitor in their language, ranked as
/// planb ranks, in workerd: each header of the issue (and two that only q-value ranking gets
/// right) gets that language's page, 503, exactly its manifest headers and `Vary`; an app, the
/// page's JSON twin.
#[test]
fn overflow_worker_answers_in_the_visitors_language_in_workerd() {
    use common::formats::assert_formats_negotiated;
    use common::languages::{HEADERS, line, variant_for};
    let (_tmp, site, manifest) = common::edge::build_fixture_for_edge(
        "bilingual",
        &["cloudflare"],
        "127.0.0.1:3000",
        free_port(),
    );
    let worker = start_worker(
        &site.join("output/config/cloudflare/worker/overflow.js"),
        "planb-overflow",
        &[],
    );
    let started = Instant::now();
    let ready = wait_for_port(worker.port, Duration::from_secs(60))
        && loop {
            if ask(worker.port, "GET", "/").status == 503 {
                break true;
            }
            if started.elapsed() > Duration::from_secs(60) {
                break false;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
    let log = read(&worker._dir.path().join("log"));
    assert!(ready, "wrangler dev did not serve the Worker:\n{log}");
    let public = site.join("output/public");
    let mut headers: Vec<Option<&str>> = HEADERS.to_vec();
    headers.extend([
        Some("en;q=0.5, fr;q=0.6"),
        Some("fr;q=0.1, de, en-GB;q=0.2"),
    ]);
    for header in headers {
        let got = common::edge::request(worker.port, "GET", "/any/path", &line(header), "");
        let url = variant_for("/_planb/overflow.html", header);
        let what = format!("Accept-Language {header:?}");
        common::edge::assert_page(&got, &manifest, &public, &url, 503, &what);
        assert_eq!(
            got.header("Vary"),
            vec!["Accept-Language, Accept"],
            "{what}"
        );
    }
    // An app gets the JSON twin, in its language.
    let (overflow, what) = ("/_planb/overflow.html", "workerd, overflow");
    let port = worker.port;
    assert_formats_negotiated(port, &manifest, &public, "/any/path", overflow, 503, what);
    // Each language's own URL (the overflow page's switcher links there) is that language.
    for (url, header) in [
        ("/_planb/overflow.en.html", Some("fr-FR,fr;q=0.9")),
        ("/_planb/overflow.html", Some("en-GB,en;q=0.9")),
    ] {
        let got = common::edge::request(worker.port, "GET", url, &line(header), "");
        let what = format!("{url} with Accept-Language {header:?}");
        common::edge::assert_page(&got, &manifest, &public, url, 503, &what);
    }
}
