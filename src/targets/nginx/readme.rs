//! `README.md`: how to install the snippet, switch modes and what was translated, rendered from
//! `README.md.tera` with the values below; the text itself lives in the template.

use serde::Serialize;

use super::modes::intercepted;
use super::{FOLDER, OVERFLOW_LOCATION};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;
use crate::targets::readme::render;

/// What the README says of this site.
#[derive(Serialize)]
struct Readme<'a> {
    root: &'a str,
    timeout: u32,
    listen: &'a str,
    upstream: &'a str,
    prefix: &'a str,
    /// The landing page's URL, if the site has one.
    landing: Option<&'a str>,
    /// The page overflow mode answers with, if any.
    overflow: Option<&'a str>,
    /// The statuses nginx maps to a page, with the page.
    pages: Vec<Row<'a>>,
    /// The 408 page, served only at its own URL.
    passed_through_408: Option<&'a str>,
    precompressed: bool,
    overflow_location: &'a str,
}

#[derive(Serialize)]
struct Row<'a> {
    status: u16,
    url: &'a str,
}

pub fn file(site: &EdgeSite) -> Result<OutputFile, Diagnostic> {
    let e = &site.edge;
    let context = Readme {
        root: &site.root,
        timeout: e.timeout,
        listen: &e.listen,
        upstream: &e.upstream,
        prefix: &e.prefix,
        landing: site.landing().map(|p| p.url.as_str()),
        overflow: site.overflow_or_503().map(|p| p.url.as_str()),
        pages: intercepted(site)
            .map(|p| Row {
                status: p.status,
                url: &p.url,
            })
            .collect(),
        passed_through_408: site.error_page(408).map(|p| p.url.as_str()),
        precompressed: site.precompressed,
        overflow_location: OVERFLOW_LOCATION,
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
