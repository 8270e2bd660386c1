//! HAProxy (2.4 or later; tested with Debian's 2.6): every page becomes a raw HTTP response file
//! (`errors/*.http`: status line, headers, blank line, body, CRLF line ends, exact
//! Content-Length) that HAProxy loads at start and answers from memory:
//! - `errorfile` for the errors HAProxy produces itself (503 when no server can be reached, 504
//!   when the server times out, …);
//! - `http-response return errorfile … if { status N }` for an error status the server answered;
//! - `http-request return errorfile …` for the pages at their own URL and for overflow mode.
//!
//! The mode is the value of the key `mode` in `planb-mode.map`, read at every (re)load: switching
//! is one file copy and a reload.
//!
//! HAProxy keeps each errorfile in one buffer (`tune.bufsize`, 16,384 bytes) that must keep
//! `tune.maxrewrite` (1,024 bytes) free: a page whose response does not fit fails the build.
//!
//! Where each part lives: `replies` names each page's file and refuses what HAProxy's syntax
//! cannot take, `errorfile` writes the raw responses (and the overflow page gzipped) and measures
//! them, `snippet` and `example` the configuration, `shield` admission control and its signed
//! cookie (`planb-backend.snippet`), `modes` the mode map, `readme` (with `README.md.tera`) the
//! README.
//! `site.root` appears in no file: the configuration names its files relative to its own folder,
//! so the output folder may have any name (spaces, accents, quotes, `$`, `#`).

mod errorfile;
mod example;
mod format;
mod language;
mod modes;
mod readme;
mod replies;
mod shield;
mod snippet;
#[cfg(test)]
pub(crate) mod test_files;
#[cfg(test)]
mod tests;

use crate::manifest::Manifest;
use crate::targets::{Answers, Negotiates};
use std::path::Path;
use std::process::Command;

use crate::diag::Diagnostics;
use crate::output::OutputFile;
use crate::targets::shield::ShieldSupport;
use crate::targets::{EdgePage, EdgeSite, Folder, Target, Targets, Validator, Variant};

pub use errorfile::{
    BUFSIZE, ERRORFILE_ROOM, MAXREWRITE, gzip_response, htx_size, raw_limit, raw_response,
};

const FOLDER: Folder = Folder("config/haproxy");

/// How `haproxy -c` checks the example, which includes the snippet and the mode map.
const VALIDATOR: Validator = Validator {
    programs: &["haproxy"],
    command: "haproxy -c",
    modes: modes::MODES,
    args: check,
};

/// `haproxy -c -f haproxy.cfg`: HAProxy writes nothing while it checks. The check needs a
/// signing key to exist (the configuration refuses to start without one), not the real one.
fn check(program: &Path, config: &Path, _work: &Path) -> Command {
    let mut c = Command::new(program);
    c.args(["-c", "-f"]).arg(config.join("haproxy.cfg"));
    if std::env::var_os(shield::SECRET).is_none() {
        c.env(shield::SECRET, "check-only-not-a-secret");
    }
    c
}

pub struct Haproxy;

impl Target for Haproxy {
    fn name(&self) -> &'static str {
        "haproxy"
    }

    fn follows_schedule(&self) -> bool {
        true
    }

    fn answers(&self, _: &Manifest) -> Option<Answers> {
        Some(Answers {
            negotiates: Negotiates::ALL_AND_JSON,
            ..Answers::PAGE_STATUS_PREFIX_OPEN
        })
    }

    /// The overflow page's gzipped errorfile carries the bundle's own `.gz` (the same
    /// deterministic gzip of the same bytes), so the bundle lists it in the manifest with its
    /// headers, and a benchmark or a verifier can check HAProxy's answer byte for byte.
    fn serves_precompressed(&self) -> bool {
        true
    }

    /// Every page's raw response, the snippet, the example around it, the mode maps and the
    /// README; or every reason a page or a value cannot be written.
    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        let site = &language::with_vary(site);
        let twins = site.twin_pages();
        let replies = replies::replies(site, &twins)?;
        let snippet = snippet::snippet(site, &replies);
        let overflow_urls = site.overflow().map(|o| o.urls()).unwrap_or_default();
        let overflows = replies
            .iter()
            .filter(|r| overflow_urls.contains(&r.page.url));
        let backend = shield::backend_snippet(site, &replies);
        let mut out = vec![
            readme::readme(site, &replies).map_err(|d| vec![d])?,
            FOLDER.file("haproxy.cfg", example::example(site, &snippet, &backend)),
            FOLDER.file("planb-frontend.snippet", snippet),
            FOLDER.file("planb-backend.snippet", backend),
        ];
        // The overflow page (each language), gzipped, for the visitors who accept it (a spike's answer).
        out.extend(overflows.map(|r| OutputFile {
            path: FOLDER.path(&errorfile::gzip_name(&r.name)),
            bytes: gzip_response(r.page),
        }));
        out.extend(modes::MODES.files(FOLDER, site.mode, modes::mode_map));
        out.extend(replies.iter().map(|r| OutputFile {
            path: FOLDER.path(&r.name),
            bytes: raw_response(r.page),
        }));
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn shield(&self) -> ShieldSupport {
        shield::SUPPORT
    }

    fn validator(&self) -> Option<Validator> {
        Some(VALIDATOR)
    }
}

/// The variant HAProxy serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `language.rs` picks among the others, where it does.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}
