//! What Cloudflare Pages would cut short or refuse in the generated files, checked against its
//! documented rules (Pages docs: "Headers", "Redirects") as build errors: past its limits it
//! silently ignores the rest, and without a top-level `404.html` it answers every unknown path
//! with the home page and 200, so shipping either would look fine until the night it matters.

use super::{EdgeSite, HEADERS, PUBLIC, REDIRECTS};
use crate::diag::{Diagnostic, Diagnostics};

pub(super) const MAX_HEADER_RULES: usize = 100;
pub(super) const MAX_HEADER_LINE: usize = 2_000;
pub(super) const MAX_STATIC_REDIRECTS: usize = 2_000;
pub(super) const MAX_DYNAMIC_REDIRECTS: usize = 100;
pub(super) const MAX_REDIRECT_LINE: usize = 1_000;
const REDIRECT_STATUSES: [u16; 6] = [200, 301, 302, 303, 307, 308];

const WITHOUT_IT: &str = "or remove \"cloudflare-pages\" from `edge.targets`";

fn fail(message: String, help: String) -> Diagnostic {
    Diagnostic::new(
        crate::config::FILE_NAME,
        format!("cloudflare-pages: {message}"),
    )
    .help(help)
}

/// Every rule of `_headers` (`headers`) and `_redirects` (`redirects`) Cloudflare Pages would
/// break, and the missing 404 page.
pub(super) fn problems(site: &EdgeSite, headers: &str, redirects: &str) -> Diagnostics {
    let mut problems = Vec::new();
    if site.error_page(404).is_none() {
        problems.push(fail(
            "the site has no 404 page: without a top-level 404.html, Cloudflare Pages answers every unknown path with the home page and status 200".to_owned(),
            format!("add 404 to `errors.codes`, {WITHOUT_IT}"),
        ));
    }
    problems.extend(header_problems(site, headers));
    problems.extend(redirect_problems(redirects));
    problems
}

/// The lines that say something: no blank line, no comment.
fn rules(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn header_problems(site: &EdgeSite, text: &str) -> Diagnostics {
    let file = PUBLIC.path(HEADERS);
    let mut problems = Vec::new();
    let count = rules(text).filter(|l| l.starts_with('/')).count();
    if count > MAX_HEADER_RULES {
        let pages = site.addressable().len();
        problems.push(fail(
            format!(
                "{file} would have {count} header rules; Cloudflare Pages applies at most {MAX_HEADER_RULES} and ignores the rest"
            ),
            format!(
                "each page but the 404 takes two rules (its URL with and without .html), and every path one: {pages} pages here; build fewer pages, {WITHOUT_IT}"
            ),
        ));
    }
    if let Some(long) = rules(text).find(|l| l.len() > MAX_HEADER_LINE) {
        let name = long.split(':').next().unwrap_or_default();
        problems.push(fail(
            format!(
                "{file} has a {name} header of {} characters; Cloudflare Pages ignores lines over {MAX_HEADER_LINE}",
                long.len()
            ),
            format!(
                "inline fewer scripts and styles (each adds a hash to the policy), {WITHOUT_IT}"
            ),
        ));
    }
    problems
}

/// planb writes at most one redirect, so each of these is a planb bug; checked all the same, since
/// Cloudflare Pages would drop the rule without a word.
fn redirect_problems(text: &str) -> Diagnostics {
    let file = PUBLIC.path(REDIRECTS);
    let bug = || "planb bug: please report it".to_owned();
    let mut problems = Vec::new();
    let (mut fixed, mut dynamic, mut only_dynamic) = (0, 0, false);
    for line in rules(text) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let status = parts.get(2).copied().unwrap_or("302");
        if !status.parse().is_ok_and(|s| REDIRECT_STATUSES.contains(&s)) {
            problems.push(fail(
                format!("{file}: status {status} in `{line}`: Cloudflare Pages accepts only 200, 301, 302, 303, 307 and 308"),
                bug(),
            ));
        }
        if line.len() > MAX_REDIRECT_LINE {
            problems.push(fail(
                format!("{file}: a rule of {} characters; Cloudflare Pages ignores rules over {MAX_REDIRECT_LINE}", line.len()),
                bug(),
            ));
        }
        // Rules with a splat or placeholder are dynamic, and so is every rule after the first one.
        let source = parts.first().copied().unwrap_or_default();
        if only_dynamic || source.contains('*') || source.contains("/:") {
            only_dynamic = true;
            dynamic += 1;
        } else {
            fixed += 1;
        }
    }
    if fixed > MAX_STATIC_REDIRECTS || dynamic > MAX_DYNAMIC_REDIRECTS {
        problems.push(fail(
            format!("{file} has {fixed} static and {dynamic} dynamic rules; Cloudflare Pages allows {MAX_STATIC_REDIRECTS} and {MAX_DYNAMIC_REDIRECTS}"),
            bug(),
        ));
    }
    problems
}
