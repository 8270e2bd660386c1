//! HTML or JSON, where pages have JSON twins: `vcl_recv` (overflow mode) and `vcl_backend_error`
//! (the application's errors, admission's refusals) each read `Accept` into `X-Planb-Format`,
//! the extension of the file to serve (`.html`, `.json`); the answer is then the twin, in the
//! visitor's language, with its own headers and `Vary: Accept` (so the cache keeps an app's
//! error object apart from a browser's).
//!
//! VCL only matches: JSON when `Accept` matches `negotiate::format::json_pattern` and not
//! `html_pattern`. Against `negotiate::format::wants_json`, the reference: a header ranking HTML
//! below JSON (`text/html;q=0.1, application/json`), or giving JSON another parameter, gets
//! HTML here. The header is planb's, set on every request before anything reads it, and removed
//! before the request goes to the application.

use crate::negotiate::format::{html_pattern, json_pattern};
use crate::targets::EdgeSite;

use super::vcl::string;

/// The header holding the extension of the chosen format's files.
pub const HEADER: &str = "X-Planb-Format";

/// The lines, at `indent`, that set `HEADER` on `var` (`req`, `bereq`) from its `Accept`;
/// nothing on a site without twins.
pub fn choose(site: &EdgeSite, var: &str, indent: &str) -> String {
    if !site.has_twins() {
        return String::new();
    }
    format!(
        "{indent}# HTML or JSON: the JSON twin for an app whose Accept asks for application/json or\n\
         {indent}# application/problem+json (q > 0) and lists no HTML; a browser, `*/*`, none, an empty\n\
         {indent}# or malformed header: HTML, the page.\n\
         {indent}set {var}.http.{HEADER} = \".html\";\n\
         {indent}if ({var}.http.Accept ~ {json} && {var}.http.Accept !~ {html}) {{\n\
         {indent}    set {var}.http.{HEADER} = \".json\";\n\
         {indent}}}\n",
        json = string(&format!("(?i){}", json_pattern())),
        html = string(&format!("(?i){}", html_pattern())),
    )
}

/// The condition under which `var` gets a page's twin.
pub fn wants_json(var: &str) -> String {
    format!("{var}.http.{HEADER} == \".json\"")
}
