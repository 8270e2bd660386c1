//! Netlify and Cloudflare Pages: `public/_headers` (each page's response headers) and
//! `public/_redirects` (the mode), plus a README per platform. Both platforms read the same two
//! files from the published folder, so `files` writes the same bytes for either target; the files
//! are written for one mode at a time (`planb build --mode`), since a static host has no switch of
//! its own: switching mode is a rebuild and a deploy.
//!
//! What the two platforms accept differs, and the shared files are written in what both accept as
//! soon as Cloudflare Pages is enabled:
//! - Cloudflare Pages allows only 200, 301, 302, 303, 307 and 308 in `_redirects` and no `!`
//!   (every rule is always applied, files or not); Netlify allows any status and needs `!` to
//!   shadow a file that exists. So overflow mode answers 503 on Netlify alone, 200 otherwise.
//! - Cloudflare Pages redirects `/page.html` to `/page` (308) and rewrites with a 200 to a `.html`
//!   path turn into that redirect; Netlify serves `/page` from `page.html` too. So the redirects
//!   point at the extension-less URL, and each page gets header rules for both of its URLs
//!   (headers are matched against the URL the visitor asked for, on both platforms).
//! - Cloudflare Pages documents 100 header rules, 2,000 characters per header line, 2,000 static
//!   plus 100 dynamic redirects and 1,000 characters per redirect line; the build fails with a
//!   message rather than ship a file Cloudflare would cut short. Netlify documents no fixed count.

use std::fmt::Write as _;

use super::{EdgePage, EdgeSite, Mode, Target, Targets, Variant};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

pub const HEADERS_FILE: &str = "public/_headers";
pub const REDIRECTS_FILE: &str = "public/_redirects";

/// Cloudflare Pages' documented limits (Pages docs: "Headers", "Redirects").
pub const CF_MAX_HEADER_RULES: usize = 100;
pub const CF_MAX_HEADER_LINE: usize = 2_000;
pub const CF_MAX_STATIC_REDIRECTS: usize = 2_000;
pub const CF_MAX_DYNAMIC_REDIRECTS: usize = 100;
pub const CF_MAX_REDIRECT_LINE: usize = 1_000;
pub const CF_REDIRECT_STATUSES: [u16; 6] = [200, 301, 302, 303, 307, 308];

/// Which rules the shared files may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// Netlify alone: any status, `!` to shadow files, `.html` URLs as they are.
    Netlify,
    /// Cloudflare Pages is enabled: only what it accepts (Netlify accepts it too).
    Shared,
}

/// The two static hosts: they read the same `_headers` and `_redirects`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Netlify,
    CloudflarePages,
}

pub struct Netlify;
pub struct CloudflarePages;

impl Target for Netlify {
    fn name(&self) -> &'static str {
        Host::Netlify.name()
    }

    fn files(&self, site: &EdgeSite, enabled: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site, Host::Netlify, enabled)
    }
}

impl Target for CloudflarePages {
    fn name(&self) -> &'static str {
        Host::CloudflarePages.name()
    }

    fn files(&self, site: &EdgeSite, enabled: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site, Host::CloudflarePages, enabled)
    }
}

impl Host {
    pub fn name(self) -> &'static str {
        match self {
            Host::Netlify => "netlify",
            Host::CloudflarePages => "cloudflare-pages",
        }
    }
}

/// The variant a static host serves for `page`: it negotiates nothing yet.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

fn dialect(target: Host, enabled: &Targets) -> Dialect {
    if target == Host::CloudflarePages || enabled.has(Host::CloudflarePages.name()) {
        Dialect::Shared
    } else {
        Dialect::Netlify
    }
}

