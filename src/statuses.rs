//! The standard HTTP 4xx and 5xx statuses: each one's canonical English reason phrase (RFC 9110 and
//! the RFCs registered with IANA), and the built-in texts a visitor reads for it.
//!
//! The reason phrases stay here, as a compact table: they are protocol, not prose (ASCII, the same
//! in every language, written into status lines by targets), and this table is the list of codes
//! planb knows. The titles, texts and advice are data, one file per language: `[status.CODE]` in
//! the default theme's `i18n/<lang>.toml`, loaded by `crate::texts` (`texts::lookup`).

/// Every code in the table, ascending.
pub fn codes() -> impl Iterator<Item = u16> {
    REASONS.iter().map(|&(code, _)| code)
}

/// Canonical reason phrase, None for codes not in the table.
pub fn reason(code: u16) -> Option<&'static str> {
    REASONS
        .binary_search_by_key(&code, |&(code, _)| code)
        .ok()
        .map(|index| REASONS[index].1)
}

/// Sorted by code (checked by the tests; `reason` relies on it).
const REASONS: &[(u16, &str)] = &[
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Content Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (418, "I'm a teapot"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Content"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (510, "Not Extended"),
    (511, "Network Authentication Required"),
];
