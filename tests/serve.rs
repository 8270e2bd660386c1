//! `planb serve` against the real binary: every page with the status and headers of the manifest,
//! rebuilt and reloaded on every kind of edit, errors shown over the pages, modes previewed.

mod common;

use std::path::Path;
use std::time::Duration;

use common::edge::{Response, entry, get, get_with};
use common::serve::{Events, Running};
use common::*;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(10);

fn manifest(site: &Path) -> Value {
    let out = planb(site, &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&read(&site.join("output/manifest.json"))).unwrap()
}

/// The sources of each directive of a Content-Security-Policy.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_owned);
            (words.next().unwrap_or_default(), words.collect())
        })
        .collect()
}

/// The served page is the built page, the reload script after it, and the same headers; its CSP
/// is the manifest's with only the reload script's hash and `connect-src 'self'` added.
fn assert_served_like_manifest(r: &Response, manifest: &Value, site: &Path, url: &str) {
    let e = entry(manifest, url);
    assert_eq!(
        r.status as u64,
        e["status"].as_u64().unwrap(),
        "{url}: status"
    );
    let built =
        std::fs::read(site.join("output/public").join(e["file"].as_str().unwrap())).unwrap();
    assert!(
        r.body.starts_with(&built),
        "{url}: body is not the built page"
    );
    let rest = String::from_utf8_lossy(&r.body[built.len()..]).into_owned();
    assert!(
        rest.starts_with("<script>new EventSource(\"/__planb/events?since="),
        "{url}: only the reload script is added: {rest}"
    );
    let expected = e["headers"].as_object().unwrap();
    for (name, value) in expected {
        let served = r.header(name);
        assert_eq!(served.len(), 1, "{url}: {name} once: {:?}", r.headers);
        if name != "Content-Security-Policy" {
            assert_eq!(served[0], value.as_str().unwrap(), "{url}: {name}");
        }
    }
    let manifest_csp = directives(expected["Content-Security-Policy"].as_str().unwrap());
    let served_csp = directives(r.header("Content-Security-Policy")[0]);
    for (name, sources) in &served_csp {
        let before = manifest_csp
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone());
        let added: Vec<&String> = sources
            .iter()
            .filter(|s| before.as_ref().is_none_or(|b| !b.contains(s)))
            .collect();
        match name.as_str() {
            "script-src" => assert!(added.len() <= 1, "{url}: one script hash added: {added:?}"),
            "connect-src" => assert!(added.iter().all(|s| *s == "'self'"), "{url}"),
            _ => assert!(added.is_empty(), "{url}: {name} gained {added:?}"),
        }
    }
    for (name, sources) in &manifest_csp {
        let served = served_csp.iter().find(|(n, _)| n == name).map(|(_, s)| s);
        assert!(
            served.is_some_and(|s| sources.iter().all(|x| s.contains(x))),
            "{url}: {name} kept"
        );
    }
}

#[test]
fn every_page_has_the_status_and_headers_of_the_manifest() {
    let (_tmp, site) = site("rich");
    let manifest = manifest(&site);
    let server = Running::serve(&site, &[]);
    let pages: Vec<&Value> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] != "platform" && f.get("encoding_of").is_none())
        .collect();
    assert!(pages.len() >= 6, "the rich site has pages of every kind");
    for e in pages {
        let url = e["path"].as_str().unwrap();
        if e["format"] == "json" {
            // A twin is shown as it is: no reload script in JSON.
            let r = get(server.port, url);
            let built = std::fs::read(site.join("output/public").join(e["file"].as_str().unwrap()));
            assert!(r.body == built.unwrap(), "{url}: the twin as built");
            for (name, value) in e["headers"].as_object().unwrap() {
                assert_eq!(
                    r.header(name),
                    vec![value.as_str().unwrap()],
                    "{url}: {name}"
                );
            }
            continue;
        }
        assert_served_like_manifest(&get(server.port, url), &manifest, &site, url);
    }
    // An unknown path gets the 404 page with 404, as static hosts and the edge answer.
    let r = get(server.port, "/nowhere");
    assert_eq!(r.status, 404);
    assert!(
        r.body
            .starts_with(&std::fs::read(site.join("output/public/404.html")).unwrap())
    );
}

