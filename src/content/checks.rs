//! Checks that need every page at once: two pages for one status (or two overflow pages) would make
//! the edge's choice arbitrary, and a status an enabled target cannot serve would ship a
//! configuration that its server refuses.

use std::collections::BTreeMap;

use super::kind::Kind;
use super::page::Page;
use super::parse::at_field;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};

/// Which enabled target cannot serve an error page for a status (its name), and why; the targets
/// know, and the build hands their answer down.
pub type Refused<'a> = dyn Fn(u16) -> Option<(&'static str, String)> + Sync + 'a;

/// Two error pages for one status (in one language) would make the edge's choice arbitrary, and
/// two files built into one (`landing.fr.md` and `landing.FR.md`) would overwrite each other.
pub(super) fn check_duplicates(pages: &[Page]) -> Diagnostics {
    let mut by_status: BTreeMap<(&str, u16), &Page> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut by_file: BTreeMap<&str, &Page> = BTreeMap::new();
    for page in pages {
        if let Some(first) = by_file.insert(&page.file, page) {
            problems.push(
                Diagnostic::new(
                    page.source.clone().unwrap_or_default(),
                    format!(
                        "builds into /{}, as {} does",
                        page.file,
                        first.display_source()
                    ),
                )
                .help("keep one of the two files"),
            );
        }
    }
    for page in pages.iter().filter(|p| p.kind == Kind::Error) {
        if let Some(first) = by_status.insert((&page.lang, page.status), page) {
            problems.push(
                Diagnostic::new(
                    page.source.clone().unwrap_or_default(),
                    format!(
                        "a second page for status {}: {} already answers it",
                        page.status,
                        first.display_source()
                    ),
                )
                .help("keep one page per status"),
            );
        }
    }
    let mut overflows: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for page in pages.iter().filter(|p| p.kind == Kind::Overflow) {
        overflows.entry(&page.lang).or_default().push(page);
    }
    for same_language in overflows.values() {
        let [first, second, ..] = same_language.as_slice() else {
            continue;
        };
        problems.push(
            Diagnostic::new(
                second.source.clone().unwrap_or_default(),
                format!(
                    "a second overflow page: {} is one already",
                    first.display_source()
                ),
            )
            .help("keep one overflow page"),
        );
    }
    problems
}

/// A status an enabled server cannot name in its configuration would ship a config it refuses.
pub(super) fn check_statuses_served(
    config: &Config,
    pages: &[Page],
    refused: &Refused<'_>,
) -> Diagnostics {
    let mut problems = Vec::new();
    for page in pages
        .iter()
        .filter(|p| p.kind == Kind::Error && p.translation_of.is_none())
    {
        let Some((target, why)) = refused(page.status) else {
            continue;
        };
        let help = format!(
            "choose another status, or remove \"{target}\" from `edge.targets` in planb.toml"
        );
        let d = match &page.source {
            Some(file) => at_field(Diagnostic::new(file, why), &page.source_text, "status"),
            None => config.diagnostic("errors.codes", why),
        };
        problems.push(d.help(help));
    }
    problems
}
