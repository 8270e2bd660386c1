//! What every server syntax needs once: a double-quoted string with its own escapes, and the check
//! that every header of every page can be written into it. Each target says which characters its
//! syntax cannot carry; the loop, the message and the file it points at are the same everywhere.

use super::folder::Folder;
use super::site::{EdgePage, EdgeSite};
use crate::diag::{Diagnostic, Diagnostics};

/// `value` between double quotes, with a backslash before each character of `escaped`.
pub fn double_quoted(value: &str, escaped: &[char]) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if escaped.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A header name every syntax takes as a bare word: letters, digits and `-`.
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// What a syntax refuses in headers, and how it says so.
pub struct HeaderRules {
    /// The target as users know it: "nginx", "Apache".
    pub server: &'static str,
    /// The program that reads the file: "nginx", "httpd".
    pub program: &'static str,
    /// The file the headers would be written into, for the message.
    pub file: &'static str,
    /// Whether the syntax can carry this header name.
    pub name_ok: fn(&str) -> bool,
    /// Whether the syntax can carry this header value.
    pub value_ok: fn(&str) -> bool,
    /// What the syntax would interpret, for the message: "`$`, a control character".
    pub interprets: &'static str,
}

/// One problem per header of any variant of any page that `rules` refuses.
pub fn check_headers(site: &EdgeSite, folder: Folder, rules: &HeaderRules) -> Diagnostics {
    let mut problems = Vec::new();
    for page in &site.pages {
        for (name, value) in page.variants.iter().flat_map(|v| &v.headers) {
            if !(rules.name_ok)(name) || !(rules.value_ok)(value) {
                problems.push(header_problem(page, name, folder, rules));
            }
        }
    }
    problems
}

fn header_problem(page: &EdgePage, name: &str, folder: Folder, rules: &HeaderRules) -> Diagnostic {
    Diagnostic::new(
        folder.path(rules.file),
        format!(
            "{} cannot send the header `{}` of {}: its name or value has a character {} would interpret ({})",
            rules.server,
            name.escape_debug(),
            page.url,
            rules.program,
            rules.interprets
        ),
    )
}

/// No control character: none has a place in a header or a path.
pub fn no_control(value: &str) -> bool {
    !value.chars().any(char::is_control)
}
