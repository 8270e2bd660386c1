//! HAProxy (2.4 or later; tested with Debian's 2.6): every page becomes a raw HTTP response file
//! (`errors/*.http`: status line, headers, blank line, body, CRLF line ends, exact
//! Content-Length) that HAProxy loads at start and answers from memory:
//! - `errorfile` for the errors HAProxy produces itself (503 when no server can be reached, 504
//!   when the server times out, …);
//! - `http-response return errorfile … if { status N }` for an error status the server answered;
//! - `http-request return errorfile …` for the pages at their own URL and for overflow mode.
//!
//! The mode is the value of the key `mode` in `planb-mode.map`, read at every (re)load: switching
//! is one file copy and a reload.
//!
//! HAProxy keeps each errorfile in one buffer (`tune.bufsize`, 16,384 bytes) that must keep
//! `tune.maxrewrite` (1,024 bytes) free: a page whose response does not fit fails the build.

use std::fmt::Write as _;

use std::path::Path;
use std::process::Command;

use super::{EdgePage, EdgeSite, Mode, ModeFiles, Target, Targets, Validator, Variant};
use crate::content::Kind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

const DIR: &str = "config/haproxy";

/// HAProxy's default `tune.bufsize`.
pub const BUFSIZE: usize = 16_384;
/// HAProxy's default `tune.maxrewrite`: the part of the buffer kept free to rewrite headers.
pub const MAXREWRITE: usize = 1_024;
/// The most an errorfile may take in HAProxy's internal representation (HTX): the buffer, less
/// `tune.maxrewrite`, less HAProxy's own bookkeeping (`struct htx`, 48 bytes, and the slot of
/// one more block, 8 bytes). Past it HAProxy warns at start that the file "runs over the buffer
/// space reserved to headers rewriting" (and truncates a file larger than the buffer).
pub const ERRORFILE_ROOM: usize = BUFSIZE - MAXREWRITE - 48 - 8;

/// The statuses HAProxy can produce itself, the only ones `errorfile` accepts.
const OWN_STATUSES: [u16; 16] = [
    400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504,
];

/// The file (under `config/haproxy/`) holding the map the mode is read from.
const MODE_MAP: &str = "planb-mode.map";

pub struct Haproxy;

const MODES: ModeFiles = ModeFiles {
    active: MODE_MAP,
    each: |m| format!("mode-{}.map", m.name()),
};

impl Target for Haproxy {
    fn name(&self) -> &'static str {
        "haproxy"
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["haproxy"],
            command: "haproxy -c",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, _work: &Path) -> Command {
    let mut c = Command::new(program);
    c.arg("-c").arg("-f").arg(config.join("haproxy.cfg"));
    c
}

