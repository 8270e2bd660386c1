//! `planb build --watch` against the real binary: each change rewrites output/ atomically, a
//! failed build leaves the previous bundle in place and the loop goes on, Ctrl-C stops it.

mod common;

use std::time::Duration;

use common::serve::Running;
use common::*;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn rebuilds_on_each_change_and_survives_a_broken_one() {
    let (_tmp, site) = site("minimal");
    let root = site.to_str().unwrap().to_owned();
    let mut watching = Running::start(&["build", "--watch", "--root", &root], 0);
    assert!(
        watching.wait_for_log("built 3 pages into", 1, WAIT),
        "{}",
        watching.log()
    );
    let landing = site.join("output/public/_planb/landing.html");
    assert!(landing.is_file());

    let page = site.join("content/landing.md");
    std::fs::write(&page, read(&page) + "\nwatched-edit\n").unwrap();
    assert!(
        watching.wait_for_log("built 3 pages into", 2, WAIT),
        "{}",
        watching.log()
    );
    assert!(read(&landing).contains("watched-edit"));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&site.join("output/manifest.json"))).unwrap();
    assert!(manifest["files"].as_array().unwrap().len() >= 3);

    // A broken config: the problem is printed, output/ stays exactly as it was, the loop goes on.
    let before = tree(&site.join("output"));
    let config = read(&site.join("planb.toml"));
    std::fs::write(site.join("planb.toml"), config.replace("name =", "nme =")).unwrap();
    assert!(
        watching.wait_for_log("planb.toml:2:1: error", 1, WAIT),
        "{}",
        watching.log()
    );
    assert!(watching.alive());
    assert_eq!(
        tree(&site.join("output")),
        before,
        "output/ unchanged after a failed build"
    );

    std::fs::write(site.join("planb.toml"), config).unwrap();
    assert!(
        watching.wait_for_log("built 3 pages into", 3, WAIT),
        "{}",
        watching.log()
    );

    let status = watching
        .signal_and_wait(rustix::process::Signal::INT)
        .expect("stops on Ctrl-C");
    assert!(status.success(), "{status:?}");
}
