//! `config/<host>/README.md`: the values `README.md.tera` shows, computed here, so that the text
//! reads as the user reads it. One template serves both hosts: most of it is the same, and what
//! differs (deploy command, headers the platform adds, limits) is a branch on `netlify`.

use serde::Serialize;

use super::{Dialect, EdgeSite, Host, cloudflare, destination, pretty_url};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::Mode;
use crate::targets::readme::render;

#[derive(Serialize)]
struct Context {
    /// The platform as its users call it.
    title: &'static str,
    /// Netlify's README (else Cloudflare Pages').
    netlify: bool,
    /// Cloudflare Pages is enabled: the shared files keep to what it accepts.
    shared: bool,
    /// The mode this build wrote the files for.
    mode: &'static str,
    /// Every mode, in the order the README describes them.
    modes: Vec<&'static str>,
    deploy: &'static str,
    /// Where landing mode sends the home, or a note that the site has no landing page.
    landing: String,
    has_404: bool,
    overflow: Option<Overflow>,
    /// The header rules of normal mode, for Cloudflare Pages' limit.
    rules: usize,
    limits: Limits,
    /// `site.languages`, the default first.
    languages: Vec<String>,
    /// `edge.cloudflare_pages_worker`: overflow mode runs `_worker.js` on Cloudflare Pages.
    worker: bool,
    /// Whether pages have JSON twins.
    twins: bool,
}

#[derive(Serialize)]
struct Overflow {
    url: String,
    status: u16,
    /// Where the shared rewrite points: the URL Cloudflare Pages serves without a 308.
    rewrite: String,
}

/// Cloudflare Pages' documented limits, as the README lists them.
#[derive(Serialize)]
struct Limits {
    header_rules: usize,
    header_line: usize,
    static_redirects: usize,
    dynamic_redirects: usize,
    redirect_line: usize,
}

/// The README of `host` for `site`, the shared files being written in `dialect`.
pub(super) fn file(
    site: &EdgeSite,
    host: Host,
    dialect: Dialect,
) -> Result<OutputFile, Diagnostic> {
    render(
        host.folder(),
        include_str!("README.md.tera"),
        &context(site, host, dialect),
    )
}

fn context(site: &EdgeSite, host: Host, dialect: Dialect) -> Context {
    Context {
        languages: site.languages.clone(),
        worker: site.edge.cloudflare_pages_worker,
        twins: site.has_twins(),
        title: host.title(),
        netlify: host == Host::Netlify,
        shared: dialect == Dialect::Shared,
        mode: site.mode.name(),
        modes: Mode::ALL.iter().map(|m| m.name()).collect(),
        deploy: match host {
            Host::Netlify => "netlify deploy --prod --dir output/public",
            Host::CloudflarePages => {
                "npx wrangler pages deploy output/public --project-name YOUR-PROJECT"
            }
        },
        landing: site
            .landing()
            .map_or("(no landing page)".to_owned(), |p| destination(p, dialect)),
        has_404: site.error_page(404).is_some(),
        overflow: site.overflow().map(|p| Overflow {
            url: p.url.clone(),
            status: p.status,
            rewrite: pretty_url(&p.url),
        }),
        // `/*`, then two per page but the 404 page, whose headers `/*` gives.
        rules: 1 + site
            .addressable()
            .iter()
            .filter(|p| p.url != site.error_page(404).map_or("", |e| e.url.as_str()))
            .count()
            * 2,
        limits: Limits {
            header_rules: cloudflare::MAX_HEADER_RULES,
            header_line: cloudflare::MAX_HEADER_LINE,
            static_redirects: cloudflare::MAX_STATIC_REDIRECTS,
            dynamic_redirects: cloudflare::MAX_DYNAMIC_REDIRECTS,
            redirect_line: cloudflare::MAX_REDIRECT_LINE,
        },
    }
}
