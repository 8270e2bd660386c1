//! Apache httpd 2.4: a snippet to include in the `<VirtualHost>` that proxies to the application,
//! one file per mode, and a complete, standalone example configuration.
//!
//! The traps this avoids (each proved against the real httpd by `tests/edge_apache.rs`):
//! - `ErrorDocument 503 /page` with a local path keeps the status; a full URL would turn it into a
//!   redirect and lose it. planb always writes the local path.
//! - Statuses answered by the application reach `ErrorDocument` only with `ProxyErrorOverride On`,
//!   and that alone would replace every 4xx and 5xx (with Apache's own page where planb has
//!   none): planb lists the statuses it has pages for, so the others pass through untouched.
//! - `Header set` applies to successful responses only: the pages' headers are `Header always
//!   set`, each also removed from the success table first, so it is sent exactly once.
//! - `ProxyPass /` would also proxy the redirected error request for the page: the prefix is
//!   excluded from proxying (`ProxyPass "!"` in its `<Location>`).

use std::fmt::Write as _;

use std::path::Path;
use std::process::Command;

use super::{EdgePage, EdgeSite, Mode, ModeFiles, Target, Targets, Validator, Variant};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

const DIR: &str = "config/apache";
/// The mode file the example includes: a copy of one of `modes/*.conf`.
const MODE_FILE: &str = "planb-mode.conf";
const SNIPPET: &str = "planb.conf";
const EXAMPLE: &str = "example.conf";
/// The modules the snippet and the example need, with their file under Debian's module folder.
const MODULES: [(&str, &str); 9] = [
    ("mpm_event_module", "mod_mpm_event.so"),
    ("authz_core_module", "mod_authz_core.so"),
    ("mime_module", "mod_mime.so"),
    ("headers_module", "mod_headers.so"),
    ("alias_module", "mod_alias.so"),
    ("rewrite_module", "mod_rewrite.so"),
    ("proxy_module", "mod_proxy.so"),
    ("proxy_http_module", "mod_proxy_http.so"),
    ("deflate_module", "mod_deflate.so"),
];
const MODULE_DIR: &str = "/usr/lib/apache2/modules";

pub struct Apache;

/// The error statuses of Apache httpd 2.4's status table, the only ones `ErrorDocument` accepts
/// (proven in tests/edge_apache.rs).
pub const STATUSES: [u16; 38] = [
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421,
    422, 423, 424, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
];

const MODES: ModeFiles = ModeFiles {
    active: MODE_FILE,
    each: |m| format!("modes/{}.conf", m.name()),
};

impl Target for Apache {
    fn name(&self) -> &'static str {
        "apache"
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    fn refuses_status(&self, status: u16) -> Option<String> {
        (!STATUSES.contains(&status)).then(|| {
            format!(
                "Apache cannot serve a page for status {status}: `ErrorDocument` takes only the \
                 statuses Apache knows (400–417, 421–424, 426, 428, 429, 431, 451, 500–508, 510, 511)"
            )
        })
    }

    fn serves_precompressed(&self) -> bool {
        true
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["apache2", "httpd"],
            command: "apachectl -t",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    c.arg("-d")
        .arg(config)
        .arg("-f")
        .arg(config.join(EXAMPLE))
        .arg("-C")
        .arg(format!("Define PLANB_RUN {}", work.display()))
        .arg("-t");
    c
}

/// The variant Apache serves for `page`: it negotiates nothing yet.
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

/// Header names and values httpd cannot take as written: `${` starts a configuration variable,
/// a backslash may escape the closing quote, and control characters have no place in a header.
fn check(site: &EdgeSite) -> Diagnostics {
    let mut problems = Vec::new();
    for page in &site.pages {
        for (name, value) in &variant(page).headers {
            let name_ok =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            let value_ok = !value.contains('$')
                && !value.contains('\\')
                && !value.chars().any(char::is_control);
            if !name_ok || !value_ok {
                problems.push(Diagnostic::new(
                    format!("{DIR}/{SNIPPET}"),
                    format!(
                        "Apache cannot send the header `{}` of {}: its name or value has a character httpd would interpret (`$`, a backslash, a control character)",
                        name.escape_debug(),
                        page.url
                    ),
                ));
            }
        }
    }
    problems
}

/// A double-quoted httpd argument.
fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\\\""))
}

/// A header value for mod_headers, which reads `%` as the start of a format specifier.
fn header_value(value: &str) -> String {
    quote(&value.replace('%', "%%"))
}

/// A regular expression matching exactly `path` (already `[A-Za-z0-9/._-]`).
fn exact(path: &str) -> String {
    format!("^{}$", path.replace('.', "\\."))
}

fn content_type(page: &EdgePage) -> &str {
    variant(page)
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
        .map_or("text/html; charset=utf-8", |(_, v)| v.as_str())
}

