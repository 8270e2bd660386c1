//! `example.conf`: a complete lighttpd configuration using the snippet, listening on
//! `edge.listen` and proxying (mod_proxy) to `edge.upstream` with `edge.timeout`.
//!
//! Traps: a graceful restart (`systemctl reload`, SIGUSR1) holds new connections (in the kernel's
//! queue: none is lost) until the requests in flight end, then cuts those still running after
//! `server.graceful-shutdown-timeout` (8 s by default): planb sets it to `edge.timeout` + 1 s, so
//! an application request in flight ends with its own answer or the timeout's page. Not
//! `server.graceful-restart-bg`, which lets the new configuration answer at once but drops
//! visitors when the machine is busy (lighttpd 1.4.69, proven in `tests/edge_lighttpd.rs`): the
//! new process tells the old one to stop before the old one has resumed after its fork, so it
//! stops hard and closes, unanswered, the connections it accepted meanwhile.
//! `server.max-connections` defaults to a third of `server.max-fds` (itself at most 4096, and the
//! process's limit): sized here for a spike, two descriptors per proxied visitor; past it,
//! visitors wait unanswered in the kernel's queue.
//! `server.bind` takes an IPv6 address without its brackets.

use std::fmt::Write as _;

use super::strings::config_string;
use crate::targets::EdgeSite;

/// File descriptors lighttpd may hold: two per proxied visitor, with room for the pages and logs.
pub const MAX_FDS: u32 = 16384;
/// Visitors' connections at once; beyond, new ones wait in the kernel's queue (no page).
pub const MAX_CONNECTIONS: u32 = 4096;

/// `host:port` split for lighttpd: the host without IPv6 brackets, and the port.
fn host_port(value: &str) -> (&str, &str) {
    let (host, port) = value.rsplit_once(':').unwrap_or((value, "80"));
    (host.trim_start_matches('[').trim_end_matches(']'), port)
}

/// The example, or `None` when the root cannot be written as a lighttpd string.
pub fn example(site: &EdgeSite) -> Option<String> {
    let e = &site.edge;
    let (bind, port) = host_port(&e.listen);
    let (up_host, up_port) = host_port(&e.upstream);
    let t = e.timeout;
    let mut out = String::new();
    let _ = write!(
        out,
        "# planb: a complete lighttpd configuration (generated; do not edit) that listens on {listen},\n\
         # proxies to {upstream} and answers its errors with planb's pages. Run it from this folder\n\
         # (var.CWD is the folder lighttpd starts in):\n\
         #     lighttpd -tt -f example.conf && lighttpd -D -f example.conf\n\n\
         # A reload waits for the requests in flight (new visitors queue, none is dropped), at most\n\
         # edge.timeout + 1 s. Not server.graceful-restart-bg: on a busy machine it drops visitors.\n\
         server.feature-flags += ( \"server.graceful-shutdown-timeout\" => {grace} )\n\
         # A spike: each proxied visitor holds two descriptors (its own, the application's);\n\
         # lighttpd raises its limit to max-fds when started as root (else: LimitNOFILE).\n\
         server.max-fds = {MAX_FDS}\n\
         server.max-connections = {MAX_CONNECTIONS}\n\
         server.document-root = {root}\n\
         server.bind = {bind}\n\
         server.port = {port}\n\n\
         var.planb_dir = var.CWD\n\
         include var.planb_dir + \"/planb.conf\"\n\
         # lighttpd skips an include silently when its path has *?[]{{}} and matches nothing.\n\
         var.planb_checked = var.planb_read\n\n\
         server.modules += ( \"mod_proxy\" )\n\
         # After {t} s without the application: 504, with planb's page; refused: 503, with its page.\n\
         proxy.server = ( \"\" => ( (\n\
         \x20 \"host\" => {up_host},\n\
         \x20 \"port\" => {up_port},\n\
         \x20 \"connect-timeout\" => {t},\n\
         \x20 \"write-timeout\" => {t},\n\
         \x20 \"read-timeout\" => {t},\n\
         ) ) )\n",
        listen = e.listen,
        grace = t + 1,
        upstream = e.upstream,
        root = config_string(&site.root)?,
        bind = config_string(bind)?,
        up_host = config_string(up_host)?,
    );
    Some(out)
}
