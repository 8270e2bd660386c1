//! Varnish (VCL 4.1; tested with Debian's Varnish 7.1): `planb.vcl` answers
//! - planb's pages at their own URL, and every request in overflow mode, from `vcl_recv` through
//!   `vcl_synth` (the upstream is never asked);
//! - an error status of the upstream by turning the response into an error in
//!   `vcl_backend_response` (`return (error(beresp.status))`, which drops every upstream header),
//!   then building planb's page in `vcl_backend_error`, which also runs when the fetch itself fails
//!   (upstream down or timing out: Varnish always answers 503 then).
//!
//! Bodies come from `std.fileread("<root>/<file>")`, which silently gives an empty body for a
//! missing file: `vcl_init` reads every page first and refuses to load the VCL, naming the file,
//! when one is missing, empty or unreadable by the worker.
//!
//! The mode is the subroutine `planb_mode` of `planb-mode.vcl`: switching is one file copy and
//! a VCL reload.

use std::fmt::Write as _;

use std::path::Path;
use std::process::Command;

use super::{EdgePage, EdgeSite, Mode, ModeFiles, Target, Targets, Validator, Variant};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

const DIR: &str = "config/varnish";

/// The request headers planb uses to carry the mode and the page from `vcl_recv` to
/// `vcl_synth`; removed from every incoming request first, never sent to the upstream.
const MODE_HEADER: &str = "X-Planb-Mode";
const PAGE_HEADER: &str = "X-Planb-Page";

pub struct Varnish;

const MODES: ModeFiles = ModeFiles {
    active: "planb-mode.vcl",
    each: |m| format!("mode-{}.vcl", m.name()),
};

impl Target for Varnish {
    fn name(&self) -> &'static str {
        "varnish"
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["varnishd"],
            command: "varnishd -C",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    c.arg("-C")
        .arg("-n")
        .arg(work.join("varnish"))
        .arg("-f")
        .arg(config.join("default.vcl"));
    c
}

