//! Input that is too big or too deep gets a clear error, in bounded memory, instead of a crash or
//! minutes of work: a 30 MB image, 20,000 nested quotes, a site of thousands of files.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// `planb build` with its address space capped at `kib` KiB (`ulimit -v`): bounded memory, proven.
fn build_within(site: &Path, kib: u32) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {kib}; exec \"$0\" build"))
        .arg(env!("CARGO_BIN_EXE_planb"))
        .current_dir(site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn a_huge_image_is_refused_before_it_is_read() {
    let (_tmp, site) = site("minimal");
    // Sparse: 30 MB to planb, nothing on disk.
    let image = std::fs::File::create(site.join("content/photo.png")).unwrap();
    image.set_len(30 << 20).unwrap();
    let page = site.join("content/landing.md");
    std::fs::write(&page, read(&page) + "\n![The team](photo.png)\n").unwrap();
    let out = build_within(&site, 300_000);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains(
            "`photo.png` weighs 31457280 bytes; planb reads files of at most 1048576 bytes (1 MiB)"
        ),
        "{message}"
    );
    assert!(message.contains("content/landing.md:"), "{message}");
    assert!(!site.join("output").exists());
}

#[test]
fn markdown_nested_too_deep_is_an_error_not_a_crash() {
    for (what, markdown) in [
        ("quotes", ">".repeat(20_000) + " x\n"),
        ("lists", "- ".repeat(20_000) + "x\n"),
        ("raw HTML", "<div>".repeat(20_000) + "x\n"),
    ] {
        let (_tmp, site) = site("minimal");
        let page = site.join("content/landing.md");
        std::fs::write(&page, format!("+++\ntitle = \"Deep\"\n+++\n\n{markdown}")).unwrap();
        let out = planb(&site, &["build"]);
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        let message = stderr(&out);
        assert!(
            message.contains("content/landing.md: error: /_planb/landing.html: elements nest"),
            "{what}: {message}"
        );
        assert!(
            message.contains("planb accepts at most 256"),
            "{what}: {message}"
        );
    }
    // A page just inside the limit builds.
    let (_tmp, site) = site("minimal");
    let page = site.join("content/landing.md");
    std::fs::write(
        &page,
        format!("+++\ntitle = \"Deep\"\n+++\n\n{} x\n", ">".repeat(200)),
    )
    .unwrap();
    let out = planb(&site, &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// `n` landing pages, each with its own small image: 2 × `n` files under content/.
fn add_pages(site: &Path, n: usize) {
    let dir = site.join("content/many");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("p{i}.svg")),
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {i} 1\"/>"),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("p{i}.md")),
            format!(
                "+++\ntitle = \"Offer {i}\"\nkind = \"landing\"\n+++\n\nOffer number {i}.\n\n![Offer {i}](p{i}.svg)\n"
            ),
        )
        .unwrap();
    }
}

/// Thousands of files build with 64 open files at most (no descriptor is held longer than its
/// read), and every page lands in the manifest.
#[test]
fn a_site_of_thousands_of_files_builds_with_few_file_descriptors() {
    let (_tmp, site) = common::site("minimal");
    add_pages(&site, 1500);
    let config = site.join("planb.toml");
    std::fs::write(
        &config,
        read(&config) + "\n[edge]\ntargets = [\"netlify\", \"haproxy\"]\n",
    )
    .unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 64; exec \"$0\" build --quiet")
        .arg(env!("CARGO_BIN_EXE_planb"))
        .current_dir(&site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&site.join("output/manifest.json"))).unwrap();
    let pages = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .filter(|p| p.starts_with("/_planb/many/") && p.ends_with(".html"))
        .count();
    // (HAProxy sends a precompressed overflow page, so each page also has its .gz and .br.)
    assert_eq!(pages, 1500, "pages in the manifest");
}

/// Cloudflare Pages applies only its first 100 `_headers` rules: thousands of pages with it as a
/// target are refused with the limit named, not shipped with headers silently missing.
#[test]
fn thousands_of_pages_for_cloudflare_pages_are_a_clear_error() {
    let (_tmp, site) = common::site("minimal");
    assert!(planb(&site, &["build"]).status.success());
    let before = tree(&site.join("output"));
    add_pages(&site, 1500);
    let out = planb(&site, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "cloudflare-pages: public/_headers would have 3005 header rules; Cloudflare Pages applies at most 100"
        ),
        "{}",
        stderr(&out)
    );
    assert!(before == tree(&site.join("output")), "output/ changed");
}
