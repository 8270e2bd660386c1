//! `README.md`: install, modes, pages, what was translated and the limits, from
//! `README.md.tera` and the values below.

use serde::Serialize;

use super::{DIR, example, modes::SWITCH};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::{EdgeSite, readme};

/// What lighttpd answers itself when the application refuses the connection, and when it is too slow.
pub const DOWN_STATUS: u16 = 503;
pub const TIMEOUT_STATUS: u16 = 504;

#[derive(Serialize)]
struct Page<'a> {
    status: u16,
    url: &'a str,
}

#[derive(Serialize)]
struct Context<'a> {
    mode: &'a str,
    root: &'a str,
    listen: &'a str,
    upstream: &'a str,
    prefix: &'a str,
    timeout: u32,
    grace: u32,
    landing: Option<&'a str>,
    overflow: Option<&'a str>,
    pages: Vec<Page<'a>>,
    switch: Vec<String>,
    down_status: u16,
    timeout_status: u16,
    max_fds: u32,
    max_connections: u32,
    /// `site.languages`, the default first.
    languages: &'a [String],
    /// Whether pages have JSON twins.
    twins: bool,
}

pub fn readme(site: &EdgeSite) -> Result<OutputFile, Diagnostic> {
    let e = &site.edge;
    let context = Context {
        mode: site.mode.name(),
        root: &site.root,
        listen: &e.listen,
        upstream: &e.upstream,
        prefix: &e.prefix,
        timeout: e.timeout,
        grace: e.timeout + 1,
        landing: site.landing().map(|p| p.url.as_str()),
        overflow: site.overflow_or_503().map(|p| p.url.as_str()),
        pages: site
            .error_pages()
            .into_iter()
            .map(|p| Page {
                status: p.status,
                url: &p.url,
            })
            .collect(),
        switch: ["overflow", "landing", "normal"]
            .iter()
            .map(|m| SWITCH.replace("<mode>", m))
            .collect(),
        down_status: DOWN_STATUS,
        timeout_status: TIMEOUT_STATUS,
        max_fds: example::MAX_FDS,
        max_connections: example::MAX_CONNECTIONS,
        languages: &site.languages,
        twins: site.has_twins(),
    };
    readme::render(DIR, include_str!("README.md.tera"), &context)
}
