//! Scanning rendered HTML and CSS the way a browser reads them, for every stage that asks a
//! question of the markup: which references would make a browser fetch something other than a
//! `data:` URI (`finish` fails the build on them, `assets` asks of each stylesheet), which start
//! tags a page has and how deep its elements nest (`check`, `finish`), what its inline `<style>`
//! and `<script>` elements hold (`elements`: the budget weighs them, the CSP hashes them). It
//! imports nothing of the pipeline, so any stage may use it without an arrow back up.
//!
//! planb promises pages that are entirely self-contained: opening one must
//! cause no network request at all. The build runs [`find_external`] over every
//! page it writes and fails, naming each offending reference, so a forgotten
//! `<img src="https://…">` cannot slip into a release.
//!
//! The scanner is a small hand-written approximation of the WHATWG HTML
//! tokenizer and the CSS Syntax tokenizer. It follows them where it matters
//! for this question (comments, raw-text elements, attribute quoting,
//! character references, `srcset` parsing, CSS strings and escapes) and
//! otherwise errs on the side of flagging: a false alarm costs the author one
//! look, a miss breaks the promise.
//!
//! Navigations (`<a href>`, `<form action>`, `<link rel=canonical>` …) are
//! not fetches and are never reported. Reported URLs are the attribute value
//! after character references are decoded and surrounding whitespace is
//! trimmed, i.e. what the author wrote before any template escaping.

mod css;
pub mod elements;
mod entities;
mod rules;
#[cfg(test)]
mod tests;
mod tokenizer;

use std::borrow::Cow;

use entities::*;
use rules::*;
use tokenizer::*;

/// One reference to a resource outside the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    /// The URL exactly as written in the page (e.g. "https://cdn.example/x.png" or "logo.png").
    pub url: String,
    /// Where it was found, for the error message, e.g. "<img src>",
    /// "<link rel=stylesheet href>", "<img srcset>", "CSS url() in <style>",
    /// "CSS @import in <style>", "CSS url() in style attribute".
    pub context: String,
}

/// Every external subresource in `html`, in document order.
pub fn find_external(html: &str) -> Vec<External> {
    scan(html, false).found
}

/// A start tag as a browser sees it: lowercased name, attributes with character references
/// decoded (the first of duplicates), for checks on the markup itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl StartTag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// In one pass over `html`: every external subresource (as `find_external`), and how deeply
/// elements nest: start tags minus end tags, void elements and self-closing foreign elements
/// excepted. Unclosed `<p>`s count as still open, which errs on the deep side.
pub fn external_and_depth(html: &str) -> (Vec<External>, usize) {
    let scanner = scan(html, false);
    (scanner.found, scanner.max_depth)
}

/// [`external_and_depth`] and [`start_tags`] in one pass, for `finish`, which asks both of every
/// page.
pub fn external_depth_and_tags(html: &str) -> (Vec<External>, usize, Vec<StartTag>) {
    let scanner = scan(html, true);
    (scanner.found, scanner.max_depth, scanner.tags)
}

/// Every start tag of `html` outside comments and raw text, in document order.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    scan(html, true).tags
}

fn scan(html: &str, collect: bool) -> HtmlScanner<'_> {
    let mut scanner = HtmlScanner {
        html,
        lower: html.to_ascii_lowercase(),
        foreign_depth: 0,
        found: Vec::new(),
        collect,
        tags: Vec::new(),
        depth: 0,
        max_depth: 0,
    };
    scanner.run();
    scanner
}

/// Every external url()/@import in a CSS text (used for `<style>` contents
/// and style attributes, and by other modules on raw stylesheets).
/// `context_suffix` is appended to the context, e.g. "in <style>".
pub fn find_external_in_css(css: &str, context_suffix: &str) -> Vec<External> {
    css::scan(css, context_suffix.trim())
}

// ---------------------------------------------------------------------------
// Which URLs stay inside the page
// ---------------------------------------------------------------------------

/// True when loading `url` needs no network request.
///
/// `allow_fragment` is for element references (SVG `<use href="#icon">`,
/// CSS `fill: url(#gradient)`): those point into the page itself. For an
/// HTML fetch such as `<img src="#x">` a fragment still loads the document
/// URL, so it is reported there.
fn stays_in_page(url: &str, allow_fragment: bool) -> bool {
    is_data_url(url)
        || (allow_fragment && url.starts_with('#'))
        // The empty document every browser has built in; nothing is fetched.
        || url.eq_ignore_ascii_case("about:blank")
}

/// Whether `url` uses the `data:` scheme, judged the way the URL parser does:
/// leading control characters and spaces are dropped, tabs and newlines
/// anywhere are ignored, and the scheme is case-insensitive.
fn is_data_url(url: &str) -> bool {
    let mut chars = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    "data:".chars().all(|expected| {
        chars
            .next()
            .is_some_and(|c| c.eq_ignore_ascii_case(&expected))
    })
}

/// HTML "ASCII whitespace": what the tokenizer and URL attributes trim.
fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn trim_html_space(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && is_html_space(c as u8))
}

/// The URLs of a `srcset` (or `imagesrcset`) value, following the HTML
/// "parse a srcset attribute" steps. A URL runs to the next whitespace, so the
/// commas inside `data:image/png;base64,…` stay part of it; descriptors run
/// to the next comma outside parentheses.
fn srcset_urls(value: &str) -> Vec<&str> {
    let b = value.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (is_html_space(b[i]) || b[i] == b',') {
            i += 1;
        }
        if i >= b.len() {
            return urls;
        }
        let start = i;
        while i < b.len() && !is_html_space(b[i]) {
            i += 1;
        }
        let url = &value[start..i];
        if url.ends_with(',') {
            // "a.png,b.png 2x": trailing commas end the candidate, no descriptors.
            urls.push(url.trim_end_matches(','));
            continue;
        }
        urls.push(url);
        i = skip_descriptors(b, i);
    }
}

/// Skips `srcset` descriptors ("2x", "300w", or future ones with
/// parentheses) up to and including the comma that ends the candidate.
fn skip_descriptors(b: &[u8], mut i: usize) -> usize {
    let mut in_parens = false;
    while i < b.len() {
        match b[i] {
            b'(' => in_parens = true,
            b')' => in_parens = false,
            b',' if !in_parens => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}
