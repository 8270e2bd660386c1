//! `planb init DIR`: a new site that builds at once, from the same default content as this
//! repository's own site. The theme stays in the binary; the site overrides what it needs.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::Diagnostic;

static DEFAULT_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
const DEFAULT_CONFIG: &str = include_str!("../planb.toml");
const GITIGNORE: &str = "/output/\n";

/// The files of a new site: path relative to the site, contents.
fn files() -> Vec<(PathBuf, &'static [u8])> {
    let mut files = vec![
        (
            PathBuf::from(crate::config::FILE_NAME),
            DEFAULT_CONFIG.as_bytes(),
        ),
        (PathBuf::from(".gitignore"), GITIGNORE.as_bytes()),
    ];
    collect(&DEFAULT_CONTENT, &mut files);
    files
}

fn collect(dir: &'static Dir<'static>, into: &mut Vec<(PathBuf, &'static [u8])>) {
    for f in dir.files() {
        into.push((Path::new(crate::content::DIR).join(f.path()), f.contents()));
    }
    for d in dir.dirs() {
        collect(d, into);
    }
}

/// Creates the site in `dir` (created if missing). Refuses, writing nothing, if any file it would
/// write already exists.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let files = files();
    let clashes: Vec<String> = files
        .iter()
        .filter(|(p, _)| dir.join(p).exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !clashes.is_empty() {
        return Err(Diagnostic::new(
            dir,
            format!(
                "already holds {}; planb init never overwrites a file",
                clashes.join(", ")
            ),
        )
        .help("choose an empty or new folder"));
    }
    let mut written = Vec::new();
    for (path, bytes) in files {
        let full = dir.join(&path);
        let result = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, bytes));
        result.map_err(|e| Diagnostic::new(&full, format!("cannot write: {e}")))?;
        written.push(path);
    }
    Ok(written)
}
