//! Response headers: what each page must be served with. The manifest lists them, every edge
//! target writes them, and the budget counts them, all from this one place.

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::cache::Policy;
use crate::content::{Kind, Page};
use crate::scan::elements;

/// A page's headers, in the order they are written. A site in several languages says each page's
/// (`Content-Language`, RFC 9110 §8.5): a cache or a client holding two languages of one URL
/// can tell them apart. A site in one language has nothing to tell apart, and saves the bytes.
pub fn for_page(
    page: &Page,
    html: &str,
    policy: &Policy,
    multilingual: bool,
) -> Vec<(String, String)> {
    let mut headers = vec![
        ("Content-Type", "text/html; charset=utf-8".to_owned()),
        ("Cache-Control", policy.header()),
        ("Content-Security-Policy", content_security_policy(html)),
        ("X-Content-Type-Options", "nosniff".to_owned()),
        (
            "Referrer-Policy",
            "strict-origin-when-cross-origin".to_owned(),
        ),
    ];
    // A 503 should say when to come back (RFC 9110 §10.2.3); so should a 429 (RFC 6585 §4).
    if let Some(seconds) = page.retry_after
        && (page.kind == Kind::Overflow || page.status == 503 || page.status == 429)
    {
        headers.push(("Retry-After", seconds.to_string()));
    }
    if multilingual {
        headers.push(("Content-Language", page.lang.clone()));
    }
    headers
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect()
}

/// A strict policy: nothing loads but the page's own inline styles and scripts, allowed by hash
/// (never `unsafe-inline`), and `data:` images and fonts.
pub fn content_security_policy(html: &str) -> String {
    let styles = hashes(&elements::contents(html, "style"));
    let scripts = hashes(&elements::contents(html, "script"));
    let mut policy = vec![
        "default-src 'none'".to_owned(),
        "img-src data:".to_owned(),
        "font-src data:".to_owned(),
    ];
    if !styles.is_empty() {
        policy.push(format!("style-src {styles}"));
    }
    if !scripts.is_empty() {
        policy.push(format!("script-src {scripts}"));
        // The overflow page's script asks the same URL whether the site is back.
        policy.push("connect-src 'self'".to_owned());
    }
    policy.extend([
        "base-uri 'none'".to_owned(),
        "form-action 'self' https:".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]);
    policy.join("; ")
}

/// One policy that allows what each of `policies` allows: each directive with the union of its
/// sources, in order of first appearance (`'none'` dropped where another source joins it). For a
/// static host that serves one URL's headers with another page's body (see
/// `targets::static_hosts`).
pub fn union_of_policies<'a>(policies: impl IntoIterator<Item = &'a str>) -> String {
    let mut directives: Vec<(String, Vec<String>)> = Vec::new();
    for policy in policies {
        for directive in policy.split(';') {
            let mut words = directive.split_whitespace();
            let Some(name) = words.next() else { continue };
            let name = name.to_ascii_lowercase();
            let at = match directives.iter().position(|(n, _)| *n == name) {
                Some(at) => at,
                None => {
                    directives.push((name, Vec::new()));
                    directives.len() - 1
                }
            };
            for source in words {
                if !directives[at].1.iter().any(|s| s == source) {
                    directives[at].1.push(source.to_owned());
                }
            }
        }
    }
    directives
        .into_iter()
        .map(|(name, mut sources)| {
            if sources.len() > 1 {
                sources.retain(|s| s != "'none'");
            }
            std::iter::once(name)
                .chain(sources)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `'sha256-…'` for each distinct text, in order of first appearance.
fn hashes(texts: &[&str]) -> String {
    let mut seen = Vec::new();
    for t in texts {
        let h = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(t.as_bytes()))
        );
        if !seen.contains(&h) {
            seen.push(h);
        }
    }
    seen.join(" ")
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

    #[test]
    fn a_union_of_policies_allows_what_each_allows() {
        let a = "default-src 'none'; style-src 'sha256-a'; base-uri 'none'";
        let b = "default-src 'none'; style-src 'sha256-b' 'sha256-a'; script-src 'sha256-c'; base-uri 'none'";
        assert_eq!(
            union_of_policies([a, b]),
            "default-src 'none'; style-src 'sha256-a' 'sha256-b'; base-uri 'none'; script-src 'sha256-c'"
        );
        assert_eq!(
            union_of_policies(["img-src 'none'", "img-src data:"]),
            "img-src data:"
        );
        assert_eq!(union_of_policies([a]), a);
    }

    #[test]
    fn csp_hashes_inline_elements() {
        // echo -n 'a{}' | openssl dgst -sha256 -binary | base64
        let csp = content_security_policy("<style>a{}</style><p>hi");
        assert!(csp.contains("style-src 'sha256-"), "{csp}");
        assert!(!csp.contains("script-src") && !csp.contains("unsafe-inline"));
        let csp = content_security_policy("<style>a{}</style><script>go()</script>");
        assert!(csp.contains("script-src 'sha256-") && csp.contains("connect-src 'self'"));
    }
}
