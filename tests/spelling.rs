//! The spell check, through the real binary, with Debian's Hunspell dictionaries (`hunspell-fr`,
//! `hunspell-en-us`, installed by `scripts/test`): the fixtures of `tests/fixtures/spelling/`
//! hold planted mistakes in French and English (Markdown, front matter, an action label, an alt
//! text, a UI string override), and each is reported, and only those, as the snapshots say.

mod common;

use std::path::Path;
use std::time::Duration;

use common::serve::Running;
use common::*;

fn snapshot(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/spelling/{name}.txt"))
}

fn dictionaries_installed() {
    for file in ["fr.dic", "en_US.dic"] {
        assert!(
            Path::new("/usr/share/hunspell").join(file).is_file(),
            "/usr/share/hunspell/{file} is missing: run scripts/test, or `apt-get install hunspell-fr hunspell-en-us`"
        );
    }
}

#[test]
fn check_reports_every_planted_mistake_and_only_those() {
    dictionaries_installed();
    for lang in ["fr", "en"] {
        let (_tmp, site) = site(&format!("spelling/{lang}"));
        let out = planb(&site, &["check"]);
        assert_eq!(out.status.code(), Some(1), "{lang}: {}", stdout(&out));
        assert_snapshot(&snapshot(&format!("check-{lang}")), &stdout(&out));
    }
}

