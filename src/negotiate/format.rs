//! Whether a request gets a page's JSON twin (RFC 9457 problem details) or its HTML, from its
//! `Accept` header: the reference every target's negotiation is tested against, and what
//! `planb serve` does.
//!
//! JSON when the header accepts `application/json` or `application/problem+json` (q above 0)
//! with a higher q-value than it gives HTML (`text/html` or `text/*`; 0 when it lists neither).
//! So an app's `application/json, text/plain, */*` gets JSON, and a browser's
//! `text/html,…,*/*;q=0.8`, a bare `*/*`, no header, an empty or malformed one get HTML, the
//! answer for a visitor. `*/*` takes both, so it never tips the choice: on a tie, HTML.
//! A malformed part (`;;q=abc`) is skipped alone, as `Accept-Language`'s are.

/// The media types of the JSON twin, as a client may ask for it.
const JSON_TYPES: [&str; 2] = ["application/json", "application/problem+json"];

/// Whether a request whose `Accept` is `header` gets the JSON twin.
pub fn wants_json(header: Option<&str>) -> bool {
    let Some(header) = header else {
        return false;
    };
    let mut json = 0;
    let mut html = 0;
    for (range, q) in media_ranges(header) {
        if JSON_TYPES.contains(&range.as_str()) {
            json = json.max(q);
        } else if range == "text/html" || range == "text/*" {
            html = html.max(q);
        }
    }
    json > html
}

/// The media ranges of an `Accept` header, lowercase, with their q-values in thousandths (1000
/// when none is given), in the order written; malformed parts left out.
fn media_ranges(header: &str) -> Vec<(String, u16)> {
    header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let range = pieces.next()?.trim().to_ascii_lowercase();
            let (kind, sub) = range.split_once('/')?;
            if !is_token(kind) || !is_token(sub) {
                return None;
            }
            let mut q = 1000;
            for param in pieces {
                let (name, value) = param.split_once('=')?;
                if name.trim().eq_ignore_ascii_case("q") {
                    q = super::qvalue(value.trim())?;
                }
            }
            Some((range, q))
        })
        .collect()
}

/// An RFC 9110 token: what a type or subtype is made of.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A regular expression that matches an `Accept` header accepting the JSON twin: one of its two
/// types, alone or with a q-value above 0 as its only parameter. For servers that can only
/// match (nginx `map`, Caddy, Varnish, Apache): they give JSON when it matches and
/// `html_pattern` does not. That differs from `wants_json` where a header ranks HTML below JSON
/// (`text/html;q=0.1, application/json`: HTML) or gives JSON another parameter
/// (`application/json; charset=utf-8`: HTML); what apps and browsers send gets the same answer.
/// Match it case-insensitively. The same plain syntax as `first_listed_pattern`: no brace,
/// no quote, no lookaround, no backslash but `\t`'s.
pub fn json_pattern() -> String {
    let space = r"[ \t]*";
    let q_above_zero = "(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9]))";
    format!(
        "(?:^|,){space}application/(?:problem[+])?json{space}(?:;{space}q{space}={space}{q_above_zero}{space})?(?:,|$)"
    )
}

/// A regular expression that matches an `Accept` header listing HTML (`text/html` or
/// `text/*`, with any parameters): such a request gets HTML whatever else it lists.
pub fn html_pattern() -> String {
    r"(?:^|,)[ \t]*text/(?:html|[*])[ \t]*(?:[;,]|$)".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the issue's clients send, and the edge cases of the rule.
    pub const CASES: [(Option<&str>, bool); 22] = [
        (Some("application/json"), true),
        (Some("application/problem+json"), true),
        (Some("application/json, text/plain, */*"), true),
        (Some("Application/JSON"), true),
        (Some("application/json;q=0.9, */*;q=0.1"), true),
        (
            Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            false,
        ),
        (
            Some(
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
            ),
            false,
        ),
        (Some("*/*"), false),
        (Some(""), false),
        (None, false),
        (Some(";;q=abc,,"), false),
        (Some("application/json;q=0"), false),
        (Some("application/json;q=0.000"), false),
        (Some("application/json;q=abc"), false),
        (Some("text/html, application/json"), false),
        (Some("application/json, text/html"), false),
        (Some("text/*, application/json"), false),
        (Some("text/plain, application/json"), true),
        (Some("application/jsonp"), false),
        (Some("application/json-seq"), false),
        (Some("application/problem+json;q=0.001"), true),
        (Some("image/png,\tapplication/json ;\tq=0.5"), true),
    ];

    #[test]
    fn each_client_gets_its_format() {
        for (header, json) in CASES {
            assert_eq!(wants_json(header), json, "{header:?}");
        }
        // Where the reference ranks by q-value and the patterns cannot.
        assert!(wants_json(Some("text/html;q=0.1, application/json")));
        assert!(wants_json(Some("application/json; charset=utf-8")));
    }

    /// The patterns give what `wants_json` gives on every case, and differ where documented.
    #[test]
    fn the_patterns_agree_with_the_reference() {
        let compile = |p: String| {
            regex::RegexBuilder::new(&p)
                .case_insensitive(true)
                .build()
                .unwrap()
        };
        let (json, html) = (compile(json_pattern()), compile(html_pattern()));
        let by_patterns = |h: &str| json.is_match(h) && !html.is_match(h);
        for (header, wanted) in CASES {
            assert_eq!(by_patterns(header.unwrap_or("")), wanted, "{header:?}");
        }
        assert!(!by_patterns("text/html;q=0.1, application/json"));
        assert!(!by_patterns("application/json; charset=utf-8"));
        for p in [json_pattern(), html_pattern()] {
            assert!(!p.contains(['{', '}', '"', '\'']), "{p}");
        }
    }
}
