//! `planb theme eject [NAME]`: copies the built-in default theme into the site's
//! `themes/NAME/` (default `default`) for editing. It never overwrites a file: a file the site
//! already has is kept and named. Under `themes/default/`, each copied file overrides the built-in
//! one of the same name, file by file, so a site can keep only the files it changes.

use std::path::{Path, PathBuf};

use include_dir::Dir;

use crate::default_theme::DEFAULT_THEME;
use crate::diag::Diagnostic;
use crate::theme::DIR;

/// What an eject did, paths relative to the site.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Ejected {
    /// The theme's folder, `themes/NAME`.
    pub folder: PathBuf,
    pub copied: Vec<PathBuf>,
    /// Files the site already had, left as they were.
    pub kept: Vec<PathBuf>,
}

/// A theme name is one folder name: letters, digits, `-`, `_`.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Copies every file of the built-in theme missing from `root/themes/name/`.
pub fn eject(root: &Path, name: &str) -> Result<Ejected, Diagnostic> {
    if !valid_name(name) {
        return Err(Diagnostic::new(
            "planb theme eject",
            format!("`{}` is not a theme name", name.escape_debug()),
        )
        .help(
            "a folder name under themes/: letters, digits, `-` and `_`, e.g. `default` or `brand`",
        ));
    }
    if !root.join(crate::config::FILE_NAME).is_file() {
        return Err(Diagnostic::new(
            root,
            format!("no {} here: not a planb site", crate::config::FILE_NAME),
        )
        .help("run it in a site folder, or give the site with --root"));
    }
    let folder = Path::new(DIR).join(name);
    let mut files = Vec::new();
    collect(&DEFAULT_THEME, &mut files);
    let mut done = Ejected {
        folder: folder.clone(),
        ..Ejected::default()
    };
    for (path, bytes) in files {
        let shown = folder.join(path);
        let full = root.join(&shown);
        if full.exists() {
            done.kept.push(shown);
            continue;
        }
        full.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, bytes))
            .map_err(|e| Diagnostic::new(&full, format!("cannot write: {e}")))?;
        done.copied.push(shown);
    }
    Ok(done)
}

fn collect(dir: &'static Dir<'static>, into: &mut Vec<(&'static Path, &'static [u8])>) {
    for f in dir.files() {
        into.push((f.path(), f.contents()));
    }
    for d in dir.dirs() {
        collect(d, into);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_folder() {
        assert!(valid_name("default"));
        assert!(valid_name("my-brand_2"));
        assert!(!valid_name(""));
        assert!(!valid_name("../x"));
        assert!(!valid_name("a/b"));
        assert!(!valid_name("é"));
    }
}
