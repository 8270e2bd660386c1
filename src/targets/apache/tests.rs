//! Apache's generated files for a small site: every file and mode, the traps of the module doc
//! (local ErrorDocument paths, a limited ProxyErrorOverride, `Header always`), and what the
//! syntax can carry (quoting, `%` doubled for mod_headers, variables refused).

use super::quoting::{exact, header_value, quote};
use super::*;
use crate::content::Kind;
use crate::targets::test_support::{self, one_of_each};

fn site() -> EdgeSite {
    test_support::site(one_of_each(502, "120"), false)
}

fn text(files: &[OutputFile], name: &str) -> String {
    test_support::text(files, &FOLDER.path(name))
}

#[test]
fn every_file_and_every_mode() {
    let files = files(&site()).unwrap();
    assert_eq!(
        test_support::names(&files),
        [
            "config/apache/README.md",
            "config/apache/example.conf",
            "config/apache/modes/landing.conf",
            "config/apache/modes/normal.conf",
            "config/apache/modes/overflow.conf",
            "config/apache/planb-mode.conf",
            "config/apache/planb.conf",
        ]
    );
}

#[test]
fn error_documents_are_local_paths_and_override_is_limited() {
    let files = files(&site()).unwrap();
    let normal = text(&files, "modes/normal.conf");
    assert!(normal.contains("ErrorDocument 502 /_planb/errors/502.html\n"));
    assert!(!normal.contains("://"), "never a URL: {normal}");
    let snippet = text(&files, "planb.conf");
    assert!(snippet.contains("ProxyErrorOverride On 502 503\n"));
    assert!(snippet.contains("Alias \"/_planb/\" \"/srv/site/public/_planb/\""));
    assert!(snippet.contains("<Location \"/_planb/\">\n    ProxyPass \"!\"\n</Location>"));
}

#[test]
fn each_page_has_its_own_headers_always() {
    let files = files(&site()).unwrap();
    let snippet = text(&files, "planb.conf");
    let block = snippet
        .split("<LocationMatch \"^/_planb/errors/503\\\\.html$\">\n")
        .nth(1)
        .unwrap()
        .split("</LocationMatch>")
        .next()
        .unwrap();
    assert!(block.contains("ForceType \"text/html; charset=utf-8\""));
    assert!(block.contains("Header unset Retry-After\n    Header always set Retry-After \"60\"\n"));
    assert!(block.contains("Header always set Content-Security-Policy \"default-src 'none'\""));
    assert!(!block.contains("Header always set Content-Type"));
    let success_only: Vec<&str> = snippet
        .lines()
        .filter(|l| l.contains("Header set"))
        .collect();
    assert!(success_only.is_empty(), "{success_only:?}");
}

#[test]
fn landing_and_overflow_modes() {
    let files = files(&site()).unwrap();
    let landing = text(&files, "modes/landing.conf");
    assert!(landing.contains("Redirect 302 \"/_planb/landing.html\""));
    assert!(landing.contains("ErrorDocument 502 /_planb/errors/502.html"));
    let overflow = text(&files, "modes/overflow.conf");
    assert!(overflow.contains("ErrorDocument 503 /_planb/overflow.html\n"));
    assert!(overflow.contains("RewriteRule ^ - [R=503,L]"));
    assert!(!overflow.contains("/_planb/errors/"));
}

#[test]
fn example_is_standalone_and_uses_the_edge_settings() {
    let mut s = site();
    s.edge.upstream = "app.internal:8000".into();
    s.edge.listen = "127.0.0.1:9090".into();
    s.edge.timeout = 7;
    let files = files(&s).unwrap();
    let example = text(&files, "example.conf");
    assert!(example.contains("Listen \"127.0.0.1:9090\""));
    assert!(example.contains("<VirtualHost *:9090>"));
    assert!(example.contains(
        "ProxyPass \"/\" \"http://app.internal:8000/\" connectiontimeout=7 timeout=7 retry=0"
    ));
    assert!(
        example.contains(
            "LoadModule proxy_http_module \"/usr/lib/apache2/modules/mod_proxy_http.so\""
        )
    );
    assert!(example.contains("Include planb-mode.conf\n    Include planb.conf\n"));
    assert!(
        !example.contains("/srv/site/public"),
        "root only in the snippet"
    );
}

