//! The built-in language files hold exactly English's keys, all strings; a site's file is merged
//! key by key and its mistakes are reported at their line. (Status texts' wording rules: in
//! `statuses::tests`.)

use super::*;
use crate::diag::Diagnostic;

/// Every leaf of a language file as a dotted key ("home", "status.503.title") with its value.
fn leaves(table: &toml::Table, prefix: &str, out: &mut BTreeMap<String, toml::Value>) {
    for (key, value) in table {
        let path = format!("{prefix}{key}");
        match value {
            toml::Value::Table(inner) => leaves(inner, &format!("{path}."), out),
            other => {
                out.insert(path, other.clone());
            }
        }
    }
}

/// Parsed from the embedded text rather than `BUILT_IN`, so that a broken file fails the test
/// that names its key instead of every test at once.
fn keys_of(lang: &str) -> BTreeMap<String, toml::Value> {
    let (_, text) = built_in_files().find(|(l, _)| *l == lang).unwrap();
    let table: toml::Table = toml::from_str(text).unwrap();
    let mut out = BTreeMap::new();
    leaves(&table, "", &mut out);
    out
}

#[test]
fn the_languages_are_the_files_present() {
    let files: Vec<&str> = built_in_files().map(|(lang, _)| lang).collect();
    // What a visitor reads on the worst night, in at least these: the issue of languages.
    for lang in ["en", "fr", "de", "es", "it"] {
        assert!(files.contains(&lang), "no built-in {lang}: {files:?}");
    }
    assert_eq!(languages().collect::<Vec<_>>().len(), files.len());
}

#[test]
fn every_language_file_has_exactly_the_keys_of_english() {
    let english = keys_of("en");
    for (lang, _) in built_in_files() {
        let file = format!("themes/default/i18n/{lang}.toml");
        let keys = keys_of(lang);
        for key in english.keys() {
            assert!(
                keys.contains_key(key),
                "{file}: language `{lang}` lacks key `{key}`"
            );
        }
        for (key, value) in &keys {
            assert!(
                english.contains_key(key),
                "{file}: language `{lang}` has key `{key}`, which English has not"
            );
            assert!(
                value.is_str(),
                "{file}: language `{lang}`: key `{key}` is not a string"
            );
        }
    }
}

#[test]
fn english_has_texts_for_exactly_the_known_codes() {
    let table = built_in_file("en").unwrap()[STATUS].as_table().unwrap();
    let codes: Vec<u16> = table.keys().map(|k| k.parse().unwrap()).collect();
    let mut codes = codes;
    codes.sort_unstable();
    assert_eq!(codes, crate::statuses::codes().collect::<Vec<_>>());
    for (code, fields) in table {
        let fields: Vec<&String> = fields.as_table().unwrap().keys().collect();
        assert_eq!(
            fields.len(),
            STATUS_FIELDS.len(),
            "status.{code}: {fields:?}"
        );
    }
}

