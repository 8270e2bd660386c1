//! Stale-first caching of the application's public routes (`[[shield.cache]]`): one location per
//! prefix in the snippet, its own cache zone, concurrent misses collapsed into one upstream
//! request (`proxy_cache_lock`), and the stale copy served when the application errors, times out
//! or is down, for the policy's `stale_if_error` after the copy expired, then planb's page.
//!
//! The cached locations do not proxy to the application but to a second server of nginx's own,
//! the hop (`shield.hop`, in `planb-http.conf`), which proxies to the application. The hop:
//! - writes the route's cache policy (`Cache-Control` with `stale-if-error`) on the answers the
//!   cache may keep, so nginx bounds each copy's stale life from its expiry;
//! - closes the connection without an answer (`return 444`) when the application fails (down,
//!   too slow, a 5xx): since nginx 1.19.3, a stored `stale-if-error` applies to network errors
//!   only, never to an HTTP error status; past the bound, the cached location's own 502 gets
//!   planb's page;
//! - counts what reaches the application, misses included, against admission control.
//!
//! The traps this avoids:
//! - `proxy_cache_use_stale` serves a stale copy for as long as it is in the cache, whatever its
//!   `stale-if-error`: `error` after every failure, and `updating` with background updates on
//!   every request, since each failed refresh leaves the copy expired. It is not written: the
//!   stored `stale-while-revalidate` and `stale-if-error` are bounded per copy. Without
//!   `stale_while_revalidate`, concurrent requests for an expired copy each go to the hop
//!   (`proxy_cache_lock` holds only misses of new entries), where admission counts them.
//! - nginx would cache an answer to a request carrying `Authorization` or a session cookie when
//!   the application calls it public: such requests bypass the cache and are never stored, and
//!   the hop leaves their answers' `Cache-Control` as the application wrote it. Answers with
//!   `Set-Cookie` are never stored (nginx's default, kept: no `proxy_ignore_headers`).
//! - The hop issues no admission cookie: an answer with `Set-Cookie` would never be stored.

use std::fmt::Write as _;

use super::quoting::quote;
use crate::targets::EdgeSite;
use crate::targets::shield::CachedRoute;

/// Cookie names taken for a session: a request carrying one is never answered from the cache.
pub const SESSION_COOKIES: &str =
    "sid|session|sessionid|phpsessid|jsessionid|connect\\.sid|[a-z0-9_]*_session";

/// The `upstream {}` the cached locations proxy to: the hop.
const HOP_UPSTREAM: &str = "planb_hop";

/// The zone of the `n`th cached route.
fn zone(n: usize) -> String {
    format!("planb_cache_{n}")
}

/// The `Cache-Control` the hop sends for the `n`th cached route.
fn hop_header(n: usize) -> String {
    format!("$planb_hop_cc_{n}")
}

/// Seconds an entry stays in the cache after the last request for it: as long as it may be
/// served at all (the stored header bounds it more closely).
pub fn inactive(route: &CachedRoute) -> u32 {
    let p = &route.policy;
    let stale = p
        .stale_if_error
        .unwrap_or(0)
        .max(p.stale_while_revalidate.unwrap_or(0));
    (p.max_age.unwrap_or(0) + stale).max(1)
}

/// What `planb-http.conf` holds for the cache (`$planb_session`, which the hop reads too).
pub fn http_text() -> String {
    format!(
        "\n# A request with a session cookie is never answered from the cache nor stored.\n\
         map $http_cookie $planb_session {{\n    \"~*(^|;\\s*)({SESSION_COOKIES})=\" 1;\n    default \"\";\n}}\n"
    )
}

/// The `proxy_cache_path` lines, the `n`th cache in `dir-n` (relative to nginx's prefix, or
/// absolute; nginx creates that folder, not its parents).
pub fn cache_paths(site: &EdgeSite, dir: &str) -> String {
    let mut out = String::new();
    for (n, route) in site.shield.cache.iter().enumerate() {
        let _ = writeln!(
            out,
            "proxy_cache_path {dir}-{n} levels=1:2 keys_zone={}:10m max_size=256m inactive={}s use_temp_path=off;",
            zone(n),
            inactive(route)
        );
    }
    out
}