/// The files for `target` (Netlify or Cloudflare Pages): the shared `public/_headers` and
/// `public/_redirects`, identical for both, and `config/<target>/README.md`.
pub fn files(
    site: &EdgeSite,
    target: Host,
    enabled: &Targets,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let dialect = dialect(target, enabled);
    // Problems of the shared files are reported once, by the first static host enabled.
    let first = if enabled.has(Host::Netlify.name()) {
        Host::Netlify
    } else {
        target
    };
    let mut problems = Vec::new();
    let redirects = match redirects(site, dialect) {
        Ok(text) => text,
        Err(d) => {
            if target == first {
                problems.push(d);
            }
            String::new()
        }
    };
    let headers = headers(site);
    if target == Host::CloudflarePages {
        problems.extend(cloudflare_problems(site, &headers, &redirects));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(vec![
        OutputFile {
            path: HEADERS_FILE.to_owned(),
            bytes: headers.into_bytes(),
        },
        OutputFile {
            path: REDIRECTS_FILE.to_owned(),
            bytes: redirects.into_bytes(),
        },
        OutputFile {
            path: format!("config/{}/README.md", target.name()),
            bytes: readme(site, target, dialect).into_bytes(),
        },
    ])
}

/// The URL both platforms serve a page at without a redirect: `/a/b.html` → `/a/b`,
/// `/a/index.html` → `/a/`.
pub fn pretty_url(url: &str) -> String {
    if let Some(dir) = url.strip_suffix("index.html")
        && dir.ends_with('/')
    {
        return dir.to_owned();
    }
    url.strip_suffix(".html").unwrap_or(url).to_owned()
}

/// Every URL a page is reached at: as written, and extension-less.
fn urls(url: &str) -> Vec<String> {
    let pretty = pretty_url(url);
    if pretty == url {
        vec![url.to_owned()]
    } else {
        vec![url.to_owned(), pretty]
    }
}

/// The headers `_headers` sets: the manifest's, less Content-Type, which both platforms set from
/// the file's extension (see the READMEs).
fn settable(page: &EdgePage) -> impl Iterator<Item = &(String, String)> {
    variant(page)
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
}

/// The pages `_headers` covers, with their URLs: every page, plus the top-level `/404.html` copy
/// of the 404 page, which both platforms serve for unknown paths.
fn covered(site: &EdgeSite) -> Vec<(String, &EdgePage)> {
    let mut list: Vec<(String, &EdgePage)> =
        site.pages.iter().map(|p| (p.url.clone(), p)).collect();
    if let Some(p) = site.error_page(404)
        && p.url != "/404.html"
    {
        list.push(("/404.html".to_owned(), p));
    }
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

fn headers(site: &EdgeSite) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# planb: response headers for Netlify and Cloudflare Pages, mode {} (generated: rebuild, do not edit).\n\
         # Content-Type is left to the platform, which sets it from the file extension.",
        site.mode.name()
    );
    let overflow = site.overflow().filter(|_| site.mode == Mode::Overflow);
    if let Some(page) = overflow {
        // Every path answers the overflow page, so every path gets its headers; per-page rules
        // would add a second value to each header on the pages' own URLs.
        let _ = writeln!(out, "# Overflow: every path answers {}.", page.url);
        rule(&mut out, "/*", page);
        return out;
    }
    for (url, page) in covered(site) {
        for path in urls(&url) {
            rule(&mut out, &path, page);
        }
    }
    out
}

fn rule(out: &mut String, path: &str, page: &EdgePage) {
    let _ = writeln!(out, "{path}");
    for (name, value) in settable(page) {
        let _ = writeln!(out, "  {name}: {value}");
    }
}

