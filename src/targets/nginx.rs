//! nginx: a snippet to include in the `server {}` that proxies to the application, one file per
//! mode, and a complete example configuration.
//!
//! The traps this avoids (each proved against the real nginx by `tests/edge_nginx.rs`):
//! - `error_page 502 /page;` keeps the error status, `error_page 502 = /page;` would answer the
//!   page's own 200: planb never writes `=`.
//! - Statuses answered by the upstream reach `error_page` only with `proxy_intercept_errors on`.
//! - `add_header` applies to error statuses only with `always`, and a location with its own
//!   `add_header` inherits none of the server's: every page has its own exact-match location with
//!   all of its headers, and nothing else (`expires off`, `charset off`, no MIME types but the
//!   page's own `Content-Type` as `default_type`), so each manifest header is sent exactly once.
//! - Redirecting an error to a URI runs the server-level rewrites again, so overflow mode (which
//!   answers 503 at server level) serves its page from a named location, which skips them.
//! - nginx closes the connection without an answer whenever a request ends in 408 (it takes it for
//!   its own client timeout), even one that `error_page` intercepted from the application: the
//!   visitor got an empty response instead of any page. The application's 408 passes through.

use std::fmt::Write as _;

use std::path::Path;
use std::process::Command;

use super::{EdgePage, EdgeSite, Mode, ModeFiles, Target, Targets, Validator, Variant};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

const DIR: &str = "config/nginx";
/// The mode file the example includes: a copy of one of `modes/*.conf`.
const MODE_FILE: &str = "planb-mode.conf";
const SNIPPET: &str = "planb.conf";
const EXAMPLE: &str = "example.conf";
/// The named location that serves the overflow page in overflow mode.
const OVERFLOW_LOCATION: &str = "@planb_overflow";

pub struct Nginx;

const MODES: ModeFiles = ModeFiles {
    active: MODE_FILE,
    each: |m| format!("modes/{}.conf", m.name()),
};

impl Target for Nginx {
    fn name(&self) -> &'static str {
        "nginx"
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    /// nginx keeps 499 for requests the client closed: `error_page 499` is invalid (proven in
    /// tests/edge_nginx.rs).
    fn refuses_status(&self, status: u16) -> Option<String> {
        (status == 499).then(|| {
            "nginx cannot serve a page for status 499: it keeps 499 for requests the client \
             closed, and `error_page` refuses it"
                .to_owned()
        })
    }

    fn serves_precompressed(&self) -> bool {
        true
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["nginx"],
            command: "nginx -t",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    c.arg("-p")
        .arg(format!("{}/", work.display()))
        .arg("-e")
        .arg(work.join("error.log"))
        .arg("-c")
        .arg(config.join(EXAMPLE))
        .arg("-t");
    c
}

/// The variant nginx serves for `page`: it negotiates nothing yet.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let problems = check(site);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = vec![
        file(SNIPPET, snippet(site)),
        file(EXAMPLE, example(site)),
        file(MODE_FILE, mode(site, Mode::Normal)),
        file("README.md", readme(site)),
    ];
    for m in Mode::ALL {
        out.push(file(&format!("modes/{}.conf", m.name()), mode(site, m)));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn file(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{name}"),
        bytes: text.into_bytes(),
    }
}

/// Header names and values nginx cannot take as written: a `$` would start a variable in
/// `add_header`, and control characters have no place in a header.
fn check(site: &EdgeSite) -> Diagnostics {
    let mut problems = Vec::new();
    for page in &site.pages {
        for (name, value) in &variant(page).headers {
            let name_ok =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            let value_ok = !value.contains('$') && !value.chars().any(char::is_control);
            if !name_ok || !value_ok {
                problems.push(Diagnostic::new(
                    format!("{DIR}/{SNIPPET}"),
                    format!(
                        "nginx cannot send the header `{}` of {}: its name or value has a character nginx would interpret (`$`, a control character)",
                        name.escape_debug(),
                        page.url
                    ),
                ));
            }
        }
    }
    problems
}

/// A double-quoted nginx string.
fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn content_type(page: &EdgePage) -> &str {
    variant(page)
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
        .map_or("text/html; charset=utf-8", |(_, v)| v.as_str())
}

