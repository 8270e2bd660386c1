//! Caddy 2: a snippet to import in the site block that proxies to the application (it holds the
//! `reverse_proxy` itself), one file per mode, and a complete example `Caddyfile`.
//!
//! The traps this avoids (each proved against the real Caddy by `tests/edge_caddy.rs`):
//! - `handle_errors` only sees Caddy's own errors (upstream down: 502, upstream timing out: 504);
//!   a status returned by the upstream is an ordinary response. Each status planb has a page for
//!   is caught by `handle_response` inside `reverse_proxy` and turned into a Caddy error of the
//!   same status (`error N`), so every error reaches the one `handle_errors` that serves the pages.
//! - Inside `handle_errors`, `file_server` keeps the error's status; anywhere else it answers 200
//!   unless given `status`: the pages served directly and the overflow page say their status.
//! - `handle_response` routes do not copy the upstream's headers, so none of them (its
//!   `Cache-Control`, `Content-Type`, ...) leaks into a page; `header` sets each manifest header,
//!   replacing the `Content-Type` `file_server` would pick, so each is sent exactly once.
//! - Directives in a site block are reordered by Caddy; everything runs inside one `route`, whose
//!   directives keep the written order, so the mode file comes first and can answer alone.
//! - A site address with a host (`http://127.0.0.1:8080`) would only answer requests whose `Host`
//!   is that address, and a bare port binds every interface: the example listens on `:PORT` with
//!   `bind HOST`.

use std::fmt::Write as _;

use std::path::Path;
use std::process::Command;

use super::{EdgePage, EdgeSite, Mode, ModeFiles, Target, Targets, Validator, Variant};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

const DIR: &str = "config/caddy";
/// The complete example configuration.
const EXAMPLE: &str = "Caddyfile";
/// The snippet a site block imports.
const SNIPPET: &str = "planb.caddy";
/// The mode file the snippet imports: a copy of one of `modes/*.caddy`.
const MODE_FILE: &str = "planb-mode.caddy";
/// The environment variable that moves the example's admin endpoint (used by `caddy reload`).
pub const ADMIN_ENV: &str = "PLANB_CADDY_ADMIN";
/// Caddy's own default admin endpoint.
const ADMIN_DEFAULT: &str = "localhost:2019";

pub struct Caddy;

const MODES: ModeFiles = ModeFiles {
    active: MODE_FILE,
    each: |m| format!("modes/{}.caddy", m.name()),
};

impl Target for Caddy {
    fn name(&self) -> &'static str {
        "caddy"
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    fn serves_precompressed(&self) -> bool {
        true
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["caddy"],
            command: "caddy validate",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    // Caddy keeps state under HOME: keep it in the check's own folder.
    c.args(["validate", "--config", EXAMPLE, "--adapter", "caddyfile"])
        .current_dir(config)
        .env("HOME", work)
        .env("XDG_DATA_HOME", work.join("data"))
        .env("XDG_CONFIG_HOME", work.join("config"));
    c
}

/// The variant Caddy serves for `page`: it negotiates nothing yet.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let problems = check(site);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut files = vec![
        file(EXAMPLE, example(site)),
        file(SNIPPET, snippet(site)),
        file(MODE_FILE, mode_file(site, site.mode)),
        file("README.md", readme(site)),
    ];
    for mode in Mode::ALL {
        files.push(file(
            &format!("modes/{}.caddy", mode.name()),
            mode_file(site, mode),
        ));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn file(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{name}"),
        bytes: text.into_bytes(),
    }
}

