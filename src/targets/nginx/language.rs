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

use std::fmt::Write as _;

use crate::negotiate::first_listed_pattern;
use crate::targets::{EdgePage, EdgeSite};

/// The variable holding the suffix of the chosen language's files.
const VARIABLE: &str = "$planb_language";

/// The `map`s for `http {}`; nothing on a site in one language.
pub fn http_text(site: &EdgeSite) -> String {
    if !site.is_multilingual() {
        return String::new();
    }
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
/// of the visitor's language.
pub fn uri(site: &EdgeSite, page: &EdgePage) -> String {
    if site.is_multilingual() {
        page.url_with_language(VARIABLE)
    } else {
        page.url.clone()
    }
}

/// The header a negotiated answer carries, for caches to keep one copy per language.
pub const VARY: &str = "add_header Vary \"Accept-Language\" always;";

/// The `Vary` line of the home's redirect to the landing page, which depends on the language
/// on a site in several: nothing on a site in one.
pub fn redirect_vary(site: &EdgeSite, indent: &str) -> String {
    if site.is_multilingual() {
        format!("{indent}{VARY}\n")
    } else {
        String::new()
    }
}
