//! `scripts/summary`, the closing line of `scripts/test`: one `N passed, N failed` summing every
//! test binary's result line and every fuzz target, on the real output shapes of `cargo test`
//! and `scripts/fuzz`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The line `scripts/summary` prints for `input`, and whether it exited 0.
fn summary(input: &str) -> (String, bool) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/summary");
    let mut child = Command::new("bash")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run scripts/summary");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.success())
}

const TESTS: &str = "   Compiling planb v0.1.0\n\
     Running tests/check.rs (target/debug/deps/check-1)\n\
     running 7 tests\n\
     test a ... ok\n\
     test result: ok. 7 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 3.59s\n\
     \n\
     Running tests/golden.rs (target/debug/deps/golden-2)\n\
     test result: ok. 4 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.17s\n\
     Doc-tests planb\n\
     test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n";

#[test]
fn every_binary_and_fuzz_target_is_summed_into_one_line() {
    let fuzz = "scripts/fuzz: css passed\nscripts/fuzz: page passed\n";
    let (line, ok) = summary(&format!("{TESTS}{fuzz}"));
    assert_eq!(
        line,
        "13 passed, 0 failed (fuzz targets among them: 2 passed, 0 failed)\n"
    );
    assert!(ok);
}

#[test]
fn a_failure_anywhere_is_counted_and_fails_the_line() {
    let failed = "test result: FAILED. 8 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
    let (line, ok) = summary(&format!("{TESTS}{failed}"));
    assert_eq!(line, "19 passed, 1 failed\n");
    assert!(!ok);
    let (line, ok) = summary(&format!("{TESTS}scripts/fuzz: css failed\n"));
    assert_eq!(
        line,
        "11 passed, 1 failed (fuzz targets among them: 0 passed, 1 failed)\n"
    );
    assert!(!ok);
}

#[test]
fn nothing_run_is_a_failure() {
    let (line, ok) = summary("error: could not compile `planb`\n");
    assert_eq!(line, "0 passed, 0 failed\n");
    assert!(!ok);
}
