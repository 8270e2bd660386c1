//! `serve_at`, the one way a page is answered in Caddy's files: by the snippet (each page at its
//! own URL, the errors), the overflow mode file and the schedule's overflow windows.

use std::fmt::Write as _;

use super::quoting::{quote, quote_root};
use super::variant;
use crate::targets::{EdgePage, EdgeSite};

/// Writes, at `indent` tabs, the directives that answer with `page`: its headers, then
/// `file_server` on `site.root` (with `status` when given; in `handle_errors` the error's own
/// status applies), after a `rewrite` when the request's path is not the page's.
pub fn serve_at(
    out: &mut String,
    indent: usize,
    site: &EdgeSite,
    page: &EdgePage,
    status: Option<u16>,
    rewrite: bool,
) {
    let t = "\t".repeat(indent);
    if rewrite {
        let _ = writeln!(out, "{t}rewrite * {}", page.url);
    }
    let _ = writeln!(out, "{t}header {{");
    for (name, value) in &variant(page).headers {
        let _ = writeln!(out, "{t}\t{name} {}", quote(value));
    }
    let _ = writeln!(out, "{t}}}");
    let _ = writeln!(out, "{t}file_server {{");
    let _ = writeln!(out, "{t}\troot {}", quote_root(&site.root));
    if let Some(s) = status {
        let _ = writeln!(out, "{t}\tstatus {s}");
    }
    if site.precompressed {
        let _ = writeln!(out, "{t}\tprecompressed br gzip");
    }
    let _ = writeln!(out, "{t}\tdisable_canonical_uris");
    let _ = writeln!(out, "{t}}}");
}
