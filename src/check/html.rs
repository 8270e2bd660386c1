//! HTML basics every page must have: a language, a title, a viewport for phones, alternative text
//! on images, and internal links that lead somewhere. The build already guarantees the rest (one
//! request, the budget); these are what a visitor or a screen reader notices next.

use std::collections::BTreeSet;

use crate::content::{Page, markdown};
use crate::diag::{Diagnostic, Diagnostics};
use crate::finish::Finished;
use crate::scan::{self, elements};
use crate::theme::Template;

/// Every problem of one page. `urls` are the URL paths of the bundle; `prefix` is `edge.prefix`,
/// under which every link must resolve (other paths belong to the application).
pub fn check_page(
    page: &Finished,
    urls: &BTreeSet<String>,
    prefix: &str,
    templates: &[Template],
) -> Diagnostics {
    let html = String::from_utf8_lossy(&page.html);
    let tags = scan::start_tags(&html);
    let mut problems = Vec::new();
    let mut say = |needle: Option<&str>, message: String, help: &str| {
        problems.push(locate(&page.page, needle, templates, message).help(help.to_owned()));
    };
    let url = page.page.url();
    let find = |name: &str| tags.iter().find(|t| t.name == name);
    if find("html")
        .and_then(|t| t.get("lang"))
        .is_none_or(|l| l.trim().is_empty())
    {
        say(
            Some("<html"),
            format!("{url}: <html> has no `lang`"),
            "screen readers pick their voice from it: <html lang=\"{{ site.language }}\">",
        );
    }
    if elements::contents(&html, "title")
        .first()
        .is_none_or(|t| t.trim().is_empty())
    {
        say(
            Some("<title"),
            format!("{url}: the page has no title"),
            "give it a <title>: it names the tab and the bookmark",
        );
    }
    let viewport = tags
        .iter()
        .any(|t| t.name == "meta" && t.get("name") == Some("viewport"));
    if !viewport {
        say(
            Some("<head"),
            format!("{url}: no viewport <meta>: phones will show the page zoomed out"),
            "add <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">",
        );
    }
    for t in tags
        .iter()
        .filter(|t| t.name == "img" && t.get("alt").is_none())
    {
        let _ = t;
        say(
            Some("<img"),
            format!("{url}: an <img> has no `alt`"),
            "describe the image in `alt`, or write alt=\"\" if it is only decoration",
        );
    }
    let ids: BTreeSet<&str> = tags.iter().filter_map(|t| t.get("id")).collect();
    for t in tags.iter().filter(|t| t.name == "a" || t.name == "area") {
        let Some(href) = t.get("href") else { continue };
        if let Some(why) = broken_link(href, &url, urls, prefix, &ids) {
            let help = if href.starts_with('#') {
                "give the element it should lead to that `id`, or remove the link"
            } else {
                "link to a page of the bundle (see `planb build`'s list), a full URL, or the application's own path"
            };
            say(
                Some(href),
                format!("{url}: the link to `{href}` {why}"),
                help,
            );
        }
    }
    problems.extend(markdown_images_without_alt(&page.page));
    problems
}

/// Why an internal link leads nowhere, or None when it is fine or not internal.
fn broken_link(
    href: &str,
    page_url: &str,
    urls: &BTreeSet<String>,
    prefix: &str,
    ids: &BTreeSet<&str>,
) -> Option<String> {
    let href = href.trim();
    if let Some(fragment) = href.strip_prefix('#') {
        return (!fragment.is_empty() && !ids.contains(fragment))
            .then(|| format!("points at no element with id `{fragment}` in the page"));
    }
    let has_scheme = href.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || href.starts_with("//") || href.is_empty() {
        return None;
    }
    let path = href.split(['?', '#']).next().unwrap_or("");
    let absolute = if path.starts_with('/') {
        path.to_owned()
    } else {
        let dir = page_url.rsplit_once('/').map_or("", |(d, _)| d);
        normalize(&format!("{dir}/{path}"))
    };
    let inside = absolute == prefix || absolute.starts_with(&format!("{prefix}/"));
    (inside && !urls.contains(&absolute)).then(|| "is not a page of the bundle".to_owned())
}

/// Resolves `.` and `..` in an absolute URL path.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// `![](team.png)` in the Markdown: located at the image itself.
fn markdown_images_without_alt(page: &Page) -> Diagnostics {
    let Some(source) = &page.source else {
        return Vec::new();
    };
    markdown::images_without_alt(&page.markdown)
        .into_iter()
        .map(|offset| {
            Diagnostic::new(
                source,
                format!("{}: an image has no alternative text", page.url()),
            )
            .at_offset(&page.source_text, page.body_offset + offset)
            .help("write what the image shows between the brackets: ![Our team](team.png)")
        })
        .collect()
}

/// The problem at the first place `needle` is written: the page's Markdown, else the template
/// that renders the page, else any template; or the page's source without a line.
fn locate(
    page: &Page,
    needle: Option<&str>,
    templates: &[Template],
    message: String,
) -> Diagnostic {
    if let Some(needle) = needle {
        if let (Some(source), Some(offset)) = (&page.source, page.source_text.find(needle)) {
            return Diagnostic::new(source, message).at_offset(&page.source_text, offset);
        }
        let own = format!("{}.html", page.template);
        let ordered = templates
            .iter()
            .filter(|t| t.name == own)
            .chain(templates.iter().filter(|t| t.name != own));
        for t in ordered {
            if let Some(offset) = t.source.find(needle) {
                return Diagnostic::new(&t.shown, message).at_offset(&t.source, offset);
            }
        }
    }
    let file = page
        .source
        .clone()
        .unwrap_or_else(|| crate::config::FILE_NAME.into());
    Diagnostic::new(file, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> BTreeSet<String> {
        ["/_planb/landing.html", "/_planb/errors/404.html"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn broken(href: &str) -> Option<String> {
        let ids: BTreeSet<&str> = ["main"].into_iter().collect();
        broken_link(href, "/_planb/errors/503.html", &urls(), "/_planb", &ids)
    }

    #[test]
    fn links_inside_the_bundle_must_resolve() {
        assert_eq!(broken("/_planb/landing.html"), None);
        assert_eq!(broken("../landing.html"), None);
        assert_eq!(broken("404.html?x=1#top"), None);
        assert!(broken("/_planb/landing2.html").is_some());
        assert!(broken("../promo.html").is_some());
        assert!(broken("/_planb/").is_some());
    }

    #[test]
    fn fragments_must_name_an_element_of_the_page() {
        assert_eq!(broken("#main"), None);
        assert_eq!(broken("#"), None);
        assert!(broken("#nowhere").unwrap().contains("`nowhere`"));
    }

    #[test]
    fn other_links_are_the_applications_or_the_webs() {
        for href in [
            "/",
            "/account",
            "https://example.com/x",
            "mailto:a@b.c",
            "tel:+33",
            "//cdn.example/x",
        ] {
            assert_eq!(broken(href), None, "{href}");
        }
    }

    #[test]
    fn dot_segments_are_resolved() {
        assert_eq!(
            normalize("/_planb/errors/../landing.html"),
            "/_planb/landing.html"
        );
        assert_eq!(normalize("/a/./b//c"), "/a/b/c");
        assert_eq!(normalize("/../x"), "/x");
    }
}
