//! `example.conf`: a complete nginx configuration around the snippet and the mode file, for a try
//! or a test. Every path nginx writes is relative to its prefix (`-p`), so it runs unprivileged
//! anywhere; the root appears only in the snippet.
//!
//! Sized for a spike: each visitor waiting on the application holds two connections (its own and
//! the upstream one), and `worker_processes 1` with `worker_connections 1024` reset visitors at 512
//! (measured: 164,942 resets in 8 s). `auto` workers of `WORKER_CONNECTIONS` each, with a file limit
//! above that, hold thousands; the listen backlog keeps a burst of new connections in the kernel
//! instead of refusing them. Errors are logged at `crit`: a failed upstream connect or timeout is
//! an `error`, one line a request while the application is down.

use super::quoting::quote;
use super::{MODES, SNIPPET, admission, http, stale};
use crate::targets::EdgeSite;

/// Connections each worker holds at once: on two cores, 2 × 8000 hold 8000 waiting visitors.
pub const WORKER_CONNECTIONS: u32 = 8000;
/// Open files per worker: above `WORKER_CONNECTIONS` (each connection is a file), with room for
/// the pages, the logs and the cache.
pub const WORKER_FILES: u32 = 16384;
/// Connections the kernel keeps waiting for `accept` during a burst.
pub const BACKLOG: u32 = 4096;

pub fn text(site: &EdgeSite) -> String {
    let e = &site.edge;
    format!(
        "# planb: a complete nginx configuration (generated; do not edit) that listens on {listen},\n\
         # proxies to {upstream} and answers its errors with planb's pages.\n\
         # Relative paths are under the prefix (-p), includes are beside this file. Run it with:\n\
         #     mkdir -p /tmp/planb-nginx\n\
         #     nginx -p /tmp/planb-nginx/ -e /tmp/planb-nginx/error.log -c \"$PWD/example.conf\" -g 'daemon off;'\n\n\
         # Sized for a spike: each visitor waiting on the application holds 2 connections.\n\
         {main}\
         worker_processes auto;\n\
         worker_rlimit_nofile {WORKER_FILES};\n\
         pid nginx.pid;\n\
         # crit: a failed upstream connect is an `error`, one line per request while the application is down.\n\
         error_log error.log crit;\n\n\
         events {{\n    worker_connections {WORKER_CONNECTIONS};\n}}\n\n\
         http {{\n\
         \x20   include {http_file};\n\
         {caches}\
         \x20   # The application's own 5xx and 1 % of the rest, buffered (see planb-http.conf).\n\
         \x20   access_log access.log combined buffer=64k flush=5s if=$planb_log;\n\
         \x20   log_not_found off;\n\
         \x20   client_body_temp_path client_body_temp;\n\
         \x20   proxy_temp_path proxy_temp;\n\
         \x20   fastcgi_temp_path fastcgi_temp;\n\
         \x20   uwsgi_temp_path uwsgi_temp;\n\
         \x20   scgi_temp_path scgi_temp;\n\n\
         \x20   server {{\n\
         \x20       listen {qlisten} backlog={BACKLOG};\n\
         \x20       server_name _;\n\n\
         \x20       include {mode_file};\n\
         \x20       include {SNIPPET};\n\n\
         \x20       location / {{\n\
         \x20           proxy_pass {qupstream};\n\
         {admission}\
         \x20           proxy_set_header Host $host;\n\
         \x20           # After {timeout} s without the application: 504, with planb's page.\n\
         \x20           proxy_connect_timeout {timeout}s;\n\
         \x20           proxy_send_timeout {timeout}s;\n\
         \x20           proxy_read_timeout {timeout}s;\n\
         \x20       }}\n\
         \x20   }}\n\
         }}\n",
        listen = e.listen,
        upstream = e.upstream,
        qlisten = quote(&e.listen),
        qupstream = quote(&format!("http://{}", e.upstream)),
        timeout = e.timeout,
        mode_file = MODES.active,
        http_file = http::FILE,
        caches = indent(&stale::cache_paths(site, "planb-cache")),
        main = match site.shield.admission {
            Some(_) => format!(
                "# Admission control (njs: Debian's libnginx-mod-http-js).\n{}\n",
                admission::main_text()
            ),
            None => String::new(),
        },
        admission = match site.shield.admission {
            Some(_) => format!("\x20           include {};\n", admission::LOCATION_FILE),
            None => String::new(),
        },
    )
}

/// `text` indented as inside `http {}`.
fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