#[test]
fn values_are_quoted_and_escaped() {
    assert_eq!(quote(r#"a"b"#), r#""a\"b""#);
    // httpd reads `\\` as one backslash inside quotes: a root ending in `\` must not escape
    // the closing quote, nor `a\\b` lose one.
    assert_eq!(quote(r"a\b\"), r#""a\\b\\""#);
    assert_eq!(header_value("100%"), "\"100%%\"");
    assert_eq!(exact("/_planb/a.html"), "^/_planb/a\\.html$");
    let mut s = site();
    s.pages[0].variants[0]
        .headers
        .push(("X-Test".into(), "${HOME}".into()));
    let err = files(&s).unwrap_err();
    assert!(err[0].message.contains("X-Test"), "{:?}", err);
}

#[test]
fn without_error_pages_nothing_is_overridden() {
    let mut s = site();
    s.pages.retain(|p| p.kind != Kind::Error);
    let files = files(&s).unwrap();
    let snippet = text(&files, "planb.conf");
    assert!(snippet.contains("ProxyErrorOverride Off\n"));
    assert!(!snippet.contains("ProxyErrorOverride On"));
    // Overflow mode still has its page.
    let overflow = text(&files, "modes/overflow.conf");
    assert!(overflow.contains("ErrorDocument 503 /_planb/overflow.html\n"));
}

#[test]
fn an_unusual_root_is_quoted() {
    let mut s = site();
    s.root = r#"/srv/Été/Mon site/q"s\;{b}$d#%"#.into();
    let snippet = text(&files(&s).unwrap(), "planb.conf");
    let dir = r#""/srv/Été/Mon site/q\"s\\;{b}$d#%/_planb/""#;
    assert!(
        snippet.contains(&format!("Alias \"/_planb/\" {dir}\n")),
        "{snippet}"
    );
    assert!(
        snippet.contains(&format!("<Directory {dir}>\n")),
        "{snippet}"
    );
}

#[test]
fn a_root_with_a_variable_or_a_wildcard_is_refused() {
    for (root, named) in [
        ("/srv/${HOME}/public", "`${…}`"),
        ("/srv/a[1]/public", "`[`"),
    ] {
        let mut s = site();
        s.root = root.into();
        let err = files(&s).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(err[0].file, std::path::Path::new("planb.toml"));
        let message = &err[0].message;
        assert!(message.starts_with("`edge.root`: Apache"), "{message}");
        assert!(
            message.contains(root) && message.contains(named),
            "{message}"
        );
        assert!(err[0].help.as_ref().unwrap().contains("edge.root"));
    }
}

#[test]
fn siblings_are_sent_as_written_and_keep_the_page_headers() {
    let plain = text(&files(&site()).unwrap(), "planb.conf");
    assert!(!plain.contains("RewriteRule"), "no siblings, no rewrite");
    assert!(plain.contains("LogLevel proxy:crit proxy_http:crit\n"));
    let s = test_support::site(one_of_each(502, "120"), true);
    let snippet = text(&files(&s).unwrap(), "planb.conf");
    assert!(snippet.contains("RewriteRule \"^(.+\\.html)$\" \"$1.br\" [L]"));
    assert!(snippet.contains("RewriteRule \"^(.+\\.html)$\" \"$1.gz\" [L]"));
    assert!(snippet.contains("SetEnv no-gzip 1"));
    assert!(snippet.contains("<LocationMatch \"^/_planb/overflow\\\\.html(\\\\.gz|\\\\.br)?$\">"));
    let example = text(&files(&s).unwrap(), "example.conf");
    assert!(example.contains("ServerLimit 1\n") && example.contains("MaxRequestWorkers 1024\n"));
    assert!(example.contains("CustomLog \"|/usr/bin/rotatelogs -n 3 "));
}

/// Under a spike every answer is an error document: with siblings, each ErrorDocument names the
/// one the client accepts (one internal redirect, not a second through the `<Directory>`
/// rewrite), and the pages are read, not mmapped.
#[test]
fn error_documents_name_the_sibling_and_pages_are_not_mmapped() {
    let s = test_support::site(one_of_each(502, "120"), true);
    let files = files(&s).unwrap();
    let snippet = text(&files, "planb.conf");
    assert!(snippet.contains(
        "SetEnvIf Accept-Encoding \"\\bgzip\\b\" PLANB_SIBLING=.gz\nSetEnvIf Accept-Encoding \"\\bbr\\b\" PLANB_SIBLING=.br\n"
    ));
    assert!(snippet.contains("    EnableMMAP Off\n"));
    let normal = text(&files, "modes/normal.conf");
    assert!(normal.contains("ErrorDocument 502 /_planb/errors/502.html%{ENV:PLANB_SIBLING}\n"));
    let overflow = text(&files, "modes/overflow.conf");
    assert!(overflow.contains("ErrorDocument 503 /_planb/overflow.html%{ENV:PLANB_SIBLING}\n"));
    let example = text(&files, "example.conf");
    assert!(example.contains("LoadModule setenvif_module "));
}

/// The admission hook runs in the modes that let visitors in, with one Lua state per thread;
/// overflow lets nobody in and runs no script.
#[test]
fn admission_hook_in_normal_and_landing_only_with_a_state_per_thread() {
    use crate::targets::shield::{Admission, Plan};
    let mut s = site();
    s.shield = Plan {
        admission: Some(Admission {
            capacity: 4,
            strangers: 2,
            admitted_for: 600,
        }),
        cache: Vec::new(),
        ..Plan::default()
    };
    let files = files(&s).unwrap();
    for mode in ["normal", "landing"] {
        let text = text(&files, &format!("modes/{mode}.conf"));
        for line in [
            "LuaScope thread\n",
            "LuaCodeCache forever\n",
            "LuaHookTranslateName \"${PLANB_DIR}/planb-admission.lua\" check early\n",
        ] {
            assert!(text.contains(line), "{mode}: {line}{text}");
        }
    }
    let overflow = text(&files, "modes/overflow.conf");
    assert!(!overflow.contains("Lua"), "{overflow}");
    assert!(!text(&files, "planb.conf").contains("LuaHook"));
    let script = text(&files, "planb-admission.lua");
    assert!(
        script.contains("if key ~= padded_for then"),
        "pads once per secret"
    );
}
