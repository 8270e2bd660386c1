//! `README.md`: `README.md.tera` rendered with what this site makes of it (its pages, their
//! files, the statuses covered, the buffer's limits).

use serde::Serialize;

use super::FOLDER;
use super::errorfile::{BUFSIZE, MAXREWRITE};
use super::replies::Reply;
use super::shield::{SECRET, SUPPORT};
use super::snippet::OWN_STATUSES;
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;
use crate::targets::shield::{COOKIE, Support};

#[derive(Serialize)]
struct Context<'a> {
    listen: &'a str,
    upstream: &'a str,
    timeout: u32,
    replies: Vec<Row<'a>>,
    statuses: Vec<u16>,
    landing: Option<&'a str>,
    overflow: Option<&'a str>,
    bufsize: usize,
    maxrewrite: usize,
    own_statuses: &'static [u16],
    admission: Option<Numbers>,
    cookie: &'static str,
    secret: &'static str,
    /// The `[[shield.cache]]` prefixes, which HAProxy does not cache.
    cached: Vec<&'a str>,
    server_options: String,
    admission_limit: &'static str,
    cache_limit: &'static str,
    /// `site.languages`, the default first.
    languages: &'a [String],
}

/// `[shield]`'s admission numbers, as the README says them.
#[derive(Serialize)]
struct Numbers {
    capacity: u32,
    strangers: u32,
    reserved: u32,
    admitted_for: u32,
}

/// The reason a `Support` gives.
fn why(support: Support) -> &'static str {
    match support {
        Support::Full => "",
        Support::Approximate(why) | Support::None(why) => why,
    }
}

/// One page's line in the table of files.
#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    url: &'a str,
    kind: &'static str,
    status: u16,
    /// Whether it is a page's JSON twin (answered only where its page is, for an app).
    json: bool,
}

pub(super) fn readme(site: &EdgeSite, replies: &[Reply]) -> Result<OutputFile, Diagnostic> {
    let context = Context {
        languages: &site.languages,
        listen: &site.edge.listen,
        upstream: &site.edge.upstream,
        timeout: site.edge.timeout,
        replies: replies
            .iter()
            .map(|r| Row {
                name: &r.name,
                url: &r.page.url,
                kind: r.page.kind.name(),
                status: r.page.status,
                json: !r.own_url,
            })
            .collect(),
        statuses: site.error_pages().iter().map(|p| p.status).collect(),
        landing: site.landing().map(|p| p.url.as_str()),
        overflow: site.overflow().map(|p| p.url.as_str()),
        bufsize: BUFSIZE,
        maxrewrite: MAXREWRITE,
        own_statuses: &OWN_STATUSES,
        admission: site.shield.admission.map(|a| Numbers {
            capacity: a.capacity,
            strangers: a.strangers,
            reserved: a.capacity - a.strangers,
            admitted_for: a.admitted_for,
        }),
        cookie: COOKIE,
        secret: SECRET,
        cached: site.shield.cache.iter().map(|r| r.path.as_str()).collect(),
        server_options: super::shield::server_options(site),
        admission_limit: why(SUPPORT.admission),
        cache_limit: why(SUPPORT.cache),
    };
    crate::targets::readme::render(FOLDER, include_str!("README.md.tera"), &context)
}
