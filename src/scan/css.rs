//! A token-level walk over CSS for `url()`, `@import` and URL strings.

use super::*;

/// Every external reference in `css`; `suffix` ends each context.
pub(super) fn scan(css: &str, suffix: &str) -> Vec<External> {
    let mut scanner = CssScanner {
        css: css.as_bytes(),
        pos: 0,
        suffix,
        functions: Vec::new(),
        after_import: false,
        found: Vec::new(),
    };
    scanner.run();
    scanner.found
}
// ---------------------------------------------------------------------------
// CSS scanner
// ---------------------------------------------------------------------------

/// Functions whose string arguments are image URLs, e.g.
/// `image-set("a.png" 1x, "b.png" 2x)`.
pub(super) const URL_STRING_FUNCTIONS: &[&str] =
    &["image-set", "-webkit-image-set", "image", "src"];

/// A token-level walk over CSS that reports `url()`, `@import` targets and
/// URL strings in `image-set()`. Strings elsewhere (`content: "url(x)"`,
/// `local("Font")`, `format("woff2")`) and comments are skipped.
pub(super) struct CssScanner<'a> {
    css: &'a [u8],
    pos: usize,
    suffix: &'a str,
    /// Names of the open functions, innermost last ("" for a bare `(`).
    functions: Vec<String>,
    /// Just saw `@import`: the next string or `url()` is the imported sheet.
    after_import: bool,
    found: Vec<External>,
}

pub(super) fn is_css_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

pub(super) fn is_css_newline(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\x0c')
}

pub(super) fn is_ident_byte(b: u8) -> bool {
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
