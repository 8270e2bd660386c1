//! Content: walks `content/`, reads each Markdown file's front matter, infers its kind, and adds a
//! page from the built-in status table for every configured error code that has no file.
//!
//! What a page is lives in `page` (its kind in `kind`), reading one file in `parse`, the checks that need every page at
//! once (one page per status, statuses the targets can serve) in `checks`; this file walks the
//! folder and puts them together, so a watch rebuild can read one page with the very same code.

mod checks;
pub mod frontmatter;
mod kind;
pub mod markdown;
mod page;
mod parse;
mod translations;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Partial};
pub use checks::Refused;
use checks::{check_duplicates, check_statuses_served};
pub use kind::Kind;
use page::prefix_dir;
pub use page::{DIR, Page, translated_file};
pub use parse::{at_field, parse_page, read_page};
pub use translations::HasTexts;

/// Reads every page of the site: the pages that read well, and every problem of the others.
/// `refused` says which enabled target cannot serve an error page for a status, and why;
/// `has_texts`, which languages the theme has texts in (for the pages no translation gives).
pub fn load(
    root: &Path,
    config: &Config,
    refused: &Refused<'_>,
    has_texts: &HasTexts<'_>,
    templates: &[String],
) -> Partial<Page> {
    let dir = root.join(DIR);
    if !dir.is_dir() {
        let d = Diagnostic::new(DIR, "the site has no content/ folder")
            .help("create content/ with a landing.md, or run `planb init DIR`");
        return (Vec::new(), vec![d]);
    }
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let mut unread = std::collections::BTreeSet::new();
    for file in markdown_files(&dir, &mut problems) {
        let rel = Path::new(DIR).join(file.strip_prefix(&dir).unwrap_or(&file));
        match read_page(root, &rel, config) {
            Ok(page) => pages.push(page),
            Err(d) => {
                unread.insert(rel.clone());
                problems.push(d);
                // The page goes no further, so nothing else would say that its template is missing.
                problems.extend(unknown_template(root, &rel, config, templates));
            }
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
    if config.site.is_multilingual() {
        translations::complete(config, &mut pages, &unread, has_texts, &mut problems);
    }
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    (pages, problems)
}

/// The template the page at `rel` names, if its front matter reads and the theme has no such
/// template (`templates`: every template's name, `.html` included).
fn unknown_template(
    root: &Path,
    rel: &Path,
    config: &Config,
    templates: &[String],
) -> Option<Diagnostic> {
    let text = std::fs::read_to_string(root.join(rel)).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let split = frontmatter::split(&rel.display().to_string(), text).ok()?;
    let template = split.front.template?;
    let known: Vec<&str> = templates.iter().map(String::as_str).collect();
    (!known.contains(&format!("{template}.html").as_str()))
        .then(|| missing_template(rel, text, &template, &config.site.theme, &known))
}

/// `template` does not exist in theme `theme`, said at the page's `template` field with the
/// nearest of `known` (template file names).
pub fn missing_template(
    rel: &Path,
    text: &str,
    template: &str,
    theme: &str,
    known: &[&str],
) -> Diagnostic {
    let mut names: Vec<&str> = known.iter().map(|k| k.trim_end_matches(".html")).collect();
    names.sort_unstable();
    let wanted = template.trim_end_matches(".html");
    let help = match crate::diag::did_you_mean(wanted, names.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("templates: {}", names.join(", ")),
    };
    let d = Diagnostic::new(
        rel,
        format!("template `{wanted}.html` does not exist in theme `{theme}`"),
    )
    .help(help);
    at_field(d, text, "template")
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

/// Every configured code without a file gets a page from the built-in table.
fn add_builtin_errors(config: &Config, pages: &mut Vec<Page>, problems: &mut Diagnostics) {
    let covered: Vec<u16> = pages
        .iter()
        .filter(|p| p.kind == Kind::Error && p.translation_of.is_none())
        .map(|p| p.status)
        .collect();
    for &code in &config.errors.codes {
        if covered.contains(&code) {
            continue;
        }
        let Some(text) = crate::texts::lookup(code, &config.site.language) else {
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
            title_from_status: true,
            description: String::new(),
            template: Kind::Error.name().to_owned(),
            retry_after: (code == 429 || code == 503).then_some(config.overflow.retry_after),
            cache: None,
            budget: None,
            actions: Vec::new(),
            extra: serde_json::Map::new(),
            markdown: String::new(),
            body_offset: 0,
            lang: config.site.language.clone(),
            translation_of: None,
        });
    }
}
