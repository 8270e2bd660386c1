//! nginx: a snippet to include in the `server {}` that proxies to the application, one file per
//! mode, what goes in `http {}`, and a complete example configuration. Each file has its own module
//! (`snippet`, `modes`, `http`, `example`, `readme`); the shield is `admission` (limit_conn and the
//! njs-signed cookie) and `stale` (the stale-first cache and its hop); what nginx's syntax can
//! carry is `quoting`.
//!
//! The traps this avoids (each proved against the real nginx by `tests/edge_nginx.rs`):
//! - `error_page 502 /page;` keeps the error status, `error_page 502 = /page;` would answer the
//!   page's own 200: planb never writes `=`.
//! - Statuses answered by the upstream reach `error_page` only with `proxy_intercept_errors on`.
//! - `add_header` applies to error statuses only with `always`, and a location with its own
//!   `add_header` inherits none of the server's: every page has its own exact-match location with
//!   all of its headers, and nothing else (`expires off`, `charset off`, no MIME types but the
//!   page's own `Content-Type` as `default_type`), so each manifest header is sent exactly once.
//! - Redirecting an error to a URI runs the server-level rewrites again, so overflow mode (which
//!   answers 503 at server level) serves its page from a named location, which skips them.
//! - nginx closes the connection without an answer whenever a request ends in 408 (it takes it for
//!   its own client timeout), even one that `error_page` intercepted from the application: the
//!   visitor got an empty response instead of any page. The application's 408 passes through.
//! - `root` takes variables and nginx has no escape for `$`: a root holding one is refused, every
//!   other character is carried inside a double-quoted string.

mod admission;
mod example;
mod http;
mod language;
mod modes;
mod page;
mod quoting;
mod readme;
mod schedule;
mod snippet;
mod stale;
#[cfg(test)]
mod tests;

use crate::manifest::Manifest;
use crate::targets::{Answers, Negotiates};
use std::path::Path;
use std::process::Command;

use super::server::ServerFiles;
use super::shield::{ShieldSupport, Support};
use super::syntax::check_headers;
use super::{EdgePage, EdgeSite, Folder, ModeFiles, Target, Targets, Validator, Variant};
use crate::diag::Diagnostics;
use crate::output::OutputFile;

const FOLDER: Folder = Folder("config/nginx");
const SNIPPET: &str = "planb.conf";
const EXAMPLE: &str = "example.conf";

/// `modes/<mode>.conf`, and `planb-mode.conf` (a copy of one) which the server includes.
const MODES: ModeFiles = ModeFiles {
    active: "planb-mode.conf",
    each: |m| format!("modes/{}.conf", m.name()),
};

pub struct Nginx;

impl Target for Nginx {
    fn name(&self) -> &'static str {
        "nginx"
    }

    fn follows_schedule(&self) -> bool {
        true
    }

    fn answers(&self, _: &Manifest) -> Option<Answers> {
        Some(Answers {
            negotiates: Negotiates::ALL_AND_JSON,
            ..Answers::SERVER
        })
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    /// nginx keeps 499 for requests the client closed: `error_page 499` is invalid (proven in
    /// tests/edge_nginx.rs).
    fn refuses_status(&self, status: u16) -> Option<String> {
        (status == 499).then(|| {
            "nginx cannot serve a page for status 499: it keeps 499 for requests the client \
             closed, and `error_page` refuses it"
                .to_owned()
        })
    }

    fn serves_precompressed(&self) -> bool {
        true
    }

    /// Admission: two `limit_conn` zones and an njs-signed cookie (`admission`); the cache
    /// bounds each stale copy by its `stale_if_error` through the hop (`stale`).
    fn shield(&self) -> ShieldSupport {
        ShieldSupport {
            admission: Support::Full,
            cache: Support::Full,
        }
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["nginx"],
            command: "nginx -t",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    c.arg("-p")
        .arg(format!("{}/", work.display()))
        .arg("-e")
        .arg(work.join("error.log"))
        .arg("-c")
        .arg(config.join(EXAMPLE))
        .arg("-t");
    c
}

/// The variant nginx serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `language.rs` picks among the others, where it does.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

/// Every file, once the root and every header are known to fit nginx's syntax.
fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = quoting::root_problems(&site.root);
    problems.extend(check_headers(site, FOLDER, &quoting::HEADERS));
    let mut others = vec![
        (SNIPPET.to_owned(), snippet::text(site)),
        (EXAMPLE.to_owned(), example::text(site)),
        (http::FILE.to_owned(), http::text(site)),
    ];
    if let Some(a) = &site.shield.admission {
        others.push((
            admission::LOCATION_FILE.to_owned(),
            admission::location_text(a),
        ));
        others.push((admission::JS_FILE.to_owned(), admission::js_text(a)));
    }
    ServerFiles {
        folder: FOLDER,
        modes: MODES,
        others,
    }
    .files(site.mode, problems, readme::file(site), |m| {
        modes::text(site, m)
    })
}
