//! The visitor's language, on a site in several: `vcl_recv` (for overflow mode and the home's
//! redirect) and `vcl_backend_error` (for the application's errors and admission's refusals)
//! each read `Accept-Language` into `X-Planb-Language`, the suffix of the chosen language's
//! files (`""` for the default, `".en"`); the page served is then that variant, with its own
//! headers and `Vary: Accept-Language`, so the cache keeps one error object per language.
//!
//! VCL has no negotiation of its own and no loop: one regular expression picks the first range
//! in the order written that names a site language, which is what `negotiate::pick_language`
//! picks for every header a browser sends (they write ranges by descending q-value); see
//! `negotiate::first_listed_pattern`. The header is planb's: `vcl_recv` removes the client's
//! before anything reads it, and again before the request goes to the application.

use std::fmt::Write as _;

use super::format;
use super::vcl::{file_path, set_variant_headers, string, vary};
use crate::negotiate::first_listed_pattern;
use crate::targets::{EdgePage, EdgeSite, Variant};

/// The header holding the suffix of the chosen language's files.
pub const HEADER: &str = "X-Planb-Language";

/// The lines, at `indent`, that set `HEADER` on `var` (`req`, `bereq`) from its
/// `Accept-Language`; nothing on a site in one language.
pub fn choose(site: &EdgeSite, var: &str, indent: &str) -> String {
    if !site.is_multilingual() {
        return String::new();
    }
    let pattern = format!("(?i){}", first_listed_pattern(&site.languages));
    let mut out = format!(
        "{indent}# The visitor's language: the first range of Accept-Language, in the order written,\n\
         {indent}# naming one of the site's languages with q > 0 (en-GB finds en), as the suffix of\n\
         {indent}# its files; none, `*`, an empty or malformed header: {default}, the default (no suffix).\n\
         {indent}set {var}.http.{HEADER} = \"\";\n\
         {indent}if ({var}.http.Accept-Language ~ {p}) {{\n\
         {indent}    set {var}.http.{HEADER} = std.tolower(regsub({var}.http.Accept-Language, {all}, \"\\1\"));\n\
         {indent}}}\n",
        default = site.languages[0],
        p = string(&pattern),
        all = string(&format!("{pattern}.*")),
    );
    let mut first = true;
    for (lang, suffix) in site.language_suffixes() {
        let keyword = if first { "if" } else { "} elsif" };
        first = false;
        let _ = writeln!(
            out,
            "{indent}{keyword} ({var}.http.{HEADER} == \"{lang}\") {{\n{indent}    set {var}.http.{HEADER} = \"{suffix}\";"
        );
    }
    let _ = writeln!(
        out,
        "{indent}}} else {{\n{indent}    set {var}.http.{HEADER} = \"\";\n{indent}}}"
    );
    out
}

/// `page`'s headers and body on `beresp`: on a site in several languages, those of the variant
/// in the language `bereq` holds (`choose`); where the page has JSON twins, the twin's for an
/// app (`format::choose`).
pub(super) fn set_page(s: &mut String, site: &EdgeSite, page: &EdgePage, indent: &str) {
    let vary = vary(site, page);
    let languages = site.negotiates(page);
    if page.json.is_empty() {
        set_variant(s, site, &page.variants, languages, &vary, indent);
        return;
    }
    let inner = format!("{indent}    ");
    let _ = writeln!(s, "{indent}if ({}) {{", format::wants_json("bereq"));
    set_variant(s, site, &page.json, languages, &vary, &inner);
    let _ = writeln!(s, "{indent}}} else {{");
    set_variant(s, site, &page.variants, languages, &vary, &inner);
    let _ = writeln!(s, "{indent}}}");
}

/// The headers and body of one of `variants` (a page's, or its twins, the default language
/// first) on `beresp`: the one in `bereq`'s language where `languages`, else the first.
fn set_variant(
    s: &mut String,
    site: &EdgeSite,
    variants: &[Variant],
    languages: bool,
    vary: &str,
    indent: &str,
) {
    let body = |s: &mut String, v: &Variant, indent: &str| {
        set_variant_headers(s, "beresp", vary, v, indent);
        let _ = writeln!(
            s,
            "{indent}set beresp.body = std.fileread({});",
            string(&file_path(site, v))
        );
    };
    if !languages {
        body(s, &variants[0], indent);
        return;
    }
    let inner = format!("{indent}    ");
    let mut keyword = "if";
    for v in &variants[1..] {
        let _ = writeln!(
            s,
            "{indent}{keyword} (bereq.http.{} == \".{}\") {{",
            HEADER, v.lang
        );
        body(s, v, &inner);
        keyword = "} elsif";
    }
    let _ = writeln!(s, "{indent}}} else {{");
    body(s, &variants[0], &inner);
    let _ = writeln!(s, "{indent}}}");
}
