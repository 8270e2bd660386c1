//! `planb.conf`, the snippet included in the user's `server {}`: one exact-match location per
//! page that serves it from `edge.root` with exactly its headers (`always`, so on error statuses
//! too), and the prefix closed to the application.

use std::fmt::Write as _;

use super::page::{page_directives, twin_directives};
use super::{admission, schedule, stale};
use crate::targets::EdgeSite;

pub fn text(site: &EdgeSite) -> String {
    let prefix = &site.edge.prefix;
    let mut out = String::new();
    out.push_str(
        "# planb snippet for nginx (generated; do not edit). Include it in the server {} that\n\
         # proxies to your application, with the mode file (see README.md):\n\
         #     include /etc/nginx/planb/planb-mode.conf;\n\
         #     include /etc/nginx/planb/planb.conf;\n\n\
         # Let error_page replace the statuses the application answers (not only nginx's own).\n\
         proxy_intercept_errors on;\n",
    );
    out.push_str(&schedule::server_text(site));
    out.push('\n');
    let _ = writeln!(
        out,
        "# {prefix}/ is planb's: nothing under it reaches the application.\n\
         location ^~ {prefix}/ {{\n    return 404;\n}}\n"
    );
    for page in site.addressable() {
        let _ = writeln!(
            out,
            "# {} page, status {} (200 when asked for directly)\nlocation = {} {{\n{}}}\n",
            page.kind.name(),
            page.status,
            page.url,
            page_directives(site, page, "    ")
        );
        if let Some(twin) = page.json.first() {
            let _ = writeln!(
                out,
                "# its JSON twin, for a request whose Accept asks for JSON\nlocation = /{} {{\n{}}}\n",
                twin.file,
                twin_directives(site, page, twin, "    ")
            );
        }
    }
    out.push_str(&stale::locations(site));
    if site.shield.admission.is_some() {
        out.extend(admission::no_page_location(site));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
