//! The unit tests of `respond`: what it answers for each path, mode, language and instant.

use super::*;
use crate::diag::Diagnostic;
use crate::serve::preview::ServedPage;

fn served(url: &str, kind: &str, status: u16) -> ServedPage {
    ServedPage {
        url: url.into(),
        kind: kind.into(),
        status,
        title: format!("{kind} <page>"),
        headers: vec![
            ("Content-Type".into(), "text/html; charset=utf-8".into()),
            (
                "Content-Security-Policy".into(),
                "default-src 'none'".into(),
            ),
            ("Retry-After".into(), "60".into()),
        ],
        body: b"<!doctype html><html lang=en><title>x</title><p>page".to_vec(),
        gzip_bytes: 10,
        budget_share: 1,
        translations: Vec::new(),
        json: None,
    }
}

fn preview(mode: Mode, problems: Vec<Diagnostic>) -> Preview {
    let mut site = ServedSite {
        name: "Site & co".into(),
        landing: Some("/_planb/landing.html".into()),
        overflow: Some("/_planb/overflow.html".into()),
        not_found: Some("/_planb/errors/404.html".into()),
        ..ServedSite::default()
    };
    for p in [
        served("/_planb/landing.html", "landing", 200),
        served("/_planb/overflow.html", "overflow", 503),
        served("/_planb/errors/404.html", "error", 404),
    ] {
        site.pages.insert(p.url.clone(), p);
    }
    Preview {
        site: Some(site),
        problems,
        warnings: Vec::new(),
        mode,
        at: None,
        generation: 7,
    }
}

#[test]
fn pages_get_the_reload_script_and_a_csp_that_allows_it() {
    let r = respond(
        &preview(Mode::Normal, vec![]),
        "/_planb/landing.html",
        Asked::default(),
        0,
    );
    assert_eq!(r.status, 200);
    let body = String::from_utf8(r.body).unwrap();
    assert!(body.ends_with(
        "events?since=7\").addEventListener(\"reload\",()=>location.reload())</script>"
    ));
    let csp = &r
        .headers
        .iter()
        .find(|(n, _)| n == "Content-Security-Policy")
        .unwrap()
        .1;
    assert!(
        csp.contains("script-src 'sha256-") && csp.contains("connect-src 'self'"),
        "{csp}"
    );
    assert!(r.headers.contains(&("Retry-After".into(), "60".into())));
}

#[test]
fn the_overlay_escapes_what_it_shows() {
    let d = Diagnostic::new("content/x.md", "unknown field `<script>alert(1)</script>`");
    let r = respond(
        &preview(Mode::Normal, vec![d]),
        "/_planb/landing.html",
        Asked::default(),
        0,
    );
    let body = String::from_utf8(r.body).unwrap();
    assert!(body.contains("id=planb-overlay"));
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!body.contains("<script>alert(1)"));
    let csp = &r
        .headers
        .iter()
        .find(|(n, _)| n == "Content-Security-Policy")
        .unwrap()
        .1;
    assert!(
        csp.contains("style-src 'sha256-"),
        "the overlay's style is allowed: {csp}"
    );
}

#[test]
fn each_mode_answers_as_the_edge_does() {
    let normal = preview(Mode::Normal, vec![]);
    assert_eq!(respond(&normal, "/", Asked::default(), 0).status, 307);
    assert_eq!(
        respond(&normal, "/missing", Asked::default(), 0).status,
        404
    );
    let landing = preview(Mode::Landing, vec![]);
    let home = respond(&landing, "/", Asked::default(), 0);
    assert_eq!(home.status, 302);
    assert!(
        home.headers
            .contains(&("Location".into(), "/_planb/landing.html".into()))
    );
    assert_eq!(
        respond(&landing, "/_planb/errors/404.html", Asked::default(), 0).status,
        404
    );
    let overflow = preview(Mode::Overflow, vec![]);
    for path in ["/", "/x", "/_planb/landing.html"] {
        assert_eq!(
            respond(&overflow, path, Asked::default(), 0).status,
            503,
            "{path}"
        );
    }
    assert_eq!(
        respond(&overflow, "/__planb/", Asked::default(), 0).status,
        200
    );
}

