//! `planb init DIR`: a new site that builds at once. By default a neutral starter named after
//! its folder, whose placeholders (`example.com` addresses) `planb check` names until they are
//! replaced; with `--example`, the demo this repository's own site is (Cagette). The theme stays
//! in the binary; the site overrides what it needs (`planb theme eject`).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::Diagnostic;

static EXAMPLE_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
const EXAMPLE_CONFIG: &str = include_str!("../../planb.toml");
static STARTER_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init/starter/content");
const STARTER_CONFIG: &str = include_str!("starter/planb.toml");
/// The bundle, and what `planb verify` keeps of the live edge (`.planb/live-manifest.json`).
const GITIGNORE: &str = "/output/\n/.planb/\n";

/// The demo's name and logo, which `planb check` says are still there.
pub const EXAMPLE_NAME: &str = "Cagette";
pub const EXAMPLE_LOGO: &[u8] = include_bytes!("../../content/logo.svg");

/// Which site `init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Starter {
    /// Neutral: the folder's name, placeholder addresses, no logo.
    Neutral,
    /// The Cagette demo, as this repository's own site.
    Example,
}

/// The files of a new site in `dir`: path relative to the site, contents.
fn files(dir: &Path, starter: Starter) -> Vec<(PathBuf, Cow<'static, [u8]>)> {
    let (config, content): (Cow<'static, str>, _) = match starter {
        Starter::Neutral => {
            // A TOML string, whatever the folder is called.
            let name = toml::Value::String(site_name(dir)).to_string();
            (
                STARTER_CONFIG.replace("@NAME@", &name).into(),
                &STARTER_CONTENT,
            )
        }
        Starter::Example => (EXAMPLE_CONFIG.into(), &EXAMPLE_CONTENT),
    };
    let mut files = vec![
        (
            PathBuf::from(crate::config::FILE_NAME),
            match config {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            },
        ),
        (
            PathBuf::from(".gitignore"),
            Cow::Borrowed(GITIGNORE.as_bytes()),
        ),
    ];
    collect(content, &mut files);
    files
}

/// The site's name: its folder's, as written (`my-shop`), or "My site" for a folder without one.
fn site_name(dir: &Path) -> String {
    let named = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.trim().is_empty())
    };
    named(dir)
        .or_else(|| dir.canonicalize().ok().as_deref().and_then(named))
        .unwrap_or_else(|| "My site".to_owned())
}

fn collect(dir: &'static Dir<'static>, into: &mut Vec<(PathBuf, Cow<'static, [u8]>)>) {
    for f in dir.files() {
        into.push((
            Path::new(crate::content::DIR).join(f.path()),
            Cow::Borrowed(f.contents()),
        ));
    }
    for d in dir.dirs() {
        collect(d, into);
    }
}

/// Creates the site in `dir` (created if missing). Refuses, writing nothing, if any file it would
/// write already exists.
pub fn init(dir: &Path, starter: Starter) -> Result<Vec<PathBuf>, Diagnostic> {
    let files = files(dir, starter);
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
            .and_then(|()| std::fs::write(&full, &bytes));
        result.map_err(|e| Diagnostic::new(&full, format!("cannot write: {e}")))?;
        written.push(path);
    }
    Ok(written)
}
