//! `example.conf`: a complete, standalone httpd configuration around the snippet and the mode
//! file, for a try or a test. It loads its own modules (Debian's folder) and writes only under
//! `PLANB_RUN`, a `Define` given on the command line; the root appears only in the snippet.

use std::fmt::Write as _;

use super::quoting::quote;
use super::{MODES, SNIPPET, stale};
use crate::targets::EdgeSite;

/// The modules the snippet and the example need, with their file under Debian's module folder.
const MODULES: [(&str, &str); 11] = [
    ("mpm_event_module", "mod_mpm_event.so"),
    ("authz_core_module", "mod_authz_core.so"),
    ("mime_module", "mod_mime.so"),
    ("headers_module", "mod_headers.so"),
    ("alias_module", "mod_alias.so"),
    ("rewrite_module", "mod_rewrite.so"),
    ("proxy_module", "mod_proxy.so"),
    ("proxy_http_module", "mod_proxy_http.so"),
    ("deflate_module", "mod_deflate.so"),
    ("env_module", "mod_env.so"),
    ("setenvif_module", "mod_setenvif.so"),
];
/// What admission (mod_lua, the balancers) and the cache add.
fn shield_modules(site: &EdgeSite) -> Vec<(&'static str, &'static str)> {
    const ADMISSION: &[(&str, &str)] = &[
        ("lua_module", "mod_lua.so"),
        ("proxy_balancer_module", "mod_proxy_balancer.so"),
        ("slotmem_shm_module", "mod_slotmem_shm.so"),
        ("lbmethod_byrequests_module", "mod_lbmethod_byrequests.so"),
    ];
    let mut out = Vec::new();
    if site.shield.admission.is_some() {
        out.extend_from_slice(ADMISSION);
    } else if !site.schedule.is_empty() {
        // The schedule's hook.
        out.push(ADMISSION[0]);
    }
    if !site.shield.cache.is_empty() {
        out.extend_from_slice(stale::MODULES);
    }
    out
}
pub const MODULE_DIR: &str = "/usr/lib/apache2/modules";

/// Sizing for a spike and logs bounded on disk (server-wide: they cannot go in the snippet).
const SPIKE: &str = r#"
# A spike: every proxied request holds a thread for the whole wait on the application, so
# MaxRequestWorkers (= ServerLimit x ThreadsPerChild) is the most visitors served at once; the
# others wait in the listen backlog. One child process: mod_proxy's limits (max=) are per child.
# Each thread may hold 2 sockets: raise the open-files limit above 2 x MaxRequestWorkers
# (Debian: APACHE_ULIMIT_MAX_FILES in /etc/apache2/envvars).
ServerLimit 1
StartServers 1
ThreadLimit 1024
ThreadsPerChild 1024
MaxRequestWorkers 1024
MaxConnectionsPerChild 0
ListenBacklog 4096

# Logs that cannot fill a disk: only 5xx other than 503 (the overflow and down answers are
# 503), through rotatelogs keeping 3 files of 10 MB.
LogFormat "%h %l %u %t \"%r\" %>s %b" planb
CustomLog "|/usr/bin/rotatelogs -n 3 ${PLANB_RUN}/access.log 10M" planb "expr=%{REQUEST_STATUS} -ge 500 && %{REQUEST_STATUS} != 503"
"#;

pub fn text(site: &EdgeSite) -> String {
    let e = &site.edge;
    let port = e.listen.rsplit_once(':').map_or("80", |(_, p)| p);
    let mut out = format!(
        "# planb: a complete Apache httpd 2.4 configuration (generated; do not edit) that listens on\n\
         # {listen}, proxies to {upstream} and answers its errors with planb's pages.\n\
         # Includes are relative to the ServerRoot (-d, this folder); PLANB_RUN is a folder for the\n\
         # pid file, the logs and the cache's locks, which the children (www-data) can write.\n\
         # Run it with Debian's httpd binary:\n\
         #     install -d -o www-data /tmp/planb-apache\n\
         #     apache2 -d \"$PWD\" -f \"$PWD/example.conf\" -C 'Define PLANB_RUN /tmp/planb-apache' -DFOREGROUND\n\n",
        listen = e.listen,
        upstream = e.upstream,
    );
    for (name, so) in MODULES.iter().chain(&shield_modules(site)) {
        let _ = writeln!(
            out,
            "LoadModule {name} {}",
            quote(&format!("{MODULE_DIR}/{so}"))
        );
    }
    let _ = write!(
        out,
        "\nServerName localhost\n\
         PidFile \"${{PLANB_RUN}}/httpd.pid\"\n\
         ErrorLog \"${{PLANB_RUN}}/error.log\"\n\
         DefaultRuntimeDir \"${{PLANB_RUN}}\"\n\
         LogLevel warn\n\
         {SPIKE}\
         TypesConfig /etc/mime.types\n\
         # Started as root, the children run as this user: it must be able to read the pages.\n\
         User www-data\n\
         Group www-data\n\
         Listen {qlisten}\n\
         {hop}\
\n\
         <VirtualHost *:{port}>\n\
         \x20   Include {mode_file}\n\
         \x20   Include {SNIPPET}\n\n\
         \x20   # Down (refused): 503; no answer within {t} s: 502 (httpd's status for a read\n\
         \x20   # timeout); each with planb's page. retry=0: back as soon as the application answers.\n\
         \x20   ProxyPass \"/\" {qupstream} connectiontimeout={t} timeout={t} retry=0\n\
         \x20   ProxyPassReverse \"/\" {qupstream}\n\
         \x20   ProxyPreserveHost On\n\
         </VirtualHost>\n",
        qlisten = quote(&e.listen),
        qupstream = quote(&format!("http://{}/", e.upstream)),
        t = e.timeout,
        mode_file = MODES.active,
        SPIKE = SPIKE,
        hop = match site.shield.cache.is_empty() {
            true => String::new(),
            false => format!(
                "# The [[shield.cache]] prefixes' way to the application (its own Listen), and the\n\
                 # cache's lock files where the children can write them.\nInclude {}\n\
                 CacheLockPath \"${{PLANB_RUN}}/cache-lock\"\n",
                stale::HOP_FILE
            ),
        },
    );
    out
}
