//! `serve_at`, the one way a page is answered in Caddy's files: by the snippet (each page at its
//! own URL, the errors), the overflow mode file and the schedule's overflow windows.

use std::fmt::Write as _;

use super::quoting::{quote, quote_root};
use super::{language, variant};
use crate::targets::{EdgePage, EdgeSite, Variant};

/// Writes, at `indent` tabs, the directives that answer with `page`: its headers, then
/// `file_server` on `site.root` (with `status` when given; in `handle_errors` the error's own
/// status applies), after a `rewrite` when the request's path is not the page's. A negotiated
/// page answers that way in the visitor's language: one `handle` per variant, its language
/// matched by `vars` (see `language`).
pub fn serve_at(
    out: &mut String,
    indent: usize,
    site: &EdgeSite,
    page: &EdgePage,
    status: Option<u16>,
    rewrite: bool,
) {
    let vary = site.negotiates(page);
    if !(rewrite && vary) {
        let url = page.url.as_str();
        return serve_variant(
            out,
            indent,
            site,
            (variant(page), url),
            status,
            rewrite,
            vary,
        );
    }
    let t = "\t".repeat(indent);
    for (i, v) in page.variants.iter().enumerate() {
        let _ = writeln!(
            out,
            "{t}@planb_language_{i} vars {} {}\n{t}handle @planb_language_{i} {{",
            language::LANGUAGE,
            v.lang
        );
        let url = format!("/{}", v.file);
        serve_variant(out, indent + 1, site, (v, &url), status, true, true);
        let _ = writeln!(out, "{t}}}");
    }
}

/// `serve_at` for one variant at its URL, saying with `Vary` when it was negotiated.
fn serve_variant(
    out: &mut String,
    indent: usize,
    site: &EdgeSite,
    (variant, url): (&Variant, &str),
    status: Option<u16>,
    rewrite: bool,
    vary: bool,
) {
    let t = "\t".repeat(indent);
    if rewrite {
        let _ = writeln!(out, "{t}rewrite * {url}");
    }
    let _ = writeln!(out, "{t}header {{");
    for (name, value) in &variant.headers {
        let _ = writeln!(out, "{t}\t{name} {}", quote(value));
    }
    if vary {
        let _ = writeln!(out, "{t}\tVary \"Accept-Language\"");
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