fn redirects(site: &EdgeSite, dialect: Dialect) -> Result<String, Diagnostic> {
    let mut out = format!(
        "# planb: redirects for Netlify and Cloudflare Pages, mode {} (generated: rebuild with\n\
         # `planb build --mode normal|landing|overflow` and deploy to switch mode).\n",
        site.mode.name()
    );
    let missing = |what: &str, file: &str| {
        Diagnostic::new(
            crate::config::FILE_NAME,
            format!(
                "`--mode {}` needs {what}, and the site has none",
                site.mode.name()
            ),
        )
        .help(format!("add {file}, or build with another --mode"))
    };
    let target = |page: &EdgePage| match dialect {
        Dialect::Netlify => page.url.clone(),
        Dialect::Shared => pretty_url(&page.url),
    };
    // `!` makes Netlify apply the rule even where a file exists; Cloudflare Pages always does and
    // refuses the `!`.
    let force = match dialect {
        Dialect::Netlify => "!",
        Dialect::Shared => "",
    };
    match site.mode {
        Mode::Normal => {
            out.push_str("# Normal: no rule; unknown paths answer /404.html with 404.\n")
        }
        Mode::Landing => {
            let page = site
                .landing()
                .ok_or_else(|| missing("a landing page", "content/landing.md"))?;
            let _ = writeln!(out, "/  {}  302{force}", target(page));
        }
        Mode::Overflow => {
            let page = site
                .overflow()
                .ok_or_else(|| missing("an overflow page", "content/overflow.md"))?;
            let status = match dialect {
                Dialect::Netlify => page.status,
                // A rewrite (200) is the only way Cloudflare Pages answers a page at another URL.
                Dialect::Shared => 200,
            };
            let _ = writeln!(out, "/*  {}  {status}{force}", target(page));
        }
    }
    Ok(out)
}

/// What Cloudflare Pages would cut or refuse in the generated files, checked by its documented
/// rules, as build errors.
fn cloudflare_problems(site: &EdgeSite, headers: &str, redirects: &str) -> Diagnostics {
    let mut problems = Vec::new();
    let fail = |message: String, help: &str| {
        Diagnostic::new(
            crate::config::FILE_NAME,
            format!("cloudflare-pages: {message}"),
        )
        .help(help.to_owned())
    };
    let without_it = "or remove \"cloudflare-pages\" from `edge.targets`";
    if site.error_page(404).is_none() {
        problems.push(fail(
            "the site has no 404 page: without a top-level 404.html, Cloudflare Pages answers every unknown path with the home page and status 200".to_owned(),
            &format!("add 404 to `errors.codes`, {without_it}"),
        ));
    }
    let lines = || {
        headers
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    let rules = lines().filter(|l| l.starts_with('/')).count();
    if rules > CF_MAX_HEADER_RULES {
        let pages = covered(site).len();
        problems.push(fail(
            format!(
                "{HEADERS_FILE} would have {rules} header rules; Cloudflare Pages applies at most {CF_MAX_HEADER_RULES} and ignores the rest"
            ),
            &format!(
                "each page, and the top-level 404.html, takes two rules (its URL with and without .html): {pages} here; build fewer pages, {without_it}"
            ),
        ));
    }
    if let Some(long) = lines().find(|l| l.len() > CF_MAX_HEADER_LINE) {
        let name = long.split(':').next().unwrap_or_default();
        problems.push(fail(
            format!(
                "{HEADERS_FILE} has a {} header of {} characters; Cloudflare Pages ignores lines over {CF_MAX_HEADER_LINE}",
                name,
                long.len()
            ),
            &format!("inline fewer scripts and styles (each adds a hash to the policy), {without_it}"),
        ));
    }
    let (mut fixed, mut dynamic, mut only_dynamic) = (0, 0, false);
    for line in redirects
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let status = parts.get(2).copied().unwrap_or("302");
        if !status
            .parse()
            .is_ok_and(|s| CF_REDIRECT_STATUSES.contains(&s))
        {
            problems.push(fail(
                format!("{REDIRECTS_FILE}: status {status} in `{line}`: Cloudflare Pages accepts only 200, 301, 302, 303, 307 and 308"),
                "planb bug: please report it",
            ));
        }
        if line.len() > CF_MAX_REDIRECT_LINE {
            problems.push(fail(
                format!("{REDIRECTS_FILE}: a rule of {} characters; Cloudflare Pages ignores rules over {CF_MAX_REDIRECT_LINE}", line.len()),
                "planb bug: please report it",
            ));
        }
        // Rules with a splat or placeholder are dynamic, and so is every rule after the first one.
        let source = parts.first().copied().unwrap_or_default();
        if only_dynamic || source.contains('*') || source.contains("/:") {
            only_dynamic = true;
            dynamic += 1;
        } else {
            fixed += 1;
        }
    }
    if fixed > CF_MAX_STATIC_REDIRECTS || dynamic > CF_MAX_DYNAMIC_REDIRECTS {
        problems.push(fail(
            format!("{REDIRECTS_FILE} has {fixed} static and {dynamic} dynamic rules; Cloudflare Pages allows {CF_MAX_STATIC_REDIRECTS} and {CF_MAX_DYNAMIC_REDIRECTS}"),
            "planb bug: please report it",
        ));
    }
    problems
}

