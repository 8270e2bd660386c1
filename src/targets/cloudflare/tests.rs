use serde_json::Value;

use super::rules::{Body, Phase, Setting, When, rules};
use super::*;
use crate::content::Kind;
use crate::targets::test_support::{self, page, text};
use crate::targets::{EdgePage, Mode};

fn site(pages: Vec<EdgePage>) -> EdgeSite {
    test_support::site(pages, false)
}

fn files(site: &EdgeSite) -> Vec<OutputFile> {
    Cloudflare.files(site, &Targets::default()).unwrap()
}

fn json(files: &[OutputFile], path: &str) -> Value {
    serde_json::from_str(&text(files, &FOLDER.path(path))).unwrap()
}

#[test]
fn the_502_and_504_pages_also_answer_cloudflares_own_origin_errors() {
    let s = site(vec![
        page("/_planb/errors/502.html", Kind::Error, 502, &[]),
        page("/_planb/errors/504.html", Kind::Error, 504, &[]),
        page("/_planb/errors/404.html", Kind::Error, 404, &[]),
    ]);
    let expressions: Vec<String> = rules(&s)
        .into_iter()
        .filter(|r| r.phase == Phase::CustomErrors)
        .map(|r| r.json["expression"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        expressions,
        [
            "http.response.code eq 404",
            "http.response.code in {502 520 521 522 523 525 526}",
            "http.response.code in {504 524}",
        ]
    );
}

#[test]
fn a_page_above_the_inline_limit_becomes_an_asset_fetched_from_the_site() {
    let mut heavy = page("/_planb/errors/500.html", Kind::Error, 500, &[]);
    heavy.variants[0].body = vec![b'a'; MAX_INLINE + 1];
    let mut light = page("/_planb/errors/404.html", Kind::Error, 404, &[]);
    light.variants[0].body = vec![b'a'; MAX_INLINE];
    let s = site(vec![heavy, light]);
    let bodies: Vec<Option<Body>> = rules(&s).into_iter().map(|r| r.body).collect();
    assert!(bodies.contains(&Some(Body::Asset {
        name: "planb_500".into(),
        url: "https://www.example.com/_planb/errors/500.html".into(),
    })));
    assert!(bodies.contains(&Some(Body::Inline {
        file: "_planb/errors/404.html".into(),
    })));
    let out = files(&s);
    let assets = json(&out, "api/custom_pages_assets.json");
    assert_eq!(assets.as_array().unwrap().len(), 1);
    assert_eq!(assets[0]["name"], "planb_500");
}

#[test]
fn the_overflow_status_is_left_to_the_worker_in_overflow_mode_only() {
    let s = site(test_support::one_of_each(404, "120"));
    for r in rules(&s) {
        let status_503 = r.json["ref"].as_str().unwrap().ends_with("_503");
        let want = match (r.phase, status_503) {
            (Phase::Redirect, _) => When::Landing,
            (Phase::CustomErrors | Phase::ResponseHeaders, true) => When::NotOverflow,
            _ => When::Always,
        };
        assert_eq!(r.when, want, "{}", r.json["ref"]);
    }
    assert!(When::NotOverflow.enabled(Setting::Mode(Mode::Landing)));
    assert!(!When::NotOverflow.enabled(Setting::Mode(Mode::Overflow)));
    assert!(!When::Landing.enabled(Setting::Mode(Mode::Normal)));
}

#[test]
fn the_worker_answers_with_the_overflow_page_and_its_headers() {
    let mut overflow = page(
        "/_planb/overflow.html",
        Kind::Overflow,
        503,
        &[("Retry-After", "120")],
    );
    overflow.variants[0].body = "<p>Back \"soon\"</p>\u{2028}".into();
    let s = site(vec![overflow]);
    let out = files(&s);
    let js = text(&out, "config/cloudflare/worker/overflow.js");
    assert!(js.contains("const STATUS = 503;"), "{js}");
    assert!(js.contains(r#"["Retry-After","120"]"#), "{js}");
    assert!(js.contains(r#"const BODY = "<p>Back \"soon\"</p>"#), "{js}");
    assert_eq!(
        json(&out, "api/overflow/workers_route.json")["pattern"],
        "www.example.com/*"
    );
}

#[test]
fn a_site_without_landing_or_overflow_writes_no_redirect_and_no_worker() {
    let s = site(vec![page("/_planb/errors/404.html", Kind::Error, 404, &[])]);
    let out = files(&s);
    let names = test_support::names(&out);
    assert!(!names.iter().any(|n| n.contains("redirect")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("worker")), "{names:?}");
    let tf = text(&out, "config/cloudflare/planb.tf");
    assert!(!tf.contains("cloudflare_workers_script"), "{tf}");
    assert!(!tf.contains("account_id"), "{tf}");
}

#[test]
fn terraform_strings_escape_template_sequences() {
    let mut p = page("/_planb/errors/404.html", Kind::Error, 404, &[]);
    p = test_support::with_header(p, "Content-Security-Policy", "default-src 'none' ${x} %{y}");
    let tf = text(&files(&site(vec![p])), "config/cloudflare/planb.tf");
    assert!(
        tf.contains(r#""value" = "default-src 'none' $${x} %%{y}""#),
        "{tf}"
    );
    assert!(
        tf.contains(r#""content" = file("${path.module}/../../public/_planb/errors/404.html")"#),
        "{tf}"
    );
}

#[test]
fn origin_and_host_come_from_the_site_url() {
    let mut s = site(Vec::new());
    s.url = "https://shop.example.org/fr/".into();
    assert_eq!(s.origin(), "https://shop.example.org");
    assert_eq!(s.host(), "shop.example.org");
    s.url = "http://localhost:8080".into();
    assert_eq!(s.origin(), "http://localhost:8080");
    assert_eq!(s.host(), "localhost:8080");
}

fn window(
    mode: crate::config::schedule::ScheduledMode,
    from: i64,
    until: i64,
) -> crate::config::schedule::Window {
    crate::config::schedule::Window {
        mode,
        from,
        until,
        from_text: format!("@{from}"),
        until_text: format!("@{until}"),
    }
}

fn scheduled_site() -> EdgeSite {
    use crate::config::schedule::ScheduledMode::{Landing, Overflow};
    let mut s = site(test_support::one_of_each(404, "120"));
    s.schedule = vec![
        window(Landing, 100, 200),
        window(Overflow, 300, 400),
        window(Overflow, 500, 600),
    ];
    s
}

/// `ref` → (`enabled`, `expression`) of a setting's phase body.
fn enabled_rules(files: &[OutputFile], setting: &str, phase: &str) -> Vec<(String, bool, String)> {
    json(files, &format!("api/{setting}/{phase}.json"))["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ref"].as_str().unwrap().to_owned(),
                r["enabled"].as_bool().unwrap(),
                r["expression"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_schedule_enables_twins_that_read_cloudflares_clock() {
    let out = files(&scheduled_site());
    let landing = "(http.request.timestamp.sec ge 100 and http.request.timestamp.sec lt 200)";
    let overflow = "(http.request.timestamp.sec ge 300 and http.request.timestamp.sec lt 400) or (http.request.timestamp.sec ge 500 and http.request.timestamp.sec lt 600)";
    let redirect = "http_request_dynamic_redirect";
    let home = "http.request.uri.path eq \"/\"";
    assert_eq!(
        enabled_rules(&out, "schedule", redirect),
        [
            ("planb_landing".into(), false, home.into()),
            (
                "planb_landing_scheduled".into(),
                true,
                format!("({home}) and ({landing})")
            ),
        ]
    );
    assert_eq!(
        enabled_rules(&out, "landing", redirect),
        [
            ("planb_landing".into(), true, home.into()),
            (
                "planb_landing_scheduled".into(),
                false,
                format!("({home}) and ({landing})")
            ),
        ]
    );
    // The 503 page stays off inside the overflow windows, where the Worker answers.
    for phase in ["http_custom_errors", "http_response_headers_transform"] {
        let kind = if phase == "http_custom_errors" {
            "error"
        } else {
            "headers"
        };
        let of = |setting: &str| -> Vec<(String, bool, String)> {
            enabled_rules(&out, setting, phase)
                .into_iter()
                .filter(|(r, _, _)| r.contains("_503"))
                .collect()
        };
        let code = "http.response.code eq 503";
        let twin = format!("({code}) and not ({overflow})");
        let rules = |plain: bool, scheduled: bool| {
            vec![
                (format!("planb_{kind}_503"), plain, code.to_owned()),
                (
                    format!("planb_{kind}_503_scheduled"),
                    scheduled,
                    twin.clone(),
                ),
            ]
        };
        assert_eq!(of("schedule"), rules(false, true), "{phase}");
        assert_eq!(of("normal"), rules(true, false), "{phase}");
        assert_eq!(of("landing"), rules(true, false), "{phase}");
        assert_eq!(of("overflow"), rules(false, false), "{phase}");
        // Another status has no twin and holds in the schedule too.
        let other = enabled_rules(&out, "schedule", phase);
        assert!(
            other.contains(&(
                format!("planb_{kind}_404"),
                true,
                "http.response.code eq 404".into()
            )),
            "{other:?}"
        );
    }
}

#[test]
fn the_schedules_worker_answers_inside_the_overflow_windows_and_passes_outside() {
    let out = files(&scheduled_site());
    let script = text(&out, &FOLDER.path("worker/schedule.js"));
    assert!(script.contains("const WINDOWS = [\n  [300000, 400000], // overflow from @300 until @400 [300, 400)\n  [500000, 600000], // overflow from @500 until @600 [500, 600)\n];"), "{script}");
    assert!(
        script.contains("if (!overflowing(Date.now())) {\n      return fetch(request);"),
        "{script}"
    );
    assert!(script.contains("const STATUS = 503;"), "{script}");
    assert_eq!(
        json(&out, "api/schedule/workers_route.json"),
        serde_json::json!({ "pattern": "www.example.com/*", "script": "planb-schedule" })
    );
    assert_eq!(
        json(&out, "api/schedule/workers_script_metadata.json")["main_module"],
        "schedule.js"
    );
    let tf = text(&out, &FOLDER.path("planb.tf"));
    assert!(tf.contains("resource \"cloudflare_workers_route\" \"planb_schedule\" {\n  count   = var.planb_mode == \"schedule\" ? 1 : 0"), "{tf}");
    assert!(
        tf.contains(
            "contains([\"normal\", \"landing\", \"overflow\", \"schedule\"], var.planb_mode)"
        ),
        "{tf}"
    );
    assert!(
        tf.contains("\"enabled\" = contains([\"normal\", \"landing\"], var.planb_mode)"),
        "{tf}"
    );
}

#[test]
fn landing_windows_alone_need_no_worker_and_no_schedule_means_no_setting() {
    use crate::config::schedule::ScheduledMode::Landing;
    let mut s = site(test_support::one_of_each(404, "120"));
    s.schedule = vec![window(Landing, 100, 200)];
    let out = files(&s);
    let paths: Vec<&str> = out.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(
            &FOLDER
                .path("api/schedule/http_request_dynamic_redirect.json")
                .as_str()
        )
    );
    assert!(
        !paths
            .iter()
            .any(|p| p.ends_with("schedule.js") || p.contains("schedule/workers")),
        "{paths:?}"
    );
    assert!(
        !enabled_rules(&out, "schedule", "http_custom_errors")
            .iter()
            .any(|(r, _, _)| r.ends_with("_scheduled"))
    );
    let plain = files(&site(test_support::one_of_each(404, "120")));
    assert!(
        !plain.iter().any(|f| f.path.contains("/schedule")),
        "no schedule, no setting"
    );
    let tf = text(&plain, &FOLDER.path("planb.tf"));
    assert!(!tf.contains("schedule"), "{tf}");
}
