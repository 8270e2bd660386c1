//! What `serve` shows, as data: the last good build's pages with their status and headers, the
//! problems of the last build if it failed, and the mode being previewed.

use std::collections::BTreeMap;

use crate::build::Built;
use crate::config::schedule::{self, ScheduledMode, Window};
use crate::content::Kind;
use crate::diag::Diagnostic;
use crate::targets::Mode;

/// One page as the edge serves it.
#[derive(Debug, Clone)]
pub struct ServedPage {
    pub url: String,
    pub kind: String,
    pub status: u16,
    pub title: String,
    /// Exactly the headers of the manifest, in the order planb writes them.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub gzip_bytes: usize,
    /// Share of the page's budget, in percent.
    pub budget_share: usize,
    /// On a site in several languages, for a page of the default language: the URL of each
    /// language's page, in the order of `ServedSite::languages` (itself first). Empty otherwise.
    pub translations: Vec<String>,
    /// The URL of its JSON twin (`problem.rs`), which a request asking for JSON gets where the
    /// page stands for the application: an error or overflow page has one.
    pub json: Option<String>,
}

/// The pages of one good build.
#[derive(Debug, Clone, Default)]
pub struct ServedSite {
    pub name: String,
    /// By URL path: every page, `/404.html`, as static hosts find it, and each JSON twin at
    /// its file's URL (the preview shows it there; the edge serves it only where negotiated).
    pub pages: BTreeMap<String, ServedPage>,
    pub landing: Option<String>,
    pub overflow: Option<String>,
    pub not_found: Option<String>,
    /// `[[schedule]]`: the windows in which the edge switches mode by itself.
    pub schedule: Vec<Window>,
    /// `site.languages`, the default first.
    pub languages: Vec<String>,
}

impl ServedSite {
    /// The pages of `built` at their URLs, with the 404 page also at `/404.html`, exactly as the
    /// bundle lays them out.
    pub fn from_built(built: &Built) -> ServedSite {
        let mut site = ServedSite {
            name: built.config.site.name.clone(),
            landing: built.landing.clone(),
            schedule: built.config.schedule.clone(),
            languages: built.config.site.languages.clone(),
            ..ServedSite::default()
        };
        for p in &built.pages {
            let original = p.page.translation_of.is_none();
            let served = ServedPage {
                url: p.page.url(),
                kind: p.page.kind.name().to_owned(),
                status: p.page.status,
                title: p.page.title.clone(),
                headers: p.headers.clone(),
                body: p.html.clone(),
                gzip_bytes: p.gzip.len(),
                budget_share: p.weight * 100 / p.budget.max(1),
                translations: translations(&built.config.site.languages, &p.page),
                json: p.json.as_ref().map(|t| format!("/{}", t.file)),
            };
            if let Some(t) = &p.json {
                let twin = ServedPage {
                    url: format!("/{}", t.file),
                    headers: t.headers.clone(),
                    body: t.body.clone(),
                    gzip_bytes: crate::finish::gzip(&t.body).len(),
                    budget_share: 0,
                    translations: Vec::new(),
                    json: None,
                    ..served.clone()
                };
                site.pages.insert(twin.url.clone(), twin);
            }
            if p.page.kind == Kind::Overflow && site.overflow.is_none() && original {
                site.overflow = Some(served.url.clone());
            }
            if p.page.kind == Kind::Error && p.page.status == 404 && original {
                site.not_found = Some(served.url.clone());
                if p.page.file != "404.html" {
                    let top = ServedPage {
                        url: "/404.html".to_owned(),
                        ..served.clone()
                    };
                    site.pages.insert(top.url.clone(), top);
                }
            }
            site.pages.insert(served.url.clone(), served);
        }
        site
    }
}

/// The URL of each language's page of `page`, if it is a default language's page of a site in
/// several languages (the content stage made one per language, at `translated_file`).
fn translations(languages: &[String], page: &crate::content::Page) -> Vec<String> {
    if languages.len() < 2 || page.translation_of.is_some() {
        return Vec::new();
    }
    let mut urls = vec![page.url()];
    urls.extend(
        languages[1..]
            .iter()
            .map(|l| format!("/{}", crate::content::translated_file(&page.file, l))),
    );
    urls
}

/// The whole state of a preview, shared by the HTTP handlers and the rebuild loop.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The last good build; None until one succeeds.
    pub site: Option<ServedSite>,
    /// The problems of the last build when it failed; empty when it succeeded.
    pub problems: Vec<Diagnostic>,
    /// What the last good build said without failing: the spell check's findings.
    pub warnings: Vec<Diagnostic>,
    /// The mode switched to by hand (the mode file's, on a server).
    pub mode: Mode,
    /// The instant the preview shows the site at (seconds since the epoch, and as written);
    /// `None`: the real clock.
    pub at: Option<(i64, String)>,
    /// Bumped on every rebuild and mode switch: pages loaded before it reload.
    pub generation: u64,
}

impl Preview {
    /// The instant previewed, `now` being the real clock's.
    pub fn instant(&self, now: i64) -> i64 {
        self.at.as_ref().map_or(now, |(t, _)| *t)
    }

    /// What the edge does at `now` (the real clock): the stronger of the mode switched by hand
    /// and the schedule's, at the instant previewed, as every server that follows it does.
    pub fn mode_at(&self, now: i64) -> Mode {
        let windows = self.site.as_ref().map_or(&[][..], |s| &s.schedule[..]);
        match schedule::mode_at(windows, self.instant(now)) {
            Some(ScheduledMode::Overflow) => Mode::Overflow,
            Some(ScheduledMode::Landing) if self.mode == Mode::Normal => Mode::Landing,
            _ => self.mode,
        }
    }
}
