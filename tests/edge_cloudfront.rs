//! CloudFront cannot be reached from here: these tests build the edge fixture for CloudFront and
//! check the generated files against CloudFront's documented rules: the `CustomErrorResponses`
//! JSON against the API's field names and types, the error codes CloudFront accepts, the pages
//! being files of `public/` reached through a behavior whose origin is the pages' S3 bucket, the
//! Terraform blocks against the JSON, each page's headers (S3 metadata for Content-Type and
//! Cache-Control, a response headers policy for the rest), and the mode functions, run in Node.js
//! with a stand-in for CloudFront's `cloudfront` module (Node is more lenient than CloudFront's
//! runtime: this proves their logic and syntax, not that CloudFront accepts them).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::edge::{build_edge_site, build_for_edge, free_port, require};
use common::{planb, read, stderr, stdout};
use serde_json::{Value, json};

/// CloudFront's custom error codes (Developer Guide, "Create a custom error page for specific
/// HTTP status codes").
const ERROR_CODES: [u64; 11] = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];

struct Site {
    _tmp: tempfile::TempDir,
    out: std::path::PathBuf,
    manifest: Value,
}

impl Site {
    fn config(&self, name: &str) -> String {
        read(&self.out.join("config/cloudfront").join(name))
    }
}

fn built() -> Site {
    let (tmp, site, manifest) = build_edge_site(&["cloudfront"], "127.0.0.1:3000", free_port());
    Site {
        _tmp: tmp,
        out: site.join("output"),
        manifest,
    }
}

/// The manifest's pages (not the compressed siblings, not the 404.html copy, not the JSON
/// twins, which only overflow mode's functions serve, with headers of their own).
fn pages(manifest: &Value) -> Vec<&Value> {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("encoding_of").is_none_or(Value::is_null))
        .filter(|f| f["format"] != "json")
        .filter(|f| f["path"].as_str().unwrap().starts_with("/_planb/"))
        .collect()
}

fn max_age(entry: &Value) -> u64 {
    let cc = entry["headers"]["Cache-Control"].as_str().unwrap();
    if cc == "no-store" {
        return 0;
    }
    cc.split(',')
        .find_map(|d| d.trim().strip_prefix("max-age="))
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn custom_error_responses_json_is_what_the_api_takes() {
    let site = built();
    let doc: Value = serde_json::from_str(&site.config("custom-error-responses.json")).unwrap();
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 2, "only Quantity and Items: {keys:?}");
    let items = doc["Items"].as_array().unwrap();
    assert_eq!(doc["Quantity"].as_u64(), Some(items.len() as u64));
    let public = site.out.join("public");
    let mut codes = Vec::new();
    for item in items {
        let obj = item.as_object().unwrap();
        let mut names: Vec<&str> = obj.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "ErrorCachingMinTTL",
                "ErrorCode",
                "ResponseCode",
                "ResponsePagePath"
            ]
        );
        let code = item["ErrorCode"].as_u64().expect("ErrorCode is an integer");
        assert!(
            ERROR_CODES.contains(&code),
            "CloudFront refuses ErrorCode {code}"
        );
        let response = item["ResponseCode"]
            .as_str()
            .expect("ResponseCode is a string");
        assert!(
            response.len() == 3 && response.chars().all(|c| c.is_ascii_digit()),
            "{response:?}"
        );
        assert_eq!(response, code.to_string(), "the status is kept");
        let path = item["ResponsePagePath"].as_str().unwrap();
        assert!(path.starts_with('/'), "{path}");
        assert!(
            public.join(&path[1..]).is_file(),
            "{path} is not in public/"
        );
        let entry = pages(&site.manifest)
            .into_iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("{path} not in the manifest"));
        assert_eq!(
            (entry["kind"].as_str(), entry["status"].as_u64()),
            (Some("error"), Some(code))
        );
        let ttl = item["ErrorCachingMinTTL"]
            .as_u64()
            .expect("ErrorCachingMinTTL is an integer");
        assert_eq!(ttl, max_age(entry), "{path}: the page's edge TTL");
        codes.push(code);
    }
    // Every error page CloudFront can express, in order; 429 cannot be and is said so.
    assert_eq!(codes, [404, 500, 502, 503, 504]);
    let readme = site.config("README.md");
    assert!(
        readme.contains("Not expressible, so passed through as the application sends them: 429 (`/_planb/errors/429.html`)."),
        "{readme}"
    );
    assert!(readme.contains("**proven only on paper**"));
}

/// The body of each `NAME {` block at any depth, in order.
fn blocks<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("{name} {{");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(&open) {
        let start = from + at + open.len();
        let mut depth = 1;
        let mut end = start;
        for (i, c) in text[start..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        assert!(end > start, "unclosed {name} block");
        out.push(&text[start..end]);
        from = end;
    }
    out
}

