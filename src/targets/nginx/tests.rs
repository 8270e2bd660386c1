//! nginx's generated files for a small site: every file and mode, the traps of the module doc
//! (statuses kept, headers `always` and per location, 408 passed through), and what the syntax
//! can carry (quoting, `$` refused in headers and in the root).

use super::quoting::quote;
use super::*;
use crate::content::Kind;
use crate::targets::test_support::{self, one_of_each, page};

fn site() -> EdgeSite {
    test_support::site(one_of_each(502, "120"), true)
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
            "config/nginx/README.md",
            "config/nginx/example.conf",
            "config/nginx/modes/landing.conf",
            "config/nginx/modes/normal.conf",
            "config/nginx/modes/overflow.conf",
            "config/nginx/planb-http.conf",
            "config/nginx/planb-mode.conf",
            "config/nginx/planb.conf",
        ]
    );
}

#[test]
fn error_pages_keep_their_status() {
    let files = files(&site()).unwrap();
    let normal = text(&files, "modes/normal.conf");
    assert!(normal.contains("error_page 502 /_planb/errors/502.html;\n"));
    assert!(normal.contains("error_page 503 /_planb/errors/503.html;\n"));
    assert!(!normal.contains(" = "), "never `=`: {normal}");
    assert!(!normal.contains("location"));
}

/// Regression: with `error_page 408`, an application's 408 reached the visitor as an empty
/// response (nginx closes the connection on any 408), found by `tests/browser.rs`.
#[test]
fn an_application_408_is_passed_through() {
    let mut site = site();
    site.pages
        .push(page("/_planb/errors/408.html", Kind::Error, 408, &[]));
    let files = files(&site).unwrap();
    for mode in ["normal", "landing"] {
        let conf = text(&files, &format!("modes/{mode}.conf"));
        assert!(conf.contains("error_page 502 "), "{conf}");
        assert!(!conf.contains("error_page 408"), "{mode}: {conf}");
    }
    // The page is still served at its own URL, and the README says why it is not mapped.
    assert!(text(&files, "planb.conf").contains("location = /_planb/errors/408.html {"));
    assert!(text(&files, "README.md").contains("The application's 408 passes through"));
}

#[test]
fn each_page_has_its_own_headers_always() {
    let files = files(&site()).unwrap();
    let snippet = text(&files, "planb.conf");
    assert!(snippet.contains("proxy_intercept_errors on;"));
    let block = snippet
        .split("location = /_planb/errors/503.html {")
        .nth(1)
        .unwrap()
        .split('}')
        .collect::<Vec<_>>()[..2]
        .join("}");
    assert!(block.contains("root \"/srv/site/public\";"));
    assert!(block.contains("default_type \"text/html; charset=utf-8\";"));
    assert!(block.contains("add_header Retry-After \"60\" always;"));
    assert!(block.contains("add_header Cache-Control \"public, max-age=10\" always;"));
    assert!(!block.contains("add_header Content-Type"));
    for line in snippet.lines().filter(|l| l.contains("add_header")) {
        assert!(line.ends_with(" always;"), "{line}");
    }
    assert!(block.contains("gzip_static on;"));
}

#[test]
fn landing_and_overflow_modes() {
    let files = files(&site()).unwrap();
    let landing = text(&files, "modes/landing.conf");
    assert!(landing.contains("return 302 /_planb/landing.html;"));
    assert!(!landing.contains("return 301"));
    assert!(landing.contains("error_page 502 /_planb/errors/502.html;"));
    let overflow = text(&files, "modes/overflow.conf");
    assert!(overflow.contains(
        "error_page 503 /_planb/overflow.html;\nif ($uri = /_planb/overflow.html) {\n    break;\n}\nreturn 503;\n"
    ));
    assert!(!overflow.contains("/_planb/errors/"));
}

/// Regression: `worker_processes 1` and `worker_connections 1024` reset visitors at 512 with a
/// slow application, and the default logs wrote 340 bytes a request (measured under load).
#[test]
fn example_is_sized_for_a_spike_and_its_logs_are_bounded() {
    let files = files(&site()).unwrap();
    let example = text(&files, "example.conf");
    for line in [
        "worker_processes auto;\n",
        "worker_rlimit_nofile 16384;\n",
        "worker_connections 8000;\n",
        "error_log error.log crit;\n",
        "access_log access.log combined buffer=64k flush=5s if=$planb_log;\n",
        "include planb-http.conf;\n",
    ] {
        assert!(example.contains(line), "{line}: {example}");
    }
    let http = text(&files, "planb-http.conf");
    assert!(http.contains("split_clients \"${request_id}\" $planb_sample {"));
    assert!(http.contains("\"~^5[0-9][0-9] [0-9]\" 1;"), "{http}");
    let readme = text(&files, "README.md");
    assert!(readme.contains("error_log /var/log/nginx/error.log crit;"));
    assert!(
        readme.contains("It never sends\n  the `.br` siblings"),
        "{readme}"
    );
}

