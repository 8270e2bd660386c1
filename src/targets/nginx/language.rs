//! The visitor's language, on a site in several: two `map`s in `http {}` turn `Accept-Language`
//! into `$planb_language`, the suffix of the chosen language's files (`""` for the default,
//! `".en"`), and every place that sends a visitor to an error or overflow page (or the home to
//! the landing page) writes that variable into the URI, so nginx serves the variant's own file
//! from its own location, with its own headers and the page's status kept.
//!
//! nginx has no negotiation of its own and a `map` matches one regular expression at a time:
//! the first range in the order written that names a site language wins, which is what
//! `negotiate::pick_language` picks for every header a browser sends (they write ranges by
//! descending q-value); see `negotiate::first_listed_pattern` for the one difference.
//!
//! The format goes the same way: a third `map` turns `Accept` into `$planb_format`, `.json` for
//! an app that asks for JSON (`negotiate::format::json_pattern`, unless the header lists HTML),
//! else `.html`, and the URI of a page with JSON twins ends with it. Each twin has an
//! `internal` location: it is served only where nginx sends a request, never asked for.

use std::fmt::Write as _;

use crate::negotiate::first_listed_pattern;
use crate::targets::{EdgePage, EdgeSite};

/// The variable holding the suffix of the chosen language's files.
const VARIABLE: &str = "$planb_language";

/// The variable holding the extension of the chosen format's files: `.html` or `.json`.
const FORMAT: &str = "$planb_format";

/// The `map`s for `http {}`: the format's where a page has JSON twins, the language's on a
/// site in several.
pub fn http_text(site: &EdgeSite) -> String {
    let mut out = String::new();
    if site.has_twins() {
        let _ = write!(
            out,
            "# The format of the error and overflow pages: their JSON twin for an app whose Accept\n\
             # asks for application/json or application/problem+json (q > 0) and lists no HTML.\n\
             map $http_accept {FORMAT} {{\n    \"~*{html}\" \".html\";\n    \"~*{json}\" \".json\";\n    default \".html\";\n}}\n",
            html = crate::negotiate::format::html_pattern(),
            json = crate::negotiate::format::json_pattern(),
        );
    }
    if site.is_multilingual() {
        out.push_str(&language_maps(site));
    }
    out
}

fn language_maps(site: &EdgeSite) -> String {
    let mut out = format!(
        "# The visitor's language, for the error, overflow and landing pages: the first range of\n\
         # Accept-Language, in the order written, naming one of the site's languages with q > 0\n\
         # (en-GB finds en); none, `*`, an empty or malformed header: {default}, the default.\n\
         map $http_accept_language $planb_language_range {{\n    \"~*{pattern}\" $1;\n    default \"\";\n}}\n\
         # ...as the suffix of that language's files (none for the default).\n\
         map $planb_language_range {VARIABLE} {{\n",
        default = site.languages[0],
        pattern = first_listed_pattern(&site.languages),
    );
    for (lang, suffix) in site.language_suffixes() {
        let _ = writeln!(out, "    \"~*^{lang}$\" \"{suffix}\";");
    }
    out.push_str("    default \"\";\n}\n");
    out
}

/// The URI a request is sent to for `page`: its own on a site in one language, else the one
/// of the visitor's language; ending with the visitor's format where it has JSON twins.
pub fn uri(site: &EdgeSite, page: &EdgePage) -> String {
    let language = if site.is_multilingual() { VARIABLE } else { "" };
    let stem = page.url.strip_suffix(".html").unwrap_or(&page.url);
    let format = if page.json.is_empty() {
        ".html"
    } else {
        FORMAT
    };
    format!("{stem}{language}{format}")
}

/// Every URI nginx serves `page` at: its variants' own URLs, and its twins' (internal), where a
/// mode's rewrite must leave the request alone.
pub fn uris(page: &EdgePage) -> Vec<String> {
    let twins = page.json.iter().map(|t| format!("/{}", t.file));
    page.urls().into_iter().chain(twins).collect()
}

/// The `Vary` line of `page`'s answers (and its twin's), for caches to keep one copy per
/// language and format it is chosen by; nothing where it is chosen by neither.
pub fn vary(site: &EdgeSite, page: &EdgePage) -> Option<String> {
    let by = site.varies_on(page);
    (!by.is_empty()).then(|| format!("add_header Vary \"{}\" always;", by.join(", ")))
}

/// The `Vary` line of the home's redirect to the landing page, which depends on the language
/// on a site in several: nothing on a site in one.
pub fn redirect_vary(site: &EdgeSite, indent: &str) -> String {
    if site.is_multilingual() {
        format!("{indent}add_header Vary \"Accept-Language\" always;\n")
    } else {
        String::new()
    }
}
