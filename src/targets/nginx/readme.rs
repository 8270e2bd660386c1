//! `README.md`: how to install the snippet, switch modes and what was translated, rendered from
//! `README.md.tera` with the values below; the text itself lives in the template.

use serde::Serialize;

use super::modes::intercepted;
use super::{FOLDER, admission, example, stale};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;
use crate::targets::readme::{Facts, Row, render};
use crate::targets::shield::COOKIE;

/// What the README says of this site.
#[derive(Serialize)]
struct Readme<'a> {
    #[serde(flatten)]
    site: Facts<'a>,
    /// The statuses nginx maps to a page, with the page.
    pages: Vec<Row<'a>>,
    /// The 408 page, served only at its own URL.
    passed_through_408: Option<&'a str>,
    worker_connections: u32,
    worker_files: u32,
    backlog: u32,
    /// Admission control, when `[shield].capacity` is set.
    admission: Option<AdmissionFacts>,
    /// The `proxy_cache_path` lines for `[[shield.cache]]`, under /var/cache/nginx.
    cache_paths: String,
    cached: Vec<Cached<'a>>,
    /// `shield.hop`, where the cache's second server listens.
    hop: &'a str,
    session_cookies: &'static str,
}

/// A cached prefix, the `Cache-Control` the hop writes for it, and how long its copy stays after
/// the last request.
#[derive(Serialize)]
struct Cached<'a> {
    path: &'a str,
    header: String,
    inactive: u32,
}

#[derive(Serialize)]
struct AdmissionFacts {
    capacity: u32,
    strangers: u32,
    reserved: u32,
    admitted_for: u32,
    cookie: &'static str,
    secret_env: &'static str,
    secret_min: usize,
    js_module: &'static str,
}

pub fn file(site: &EdgeSite) -> Result<OutputFile, Diagnostic> {
    let context = Readme {
        site: Facts::of(site),
        pages: intercepted(site).map(Row::of).collect(),
        passed_through_408: site.error_page(408).map(|p| p.url.as_str()),
        worker_connections: example::WORKER_CONNECTIONS,
        worker_files: example::WORKER_FILES,
        backlog: example::BACKLOG,
        admission: site.shield.admission.map(|a| AdmissionFacts {
            capacity: a.capacity,
            strangers: a.strangers,
            reserved: a.capacity - a.strangers,
            admitted_for: a.admitted_for,
            cookie: COOKIE,
            secret_env: crate::targets::shield::SECRET_ENV,
            secret_min: crate::targets::shield::SECRET_MIN,
            js_module: admission::JS_MODULE,
        }),
        cache_paths: stale::cache_paths(site, "/var/cache/nginx/planb"),
        cached: site
            .shield
            .cache
            .iter()
            .map(|r| Cached {
                path: &r.path,
                header: r.policy.header(),
                inactive: stale::inactive(r),
            })
            .collect(),
        hop: &site.shield.hop,
        session_cookies: stale::SESSION_COOKIES,
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
