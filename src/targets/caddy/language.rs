//! The visitor's language, on a site in several: two `map`s at the top of the snippet's `route`
//! read `Accept-Language` into `{planb_language}` (the chosen language's tag) and
//! `{planb_language_suffix}` (`""` for the default, `".en"`); `answer::serve_at` answers an error
//! or overflow page with one `handle` per language, matched by `vars`, each rewriting to that
//! variant's own file with its own headers; the home's redirect writes the suffix into its URL.
//!
//! Caddy has no negotiation of its own and a `map` matches one regular expression at a time:
//! the first range in the order written that names a site language wins, which is what
//! `negotiate::pick_language` picks for every header a browser sends (they write ranges by
//! descending q-value); see `negotiate::first_listed_pattern`. The maps are placeholders,
//! evaluated when read, and the request keeps them into `handle_errors`.
//!
//! The format goes the same way: a third `map` reads `Accept` into `{planb_format}` (`json` for
//! an app that asks for JSON and lists no HTML, `negotiate::format`), and the page's JSON twin
//! gets a `handle` of its own, before the page's, inside the language's.

use std::fmt::Write as _;

use crate::negotiate::first_listed_pattern;
use crate::targets::{EdgePage, EdgeSite};

/// The placeholder holding the chosen language's tag.
pub const LANGUAGE: &str = "{planb_language}";
/// The placeholder holding the suffix of the chosen language's files.
const SUFFIX: &str = "{planb_language_suffix}";

/// The placeholder holding the chosen format: `json` or `html`.
pub const FORMAT: &str = "{planb_format}";

/// The `map`s, at one tab: the format's where a page has JSON twins, the language's on a site
/// in several.
pub fn maps(site: &EdgeSite) -> String {
    let mut out = String::new();
    if site.has_twins() {
        let _ = write!(
            out,
            "\t# The format of the error and overflow pages: their JSON twin for an app whose Accept\n\
             \t# asks for application/json or application/problem+json (q > 0) and lists no HTML.\n\
             \tmap {{header.Accept}} {FORMAT} {{\n\t\t\"~(?i){html}\" \"html\"\n\t\t\"~(?i){json}\" \"json\"\n\t\tdefault \"html\"\n\t}}\n",
            html = crate::negotiate::format::html_pattern(),
            json = crate::negotiate::format::json_pattern(),
        );
    }
    if site.is_multilingual() {
        out.push_str(&language_maps(site));
    }
    out
}

/// The `Vary` a page's answers carry: what they are chosen by, if anything.
pub fn vary(site: &EdgeSite, page: &EdgePage) -> Option<String> {
    let by = site.varies_on(page);
    (!by.is_empty()).then(|| by.join(", "))
}

fn language_maps(site: &EdgeSite) -> String {
    let mut out = format!(
        "\t# The visitor's language, for the error, overflow and landing pages: the first range of\n\
         \t# Accept-Language, in the order written, naming one of the site's languages with q > 0\n\
         \t# (en-GB finds en); none, `*`, an empty or malformed header: {default}, the default.\n\
         \tmap {{header.Accept-Language}} {{planb_language_range}} {{\n\t\t\"~(?i){pattern}\" \"${{1}}\"\n\t\tdefault \"\"\n\t}}\n\
         \t# ...as its tag and the suffix of its files (none for the default).\n\
         \tmap {{planb_language_range}} {LANGUAGE} {SUFFIX} {{\n",
        default = site.languages[0],
        pattern = first_listed_pattern(&site.languages),
    );
    for (lang, suffix) in site.language_suffixes() {
        let _ = writeln!(out, "\t\t\"~(?i)^{lang}$\" \"{lang}\" \"{suffix}\"");
    }
    let _ = writeln!(out, "\t\tdefault \"{}\" \"\"\n\t}}\n", site.languages[0]);
    out
}

/// Where the home redirects to for `landing`: in the visitor's language on a site in several.
pub fn landing_url(site: &EdgeSite, landing: &EdgePage) -> String {
    if site.is_multilingual() {
        landing.url_with_language(SUFFIX)
    } else {
        landing.url.clone()
    }
}

/// The `header` line of the home's redirect at `t`, which varies with the language on a site
/// in several: nothing on a site in one.
pub fn redirect_vary(site: &EdgeSite, matcher: &str, t: &str) -> String {
    if site.is_multilingual() {
        format!("{t}header {matcher} Vary \"Accept-Language\"\n")
    } else {
        String::new()
    }
}
