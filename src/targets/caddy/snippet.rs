//! The snippet a site block imports (`planb.caddy`): the mode first, the pages at their own URL,
//! the `reverse_proxy` whose error statuses become Caddy errors, and the `handle_errors` that
//! answers each with its page (each through `answer::serve_at`); the schedule's windows around the
//! mode file.

use std::fmt::Write as _;

use super::answer::serve_at;
use super::{MODE_FILE, admission, language, schedule};
use crate::targets::{EdgePage, EdgeSite};

pub fn snippet(site: &EdgeSite) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# planb for Caddy 2: import this file inside the site block that proxies to the application,\n\
         # in place of its `reverse_proxy` (see README.md). Written by planb: do not edit, rebuild.\n\
         # The mode file it imports ({MODE_FILE}) must sit beside it."
    );
    out.push_str("\nroute {\n");
    out.push_str(&language::maps(site));
    out.push_str(&schedule::before_mode(site));
    let _ = writeln!(
        out,
        "\t# The current mode: a copy of modes/normal.caddy, modes/landing.caddy or modes/overflow.caddy.\n\
         \timport {MODE_FILE}\n"
    );
    out.push_str(&schedule::after_mode(site));
    direct_pages(&mut out, site);
    proxy(&mut out, site);
    out.push_str("}\n\n");
    handle_errors(&mut out, site);
    out
}

/// Each page at its own URL, and a 404 for anything else under the prefix.
fn direct_pages(out: &mut String, site: &EdgeSite) {
    let _ = writeln!(
        out,
        "\t# planb's pages at their own URL, with their own status (the landing page: 200)."
    );
    for page in site.addressable() {
        let status = (page.status != 200).then_some(page.status);
        let _ = writeln!(out, "\thandle {} {{", page.url);
        serve_at(out, 2, site, page, status, false);
        out.push_str("\t}\n");
    }
    let _ = writeln!(
        out,
        "\t# Nothing else under the prefix exists.\n\thandle {}/* {{\n\t\terror 404\n\t}}\n",
        site.edge.prefix
    );
}

/// The `reverse_proxy`, turning each status planb has a page for into a Caddy error; with
/// admission control, one for each share (`admission.rs`).
fn proxy(out: &mut String, site: &EdgeSite) {
    let _ = writeln!(
        out,
        "\t# The application. A status planb has a page for becomes a Caddy error of the same status,\n\
         \t# answered by handle_errors below; every other response passes through untouched."
    );
    let upstream = &site.edge.upstream;
    let Some(a) = &site.shield.admission else {
        proxy_block(out, site, "", upstream, None, |_| {});
        return;
    };
    let reserved = admission::reserved(a);
    if reserved > 0 {
        admission::holder_matcher(out, a);
        let _ = writeln!(
            out,
            "\t# Their share, under its own count: the same application, written tcp/."
        );
        let holders = admission::holders_address(upstream);
        proxy_block(
            out,
            site,
            admission::HOLDER,
            &holders,
            Some(reserved),
            |_| {},
        );
        let _ = writeln!(
            out,
            "\t# Everybody else, who gets the cookie with the answer."
        );
    }
    proxy_block(out, site, "", upstream, Some(a.strangers), |out| {
        admission::issue_cookie(out, a)
    });
}

/// One `reverse_proxy` to `address` for the requests `matcher` names (all when empty), with
/// `extra` lines; with a `share`, it refuses at once and caps its connections beyond it.
fn proxy_block(
    out: &mut String,
    site: &EdgeSite,
    matcher: &str,
    address: &str,
    share: Option<u32>,
    extra: impl Fn(&mut String),
) {
    let timeout = site.edge.timeout;
    let space = if matcher.is_empty() { "" } else { " " };
    let _ = writeln!(out, "\treverse_proxy {matcher}{space}{address} {{");
    if let Some(n) = share {
        admission::refusal(out, n);
    }
    let _ = writeln!(
        out,
        "\t\ttransport http {{\n\t\t\tdial_timeout {timeout}s\n\t\t\tresponse_header_timeout {timeout}s"
    );
    if let Some(n) = share {
        admission::cap(out, n);
    }
    out.push_str("\t\t}\n");
    for page in site.error_pages() {
        let s = page.status;
        let _ = writeln!(
            out,
            "\t\t@planb_{s} status {s}\n\t\thandle_response @planb_{s} {{"
        );
        if s == 503 && overflow_for_own_503(site).is_some() {
            // Caddy's own 503 means "no room" here: the application's keeps its page.
            serve_at(out, 3, site, page, Some(503), true);
        } else {
            let _ = writeln!(out, "\t\t\terror {s}");
        }
        out.push_str("\t\t}\n");
    }
    // After the error statuses' routes: the first handle_response that matches wins.
    extra(out);
    out.push_str("\t}\n");
}

/// The page for Caddy's own 503 when admission control refuses: the overflow page.
fn overflow_for_own_503(site: &EdgeSite) -> Option<&EdgePage> {
    site.shield.admission.and(site.overflow())
}

/// Every error, Caddy's own or raised from the upstream's status, with the page for its status.
fn handle_errors(out: &mut String, site: &EdgeSite) {
    let _ = writeln!(
        out,
        "# Caddy's own errors (502: upstream down, 504: upstream timed out, 404 under the prefix) and\n\
         # the upstream's, each with planb's page for its status; file_server keeps the error status here."
    );
    out.push_str("handle_errors {\n");
    for (i, (s, page)) in error_answers(site).into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if page.status != s {
            let _ = writeln!(
                out,
                "\t# Caddy's own 503: no room for this visitor (or the application failed a\n\
                 \t# second ago): the overflow page, at once."
            );
        }
        let _ = writeln!(
            out,
            "\t@planb_{s} expression {{err.status_code}} == {s}\n\thandle @planb_{s} {{"
        );
        serve_at(out, 2, site, page, None, true);
        out.push_str("\t}\n");
    }
    out.push_str("}\n");
}

/// Each error status `handle_errors` answers, with its page: the error pages, and with admission
/// control the overflow page for Caddy's own 503 (whether the site has a 503 page or not).
fn error_answers(site: &EdgeSite) -> Vec<(u16, &EdgePage)> {
    let mut answers: Vec<(u16, &EdgePage)> = site
        .error_pages()
        .into_iter()
        .filter(|p| p.status != 503 || overflow_for_own_503(site).is_none())
        .map(|p| (p.status, p))
        .collect();
    if let Some(overflow) = overflow_for_own_503(site) {
        answers.push((503, overflow));
        answers.sort_by_key(|(s, _)| *s);
    }
    answers
}
