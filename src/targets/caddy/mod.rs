//! Caddy 2: a snippet to import in the site block that proxies to the application (it holds the
//! `reverse_proxy` itself), one file per mode, and a complete example `Caddyfile`.
//!
//! The traps this avoids (each proved against the real Caddy by `tests/edge_caddy.rs`):
//! - `handle_errors` only sees Caddy's own errors (upstream down: 502, upstream timing out: 504);
//!   a status returned by the upstream is an ordinary response. Each status planb has a page for
//!   is caught by `handle_response` inside `reverse_proxy` and turned into a Caddy error of the
//!   same status (`error N`), so every error reaches the one `handle_errors` that serves the pages.
//! - Inside `handle_errors`, `file_server` keeps the error's status; anywhere else it answers 200
//!   unless given `status`: the pages served directly and the overflow page say their status.
//! - `handle_response` routes do not copy the upstream's headers, so none of them (its
//!   `Cache-Control`, `Content-Type`, ...) leaks into a page; `header` sets each manifest header,
//!   replacing the `Content-Type` `file_server` would pick, so each is sent exactly once.
//! - Directives in a site block are reordered by Caddy; everything runs inside one `route`, whose
//!   directives keep the written order, so the mode file comes first and can answer alone.
//! - A site address with a host (`http://127.0.0.1:8080`) would only answer requests whose `Host`
//!   is that address, and a bare port binds every interface: the example listens on `:PORT` with
//!   `bind HOST`.
//! - With `[shield] capacity`, one `reverse_proxy` per share, each capped by its transport's
//!   `max_conns_per_host` (Caddy's own count is passed by a burst), and Caddy's own 503 is the
//!   overflow page (`admission.rs`); Caddy has no cache.
//! - `{...}` is a placeholder even inside quotes, and `{$VAR}` is replaced before the Caddyfile is
//!   even read: `quoting.rs` escapes the root's braces and refuses what cannot be written.

mod admission;
mod answer;
mod example;
mod language;
mod modes;
mod quoting;
mod readme;
mod schedule;
mod snippet;
#[cfg(test)]
mod tests;

use crate::manifest::Manifest;
use crate::targets::{Answers, Negotiates, OwnUrl};
use std::path::Path;
use std::process::Command;

use super::shield::{ShieldSupport, Support};
use super::{EdgePage, EdgeSite, Folder, ModeFiles, Target, Targets, Validator, Variant};
use crate::diag::Diagnostics;
use crate::output::OutputFile;

const FOLDER: Folder = Folder("config/caddy");
/// The complete example configuration.
const EXAMPLE: &str = "Caddyfile";
/// The snippet a site block imports.
const SNIPPET: &str = "planb.caddy";
/// The mode file the snippet imports: a copy of one of `modes/*.caddy`.
const MODE_FILE: &str = "planb-mode.caddy";
/// The environment variable that moves the example's admin endpoint (used by `caddy reload`).
pub const ADMIN_ENV: &str = "PLANB_CADDY_ADMIN";
/// Caddy's own default admin endpoint.
const ADMIN_DEFAULT: &str = "localhost:2019";

pub struct Caddy;

const MODES: ModeFiles = ModeFiles {
    active: MODE_FILE,
    each: |m| format!("modes/{}.caddy", m.name()),
};

impl Target for Caddy {
    fn name(&self) -> &'static str {
        "caddy"
    }

    fn follows_schedule(&self) -> bool {
        true
    }

    fn answers(&self, _: &Manifest) -> Option<Answers> {
        Some(Answers {
            own_url: OwnUrl::PageStatus,
            negotiates: Negotiates::ALL_AND_JSON,
            ..Answers::SERVER
        })
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    fn serves_precompressed(&self) -> bool {
        true
    }

    /// A strict cap, but holders keep only their reserved share and an unsigned cookie; no
    /// cache (the README says all three).
    fn shield(&self) -> ShieldSupport {
        ShieldSupport {
            admission: Support::Approximate(
                "a strict cap, but cookie holders get only the reserved share, never the \
                 strangers' idle one; a request that gets past Caddy's count in a burst waits for a \
                 connection; and the cookie is unsigned (a forged one gains the reserved share)",
            ),
            cache: Support::None("Caddy 2.6 has no HTTP cache (cache-handler is a plugin)"),
        }
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["caddy"],
            command: "caddy validate",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    // Caddy keeps state under HOME: keep it in the check's own folder.
    c.args(["validate", "--config", EXAMPLE, "--adapter", "caddyfile"])
        .current_dir(config)
        .env("HOME", work)
        .env("XDG_DATA_HOME", work.join("data"))
        .env("XDG_CONFIG_HOME", work.join("config"));
    c
}

/// The variant Caddy serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `language.rs` picks among the others, where it does.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    quoting::check(site)?;
    let readme = readme::readme(site).map_err(|d| vec![d])?;
    let mut files = vec![
        FOLDER.file(EXAMPLE, example::example(site)),
        FOLDER.file(SNIPPET, snippet::snippet(site)),
        readme,
    ];
    files.extend(MODES.files(FOLDER, site.mode, |m| modes::mode_file(site, m)));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
