//! The values `README.md.tera` shows, computed once from the site: which statuses CloudFront
//! answers with a page and which it cannot, how many policies and behaviors the headers need,
//! and the mode functions the site has.

use serde::Serialize;

use super::error_responses::expressible;
use super::header_policies::{Group, default_group};
use super::{ERROR_CODES, FOLDER, MAX_CSP, MAX_FUNCTION, MAX_ORIGIN_TIMEOUT, PAGES_ORIGIN};
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
    let behaviors = 1 + groups
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != default_group(groups))
        .map(|(_, g)| g.pages.len())
        .sum::<usize>();
    let context = Context {
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
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
