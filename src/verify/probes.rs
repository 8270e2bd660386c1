//! What `planb verify` asks a deployed edge, and what it must answer: a pure function of the
//! manifest, the target's answers (`targets::Answers`) and the mode. Only URLs that need no
//! failing application: behind a proxy an unknown path belongs to the application, so the 404
//! page is asked at its own URL and beside it, never at a path the application may serve.

use crate::manifest::{Entry, Manifest};
use crate::targets::{Answers, Mode, OwnUrl, Unknown};

/// Paths no application serves: `planb-verify` in them tells the application's logs who asked.
pub const UNKNOWN_PAGE: &str = "planb-verify-no-such-page";
pub const ANY_PATH: &str = "/planb-verify/any/path";
pub const FORM_PATH: &str = "/planb-verify/form";

/// What an app sends to get the JSON twin of a page.
pub const JSON: &str = "application/json";

/// What browsers send: every encoding the targets serve.
pub const BROWSER_ENCODINGS: &str = "gzip, br";

/// What a client that takes no compression sends: each page is asked this way too, since a
/// server or CDN may hold a stale `.gz` beside a fresh page, or the other way round.
pub const IDENTITY: &str = "identity";

/// The encodings `--warm` asks for one by one besides, so that a CDN caches each variant it
/// keys on.
pub const WARM_ENCODINGS: [&str; 2] = ["gzip", "br"];

/// One request and the answer it must get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub method: &'static str,
    pub path: String,
    pub accept_encoding: &'static str,
    /// The `Accept-Language` sent, on a site in several languages: none for the default.
    pub accept_language: Option<String>,
    /// The `Accept` sent instead of a browser's: `JSON` where a JSON twin is asked for.
    pub accept: Option<&'static str>,
    pub expect: Expect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// The page of the manifest at URL `page`, with `status` and exactly its manifest headers,
    /// but for `platform`, a header the platform sets to its own value.
    Page {
        page: String,
        status: u16,
        platform: Option<(&'static str, &'static str)>,
    },
    /// A redirect with `status` to `location` (a path of the same site).
    Redirect { status: u16, location: String },
    /// Anything but a redirect to `location`: in normal mode the home is the application's.
    NotRedirectTo { location: String },
}

impl Expect {
    /// The URL of the page expected, if a page is.
    pub fn page(&self) -> Option<&str> {
        match self {
            Expect::Page { page, .. } => Some(page),
            _ => None,
        }
    }
}

/// The pages of the manifest: its files minus the precompressed siblings and the static hosts'
/// rule files.
pub fn pages(manifest: &Manifest) -> impl Iterator<Item = &Entry> {
    manifest
        .files
        .iter()
        .filter(|e| e.encoding_of.is_none() && e.path.ends_with(".html"))
}

/// The pages in the default language: what a request that asks for no language gets where a
/// URL stands for several (verify asks for none).
fn originals(manifest: &Manifest) -> impl Iterator<Item = &Entry> {
    pages(manifest).filter(|e| e.variant_of.is_none())
}

fn of_kind<'m>(manifest: &'m Manifest, kind: &str) -> Option<&'m Entry> {
    originals(manifest).find(|e| e.kind == kind)
}

/// The 404 page an unknown URL under the prefix gets (not the static hosts' top-level copy).
fn not_found(manifest: &Manifest) -> Option<&Entry> {
    originals(manifest)
        .find(|e| e.kind == "error" && e.status == 404 && e.path.starts_with(&folder(manifest)))
}

/// The URL a page is asked at: its own, or without `.html` where the target serves it so.
fn url(e: &Entry, answers: &Answers) -> String {
    match answers.pretty_urls {
        true => e.path.strip_suffix(".html").unwrap_or(&e.path).to_owned(),
        false => e.path.clone(),
    }
}

/// The prefix as a folder: `/_planb/`, whether `edge.prefix` ends with a slash or not.
fn folder(manifest: &Manifest) -> String {
    format!("{}/", manifest.prefix.trim_end_matches('/'))
}

/// Every probe for an edge in `mode`, in the order the report lists them: each GET of a page
/// twice, as a browser asks for it and uncompressed.
pub fn plan(manifest: &Manifest, answers: &Answers, mode: Mode) -> Vec<Probe> {
    let probes = by_mode(manifest, answers, mode);
    let identity = again(&probes, &[IDENTITY]);
    probes.into_iter().chain(identity).collect()
}

fn by_mode(manifest: &Manifest, answers: &Answers, mode: Mode) -> Vec<Probe> {
    let mut probes = by_mode_unnegotiated(manifest, answers, mode);
    probes.extend(in_each_language(manifest, answers, mode));
    probes
}

/// The answers that stand for the application, asked again with each language but the
/// default as `Accept-Language`, where the target picks the visitor's: each must be that
/// language's page (or the redirect to it).
fn in_each_language(manifest: &Manifest, answers: &Answers, mode: Mode) -> Vec<Probe> {
    let n = answers.negotiates;
    let mut asked: Vec<(String, &Entry, Option<u16>)> = Vec::new();
    match mode {
        Mode::Overflow if n.overflow => {
            asked.extend(overflow_page(manifest).map(|o| (ANY_PATH.to_owned(), o, Some(o.status))));
        }
        Mode::Overflow => {}
        Mode::Normal | Mode::Landing => {
            if n.not_found && answers.unknown == Unknown::PrefixNotFound {
                let path = format!("{}{UNKNOWN_PAGE}", folder(manifest));
                asked.extend(not_found(manifest).map(|e| (path, e, Some(404))));
            }
            if mode == Mode::Landing && n.landing {
                asked.extend(of_kind(manifest, "landing").map(|l| ("/".to_owned(), l, None)));
            }
        }
    }
    let mut probes = Vec::new();
    for (path, original, status) in &asked {
        let twins = twins(manifest, original).filter(|_| n.json && status.is_some());
        for twin in twins {
            probes.push(Probe {
                accept_language: twin.language.clone(),
                accept: Some(JSON),
                ..get(path, page(twin, status.unwrap_or(twin.status)))
            });
        }
    }
    for (path, original, status) in asked {
        for variant in
            pages(manifest).filter(|e| e.variant_of.as_deref() == Some(original.path.as_str()))
        {
            let expect = match status {
                Some(status) => page(variant, status),
                None => Expect::Redirect {
                    status: answers.landing_redirect,
                    location: url(variant, answers),
                },
            };
            probes.push(Probe {
                accept_language: variant.language.clone(),
                ..get(&path, expect)
            });
        }
    }
    probes
}