#[test]
fn ui_strings_follow_the_same_typography_as_status_texts() {
    for lang in languages() {
        for (key, value) in keys_of(lang) {
            let s = value.as_str().unwrap();
            assert!(
                !s.contains('\''),
                "{lang}.toml: `{key}`: ASCII apostrophe in {s:?}"
            );
            if lang == "fr" {
                let chars: Vec<char> = s.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    if matches!(c, '?' | '!' | ':' | ';') {
                        assert!(
                            i > 0 && chars[i - 1] == '\u{a0}',
                            "fr.toml: `{key}`: missing U+00A0 before {c:?} in {s:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn ui_strings_do_not_carry_the_status_table() {
    let fr = built_in("fr-FR");
    assert!(!fr.ui.contains_key(STATUS));
    assert_eq!(fr.ui["home"].as_str(), Some("Retour à l’accueil"));
    assert_eq!(built_in("nl").ui["home"].as_str(), Some("Back to home"));
}

#[test]
fn primary_subtags() {
    for (tag, primary) in [("fr-FR", "fr"), ("fr_CA", "fr"), (" FR ", "fr"), ("", "")] {
        assert_eq!(primary_subtag(tag), primary, "{tag:?}");
    }
}

#[test]
fn overlay_merges_tables_key_by_key() {
    let mut base: toml::Table = toml::from_str(
        "a = \"1\"\n[status.503]\ntitle = \"T\"\ntext = \"X\"\n[status.404]\ntitle = \"N\"\n",
    )
    .unwrap();
    overlay(
        &mut base,
        toml::from_str("[status.503]\ntitle = \"New\"\n").unwrap(),
    );
    assert_eq!(base["a"].as_str(), Some("1"));
    assert_eq!(base["status"]["503"]["title"].as_str(), Some("New"));
    assert_eq!(base["status"]["503"]["text"].as_str(), Some("X"));
    assert_eq!(base["status"]["404"]["title"].as_str(), Some("N"));
}

fn site(lang: &str, text: &str) -> Result<toml::Table, Vec<Diagnostic>> {
    site::parse("themes/default/i18n/x.toml", text, lang)
}

/// Each problem as `line: message (help)`.
fn problems(lang: &str, text: &str) -> Vec<String> {
    site(lang, text)
        .unwrap_err()
        .iter()
        .map(|d| {
            let line = d.line.map_or("-".to_owned(), |l| l.to_string());
            format!(
                "{line}: {} ({})",
                d.message,
                d.help.clone().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn a_site_overrides_single_keys() {
    let table = site(
        "fr",
        "home = \"Accueil\"\n[status.503]\ntitle = \"Pause\"\n",
    )
    .unwrap();
    assert_eq!(table["status"]["503"]["title"].as_str(), Some("Pause"));
    // A site's own templates may use strings of their own.
    assert!(site("en", "my_banner = \"Hi\"\nmy_count = 3\n").is_ok());
}

#[test]
fn a_site_file_with_wrong_keys_or_types_is_reported_at_each_line() {
    let text =
        "home = 3\n[status.503]\ntitel = \"Pause\"\ntext = true\n[status.499]\ntitle = \"?\"\n";
    assert_eq!(
        problems("fr", text),
        [
            "1: `home` must be a string, not integer (write the text in quotes: key = \"…\")",
            "3: `status.503`: unknown key `titel` (did you mean `title`?)",
            "4: `status.503.text` must be a string, not boolean (write the text in quotes: key = \"…\")",
            "5: `status.499`: planb has no texts for status `499` (statuses with texts: \
             400–418, 421–426, 428, 429, 431, 451, 500–508, 510, 511)",
        ]
    );
    assert!(problems("fr", "status = \"x\"\n")[0].starts_with("1: `status` must hold one table"));
    assert!(problems("fr", "status.503 = 1\n")[0].starts_with("1: `status.503` must be a table"));
}

#[test]
fn a_site_file_that_is_not_toml_is_reported_at_its_line() {
    let found = problems("en", "home = \"Back\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("1: "), "{found:?}");
}

#[test]
fn a_new_language_must_give_every_key() {
    let text = "home = \"Terug naar home\"\n[status.503]\ntitle = \"Zo terug\"\n";
    let found = problems("nl", text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0],
        "2: `status.503` lacks text, advice \
         (a status in a language planb has no texts for needs title, text and advice)"
    );
    assert!(
        found[1].starts_with(
            "-: planb has no built-in `nl` texts, so this file must give every key of English; \
             missing: 18 UI strings (`auto_note`, `checking`, `come_back`, `come_back_later`, … 14 more) \
             and the texts of 39 statuses (400, 401, 402, 403, … 35 more)"
        ),
        "{found:?}"
    );
    // The complete English file, as a new language, passes.
    let english = built_in_files().find(|(l, _)| *l == "en").unwrap().1;
    assert!(site("nl", english).is_ok());
}
