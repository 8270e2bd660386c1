//! CloudFront's quotas and rules that planb can know at build time: a response headers policy's
//! Content-Security-Policy length, a function's size, the cache behaviors of a distribution and
//! the cache policies of an account, and what a path pattern may hold. Beyond them CloudFront
//! would refuse the deployment, the night it is needed: the build fails instead, saying which
//! page or route and why.

use super::cached_routes::pattern;
use super::header_policies::Group;
use super::{MAX_BEHAVIORS, MAX_CACHE_POLICIES, MAX_CSP, MAX_FUNCTION, MAX_PATH_PATTERN};
use crate::config::FILE_NAME;
use crate::diag::{Diagnostic, Diagnostics};
use crate::targets::EdgeSite;

/// One problem per group whose Content-Security-Policy a policy cannot hold.
pub fn too_long_policies(groups: &[Group]) -> Diagnostics {
    let mut problems = Vec::new();
    for g in groups {
        if let Some((_, csp)) = g
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-security-policy"))
            && csp.len() > MAX_CSP
        {
            problems.push(
                Diagnostic::new(
                    FILE_NAME,
                    format!(
                        "cloudfront: the Content-Security-Policy of {} has {} characters; a CloudFront response headers policy takes at most {MAX_CSP}",
                        g.pages[0].url,
                        csp.len()
                    ),
                )
                .help("inline fewer scripts and styles (each adds a hash to the policy), or remove \"cloudfront\" from `edge.targets`"),
            );
        }
    }
    problems
}

/// One problem per function (file name, code) over CloudFront's size limit.
pub fn too_long_functions(functions: &[(&str, String)]) -> Diagnostics {
    functions
        .iter()
        .filter(|(_, code)| code.len() > MAX_FUNCTION)
        .map(|(name, code)| {
            Diagnostic::new(
                FILE_NAME,
                format!(
                    "cloudfront: functions/{name} would have {} bytes; a CloudFront Function has at most {MAX_FUNCTION}",
                    code.len()
                ),
            )
            .help("shorten the overflow page's headers, or remove \"cloudfront\" from `edge.targets`")
        })
        .collect()
}

/// One problem per `[[shield.cache]]` route CloudFront would refuse or could not cache, and one
/// if planb's behaviors (`pages`, their path patterns) and the routes' are more than a
/// distribution takes, or their cache policies more than an account takes.
pub fn cached_route_problems(site: &EdgeSite, pages: &[String]) -> Diagnostics {
    let routes = &site.shield.cache;
    let mut problems = Vec::new();
    for (i, route) in routes.iter().enumerate() {
        if route.policy.max_age == Some(0) {
            problems.push(
                Diagnostic::new(
                    FILE_NAME,
                    format!(
                        "cloudfront: the cache policy of `{}` has max_age = 0; a CloudFront cache policy whose TTLs are all 0 caches nothing, so no stale copy would ever exist",
                        route.path
                    ),
                )
                .help("give the route's policy a max_age of at least 1 second, or remove the route from [[shield.cache]]"),
            );
        }
        if routes[..i].iter().any(|r| r.path == route.path) {
            problems.push(
                Diagnostic::new(
                    FILE_NAME,
                    format!(
                        "cloudfront: `{}` is in [[shield.cache]] twice; a distribution takes one cache behavior per path pattern",
                        route.path
                    ),
                )
                .help("keep one [[shield.cache]] entry for each path"),
            );
        }
    }
    let patterns: Vec<String> = pages
        .iter()
        .cloned()
        .chain(routes.iter().map(pattern))
        .collect();
    for p in &patterns {
        if let Some(why) = path_pattern_problem(p) {
            problems.push(
                Diagnostic::new(FILE_NAME, format!("cloudfront: the path pattern `{}` {why}", p.escape_debug()))
                    .help("CloudFront's path patterns take at most 255 characters among A-Z a-z 0-9 _ - . * $ / ~ \" ' @ : + &"),
            );
        }
    }
    if patterns.len() > MAX_BEHAVIORS {
        problems.push(
            Diagnostic::new(
                FILE_NAME,
                format!(
                    "cloudfront: the distribution would have {} cache behaviors ({} for planb's pages, {} for [[shield.cache]]); CloudFront takes {MAX_BEHAVIORS} unless AWS raises the quota",
                    patterns.len(),
                    pages.len(),
                    routes.len()
                ),
            )
            .help("cache fewer prefixes (a shorter prefix covers several), give more pages the same headers, or remove \"cloudfront\" from `edge.targets`"),
        );
    }
    // planb's pages have a cache policy of their own.
    if 1 + routes.len() > MAX_CACHE_POLICIES {
        problems.push(
            Diagnostic::new(
                FILE_NAME,
                format!(
                    "cloudfront: planb would create {} cache policies (one for its pages, one per [[shield.cache]] route); an AWS account takes {MAX_CACHE_POLICIES} unless AWS raises the quota",
                    1 + routes.len()
                ),
            )
            .help("cache fewer prefixes, or remove \"cloudfront\" from `edge.targets`"),
        );
    }
    problems
}

/// Why CloudFront would refuse `pattern` as a path pattern (Developer Guide, "Path pattern"):
/// at most 255 characters, from a short list.
fn path_pattern_problem(pattern: &str) -> Option<String> {
    if pattern.len() > MAX_PATH_PATTERN {
        return Some(format!(
            "has {} characters; CloudFront takes at most {MAX_PATH_PATTERN}",
            pattern.len()
        ));
    }
    pattern
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_-.*$/~\"'@:+&".contains(*c)))
        .map(|c| {
            format!(
                "holds `{}`, which CloudFront refuses in a path pattern",
                c.escape_debug()
            )
        })
}