#[test]
fn the_index_escapes_titles_and_names() {
    let r = respond(
        &preview(Mode::Landing, vec![]),
        "/__planb",
        Asked::default(),
        0,
    );
    let body = String::from_utf8(r.body).unwrap();
    assert!(body.contains("Site &amp; co"));
    assert!(body.contains("landing &lt;page&gt;"));
    assert!(body.contains("<li class=on><a href=\"/__planb/mode/landing\">"));
}

#[test]
fn before_the_first_good_build_every_path_shows_the_problems() {
    let mut p = preview(Mode::Normal, vec![Diagnostic::new("planb.toml", "broken")]);
    p.site = None;
    let r = respond(&p, "/_planb/landing.html", Asked::default(), 0);
    assert_eq!(r.status, 500);
    assert!(
        String::from_utf8(r.body)
            .unwrap()
            .contains("planb.toml: error: broken")
    );
}

/// The preview follows the schedule as the servers do: a window's mode while the instant
/// previewed is in it, unless the mode switched by hand is stronger.
#[test]
fn the_schedule_switches_the_preview_at_the_instant_previewed() {
    use crate::config::schedule::{ScheduledMode, Window};
    let window = |mode, from, until| Window {
        mode,
        from,
        until,
        from_text: format!("t{from}"),
        until_text: format!("t{until}"),
    };
    let mut p = preview(Mode::Normal, vec![]);
    if let Some(site) = p.site.as_mut() {
        site.schedule = vec![
            window(ScheduledMode::Landing, 100, 200),
            window(ScheduledMode::Overflow, 200, 300),
        ];
    }
    assert_eq!(respond(&p, "/", Asked::default(), 99).status, 307);
    assert_eq!(respond(&p, "/", Asked::default(), 100).status, 302);
    assert_eq!(respond(&p, "/any", Asked::default(), 250).status, 503);
    assert_eq!(respond(&p, "/", Asked::default(), 300).status, 307);
    // An instant chosen at /__planb/at wins over the real clock.
    p.at = Some((150, "t150".into()));
    assert_eq!(respond(&p, "/", Asked::default(), 0).status, 302);
    let index = String::from_utf8(respond(&p, "/__planb/", Asked::default(), 0).body).unwrap();
    assert!(index.contains("Previewed at t150"), "{index}");
    assert!(
        index.contains("<tr class=on><td>landing<td>t100<td>t200"),
        "{index}"
    );
    // Overflow switched by hand holds through a landing window.
    p.mode = Mode::Overflow;
    assert_eq!(respond(&p, "/", Asked::default(), 0).status, 503);
}

/// An app asking for JSON gets the twin where the page stands for the application, in the
/// page's status and with `Vary: Accept`; a browser gets the page; the twin's own URL shows it.
#[test]
fn an_app_gets_the_json_twin_where_the_page_stands_for_the_application() {
    let mut p = preview(Mode::Normal, vec![]);
    let site = p.site.as_mut().unwrap();
    let mut twin = served("/_planb/errors/404.json", "error", 404);
    twin.headers[0].1 = "application/problem+json".into();
    twin.body = br#"{"status":404}"#.to_vec();
    site.pages.insert(twin.url.clone(), twin);
    site.pages.get_mut("/_planb/errors/404.html").unwrap().json =
        Some("/_planb/errors/404.json".into());
    let app = Asked {
        accept: Some("application/json, text/plain, */*"),
        ..Asked::default()
    };
    let r = respond(&p, "/missing", app, 0);
    assert_eq!((r.status, &r.body[..]), (404, &br#"{"status":404}"#[..]));
    assert!(r.headers.contains(&("Vary".into(), "Accept".into())));
    assert!(
        r.headers
            .contains(&("Content-Type".into(), "application/problem+json".into()))
    );
    let browser = Asked {
        accept: Some("text/html,application/xhtml+xml,*/*;q=0.8"),
        ..Asked::default()
    };
    let r = respond(&p, "/missing", browser, 0);
    assert!(
        String::from_utf8(r.body)
            .unwrap()
            .starts_with("<!doctype html>")
    );
    assert!(r.headers.contains(&("Vary".into(), "Accept".into())));
    // At its own URL, as it is: no reload script in the JSON.
    let r = respond(&p, "/_planb/errors/404.json", Asked::default(), 0);
    assert_eq!(&r.body[..], &br#"{"status":404}"#[..]);
}
