//! `haproxy.cfg`: a complete configuration around the snippet, to try planb's pages as they are.
//!
//! Traps avoided: `default-path config` makes the snippet's relative paths follow the file, not
//! the directory HAProxy is started from; `init-addr libc,none` lets HAProxy start while the
//! upstream's name does not resolve yet (it answers 503 meanwhile) instead of refusing to start.

use std::fmt::Write as _;

use super::modes::MODE_MAP;
use crate::targets::EdgeSite;

/// The complete example: HAProxy listening on `edge.listen`, proxying to `edge.upstream`, with
/// `snippet` pasted into its frontend.
pub(super) fn example(site: &EdgeSite, snippet: &str) -> String {
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
