//! What a visitor reads, as data: one file per language, `i18n/<lang>.toml` in the default theme
//! (embedded in the binary with it), holding the UI strings (`t.*` in templates: top-level keys)
//! and, under `[status.CODE]`, each standard status's `title`, `text` and `advice`.
//!
//! - One file per language rather than a sibling file for statuses: a translator, or a site
//!   overriding one sentence, has one file to open, and a site overrides a status text exactly as it
//!   overrides a UI string (a `[status.503]` table with only `title` changes that title alone).
//! - The languages are the files present: adding one is adding `i18n/<lang>.toml`, with no list to
//!   edit. English is the reference: the tests hold every built-in file to exactly its keys, so no
//!   page mixes two languages; a language without a file is shown in English.
//! - Languages match on the primary subtag, case-insensitively ("fr-FR", "fr_CA" → `fr`).
//! - Overlays merge tables key by key (`overlay`): a plain `extend` would let a site's `[status.503]`
//!   with one key wipe out every other status.
//! - The reason phrases of status lines are protocol, not prose: they stay in `crate::statuses`.
//!
//! `site` checks a site's own language files, which the tests cannot see.

pub mod site;
#[cfg(test)]
mod status_tests;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::default_theme::DEFAULT_THEME;
use crate::statuses;

/// Human texts for one HTTP status, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StatusText<'a> {
    pub code: u16,
    /// Canonical English reason phrase, e.g. "Service Unavailable" (same in every language; used in
    /// HTTP status lines).
    pub reason: &'static str,
    pub title: &'a str,
    pub text: &'a str,
    pub advice: &'a str,
}

/// The built-in texts for `code` in `lang` ("fr", "fr-FR", "fr_CA" all mean French: matching is on
/// the primary subtag, case-insensitive), English when the language has no file. None when the code
/// is not in the table. A page's texts, with the site's own overrides, come from `Texts::status`.
pub fn lookup(code: u16, lang: &str) -> Option<StatusText<'static>> {
    built_in(lang).status(code)
}

/// The table of status texts inside a language file.
pub const STATUS: &str = "status";
/// The fields of one status's texts.
pub const STATUS_FIELDS: [&str; 3] = ["title", "text", "advice"];

/// Everything a visitor reads, in one language.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// UI strings, `t.*` in templates.
    pub ui: toml::Table,
    statuses: BTreeMap<u16, StatusTexts>,
}

/// Extra keys are not refused here: the tests hold built-in files to English's keys, and
/// `site` reports a site's with their line.
#[derive(Debug, Clone, Deserialize)]
struct StatusTexts {
    title: String,
    text: String,
    advice: String,
}

impl Texts {
    /// Splits a merged language tree into UI strings and status texts.
    pub fn from_table(mut table: toml::Table) -> Result<Texts, String> {
        let mut statuses = BTreeMap::new();
        if let Some(value) = table.remove(STATUS) {
            let toml::Value::Table(codes) = value else {
                return Err(format!("`{STATUS}` is not a table"));
            };
            for (code, texts) in codes {
                let number: u16 = code
                    .parse()
                    .map_err(|_| format!("`{STATUS}.{code}` is not a status code"))?;
                let texts: StatusTexts = texts
                    .try_into()
                    .map_err(|e| format!("`{STATUS}.{code}`: {e}"))?;
                statuses.insert(number, texts);
            }
        }
        Ok(Texts {
            ui: table,
            statuses,
        })
    }

    /// The texts of `code`, None for a code planb does not know or this language lacks.
    pub fn status(&self, code: u16) -> Option<StatusText<'_>> {
        let texts = self.statuses.get(&code)?;
        Some(StatusText {
            code,
            reason: statuses::reason(code)?,
            title: &texts.title,
            text: &texts.text,
            advice: &texts.advice,
        })
    }
}

/// One built-in language file: as written, and merged over English.
struct BuiltIn {
    file: toml::Table,
    texts: Texts,
}

/// The default theme's language files, parsed once; keyed by language code.
static BUILT_IN: LazyLock<BTreeMap<String, BuiltIn>> = LazyLock::new(|| {
    let files: BTreeMap<String, toml::Table> = built_in_files()
        .map(|(lang, text)| {
            // Embedded at compile time and checked by the tests: a failure here is planb's bug.
            let table = toml::from_str(text)
                .unwrap_or_else(|e| panic!("built-in i18n/{lang}.toml is not valid: {e}"));
            (lang.to_owned(), table)
        })
        .collect();
    let english = files.get("en").cloned().unwrap_or_default();
    files
        .into_iter()
        .map(|(lang, file)| {
            let mut merged = english.clone();
            overlay(&mut merged, file.clone());
            let texts = Texts::from_table(merged)
                .unwrap_or_else(|e| panic!("built-in i18n/{lang}.toml: {e}"));
            (lang, BuiltIn { file, texts })
        })
        .collect()
});

/// `(language, text)` of every `i18n/<lang>.toml` embedded with the default theme.
pub fn built_in_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    DEFAULT_THEME
        .get_dir("i18n")
        .into_iter()
        .flat_map(|dir| dir.files())
        .filter_map(|file| {
            let lang = file.path().file_name()?.to_str()?.strip_suffix(".toml")?;
            Some((lang, file.contents_utf8()?))
        })
}

/// The languages with a built-in file, sorted.
pub fn languages() -> impl Iterator<Item = &'static str> {
    BUILT_IN.keys().map(String::as_str)
}

/// The language part of a tag, lowercased: "fr-FR", "fr_CA", " FR " → "fr".
pub fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The built-in texts for `tag`, English when its language has no file.
pub fn built_in(tag: &str) -> &'static Texts {
    static EMPTY: LazyLock<Texts> = LazyLock::new(Texts::default);
    let entry = BUILT_IN
        .get(&primary_subtag(tag))
        .or_else(|| BUILT_IN.get("en"));
    entry.map_or(&EMPTY, |b| &b.texts)
}

/// A built-in language file as written (not merged), None for a language without one.
pub fn built_in_file(lang: &str) -> Option<&'static toml::Table> {
    BUILT_IN.get(lang).map(|b| &b.file)
}

/// Lays `over` onto `base`: tables merge key by key, any other value replaces.
pub fn overlay(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => overlay(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}
