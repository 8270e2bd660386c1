//! Netlify and Cloudflare Pages: `public/_headers` (each page's response headers) and
//! `public/_redirects` (the mode), plus a README per platform. Both platforms read the same two
//! files from the published folder, so `files` writes the same bytes for either target; the files
//! are written for one mode at a time (`planb build --mode`), since a static host has no switch of
//! its own: switching mode is a rebuild and a deploy.
//!
//! What the two platforms accept differs, and the shared files are written in what both accept as
//! soon as Cloudflare Pages is enabled:
//! - Cloudflare Pages allows only 200, 301, 302, 303, 307 and 308 in `_redirects` and no `!`
//!   (every rule is always applied, files or not); Netlify allows any status and needs `!` to
//!   shadow a file that exists. So overflow mode answers 503 on Netlify alone, 200 otherwise.
//! - Cloudflare Pages redirects `/page.html` to `/page` (308) and rewrites with a 200 to a `.html`
//!   path turn into that redirect; Netlify serves `/page` from `page.html` too. So the redirects
//!   point at the extension-less URL, and each page gets header rules for both of its URLs
//!   (headers are matched against the URL the visitor asked for, on both platforms).
//! - Cloudflare Pages documents 100 header rules, 2,000 characters per header line, 2,000 static
//!   plus 100 dynamic redirects and 1,000 characters per redirect line; the build fails with a
//!   message rather than ship a file Cloudflare would cut short. Netlify documents no fixed count.
//! - A static host serves files from the published folder and names no path on a disk: nothing
//!   here writes `site.root`, so any output folder or `edge.root` suits them.
//!
//! The generation is split by what it produces: `headers.rs` (`_headers`), `redirects.rs`
//! (`_redirects`), `worker.rs` (Cloudflare Pages' `_worker.js` for a 503 in overflow mode, when
//! `edge.cloudflare_pages_worker` asks for it), `cloudflare.rs` (Cloudflare Pages' limits),
//! `readme.rs` (the context of `README.md.tera`, one template for both hosts).

mod cloudflare;
mod headers;
mod readme;
mod redirects;
#[cfg(test)]
mod tests;
mod worker;

use super::shield::{ShieldSupport, Support};
use super::{
    Answers, EdgePage, EdgeSite, Folder, Mode, Negotiates, Overflow, Target, Targets, Variant,
};
use crate::config::edge::Edge;
use crate::diag::Diagnostics;
use crate::manifest::Manifest;
use crate::output::OutputFile;

/// The published folder, where both platforms read `_headers` and `_redirects`.
const PUBLIC: Folder = Folder("public");
const HEADERS: &str = "_headers";
const NETLIFY: Folder = Folder("config/netlify");
const CLOUDFLARE_PAGES: Folder = Folder("config/cloudflare-pages");
const REDIRECTS: &str = "_redirects";

/// Which rules the shared files may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// Netlify alone: any status, `!` to shadow files, `.html` URLs as they are.
    Netlify,
    /// Cloudflare Pages is enabled: only what it accepts (Netlify accepts it too).
    Shared,
}

/// A static host serves the pages; it does not sit in front of the application, so it can
/// neither hold the application's requests back nor cache its answers.
const STATIC_HOST_SHIELD: ShieldSupport = ShieldSupport {
    admission: Support::None(
        "a static host serves planb's pages, not the application's requests: put a server target \
         with `capacity` in front of the application",
    ),
    cache: Support::None(
        "a static host does not proxy the application's routes, so it cannot cache them",
    ),
};

/// The two static hosts: they read the same `_headers` and `_redirects`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Netlify,
    CloudflarePages,
}

pub struct Netlify;
pub struct CloudflarePages;

impl Target for Netlify {
    fn name(&self) -> &'static str {
        Host::Netlify.name()
    }

    fn files(&self, site: &EdgeSite, enabled: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site, Host::Netlify, enabled)
    }

    fn answers(&self, manifest: &Manifest) -> Option<Answers> {
        // Beside Cloudflare Pages, `_redirects` is written in the dialect both read.
        let shared = manifest
            .config
            .iter()
            .any(|c| c.starts_with(&format!("{}/", Host::CloudflarePages.name())));
        Some(Answers {
            overflow: match shared {
                true => Overflow::Unverifiable(
                    "with cloudflare-pages also built, Netlify's overflow mode answers 200 and still serves the files that exist, under one policy for every page: remove \"cloudflare-pages\" from `edge.targets` for Netlify's own 503",
                ),
                false => Overflow::Page,
            },
            ..Answers::STATIC_HOST
        })
    }

    fn limits(&self, _edge: &Edge, enabled: &Targets) -> Vec<String> {
        let mut notes = Vec::new();
        if dialect(Host::Netlify, enabled) != Dialect::Netlify {
            notes.push("in overflow mode the overflow page answers 200, not 503, and the files that exist are still served: `_redirects` is shared with Cloudflare Pages, which accepts no 5xx and no `!`; remove \"cloudflare-pages\" from `edge.targets` for Netlify's own 503".into());
        }
        notes.extend(siblings_note(enabled));
        notes
    }

    fn shield(&self) -> ShieldSupport {
        STATIC_HOST_SHIELD
    }
}

