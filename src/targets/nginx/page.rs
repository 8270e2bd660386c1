//! How nginx serves one page: from `edge.root`, with exactly the page's headers. The snippet's
//! locations, the overflow mode and admission's refusals all serve pages this one way.

use std::fmt::Write as _;

use super::language;
use super::quoting::quote;
use super::variant;
use crate::targets::{EdgePage, EdgeSite, Variant};

/// The body of a location that serves `page` from `site.root` with exactly its headers: a
/// location's own `add_header` drops the server's, and no MIME map, charset or expires adds one.
pub fn page_directives(site: &EdgeSite, page: &EdgePage, indent: &str) -> String {
    served(site, page, variant(page), indent)
}

/// The body of the `internal` location of `page`'s JSON twin `twin`: served the same way, with
/// the page's `Vary`, where nginx sends a request that asks for JSON.
pub fn twin_directives(site: &EdgeSite, page: &EdgePage, twin: &Variant, indent: &str) -> String {
    format!("{indent}internal;\n{}", served(site, page, twin, indent))
}

fn served(site: &EdgeSite, page: &EdgePage, variant: &Variant, indent: &str) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        let _ = writeln!(out, "{indent}{text}");
    };
    line(format!("root {};", quote(&site.root)));
    line("# Only the page's own headers: no MIME map, charset or expires to add another.".into());
    line("types { }".into());
    line(format!("default_type {};", quote(variant.content_type())));
    line("charset off;".into());
    line("expires off;".into());
    if site.precompressed {
        line("gzip_static on;".into());
        line("gzip_vary on;".into());
    }
    if let Some(vary) = language::vary(site, page) {
        line(vary);
    }
    for (name, value) in &variant.headers {
        if !name.eq_ignore_ascii_case("Content-Type") {
            line(format!("add_header {name} {} always;", quote(value)));
        }
    }
    out
}
