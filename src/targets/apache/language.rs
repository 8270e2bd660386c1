//! The visitor's language, on a site in several: two `SetEnvIfNoCase` lines read
//! `Accept-Language` into `PLANB_LANGUAGE`, the suffix of the chosen language's files (unset
//! for the default, `.en`), and every `ErrorDocument` and the home's redirect write
//! `%{ENV:PLANB_LANGUAGE}` into their URL (httpd expands it there, as it does the sibling's
//! suffix). The variant is then served from its own section, with its own headers, the page's
//! status kept, and `Vary: Accept-Language`.
//!
//! `SetEnvIf` matches one regular expression: the first range in the order written that names
//! a site language wins, which is what `negotiate::pick_language` picks for every header a
//! browser sends (they write ranges by descending q-value); see
//! `negotiate::first_listed_pattern`. mod_negotiation's type maps rank by q-value, but planb has
//! not proven them behind `ErrorDocument` with the precompressed siblings (and without
//! `ForceLanguagePriority Fallback` a header with no match gets 406): it writes the regex the
//! other servers use, tested on the same headers.
//!
//! `SetEnvIf` reads a request header before a variable of the same name: a client that sends a
//! `PLANB_LANGUAGE_RANGE` header picks its language with it, which it can do with
//! `Accept-Language` anyway (and a `PLANB_JSON` header its format, as `Accept` can).
//!
//! The format goes the same way: `Accept` sets `PLANB_JSON` where it asks for JSON
//! (`negotiate::format::json_pattern`) and lists no HTML, which makes `PLANB_EXT` `.json` and
//! drops the sibling's suffix (a twin has no `.gz`); the `ErrorDocument` URL ends with
//! `%{ENV:PLANB_EXT}`, and each twin has its own section with its headers.

use std::fmt::Write as _;

use crate::negotiate::first_listed_pattern;
use crate::targets::{EdgePage, EdgeSite};

/// The variable holding the suffix of the chosen language's files.
const ENV: &str = "PLANB_LANGUAGE";

/// The variable holding the extension of the chosen format's files: `.html` or `.json`.
const EXT: &str = "PLANB_EXT";

/// The `SetEnvIf` lines for the host: the format's where a page has JSON twins (after the
/// siblings', which they undo for JSON), the language's on a site in several.
pub fn env_text(site: &EdgeSite) -> String {
    let mut out = String::new();
    if site.has_twins() {
        let _ = write!(
            out,
            "\n# The format of the error and overflow pages: their JSON twin (no sibling) for an app\n\
             # whose Accept asks for application/json or application/problem+json (q > 0) and lists\n\
             # no HTML.\n\
             SetEnvIf Request_URI \"^\" {EXT}=.html\n\
             SetEnvIfNoCase Accept \"{json}\" PLANB_JSON=1\n\
             SetEnvIfNoCase Accept \"{html}\" !PLANB_JSON\n\
             SetEnvIf PLANB_JSON \"^1$\" {EXT}=.json !{}\n",
            super::SIBLING_ENV,
            json = crate::negotiate::format::json_pattern(),
            html = crate::negotiate::format::html_pattern(),
        );
    }
    if site.is_multilingual() {
        out.push_str(&language_env(site));
    }
    out
}

fn language_env(site: &EdgeSite) -> String {
    let mut out = format!(
        "\n# The visitor's language, for the error, overflow and landing pages: the first range of\n\
         # Accept-Language, in the order written, naming one of the site's languages with q > 0\n\
         # (en-GB finds en); none, `*`, an empty or malformed header: {default}, the default.\n\
         SetEnvIfNoCase Accept-Language \"{pattern}\" {ENV}_RANGE=$1\n\
         # ...as the suffix of that language's files (none for the default).\n",
        default = site.languages[0],
        pattern = first_listed_pattern(&site.languages),
    );
    for (lang, suffix) in site.language_suffixes() {
        let _ = writeln!(
            out,
            "SetEnvIfNoCase {ENV}_RANGE \"^{lang}$\" {ENV}={suffix}"
        );
    }
    // In overflow mode every URL gets the overflow page by ErrorDocument, its own URLs too.
    if let Some(page) = site.overflow().filter(|p| site.negotiates(p)) {
        out.push_str(
            "# A language's own URL of the overflow page (its switcher's link) is that language.\n",
        );
        let regex = |url: &str| format!("^{}$", url.replace('.', "\\."));
        let urls = page.urls();
        let _ = writeln!(out, "SetEnvIf Request_URI \"{}\" !{ENV}", regex(&urls[0]));
        for (url, (_, suffix)) in urls.iter().skip(1).zip(site.language_suffixes()) {
            let _ = writeln!(
                out,
                "SetEnvIf Request_URI \"{}\" {ENV}={suffix}",
                regex(url)
            );
        }
    }
    out
}

/// `page`'s URL in the visitor's language, for an `ErrorDocument` or a redirect, and in the
/// visitor's format where it has JSON twins.
pub fn url(site: &EdgeSite, page: &EdgePage) -> String {
    let language = if site.is_multilingual() {
        format!("%{{ENV:{ENV}}}")
    } else {
        String::new()
    };
    let stem = page.url.strip_suffix(".html").unwrap_or(&page.url);
    let format = if page.json.is_empty() {
        ".html".to_owned()
    } else {
        format!("%{{ENV:{EXT}}}")
    };
    format!("{stem}{language}{format}")
}

/// The `Vary` of `page`'s answers (and its twin's) at `indent`: what they are chosen by.
pub fn vary(site: &EdgeSite, page: &EdgePage, indent: &str) -> String {
    site.varies_on(page)
        .iter()
        .map(|by| format!("{indent}Header always merge Vary {by}\n"))
        .collect()
}