#[test]
fn example_uses_the_edge_settings() {
    let mut s = site();
    s.edge.upstream = "app.internal:8000".into();
    s.edge.listen = "127.0.0.1:9090".into();
    s.edge.timeout = 7;
    let files = files(&s).unwrap();
    let example = text(&files, "example.conf");
    assert!(example.contains("listen \"127.0.0.1:9090\" backlog=4096;"));
    assert!(example.contains("proxy_pass \"http://app.internal:8000\";"));
    assert!(example.contains("proxy_read_timeout 7s;"));
    assert!(example.contains("include planb-mode.conf;\n        include planb.conf;"));
    assert!(
        !example.contains("/srv/site/public"),
        "root only in the snippet"
    );
}

#[test]
fn values_are_quoted_and_variables_refused() {
    assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
    let mut s = site();
    s.pages[0].variants[0]
        .headers
        .push(("X-Test".into(), "cost $5".into()));
    let err = files(&s).unwrap_err();
    assert!(err[0].message.contains("X-Test"), "{:?}", err);
}

#[test]
fn an_unusual_root_is_quoted() {
    let mut s = site();
    s.root = r#"/srv/Été/Mon site/q"s\;{b}#%"#.into();
    let files = files(&s).unwrap();
    let line = r#"root "/srv/Été/Mon site/q\"s\\;{b}#%";"#;
    assert!(text(&files, "planb.conf").contains(line));
}

#[test]
fn a_root_with_a_dollar_is_refused() {
    let mut s = site();
    s.root = "/srv/a$b/public".into();
    let err = files(&s).unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(err[0].file, std::path::Path::new("planb.toml"));
    assert!(err[0].message.starts_with("`edge.root`: nginx"), "{err:?}");
    assert!(err[0].message.contains("/srv/a$b/public"), "{err:?}");
    assert!(err[0].message.contains("`$`"), "{err:?}");
    assert!(err[0].help.as_ref().unwrap().contains("edge.root"));
}

/// `[shield].capacity`: two zones at the capacity and the strangers' share, the overflow page for
/// the private status, njs loaded only then, and the cookie's lifetime from `admitted_for`.
#[test]
fn admission_control_is_written_only_with_a_capacity() {
    let plain = files(&site()).unwrap();
    assert!(!text(&plain, "example.conf").contains("js_module"));
    assert!(!text(&plain, "planb-http.conf").contains("js_import"));
    assert!(!text(&plain, "modes/normal.conf").contains("598"));
    let mut s = site();
    s.shield.admission = Some(crate::targets::shield::Admission {
        capacity: 10,
        strangers: 8,
        admitted_for: 300,
    });
    let files = files(&s).unwrap();
    let location = text(&files, "planb-admission.conf");
    assert!(location.contains("limit_conn planb_all 10;\nlimit_conn planb_stranger 8;\n"));
    assert!(
        location.contains("add_header Set-Cookie $planb_new_cookie;\n"),
        "no `always`"
    );
    let js = text(&files, "planb-admission.js");
    assert!(js.contains("var TTL = 300;") && js.contains("r.variables.cookie_planb_admitted"));
    assert!(js.contains("process.env.PLANB_ADMISSION_SECRET"));
    for mode in ["normal", "landing"] {
        let conf = text(&files, &format!("modes/{mode}.conf"));
        assert!(
            conf.contains("error_page 598 =503 /_planb/overflow.html;\n"),
            "{mode}: {conf}"
        );
    }
    let snippet = text(&files, "planb.conf");
    assert!(!snippet.contains("location @"), "{snippet}");
    assert!(snippet.contains("add_header Retry-After \"120\" always;"));
    let example = text(&files, "example.conf");
    assert!(example.contains(
        "load_module /usr/lib/nginx/modules/ngx_http_js_module.so;\nenv PLANB_ADMISSION_SECRET;\n"
    ));
    assert!(example.contains("include planb-admission.conf;"));
    let readme = text(&files, "README.md");
    assert!(
        readme.contains("At most 10 requests reach the application at once"),
        "{readme}"
    );
}
