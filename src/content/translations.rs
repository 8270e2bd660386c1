//! The languages of a multilingual site (`site.languages`): every page in the default language
//! gets one page per other language, from its translation (`landing.en.md` beside `landing.md`)
//! or, for an error or overflow page, from the built-in texts of that language; a page that has
//! neither is an error naming the file to write, and so is a translation of no page.
//!
//! Each language of a page is a page of its own from here on (its own file, `<html lang>`,
//! budget, CSP hashes), tied to the default language's page by `Page::translation_of`, so every
//! later stage treats it as any page and the targets group them again by URL.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::kind::Kind;
use super::page::{Page, translated_file};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};

/// Whether a language has texts for visitors (built-in, or the site theme's `i18n/<lang>.toml`).
pub type HasTexts<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// Adds, for every default-language page, the languages it has no translation in, and reports
/// what cannot be completed. `unread` holds the content files that did not read (already
/// reported): a translation among them is not missing.
pub(super) fn complete(
    config: &Config,
    pages: &mut Vec<Page>,
    unread: &BTreeSet<PathBuf>,
    has_texts: &HasTexts<'_>,
    problems: &mut Diagnostics,
) {
    let originals: BTreeSet<String> = pages
        .iter()
        .filter(|p| p.translation_of.is_none())
        .map(|p| p.file.clone())
        .collect();
    for orphan in pages.iter().filter(|p| {
        p.translation_of
            .as_ref()
            .is_some_and(|o| !originals.contains(o))
    }) {
        problems.push(orphan_diagnostic(config, orphan));
    }
    // A language without texts would show its pages' buttons and status texts in English.
    let mut languages = Vec::new();
    for lang in &config.site.languages {
        if has_texts(lang) {
            languages.push(lang);
        } else {
            problems.push(no_texts_diagnostic(config, lang));
        }
    }
    let written: BTreeSet<(String, String)> = pages
        .iter()
        .filter_map(|p| Some((p.translation_of.clone()?, p.lang.clone())))
        .collect();
    let mut added = Vec::new();
    for original in pages.iter().filter(|p| p.translation_of.is_none()) {
        for &lang in languages.iter().filter(|l| ***l != config.site.language) {
            if written.contains(&(original.file.clone(), lang.clone()))
                || unread.contains(&translation_source(original, lang))
            {
                continue;
            }
            match built_in_language(original, lang) {
                Some(page) => added.push(page),
                None => problems.push(missing_diagnostic(config, original, lang)),
            }
        }
    }
    pages.extend(added);
}

/// `original` in `lang` from the built-in texts of its status: an error or overflow page. Its
/// Markdown and actions are the original's words, so it has none.
fn built_in_language(original: &Page, lang: &str) -> Option<Page> {
    if original.kind == Kind::Landing {
        return None;
    }
    let text = crate::texts::lookup(original.status, lang)?;
    Some(Page {
        source: None,
        source_text: String::new(),
        file: translated_file(&original.file, lang),
        kind: original.kind,
        status: original.status,
        title: text.title.to_owned(),
        title_from_status: true,
        description: String::new(),
        template: original.template.clone(),
        retry_after: original.retry_after,
        cache: original.cache.clone(),
        budget: original.budget,
        actions: Vec::new(),
        extra: original.extra.clone(),
        markdown: String::new(),
        body_offset: 0,
        lang: lang.to_owned(),
        translation_of: Some(original.file.clone()),
    })
}

/// The content file a page's translation into `lang` is read from.
fn translation_source(page: &Page, lang: &str) -> PathBuf {
    match &page.source {
        Some(source) => {
            let stem = source.file_stem().unwrap_or_default().to_string_lossy();
            source.with_file_name(format!("{stem}.{lang}.md"))
        }
        None => PathBuf::from(format!("{}/errors/{}.{lang}.md", super::DIR, page.status)),
    }
}

/// `original` has no page in `lang`, and none can be made.
fn missing_diagnostic(config: &Config, original: &Page, lang: &str) -> Diagnostic {
    let wanted = translation_source(original, lang);
    let message = if original.kind == Kind::Landing {
        format!("has no translation in `{lang}`, one of `site.languages`")
    } else {
        format!(
            "has no translation in `{lang}`, and planb has no built-in text for status {}",
            original.status
        )
    };
    let help = format!("write {}", wanted.display());
    match &original.source {
        Some(source) => Diagnostic::new(source, format!("the page {message}"))
            .at(&original.source_text, 1, 1)
            .help(help),
        None => config
            .diagnostic(
                "errors.codes",
                format!("the built-in page for status {} {message}", original.status),
            )
            .help(help),
    }
}

/// `lang` has neither a built-in language file nor the site's.
fn no_texts_diagnostic(config: &Config, lang: &str) -> Diagnostic {
    let builtin: Vec<&str> = crate::texts::languages().collect();
    config
        .diagnostic(
            "site.languages",
            format!(
                "planb has no built-in texts in `{lang}` (its buttons, status titles and advice): its pages would mix in English"
            ),
        )
        .help(format!(
            "give every text in themes/{}/i18n/{}.toml (copy planb's en.toml and translate it), or use a language planb has: {}",
            config.site.theme,
            crate::texts::primary_subtag(lang),
            builtin.join(", ")
        ))
}

/// A translation whose page in the default language does not exist.
fn orphan_diagnostic(config: &Config, orphan: &Page) -> Diagnostic {
    let source = orphan.source.clone().unwrap_or_default();
    let stem = source.file_stem().unwrap_or_default().to_string_lossy();
    let base = stem.rsplit_once('.').map_or(stem.as_ref(), |(b, _)| b);
    let original = source.with_file_name(format!("{base}.md"));
    let help = if orphan.kind == Kind::Error {
        format!(
            "write {} (in `{}`, the default language), or add {} to `errors.codes` in planb.toml for its built-in page",
            original.display(),
            config.site.language,
            orphan.status
        )
    } else {
        format!(
            "write {} in `{}`, the default language: every page has one",
            original.display(),
            config.site.language
        )
    };
    Diagnostic::new(
        &source,
        format!(
            "a translation of {}, which does not exist",
            original.display()
        ),
    )
    .at(&orphan.source_text, 1, 1)
    .help(help)
}
