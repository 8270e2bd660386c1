//! What a visitor gets from a target at the URLs that need no failing application: the facts
//! `planb verify` checks a deployed edge against. Each target states its own (they differ: nginx
//! serves a page at its own URL with 200, Caddy with the page's status), and the edge tests run
//! `planb verify` against the real program in every mode (the static hosts' engines, `netlify
//! dev` and `wrangler pages dev`, for theirs), so a fact here that the program does not keep
//! fails there.

/// The status a page gets when requested at its own URL (`/_planb/errors/503.html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnUrl {
    /// Always 200: the file, served as a file.
    Ok,
    /// The landing page 200, every other page its own status (the 503 page 503).
    PageStatus,
}

/// What an unknown URL gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// It goes to the application, as any other URL: verify asks none.
    Application,
    /// Under `edge.prefix`, the prefix's 404 page with 404 (elsewhere, the application's).
    PrefixNotFound,
    /// Anywhere, the site's top-level `404.html` with 404: a static host.
    SiteNotFound,
}

/// What overflow mode answers at every URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    /// The overflow page (or the 503 page) with its own status and headers.
    Page,
    /// Something verify cannot hold to the manifest, and why (the bundle's way out, if any).
    Unverifiable(&'static str),
}

/// Which of the answers that stand for the application a target gives in the visitor's
/// language (`Accept-Language`), on a site in several: what `planb verify` asks once per
/// language besides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Negotiates {
    /// The 404 page an unknown URL under the prefix gets.
    pub not_found: bool,
    /// The home's redirect to the landing page, in landing mode.
    pub landing: bool,
    /// Overflow mode's page, at any URL.
    pub overflow: bool,
    /// Whether those of them that are error or overflow pages are the page's JSON twin
    /// (`problem.rs`) for a request whose `Accept` asks for JSON (`negotiate::format`), in the
    /// language picked as above.
    pub json: bool,
}

impl Negotiates {
    pub const ALL: Negotiates = Negotiates {
        not_found: true,
        landing: true,
        overflow: true,
        json: false,
    };
    /// All of it, each error and overflow answer also as its JSON twin for an app.
    pub const ALL_AND_JSON: Negotiates = Negotiates {
        json: true,
        ..Negotiates::ALL
    };
    pub const NONE: Negotiates = Negotiates {
        not_found: false,
        landing: false,
        overflow: false,
        json: false,
    };
}

/// A target's answers, as data.
#[derive(Debug, Clone, Copy)]
pub struct Answers {
    /// Whether it serves every file of `public/` (a static host), or only the pages under
    /// `edge.prefix`, the rest of the URLs being the application's (a server in front of one).
    pub whole_public: bool,
    /// What a page requested at its own URL gets, in normal and landing mode.
    pub own_url: OwnUrl,
    /// What an unknown URL gets, in normal and landing mode.
    pub unknown: Unknown,
    /// The status of the home's redirect to the landing page, in landing mode.
    pub landing_redirect: u16,
    /// Whether pages are asked, and redirected to, without `.html` (`/_planb/landing`): the
    /// static hosts serve them there, and Cloudflare Pages redirects the `.html` URL to it.
    pub pretty_urls: bool,
    /// A header the platform sets itself on every 404, whatever the bundle says, and its value.
    pub not_found_header: Option<(&'static str, &'static str)>,
    /// What overflow mode answers, and whether verify can hold it to the manifest.
    pub overflow: Overflow,
    /// Whether a form sent in overflow mode (a POST) gets the overflow page too: where an
    /// application could receive it. A static host has none (`netlify dev` answers a POST 404).
    pub overflow_post: bool,
    /// What it answers in the visitor's language.
    pub negotiates: Negotiates,
}

impl Answers {
    /// What the server targets in front of an application answer, as most of them do.
    pub const SERVER: Answers = Answers {
        whole_public: false,
        own_url: OwnUrl::Ok,
        unknown: Unknown::PrefixNotFound,
        landing_redirect: 302,
        pretty_urls: false,
        not_found_header: None,
        overflow: Overflow::Page,
        overflow_post: true,
        negotiates: Negotiates::ALL,
    };

    /// What HAProxy and Varnish answer: each page at its own URL with its own status, and an
    /// unknown URL under the prefix left to the application, as any other URL.
    pub const PAGE_STATUS_PREFIX_OPEN: Answers = Answers {
        own_url: OwnUrl::PageStatus,
        unknown: Unknown::Application,
        ..Answers::SERVER
    };

    /// What Netlify and Cloudflare Pages answer, as their engines (`netlify dev`, `wrangler
    /// pages dev`) show: every file at its URL without `.html`, with 200; any unknown URL the
    /// site's `404.html` with 404; the home's redirect a 302.
    pub const STATIC_HOST: Answers = Answers {
        whole_public: true,
        own_url: OwnUrl::Ok,
        unknown: Unknown::SiteNotFound,
        landing_redirect: 302,
        pretty_urls: true,
        not_found_header: None,
        overflow: Overflow::Page,
        overflow_post: false,
        negotiates: Negotiates::NONE,
    };
}
