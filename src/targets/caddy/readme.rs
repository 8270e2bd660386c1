//! The values `README.md.tera` shows, computed once from the site: the template holds the text,
//! this only says what the site has (its statuses, its landing and overflow pages, or their lack).

use serde::Serialize;

use super::{ADMIN_DEFAULT, ADMIN_ENV, EXAMPLE, FOLDER, MODE_FILE, SNIPPET};
use super::{admission, example};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;
use crate::targets::readme::render;
use crate::targets::shield::COOKIE;

/// `[shield]`'s admission numbers, as the README shows them.
#[derive(Serialize)]
struct AdmissionView {
    capacity: u32,
    strangers: u32,
    reserved: u32,
    admitted_for: u32,
}

#[derive(Serialize)]
struct Context<'a> {
    snippet: &'a str,
    mode_file: &'a str,
    example: &'a str,
    admin_env: &'a str,
    admin_default: &'a str,
    mode: &'a str,
    listen: &'a str,
    upstream: &'a str,
    root: &'a str,
    timeout: u32,
    prefix: &'a str,
    statuses: String,
    landing: String,
    overflow: String,
    admission: Option<AdmissionView>,
    holders_address: String,
    cookie: &'a str,
    log_file: &'a str,
    log_roll: &'a str,
    /// `site.languages`, the default first.
    languages: &'a [String],
}

pub fn readme(site: &EdgeSite) -> Result<OutputFile, Diagnostic> {
    let mut statuses: Vec<String> = site
        .error_pages()
        .iter()
        .map(|p| p.status.to_string())
        .collect();
    if statuses.is_empty() {
        statuses.push("(none)".to_owned());
    }
    let landing = site
        .landing()
        .map(|p| p.url.clone())
        .unwrap_or_else(|| "(no landing page: landing mode is normal mode)".to_owned());
    let overflow = site.overflow().map(|p| p.url.clone()).unwrap_or_else(|| {
        "(no overflow page: overflow mode answers 503 with the 503 page)".to_owned()
    });
    let context = Context {
        snippet: SNIPPET,
        mode_file: MODE_FILE,
        example: EXAMPLE,
        admin_env: ADMIN_ENV,
        admin_default: ADMIN_DEFAULT,
        mode: site.mode.name(),
        listen: &site.edge.listen,
        upstream: &site.edge.upstream,
        root: &site.root,
        timeout: site.edge.timeout,
        prefix: &site.edge.prefix,
        statuses: statuses.join(", "),
        landing,
        overflow,
        admission: site.shield.admission.map(|a| AdmissionView {
            capacity: a.capacity,
            strangers: a.strangers,
            reserved: admission::reserved(&a),
            admitted_for: a.admitted_for,
        }),
        holders_address: admission::holders_address(&site.edge.upstream),
        cookie: COOKIE,
        log_file: example::LOG_FILE,
        log_roll: example::LOG_ROLL,
        languages: &site.languages,
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
