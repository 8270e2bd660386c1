//! The values `README.md.tera` shows, computed once from the site: which statuses CloudFront
//! answers with a page and which it cannot, how many policies and behaviors the headers need,
//! and the mode functions the site has.

use serde::Serialize;

use super::cached_routes::{ordered, pattern, ttls};
use super::error_responses::expressible;
use super::header_policies::Group;
use super::terraform::pages_patterns;
use super::{
    ERROR_CODES, FOLDER, MAX_BEHAVIORS, MAX_CSP, MAX_FUNCTION, MAX_ORIGIN_TIMEOUT, PAGES_ORIGIN,
};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;
use crate::targets::readme::render;

#[derive(Serialize)]
struct Context<'a> {
    prefix: &'a str,
    timeout: u32,
    max_origin_timeout: u32,
    codes: String,
    pages: Vec<ErrorPage<'a>>,
    /// The error pages CloudFront cannot customise, `429 (`URL`)`, joined; empty when none.
    not_expressible: String,
    groups: usize,
    behaviors: usize,
    landing: Option<&'a str>,
    overflow: Option<Overflow<'a>>,
    pages_origin: &'a str,
    max_csp: usize,
    max_function: usize,
    /// The landing page's URL for the `curl` check (the usual one when the site has none).
    landing_check: String,
    /// `[[shield.cache]]`, in the order of their behaviors.
    cached: Vec<Cached>,
    /// A cached route's prefix for the `curl` check.
    cached_check: &'a str,
    max_behaviors: usize,
    /// `site.languages`, the default first.
    languages: &'a [String],
    /// Whether pages have JSON twins.
    twins: bool,
}

#[derive(Serialize)]
struct Cached {
    pattern: String,
    policy: usize,
    max_age: u32,
    /// The Cache-Control the application must send on the route.
    header: String,
}

#[derive(Serialize)]
struct ErrorPage<'a> {
    status: u16,
    url: &'a str,
    ttl: u32,
}

#[derive(Serialize)]
struct Overflow<'a> {
    url: &'a str,
    status: u16,
    retry: String,
}

pub fn readme(site: &EdgeSite, groups: &[Group]) -> Result<OutputFile, Diagnostic> {
    let prefix = &site.edge.prefix;
    let not_expressible: Vec<String> = site
        .error_pages()
        .into_iter()
        .filter(|p| !ERROR_CODES.contains(&p.status))
        .map(|p| format!("{} (`{}`)", p.status, p.url))
        .collect();
    let behaviors = pages_patterns(site, groups).len();
    let context = Context {
        languages: &site.languages,
        twins: site.has_twins(),
        prefix,
        timeout: site.edge.timeout,
        max_origin_timeout: MAX_ORIGIN_TIMEOUT,
        codes: ERROR_CODES.map(|c| c.to_string()).join(", "),
        pages: expressible(site)
            .into_iter()
            .map(|p| ErrorPage {
                status: p.status,
                url: &p.url,
                ttl: p.policy.edge_ttl(),
            })
            .collect(),
        not_expressible: not_expressible.join(", "),
        groups: groups.len(),
        behaviors,
        landing: site.landing().map(|p| p.url.as_str()),
        overflow: site.overflow().map(|p| Overflow {
            url: &p.url,
            status: p.status,
            retry: p.retry_after.map_or("none".to_owned(), |r| r.to_string()),
        }),
        pages_origin: PAGES_ORIGIN,
        max_csp: MAX_CSP,
        max_function: MAX_FUNCTION,
        landing_check: site
            .landing()
            .map_or(format!("{prefix}/landing.html"), |p| p.url.clone()),
        cached: ordered(site)
            .into_iter()
            .map(|(n, r)| Cached {
                pattern: pattern(r),
                policy: n,
                max_age: ttls(r).2,
                header: r.policy.header(),
            })
            .collect(),
        cached_check: site.shield.cache.first().map_or("", |r| r.path.as_str()),
        max_behaviors: MAX_BEHAVIORS,
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
