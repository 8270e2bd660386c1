//! The complete example `Caddyfile`: plain HTTP on `edge.listen`, importing the snippet. It binds
//! the host and listens on `:PORT` (a site address with a host would answer only that `Host`),
//! and its admin endpoint comes from `{$PLANB_CADDY_ADMIN}` so tests and users can move it.

use super::{ADMIN_DEFAULT, ADMIN_ENV, SNIPPET};
use crate::targets::EdgeSite;

pub fn example(site: &EdgeSite) -> String {
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
