//! VCL strings, and what Varnish's syntax cannot carry, refused before a line is written.
//!
//! Traps avoided: a VCL string `"..."` has no escapes at all: it cannot hold a `"` (nor a line
//! break); a long string `{"..."}` holds anything but `"}`, which ends it (Varnish's own lexer,
//! `vcc_Lexer`). So a value with a `"` (a root `/srv/"Été"`, a header value) is written as a long
//! string, any other as a plain string, and only a value holding `"}` is refused: for
//! `edge.root`, with a message naming it and the way out. One more trap: the reason given to
//! `return (fail(...))` is a printf format in the generated C, so its `%` are doubled.

use std::fmt::Write as _;

use super::{FOLDER, variant};
use crate::diag::{Diagnostic, Diagnostics};
use crate::targets::syntax::{self, HeaderRules};
use crate::targets::{EdgePage, EdgeSite, Variant};

/// What ends a long string.
const LONG_STRING_END: &str = "\"}";

/// `value` as a VCL string literal: `"value"`, or `{"value"}` when it holds a `"`. Only for a
/// value `quotable` accepts.
pub(super) fn string(value: &str) -> String {
    if value.contains('"') {
        format!("{{\"{value}\"}}")
    } else {
        syntax::double_quoted(value, &[])
    }
}

/// `reason` as the argument of `return (fail(...))`: Varnish hands it to `VRT_fail` as a printf
/// format (a `%f` of a root `/srv/50%fr` would not even compile), so each `%` is doubled.
pub(super) fn fail_reason(reason: &str) -> String {
    string(&reason.replace('%', "%%"))
}

/// Whether `string` can carry `value`.
pub(super) fn quotable(value: &str) -> bool {
    !value.contains(LONG_STRING_END) && syntax::no_control(value)
}

/// Every header is written as `set resp.http.Name = <string>;`.
const HEADERS: HeaderRules = HeaderRules {
    server: "Varnish",
    program: "Varnish",
    file: "planb.vcl",
    name_ok: syntax::is_header_name,
    value_ok: quotable,
    interprets: "`\"}`, which ends a VCL long string, or a control character",
};

/// Every reason the site cannot be written into VCL.
pub(super) fn problems(site: &EdgeSite) -> Diagnostics {
    let mut problems = syntax::check_headers(site, FOLDER, &HEADERS);
    problems.extend(root_problem(&site.root));
    problems.extend(site.pages.iter().filter_map(url_problem));
    problems
}

/// `edge.root` (the output folder's `public/` by default) is read by `std.fileread` from a
/// string: one holding `"}` cannot be written.
fn root_problem(root: &str) -> Option<Diagnostic> {
    if quotable(root) {
        return None;
    }
    Some(
        Diagnostic::new(
            crate::config::FILE_NAME,
            format!(
                "`edge.root`: `{}` contains `\"}}`, which Varnish cannot read in a VCL string: the varnish target cannot name the pages' files",
                root.escape_debug()
            ),
        )
        .help("set `edge.root` to where public/ lives on the server, or build into another folder"),
    )
}

/// URLs and file names are planb's own (letters, digits, `/._-`) and written into regular
/// expressions and strings as they are: anything else is planb's bug.
fn url_problem(page: &EdgePage) -> Option<Diagnostic> {
    let plain = |v: &str| {
        v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    };
    if plain(&page.url) && plain(&variant(page).file) {
        return None;
    }
    Some(Diagnostic::new(
        &variant(page).file,
        format!(
            "planb bug: the page {} cannot be written into a VCL configuration",
            page.url.escape_debug()
        ),
    ))
}

/// The reason phrase of the status line (planb's table has the error statuses only).
pub(super) fn reason(status: u16) -> &'static str {
    crate::statuses::reason(status).unwrap_or(if status == 200 { "OK" } else { "Error" })
}

/// Where `variant`'s file is on the server.
pub(super) fn file_path(site: &EdgeSite, variant: &Variant) -> String {
    format!("{}/{}", site.root.trim_end_matches('/'), variant.file)
}

/// The `Vary` of `page`'s answers and its twin's: empty where nothing is negotiated.
pub(super) fn vary(site: &EdgeSite, page: &EdgePage) -> String {
    site.varies_on(page).join(", ")
}

/// `variant`'s headers on `var`, and `Vary: vary` unless it is empty.
pub(super) fn set_variant_headers(
    s: &mut String,
    var: &str,
    vary: &str,
    variant: &Variant,
    indent: &str,
) {
    for (name, value) in &variant.headers {
        let _ = writeln!(s, "{indent}set {var}.http.{name} = {};", string(value));
    }
    if !vary.is_empty() {
        let _ = writeln!(s, "{indent}set {var}.http.Vary = \"{vary}\";");
    }
}
