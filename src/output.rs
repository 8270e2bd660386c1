//! Output: the whole bundle is written to a temporary sibling folder and swapped in with one atomic
//! rename, so `output/` is always either the complete previous bundle or the complete new one.
//! planb deletes only files it wrote itself, as listed by the previous bundle's manifest.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::manifest::{self, Manifest};

/// One file of the bundle, by its path inside the output folder (`public/errors/503.html`).
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Refuses an output folder that is, or contains, the site root or `content/`, or lies inside
/// `content/` or `themes/`: swapping it would destroy or feed back into the site.
pub fn check_location(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let content = root.join(crate::content::DIR);
    let themes = root.join(crate::theme::DIR);
    let refuse = |why: &str| {
        Err(Diagnostic::new(
            out.clone(),
            format!("refusing to write the output here: {why}"),
        )
        .help("choose another --out, such as output/ inside the site"))
    };
    if out == root || root.starts_with(&out) {
        return refuse("it is or contains the site root");
    }
    if content.starts_with(&out) || out.starts_with(&content) {
        return refuse("it is, contains or lies inside content/");
    }
    if out.starts_with(&themes) {
        return refuse("it lies inside themes/");
    }
    Ok(())
}

/// An absolute path with symlinks resolved as far as the path exists, so two spellings of one
/// folder compare equal.
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest
                .iter()
                .rev()
                .fold(real, |p: PathBuf, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// Writes `files` as the new content of `out`, atomically.
pub fn write(out: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let out = absolute(out);
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::new(out.clone(), format!("{what}: {e}"))
            .help("the previous output is unchanged")
    };
    let parent = out
        .parent()
        .ok_or_else(|| Diagnostic::new(&out, "no parent folder"))?;
    let name = out
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    std::fs::create_dir_all(parent).map_err(|e| fail("cannot create the parent folder", e))?;
    remove_stale_temporaries(parent, &name);
    let previous = owned_files(&out)?;
    let temp = parent.join(format!(".{name}.planb-tmp-{}", std::process::id()));
    let unchanged_from = previous.as_ref().map(|_| out.as_path());
    let written = write_tree(&temp, files, unchanged_from);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(fail("cannot write the new output", e));
    }
    match previous {
        None => std::fs::rename(&temp, &out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&temp);
            fail("cannot move the new output in place", e)
        }),
        Some(old_files) => {
            swap(&temp, &out).map_err(|e| {
                let _ = std::fs::remove_dir_all(&temp);
                fail("cannot swap the new output in place", e)
            })?;
            // `temp` now holds the previous bundle.
            remove_owned(&temp, &old_files);
            Ok(())
        }
    }
}

/// A killed build leaves its temporary folder behind; the name says it is planb's.
fn remove_stale_temporaries(parent: &Path, name: &str) {
    let prefix = format!(".{name}.planb-tmp-");
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The files of the existing output folder, all of which planb must have written. None when there
/// is no folder yet.
fn owned_files(out: &Path) -> Result<Option<BTreeSet<PathBuf>>, Diagnostic> {
    if !out.exists() {
        return Ok(None);
    }
    if !out.is_dir() {
        return Err(
            Diagnostic::new(out, "the output path exists and is not a folder")
                .help("choose another --out"),
        );
    }
    let listed: BTreeSet<PathBuf> = match std::fs::read(out.join(manifest::FILE_NAME)) {
        Ok(bytes) => Manifest::owned_paths(&bytes)
            .map_err(|m| Diagnostic::new(out.join(manifest::FILE_NAME), m))?,
        Err(_) => BTreeSet::new(),
    };
    let strangers: Vec<String> = walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?.to_path_buf();
            (!listed.contains(&rel)).then(|| rel.display().to_string())
        })
        .collect();
    if !strangers.is_empty() {
        let shown: Vec<&str> = strangers.iter().take(5).map(String::as_str).collect();
        let more = if strangers.len() > 5 {
            format!(" and {} more", strangers.len() - 5)
        } else {
            String::new()
        };
        return Err(Diagnostic::new(
            out,
            format!(
                "the output folder holds files planb did not write: {}{more}",
                shown.join(", ")
            ),
        )
        .help("planb replaces its output folder as a whole and never deletes files it did not write: move them away, or choose another --out"));
    }
    Ok(Some(listed))
}

/// Writes every file under `dir`. A file whose bytes equal those of the same path in `previous`
/// (the current output) is hard-linked to it instead: no new inode and no data written, which is
/// most of a rebuild's system time (a typo fixed on one page leaves thousands unchanged), and
/// unchanged files keep their modification time for sync tools. Writing is the fallback.
fn write_tree(dir: &Path, files: &[OutputFile], previous: Option<&Path>) -> std::io::Result<()> {
    // Folders first, once each, then the files on every core: a thousand pages are a thousand
    // reads of the previous file and a link or a write, a fifth of such a build when done in turn.
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| dir.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    std::fs::create_dir_all(dir)?;
    for folder in &folders {
        std::fs::create_dir_all(folder)?;
    }
    files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        let old = previous.map(|p| p.join(&f.path));
        if let Some(old) = old
            && same_bytes(&old, &f.bytes)
            && std::fs::hard_link(&old, &path).is_ok()
        {
            return Ok(());
        }
        std::fs::write(&path, &f.bytes)
    })
}

/// Whether `path` is a regular file (not a symlink) holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    meta.is_file()
        && meta.len() == bytes.len() as u64
        && std::fs::read(path).is_ok_and(|b| b == bytes)
}

/// Exchanges two folders in one step where the kernel can (Linux `renameat2(RENAME_EXCHANGE)`), so
/// there is no moment without an output folder; two renames elsewhere.
fn swap(new: &Path, out: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let aside = new.with_extension("old");
    std::fs::rename(out, &aside)?;
    std::fs::rename(new, out)?;
    std::fs::rename(&aside, new)
}

/// Deletes the previous bundle's own files, then its folders if they are empty.
fn remove_owned(dir: &Path, files: &BTreeSet<PathBuf>) {
    files.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(dir.join(f));
    });
    let mut dirs: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    // Deepest first, so a folder is empty by the time it is removed.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = std::fs::remove_dir(d);
    }
}
