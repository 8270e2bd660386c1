//! `planb.conf`, the snippet included in the user's `<VirtualHost>`: `ProxyErrorOverride` for
//! exactly the statuses with a page, the pages' folder (an `Alias`, never proxied) serving the
//! precompressed siblings planb wrote and, per page, the directives that give it exactly its
//! headers.
//!
//! Traps: mod_deflate compresses every answer again unless told `no-gzip` (the load test saw
//! Apache at 0.19× a static file for it); the rewrite to `page.html.gz` changes the URI, so each
//! page's section matches `page.html(.gz|.br)?` or the sibling loses the page's headers; mod_proxy
//! logs one `error` line per failed connect, so `proxy` and `proxy_http` log at `crit` only.
//!
//! Under a spike every answer here is an error document, so its cost is the spike's: each one
//! mmaps and unmaps its file unless `EnableMMAP Off` (threads then queue on the kernel's mmap
//! lock), and the `<Directory>` rewrite to the sibling is a second internal redirect after
//! `ErrorDocument`'s, which the mode files avoid by naming the sibling themselves
//! (`%{ENV:PLANB_SIBLING}`, set here from `Accept-Encoding`).

use std::fmt::Write as _;

use super::SIBLING_ENV;

use super::quoting::{exact, header_value, quote};
use super::variant;
use crate::targets::{EdgePage, EdgeSite, Variant};

/// The directives that make a response carry exactly `page`'s headers.
fn page_headers(site: &EdgeSite, page: &EdgePage, indent: &str) -> String {
    served_headers(site, page, variant(page), indent)
}

/// The directives that make a response carry exactly `v`'s headers (`page`'s variant or twin),
/// with `page`'s `Vary`.
fn served_headers(site: &EdgeSite, page: &EdgePage, v: &Variant, indent: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{indent}ForceType {}\n\
         {indent}<IfModule mod_expires.c>\n{indent}    ExpiresActive Off\n{indent}</IfModule>\n\
         {indent}# Compressed for clients that accept gzip, error statuses included.\n\
         {indent}<IfModule mod_deflate.c>\n{indent}    SetOutputFilter DEFLATE\n{indent}</IfModule>",
        quote(v.content_type())
    );
    for (name, value) in &v.headers {
        if !name.eq_ignore_ascii_case("Content-Type") {
            let _ = writeln!(
                out,
                "{indent}Header unset {name}\n{indent}Header always set {name} {}",
                header_value(value)
            );
        }
    }
    out.push_str(&super::language::vary(site, page, indent));
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

/// The rewrite to the `.br` or `.gz` sibling for a client that accepts it, sent as it is.
const SIBLINGS: &str = r#"    # The siblings planb wrote, brotli first, for clients that accept them, sent as they are
    # (no-gzip: mod_deflate must not compress them again). A rewrite in a <Directory> needs
    # symbolic links allowed (else 403): only those owned as their target.
    Options SymLinksIfOwnerMatch
    RewriteEngine On
    RewriteCond "%{HTTP:Accept-Encoding}" "\bbr\b"
    RewriteCond "%{REQUEST_FILENAME}.br" -f
    RewriteRule "^(.+\.html)$" "$1.br" [L]
    RewriteCond "%{HTTP:Accept-Encoding}" "\bgzip\b"
    RewriteCond "%{REQUEST_FILENAME}.gz" -f
    RewriteRule "^(.+\.html)$" "$1.gz" [L]
    RemoveEncoding .gz .br
    <FilesMatch "\.html\.gz$">
        Header always set Content-Encoding gzip
        SetEnv no-gzip 1
    </FilesMatch>
    <FilesMatch "\.html\.br$">
        Header always set Content-Encoding br
        SetEnv no-gzip 1
    </FilesMatch>
    Header always merge Vary Accept-Encoding
"#;

fn sibling_env(site: &EdgeSite) -> String {
    match site.precompressed {
        true => format!(
            "\n# The sibling the client accepts, brotli first (the later line wins), for the\n\
             # ErrorDocument lines of the mode files: one internal redirect straight to it.\n\
             SetEnvIf Accept-Encoding \"\\bgzip\\b\" {SIBLING_ENV}=.gz\n\
             SetEnvIf Accept-Encoding \"\\bbr\\b\" {SIBLING_ENV}=.br\n"
        ),
        false => String::new(),
    }
}

