//! HTML character references in attribute values.

use super::*;
// ---------------------------------------------------------------------------
// Character references
// ---------------------------------------------------------------------------

/// Decodes character references in an attribute value: all numeric ones and
/// the named ones that plausibly appear in URLs. Unknown names stay as
/// written, which is what browsers do too.
pub(super) fn decode_char_refs(value: &str) -> Cow<'_, str> {
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
pub(super) fn decode_one_ref(s: &str) -> Option<(char, usize)> {
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
pub(super) fn decode_numeric_ref(s: &str) -> Option<(char, usize)> {
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
pub(super) fn named_ref(name: &str) -> Option<char> {
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
