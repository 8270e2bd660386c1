//! `public/_headers`. Both platforms match the rules against the URL asked for, not the file they
//! answer with, and both apply every rule that matches; they differ on a header set twice:
//! Cloudflare Pages joins the values with a comma unless a rule first removes the inherited one
//! (`! Name`, which Netlify's parser skips as a line without `:`), Netlify keeps the last rule's
//! (`netlify dev`; its docs say the same for one path). So, in normal and landing mode:
//! - a `/*` rule first gives every path the 404 page's headers: an unknown path, answered with
//!   the 404 page, matches no page's rule, and would otherwise get no CSP at all;
//! - then a rule per URL a page is reached at (as written, and without `.html`), the 404 page's
//!   aside, that removes each header of `/*` and sets the page's own: on either platform, a page
//!   gets exactly its manifest headers;
//! - Content-Type is never set: both platforms set it from the file's extension (a second one
//!   would be sent twice on Netlify).
//!
//! In overflow mode, one `/*` rule: the overflow page's headers. With Netlify alone every path
//! answers the overflow page (`!` in `_redirects`); with Cloudflare Pages enabled, Netlify still
//! serves the files that exist under that rule, so its policy is the union of every page's
//! (`headers::union_of_policies`): a landing page's inline style is not blocked by the overflow
//! page's CSP. The format has no quoting: a header line ends at the end of the line, so a control
//! character in a value, or a `:` in a name, is refused instead of written.

use std::fmt::Write as _;

use super::{Dialect, EdgePage, EdgeSite, HEADERS, Host, PUBLIC, variant};
use crate::diag::Diagnostics;
use crate::headers::union_of_policies;
use crate::targets::Mode;
use crate::targets::syntax::{self, HeaderRules};

/// Every header the file cannot carry, as a problem of `host`'s.
pub(super) fn check(site: &EdgeSite, host: Host) -> Diagnostics {
    let rules = HeaderRules {
        server: host.title(),
        program: host.title(),
        file: HEADERS,
        name_ok: syntax::is_header_name,
        value_ok: syntax::no_control,
        interprets: "a control character ends the rule; a name is letters, digits and `-`",
    };
    syntax::check_headers(site, PUBLIC, &rules)
}

/// The text of `_headers` for the site's mode, for `dialect`'s platforms.
pub(super) fn text(site: &EdgeSite, dialect: Dialect) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# planb: response headers for Netlify and Cloudflare Pages, mode {} (generated: rebuild, do not edit).\n\
         # Content-Type is left to the platform, which sets it from the file extension.",
        site.mode.name()
    );
    let overflow = site.overflow().filter(|_| site.mode == Mode::Overflow);
    if let Some(page) = overflow {
        let _ = writeln!(out, "# Overflow: every path answers {}.", page.url);
        let mut headers: Vec<(String, String)> = settable(page).cloned().collect();
        if dialect == Dialect::Shared {
            let union = union_of_policies(site.addressable().into_iter().filter_map(csp));
            for (name, value) in &mut headers {
                if name.eq_ignore_ascii_case(CSP) {
                    *value = union.clone();
                }
            }
        }
        rule(&mut out, "/*", &[], &headers);
        return out;
    }
    let base = site.error_page(404);
    // Only headers every page sets itself: Netlify cannot remove one, so a page without it
    // would keep the 404 page's.
    let everywhere = |name: &str| {
        site.addressable()
            .into_iter()
            .all(|p| settable(p).any(|(n, _)| n.eq_ignore_ascii_case(name)))
    };
    let inherited: Vec<(String, String)> = base
        .map(|p| {
            settable(p)
                .filter(|(n, _)| everywhere(n))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if !inherited.is_empty() {
        let _ = writeln!(
            out,
            "# Every path first gets the 404 page's headers (an unknown path answers that page);\n\
             # each page's rule removes them (`! Name`, for Cloudflare Pages) and sets its own."
        );
        rule(&mut out, "/*", &[], &inherited);
    }
    let removed: Vec<&str> = inherited.iter().map(|(n, _)| n.as_str()).collect();
    // The 404 page's URLs need no rule of their own when `/*` gives all its headers.
    let base_whole = base.is_some_and(|p| settable(p).count() == inherited.len());
    for (url, page) in covered(site) {
        if base_whole && base.is_some_and(|b| std::ptr::eq(b, page)) {
            continue;
        }
        let own: Vec<(String, String)> = settable(page).cloned().collect();
        for path in urls(&url) {
            rule(&mut out, &path, &removed, &own);
        }
    }
    out
}

const CSP: &str = "Content-Security-Policy";

fn csp(page: &EdgePage) -> Option<&str> {
    variant(page)
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(CSP))
        .map(|(_, value)| value.as_str())
}

/// The pages `_headers` covers, with their URLs: every page, plus the top-level `/404.html` copy
/// of the 404 page, which both platforms serve for unknown paths.
pub(super) fn covered(site: &EdgeSite) -> Vec<(String, &EdgePage)> {
    let mut list: Vec<(String, &EdgePage)> = site
        .addressable()
        .into_iter()
        .map(|p| (p.url.clone(), p))
        .collect();
    if let Some(p) = site.error_page(404)
        && p.url != "/404.html"
    {
        list.push(("/404.html".to_owned(), p));
    }
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

/// Every URL a page is reached at: as written, and extension-less.
fn urls(url: &str) -> Vec<String> {
    let pretty = super::pretty_url(url);
    if pretty == url {
        vec![url.to_owned()]
    } else {
        vec![url.to_owned(), pretty]
    }
}

/// A rule for `path`: removes the headers named in `removed`, then sets `headers`.
fn rule(out: &mut String, path: &str, removed: &[&str], headers: &[(String, String)]) {
    let _ = writeln!(out, "{path}");
    for name in removed {
        let _ = writeln!(out, "  ! {name}");
    }
    for (name, value) in headers {
        let _ = writeln!(out, "  {name}: {value}");
    }
}

/// The headers `_headers` sets: the manifest's, less Content-Type (see the module doc).
fn settable(page: &EdgePage) -> impl Iterator<Item = &(String, String)> {
    variant(page)
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
}