/// The JSON twins of `original`'s languages (`original` is a default language's page).
fn twins<'m>(manifest: &'m Manifest, original: &'m Entry) -> impl Iterator<Item = &'m Entry> {
    manifest
        .files
        .iter()
        .filter(|e| e.format.as_deref() == Some("json"))
        .filter(move |e| e.variant_of.as_deref() == Some(original.path.as_str()))
}

fn by_mode_unnegotiated(manifest: &Manifest, answers: &Answers, mode: Mode) -> Vec<Probe> {
    match mode {
        Mode::Overflow => overflow(manifest, answers),
        Mode::Normal | Mode::Landing => {
            let mut probes = own_urls(manifest, answers);
            if let Some(landing) = of_kind(manifest, "landing") {
                let location = url(landing, answers);
                let expect = if mode == Mode::Landing {
                    Expect::Redirect {
                        status: answers.landing_redirect,
                        location,
                    }
                } else {
                    Expect::NotRedirectTo { location }
                };
                // Last: outside landing mode the home is the application's, and a slow one must
                // not pass for an edge that cannot be reached (the first probe says that).
                probes.push(get("/", expect));
            }
            probes
        }
    }
}

/// Each page at its own URL, and an unknown URL beside the 404 page.
fn own_urls(manifest: &Manifest, answers: &Answers) -> Vec<Probe> {
    let mut probes: Vec<Probe> = pages(manifest)
        .filter(|e| answers.whole_public || e.path.starts_with(&folder(manifest)))
        .map(|e| {
            let status = match (answers.own_url, e.kind.as_str()) {
                (OwnUrl::Ok, _) | (OwnUrl::PageStatus, "landing") => 200,
                (OwnUrl::PageStatus, _) => e.status,
            };
            get(&url(e, answers), page(e, status))
        })
        .collect();
    let unknown = match answers.unknown {
        Unknown::Application => None,
        Unknown::PrefixNotFound => {
            not_found(manifest).map(|e| (format!("{}{UNKNOWN_PAGE}", folder(manifest)), e))
        }
        Unknown::SiteNotFound => pages(manifest)
            .find(|e| e.path == "/404.html")
            .map(|e| (format!("/{UNKNOWN_PAGE}"), e)),
    };
    if let Some((path, e)) = unknown {
        let expect = Expect::Page {
            page: e.path.clone(),
            status: 404,
            platform: answers.not_found_header,
        };
        probes.push(get(&path, expect));
    }
    probes
}

/// The page overflow mode answers with: the overflow page, or else (every server does so) the
/// 503 page.
fn overflow_page(manifest: &Manifest) -> Option<&Entry> {
    of_kind(manifest, "overflow").or_else(|| {
        originals(manifest)
            .find(|e| e.kind == "error" && e.status == 503 && e.path.starts_with(&folder(manifest)))
    })
}

/// Overflow mode: the home, any path, the landing page and a form sent all get the overflow page.
/// Not the overflow page's own URL, which the servers answer as the file it is (200): the
/// redirect to it must not loop, and nothing links to it.
fn overflow(manifest: &Manifest, answers: &Answers) -> Vec<Probe> {
    let Some(o) = overflow_page(manifest) else {
        return Vec::new();
    };
    let mut paths = vec!["/".to_owned(), ANY_PATH.to_owned()];
    paths.extend(of_kind(manifest, "landing").map(|l| url(l, answers)));
    let mut probes: Vec<Probe> = paths.iter().map(|p| get(p, page(o, o.status))).collect();
    if answers.overflow_post {
        probes.push(Probe {
            method: "POST",
            ..get(FORM_PATH, page(o, o.status))
        });
    }
    probes
}

/// The probes `--warm` adds to `plan`'s: each page in each of `WARM_ENCODINGS`.
pub fn warm(plan: &[Probe]) -> Vec<Probe> {
    let browsers: Vec<Probe> = plan
        .iter()
        .filter(|p| p.accept_encoding == BROWSER_ENCODINGS)
        .cloned()
        .collect();
    again(&browsers, &WARM_ENCODINGS)
}

/// The GETs of a page among `probes` again, with each of `encodings`.
fn again(probes: &[Probe], encodings: &[&'static str]) -> Vec<Probe> {
    probes
        .iter()
        .filter(|p| p.method == "GET" && matches!(p.expect, Expect::Page { .. }))
        .flat_map(|p| {
            encodings.iter().map(|&accept_encoding| Probe {
                accept_encoding,
                ..p.clone()
            })
        })
        .collect()
}

fn page(e: &Entry, status: u16) -> Expect {
    Expect::Page {
        page: e.path.clone(),
        status,
        platform: None,
    }
}

fn get(path: &str, expect: Expect) -> Probe {
    Probe {
        method: "GET",
        path: path.to_owned(),
        accept_encoding: BROWSER_ENCODINGS,
        accept_language: None,
        accept: None,
        expect,
    }
}

#[cfg(test)]
mod tests;
