//! Which of a site's languages a request gets, from its `Accept-Language` header: the ranges by
//! preference (RFC 9110 §12.5.4: q-values, the order written for equal ones), each looked up as
//! RFC 4647 §3.4 says (`en-GB` tries `en-gb`, then `en`), the first that finds a language wins.
//! No match, `*`, an empty or malformed header: the default language, never an error. This is
//! the reference every target's negotiation is tested against, and what `planb serve` does.
//!
//! - A range with `q=0` says "not this one": it is never picked, even by truncation.
//! - A malformed part (`;;q=abc`, a range with spaces or digits in its first subtag) is skipped
//!   alone; the rest of the header still counts, as browsers and servers do.
//! - Lookup truncates the range, never the site's tag: a site in `fr-CA` is found by `fr-CA`
//!   (or `fr-CA-x`), not by `fr`. planb's sites list primary tags (`fr`, `en`) in practice.
//!
//! `format` does the same for `Accept`: HTML or the page's JSON twin.

pub mod format;

/// The index in `languages` (the default first) of the language a request asking for `header`
/// gets: 0 when nothing matches.
pub fn pick_language(header: Option<&str>, languages: &[String]) -> usize {
    let Some(header) = header else {
        return 0;
    };
    let ranges = language_ranges(header);
    let refused: Vec<&str> = ranges
        .iter()
        .filter(|(_, q)| *q == 0)
        .map(|(r, _)| r.as_str())
        .collect();
    for (range, q) in &ranges {
        if *q == 0 || range == "*" {
            continue;
        }
        let mut candidate = range.as_str();
        loop {
            if !refused.contains(&candidate)
                && let Some(i) = languages
                    .iter()
                    .position(|l| l.eq_ignore_ascii_case(candidate))
            {
                return i;
            }
            match candidate.rfind('-') {
                // RFC 4647 §3.4: a single-letter subtag left at the end goes with the truncation.
                Some(cut) => {
                    candidate = &candidate[..cut];
                    if candidate.len() >= 2 && candidate.as_bytes()[candidate.len() - 2] == b'-' {
                        candidate = &candidate[..candidate.len() - 2];
                    }
                }
                None => break,
            }
        }
    }
    0
}

/// The language ranges of an `Accept-Language` header, lowercase, by descending q-value and, for
/// equal ones, in the order written; malformed parts left out.
pub fn language_ranges(header: &str) -> Vec<(String, u16)> {
    let mut ranges: Vec<(String, u16)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let range = pieces.next()?.trim().to_ascii_lowercase();
            if !is_range(&range) {
                return None;
            }
            let mut q = 1000;
            for param in pieces {
                let (name, value) = param.split_once('=')?;
                if name.trim().eq_ignore_ascii_case("q") {
                    q = qvalue(value.trim())?;
                }
            }
            Some((range, q))
        })
        .collect();
    // A stable sort keeps the written order among equal q-values.
    ranges.sort_by_key(|(_, q)| std::cmp::Reverse(*q));
    ranges
}

