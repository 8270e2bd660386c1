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
}

pub(super) fn readme(site: &EdgeSite) -> Result<OutputFile, Diagnostic> {
    let context = Context {
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
    };
    crate::targets::readme::render(FOLDER, include_str!("README.md.tera"), &context)
}
