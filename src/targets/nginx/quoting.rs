//! What nginx's configuration syntax can carry, and how: a double-quoted string takes any
//! character once `"` and `\` are escaped (nginx's tokenizer reads `\"` and `\\`), so `;`, `{`,
//! `}`, `#`, spaces and non-ASCII letters are plain text there. A `$` is not: `root` and
//! `add_header` expand variables even inside quotes, and nginx has no escape for it (`\$` still
//! starts a variable: proven in `tests/edge_nginx.rs`), so a root or a header holding one is
//! refused rather than written into a configuration that `nginx -t` rejects.

use super::SNIPPET;
use crate::config::FILE_NAME;
use crate::diag::{Diagnostic, Diagnostics};
use crate::targets::syntax::{HeaderRules, double_quoted, is_header_name, no_control};

/// A double-quoted nginx string.
pub fn quote(value: &str) -> String {
    double_quoted(value, &['"', '\\'])
}

/// What `add_header` cannot take as written: a `$` would start a variable, and control
/// characters have no place in a header.
pub const HEADERS: HeaderRules = HeaderRules {
    server: "nginx",
    program: "nginx",
    file: SNIPPET,
    name_ok: is_header_name,
    value_ok: |v| !v.contains('$') && no_control(v),
    interprets: "`$`, a control character",
};

/// Why nginx cannot read the pages from `root`, if it cannot.
pub fn root_problems(root: &str) -> Diagnostics {
    if !root.contains('$') {
        return Vec::new();
    }
    vec![
        Diagnostic::new(
            FILE_NAME,
            format!(
                "`edge.root`: nginx cannot read the pages from `{}`: its `root` directive takes `$` \
                 as the start of a variable, even inside quotes, and has no escape for it",
                root
            ),
        )
        .help("set `edge.root` (or build into another output folder) to a path without `$`"),
    ]
}
