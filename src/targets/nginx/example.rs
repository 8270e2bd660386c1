//! `example.conf`: a complete nginx configuration around the snippet and the mode file, for a try
//! or a test. Every path nginx writes is relative to its prefix (`-p`), so it runs unprivileged
//! anywhere; the root appears only in the snippet.

use super::quoting::quote;
use super::{MODES, SNIPPET};
use crate::targets::EdgeSite;

pub fn text(site: &EdgeSite) -> String {
    let e = &site.edge;
    format!(
        "# planb: a complete nginx configuration (generated; do not edit) that listens on {listen},\n\
         # proxies to {upstream} and answers its errors with planb's pages.\n\
         # Relative paths are under the prefix (-p), includes are beside this file. Run it with:\n\
         #     mkdir -p /tmp/planb-nginx\n\
         #     nginx -p /tmp/planb-nginx/ -e /tmp/planb-nginx/error.log -c \"$PWD/example.conf\" -g 'daemon off;'\n\n\
         worker_processes 1;\n\
         pid nginx.pid;\n\
         error_log error.log;\n\n\
         events {{\n    worker_connections 1024;\n}}\n\n\
         http {{\n\
         \x20   access_log access.log;\n\
         \x20   client_body_temp_path client_body_temp;\n\
         \x20   proxy_temp_path proxy_temp;\n\
         \x20   fastcgi_temp_path fastcgi_temp;\n\
         \x20   uwsgi_temp_path uwsgi_temp;\n\
         \x20   scgi_temp_path scgi_temp;\n\n\
         \x20   server {{\n\
         \x20       listen {qlisten};\n\
         \x20       server_name _;\n\n\
         \x20       include {mode_file};\n\
         \x20       include {SNIPPET};\n\n\
         \x20       location / {{\n\
         \x20           proxy_pass {qupstream};\n\
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
    )
}