/// `name = value` in a block, with a quoted value unquoted (HCL escapes undone).
fn attr(block: &str, name: &str) -> Option<String> {
    block.lines().find_map(|l| {
        let (k, v) = l.trim().split_once('=')?;
        if k.trim() != name {
            return None;
        }
        let v = v.trim();
        Some(
            match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(q) => q
                    .replace("\\\"", "\"")
                    .replace("$${", "${")
                    .replace("%%{", "%{")
                    .replace("\\\\", "\\"),
                None => v.to_owned(),
            },
        )
    })
}

/// The headers a response headers policy adds, by resource name.
fn policies(tf: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out = BTreeMap::new();
    let marker = "resource \"aws_cloudfront_response_headers_policy\" \"";
    for (i, _) in tf.match_indices(marker) {
        let name = tf[i + marker.len()..].split('"').next().unwrap().to_owned();
        let body = blocks(&tf[i..], &format!("\"{name}\""))[0];
        let mut headers = Vec::new();
        for csp in blocks(body, "content_security_policy") {
            headers.push((
                "Content-Security-Policy".to_owned(),
                attr(csp, "content_security_policy").unwrap(),
            ));
        }
        if !blocks(body, "content_type_options").is_empty() {
            headers.push(("X-Content-Type-Options".to_owned(), "nosniff".to_owned()));
        }
        for r in blocks(body, "referrer_policy") {
            headers.push((
                "Referrer-Policy".to_owned(),
                attr(r, "referrer_policy").unwrap(),
            ));
        }
        for item in blocks(body, "items") {
            assert_eq!(attr(item, "override").as_deref(), Some("true"));
            headers.push((attr(item, "header").unwrap(), attr(item, "value").unwrap()));
        }
        for b in blocks(body, "content_security_policy")
            .into_iter()
            .chain(blocks(body, "content_type_options"))
            .chain(blocks(body, "referrer_policy"))
        {
            assert_eq!(attr(b, "override").as_deref(), Some("true"), "{b}");
        }
        headers.sort();
        out.insert(name, headers);
    }
    out
}

/// CloudFront's path pattern matching, for the patterns planb writes: exact, or `prefix*`.
fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

