//! The unit tests of `plan`: the probes it makes for each target, mode and site.

use super::*;
use crate::targets::Negotiates;

fn entry(path: &str, kind: &str, status: u16) -> Entry {
    Entry::new(&path[1..], kind, status, &[], b"x", 1)
}

fn manifest() -> Manifest {
    let mut gz = entry("/_planb/errors/503.html.gz", "error", 503);
    gz.encoding_of = Some("/_planb/errors/503.html".into());
    Manifest {
        generator: "planb".into(),
        mode: "normal".into(),
        prefix: "/_planb".into(),
        files: vec![
            entry("/404.html", "error", 404),
            entry("/_headers", "platform", 200),
            entry("/_planb/errors/404.html", "error", 404),
            entry("/_planb/errors/503.html", "error", 503),
            gz,
            entry("/_planb/landing.html", "landing", 200),
            entry("/_planb/overflow.html", "overflow", 503),
        ],
        config: Vec::new(),
        purge: Vec::new(),
    }
}

/// `manifest()` in French, with each page's English translation.
fn bilingual() -> Manifest {
    let mut m = manifest();
    let originals: Vec<Entry> = m
        .files
        .iter()
        .filter(|e| e.path.starts_with("/_planb/") && e.path.ends_with(".html"))
        .cloned()
        .collect();
    for e in &mut m.files {
        e.language = Some("fr".into());
    }
    for o in originals {
        let mut t = entry(&o.path.replace(".html", ".en.html"), &o.kind, o.status);
        t.language = Some("en".into());
        t.variant_of = Some(o.path.clone());
        m.files.push(t);
    }
    m
}

/// Where a server picks the visitor's language, what stands for the application is asked
/// once more in each language but the default; a static host is not asked in English.
#[test]
fn a_bilingual_site_is_asked_in_each_language_where_the_target_negotiates() {
    let english = |probes: &[Probe]| -> Vec<String> {
        let asked: Vec<Probe> = probes
            .iter()
            .filter(|p| p.accept_language.as_deref() == Some("en"))
            .cloned()
            .collect();
        summary(&asked)
    };
    let server = |mode| english(&plan(&bilingual(), &Answers::SERVER, mode));
    assert_eq!(
        server(Mode::Normal),
        ["GET /_planb/planb-verify-no-such-page 404 /_planb/errors/404.en.html"]
    );
    assert_eq!(
        server(Mode::Landing),
        [
            "GET /_planb/planb-verify-no-such-page 404 /_planb/errors/404.en.html",
            "GET / 302 -> /_planb/landing.en.html",
        ]
    );
    assert_eq!(
        server(Mode::Overflow),
        ["GET /planb-verify/any/path 503 /_planb/overflow.en.html"]
    );
    let host = plan(&bilingual(), &Answers::STATIC_HOST, Mode::Landing);
    assert!(english(&host).is_empty());
    // Each language's page is still asked at its own URL, without the header.
    assert!(
        summary(&host).contains(&"GET /_planb/landing.en 200 /_planb/landing.en.html".to_owned())
    );
}

/// The probes as a browser asks, one line each (the uncompressed ones are checked apart).
fn summary(probes: &[Probe]) -> Vec<String> {
    probes
        .iter()
        .filter(|p| p.accept_encoding == BROWSER_ENCODINGS)
        .map(|p| match &p.expect {
            Expect::Page { page, status, .. } => {
                format!("{} {} {status} {page}", p.method, p.path)
            }
            Expect::Redirect { status, location } => {
                format!("{} {} {status} -> {location}", p.method, p.path)
            }
            Expect::NotRedirectTo { location } => {
                format!("{} {} not -> {location}", p.method, p.path)
            }
        })
        .collect()
}

#[test]
fn normal_mode_asks_each_page_at_its_url_and_beside_the_404_page() {
    let s = summary(&plan(&manifest(), &Answers::SERVER, Mode::Normal));
    assert_eq!(
        s,
        [
            "GET /_planb/errors/404.html 200 /_planb/errors/404.html",
            "GET /_planb/errors/503.html 200 /_planb/errors/503.html",
            "GET /_planb/landing.html 200 /_planb/landing.html",
            "GET /_planb/overflow.html 200 /_planb/overflow.html",
            "GET /_planb/planb-verify-no-such-page 404 /_planb/errors/404.html",
            "GET / not -> /_planb/landing.html",
        ]
    );
}

#[test]
fn a_target_that_serves_pages_with_their_status_is_asked_for_it() {
    let answers = Answers {
        own_url: OwnUrl::PageStatus,
        unknown: Unknown::Application,
        landing_redirect: 307,
        pretty_urls: false,
        ..Answers::STATIC_HOST
    };
    let s = summary(&plan(&manifest(), &answers, Mode::Landing));
    assert_eq!(
        s,
        [
            "GET /404.html 404 /404.html",
            "GET /_planb/errors/404.html 404 /_planb/errors/404.html",
            "GET /_planb/errors/503.html 503 /_planb/errors/503.html",
            "GET /_planb/landing.html 200 /_planb/landing.html",
            "GET /_planb/overflow.html 503 /_planb/overflow.html",
            "GET / 307 -> /_planb/landing.html",
        ]
    );
}

