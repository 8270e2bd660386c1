//! How nginx serves one page: from `edge.root`, with exactly the page's headers. The snippet's
//! locations, the overflow mode and admission's refusals all serve pages this one way.

use std::fmt::Write as _;

use super::language;
use super::quoting::quote;
use super::variant;
use crate::targets::{EdgePage, EdgeSite};

/// The body of a location that serves `page` from `site.root` with exactly its headers: a
/// location's own `add_header` drops the server's, and no MIME map, charset or expires adds one.
pub fn page_directives(site: &EdgeSite, page: &EdgePage, indent: &str) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        let _ = writeln!(out, "{indent}{text}");
    };
    line(format!("root {};", quote(&site.root)));
    line("# Only the page's own headers: no MIME map, charset or expires to add another.".into());
    line("types { }".into());
    line(format!(
        "default_type {};",
        quote(variant(page).content_type())
    ));
    line("charset off;".into());
    line("expires off;".into());
    if site.precompressed {
        line("gzip_static on;".into());
        line("gzip_vary on;".into());
    }
    if site.negotiates(page) {
        line(language::VARY.into());
    }
    for (name, value) in &variant(page).headers {
        if !name.eq_ignore_ascii_case("Content-Type") {
            line(format!("add_header {name} {} always;", quote(value)));
        }
    }
    out
}
