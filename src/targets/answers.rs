//! What a visitor gets from a target at the URLs that need no failing application: the facts
//! `planb verify` checks a deployed edge against. Each target states its own (they differ: nginx
//! serves a page at its own URL with 200, Caddy with the page's status), and the edge tests run
//! `planb verify` against the real program in every mode, so a fact here that the program does
//! not keep fails there.

/// The status a page gets when requested at its own URL (`/_planb/errors/503.html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnUrl {
    /// Always 200: the file, served as a file.
    Ok,
    /// The landing page 200, every other page its own status (the 503 page 503).
    PageStatus,
}

/// A target's answers, as data.
#[derive(Debug, Clone, Copy)]
pub struct Answers {
    /// Whether it serves every file of `public/` (a static host), or only the pages under
    /// `edge.prefix`, the rest of the URLs being the application's (a server in front of one).
    pub whole_public: bool,
    /// What a page requested at its own URL gets, in normal and landing mode.
    pub own_url: OwnUrl,
    /// Whether an unknown URL beside the pages (under `edge.prefix`) gets the 404 page with 404
    /// rather than going to the application.
    pub not_found_under_prefix: bool,
    /// The status of the home's redirect to the landing page, in landing mode.
    pub landing_redirect: u16,
}

impl Answers {
    /// What the server targets in front of an application answer, as most of them do.
    pub const SERVER: Answers = Answers {
        whole_public: false,
        own_url: OwnUrl::Ok,
        not_found_under_prefix: true,
        landing_redirect: 302,
    };

    /// What HAProxy and Varnish answer: each page at its own URL with its own status, and an
    /// unknown URL under the prefix left to the application, as any other URL.
    pub const PAGE_STATUS_PREFIX_OPEN: Answers = Answers {
        own_url: OwnUrl::PageStatus,
        not_found_under_prefix: false,
        ..Answers::SERVER
    };
}
