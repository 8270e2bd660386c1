//! Translations that disagree in structure: a call to action in one language and not in another
//! leaves the visitors of that language without it on the worst night. Actions are compared by
//! their link (labels are translated, links are not), in each translation its author wrote;
//! planb's built-in languages of a page have no actions of their own, by design.

use crate::content::Page;
use crate::diag::{Diagnostic, Diagnostics};
use crate::finish::Finished;

/// Every written translation whose actions link elsewhere than its original's.
pub fn disagreements(pages: &[Finished]) -> Diagnostics {
    pages
        .iter()
        .filter_map(|t| {
            let translation = &t.page;
            let of = translation.translation_of.as_ref()?;
            translation.source.as_ref()?;
            let original = pages.iter().find(|o| &o.page.file == of)?;
            disagreement(&original.page, translation)
        })
        .collect()
}

/// What `translation` lacks of `original`'s actions, and has that it has not.
fn disagreement(original: &Page, translation: &Page) -> Option<Diagnostic> {
    let links = |p: &Page| p.actions.iter().map(|a| a.url.clone()).collect::<Vec<_>>();
    let (theirs, ours) = (links(original), links(translation));
    let missing: Vec<&String> = theirs.iter().filter(|u| !ours.contains(u)).collect();
    let extra: Vec<&String> = ours.iter().filter(|u| !theirs.contains(u)).collect();
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let source = translation.source.as_ref()?;
    let shown = original.display_source();
    let list = |urls: &[&String]| {
        urls.iter()
            .map(|u| format!("`{u}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut said = Vec::new();
    if !missing.is_empty() {
        said.push(format!(
            "lacks the action{} to {} that {shown} has",
            plural(missing.len()),
            list(&missing)
        ));
    }
    if !extra.is_empty() {
        said.push(format!(
            "has the action{} to {} that {shown} has not",
            plural(extra.len()),
            list(&extra)
        ));
    }
    let d = Diagnostic::new(
        source,
        format!("the `{}` page {}", translation.lang, said.join(", and ")),
    )
    .help("give every language the same actions (the labels translated, the links alike)");
    Some(crate::content::at_field(
        d,
        &translation.source_text,
        "actions",
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
