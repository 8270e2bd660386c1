//! Unit tests of the lighttpd files: names, modes, quoting, refusals. What lighttpd does with
//! them is proven in `tests/edge_lighttpd.rs`.

use super::*;
use crate::targets::test_support::{self, one_of_each, text as read};

fn site() -> EdgeSite {
    crate::targets::test_support::site(one_of_each(502, "120"), true)
}

fn text(files: &[OutputFile], name: &str) -> String {
    read(files, &DIR.path(name))
}

#[test]
fn every_file_and_every_mode() {
    let files = files(&site()).unwrap();
    assert_eq!(
        test_support::names(&files),
        [
            "config/lighttpd/README.md",
            "config/lighttpd/example.conf",
            "config/lighttpd/lua/errors.lua",
            "config/lighttpd/lua/landing.lua",
            "config/lighttpd/lua/normal.lua",
            "config/lighttpd/lua/overflow.lua",
            "config/lighttpd/modes/landing.conf",
            "config/lighttpd/modes/normal.conf",
            "config/lighttpd/modes/overflow.conf",
            "config/lighttpd/planb-mode.conf",
            "config/lighttpd/planb.conf",
        ]
    );
    for m in ["normal", "landing", "overflow"] {
        let mode = text(&files, &format!("modes/{m}.conf"));
        assert!(
            mode.ends_with(&format!("var.planb_mode = \"{m}\"\n")),
            "{mode}"
        );
    }
}

#[test]
fn error_pages_keep_their_status_and_only_theirs_are_replaced() {
    let files = files(&site()).unwrap();
    let errors = text(&files, "lua/errors.lua");
    assert!(errors.contains("[502] = { file = \"/srv/site/public/_planb/errors/502.html\""));
    assert!(errors.contains("[503] = "));
    assert!(!errors.contains("[418]"));
    assert!(
        errors.contains("return serve(page, status) or 0\n"),
        "{errors}"
    );
    // The page's headers, each once, the application's unset first.
    assert!(errors.contains("{ \"Retry-After\", \"60\" },"));
    assert!(errors.contains("r.resp_header[name] = nil"));
    let snippet = text(&files, "planb.conf");
    assert!(
        snippet.contains(
            "magnet.attract-response-start-to += ( var.planb_dir + \"/lua/errors.lua\" )"
        )
    );
    assert!(!snippet.contains("error-intercept"));
}

#[test]
fn landing_and_overflow_modes() {
    let files = files(&site()).unwrap();
    let landing = text(&files, "lua/landing.lua");
    assert!(landing.contains("r.resp_header[\"Location\"] = \"/_planb/landing.html\""));
    assert!(landing.contains("return 302"));
    assert!(landing.contains("\"no-store\""));
    assert!(!text(&files, "lua/normal.lua").contains("return 302"));
    let overflow = text(&files, "lua/overflow.lua");
    assert!(
        overflow.contains("local overflow = { file = \"/srv/site/public/_planb/overflow.html\"")
    );
    assert!(overflow.contains("{ \"Retry-After\", \"120\" },"));
    assert!(overflow.contains("return serve(overflow, 503) or 503\n"));
    assert!(!overflow.contains("/_planb/errors/"));
}

#[test]
fn pages_at_their_url_and_the_prefix_is_planbs() {
    let files = files(&site()).unwrap();
    for script in ["lua/normal.lua", "lua/landing.lua"] {
        let lua = text(&files, script);
        assert!(
            lua.contains("[\"/_planb/landing.html\"] = { file = "),
            "{lua}"
        );
        assert!(lua.contains("return serve(page, 200)"));
        assert!(lua.contains("local prefix = \"/_planb/\""));
    }
}

#[test]
fn example_uses_the_edge_settings() {
    let mut s = site();
    s.edge.upstream = "app.internal:8000".into();
    s.edge.listen = "[::1]:9090".into();
    s.edge.timeout = 7;
    let files = files(&s).unwrap();
    let example = text(&files, "example.conf");
    assert!(
        example.contains("server.bind = \"::1\"\nserver.port = 9090\n"),
        "{example}"
    );
    assert!(example.contains("\"host\" => \"app.internal\",\n  \"port\" => 8000,"));
    assert!(example.contains("\"read-timeout\" => 7,"));
    assert!(example.contains("\"connect-timeout\" => 7,"));
    assert!(example.contains("server.document-root = \"/srv/site/public\""));
    assert!(example.contains("include var.planb_dir + \"/planb.conf\""));
}

#[test]
fn roots_are_quoted_in_both_syntaxes() {
    assert_eq!(
        strings::config_string(r#"/srv/Été/Mon "site"/$x%y\z"#).unwrap(),
        r#""/srv/Été/Mon \"site\"/$x%y\z""#
    );
    // A backslash before a quote: written as is, the quote escaped (lighttpd reads `\\"` as `\"`).
    assert_eq!(strings::config_string(r#"/a\"b"#).unwrap(), r#""/a\\"b""#);
    assert_eq!(strings::lua_string(r#"/a\"b"#), r#""/a\\\"b""#);
    assert_eq!(strings::lua_string("/srv/Été"), "\"/srv/Été\"");
    let mut s = site();
    s.root = r#"/srv/Mon "site" $1 %2"#.into();
    let files = files(&s).unwrap();
    assert!(
        text(&files, "lua/errors.lua")
            .contains(r#"file = "/srv/Mon \"site\" $1 %2/_planb/errors/502.html""#)
    );
    assert!(
        text(&files, "example.conf")
            .contains(r#"server.document-root = "/srv/Mon \"site\" $1 %2""#)
    );
}

#[test]
fn a_root_ending_in_a_backslash_is_refused() {
    let mut s = site();
    s.root = r"/srv/odd\".into();
    let err = files(&s).unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(err[0].file.display().to_string(), "planb.toml");
    assert_eq!(
        err[0].message,
        r"`edge.root`: lighttpd cannot serve from `/srv/odd\\`: the path ends in a backslash, which lighttpd reads as escaping the closing quote of its string"
    );
}

#[test]
fn headers_with_control_characters_are_refused() {
    let mut s = site();
    s.pages[0].variants[0]
        .headers
        .push(("X-Test".into(), "a\nb".into()));
    let err = files(&s).unwrap_err();
    assert!(
        err[0]
            .message
            .contains("lighttpd cannot send the header `X-Test`"),
        "{err:?}"
    );
}

#[test]
fn no_precompressed_siblings_and_no_refused_status() {
    assert!(!Lighttpd.serves_precompressed());
    assert!((400..=599).all(|s| Lighttpd.refuses_status(s).is_none()));
    let readme = text(&files(&site()).unwrap(), "README.md");
    assert!(readme.contains("lighttpd does not send precompressed siblings"));
    assert!(
        readme.contains("cp modes/overflow.conf planb-mode.conf && systemctl reload lighttpd\n")
    );
    assert!(readme.contains("| 502 | `/_planb/errors/502.html` |\n"));
    assert!(
        readme.contains("gets lighttpd's 503 and too slow (30 s)\nits 504"),
        "{readme}"
    );
}
