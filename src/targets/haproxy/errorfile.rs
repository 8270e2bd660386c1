//! The raw HTTP response HAProxy answers for a page (`errors/*.http`), and whether it fits.
//!
//! Traps avoided: HAProxy sends an errorfile byte for byte, so the file carries its own status
//! line, CRLF line ends and an exact Content-Length; and it keeps the file in one buffer
//! (`tune.bufsize`) that must keep `tune.maxrewrite` free, measured in its internal
//! representation (HTX), not in raw bytes: `htx_size` counts as HAProxy 2.6 does, so the build
//! fails exactly where HAProxy would warn (and truncate).

use std::fmt::Write as _;

use super::variant;
use crate::diag::Diagnostic;
use crate::targets::EdgePage;

/// HAProxy's default `tune.bufsize`.
pub const BUFSIZE: usize = 16_384;
/// HAProxy's default `tune.maxrewrite`: the part of the buffer kept free to rewrite headers.
pub const MAXREWRITE: usize = 1_024;
/// The most an errorfile may take in HAProxy's internal representation (HTX): the buffer, less
/// `tune.maxrewrite`, less HAProxy's own bookkeeping (`struct htx`, 48 bytes, and the slot of
/// one more block, 8 bytes). Past it HAProxy warns at start that the file "runs over the buffer
/// space reserved to headers rewriting" (and truncates a file larger than the buffer).
pub const ERRORFILE_ROOM: usize = BUFSIZE - MAXREWRITE - 48 - 8;

/// The reason phrase of the status line (planb's table has the error statuses only).
fn reason(status: u16) -> &'static str {
    crate::statuses::reason(status).unwrap_or(if status == 200 { "OK" } else { "Error" })
}

/// The complete raw HTTP response HAProxy sends for `page`: status line, the manifest's headers,
/// Content-Length, blank line, body; CRLF line ends.
pub fn raw_response(page: &EdgePage) -> Vec<u8> {
    let served = variant(page);
    let mut head = format!("HTTP/1.1 {} {}\r\n", page.status, reason(page.status));
    for (name, value) in &served.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", served.body.len());
    let mut raw = head.into_bytes();
    raw.extend_from_slice(&served.body);
    raw
}

/// The same response with the body gzipped, for visitors who accept gzip: `finish::gzip_page`, the
/// deterministic gzip that also writes the bundle's `.gz` sibling, so the body is that file byte
/// for byte; `Content-Encoding: gzip` and `Vary: Accept-Encoding` follow the manifest's headers,
/// as the manifest lists them for the `.gz`. It is always smaller than `raw_response`, so it
/// fits wherever that one does.
pub fn gzip_response(page: &EdgePage) -> Vec<u8> {
    let served = variant(page);
    let body = crate::finish::gzip_page(page.kind, &served.body);
    let mut head = format!("HTTP/1.1 {} {}\r\n", page.status, reason(page.status));
    for (name, value) in &served.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(
        head,
        "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut raw = head.into_bytes();
    raw.extend_from_slice(&body);
    raw
}

/// The file of the gzipped response beside `name`: `errors/overflow.http` → `errors/overflow.gz.http`.
pub(super) fn gzip_name(name: &str) -> String {
    format!("{}.gz.http", name.strip_suffix(".http").unwrap_or(name))
}

/// How many bytes HAProxy's internal representation (HTX) of `page`'s response takes, as
/// HAProxy 2.6 counts them: the start line (a 20-byte header, version, code, reason), each header's
/// name and value, 1 byte for the end of headers, the body, and 8 bytes per block (start line,
/// one per header, end of headers, body).
pub fn htx_size(page: &EdgePage) -> usize {
    let served = variant(page);
    let length = served.body.len().to_string();
    let start_line = 20 + "HTTP/1.1".len() + 3 + reason(page.status).len();
    let headers: usize = served
        .headers
        .iter()
        .map(|(n, v)| n.len() + v.len())
        .sum::<usize>()
        + "Content-Length".len()
        + length.len();
    let blocks = 1 + served.headers.len() + 1 + 1 + usize::from(!served.body.is_empty());
    start_line + headers + 1 + served.body.len() + 8 * blocks
}

/// The largest raw response HAProxy takes with this page's status line and headers.
pub fn raw_limit(page: &EdgePage) -> usize {
    let raw = raw_response(page).len();
    (raw + ERRORFILE_ROOM).saturating_sub(htx_size(page))
}

/// The build error when `page`'s response (the file `name`) would not fit HAProxy's buffer.
pub(super) fn size_problem(page: &EdgePage, name: &str) -> Option<Diagnostic> {
    if htx_size(page) <= ERRORFILE_ROOM {
        return None;
    }
    let raw = raw_response(page).len();
    let limit = raw_limit(page);
    Some(
        Diagnostic::new(
            &page.source,
            format!(
                "the page {} is too big for HAProxy: its response ({name}) is {raw} bytes, and HAProxy serves at most {limit} bytes from an errorfile with these headers (tune.bufsize {BUFSIZE} less tune.maxrewrite {MAXREWRITE} and HAProxy's own bookkeeping)",
                page.url
            ),
        )
        .help(format!(
            "make the page at least {} bytes lighter before compression (images and fonts weigh most), or take \"haproxy\" out of `edge.targets`",
            raw - limit
        )),
    )
}

/// The overflow page `name` if `cond`: its gzipped twin for visitors who accept gzip, else as is.
pub(super) fn refusal(name: &str, cond: &str) -> String {
    format!(
        "http-request return errorfile {} if {cond} {{ var(txn.planb_gzip) -m bool }}\n\
         http-request return errorfile {name} if {cond}\n",
        gzip_name(name)
    )
}
