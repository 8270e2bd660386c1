//! `haproxy.cfg`: a complete configuration around the snippet, to try planb's pages as they are.
//!
//! Traps avoided: `default-path config` makes the snippet's relative paths follow the file, not
//! the directory HAProxy is started from; `init-addr libc,none` lets HAProxy start while the
//! upstream's name does not resolve yet (it answers 503 meanwhile) instead of refusing to start;
//! `fd-hard-limit` instead of `maxconn`: HAProxy derives `maxconn` from the file descriptors it
//! may really open (each proxied visitor holds two), whereas a fixed `maxconn` above half the
//! system's hard limit passes `haproxy -c` and then fails at start ("Cannot raise FD limit").

use std::fmt::Write as _;

use super::modes::MODE_MAP;
use super::shield;
use crate::targets::EdgeSite;

/// The complete example: HAProxy listening on `edge.listen`, proxying to `edge.upstream`, with
/// `snippet` pasted into its frontend.
pub(super) fn example(site: &EdgeSite, snippet: &str, backend: &str) -> String {
    let timeout = site.edge.timeout;
    let mut s = format!(
        "# planb: a complete HAProxy configuration (HAProxy 2.4 or later) that listens on\n\
         # {listen}, proxies to {upstream} and answers errors with planb's pages.\n\
         # Check: haproxy -c -f haproxy.cfg    Run: haproxy -W -db -f haproxy.cfg\n\
         \n\
         global\n    \
             # Relative paths (errors/*.http, {MODE_MAP}) are relative to this file's folder.\n    \
             default-path config\n    \
             # As many connections as the file descriptors allow, at most 50,000 descriptors\n    \
             # (about 25,000 visitors): see README.md, \"Sizing\".\n    \
             fd-hard-limit 50000\n    \
             # Logs to standard output (the journal under systemd), sampled by the snippet.\n    \
             log stdout format raw local0 info\n\
         {global}\
         \n\
         defaults\n    \
             mode http\n    \
             log global\n    \
             option httplog\n    \
             option dontlognull\n    \
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
        global = shield::global_lines(site),
    );
    s.push('\n');
    paste(&mut s, "planb-frontend.snippet", snippet);
    s.push_str("\n    default_backend app\n\nbackend app\n");
    paste(&mut s, "planb-backend.snippet", backend);
    let _ = write!(
        s,
        "\n    # init-addr: start even when the name does not resolve yet (the server is then down: 503).\n    \
             server app {upstream} {options} init-addr libc,none\n",
        upstream = site.edge.upstream,
        options = shield::server_options(site),
    );
    s
}

/// `text` indented into a section, between markers naming the file it is.
fn paste(s: &mut String, name: &str, text: &str) {
    let _ = writeln!(s, "    # ---- {name} ----");
    for line in text.lines() {
        if line.is_empty() {
            s.push('\n');
        } else {
            let _ = writeln!(s, "    {line}");
        }
    }
    let _ = writeln!(s, "    # ---- end of {name} ----");
}