#[test]
fn modes_are_previewed_from_the_index() {
    let (_tmp, site) = site("rich");
    let server = Running::serve(&site, &[]);
    let index = get(server.port, "/__planb/");
    assert_eq!(index.status, 200);
    for link in [
        "/_planb/landing.html",
        "/_planb/promo.html",
        "/_planb/overflow.html",
        "/_planb/errors/503.html",
        "/_planb/errors/429.html",
        "/__planb/mode/landing",
        "/__planb/mode/overflow",
        "/__planb/mode/normal",
    ] {
        assert!(
            index.text().contains(&format!("href=\"{link}\"")),
            "index links {link}"
        );
    }
    // Normal mode: no application runs here, so the home is the index.
    let home = get(server.port, "/");
    assert_eq!(
        (home.status, home.header("Location")),
        (307, vec!["/__planb/"])
    );

    let switch = get(server.port, "/__planb/mode/landing");
    assert_eq!(
        (switch.status, switch.header("Location")),
        (303, vec!["/__planb/"])
    );
    let home = get(server.port, "/");
    assert_eq!(home.status, 302);
    assert_eq!(home.header("Location"), vec!["/_planb/landing.html"]);
    assert_eq!(home.header("Cache-Control"), vec!["no-store"]);

    get(server.port, "/__planb/mode/overflow");
    for path in ["/", "/account", "/_planb/landing.html"] {
        let r = get(server.port, path);
        assert_eq!(r.status, 503, "{path}");
        assert_eq!(
            r.header("Retry-After"),
            vec!["20"],
            "{path}: the overflow page's own"
        );
        assert!(r.text().contains("<html"), "{path}");
    }
    // The index stays reachable in every mode.
    assert_eq!(get(server.port, "/__planb/").status, 200);
    get(server.port, "/__planb/mode/normal");
    assert_eq!(get(server.port, "/_planb/landing.html").status, 200);
    assert_eq!(get(server.port, "/__planb/mode/sideways").status, 404);
}

#[test]
fn a_content_edit_changes_the_page_and_sends_a_reload() {
    let (_tmp, site) = site("rich");
    let server = Running::serve(&site, &[]);
    let mut events = Events::open(server.port);
    let page = site.join("content/promo.md");
    let text = read(&page).replace("+++\n\n", "+++\n\nedited-by-the-test\n\n");
    assert!(
        text.contains("edited-by-the-test"),
        "the fixture has a body"
    );
    std::fs::write(&page, text).unwrap();
    assert!(
        events.next_reload(WAIT).is_some(),
        "reload event; log: {}",
        server.log()
    );
    assert!(
        get(server.port, "/_planb/promo.html")
            .text()
            .contains("edited-by-the-test")
    );
    // Only that page was rebuilt.
    assert!(server.log().contains("built 1 page in"), "{}", server.log());
}

#[test]
fn a_save_by_rename_is_seen() {
    let (_tmp, site) = site("rich");
    let server = Running::serve(&site, &[]);
    let mut events = Events::open(server.port);
    // What vim, VS Code and many editors do: write a temporary file, rename it over the page.
    let page = site.join("content/landing.md");
    let temporary = site.join("content/.landing.md.swp");
    std::fs::write(
        &temporary,
        read(&page).replace("Notre équipe", "Notre équipe renommée"),
    )
    .unwrap();
    std::fs::rename(&temporary, &page).unwrap();
    assert!(
        events.next_reload(WAIT).is_some(),
        "reload; log: {}",
        server.log()
    );
    assert!(
        get(server.port, "/_planb/landing.html")
            .text()
            .contains("Notre équipe renommée")
    );
}

#[test]
fn a_new_file_becomes_a_new_page_and_a_deleted_one_goes() {
    let (_tmp, site) = site("rich");
    let server = Running::serve(&site, &[]);
    let mut events = Events::open(server.port);
    assert_eq!(get(server.port, "/_planb/soiree.html").status, 404);
    std::fs::write(
        site.join("content/soiree.md"),
        "+++\ntitle = \"Ce soir sur M6\"\nkind = \"landing\"\n+++\n\nnew-page-body\n",
    )
    .unwrap();
    assert!(
        events.next_reload(WAIT).is_some(),
        "reload; log: {}",
        server.log()
    );
    let r = get(server.port, "/_planb/soiree.html");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("new-page-body"));
    std::fs::remove_file(site.join("content/soiree.md")).unwrap();
    assert!(events.next_reload(WAIT).is_some(), "reload after delete");
    assert_eq!(get(server.port, "/_planb/soiree.html").status, 404);
}

