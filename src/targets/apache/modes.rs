//! `modes/<mode>.conf`: what each mode adds to the host. Normal maps the application's errors to
//! the pages (`ErrorDocument` with a local path, so the status is kept); landing also redirects
//! the home (302, never stored); overflow answers 503 with mod_rewrite, except for the error
//! document's own internal redirect. With admission, normal and landing also run the cookie's
//! hook; overflow does not (it lets nobody in).

use super::SIBLING_ENV;
use super::quoting::quote;
use crate::targets::server::mode_header;
use crate::targets::{EdgePage, EdgeSite, Mode};

/// `ErrorDocument STATUS PAGE`: a local path, so the status is kept. With siblings, the path
/// ends with the one the client accepts (the snippet's `SetEnvIf`), so the answer is one internal
/// redirect, not a second one through the pages' `<Directory>` rewrite.
pub(super) fn document(site: &EdgeSite, status: u16, page: &EdgePage) -> String {
    let url = super::language::url(site, page);
    match site.precompressed {
        true => format!("ErrorDocument {status} {url}%{{ENV:{SIBLING_ENV}}}\n"),
        false => format!("ErrorDocument {status} {url}\n"),
    }
}

/// The ErrorDocument lines. With admission (`counted`: the host proxies through its pools), a
/// full pool is mod_proxy's 503, which httpd cannot tell from another: every 503 gets the
/// overflow page. The cache's hop (not counted) keeps each status's own page.
pub fn error_documents(site: &EdgeSite, counted: bool) -> String {
    let mut out = String::new();
    let overflow = site
        .shield
        .admission
        .filter(|_| counted)
        .and(site.overflow_or_503());
    for page in site.error_pages() {
        if page.status != 503 || overflow.is_none() {
            out.push_str(&document(site, page.status, page));
        }
    }
    if let Some(page) = overflow {
        out.push_str("# Admission: a request beyond capacity is mod_proxy's 503.\n");
        out.push_str(&document(site, 503, page));
    }
    out
}

pub fn text(site: &EdgeSite, mode: Mode) -> String {
    let mut out = mode_header(
        "Apache httpd",
        mode,
        "Include it in the <VirtualHost> before planb.conf.",
        "cp modes/<mode>.conf planb-mode.conf && apachectl graceful",
        "# ",
    );
    match mode {
        Mode::Normal => {
            out.push_str(&error_documents(site, true));
            out.push_str(&admission(site));
        }
        Mode::Landing => {
            out.push_str(&error_documents(site, true));
            out.push_str(&admission(site));
            out.push_str(&landing(site));
        }
        // No admission hook: nobody is let in, so the Lua script would only cost time.
        Mode::Overflow => out.push_str(&overflow(site)),
    }
    out
}

/// The admission cookie's hook, in the modes that let visitors through.
fn admission(site: &EdgeSite) -> String {
    match site.shield.admission {
        Some(_) => super::admission::hook(),
        None => String::new(),
    }
}

fn landing(site: &EdgeSite) -> String {
    match site.landing() {
        Some(landing) => format!(
            "\n# 302, never 301 (browsers keep a 301 forever), and never stored.\n\
             <LocationMatch \"^/$\">\n    Redirect 302 {}\n    Header always set Cache-Control \"no-store\"\n{}</LocationMatch>\n",
            quote(&super::language::url(site, landing)),
            if site.is_multilingual() {
                "    Header always merge Vary Accept-Language\n".to_owned()
            } else {
                String::new()
            }
        ),
        None => "\n# The site has no landing page: the home is not redirected.\n".to_owned(),
    }
}

fn overflow(site: &EdgeSite) -> String {
    let page = match site.overflow_or_503() {
        Some(page) => document(site, 503, page),
        None => "# The site has no overflow page: Apache's own 503.\n".to_owned(),
    };
    page + "RewriteEngine On\n\
            # Not again for the page itself (ErrorDocument redirects set REDIRECT_STATUS).\n\
            RewriteCond %{ENV:REDIRECT_STATUS} ^$\n\
            RewriteRule ^ - [R=503,L]\n"
}
