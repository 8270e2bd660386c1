//! `README.md`: how to install the snippet, switch modes and what was translated, rendered from
//! `README.md.tera` with the values below; the text itself lives in the template.

use serde::Serialize;

use super::FOLDER;
use super::example::MODULE_DIR;
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;
use crate::targets::readme::{Facts, Row, render};

/// What the README says of this site.
#[derive(Serialize)]
struct Readme<'a> {
    #[serde(flatten)]
    site: Facts<'a>,
    module_dir: &'a str,
    /// `[shield]` admission, with the reserved share spelled out.
    admission: Option<Shares>,
    /// Each status with a page, and the page.
    pages: Vec<Row<'a>>,
    /// The `[[shield.cache]]` prefixes and what they are kept under.
    cache: Vec<Cached<'a>>,
    /// `shield.hop`, where the cache's hop listens.
    hop: &'a str,
    /// Whether `[[schedule]]` has windows (the snippet then needs mod_lua).
    schedule: bool,
}

#[derive(Serialize)]
struct Cached<'a> {
    path: &'a str,
    max_age: u32,
    header: String,
    stale: u32,
}

#[derive(Serialize)]
struct Shares {
    capacity: u32,
    strangers: u32,
    reserved: u32,
    seconds: u32,
}

pub fn file(site: &EdgeSite) -> Result<OutputFile, Diagnostic> {
    let context = Readme {
        site: Facts::of(site),
        module_dir: MODULE_DIR,
        schedule: !site.schedule.is_empty(),
        admission: site.shield.admission.map(|a| Shares {
            capacity: a.capacity,
            strangers: a.strangers,
            reserved: a.capacity - a.strangers,
            seconds: a.admitted_for,
        }),
        pages: site.error_pages().into_iter().map(Row::of).collect(),
        cache: site
            .shield
            .cache
            .iter()
            .map(|r| Cached {
                path: &r.path,
                max_age: r.policy.max_age.unwrap_or(0),
                header: r.policy.header(),
                stale: r.policy.stale_if_error.unwrap_or(0),
            })
            .collect(),
        hop: &site.shield.hop,
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
