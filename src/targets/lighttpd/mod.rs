//! lighttpd: a snippet to include in lighttpd.conf (`planb.conf`), a file per mode
//! (`modes/<mode>.conf`, the active one copied to `planb-mode.conf`), the Lua scripts mod_magnet
//! runs (`lua/`), a complete example (`example.conf`) and a README.
//!
//! The traps this avoids (each proven against the real lighttpd by `tests/edge_lighttpd.rs`):
//! - lighttpd's own error pages cannot do it: `server.errorfile-prefix` and `server.error-handler`
//!   keep the status, but only with `server.error-intercept`, which throws away the application's
//!   body and headers for *every* error status (a 418 without a page too), and neither can give
//!   each page its own headers (and a static `error-handler` answer is an empty chunked body
//!   that never ends). The pages are served by Lua instead (`lua.rs`), at response start,
//!   for exactly the statuses that have one; everything else passes through.
//! - A response-start script that sets a body must return the status: `resp_body.set()` marks the
//!   body unfinished, and lighttpd then sends a chunked answer that never ends.
//! - The application's headers survive a new body: the scripts unset every one before setting the
//!   page's, so each manifest header is sent once and none of the application's.
//! - The application refused gets lighttpd's 503, too slow its 504 (`readme.rs`), each its page.
//! - `include` takes its path as a glob and skips silently one that matches nothing: the mode file
//!   defines the variable the snippet uses next, so a skipped mode fails loudly (`snippet.rs`).
//! - A lighttpd string knows one escape, `\"`: a root ending in a backslash cannot be written and
//!   is refused (`strings.rs`); quotes, spaces, accents, `$` and `%` are written as they are.
//! - `lighttpd -tt` loads mod_magnet but does not compile the scripts; the end-to-end tests do.
//! - lighttpd sends no precompressed sibling (`mod_deflate` keeps its own cache): planb says so.
//! - No shield: `mod_proxy` caps nothing and lighttpd caches nothing (`shield()` says why); the
//!   example is sized for a spike instead, and a reload drops no visitor (`example.rs`).

mod example;
mod format;
mod language;
mod lua;
mod modes;
mod readme;
mod snippet;
mod strings;
#[cfg(test)]
mod tests;

use crate::manifest::Manifest;
use crate::targets::Answers;
use std::path::Path;
use std::process::Command;

use super::server::ServerFiles;
use super::shield::{ShieldSupport, Support};
use super::syntax::{HeaderRules, check_headers, is_header_name, no_control};
use super::{EdgeSite, Folder, Mode, ModeFiles, Negotiates, Target, Targets, Validator};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

const DIR: Folder = Folder("config/lighttpd");
const SNIPPET: &str = "planb.conf";
const EXAMPLE: &str = "example.conf";

const MODES: ModeFiles = ModeFiles {
    active: "planb-mode.conf",
    each: |m| format!("modes/{}.conf", m.name()),
};

pub struct Lighttpd;

impl Target for Lighttpd {
    fn name(&self) -> &'static str {
        "lighttpd"
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

    /// lighttpd serves a page for every status 400–599 (proven for each in
    /// tests/edge_lighttpd.rs).
    fn refuses_status(&self, _status: u16) -> Option<String> {
        None
    }

    /// Neither part: said in the README too, with what to do instead.
    fn shield(&self) -> ShieldSupport {
        ShieldSupport {
            admission: Support::None(
                "lighttpd's mod_proxy has no cap on requests in flight, and a Lua counter would \
                 leak a slot for every visitor who leaves before the answer starts",
            ),
            cache: Support::None("lighttpd has no HTTP cache"),
        }
    }

    fn validator(&self) -> Option<Validator> {
        Some(Validator {
            programs: &["lighttpd"],
            command: "lighttpd -tt",
            modes: MODES,
            args: validate_args,
        })
    }
}

/// `lighttpd -tt -f example.conf` (`-tt` also loads and initialises the modules, mod_magnet and
/// mod_proxy included), run in the folder: the example finds its files from there (`var.CWD`).
fn validate_args(program: &Path, config: &Path, _work: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(config).arg("-tt").arg("-f").arg(EXAMPLE);
    c
}

fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let problems = check(site);
    // `check` refused a root the example cannot name.
    let example = example::example(site).unwrap_or_default();
    let mut others = vec![
        (SNIPPET.to_owned(), snippet::snippet()),
        (EXAMPLE.to_owned(), example),
        (lua::ERRORS.to_owned(), lua::errors_script(site)),
    ];
    for m in Mode::ALL {
        others.push((lua::mode_script(m), lua::request_script(site, m)));
    }
    ServerFiles {
        folder: DIR,
        modes: MODES,
        others,
    }
    .files(site.mode, problems, readme::readme(site), modes::mode_file)
}

/// What lighttpd cannot carry: a root it cannot read back, headers with control characters or
/// names that are not a bare word.
fn check(site: &EdgeSite) -> Diagnostics {
    let mut problems = check_headers(
        site,
        DIR,
        &HeaderRules {
            server: "lighttpd",
            program: "lighttpd",
            file: "lua/errors.lua",
            name_ok: is_header_name,
            value_ok: no_control,
            interprets: "a control character",
        },
    );
    if strings::config_string(&site.root).is_none() {
        problems.push(root_problem(&site.root));
    }
    problems
}

fn root_problem(root: &str) -> Diagnostic {
    let what = if root.ends_with('\\') {
        "ends in a backslash, which lighttpd reads as escaping the closing quote of its string"
    } else {
        "has a control character, which no lighttpd string can carry"
    };
    Diagnostic::new(
        crate::config::FILE_NAME,
        format!(
            "`edge.root`: lighttpd cannot serve from `{}`: the path {what}",
            root.escape_debug()
        ),
    )
}
