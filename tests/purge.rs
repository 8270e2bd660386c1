//! Purge lists (`output/purge/`): after a one-word fix, exactly that page and its precompressed
//! siblings, in each CDN's form, compared with the bundle last verified live (or `--since`);
//! nothing without a baseline; byte-identical rebuilds; a bad baseline refused with nothing
//! written.

mod common;

use std::path::Path;

use serde_json::Value;

const LIVE: &str = ".planb/live-manifest.json";

fn build(site: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["build"];
    all.extend(args);
    common::planb(site, &all)
}

/// The edge fixture built once with every target, its manifest kept as if verified live.
fn live_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, site) = common::site("edge");
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(!site.join("output/purge").exists(), "no baseline, no lists");
    std::fs::create_dir_all(site.join(".planb")).unwrap();
    std::fs::copy(site.join("output/manifest.json"), site.join(LIVE)).unwrap();
    (tmp, site)
}

fn fix_one_word(site: &Path) {
    let page = site.join("content/errors/503.md");
    let text = common::read(&page);
    assert!(text.contains("Back in a minute."));
    std::fs::write(
        &page,
        text.replace("Back in a minute.", "Back in two minutes."),
    )
    .unwrap();
}

#[test]
fn a_one_word_fix_lists_that_page_and_its_siblings_for_each_cdn() {
    let (_tmp, site) = live_site();
    fix_one_word(&site);
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(
        said.contains("purge: 3 URLs changed since the live bundle"),
        "{said}"
    );

    let purge = site.join("output/purge");
    let page = "/_planb/errors/503.html";
    let paths = format!("{page}\n{page}.br\n{page}.gz\n");
    assert_eq!(common::read(&purge.join("paths.txt")), paths);
    let cloudfront: Value =
        serde_json::from_str(&common::read(&purge.join("cloudfront.json"))).unwrap();
    assert_eq!(cloudfront["Paths"]["Quantity"], 3);
    assert_eq!(cloudfront["Paths"]["Items"][0], page);
    assert!(
        cloudfront["CallerReference"]
            .as_str()
            .unwrap()
            .starts_with("planb-")
    );
    let cloudflare: Value =
        serde_json::from_str(&common::read(&purge.join("cloudflare.json"))).unwrap();
    let url = format!("https://www.edge.example{page}");
    assert_eq!(cloudflare["files"][0], url.as_str());
    let varnish = common::read(&purge.join("varnish.txt"));
    assert!(
        varnish.starts_with(&format!("ban req.url == \"{page}\"\n")),
        "{varnish}"
    );
    // The manifest names them as planb's own files.
    let manifest: Value =
        serde_json::from_str(&common::read(&site.join("output/manifest.json"))).unwrap();
    assert_eq!(
        manifest["purge"],
        serde_json::json!([
            "paths.txt",
            "cloudfront.json",
            "varnish.txt",
            "cloudflare.json"
        ])
    );

    // Built again before deploying: the same lists, byte for byte (the baseline is the live
    // bundle, not the previous build, so the fix is not lost).
    let first = common::tree(&site.join("output"));
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(first, common::tree(&site.join("output")));

    // Once the fix is live (verify keeps the new manifest), nothing to purge: the lists go.
    std::fs::copy(site.join("output/manifest.json"), site.join(LIVE)).unwrap();
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).contains("purge: nothing changed since the live bundle"));
    assert!(!purge.exists());
}

/// A live manifest that cannot be read is said and skipped: the build goes on without lists.
#[test]
fn a_broken_live_manifest_is_a_warning_not_a_failed_build() {
    let (_tmp, site) = live_site();
    std::fs::write(site.join(LIVE), "{ broken").unwrap();
    fix_one_word(&site);
    let out = build(&site, &[]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning: "), "{err}");
    assert!(
        err.contains("live-manifest.json: not a planb manifest"),
        "{err}"
    );
    assert!(err.contains("no purge lists this time"), "{err}");
    assert!(!site.join("output/purge").exists());
}

#[test]
fn since_names_the_baseline_and_a_bad_one_is_refused_with_nothing_written() {
    let (_tmp, site) = live_site();
    let kept = site.join("kept.json");
    std::fs::rename(site.join(LIVE), &kept).unwrap();
    fix_one_word(&site);
    let out = build(&site, &["--since", "kept.json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(site.join("output/purge/paths.txt").is_file());

    let before = common::tree(&site.join("output"));
    std::fs::write(site.join("bad.json"), "{ not json").unwrap();
    let out = build(&site, &["--since", "bad.json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("not a planb manifest"), "{err}");
    let out = build(&site, &["--since", "missing.json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.contains("missing.json: error: cannot read the baseline manifest"),
        "{err}"
    );
    assert_eq!(
        before,
        common::tree(&site.join("output")),
        "nothing written"
    );
}
