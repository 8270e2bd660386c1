//! `README.md`: how to install the snippet, switch modes and what was translated, rendered from
//! `README.md.tera` with the values below; the text itself lives in the template.

use serde::Serialize;

use super::FOLDER;
use super::example::MODULE_DIR;
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
    module_dir: &'a str,
    /// The landing page's URL, if the site has one.
    landing: Option<&'a str>,
    /// The page overflow mode answers with, if any.
    overflow: Option<&'a str>,
    /// Each status with a page, and the page.
    pages: Vec<Row<'a>>,
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
        module_dir: MODULE_DIR,
        landing: site.landing().map(|p| p.url.as_str()),
        overflow: site.overflow_or_503().map(|p| p.url.as_str()),
        pages: site
            .error_pages()
            .into_iter()
            .map(|p| Row {
                status: p.status,
                url: &p.url,
            })
            .collect(),
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
