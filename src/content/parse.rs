//! Reading one page from its Markdown file: UTF-8 text, front matter, a kind and a status inferred
//! from its place and checked against what the front matter says, and each front-matter value
//! checked at the line that sets it. Touches the disk only in `read_page`, so `parse_page` serves
//! the fuzzers and the tests as it is.

use std::path::Path;

use super::frontmatter::{self, FrontMatter};
use super::kind::Kind;
use super::page::{DIR, Page, prefix_dir};
use crate::config::Config;
use crate::diag::Diagnostic;

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
    // A translation (`landing.en.md`) is read as the page it translates (`landing.md`) would be.
    let (base, lang) = language_of(rel, config)?;
    let original = format!("{}/{}", prefix_dir(config), output_file(rel, &base)?);
    let (kind, status) = kind_and_status(rel, &base, &split.front, &text)?;
    let front = split.front;
    let (file, translation_of) = match &lang {
        Some(lang) => {
            for (field, set) in [
                ("cache", front.cache.is_some()),
                ("retry_after", front.retry_after.is_some()),
            ] {
                if set {
                    return Err(field_diagnostic(
                        rel,
                        &text,
                        field,
                        format!(
                            "`{field}` is the same in every language of a page: {} sets it",
                            base.display()
                        ),
                    )
                    .help(format!(
                        "remove `{field}` here; set it in {}",
                        base.display()
                    )));
                }
            }
            (
                super::page::translated_file(&original, lang),
                Some(original),
            )
        }
        None => (original, None),
    };
    let lang = lang.unwrap_or_else(|| config.site.language.clone());
    let builtin = crate::texts::lookup(status, &lang);
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
        title_from_status: front.title.is_none(),
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
        lang,
        translation_of,
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

/// The language a content file's name gives (`landing.en.md`: `en`, one of `site.languages`
/// other than the default) and the file it translates (`content/landing.md`); no language for a
/// page in the default language.
fn language_of(
    rel: &Path,
    config: &Config,
) -> Result<(std::path::PathBuf, Option<String>), Diagnostic> {
    let stem = rel.file_stem().unwrap_or_default().to_string_lossy();
    let Some((name, suffix)) = stem
        .rsplit_once('.')
        .filter(|(_, s)| crate::config::is_language_tag(s))
    else {
        return Ok((rel.to_path_buf(), None));
    };
    let base = rel.with_file_name(format!("{name}.md"));
    let same = |tag: &String| {
        tag.eq_ignore_ascii_case(suffix)
            || crate::texts::primary_subtag(tag) == suffix.to_ascii_lowercase()
    };
    let site = &config.site;
    if same(&site.language) {
        return Err(Diagnostic::new(
            rel,
            format!(
                "`.{suffix}.md` names {}, the site's default language",
                site.language
            ),
        )
        .help(format!(
            "name it {}: a page without a language suffix is in the default language",
            base.display()
        )));
    }
    if let Some(tag) = site.languages[1..].iter().find(|t| same(t)) {
        return Ok((base, Some(tag.clone())));
    }
    let help = if site.is_multilingual() {
        format!("add \"{suffix}\" to `languages` in planb.toml, or rename the file")
    } else {
        format!(
            "list the site's languages in planb.toml, the default first: languages = [\"{}\", \"{suffix}\"]",
            site.language
        )
    };
    Err(Diagnostic::new(
        rel,
        format!(
            "`.{suffix}.md` translates {} into `{suffix}`, which `site.languages` does not list ({})",
            base.display(),
            site.languages.join(", ")
        ),
    )
    .help(help))
}

/// `content/errors/503.md` → `errors/503.html`; `base` is the file without its language suffix.
fn output_file(rel: &Path, base: &Path) -> Result<String, Diagnostic> {
    let inner = base.strip_prefix(DIR).unwrap_or(base).with_extension("");
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
fn kind_and_status(
    rel: &Path,
    base: &Path,
    front: &FrontMatter,
    text: &str,
) -> Result<(Kind, u16), Diagnostic> {
    let inner = base.strip_prefix(DIR).unwrap_or(base);
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
