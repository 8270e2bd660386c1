//! Content: walks `content/`, reads each Markdown file's front matter, infers its kind, and adds a
//! page from the built-in status table for every configured error code that has no file.

pub mod frontmatter;
pub mod markdown;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Partial};
use crate::statuses;
use frontmatter::{Action, FrontMatter};

pub const DIR: &str = "content";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Landing,
    Error,
    Overflow,
}

impl Kind {
    /// "a landing", "an error", "an overflow", for messages.
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Landing => "a landing",
            Kind::Error => "an error",
            Kind::Overflow => "an overflow",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Landing => "landing",
            Kind::Error => "error",
            Kind::Overflow => "overflow",
        }
    }
}

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
    pub title: String,
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
}

impl Page {
    /// The URL path the page answers at.
    pub fn url(&self) -> String {
        format!("/{}", self.file)
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

/// Which enabled target cannot serve an error page for a status (its name), and why; the targets
/// know, and the build hands their answer down.
pub type Refused<'a> = dyn Fn(u16) -> Option<(&'static str, String)> + Sync + 'a;

/// Reads every page of the site: the pages that read well, and every problem of the others.
/// `refused` says which enabled target cannot serve an error page for a status, and why.
pub fn load(root: &Path, config: &Config, refused: &Refused<'_>) -> Partial<Page> {
    let dir = root.join(DIR);
    if !dir.is_dir() {
        let d = Diagnostic::new(DIR, "the site has no content/ folder")
            .help("create content/ with a landing.md, or run `planb init DIR`");
        return (Vec::new(), vec![d]);
    }
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for file in markdown_files(&dir, &mut problems) {
        let rel = Path::new(DIR).join(file.strip_prefix(&dir).unwrap_or(&file));
        match read_page(root, &rel, config) {
            Ok(page) => pages.push(page),
            Err(d) => problems.push(d),
        }
    }
    if pages.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::new(DIR, "content/ has no Markdown page")
                .help("add content/landing.md or content/overflow.md"),
        );
    }
    problems.extend(check_duplicates(&pages));
    add_builtin_errors(config, &mut pages, &mut problems);
    problems.extend(check_statuses_served(config, &pages, refused));
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    (pages, problems)
}

/// Every `.md` file under `dir`, sorted so that builds are deterministic. Hidden files and editor
/// leftovers are skipped.
fn markdown_files(dir: &Path, problems: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            // A symlinked page is read too (its target is checked when it is read): skipping it
            // would drop a page without a word.
            Ok(e) if e.path().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => problems.push(Diagnostic::new(DIR, format!("cannot read content/: {e}"))),
        }
    }
    files
}

/// Reads one page from its Markdown file (`rel`, relative to the site root).
pub fn read_page(root: &Path, rel: &Path, config: &Config) -> Result<Page, Diagnostic> {
    let shown = rel.display().to_string();
    let bytes = crate::assets::read_inside(root, &root.join(rel), &shown)
        .map_err(|e| Diagnostic::new(rel, e))?;
    parse_page(rel, bytes, config)
}

/// A page from the bytes of its Markdown file (`rel`, relative to the site root); touches no disk.
pub fn parse_page(rel: &Path, bytes: Vec<u8>, config: &Config) -> Result<Page, Diagnostic> {
    let shown = rel.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::new(
            rel,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .help("save the file as UTF-8")
    })?;
    if text.contains('\0') {
        return Err(Diagnostic::new(rel, "binary file, not Markdown text"));
    }
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let split = frontmatter::split(&shown, &text)?;
    let body_offset = split.body_offset;
    let markdown = split.body.to_owned();
    let file = format!("{}/{}", prefix_dir(config), output_file(rel)?);
    let (kind, status) = kind_and_status(rel, &split.front, &text)?;
    let front = split.front;
    let builtin = statuses::lookup(status, &config.site.language);
    let title = match (&front.title, kind, builtin) {
        (Some(t), _, _) => t.clone(),
        (None, Kind::Error | Kind::Overflow, Some(b)) => b.title.to_owned(),
        _ => {
            return Err(Diagnostic::new(rel, "the page has no title")
                .at(&text, 1, 1)
                .help("add `title = \"…\"` to its front matter"));
        }
    };
    let located = |message: String, field: &str| field_diagnostic(rel, &text, field, message);
    if let Some(name) = &front.cache {
        let policies = config.cache_policies();
        if !policies.contains_key(name) {
            let help = match crate::diag::did_you_mean(name, policies.keys().map(String::as_str)) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!(
                    "policies: {}; define more under [cache.NAME] in planb.toml",
                    policies.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(located(format!("`cache`: no cache policy `{name}`"), "cache").help(help));
        }
    }
    if front.retry_after == Some(0) {
        return Err(located(
            "`retry_after` must be at least 1 second".into(),
            "retry_after",
        ));
    }
    for action in &front.actions {
        if !crate::config::is_link(&action.url) {
            return Err(located(
                format!("action `{}`: `{}` is not a link", action.label, action.url),
                "actions",
            ));
        }
    }
    let retry_after = match kind {
        Kind::Overflow => Some(front.retry_after.unwrap_or(config.overflow.retry_after)),
        _ if status == 429 || status == 503 => {
            Some(front.retry_after.unwrap_or(config.overflow.retry_after))
        }
        _ if front.retry_after.is_some() => {
            return Err(located(
                "`retry_after` is only for the overflow page and 429/503 errors".into(),
                "retry_after",
            ));
        }
        _ => None,
    };
    Ok(Page {
        source: Some(rel.to_path_buf()),
        file,
        kind,
        status,
        title,
        description: front.description.unwrap_or_default(),
        template: front.template.unwrap_or_else(|| kind.name().to_owned()),
        retry_after,
        cache: front.cache,
        budget: front.budget,
        actions: front.actions,
        extra: front.extra,
        markdown,
        body_offset,
        source_text: text,
    })
}

