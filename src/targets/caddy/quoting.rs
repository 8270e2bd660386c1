//! What a Caddyfile can carry, and how: every value planb writes is a double-quoted token.
//!
//! The traps this avoids (checked against Caddy 2.6's lexer and `caddy adapt`):
//! - Inside quotes only `\"` is an escape: `\\` stays two backslashes, so a backslash cannot
//!   always be written exactly (before a quote or a brace it changes their meaning): refused.
//! - `{...}` is a placeholder even inside quotes, and braces are unescaped twice on their way:
//!   `import` (which the snippet and the mode files always go through) runs its arguments'
//!   replacer over every token, turning `\{` into `{`, and Caddy's replacer reads `file_server`'s
//!   `root` again at each request. A brace of the root is written `\\{` (two backslashes): one is
//!   taken by each (proved against Caddy 2.6 by `tests/edge_caddy.rs`).
//! - `{$VAR}` is replaced by an environment variable in the raw file, before quotes mean
//!   anything, and no escape stops it (`\{$VAR\}` is replaced too): a root holding `{$` is
//!   refused. Header values cannot hold braces at all (planb's own never do).

use super::{FOLDER, SNIPPET};
use crate::config::FILE_NAME;
use crate::diag::{Diagnostic, Diagnostics};
use crate::targets::EdgeSite;
use crate::targets::syntax::{HeaderRules, check_headers, double_quoted};

const HEADERS: HeaderRules = HeaderRules {
    server: "Caddy",
    program: "caddy",
    file: SNIPPET,
    name_ok: |n| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    },
    value_ok: |v| {
        !v.chars()
            .any(|c| c.is_control() || matches!(c, '{' | '}' | '\\'))
    },
    interprets: "`{`, `}`, a backslash, a control character",
};

/// Every header and the root must fit a Caddyfile; every reason they do not.
pub fn check(site: &EdgeSite) -> Result<(), Diagnostics> {
    let mut problems = check_headers(site, FOLDER, &HEADERS);
    problems.extend(root_problem(&site.root));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Why `root` cannot be written into a Caddyfile, if it cannot.
pub fn root_problem(root: &str) -> Option<Diagnostic> {
    let why = if root.contains('\\') {
        "a backslash, which a Caddyfile's quoted string cannot always carry exactly (`\\\\` stays two backslashes)"
    } else if root.contains("{$") {
        "`{$`, which Caddy replaces with an environment variable before it reads the Caddyfile, even inside quotes"
    } else {
        return None;
    };
    Some(
        Diagnostic::new(
            FILE_NAME,
            format!(
                "`edge.root`: caddy cannot serve the pages from {}: it holds {why}",
                root.escape_debug()
            ),
        )
        .help("set `edge.root` to a folder without it (where the pages are deployed), or build into another output folder (`planb build --out DIR`)"),
    )
}

/// A header value as a Caddyfile token (`check` refused what quoting cannot carry).
pub fn quote(value: &str) -> String {
    double_quoted(value, &['"'])
}

/// The root as `file_server`'s `root` token in an imported file: each brace escaped for the
/// import's replacer and then the request's (`check` refused backslashes, so none is doubled).
pub fn quote_root(root: &str) -> String {
    let braces = root.replace('{', r"\\{").replace('}', r"\\}");
    double_quoted(&braces, &['"'])
}