#[test]
fn a_static_host_is_asked_every_page_without_html_and_anything_unknown() {
    let answers = Answers {
        not_found_header: Some(("Cache-Control", "no-store")),
        ..Answers::STATIC_HOST
    };
    let probes = plan(&manifest(), &answers, Mode::Landing);
    assert_eq!(
        summary(&probes),
        [
            "GET /404 200 /404.html",
            "GET /_planb/errors/404 200 /_planb/errors/404.html",
            "GET /_planb/errors/503 200 /_planb/errors/503.html",
            "GET /_planb/landing 200 /_planb/landing.html",
            "GET /_planb/overflow 200 /_planb/overflow.html",
            "GET /planb-verify-no-such-page 404 /404.html",
            "GET / 302 -> /_planb/landing",
        ]
    );
    let unknown = probes
        .iter()
        .find(|p| p.path == "/planb-verify-no-such-page");
    assert!(matches!(
        unknown.map(|p| &p.expect),
        Some(Expect::Page {
            platform: Some(("Cache-Control", "no-store")),
            ..
        })
    ));
    // No application behind it: no form is sent in overflow mode.
    let overflow = summary(&plan(&manifest(), &answers, Mode::Overflow));
    assert_eq!(
        overflow,
        [
            "GET / 503 /_planb/overflow.html",
            "GET /planb-verify/any/path 503 /_planb/overflow.html",
            "GET /_planb/landing 503 /_planb/overflow.html",
        ]
    );
}

#[test]
fn overflow_mode_asks_every_kind_of_path_and_a_form() {
    let s = summary(&plan(&manifest(), &Answers::SERVER, Mode::Overflow));
    assert_eq!(
        s,
        [
            "GET / 503 /_planb/overflow.html",
            "GET /planb-verify/any/path 503 /_planb/overflow.html",
            "GET /_planb/landing.html 503 /_planb/overflow.html",
            "POST /planb-verify/form 503 /_planb/overflow.html",
        ]
    );
}

#[test]
fn each_page_is_asked_uncompressed_too_and_warming_asks_each_encoding() {
    let probes = plan(&manifest(), &Answers::SERVER, Mode::Landing);
    // The redirect, four pages and the unknown URL; the last five again uncompressed.
    assert_eq!(probes.len(), 11);
    let identity: Vec<&Probe> = probes
        .iter()
        .filter(|p| p.accept_encoding == IDENTITY)
        .collect();
    assert_eq!(identity.len(), 5);
    assert!(identity.iter().all(|p| p.expect.page().is_some()));
    let warm = warm(&probes);
    assert_eq!(warm.len(), 10);
    assert_eq!(
        warm.iter()
            .take(2)
            .map(|p| p.accept_encoding)
            .collect::<Vec<_>>(),
        WARM_ENCODINGS
    );
}

/// Where a target serves the JSON twins, what stands for the application is asked once more
/// per twin with `Accept: application/json` (in the twin's language), and never elsewhere;
/// a twin is never asked at its own URL.
#[test]
fn the_json_twins_are_asked_where_the_target_negotiates_the_format() {
    let mut m = bilingual();
    let pages: Vec<Entry> = m
        .files
        .iter()
        .filter(|e| e.path.starts_with("/_planb/") && e.path.ends_with(".html"))
        .filter(|e| e.kind != "landing")
        .cloned()
        .collect();
    for p in pages {
        let mut t = entry(&p.path.replace(".html", ".json"), &p.kind, p.status);
        t.format = Some("json".into());
        t.language = p.language.clone();
        t.variant_of = Some(p.variant_of.clone().unwrap_or(p.path.clone()));
        m.files.push(t);
    }
    let json = |answers: &Answers, mode| -> Vec<String> {
        let asked: Vec<Probe> = plan(&m, answers, mode)
            .into_iter()
            .filter(|p| p.accept == Some(JSON))
            .collect();
        let languages: Vec<String> = asked
            .iter()
            .map(|p| p.accept_language.clone().unwrap_or_default())
            .collect();
        summary(&asked)
            .into_iter()
            .zip(languages)
            .map(|(s, l)| format!("{s} [{l}]"))
            .collect()
    };
    let nginx = Answers {
        negotiates: Negotiates {
            json: true,
            ..Negotiates::ALL
        },
        ..Answers::SERVER
    };
    assert_eq!(
        json(&nginx, Mode::Normal),
        [
            "GET /_planb/planb-verify-no-such-page 404 /_planb/errors/404.json [fr]",
            "GET /_planb/planb-verify-no-such-page 404 /_planb/errors/404.en.json [en]",
        ]
    );
    assert_eq!(
        json(&nginx, Mode::Overflow),
        [
            "GET /planb-verify/any/path 503 /_planb/overflow.json [fr]",
            "GET /planb-verify/any/path 503 /_planb/overflow.en.json [en]",
        ]
    );
    assert!(json(&Answers::SERVER, Mode::Overflow).is_empty());
    assert!(
        !plan(&m, &nginx, Mode::Normal)
            .iter()
            .any(|p| p.path.ends_with(".json")),
        "no twin at its own URL"
    );
}
