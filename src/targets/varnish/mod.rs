//! Varnish (VCL 4.1; tested with Debian's Varnish 7.1): `planb.vcl` answers
//! - planb's pages at their own URL, and every request in overflow mode, from `vcl_recv` through
//!   `vcl_synth` (the upstream is never asked);
//! - an error status of the upstream by turning the response into an error in
//!   `vcl_backend_response` (`return (error(beresp.status))`, which drops every upstream header),
//!   then building planb's page in `vcl_backend_error`, which also runs when the fetch itself fails
//!   (upstream down or timing out: Varnish always answers 503 then).
//!
//! Bodies come from `std.fileread("<root>/<file>")`, which silently gives an empty body for a
//! missing file: `vcl_init` reads every page first and refuses to load the VCL, naming the file,
//! when one is missing, empty or unreadable by the worker.
//!
//! The mode is the subroutine `planb_mode` of `planb-mode.vcl`: switching is one file copy and
//! a VCL reload.
//!
//! Where each part lives: `vcl` writes VCL strings and refuses what they cannot carry (only `"}`:
//! a root with spaces, accents, quotes, `;`, `{`, `$`, `#` is fine), `snippet` and `backend`
//! write `planb.vcl`, `language` and `format` the lines that pick the visitor's language and
//! the page or its JSON twin, `example` the complete `default.vcl`, `modes` the mode files,
//! `readme` (with `README.md.tera`) the README.

mod backend;
mod cookie;
mod example;
mod format;
mod language;
mod modes;
mod readme;
mod shield;
mod snippet;
#[cfg(test)]
mod tests;
mod vcl;

use crate::manifest::Manifest;
use crate::targets::{Answers, Negotiates};
use std::path::Path;
use std::process::Command;

use crate::diag::Diagnostics;
use crate::output::OutputFile;
use crate::targets::shield::{ShieldSupport, Support};
use crate::targets::{EdgePage, EdgeSite, Folder, Target, Targets, Validator, Variant};

const FOLDER: Folder = Folder("config/varnish");

/// The request headers planb uses to carry the mode and the page from `vcl_recv` to
/// `vcl_synth`; removed from every incoming request first, never sent to the upstream.
const MODE_HEADER: &str = "X-Planb-Mode";
const PAGE_HEADER: &str = "X-Planb-Page";

/// How `varnishd -C` compiles the example, which includes `planb.vcl` and the mode file; its
/// work directory (`-n`) under `work`, so the check needs no running Varnish.
const VALIDATOR: Validator = Validator {
    programs: &["varnishd"],
    command: "varnishd -C",
    modes: modes::MODES,
    args: |program: &Path, config: &Path, work: &Path| {
        let mut c = Command::new(program);
        c.arg("-C").arg("-n").arg(work.join("varnish"));
        c.arg("-f").arg(config.join("default.vcl"));
        c
    },
};

/// The variant Varnish serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `language.rs` picks among the others, where it does.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub struct Varnish;

impl Target for Varnish {
    fn name(&self) -> &'static str {
        "varnish"
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

    fn validator(&self) -> Option<Validator> {
        Some(VALIDATOR)
    }

    /// Measured against Debian's Varnish 7.1 and varnish-modules 0.20
    /// (tests/edge_varnish_shield.rs).
    fn shield(&self) -> ShieldSupport {
        ShieldSupport {
            admission: Support::Approximate(
                "the cap is strict (vsthrottle tokens, Debian's varnish-modules), but a request \
                 counts only until the application's response headers arrive, and the admission \
                 cookie cannot be signed (a forged one gains at most the reserved share)",
            ),
            cache: Support::Approximate(
                "the stale copy is served up to the longer of stale_while_revalidate and stale_if_error past max_age, also while the application answers (the first visitor past max_age starts the refresh)",
            ),
        }
    }

    /// `planb.vcl`, the example around it, the mode files and the README; or every reason the
    /// site cannot be written into VCL.
    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        let problems = vcl::problems(site);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut out = vec![
            readme::readme(site).map_err(|d| vec![d])?,
            FOLDER.file("default.vcl", example::example(site)),
            FOLDER.file("planb.vcl", snippet::snippet(site)),
        ];
        if let Some(backends) = example::shield_backends(site) {
            out.push(FOLDER.file("planb-backends.vcl", backends));
        }
        out.extend(modes::MODES.files(FOLDER, site.mode, modes::mode_vcl));
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}