/// What a visitor gets in `mode` on the platform, as a Markdown list.
fn behaviour(site: &EdgeSite, target: Host, dialect: Dialect, mode: Mode) -> String {
    let landing = site
        .landing()
        .map_or("(no landing page)".to_owned(), |p| match dialect {
            Dialect::Netlify => p.url.clone(),
            Dialect::Shared => pretty_url(&p.url),
        });
    let overflow = site.overflow();
    let not_found = if site.error_page(404).is_some() {
        "an unknown path answers `/404.html` with status **404**"
    } else if target == Host::Netlify {
        "an unknown path answers Netlify's own 404 page (the site has no 404 page)"
    } else {
        "the site has no 404 page: the build refuses it for Cloudflare Pages"
    };
    match mode {
        Mode::Normal => format!("- {not_found}; every page is served at its URL with **200**.\n"),
        Mode::Landing => format!(
            "- `/` answers **302** with `Location: {landing}` (a temporary redirect: never 301, which browsers keep forever); everything else as in normal mode.\n"
        ),
        Mode::Overflow => {
            let Some(page) = overflow else {
                return "- (the site has no overflow page: the build refuses `--mode overflow`)\n"
                    .to_owned();
            };
            match dialect {
                Dialect::Netlify => format!(
                    "- every path, files included, answers the overflow page `{}` with status **{}** and its headers, `Retry-After` included (a forced rewrite: `/*  {}  {}!`).\n",
                    page.url, page.status, page.url, page.status
                ),
                Dialect::Shared => format!(
                    "- every path answers the overflow page `{}` with status **200**, not {}, with its headers, `Retry-After` included (a rewrite: `/*  {}  200`). Cloudflare Pages accepts no 5xx in `_redirects`; \
                     the shared file keeps to what it accepts. The page's retry script takes any status below 500 (but 429) as \"the site is back\": with 200 it reloads the page after each countdown instead of waiting longer and longer. Keep overflow mode short.{}\n",
                    page.url,
                    page.status,
                    pretty_url(&page.url),
                    if target == Host::Netlify {
                        " Without `!`, Netlify also keeps serving the files that exist (planb's own pages) as they are, with the overflow page's headers."
                    } else {
                        ""
                    }
                ),
            }
        }
    }
}

