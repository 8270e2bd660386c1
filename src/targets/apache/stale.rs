//! Stale-first caching of the application's public routes (`[[shield.cache]]`) with mod_cache
//! (`mod_cache_socache` on shared memory), through a second, internal virtual host: the hop
//! (`planb-hop.conf`, on `shield.hop`).
//!
//! `CacheStaleOnError` swaps the stale copy in for a 5xx *response* passing the cache; planb's
//! error pages take that away on the visitor's host (`ProxyErrorOverride` drops the
//! application's 5xx before the cache sees it, a local `ErrorDocument` is an internal redirect
//! the cache never sees; read in httpd 2.4's modules/cache/mod_cache.c). So the cached prefixes'
//! public GET and HEAD requests go to the hop, which answers the application's errors, and its
//! being down or slow, with planb's pages and their status: a response the cache sees. The
//! visitor's host lets those through (`ProxyErrorOverride Off`, for exactly those requests).
//!
//! The traps this avoids:
//! - mod_cache has no `stale_if_error`: a copy lives in the store until `CacheSocacheMinTime`
//!   past its freshness, so that is set to the policy's `stale_if_error` per prefix; the hop
//!   writes the policy's `Cache-Control` on the application's 200 answers, so the freshness is
//!   the policy's `max_age`.
//! - The cache's quick handler answers before any other module: a request with `Authorization`
//!   or a session cookie would get the shared copy. With `CacheQuickHandler Off`, such a request
//!   gets `Cache-Control: no-store` (mod_headers runs before the cache's handler), which makes
//!   mod_cache neither answer nor store it; it goes to the application like any other request
//!   (with admission, counted), never through the hop.
//! - mod_cache stores an answer with `Set-Cookie`: the hop adds `private` to its `Cache-Control`.
//! - `CacheLock` collapses the refreshes of an expired copy (the others get the stale one), not
//!   cold misses: concurrent misses of a new URL each reach the application.

use std::fmt::Write as _;

use super::quoting::quote;
use crate::targets::EdgeSite;
use crate::targets::shield::CachedRoute;

/// The hop's file, included at server level (it holds a `Listen`).
pub const HOP_FILE: &str = "planb-hop.conf";

/// The modules the cache needs, with their file under Debian's module folder.
pub const MODULES: &[(&str, &str)] = &[
    ("cache_module", "mod_cache.so"),
    ("cache_socache_module", "mod_cache_socache.so"),
    ("socache_shmcb_module", "mod_socache_shmcb.so"),
];

/// Cookie names taken for a session (as nginx's and Varnish's): such a request is never
/// answered from the cache nor stored.
const SESSION_COOKIES: &str =
    "sid|session|sessionid|phpsessid|jsessionid|connect\\.sid|[a-z0-9_]*_session";

/// An `ap_expr` true for a request the cache may answer: GET or HEAD, no `Authorization`, no
/// session cookie.
fn shared_request() -> String {
    format!(
        "%{{REQUEST_METHOD}} in {{'GET', 'HEAD'}} && -z req('Authorization') \
         && ! req('Cookie') =~ /(^|; *)({SESSION_COOKIES})=/i"
    )
}

/// The `RewriteRule` pattern of a cached prefix.
fn pattern(route: &CachedRoute) -> String {
    format!("^{}(.*)$", route.path.replace('.', "\\."))
}

/// Seconds a copy stays in the store past its freshness: the policy's `stale_if_error`.
fn stale_seconds(route: &CachedRoute) -> u32 {
    route.policy.stale_if_error.unwrap_or(0)
}

