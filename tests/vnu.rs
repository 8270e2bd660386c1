//! Every page planb builds, through the W3C Nu HTML validator (`vnu-jar`, pinned in
//! `tests/engines/package-lock.json`, run by Debian's Java; `scripts/test` installs both): the
//! default site, every fixture that builds, and the starters of `planb init`, with zero errors.
//! Browsers forgive what the validator reports (a raw space in a `data:` URI), crawlers and
//! validators do not.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::Value;

/// The validator's jar, or a failure that says what to install.
fn vnu_jar() -> PathBuf {
    let jar = engines::modules().join("vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "{} is missing: run scripts/test, or `npm ci --prefix tests/engines`",
        jar.display()
    );
    let java = Command::new("java").arg("-version").output();
    assert!(
        java.is_ok_and(|o| o.status.success()),
        "java is missing: run scripts/test, or `apt-get install default-jre-headless`"
    );
    jar
}

/// Builds `site` into `out` and gives its pages.
fn built(site: &Path, out: &Path) -> Vec<PathBuf> {
    let done = planb(site, &["build", "--out", out.to_str().unwrap()]);
    assert!(done.status.success(), "{}", stdout(&done));
    engines::files_under(&out.join("public"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

#[test]
fn every_page_of_every_site_passes_the_nu_validator() {
    let jar = vnu_jar();
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = built(root, &tmp.path().join("default"));
    // check-html is left out: its theme lacks a title and an alt on purpose, for `check`'s tests.
    for name in [
        "rich",
        "edge",
        "minimal",
        "bilingual",
        "spelling/fr",
        "spelling/en",
    ] {
        let (_copy, site) = site(name);
        all.extend(built(&site, &tmp.path().join(name)));
    }
    for (name, args) in [
        ("starter", &["init", "starter"][..]),
        ("example", &["init", "example", "--example"]),
    ] {
        let made = planb(tmp.path(), args);
        assert!(made.status.success(), "{}", stderr(&made));
        let site = tmp.path().join(name);
        all.extend(built(&site, &site.join("output")));
    }
    assert!(all.len() > 60, "only {} pages built", all.len());

    let run = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json"])
        .args(&all)
        .output()
        .expect("run vnu");
    let report: Value = serde_json::from_slice(&run.stderr)
        .unwrap_or_else(|_| panic!("vnu said: {}", String::from_utf8_lossy(&run.stderr)));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}:{}: {} ({})",
                m["url"].as_str().unwrap_or_default(),
                m["lastLine"],
                m["message"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "{} errors in {} pages:\n{}",
        errors.len(),
        all.len(),
        errors.join("\n")
    );
}
