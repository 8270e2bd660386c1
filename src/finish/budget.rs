//! The budget: a page's gzip body plus its response headers must fit the first TCP round trip. When
//! it does not, the breakdown says what weighs what, so the fix is obvious.

use std::collections::HashMap;
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

/// An inlined file and what it weighs in the page (every time it appears, added up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heavy {
    /// The file it was made from, as messages show it.
    pub source: String,
    pub raw: usize,
    pub gzip: usize,
}

/// The inlined images, fonts and stylesheets of `html` whose file is known (`origins`: the key of
/// a `data:` URI or a stylesheet's text → its file), heaviest first by gzip bytes, at most `n`.
pub fn heaviest(html: &str, origins: &HashMap<u64, String>, n: usize) -> Vec<Heavy> {
    let mut found: Vec<Heavy> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("data:") {
        let uri = &rest[i..];
        let len = data_uri_len(uri).map_or(5, |(len, _)| len);
        if let Some(source) = origins.get(&crate::render::origin_key(&uri[..len])) {
            add(&mut found, source, part(&uri[..len]));
        }
        rest = &uri[len..];
    }
    // A stylesheet inlined whole in a <style>, weighed without its images and fonts (counted
    // above as their own files).
    for css in crate::scan::elements::contents(html, "style") {
        if let Some(source) = origins.get(&crate::render::origin_key(css)) {
            let p = part(&take_data_uris(css, &mut String::new(), &mut String::new()));
            add(&mut found, source, p);
        }
    }
    found.sort_by(|a, b| b.gzip.cmp(&a.gzip).then(a.source.cmp(&b.source)));
    found.truncate(n);
    found
}

/// Adds `p` to `source`'s weight in `found`.
fn add(found: &mut Vec<Heavy>, source: &str, p: Part) {
    match found.iter_mut().find(|h| h.source == source) {
        Some(h) => {
            h.raw += p.raw;
            h.gzip += p.gzip;
        }
        None => found.push(Heavy {
            source: source.to_owned(),
            raw: p.raw,
            gzip: p.gzip,
        }),
    }
}

/// What ends a `data:` URI that is not an SVG (whose text holds spaces and quotes).
const URI_END: [char; 5] = ['"', '\'', ')', ' ', '>'];

/// An image or font `data:` URI at the start of `uri`: its length, and whether it is a font.
fn data_uri_len(uri: &str) -> Option<(usize, bool)> {
    if uri.starts_with("data:font/") || uri.starts_with("data:application/font") {
        Some((uri.find(URI_END).unwrap_or(uri.len()), true))
    } else if uri.starts_with("data:image/") {
        // SVG data URIs are text with spaces; take them up to the closing quote or paren.
        Some((uri.find(['"', ')']).unwrap_or(uri.len()), false))
    } else {
        None
    }
}

/// Moves every `data:image/…` and `data:font/…` URI out of `text` into `images` or `fonts`.
fn take_data_uris(text: &str, images: &mut String, fonts: &mut String) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("data:") {
        kept.push_str(&rest[..i]);
        let uri = &rest[i..];
        let len = match data_uri_len(uri) {
            Some((len, true)) => {
                fonts.push_str(&uri[..len]);
                len
            }
            Some((len, false)) => {
                images.push_str(&uri[..len]);
                len
            }
            None => {
                let len = uri.find(URI_END).unwrap_or(uri.len());
                kept.push_str(&uri[..len]);
                len
            }
        };
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

/// The share of the gzip body `h` takes, in whole percent.
pub fn share(h: &Heavy, gzip: usize) -> usize {
    h.gzip * 100 / gzip.max(1)
}

/// The message for a page over budget.
pub fn over_budget_message(
    gzip: usize,
    header_bytes: usize,
    server_headers: usize,
    budget: usize,
    b: &Breakdown,
    heavy: &[Heavy],
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
    if !heavy.is_empty() {
        m.push_str("\n    the heaviest inlined files:");
        for h in heavy {
            let _ = write!(
                m,
                "\n      {}: {} bytes, {} gzip ({} % of the gzip body)",
                h.source,
                h.raw,
                h.gzip,
                share(h, gzip)
            );
        }
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
