//! The budget: a page's gzip body plus its response headers must fit the first TCP round trip. When
//! it does not, the breakdown says what weighs what, so the fix is obvious.

use std::fmt::Write as _;

/// Bytes of one part of a page: as written, and gzipped on its own (an estimate of its share).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Part {
    pub raw: usize,
    pub gzip: usize,
}

/// What a page is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Breakdown {
    pub css: Part,
    pub scripts: Part,
    pub images: Part,
    pub fonts: Part,
    /// Markup and words: everything else.
    pub text: Part,
}

/// Splits minified HTML into its parts. Data URIs count as images or fonts wherever they appear
/// (a font inside a `<style>` is a font, not CSS).
pub fn breakdown(html: &str) -> Breakdown {
    let mut css = String::new();
    let mut scripts = String::new();
    let mut images = String::new();
    let mut fonts = String::new();
    let mut text = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let next_style = crate::scan::elements::find(rest, "style");
        let next_script = crate::scan::elements::find(rest, "script");
        let (start, end, is_script) = match (next_style, next_script) {
            (Some(s), Some(j)) if j.0 < s.0 => (j.0, j.1, true),
            (Some(s), _) => (s.0, s.1, false),
            (None, Some(j)) => (j.0, j.1, true),
            (None, None) => (rest.len(), rest.len(), false),
        };
        text.push_str(&rest[..start]);
        let into = if is_script { &mut scripts } else { &mut css };
        into.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    let css = take_data_uris(&css, &mut images, &mut fonts);
    let text = take_data_uris(&text, &mut images, &mut fonts);
    Breakdown {
        css: part(&css),
        scripts: part(&scripts),
        images: part(&images),
        fonts: part(&fonts),
        text: part(&text),
    }
}

/// Moves every `data:image/…` and `data:font/…` URI out of `text` into `images` or `fonts`.
fn take_data_uris(text: &str, images: &mut String, fonts: &mut String) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("data:") {
        kept.push_str(&rest[..i]);
        let uri = &rest[i..];
        let len = uri.find(['"', '\'', ')', ' ', '>']).unwrap_or(uri.len());
        if uri.starts_with("data:font/") || uri.starts_with("data:application/font") {
            fonts.push_str(&uri[..len]);
        } else if uri.starts_with("data:image/") {
            // SVG data URIs are text with spaces; take them up to the closing quote or paren.
            let len = uri.find(['"', ')']).unwrap_or(uri.len());
            images.push_str(&uri[..len]);
            rest = &uri[len..];
            continue;
        } else {
            kept.push_str(&uri[..len]);
        }
        rest = &uri[len..];
    }
    kept.push_str(rest);
    kept
}

fn part(s: &str) -> Part {
    Part {
        raw: s.len(),
        gzip: if s.is_empty() {
            0
        } else {
            super::gzip(s.as_bytes()).len()
        },
    }
}

/// The message for a page over budget.
pub fn over_budget_message(
    gzip: usize,
    header_bytes: usize,
    server_headers: usize,
    budget: usize,
    b: &Breakdown,
) -> String {
    let total = gzip + header_bytes + server_headers;
    let mut m = format!(
        "over budget: {total} bytes > {budget} (gzip body {gzip} + headers {header_bytes} + {server_headers} reserved for server headers)\n    what weighs what (raw bytes, gzip alone):"
    );
    for (name, p) in [
        ("images", b.images),
        ("fonts", b.fonts),
        ("css", b.css),
        ("scripts", b.scripts),
        ("text", b.text),
    ] {
        let _ = write!(m, "\n      {name:<8}{:>9} {:>9}", p.raw, p.gzip);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_parts() {
        let html = "<p>Hi</p><style>a{background:url(data:image/png;base64,AAAA)}@font-face{src:url(data:font/woff2;base64,BBBB)}</style><script>go()</script><img src=\"data:image/svg+xml,%3Csvg a b%3E\">";
        let b = breakdown(html);
        assert_eq!(b.scripts.raw, "go()".len());
        assert_eq!(
            b.images.raw,
            "data:image/png;base64,AAAA".len() + "data:image/svg+xml,%3Csvg a b%3E".len()
        );
        assert_eq!(b.fonts.raw, "data:font/woff2;base64,BBBB".len());
        assert_eq!(b.css.raw, "a{background:url()}@font-face{src:url()}".len());
        assert_eq!(
            b.text.raw,
            "<p>Hi</p><style></style><script></script><img src=\"\">".len()
        );
    }
}
