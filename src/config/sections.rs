//! The sections of `planb.toml` as types, each with its defaults, so a minimal file (a `[site]` with
//! a name) builds, and unknown keys are refused (`deny_unknown_fields`) rather than ignored. Also
//! where a problem with a key is pointed at its line, for the checks and for later stages.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::edge;
use crate::diag::Diagnostic;

pub const FILE_NAME: &str = "planb.toml";

/// The error statuses that get a page when `planb.toml` lists none: what an edge commonly answers.
pub const DEFAULT_ERROR_CODES: [u16; 14] = [
    400, 401, 403, 404, 405, 408, 410, 413, 429, 500, 501, 502, 503, 504,
];

/// The first TCP round trip: an initial congestion window of 10 segments of 1,428 bytes (IPv6 with
/// TCP timestamps, the worst common path).
pub const DEFAULT_BUDGET: usize = 14_280;

/// Room left in the budget for the headers the server adds itself (Date, Server, Content-Length,
/// Content-Encoding, ETag, Last-Modified, Connection, Vary, Accept-Ranges…) on top of planb's own.
pub const DEFAULT_SERVER_HEADERS: usize = 256;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: Site,
    #[serde(default)]
    pub brand: Brand,
    #[serde(default)]
    pub errors: Errors,
    #[serde(default)]
    pub overflow: Overflow,
    #[serde(default)]
    pub budget: Budget,
    #[serde(default)]
    pub css: Css,
    #[serde(default)]
    pub edge: edge::Edge,
    #[serde(default)]
    pub shield: super::shield::Shield,
    #[serde(default)]
    pub spell: Spell,
    /// `[[schedule]]` as written; `schedule` once resolved.
    #[serde(default, rename = "schedule")]
    pub schedule_windows: Vec<super::schedule::RawWindow>,
    /// The windows in which the edge switches mode by itself, sorted, never overlapping.
    #[serde(skip)]
    pub schedule: Vec<super::schedule::Window>,
    /// Named cache policies, added to or replacing the built-in ones.
    #[serde(default)]
    pub cache: BTreeMap<String, crate::cache::Policy>,
    /// Free values passed to every template as `site.extra`.
    #[serde(default)]
    pub extra: toml::Table,
    /// The text of `planb.toml`, to point later problems at the line of their key.
    #[serde(skip)]
    pub source: String,
}

impl Config {
    /// Every cache policy: the built-in ones, replaced or extended by `[cache.NAME]`.
    pub fn cache_policies(&self) -> BTreeMap<String, crate::cache::Policy> {
        let mut all = crate::cache::builtin();
        all.extend(self.cache.iter().map(|(k, v)| (k.clone(), *v)));
        all
    }

    /// A problem with the value of `key` (`section.key`), at the line where it is set.
    pub fn diagnostic(&self, key: &str, message: impl std::fmt::Display) -> Diagnostic {
        located(&self.source, key, message)
    }

    /// A problem with one string `value` of `key` (an item of a list): at that value where the
    /// key's assignment writes it as `"value"`, else at the key.
    pub fn value_diagnostic(
        &self,
        key: &str,
        value: &str,
        message: impl std::fmt::Display,
    ) -> Diagnostic {
        let at = key_offset(&self.source, key).and_then(|start| {
            let quoted = format!("\"{value}\"");
            let end = self.source[start..]
                .find(['[', '\n'])
                .and_then(|i| match self.source.as_bytes()[start + i] {
                    // A list may run over several lines: up to its closing bracket.
                    b'[' => self.source[start + i..].find(']').map(|j| start + i + j),
                    _ => Some(start + i),
                })
                .unwrap_or(self.source.len());
            self.source[start..end].find(&quoted).map(|i| start + i + 1)
        });
        match at {
            Some(offset) => Diagnostic::new(FILE_NAME, format!("`{key}`: {message}"))
                .at_offset(&self.source, offset),
            None => self.diagnostic(key, message),
        }
    }
}

/// At the value of `key` (after its `=`), where the mistake is, or at the key when the value
/// cannot be found on its line.
pub(super) fn located(source: &str, key: &str, message: impl std::fmt::Display) -> Diagnostic {
    let d = Diagnostic::new(FILE_NAME, format!("`{key}`: {message}"));
    match key_offset(source, key) {
        Some(offset) => d.at_offset(source, value_offset(source, offset)),
        None => d,
    }
}

/// The offset of the value of the assignment whose key starts at `key_start`.
fn value_offset(source: &str, key_start: usize) -> usize {
    let line = &source[key_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    match line.find('=') {
        Some(eq) => {
            let after = &line[eq + 1..];
            let value = after.len() - after.trim_start().len();
            if after.trim().is_empty() {
                key_start
            } else {
                key_start + eq + 1 + value
            }
        }
        None => key_start,
    }
}

/// `[site]`, its languages resolved: `language` is the default one and `languages` holds it first,
/// then the others in the order written.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "RawSite")]
pub struct Site {
    /// The brand name, shown on every page.
    pub name: String,
    /// BCP 47 language of the pages (`<html lang>`) and of the built-in status texts: the default
    /// language, which a request that negotiates nothing gets.
    pub language: String,
    /// Every language the site is built in, the default first; one for a site in one language.
    pub languages: Vec<String>,
    /// `site.language` was written beside a `site.languages` that lacks it (an error).
    pub language_unlisted: bool,
    /// Where "back to the home page" leads.
    pub url: String,
    pub theme: String,
    /// A form where visitors leave their e-mail to hear when the site is back.
    pub email_capture: Option<String>,
    pub status_page: Option<String>,
}

impl Site {
    /// Whether the site is built in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }
}

/// `[site]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    name: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default = "default_url")]
    url: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    email_capture: Option<String>,
    #[serde(default)]
    status_page: Option<String>,
}

