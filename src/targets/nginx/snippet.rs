//! `planb.conf`, the snippet included in the user's `server {}`: one exact-match location per
//! page that serves it from `edge.root` with exactly its headers (`always`, so on error statuses
//! too), and the prefix closed to the application.

use std::fmt::Write as _;

use super::quoting::quote;
use super::variant;
use super::{admission, stale};
use crate::targets::{EdgePage, EdgeSite};

/// The body of a location that serves `page` from `site.root` with exactly its headers: a
/// location's own `add_header` drops the server's, and no MIME map, charset or expires adds one.
pub fn page_directives(site: &EdgeSite, page: &EdgePage, indent: &str) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        let _ = writeln!(out, "{indent}{text}");
    };
    line(format!("root {};", quote(&site.root)));
    line("# Only the page's own headers: no MIME map, charset or expires to add another.".into());
    line("types { }".into());
    line(format!(
        "default_type {};",
        quote(variant(page).content_type())
    ));
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

pub fn text(site: &EdgeSite) -> String {
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
    out.push_str(&stale::locations(site));
    if site.shield.admission.is_some() {
        out.push_str(&admission::full_location(site));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