/// A diagnostic at the line where the front matter sets `field`, or at the top of the file.
fn field_diagnostic(rel: &Path, text: &str, field: &str, message: String) -> Diagnostic {
    at_field(Diagnostic::new(rel, message), text, field)
}

/// Points `d` at the line of `text` (a content file) that sets `field`, or at its first line.
pub fn at_field(d: Diagnostic, text: &str, field: &str) -> Diagnostic {
    let offset = text
        .lines()
        .scan(0, |pos, line| {
            let start = *pos;
            *pos += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| {
            let l = line.trim_start().trim_start_matches('[');
            l.starts_with(field) && l[field.len()..].trim_start().starts_with(['=', ':', ']'])
        })
        .map_or(0, |(start, _)| start);
    d.at_offset(text, offset)
}

/// The folder of `public/` the pages go in: the URL prefix without its leading `/`.
fn prefix_dir(config: &Config) -> &str {
    config.edge.prefix.trim_start_matches('/')
}

/// `content/errors/503.md` → `errors/503.html`. Language suffixes are refused for now.
fn output_file(rel: &Path) -> Result<String, Diagnostic> {
    let inner = rel.strip_prefix(DIR).unwrap_or(rel).with_extension("");
    let stem = inner.file_name().unwrap_or_default().to_string_lossy();
    if let Some((_, lang)) = stem.rsplit_once('.')
        && (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return Err(Diagnostic::new(
            rel,
            format!("translated pages (`.{lang}.md`) are not supported yet"),
        )
        .help("set `site.language` in planb.toml and write the page without the language suffix"));
    }
    let mut parts = Vec::new();
    for part in inner.components() {
        let part = part.as_os_str().to_str().ok_or_else(|| {
            Diagnostic::new(rel, "file name is not valid UTF-8").help("rename the file")
        })?;
        if !part
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
        {
            return Err(
                Diagnostic::new(rel, format!("`{part}` cannot be part of a URL"))
                    .help("use letters, digits, `-`, `_` and `.` in content file names"),
            );
        }
        parts.push(part.to_owned());
    }
    Ok(format!("{}.html", parts.join("/")))
}

/// The page kind and HTTP status, from the front matter or, where obvious, from the path:
/// `errors/<code>.md` is an error page, `overflow.md` the overflow page, `landing.md`/`index.md` a
/// landing page.
fn kind_and_status(rel: &Path, front: &FrontMatter, text: &str) -> Result<(Kind, u16), Diagnostic> {
    let inner = rel.strip_prefix(DIR).unwrap_or(rel);
    let stem = inner.file_stem().unwrap_or_default().to_string_lossy();
    let in_errors = inner.parent().is_some_and(|p| p == Path::new("errors"));
    let code_from_name = stem.parse::<u16>().ok().filter(|_| in_errors);
    let inferred = if in_errors {
        Some(Kind::Error)
    } else {
        match stem.as_ref() {
            "overflow" => Some(Kind::Overflow),
            "landing" | "index" => Some(Kind::Landing),
            _ => None,
        }
    };
    let located = |message: String, field: &str| field_diagnostic(rel, text, field, message);
    let kind = match (front.kind, inferred) {
        (Some(k), Some(i)) if k != i => {
            return Err(located(
                format!(
                    "`kind = \"{}\"` contradicts the file's place, which makes it {} page",
                    k.name(),
                    i.with_article()
                ),
                "kind",
            ));
        }
        (Some(k), _) | (None, Some(k)) => k,
        (None, None) => {
            return Err(Diagnostic::new(rel, "cannot tell what kind of page this is")
                .at(text, 1, 1)
                .help("add `kind = \"landing\"`, `\"error\"` or `\"overflow\"` to its front matter"));
        }
    };
    let status = match (kind, front.status, code_from_name) {
        (Kind::Error, Some(s), Some(n)) if s != n => {
            return Err(located(
                format!("`status = {s}` contradicts the file name, which says {n}"),
                "status",
            ));
        }
        (Kind::Error, Some(s), _) | (Kind::Error, None, Some(s)) => s,
        (Kind::Error, None, None) => {
            return Err(located(
                "an error page needs a `status`".into(),
                "kind",
            )
            .help("add `status = 503` (or the code it answers) to its front matter, or name the file content/errors/<code>.md"));
        }
        (Kind::Landing, None, _) => 200,
        (Kind::Overflow, None, _) => 503,
        (_, Some(_), _) => {
            return Err(located(
                format!(
                    "`status` is only for error pages; {} page answers {}",
                    kind.with_article(),
                    if kind == Kind::Landing { 200 } else { 503 }
                ),
                "status",
            ));
        }
    };
    if !(400..=599).contains(&status) && kind == Kind::Error {
        return Err(
            located(format!("{status} is not an error status"), "status")
                .help("error pages are for statuses 400 to 599"),
        );
    }
    Ok((kind, status))
}

/// Two error pages for one status would make the edge's choice arbitrary.
fn check_duplicates(pages: &[Page]) -> Diagnostics {
    let mut by_status: BTreeMap<u16, &Page> = BTreeMap::new();
    let mut problems = Vec::new();
    for page in pages.iter().filter(|p| p.kind == Kind::Error) {
        if let Some(first) = by_status.insert(page.status, page) {
            problems.push(
                Diagnostic::new(
                    page.source.clone().unwrap_or_default(),
                    format!(
                        "a second page for status {}: {} already answers it",
                        page.status,
                        first.display_source()
                    ),
                )
                .help("keep one page per status"),
            );
        }
    }
    let overflow: Vec<&Page> = pages.iter().filter(|p| p.kind == Kind::Overflow).collect();
    if let [first, second, ..] = overflow.as_slice() {
        problems.push(
            Diagnostic::new(
                second.source.clone().unwrap_or_default(),
                format!(
                    "a second overflow page: {} is one already",
                    first.display_source()
                ),
            )
            .help("keep one overflow page"),
        );
    }
    problems
}

/// A status an enabled server cannot name in its configuration would ship a config it refuses.
fn check_statuses_served(config: &Config, pages: &[Page], refused: &Refused<'_>) -> Diagnostics {
    let mut problems = Vec::new();
    for page in pages.iter().filter(|p| p.kind == Kind::Error) {
        let Some((target, why)) = refused(page.status) else {
            continue;
        };
        let help = format!(
            "choose another status, or remove \"{target}\" from `edge.targets` in planb.toml"
        );
        let d = match &page.source {
            Some(file) => at_field(Diagnostic::new(file, why), &page.source_text, "status"),
            None => config.diagnostic("errors.codes", why),
        };
        problems.push(d.help(help));
    }
    problems
}

/// Every configured code without a file gets a page from the built-in table.
fn add_builtin_errors(config: &Config, pages: &mut Vec<Page>, problems: &mut Diagnostics) {
    let covered: Vec<u16> = pages
        .iter()
        .filter(|p| p.kind == Kind::Error)
        .map(|p| p.status)
        .collect();
    for &code in &config.errors.codes {
        if covered.contains(&code) {
            continue;
        }
        let Some(text) = statuses::lookup(code, &config.site.language) else {
            problems.push(
                config
                    .diagnostic(
                        "errors.codes",
                        format!("planb has no built-in text for status {code}"),
                    )
                    .help(format!("write content/errors/{code}.md")),
            );
            continue;
        };
        pages.push(Page {
            source: None,
            source_text: String::new(),
            file: format!("{}/errors/{code}.html", prefix_dir(config)),
            kind: Kind::Error,
            status: code,
            title: text.title.to_owned(),
            description: String::new(),
            template: Kind::Error.name().to_owned(),
            retry_after: (code == 429 || code == 503).then_some(config.overflow.retry_after),
            cache: None,
            budget: None,
            actions: Vec::new(),
            extra: serde_json::Map::new(),
            markdown: String::new(),
            body_offset: 0,
        });
    }
}
