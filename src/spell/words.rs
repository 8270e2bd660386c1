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
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    let acronym = letters >= 2 && capitals == letters;
    !acronym && !word.chars().any(char::is_numeric)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Byte ranges of `text` that are not prose: addresses, placeholders, entities.
pub fn not_prose(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let word = chunk.trim_end();
        let core = word.trim_matches(|c: char| "()[]<>«»“”\"',;:!?.".contains(c));
        if is_address(core) {
            out.push(at..at + word.len());
        }
        at += chunk.len();
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
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
        && labels[0].chars().all(|c| !c.is_uppercase())
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