/// The directives that make a response carry exactly `page`'s headers.
fn page_headers(page: &EdgePage, indent: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{indent}ForceType {}\n\
         {indent}<IfModule mod_expires.c>\n{indent}    ExpiresActive Off\n{indent}</IfModule>\n\
         {indent}# Compressed for clients that accept gzip, error statuses included.\n\
         {indent}<IfModule mod_deflate.c>\n{indent}    SetOutputFilter DEFLATE\n{indent}</IfModule>",
        quote(content_type(page))
    );
    for (name, value) in &variant(page).headers {
        if !name.eq_ignore_ascii_case("Content-Type") {
            let _ = writeln!(
                out,
                "{indent}Header unset {name}\n{indent}Header always set {name} {}",
                header_value(value)
            );
        }
    }
    out
}

/// `ProxyErrorOverride` for exactly the statuses planb has pages for.
fn error_override(site: &EdgeSite) -> String {
    let codes: Vec<String> = site
        .error_pages()
        .iter()
        .map(|p| p.status.to_string())
        .collect();
    if codes.is_empty() {
        "# The site has no error page: the application's errors pass through.\nProxyErrorOverride Off\n".to_owned()
    } else {
        format!(
            "# Replace the application's answers with these statuses by planb's pages (ErrorDocument);\n\
             # every other status passes through untouched.\n\
             ProxyErrorOverride On {}\n",
            codes.join(" ")
        )
    }
}

fn snippet(site: &EdgeSite) -> String {
    let prefix = &site.edge.prefix;
    let dir = format!("{}{prefix}/", site.root);
    let mut out = String::new();
    out.push_str(
        "# planb snippet for Apache httpd 2.4 (generated; do not edit). Include it in the\n\
         # <VirtualHost> that proxies to your application, with the mode file, before your ProxyPass\n\
         # (see README.md):\n\
         #     Include /etc/apache2/planb/planb-mode.conf\n\
         #     Include /etc/apache2/planb/planb.conf\n\
         # Needs mod_alias, mod_headers, mod_mime, mod_proxy, mod_proxy_http, mod_rewrite (mod_deflate).\n\n",
    );
    out.push_str(&error_override(site));
    let _ = write!(
        out,
        "\n# {prefix}/ is planb's: served from the pages' folder, never proxied.\n\
         Alias {} {}\n\
         <Directory {}>\n    Require all granted\n    Options None\n    AllowOverride None\n</Directory>\n\
         <Location {}>\n    ProxyPass \"!\"\n</Location>\n",
        quote(&format!("{prefix}/")),
        quote(&dir),
        quote(&dir),
        quote(&format!("{prefix}/")),
    );
    for page in &site.pages {
        let _ = write!(
            out,
            "\n# {} page, status {} (200 when asked for directly)\n<LocationMatch {}>\n{}</LocationMatch>\n",
            page.kind.name(),
            page.status,
            quote(&exact(&page.url)),
            page_headers(page, "    ")
        );
    }
    out
}

/// The ErrorDocument lines: a local path, so the status is kept.
fn error_documents(site: &EdgeSite) -> String {
    let mut out = String::new();
    for page in site.error_pages() {
        let _ = writeln!(out, "ErrorDocument {} {}", page.status, page.url);
    }
    out
}