#[test]
fn a_broken_template_shows_the_overlay_and_fixing_it_clears_it() {
    let (_tmp, site) = site("rich");
    let mut server = Running::serve(&site, &[]);
    let mut events = Events::open(server.port);
    let template = site.join("themes/default/templates/landing.html");
    let good = read(&template);
    std::fs::write(
        &template,
        good.replace("{% endblock main %}", "{% endblok main %}"),
    )
    .unwrap();
    assert!(
        events.next_reload(WAIT).is_some(),
        "reload; log: {}",
        server.log()
    );
    assert!(server.alive(), "the server survives a failed build");
    // Every page shows the problem over the last good build: file, line, message.
    for url in [
        "/_planb/landing.html",
        "/_planb/errors/503.html",
        "/__planb/",
    ] {
        let r = get(server.port, url);
        let text = r.text();
        assert!(text.contains("id=planb-overlay"), "{url}: overlay");
        assert!(
            text.contains("themes/default/templates/landing.html:8:"),
            "{url}: file and line in the overlay: {text}"
        );
    }
    let landing = get(server.port, "/_planb/landing.html");
    assert_eq!(landing.status, 200, "the last good page is still served");
    assert!(landing.text().contains("site-override"));
    assert!(
        server.log().contains("landing.html:8:"),
        "the terminal says it too"
    );
    // In the words build and check use for a count.
    assert!(
        server
            .log()
            .contains("planb: 1 problem found; the preview shows them over the last good build"),
        "{}",
        server.log()
    );
    // The overlay's <style> is allowed by the page's CSP, which is recomputed.
    let csp = landing.header("Content-Security-Policy")[0].to_owned();
    assert!(!csp.contains("unsafe-inline"));

    std::fs::write(&template, good).unwrap();
    assert!(events.next_reload(WAIT).is_some(), "reload after the fix");
    let r = get(server.port, "/_planb/landing.html");
    assert!(
        !r.text().contains("planb-overlay"),
        "the next good build clears the overlay"
    );
}

#[test]
fn a_site_that_does_not_build_yet_is_served_with_its_problems() {
    let (_tmp, site) = site("rich");
    std::fs::write(site.join("planb.toml"), "[site]\nnme = \"Riche\"\n").unwrap();
    let mut server = Running::serve(&site, &[]);
    let mut events = Events::open(server.port);
    let r = get(server.port, "/_planb/landing.html");
    assert_eq!(r.status, 500);
    assert!(r.text().contains("planb.toml:2:1"), "{}", r.text());
    assert!(r.text().contains("did you mean `name`?"), "{}", r.text());
    assert!(server.alive());
    copy_dir(&fixtures().join("rich"), &site);
    assert!(
        events.next_reload(WAIT).is_some(),
        "the config file itself is watched"
    );
    assert_eq!(get(server.port, "/_planb/landing.html").status, 200);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let (_tmp, site) = site("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = planb(&site, &["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{message}"
    );
    let next = port.parse::<u16>().unwrap() + 1;
    assert!(
        message.contains(&format!("try `planb serve --port {next}`")),
        "{message}"
    );
}