/// `*`, or subtags of 1 to 8 letters and digits joined by `-`, the first letters only.
fn is_range(range: &str) -> bool {
    if range == "*" {
        return true;
    }
    let mut subtags = range.split('-');
    let first = subtags.next().unwrap_or_default();
    (1..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A q-value in thousandths (RFC 9110 §12.4.2: `0`, `1`, `0.5`, `1.000`, at most three decimals).
fn qvalue(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// A regular expression, for servers that can only match one (nginx `map`, Caddy, Varnish),
/// whose group 1 is the range that picks the language: the first range **in the order written**
/// that names one of `languages` (RFC 4647 lookup: `en-GB` finds `en`) with a q-value above 0.
/// It differs from `pick_language` only where a header lists a range before one with a higher
/// q-value (`en;q=0.5, fr;q=0.6` gets `en`): browsers write their ranges by descending q-value,
/// so what they send gets the same language either way. The group holds the tag as written,
/// in any case: match it case-insensitively, and the whole pattern too (nginx `~*`, `(?i)`).
///
/// Only plain syntax that PCRE (nginx, Varnish) and RE2 (Caddy) read alike: a lazy skip over
/// whole ranges, no lookaround, no backreference; and no brace, no quote and no backslash but
/// the one of `\t`, so that it goes as one quoted token into any server's file (Caddy reads a
/// brace as a placeholder even inside quotes).
pub fn first_listed_pattern(languages: &[String]) -> String {
    let tags: Vec<String> = languages.iter().map(|l| l.to_ascii_lowercase()).collect();
    let space = r"[ \t]*";
    // A subtag: 1 to 8 letters or digits.
    let subtag = format!("[a-z0-9]{}", "[a-z0-9]?".repeat(7));
    // 1, 1.0… or 0.001 to 0.999: a q-value above zero, with at most three decimals.
    let q_above_zero = "(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9]))";
    format!(
        "^(?:[^,]*,)*?{space}({tags})(?:-{subtag})*{space}(?:;{space}q{space}={space}{q_above_zero})?{space}(?:,|$)",
        tags = tags.join("|")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| t.to_string()).collect()
    }

    /// What each browser-realistic header of the languages issue gets on a site in fr and en.
    #[test]
    fn each_header_of_the_issue_gets_its_language() {
        let fr_en = site(&["fr", "en"]);
        let cases = [
            (Some("en-GB,en;q=0.9,fr;q=0.8"), "en"),
            (Some("fr-FR,fr;q=0.9"), "fr"),
            (Some("de-DE"), "fr"),
            (Some("es"), "fr"),
            (Some("pt-BR"), "fr"),
            (Some("*"), "fr"),
            (Some(""), "fr"),
            (Some(";;q=abc,,"), "fr"),
            (None, "fr"),
            (Some("EN"), "en"),
            (Some("de;q=1, en;q=0.5"), "en"),
            (Some("en;q=0.5, fr;q=0.6"), "fr"),
            (Some("fr;q=0, en;q=0.1"), "en"),
            (Some("en;q=abc, fr"), "fr"),
            (Some("en;q=0.1, fr;q=0"), "en"),
            (Some("zh-Hant-TW, en-US"), "en"),
        ];
        for (header, wanted) in cases {
            let got = &fr_en[pick_language(header, &fr_en)];
            assert_eq!(got, wanted, "{header:?}");
        }
        // On a site whose default is English, German is found among three.
        let three = site(&["en", "fr", "de"]);
        assert_eq!(three[pick_language(Some("de-CH, fr;q=0.5"), &three)], "de");
    }

    #[test]
    fn ranges_go_by_q_value_then_by_the_order_written() {
        let ranges = language_ranges("fr;q=0.5, en-GB, de;q=0.5, *;q=0.1, it;q=1.0");
        let names: Vec<&str> = ranges.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(names, ["en-gb", "it", "fr", "de", "*"]);
        assert_eq!(ranges[2].1, 500);
    }

    #[test]
    fn malformed_parts_are_skipped_alone() {
        let names = |h: &str| {
            language_ranges(h)
                .into_iter()
                .map(|(r, _)| r)
                .collect::<Vec<_>>()
        };
        assert_eq!(names("en;q=2, fr"), ["fr"]);
        assert_eq!(names("en;q=0.12345, fr"), ["fr"]);
        assert_eq!(names("e n, 12, fr"), ["fr"]);
        assert_eq!(names("toolongtag, fr-x-a"), ["fr-x-a"]);
        assert!(names(";;q=abc,,").is_empty());
    }

    #[test]
    fn lookup_truncates_the_range_and_drops_a_lone_letter() {
        let tags = site(&["fr", "zh-hant"]);
        assert_eq!(pick_language(Some("zh-Hant-CN-x-private"), &tags), 1);
        assert_eq!(
            pick_language(Some("zh"), &tags),
            0,
            "the site's tag is never truncated"
        );
    }

    /// The pattern's language against `pick_language`'s on the issue's headers (the same), and
    /// on the one kind of header where it is documented to differ.
    #[test]
    fn the_first_listed_pattern_agrees_with_lookup_on_browser_headers() {
        let fr_en = site(&["fr", "en"]);
        let pattern = regex::RegexBuilder::new(&first_listed_pattern(&fr_en))
            .case_insensitive(true)
            .build()
            .unwrap();
        let by_pattern = |header: &str| {
            pattern
                .captures(header)
                .and_then(|c| c.get(1))
                .and_then(|m| {
                    fr_en
                        .iter()
                        .position(|l| l.eq_ignore_ascii_case(m.as_str()))
                })
                .unwrap_or(0)
        };
        for header in [
            "en-GB,en;q=0.9,fr;q=0.8",
            "fr-FR,fr;q=0.9",
            "de-DE",
            "es",
            "pt-BR",
            "*",
            "",
            ";;q=abc,,",
            "EN",
            "de;q=1, en;q=0.5",
            "fr;q=0, en;q=0.1",
            "en;q=0.0, fr;q=0.10",
            "en;q=0.000,fr;q=0.001",
            "en;q=abc, fr",
            "en;q=0.1, fr;q=0",
            "zh-Hant-TW, en-US",
            "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7",
            "english, en",
            "en-abcdefghi, fr",
            "en;q=1.0000, fr",
            "de,\ten;\tq=0.5",
            "*, en;q=0.5",
        ] {
            assert_eq!(
                by_pattern(header),
                pick_language(Some(header), &fr_en),
                "{header:?}"
            );
        }
        assert_eq!(by_pattern("en;q=0.5, fr;q=0.6"), 1, "the order written");
        assert_eq!(pick_language(Some("en;q=0.5, fr;q=0.6"), &fr_en), 0);
    }
}