#[test]
fn terraform_has_the_same_error_responses_and_serves_each_page_from_s3_with_its_headers() {
    let site = built();
    let tf = site.config("custom_error_response.tf");
    let json: Value = serde_json::from_str(&site.config("custom-error-responses.json")).unwrap();

    // One custom_error_response block per item, with the same values.
    let responses = blocks(&tf, "custom_error_response");
    let items = json["Items"].as_array().unwrap();
    assert_eq!(responses.len(), items.len());
    for (block, item) in responses.iter().zip(items) {
        assert_eq!(
            attr(block, "error_code").unwrap(),
            item["ErrorCode"].to_string()
        );
        assert_eq!(
            attr(block, "response_code").unwrap(),
            item["ResponseCode"].as_str().unwrap()
        );
        assert_eq!(
            attr(block, "response_page_path").unwrap(),
            item["ResponsePagePath"].as_str().unwrap()
        );
        assert_eq!(
            attr(block, "error_caching_min_ttl").unwrap(),
            item["ErrorCachingMinTTL"].to_string()
        );
    }

    // The pages' origin is S3, and the application's timeout is edge.timeout.
    let origins = blocks(&tf, "origin");
    let pages_origin = origins
        .iter()
        .find(|o| attr(o, "origin_id").as_deref() == Some("planb-pages"))
        .expect("an origin planb-pages");
    assert!(attr(pages_origin, "origin_access_control_id").is_some());
    assert!(pages_origin.contains("var.pages_bucket_regional_domain_name"));
    let app = origins
        .iter()
        .find(|o| attr(o, "origin_id").as_deref() == Some("app"))
        .unwrap();
    assert_eq!(attr(app, "origin_read_timeout").as_deref(), Some("1"));

    // Every page (error responses included) is reached through the first behavior that matches,
    // which must go to S3 and add exactly the manifest's headers but the S3 metadata ones.
    let behaviors = blocks(&tf, "ordered_cache_behavior");
    assert!(
        behaviors
            .iter()
            .any(|b| attr(b, "path_pattern").as_deref() == Some("/_planb/*")),
        "a behavior for the whole prefix"
    );
    let policies = policies(&tf);
    assert!(policies.len() >= 2, "{policies:?}");
    let entries = pages(&site.manifest);
    assert_eq!(entries.len(), 8);
    for entry in entries {
        let url = entry["path"].as_str().unwrap();
        let behavior = behaviors
            .iter()
            .find(|b| matches(&attr(b, "path_pattern").unwrap(), url))
            .unwrap_or_else(|| panic!("no behavior for {url}"));
        assert_eq!(
            attr(behavior, "target_origin_id").as_deref(),
            Some("planb-pages"),
            "{url}"
        );
        let policy = attr(behavior, "response_headers_policy_id").unwrap();
        let name = policy
            .strip_prefix("aws_cloudfront_response_headers_policy.")
            .and_then(|p| p.strip_suffix(".id"))
            .unwrap();
        let mut expected: Vec<(String, String)> = entry["headers"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(n, _)| *n != "Content-Type" && *n != "Cache-Control")
            .map(|(n, v)| (n.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        expected.sort();
        assert_eq!(policies[name], expected, "{url}");
    }

    // Modes: one variable selects the functions of the default behavior.
    assert!(tf.contains("variable \"planb_mode\""));
    assert!(tf.contains("contains([\"normal\", \"landing\", \"overflow\"], var.planb_mode)"));
    assert!(
        tf.contains("for_each = [for f in local.planb_functions : f if f.mode == var.planb_mode]")
    );
    for (mode, event, function) in [
        ("landing", "viewer-request", "planb_landing"),
        ("overflow", "viewer-request", "planb_overflow"),
        ("overflow", "viewer-response", "planb_overflow_response"),
    ] {
        assert!(
            tf.contains(&format!(
                "{{ mode = \"{mode}\", event_type = \"{event}\", arn = aws_cloudfront_function.{function}.arn }}"
            )),
            "{mode} {event}"
        );
        assert!(tf.contains(&format!(
            "resource \"aws_cloudfront_function\" \"{function}\""
        )));
    }
    assert_eq!(tf.matches("runtime = \"cloudfront-js-2.0\"").count(), 3);
}

/// Runs a generated CloudFront Function in Node.js on each event, with a stand-in for the
/// `cloudfront` module that records the origins selected. Returns, per event, the function's
/// result and the origins it selected.
fn run_function(path: &Path, events: &[Value]) -> Vec<(Value, Vec<String>)> {
    run_function_at(path, events, None)
}

/// `run_function` with the clock (`Date.now()`) stopped at `now_ms`, when given.
fn run_function_at(
    path: &Path,
    events: &[Value],
    now_ms: Option<u64>,
) -> Vec<(Value, Vec<String>)> {
    let node = require("node");
    let source = read(path);
    assert!(
        source.len() <= 10_240,
        "{}: {} bytes, over CloudFront's 10 KB",
        path.display(),
        source.len()
    );
    let harness = r#"
const fs = require('fs');
if (process.env.PLANB_NOW_MS) { const t = Number(process.env.PLANB_NOW_MS); Date.now = () => t; }
const selected = [];
let src = fs.readFileSync(process.argv[1], 'utf8');
const imports = src.split("import cf from 'cloudfront';").length - 1;
if (imports > 0 && !src.startsWith("import cf from 'cloudfront';")) throw new Error('the import is not on the first line');
src = src.replace("import cf from 'cloudfront';", '');
const cf = { selectRequestOriginById: (id) => selected.push(id) };
const handler = new Function('cf', '"use strict";\n' + src + '\nreturn handler;')(cf);
const out = JSON.parse(process.argv[2]).map((event) => {
  selected.length = 0;
  const result = handler(event);
  return [result, selected.slice()];
});
process.stdout.write(JSON.stringify(out));
"#;
    let mut command = Command::new(node);
    if let Some(ms) = now_ms {
        command.env("PLANB_NOW_MS", ms.to_string());
    }
    let out = command
        .arg("-e")
        .arg(harness)
        .arg(path)
        .arg(serde_json::to_string(events).unwrap())
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<(Value, Vec<String>)> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), events.len());
    results
}

fn request(uri: &str) -> Value {
    json!({
        "version": "1.0",
        "context": { "eventType": "viewer-request" },
        "viewer": { "ip": "192.0.2.1" },
        "request": {
            "method": "GET",
            "uri": uri,
            "querystring": { "utm": { "value": "tv" } },
            "headers": { "host": { "value": "www.edge.example" } },
            "cookies": {}
        }
    })
}

