//! `public/_headers`: a rule per URL a page is reached at (as written, and without `.html`, since
//! both platforms match the URL asked for), each with the page's manifest headers but
//! Content-Type, which both platforms set from the file's extension (a second one would be sent
//! twice on Netlify). In overflow mode, one `/*` rule: per-page rules would add a second value to
//! each header on the pages' own URLs. The format has no quoting: a header line ends at the end of
//! the line, so a control character in a value, or a `:` in a name, is refused instead of written.

use std::fmt::Write as _;

use super::{EdgePage, EdgeSite, HEADERS, Host, PUBLIC, variant};
use crate::diag::Diagnostics;
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

/// The text of `_headers` for the site's mode.
pub(super) fn text(site: &EdgeSite) -> String {
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
        rule(&mut out, "/*", page);
        return out;
    }
    for (url, page) in covered(site) {
        for path in urls(&url) {
            rule(&mut out, &path, page);
        }
    }
    out
}

/// The pages `_headers` covers, with their URLs: every page, plus the top-level `/404.html` copy
/// of the 404 page, which both platforms serve for unknown paths.
pub(super) fn covered(site: &EdgeSite) -> Vec<(String, &EdgePage)> {
    let mut list: Vec<(String, &EdgePage)> =
        site.pages.iter().map(|p| (p.url.clone(), p)).collect();
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

fn rule(out: &mut String, path: &str, page: &EdgePage) {
    let _ = writeln!(out, "{path}");
    for (name, value) in settable(page) {
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