impl Target for CloudflarePages {
    fn name(&self) -> &'static str {
        Host::CloudflarePages.name()
    }

    fn files(&self, site: &EdgeSite, enabled: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site, Host::CloudflarePages, enabled)
    }

    fn answers(&self, manifest: &Manifest) -> Option<Answers> {
        let worker = manifest.files.iter().any(|e| e.path == "/_worker.js");
        Some(Answers {
            // Its asset server sends `no-store` with every 404, after the `_headers` rules.
            not_found_header: Some(("Cache-Control", "no-store")),
            overflow: match worker {
                true => Overflow::Page,
                false => Overflow::Unverifiable(
                    "Cloudflare Pages' overflow mode answers 200 (`_redirects` accepts no 5xx): set `edge.cloudflare_pages_worker = true` for a 503",
                ),
            },
            // Its Worker answers every method, in the visitor's language.
            overflow_post: worker,
            // ...and with the overflow page's JSON twin for an app.
            negotiates: Negotiates {
                overflow: worker,
                json: worker,
                ..Negotiates::NONE
            },
            ..Answers::STATIC_HOST
        })
    }

    fn limits(&self, edge: &Edge, enabled: &Targets) -> Vec<String> {
        let overflow = if edge.cloudflare_pages_worker {
            "in overflow mode every request runs `public/_worker.js` (`edge.cloudflare_pages_worker`): on Workers Free, 100,000 requests a day; a show's spike needs a paid plan"
        } else {
            "in overflow mode the overflow page answers 200, not 503 (`_redirects` accepts no 5xx): crawlers and monitors see a healthy site; `edge.cloudflare_pages_worker = true` answers 503 through a `_worker.js`, every request then running a Worker"
        };
        let mut notes = vec![overflow.to_owned()];
        notes.extend(siblings_note(enabled));
        notes
    }

    fn shield(&self) -> ShieldSupport {
        STATIC_HOST_SHIELD
    }
}

/// The note for a static host when a server target also has planb write `.gz`/`.br` siblings
/// into `public/`: neither `netlify deploy` nor `wrangler pages deploy` can leave files out, and
/// the hosts compress by themselves.
fn siblings_note(enabled: &Targets) -> Option<String> {
    let servers: Vec<&str> = enabled
        .iter()
        .filter(|t| t.serves_precompressed())
        .map(|t| t.name())
        .collect();
    (!servers.is_empty()).then(|| {
        format!(
            "public/ also holds the `.gz`/`.br` siblings that {} send; published here they are files of their own (Cloudflare Pages answers `/404.html.br` 200 `application/octet-stream` and counts each against its 20,000 files): publish a copy without them, `rsync -a --delete --exclude '*.gz' --exclude '*.br' output/public/ publish/` (planb writes no other `.gz` or `.br`)",
            servers.join(", ")
        )
    })
}

impl Host {
    pub fn name(self) -> &'static str {
        match self {
            Host::Netlify => "netlify",
            Host::CloudflarePages => "cloudflare-pages",
        }
    }

    /// `config/<host>`, where its README goes.
    fn folder(self) -> Folder {
        match self {
            Host::Netlify => NETLIFY,
            Host::CloudflarePages => CLOUDFLARE_PAGES,
        }
    }

    /// The platform as its users call it.
    fn title(self) -> &'static str {
        match self {
            Host::Netlify => "Netlify",
            Host::CloudflarePages => "Cloudflare Pages",
        }
    }
}

/// The variant a static host serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `worker.rs` picks among the others, where it does.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

fn dialect(target: Host, enabled: &Targets) -> Dialect {
    if target == Host::CloudflarePages || enabled.has(Host::CloudflarePages.name()) {
        Dialect::Shared
    } else {
        Dialect::Netlify
    }
}

/// The files for `target` (Netlify or Cloudflare Pages): the shared `public/_headers` and
/// `public/_redirects`, identical for both, and `config/<target>/README.md`.
pub fn files(
    site: &EdgeSite,
    target: Host,
    enabled: &Targets,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let dialect = dialect(target, enabled);
    // Problems of the shared files are reported once, by the first static host enabled.
    let first = if enabled.has(Host::Netlify.name()) {
        Host::Netlify
    } else {
        target
    };
    let mut problems = Vec::new();
    let redirects = redirects::text(site, dialect).unwrap_or_else(|d| {
        problems.push(d);
        String::new()
    });
    problems.extend(headers::check(site, target));
    if target != first {
        problems.clear();
    }
    let headers = headers::text(site, dialect);
    if target == Host::CloudflarePages {
        problems.extend(cloudflare::problems(site, &headers, &redirects));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut files = vec![
        PUBLIC.file(HEADERS, headers),
        PUBLIC.file(REDIRECTS, redirects),
        readme::file(site, target, dialect).map_err(|d| vec![d])?,
    ];
    if target == Host::CloudflarePages
        && site.mode == Mode::Overflow
        && site.edge.cloudflare_pages_worker
        && let Some(overflow) = site.overflow()
    {
        files.push(worker::file(site, overflow));
    }
    Ok(files)
}

/// The URL both platforms serve a page at without a redirect: `/a/b.html` → `/a/b`,
/// `/a/index.html` → `/a/`.
pub fn pretty_url(url: &str) -> String {
    if let Some(dir) = url.strip_suffix("index.html")
        && dir.ends_with('/')
    {
        return dir.to_owned();
    }
    url.strip_suffix(".html").unwrap_or(url).to_owned()
}

/// The URL a redirect of `dialect` names for `page`: its own on Netlify alone, the one Cloudflare
/// Pages serves without its 308 otherwise.
fn destination(page: &EdgePage, dialect: Dialect) -> String {
    match dialect {
        Dialect::Netlify => page.url.clone(),
        Dialect::Shared => pretty_url(&page.url),
    }
}
