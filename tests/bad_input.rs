//! Every kind of bad input gets a clear message (compared to a snapshot), exit status 1, and leaves
//! the previous `output/` exactly as it was.
//!
//! Each case in `tests/fixtures/bad/<case>/` is laid over the `minimal` site after that site was built
//! once: files in the case replace or add to the site's, and a `REMOVE` file lists paths to delete.

mod common;

use std::path::Path;

use common::*;

fn run_case(case: &Path) {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let (_tmp, site) = common::site("minimal");
    let first = planb(&site, &["build"]);
    assert!(
        first.status.success(),
        "{name}: the base site must build: {}",
        stderr(&first)
    );
    let before = tree(&site.join("output"));
    overlay(case, &site);

    let out = planb(&site, &["build"]);
    let err = stderr(&out).replace(&site.display().to_string(), "$SITE");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: exit status; stderr:\n{err}"
    );
    assert!(stdout(&out).is_empty(), "{name}: nothing on stdout");
    assert_snapshot(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/bad/{name}.txt")),
        &err,
    );
    assert!(
        before == tree(&site.join("output")),
        "{name}: output/ changed"
    );
}

fn overlay(case: &Path, site: &Path) {
    if let Ok(list) = std::fs::read_to_string(case.join("REMOVE")) {
        for path in list.lines().filter(|l| !l.trim().is_empty()) {
            std::fs::remove_file(site.join(path.trim())).expect("remove listed file");
        }
    }
    for entry in walkdir::WalkDir::new(case).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(case).unwrap();
        if rel == Path::new("REMOVE") {
            continue;
        }
        let target = site.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn every_bad_input_is_reported_and_output_is_untouched() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "the matrix has {} cases", cases.len());
    for case in &cases {
        run_case(case);
    }
}
