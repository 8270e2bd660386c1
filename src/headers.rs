//! Response headers: what each page must be served with. The manifest lists them, the edge
//! configurations write them, and the budget counts them, all from this one place.

use crate::content::{Kind, Page};

/// A page's headers, in the order they are written.
pub fn for_page(page: &Page) -> Vec<(String, String)> {
    let mut headers = vec![(
        "Content-Type".to_owned(),
        "text/html; charset=utf-8".to_owned(),
    )];
    // A 503 should say when to come back (RFC 9110 §10.2.3); so should a 429 (RFC 6585 §4).
    if let Some(seconds) = page.retry_after
        && (page.kind == Kind::Overflow || page.status == 503 || page.status == 429)
    {
        headers.push(("Retry-After".to_owned(), seconds.to_string()));
    }
    headers
}

/// Bytes on the wire for the status line and these headers, as HTTP/1.1 writes them.
pub fn wire_size(status: u16, headers: &[(String, String)]) -> usize {
    let reason = crate::statuses::reason(status).unwrap_or("OK");
    let status_line = "HTTP/1.1 000 \r\n".len() + reason.len();
    let fields: usize = headers.iter().map(|(n, v)| n.len() + 2 + v.len() + 2).sum();
    status_line + fields + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_size_counts_crlf() {
        let h = vec![("A".to_owned(), "b".to_owned())];
        // "HTTP/1.1 503 Service Unavailable\r\n" + "A: b\r\n" + "\r\n"
        assert_eq!(wire_size(503, &h), 34 + 6 + 2);
    }
}
