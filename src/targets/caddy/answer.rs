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
    let vary = language::vary(site, page);
    let vary = vary.as_deref();
    if !(rewrite && vary.is_some()) {
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
    if !site.negotiates(page) {
        return serve_format(out, indent, site, page, 0, status, vary);
    }
    let t = "\t".repeat(indent);
    for (i, v) in page.variants.iter().enumerate() {
        let _ = writeln!(
            out,
            "{t}@planb_language_{i} vars {} {}\n{t}handle @planb_language_{i} {{",
            language::LANGUAGE,
            v.lang
        );
        serve_format(out, indent + 1, site, page, i, status, vary);
        let _ = writeln!(out, "{t}}}");
    }
}

/// The `i`-th variant of `page`, or its JSON twin for a request that asks for JSON: a `handle`
/// each, the twin's matched with `vars` (one matcher holding two `vars` would match either).
fn serve_format(
    out: &mut String,
    indent: usize,
    site: &EdgeSite,
    page: &EdgePage,
    i: usize,
    status: Option<u16>,
    vary: Option<&str>,
) {
    let v = &page.variants[i];
    let url = format!("/{}", v.file);
    let Some(twin) = page.json.get(i) else {
        return serve_variant(out, indent, site, (v, &url), status, true, vary);
    };
    let t = "\t".repeat(indent);
    let _ = writeln!(
        out,
        "{t}@planb_json_{i} vars {} json\n{t}handle @planb_json_{i} {{",
        language::FORMAT
    );
    let twin_url = format!("/{}", twin.file);
    serve_variant(out, indent + 1, site, (twin, &twin_url), status, true, vary);
    let _ = writeln!(out, "{t}}}\n{t}handle {{");
    serve_variant(out, indent + 1, site, (v, &url), status, true, vary);
    let _ = writeln!(out, "{t}}}");
}

/// `serve_at` for one variant at its URL, saying with `Vary` what it was chosen by.
fn serve_variant(
    out: &mut String,
    indent: usize,
    site: &EdgeSite,
    (variant, url): (&Variant, &str),
    status: Option<u16>,
    rewrite: bool,
    vary: Option<&str>,
) {
    let t = "\t".repeat(indent);
    if rewrite {
        let _ = writeln!(out, "{t}rewrite * {url}");
    }
    let _ = writeln!(out, "{t}header {{");
    for (name, value) in &variant.headers {
        let _ = writeln!(out, "{t}\t{name} {}", quote(value));
    }
    if let Some(by) = vary {
        let _ = writeln!(out, "{t}\tVary {}", quote(by));
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