fn readme(site: &EdgeSite, target: Host, dialect: Dialect) -> String {
    let (title, deploy, content_type) = match target {
        Host::Netlify => (
            "Netlify",
            "netlify deploy --prod --dir output/public",
            "Netlify sets `Content-Type: text/html; charset=UTF-8` for `.html` files: the manifest's media type and charset (charset names are case-insensitive). planb leaves it to Netlify: a `content-type` line in `_headers` can make Netlify send the header twice.",
        ),
        _ => (
            "Cloudflare Pages",
            "npx wrangler pages deploy output/public --project-name YOUR-PROJECT",
            "Cloudflare Pages sets `Content-Type: text/html; charset=utf-8` for `.html` files, exactly the manifest's value, so `_headers` does not repeat it.",
        ),
    };
    let mut out = format!(
        "# planb on {title}\n\n\
         Generated by `planb build --mode {mode}`: these files are written for one mode at a time.\n\n\
         ## Files\n\n\
         - `public/_headers`: each page's response headers (the manifest's, but Content-Type), for the page's URL and for its URL without `.html`.\n\
         - `public/_redirects`: the mode's one rule (none in normal mode).\n\
         - `public/404.html`: the 404 page, which {title} answers for every unknown path with status 404.\n\
         - `public/_planb/…`: the pages. The `.gz`/`.br` siblings (present when a server target is enabled) are for the servers; {title} ignores them.\n\n\
         Netlify and Cloudflare Pages read the same `_headers` and `_redirects`: planb writes one pair that suits every static host enabled in `edge.targets`.\n\n\
         ## Install\n\n\
         Publish `output/public/` as the site (it is the whole site: planb's pages and the two rule files):\n\n    planb build --mode normal\n    {deploy}\n\n\
         ## Switch mode\n\n\
         A static host has no switch of its own: rebuild for the mode and deploy.\n\n    planb build --mode landing && {deploy}\n    planb build --mode overflow && {deploy}\n    planb build --mode normal && {deploy}\n\n",
        mode = site.mode.name(),
    );
    if target == Host::Netlify {
        out.push_str(
            "Netlify keeps every deploy: publishing an earlier deploy from the Deploys list switches back at once.\n\n",
        );
    }
    let _ = writeln!(out, "## What a visitor gets\n");
    for mode in Mode::ALL {
        let _ = write!(
            out,
            "{}{}",
            if mode == site.mode {
                format!("**{}** (this build):\n\n", mode.name())
            } else {
                format!("{}:\n\n", mode.name())
            },
            behaviour(site, target, dialect, mode)
        );
        out.push('\n');
    }
    out.push_str(
        "The other error pages (`/_planb/errors/…`) answer 200 at their URLs: a static host has no upstream whose errors could map to them. Put them behind a server or CDN target for that.\n\n",
    );
    let _ = writeln!(out, "## Headers\n\n- {content_type}");
    out.push_str(
        "- An unknown path answers the 404 page with the platform's default headers, not the 404 page's: headers are matched against the URL asked for, and a `/*` rule would add a second Content-Security-Policy to every other page.\n\
         - In overflow mode `_headers` has one rule, `/*`, with the overflow page's headers: every path answers that page.\n",
    );
    if target == Host::CloudflarePages {
        out.push_str(
            "- Cloudflare Pages redirects `/page.html` to `/page` (308): the pages are really served at their URL without `.html`, and the landing redirect points there directly.\n\
             - Cloudflare Pages adds `Access-Control-Allow-Origin: *`, `ETag` and its own headers; it sends `Referrer-Policy` and `X-Content-Type-Options` by default, which `_headers` replaces with the same values.\n",
        );
    } else {
        out.push_str("- Netlify adds its own headers (Date, Age, Server, ETag and others); `Cache-Control` from `_headers` replaces its default one.\n");
    }
    let rules = covered(site).len() * 2;
    out.push_str("\n## Limits\n\n");
    if target == Host::CloudflarePages {
        let _ = writeln!(
            out,
            "Cloudflare Pages documents, and the build fails rather than exceed:\n\n\
             - {CF_MAX_HEADER_RULES} header rules (this site: {rules} in normal mode, two per page);\n\
             - {CF_MAX_HEADER_LINE} characters per `_headers` line (the longest header is the Content-Security-Policy);\n\
             - {CF_MAX_STATIC_REDIRECTS} static and {CF_MAX_DYNAMIC_REDIRECTS} dynamic redirects, {CF_MAX_REDIRECT_LINE} characters per rule (planb writes at most one rule);\n\
             - statuses 200, 301, 302, 303, 307 and 308 only in `_redirects`, and no `!`: so no 503 in overflow mode;\n\
             - a top-level `404.html`: without it every unknown path answers the home page with 200, so the build requires a 404 page."
        );
    } else {
        out.push_str(
            "Netlify documents no fixed number of header or redirect rules (very large rule sets can fail a deploy; it suggests wildcards past 10,000 redirects). planb writes two header rules per page and at most one redirect.\n",
        );
        if dialect == Dialect::Shared {
            out.push_str(
                "\nCloudflare Pages is enabled too, so the shared files keep to what it accepts: no `!` and no 503. Remove `cloudflare-pages` from `edge.targets` to get Netlify's own rules (`/*  /_planb/overflow.html  503!`).\n",
            );
        }
    }
    out.push_str(
        "\nThese files follow the platforms' documentation; they are checked against its rules in planb's tests, not against the live services.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Policy;
    use crate::config::edge::Edge;
    use crate::content::Kind;

    fn page(url: &str, kind: Kind, status: u16) -> EdgePage {
        let mut headers = vec![
            (
                "Content-Type".to_owned(),
                "text/html; charset=utf-8".to_owned(),
            ),
            ("Cache-Control".to_owned(), "public, max-age=10".to_owned()),
        ];
        if status == 503 {
            headers.push(("Retry-After".to_owned(), "60".to_owned()));
        }
        EdgePage {
            url: url.to_owned(),
            kind,
            status,
            variants: vec![Variant {
                lang: "en".into(),
                file: url[1..].to_owned(),
                headers,
                body: Vec::new(),
            }],
            policy: Policy::default(),
            retry_after: None,
            source: "content/test.md".into(),
        }
    }

    fn site(targets: &[&str], mode: Mode) -> EdgeSite {
        EdgeSite {
            edge: Edge {
                targets: Some(targets.iter().map(|t| t.to_string()).collect()),
                ..Edge::default()
            },
            root: "/srv/public".to_owned(),
            mode,
            pages: vec![
                page("/_planb/errors/404.html", Kind::Error, 404),
                page("/_planb/landing.html", Kind::Landing, 200),
                page("/_planb/overflow.html", Kind::Overflow, 503),
            ],
            precompressed: false,
        }
    }

    /// The files of `host` with the targets `site.edge.targets` names enabled.
    fn host_files(site: &EdgeSite, host: Host) -> Result<Vec<OutputFile>, Diagnostics> {
        let names = site.edge.targets.clone().unwrap_or_default();
        let enabled = Targets(
            names
                .iter()
                .filter_map(|n| super::super::by_name(n))
                .collect(),
        );
        files(site, host, &enabled)
    }

    fn text(files: &[OutputFile], path: &str) -> String {
        let f = files.iter().find(|f| f.path == path).expect(path);
        String::from_utf8(f.bytes.clone()).unwrap()
    }

    #[test]
    fn pretty_urls() {
        assert_eq!(pretty_url("/_planb/landing.html"), "/_planb/landing");
        assert_eq!(pretty_url("/_planb/index.html"), "/_planb/");
        assert_eq!(pretty_url("/a/bindex.html"), "/a/bindex");
        assert_eq!(pretty_url("/x"), "/x");
    }

    #[test]
    fn headers_cover_both_urls_without_content_type() {
        let s = site(&["netlify"], Mode::Normal);
        let files = host_files(&s, Host::Netlify).unwrap();
        let h = text(&files, HEADERS_FILE);
        assert!(
            h.contains("\n/404.html\n  Cache-Control: public, max-age=10\n/404\n"),
            "{h}"
        );
        assert!(h.contains("\n/_planb/landing\n  Cache-Control: public, max-age=10\n"));
        assert!(!h.contains("Content-Type:"), "{h}");
        assert!(
            text(&files, REDIRECTS_FILE)
                .lines()
                .all(|l| l.starts_with('#'))
        );
    }

    #[test]
    fn landing_and_overflow_per_dialect() {
        let netlify = host_files(&site(&["netlify"], Mode::Landing), Host::Netlify).unwrap();
        assert!(text(&netlify, REDIRECTS_FILE).contains("\n/  /_planb/landing.html  302!\n"));
        let shared = site(&["netlify", "cloudflare-pages"], Mode::Landing);
        let a = host_files(&shared, Host::Netlify).unwrap();
        let b = host_files(&shared, Host::CloudflarePages).unwrap();
        assert_eq!(text(&a, REDIRECTS_FILE), text(&b, REDIRECTS_FILE));
        assert_eq!(text(&a, HEADERS_FILE), text(&b, HEADERS_FILE));
        assert!(text(&a, REDIRECTS_FILE).contains("\n/  /_planb/landing  302\n"));

        let netlify = host_files(&site(&["netlify"], Mode::Overflow), Host::Netlify).unwrap();
        assert!(text(&netlify, REDIRECTS_FILE).contains("\n/*  /_planb/overflow.html  503!\n"));
        let cf = host_files(
            &site(&["cloudflare-pages"], Mode::Overflow),
            Host::CloudflarePages,
        )
        .unwrap();
        assert!(text(&cf, REDIRECTS_FILE).contains("\n/*  /_planb/overflow  200\n"));
        let h = text(&cf, HEADERS_FILE);
        assert!(
            h.contains("\n/*\n  Cache-Control: public, max-age=10\n  Retry-After: 60\n"),
            "{h}"
        );
        assert_eq!(h.lines().filter(|l| l.starts_with('/')).count(), 1);
    }

    #[test]
    fn missing_pages_and_limits_are_errors() {
        let mut s = site(&["cloudflare-pages"], Mode::Overflow);
        s.pages
            .retain(|p| p.kind != Kind::Overflow && p.status != 404);
        let errors = host_files(&s, Host::CloudflarePages).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("needs an overflow page"));
        assert!(messages[1].contains("no 404 page"));

        let mut s = site(&["netlify", "cloudflare-pages"], Mode::Normal);
        for i in 0..50 {
            s.pages
                .push(page(&format!("/_planb/p{i:02}.html"), Kind::Landing, 200));
        }
        // Netlify has no such limit; Cloudflare Pages has 100 rules for 53 pages + 404.html.
        assert!(host_files(&s, Host::Netlify).is_ok());
        let errors = host_files(&s, Host::CloudflarePages).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("108 header rules"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn cloudflare_checks_statuses_lines_and_counts() {
        let s = site(&["cloudflare-pages"], Mode::Normal);
        let headers = headers(&s);
        assert!(
            cloudflare_problems(&s, &headers, "/a /b 503\n/c /d 200!\n")
                .iter()
                .any(|d| d.message.contains("status 200!"))
        );
        let long = format!("/x\n  Content-Security-Policy: {}\n", "a".repeat(2_000));
        let p = cloudflare_problems(&s, &long, "");
        assert!(
            p[0].message
                .contains("Content-Security-Policy header of 2025 characters"),
            "{}",
            p[0].message
        );
        let many: String = (0..101).map(|i| format!("/p/* /q{i} 302\n")).collect();
        assert!(
            cloudflare_problems(&s, &headers, &many)
                .iter()
                .any(|d| d.message.contains("0 static and 101 dynamic"))
        );
        // A static rule after a dynamic one counts as dynamic.
        let mixed: String = std::iter::once("/* /x 200\n".to_owned())
            .chain((0..100).map(|i| format!("/s{i} /q 302\n")))
            .collect();
        assert!(
            cloudflare_problems(&s, &headers, &mixed)
                .iter()
                .any(|d| d.message.contains("0 static and 101 dynamic"))
        );
    }
}
