//! `[[shield.cache]]` on CloudFront: one `ordered_cache_behavior` per prefix on the application's
//! origin, with its own `aws_cloudfront_cache_policy` whose TTLs are the route's policy.
//!
//! What CloudFront does and planb relies on (CloudFront Developer Guide: "Manage how long
//! content stays in the cache", "How CloudFront processes HTTP 4xx and 5xx status codes from your
//! origin", "Request and response behavior for custom origins", "Cache content based on cookies"):
//! - It caches GET and HEAD answers only, and collapses simultaneous misses for one cache key
//!   into one origin request ("simultaneous requests for the same object").
//! - An expired copy in the cache wins over the custom error response when the origin answers
//!   5xx or does not answer: CloudFront serves it, within the answer's own `stale-if-error`.
//!   Without a copy (never fetched, or evicted) the custom error response applies: planb's page.
//! - `stale-while-revalidate` and `stale-if-error` exist only in the origin's `Cache-Control`: a
//!   cache policy has no setting for them, so the application must send the route's
//!   Cache-Control (the README says which); the policy's TTLs bound the fresh time only.
//!
//! The traps this avoids:
//! - A cache policy cannot bypass the cache on a header or a cookie, so a request with a session
//!   cookie or `Authorization` cannot be kept out of it. Instead these behaviours forward neither
//!   (no cookie, no header in the cache key, no origin request policy): CloudFront strips
//!   `Cookie` and, on GET and HEAD, `Authorization` before the application sees the request, and
//!   strips `Set-Cookie` from the answers. The application can only answer these routes publicly;
//!   what is private must not live under them (the README says so).
//! - `min_ttl` above 0 would make CloudFront cache answers marked `no-store`, `no-cache` or
//!   `private` for that long: it is 0, so the application keeps a way to refuse caching.
//! - Query strings are in the cache key (all of them): without them CloudFront would drop the
//!   query string and answer `?page=2` with page 1.
//! - CloudFront takes the first behaviour that matches: planb's pages come first, so no prefix of
//!   the application can take them, and the longer prefixes of the application come before the
//!   shorter ones that contain them (as nginx's longest-prefix match does).
//! - The mode functions are associated with these behaviours too: overflow mode answers every
//!   request with the overflow page, the cached routes included.

use std::fmt::Write as _;

use super::APP_ORIGIN;
use crate::targets::EdgeSite;
use crate::targets::hcl::hcl;
use crate::targets::shield::CachedRoute;

/// The path pattern of a cached prefix.
pub fn pattern(route: &CachedRoute) -> String {
    format!("{}*", route.path)
}

/// The cached routes with the number of their cache policy (1-based, in `planb.toml`'s order),
/// in the order CloudFront must see them: longer prefixes first, so that a prefix inside another
/// keeps its own policy.
pub fn ordered(site: &EdgeSite) -> Vec<(usize, &CachedRoute)> {
    let mut routes: Vec<(usize, &CachedRoute)> = site
        .shield
        .cache
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r))
        .collect();
    routes.sort_by_key(|(_, r)| std::cmp::Reverse(r.path.len()));
    routes
}

/// The TTLs of a route's cache policy: (min, default, max).
pub fn ttls(route: &CachedRoute) -> (u32, u32, u32) {
    let max_age = route.policy.max_age.unwrap_or(0);
    // min 0: an answer marked no-store, no-cache or private is not cached. default: an answer
    // without Cache-Control or Expires is fresh max_age. max: a longer max-age from the
    // application is cut to the route's policy.
    (0, max_age, max_age)
}

/// One cache policy per cached route.
pub fn cache_policies(out: &mut String, site: &EdgeSite) {
    for (n, route) in site.shield.cache.iter().enumerate() {
        let (min, default, max) = ttls(route);
        let _ = write!(
            out,
            "# {path}: the application's public answers, fresh {max} s at most. stale-while-revalidate and\n\
             # stale-if-error come from the application's own Cache-Control (a cache policy has no\n\
             # setting for them): it must send `{header}`.\n\
             # No cookie and no header in the key, so none reaches the application (see README.md).\n\
             resource \"aws_cloudfront_cache_policy\" \"planb_cache_{n}\" {{\n  name        = \"${{var.planb_name}}-cache-{n}\"\n  comment     = {comment}\n  min_ttl     = {min}\n  default_ttl = {default}\n  max_ttl     = {max}\n\n  parameters_in_cache_key_and_forwarded_to_origin {{\n    enable_accept_encoding_brotli = true\n    enable_accept_encoding_gzip   = true\n    cookies_config {{\n      cookie_behavior = \"none\"\n    }}\n    headers_config {{\n      header_behavior = \"none\"\n    }}\n    query_strings_config {{\n      query_string_behavior = \"all\"\n    }}\n  }}\n}}\n\n",
            path = route.path,
            header = route.policy.header(),
            n = n + 1,
            comment = hcl(&format!("planb: {}", route.path)),
        );
    }
}

/// The cached routes' behaviours, in `ordered` order, each with the mode functions
/// (`associations`, the same block as the default behavior's).
pub fn behaviors(out: &mut String, site: &EdgeSite, associations: &str) {
    let routes = ordered(site);
    if routes.is_empty() {
        return;
    }
    out.push_str(
        "  # [[shield.cache]]: the application's public routes, cached by CloudFront, after planb's\n  # pages (the first behavior that matches wins) and longest prefix first. Every method reaches\n  # the application; only GET and HEAD answers are cached. No origin request policy: only the\n  # cache key's values (the query string) reach the application, never a cookie or Authorization.\n",
    );
    for (n, route) in routes {
        let _ = writeln!(
            out,
            "  ordered_cache_behavior {{\n    path_pattern           = {pattern}\n    target_origin_id       = \"{APP_ORIGIN}\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"DELETE\", \"GET\", \"HEAD\", \"OPTIONS\", \"PATCH\", \"POST\", \"PUT\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    compress               = true\n    cache_policy_id        = aws_cloudfront_cache_policy.planb_cache_{n}.id\n\n{associations}  }}\n",
            pattern = hcl(&pattern(route)),
        );
    }
}