/// The variant HAProxy serves for `page`: it negotiates nothing yet.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = Vec::new();
    let mut replies: Vec<(&EdgePage, String)> = Vec::new();
    for page in &site.pages {
        let name = reply_name(site, page);
        if let Some((other, _)) = replies.iter().find(|(_, n)| *n == name) {
            problems.push(Diagnostic::new(
                format!("{DIR}/{name}"),
                format!(
                    "planb bug: {} and {} would both be written to {DIR}/{name}",
                    other.url, page.url
                ),
            ));
            continue;
        }
        if let Some(d) = unsafe_text(site, page) {
            problems.push(d);
            continue;
        }
        if let Some(d) = size_problem(page, &name) {
            problems.push(d);
        }
        replies.push((page, name));
    }
    for (what, value) in [
        ("edge.listen", &site.edge.listen),
        ("edge.upstream", &site.edge.upstream),
        ("edge.prefix", &site.edge.prefix),
    ] {
        if !is_word(value) {
            problems.push(Diagnostic::new(
                crate::config::FILE_NAME,
                format!("planb bug: `{what}` cannot be written into an HAProxy configuration"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let snippet = snippet(site, &replies);
    let mut out = vec![
        file("README.md", readme(site, &replies)),
        file("haproxy.cfg", example(site, &snippet)),
        file("planb-frontend.snippet", snippet),
        file(MODE_MAP, mode_map(site.mode)),
    ];
    for mode in Mode::ALL {
        out.push(file(&format!("mode-{}.map", mode.name()), mode_map(mode)));
    }
    for (page, name) in &replies {
        out.push(OutputFile {
            path: format!("{DIR}/{name}"),
            bytes: raw_response(page),
        });
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

/// The page's response file, relative to `config/haproxy/`: `errors/503.http` for an error page,
/// `errors/landing.http` for `/_planb/landing.html`.
fn reply_name(site: &EdgeSite, page: &EdgePage) -> String {
    if page.kind == Kind::Error {
        return format!("errors/{}.http", page.status);
    }
    let path = page
        .url
        .strip_prefix(&site.edge.prefix)
        .unwrap_or(&page.url);
    let path = path.trim_start_matches('/');
    let stem = path.strip_suffix(".html").unwrap_or(path);
    format!("errors/{}.http", stem.replace('/', "-"))
}

/// The reason phrase of the status line.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        s => crate::statuses::reason(s).unwrap_or("Error"),
    }
}

/// The complete raw HTTP response HAProxy sends for `page`: status line, the manifest's headers,
/// Content-Length, blank line, body; CRLF line ends.
pub fn raw_response(page: &EdgePage) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", page.status, reason(page.status));
    for (name, value) in &variant(page).headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", variant(page).body.len());
    let mut raw = head.into_bytes();
    raw.extend_from_slice(&variant(page).body);
    raw
}

/// How many bytes HAProxy's internal representation (HTX) of `page`'s response takes, as
/// HAProxy 2.6 counts them: the start line (a 20-byte header, version, code, reason), each header's
/// name and value, 1 byte for the end of headers, the body, and 8 bytes per block (start line,
/// one per header, end of headers, body).
pub fn htx_size(page: &EdgePage) -> usize {
    let length = variant(page).body.len().to_string();
    let start_line = 20 + "HTTP/1.1".len() + 3 + reason(page.status).len();
    let headers: usize = variant(page)
        .headers
        .iter()
        .map(|(n, v)| n.len() + v.len())
        .sum::<usize>()
        + "Content-Length".len()
        + length.len();
    let blocks =
        1 + variant(page).headers.len() + 1 + 1 + usize::from(!variant(page).body.is_empty());
    start_line + headers + 1 + variant(page).body.len() + 8 * blocks
}

/// The largest raw response HAProxy takes with this page's status line and headers.
pub fn raw_limit(page: &EdgePage) -> usize {
    let raw = raw_response(page).len();
    (raw + ERRORFILE_ROOM).saturating_sub(htx_size(page))
}

/// The build error when `page`'s response would not fit HAProxy's buffer.
fn size_problem(page: &EdgePage, name: &str) -> Option<Diagnostic> {
    if htx_size(page) <= ERRORFILE_ROOM {
        return None;
    }
    let raw = raw_response(page).len();
    let limit = raw_limit(page);
    Some(
        Diagnostic::new(
            &page.source,
            format!(
                "the page {} is too big for HAProxy: its response ({name}) is {raw} bytes, and HAProxy serves at most {limit} bytes from an errorfile with these headers (tune.bufsize {BUFSIZE} less tune.maxrewrite {MAXREWRITE} and HAProxy's own bookkeeping)",
                page.url
            ),
        )
        .help(format!(
            "make the page at least {} bytes lighter before compression (images and fonts weigh most), or take \"haproxy\" out of `edge.targets`",
            raw - limit
        )),
    )
}

/// A header that could break the raw response, or a URL that could break the configuration:
/// never produced by planb, refused all the same.
fn unsafe_text(site: &EdgeSite, page: &EdgePage) -> Option<Diagnostic> {
    let bad_header = variant(page).headers.iter().find(|(n, v)| {
        n.is_empty()
            || !n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            || v.bytes().any(|b| b.is_ascii_control())
    });
    if let Some((name, _)) = bad_header {
        return Some(Diagnostic::new(
            &variant(page).file,
            format!(
                "planb bug: the header `{}` of {} cannot be written into an HAProxy errorfile",
                name.escape_debug(),
                page.url
            ),
        ));
    }
    if !is_word(&page.url) || !is_word(&reply_name(site, page)) {
        return Some(Diagnostic::new(
            &variant(page).file,
            format!(
                "planb bug: the URL {} cannot be written into an HAProxy configuration",
                page.url.escape_debug()
            ),
        ));
    }
    None
}

/// Text HAProxy reads as one plain word: no space, quote, `#`, `$`, `\` or control character.
fn is_word(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-:[]".contains(c))
}

/// `planb-mode.map` (and its three templates `mode-*.map`).
fn mode_map(mode: Mode) -> String {
    format!(
        "# planb mode for HAProxy: normal, landing or overflow. To switch, copy mode-<mode>.map\n\
         # over planb-mode.map and reload HAProxy (see README.md).\n\
         mode {}\n",
        mode.name()
    )
}

/// The lines to paste into a `frontend` (or `listen`) section. Paths are relative to the folder
/// of this file (see `default-path` in the README).
fn snippet(site: &EdgeSite, replies: &[(&EdgePage, String)]) -> String {
    let name_of = |page: &EdgePage| {
        replies
            .iter()
            .find(|(p, _)| p.url == page.url)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let mut s = String::from(
        "# planb: paste these lines into your frontend (or listen) section, before its\n\
         # use_backend/default_backend lines. Relative paths are relative to the folder of this\n\
         # file: see README.md.\n",
    );
    let _ = writeln!(
        s,
        "\n# The mode (normal, landing or overflow): the value of `mode` in {MODE_MAP}, read at\n\
         # every (re)load.\n\
         http-request set-var(txn.planb_mode) str(mode),map({MODE_MAP},normal)"
    );
    let _ = writeln!(
        s,
        "\n# Overflow mode: every request gets the overflow page (503), without contacting the upstream."
    );
    match site.overflow() {
        Some(page) => {
            let _ = writeln!(
                s,
                "http-request return errorfile {} if {{ var(txn.planb_mode) -m str overflow }}",
                name_of(page)
            );
        }
        None => {
            let _ = writeln!(
                s,
                "# (the site has no overflow page: HAProxy's 503 answers)\n\
                 http-request return status 503 default-errorfiles if {{ var(txn.planb_mode) -m str overflow }}"
            );
        }
    }
    let _ = writeln!(
        s,
        "\n# Landing mode: the home answers 302 (never 301: browsers keep it) to the landing page."
    );
    match site.landing() {
        Some(page) => {
            let _ = writeln!(
                s,
                "http-request redirect location {} code 302 if {{ var(txn.planb_mode) -m str landing }} {{ path / }}",
                page.url
            );
        }
        None => {
            let _ = writeln!(
                s,
                "# (the site has no landing page: landing mode changes nothing)"
            );
        }
    }
    let _ = writeln!(
        s,
        "\n# planb's pages at their own URL, with their own status."
    );
    for (page, name) in replies {
        let _ = writeln!(
            s,
            "http-request return errorfile {name} if {{ path {} }}",
            page.url
        );
    }
    let errors = site.error_pages();
    let _ = writeln!(
        s,
        "\n# An error status answered by the upstream: planb's page, same status, none of the\n\
         # upstream's headers."
    );
    for page in &errors {
        let _ = writeln!(
            s,
            "http-response return errorfile {} if {{ status {} }}",
            name_of(page),
            page.status
        );
    }
    let _ = writeln!(
        s,
        "\n# Errors HAProxy answers itself: 503 when no server can be reached (down, refused,\n\
         # connect timeout), 504 when the server does not answer within `timeout server`, ..."
    );
    for page in errors.iter().filter(|p| OWN_STATUSES.contains(&p.status)) {
        let _ = writeln!(s, "errorfile {} {}", page.status, name_of(page));
    }
    s
}

/// The complete example: HAProxy listening on `edge.listen`, proxying to `edge.upstream`.
fn example(site: &EdgeSite, snippet: &str) -> String {
    let timeout = site.edge.timeout;
    let mut s = format!(
        "# planb: a complete HAProxy configuration (HAProxy 2.4 or later) that listens on\n\
         # {listen}, proxies to {upstream} and answers errors with planb's pages.\n\
         # Check: haproxy -c -f haproxy.cfg    Run: haproxy -W -db -f haproxy.cfg\n\
         \n\
         global\n    \
             # Relative paths (errors/*.http, {MODE_MAP}) are relative to this file's folder.\n    \
             default-path config\n\
         \n\
         defaults\n    \
             mode http\n    \
             timeout client 30s\n    \
             timeout http-request 10s\n    \
             # edge.timeout: past it HAProxy answers 503 (connect) or 504 (response).\n    \
             timeout connect {timeout}s\n    \
             timeout server {timeout}s\n\
         \n\
         frontend planb\n    \
             bind {listen}\n",
        listen = site.edge.listen,
        upstream = site.edge.upstream,
    );
    s.push_str("\n    # ---- planb-frontend.snippet ----\n");
    for line in snippet.lines() {
        if line.is_empty() {
            s.push('\n');
        } else {
            let _ = writeln!(s, "    {line}");
        }
    }
    let _ = write!(
        s,
        "    # ---- end of planb-frontend.snippet ----\n\
         \n    \
             default_backend app\n\
         \n\
         backend app\n    \
             # init-addr: start even when the name does not resolve yet (the server is then down: 503).\n    \
             server app {upstream} init-addr libc,none\n",
        upstream = site.edge.upstream
    );
    s
}

fn readme(site: &EdgeSite, replies: &[(&EdgePage, String)]) -> String {
    let mut s = String::from("# planb for HAProxy\n\n");
    s.push_str(
        "For HAProxy 2.4 or later (tested with 2.6). Each planb page is a complete raw HTTP response\n\
         (`errors/*.http`) that HAProxy loads at start and serves from memory, with exactly the\n\
         page's headers (those of `manifest.json`) and none of the upstream's.\n\n\
         ## Files\n\n\
         | file | what it is |\n\
         | --- | --- |\n\
         | `haproxy.cfg` | a complete example: listens on ",
    );
    let _ = writeln!(
        s,
        "`{}`, proxies to `{}`, uses the snippet |",
        site.edge.listen, site.edge.upstream
    );
    s.push_str(
        "| `planb-frontend.snippet` | the lines to paste into your own `frontend` (or `listen`) section |\n\
         | `planb-mode.map` | the current mode (`mode normal`, `mode landing` or `mode overflow`) |\n\
         | `mode-normal.map`, `mode-landing.map`, `mode-overflow.map` | one per mode, to copy over `planb-mode.map` |\n",
    );
    for (page, name) in replies {
        let _ = writeln!(
            s,
            "| `{name}` | {} ({}, status {}) |",
            page.url,
            page.kind.name(),
            page.status
        );
    }
    let overflow = site
        .overflow()
        .map(|p| format!("the overflow page `{}`", p.url))
        .unwrap_or_else(|| "HAProxy's 503 (the site has no overflow page)".to_owned());
    let landing = site
        .landing()
        .map(|p| format!("`302` to `{}`", p.url))
        .unwrap_or_else(|| "nothing more (the site has no landing page)".to_owned());
    let statuses: Vec<String> = site
        .error_pages()
        .iter()
        .map(|p| p.status.to_string())
        .collect();
    let _ = write!(
        s,
        "\n## What it does\n\n\
         - An error status answered by the upstream ({statuses}) is replaced by planb's page for that\n  \
           status, with the same status (`http-response return errorfile … if {{ status N }}`).\n\
         - Errors HAProxy answers itself use the same pages (`errorfile`): the upstream down or\n  \
           refusing connections gives **503** (after HAProxy's connection retries), the upstream not\n  \
           answering within {timeout} s (`edge.timeout`, `timeout server`) gives **504**.\n\
         - Other statuses pass through untouched.\n\
         - Each page is also served at its own URL with its own status (the landing page with 200,\n  \
           an error page with its status, the overflow page with 503). The top-level `/404.html`\n  \
           copy is for static hosts; HAProxy does not serve it.\n\
         - Modes: `normal` (the above), `landing` (the home `/` answers {landing}; everything else as\n  \
           normal), `overflow` (every request, whatever its path, gets {overflow}, without\n  \
           contacting the upstream).\n\n",
        statuses = statuses.join(", "),
        timeout = site.edge.timeout,
    );
    let _ = write!(
        s,
        "## Install the snippet in your configuration\n\n\
         1. Copy this folder to the server, e.g. to `/etc/haproxy/planb/`.\n\
         2. The snippet's paths (`errors/*.http`, `{MODE_MAP}`) are relative to that folder: in the\n   \
            `global` section, add `default-path origin /etc/haproxy/planb` (it changes how every\n   \
            relative path of the configuration is read; Debian's stock configuration uses absolute\n   \
            paths only), or rewrite them as absolute paths.\n\
         3. Paste `planb-frontend.snippet` into your `frontend` section, before its\n   \
            `use_backend`/`default_backend` lines. If a backend has its own `errorfile` lines for\n   \
            the same statuses, those win for the errors HAProxy produces for that backend.\n\
         4. `haproxy -c -f /etc/haproxy/haproxy.cfg`, then `systemctl reload haproxy`.\n\n\
         To try the example as it is: `haproxy -c -f haproxy.cfg`, then `haproxy -W -db -f haproxy.cfg`\n\
         (foreground, master-worker: `kill -USR2 <its pid>` reloads it).\n\n\
         ## Switch mode\n\n\
         One file copy and a reload (HAProxy reads `{MODE_MAP}` at every start and reload; a reload\n\
         keeps established connections):\n\n\
         ```sh\n\
         cd /etc/haproxy/planb\n\
         cp mode-overflow.map {MODE_MAP} && systemctl reload haproxy   # overflow\n\
         cp mode-landing.map {MODE_MAP} && systemctl reload haproxy    # landing\n\
         cp mode-normal.map {MODE_MAP} && systemctl reload haproxy     # back to normal\n\
         ```\n\n\
         With the example run by hand, `kill -USR2 <pid of haproxy -W>` instead of `systemctl reload`.\n\
         `planb build` writes `{MODE_MAP}` for the mode it is given (`--mode`, default `normal`).\n\n\
         ## Translated, and limits\n\n\
         - HAProxy caches nothing here: the pages carry their `Cache-Control` (including\n  \
           `stale-if-error`) for browsers and any CDN in front.\n\
         - Each page's response must fit HAProxy's buffer: `tune.bufsize` ({BUFSIZE}) less\n  \
           `tune.maxrewrite` ({MAXREWRITE}) less HAProxy's bookkeeping: about 15,200 bytes of status line,\n  \
           headers and body, the exact figure depending on the headers. `planb build` fails, naming the page, when one does not fit.\n\
         - HAProxy reads the `.http` files at start and reload only: after a rebuild, copy them and\n  \
           reload.\n\
         - `errorfile` exists only for the statuses HAProxy produces itself ({own}); the\n  \
           other statuses are covered by `http-response return` alone.\n",
        own = OWN_STATUSES
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    );
    s
}

#[cfg(test)]
mod tests {
    use super::super::test_support;
    use super::*;
    use crate::config::edge::Edge;

    fn page(url: &str, kind: Kind, status: u16, body: &str) -> EdgePage {
        let mut page = test_support::page(url, kind, status, test_support::retry_if_503(status));
        page.variants[0].body = body.as_bytes().to_vec();
        page
    }

    fn site() -> EdgeSite {
        EdgeSite {
            edge: Edge {
                upstream: "127.0.0.1:3000".into(),
                listen: "127.0.0.1:8080".into(),
                timeout: 7,
                ..Edge::default()
            },
            root: "/srv/site/public".into(),
            mode: Mode::Normal,
            pages: vec![
                page("/_planb/errors/404.html", Kind::Error, 404, "<p>404"),
                page("/_planb/errors/451.html", Kind::Error, 451, "<p>451"),
                page("/_planb/errors/503.html", Kind::Error, 503, "<p>503"),
                page("/_planb/landing.html", Kind::Landing, 200, "<p>landing"),
                page("/_planb/overflow.html", Kind::Overflow, 503, "<p>full"),
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

    #[test]
    fn raw_response_is_exact() {
        let p = page("/_planb/errors/503.html", Kind::Error, 503, "<p>503");
        let raw = String::from_utf8(raw_response(&p)).unwrap();
        assert_eq!(
            raw,
            "HTTP/1.1 503 Service Unavailable\r\n\
             Content-Type: text/html; charset=utf-8\r\n\
             Cache-Control: public, max-age=10\r\n\
             Content-Security-Policy: default-src 'none'\r\n\
             Retry-After: 60\r\n\
             Content-Length: 6\r\n\r\n<p>503"
        );
        let landing = page("/_planb/landing.html", Kind::Landing, 200, "x");
        assert!(raw_response(&landing).starts_with(b"HTTP/1.1 200 OK\r\n"));
    }

    #[test]
    fn files_and_names() {
        let files = files(&site()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "config/haproxy/README.md",
                "config/haproxy/errors/404.http",
                "config/haproxy/errors/451.http",
                "config/haproxy/errors/503.http",
                "config/haproxy/errors/landing.http",
                "config/haproxy/errors/overflow.http",
                "config/haproxy/haproxy.cfg",
                "config/haproxy/mode-landing.map",
                "config/haproxy/mode-normal.map",
                "config/haproxy/mode-overflow.map",
                "config/haproxy/planb-frontend.snippet",
                "config/haproxy/planb-mode.map",
            ]
        );
        assert!(text(&files, "planb-mode.map").ends_with("\nmode normal\n"));
        assert!(text(&files, "mode-overflow.map").ends_with("\nmode overflow\n"));
        let again = super::files(&site()).unwrap();
        assert!(files.iter().zip(&again).all(|(a, b)| a.bytes == b.bytes));
    }

    #[test]
    fn mode_map_follows_the_build_mode() {
        let mut s = site();
        s.mode = Mode::Overflow;
        assert!(text(&files(&s).unwrap(), "planb-mode.map").ends_with("\nmode overflow\n"));
    }

    #[test]
    fn snippet_rules() {
        let files = files(&site()).unwrap();
        let s = text(&files, "planb-frontend.snippet");
        let lines: Vec<&str> = s
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "http-request set-var(txn.planb_mode) str(mode),map(planb-mode.map,normal)",
                "http-request return errorfile errors/overflow.http if { var(txn.planb_mode) -m str overflow }",
                "http-request redirect location /_planb/landing.html code 302 if { var(txn.planb_mode) -m str landing } { path / }",
                "http-request return errorfile errors/404.http if { path /_planb/errors/404.html }",
                "http-request return errorfile errors/451.http if { path /_planb/errors/451.html }",
                "http-request return errorfile errors/503.http if { path /_planb/errors/503.html }",
                "http-request return errorfile errors/landing.http if { path /_planb/landing.html }",
                "http-request return errorfile errors/overflow.http if { path /_planb/overflow.html }",
                "http-response return errorfile errors/404.http if { status 404 }",
                "http-response return errorfile errors/451.http if { status 451 }",
                "http-response return errorfile errors/503.http if { status 503 }",
                // 451 is no status HAProxy produces: `errorfile 451` would be refused.
                "errorfile 404 errors/404.http",
                "errorfile 503 errors/503.http",
            ]
        );
        let cfg = text(&files, "haproxy.cfg");
        for line in s.lines().filter(|l| !l.is_empty()) {
            assert!(cfg.contains(&format!("    {line}\n")), "{line}");
        }
        assert!(cfg.contains("bind 127.0.0.1:8080\n"));
        assert!(cfg.contains("server app 127.0.0.1:3000 "));
        assert!(cfg.contains("timeout server 7s\n") && cfg.contains("timeout connect 7s\n"));
        assert!(cfg.contains("default-path config\n"));
    }

    #[test]
    fn without_overflow_or_landing_pages() {
        let mut s = site();
        s.pages.retain(|p| p.kind == Kind::Error);
        let files = files(&s).unwrap();
        let snippet = text(&files, "planb-frontend.snippet");
        assert!(snippet.contains(
            "http-request return status 503 default-errorfiles if { var(txn.planb_mode) -m str overflow }"
        ));
        assert!(!snippet.contains("redirect"));
    }

    #[test]
    fn htx_size_matches_haproxy() {
        // Measured with HAProxy 2.6: this 6-header response warns at start from 15,242 raw
        // bytes on, not at 15,241 (tests/edge_haproxy.rs checks the limit against the program).
        let mut p = page("/_planb/errors/503.html", Kind::Error, 503, "");
        p.variants[0].headers = vec![
            ("Cache-Control".into(), "public, max-age=10".into()),
            (
                "Content-Security-Policy".into(),
                "default-src 'none'".into(),
            ),
            ("Content-Type".into(), "text/html; charset=utf-8".into()),
            (
                "Referrer-Policy".into(),
                "strict-origin-when-cross-origin".into(),
            ),
            ("X-Content-Type-Options".into(), "nosniff".into()),
        ];
        p.variants[0].body = vec![b'x'; 14_000];
        let fill = raw_limit(&p) - raw_response(&p).len();
        p.variants[0].body = vec![b'x'; 14_000 + fill];
        assert_eq!(raw_response(&p).len(), 15_241);
        assert_eq!(htx_size(&p), ERRORFILE_ROOM);
        assert!(size_problem(&p, "errors/503.http").is_none());
        p.variants[0].body.push(b'x');
        assert!(size_problem(&p, "errors/503.http").is_some());
    }

    #[test]
    fn a_page_too_big_fails_the_build_with_the_sizes() {
        let mut s = site();
        s.pages[4].variants[0].body = vec![b'x'; 20_000];
        let problems = files(&s).unwrap_err();
        assert_eq!(problems.len(), 1);
        let d = &problems[0];
        assert_eq!(d.file.display().to_string(), "content/test.md");
        assert!(
            d.message.starts_with(
                "the page /_planb/overflow.html is too big for HAProxy: its response (errors/overflow.http) is 20"
            ),
            "{}",
            d.message
        );
        assert!(
            d.message
                .contains("tune.bufsize 16384 less tune.maxrewrite 1024")
        );
        let raw = raw_response(&s.pages[4]).len();
        let over = raw - raw_limit(&s.pages[4]);
        assert!(d.message.contains(&format!("is {raw} bytes")));
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains(&format!("at least {over} bytes lighter"))
        );
    }

    #[test]
    fn refuses_what_would_break_the_files() {
        let mut s = site();
        s.pages[0].variants[0]
            .headers
            .push(("X-Bad".into(), "a\r\nSet-Cookie: x".into()));
        let problems = files(&s).unwrap_err();
        assert!(problems[0].message.contains("planb bug"), "{problems:?}");
    }
}
