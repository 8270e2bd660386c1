//! planb reads only files inside the site (and its built-in theme): a template, a UI-strings file,
//! a page, an image, the logo or an `inline()` asset reached through a symlink that leads outside
//! is refused with a message naming the file, exit status 1 and `output/` untouched; a symlink
//! that stays inside the site is followed.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::*;

const SECRET: &str = "TOP-SECRET-OUTSIDE-THE-SITE";

/// A built `minimal` site and, beside it (outside the site), a folder holding secret files.
fn site_and_outside() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (tmp, site) = common::site("minimal");
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret.html"), SECRET).unwrap();
    std::fs::write(outside.join("secret.toml"), format!("x = \"{SECRET}\"\n")).unwrap();
    std::fs::write(
        outside.join("secret.md"),
        format!("+++\ntitle = \"x\"\nkind = \"landing\"\n+++\n{SECRET}\n"),
    )
    .unwrap();
    std::fs::write(
        outside.join("secret.svg"),
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><title>{SECRET}</title></svg>"),
    )
    .unwrap();
    let first = planb(&site, &["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    (tmp, site, outside)
}

/// Builds after `setup` laid its symlink and expects `message` about `file`, nothing written.
fn assert_refused(setup: impl FnOnce(&Path, &Path), file: &str) {
    let (_tmp, site, outside) = site_and_outside();
    let before = tree(&site.join("output"));
    setup(&site, &outside);
    let out = planb(&site, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{file}: {err}");
    assert!(
        err.contains(file) && err.contains("leads outside the site"),
        "{file}: {err}"
    );
    assert!(!err.contains(SECRET), "{file}: the secret was read: {err}");
    assert!(
        before == tree(&site.join("output")),
        "{file}: output/ changed"
    );
}

fn theme_dir(site: &Path, sub: &str) -> std::path::PathBuf {
    let dir = site.join("themes/default").join(sub);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_template_symlinked_outside_is_refused() {
    assert_refused(
        |site, outside| {
            symlink(
                outside.join("secret.html"),
                theme_dir(site, "templates").join("landing.html"),
            )
            .unwrap();
        },
        "themes/default/templates/landing.html",
    );
}

#[test]
fn ui_strings_symlinked_outside_are_refused() {
    assert_refused(
        |site, outside| {
            symlink(
                outside.join("secret.toml"),
                theme_dir(site, "i18n").join("en.toml"),
            )
            .unwrap();
        },
        "themes/default/i18n/en.toml",
    );
}

#[test]
fn a_page_symlinked_outside_is_refused() {
    assert_refused(
        |site, outside| {
            symlink(outside.join("secret.md"), site.join("content/promo.md")).unwrap();
        },
        "content/promo.md",
    );
}

#[test]
fn an_inline_asset_through_a_symlinked_folder_is_refused() {
    assert_refused(
        |site, outside| {
            symlink(outside, theme_dir(site, "assets").join("shared")).unwrap();
            let base = include_str!("../themes/default/templates/base.html");
            let marker = "</body>";
            assert!(base.contains(marker), "the built-in base template changed");
            let with_inline =
                base.replacen(marker, "{{ inline(path=\"shared/secret.svg\") }}</body>", 1);
            std::fs::write(theme_dir(site, "templates").join("base.html"), with_inline).unwrap();
        },
        "shared/secret.svg",
    );
}

#[test]
fn an_image_and_a_logo_symlinked_outside_are_refused() {
    assert_refused(
        |site, outside| {
            symlink(outside.join("secret.svg"), site.join("content/team.svg")).unwrap();
            let page = site.join("content/landing.md");
            std::fs::write(&page, read(&page) + "\n![The team](team.svg)\n").unwrap();
        },
        "team.svg",
    );
    assert_refused(
        |site, outside| {
            symlink(outside.join("secret.svg"), site.join("logo.svg")).unwrap();
            let config = site.join("planb.toml");
            std::fs::write(&config, read(&config) + "\n[brand]\nlogo = \"logo.svg\"\n").unwrap();
        },
        "logo.svg",
    );
}

#[test]
fn a_symlink_inside_the_site_is_followed() {
    let (_tmp, site, _outside) = site_and_outside();
    std::fs::create_dir(site.join("drafts")).unwrap();
    std::fs::write(
        site.join("drafts/promo.md"),
        "+++\ntitle = \"Promo\"\nkind = \"landing\"\n+++\nTonight only.\n",
    )
    .unwrap();
    symlink("../drafts/promo.md", site.join("content/promo.md")).unwrap();
    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = read(&site.join("output/public/_planb/promo.html"));
    assert!(page.contains("Tonight only."), "{page}");
}
