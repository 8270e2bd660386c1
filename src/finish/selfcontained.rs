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

use std::borrow::Cow;

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
    let mut scanner = HtmlScanner {
        html,
        lower: html.to_ascii_lowercase(),
        foreign_depth: 0,
        found: Vec::new(),
    };
    scanner.run();
    scanner.found
}

/// Every external url()/@import in a CSS text (used for `<style>` contents
/// and style attributes, and by other modules on raw stylesheets).
/// `context_suffix` is appended to the context, e.g. "in <style>".
pub fn find_external_in_css(css: &str, context_suffix: &str) -> Vec<External> {
    let mut scanner = CssScanner {
        css: css.as_bytes(),
        pos: 0,
        suffix: context_suffix.trim(),
        functions: Vec::new(),
        after_import: false,
        found: Vec::new(),
    };
    scanner.run();
    scanner.found
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
}

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
        if matches!(tag.name.as_str(), "svg" | "math") && !tag.self_closing {
            self.foreign_depth += 1;
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

// ---------------------------------------------------------------------------
// Which attributes fetch
// ---------------------------------------------------------------------------

/// What an attribute means for self-containment.
enum Rule {
    /// Not a subresource: a navigation, metadata, or nothing at all.
    Ignore,
    /// A single URL the browser fetches.
    Fetch,
    /// A reference to an element (SVG `<use>`, gradients …); `#id` stays in
    /// the page, anything else loads another document.
    Reference,
    /// A `srcset`-style list of candidates, each fetched.
    Srcset,
    /// CSS text that may hold `url()`: `style`, or an SVG presentation
    /// attribute such as `fill="url(#g)"`.
    Css,
    /// `<base href>`: not a fetch itself, but it changes how every relative
    /// URL resolves, so it is always reported.
    Always,
    /// A whole nested document (`<iframe srcdoc>`).
    Document,
}

/// Elements whose legacy `background` attribute loads an image.
const BACKGROUND_ELEMENTS: &[&str] =
    &["body", "table", "thead", "tbody", "tfoot", "tr", "td", "th"];

/// SVG elements whose `href`/`xlink:href` always loads a resource.
const SVG_FETCH_ELEMENTS: &[&str] = &["image", "script", "cursor", "font-face-uri"];

/// SVG elements whose `href`/`xlink:href` names another element, which may
/// live in the page (`#id`) or in another document.
const SVG_REFERENCE_ELEMENTS: &[&str] = &[
    "use",
    "feimage",
    "lineargradient",
    "radialgradient",
    "pattern",
    "filter",
    "textpath",
    "mpath",
    "tref",
    "altglyph",
    "glyphref",
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
    "set",
    "discard",
];

/// SVG presentation attributes that take CSS `url()` values.
const SVG_URL_ATTRIBUTES: &[&str] = &[
    "fill",
    "stroke",
    "filter",
    "mask",
    "clip-path",
    "marker-start",
    "marker-mid",
    "marker-end",
    "cursor",
];

/// `<link rel>` tokens that never fetch anything when the page loads. Any
/// other token (stylesheet, icon, preload, manifest, or one we do not know)
/// is treated as a fetch.
const NON_FETCHING_RELS: &[&str] = &[
    "alternate",
    "appendix",
    "archives",
    "author",
    "bookmark",
    "canonical",
    "chapter",
    "contents",
    "copyright",
    "edit",
    "external",
    "first",
    "glossary",
    "help",
    "index",
    "last",
    "license",
    "me",
    "next",
    "nofollow",
    "noopener",
    "noreferrer",
    "opener",
    "pingback",
    "prev",
    "privacy-policy",
    "search",
    "section",
    "shortlink",
    "start",
    "subsection",
    "tag",
    "terms-of-service",
    "up",
    "webmention",
];

fn rule_for(tag: &Tag, attr: &str) -> Rule {
    let name = tag.name.as_str();
    match (name, attr) {
        (_, "style") => Rule::Css,
        (_, a) if SVG_URL_ATTRIBUTES.contains(&a) => Rule::Css,
        ("base", "href") => Rule::Always,
        ("link", "href") if link_rels(tag).iter().any(|r| is_fetching_rel(r)) => Rule::Fetch,
        ("link", "imagesrcset") if link_rels(tag).iter().any(|r| is_fetching_rel(r)) => {
            Rule::Srcset
        }
        ("img" | "source", "srcset") => Rule::Srcset,
        // `<image>` outside SVG is parsed as `<img>`.
        (
            "img" | "image" | "source" | "script" | "iframe" | "frame" | "embed" | "video"
            | "audio" | "track",
            "src",
        ) => Rule::Fetch,
        ("input", "src") if is_image_input(tag) => Rule::Fetch,
        ("video", "poster") | ("object", "data") | ("html", "manifest") => Rule::Fetch,
        (_, "background") if BACKGROUND_ELEMENTS.contains(&name) => Rule::Fetch,
        ("iframe", "srcdoc") => Rule::Document,
        (_, "href" | "xlink:href") if SVG_FETCH_ELEMENTS.contains(&name) => Rule::Fetch,
        (_, "href" | "xlink:href") if SVG_REFERENCE_ELEMENTS.contains(&name) => Rule::Reference,
        _ => Rule::Ignore,
    }
}

/// The lowercased tokens of a `<link rel>`.
fn link_rels(tag: &Tag) -> Vec<String> {
    tag.get("rel")
        .map(|rel| {
            rel.split(|c: char| c.is_ascii() && is_html_space(c as u8))
                .filter(|t| !t.is_empty())
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .unwrap_or_default()
}

fn is_fetching_rel(rel: &str) -> bool {
    !NON_FETCHING_RELS.contains(&rel)
}

/// Only `<input type=image>` loads its `src`.
fn is_image_input(tag: &Tag) -> bool {
    tag.get("type")
        .is_some_and(|t| trim_html_space(&t).eq_ignore_ascii_case("image"))
}

/// "<img src>", or for links "<link rel=icon href>" so the message says
/// which kind of link it was.
fn attribute_context(tag: &Tag, attr: &str) -> String {
    if tag.name == "link" {
        let rels = link_rels(tag);
        let rel = match rels.len() {
            0 => String::new(),
            1 => format!(" rel={}", rels[0]),
            _ => format!(" rel=\"{}\"", rels.join(" ")),
        };
        return format!("<link{rel} {attr}>");
    }
    format!("<{} {attr}>", tag.name)
}

/// Checks every attribute of a start tag, in the order written.
fn check_tag(tag: &Tag, found: &mut Vec<External>) {
    for (attr, raw) in &tag.attrs {
        let rule = rule_for(tag, attr);
        if matches!(rule, Rule::Ignore) {
            continue;
        }
        // Decode first: `data&#58;…` is a data: URI to the browser.
        let value = decode_char_refs(raw);
        let mut report = |url: &str, allow_fragment: bool| {
            let url = trim_html_space(url);
            if !stays_in_page(url, allow_fragment) {
                found.push(External {
                    url: url.to_string(),
                    context: attribute_context(tag, attr),
                });
            }
        };
        match rule {
            Rule::Ignore => {}
            Rule::Fetch => report(&value, false),
            Rule::Reference => report(&value, true),
            Rule::Srcset => srcset_urls(&value)
                .into_iter()
                .for_each(|url| report(url, false)),
            Rule::Css => {
                let suffix = format!("in {attr} attribute");
                found.extend(find_external_in_css(&value, &suffix));
            }
            Rule::Always => found.push(External {
                url: trim_html_space(&value).to_string(),
                context: attribute_context(tag, attr),
            }),
            Rule::Document => {
                found.extend(find_external(&value).into_iter().map(|e| External {
                    url: e.url,
                    context: format!("{} in <iframe srcdoc>", e.context),
                }));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Character references
// ---------------------------------------------------------------------------

/// Decodes character references in an attribute value: all numeric ones and
/// the named ones that plausibly appear in URLs. Unknown names stay as
/// written, which is what browsers do too.
fn decode_char_refs(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match decode_one_ref(after) {
            Some((ch, used)) => {
                out.push(ch);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the reference that follows an `&`. Returns the character and how
/// many bytes of `s` it spans.
fn decode_one_ref(s: &str) -> Option<(char, usize)> {
    if let Some(numeric) = s.strip_prefix('#') {
        return decode_numeric_ref(numeric).map(|(ch, used)| (ch, used + 1));
    }
    let len = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &s[..len];
    let next = s.as_bytes().get(len).copied();
    if next == Some(b';') {
        return named_ref(name).map(|ch| (ch, len + 1));
    }
    // Without `;` only the legacy names count, and in attributes not before
    // `=`, so a query like `?a=1&lt=2` keeps its `&lt`.
    let legacy = matches!(
        name,
        "amp" | "AMP" | "lt" | "LT" | "gt" | "GT" | "quot" | "QUOT"
    );
    if (legacy || name == "nbsp") && next != Some(b'=') {
        return named_ref(name).map(|ch| (ch, len));
    }
    None
}

/// Decodes `123;` or `x7B;` (the part after `&#`). The `;` is optional.
/// Invalid code points become U+FFFD as in browsers; the Windows-1252
/// remapping of 0x80–0x9F is skipped since it cannot produce `data:`.
fn decode_numeric_ref(s: &str) -> Option<(char, usize)> {
    let (radix, prefix) = match s.as_bytes().first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let mut code: u32 = 0;
    let mut digits = 0;
    for digit in s[prefix..].chars().map_while(|c| c.to_digit(radix)) {
        code = code.saturating_mul(radix).saturating_add(digit);
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    let mut used = prefix + digits;
    if s.as_bytes().get(used) == Some(&b';') {
        used += 1;
    }
    let ch = match code {
        0 => '\u{FFFD}',
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    };
    Some((ch, used))
}

/// The named character references that matter for URLs. Names are
/// case-sensitive, as in HTML.
fn named_ref(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "colon" => ':',
        "sol" => '/',
        "bsol" => '\\',
        "period" => '.',
        "comma" => ',',
        "semi" => ';',
        "num" => '#',
        "quest" => '?',
        "equals" => '=',
        "percnt" => '%',
        "plus" => '+',
        "excl" => '!',
        "commat" => '@',
        "dollar" => '$',
        "ast" | "midast" => '*',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "lowbar" | "UnderBar" => '_',
        "verbar" | "vert" | "VerticalLine" => '|',
        "grave" | "DiacriticalGrave" => '`',
        "Hat" => '^',
        "Tab" => '\t',
        "NewLine" => '\n',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// CSS scanner
// ---------------------------------------------------------------------------

/// Functions whose string arguments are image URLs, e.g.
/// `image-set("a.png" 1x, "b.png" 2x)`.
const URL_STRING_FUNCTIONS: &[&str] = &["image-set", "-webkit-image-set", "image", "src"];

/// A token-level walk over CSS that reports `url()`, `@import` targets and
/// URL strings in `image-set()`. Strings elsewhere (`content: "url(x)"`,
/// `local("Font")`, `format("woff2")`) and comments are skipped.
struct CssScanner<'a> {
    css: &'a [u8],
    pos: usize,
    suffix: &'a str,
    /// Names of the open functions, innermost last ("" for a bare `(`).
    functions: Vec<String>,
    /// Just saw `@import`: the next string or `url()` is the imported sheet.
    after_import: bool,
    found: Vec<External>,
}

fn is_css_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn is_css_newline(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\x0c')
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80
}

impl CssScanner<'_> {
    fn run(&mut self) {
        while let Some(&c) = self.css.get(self.pos) {
            match c {
                b'/' if self.peek(1) == Some(b'*') => self.skip_comment(),
                b'"' | b'\'' => {
                    let s = self.read_string();
                    self.on_string(s);
                }
                b'@' => {
                    self.pos += 1;
                    let name = self.read_ident();
                    self.on_at_keyword(&name);
                }
                b'(' => {
                    self.pos += 1;
                    self.functions.push(String::new());
                    self.after_import = false;
                }
                b')' => {
                    self.pos += 1;
                    self.functions.pop();
                }
                // Function arguments never span these; resetting keeps a
                // stray parenthesis from confusing the rest of the sheet.
                b'{' | b'}' | b';' => {
                    self.pos += 1;
                    self.functions.clear();
                    self.after_import = false;
                }
                c if is_css_space(c) => self.pos += 1,
                _ if self.starts_ident() => {
                    let name = self.read_ident();
                    if self.peek(0) == Some(b'(') {
                        self.pos += 1;
                        self.on_function(&name);
                    } else {
                        self.after_import = false;
                    }
                }
                _ => {
                    self.pos += 1;
                    self.after_import = false;
                }
            }
        }
    }

    fn peek(&self, offset: usize) -> Option<u8> {
        self.css.get(self.pos + offset).copied()
    }

    fn skip_comment(&mut self) {
        self.pos = skip_past(self.css, self.pos + 2, b"*/");
    }

    /// A backslash followed by anything but a newline starts an escape.
    fn at_escape(&self) -> bool {
        self.peek(0) == Some(b'\\') && self.peek(1).is_some_and(|b| !is_css_newline(b))
    }

    fn starts_ident(&self) -> bool {
        self.peek(0).is_some_and(is_ident_byte) || self.at_escape()
    }

    /// Reads an identifier with escapes decoded, so `u\72l(` is `url(`.
    fn read_ident(&mut self) -> String {
        let mut out = Vec::new();
        while let Some(b) = self.peek(0) {
            if self.at_escape() {
                self.read_escape(&mut out);
            } else if is_ident_byte(b) {
                out.push(b);
                self.pos += 1;
            } else {
                break;
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Reads the escape at `pos` (a backslash) into `out`: up to six hex
    /// digits plus one optional whitespace, or the escaped character itself.
    /// A multi-byte character's remaining bytes are copied by the caller.
    fn read_escape(&mut self, out: &mut Vec<u8>) {
        self.pos += 1;
        let hex_len = self.css[self.pos..]
            .iter()
            .take(6)
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if hex_len == 0 {
            if let Some(b) = self.peek(0) {
                out.push(b);
                self.pos += 1;
            }
            return;
        }
        let hex = String::from_utf8_lossy(&self.css[self.pos..self.pos + hex_len]);
        let code = u32::from_str_radix(&hex, 16).unwrap_or(0);
        self.pos += hex_len;
        // One whitespace after a hex escape belongs to it; CRLF counts as one.
        if self.peek(0) == Some(b'\r') && self.peek(1) == Some(b'\n') {
            self.pos += 2;
        } else if self.peek(0).is_some_and(is_css_space) {
            self.pos += 1;
        }
        let ch = match code {
            0 => '\u{FFFD}',
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        };
        out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
    }

    /// Reads a quoted string starting at its opening quote, escapes decoded.
    /// An unescaped newline ends it early, as in CSS.
    fn read_string(&mut self) -> String {
        let quote = self.css[self.pos];
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek(0) {
            if b == quote {
                self.pos += 1;
                break;
            }
            if is_css_newline(b) {
                break;
            }
            if b == b'\\' {
                match self.peek(1) {
                    None => self.pos += 1,
                    // An escaped newline continues the string.
                    Some(b'\r') if self.peek(2) == Some(b'\n') => self.pos += 3,
                    Some(n) if is_css_newline(n) => self.pos += 2,
                    Some(_) => self.read_escape(&mut out),
                }
                continue;
            }
            out.push(b);
            self.pos += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Just after `url(`: reads a quoted or unquoted URL and reports it.
    fn read_url(&mut self) {
        while self.peek(0).is_some_and(is_css_space) {
            self.pos += 1;
        }
        let what = if self.after_import {
            "@import"
        } else {
            "url()"
        };
        self.after_import = false;
        if matches!(self.peek(0), Some(b'"' | b'\'')) {
            let url = self.read_string();
            self.report(&url, what);
            // Whatever follows (modifiers, the `)`) is left to `run`.
            self.functions.push("url".to_string());
            return;
        }
        let mut out = Vec::new();
        while let Some(b) = self.peek(0) {
            if b == b')' {
                self.pos += 1;
                break;
            }
            if self.at_escape() {
                self.read_escape(&mut out);
            } else {
                out.push(b);
                self.pos += 1;
            }
        }
        self.report(&String::from_utf8_lossy(&out), what);
    }

    fn on_function(&mut self, name: &str) {
        let name = name.to_ascii_lowercase();
        if name == "url" {
            self.read_url();
        } else {
            self.after_import = false;
            self.functions.push(name);
        }
    }

    fn on_string(&mut self, s: String) {
        if self.after_import {
            self.after_import = false;
            self.report(&s, "@import");
            return;
        }
        if let Some(function) = self.functions.last()
            && URL_STRING_FUNCTIONS.contains(&function.as_str())
        {
            let what = format!("{function}()");
            self.report(&s, &what);
        }
    }

    fn on_at_keyword(&mut self, name: &str) {
        match name.to_ascii_lowercase().as_str() {
            "import" => self.after_import = true,
            // `@namespace svg url(http://www.w3.org/2000/svg)` names a
            // namespace; nothing is fetched. Skip to the end of the rule.
            "namespace" => {
                self.after_import = false;
                self.pos = skip_past(self.css, self.pos, b";");
            }
            _ => self.after_import = false,
        }
    }

    fn report(&mut self, url: &str, what: &str) {
        let url = url.trim_matches(|c: char| c.is_ascii() && is_css_space(c as u8));
        // `url(#id)` (filters, masks, gradients) points into the page.
        if stays_in_page(url, true) {
            return;
        }
        let context = if self.suffix.is_empty() {
            format!("CSS {what}")
        } else {
            format!("CSS {what} {}", self.suffix)
        };
        self.found.push(External {
            url: url.to_string(),
            context,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (url, context) pairs, for compact assertions.
    fn found(html: &str) -> Vec<(String, String)> {
        find_external(html)
            .into_iter()
            .map(|e| (e.url, e.context))
            .collect()
    }

    fn urls(html: &str) -> Vec<String> {
        find_external(html).into_iter().map(|e| e.url).collect()
    }

    fn one(url: &str, context: &str) -> Vec<(String, String)> {
        vec![(url.to_string(), context.to_string())]
    }

    fn css_urls(css: &str) -> Vec<String> {
        find_external_in_css(css, "in <style>")
            .into_iter()
            .map(|e| e.url)
            .collect()
    }

    const PNG: &str = "data:image/png;base64,iVBORw0KGgo=";

    #[test]
    fn img_src_flagged_and_data_allowed() {
        assert_eq!(
            found(r#"<img src="https://cdn.example/x.png">"#),
            one("https://cdn.example/x.png", "<img src>")
        );
        assert_eq!(
            found(r#"<img src="logo.png" alt="">"#),
            one("logo.png", "<img src>")
        );
        assert!(found(&format!(r#"<img src="{PNG}">"#)).is_empty());
    }

    #[test]
    fn data_uri_scheme_is_case_insensitive() {
        assert!(found(r#"<img src="DATA:image/gif;base64,R0lGOD=">"#).is_empty());
        assert!(found(r#"<img src="Data:image/gif;base64,R0lGOD=">"#).is_empty());
        // Something that merely contains "data:" is not a data URI.
        assert_eq!(urls(r#"<img src="/x/data:y">"#), ["/x/data:y"]);
    }

    #[test]
    fn empty_src_is_flagged() {
        assert_eq!(found(r#"<img src="">"#), one("", "<img src>"));
        assert_eq!(found("<img src>"), one("", "<img src>"));
        assert_eq!(found("<script src=''></script>"), one("", "<script src>"));
    }

    #[test]
    fn attribute_whitespace_is_trimmed() {
        assert!(found(&format!("<img src=\"  \n{PNG}\t \">")).is_empty());
        assert_eq!(urls("<img src=\" a.png \">"), ["a.png"]);
    }

    #[test]
    fn img_srcset_checks_every_candidate() {
        let html = format!(r#"<img srcset="{PNG} 1x, https://x/2.png 2x,b.png 3x" src="{PNG}">"#);
        assert_eq!(
            found(&html),
            vec![
                ("https://x/2.png".to_string(), "<img srcset>".to_string()),
                ("b.png".to_string(), "<img srcset>".to_string()),
            ]
        );
        // The commas inside data URIs do not split candidates.
        let all_data = format!(r#"<img srcset="{PNG} 1x, {PNG} 2x, {PNG} 300w">"#);
        assert!(found(&all_data).is_empty());
    }

    #[test]
    fn srcset_parsing_edge_cases() {
        // As in browsers, only commas after a URL end it: "a,b" is one URL,
        // and the "data:," of "data:, 2x" loses its comma, making "2x" a URL.
        assert_eq!(srcset_urls("a.png,b.png 2x"), ["a.png,b.png"]);
        assert_eq!(srcset_urls("a.png, b.png"), ["a.png", "b.png"]);
        assert_eq!(srcset_urls("data:, 2x"), ["data:", "2x"]);
        assert_eq!(srcset_urls(" a.png  100w ,  b.png"), ["a.png", "b.png"]);
        assert_eq!(srcset_urls("a.png (x, y), b.png"), ["a.png", "b.png"]);
        assert!(srcset_urls(" , ").is_empty());
        assert!(found(r#"<img srcset="">"#).is_empty());
    }

    #[test]
    fn picture_source_src_and_srcset() {
        let html = r#"<picture><source srcset="a.webp 1x" type="image/webp"><img src="data:,"></picture>
            <video><source src="v.mp4"></video>"#;
        assert_eq!(
            found(html),
            vec![
                ("a.webp".to_string(), "<source srcset>".to_string()),
                ("v.mp4".to_string(), "<source src>".to_string()),
            ]
        );
        assert!(found(&format!(r#"<picture><source srcset="{PNG}"></picture>"#)).is_empty());
    }

    #[test]
    fn script_src() {
        assert_eq!(
            found(r#"<script src="app.js"></script>"#),
            one("app.js", "<script src>")
        );
        assert!(found(r#"<script src="data:text/javascript,1"></script>"#).is_empty());
        assert!(found("<script>console.log(1)</script>").is_empty());
    }

    #[test]
    fn link_rels_that_fetch_are_flagged() {
        let rels = [
            "stylesheet",
            "icon",
            "shortcut icon",
            "apple-touch-icon",
            "preload",
            "modulepreload",
            "prefetch",
            "prerender",
            "manifest",
            "mask-icon",
            "preconnect",
            "dns-prefetch",
            "alternate stylesheet",
            "something-new",
        ];
        for rel in rels {
            let html = format!(r#"<link rel="{rel}" href="https://x/r">"#);
            assert_eq!(urls(&html), ["https://x/r"], "rel={rel}");
            let inlined = format!(r#"<link rel="{rel}" href="data:text/css,">"#);
            assert!(found(&inlined).is_empty(), "rel={rel}");
        }
        assert_eq!(
            found(r#"<link href="s.css" rel="StyleSheet">"#),
            one("s.css", "<link rel=stylesheet href>")
        );
        assert_eq!(
            found(r#"<link rel="shortcut icon" href="/favicon.ico">"#),
            one("/favicon.ico", r#"<link rel="shortcut icon" href>"#)
        );
    }

    #[test]
    fn link_rels_that_navigate_are_allowed() {
        let rels = [
            "canonical",
            "alternate",
            "author",
            "license",
            "help",
            "next",
            "prev",
            "search",
            "bookmark",
            "me",
            "ALTERNATE",
        ];
        for rel in rels {
            let html = format!(r#"<link rel="{rel}" href="https://example.com/page">"#);
            assert!(found(&html).is_empty(), "rel={rel}");
        }
        assert!(found(r#"<link href="https://example.com/">"#).is_empty());
    }

    #[test]
    fn link_imagesrcset() {
        let html =
            r#"<link rel=preload as=image imagesrcset="a.png 1x, data:,x 2x" href="data:,">"#;
        assert_eq!(found(html), one("a.png", "<link rel=preload imagesrcset>"));
        let nav = r#"<link rel=alternate imagesrcset="a.png 1x">"#;
        assert!(found(nav).is_empty());
    }

    #[test]
    fn iframe_frame_embed_src() {
        let html = r#"<iframe src="https://yt/x"></iframe><frame src="f.html"><embed src="e.swf">"#;
        assert_eq!(
            found(html),
            vec![
                ("https://yt/x".to_string(), "<iframe src>".to_string()),
                ("f.html".to_string(), "<frame src>".to_string()),
                ("e.swf".to_string(), "<embed src>".to_string()),
            ]
        );
        let allowed = r#"<iframe src="data:text/html,hi"></iframe><iframe src="about:blank"></iframe>
            <frame src="data:text/html,x"><embed src="data:image/svg+xml,x">"#;
        assert!(found(allowed).is_empty());
    }

    #[test]
    fn iframe_srcdoc_is_scanned_as_a_document() {
        let html = r#"<iframe srcdoc="<p>hi</p><img src=&quot;x.png&quot;>"></iframe>"#;
        assert_eq!(found(html), one("x.png", "<img src> in <iframe srcdoc>"));
        let inlined = r#"<iframe srcdoc="<img src='data:,'>"></iframe>"#;
        assert!(found(inlined).is_empty());
    }

    #[test]
    fn object_data() {
        assert_eq!(
            found(r#"<object data="movie.swf"></object>"#),
            one("movie.swf", "<object data>")
        );
        assert!(found(r#"<object data="data:image/svg+xml,<svg/>"></object>"#).is_empty());
    }

    #[test]
    fn video_src_and_poster() {
        assert_eq!(
            found(r#"<video src="v.mp4" poster="p.jpg"></video>"#),
            vec![
                ("v.mp4".to_string(), "<video src>".to_string()),
                ("p.jpg".to_string(), "<video poster>".to_string()),
            ]
        );
        assert!(
            found(r#"<video src="data:video/mp4;base64,AA" poster="data:,"></video>"#).is_empty()
        );
    }

    #[test]
    fn audio_src() {
        assert_eq!(
            found(r#"<audio src="a.mp3" controls></audio>"#),
            one("a.mp3", "<audio src>")
        );
        assert!(found(r#"<audio src="data:audio/mpeg;base64,AA"></audio>"#).is_empty());
    }

    #[test]
    fn track_src() {
        assert_eq!(
            found(r#"<video src="data:,"><track kind=captions src="c.vtt"></video>"#),
            one("c.vtt", "<track src>")
        );
        assert!(found(r#"<track src="data:text/vtt,WEBVTT">"#).is_empty());
    }

    #[test]
    fn input_type_image_src() {
        assert_eq!(
            found(r#"<input type="IMAGE" src="go.png">"#),
            one("go.png", "<input src>")
        );
        assert!(found(r#"<input type=image src="data:,">"#).is_empty());
        // Other input types never load `src`.
        assert!(found(r#"<input type="text" src="go.png">"#).is_empty());
    }

    #[test]
    fn background_attribute() {
        assert_eq!(
            found(
                r#"<body background="bg.gif"><table background='t.gif'><tr><td background=c.gif>"#
            ),
            vec![
                ("bg.gif".to_string(), "<body background>".to_string()),
                ("t.gif".to_string(), "<table background>".to_string()),
                ("c.gif".to_string(), "<td background>".to_string()),
            ]
        );
        assert!(found(r#"<body background="data:image/gif;base64,R0">"#).is_empty());
        // Not an element that loads it.
        assert!(found(r#"<div background="bg.gif">"#).is_empty());
    }

    #[test]
    fn svg_image_href() {
        let html = r#"<svg><image href="a.png"/><image xlink:href="b.png"></image></svg>"#;
        assert_eq!(
            found(html),
            vec![
                ("a.png".to_string(), "<image href>".to_string()),
                ("b.png".to_string(), "<image xlink:href>".to_string()),
            ]
        );
        assert!(found(&format!(r#"<svg><image href="{PNG}"/></svg>"#)).is_empty());
    }

    #[test]
    fn svg_use_allows_fragments_only() {
        assert!(found(r##"<svg><use href="#icon"/><use xlink:href="#i2"/></svg>"##).is_empty());
        assert_eq!(
            found(r##"<svg><use href="sprite.svg#icon"/></svg>"##),
            one("sprite.svg#icon", "<use href>")
        );
        assert_eq!(
            found(r##"<svg><use xlink:href="/s.svg#i"/></svg>"##),
            one("/s.svg#i", "<use xlink:href>")
        );
    }

    #[test]
    fn svg_feimage_href() {
        let html = r##"<svg><filter id=f><feImage href="tex.png"/><feImage xlink:href="#shape"/></filter></svg>"##;
        assert_eq!(found(html), one("tex.png", "<feimage href>"));
        assert!(found(&format!(r#"<svg><feImage href="{PNG}"/></svg>"#)).is_empty());
    }

    #[test]
    fn svg_presentation_attributes_with_url() {
        assert!(found(r##"<svg><rect fill="url(#grad)" filter="url('#f')"/></svg>"##).is_empty());
        assert_eq!(
            found(r##"<svg><rect fill="url(other.svg#g)"/></svg>"##),
            one("other.svg#g", "CSS url() in fill attribute")
        );
    }

    #[test]
    fn style_attribute_url() {
        assert_eq!(
            found(r#"<div style="background: url('bg.png') no-repeat">"#),
            one("bg.png", "CSS url() in style attribute")
        );
        assert!(found(&format!(r#"<div style="background:url({PNG})">"#)).is_empty());
        // The value is entity-decoded before it is read as CSS.
        assert_eq!(
            urls(r#"<div style="background:url(&quot;x.png&quot;)">"#),
            ["x.png"]
        );
    }

    #[test]
    fn style_element_url_forms() {
        let css = r#"
            a { background: url(one.png) }
            b { background: url( 'https://x/y.woff2' ) }
            c { background: url("three.png") }
            d { background: URL(  four.png  ) }
            e { background: url(data:image/png;base64,AAAA) }
            f { background: url('DATA:image/png;base64,AAAA') }
        "#;
        assert_eq!(
            found(&format!("<style>{css}</style>")),
            vec![
                ("one.png".to_string(), "CSS url() in <style>".to_string()),
                (
                    "https://x/y.woff2".to_string(),
                    "CSS url() in <style>".to_string()
                ),
                ("three.png".to_string(), "CSS url() in <style>".to_string()),
                ("four.png".to_string(), "CSS url() in <style>".to_string()),
            ]
        );
        assert!(found("<style>p{background:url(data:image/gif;base64,R0)}</style>").is_empty());
    }

    #[test]
    fn style_element_handles_css_escapes() {
        assert_eq!(css_urls(r"a{background:u\72l(x.png)}"), ["x.png"]);
        assert_eq!(css_urls(r"a{background:url(a\)b.png)}"), ["a)b.png"]);
        assert_eq!(
            css_urls(r#"a{background:url("q\"uote.png")}"#),
            [r#"q"uote.png"#]
        );
        assert!(css_urls(r"a{background:url(d\61 ta:image/png,x)}").is_empty());
        assert!(css_urls(r"a{background:url('\64 ata:,x')}").is_empty());
    }

    #[test]
    fn css_strings_comments_and_other_functions_are_not_urls() {
        let css = r##"
            /* background: url(commented.png) */
            p::before { content: "url(fake.png)" }
            @font-face { src: local("My Font"), url(data:font/woff2;base64,AA) format("woff2") }
            svg { filter: url(#blur); mask: url( "#m" ) }
            .myurl { x: notaurl(y.png) }
        "##;
        assert!(css_urls(css).is_empty(), "{:?}", css_urls(css));
    }

    #[test]
    fn css_import() {
        let css = r#"@import "a.css"; @import url(b.css) screen; @import 'data:text/css,'; @IMPORT url("c.css");"#;
        let found = find_external_in_css(css, "in <style>");
        let pairs: Vec<_> = found
            .iter()
            .map(|e| (e.url.as_str(), e.context.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("a.css", "CSS @import in <style>"),
                ("b.css", "CSS @import in <style>"),
                ("c.css", "CSS @import in <style>"),
            ]
        );
    }

    #[test]
    fn css_namespace_is_not_a_fetch() {
        let css = "@namespace svg url(http://www.w3.org/2000/svg); a{background:url(x.png)}";
        assert_eq!(css_urls(css), ["x.png"]);
    }

    #[test]
    fn css_image_set_strings() {
        let css = r#"a { background-image: image-set("a.png" 1x, url(b.png) 2x, "data:image/png;base64,AA" type("image/png") 3x) }
                     b { background-image: -webkit-image-set('c.png' 1x) }"#;
        let found = find_external_in_css(css, "in <style>");
        let pairs: Vec<_> = found
            .iter()
            .map(|e| (e.url.as_str(), e.context.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("a.png", "CSS image-set() in <style>"),
                ("b.png", "CSS url() in <style>"),
                ("c.png", "CSS -webkit-image-set() in <style>"),
            ]
        );
    }

    #[test]
    fn css_context_suffix() {
        let found = find_external_in_css("a{background:url(x.png)}", "in theme.css");
        assert_eq!(found[0].context, "CSS url() in theme.css");
        let bare = find_external_in_css("a{background:url(x.png)}", "");
        assert_eq!(bare[0].context, "CSS url()");
    }

    #[test]
    fn base_href_is_flagged() {
        assert_eq!(
            found(r#"<base href="https://x/">"#),
            one("https://x/", "<base href>")
        );
        assert!(found(r#"<base target="_blank">"#).is_empty());
    }

    #[test]
    fn navigations_are_allowed() {
        let html = r#"<a href="https://x/">x</a><map><area href="/a" shape=rect></map>
            <form action="/send"><button formaction="/other">go</button></form>
            <meta http-equiv="refresh" content="0; url=https://x/">
            <meta property="og:image" content="https://x/card.png">
            <svg><a href="https://x/"><text>t</text></a></svg>"#;
        assert!(found(html).is_empty(), "{:?}", found(html));
        // A style attribute on a link is still checked.
        assert_eq!(
            urls(r#"<a href="/" style="background:url(i.png)">"#),
            ["i.png"]
        );
    }

    #[test]
    fn fragment_only_img_src_still_loads_the_page() {
        assert_eq!(urls(r##"<img src="#x">"##), ["#x"]);
    }

    #[test]
    fn comments_are_ignored() {
        assert!(found("<!-- <img src=x> -->").is_empty());
        assert!(found("<!--\n<link rel=stylesheet href=a.css>\n--!>").is_empty());
        assert_eq!(urls("<!--><img src=after.png>"), ["after.png"]);
        assert_eq!(urls("<!-- a -- b --><img src=x.png>"), ["x.png"]);
        assert!(found("<!-- unterminated <img src=x>").is_empty());
    }

    #[test]
    fn script_contents_are_not_tags() {
        assert!(found("<script>var s='<img src=x>'</script>").is_empty());
        assert!(found("<SCRIPT>if (a</b) document.write('<img src=x>')</SCRIPT >").is_empty());
        assert_eq!(
            urls("<script>'</scriptx><img src=a>'</script><img src=b>"),
            ["b"]
        );
    }

    #[test]
    fn textarea_title_and_other_raw_text_are_not_tags() {
        let html = "<title><img src=t></title><textarea><img src=x></textarea>\
                    <xmp><img src=y></xmp><noembed><img src=z></noembed>";
        assert!(found(html).is_empty());
        assert!(found("<style>/* <img src=x> */</style>").is_empty());
    }

    #[test]
    fn self_closing_svg_raw_text_elements_do_not_swallow_the_page() {
        assert_eq!(
            urls(r#"<svg><script href="data:,"/><style/></svg><img src="after.png">"#),
            ["after.png"]
        );
    }

    #[test]
    fn character_references_are_decoded() {
        assert!(found(r#"<img src="data&#58;image/png;base64,AA">"#).is_empty());
        assert!(found(r#"<img src="data&#x3A;image/png;base64,AA">"#).is_empty());
        assert!(found(r#"<img src="data&colon;image/png;base64,AA">"#).is_empty());
        assert!(found(r#"<img src="&#100;ata:image/png;base64,AA">"#).is_empty());
        assert_eq!(
            urls(r#"<img src="https:&#x2F;&#x2F;x&#x2F;a.png?a=1&amp;b=2&lt=3&unknown;">"#),
            ["https://x/a.png?a=1&b=2&lt=3&unknown;"]
        );
    }

    #[test]
    fn unquoted_and_single_quoted_attributes() {
        assert_eq!(
            found("<img src=a.png alt=x><img alt='y' src='b.png'/><img src=c.png/>"),
            vec![
                ("a.png".to_string(), "<img src>".to_string()),
                ("b.png".to_string(), "<img src>".to_string()),
                ("c.png/".to_string(), "<img src>".to_string()),
            ]
        );
        assert!(found("<img src=data:image/gif;base64,R0lG alt=x>").is_empty());
        assert_eq!(urls("<img alt = 'a > b' src = x.png >"), ["x.png"]);
    }

    #[test]
    fn uppercase_tag_and_attribute_names() {
        assert_eq!(found(r#"<IMG SRC="X.PNG">"#), one("X.PNG", "<img src>"));
        assert_eq!(
            found(r#"<LINK REL=STYLESHEET HREF=s.css>"#),
            one("s.css", "<link rel=stylesheet href>")
        );
        assert_eq!(urls("<STYLE>a{background:URL(u.png)}</STYLE>"), ["u.png"]);
    }

    #[test]
    fn duplicate_attributes_keep_the_first() {
        assert!(found(r#"<img src="data:," src="x.png">"#).is_empty());
    }

    #[test]
    fn results_are_in_document_order() {
        let html = r#"<html><head><link rel=stylesheet href=1.css><style>a{b:url(2.png)}</style>
            <script src=3.js></script></head><body style="background:url(4.png)">
            <img src=5.png srcset="6.png 2x"></body></html>"#;
        assert_eq!(
            urls(html),
            ["1.css", "2.png", "3.js", "4.png", "5.png", "6.png"]
        );
    }

    #[test]
    fn minified_and_odd_markup() {
        let html = "<!doctype html><html lang=en><meta charset=utf-8><p>a < b<p>1<2\
                    <img src=x.png></html>";
        assert_eq!(urls(html), ["x.png"]);
        assert!(found("<?xml version='1.0'?><p>text</p>").is_empty());
        assert_eq!(urls("</p foo='>'><img src=y.png>"), ["y.png"]);
        assert_eq!(urls("<img src=\"unterminated"), ["unterminated"]);
    }

    #[test]
    fn non_ascii_content_is_handled() {
        let html = "<p>héllo — ✓</p><img alt=\"ünï\" src=\"bild-ä.png\"><style>/*é*/a{b:url(ü.png)}</style>";
        assert_eq!(urls(html), ["bild-ä.png", "ü.png"]);
    }
}
