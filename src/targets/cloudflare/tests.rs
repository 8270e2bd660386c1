use serde_json::Value;

use super::rules::{Body, Phase, When, rules};
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
    assert!(When::NotOverflow.enabled(Mode::Landing));
    assert!(!When::NotOverflow.enabled(Mode::Overflow));
    assert!(!When::Landing.enabled(Mode::Normal));
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