#[test]
fn the_default_site_and_every_fixture_have_no_finding() {
    dictionaries_installed();
    let (_tmp, default) = default_site();
    let mut sites = vec![default];
    let mut temps = Vec::new();
    for name in ["rich", "edge", "minimal"] {
        let (tmp, site) = site(name);
        sites.push(site);
        temps.push(tmp);
    }
    for site in &sites {
        let out = planb(site, &["check", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let spelling: Vec<_> = report["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                let m = e["message"].as_str().unwrap();
                m.contains("unknown word") || m.contains("typography") || m.contains("twice")
            })
            .collect();
        assert!(spelling.is_empty(), "{}: {spelling:#?}", site.display());
    }
}

/// Every status planb has texts for: a site that lists them all shows every built-in text.
const EVERY_CODE: &str = "400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511";

#[test]
fn the_built_in_texts_of_every_language_pass_their_own_dictionary() {
    let mut found = Vec::new();
    for (lang, dic) in [
        ("en", "en_US"),
        ("fr", "fr"),
        ("de", "de_DE"),
        ("es", "es_ES"),
        ("it", "it_IT"),
    ] {
        let file = Path::new("/usr/share/hunspell").join(format!("{dic}.dic"));
        assert!(
            file.is_file(),
            "{} is missing: run scripts/test, or `apt-get install hunspell-fr hunspell-en-us hunspell-de-de hunspell-es hunspell-it`",
            file.display()
        );
        let (_tmp, site) = site("minimal");
        let config = read(&site.join("planb.toml"))
            .replace("language = \"en\"", &format!("language = \"{lang}\""))
            .replace("codes = [404, 503]", &format!("codes = [{EVERY_CODE}]"));
        std::fs::write(site.join("planb.toml"), config).unwrap();
        // The page's own words are the fixture's, in English: only the built-in texts are judged.
        std::fs::write(
            site.join("content/landing.md"),
            "+++\ntitle = \"2026\"\n+++\n",
        )
        .unwrap();
        let out = planb(&site, &["check", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        found.extend(
            report["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| format!("{lang}: {}", e["message"].as_str().unwrap()))
                .filter(|m| {
                    m.contains("unknown word") || m.contains("typography") || m.contains("twice")
                }),
        );
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn build_warns_and_builds_unless_strict() {
    dictionaries_installed();
    let (_tmp, site) = site("spelling/en");
    let out = planb(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("content/landing.md:2:39: warning: unknown word `tomorow` in the title"),
        "{err}"
    );
    assert!(
        err.contains("planb: 8 spelling or typography warnings; the build went on"),
        "{err}"
    );
    assert!(site.join("output/manifest.json").is_file());

    let json = planb(&site, &["build", "--format", "json"]);
    let summary: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(summary["warnings"].as_array().unwrap().len(), 8);
    assert_eq!(summary["warnings"][0]["level"], "warning");
    assert_eq!(summary["warnings"][0]["width"], 7);

    let before = std::fs::read(site.join("output/manifest.json")).unwrap();
    let config = std::fs::read_to_string(site.join("planb.toml")).unwrap();
    std::fs::write(
        site.join("planb.toml"),
        format!("{config}\n[spell]\nstrict = true\n"),
    )
    .unwrap();
    let strict = planb(&site, &["build"]);
    assert_eq!(strict.status.code(), Some(1));
    let err = stderr(&strict);
    assert!(
        err.contains("content/landing.md:2:39: error: unknown word `tomorow`"),
        "{err}"
    );
    assert!(
        err.contains("planb: 8 problems found; nothing was written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(site.join("output/manifest.json")).unwrap(),
        before
    );
}

#[test]
fn check_json_gives_each_finding_with_its_place_and_width() {
    dictionaries_installed();
    let (_tmp, site) = site("spelling/fr");
    let out = planb(&site, &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["ok"], false);
    let cedilla = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["message"].as_str().unwrap().contains("çi-dessous"))
        .unwrap();
    assert_eq!(cedilla["file"], "content/landing.md");
    assert_eq!(
        (cedilla["line"].as_u64(), cedilla["column"].as_u64()),
        (Some(10), Some(6))
    );
    assert_eq!(cedilla["width"], 10);
    assert_eq!(
        cedilla["help"],
        "did you mean `ci-dessous`? `planb check --fix` writes it"
    );
}

#[test]
fn fix_shows_a_diff_then_rewrites_only_the_markdown() {
    dictionaries_installed();
    let (_tmp, site) = site("spelling/fr");
    let page = site.join("content/landing.md");
    let ui = site.join("themes/default/i18n/fr.toml");
    let (page_before, ui_before) = (std::fs::read(&page).unwrap(), std::fs::read(&ui).unwrap());

    // Not on a terminal and without --yes: the diff, and nothing written.
    let shown = planb(&site, &["check", "--fix"]);
    assert_eq!(shown.status.code(), Some(1));
    let said = stdout(&shown);
    assert!(said.contains("@@ -10 +10 @@\n-Voir çi-dessous les paniers de la semaine.\n+Voir ci-dessous les paniers de la semaine.\n"), "{said}");
    assert!(
        said.contains("not written: run `planb check --fix --yes` to write these 8 fixes"),
        "{said}"
    );
    assert_eq!(std::fs::read(&page).unwrap(), page_before);

    let fixed = planb(&site, &["check", "--fix", "--yes"]);
    assert!(
        stdout(&fixed).contains("wrote 8 fixes into 1 file"),
        "{}",
        stdout(&fixed)
    );
    assert_snapshot(
        &snapshot("fixed-landing.md"),
        &std::fs::read_to_string(&page).unwrap(),
    );
    assert_eq!(
        std::fs::read(&ui).unwrap(),
        ui_before,
        "only Markdown is rewritten"
    );

    // What is left is what a person must choose: the spelling suggestions.
    let again = planb(&site, &["check"]);
    let left = stdout(&again);
    assert!(left.contains("planb check: 4 problems found"), "{left}");
    assert!(
        !left.contains("typography") && !left.contains("twice"),
        "{left}"
    );
    let nothing = planb(&site, &["check", "--fix"]);
    assert!(stdout(&nothing).contains("planb check --fix: nothing planb can fix by itself"));
}

#[test]
fn a_language_without_a_dictionary_is_said_and_fails_check() {
    let (_tmp, site) = site("minimal");
    let config = std::fs::read_to_string(site.join("planb.toml")).unwrap();
    std::fs::write(
        site.join("planb.toml"),
        config.replace("language = \"en\"", "language = \"tlh\""),
    )
    .unwrap();
    let checked = planb(&site, &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let said = stdout(&checked);
    assert!(said.contains("planb.toml:3:12: error: `site.language`: no Hunspell dictionary for `tlh`, so its spelling is not checked (looked in /usr/share/hunspell,"), "{said}");
    assert!(said.contains("help: install Debian's hunspell-tlh (`apt-get install hunspell-tlh`), or put tlh.aff and tlh.dic in a folder of the site named by `[spell] dictionaries`"), "{said}");
    let built = planb(&site, &["build"]);
    assert!(built.status.success());
    assert!(
        stderr(&built).contains(
            "planb.toml:3:12: warning: `site.language`: no Hunspell dictionary for `tlh`"
        )
    );

    // The site's own dictionary folder, and the check turned off.
    std::fs::create_dir(site.join("dict")).unwrap();
    std::fs::write(site.join("dict/tlh.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(site.join("dict/tlh.dic"), "2\nWelcome\nHello\n").unwrap();
    let with = format!(
        "{}\n[spell]\ndictionaries = \"dict\"\n",
        config.replace("\"en\"", "\"tlh\"")
    );
    std::fs::write(site.join("planb.toml"), &with).unwrap();
    let own = stdout(&planb(&site, &["check"]));
    assert!(
        own.contains("content/landing.md:5:9: error: unknown word `world`"),
        "{own}"
    );
    assert!(
        !own.contains("`Hello`") && !own.contains("Hunspell"),
        "{own}"
    );
    std::fs::write(
        site.join("planb.toml"),
        with.replace("dictionaries = \"dict\"", "enabled = false"),
    )
    .unwrap();
    let off = planb(&site, &["check"]);
    assert!(off.status.success(), "{}", stdout(&off));
    assert!(stdout(&off).contains(
        "warning: spelling and typography not checked: `[spell] enabled = false` in planb.toml"
    ));
}

#[test]
fn serve_shows_the_findings_without_blocking_the_preview() {
    dictionaries_installed();
    let (_tmp, site) = site("spelling/en");
    let server = Running::serve(&site, &[]);
    let page = edge::get(server.port, "/_planb/landing.html");
    assert_eq!(page.status, 200);
    let body = String::from_utf8_lossy(&page.body);
    assert!(
        body.contains("<h1>Seen on TV: fresh vegetables tomorow</h1>") || body.contains("tomorow")
    );
    assert!(
        body.contains("planb: 8 spelling or typography warnings"),
        "{body}"
    );
    assert!(
        !body.contains("planb-overlay"),
        "a finding is not a failed build"
    );
    let index = edge::get(server.port, "/__planb/");
    let listed = String::from_utf8_lossy(&index.body);
    assert!(
        listed.contains("<h2>Spelling and typography</h2>"),
        "{listed}"
    );
    assert!(
        listed.contains("unknown word `vegtables` in the alt text"),
        "{listed}"
    );

    // An edit rechecks the page: the fixed word leaves the list.
    let md = site.join("content/landing.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, text.replace("vegtables", "vegetables")).unwrap();
    assert!(
        server.wait_for_log("built 1 page", 1, Duration::from_secs(20)),
        "{}",
        server.log()
    );
    let listed = String::from_utf8_lossy(&edge::get(server.port, "/__planb/").body).into_owned();
    assert!(!listed.contains("vegtables"), "{listed}");
    assert!(listed.contains("tomorow"), "{listed}");
}

/// `planb check` in `site` with its verdict cache in `cache`.
fn check_with_cache(site: &Path, cache: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planb"))
        .arg("check")
        .current_dir(site)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("run planb");
    stdout(&out)
}

#[test]
fn verdicts_are_kept_between_runs_and_forgotten_when_the_dictionary_changes() {
    let (_tmp, site) = site("minimal");
    let cache = tempfile::tempdir().unwrap();
    let config = std::fs::read_to_string(site.join("planb.toml")).unwrap();
    std::fs::create_dir(site.join("dict")).unwrap();
    std::fs::write(site.join("dict/tlh.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(site.join("dict/tlh.dic"), "2\nWelcome\nHello\n").unwrap();
    std::fs::write(
        site.join("planb.toml"),
        format!(
            "{}\n[spell]\ndictionaries = \"dict\"\n",
            config.replace("\"en\"", "\"tlh\"")
        ),
    )
    .unwrap();
    let unknown = "content/landing.md:5:9: error: unknown word `world`";
    assert!(check_with_cache(&site, cache.path()).contains(unknown));

    // The run kept its verdicts; the next one reads them instead of the dictionary: a verdict
    // changed in the kept file is what it says.
    let kept: Vec<_> = std::fs::read_dir(cache.path().join("planb/spell"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(text.starts_with("planb spell verdicts 1\n") && text.contains("k\tworld\t0\n"));
    std::fs::write(&kept[0], text.replace("k\tworld\t0\n", "k\tworld\t1\n")).unwrap();
    assert!(!check_with_cache(&site, cache.path()).contains("`world`"));

    // A dictionary that changed is parsed again, whatever was kept for the old one.
    std::fs::write(site.join("dict/tlh.dic"), "2\nWelcome\nHelo\n").unwrap();
    let changed = check_with_cache(&site, cache.path());
    assert!(changed.contains(unknown), "{changed}");
    assert!(changed.contains("unknown word `Hello`"), "{changed}");
}