/// Every header must fit a Caddyfile double-quoted token and survive Caddy's placeholders:
/// `{`/`}` would be placeholders (and `{$...}` an environment variable, replaced even when
/// escaped), a backslash would escape what follows. planb's own headers never hold them.
fn check(site: &EdgeSite) -> Diagnostics {
    let mut problems = Vec::new();
    for page in &site.pages {
        for (name, value) in &variant(page).headers {
            let name_ok = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            let value_ok = value
                .chars()
                .all(|c| !c.is_control() && !matches!(c, '{' | '}' | '\\'));
            if !name_ok || !value_ok {
                problems.push(
                    Diagnostic::new(
                        format!("{DIR}/{SNIPPET}"),
                        format!(
                            "planb bug: the header `{}` of {} cannot be written safely into a Caddyfile",
                            name.escape_debug(),
                            page.url
                        ),
                    )
                    .help("a header value may not hold `{`, `}`, a backslash or a control character"),
                );
            }
        }
    }
    problems
}

/// A double-quoted Caddyfile token (`check` has refused what quoting cannot carry).
fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\\\""))
}

/// Writes, at `indent` tabs, the directives that answer with `page`: its headers, then
/// `file_server` on `site.root` (with `status` when given; in `handle_errors` the error's own
/// status applies), after a `rewrite` when the request's path is not the page's.
fn serve_at(
    out: &mut String,
    indent: usize,
    site: &EdgeSite,
    page: &EdgePage,
    status: Option<u16>,
    rewrite: bool,
) {
    let t = "\t".repeat(indent);
    if rewrite {
        let _ = writeln!(out, "{t}rewrite * {}", page.url);
    }
    let _ = writeln!(out, "{t}header {{");
    for (name, value) in &variant(page).headers {
        let _ = writeln!(out, "{t}\t{name} {}", quote(value));
    }
    let _ = writeln!(out, "{t}}}");
    let _ = writeln!(out, "{t}file_server {{");
    let _ = writeln!(out, "{t}\troot {}", quote(&site.root));
    if let Some(s) = status {
        let _ = writeln!(out, "{t}\tstatus {s}");
    }
    if site.precompressed {
        let _ = writeln!(out, "{t}\tprecompressed br gzip");
    }
    let _ = writeln!(out, "{t}\tdisable_canonical_uris");
    let _ = writeln!(out, "{t}}}");
}

fn snippet(site: &EdgeSite) -> String {
    let prefix = &site.edge.prefix;
    let timeout = site.edge.timeout;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# planb for Caddy 2: import this file inside the site block that proxies to the application,\n\
         # in place of its `reverse_proxy` (see README.md). Written by planb: do not edit, rebuild.\n\
         # The mode file it imports ({MODE_FILE}) must sit beside it."
    );
    out.push_str("\nroute {\n");
    let _ = writeln!(
        out,
        "\t# The current mode: a copy of modes/normal.caddy, modes/landing.caddy or modes/overflow.caddy.\n\
         \timport {MODE_FILE}\n"
    );
    let _ = writeln!(
        out,
        "\t# planb's pages at their own URL, with their own status (the landing page: 200)."
    );
    for page in &site.pages {
        let status = (page.status != 200).then_some(page.status);
        let _ = writeln!(out, "\thandle {} {{", page.url);
        serve_at(&mut out, 2, site, page, status, false);
        out.push_str("\t}\n");
    }
    let _ = writeln!(
        out,
        "\t# Nothing else under the prefix exists.\n\thandle {prefix}/* {{\n\t\terror 404\n\t}}\n"
    );
    let _ = writeln!(
        out,
        "\t# The application. A status planb has a page for becomes a Caddy error of the same status,\n\
         \t# answered by handle_errors below; every other response passes through untouched."
    );
    let _ = writeln!(out, "\treverse_proxy {} {{", site.edge.upstream);
    let _ = writeln!(
        out,
        "\t\ttransport http {{\n\t\t\tdial_timeout {timeout}s\n\t\t\tresponse_header_timeout {timeout}s\n\t\t}}"
    );
    for page in site.error_pages() {
        let s = page.status;
        let _ = writeln!(
            out,
            "\t\t@planb_{s} status {s}\n\t\thandle_response @planb_{s} {{\n\t\t\terror {s}\n\t\t}}"
        );
    }
    out.push_str("\t}\n}\n\n");
    let _ = writeln!(
        out,
        "# Caddy's own errors (502: upstream down, 504: upstream timed out, 404 under the prefix) and\n\
         # the upstream's, each with planb's page for its status; file_server keeps the error status here."
    );
    out.push_str("handle_errors {\n");
    for (i, page) in site.error_pages().into_iter().enumerate() {
        let s = page.status;
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "\t@planb_{s} expression {{err.status_code}} == {s}\n\thandle @planb_{s} {{"
        );
        serve_at(&mut out, 2, site, page, None, true);
        out.push_str("\t}\n");
    }
    out.push_str("}\n");
    out
}

