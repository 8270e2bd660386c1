//! Typography a visitor notices, by language, each finding with the replacement `check --fix`
//! writes when the rule is certain:
//!
//! - French: a no-break space before `; : ! ?` and inside `« »`, so that the sign never starts
//!   a line alone. `--fix` writes a narrow one (U+202F); a full one (U+00A0, the Imprimerie
//!   nationale's choice before `:`) is accepted too. Times (`20:55`), chains (`?!`) and
//!   emoticons are left alone.
//! - French and English: typographic apostrophes (`l’accueil`, `don’t`) and quotes (`« … »`,
//!   `“…”`); a straight quote that cannot be told opening from closing is reported without a fix.
//! - Every language: a word written twice (`le le`), except the few a language doubles
//!   on purpose (`nous nous`, `had had`).
//!
//! Offsets are bytes of the text checked; `words::not_prose` ranges (addresses, entities) are
//! never judged, so `https:` and `&nbsp;` raise nothing.

use std::ops::Range;

use super::words::{Word, not_prose};

/// The narrow no-break space `--fix` writes.
pub const NARROW: char = '\u{202f}';

/// One typography problem in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The bytes underlined, and replaced when there is a fix.
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
    /// What replaces `range`, when the rule is certain.
    pub replacement: Option<String>,
}

/// The issues of `text` in `lang` (a primary subtag); `before` is the character the text
/// follows in its file (`**Vraiment**?` checks `?` against `t`), `words` its words.
pub fn check(text: &str, lang: &str, before: Option<char>, words: &[Word]) -> Vec<Issue> {
    let skipped = not_prose(text);
    let prose = |i: usize| !skipped.iter().any(|r| r.contains(&i));
    let mut out = Vec::new();
    if lang == "fr" {
        out.extend(french_spaces(text, before, &prose));
    }
    if lang == "fr" || lang == "en" {
        out.extend(apostrophes(text, &prose));
        out.extend(quotes(text, lang, &prose));
    }
    out.extend(doubled(text, lang, words));
    out.sort_by_key(|i| i.range.start);
    out
}

fn is_no_break(c: char) -> bool {
    c == '\u{a0}' || c == NARROW
}

fn french_spaces(text: &str, before: Option<char>, prose: &dyn Fn(usize) -> bool) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        // The signs first: `prose` is a search, and this runs on every character.
        if !matches!(c, ';' | ':' | '!' | '?' | '«' | '»') || !prose(i) {
            continue;
        }
        let prev_at = text[..i].char_indices().next_back();
        let prev = prev_at.map(|(_, p)| p).or(before);
        let next = text[i + c.len_utf8()..].chars().next();
        let end = i + c.len_utf8();
        match c {
            ';' | ':' | '!' | '?' => {
                let Some(p) = prev else { continue };
                let emoticon =
                    next.is_some_and(|n| ")(-PpDd".contains(n)) && (p == ' ' || prev_at.is_none());
                if is_no_break(p)
                    || "!?;:".contains(p)
                    || p.is_whitespace() && p != ' '
                    || (c == ':'
                        && (p.is_ascii_digit() || next.is_some_and(|n| n.is_ascii_digit())))
                    || emoticon
                {
                    continue;
                }
                let (range, replacement) = match prev_at {
                    Some((at, ' ')) => (at..end, format!("{NARROW}{c}")),
                    _ if p == ' ' => (i..end, c.to_string()),
                    _ => (i..end, format!("{NARROW}{c}")),
                };
                // A space before the text itself is not ours to replace.
                let fix = (p != ' ' || prev_at.is_some()).then_some(replacement);
                out.push(Issue {
                    range,
                    message: format!(
                        "French typography: `{c}` takes a no-break space before it, so that it never starts a line"
                    ),
                    help: "write a narrow no-break space (U+202F) before it; `planb check --fix` does".into(),
                    replacement: fix,
                });
            }
            '«' if !next.is_some_and(is_no_break) => {
                let (range, replacement) = match next {
                    Some(' ') => (i..end + 1, format!("«{NARROW}")),
                    _ => (i..end, format!("«{NARROW}")),
                };
                out.push(guillemet(range, "«", "after", replacement));
            }
            '»' if !prev.is_some_and(is_no_break) => {
                let (range, replacement) = match prev_at {
                    Some((at, ' ')) => (at..end, format!("{NARROW}»")),
                    _ => (i..end, format!("{NARROW}»")),
                };
                out.push(guillemet(range, "»", "before", replacement));
            }
            _ => {}
        }
    }
    out
}

fn guillemet(range: Range<usize>, sign: &str, side: &str, replacement: String) -> Issue {
    Issue {
        range,
        message: format!("French typography: `{sign}` takes a no-break space {side} it"),
        help: "write a narrow no-break space (U+202F); `planb check --fix` does".into(),
        replacement: Some(replacement),
    }
}