#[test]
fn an_address_that_is_not_this_machines_is_a_clear_error() {
    let (_tmp, site) = site("minimal");
    // 192.0.2.1 is reserved for documentation (RFC 5737): never a local address.
    let out = planb(&site, &["serve", "--bind", "192.0.2.1", "--port", "8000"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("cannot listen on 192.0.2.1:8000"),
        "{message}"
    );
    assert!(
        message.contains("help: try another --bind address or --port"),
        "{message}"
    );
}

#[test]
fn ctrl_c_stops_cleanly() {
    let (_tmp, site) = site("minimal");
    let mut server = Running::serve(&site, &[]);
    // An open event stream must not hold the shutdown up.
    let _events = Events::open(server.port);
    let status = server
        .signal_and_wait(rustix::process::Signal::INT)
        .expect("planb serve stops on Ctrl-C");
    assert!(status.success(), "{status:?}: {}", server.log());
    assert!(server.log().contains("stopped"));
    assert!(!site.join("output").exists(), "serve writes nothing");
}

/// With `[[schedule]]`, the index lists the windows; `--at` previews the site at an instant of
/// one of them, and `/__planb/at` picks another, or the real clock again; a bad instant is a
/// usage error.
#[test]
fn the_schedule_is_shown_and_previewed_at_a_given_instant() {
    let (_tmp, site) = site("rich");
    let config = read(&site.join("planb.toml"));
    std::fs::write(
        site.join("planb.toml"),
        format!(
            "{config}\n[[schedule]]\nmode = \"landing\"\nfrom = \"2026-03-11T20:55:00+01:00\"\nuntil = \"2026-03-11T21:40:00+01:00\"\n\n[[schedule]]\nmode = \"overflow\"\nfrom = \"2026-03-11T21:40:00+01:00\"\nuntil = \"2026-03-11T22:00:00+01:00\"\n"
        ),
    )
    .unwrap();
    let server = Running::serve(&site, &["--at", "2026-03-11T21:00:00+01:00"]);
    let home = get(server.port, "/");
    assert_eq!(home.status, 302, "in the landing window");
    let index = get(server.port, "/__planb/").text();
    assert!(index.contains("<h2>Schedule</h2>"), "{index}");
    assert!(
        index.contains("Previewed at 2026-03-11T21:00:00+01:00"),
        "{index}"
    );
    assert!(
        index.contains(
            "<tr class=on><td>landing<td>2026-03-11T20:55:00+01:00<td>2026-03-11T21:40:00+01:00"
        ),
        "{index}"
    );
    let r = get(
        server.port,
        "/__planb/at?t=2026-03-11T21%3A45%3A00%2B01%3A00",
    );
    assert_eq!(r.status, 303);
    assert_eq!(
        get(server.port, "/any/path").status,
        503,
        "in the overflow window"
    );
    let bad = get(server.port, "/__planb/at?t=tomorrow");
    assert_eq!(bad.status, 400);
    assert!(
        bad.text().contains("`tomorrow` is not a date and time"),
        "{}",
        bad.text()
    );
    // Back to the real clock: long after both windows.
    assert_eq!(get(server.port, "/__planb/at").status, 303);
    assert_eq!(get(server.port, "/").status, 307);
    drop(server);

    let out = planb(&site, &["serve", "--at", "21:00"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`21:00` needs a date, a time and an offset"),
        "{}",
        stderr(&out)
    );
}

/// On a site in French and English, what stands for the application answers in the visitor's
/// language (`Accept-Language`), with `Vary`: the 404 of an unknown path, the overflow page, the
/// landing page the home redirects to; a page's own URL stays that language's page, and a
/// visitor who asks for no language, or for none the site has, gets French, the default.
#[test]
fn a_bilingual_site_answers_in_the_visitors_language() {
    let (_tmp, site) = site("bilingual");
    let server = Running::serve(&site, &[]);
    let ask = |path: &str, language: Option<&str>| {
        let header = language.map_or(String::new(), |l| format!("Accept-Language: {l}\r\n"));
        get_with(server.port, path, &header)
    };
    let english = Some("en-GB,en;q=0.9,fr;q=0.8");
    for (language, lang) in [
        (english, "en"),
        (Some("fr-FR,fr;q=0.9"), "fr"),
        (Some("de-DE"), "fr"),
        (Some(";;q=abc,,"), "fr"),
        (None, "fr"),
    ] {
        let r = ask("/nowhere", language);
        assert_eq!(r.status, 404, "{language:?}");
        assert_eq!(r.header("Content-Language"), vec![lang], "{language:?}");
        assert!(
            r.text().contains(&format!("<html lang={lang}>")),
            "{language:?}"
        );
        assert_eq!(
            r.header("Vary"),
            vec!["Accept-Language, Accept"],
            "{language:?}"
        );
    }
    // An app gets the 404 page's JSON twin, in its language and the page's status.
    let header = format!(
        "Accept-Language: {}\r\nAccept: application/json\r\n",
        "en-GB,en;q=0.9,fr;q=0.8"
    );
    let r = get_with(server.port, "/nowhere", &header);
    assert_eq!(r.status, 404);
    assert_eq!(r.header("Content-Type"), vec!["application/problem+json"]);
    let problem: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(problem["status"], 404);
    assert_eq!(r.header("Content-Language"), vec!["en"]);
    // A page's own URL is not negotiated: the switcher's link to French stays French.
    let r = ask("/_planb/landing.html", english);
    assert_eq!(r.header("Content-Language"), vec!["fr"]);
    assert!(r.header("Vary").is_empty());

    get(server.port, "/__planb/mode/landing");
    let home = ask("/", english);
    assert_eq!(home.status, 302);
    assert_eq!(home.header("Location"), vec!["/_planb/landing.en.html"]);
    assert_eq!(home.header("Vary"), vec!["Accept-Language"]);
    assert_eq!(
        ask("/", None).header("Location"),
        vec!["/_planb/landing.html"]
    );

    get(server.port, "/__planb/mode/overflow");
    let r = ask("/account", english);
    assert_eq!((r.status, r.header("Retry-After")), (503, vec!["90"]));
    assert_eq!(r.header("Content-Language"), vec!["en"]);
    assert_eq!(
        ask("/account", Some("fr")).header("Content-Language"),
        vec!["fr"]
    );

    // /__planb/ lists each language's page, with its language, linked for its preview.
    let index = get(server.port, "/__planb/").text();
    assert!(index.contains("<th>language"), "{index}");
    assert!(
        index.contains(
            "<a href=\"/_planb/landing.en.html\">/_planb/landing.en.html</a><td>landing<td>en<td>"
        ),
        "{index}"
    );
}