/// The body of a location that serves `page` from `site.root` with exactly its headers.
fn page_directives(site: &EdgeSite, page: &EdgePage, indent: &str) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        let _ = writeln!(out, "{indent}{text}");
    };
    line(format!("root {};", quote(&site.root)));
    line("# Only the page's own headers: no MIME map, charset or expires to add another.".into());
    line("types { }".into());
    line(format!("default_type {};", quote(content_type(page))));
    line("charset off;".into());
    line("expires off;".into());
    if site.precompressed {
        line("gzip_static on;".into());
        line("gzip_vary on;".into());
    }
    for (name, value) in &variant(page).headers {
        if !name.eq_ignore_ascii_case("Content-Type") {
            line(format!("add_header {name} {} always;", quote(value)));
        }
    }
    out
}

fn snippet(site: &EdgeSite) -> String {
    let prefix = &site.edge.prefix;
    let mut out = String::new();
    out.push_str(
        "# planb snippet for nginx (generated; do not edit). Include it in the server {} that\n\
         # proxies to your application, with the mode file (see README.md):\n\
         #     include /etc/nginx/planb/planb-mode.conf;\n\
         #     include /etc/nginx/planb/planb.conf;\n\n\
         # Let error_page replace the statuses the application answers (not only nginx's own).\n\
         proxy_intercept_errors on;\n\n",
    );
    let _ = writeln!(
        out,
        "# {prefix}/ is planb's: nothing under it reaches the application.\n\
         location ^~ {prefix}/ {{\n    return 404;\n}}\n"
    );
    for page in &site.pages {
        let _ = writeln!(
            out,
            "# {} page, status {} (200 when asked for directly)\nlocation = {} {{\n{}}}\n",
            page.kind.name(),
            page.status,
            page.url,
            page_directives(site, page, "    ")
        );
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Statuses of the application that nginx cannot answer with a page (see the module's notes).
const PASSED_THROUGH: [u16; 1] = [408];

/// The error pages nginx shows for the application's statuses.
fn intercepted(site: &EdgeSite) -> impl Iterator<Item = &EdgePage> {
    site.error_pages()
        .into_iter()
        .filter(|p| !PASSED_THROUGH.contains(&p.status))
}

/// The error_page lines: each status with a page keeps its status and gets its page.
fn error_pages(site: &EdgeSite) -> String {
    let mut out = String::new();
    for page in intercepted(site) {
        let _ = writeln!(out, "error_page {} {};", page.status, page.url);
    }
    out
}

fn mode(site: &EdgeSite, mode: Mode) -> String {
    let mut out = format!(
        "# planb mode for nginx: {} (generated; do not edit).\n\
         # Include it in the server {{}} before planb.conf and before any error_page of your own.\n\
         # Switch: cp modes/<mode>.conf planb-mode.conf && nginx -s reload\n\n",
        mode.name()
    );
    match mode {
        Mode::Normal => {
            out.push_str(
                "# The application answers; its errors get planb's pages, with their status.\n",
            );
            out.push_str(&error_pages(site));
        }
        Mode::Landing => {
            out.push_str(
                "# The home redirects to the landing page; everything else as in normal mode.\n",
            );
            out.push_str(&error_pages(site));
            match site.landing() {
                Some(landing) => {
                    let _ = write!(
                        out,
                        "\n# 302, never 301 (browsers keep a 301 forever), and never stored.\n\
                         location = / {{\n    absolute_redirect off;\n    add_header Cache-Control \"no-store\" always;\n    return 302 {};\n}}\n",
                        landing.url
                    );
                }
                None => {
                    out.push_str("\n# The site has no landing page: the home is not redirected.\n")
                }
            }
        }
        Mode::Overflow => {
            out.push_str(
                "# Every request gets the overflow page with 503, without asking the application.\n",
            );
            match site.overflow().or_else(|| site.error_page(503)) {
                Some(page) => {
                    let _ = write!(
                        out,
                        "error_page 503 {OVERFLOW_LOCATION};\nreturn 503;\n\n\
                         # A named location: reaching it does not run the server's rewrites (and the\n\
                         # return above) again.\n\
                         location {OVERFLOW_LOCATION} {{\n{}    rewrite ^ {} break;\n}}\n",
                        page_directives(site, page, "    "),
                        page.url
                    );
                }
                None => {
                    out.push_str("# The site has no overflow page: nginx's own 503.\nreturn 503;\n")
                }
            }
        }
    }
    out
}

fn example(site: &EdgeSite) -> String {
    let e = &site.edge;
    let mut out = String::new();
    let _ = write!(
        out,
        "# planb: a complete nginx configuration (generated; do not edit) that listens on {listen},\n\
         # proxies to {upstream} and answers its errors with planb's pages.\n\
         # Relative paths are under the prefix (-p), includes are beside this file. Run it with:\n\
         #     mkdir -p /tmp/planb-nginx\n\
         #     nginx -p /tmp/planb-nginx/ -e /tmp/planb-nginx/error.log -c \"$PWD/example.conf\" -g 'daemon off;'\n\n\
         worker_processes 1;\n\
         pid nginx.pid;\n\
         error_log error.log;\n\n\
         events {{\n    worker_connections 1024;\n}}\n\n\
         http {{\n\
         \x20   access_log access.log;\n\
         \x20   client_body_temp_path client_body_temp;\n\
         \x20   proxy_temp_path proxy_temp;\n\
         \x20   fastcgi_temp_path fastcgi_temp;\n\
         \x20   uwsgi_temp_path uwsgi_temp;\n\
         \x20   scgi_temp_path scgi_temp;\n\n\
         \x20   server {{\n\
         \x20       listen {qlisten};\n\
         \x20       server_name _;\n\n\
         \x20       include {MODE_FILE};\n\
         \x20       include {SNIPPET};\n\n\
         \x20       location / {{\n\
         \x20           proxy_pass {qupstream};\n\
         \x20           proxy_set_header Host $host;\n\
         \x20           # After {timeout} s without the application: 504, with planb's page.\n\
         \x20           proxy_connect_timeout {timeout}s;\n\
         \x20           proxy_send_timeout {timeout}s;\n\
         \x20           proxy_read_timeout {timeout}s;\n\
         \x20       }}\n\
         \x20   }}\n\
         }}\n",
        listen = e.listen,
        upstream = e.upstream,
        qlisten = quote(&e.listen),
        qupstream = quote(&format!("http://{}", e.upstream)),
        timeout = e.timeout,
    );
    out
}

fn readme(site: &EdgeSite) -> String {
    let e = &site.edge;
    let mut out = String::new();
    out.push_str("# planb for nginx\n\nGenerated by `planb build`; do not edit: the next build rewrites these files.\n\n");
    out.push_str(
        "| file | what it is |\n| --- | --- |\n\
         | `planb.conf` | the snippet: one exact-match location per page (its status, its headers), `proxy_intercept_errors on` |\n\
         | `modes/normal.conf`, `modes/landing.conf`, `modes/overflow.conf` | what each mode adds to the server: the `error_page` lines, the home's redirect, the overflow answer |\n\
         | `planb-mode.conf` | the mode in force: a copy of `modes/normal.conf` (a rebuild writes it back to normal) |\n\
         | `example.conf` | a complete configuration using both, for a try or a test |\n\n",
    );
    let _ = write!(
        out,
        "## Install\n\n\
         Copy this folder to the server (e.g. `/etc/nginx/planb/`) and include both files in the\n\
         `server {{}}` that proxies to the application, the mode file first and before any\n\
         `error_page` of your own:\n\n\
         ```nginx\n\
         include /etc/nginx/planb/planb-mode.conf;\n\
         include /etc/nginx/planb/planb.conf;\n\
         ```\n\n\
         The pages are read from `{root}`. In the application's `location`, set\n\
         `proxy_connect_timeout`, `proxy_send_timeout` and `proxy_read_timeout` to `{t}s`\n\
         (`edge.timeout`) as `example.conf` does. Then `nginx -t && nginx -s reload`.\n\n\
         Try the example (it listens on {listen} and proxies to {upstream}):\n\n\
         ```sh\n\
         mkdir -p /tmp/planb-nginx\n\
         nginx -p /tmp/planb-nginx/ -e /tmp/planb-nginx/error.log -c \"$PWD/example.conf\" -t\n\
         nginx -p /tmp/planb-nginx/ -e /tmp/planb-nginx/error.log -c \"$PWD/example.conf\" -g 'daemon off;'\n\
         ```\n\n\
         nginx's workers run as `nobody` when started as root: `{root}` and the folders above it\n\
         must be readable by that user.\n\n",
        root = site.root,
        t = e.timeout,
        listen = e.listen,
        upstream = e.upstream,
    );
    let landing = site.landing().map_or(
        "(the site has no landing page: same as normal)".to_owned(),
        |p| {
            format!(
                "`/` answers `302` to `{}`; everything else as normal",
                p.url
            )
        },
    );
    let overflow = site
        .overflow()
        .or_else(|| site.error_page(503))
        .map_or("every request gets nginx's own 503".to_owned(), |p| {
            format!(
                "every request, whatever its path, gets `{}` with `503` and `Retry-After`; the application is not asked",
                p.url
            )
        });
    let _ = write!(
        out,
        "## Modes\n\n\
         | mode | what the server does |\n| --- | --- |\n\
         | normal | the application answers; each status below gets planb's page, with that status |\n\
         | landing | {landing} |\n\
         | overflow | {overflow} |\n\n\
         Switch mode in the folder holding `planb-mode.conf` (here, or `/etc/nginx/planb/`):\n\n\
         ```sh\n\
         cp modes/overflow.conf planb-mode.conf && nginx -s reload   # overflow\n\
         cp modes/landing.conf planb-mode.conf && nginx -s reload    # landing\n\
         cp modes/normal.conf planb-mode.conf && nginx -s reload     # back to normal\n\
         ```\n\n\
         (for the example, give `nginx -s reload` the same `-p`, `-e` and `-c` as when starting it).\n\n\
         ## Pages\n\n| status | page |\n| --- | --- |\n"
    );
    for page in intercepted(site) {
        let _ = writeln!(out, "| {} | `{}` |", page.status, page.url);
    }
    if let Some(page) = site.error_page(408) {
        let _ = write!(
            out,
            "\nThe application's 408 passes through untouched: nginx closes the connection without an\n\
             answer whenever a request ends in 408, even after `error_page`, so `{}` is served only at\n\
             its own URL.\n",
            page.url
        );
    }
    let _ = write!(
        out,
        "\nStatuses without a page pass through untouched. The application down (connection\n\
         refused) answers 502 and too slow ({t} s) answers 504, each with its page. Every page is also\n\
         served at its own URL, with status 200 there (a check or a CDN can fetch it); other URLs\n\
         under `{prefix}/` answer 404.\n\n\
         ## What was translated, and the limits\n\n\
         - Each page's headers are `add_header … always` in its own location (so they are sent on error\n\
         \x20 statuses, and none of the server's `add_header` are inherited there); `Content-Type` is the\n\
         \x20 location's `default_type`, with `charset off` and `expires off`, so it is sent once.\n\
         - `error_page` lines are inherited only by locations without an `error_page` of their own,\n\
         \x20 and need `proxy_intercept_errors on` (which the snippet sets at server level): a location\n\
         \x20 that sets either itself does not get planb's pages (and a server that already sets\n\
         \x20 `proxy_intercept_errors` fails `nginx -t` as a duplicate: keep one).\n\
         - Overflow mode answers 503 at server level and serves the page from the named location\n\
         \x20 `{OVERFLOW_LOCATION}`; landing mode adds `location = /`, so the server must not have one.\n",
        t = e.timeout,
        prefix = e.prefix,
    );
    if site.precompressed {
        out.push_str(
            "- `gzip_static on` sends the `.gz` sibling to clients that accept gzip. The `.br` siblings\n\
             \x20 need the third-party brotli module (`brotli_static on`), which planb does not assume.\n",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{one_of_each, page};
    use super::*;
    use crate::content::Kind;

    fn site() -> EdgeSite {
        super::super::test_support::site(one_of_each(502, "120"), true)
    }

    fn text(files: &[OutputFile], name: &str) -> String {
        super::super::test_support::text(files, &format!("{DIR}/{name}"))
    }

    #[test]
    fn every_file_and_every_mode() {
        let files = files(&site()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "config/nginx/README.md",
                "config/nginx/example.conf",
                "config/nginx/modes/landing.conf",
                "config/nginx/modes/normal.conf",
                "config/nginx/modes/overflow.conf",
                "config/nginx/planb-mode.conf",
                "config/nginx/planb.conf",
            ]
        );
        assert_eq!(
            text(&files, "planb-mode.conf"),
            text(&files, "modes/normal.conf")
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
        assert!(overflow.contains("error_page 503 @planb_overflow;\nreturn 503;\n"));
        assert!(overflow.contains("rewrite ^ /_planb/overflow.html break;"));
        assert!(overflow.contains("add_header Retry-After \"120\" always;"));
        assert!(!overflow.contains("/_planb/errors/"));
    }

    #[test]
    fn example_uses_the_edge_settings() {
        let mut s = site();
        s.edge.upstream = "app.internal:8000".into();
        s.edge.listen = "127.0.0.1:9090".into();
        s.edge.timeout = 7;
        let files = files(&s).unwrap();
        let example = text(&files, "example.conf");
        assert!(example.contains("listen \"127.0.0.1:9090\";"));
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
    fn deterministic() {
        let a = files(&site()).unwrap();
        let b = files(&site()).unwrap();
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.path == y.path && x.bytes == y.bytes)
        );
    }
}