fn mode(site: &EdgeSite, mode: Mode) -> String {
    let mut out = format!(
        "# planb mode for Apache httpd: {} (generated; do not edit).\n\
         # Include it in the <VirtualHost> before planb.conf.\n\
         # Switch: cp modes/<mode>.conf planb-mode.conf && apachectl graceful\n\n",
        mode.name()
    );
    match mode {
        Mode::Normal => {
            out.push_str(
                "# The application answers; its errors get planb's pages, with their status.\n",
            );
            out.push_str(&error_documents(site));
        }
        Mode::Landing => {
            out.push_str(
                "# The home redirects to the landing page; everything else as in normal mode.\n",
            );
            out.push_str(&error_documents(site));
            match site.landing() {
                Some(landing) => {
                    let _ = write!(
                        out,
                        "\n# 302, never 301 (browsers keep a 301 forever), and never stored.\n\
                         <LocationMatch \"^/$\">\n    Redirect 302 {}\n    Header always set Cache-Control \"no-store\"\n</LocationMatch>\n",
                        quote(&landing.url)
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
            let page = site.overflow().or_else(|| site.error_page(503));
            if let Some(page) = page {
                let _ = writeln!(out, "ErrorDocument 503 {}", page.url);
            } else {
                out.push_str("# The site has no overflow page: Apache's own 503.\n");
            }
            out.push_str(
                "RewriteEngine On\n\
                 # Not again for the page itself (ErrorDocument redirects set REDIRECT_STATUS).\n\
                 RewriteCond %{ENV:REDIRECT_STATUS} ^$\n\
                 RewriteRule ^ - [R=503,L]\n",
            );
        }
    }
    out
}

fn example(site: &EdgeSite) -> String {
    let e = &site.edge;
    let port = e.listen.rsplit_once(':').map_or("80", |(_, p)| p);
    let mut out = format!(
        "# planb: a complete Apache httpd 2.4 configuration (generated; do not edit) that listens on\n\
         # {listen}, proxies to {upstream} and answers its errors with planb's pages.\n\
         # Includes are relative to the ServerRoot (-d, this folder); PLANB_RUN is a writable folder\n\
         # for the pid file and the logs. Run it with Debian's httpd binary:\n\
         #     mkdir -p /tmp/planb-apache\n\
         #     apache2 -d \"$PWD\" -f \"$PWD/example.conf\" -C 'Define PLANB_RUN /tmp/planb-apache' -DFOREGROUND\n\n",
        listen = e.listen,
        upstream = e.upstream,
    );
    for (name, so) in MODULES {
        let _ = writeln!(
            out,
            "LoadModule {name} {}",
            quote(&format!("{MODULE_DIR}/{so}"))
        );
    }
    let _ = write!(
        out,
        "\nServerName localhost\n\
         PidFile \"${{PLANB_RUN}}/httpd.pid\"\n\
         ErrorLog \"${{PLANB_RUN}}/error.log\"\n\
         DefaultRuntimeDir \"${{PLANB_RUN}}\"\n\
         LogLevel warn\n\
         TypesConfig /etc/mime.types\n\
         # Started as root, the children run as this user: it must be able to read the pages.\n\
         User www-data\n\
         Group www-data\n\
         Listen {qlisten}\n\
\n\
         <VirtualHost *:{port}>\n\
         \x20   Include {MODE_FILE}\n\
         \x20   Include {SNIPPET}\n\n\
         \x20   # Down (refused): 503; no answer within {t} s: 502 (httpd's status for a read\n\
         \x20   # timeout); each with planb's page. retry=0: back as soon as the application answers.\n\
         \x20   ProxyPass \"/\" {qupstream} connectiontimeout={t} timeout={t} retry=0\n\
         \x20   ProxyPassReverse \"/\" {qupstream}\n\
         \x20   ProxyPreserveHost On\n\
         </VirtualHost>\n",
        qlisten = quote(&e.listen),
        qupstream = quote(&format!("http://{}/", e.upstream)),
        t = e.timeout,
    );
    out
}

fn readme(site: &EdgeSite) -> String {
    let e = &site.edge;
    let mut out = String::new();
    out.push_str("# planb for Apache httpd 2.4\n\nGenerated by `planb build`; do not edit: the next build rewrites these files.\n\n");
    out.push_str(
        "| file | what it is |\n| --- | --- |\n\
         | `planb.conf` | the snippet: `ProxyErrorOverride` for the statuses with a page, the pages' folder (an `Alias`, never proxied), each page's headers |\n\
         | `modes/normal.conf`, `modes/landing.conf`, `modes/overflow.conf` | what each mode adds: the `ErrorDocument` lines, the home's redirect, the overflow answer |\n\
         | `planb-mode.conf` | the mode in force: a copy of `modes/normal.conf` (a rebuild writes it back to normal) |\n\
         | `example.conf` | a complete, standalone configuration using both, for a try or a test |\n\n",
    );
    let _ = write!(
        out,
        "## Install\n\n\
         Enable the modules (`a2enmod alias headers mime proxy proxy_http rewrite deflate`), copy this\n\
         folder to the server (e.g. `/etc/apache2/planb/`) and include both files in the\n\
         `<VirtualHost>` that proxies to the application, the mode file first:\n\n\
         ```apache\n\
         Include /etc/apache2/planb/planb-mode.conf\n\
         Include /etc/apache2/planb/planb.conf\n\
         ProxyPass \"/\" \"http://{upstream}/\" connectiontimeout={t} timeout={t} retry=0\n\
         ```\n\n\
         The pages are read from `{root}` (readable by the server's user). `timeout={t}` is\n\
         `edge.timeout`; `retry=0` lets the application back in as soon as it answers again. Then\n\
         `apachectl -t && apachectl graceful`.\n\n\
         Try the example (it listens on {listen} and proxies to {upstream}; it loads its modules\n\
         from `{MODULE_DIR}` and runs its children as `www-data`, as Debian does):\n\n\
         ```sh\n\
         mkdir -p /tmp/planb-apache\n\
         apache2 -d \"$PWD\" -f \"$PWD/example.conf\" -C 'Define PLANB_RUN /tmp/planb-apache' -t\n\
         apache2 -d \"$PWD\" -f \"$PWD/example.conf\" -C 'Define PLANB_RUN /tmp/planb-apache' -DFOREGROUND\n\
         ```\n\n",
        upstream = e.upstream,
        listen = e.listen,
        t = e.timeout,
        root = site.root,
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
        .map_or("every request gets Apache's own 503".to_owned(), |p| {
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
         Switch mode in the folder holding `planb-mode.conf` (here, or `/etc/apache2/planb/`):\n\n\
         ```sh\n\
         cp modes/overflow.conf planb-mode.conf && apachectl graceful   # overflow\n\
         cp modes/landing.conf planb-mode.conf && apachectl graceful    # landing\n\
         cp modes/normal.conf planb-mode.conf && apachectl graceful     # back to normal\n\
         ```\n\n\
         For the example, in place of `apachectl graceful`:\n\
         `apache2 -d \"$PWD\" -f \"$PWD/example.conf\" -C 'Define PLANB_RUN /tmp/planb-apache' -k graceful`.\n\n\
         ## Pages\n\n| status | page |\n| --- | --- |\n"
    );
    for page in site.error_pages() {
        let _ = writeln!(out, "| {} | `{}` |", page.status, page.url);
    }
    let _ = write!(
        out,
        "\nStatuses without a page pass through untouched. The application down (connection\n\
         refused) makes mod_proxy answer 503, and too slow ({t} s) 502 (httpd answers a read timeout\n\
         with 502, not 504: the 504 page is for a 504 of the application), each with its page. Every page\n\
         is also served at its own URL, with status 200 there (a check or a CDN can fetch it); other\n\
         URLs under `{prefix}/` answer 404 (with the 404 page when the site has one).\n\n\
         ## What was translated, and the limits\n\n\
         - `ProxyErrorOverride On` lists the statuses that have a page: without the list, httpd would\n\
         \x20 replace every 4xx and 5xx of the application, with its own page where planb has none.\n\
         - Each page's headers are `Header always set` (sent with error statuses too), after\n\
         \x20 `Header unset` of the same name; `Content-Type` is `ForceType`; mod_expires is turned off\n\
         \x20 for the pages. mod_headers merges every section, so a `Header` directive of\n\
         \x20 your own on the whole host (another name than the pages' headers) is added to the pages too.\n\
         - An `ErrorDocument` or `ProxyErrorOverride` in a narrower section (`<Location>`) replaces\n\
         \x20 planb's there; the snippet must come before any `ProxyPass` of the same path.\n\
         - Landing mode redirects with `Redirect 302` in `<LocationMatch \"^/$\">`: httpd sends an absolute\n\
         \x20 `Location` (scheme and host of the request). Overflow mode answers 503 with mod_rewrite\n\
         \x20 (`RewriteRule ^ - [R=503]`) and `ErrorDocument 503` for the page.\n\
         - The `.gz`/`.br` siblings are not used: when mod_deflate is loaded, each page's section sets\n\
         \x20 `SetOutputFilter DEFLATE`, so httpd compresses the page itself (error statuses included,\n\
         \x20 which `AddOutputFilterByType` does not do) for clients that accept gzip, with\n\
         \x20 `Content-Encoding: gzip` and `Vary: Accept-Encoding`.\n",
        t = e.timeout,
        prefix = e.prefix,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::one_of_each;
    use super::*;
    use crate::content::Kind;

    fn site() -> EdgeSite {
        super::super::test_support::site(one_of_each(502, "120"), false)
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
                "config/apache/README.md",
                "config/apache/example.conf",
                "config/apache/modes/landing.conf",
                "config/apache/modes/normal.conf",
                "config/apache/modes/overflow.conf",
                "config/apache/planb-mode.conf",
                "config/apache/planb.conf",
            ]
        );
        assert_eq!(
            text(&files, "planb-mode.conf"),
            text(&files, "modes/normal.conf")
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
            .split("<LocationMatch \"^/_planb/errors/503\\.html$\">\n")
            .nth(1)
            .unwrap()
            .split("</LocationMatch>")
            .next()
            .unwrap();
        assert!(block.contains("ForceType \"text/html; charset=utf-8\""));
        assert!(
            block.contains("Header unset Retry-After\n    Header always set Retry-After \"60\"\n")
        );
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
        assert!(example.contains(
            "LoadModule proxy_http_module \"/usr/lib/apache2/modules/mod_proxy_http.so\""
        ));
        assert!(example.contains("Include planb-mode.conf\n    Include planb.conf\n"));
        assert!(
            !example.contains("/srv/site/public"),
            "root only in the snippet"
        );
    }

    #[test]
    fn values_are_quoted_and_escaped() {
        assert_eq!(quote(r#"a"b"#), r#""a\"b""#);
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