/// The variant Varnish serves for `page`: it negotiates nothing yet.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = Vec::new();
    for page in &site.pages {
        if let Some(d) = unsafe_page(site, page) {
            problems.push(d);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = vec![
        file("README.md", readme(site)),
        file("default.vcl", example(site)),
        file("planb.vcl", snippet(site)),
        file("planb-mode.vcl", mode_vcl(site.mode)),
    ];
    for mode in Mode::ALL {
        out.push(file(&format!("mode-{}.vcl", mode.name()), mode_vcl(mode)));
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

/// What could break out of a VCL string: never produced by planb, refused all the same.
fn unsafe_page(site: &EdgeSite, page: &EdgePage) -> Option<Diagnostic> {
    let plain = |v: &str| !v.chars().any(|c| c == '"' || c.is_control());
    let bad_header = variant(page).headers.iter().find(|(n, v)| {
        n.is_empty() || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || !plain(v)
    });
    if let Some((name, _)) = bad_header {
        return Some(Diagnostic::new(
            &variant(page).file,
            format!(
                "planb bug: the header `{}` of {} cannot be written into a VCL string",
                name.escape_debug(),
                page.url
            ),
        ));
    }
    let safe = |v: &str| {
        v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    };
    if !safe(&page.url) || !safe(&variant(page).file) || !safe(&site.root) {
        return Some(Diagnostic::new(
            &variant(page).file,
            format!(
                "planb bug: the page {} cannot be written into a VCL configuration",
                page.url.escape_debug()
            ),
        ));
    }
    None
}

/// The absolute path `std.fileread` reads the page from.
fn path_of(site: &EdgeSite, page: &EdgePage) -> String {
    format!("{}/{}", site.root.trim_end_matches('/'), variant(page).file)
}

/// A regular expression matching the URL path exactly, with or without a query string.
fn url_regex(url: &str) -> String {
    format!("^{}(\\?.*)?$", url.replace('.', "\\."))
}

/// VCL duration of `seconds`.
fn duration(seconds: u32) -> String {
    format!("{seconds}s")
}

/// Canonical reason phrase for the status line.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        s => crate::statuses::reason(s).unwrap_or("Error"),
    }
}

/// `planb-mode.vcl` (and its three templates `mode-*.vcl`).
fn mode_vcl(mode: Mode) -> String {
    format!(
        "# planb mode for Varnish: normal, landing or overflow. To switch, copy mode-<mode>.vcl over\n\
         # planb-mode.vcl and reload the VCL (see README.md).\n\
         sub planb_mode {{\n    \
             set req.http.{MODE_HEADER} = \"{}\";\n\
         }}\n",
        mode.name()
    )
}

/// The headers of `page`, set on `var` (`resp` or `beresp`).
fn set_headers(s: &mut String, var: &str, page: &EdgePage, indent: &str) {
    for (name, value) in &variant(page).headers {
        let _ = writeln!(s, "{indent}set {var}.http.{name} = \"{value}\";");
    }
}

/// `planb.vcl`: to include in a VCL, before its own subroutines.
fn snippet(site: &EdgeSite) -> String {
    let mut s = String::from(
        "# planb for Varnish (VCL 4.1; written for and tested with Varnish 7.1). Include this file in\n\
         # your VCL after the backends and before your own subroutines: Varnish runs planb's part of\n\
         # vcl_recv, vcl_synth, vcl_backend_response and vcl_backend_error first, and yours when\n\
         # planb's does not answer.\n\
         vcl 4.1;\n\
         \n\
         import std;\n\
         \n\
         # The mode: the subroutine planb_mode, which sets the mode header (see README.md).\n\
         include \"./planb-mode.vcl\";\n\
         \n\
         # std.fileread answers an empty body, silently, for a file it cannot read: refuse to load\n\
         # this VCL instead (the check runs in the worker, as the user that serves the pages).\n\
         sub vcl_init {\n",
    );
    for page in &site.pages {
        let path = path_of(site, page);
        let _ = writeln!(
            s,
            "    if (!std.fileread(\"{path}\") || std.fileread(\"{path}\") == \"\") {{\n        \
                 return (fail(\"planb: cannot read {path} (missing, empty or unreadable by the Varnish worker): the page {} would be served empty\"));\n    \
             }}",
            page.url
        );
    }
    s.push_str("}\n");

    let _ = write!(
        s,
        "\nsub vcl_recv {{\n    \
             # Only planb sets these.\n    \
             unset req.http.{MODE_HEADER};\n    \
             unset req.http.{PAGE_HEADER};\n    \
             call planb_mode;\n"
    );
    match site.overflow() {
        Some(page) => {
            let _ = write!(
                s,
                "    # Overflow mode: every request gets the overflow page (503), without contacting\n    \
                     # the upstream.\n    \
                     if (req.http.{MODE_HEADER} == \"overflow\") {{\n        \
                         set req.http.{PAGE_HEADER} = \"{url}\";\n        \
                         return (synth({status}, \"{reason}\"));\n    \
                     }}\n",
                url = page.url,
                status = page.status,
                reason = reason(page.status),
            );
        }
        None => {
            let _ = write!(
                s,
                "    # Overflow mode: the site has no overflow page; Varnish's own 503 answers.\n    \
                     if (req.http.{MODE_HEADER} == \"overflow\") {{\n        \
                         return (synth(503));\n    \
                     }}\n"
            );
        }
    }
    if site.landing().is_some() {
        let _ = write!(
            s,
            "    # Landing mode: the home answers 302 (never 301: browsers keep it) to the landing page.\n    \
                 if (req.http.{MODE_HEADER} == \"landing\" && req.url ~ \"^/(\\?.*)?$\") {{\n        \
                     set req.http.{PAGE_HEADER} = \"redirect\";\n        \
                     return (synth(302, \"Found\"));\n    \
                 }}\n"
        );
    } else {
        s.push_str("    # Landing mode: the site has no landing page, nothing changes.\n");
    }
    let _ = writeln!(s, "    unset req.http.{MODE_HEADER};");
    s.push_str("    # planb's pages at their own URL, with their own status.\n");
    for page in &site.pages {
        let _ = write!(
            s,
            "    if (req.url ~ \"{regex}\") {{\n        \
                 set req.http.{PAGE_HEADER} = \"{url}\";\n        \
                 return (synth({status}, \"{reason}\"));\n    \
             }}\n",
            regex = url_regex(&page.url),
            url = page.url,
            status = page.status,
            reason = reason(page.status),
        );
    }
    s.push_str("}\n");

    s.push_str("\nsub vcl_synth {\n");
    if let Some(landing) = site.landing() {
        let _ = write!(
            s,
            "    if (req.http.{PAGE_HEADER} == \"redirect\") {{\n        \
                 set resp.http.Location = \"{}\";\n        \
                 set resp.body = \"\";\n        \
                 return (deliver);\n    \
             }}\n",
            landing.url
        );
    }
    for page in &site.pages {
        let _ = writeln!(s, "    if (req.http.{PAGE_HEADER} == \"{}\") {{", page.url);
        set_headers(&mut s, "resp", page, "        ");
        let _ = write!(
            s,
            "        set resp.body = std.fileread(\"{}\");\n        \
                 return (deliver);\n    \
             }}\n",
            path_of(site, page)
        );
    }
    s.push_str("}\n");

    let errors = site.error_pages();
    let statuses: Vec<String> = errors
        .iter()
        .map(|p| format!("beresp.status == {}", p.status))
        .collect();
    s.push_str(
        "\n# An error status answered by the upstream becomes an error here, which drops every\n\
         # upstream header; vcl_backend_error then builds planb's page with the same status.\n\
         sub vcl_backend_response {\n",
    );
    if !statuses.is_empty() {
        let _ = write!(
            s,
            "    if ({}) {{\n        \
                 return (error(beresp.status));\n    \
             }}\n",
            statuses.join("\n        || ")
        );
    }
    s.push_str("}\n");

    s.push_str(
        "\n# Also runs when the fetch fails (upstream down, refusing or timing out): status 503.\n\
         # ttl and grace come from the page's cache policy (see README.md).\n\
         sub vcl_backend_error {\n",
    );
    for page in &errors {
        let _ = writeln!(s, "    if (beresp.status == {}) {{", page.status);
        let _ = writeln!(
            s,
            "        set beresp.reason = \"{}\";",
            reason(page.status)
        );
        set_headers(&mut s, "beresp", page, "        ");
        let _ = writeln!(
            s,
            "        set beresp.body = std.fileread(\"{}\");",
            path_of(site, page)
        );
        let policy = page.policy;
        let ttl = policy.edge_ttl();
        let grace = if policy.no_store {
            0
        } else {
            policy
                .stale_while_revalidate
                .unwrap_or(0)
                .max(policy.stale_if_error.unwrap_or(0))
        };
        let _ = writeln!(s, "        set beresp.ttl = {};", duration(ttl));
        let _ = writeln!(s, "        set beresp.grace = {};", duration(grace));
        let _ = writeln!(s, "        set beresp.keep = 0s;");
        if ttl == 0 {
            let _ = writeln!(s, "        set beresp.uncacheable = true;");
        }
        s.push_str("        return (deliver);\n    }\n");
    }
    s.push_str("}\n");
    s
}

/// The complete example: the upstream as the backend, with `edge.timeout`, and planb.
fn example(site: &EdgeSite) -> String {
    let (host, port) = site
        .edge
        .upstream
        .rsplit_once(':')
        .unwrap_or((site.edge.upstream.as_str(), "80"));
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let timeout = duration(site.edge.timeout);
    format!(
        "# planb: a complete Varnish configuration (VCL 4.1) that proxies to {upstream} and answers\n\
         # errors with planb's pages. Varnish takes the address to listen on from the command line:\n\
         #   varnishd -F -a {listen} -f \"$PWD/default.vcl\" -s malloc,256m\n\
         # Check: varnishd -C -f \"$PWD/default.vcl\" > /dev/null\n\
         vcl 4.1;\n\
         \n\
         backend default {{\n    \
             .host = \"{host}\";\n    \
             .port = \"{port}\";\n    \
             # edge.timeout: past it the fetch fails and Varnish answers 503 with planb's page.\n    \
             .connect_timeout = {timeout};\n    \
             .first_byte_timeout = {timeout};\n    \
             .between_bytes_timeout = {timeout};\n\
         }}\n\
         \n\
         include \"./planb.vcl\";\n",
        upstream = site.edge.upstream,
        listen = site.edge.listen,
    )
}

fn readme(site: &EdgeSite) -> String {
    let statuses: Vec<String> = site
        .error_pages()
        .iter()
        .map(|p| p.status.to_string())
        .collect();
    let overflow = site
        .overflow()
        .map(|p| format!("the overflow page `{}` (503)", p.url))
        .unwrap_or_else(|| "Varnish's own 503 (the site has no overflow page)".to_owned());
    let landing = site
        .landing()
        .map(|p| format!("`302` to `{}`", p.url))
        .unwrap_or_else(|| "nothing more (the site has no landing page)".to_owned());
    let served_503 = if site.error_page(503).is_some() {
        "planb's 503 page"
    } else {
        "Varnish's own 503 page (the site has no 503 page)"
    };
    let mut s = format!(
        "# planb for Varnish\n\n\
         For Varnish 7 (VCL 4.1; tested with Debian's 7.1). The pages are read from `{root}` with\n\
         `std.fileread` and answered with exactly their headers (those of `manifest.json`) and none\n\
         of the upstream's.\n\n\
         ## Files\n\n\
         | file | what it is |\n\
         | --- | --- |\n\
         | `default.vcl` | a complete example: the backend `{upstream}` with `edge.timeout` ({timeout} s), and planb |\n\
         | `planb.vcl` | what to include in your own VCL |\n\
         | `planb-mode.vcl` | the current mode: the subroutine `planb_mode` |\n\
         | `mode-normal.vcl`, `mode-landing.vcl`, `mode-overflow.vcl` | one per mode, to copy over `planb-mode.vcl` |\n\n\
         ## What it does\n\n\
         - An error status answered by the upstream ({statuses}) becomes planb's page for that status,\n  \
           with the same status (`return (error(beresp.status))` in `vcl_backend_response`, the page in\n  \
           `vcl_backend_error`). Other statuses pass through untouched.\n\
         - The upstream down, refusing connections or not answering within {timeout} s (the backend's\n  \
           `.connect_timeout`, `.first_byte_timeout`, `.between_bytes_timeout`): Varnish's fetch fails\n  \
           and it answers **503**, with {served_503}. Varnish does not tell a timeout from a refused\n  \
           connection: there is no 504 of its own.\n\
         - Each page is also answered at its own URL with its own status (the landing page with 200,\n  \
           an error page with its status, the overflow page with 503), from `vcl_recv`, without\n  \
           the upstream. The top-level `/404.html` copy is for static hosts; Varnish does not serve it.\n\
         - Modes: `normal` (the above), `landing` (the home `/` answers {landing}; everything else as\n  \
           normal), `overflow` (every request, whatever its path, gets {overflow}, without contacting\n  \
           the upstream).\n\n",
        root = site.root,
        upstream = site.edge.upstream,
        timeout = site.edge.timeout,
        statuses = statuses.join(", "),
    );
    let _ = write!(
        s,
        "## Run the example\n\n\
         ```sh\n\
         varnishd -C -f \"$PWD/default.vcl\" > /dev/null      # check (exit status 0)\n\
         varnishd -F -a {listen} -f \"$PWD/default.vcl\" -s malloc,256m\n\
         ```\n\n\
         ## Install in your configuration\n\n\
         1. Copy this folder to the server, e.g. to `/etc/varnish/planb/`, and `{root}` (the built\n   \
            `public/`) where the configuration says (`edge.root`).\n\
         2. In your VCL (`/etc/varnish/default.vcl`), after `vcl 4.1;` and the backends and before\n   \
            your own subroutines: `include \"planb/planb.vcl\";` (relative to `vcl_path`, which is\n   \
            `/etc/varnish` first). Set your backend's `.connect_timeout`, `.first_byte_timeout` and\n   \
            `.between_bytes_timeout` as in `default.vcl`.\n\
         3. The Varnish worker (user `vcache` on Debian) must be able to read `{root}`: the VCL\n   \
            refuses to load, naming the file, when a page is missing, empty or unreadable.\n\
         4. `systemctl reload varnish` (Debian runs `/usr/share/varnish/varnishreload`).\n\n\
         ## Switch mode\n\n\
         One file copy and a VCL reload (it compiles the VCL again, with its includes, and switches to\n\
         it without dropping connections or the cache):\n\n\
         ```sh\n\
         cd /etc/varnish/planb\n\
         cp mode-overflow.vcl planb-mode.vcl && systemctl reload varnish   # overflow\n\
         cp mode-landing.vcl planb-mode.vcl && systemctl reload varnish    # landing\n\
         cp mode-normal.vcl planb-mode.vcl && systemctl reload varnish     # back to normal\n\
         ```\n\n\
         Without systemd: `/usr/share/varnish/varnishreload` (add `-n <workdir>` for a `varnishd -n`).\n\
         `planb build` writes `planb-mode.vcl` for the mode it is given (`--mode`, default `normal`).\n\n\
         ## Translated, and limits\n\n\
         - Cache policy: Varnish keeps the error pages it builds (upstream errors and failed fetches)\n  \
           for the page's `s-maxage`, else `max-age` (`beresp.ttl`; a `no-store` page is never kept),\n  \
           with `beresp.grace` = the longer of `stale-while-revalidate` and `stale-if-error`, and\n  \
           `beresp.keep` = 0 (the pages have no validators to revalidate with).\n\
         - `stale-if-error`: Varnish ignores the directive; its grace serves a stale object while it\n  \
           fetches a fresh one, which is the nearest it has, hence the grace above. The landing page\n  \
           (whose policy has `stale-if-error`) is answered by Varnish from the file, never through the\n  \
           upstream, so it never needs to be served stale; the directive is passed on in\n  \
           `Cache-Control` to browsers and any CDN in front. planb leaves the caching of your\n  \
           application's own responses as your VCL has it.\n\
         - `std.fileread` reads each page once per loaded VCL and keeps it in memory: after a rebuild,\n  \
           reload. It answers an empty body, silently, for a file it cannot read: `vcl_init` checks\n  \
           every page first (see above).\n\
         - Varnish resolves the backend's host name when it compiles the VCL: a name that does not\n  \
           resolve then fails the check and the load.\n\
         - planb uses the request headers `{MODE_HEADER}` and `{PAGE_HEADER}` between its subroutines; it\n  \
           removes any sent by the client and never sends them to the upstream.\n",
        listen = site.edge.listen,
        root = site.root,
    );
    s
}

#[cfg(test)]
mod tests {
    use super::super::test_support;
    use super::*;
    use crate::cache::Policy;
    use crate::config::edge::Edge;
    use crate::content::Kind;

    fn page(url: &str, kind: Kind, status: u16, policy: Policy) -> EdgePage {
        let page = test_support::page(url, kind, status, test_support::retry_if_503(status));
        let mut page = test_support::with_header(page, "Cache-Control", &policy.header());
        page.variants[0].body = b"<p>page".to_vec();
        EdgePage { policy, ..page }
    }

    fn site() -> EdgeSite {
        let short = Policy {
            max_age: Some(10),
            ..Policy::default()
        };
        let no_store = Policy {
            no_store: true,
            ..Policy::default()
        };
        let stale = Policy {
            max_age: Some(30),
            stale_while_revalidate: Some(60),
            stale_if_error: Some(600),
            ..Policy::default()
        };
        EdgeSite {
            edge: Edge {
                upstream: "[::1]:3000".into(),
                listen: "127.0.0.1:8080".into(),
                timeout: 7,
                ..Edge::default()
            },
            root: "/srv/site/public".into(),
            mode: Mode::Normal,
            pages: vec![
                page("/_planb/errors/429.html", Kind::Error, 429, no_store),
                page("/_planb/errors/500.html", Kind::Error, 500, stale),
                page("/_planb/errors/503.html", Kind::Error, 503, short),
                page("/_planb/landing.html", Kind::Landing, 200, short),
                page("/_planb/overflow.html", Kind::Overflow, 503, short),
            ],
            precompressed: false,
        }
    }

    fn text(files: &[OutputFile], name: &str) -> String {
        let f = files
            .iter()
            .find(|f| f.path == format!("{DIR}/{name}"))
            .unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(f.bytes.clone()).unwrap()
    }

    /// The block of `vcl` that starts at the line `start` and ends at the first line `end`.
    fn block<'a>(vcl: &'a str, start: &str, end: &str) -> &'a str {
        let from = vcl
            .find(start)
            .unwrap_or_else(|| panic!("no {start} in\n{vcl}"));
        let len = vcl[from..].find(end).unwrap() + end.len();
        &vcl[from..from + len]
    }

    #[test]
    fn files_are_written_for_every_mode() {
        let files = files(&site()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "config/varnish/README.md",
                "config/varnish/default.vcl",
                "config/varnish/mode-landing.vcl",
                "config/varnish/mode-normal.vcl",
                "config/varnish/mode-overflow.vcl",
                "config/varnish/planb-mode.vcl",
                "config/varnish/planb.vcl",
            ]
        );
        assert!(
            text(&files, "mode-overflow.vcl")
                .ends_with("sub planb_mode {\n    set req.http.X-Planb-Mode = \"overflow\";\n}\n")
        );
        assert_eq!(
            text(&files, "planb-mode.vcl"),
            text(&files, "mode-normal.vcl")
        );
        let again = super::files(&site()).unwrap();
        assert!(files.iter().zip(&again).all(|(a, b)| a.bytes == b.bytes));
        let mut s = site();
        s.mode = Mode::Landing;
        assert_eq!(
            text(&super::files(&s).unwrap(), "planb-mode.vcl"),
            text(&files, "mode-landing.vcl")
        );
    }

    #[test]
    fn example_backend_and_timeouts() {
        let vcl = text(&files(&site()).unwrap(), "default.vcl");
        assert!(
            vcl.contains(".host = \"::1\";\n    .port = \"3000\";\n"),
            "{vcl}"
        );
        for t in [
            ".connect_timeout = 7s;",
            ".first_byte_timeout = 7s;",
            ".between_bytes_timeout = 7s;",
        ] {
            assert!(vcl.contains(t), "{t}");
        }
        assert!(vcl.contains("-a 127.0.0.1:8080 "));
        assert!(vcl.ends_with("include \"./planb.vcl\";\n"));
    }

    #[test]
    fn synth_pages_have_exactly_their_headers_and_file() {
        let vcl = text(&files(&site()).unwrap(), "planb.vcl");
        assert_eq!(
            block(
                &vcl,
                "    if (req.http.X-Planb-Page == \"/_planb/overflow.html\") {",
                "}\n"
            ),
            "    if (req.http.X-Planb-Page == \"/_planb/overflow.html\") {\n        \
                 set resp.http.Content-Type = \"text/html; charset=utf-8\";\n        \
                 set resp.http.Cache-Control = \"public, max-age=10\";\n        \
                 set resp.http.Content-Security-Policy = \"default-src 'none'\";\n        \
                 set resp.http.Retry-After = \"60\";\n        \
                 set resp.body = std.fileread(\"/srv/site/public/_planb/overflow.html\");\n        \
                 return (deliver);\n    \
             }\n"
        );
        assert!(vcl.contains(
            "    if (req.url ~ \"^/_planb/landing\\.html(\\?.*)?$\") {\n        \
                 set req.http.X-Planb-Page = \"/_planb/landing.html\";\n        \
                 return (synth(200, \"OK\"));\n"
        ));
        assert!(vcl.contains(
            "    if (req.http.X-Planb-Mode == \"overflow\") {\n        \
                 set req.http.X-Planb-Page = \"/_planb/overflow.html\";\n        \
                 return (synth(503, \"Service Unavailable\"));\n"
        ));
        assert!(vcl.contains(
            "if (!std.fileread(\"/srv/site/public/_planb/errors/429.html\") || std.fileread(\"/srv/site/public/_planb/errors/429.html\") == \"\") {\n        \
             return (fail(\"planb: cannot read /srv/site/public/_planb/errors/429.html"
        ));
    }

    #[test]
    fn backend_errors_follow_the_cache_policy() {
        let vcl = text(&files(&site()).unwrap(), "planb.vcl");
        assert!(vcl.contains(
            "    if (beresp.status == 429\n        || beresp.status == 500\n        || beresp.status == 503) {\n        \
                 return (error(beresp.status));\n"
        ));
        let e500 = block(&vcl, "    if (beresp.status == 500) {", "    }\n");
        assert!(e500.contains("set beresp.reason = \"Internal Server Error\";"));
        assert!(e500.contains(
            "set beresp.http.Cache-Control = \"public, max-age=30, stale-while-revalidate=60, stale-if-error=600\";"
        ));
        assert!(e500.contains("set beresp.ttl = 30s;\n        set beresp.grace = 600s;\n        set beresp.keep = 0s;\n"));
        assert!(!e500.contains("uncacheable"));
        let e429 = block(&vcl, "    if (beresp.status == 429) {", "    }\n");
        assert!(e429.contains("set beresp.ttl = 0s;\n        set beresp.grace = 0s;"));
        assert!(e429.contains("set beresp.uncacheable = true;"));
        let e503 = block(&vcl, "    if (beresp.status == 503) {", "    }\n");
        assert!(e503.contains("set beresp.http.Retry-After = \"60\";"));
        assert!(e503.contains("std.fileread(\"/srv/site/public/_planb/errors/503.html\")"));
    }

    #[test]
    fn without_overflow_or_landing_pages() {
        let mut s = site();
        s.pages.retain(|p| p.kind == Kind::Error);
        let vcl = text(&files(&s).unwrap(), "planb.vcl");
        assert!(vcl.contains(
            "if (req.http.X-Planb-Mode == \"overflow\") {\n        return (synth(503));\n"
        ));
        assert!(!vcl.contains("\"redirect\""));
    }

    #[test]
    fn refuses_what_would_break_a_vcl_string() {
        let mut s = site();
        s.pages[0].variants[0]
            .headers
            .push(("X-Bad".into(), "a\"; return (pass); \"".into()));
        let problems = files(&s).unwrap_err();
        assert!(problems[0].message.contains("planb bug"), "{problems:?}");
    }
}