fn mode_file(site: &EdgeSite, mode: Mode) -> String {
    let mut out = format!(
        "# planb mode `{}`: copy this file over {MODE_FILE}, then reload Caddy (see README.md).\n",
        mode.name()
    );
    match mode {
        Mode::Normal => {
            out.push_str("# Normal: the application answers; its errors get planb's pages.\n");
        }
        Mode::Landing => match site.landing() {
            Some(landing) => {
                let _ = writeln!(
                    out,
                    "# Landing: the home redirects (302, never 301: browsers keep a 301 forever) to the\n\
                     # landing page; everything else as in normal mode.\n\
                     redir / {} 302",
                    landing.url
                );
            }
            None => {
                out.push_str("# Landing: the site has no landing page, so this is normal mode.\n");
            }
        },
        Mode::Overflow => {
            out.push_str(
                "# Overflow: every request, whatever its path, gets the overflow page with 503,\n\
                 # without contacting the application.\n",
            );
            match site.overflow() {
                Some(page) => {
                    out.push_str("handle {\n");
                    serve_at(&mut out, 1, site, page, Some(503), true);
                    out.push_str("}\n");
                }
                None => {
                    out.push_str(
                        "# The site has no overflow page: Caddy answers 503 with the 503 page, if any.\nerror 503\n",
                    );
                }
            }
        }
    }
    out
}

fn example(site: &EdgeSite) -> String {
    let (host, port) = site
        .edge
        .listen
        .rsplit_once(':')
        .unwrap_or((&site.edge.listen, "80"));
    format!(
        "# A complete Caddy 2 configuration using planb's snippet: listens on {listen} (plain HTTP),\n\
         # proxies to {upstream}, serves planb's pages from {root}.\n\
         # Run:    caddy run --config Caddyfile --adapter caddyfile\n\
         # Check:  caddy validate --config Caddyfile --adapter caddyfile\n\
         # Written by planb: do not edit, rebuild.\n\
         {{\n\
         \tauto_https off\n\
         \t# `caddy reload` sends the new configuration here; set {ADMIN_ENV} to move it.\n\
         \tadmin {{${ADMIN_ENV}:{ADMIN_DEFAULT}}}\n\
         }}\n\
         \n\
         http://:{port} {{\n\
         \tbind {host}\n\
         \timport {SNIPPET}\n\
         }}\n",
        listen = site.edge.listen,
        upstream = site.edge.upstream,
        root = site.root,
    )
}

