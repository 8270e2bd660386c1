//! `planb check --fix`: the typography fixes the check is certain of, written into the site's
//! own Markdown files, and nothing else (templates, language files and `planb.toml` are never
//! rewritten; spelling suggestions are never applied, a person picks one).
//!
//! - Each file is rewritten only if it still holds exactly the text that was checked: an edit
//!   in between is never overwritten.
//! - Fixes replace bytes within one line, so a diff of the changed lines shows them all; the
//!   invisible narrow no-break space is shown as `⍽` there.
//! - A fix overlapping another in the same file is left for the next run.
//! - The new text replaces the file by a rename, as the build writes `output/`: an interrupted
//!   fix leaves the old file or the new one, never half of each.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::sources::Source;
use crate::diag::Diagnostic;

/// One certain replacement in a Markdown file of the site.
#[derive(Debug, Clone)]
pub struct Fix {
    pub(super) source: Arc<Source>,
    pub range: Range<usize>,
    pub with: String,
}

impl Fix {
    pub fn file(&self) -> &Path {
        &self.source.file
    }
}

/// A file and its text before and after its fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub file: PathBuf,
    pub before: String,
    pub after: String,
    pub fixes: usize,
}

/// How each file changes with `fixes`, one rewrite per file, in file order.
pub fn plan(fixes: &[Fix]) -> Vec<Rewrite> {
    let mut files: Vec<&Arc<Source>> = Vec::new();
    for f in fixes {
        if !files
            .iter()
            .any(|s| Arc::ptr_eq(s, &f.source) || s.file == f.source.file)
        {
            files.push(&f.source);
        }
    }
    files.sort_by(|a, b| a.file.cmp(&b.file));
    files
        .into_iter()
        .map(|source| {
            let mut mine: Vec<&Fix> = fixes
                .iter()
                .filter(|f| f.source.file == source.file)
                .collect();
            mine.sort_by_key(|f| (f.range.start, f.range.end));
            let mut after = source.text.clone();
            let mut count = 0;
            let mut from = usize::MAX;
            for fix in mine.into_iter().rev() {
                let fits = fix.range.end <= from
                    && after.is_char_boundary(fix.range.start)
                    && after.is_char_boundary(fix.range.end);
                if fits {
                    after.replace_range(fix.range.clone(), &fix.with);
                    from = fix.range.start;
                    count += 1;
                }
            }
            Rewrite {
                file: source.file.clone(),
                before: source.text.clone(),
                after,
                fixes: count,
            }
        })
        .filter(|r| r.fixes > 0)
        .collect()
}

impl Rewrite {
    /// The changed lines, as a unified diff without context.
    pub fn diff(&self) -> String {
        let shown = |l: &str| l.replace('\u{202f}', "⍽");
        let mut s = format!("--- {0}\n+++ {0}\n", self.file.display());
        for (n, (old, new)) in self.before.lines().zip(self.after.lines()).enumerate() {
            if old != new {
                let _ = write!(
                    s,
                    "@@ -{0} +{0} @@\n-{1}\n+{2}\n",
                    n + 1,
                    shown(old),
                    shown(new)
                );
            }
        }
        s
    }

    /// Writes the new text over the file in `root`, if the file still holds what was checked.
    pub fn write(&self, root: &Path) -> Result<(), Diagnostic> {
        let path = root.join(&self.file);
        let fail = |e: String| Diagnostic::new(&self.file, e);
        let bytes = std::fs::read(&path).map_err(|e| fail(format!("cannot read it: {e}")))?;
        let (bom, text) = match bytes.strip_prefix("\u{feff}".as_bytes()) {
            Some(rest) => ("\u{feff}", rest),
            None => ("", bytes.as_slice()),
        };
        if text != self.before.as_bytes() {
            return Err(
                fail("changed since it was checked; nothing written to it".into())
                    .help("run `planb check --fix` again"),
            );
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temp = path.with_file_name(format!(".{name}.planb-fix"));
        let result = std::fs::write(&temp, format!("{bom}{}", self.after))
            .and_then(|()| {
                let permissions = std::fs::metadata(&path)?.permissions();
                std::fs::set_permissions(&temp, permissions)
            })
            .and_then(|()| std::fs::rename(&temp, &path));
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temp);
            return Err(fail(format!("cannot rewrite it: {e}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(source: &Arc<Source>, range: Range<usize>, with: &str) -> Fix {
        Fix {
            source: source.clone(),
            range,
            with: with.into(),
        }
    }

    #[test]
    fn fixes_apply_from_the_end_and_overlaps_wait() {
        let source = Arc::new(Source {
            file: "content/a.md".into(),
            text: "+++\ntitle = \"x\"\n+++\nPrêt ? l'accueil\n".into(),
            fixable: true,
        });
        let plan = plan(&[
            fix(&source, 25..27, "\u{202f}?"),
            fix(&source, 28..30, "zz"),
            fix(&source, 29..30, "’"),
        ]);
        assert_eq!(plan.len(), 1);
        assert_eq!(
            plan[0].after,
            "+++\ntitle = \"x\"\n+++\nPrêt\u{202f}? l’accueil\n"
        );
        assert_eq!(plan[0].fixes, 2);
        assert_eq!(
            plan[0].diff(),
            "--- content/a.md\n+++ content/a.md\n@@ -4 +4 @@\n-Prêt ? l'accueil\n+Prêt⍽? l’accueil\n"
        );
    }
}
