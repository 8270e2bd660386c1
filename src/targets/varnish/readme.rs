//! `README.md`: `README.md.tera` rendered with what this site makes of it (where the pages are
//! read from, the statuses covered, what each mode answers).

use serde::Serialize;

use super::{FOLDER, MODE_HEADER, PAGE_HEADER};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;

#[derive(Serialize)]
struct Context<'a> {
    root: &'a str,
    listen: &'a str,
    upstream: &'a str,
    timeout: u32,
    statuses: Vec<u16>,
    has_503: bool,
    landing: Option<&'a str>,
    overflow: Option<&'a str>,
    mode_header: &'static str,
    page_header: &'static str,
    threads: &'static str,
    admission: Option<Admission>,
    cache: Vec<Route<'a>>,
    cookie: &'static str,
    secret_env: &'static str,
    secret_min: usize,
    sessions: &'static [&'static str],
    class_header: &'static str,
    refill_days: u64,
    /// `site.languages`, the default first.
    languages: &'a [String],
    /// Whether pages have JSON twins, and the header that picks them.
    twins: bool,
    format_header: &'static str,
}

#[derive(Serialize)]
struct Route<'a> {
    path: &'a str,
    ttl: u32,
    grace: u32,
}

#[derive(Serialize)]
struct Admission {
    capacity: u32,
    strangers: u32,
    reserved: u32,
    admitted_for: u32,
}

pub(super) fn readme(site: &EdgeSite) -> Result<OutputFile, Diagnostic> {
    let context = Context {
        languages: &site.languages,
        twins: site.has_twins(),
        format_header: super::format::HEADER,
        root: &site.root,
        listen: &site.edge.listen,
        upstream: &site.edge.upstream,
        timeout: site.edge.timeout,
        statuses: site.error_pages().iter().map(|p| p.status).collect(),
        has_503: site.error_page(503).is_some(),
        landing: site.landing().map(|p| p.url.as_str()),
        overflow: site.overflow().map(|p| p.url.as_str()),
        mode_header: MODE_HEADER,
        page_header: PAGE_HEADER,
        threads: super::example::THREADS,
        admission: site.shield.admission.map(|a| Admission {
            capacity: a.capacity,
            strangers: a.strangers,
            reserved: a.capacity - a.strangers,
            admitted_for: a.admitted_for,
        }),
        cache: site
            .shield
            .cache
            .iter()
            .map(|r| Route {
                path: &r.path,
                ttl: r.policy.edge_ttl(),
                grace: r
                    .policy
                    .stale_while_revalidate
                    .unwrap_or(0)
                    .max(r.policy.stale_if_error.unwrap_or(0)),
            })
            .collect(),
        cookie: crate::targets::shield::COOKIE,
        secret_env: crate::targets::shield::SECRET_ENV,
        secret_min: crate::targets::shield::SECRET_MIN,
        sessions: super::shield::SESSION_COOKIES,
        class_header: super::shield::CLASS_HEADER,
        refill_days: super::shield::REFILL_DAYS,
    };
    crate::targets::readme::render(FOLDER, include_str!("README.md.tera"), &context)
}