fn readme(site: &EdgeSite) -> String {
    let mut statuses: Vec<String> = site
        .error_pages()
        .iter()
        .map(|p| p.status.to_string())
        .collect();
    if statuses.is_empty() {
        statuses.push("(none)".to_owned());
    }
    let landing = site
        .landing()
        .map(|p| p.url.clone())
        .unwrap_or_else(|| "(no landing page: landing mode is normal mode)".to_owned());
    let overflow = site.overflow().map(|p| p.url.clone()).unwrap_or_else(|| {
        "(no overflow page: overflow mode answers 503 with the 503 page)".to_owned()
    });
    format!(
        "# planb for Caddy 2

Written by planb for Caddy 2.6 or later; do not edit, rebuild.

| file | what it is |
| --- | --- |
| `{SNIPPET}` | the snippet: import it inside your site block, in place of its `reverse_proxy` |
| `{MODE_FILE}` | the current mode, imported by the snippet: a copy of one of `modes/` (`{mode}` as built) |
| `modes/normal.caddy`, `modes/landing.caddy`, `modes/overflow.caddy` | one file per mode |
| `{EXAMPLE}` | a complete configuration: listens on `{listen}`, proxies to `{upstream}`, imports the snippet |

The pages are served from `{root}` (planb's `public/` folder); keep it there, or set `edge.root`
in `planb.toml` to where you deploy it and rebuild.

## Install

Copy `{SNIPPET}`, `{MODE_FILE}` and `modes/` into one folder, e.g. `/etc/caddy/planb/`. In the site
block that proxies to your application, replace `reverse_proxy {upstream}` with

    import /etc/caddy/planb/{SNIPPET}

(the snippet holds the `reverse_proxy` to `{upstream}`, with a {timeout}-second timeout, and a
`handle_errors`; merge it by hand if your site already has one). Check, then load:

    caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile
    systemctl reload caddy

Or try the example as it is, in this folder: `caddy run --config {EXAMPLE} --adapter caddyfile`.
Its admin endpoint (which `caddy reload` talks to) is `{ADMIN_DEFAULT}`, or `${ADMIN_ENV}` when set:
set it alike for `caddy run` and `caddy reload`.

## Modes

Switch by copying one mode file over `{MODE_FILE}`, then reloading Caddy (no restart, no dropped
connection). In the folder holding the files:

    cp modes/landing.caddy {MODE_FILE}     # or normal.caddy, overflow.caddy
    caddy reload --config {EXAMPLE} --adapter caddyfile

(with an installed snippet: `caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile`, or
`systemctl reload caddy`.)

- `normal`: the application answers; its errors get planb's pages.
- `landing`: `/` answers `302` to {landing}; everything else as normal.
- `overflow`: every request gets {overflow} with `503` and `Retry-After`,
  without contacting the application.

## What Caddy answers

- Statuses with a planb page ({statuses}), whether the application answers them or Caddy does
  (upstream down: `502`; no response headers within {timeout} s: `504`), are answered with planb's
  page for that status, that status, and exactly the page's headers: the application's headers
  are dropped. Every other response of the application passes through untouched.
- Each page is also served at its own URL, with its own status (the landing page `200`, an error
  page its status, the overflow page `503`). Any other URL under `{prefix}/` answers `404`
  (with the 404 page, if the site has one).
- When the client accepts it, the `.br` or `.gz` sibling of a page is sent in its place, with
  `Content-Encoding` and `Vary: Accept-Encoding` (Caddy sends no `Vary` with the uncompressed
  page, exactly as the manifest lists it).

## How it was translated, and the limits

- Caddy's `handle_errors` only sees Caddy's own errors: each status with a page is caught by a
  `handle_response` inside `reverse_proxy` and raised again as a Caddy error of the same status.
- Outside `handle_errors`, `file_server` answers `200` unless told otherwise: the pages served at
  their URL and the overflow page carry an explicit `status`.
- Caddy adds `Server`, `Etag`, `Last-Modified` and `Accept-Ranges` to the pages; Caddy does not
  cache, so the `Cache-Control` policies (`stale-if-error`...) are for the CDN in front of it.
- Everything runs inside one `route`, so the directives keep the written order.
",
        mode = site.mode.name(),
        listen = site.edge.listen,
        upstream = site.edge.upstream,
        root = site.root,
        timeout = site.edge.timeout,
        prefix = site.edge.prefix,
        statuses = statuses.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{self, one_of_each};
    use super::*;
    use crate::config::edge::Edge;
    use crate::content::Kind;

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
        let path = format!("{DIR}/{name}");
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
}
