//! Helpers for tests that run the real `planb` binary on fixture sites.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod app;
pub mod caddy;
pub mod edge;
pub mod engines;
pub mod formats;
pub mod languages;
pub mod lighttpd;
pub mod nginx;
pub mod serve;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `planb ARGS` in `dir` with colours off.
pub fn planb(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planb"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run planb")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Copies a fixture site into a fresh temporary folder, so tests never write into the repository.
pub fn site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dest = tmp.path().join("site");
    copy_dir(&fixtures().join(name), &dest);
    (tmp, dest)
}

/// The fixture `name` with `extra` appended to its `planb.toml`, built with `--mode mode`: the
/// temporary folder (keep it), the output folder and the manifest.
pub fn build_in_mode(
    name: &str,
    extra: &str,
    mode: &str,
) -> (tempfile::TempDir, PathBuf, serde_json::Value) {
    let (tmp, site) = site(name);
    let config = format!("{}\n{extra}", read(&site.join("planb.toml")));
    std::fs::write(site.join("planb.toml"), config).unwrap();
    let out = planb(&site, &["build", "--mode", mode]);
    assert!(
        out.status.success(),
        "build --mode {mode}: {}",
        stderr(&out)
    );
    let manifest = serde_json::from_str(&read(&site.join("output/manifest.json"))).unwrap();
    (tmp, site.join("output"), manifest)
}

/// Copies the default site (the repository root: `planb.toml`, `content/`, `themes/`) into a fresh
/// temporary folder, without the repository's `output/` or `target/`.
pub fn default_site() -> (tempfile::TempDir, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let dest = tmp.path().join("site");
    for dir in ["content", "themes"] {
        copy_dir(&root.join(dir), &dest.join(dir));
    }
    std::fs::copy(root.join("planb.toml"), dest.join("planb.toml")).expect("copy planb.toml");
    (tmp, dest)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else if entry.file_type().is_symlink() {
            let link = std::fs::read_link(entry.path()).expect("readlink");
            #[cfg(unix)]
            std::os::unix::fs::symlink(link, &target).expect("symlink");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file under `dir` with its bytes, to compare folders exactly.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .display()
                .to_string();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Compares `actual` with the snapshot file; `UPDATE_SNAPSHOTS=1` rewrites it instead.
pub fn assert_snapshot(snapshot: &Path, actual: &str) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(snapshot, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(snapshot).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with UPDATE_SNAPSHOTS=1 to create it. Actual:\n{actual}",
            snapshot.display()
        )
    });
    assert_eq!(
        expected,
        actual,
        "output differs from {} (UPDATE_SNAPSHOTS=1 to accept)",
        snapshot.display()
    );
}
