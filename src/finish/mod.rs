//! Finish: each rendered page is checked (no external subresource), minified, compressed and
//! weighed against its budget.

pub mod budget;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::assets::unused::Pruner;
use crate::cache::Policy;
use crate::config::Config;
use crate::content::{Kind, Page};
use crate::diag::{self, Diagnostic, Diagnostics, Partial};
use crate::headers;
use crate::render::Rendered;
use crate::scan;
use crate::theme::Template;

/// The deepest nesting of elements a page may have. Real pages nest a few dozen deep; the HTML
/// minifier recurses once per level, so a page of 20,000 nested quotes would overflow its stack.
pub const MAX_DEPTH: usize = 256;

/// A page ready to be written.
#[derive(Debug, Clone)]
pub struct Finished {
    pub page: Page,
    pub html: Vec<u8>,
    pub gzip: Vec<u8>,
    pub headers: Vec<(String, String)>,
    /// Bytes counted against the budget: gzip body, headers and the server's reserve.
    pub weight: usize,
    pub budget: usize,
    pub policy: Policy,
    /// The page's JSON twin (`problem.rs`): error and overflow pages have one.
    pub json: Option<crate::problem::Twin>,
}

/// Finishes every page in parallel: the pages that pass, and every problem of the others.
pub fn finish_all(
    rendered: Vec<Rendered>,
    config: &Config,
    templates: &[Template],
    origins: &HashMap<u64, String>,
) -> Partial<Finished> {
    let policies = config.cache_policies();
    let pruner = Pruner::new(crate::assets::css::targets(&config.css.targets));
    let results: Vec<Result<Finished, Diagnostics>> = rendered
        .into_par_iter()
        .map(|r| {
            let name = r
                .page
                .cache
                .clone()
                .unwrap_or_else(|| r.page.default_cache_policy().to_owned());
            // Names were checked against the policies when the content was read.
            let policy = policies.get(&name).copied().unwrap_or_default();
            finish(r, config, templates, origins, policy, &pruner)
        })
        .collect();
    diag::partition(results)
}

fn finish(
    r: Rendered,
    config: &Config,
    templates: &[Template],
    origins: &HashMap<u64, String>,
    policy: Policy,
    pruner: &Pruner,
) -> Result<Finished, Diagnostics> {
    let (external, depth, tags) = scan::external_depth_and_tags(&r.html);
    if !external.is_empty() {
        return Err(external
            .iter()
            .map(|e| external_diagnostic(&r.page, e, templates))
            .collect());
    }
    if depth > MAX_DEPTH {
        return Err(vec![Diagnostic::new(
            page_file(&r.page),
            format!(
                "{}: elements nest {depth} deep; planb accepts at most {MAX_DEPTH} (browsers stop nesting at 512)",
                r.page.url()
            ),
        )
        .help("flatten the page: fewer quotes in quotes and lists in lists, fewer <div>s in <div>s")]);
    }
    let html = minify(&pruner.strip(&r.html, &tags));
    let gzip = gzip_page(r.page.kind, &html);
    let headers = headers::for_page(
        &r.page,
        &String::from_utf8_lossy(&html),
        &policy,
        config.site.is_multilingual(),
    );
    let header_bytes = headers::wire_size(r.page.status, &headers);
    let budget = r.page.budget.unwrap_or(config.budget.bytes);
    let weight = gzip.len() + header_bytes + config.budget.server_headers;
    if weight > budget {
        let text = String::from_utf8_lossy(&html);
        let parts = budget::breakdown(&text);
        let heavy = budget::heaviest(&text, &pruned_origins(&r.html, &text, origins), 3);
        let message = budget::over_budget_message(
            gzip.len(),
            header_bytes,
            config.budget.server_headers,
            budget,
            &parts,
            &heavy,
        );
        // A file that takes a quarter of the page or more is the fix to name first.
        let first = match heavy.first() {
            Some(h) if budget::share(h, gzip.len()) >= 25 => format!(
                "`{}` is {} % of the page: make it smaller{}; or ",
                h.source,
                budget::share(h, gzip.len()),
                if h.source.starts_with("(built-in") {
                    " (`planb theme eject` copies it into the site to edit)"
                } else {
                    ""
                }
            ),
            _ => String::new(),
        };
        let d = Diagnostic::new(page_file(&r.page), format!("{}: {message}", r.page.url()))
            .help(format!("{first}make images smaller (SVG, or fewer pixels), drop fonts (system fonts cost nothing), shorten the text, or raise `budget` in the front matter or `budget.bytes` in planb.toml"));
        return Err(vec![d]);
    }
    let origin = crate::problem::origin(&config.site.url);
    let json = crate::problem::twin(&r.page, &r.detail, &headers, origin);
    Ok(Finished {
        page: r.page,
        html,
        gzip,
        headers,
        weight,
        budget,
        policy,
        json,
    })
}

