//! Which file answers each page (`errors/503.http`, `errors/landing.http`), and everything
//! HAProxy's syntax cannot take, refused before a line is written.
//!
//! Traps avoided: HAProxy splits its configuration on spaces and reads `#`, quotes, `\` and `$`
//! (environment variables, even inside double quotes) as syntax, so every word planb writes bare
//! (a URL, a file name, `edge.listen`, …) is checked to be a plain word; a header with a control
//! character would end the raw response early; two pages must never share a file. `site.root`
//! appears nowhere: the files are named relative to the configuration's folder
//! (`default-path config`), so any output folder works, whatever its name.

use super::errorfile::size_problem;
use super::{FOLDER, variant};
use crate::content::Kind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::targets::syntax::{self, HeaderRules};
use crate::targets::{EdgePage, EdgeSite};

/// A page and the file, relative to `config/haproxy/`, holding its raw response.
pub(super) struct Reply<'a> {
    pub page: &'a EdgePage,
    pub name: String,
    /// Whether HAProxy answers it at the page's own URL: every page, no JSON twin (a twin
    /// answers only where its page does, for an app).
    pub own_url: bool,
}

/// Every header goes into an errorfile as `Name: value` and CRLF: a control character ends it.
const HEADERS: HeaderRules = HeaderRules {
    server: "HAProxy",
    program: "HAProxy",
    file: "errors/*.http",
    name_ok: syntax::is_header_name,
    value_ok: syntax::no_control,
    interprets: "a control character",
};

/// Each page's reply, then each of `twins` (`EdgeSite::twin_pages`), or every reason one cannot
/// be written.
pub(super) fn replies<'a>(
    site: &'a EdgeSite,
    twins: &'a [EdgePage],
) -> Result<Vec<Reply<'a>>, Diagnostics> {
    let mut problems = syntax::check_headers(site, FOLDER, &HEADERS);
    let mut replies: Vec<Reply> = Vec::new();
    let pages = site.addressable().into_iter().map(|p| (p, true));
    for (page, own_url) in pages.chain(twins.iter().map(|t| (t, false))) {
        let name = reply_name(site, page);
        if let Some(other) = replies.iter().find(|r| r.name == name) {
            problems.push(Diagnostic::new(
                FOLDER.path(&name),
                format!(
                    "planb bug: {} and {} would both be written to {}",
                    other.page.url,
                    page.url,
                    FOLDER.path(&name)
                ),
            ));
            continue;
        }
        if !is_word(&page.url) || !is_word(&name) {
            problems.push(Diagnostic::new(
                &variant(page).file,
                format!(
                    "planb bug: the URL {} cannot be written into an HAProxy configuration",
                    page.url.escape_debug()
                ),
            ));
            continue;
        }
        problems.extend(size_problem(page, &name));
        replies.push(Reply {
            page,
            name,
            own_url,
        });
    }
    problems.extend(edge_values(site));
    if problems.is_empty() {
        Ok(replies)
    } else {
        Err(problems)
    }
}

/// The page's response file, relative to `config/haproxy/`: `errors/503.http` for an error page,
/// `errors/landing.http` for `/_planb/landing.html`; a JSON twin's is its page's, `.json.http`
/// (`errors/503.json.http`).
fn reply_name(site: &EdgeSite, page: &EdgePage) -> String {
    match page.url.strip_suffix(".json") {
        Some(stem) => {
            let html = html_name(site, &format!("{stem}.html"), page);
            format!("{}.json.http", html.strip_suffix(".http").unwrap_or(&html))
        }
        None => html_name(site, &page.url, page),
    }
}

/// The response file of the HTML page at `url`.
fn html_name(site: &EdgeSite, url: &str, page: &EdgePage) -> String {
    // A page's other languages are pages at their own URL (`503.en.html`): named by it.
    let translated = site.variant_pages.iter().any(|v| v.url == url);
    if page.kind == Kind::Error && !translated {
        return format!("errors/{}.http", page.status);
    }
    let path = url.strip_prefix(&site.edge.prefix).unwrap_or(url);
    let path = path.trim_start_matches('/');
    let stem = path.strip_suffix(".html").unwrap_or(path);
    format!("errors/{}.http", stem.replace('/', "-"))
}

/// The edge values written bare into `haproxy.cfg`: the config already refuses what is not a
/// plain word, so one that still is not is planb's bug.
fn edge_values(site: &EdgeSite) -> impl Iterator<Item = Diagnostic> + '_ {
    [
        ("edge.listen", &site.edge.listen),
        ("edge.upstream", &site.edge.upstream),
        ("edge.prefix", &site.edge.prefix),
    ]
    .into_iter()
    .filter(|(_, value)| !is_word(value))
    .map(|(what, _)| {
        Diagnostic::new(
            crate::config::FILE_NAME,
            format!("planb bug: `{what}` cannot be written into an HAProxy configuration"),
        )
    })
}

/// Text HAProxy reads as one plain word: no space, quote, `#`, `$`, `\` or control character.
pub(super) fn is_word(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-:[]".contains(c))
}
