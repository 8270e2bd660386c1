//! Template and rendering errors as diagnostics at the template's file, line and column.

use std::collections::HashMap;

use crate::content::Page;
use crate::diag::{Diagnostic, Diagnostics};
use crate::theme::Template;

/// A template mistake fails every page that uses it: report it once, naming the pages.
pub fn merge_repeats(problems: Diagnostics) -> Diagnostics {
    const MARK: &str = " (rendering ";
    let mut merged: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    for mut d in problems {
        let page = d.message.rfind(MARK).map(|i| {
            let page = d.message[i + MARK.len()..].trim_end_matches(')').to_owned();
            d.message.truncate(i);
            page
        });
        match merged.iter_mut().find(|(m, _)| *m == d) {
            Some((_, pages)) => pages.extend(page),
            None => merged.push((d, page.into_iter().collect())),
        }
    }
    merged
        .into_iter()
        .map(|(mut d, pages)| {
            match pages.as_slice() {
                [] => {}
                [one] => d.message = format!("{}{MARK}{one})", d.message),
                [first, rest @ ..] => {
                    d.message = format!("{}{MARK}{first} and {} more pages)", d.message, rest.len())
                }
            }
            d
        })
        .collect()
}

/// Tera 2 errors carry the template name and a span; turn them into file:line:col diagnostics
/// showing the template line.
pub fn template_diagnostic(
    error: &tera::Error,
    templates: &HashMap<String, Template>,
    page: Option<&Page>,
) -> Diagnostic {
    let for_page = page
        .map(|p| format!(" (rendering {})", p.display_source()))
        .unwrap_or_default();
    let file_of = |name: &str| {
        templates
            .get(name)
            .map_or_else(|| name.to_owned(), |t| t.shown.clone())
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let d = Diagnostic::new(
                file_of(report.filename()),
                format!("{}{for_page}", report.message()),
            );
            match templates.get(report.filename()) {
                Some(t) => d.at(&t.source, span.start_line, span.start_col + 1),
                None => d,
            }
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::new(
            file_of(tpl),
            format!(
                "templates include each other in a loop: {}",
                include_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::new(
            file_of(tpl),
            format!(
                "templates extend each other in a loop: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::new(
            file_of(current),
            format!("extends `{parent}`, which does not exist"),
        ),
        other => Diagnostic::new(
            page.map(|p| p.display_source())
                .unwrap_or_else(|| "templates".into()),
            format!("{other}{for_page}"),
        ),
    }
}