/// `origins` with each pruned stylesheet of `finished` known by the file it was pruned from, so an
/// over-budget page still names its stylesheet: the n-th `<style>` of the finished page is what
/// pruning and minifying made of the n-th of the `rendered` one.
fn pruned_origins(
    rendered: &str,
    finished: &str,
    origins: &HashMap<u64, String>,
) -> HashMap<u64, String> {
    let mut known = origins.clone();
    let before = scan::elements::contents(rendered, "style");
    let after = scan::elements::contents(finished, "style");
    if before.len() == after.len() {
        for (b, a) in before.iter().zip(after) {
            if let Some(source) = origins.get(&crate::render::origin_key(b)) {
                known.insert(crate::render::origin_key(a), source.clone());
            }
        }
    }
    known
}

fn page_file(page: &Page) -> std::path::PathBuf {
    page.source
        .clone()
        .unwrap_or_else(|| crate::config::FILE_NAME.into())
}

/// Names the external reference and, where the URL is written in the page's Markdown or in a
/// template, the file and line.
fn external_diagnostic(page: &Page, e: &scan::External, templates: &[Template]) -> Diagnostic {
    let message = format!(
        "{}: {} loads `{}` from outside the page; every resource must be inlined",
        page.url(),
        e.context,
        e.url
    );
    let help =
        "save the file inside the site and refer to it by a relative path, so planb inlines it";
    if let (Some(source), Some(offset)) = (&page.source, page.source_text.find(&e.url)) {
        return Diagnostic::new(source, message)
            .at_offset(&page.source_text, offset)
            .help(help);
    }
    for t in templates {
        if let Some(offset) = t.source.find(&e.url) {
            return Diagnostic::new(&t.shown, message)
                .at_offset(&t.source, offset)
                .help(help);
        }
    }
    Diagnostic::new(page_file(page), message).help(help)
}

/// HTML minified by minify-html with its own CSS and JS minifiers off: lightningcss already did the
/// CSS (with real error reporting) and its JS minifier has broken real pages elsewhere.
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: false,
        minify_js: false,
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: false,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        allow_optimal_entities: false,
        keep_comments: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Deterministic gzip (no timestamp, no file name): what a CDN or a precompressed `.gz` serves.
/// libdeflate at level 9 is as small as zlib's best on long pages and twice as fast.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    deflate(bytes, 9)
}

/// The gzip of a page of `kind`, as its `.gz` sibling and the budget weigh it. Error and overflow
/// pages, a few dozen at most and the ones a failing origin sends many times a second, get
/// libdeflate's level 10: 1 to 2 % smaller than level 9 on such short pages, at four times its
/// cost (level 12 saves a few bytes more for twice that again).
pub fn gzip_page(kind: Kind, html: &[u8]) -> Vec<u8> {
    match kind {
        Kind::Error | Kind::Overflow => deflate(html, 10),
        Kind::Landing => deflate(html, 9),
    }
}

fn deflate(bytes: &[u8], level: i32) -> Vec<u8> {
    // Levels 9 and 10 are within libdeflate's 0..=12.
    let level = libdeflater::CompressionLvl::new(level).unwrap_or_default();
    let mut compressor = libdeflater::Compressor::new(level);
    let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
    // The bound is libdeflate's own worst case, so the output always fits.
    let n = compressor.gzip_compress(bytes, &mut out).unwrap_or(0);
    out.truncate(n);
    out
}
