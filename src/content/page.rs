//! A page to build: what every later stage reads (render, finish, headers, targets),
//! so it holds data and the few answers that follow from the page alone, such as its URL and the
//! cache policy it takes when its front matter names none.

use std::path::PathBuf;

use super::frontmatter::Action;
use super::kind::Kind;
use crate::config::Config;

/// The folder of a site that holds its pages.
pub const DIR: &str = "content";

/// One page to build, from a Markdown file or from the built-in status table.
#[derive(Debug, Clone)]
pub struct Page {
    /// The Markdown file, relative to the site root; None for a built-in error page.
    pub source: Option<PathBuf>,
    /// The whole text of the source file, to locate problems found later.
    pub source_text: String,
    /// Path of the built file inside `public/`, under the URL prefix: `_planb/errors/503.html`.
    pub file: String,
    pub kind: Kind,
    /// HTTP status the page is served with.
    pub status: u16,
    /// The front matter's title, or else the built-in title of its status.
    pub title: String,
    /// Whether `title` is the built-in one: rendering then takes the theme's title for the status,
    /// which a site may override in its i18n file (content cannot see the theme).
    pub title_from_status: bool,
    pub description: String,
    pub template: String,
    pub retry_after: Option<u32>,
    pub cache: Option<String>,
    pub budget: Option<usize>,
    pub actions: Vec<Action>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub markdown: String,
    /// Byte offset of the Markdown body in `source_text`.
    pub body_offset: usize,
    /// The language it is written in (`<html lang>`, its texts): one of `site.languages`.
    pub lang: String,
    /// For a page in another language than the site's default: the file of the default
    /// language's page it translates (`_planb/landing.html` for `_planb/landing.en.html`).
    pub translation_of: Option<String>,
}

impl Page {
    /// The URL path the page answers at.
    pub fn url(&self) -> String {
        format!("/{}", self.file)
    }

    /// The file of the default language's page this one is a language of (itself, for that page).
    pub fn original(&self) -> &str {
        self.translation_of.as_deref().unwrap_or(&self.file)
    }

    /// The name to show in messages: its source file, or what it was built from.
    pub fn display_source(&self) -> String {
        match &self.source {
            Some(p) => p.display().to_string(),
            None => format!("built-in page for status {}", self.status),
        }
    }

    /// The built-in cache policy (`cache::builtin`) the page uses when its front matter names
    /// none: the choice follows from what the page is, so it lives with the page, and the cache
    /// policies stay plain data that know nothing of pages.
    pub fn default_cache_policy(&self) -> &'static str {
        match self.kind {
            Kind::Landing => "landing",
            Kind::Overflow => "overflow",
            // RFC 6585 §4: responses with 429 MUST NOT be stored by a cache.
            Kind::Error if self.status == 429 => "no-store",
            Kind::Error => "error",
        }
    }
}

/// The file of `file`'s translation in `lang`: `_planb/errors/503.html` → `_planb/errors/503.en.html`.
pub fn translated_file(file: &str, lang: &str) -> String {
    let stem = file.strip_suffix(".html").unwrap_or(file);
    format!("{stem}.{lang}.html")
}

/// The folder of `public/` the pages go in: the URL prefix without its leading `/`.
pub(super) fn prefix_dir(config: &Config) -> &str {
    config.edge.prefix.trim_start_matches('/')
}
