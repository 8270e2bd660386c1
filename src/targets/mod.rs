//! Edge targets: for each server or CDN, the configuration that serves every page with its status,
//! headers and cache policy. Each target is a pure function of the built site (`EdgeSite`) to the
//! files it writes: `config/<target>/…` (a snippet, a complete example and a README), and for the
//! static hosts `public/_headers` and `public/_redirects`.

pub mod apache;
pub mod caddy;
pub mod cloudfront;
pub mod haproxy;
pub mod nginx;
pub mod static_hosts;
#[cfg(test)]
mod test_support;
pub mod varnish;

use std::collections::BTreeMap;

use crate::cache::Policy;
use crate::config::edge::{Edge, Target};
use crate::content::Kind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

/// What the edge does right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The real site; its errors map to planb's pages.
    #[default]
    Normal,
    /// The home redirects (302) to the landing page; everything else as normal.
    Landing,
    /// Every request gets the overflow page, with 503 and Retry-After.
    Overflow,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Normal, Mode::Landing, Mode::Overflow];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Landing => "landing",
            Mode::Overflow => "overflow",
        }
    }
}

/// One built page, as the edge must serve it.
#[derive(Debug, Clone)]
pub struct EdgePage {
    /// URL path, under the prefix: `/_planb/errors/503.html`.
    pub url: String,
    /// Path inside `public/`: `_planb/errors/503.html`.
    pub file: String,
    pub kind: Kind,
    pub status: u16,
    /// Every response header, exactly as the manifest lists them.
    pub headers: Vec<(String, String)>,
    /// The minified HTML.
    pub body: Vec<u8>,
    pub policy: Policy,
    pub retry_after: Option<u32>,
    /// What the page is built from (`content/overflow.md`), for messages about it.
    pub source: String,
}

/// The built site as the targets see it.
#[derive(Debug, Clone)]
pub struct EdgeSite {
    pub edge: Edge,
    /// Absolute path of `public/` on the server (`edge.root`, or the real output folder).
    pub root: String,
    /// The mode the static hosts' files are written for (`planb build --mode`); the server
    /// targets get every mode at once.
    pub mode: Mode,
    /// Every page, sorted by URL (the top-level `404.html` copy is not one of them).
    pub pages: Vec<EdgePage>,
    /// Whether `.gz` and `.br` siblings of each page are in `public/`.
    pub precompressed: bool,
}

impl EdgeSite {
    /// The error pages, by ascending status.
    pub fn error_pages(&self) -> Vec<&EdgePage> {
        let mut errors: Vec<&EdgePage> = self
            .pages
            .iter()
            .filter(|p| p.kind == Kind::Error)
            .collect();
        errors.sort_by_key(|p| p.status);
        errors
    }

    /// The page that answers `status`, if the site has one.
    pub fn error_page(&self, status: u16) -> Option<&EdgePage> {
        self.pages
            .iter()
            .find(|p| p.kind == Kind::Error && p.status == status)
    }

    /// The landing page the home redirects to in landing mode.
    pub fn landing(&self) -> Option<&EdgePage> {
        let wanted = self
            .edge
            .landing
            .as_ref()
            .map(|l| format!("{}/{}.html", self.edge.prefix, l.trim_start_matches('/')));
        self.pages
            .iter()
            .find(|p| p.kind == Kind::Landing && wanted.as_ref().is_none_or(|w| *w == p.url))
    }

    pub fn overflow(&self) -> Option<&EdgePage> {
        self.pages.iter().find(|p| p.kind == Kind::Overflow)
    }
}

/// Every file of every enabled target. Two targets may write the same file (Netlify and Cloudflare
/// Pages share `_headers` and `_redirects`) only with the same bytes.
pub fn generate(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = Vec::new();
    if let Some(l) = &site.edge.landing
        && site.landing().is_none()
    {
        problems.push(Diagnostic::new(
            crate::config::FILE_NAME,
            format!("`edge.landing`: no landing page content/{l}.md"),
        ));
    }
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for target in site.edge.enabled() {
        let produced = match target {
            Target::Netlify | Target::CloudflarePages => static_hosts::files(site, target),
            Target::Nginx => nginx::files(site),
            Target::Apache => apache::files(site),
            Target::Caddy => caddy::files(site),
            Target::Haproxy => haproxy::files(site),
            Target::Varnish => varnish::files(site),
            Target::Cloudfront => cloudfront::files(site),
        };
        match produced {
            Ok(list) => {
                for f in list {
                    if let Some(previous) = files.get(&f.path)
                        && *previous != f.bytes
                    {
                        problems.push(Diagnostic::new(
                            &f.path,
                            format!("planb bug: two targets write {} differently", f.path),
                        ));
                    }
                    files.insert(f.path, f.bytes);
                }
            }
            Err(mut d) => problems.append(&mut d),
        }
    }
    if problems.is_empty() {
        Ok(files
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes })
            .collect())
    } else {
        Err(problems)
    }
}
