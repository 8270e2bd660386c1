//! `default.vcl`: a complete VCL around `planb.vcl`, to try planb's pages as they are.
//!
//! Traps avoided: Varnish takes the address to listen on from its command line, not from the
//! VCL (the file says how to run it); `edge.timeout` must bound each of the backend's three
//! timeouts, or a slow upstream holds a visitor past it; an IPv6 upstream `[::1]:3000` is
//! written without its brackets.

use crate::targets::EdgeSite;

/// The complete example: the upstream as the backend, with `edge.timeout`, and planb.
pub(super) fn example(site: &EdgeSite) -> String {
    let (host, port) = site
        .edge
        .upstream
        .rsplit_once(':')
        .unwrap_or((site.edge.upstream.as_str(), "80"));
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let timeout = format!("{}s", site.edge.timeout);
    format!(
        "# planb: a complete Varnish configuration (VCL 4.1) that proxies to {upstream} and answers\n\
         # errors with planb's pages. Varnish takes the address to listen on from the command line:\n\
         #   varnishd -F -a {listen} -f \"$PWD/default.vcl\" -s malloc,256m\n\
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
         include \"./planb.vcl\";\n",
        upstream = site.edge.upstream,
        listen = site.edge.listen,
    )
}