/// A straight `'` between two letters: `l'accueil`, `don't`.
fn apostrophes(text: &str, prose: &dyn Fn(usize) -> bool) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('\'') {
        let prev = text[..i].chars().next_back();
        let next = text[i + 1..].chars().next();
        if !prose(i)
            || !prev.is_some_and(char::is_alphabetic)
            || !next.is_some_and(char::is_alphabetic)
        {
            continue;
        }
        let word_start = text[..i]
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(at, c)| at + c.len_utf8());
        let word_end = text[i + 1..]
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(text.len(), |(at, _)| i + 1 + at);
        out.push(Issue {
            range: i..i + 1,
            message: format!(
                "typography: a straight apostrophe in `{}`",
                &text[word_start..word_end]
            ),
            help: "write the typographic apostrophe ’; `planb check --fix` does".into(),
            replacement: Some("’".into()),
        });
    }
    out
}

/// Straight `"` quotes, paired in the text: `"oui"` → `« oui »` in French, `“yes”` in English.
fn quotes(text: &str, lang: &str, prose: &dyn Fn(usize) -> bool) -> Vec<Issue> {
    let marks: Vec<usize> = text
        .match_indices('"')
        .map(|(i, _)| i)
        .filter(|&i| prose(i))
        .collect();
    let help = if lang == "fr" {
        "write « … » with narrow no-break spaces inside; `planb check --fix` does"
    } else {
        "write “…”; `planb check --fix` does"
    };
    let paired = marks.len().is_multiple_of(2);
    marks
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let opening = n.is_multiple_of(2);
            let replacement = paired.then(|| quote_fix(text, i, opening, lang));
            let (range, with) = match replacement {
                Some((range, with)) => (range, Some(with)),
                None => (i..i + 1, None),
            };
            Issue {
                range,
                message: "typography: straight quotes".into(),
                help: help.into(),
                replacement: with,
            }
        })
        .collect()
}

/// The range and replacement of the quote at `i`: French takes the space next to it in.
fn quote_fix(text: &str, i: usize, opening: bool, lang: &str) -> (Range<usize>, String) {
    match (lang, opening) {
        ("fr", true) => {
            let end = if text[i + 1..].starts_with(' ') {
                i + 2
            } else {
                i + 1
            };
            (i..end, format!("«{NARROW}"))
        }
        ("fr", false) => {
            let start = if text[..i].ends_with(' ') { i - 1 } else { i };
            (start..i + 1, format!("{NARROW}»"))
        }
        (_, true) => (i..i + 1, "“".into()),
        (_, false) => (i..i + 1, "”".into()),
    }
}

/// Words a language writes twice on purpose.
fn doubled_on_purpose(lang: &str, word: &str) -> bool {
    match lang {
        "fr" => matches!(word, "nous" | "vous"),
        "en" => matches!(word, "that" | "had"),
        _ => false,
    }
}

/// `le le`: the same word twice, one space apart.
fn doubled(text: &str, lang: &str, words: &[Word]) -> Vec<Issue> {
    words
        .windows(2)
        .filter(|w| {
            let (a, b) = (&text[w[0].clone()], &text[w[1].clone()]);
            // Compared without allocating: this runs on every pair of neighbouring words.
            let lower = |s: &'_ str| s.chars().flat_map(char::to_lowercase).collect::<String>();
            &text[w[0].end..w[1].start] == " "
                && a.chars()
                    .flat_map(char::to_lowercase)
                    .eq(b.chars().flat_map(char::to_lowercase))
                && !doubled_on_purpose(lang, &lower(a))
        })
        .map(|w| Issue {
            range: w[0].end..w[1].end,
            message: format!("`{}` is written twice", &text[w[1].clone()]),
            help: "remove the second; `planb check --fix` does".into(),
            replacement: Some(String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spell::words::words;

    fn fixed(text: &str, lang: &str) -> String {
        let mut out = text.to_owned();
        let issues = check(text, lang, None, &words(text));
        for issue in issues.iter().rev() {
            if let Some(with) = &issue.replacement {
                out.replace_range(issue.range.clone(), with);
            }
        }
        out
    }

    #[test]
    fn french_punctuation_gets_its_no_break_space() {
        let n = NARROW;
        assert_eq!(
            fixed("Prêt ? Oui! Non ; voici :", "fr"),
            format!("Prêt{n}? Oui{n}! Non{n}; voici{n}:")
        );
        assert_eq!(fixed("« Bonjour»", "fr"), format!("«{n}Bonjour{n}»"));
        assert_eq!(fixed("l'accueil", "fr"), "l’accueil");
        assert_eq!(
            fixed("dit \"oui\" enfin", "fr"),
            format!("dit «{n}oui{n}» enfin")
        );
    }

    #[test]
    fn correct_french_times_chains_and_addresses_raise_nothing() {
        let text = "À 20:55\u{a0}? Vraiment\u{202f}?! Voir https://cagette.fr et &nbsp; ok :)";
        assert_eq!(check(text, "fr", None, &words(text)), []);
    }

    #[test]
    fn english_quotes_apostrophes_and_doubled_words() {
        assert_eq!(
            fixed("Don't say \"the the\" twice", "en"),
            "Don’t say “the” twice"
        );
        let text = "Prêt ? I had had enough";
        assert_eq!(check(text, "en", None, &words(text)), []);
    }

    #[test]
    fn an_odd_quote_is_reported_without_a_fix() {
        let text = "a \"b";
        let issues = check(text, "en", None, &words(text));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].replacement, None);
    }
}
