//! serde's messages in a user's words: an unknown field with a "did you mean", and a type error
//! as what was expected, what was found, and the line to write instead.

/// The closest known name to a mistyped one, for "did you mean" hints.
pub fn did_you_mean<'a>(typo: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(typo, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// serde reports an unknown field as "unknown field `x`, expected one of `a`, `b`": turn that into a
/// message and a "did you mean" hint.
pub fn explain_serde_message(message: &str) -> (String, Option<String>) {
    let message = message.trim();
    let (what, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        ("field", rest)
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        ("value", rest)
    } else {
        return (message.to_owned(), None);
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return (message.to_owned(), None);
    };
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let help = match did_you_mean(field, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None if known.is_empty() => "remove it".to_owned(),
        None => format!("known {what}s: {}", known.join(", ")),
    };
    (format!("unknown {what} `{field}`"), Some(help))
}

/// The whole line of `source` that holds byte `offset`.
pub fn line_at(source: &str, offset: usize) -> &str {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    &source[start..end]
}

/// serde's `invalid type: integer `3`, expected a string` in a user's words, with an example
/// of the line to write: the key is read from the source line the error points at (the text
/// before `=` in TOML, before `:` in YAML, `assign` being that separator with its spaces).
pub fn explain_type(message: &str, line: Option<&str>, assign: &str) -> Option<(String, String)> {
    // serde_yaml_ng puts the key's path first: `budget: invalid type: …`.
    let (_, rest) = message.trim().split_once("invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let (wanted, example) = expected_words(expected);
    let key = line
        .and_then(|l| l.split_once(assign.trim()))
        .map(|(k, _)| k.trim().trim_start_matches('-').trim())
        .filter(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
        });
    let found = found_words(found);
    let message = match key {
        Some(k) => format!("`{k}`: expected {wanted}, found {found}"),
        None => format!("expected {wanted}, found {found}"),
    };
    let help = match key {
        Some(k) => format!(
            "write it as `{k}{assign}{}`",
            key_example(k).unwrap_or(example)
        ),
        None => format!("write {wanted}, e.g. `{example}`"),
    };
    Some((message, help))
}

/// What serde expected, in words, and a value of that kind.
fn expected_words(expected: &str) -> (String, &'static str) {
    let e = expected.trim();
    let number = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    if e == "a string" || e == "a borrowed string" {
        ("text in double quotes".into(), "\"…\"")
    } else if number.contains(&e) || e == "an integer" {
        ("a whole number".into(), "60")
    } else if e == "f32" || e == "f64" || e == "a float" {
        ("a number".into(), "1.5")
    } else if e == "a boolean" {
        ("true or false".into(), "true")
    } else if e == "a sequence" {
        ("a list in square brackets".into(), "[…]")
    } else if e == "a map" || e.starts_with("struct ") {
        ("a table of keys".into(), "{ … }")
    } else {
        (e.to_owned(), "…")
    }
}

/// What the user wrote, as serde names it, in words.
fn found_words(found: &str) -> String {
    let f = found.trim();
    let quoted = |s: &str| s.trim_matches('`').to_owned();
    if let Some(v) = f.strip_prefix("string ") {
        format!("the text {v}")
    } else if let Some(v) = f.strip_prefix("integer ") {
        format!("the number {}", quoted(v))
    } else if let Some(v) = f.strip_prefix("floating point ") {
        format!("the number {}", quoted(v))
    } else if let Some(v) = f.strip_prefix("boolean ") {
        quoted(v)
    } else if f == "sequence" {
        "a list".into()
    } else if f == "map" {
        "a table".into()
    } else {
        f.to_owned()
    }
}

/// The value to show for the keys a site sets most, with what it means.
fn key_example(key: &str) -> Option<&'static str> {
    Some(match key.rsplit('.').next().unwrap_or(key) {
        "retry_after" => "90  # seconds, a whole number",
        "retry_max" => "300  # seconds, a whole number",
        "budget" | "bytes" => "14280  # bytes, a whole number",
        "timeout" => "30  # seconds, a whole number",
        "capacity" => "200  # requests at once, a whole number",
        "max_age" | "stale_while_revalidate" | "stale_if_error" | "s_maxage" => {
            "60  # seconds, a whole number"
        }
        "status" => "503",
        "codes" => "[404, 500, 503]",
        "targets" => "[\"nginx\", \"netlify\"]",
        "name" => "\"Cagette\"",
        "title" => "\"Back in a moment\"",
        "language" => "\"fr\"",
        "color" => "\"#1f5f99\"",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_in_the_users_words() {
        let (m, h) = explain_type(
            "invalid type: string \"90s\", expected u32",
            Some("retry_after = \"90s\""),
            " = ",
        )
        .unwrap();
        assert_eq!(
            m,
            "`retry_after`: expected a whole number, found the text \"90s\""
        );
        assert_eq!(
            h,
            "write it as `retry_after = 90  # seconds, a whole number`"
        );
        let (m, h) = explain_type(
            "invalid type: integer `3`, expected a string",
            Some("name = 3"),
            " = ",
        )
        .unwrap();
        assert_eq!(
            m,
            "`name`: expected text in double quotes, found the number 3"
        );
        assert_eq!(h, "write it as `name = \"Cagette\"`");
        let (m, h) = explain_type(
            "invalid type: string \"x\", expected a sequence",
            Some("  codes: x"),
            ": ",
        )
        .unwrap();
        assert_eq!(
            m,
            "`codes`: expected a list in square brackets, found the text \"x\""
        );
        assert_eq!(h, "write it as `codes: [404, 500, 503]`");
        let (m, _) =
            explain_type("invalid type: integer `3`, expected a string", None, " = ").unwrap();
        assert_eq!(m, "expected text in double quotes, found the number 3");
        assert_eq!(explain_type("unknown field `x`", None, " = "), None);
    }
}
