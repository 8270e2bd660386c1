//! Stale-first caching of the application's public routes (`[[shield.cache]]`): one location per
//! prefix in the snippet, its own cache zone, concurrent misses collapsed into one upstream
//! request (`proxy_cache_lock`), and the stale copy served when the application errors, times out
//! or is down, before planb's page.
//!
//! The traps this avoids:
//! - nginx would cache an answer to a request carrying `Authorization` or a session cookie when
//!   the application calls it public: such requests bypass the cache and are never stored.
//!   Answers with `Set-Cookie` are never stored (nginx's default, kept: no `proxy_ignore_headers`).
//! - `proxy_cache_use_stale error` serves a stale copy for as long as it is in the cache, whatever
//!   its `stale-if-error`: the zone's `inactive` (max_age + stale_if_error) is what bounds it, from
//!   the last request for that URL, since nginx has no per-entry limit on stale-if-error.
//! - With admission control, these locations count what they send to the application but not a
//!   cache hit (`admission::cached_route_lines`).

use std::fmt::Write as _;

use super::quoting::quote;
use crate::targets::EdgeSite;
use crate::targets::shield::CachedRoute;

/// Cookie names taken for a session: a request carrying one is never answered from the cache.
pub const SESSION_COOKIES: &str =
    "sid|session|sessionid|phpsessid|jsessionid|connect\\.sid|[a-z0-9_]*_session";

/// The zone of the `n`th cached route.
fn zone(n: usize) -> String {
    format!("planb_cache_{n}")
}

/// Seconds an entry stays in the cache after the last request for it.
pub fn inactive(route: &CachedRoute) -> u32 {
    let p = &route.policy;
    (p.max_age.unwrap_or(0) + p.stale_if_error.unwrap_or(0)).max(1)
}

/// What `planb-http.conf` holds for the cache and for admission (`$planb_session`).
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

/// The snippet's locations, one per cached prefix.
pub fn locations(site: &EdgeSite) -> String {
    let mut out = String::new();
    let t = site.edge.timeout;
    for (n, route) in site.shield.cache.iter().enumerate() {
        let p = &route.policy;
        let stale = if p.stale_if_error.unwrap_or(0) > 0 {
            "error timeout updating http_500 http_502 http_503 http_504"
        } else {
            "updating"
        };
        let _ = writeln!(
            out,
            "# {path}: the application's public GET and HEAD answers, cached stale-first.\n\
             location ^~ {path} {{\n\
             \x20   proxy_pass {upstream};\n\
             \x20   proxy_set_header Host $host;\n\
             \x20   proxy_connect_timeout {t}s;\n\
             \x20   proxy_send_timeout {t}s;\n\
             \x20   proxy_read_timeout {t}s;\n\
             \x20   proxy_cache {zone};\n\
             \x20   proxy_cache_key $scheme$host$request_uri;\n\
             \x20   # Fresh this long when the application sends no Cache-Control or Expires.\n\
             \x20   proxy_cache_valid 200 {max_age}s;\n\
             \x20   # Concurrent misses wait for the one request that went to the application.\n\
             \x20   proxy_cache_lock on;\n\
             \x20   proxy_cache_lock_timeout {t}s;\n\
             \x20   proxy_cache_lock_age {t}s;\n\
             \x20   proxy_cache_use_stale {stale};\n\
             \x20   proxy_cache_background_update on;\n\
             \x20   proxy_cache_revalidate on;\n\
             \x20   proxy_no_cache $http_authorization $planb_session;\n\
             \x20   proxy_cache_bypass $http_authorization $planb_session;\n\
             {admission}}}\n",
            path = route.path,
            upstream = quote(&format!("http://{}", site.edge.upstream)),
            zone = zone(n),
            max_age = p.max_age.unwrap_or(0),
            admission = site
                .shield
                .admission
                .map(|a| super::admission::cached_route_lines(&a))
                .unwrap_or_default(),
        );
    }
    out
}