/// The prefix served from the pages' folder, and closed to the proxy.
fn pages_folder(site: &EdgeSite) -> String {
    let prefix = &site.edge.prefix;
    let dir = format!("{}{prefix}/", site.root);
    format!(
        "\n# {prefix}/ is planb's: served from the pages' folder, never proxied.\n\
         Alias {} {}\n\
         <Directory {}>\n    Require all granted\n    AllowOverride None\n\
         \x20   # Read, not mmapped: mmap and munmap on every answer queue the threads on the kernel's\n\
         \x20   # mmap lock under a spike.\n\
         \x20   EnableMMAP Off\n{}</Directory>\n\
         <Location {}>\n    ProxyPass \"!\"\n</Location>\n",
        quote(&format!("{prefix}/")),
        quote(&dir),
        quote(&dir),
        if site.precompressed {
            SIBLINGS
        } else {
            "    Options None\n"
        },
        quote(&format!("{prefix}/")),
    )
}

/// The regular expression of `page`'s own section: its URL, and its siblings' when served.
fn page_match(site: &EdgeSite, page: &EdgePage) -> String {
    let url = exact(&page.url);
    match site.precompressed {
        true => format!("{}(\\.gz|\\.br)?$", url.trim_end_matches('$')),
        false => url,
    }
}

/// One `error` line per failed connect or full pool would fill the disk during a spike.
const QUIET_PROXY: &str = "\n# mod_proxy logs each failed connect (AH00957, AH01114) at `error`: one line per request\n\
     # while the application is down. Only its critical lines are kept.\n\
    LogLevel proxy:crit proxy_http:crit\n";

pub fn text(site: &EdgeSite) -> String {
    let mut out = String::new();
    out.push_str(
        "# planb snippet for Apache httpd 2.4 (generated; do not edit). Include it in the\n\
         # <VirtualHost> that proxies to your application, with the mode file, before your ProxyPass\n\
         # (see README.md):\n\
         #     Include /etc/apache2/planb/planb-mode.conf\n\
         #     Include /etc/apache2/planb/planb.conf\n\
         # Needs mod_alias, mod_env, mod_headers, mod_mime, mod_proxy, mod_proxy_http, mod_rewrite,\n\
         # mod_setenvif (mod_deflate).\n\n",
    );
    out.push_str(&super::schedule::snippet_text(site));
    out.push_str(&pages(site, |page_sections| {
        let mut shield = super::stale::snippet_text(site);
        if let Some(a) = &site.shield.admission {
            shield.push_str(&super::admission::text(site, a));
        }
        shield + page_sections
    }));
    out
}

/// What serves planb's pages for the application's errors: `ProxyErrorOverride`, the pages'
/// folder and each page's section, which `between` gets to put the shield's part before (the
/// hop's virtual host takes them too, without a shield).
pub fn pages(site: &EdgeSite, between: impl FnOnce(&str) -> String) -> String {
    let mut out = String::new();
    out.push_str(&error_override(site));
    out.push_str(QUIET_PROXY);
    out.push_str(&sibling_env(site));
    out.push_str(&super::language::env_text(site));
    out.push_str(&pages_folder(site));
    let mut sections = String::new();
    for page in site.addressable() {
        let _ = write!(
            sections,
            "\n# {} page, status {} (200 when asked for directly)\n<LocationMatch {}>\n{}</LocationMatch>\n",
            page.kind.name(),
            page.status,
            quote(&page_match(site, page)),
            page_headers(site, page, "    ")
        );
        if let Some(twin) = page.json.first() {
            let _ = write!(
                sections,
                "# its JSON twin, for a request whose Accept asks for JSON\n<LocationMatch {}>\n{}</LocationMatch>\n",
                quote(&exact(&format!("/{}", twin.file))),
                served_headers(site, page, twin, "    ")
            );
        }
    }
    out.push_str(&between(&sections));
    out
}
