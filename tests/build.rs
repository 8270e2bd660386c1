//! `planb build` and `planb init` on real fixture sites, through the real binary.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn manifest(site: &Path) -> Value {
    serde_json::from_str(&read(&site.join("output/manifest.json"))).expect("manifest is JSON")
}

fn entry<'a>(m: &'a Value, path: &str) -> &'a Value {
    m["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} is not in the manifest"))
}

fn page(site: &Path, file: &str) -> String {
    read(&site.join("output/public").join(file))
}

/// The repository's own site, copied so the test never writes into the checkout.
fn default_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(repo.join("planb.toml"), site.join("planb.toml")).unwrap();
    copy_dir(&repo.join("content"), &site.join("content"));
    (tmp, site)
}

#[test]
fn default_site_builds_every_kind_and_every_listed_status() {
    let (_tmp, site) = default_site();
    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = manifest(&site);
    assert_eq!(entry(&m, "/_planb/landing.html")["kind"], "landing");
    assert_eq!(entry(&m, "/_planb/landing.html")["status"], 200);
    assert_eq!(entry(&m, "/_planb/overflow.html")["status"], 503);
    for code in [
        400, 401, 403, 404, 405, 408, 410, 413, 429, 500, 501, 502, 503, 504,
    ] {
        let e = entry(&m, &format!("/_planb/errors/{code}.html"));
        assert_eq!(e["status"], code);
        assert_eq!(e["kind"], "error");
        let html = page(&site, &format!("_planb/errors/{code}.html"));
        assert!(
            html.contains(&code.to_string()),
            "errors/{code}.html shows its code"
        );
    }
    let landing = page(&site, "_planb/landing.html");
    assert!(
        landing.contains("Télécharger sur l’App Store"),
        "landing shows its actions"
    );
    assert!(
        !landing.contains("<script"),
        "only the overflow page has a script"
    );
    let overflow = page(&site, "_planb/overflow.html");
    assert!(
        overflow.contains("<script>") && overflow.contains("data-retry-after=120"),
        "{overflow}"
    );
    assert!(
        overflow.contains("Revenez dans environ 2\u{a0}minutes"),
        "says when to come back without JS"
    );
    let builtin = planb::texts::lookup(502, "fr").unwrap();
    assert!(
        page(&site, "_planb/errors/502.html").contains(builtin.advice),
        "built-in advice shown"
    );
    // Static hosts serve a top-level 404.html for unknown paths.
    assert_eq!(
        page(&site, "404.html"),
        page(&site, "_planb/errors/404.html")
    );
    assert!(page(&site, "_planb/landing.html").starts_with("<!doctype html><html lang=fr>"));
    // The summary lists each page with its status and share of the budget, without colours.
    let summary = stdout(&out);
    assert!(summary.contains("/_planb/landing.html"), "{summary}");
    assert!(
        summary.contains('%') && !summary.contains('\x1b'),
        "{summary}"
    );
}