#[test]
fn mode_functions_do_what_the_readme_says() {
    let site = built();
    let dir = site.out.join("config/cloudfront/functions");
    let landing_url = "/_planb/landing.html";
    assert!(site.out.join("public/_planb/landing.html").is_file());

    // Landing: the home answers 302 to the landing page, anything else goes on untouched.
    let r = run_function(&dir.join("landing.js"), &[request("/"), request("/other")]);
    assert_eq!(r[0].0["statusCode"], 302);
    assert_eq!(r[0].0["headers"]["location"]["value"], landing_url);
    assert_eq!(r[1].0, request("/other")["request"], "other paths go on");

    // Overflow, viewer request: every path goes to S3 for the overflow page.
    let tf = site.config("custom_error_response.tf");
    for path in ["/", "/any/path", "/checkout?x=1"] {
        let r = run_function(&dir.join("overflow.js"), &[request(path)]);
        let (result, selected) = &r[0];
        assert_eq!(selected, &["planb-pages"], "{path}");
        assert!(tf.contains("origin_id                = \"planb-pages\""));
        assert_eq!(result["uri"], "/_planb/overflow.html", "{path}");
        assert_eq!(result["querystring"], json!({}));
        assert_eq!(result["method"], "GET");
    }
    assert!(site.out.join("public/_planb/overflow.html").is_file());
    // An app is sent to the twin's file, and gets the twin's headers and Vary on the way back.
    let mut app = request("/any/path");
    app["request"]["headers"]["accept"] = json!({ "value": "application/problem+json" });
    let sent = run_function(&dir.join("overflow.js"), std::slice::from_ref(&app));
    assert_eq!(sent[0].0["uri"], "/_planb/overflow.json");
    assert!(site.out.join("public/_planb/overflow.json").is_file());
    let back = run_function(
        &dir.join("overflow-response.js"),
        &[viewer_response(&app["request"])],
    );
    let twin = &back[0].0["headers"];
    assert_eq!(twin["content-type"]["value"], "application/problem+json");
    assert_eq!(twin["vary"]["value"], "Accept");

    // Overflow, viewer response: 503 and exactly the page's headers on the page; anything else
    // (a 304 revalidation, an S3 error) unchanged.
    let response = |status: u16| {
        json!({
            "version": "1.0",
            "context": { "eventType": "viewer-response" },
            "request": request("/any/path")["request"],
            "response": {
                "statusCode": status,
                "statusDescription": "OK",
                "headers": {
                    "content-type": { "value": "text/html; charset=utf-8" },
                    "cache-control": { "value": "max-age=0" },
                    "etag": { "value": "\"abc\"" }
                },
                "cookies": {}
            }
        })
    };
    let r = run_function(
        &dir.join("overflow-response.js"),
        &[response(200), response(304), response(403)],
    );
    let page = &r[0].0;
    assert_eq!(page["statusCode"], 503);
    let overflow = site.manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "/_planb/overflow.html")
        .unwrap();
    assert_eq!(overflow["status"], 503);
    for (name, value) in overflow["headers"].as_object().unwrap() {
        assert_eq!(
            page["headers"][name.to_ascii_lowercase()]["value"],
            *value,
            "{name}"
        );
    }
    assert_eq!(page["headers"]["retry-after"]["value"], "60");
    assert_eq!(r[1].0, response(304)["response"]);
    assert_eq!(r[2].0, response(403)["response"]);

    let readme = site.config("README.md");
    for line in [
        "terraform apply -var planb_mode=landing",
        "terraform apply -var planb_mode=overflow",
        "terraform apply -var planb_mode=normal",
        "answers `/` with **302** and `Location: /_planb/landing.html`",
        "sets **503** and exactly the page's headers (Retry-After: 60)",
    ] {
        assert!(readme.contains(line), "README lacks {line:?}");
    }
}

/// `[[shield.cache]]` of the edge fixture for the cached-routes test: `/_planb` (a prefix whose
/// pattern would take planb's pages if it came first), `/catalogue/` and `/catalogue/new/` inside
/// it.
const CACHED: &str = "\n[cache.catalogue]\nmax_age = 60\nstale_while_revalidate = 30\nstale_if_error = 3600\n\n\
     [cache.fresh]\nmax_age = 5\nstale_if_error = 600\n\n\
     [[shield.cache]]\npath = \"/_planb\"\npolicy = \"fresh\"\n\n\
     [[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n\n\
     [[shield.cache]]\npath = \"/catalogue/new/\"\npolicy = \"fresh\"\n";

/// The edge fixture with `CACHED`, built for CloudFront: its folder, manifest and the
/// distribution's Terraform (`custom_error_response.tf`).
fn build_cached() -> (tempfile::TempDir, std::path::PathBuf, Value, String) {
    let (tmp, site) = common::site("edge");
    let toml = site.join("planb.toml");
    std::fs::write(&toml, format!("{}{CACHED}", read(&toml))).unwrap();
    let manifest = build_for_edge(
        tmp.path(),
        &site,
        &["cloudfront"],
        "127.0.0.1:3000",
        free_port(),
        1,
    );
    let tf = read(&site.join("output/config/cloudfront/custom_error_response.tf"));
    (tmp, site, manifest, tf)
}

/// The cache policy resources of `tf`, by name: (min_ttl, default_ttl, max_ttl) and the body.
fn cache_policies(tf: &str) -> BTreeMap<String, ((u64, u64, u64), String)> {
    let marker = "resource \"aws_cloudfront_cache_policy\" \"";
    tf.match_indices(marker)
        .map(|(i, _)| {
            let name = tf[i + marker.len()..].split('"').next().unwrap().to_owned();
            let body = blocks(&tf[i..], &format!("\"{name}\""))[0].to_owned();
            let ttl = |k| attr(&body, k).unwrap().parse::<u64>().unwrap();
            let ttls = (ttl("min_ttl"), ttl("default_ttl"), ttl("max_ttl"));
            (name, (ttls, body))
        })
        .collect()
}