/// The snippet's locations, one per cached prefix, proxying to the hop.
pub fn locations(site: &EdgeSite) -> String {
    let mut out = String::new();
    let t = site.edge.timeout;
    for (n, route) in site.shield.cache.iter().enumerate() {
        let _ = writeln!(
            out,
            "# {path}: the application's public GET and HEAD answers, cached stale-first, through\n\
             # the hop in planb-http.conf.\n\
             location ^~ {path} {{\n\
             \x20   proxy_pass http://{HOP_UPSTREAM};\n\
             \x20   proxy_http_version 1.1;\n\
             \x20   proxy_set_header Connection \"\";\n\
             \x20   proxy_set_header Host $host;\n\
             \x20   # The hop answers or closes within {t} s; a little more here.\n\
             \x20   proxy_connect_timeout {t}s;\n\
             \x20   proxy_send_timeout {t}s;\n\
             \x20   proxy_read_timeout {wait}s;\n\
             \x20   proxy_cache {zone};\n\
             \x20   proxy_cache_key $scheme$host$request_uri;\n\
             \x20   # Concurrent misses wait for the one request that went to the application.\n\
             \x20   proxy_cache_lock on;\n\
             \x20   proxy_cache_lock_timeout {t}s;\n\
             \x20   proxy_cache_lock_age {t}s;\n\
             \x20   # No proxy_cache_use_stale: a stale copy only within the stored\n\
             \x20   # stale-while-revalidate (refreshed in the background) and stale-if-error, which\n\
             \x20   # nginx bounds per copy; listed, it would be served for as long as it is kept.\n\
             \x20   proxy_cache_background_update on;\n\
             \x20   proxy_cache_revalidate on;\n\
             \x20   proxy_no_cache $http_authorization $planb_session;\n\
             \x20   proxy_cache_bypass $http_authorization $planb_session;\n\
             }}\n",
            path = route.path,
            zone = zone(n),
            wait = t + 1,
        );
    }
    out
}

/// The hop, in `planb-http.conf`: an `upstream {}` for the cached locations, the maps that
/// choose each route's `Cache-Control`, and a `server {}` on `shield.hop` with one location per
/// cached prefix. `admission` is what each location takes for admission control.
pub fn hop_text(site: &EdgeSite, admission: &str) -> String {
    let hop = &site.shield.hop;
    let t = site.edge.timeout;
    let mut out = format!(
        "\n# [[shield.cache]]: the cached routes reach the application through this server (the hop,\n\
         # on shield.hop). It writes each route's cache policy on the answers nginx's cache may keep,\n\
         # and closes the connection when the application fails: the cache then serves its stale\n\
         # copy for exactly the policy's stale-if-error (nginx applies it to network errors only).\n\
         upstream {HOP_UPSTREAM} {{\n    server {qhop};\n    keepalive 32;\n}}\n\
         # A public GET or HEAD answered 200 without Set-Cookie: what the cache keeps.\n\
         map \"$request_method:$status:$http_authorization:$planb_session:$upstream_http_set_cookie\" $planb_hop_shared {{\n    \
             \"GET:200:::\" 1;\n    \"HEAD:200:::\" 1;\n    default \"\";\n}}\n",
        qhop = quote(hop),
    );
    for (n, route) in site.shield.cache.iter().enumerate() {
        let _ = writeln!(
            out,
            "map $planb_hop_shared {var} {{\n    1 {cc};\n    default $upstream_http_cache_control;\n}}",
            var = hop_header(n),
            cc = quote(&route.policy.header()),
        );
    }
    let _ = writeln!(
        out,
        "server {{\n\
         \x20   listen {qhop};\n\
         \x20   access_log off;\n\
         \x20   # The application down, too slow or failing: no answer at all, which the cache\n\
         \x20   # answers with its stale copy, or the cached location with planb's 502 page.\n\
         \x20   proxy_intercept_errors on;\n\
         \x20   error_page 500 502 503 504 @planb_drop;\n\
         \x20   location @planb_drop {{\n        return 444;\n    }}\n\
         \x20   location / {{\n        return 404;\n    }}",
        qhop = quote(hop),
    );
    for (n, route) in site.shield.cache.iter().enumerate() {
        let _ = writeln!(
            out,
            "    location ^~ {path} {{\n\
             \x20       proxy_pass {upstream};\n\
             \x20       proxy_set_header Host $host;\n\
             \x20       proxy_connect_timeout {t}s;\n\
             \x20       proxy_send_timeout {t}s;\n\
             \x20       proxy_read_timeout {t}s;\n\
             \x20       proxy_hide_header Cache-Control;\n\
             \x20       add_header Cache-Control {var};\n\
             {admission}\
             \x20   }}",
            path = route.path,
            upstream = quote(&format!("http://{}", site.edge.upstream)),
            var = hop_header(n),
        );
    }
    out.push_str("}\n");
    out
}