/// Each error and overflow page has an RFC 9457 twin: the same status, title and headers
/// (Content-Type aside), its description as `detail`, `retry_after` where the page has one.
#[test]
fn every_error_and_overflow_page_has_a_problem_json_twin() {
    let (_tmp, site) = common::site("rich");
    assert!(planb(&site, &["build"]).status.success());
    let m = manifest(&site);
    let files = m["files"].as_array().unwrap();
    let pages: Vec<&serde_json::Value> = files
        .iter()
        .filter(|f| f["format"] == "html" && f["encoding_of"].is_null() && f["path"] != "/404.html")
        .collect();
    for page in &pages {
        let path = page["path"].as_str().unwrap();
        let twin = files
            .iter()
            .find(|f| f["path"] == path.replace(".html", ".json"));
        if page["kind"] == "landing" {
            assert!(twin.is_none(), "{path}");
            continue;
        }
        let twin = twin.unwrap_or_else(|| panic!("no twin for {path}"));
        assert_eq!(twin["format"], "json");
        assert_eq!(twin["status"], page["status"]);
        assert_eq!(twin["variant_of"], *path, "the page it answers for");
        let mut headers = page["headers"].clone();
        headers["Content-Type"] = "application/problem+json".into();
        assert_eq!(twin["headers"], headers, "{path}");
        let bytes = std::fs::read(
            site.join("output/public")
                .join(twin["file"].as_str().unwrap()),
        )
        .unwrap();
        let problem: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(problem["status"], page["status"]);
        assert_eq!(
            problem["type"],
            format!("https://www.riche.example{path}"),
            "{problem}"
        );
        assert!(
            problem["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{problem}"
        );
        assert!(
            problem["detail"].as_str().is_some_and(|t| !t.is_empty()),
            "{problem}"
        );
        let retry = page["headers"]["Retry-After"]
            .as_str()
            .map(|r| r.parse::<u64>().unwrap());
        assert_eq!(problem["retry_after"].as_u64(), retry, "{path}");
    }
    assert!(pages.iter().any(|p| p["kind"] == "overflow"));
}

#[test]
fn manifest_describes_every_public_file_exactly() {
    let (_tmp, site) = common::site("rich");
    assert!(planb(&site, &["build"]).status.success());
    let m = manifest(&site);
    let files = tree(&site.join("output/public"));
    let listed: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let on_disk: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(listed, on_disk);
    for f in m["files"].as_array().unwrap() {
        let bytes = &files[f["file"].as_str().unwrap()];
        assert_eq!(f["bytes"], bytes.len());
        let digest = sha256_hex(bytes);
        assert_eq!(f["sha256"], digest);
        if f["kind"] == "platform" || !f["encoding_of"].is_null() || f["format"] == "json" {
            continue;
        }
        assert_eq!(f["format"], "html");
        assert_eq!(f["headers"]["Content-Type"], "text/html; charset=utf-8");
        assert!(f["gzip_bytes"].as_u64().unwrap() < bytes.len() as u64);
        // The precompressed siblings decode to the page itself.
        let gz = &files[&format!("{}.gz", f["file"].as_str().unwrap())];
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .unwrap();
        assert!(&decoded == bytes);
    }
    assert_eq!(
        entry(&m, "/_planb/overflow.html")["headers"]["Retry-After"],
        "20"
    );
    assert_eq!(
        entry(&m, "/_planb/errors/503.html")["headers"]["Retry-After"],
        "30"
    );
    assert_eq!(
        entry(&m, "/_planb/errors/429.html")["headers"]["Retry-After"],
        "30"
    );
    assert!(
        entry(&m, "/_planb/errors/404.html")["headers"]
            .get("Retry-After")
            .is_none()
    );
    assert!(
        entry(&m, "/_planb/landing.html")["headers"]
            .get("Retry-After")
            .is_none()
    );
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn site_files_override_the_built_in_theme_and_texts() {
    let (_tmp, site) = common::site("rich");
    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let landing = page(&site, "_planb/landing.html");
    assert!(
        landing.contains("site-override extra-from-front-matter"),
        "{landing}"
    );
    let sieste = page(&site, "_planb/errors/503.html");
    assert!(sieste.contains("Nos serveurs font la sieste"));
    // Without a file, the built-in French text for the status is used.
    let builtin = planb::texts::lookup(500, "fr").unwrap();
    assert!(page(&site, "_planb/errors/500.html").contains(&escape(builtin.title)));
    // A page with `kind` in its front matter may live anywhere.
    assert!(page(&site, "_planb/promo.html").contains("Une autre page"));
}

/// How minify-html writes the apostrophes of French text (unchanged) and ampersands.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
}

#[test]
fn images_logo_css_and_fonts_are_inlined() {
    let (_tmp, site) = common::site("rich");
    assert!(planb(&site, &["build"]).status.success());
    let landing = page(&site, "_planb/landing.html");
    assert!(
        landing.contains("data:image/png;base64,"),
        "Markdown image inlined"
    );
    assert!(landing.contains("data:image/svg+xml,"), "logo inlined");
    assert!(
        landing.contains("url(data:font/woff2;base64,"),
        "font inlined from CSS"
    );
    assert!(!landing.contains("img/team.png") && !landing.contains("fonts/brand.woff2"));
    assert!(landing.contains("<style>"), "CSS inlined");
    // The yellow brand colour gets dark text on buttons.
    assert!(landing.contains("--brand-ink:#111111"), "{landing}");
}

#[test]
fn each_page_carries_only_the_css_it_can_use() {
    let (_tmp, site) = common::site("rich");
    assert!(planb(&site, &["build"]).status.success());
    let style = |html: &str| {
        let start = html.find("<style>").expect("a <style>") + "<style>".len();
        html[start..start + html[start..].find("</style>").unwrap()].to_owned()
    };
    // The landing page holds a table and buttons, the 404 page neither a table nor a box.
    let landing = style(&page(&site, "_planb/landing.html"));
    let error = style(&page(&site, "_planb/errors/404.html"));
    assert!(
        landing.contains("table{") && landing.contains("th,td{"),
        "{landing}"
    );
    assert!(
        !error.contains("table{") && !error.contains("th,td"),
        "{error}"
    );
    assert!(
        error.contains(".btn{") && error.contains(".code{"),
        "{error}"
    );
    assert!(!landing.contains(".code{"), "{landing}");
    // What no selector decides is kept: the custom properties and the dark scheme.
    for css in [&landing, &error] {
        assert!(css.contains("@media (prefers-color-scheme:dark)"), "{css}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (_tmp, site) = common::site("rich");
    // The same output folder both times: server configurations name its absolute path.
    assert!(planb(&site, &["build"]).status.success());
    let one = tree(&site.join("output"));
    assert!(one.len() > 5);
    assert!(planb(&site, &["build"]).status.success());
    assert!(one == tree(&site.join("output")));
}

#[test]
fn a_rebuild_replaces_the_bundle_and_drops_pages_that_are_gone() {
    let (_tmp, site) = common::site("rich");
    assert!(planb(&site, &["build"]).status.success());
    assert!(site.join("output/public/_planb/promo.html").exists());
    std::fs::remove_file(site.join("content/promo.md")).unwrap();
    assert!(planb(&site, &["build"]).status.success());
    assert!(!site.join("output/public/_planb/promo.html").exists());
    // No temporary folder is left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planb-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A rebuild links the files that did not change to the previous ones (same inode: nothing
/// written, modification time kept for sync tools) and writes the others afresh.
#[test]
fn a_rebuild_keeps_unchanged_files_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let (_tmp, site) = common::site("rich");
    assert!(planb(&site, &["build"]).status.success());
    let inode = |file: &str| {
        std::fs::metadata(site.join("output/public/_planb").join(file))
            .unwrap()
            .ino()
    };
    let (promo, landing) = (inode("promo.html"), inode("landing.html"));
    let page = site.join("content/promo.md");
    std::fs::write(&page, read(&page) + "\nOne more sentence.\n").unwrap();
    assert!(planb(&site, &["build"]).status.success());
    assert_eq!(inode("landing.html"), landing, "unchanged page relinked");
    assert_ne!(inode("promo.html"), promo, "changed page written anew");
    assert!(read(&site.join("output/public/_planb/promo.html")).contains("One more sentence."));
}

/// A rebuild reuses the previous `.br` sibling of an unchanged page only if it decompresses to
/// exactly that page: one swapped for another page's, or garbled, is compressed again.
#[test]
fn a_rebuild_never_trusts_a_tampered_brotli_sibling() {
    let (_tmp, site) = common::site("rich");
    assert!(planb(&site, &["build"]).status.success());
    let public = site.join("output/public/_planb");
    let good = std::fs::read(public.join("landing.html.br")).unwrap();
    for tampered in [
        std::fs::read(public.join("promo.html.br")).unwrap(),
        b"not brotli at all".to_vec(),
    ] {
        let sibling = public.join("landing.html.br");
        std::fs::remove_file(&sibling).unwrap();
        std::fs::write(&sibling, &tampered).unwrap();
        assert!(planb(&site, &["build"]).status.success());
        assert!(
            std::fs::read(&sibling).unwrap() == good,
            "tampered sibling kept"
        );
    }
}

#[test]
fn init_then_build_works_in_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = planb(tmp.path(), &["init", "mysite"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A neutral starter named after its folder, not the demo.
    let config = read(&tmp.path().join("mysite/planb.toml"));
    assert!(config.contains("name = \"mysite\"\n"), "{config}");
    for (path, text) in tree(&tmp.path().join("mysite")) {
        assert!(
            !String::from_utf8_lossy(&text).contains("Cagette"),
            "{path} holds the demo"
        );
    }
    let demo = planb(tmp.path(), &["init", "--example", "demo"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert!(read(&tmp.path().join("demo/planb.toml")).contains("name = \"Cagette\""));
    assert!(
        planb(tmp.path(), &["build", "--root", "demo"])
            .status
            .success()
    );
    assert!(
        !tmp.path().join("mysite/themes").exists(),
        "the theme stays in the binary"
    );
    let out = planb(tmp.path(), &["build", "--root", "mysite"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        tmp.path()
            .join("mysite/output/public/_planb/landing.html")
            .exists()
    );

    // A second init never overwrites.
    let again = planb(tmp.path(), &["init", "mysite"]);
    assert_eq!(again.status.code(), Some(1));
    assert_snapshot(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/init-existing.txt"),
        &stderr(&again),
    );
}

#[test]
fn output_folder_that_holds_the_site_is_refused() {
    let (_tmp, site) = common::site("minimal");
    for (out, snapshot) in [
        (".", "out-is-root"),
        ("content", "out-is-content"),
        ("content/out", "out-in-content"),
        ("..", "out-contains-root"),
    ] {
        let o = planb(&site, &["build", "--out", out]);
        assert_eq!(o.status.code(), Some(1), "--out {out}");
        let err = stderr(&o).replace(&site.display().to_string(), "$SITE");
        let err = err.replace(&site.parent().unwrap().display().to_string(), "$PARENT");
        assert_snapshot(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/{snapshot}.txt")),
            &err,
        );
    }
    assert!(tree(&site.join("content")).len() == 1, "content/ untouched");
}

#[test]
fn files_planb_did_not_write_are_never_deleted() {
    let (_tmp, site) = common::site("minimal");
    assert!(planb(&site, &["build"]).status.success());
    std::fs::write(site.join("output/public/notes.txt"), "mine").unwrap();
    let before = tree(&site.join("output"));
    let o = planb(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o).replace(&site.display().to_string(), "$SITE");
    assert_snapshot(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/out-has-foreign-files.txt"),
        &err,
    );
    assert!(before == tree(&site.join("output")));
}

#[test]
fn json_format_for_scripts() {
    let (_tmp, site) = common::site("minimal");
    let o = planb(&site, &["build", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON summary");
    assert_eq!(v["ok"], true);
    assert!(
        v["pages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"] == "/_planb/landing.html")
    );

    std::fs::write(site.join("content/landing.md"), "+++\ntitel = \"x\"\n+++\n").unwrap();
    let o = planb(&site, &["build", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON errors");
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"][0]["file"], "content/landing.md");
    assert_eq!(v["errors"][0]["line"], 2);
    assert_eq!(v["errors"][0]["help"], "did you mean `title`?");
}

#[test]
fn quiet_prints_nothing_on_success() {
    let (_tmp, site) = common::site("minimal");
    let o = planb(&site, &["build", "--quiet"]);
    assert!(o.status.success());
    assert!(stdout(&o).is_empty() && stderr(&o).is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(
        planb(tmp.path(), &["build", "--bogus"]).status.code(),
        Some(2)
    );
    assert_eq!(
        planb(tmp.path(), &["build", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(planb(tmp.path(), &[]).status.code(), Some(2));
}

#[test]
fn every_problem_is_reported_at_once() {
    let (_tmp, site) = common::site("minimal");
    std::fs::write(site.join("content/a.md"), "+++\ntitle = \"A\"\n+++\n").unwrap();
    std::fs::write(
        site.join("content/b.md"),
        "+++\ntitle = \"B\"\nkind = \"landing\"\nstaus = 1\n+++\n",
    )
    .unwrap();
    let o = planb(&site, &["build"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/a.md:1:1: error: cannot tell what kind of page this is"),
        "{err}"
    );
    assert!(
        err.contains("content/b.md:4:1: error: front matter: unknown field `staus`"),
        "{err}"
    );
    assert!(
        err.ends_with("planb: 2 problems found; nothing was written\n"),
        "{err}"
    );
}

/// Colours on a terminal, never with NO_COLOR (a pseudo-terminal from util-linux's `script`).
#[test]
fn colours_only_on_a_terminal_and_never_with_no_color() {
    let (_tmp, site) = common::site("minimal");
    let on_tty = |no_color: bool| {
        let mut cmd = std::process::Command::new("script");
        cmd.args([
            "-qec",
            &format!("{} build", env!("CARGO_BIN_EXE_planb")),
            "/dev/null",
        ])
        .current_dir(&site)
        .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd
            .output()
            .expect("util-linux `script` runs planb on a pseudo-terminal");
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert!(on_tty(false).contains("\x1b["), "colours on a terminal");
    assert!(!on_tty(true).contains("\x1b["), "no colours with NO_COLOR");
}

/// A rebuild in the middle of a show (a typo fixed) keeps the bundle's mode: it never switches the
/// site back to normal unless told to, and says so.
#[test]
fn a_rebuild_keeps_the_mode_of_the_previous_bundle() {
    let (_tmp, site) = common::site("edge");
    let active = |site: &std::path::Path| read(&site.join("output/config/nginx/planb-mode.conf"));
    let mode = |site: &std::path::Path| {
        let m: serde_json::Value =
            serde_json::from_str(&read(&site.join("output/manifest.json"))).unwrap();
        m["mode"].as_str().unwrap().to_owned()
    };
    let out = planb(&site, &["build", "--mode", "overflow"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&site), "overflow");
    assert!(active(&site).contains("planb mode for nginx: overflow"));

    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "mode: overflow (kept from the previous build; `--mode normal` switches back)"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(mode(&site), "overflow");
    assert!(active(&site).contains("planb mode for nginx: overflow"));
    assert!(read(&site.join("output/public/_redirects")).contains("mode overflow"));

    let out = planb(&site, &["build", "--mode", "normal"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&site), "normal");
    assert!(active(&site).contains("planb mode for nginx: normal"));
    let out = planb(&site, &["build"]);
    assert!(!stderr(&out).contains("kept"), "{}", stderr(&out));
}

/// `planb theme eject` copies the built-in theme into the site: the site then builds the same
/// bytes from its own copy, a second eject overwrites nothing, and an edited file is kept.
#[test]
fn theme_eject_copies_the_built_in_theme_and_never_overwrites() {
    let (_tmp, site) = site("minimal");
    assert!(planb(&site, &["build"]).status.success());
    let before = tree(&site.join("output/public"));

    let out = planb(&site, &["theme", "eject"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let files = tree(&theme).len();
    assert!(
        said.starts_with(&format!("copied {files} files into themes/default/\n")),
        "{said}"
    );
    for file in ["templates/base.html", "assets/style.css", "i18n/fr.toml"] {
        assert!(
            said.contains(&format!("  themes/default/{file}\n")),
            "{said}"
        );
        assert!(site.join("themes/default").join(file).is_file());
    }
    assert!(
        said.contains("overrides the built-in one of the same name"),
        "{said}"
    );
    assert!(planb(&site, &["build"]).status.success());
    assert!(
        before == tree(&site.join("output/public")),
        "the ejected theme builds the same pages"
    );

    let base = site.join("themes/default/templates/base.html");
    std::fs::write(&base, read(&base).replace("<body>", "<body class=mine>")).unwrap();
    let again = planb(&site, &["theme", "eject"]);
    assert!(again.status.success());
    let said = stdout(&again);
    assert!(
        said.starts_with("copied 0 files into themes/default/\n"),
        "{said}"
    );
    assert!(
        said.contains(&format!("kept {files} files the site already had")),
        "{said}"
    );
    assert!(
        read(&base).contains("<body class=mine>"),
        "never overwritten"
    );

    let named = planb(&site, &["theme", "eject", "brand"]);
    assert!(stdout(&named).contains("set `theme = \"brand\"` in [site]"));
    assert!(site.join("themes/brand/templates/base.html").is_file());

    let bad = planb(&site, &["theme", "eject", "../x"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("`../x` is not a theme name"),
        "{}",
        stderr(&bad)
    );
    let nowhere = tempfile::tempdir().unwrap();
    let none = planb(nowhere.path(), &["theme", "eject"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("no planb.toml here: not a planb site"));
}

/// A site in French and English: every page in both, each its own file with its language's
/// `<html lang>`, `Content-Language`, texts and switcher; translations where written, planb's
/// built-in English for the error and overflow pages without one; the manifest ties each English
/// page to the French one at the URL it stands for.
#[test]
fn a_bilingual_site_builds_every_page_in_each_language() {
    let (_tmp, site) = common::site("bilingual");
    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = manifest(&site);
    let originals = [
        "landing",
        "overflow",
        "errors/404",
        "errors/429",
        "errors/500",
        "errors/502",
        "errors/503",
        "errors/504",
    ];
    for name in originals {
        let fr = entry(&m, &format!("/_planb/{name}.html"));
        let en = entry(&m, &format!("/_planb/{name}.en.html"));
        assert_eq!(fr["language"], "fr", "{name}");
        assert_eq!(fr["headers"]["Content-Language"], "fr", "{name}");
        assert!(fr.get("variant_of").is_none(), "{name}");
        assert_eq!(en["language"], "en", "{name}");
        assert_eq!(en["headers"]["Content-Language"], "en", "{name}");
        assert_eq!(en["variant_of"], format!("/_planb/{name}.html"), "{name}");
        assert_eq!(
            (en["status"].clone(), en["kind"].clone()),
            (fr["status"].clone(), fr["kind"].clone())
        );
        // Each language has its own bytes, so its own inline-style hashes are computed.
        assert_ne!(en["sha256"], fr["sha256"], "{name}");
        let fr_html = page(&site, &format!("_planb/{name}.html"));
        let en_html = page(&site, &format!("_planb/{name}.en.html"));
        assert!(fr_html.contains("<html lang=fr>"), "{name}");
        assert!(en_html.contains("<html lang=en>"), "{name}");
        // The switcher: the other language linked by its own name, the current one not.
        assert!(
            fr_html.contains(&format!(
                "<a href=/_planb/{name}.en.html hreflang=en lang=en>English</a>"
            )),
            "{name}: {fr_html}"
        );
        assert!(
            fr_html.contains("<span aria-current=page lang=fr>Français</span>"),
            "{name}"
        );
        assert!(
            en_html.contains(&format!(
                "<a href=/_planb/{name}.html hreflang=fr lang=fr>Français</a>"
            )),
            "{name}"
        );
        assert!(en_html.contains("aria-label=Language"), "{name}");
        assert!(fr_html.contains("aria-label=Langue"), "{name}");
    }
    // Written translations, and planb's English where none is written.
    assert!(
        page(&site, "_planb/landing.en.html")
            .contains("Local groceries delivered tomorrow morning")
    );
    assert!(page(&site, "_planb/errors/503.en.html").contains("We will be back in a moment"));
    assert!(page(&site, "_planb/errors/503.html").contains("Nous revenons dans un instant"));
    let overflow = page(&site, "_planb/overflow.en.html");
    assert!(overflow.contains("We’ll be right back"), "{overflow}");
    assert!(
        !overflow.contains("Beaucoup de monde"),
        "no French in the English page"
    );
    assert!(page(&site, "_planb/errors/404.en.html").contains("Page not found"));
    assert!(page(&site, "_planb/errors/404.html").contains("Page introuvable"));
    // The retry delay and the cache policy are the page's, in every language.
    for name in ["overflow", "errors/503"] {
        let fr = entry(&m, &format!("/_planb/{name}.html"));
        let en = entry(&m, &format!("/_planb/{name}.en.html"));
        assert_eq!(en["headers"]["Retry-After"], "90");
        assert_eq!(
            en["headers"]["Cache-Control"],
            fr["headers"]["Cache-Control"]
        );
    }
    // Static hosts answer unknown paths with the top-level 404.html: the default language's.
    assert_eq!(
        read(&site.join("output/public/404.html")),
        page(&site, "_planb/errors/404.html")
    );
}

/// A site in one language keeps its pages as they were: no `Content-Language`, no switcher, no
/// language in the manifest.
#[test]
fn a_site_in_one_language_has_no_language_switcher_or_header() {
    let (_tmp, site) = common::site("minimal");
    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = manifest(&site);
    let landing = entry(&m, "/_planb/landing.html");
    assert!(landing["headers"].get("Content-Language").is_none());
    assert!(landing.get("language").is_none());
    let html = page(&site, "_planb/landing.html");
    assert!(!html.contains("langs"), "{html}");
}
