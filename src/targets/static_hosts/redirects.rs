//! `public/_redirects`: the mode's one rule, or none in normal mode. Landing mode redirects the
//! home with 302 (never 301, which browsers keep forever); overflow mode rewrites every path to the
//! overflow page. Netlify alone gets its own rules (`!` to shadow the files that exist, the
//! page's 503); with Cloudflare Pages enabled, only what it accepts: no `!`, a 200 rewrite, and
//! the extension-less URL it serves without a 308.

use std::fmt::Write as _;

use super::{Dialect, EdgeSite, destination};
use crate::diag::Diagnostic;
use crate::targets::Mode;

/// The text of `_redirects` for the site's mode, or why the site cannot have it.
pub(super) fn text(site: &EdgeSite, dialect: Dialect) -> Result<String, Diagnostic> {
    let mut out = format!(
        "# planb: redirects for Netlify and Cloudflare Pages, mode {} (generated: rebuild with\n\
         # `planb build --mode normal|landing|overflow` and deploy to switch mode).\n",
        site.mode.name()
    );
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
                .ok_or_else(|| missing(site, "a landing page", "content/landing.md"))?;
            let _ = writeln!(out, "/  {}  302{force}", destination(page, dialect));
        }
        Mode::Overflow => {
            let page = site
                .overflow()
                .ok_or_else(|| missing(site, "an overflow page", "content/overflow.md"))?;
            let status = match dialect {
                Dialect::Netlify => page.status,
                // A rewrite (200) is the only way Cloudflare Pages answers a page at another URL.
                Dialect::Shared => 200,
            };
            // Cloudflare Pages applies a rule even where a file exists: the overflow page's
            // other languages, where its language switcher links (and its worker fetches them),
            // would get the default's. Each answers as itself first (Netlify, without `!`,
            // serves an existing file before any rule anyway).
            // The worker (`edge.cloudflare_pages_worker`) fetches the JSON twins the same way.
            if dialect == Dialect::Shared {
                let twins = page.json.iter().map(|t| format!("/{}", t.file));
                let twins = twins.filter(|_| site.edge.cloudflare_pages_worker);
                for url in page.urls().into_iter().skip(1).chain(twins) {
                    let own = super::pretty_url(&url);
                    let _ = writeln!(out, "{own}  {own}  200");
                }
            }
            let _ = writeln!(out, "/*  {}  {status}{force}", destination(page, dialect));
        }
    }
    Ok(out)
}

/// The build's mode needs a page the site does not have.
fn missing(site: &EdgeSite, what: &str, file: &str) -> Diagnostic {
    Diagnostic::new(
        crate::config::FILE_NAME,
        format!(
            "`--mode {}` needs {what}, and the site has none",
            site.mode.name()
        ),
    )
    .help(format!("add {file}, or build with another --mode"))
}
