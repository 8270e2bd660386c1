//! What a visitor reads comes from the theme's language files, through the real binary: a site's
//! `themes/default/i18n/<lang>.toml` overrides single keys, status texts included, and a site adds
//! a language by adding a complete file.

mod common;

use std::path::Path;

use common::*;

fn build(site: &Path) {
    let out = planb(site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn page(site: &Path, file: &str) -> String {
    read(&site.join("output/public").join(file))
}

fn write_i18n(site: &Path, lang: &str, text: &str) {
    let dir = site.join("themes/default/i18n");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{lang}.toml")), text).unwrap();
}

/// Public pages by file, without the precompressed siblings.
fn pages(site: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut all = tree(&site.join("output/public"));
    all.retain(|name, _| name.ends_with(".html"));
    all
}

#[test]
fn a_site_overrides_one_status_title_and_nothing_else() {
    let (_tmp, site) = common::site("rich");
    build(&site);
    let before = pages(&site);
    let builtin = planb::texts::lookup(500, "fr").unwrap();
    assert!(page(&site, "_planb/errors/500.html").contains(builtin.title));

    write_i18n(
        &site,
        "fr",
        "[status.500]\ntitle = \"Petit souci de notre côté\"\n",
    );
    build(&site);
    let after = pages(&site);
    let error = page(&site, "_planb/errors/500.html");
    assert!(
        error.contains("<h1>Petit souci de notre côté</h1>"),
        "{error}"
    );
    assert!(
        error.contains("<title>Petit souci de notre côté · Riche</title>"),
        "{error}"
    );
    assert!(!error.contains(builtin.title), "{error}");
    // The status's other texts and the UI strings are still the built-in French ones.
    assert!(error.contains(builtin.text) && error.contains(builtin.advice));
    assert!(error.contains("Retour à l’accueil"), "{error}");
    // Every other page is byte for byte what it was.
    for (name, bytes) in &before {
        if !name.ends_with("errors/500.html") {
            assert!(after[name] == *bytes, "{name} changed");
        }
    }
}

#[test]
fn a_site_overrides_status_texts_and_ui_strings_in_english() {
    let (_tmp, site) = common::site("minimal");
    write_i18n(
        &site,
        "en",
        "home = \"Take me home\"\n[status.404]\nadvice = \"Try our search instead.\"\n",
    );
    build(&site);
    let error = page(&site, "_planb/errors/404.html");
    let builtin = planb::texts::lookup(404, "en").unwrap();
    assert!(error.contains("Try our search instead."), "{error}");
    assert!(!error.contains(builtin.advice), "{error}");
    assert!(
        error.contains(&builtin.title.replace('&', "&amp;")),
        "{error}"
    );
    assert!(error.contains("Take me home"), "{error}");
}

#[test]
fn a_site_adds_a_language_with_a_complete_file() {
    let (_tmp, site) = common::site("minimal");
    let config = read(&site.join("planb.toml")).replace("language = \"en\"", "language = \"nl\"");
    std::fs::write(site.join("planb.toml"), config).unwrap();
    let english = include_str!("../themes/default/i18n/en.toml");
    // Dutch, which planb has no built-in texts for.
    let dutch = english
        .replace("Back to home", "Terug naar de startpagina")
        .replace("Page not found", "Pagina niet gevonden");
    assert_ne!(dutch, english, "the replaced texts are in en.toml");
    write_i18n(&site, "nl", &dutch);
    build(&site);
    let error = page(&site, "_planb/errors/404.html");
    assert!(
        error.starts_with("<!doctype html><html lang=nl>"),
        "{error}"
    );
    assert!(error.contains("<h1>Pagina niet gevonden</h1>"), "{error}");
    assert!(error.contains("Terug naar de startpagina"), "{error}");
}
