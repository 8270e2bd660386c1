//! The complete example `Caddyfile`: plain HTTP on `edge.listen`, importing the snippet. It binds
//! the host and listens on `:PORT` (a site address with a host would answer only that `Host`),
//! and its admin endpoint comes from `{$PLANB_CADDY_ADMIN}` so tests and users can move it.
//! Its log holds errors only, rolled by size: a spike cannot fill the disk (Caddy 2.6's
//! Caddyfile has no sampling, and writes no access log unless told).

use super::{ADMIN_DEFAULT, ADMIN_ENV, SNIPPET};
use crate::targets::EdgeSite;

/// Where the example writes Caddy's own log (relative to the folder Caddy runs in).
pub const LOG_FILE: &str = "caddy-errors.log";
/// The size at which it rolls over (3 old files kept).
pub const LOG_ROLL: &str = "10MiB";

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
         \t# Errors only, in a file that cannot grow past 4 × {LOG_ROLL} (no access log is written).\n\
         \tlog {{\n\
         \t\toutput file {LOG_FILE} {{\n\
         \t\t\troll_size {LOG_ROLL}\n\
         \t\t\troll_keep 3\n\
         \t\t}}\n\
         \t\tlevel ERROR\n\
         \t}}\n\
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
