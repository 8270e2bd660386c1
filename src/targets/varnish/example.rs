//! `default.vcl`: a complete VCL around `planb.vcl`, to try planb's pages as they are.
//!
//! Traps avoided: Varnish takes the address to listen on from its command line, not from the
//! VCL (the file says how to run it); `edge.timeout` must bound each of the backend's three
//! timeouts, or a slow upstream holds a visitor past it; an IPv6 upstream `[::1]:3000` is
//! written without its brackets; Varnish's default threads (200 ready, 20 queued per pool) drop a
//! spike's requests, so the documented command line sizes them (`THREADS`).

use crate::targets::EdgeSite;

/// varnishd's thread parameters for a spike: 1,000 worker threads ready (2 pools of 500, about 500
/// visitors waiting on the application at once, each holding a thread and its fetch another),
/// up to 10,000, and a queue deep enough that a burst waits for a thread instead of being
/// dropped (the default queue holds 20 requests per pool).
pub(super) const THREADS: &str =
    "-p thread_pools=2 -p thread_pool_min=500 -p thread_pool_max=5000 -p thread_queue_limit=1000";

/// The complete example: the upstream as the backend, with `edge.timeout`, and planb.
pub(super) fn example(site: &EdgeSite) -> String {
    let (host, port) = host_port(site);
    let timeout = format!("{}s", site.edge.timeout);
    format!(
        "# planb: a complete Varnish configuration (VCL 4.1) that proxies to {upstream} and answers\n\
         # errors with planb's pages. Varnish takes the address to listen on from the command line:\n\
         #   varnishd -F -a {listen} -f \"$PWD/default.vcl\" -s malloc,256m {THREADS}\n\
         # (threads for a spike: each visitor waiting on the application holds a worker thread and\n\
         # its fetch another; Varnish's defaults start 200 and queue 20 per pool; see README.md.)\n\
         # Check: varnishd -C -f \"$PWD/default.vcl\" > /dev/null\n\
         vcl 4.1;\n\
         \n\
         backend default {{\n    \
             .host = \"{host}\";\n    \
             .port = \"{port}\";\n    \
             # edge.timeout: past it the fetch fails and Varnish answers 503 with planb's page.\n    \
             .connect_timeout = {timeout};\n    \
             .first_byte_timeout = {timeout};\n    \
             .between_bytes_timeout = {timeout};\n\
         }}\n\
         \n\
         {shield}include \"./planb.vcl\";\n",
        shield = if shield_backends(site).is_some() {
            "# The shield's backends (admission, cache), on the same application.\n\
             include \"./planb-backends.vcl\";\n"
        } else {
            ""
        },
        upstream = site.edge.upstream,
        listen = site.edge.listen,
    )
}

/// The host (without IPv6 brackets) and port of `edge.upstream`.
fn host_port(site: &EdgeSite) -> (&str, &str) {
    let (host, port) = site
        .edge
        .upstream
        .rsplit_once(':')
        .unwrap_or((site.edge.upstream.as_str(), "80"));
    (host.trim_start_matches('[').trim_end_matches(']'), port)
}

/// `planb-backends.vcl`, when `[shield]` asks for anything.
pub(super) fn shield_backends(site: &EdgeSite) -> Option<String> {
    let (host, port) = host_port(site);
    super::shield::backends(site, host, port)
}
