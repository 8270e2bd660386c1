//! Apache httpd 2.4: a snippet to include in the `<VirtualHost>` that proxies to the application,
//! one file per mode, and a complete, standalone example configuration. Each file has its own
//! module (`snippet`, `modes`, `example`, `readme`); what httpd's syntax can carry is `quoting`.
//!
//! The traps this avoids (each proved against the real httpd by `tests/edge_apache.rs`):
//! - `ErrorDocument 503 /page` with a local path keeps the status; a full URL would turn it into a
//!   redirect and lose it. planb always writes the local path.
//! - Statuses answered by the application reach `ErrorDocument` only with `ProxyErrorOverride On`,
//!   and that alone would replace every 4xx and 5xx (with Apache's own page where planb has
//!   none): planb lists the statuses it has pages for, so the others pass through untouched.
//! - `Header set` applies to successful responses only: the pages' headers are `Header always
//!   set`, each also removed from the success table first, so it is sent exactly once.
//! - `ProxyPass /` would also proxy the redirected error request for the page: the prefix is
//!   excluded from proxying (`ProxyPass "!"` in its `<Location>`).

mod admission;
mod example;
mod language;
mod modes;
mod quoting;
mod readme;
mod schedule;
mod snippet;
mod stale;
#[cfg(test)]
mod tests;

/// The sibling an error document names (`ENV` of the original request, set by the snippet and
/// read by the mode files' `ErrorDocument`): brotli first, as the `<Directory>` rewrite does for a
/// page asked directly.
pub(crate) const SIBLING_ENV: &str = "PLANB_SIBLING";

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

const FOLDER: Folder = Folder("config/apache");
const SNIPPET: &str = "planb.conf";
const EXAMPLE: &str = "example.conf";

/// `modes/<mode>.conf`, and `planb-mode.conf` (a copy of one) which the host includes.
const MODES: ModeFiles = ModeFiles {
    active: "planb-mode.conf",
    each: |m| format!("modes/{}.conf", m.name()),
};

/// The error statuses of Apache httpd 2.4's status table, the only ones `ErrorDocument` accepts
/// (proven in tests/edge_apache.rs).
pub const STATUSES: [u16; 38] = [
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421,
    422, 423, 424, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
];

pub struct Apache;

impl Target for Apache {
    fn name(&self) -> &'static str {
        "apache"
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

    fn refuses_status(&self, status: u16) -> Option<String> {
        (!STATUSES.contains(&status)).then(|| {
            format!(
                "Apache cannot serve a page for status {status}: `ErrorDocument` takes only the \
                 statuses Apache knows (400–417, 421–424, 426, 428, 429, 431, 451, 500–508, 510, 511)"
            )
        })
    }

    fn serves_precompressed(&self) -> bool {
        true
    }

    fn shield(&self) -> ShieldSupport {
        ShieldSupport {
            admission: Support::Approximate(
                "mod_proxy's max= counts per child process (the example runs one: ServerLimit 1); \
                 admitted visitors share only the reserved slots, strangers the rest; every 503, \
                 the application's own included, gets the overflow page",
            ),
            // mod_cache through the hop (`stale`): bounded by CacheSocacheMinTime, but cold
            // misses are not collapsed and not counted by admission.
            cache: Support::Approximate(
                "mod_cache through an internal host (shield.hop): the stale copy lasts \
                 stale_if_error past max_age, but concurrent misses of a URL never cached all \
                 reach the application and are not counted by admission, and a request past \
                 max_age waits for the refresh (no stale-while-revalidate)",
            ),
        }
    }

    fn follows_schedule(&self) -> bool {
        true
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["apache2", "httpd"],
            command: "apachectl -t",
            modes: MODES,
            args: validate_args,
        })
    }
}

fn validate_args(program: &Path, config: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    c.arg("-d")
        .arg(config)
        .arg("-f")
        .arg(config.join(EXAMPLE))
        .arg("-C")
        .arg(format!("Define PLANB_RUN {}", work.display()))
        .arg("-C")
        .arg(format!("Define PLANB_DIR {}", config.display()))
        .arg("-t");
    c
}

/// The variant Apache serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `language.rs` picks among the others, where it does.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

/// Every file, once the root and every header are known to fit httpd's syntax.
fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = quoting::root_problems(&site.root);
    problems.extend(check_headers(site, FOLDER, &quoting::HEADERS));
    let mut others = vec![
        (SNIPPET.to_owned(), snippet::text(site)),
        (EXAMPLE.to_owned(), example::text(site)),
    ];
    if let Some(a) = &site.shield.admission {
        others.push((admission::SCRIPT.to_owned(), admission::script(site, a)));
    }
    if !site.schedule.is_empty() {
        others.push((schedule::SCRIPT.to_owned(), schedule::script(site)));
    }
    if !site.shield.cache.is_empty() {
        let pages = snippet::pages(site, |sections| {
            format!("{sections}\n{}", modes::error_documents(site, false))
        });
        others.push((stale::HOP_FILE.to_owned(), stale::hop_text(site, &pages)));
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
