//! Strings in lighttpd's configuration and in the Lua scripts mod_magnet runs.
//!
//! lighttpd's tokenizer knows one escape only: `\"` stands for `"`; every other backslash is kept
//! as written (proven by `tests/edge_lighttpd.rs` with a root full of quotes and backslashes).
//! So a backslash just before a quote of the value is written as is, and the quote escaped; but a
//! value that ends in a backslash cannot be written at all: its `\` would escape the closing
//! quote. Nothing else is interpreted in a string (no `$`, no `%`, no variables).

/// `value` as a double-quoted lighttpd string, or `None` when lighttpd cannot read it back.
pub fn config_string(value: &str) -> Option<String> {
    if value.ends_with('\\') || value.chars().any(char::is_control) {
        return None;
    }
    Some(crate::targets::syntax::double_quoted(value, &['"']))
}

/// `value` as a double-quoted Lua string: `\` and `"` escaped, control characters (none reach
/// here, but a script must never break) as decimal escapes; other bytes, UTF-8 included, as is.
pub fn lua_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\{b:03}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
