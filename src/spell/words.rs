//! Cutting a text into the words a dictionary can judge. What is not prose is never a word:
//! addresses (`https://…`, `www.…`, `a@b.fr`, `cagette.fr`), `{time}` placeholders, HTML entities,
//! anything holding a digit (`M6`, `20h55`) and acronyms in capitals (`SMS`, `TV`), which
//! dictionaries list unevenly.
//!
//! A word keeps its inner apostrophes and hyphens (`l’accueil`, `aujourd’hui`, `ci-dessous`):
//! the French dictionary knows elisions and compounds whole, and `çi-dessous` must be judged as
//! one word to be suggested `ci-dessous`.

use std::ops::Range;

/// A word of a text: its byte range.
pub type Word = Range<usize>;

/// The words of `text` a dictionary should judge, in order.
pub fn words(text: &str) -> Vec<Word> {
    let skipped = not_prose(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_letter(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i].1;
            let joins =
                is_joiner(c) && chars.get(i + 1).is_some_and(|&(_, n)| is_letter(n)) && i > start;
            if is_letter(c) || joins {
                i += 1;
            } else {
                break;
            }
        }
        let range = chars[start].0..chars.get(i).map_or(text.len(), |&(at, _)| at);
        if judged(&text[range.clone()]) && !skipped.iter().any(|s| overlaps(s, &range)) {
            out.push(range);
        }
    }
    out
}

/// Letters, digits and combining marks (a decomposed `é`) make up words.
fn is_letter(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Characters that join two letters into one word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2011}')
}

/// Whether a dictionary should judge `word`: no digit, not an acronym in capitals.
fn judged(word: &str) -> bool {
    // One pass: this runs on every word.
    let (mut letters, mut capitals) = (0, 0);
    for c in word.chars() {
        if c.is_numeric() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
            capitals += usize::from(c.is_uppercase());
        }
    }
    letters < 2 || capitals != letters
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Byte ranges of `text` that are not prose: addresses, placeholders, entities.
pub fn not_prose(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Only a word holding `.`, `@` or `:` can be an address: the words around those bytes are
    // the only ones looked at (this runs on every text of every page; walking every word cost a
    // sixth of the spell pass).
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes[from..]
        .iter()
        .position(|b| matches!(b, b'.' | b'@' | b':'))
    {
        let at = from + found;
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i);
        let word = &text[start..end];
        let core = word.trim_matches(|c: char| {
            matches!(
                c,
                '(' | ')'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '«'
                    | '»'
                    | '“'
                    | '”'
                    | '"'
                    | '\''
                    | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '.'
            )
        });
        if is_address(core) {
            out.push(start..end);
        }
        from = end.max(at + 1);
    }
    for (open, close) in [('{', '}'), ('&', ';')] {
        let mut from = 0;
        while let Some(i) = text[from..].find(open).map(|i| from + i) {
            let end = text[i..].find(close).map(|j| i + j + 1);
            match end {
                Some(end) if open == '{' || is_entity(&text[i..end]) => {
                    out.push(i..end);
                    from = end;
                }
                _ => from = i + 1,
            }
        }
    }
    out
}

/// `https://…`, `mailto:…`, `www.…`, an e-mail address or a bare domain such as `cagette.fr`.
fn is_address(s: &str) -> bool {
    if s.contains("://") || s.starts_with("www.") || s.starts_with("mailto:") {
        return true;
    }
    if let Some((user, host)) = s.split_once('@') {
        return !user.is_empty() && host.contains('.');
    }
    // Most words hold no dot: they are no domain, and cost nothing more (this runs on every word).
    let Some((first, _)) = s.split_once('.') else {
        return false;
    };
    let tld = s.rsplit('.').next().unwrap_or_default();
    s.split('.')
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && first.chars().all(|c| !c.is_uppercase())
}

/// `word` in lower case, borrowed when it already is (most words): no allocation.
pub fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// `&nbsp;`, `&#8239;`, `&#x202F;`.
fn is_entity(s: &str) -> bool {
    let inner = &s[1..s.len() - 1];
    (2..=10).contains(&inner.len())
        && (inner.chars().all(|c| c.is_ascii_alphanumeric())
            || inner
                .strip_prefix('#')
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_hexdigit() || c == 'x')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(
            cut("Voir çi-dessous, l’accueil d'aujourd’hui -- fin-"),
            ["Voir", "çi-dessous", "l’accueil", "d'aujourd’hui", "fin"]
        );
    }

    #[test]
    fn addresses_numbers_acronyms_and_placeholders_are_not_words() {
        assert_eq!(
            cut(
                "Écrivez à aide@cagette.fr ou sur https://cagette.fr/aide, www.cagette.fr, cagette.fr."
            ),
            ["Écrivez", "à", "ou", "sur"]
        );
        assert_eq!(cut("Vu sur M6 à 20h55 par SMS"), ["Vu", "sur", "à", "par"]);
        assert_eq!(cut("Revenez dans {time}&nbsp;!"), ["Revenez", "dans"]);
        assert_eq!(cut("A word"), ["A", "word"]);
    }
}