/// The visitor's host's part (in `planb.conf`, before admission's routing): the cache, and the
/// rule that sends the cached prefixes' shared requests to the hop.
pub fn snippet_text(site: &EdgeSite) -> String {
    if site.shield.cache.is_empty() {
        return String::new();
    }
    let shared = shared_request();
    let mut out = format!(
        "\n# [[shield.cache]]: the public GET and HEAD answers of these prefixes, cached stale-first\n\
         # (mod_cache_socache), fetched through the hop ({HOP_FILE}, on {hop}), which answers the\n\
         # application's failures with planb's pages: the cache sees them and keeps its stale copy.\n\
         # After mod_headers (below), so a private request gets no shared copy.\n\
         CacheQuickHandler Off\n\
         # Concurrent requests for an expired copy get it while one request refreshes it.\n\
         CacheLock On\n\
         CacheSocache shmcb\n",
        hop = site.shield.hop,
    );
    for route in &site.shield.cache {
        let _ = write!(
            out,
            "<Location {path}>\n\
             \x20   CacheEnable socache\n\
             \x20   CacheStaleOnError On\n\
             \x20   # Kept {stale} s past its freshness (the policy's stale_if_error), then gone.\n\
             \x20   CacheSocacheMinTime {stale}\n\
             \x20   # A private request: neither answered from the cache nor stored.\n\
             \x20   RequestHeader set Cache-Control no-store {private}\n\
             \x20   # The hop's answers, planb's pages included, reach the cache as they are.\n\
             \x20   <If {shared_q}>\n\
             \x20       ProxyErrorOverride Off\n\
             \x20   </If>\n\
             </Location>\n",
            path = quote(&route.path),
            stale = stale_seconds(route),
            private = quote(&format!("expr=!({shared})")),
            shared_q = quote(&shared),
        );
    }
    out.push_str("RewriteEngine On\n");
    for route in &site.shield.cache {
        let _ = write!(
            out,
            "RewriteCond expr {}\n\
             RewriteRule {} {} [P,L]\n",
            quote(&shared),
            quote(&pattern(route)),
            quote(&format!("http://{}{}$1", site.shield.hop, route.path)),
        );
    }
    out
}

/// `planb-hop.conf`: the hop's `Listen` and virtual host. `pages` is what it takes to answer
/// the application's errors with planb's pages (the snippet's pages part and the normal mode's
/// `ErrorDocument` lines, without admission).
pub fn hop_text(site: &EdgeSite, pages: &str) -> String {
    let hop = &site.shield.hop;
    let t = site.edge.timeout;
    let mut out = format!(
        "# planb's cache hop for Apache httpd (generated; do not edit): the virtual host between\n\
         # the cache of the [[shield.cache]] prefixes and the application (see README.md).\n\
         # Include it once at server level, outside any <VirtualHost> (it holds a Listen):\n\
         #     Include /etc/apache2/planb/{HOP_FILE}\n\
         Listen {qhop}\n\
         <VirtualHost {qhop}>\n\
         \x20   # Each prefix's policy on the application's answers the cache may keep; an answer\n\
         \x20   # with Set-Cookie is private, whatever the application said.\n",
        qhop = quote(hop),
    );
    for route in &site.shield.cache {
        let _ = write!(
            out,
            "    <Location {}>\n\
             \x20       Header unset Cache-Control {keep}\n\
             \x20       Header always set Cache-Control {} {keep}\n\
             \x20   </Location>\n",
            quote(&route.path),
            quote(&route.policy.header()),
            keep = "\"expr=%{REQUEST_STATUS} == 200 && -z resp('Set-Cookie')\"",
        );
    }
    out.push_str(
        "    Header always merge Cache-Control private \"expr=-n resp('Set-Cookie')\"\n\n",
    );
    for line in pages.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "    {line}");
        }
    }
    let _ = write!(
        out,
        "\n    # Down (refused): 503; no answer within {t} s: 502; each with planb's page, which the\n\
         \x20   # cache in front answers with its stale copy while it has one. Last: planb's pages\n\
         \x20   # (above) are never proxied.\n\
         \x20   ProxyPass \"/\" {upstream} connectiontimeout={t} timeout={t} retry=0\n\
         \x20   ProxyPreserveHost On\n\
         </VirtualHost>\n",
        upstream = quote(&format!("http://{}/", site.edge.upstream)),
    );
    out
}