/// Each cached prefix is reached, through the first behavior that matches as CloudFront picks
/// it, on the application's origin with its own cache policy (the route's TTLs, no cookie, no
/// header, every query string) and the mode functions; planb's pages are still reached on S3
/// whatever the prefixes; `planb check` says the cache is approximate on CloudFront.
#[test]
fn cached_routes_are_reached_through_their_own_behavior_and_forward_nothing() {
    let (_tmp, site, manifest, tf) = build_cached();
    let behaviors = blocks(&tf, "ordered_cache_behavior");
    let first = |url: &str| {
        *behaviors
            .iter()
            .find(|b| matches(&attr(b, "path_pattern").unwrap(), url))
            .unwrap_or_else(|| panic!("no behavior for {url}"))
    };

    // planb's pages: on S3, although `/_planb*` would match them.
    for entry in pages(&manifest) {
        let url = entry["path"].as_str().unwrap();
        assert_eq!(
            attr(first(url), "target_origin_id").as_deref(),
            Some("planb-pages"),
            "{url}"
        );
    }

    let policies = cache_policies(&tf);
    for (url, ttls) in [
        ("/catalogue/shoes?page=2", (0, 60, 60)),
        ("/catalogue/", (0, 60, 60)),
        ("/catalogue/new/today", (0, 5, 5)),
        ("/_planbx", (0, 5, 5)),
    ] {
        let b = first(url);
        assert_eq!(attr(b, "target_origin_id").as_deref(), Some("app"), "{url}");
        assert_eq!(
            attr(b, "cached_methods").as_deref(),
            Some("[\"GET\", \"HEAD\"]"),
            "{url}"
        );
        assert_eq!(
            attr(b, "allowed_methods").as_deref(),
            Some("[\"DELETE\", \"GET\", \"HEAD\", \"OPTIONS\", \"PATCH\", \"POST\", \"PUT\"]"),
            "{url}"
        );
        assert_eq!(
            attr(b, "origin_request_policy_id"),
            None,
            "{url}: nothing forwarded beyond the key"
        );
        assert!(
            b.contains("dynamic \"function_association\""),
            "{url}: the modes apply"
        );
        let id = attr(b, "cache_policy_id").unwrap();
        let name = id
            .strip_prefix("aws_cloudfront_cache_policy.")
            .and_then(|p| p.strip_suffix(".id"))
            .unwrap();
        let (got, body) = &policies[name];
        assert_eq!(*got, ttls, "{url}");
        assert_eq!(
            attr(body, "cookie_behavior").as_deref(),
            Some("none"),
            "{url}"
        );
        assert_eq!(
            attr(body, "header_behavior").as_deref(),
            Some("none"),
            "{url}"
        );
        assert_eq!(
            attr(body, "query_string_behavior").as_deref(),
            Some("all"),
            "{url}"
        );
    }
    // Anything else of the application: the default behavior, uncached.
    assert!(
        behaviors
            .iter()
            .all(|b| !matches(&attr(b, "path_pattern").unwrap(), "/checkout"))
    );

    let out = planb(&site, &["check"]);
    let text = stdout(&out);
    assert!(
        text.contains("warning: cloudfront: `shield.cache` is approximate: ")
            && text.contains("so they must be public-only"),
        "{text}"
    );
    let readme = read(&site.join("output/config/cloudfront/README.md"));
    assert!(readme.contains("The application must answer with `Cache-Control: public, max-age=60, stale-while-revalidate=30, stale-if-error=3600`."), "{readme}");
}

/// The shapes of CloudFront's API that the cached routes' blocks map to, from the API model that
/// botocore ships (`botocore/data/cloudfront/2020-05-31/service-2.json.gz`), read out of the
/// pinned wheel scripts/test downloads: per shape, its members, required members and the enum of
/// each member.
fn api_shapes() -> Value {
    let python = require("python3");
    let wheel = Path::new(env!("CARGO_MANIFEST_DIR")).join(BOTOCORE_WHEEL);
    assert!(
        wheel.is_file(),
        "{} is missing: run scripts/test, which downloads it",
        wheel.display()
    );
    let script = r#"
import gzip, json, sys, zipfile
model = "botocore/data/cloudfront/2020-05-31/service-2.json.gz"
shapes = json.load(gzip.open(zipfile.ZipFile(sys.argv[1]).open(model)))["shapes"]
out = {}
for name in ["CacheBehavior", "AllowedMethods", "CachePolicyConfig", "ParametersInCacheKeyAndForwardedToOrigin",
             "CachePolicyCookiesConfig", "CachePolicyHeadersConfig", "CachePolicyQueryStringsConfig"]:
    s = shapes[name]
    out[name] = {
        "required": s.get("required", []),
        "members": {m: shapes[v["shape"]].get("enum") for m, v in s["members"].items()},
    }
out["Method"] = shapes["Method"]["enum"]
json.dump(out, sys.stdout)
"#;
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&wheel)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The botocore wheel scripts/test downloads (keep the two versions the same).
const BOTOCORE_WHEEL: &str = "tests/cloudfront/botocore-1.43.11-py3-none-any.whl";

/// The API's name for a Terraform attribute or block: `min_ttl` → `MinTTL`,
/// `cache_policy_id` → `CachePolicyId`.
fn api_name(attribute: &str) -> String {
    attribute
        .split('_')
        .map(|w| match w {
            "ttl" => "TTL".to_owned(),
            _ => w[..1].to_ascii_uppercase() + &w[1..],
        })
        .collect()
}

