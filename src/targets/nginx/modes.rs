//! `modes/<mode>.conf`: what each mode adds to the server. Normal maps the application's errors
//! to the pages (`error_page` without `=`, so the status is kept); landing also redirects the
//! home (302, never stored); overflow answers 503 at server level with the overflow page by its
//! URI, so that any method gets it (nginx asks an error page's URI with GET).

use std::fmt::Write as _;

use super::{admission, language};
use crate::targets::server::mode_header;
use crate::targets::{EdgePage, EdgeSite, Mode};

/// Statuses of the application that nginx cannot answer with a page: it closes the connection
/// on any request that ends in 408, even after `error_page`.
const PASSED_THROUGH: [u16; 1] = [408];

/// The error pages nginx shows for the application's statuses.
pub fn intercepted(site: &EdgeSite) -> impl Iterator<Item = &EdgePage> {
    site.error_pages()
        .into_iter()
        .filter(|p| !PASSED_THROUGH.contains(&p.status))
}

/// The error_page lines: each status with a page keeps its status and gets its page.
fn error_pages(site: &EdgeSite) -> String {
    let mut out = String::new();
    for page in intercepted(site) {
        let _ = writeln!(
            out,
            "error_page {} {};",
            page.status,
            language::uri(site, page)
        );
    }
    if site.shield.admission.is_some() {
        out.push_str("# A request admission control refused: the overflow page, with 503.\n");
        out.push_str(&admission::error_page_line(site));
    }
    out
}

pub fn text(site: &EdgeSite, mode: Mode) -> String {
    let mut out = mode_header(
        "nginx",
        mode,
        "Include it in the server {} before planb.conf and before any error_page of your own.",
        "cp modes/<mode>.conf planb-mode.conf && nginx -s reload",
        "# ",
    );
    match mode {
        Mode::Normal => out.push_str(&error_pages(site)),
        Mode::Landing => {
            out.push_str(&error_pages(site));
            out.push_str(&landing(site));
        }
        Mode::Overflow => out.push_str(&overflow(site)),
    }
    out
}

fn landing(site: &EdgeSite) -> String {
    match site.landing() {
        Some(landing) => format!(
            "\n# 302, never 301 (browsers keep a 301 forever), and never stored.\n\
             location = / {{\n    absolute_redirect off;\n    add_header Cache-Control \"no-store\" always;\n{}    return 302 {};\n}}\n",
            language::redirect_vary(site, "    "),
            language::uri(site, landing)
        ),
        None => "\n# The site has no landing page: the home is not redirected.\n".to_owned(),
    }
}

fn overflow(site: &EdgeSite) -> String {
    match site.overflow_or_503() {
        Some(page) => format!(
            "# Every request answers 503 with the overflow page, reached by its URI: nginx then\n\
             # asks for it with GET (a named location would keep a POST, which nginx's static\n\
             # files answer 405). Its own URL goes on to its location in planb.conf, and no\n\
             # rewrite of the server after this file applies to it.\n\
             error_page 503 {uri};\n\
             {own}\
             return 503;\n",
            uri = language::uri(site, page),
            own = language::uris(page)
                .iter()
                .map(|url| format!("if ($uri = {url}) {{\n    break;\n}}\n"))
                .collect::<String>()
        ),
        None => "# The site has no overflow page: nginx's own 503.\nreturn 503;\n".to_owned(),
    }
}
