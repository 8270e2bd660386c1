//! The built site as the targets see it: every URL the edge answers with a planb page, and the
//! variants of each (one per language; each target's `language.rs`, or its functions or worker,
//! picks the visitor's where it can, and serves `EdgePage::unnegotiated` where it cannot).

use super::mode::Mode;
use super::shield::Plan;
use crate::cache::Policy;
use crate::config::edge::Edge;
use crate::content::Kind;

/// One variant of a page: the bytes served for one language and format, with their headers.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The language of the text (`<html lang>`), e.g. "fr".
    pub lang: String,
    /// Path inside `public/`: `_planb/errors/503.html`.
    pub file: String,
    /// Every response header, exactly as the manifest lists them.
    pub headers: Vec<(String, String)>,
    /// The minified HTML.
    pub body: Vec<u8>,
}

impl Variant {
    /// The value of the header `name`, if the variant has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Its `Content-Type`, which some servers set apart from the other headers.
    pub fn content_type(&self) -> &str {
        self.header("Content-Type")
            .unwrap_or("text/html; charset=utf-8")
    }
}

/// One URL the edge answers with a planb page.
#[derive(Debug, Clone)]
pub struct EdgePage {
    /// URL path, under the prefix: `/_planb/errors/503.html`.
    pub url: String,
    pub kind: Kind,
    pub status: u16,
    pub policy: Policy,
    pub retry_after: Option<u32>,
    /// What the page is built from (`content/overflow.md`), for messages about it.
    pub source: String,
    /// Never empty; the first answers a request that negotiates nothing.
    pub variants: Vec<Variant>,
    /// The JSON twins (`problem.rs`), one per variant and in their order, for a request whose
    /// `Accept` asks for JSON (`negotiate::format`): an error or overflow page has them, a
    /// landing page none. They have no URL of their own: a target that negotiates the format
    /// serves them where the page answers, in its status; the others never do.
    pub json: Vec<Variant>,
}

impl EdgePage {
    /// The page's URL with `marker` before its `.html`: where a target that negotiates writes
    /// the variable holding the chosen language's suffix (`""` or `".en"`, see
    /// `EdgeSite::language_suffixes`), since each translation's file is the original's with its
    /// language before `.html` (`content::page::translated_file`).
    pub fn url_with_language(&self, marker: &str) -> String {
        let stem = self.url.strip_suffix(".html").unwrap_or(&self.url);
        format!("{stem}{marker}.html")
    }

    /// Every URL the page answers at when asked for directly: its own and each other variant's.
    pub fn urls(&self) -> Vec<String> {
        std::iter::once(self.url.clone())
            .chain(self.variants[1..].iter().map(|v| format!("/{}", v.file)))
            .collect()
    }

    /// The variant a request that negotiates nothing gets. Targets that cannot negotiate serve
    /// this one; each target calls it from the one function where it picks a variant.
    pub fn unnegotiated(&self) -> &Variant {
        &self.variants[0]
    }
}

/// The built site as the targets see it.
#[derive(Debug, Clone)]
pub struct EdgeSite {
    pub edge: Edge,
    /// `site.url`: where the site lives, as visitors reach it.
    pub url: String,
    /// Absolute path of `public/` on the server (`edge.root`, or the real output folder).
    pub root: String,
    /// The mode the static hosts' files are written for (`planb build --mode`); the server
    /// targets get every mode at once.
    pub mode: Mode,
    /// Every page, sorted by URL (the top-level `404.html` copy is not one of them).
    pub pages: Vec<EdgePage>,
    /// Whether `.gz` and `.br` siblings of each page are in `public/`.
    pub precompressed: bool,
    /// What `[shield]` asks of the edge.
    pub shield: Plan,
    /// `[[schedule]]`: the windows in which the edge switches mode by itself.
    pub schedule: Vec<crate::config::schedule::Window>,
    /// Every variant of a page but its first, at its own URL (`/_planb/landing.en.html`, where
    /// the language switcher links), as a page with that one variant: see `addressable`.
    pub variant_pages: Vec<EdgePage>,
    /// `site.languages`, the default first: each page's variants are in this order.
    pub languages: Vec<String>,
}

/// Every variant of `pages` but the first, each as a page of its own at its file's URL.
pub fn variant_pages(pages: &[EdgePage]) -> Vec<EdgePage> {
    pages
        .iter()
        .flat_map(|page| {
            page.variants[1..]
                .iter()
                .enumerate()
                .map(|(i, v)| EdgePage {
                    url: format!("/{}", v.file),
                    variants: vec![v.clone()],
                    json: page.json.get(i + 1).cloned().into_iter().collect(),
                    ..page.clone()
                })
        })
        .collect()
}

