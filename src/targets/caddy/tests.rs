use super::quoting::{quote, quote_root, root_problem};
use super::*;
use crate::config::edge::Edge;
use crate::content::Kind;
use crate::targets::Mode;
use crate::targets::test_support::{self, one_of_each};

fn site() -> EdgeSite {
    // A `;` in a header value must stay inside Caddy's quotes.
    let csp = "default-src 'none'; base-uri 'none'";
    let pages = one_of_each(404, "60")
        .into_iter()
        .map(|p| test_support::with_header(p, "Content-Security-Policy", csp))
        .collect();
    EdgeSite {
        edge: Edge {
            upstream: "app.internal:3000".into(),
            listen: "127.0.0.1:8080".into(),
            timeout: 7,
            ..Edge::default()
        },
        root: "/srv/planb/public".into(),
        ..test_support::site(pages, true)
    }
}

fn text(files: &[OutputFile], name: &str) -> String {
    let path = FOLDER.path(name);
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(f.bytes.clone()).unwrap()
}

#[test]
fn writes_every_file_sorted_and_deterministic() {
    let files = files(&site()).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "config/caddy/Caddyfile",
            "config/caddy/README.md",
            "config/caddy/modes/landing.caddy",
            "config/caddy/modes/normal.caddy",
            "config/caddy/modes/overflow.caddy",
            "config/caddy/planb-mode.caddy",
            "config/caddy/planb.caddy",
        ]
    );
    let again = super::files(&site()).unwrap();
    assert!(files.iter().zip(&again).all(|(a, b)| a.bytes == b.bytes));
    assert_eq!(text(&files, MODE_FILE), text(&files, "modes/normal.caddy"));
    let mut overflow = site();
    overflow.mode = Mode::Overflow;
    let files = super::files(&overflow).unwrap();
    assert_eq!(
        text(&files, MODE_FILE),
        text(&files, "modes/overflow.caddy")
    );
}

#[test]
fn snippet_catches_upstream_statuses_and_serves_pages_with_their_headers() {
    let s = text(&files(&site()).unwrap(), SNIPPET);
    assert!(s.contains("reverse_proxy app.internal:3000 {"), "{s}");
    assert!(s.contains("dial_timeout 7s") && s.contains("response_header_timeout 7s"));
    assert!(s.contains(
        "\t\t@planb_503 status 503\n\t\thandle_response @planb_503 {\n\t\t\terror 503\n"
    ));
    assert!(s.contains("@planb_404 status 404"));
    assert!(!s.contains("status 200"), "{s}");
    assert!(s.contains("@planb_503 expression {err.status_code} == 503"));
    assert!(s.contains("rewrite * /_planb/errors/503.html"));
    assert!(s.contains("Content-Security-Policy \"default-src 'none'; base-uri 'none'\""));
    assert!(s.contains("root \"/srv/planb/public\""));
    assert!(s.contains("precompressed br gzip"));
    // Served directly: the error page with its status, the landing page with none (200).
    let direct = s.split("handle /_planb/errors/503.html {").nth(1).unwrap();
    assert!(
        direct
            .split("\n\t}\n")
            .next()
            .unwrap()
            .contains("status 503")
    );
    let landing = s.split("handle /_planb/landing.html {").nth(1).unwrap();
    assert!(!landing.split("\n\t}\n").next().unwrap().contains("status"));
    // The mode comes first, inside the route.
    let route = s.find("route {").unwrap();
    assert!(route < s.find("import planb-mode.caddy").unwrap());
    assert!(s.find("import planb-mode.caddy").unwrap() < s.find("handle /_planb").unwrap());
    assert_eq!(s.matches('{').count(), s.matches('}').count());
}

#[test]
fn modes() {
    let files = files(&site()).unwrap();
    let landing = text(&files, "modes/landing.caddy");
    assert!(
        landing.contains("\nredir / /_planb/landing.html 302\n"),
        "{landing}"
    );
    assert!(!landing.contains("301\n"));
    let overflow = text(&files, "modes/overflow.caddy");
    assert!(
        overflow.contains("rewrite * /_planb/overflow.html"),
        "{overflow}"
    );
    assert!(overflow.contains("status 503"));
    assert!(overflow.contains("Retry-After \"60\""));
    let normal = text(&files, "modes/normal.caddy");
    assert!(normal.lines().all(|l| l.starts_with('#')), "{normal}");
    let example = text(&files, EXAMPLE);
    assert!(example.contains("http://:8080 {\n\tbind 127.0.0.1\n\timport planb.caddy\n"));
    assert!(example.contains("admin {$PLANB_CADDY_ADMIN:localhost:2019}"));
}

#[test]
fn a_site_without_landing_or_overflow_page_still_has_every_mode() {
    let mut s = site();
    s.pages.retain(|p| p.kind == Kind::Error);
    let files = files(&s).unwrap();
    assert!(!text(&files, "modes/landing.caddy").contains("redir"));
    assert!(text(&files, "modes/overflow.caddy").contains("\nerror 503\n"));
}

#[test]
fn quotes_and_refuses_what_a_caddyfile_cannot_carry() {
    assert_eq!(quote("a \"b\" 'c'"), "\"a \\\"b\\\" 'c'\"");
    for bad in ["{$HOME}", "a\\b", "a\nb"] {
        let mut s = site();
        s.pages[0].variants[0]
            .headers
            .push(("X-Test".into(), bad.into()));
        let err = files(&s).unwrap_err();
        assert!(err[0].message.contains("X-Test"), "{:?}", err);
    }
}

