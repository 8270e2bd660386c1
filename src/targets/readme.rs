//! A target's README is a tera template beside its code (`src/targets/<name>/README.md.tera`),
//! embedded in the binary and rendered with the values the target computes: the text reads as the
//! user will read it, not as a hundred lines of `format!`.

use serde::Serialize;

use super::folder::Folder;
use super::site::{EdgePage, EdgeSite};
use crate::diag::Diagnostic;
use crate::output::OutputFile;

/// `README.md` of `folder`, from `template` (the text of the target's `README.md.tera`) and
/// `context`. The templates are planb's own: one that fails is a planb bug, and says so.
pub fn render(
    folder: Folder,
    template: &str,
    context: &impl Serialize,
) -> Result<OutputFile, Diagnostic> {
    let bug = |e: tera::Error| {
        Diagnostic::new(
            folder.path("README.md"),
            format!("planb bug: the README template of {} fails: {e}", folder.0),
        )
    };
    let mut tera = tera::Tera::new();
    // The text the servers that match one regular expression share about `Accept-Language`.
    tera.add_raw_template("first_listed.md", include_str!("first_listed.md.tera"))
        .map_err(bug)?;
    tera.add_raw_template("README.md", template).map_err(bug)?;
    let context = tera::Context::from_serialize(context).map_err(bug)?;
    let text = tera.render("README.md", &context).map_err(bug)?;
    Ok(folder.file("README.md", text))
}

/// What every server's README says of the site, flattened into each target's own context
/// (`#[serde(flatten)]`), so the templates share the names.
#[derive(Serialize)]
pub struct Facts<'a> {
    pub root: &'a str,
    pub timeout: u32,
    pub listen: &'a str,
    pub upstream: &'a str,
    pub prefix: &'a str,
    /// The landing page's URL, if the site has one.
    pub landing: Option<&'a str>,
    /// The page overflow mode answers with, if any.
    pub overflow: Option<&'a str>,
    pub precompressed: bool,
    /// The bundle's mode, which the active mode file holds.
    pub mode: &'static str,
    /// `site.languages`, the default first: the READMEs say how the edge picks among them
    /// when there are several.
    pub languages: &'a [String],
}

impl<'a> Facts<'a> {
    pub fn of(site: &'a EdgeSite) -> Facts<'a> {
        let e = &site.edge;
        Facts {
            root: &site.root,
            timeout: e.timeout,
            listen: &e.listen,
            upstream: &e.upstream,
            prefix: &e.prefix,
            landing: site.landing().map(|p| p.url.as_str()),
            overflow: site.overflow_or_503().map(|p| p.url.as_str()),
            precompressed: site.precompressed,
            mode: site.mode.name(),
            languages: &site.languages,
        }
    }
}

/// A status and the page that answers it, for the READMEs' tables.
#[derive(Serialize)]
pub struct Row<'a> {
    pub status: u16,
    pub url: &'a str,
}

impl<'a> Row<'a> {
    pub fn of(page: &'a EdgePage) -> Row<'a> {
        Row {
            status: page.status,
            url: &page.url,
        }
    }
}
