//! The HTML tokenizer: walks a document tag by tag, as a browser's tokenizer would where it
//! matters (comments, raw text, attribute quoting, foreign content), checking each start tag.

use super::*;

/// Walks the document tag by tag, skipping everything a browser would not
/// treat as markup (comments, raw text) and checking each start tag.
pub(super) struct HtmlScanner<'a> {
    pub(super) html: &'a str,
    /// `html` with ASCII letters lowercased. Lowercasing ASCII keeps every
    /// byte offset, so positions found here index `html` too.
    pub(super) lower: String,
    /// How many `<svg>`/`<math>` elements we are inside. There `<x/>` really
    /// closes the element, which matters for `<script/>` and `<style/>`.
    pub(super) foreign_depth: usize,
    pub(super) found: Vec<External>,
    /// Whether to keep every start tag in `tags`.
    pub(super) collect: bool,
    pub(super) tags: Vec<StartTag>,
    /// Elements open now, and the most ever open at once.
    pub(super) depth: usize,
    pub(super) max_depth: usize,
}

/// Elements that never have contents or an end tag.
pub(super) const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A parsed start tag. Names are lowercased; values are raw (character
/// references not yet decoded).
pub(super) struct Tag<'a> {
    pub(super) name: String,
    pub(super) attrs: Vec<(String, &'a str)>,
    pub(super) self_closing: bool,
}

impl Tag<'_> {
    /// The decoded value of the attribute `name`, if present.
    pub(super) fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| decode_char_refs(v))
    }
}

impl<'a> HtmlScanner<'a> {
    pub(super) fn run(&mut self) {
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
    pub(super) fn start_tag(&mut self, lt: usize) -> usize {
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
    pub(super) fn skip_raw_text(&mut self, name: &str, content_start: usize) -> usize {
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
    pub(super) fn find_end_tag(&self, name: &str, from: usize) -> usize {
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
    pub(super) fn end_tag(&mut self, lt: usize) -> usize {
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
pub(super) fn skip_markup_declaration(bytes: &[u8], lt: usize) -> usize {
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
pub(super) fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    find_from(bytes, from, needle).map_or(bytes.len(), |p| p + needle.len())
}

pub(super) fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Parses the tag whose name starts at `name_start` (just after `<` or
/// `</`). Returns the tag and the position after its `>`.
pub(super) fn parse_tag(html: &str, name_start: usize) -> (Tag<'_>, usize) {
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
pub(super) fn parse_attribute(html: &str, start: usize) -> (String, &str, usize) {
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

pub(super) fn skip_html_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_html_space(b[i]) {
        i += 1;
    }
    i
}
