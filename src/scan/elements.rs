//! The contents of a page's inline `<style>` and `<script>` elements: what the budget weighs and
//! what the Content-Security-Policy hashes.

/// The byte range of the contents of the first `<name …>…</name>` element in `html`.
pub fn find(html: &str, name: &str) -> Option<(usize, usize)> {
    let open = find_ascii_ci(html, &format!("<{name}"), 0)?;
    let content_start = open + html[open..].find('>')? + 1;
    let close = find_ascii_ci(html, &format!("</{name}"), content_start).unwrap_or(html.len());
    Some((content_start, close))
}

/// The contents of every `<name>` element, in document order.
pub fn contents<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    ranges(html, name)
        .into_iter()
        .map(|(start, end)| &html[start..end])
        .collect()
}

/// The byte ranges of the contents of every `<name>` element, in document order.
pub fn ranges(html: &str, name: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some((start, end)) = find(&html[offset..], name) {
        found.push((offset + start, offset + end));
        offset += end;
    }
    found
}

/// Case-insensitive search for an ASCII needle, from byte `from`. Jumps from one occurrence of the
/// needle's first byte to the next (`<` here) instead of comparing at every position: this runs
/// over every page, twice.
fn find_ascii_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    let (&first, rest) = n.split_first()?;
    let last_start = h.len().checked_sub(n.len())?;
    let mut i = from;
    while i <= last_start {
        let at = i + h[i..=last_start]
            .iter()
            .position(|b| b.eq_ignore_ascii_case(&first))?;
        if h[at + 1..at + n.len()].eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_element() {
        let html = "<STYLE>a{}</style><p>x<style media=print>b{}</style><script>go()</script>";
        assert_eq!(contents(html, "style"), vec!["a{}", "b{}"]);
        assert_eq!(contents(html, "script"), vec!["go()"]);
        assert!(contents("<p>", "style").is_empty());
        assert!(contents("<styl", "style").is_empty());
        assert_eq!(find_ascii_ci("a<b<Style", "<style", 0), Some(3));
        assert_eq!(find_ascii_ci("<style", "<style", 1), None);
    }
}