impl EdgeSite {
    /// The scheme and host of `site.url`, with no slash at the end: `https://www.example.com`.
    pub fn origin(&self) -> &str {
        let after_scheme = self.url.find("://").map_or(0, |i| i + 3);
        let end = self.url[after_scheme..]
            .find('/')
            .map_or(self.url.len(), |i| after_scheme + i);
        &self.url[..end]
    }

    /// The host of `site.url`: `www.example.com`.
    pub fn host(&self) -> &str {
        let origin = self.origin();
        origin.find("://").map_or(origin, |i| &origin[i + 3..])
    }

    /// Every URL a planb page answers at when asked for directly: each page's own, and the own
    /// URL of each of its other variants. Sorted by URL.
    pub fn addressable(&self) -> Vec<&EdgePage> {
        let mut all: Vec<&EdgePage> = self.pages.iter().chain(&self.variant_pages).collect();
        all.sort_by(|a, b| a.url.cmp(&b.url));
        all
    }

    /// The JSON twin of each page `addressable` lists, as a page of its own at its file's URL
    /// (`/_planb/errors/503.en.json`), for a target that keeps one response per file (HAProxy's
    /// errorfiles). Not a URL the edge answers: a target serves these where their page answers.
    pub fn twin_pages(&self) -> Vec<EdgePage> {
        self.addressable()
            .into_iter()
            .filter_map(|page| {
                let twin = page.json.first()?;
                Some(EdgePage {
                    url: format!("/{}", twin.file),
                    variants: vec![twin.clone()],
                    json: Vec::new(),
                    ..page.clone()
                })
            })
            .collect()
    }

    /// Whether any page has a JSON twin, for the edge to negotiate the format.
    pub fn has_twins(&self) -> bool {
        self.pages.iter().any(|p| !p.json.is_empty())
    }

    /// Whether the site has pages in more than one language, for the edge to pick among.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// Whether the edge picks `page`'s language from the request (each of its variants, when
    /// asked for by its own URL, says so with `Vary` too): an error or overflow page answers any
    /// URL, so the visitor's `Accept-Language` chooses; a landing page is reached by its own URL
    /// (the home's redirect negotiates, and the switcher links each language).
    pub fn negotiates(&self, page: &EdgePage) -> bool {
        self.is_multilingual() && matches!(page.kind, Kind::Error | Kind::Overflow)
    }

    /// The request headers `page`'s answers (and its twin's) are chosen by, for their `Vary`:
    /// `Accept-Language` where the edge picks its language, `Accept` where it has JSON twins
    /// (a target calls this only where it negotiates the format).
    pub fn varies_on(&self, page: &EdgePage) -> Vec<&'static str> {
        [
            self.negotiates(page).then_some("Accept-Language"),
            (!page.json.is_empty()).then_some("Accept"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Whether `page`'s answer depends on the request at all: its language, or its format
    /// (the JSON twin); what `varies_on` lists.
    pub fn chooses(&self, page: &EdgePage) -> bool {
        !self.varies_on(page).is_empty()
    }

    /// The languages the edge picks `page`'s variant among: the site's where it negotiates the
    /// language, else only the default (the page may still vary on its format).
    pub fn languages_of(&self, page: &EdgePage) -> &[String] {
        if self.negotiates(page) {
            &self.languages
        } else {
            &self.languages[..1]
        }
    }

    /// Each language but the default, with the suffix its files carry before `.html`:
    /// `("en", ".en")`. A request that matches none of them gets the default's file, no suffix.
    pub fn language_suffixes(&self) -> Vec<(&str, String)> {
        self.languages
            .iter()
            .skip(1)
            .map(|l| (l.as_str(), format!(".{l}")))
            .collect()
    }

    /// The error pages, by ascending status.
    pub fn error_pages(&self) -> Vec<&EdgePage> {
        let mut errors: Vec<&EdgePage> = self
            .pages
            .iter()
            .filter(|p| p.kind == Kind::Error)
            .collect();
        errors.sort_by_key(|p| p.status);
        errors
    }

    /// The page that answers `status`, if the site has one.
    pub fn error_page(&self, status: u16) -> Option<&EdgePage> {
        self.pages
            .iter()
            .find(|p| p.kind == Kind::Error && p.status == status)
    }

    /// The landing page the home redirects to in landing mode.
    pub fn landing(&self) -> Option<&EdgePage> {
        let wanted = self
            .edge
            .landing
            .as_ref()
            .map(|l| format!("{}/{}.html", self.edge.prefix, l.trim_start_matches('/')));
        self.pages
            .iter()
            .find(|p| p.kind == Kind::Landing && wanted.as_ref().is_none_or(|w| *w == p.url))
    }

    pub fn overflow(&self) -> Option<&EdgePage> {
        self.pages.iter().find(|p| p.kind == Kind::Overflow)
    }

    /// The page overflow mode answers with: the overflow page, or else the 503 page.
    pub fn overflow_or_503(&self) -> Option<&EdgePage> {
        self.overflow().or_else(|| self.error_page(503))
    }
}