impl From<RawSite> for Site {
    /// The default language is `language`, else the first of `languages`, else English.
    fn from(raw: RawSite) -> Site {
        let language = raw
            .language
            .clone()
            .or_else(|| raw.languages.first().cloned())
            .unwrap_or_else(default_language);
        // The default first, then the others as written: a language listed twice stays twice,
        // for the check to name.
        let mut languages = vec![language.clone()];
        let mut others = raw.languages.clone();
        let listed = others.iter().position(|l| *l == language);
        if let Some(at) = listed {
            others.remove(at);
        }
        languages.extend(others);
        Site {
            name: raw.name,
            language_unlisted: listed.is_none() && !raw.languages.is_empty(),
            language,
            languages,
            url: raw.url,
            theme: raw.theme,
            email_capture: raw.email_capture,
            status_page: raw.status_page,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    #[serde(default = "default_color")]
    pub color: String,
    /// Path of the logo image, relative to the site root.
    #[serde(default)]
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Errors {
    #[serde(default = "default_codes")]
    pub codes: Vec<u16>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overflow {
    /// Seconds before a visitor should retry (the `Retry-After` of 503 and 429 pages too).
    #[serde(default = "default_retry_after")]
    pub retry_after: u32,
    /// The longest delay, in seconds, between two automatic retries of the overflow page.
    #[serde(default = "default_retry_max")]
    pub retry_max: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Most bytes a page may weigh: gzip body plus response headers.
    #[serde(default = "default_budget")]
    pub bytes: usize,
    /// Bytes reserved for headers the server adds on its own.
    #[serde(default = "default_server_headers")]
    pub server_headers: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Css {
    /// Oldest browser versions to keep CSS fallbacks for, e.g. `safari = "15.4"`.
    #[serde(default = "default_targets")]
    pub targets: BTreeMap<String, String>,
}

/// `[spell]`: the spell check of every text a visitor reads (see `crate::spell`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spell {
    /// Off, `check` no longer fails for want of a dictionary; it says the check was skipped.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Whether a finding also fails `planb build` (it always fails `planb check`).
    #[serde(default)]
    pub strict: bool,
    /// Words the site knows beyond the dictionary: brand and product names.
    #[serde(default)]
    pub words: Vec<String>,
    /// A file of the site listing more such words, one per line (`#` starts a comment).
    #[serde(default)]
    pub words_file: Option<String>,
    /// A folder of the site holding `<lang>.aff` and `<lang>.dic`, searched before the system's.
    #[serde(default)]
    pub dictionaries: Option<String>,
}

impl Default for Spell {
    fn default() -> Self {
        Spell {
            enabled: true,
            strict: false,
            words: Vec::new(),
            words_file: None,
            dictionaries: None,
        }
    }
}

fn yes() -> bool {
    true
}

fn default_language() -> String {
    "en".into()
}
fn default_url() -> String {
    "/".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_color() -> String {
    "#1f5f99".into()
}
fn default_codes() -> Vec<u16> {
    DEFAULT_ERROR_CODES.to_vec()
}
fn default_retry_after() -> u32 {
    120
}
fn default_retry_max() -> u32 {
    900
}
fn default_budget() -> usize {
    DEFAULT_BUDGET
}
fn default_server_headers() -> usize {
    DEFAULT_SERVER_HEADERS
}

/// Browsers of about 2022: phones that are two or more years old still run these, so the CSS keeps
/// the fallbacks they need (lightningcss adds prefixes and lowers newer syntax for them).
pub fn default_targets() -> BTreeMap<String, String> {
    [
        ("chrome", "109"),
        ("firefox", "115"),
        ("safari", "15.4"),
        ("ios_saf", "15.4"),
        ("samsung", "20"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

impl Default for Brand {
    fn default() -> Self {
        Brand {
            color: default_color(),
            logo: None,
        }
    }
}
impl Default for Errors {
    fn default() -> Self {
        Errors {
            codes: default_codes(),
        }
    }
}
impl Default for Overflow {
    fn default() -> Self {
        Overflow {
            retry_after: default_retry_after(),
            retry_max: default_retry_max(),
        }
    }
}
impl Default for Budget {
    fn default() -> Self {
        Budget {
            bytes: default_budget(),
            server_headers: default_server_headers(),
        }
    }
}
impl Default for Css {
    fn default() -> Self {
        Css {
            targets: default_targets(),
        }
    }
}

/// Byte offset of the line that sets `section.key`, so a bad value is shown where it is written.
fn key_offset(source: &str, dotted: &str) -> Option<usize> {
    let (section, key) = dotted.split_once('.')?;
    let mut in_section = false;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_section = trimmed.trim_matches(['[', ']']).trim() == section;
        } else if in_section
            && trimmed
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return Some(offset + line.len() - line.trim_start().len());
        }
        offset += line.len();
    }
    None
}