#[test]
fn the_root_keeps_spaces_letters_quotes_and_escapes_its_braces() {
    assert_eq!(
        quote_root("/srv/Été/Mon site/a\"b;c{d}e$f%g#h"),
        r#""/srv/Été/Mon site/a\"b;c\\{d\\}e$f%g#h""#,
    );
    let mut s = site();
    s.root = "/srv/a{b}".into();
    let snippet = text(&files(&s).unwrap(), SNIPPET);
    assert!(snippet.contains(r#"root "/srv/a\\{b\\}""#), "{snippet}");
    assert!(root_problem("/srv/Été/Mon site/a\"b;c{d}e$f%g#h").is_none());
}

#[test]
fn a_root_caddy_cannot_carry_is_refused_naming_edge_root() {
    for (root, names) in [("/srv/{$HOME}/x", "`{$`"), ("/srv/a\\b", "a backslash")] {
        let mut s = site();
        s.root = root.into();
        let err = files(&s).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(err[0].file.to_str(), Some("planb.toml"));
        let message = &err[0].message;
        assert!(
            message.starts_with("`edge.root`: caddy cannot serve"),
            "{message}"
        );
        assert!(message.contains(names), "{message}");
        assert!(err[0].help.as_deref().unwrap().contains("edge.root"));
    }
}

/// With `[shield] capacity`, one handler per share, each refusing at once beyond its share,
/// capping its connections there and keeping a departed visitor's slot; the holders' handler
/// names the application `tcp/` for a count of its own, the strangers' one issues the cookie, and
/// Caddy's own 503 is the overflow page, also for a site without a 503 page; without it, none of
/// that is written.
#[test]
fn admission_writes_a_capped_handler_per_share_and_the_overflow_for_caddys_own_503() {
    use crate::targets::shield::{Admission, Plan};
    let plain = text(&files(&site()).unwrap(), SNIPPET);
    for absent in [
        "unhealthy_request_count",
        "max_conns_per_host",
        "flush_interval",
        "Caddy's own 503",
    ] {
        assert!(!plain.contains(absent), "{absent}: {plain}");
    }
    let mut shielded = site();
    shielded.shield = Plan {
        admission: Some(Admission {
            capacity: 5,
            strangers: 3,
            admitted_for: 600,
        }),
        cache: Vec::new(),
        ..Plan::default()
    };
    let snippet = text(&files(&shielded).unwrap(), SNIPPET);
    let share = |n: u32| {
        format!(
            "\t\tunhealthy_request_count {n}\n\t\tfail_duration 1s\n\t\tlb_try_duration 0\n\
             \t\t# A visitor who leaves keeps the slot until the application has answered.\n\
             \t\tflush_interval -1\n"
        )
    };
    let transport = |n: u32| {
        format!(
            "\t\ttransport http {{\n\t\t\tdial_timeout 7s\n\t\t\tresponse_header_timeout 7s\n\
             \t\t\tmax_conns_per_host {n}\n\t\t}}\n"
        )
    };
    for line in [
        "\t@planb_admitted expression `string({http.request.cookie.planb_admitted}).matches(\"^[0-9]{1,12}$\") && int(string({http.request.cookie.planb_admitted})) + 600 > int(string({time.now.unix}))`\n".to_owned(),
        "\treverse_proxy @planb_admitted tcp/app.internal:3000 {\n\t\t# This share: 2 in flight.".to_owned(),
        format!("{}{}", share(2), transport(2)),
        "\treverse_proxy app.internal:3000 {\n\t\t# This share: 3 in flight.".to_owned(),
        format!("{}{}", share(3), transport(3)),
        "\t\t@planb_shared {\n\t\t\tstatus 2xx 3xx\n\t\t\theader Cache-Control *public*\n\t\t\theader Cache-Control *s-maxage*\n\t\t}\n\t\thandle_response @planb_shared {\n\t\t\tcopy_response\n\t\t}\n".to_owned(),
        "\t\thandle_response @planb_let_in {\n\t\t\theader +Set-Cookie \"planb_admitted={time.now.unix}; Max-Age=600; Path=/; HttpOnly; SameSite=Lax\"\n\t\t\tcopy_response\n\t\t}\n\t}\n".to_owned(),
        "\t@planb_503 expression {err.status_code} == 503\n\thandle @planb_503 {\n\t\trewrite * /_planb/overflow.html\n".to_owned(),
    ] {
        assert!(snippet.contains(&line), "{line}\n{snippet}");
    }
    assert_eq!(
        snippet.matches("\n\treverse_proxy ").count(),
        2,
        "{snippet}"
    );
    // Nothing reserved: one handler, for everybody.
    let mut open = shielded.clone();
    open.shield.admission = Some(Admission {
        capacity: 5,
        strangers: 5,
        admitted_for: 600,
    });
    let one = text(&files(&open).unwrap(), SNIPPET);
    assert_eq!(one.matches("\n\treverse_proxy ").count(), 1, "{one}");
    assert!(!one.contains("@planb_admitted"), "{one}");
    assert!(one.contains(&transport(5)), "{one}");
    // Without a 503 page, Caddy's own 503 still gets the overflow page.
    shielded
        .pages
        .retain(|p| p.status != 503 || p.kind != Kind::Error);
    let snippet = text(&files(&shielded).unwrap(), SNIPPET);
    assert!(snippet.contains("\t@planb_503 expression {err.status_code} == 503\n\thandle @planb_503 {\n\t\trewrite * /_planb/overflow.html\n"), "{snippet}");
    assert!(
        !snippet.contains("status 503\n\t\thandle_response"),
        "{snippet}"
    );
}
