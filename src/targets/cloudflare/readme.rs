//! The values `README.md.tera` shows, computed once from the site's rules: which pages answer
//! which statuses (inline or as an asset), the landing and overflow pages, the cached routes.

use serde::Serialize;

use super::api::phase_file;
use super::rules::{Body, Phase, Rule, Setting};
use super::{
    FOLDER, MAX_INLINE, ORIGIN_DOWN, ORIGIN_TIMEOUT, PRO_CUSTOM_ERRORS, WORKER, schedule, worker,
};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use crate::targets::EdgeSite;
use crate::targets::readme::render;

#[derive(Serialize)]
struct Context<'a> {
    prefix: &'a str,
    pages: Vec<Page<'a>>,
    assets: bool,
    max_inline: usize,
    pro_rules: usize,
    origin_down: String,
    origin_timeout: String,
    landing: Option<&'a str>,
    overflow: Option<Overflow<'a>>,
    cached: Vec<Cached<'a>>,
    /// Each mode's API bodies, in the order to send them.
    modes: Vec<ModeFiles>,
    worker: &'static str,
    route: String,
    /// The site has a `[[schedule]]`; the schedule's Worker, when it needs one.
    schedule: bool,
    schedule_worker: Option<&'static str>,
    origin: &'a str,
    /// `site.languages`, the default first.
    languages: &'a [String],
    /// Whether pages have JSON twins.
    twins: bool,
}

#[derive(Serialize)]
struct Page<'a> {
    status: u16,
    url: &'a str,
    how: String,
}

#[derive(Serialize)]
struct Overflow<'a> {
    url: &'a str,
    status: u16,
    retry: String,
}

#[derive(Serialize)]
struct Cached<'a> {
    path: &'a str,
    fresh: u32,
}

#[derive(Serialize)]
struct ModeFiles {
    mode: &'static str,
    phases: Vec<(String, String)>,
}

pub fn readme(site: &EdgeSite, rules: &[Rule]) -> Result<OutputFile, Diagnostic> {
    let pages = site
        .error_pages()
        .into_iter()
        .zip(rules.iter().filter(|r| r.phase == Phase::CustomErrors))
        .map(|(p, r)| Page {
            status: p.status,
            url: &p.url,
            how: match &r.body {
                Some(Body::Asset { name, .. }) => format!("asset `{name}`"),
                _ => "inline".into(),
            },
        })
        .collect();
    let modes = Setting::all(site)
        .into_iter()
        .map(|setting| ModeFiles {
            mode: setting.name(),
            phases: Phase::ALL
                .into_iter()
                .filter(|ph| rules.iter().any(|r| r.phase == *ph))
                .map(|ph| (ph.name().to_owned(), phase_file(setting, ph)))
                .collect(),
        })
        .collect();
    let list = |codes: &[u16]| {
        codes
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let context = Context {
        languages: &site.languages,
        twins: site.has_twins(),
        prefix: &site.edge.prefix,
        pages,
        assets: rules
            .iter()
            .any(|r| matches!(r.body, Some(Body::Asset { .. }))),
        max_inline: MAX_INLINE,
        pro_rules: PRO_CUSTOM_ERRORS,
        origin_down: list(&ORIGIN_DOWN),
        origin_timeout: list(&ORIGIN_TIMEOUT),
        landing: site.landing().map(|p| p.url.as_str()),
        overflow: site.overflow_or_503().map(|p| Overflow {
            url: &p.url,
            status: p.status,
            retry: p.retry_after.map_or("none".to_owned(), |r| r.to_string()),
        }),
        cached: site
            .shield
            .cache
            .iter()
            .map(|r| Cached {
                path: &r.path,
                fresh: r.policy.edge_ttl(),
            })
            .collect(),
        modes,
        worker: WORKER,
        route: worker::route_pattern(site),
        schedule: !site.schedule.is_empty(),
        schedule_worker: schedule::needs_worker(site).then_some(schedule::WORKER),
        origin: site.origin(),
    };
    render(FOLDER, include_str!("README.md.tera"), &context)
}
