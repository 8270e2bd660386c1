//! What httpd's configuration syntax can carry, and how.
//!
//! Measured against the real httpd 2.4 (`tests/edge_apache.rs`): inside a double-quoted argument
//! httpd reads `\"` as `"` and `\\` as `\` (any other backslash stays), so both are escaped;
//! `;`, `{`, `}`, `#`, `%`, spaces and non-ASCII letters are plain text there. Two things are not:
//! - `${NAME}` is replaced by a `Define` or an environment variable on every line, quoted or not,
//!   with no escape (`\${X}` still expands): a root holding `${` is refused;
//! - `<Directory>` reads `*`, `?` and `[…]` as wildcards (and `<DirectoryMatch>`, which could
//!   carry them, refuses `AllowOverride`): a root holding one of them is refused.
//!
//! mod_headers adds its own layer to header values: `%` starts a format specifier (doubled) and a
//! backslash an escape (refused).

use super::SNIPPET;
use crate::config::FILE_NAME;
use crate::diag::{Diagnostic, Diagnostics};
use crate::targets::syntax::{HeaderRules, double_quoted, is_header_name, no_control};

/// A double-quoted httpd argument.
pub fn quote(value: &str) -> String {
    double_quoted(value, &['"', '\\'])
}

/// A header value for mod_headers, which reads `%` as the start of a format specifier.
pub fn header_value(value: &str) -> String {
    quote(&value.replace('%', "%%"))
}

/// A regular expression matching exactly `path` (already `[A-Za-z0-9/._-]`).
pub fn exact(path: &str) -> String {
    format!("^{}$", path.replace('.', "\\."))
}

/// What `Header always set` cannot take as written: `${` starts a configuration variable, a
/// backslash is an escape for mod_headers, and control characters have no place in a header.
pub const HEADERS: HeaderRules = HeaderRules {
    server: "Apache",
    program: "httpd",
    file: SNIPPET,
    name_ok: is_header_name,
    value_ok: |v| !v.contains('$') && !v.contains('\\') && no_control(v),
    interprets: "`$`, a backslash, a control character",
};

/// Characters `<Directory>` reads as wildcards.
const WILDCARDS: [char; 3] = ['*', '?', '['];

/// Why httpd cannot read the pages from `root`, if it cannot.
pub fn root_problems(root: &str) -> Diagnostics {
    let mut problems = Vec::new();
    if root.contains("${") {
        problems.push(root_problem(
            root,
            "httpd replaces `${…}` by a variable on every line of its configuration, quoted or \
             not, and has no escape for it",
            "`${`",
        ));
    }
    if let Some(c) = root.chars().find(|c| WILDCARDS.contains(c)) {
        problems.push(root_problem(
            root,
            &format!("`<Directory>` reads `{c}` as a wildcard (`*`, `?` and `[` are)"),
            "`*`, `?` or `[`",
        ));
    }
    problems
}

fn root_problem(root: &str, why: &str, without: &str) -> Diagnostic {
    Diagnostic::new(
        FILE_NAME,
        format!(
            "`edge.root`: Apache cannot read the pages from `{}`: {why}",
            root
        ),
    )
    .help(format!(
        "set `edge.root` (or build into another output folder) to a path without {without}"
    ))
}
