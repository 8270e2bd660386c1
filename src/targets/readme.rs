//! A target's README is a tera template beside its code (`src/targets/<name>/README.md.tera`),
//! embedded in the binary and rendered with the values the target computes: the text reads as the
//! user will read it, not as a hundred lines of `format!`.

use serde::Serialize;

use super::folder::Folder;
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
    tera.add_raw_template("README.md", template).map_err(bug)?;
    let context = tera::Context::from_serialize(context).map_err(bug)?;
    let text = tera.render("README.md", &context).map_err(bug)?;
    Ok(folder.file("README.md", text))
}
