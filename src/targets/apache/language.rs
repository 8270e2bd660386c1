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
//! `Accept-Language` anyway.

use std::fmt::Write as _;

use crate::negotiate::first_listed_pattern;
use crate::targets::{EdgePage, EdgeSite};

/// The variable holding the suffix of the chosen language's files.
const ENV: &str = "PLANB_LANGUAGE";

/// The `SetEnvIfNoCase` lines for the host; nothing on a site in one language.
pub fn env_text(site: &EdgeSite) -> String {
    if !site.is_multilingual() {
        return String::new();
    }
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

/// `page`'s URL in the visitor's language, for an `ErrorDocument` or a redirect.
pub fn url(site: &EdgeSite, page: &EdgePage) -> String {
    if site.is_multilingual() {
        page.url_with_language(&format!("%{{ENV:{ENV}}}"))
    } else {
        page.url.clone()
    }
}

/// The `Vary` of a negotiated answer, at `indent`.
pub fn vary(indent: &str) -> String {
    format!("{indent}Header always merge Vary Accept-Language\n")
}
