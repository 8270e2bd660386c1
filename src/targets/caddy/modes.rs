//! The text of each mode file (`modes/<mode>.caddy`), imported first inside the snippet's
//! `route`: landing mode redirects the home with 302 (a 301 is kept by browsers forever), overflow
//! mode answers every path with the overflow page and 503 without touching the application.

use std::fmt::Write as _;

use super::MODE_FILE;
use super::answer::serve_at;
use super::language;
use crate::targets::{EdgeSite, Mode};

pub fn mode_file(site: &EdgeSite, mode: Mode) -> String {
    let mut out = format!(
        "# planb mode `{}`: copy this file over {MODE_FILE}, then reload Caddy (see README.md).\n",
        mode.name()
    );
    match mode {
        Mode::Normal => {
            out.push_str("# Normal: the application answers; its errors get planb's pages.\n");
        }
        Mode::Landing => landing(&mut out, site),
        Mode::Overflow => overflow(&mut out, site),
    }
    out
}

fn landing(out: &mut String, site: &EdgeSite) {
    match site.landing() {
        Some(landing) => {
            let _ = writeln!(
                out,
                "# Landing: the home redirects (302, never 301: browsers keep a 301 forever) to the\n\
                 # landing page; everything else as in normal mode.\n\
                 {}redir / {} 302",
                language::redirect_vary(site, "/", ""),
                language::landing_url(site, landing)
            );
        }
        None => {
            out.push_str("# Landing: the site has no landing page, so this is normal mode.\n");
        }
    }
}

fn overflow(out: &mut String, site: &EdgeSite) {
    out.push_str(
        "# Overflow: every request, whatever its path, gets the overflow page with 503,\n\
         # without contacting the application.\n",
    );
    match site.overflow() {
        Some(page) => {
            // Each language's own URL (the page's switcher links there) is that language.
            if site.negotiates(page) {
                let urls = page.urls();
                let others = site.variant_pages.iter().filter(|v| urls.contains(&v.url));
                for own in std::iter::once(page).chain(others) {
                    let _ = writeln!(out, "handle {} {{", own.url);
                    serve_at(out, 1, site, own, Some(503), false);
                    out.push_str("}\n");
                }
            }
            out.push_str("handle {\n");
            serve_at(out, 1, site, page, Some(503), true);
            out.push_str("}\n");
        }
        None => {
            out.push_str(
                "# The site has no overflow page: Caddy answers 503 with the 503 page, if any.\nerror 503\n",
            );
        }
    }
}
