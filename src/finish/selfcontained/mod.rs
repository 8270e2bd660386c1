//! Finds references in rendered HTML that would make a browser fetch
//! something other than a `data:` URI.
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
mod entities;
mod rules;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use entities::*;
use rules::*;

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

/// How deeply elements nest in `html`: start tags minus end tags, void elements and self-closing
/// foreign elements excepted. Unclosed `<p>`s count as still open, which errs on the deep side.
pub fn nesting_depth(html: &str) -> usize {
    scan(html, false).max_depth
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

// ---------------------------------------------------------------------------
// HTML tokenizer
// ---------------------------------------------------------------------------

/// Walks the document tag by tag, skipping everything a browser would not
/// treat as markup (comments, raw text) and checking each start tag.
struct HtmlScanner<'a> {
    html: &'a str,
    /// `html` with ASCII letters lowercased. Lowercasing ASCII keeps every
    /// byte offset, so positions found here index `html` too.
    lower: String,
    /// How many `<svg>`/`<math>` elements we are inside. There `<x/>` really
    /// closes the element, which matters for `<script/>` and `<style/>`.
    foreign_depth: usize,
    found: Vec<External>,
    /// Whether to keep every start tag in `tags`.
    collect: bool,
    tags: Vec<StartTag>,
    /// Elements open now, and the most ever open at once.
    depth: usize,
    max_depth: usize,
}

/// Elements that never have contents or an end tag.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A parsed start tag. Names are lowercased; values are raw (character
/// references not yet decoded).
struct Tag<'a> {
    name: String,
    attrs: Vec<(String, &'a str)>,
    self_closing: bool,
}

impl Tag<'_> {
    /// The decoded value of the attribute `name`, if present.
    fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| decode_char_refs(v))
    }
}

impl<'a> HtmlScanner<'a> {
    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        let mut pos = 0;
        while let Some(offset) = bytes[pos..].iter().position(|&b| b == b'<') {
            let lt = pos + offset;
            pos = match bytes.get(lt + 1) {
                Some(b'!') => skip_markup_declaration(bytes, lt),
                // `<?xml …>` and the like are bogus comments in HTML.
                Some(b'?') => skip_past(bytes, lt, b">"),
                Some(b'/') => self.end_tag(lt),
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                // A lone `<` is just text.
                _ => lt + 1,
            };
        }
    }

    /// Handles the start tag at `lt` and returns where scanning resumes.
    fn start_tag(&mut self, lt: usize) -> usize {
        let (tag, end) = parse_tag(self.html, lt + 1);
        check_tag(&tag, &mut self.found);
        if self.collect {
            self.tags.push(StartTag {
                name: tag.name.clone(),
                attrs: tag
                    .attrs
                    .iter()
                    .map(|(n, v)| (n.clone(), decode_char_refs(v).into_owned()))
                    .collect(),
            });
        }
        if matches!(tag.name.as_str(), "svg" | "math") && !tag.self_closing {
            self.foreign_depth += 1;
        }
        let closed = VOID_ELEMENTS.contains(&tag.name.as_str())
            || (tag.self_closing && self.foreign_depth > 0);
        if !closed {
            self.depth += 1;
            self.max_depth = self.max_depth.max(self.depth);
        }
        // In SVG/MathML `<script/>` is complete; in HTML the slash is ignored
        // and raw text still follows.
        if tag.self_closing && self.foreign_depth > 0 {
            return end;
        }
        self.skip_raw_text(&tag.name, end)
    }

    /// Skips the contents of elements whose text is not markup, so that
    /// `<script>var s='<img src=x>'</script>` is not taken for an image.
    /// `<style>` contents are scanned as CSS instead. `<noscript>` is
    /// deliberately scanned: it renders when scripting is off.
    fn skip_raw_text(&mut self, name: &str, content_start: usize) -> usize {
        match name {
            "style" => {
                let close = self.find_end_tag(name, content_start);
                let css = &self.html[content_start..close];
                self.found.extend(find_external_in_css(css, "in <style>"));
                close
            }
            "script" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes" => {
                self.find_end_tag(name, content_start)
            }
            // Everything after `<plaintext>` is text.
            "plaintext" => self.html.len(),
            _ => content_start,
        }
    }

    /// Position of the `</name` that closes a raw-text element (it must be
    /// followed by whitespace, `/` or `>`), or the end of the document.
    fn find_end_tag(&self, name: &str, from: usize) -> usize {
        let needle = format!("</{name}");
        let mut at = from;
        while let Some(offset) = self.lower[at..].find(&needle) {
            let candidate = at + offset;
            match self.lower.as_bytes().get(candidate + needle.len()) {
                None => return candidate,
                Some(&b) if is_html_space(b) || b == b'/' || b == b'>' => return candidate,
                _ => at = candidate + needle.len(),
            }
        }
        self.html.len()
    }

    /// Skips the end tag (or bogus comment) at `lt`, tracking foreign content.
    fn end_tag(&mut self, lt: usize) -> usize {
        let bytes = self.html.as_bytes();
        match bytes.get(lt + 2) {
            Some(c) if c.is_ascii_alphabetic() => {
                // Parsed like a start tag so a quoted `>` does not end it early.
                let (tag, end) = parse_tag(self.html, lt + 2);
                if matches!(tag.name.as_str(), "svg" | "math") {
                    self.foreign_depth = self.foreign_depth.saturating_sub(1);
                }
                self.depth = self.depth.saturating_sub(1);
                end
            }
            Some(b'>') => lt + 3,
            // `</ ` and friends are bogus comments.
            _ => skip_past(bytes, lt, b">"),
        }
    }
}

