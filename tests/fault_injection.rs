//! Failures in the middle of a build never ship a broken bundle: a build killed at random moments,
//! a write that fails halfway, an output folder planb may not write. Each time `output/` is the
//! whole previous bundle or the whole new one, checked file by file against its manifest.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use sha2::{Digest, Sha256};

/// Checks that `out` is exactly the bundle its manifest describes (every file, its sha256, nothing
/// else) and returns the manifest's text.
fn assert_complete_bundle(out: &Path) -> String {
    let text = read(&out.join("manifest.json"));
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("a whole manifest");
    let mut expected: BTreeSet<String> = BTreeSet::from(["manifest.json".to_owned()]);
    let files = tree(out);
    for f in manifest["files"].as_array().unwrap() {
        let path = format!("public/{}", f["file"].as_str().unwrap());
        let bytes = files
            .get(&path)
            .unwrap_or_else(|| panic!("{path} is missing"));
        let sha: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            sha,
            f["sha256"].as_str().unwrap(),
            "{path} is not the manifest's"
        );
        expected.insert(path);
    }
    for c in manifest["config"].as_array().unwrap() {
        expected.insert(format!("config/{}", c.as_str().unwrap()));
    }
    let actual: BTreeSet<String> = files.keys().cloned().collect();
    assert_eq!(actual, expected, "the files are exactly the manifest's");
    text
}

/// The temporary output folders planb left beside `output/`.
fn temporary_folders(site: &Path) -> Vec<String> {
    std::fs::read_dir(site)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planb-tmp"))
        .collect()
}

/// A small deterministic generator, so a failure can be replayed from its iteration.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_bundle_or_the_new_one() {
    let (_tmp, site) = site("rich");
    let page = site.join("content/promo.md");
    let original = read(&page);
    let variants = [
        original.clone(),
        original.replace("+++\n\n", "+++\n\nvariant-b\n\n"),
    ];
    assert_ne!(variants[0], variants[1]);

    // The two bundles a build may leave.
    let mut manifests = Vec::new();
    for v in &variants {
        std::fs::write(&page, v).unwrap();
        let out = planb(&site, &["build", "--quiet"]);
        assert!(out.status.success(), "{}", stderr(&out));
        manifests.push(assert_complete_bundle(&site.join("output")));
    }
    assert_ne!(manifests[0], manifests[1]);
    // How long a build like the loop's takes here: a rebuild with one page changed, which reuses
    // the rest of the previous bundle and is much quicker than the first build.
    let mut longest = Duration::ZERO;
    for v in variants.iter().cycle().take(4) {
        std::fs::write(&page, v).unwrap();
        let started = Instant::now();
        assert!(planb(&site, &["build", "--quiet"]).status.success());
        longest = longest.max(started.elapsed());
    }

    let mut seed = 42;
    let (mut killed, mut finished) = (0, 0);
    for i in 0..100 {
        std::fs::write(&page, &variants[i % 2]).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_planb"))
            .args(["build", "--quiet"])
            .current_dir(&site)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from the start to a little past the usual end of a build.
        let delay = next(&mut seed) % (longest.as_micros() as u64 * 12 / 10 + 1);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
        let found = assert_complete_bundle(&site.join("output"));
        assert!(
            manifests.contains(&found),
            "iteration {i}: output/ is neither the old bundle nor the new one"
        );
    }
    eprintln!("100/100 old-or-new: {killed} builds killed midway, {finished} finished first");
    assert!(
        killed >= 20,
        "most kills must land during a build ({killed} did)"
    );

    // The next build cleans up what the killed ones left (their temporary folders).
    let out = planb(&site, &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(temporary_folders(&site), Vec::<String>::new());
}

/// `planb build` under a shell that caps the size of any file it writes (`ulimit -f`, in blocks
/// of 512 bytes), with SIGXFSZ ignored so that the write fails with EFBIG, as a full disk would.
fn build_with_file_size_limit(site: &Path, blocks: u32) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" build"
        ))
        .arg(env!("CARGO_BIN_EXE_planb"))
        .current_dir(site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn a_write_that_fails_midway_is_a_clear_error_and_the_previous_bundle_stays() {
    let (_tmp, site) = site("rich");
    assert!(planb(&site, &["build", "--quiet"]).status.success());
    let before = tree(&site.join("output"));
    let page = site.join("content/promo.md");
    std::fs::write(&page, read(&page).replace("+++\n\n", "+++\n\nnew text\n\n")).unwrap();
    // 4 KiB: the small files are written, the first page is not.
    let out = build_with_file_size_limit(&site, 8);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("cannot write the new output: File too large"),
        "{message}"
    );
    assert!(
        message.contains("the previous output is unchanged"),
        "{message}"
    );
    assert_eq!(tree(&site.join("output")), before);
    assert_complete_bundle(&site.join("output"));
    assert_eq!(
        temporary_folders(&site),
        Vec::<String>::new(),
        "the half-written folder is removed"
    );
}

#[test]
fn an_output_folder_planb_may_not_write_is_a_clear_error() {
    let (tmp, site) = site("minimal");
    assert!(planb(&site, &["build", "--quiet"]).status.success());
    let before = tree(&site.join("output"));
    // Root may write anywhere: run planb as `nobody`, who may read the site but not write in it.
    let as_root = running_as_root();
    let mut command = if as_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]);
        c.arg(env!("CARGO_BIN_EXE_planb"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_planb"))
    };
    set_mode(tmp.path(), 0o755);
    for entry in walkdir::WalkDir::new(&site) {
        let e = entry.unwrap();
        set_mode(e.path(), if e.file_type().is_dir() { 0o555 } else { 0o444 });
    }
    let out = command
        .args(["build"])
        .current_dir(&site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    for entry in walkdir::WalkDir::new(&site) {
        let e = entry.unwrap();
        set_mode(e.path(), if e.file_type().is_dir() { 0o755 } else { 0o644 });
    }
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("Permission denied"), "{message}");
    assert!(
        message.contains("the previous output is unchanged"),
        "{message}"
    );
    assert_eq!(tree(&site.join("output")), before);
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn running_as_root() -> bool {
    rustix::process::geteuid().is_root()
}
