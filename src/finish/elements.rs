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
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some((start, end)) = find(&html[offset..], name) {
        found.push(&html[offset + start..offset + end]);
        offset += end;
    }
    found
}

/// Case-insensitive search for an ASCII needle, from byte `from`.
fn find_ascii_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (from..=h.len().checked_sub(n.len())?).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
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
    }
}