/// Skips `<!…` at `lt`: a comment, a CDATA section or a doctype/bogus comment.
fn skip_markup_declaration(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt..];
    if rest.starts_with(b"<!--") {
        let body = lt + 4;
        let tail = &bytes[body..];
        // `<!-->` and `<!--->` are complete (empty) comments.
        if tail.starts_with(b">") {
            return body + 1;
        }
        if tail.starts_with(b"->") {
            return body + 2;
        }
        // `--!>` also ends a comment; take whichever comes first.
        let dashes = find_from(bytes, body, b"-->").map(|p| p + 3);
        let bang = find_from(bytes, body, b"--!>").map(|p| p + 4);
        return match (dashes, bang) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(bytes.len()),
        };
    }
    if rest.starts_with(b"<![CDATA[") {
        return skip_past(bytes, lt, b"]]>");
    }
    skip_past(bytes, lt, b">")
}

/// Position just after the first `needle` at or after `from`, or the end.
fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    find_from(bytes, from, needle).map_or(bytes.len(), |p| p + needle.len())
}

fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Parses the tag whose name starts at `name_start` (just after `<` or
/// `</`). Returns the tag and the position after its `>`.
fn parse_tag(html: &str, name_start: usize) -> (Tag<'_>, usize) {
    let b = html.as_bytes();
    let mut i = name_start;
    while i < b.len() && !is_html_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = Tag {
        name: html[name_start..i].to_ascii_lowercase(),
        attrs: Vec::new(),
        self_closing: false,
    };
    loop {
        // Whitespace and stray slashes separate attributes; a slash right
        // before `>` makes the tag self-closing.
        let mut slash = false;
        while i < b.len() && (is_html_space(b[i]) || b[i] == b'/') {
            slash = b[i] == b'/';
            i += 1;
        }
        match b.get(i) {
            None => return (tag, i),
            Some(b'>') => {
                tag.self_closing = slash;
                return (tag, i + 1);
            }
            Some(_) => {}
        }
        let (name, value, next) = parse_attribute(html, i);
        // Browsers keep the first of duplicate attributes and drop the rest.
        if !tag.attrs.iter().any(|(n, _)| *n == name) {
            tag.attrs.push((name, value));
        }
        i = next;
    }
}

/// Parses one attribute starting at `start`: returns its lowercased name, its
/// raw value ("" when it has none) and the position after it.
fn parse_attribute(html: &str, start: usize) -> (String, &str, usize) {
    let b = html.as_bytes();
    // The first character belongs to the name even if it is `=`.
    let mut i = start + 1;
    while i < b.len() && !is_html_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut j = skip_html_space(b, i);
    if b.get(j) != Some(&b'=') {
        return (name, "", i);
    }
    j = skip_html_space(b, j + 1);
    match b.get(j) {
        Some(&quote @ (b'"' | b'\'')) => {
            let open = j + 1;
            match b[open..].iter().position(|&c| c == quote) {
                Some(len) => (name, &html[open..open + len], open + len + 1),
                None => (name, &html[open..], b.len()),
            }
        }
        _ => {
            let mut end = j;
            while end < b.len() && !is_html_space(b[end]) && b[end] != b'>' {
                end += 1;
            }
            (name, &html[j..end], end)
        }
    }
}

fn skip_html_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_html_space(b[i]) {
        i += 1;
    }
    i
}