/// The `name = value` lines directly in `block` (not in its nested blocks), and its nested
/// blocks' names.
fn members(block: &str) -> (Vec<(String, String)>, Vec<String>) {
    let (mut attrs, mut nested, mut depth) = (Vec::new(), Vec::new(), 0);
    for line in block.lines().map(str::trim) {
        if depth == 0 {
            if let Some(name) = line.strip_suffix(" {") {
                nested.push(
                    name.trim_start_matches("dynamic ")
                        .trim_matches('"')
                        .to_owned(),
                );
            } else if let Some((k, v)) = line.split_once(" = ") {
                attrs.push((k.trim().to_owned(), v.trim().trim_matches('"').to_owned()));
            }
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
    }
    (attrs, nested)
}

/// Checks `block` against the API `shape`: every attribute is a member with a value its enum
/// takes, every required member is there (`given` adds those Terraform sets by itself).
fn check_shape(shapes: &Value, shape: &str, block: &str, given: &[&str]) {
    let s = &shapes[shape];
    let (attrs, nested) = members(block);
    let mut present: Vec<String> = given.iter().map(|g| g.to_string()).collect();
    for (k, v) in &attrs {
        // Terraform flattens AllowedMethods.CachedMethods into the behavior.
        if shape == "CacheBehavior" && k == "cached_methods" {
            assert!(
                shapes["AllowedMethods"]["members"]
                    .get("CachedMethods")
                    .is_some()
            );
            continue;
        }
        let name = api_name(k);
        let member = s["members"]
            .get(&name)
            .unwrap_or_else(|| panic!("{shape} has no member {name} (`{k}`)"));
        if let Some(values) = member.as_array() {
            assert!(
                values.iter().any(|e| e == v.as_str()),
                "{shape}.{name} = {v:?} is not one of {values:?}"
            );
        }
        present.push(name);
    }
    for n in &nested {
        // Terraform's `function_association` blocks are the API's FunctionAssociations.
        let name = api_name(n) + if n == "function_association" { "s" } else { "" };
        assert!(
            s["members"].get(&name).is_some(),
            "{shape} has no member {name} (`{n}`)"
        );
        present.push(name);
    }
    for r in s["required"].as_array().unwrap() {
        assert!(
            present.iter().any(|p| p == r.as_str().unwrap()),
            "{shape} requires {r}: {block}"
        );
    }
}

/// The cache behaviors and cache policies (the cached routes' and planb's pages') use only
/// members and values that CloudFront's API model has, with every member it requires, the allowed and cached methods one
/// of the sets it takes, TTLs in order (min ≤ default ≤ max) and comments within 128 characters.
#[test]
fn cached_routes_are_what_cloudfronts_api_model_takes() {
    let shapes = api_shapes();
    let (_tmp, _site, _manifest, tf) = build_cached();

    // planb's pages' behaviors too: they share the distribution's list.
    let behaviors = blocks(&tf, "ordered_cache_behavior");
    let app = behaviors
        .iter()
        .filter(|b| attr(b, "target_origin_id").as_deref() == Some("app"))
        .count();
    assert_eq!(app, 3);
    let methods = |b: &str, k: &str| -> Vec<String> {
        let list = attr(b, k).unwrap();
        serde_json::from_str(&list).unwrap()
    };
    for b in &behaviors {
        check_shape(&shapes, "CacheBehavior", b, &[]);
        let allowed = methods(b, "allowed_methods");
        for m in &allowed {
            assert!(
                shapes["Method"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e == m.as_str()),
                "{m}"
            );
        }
        let mut sorted = allowed.clone();
        sorted.sort();
        assert!(
            [
                vec!["GET", "HEAD"],
                vec!["GET", "HEAD", "OPTIONS"],
                vec!["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
            ]
            .contains(&sorted.iter().map(String::as_str).collect()),
            "AllowedMethods takes three sets only: {allowed:?}"
        );
        assert_eq!(methods(b, "cached_methods"), ["GET", "HEAD"]);
    }

    let policies = cache_policies(&tf);
    for (name, ((min, default, max), body)) in &policies {
        check_shape(&shapes, "CachePolicyConfig", body, &[]);
        let key = blocks(body, "parameters_in_cache_key_and_forwarded_to_origin")[0];
        check_shape(
            &shapes,
            "ParametersInCacheKeyAndForwardedToOrigin",
            key,
            &[],
        );
        check_shape(
            &shapes,
            "CachePolicyCookiesConfig",
            blocks(key, "cookies_config")[0],
            &[],
        );
        check_shape(
            &shapes,
            "CachePolicyHeadersConfig",
            blocks(key, "headers_config")[0],
            &[],
        );
        check_shape(
            &shapes,
            "CachePolicyQueryStringsConfig",
            blocks(key, "query_strings_config")[0],
            &[],
        );
        assert!(min <= default && default <= max, "{name}");
        assert!(
            attr(body, "comment").unwrap_or_default().len() <= 128,
            "{name}"
        );
    }
    assert_eq!(policies.len(), 4, "the pages' and one per route");
}

/// `[[schedule]]` on CloudFront: `schedule.js` and `schedule-response.js`, run in Node with the
/// clock stopped before, inside and after each window, do what the window's mode functions do,
/// and nothing outside the windows; Terraform attaches them in its `schedule` mode.
#[test]
fn the_schedule_functions_follow_the_windows_on_the_clock() {
    let (_tmp, site) = common::site("edge");
    let config = read(&site.join("planb.toml"));
    // 2026-03-11: landing 19:55Z-20:40Z, overflow 20:40Z-20:50Z.
    std::fs::write(
        site.join("planb.toml"),
        format!(
            "{config}\n[[schedule]]\nmode = \"landing\"\nfrom = \"2026-03-11T20:55:00+01:00\"\nuntil = \"2026-03-11T21:40:00+01:00\"\n\n[[schedule]]\nmode = \"overflow\"\nfrom = \"2026-03-11T21:40:00+01:00\"\nuntil = \"2026-03-11T21:50:00+01:00\"\n\n[edge]\ntargets = [\"cloudfront\"]\n"
        ),
    )
    .unwrap();
    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = site.join("output/config/cloudfront/functions");
    let landing_from: u64 = 1_773_258_900;
    let overflow_from = landing_from + 45 * 60;
    let end = overflow_from + 10 * 60;
    let at = |s: u64| Some(s * 1000);
    let request_fn = dir.join("schedule.js");
    // Before, and after: every request goes on untouched.
    for t in [landing_from - 1, end] {
        let r = run_function_at(&request_fn, &[request("/"), request("/x")], at(t));
        assert_eq!(r[0].0, request("/")["request"], "{t}");
        assert!(r[0].1.is_empty());
    }
    // Landing window: the home 302, never stored; other paths go on.
    let r = run_function_at(
        &request_fn,
        &[request("/"), request("/x")],
        at(landing_from),
    );
    assert_eq!(r[0].0["statusCode"], 302);
    assert_eq!(
        r[0].0["headers"]["location"]["value"],
        "/_planb/landing.html"
    );
    assert_eq!(r[0].0["headers"]["cache-control"]["value"], "no-store");
    assert_eq!(r[1].0, request("/x")["request"]);
    // Overflow window, to its last second: every path to S3 for the overflow page.
    for t in [overflow_from, end - 1] {
        let r = run_function_at(&request_fn, &[request("/any/path")], at(t));
        assert_eq!(r[0].1, ["planb-pages"], "{t}");
        assert_eq!(r[0].0["uri"], "/_planb/overflow.html");
    }
    // The response: 503 and the page's headers only in an overflow window, for that page.
    let response = |uri: &str| {
        json!({
            "version": "1.0",
            "context": { "eventType": "viewer-response" },
            "request": request(uri)["request"],
            "response": { "statusCode": 200, "statusDescription": "OK", "headers": {}, "cookies": {} }
        })
    };
    let response_fn = dir.join("schedule-response.js");
    let r = run_function_at(
        &response_fn,
        &[response("/_planb/overflow.html"), response("/other")],
        at(overflow_from),
    );
    assert_eq!(r[0].0["statusCode"], 503);
    assert_eq!(r[0].0["headers"]["retry-after"]["value"], "60");
    assert_eq!(r[1].0["statusCode"], 200);
    let r = run_function_at(&response_fn, &[response("/_planb/overflow.html")], at(end));
    assert_eq!(
        r[0].0["statusCode"], 200,
        "after the window, the page as it is"
    );
    // Terraform: a `schedule` mode that attaches both.
    let tf = read(&site.join("output/config/cloudfront/custom_error_response.tf"));
    assert!(
        tf.contains(
            "contains([\"normal\", \"landing\", \"overflow\", \"schedule\"], var.planb_mode)"
        ),
        "{tf}"
    );
    assert!(tf.contains("{ mode = \"schedule\", event_type = \"viewer-request\", arn = aws_cloudfront_function.planb_schedule.arn },"));
    assert!(tf.contains("{ mode = \"schedule\", event_type = \"viewer-response\", arn = aws_cloudfront_function.planb_schedule_response.arn },"));
    assert!(tf.contains("code    = file(\"${path.module}/functions/schedule.js\")"));
    let readme = read(&site.join("output/config/cloudfront/README.md"));
    assert!(
        readme.contains("`terraform apply -var planb_mode=schedule` attaches"),
        "{readme}"
    );
}

/// The viewer-response event of `request`, after S3 answered 200.
fn viewer_response(request: &Value) -> Value {
    json!({
        "version": "1.0",
        "context": { "eventType": "viewer-response" },
        "request": request,
        "response": { "statusCode": 200, "statusDescription": "OK", "headers": {}, "cookies": {} }
    })
}

/// `request(uri)` with an `Accept-Language` header, or none.
fn request_in(uri: &str, language: Option<&str>) -> Value {
    let mut event = request(uri);
    if let Some(l) = language {
        event["request"]["headers"]["accept-language"] = json!({ "value": l });
    }
    event
}

/// On a bilingual site, the mode functions answer in the visitor's language, ranked as planb
/// ranks (the same JavaScript as `tests/negotiate_js.rs` proves), for each header of the issue:
/// the home's redirect, the overflow page's URL and, on the way back, that language's headers
/// with `Vary: Accept-Language, Accept`; an app, the page's JSON twin.
#[test]
fn mode_functions_answer_in_the_visitors_language() {
    use common::edge::{build_fixture_for_edge, entry};
    use common::languages::{HEADERS, variant_for};
    let (tmp, site, manifest) =
        build_fixture_for_edge("bilingual", &["cloudfront"], "127.0.0.1:3000", free_port());
    let _tmp = tmp;
    let dir = site.join("output/config/cloudfront/functions");
    let mut headers: Vec<Option<&str>> = HEADERS.to_vec();
    headers.extend([
        Some("en;q=0.5, fr;q=0.6"),
        Some("fr;q=0.1, de, en-GB;q=0.2"),
    ]);
    let events: Vec<Value> = headers.iter().map(|h| request_in("/", *h)).collect();
    let landing = run_function(&dir.join("landing.js"), &events);
    let overflow = run_function(&dir.join("overflow.js"), &events);
    let responses: Vec<Value> = events
        .iter()
        .map(|e| {
            json!({
                "version": "1.0",
                "context": { "eventType": "viewer-response" },
                "request": e["request"],
                "response": { "statusCode": 200, "statusDescription": "OK", "headers": {}, "cookies": {} }
            })
        })
        .collect();
    let answered = run_function(&dir.join("overflow-response.js"), &responses);
    for (i, header) in headers.iter().enumerate() {
        let home = variant_for("/_planb/landing.html", *header);
        assert_eq!(
            landing[i].0["headers"]["location"]["value"], home,
            "{header:?}"
        );
        assert_eq!(landing[i].0["headers"]["vary"]["value"], "Accept-Language");
        let page = variant_for("/_planb/overflow.html", *header);
        assert_eq!(overflow[i].0["uri"], page, "{header:?}");
        let response = &answered[i].0;
        assert_eq!(response["statusCode"], 503);
        for (name, value) in entry(&manifest, &page)["headers"].as_object().unwrap() {
            assert_eq!(
                response["headers"][name.to_ascii_lowercase()]["value"],
                *value,
                "{header:?}: {name}"
            );
        }
        assert_eq!(
            response["headers"]["vary"]["value"],
            "Accept-Language, Accept"
        );
    }
    // An app gets the overflow page's JSON twin, in its language: the request goes to the
    // twin's file, the response gets the twin's headers.
    let apps: Vec<Value> = headers
        .iter()
        .map(|h| {
            let mut event = request_in("/any/path", *h);
            event["request"]["headers"]["accept"] = json!({ "value": "application/json, */*" });
            event
        })
        .collect();
    let sent = run_function(&dir.join("overflow.js"), &apps);
    let responses: Vec<Value> = apps
        .iter()
        .map(|e| viewer_response(&e["request"]))
        .collect();
    let answered = run_function(&dir.join("overflow-response.js"), &responses);
    for (i, header) in headers.iter().enumerate() {
        let twin = variant_for("/_planb/overflow.html", *header).replace(".html", ".json");
        assert_eq!(sent[i].0["uri"], twin, "an app, {header:?}");
        let response = &answered[i].0;
        assert_eq!(response["statusCode"], 503);
        for (name, value) in entry(&manifest, &twin)["headers"].as_object().unwrap() {
            assert_eq!(
                response["headers"][name.to_ascii_lowercase()]["value"],
                *value,
                "an app, {header:?}: {name}"
            );
        }
    }
    // Each language's own URL (the overflow page's switcher links there) is that language,
    // whatever the visitor's: the request keeps it, the response gets its headers.
    for (url, header) in [
        ("/_planb/overflow.en.html", Some("fr-FR,fr;q=0.9")),
        ("/_planb/overflow.html", Some("en-GB,en;q=0.9")),
    ] {
        let event = request_in(url, header);
        let sent = run_function(&dir.join("overflow.js"), std::slice::from_ref(&event));
        assert_eq!(sent[0].0["uri"], url, "{url} {header:?}");
        let response = json!({
            "version": "1.0",
            "context": { "eventType": "viewer-response" },
            "request": event["request"],
            "response": { "statusCode": 200, "statusDescription": "OK", "headers": {}, "cookies": {} }
        });
        let answered = run_function(&dir.join("overflow-response.js"), &[response]);
        let language = entry(&manifest, url)["headers"]["Content-Language"].clone();
        assert_eq!(
            answered[0].0["headers"]["content-language"]["value"], language,
            "{url}"
        );
    }
}
