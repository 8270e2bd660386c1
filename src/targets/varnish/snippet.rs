//! `planb.vcl`: what to include in a VCL. This part answers requests: `vcl_init` checks every
//! page can be read, `vcl_recv` picks planb's answer (overflow mode, landing redirect, a page at
//! its own URL) and `vcl_synth` builds it; `backend` handles the upstream's errors.
//!
//! Traps avoided: `std.fileread` answers an empty body, silently, for a file it cannot read, so
//! `vcl_init` refuses to load the VCL instead; the request headers carrying the mode and the page
//! are removed from every incoming request first (a client could pick a page) and before the
//! upstream sees the request; every path is written through `vcl::string`, so a root with
//! spaces, accents or quotes stays one string.

use crate::config::schedule::ScheduledMode;
use std::fmt::Write as _;

use super::shield::{self, CLASS_HEADER};
use super::vcl::{fail_reason, file_path, reason, set_variant_headers, string, vary};
use super::{MODE_HEADER, PAGE_HEADER, backend, format, language, variant};
use crate::content::Kind;
use crate::targets::{EdgePage, EdgeSite, Variant};

/// A regular expression matching the URL path exactly, with or without a query string.
fn url_regex(url: &str) -> String {
    format!("^{}(\\?.*)?$", url.replace('.', "\\."))
}

/// The whole of `planb.vcl`.
pub(super) fn snippet(site: &EdgeSite) -> String {
    let mut s = String::from(
        "# planb for Varnish (VCL 4.1; written for and tested with Varnish 7.1). Include this file in\n\
         # your VCL after the backends and before your own subroutines: Varnish runs planb's part of\n\
         # vcl_recv, vcl_synth, vcl_backend_response and vcl_backend_error first, and yours when\n\
         # planb's does not answer.\n\
         vcl 4.1;\n\
         \n\
         import std;\n",
    );
    s.push_str(shield::imports(site));
    s.push_str(
        "\n\
         # The mode: the subroutine planb_mode, which sets the mode header (see README.md).\n\
         include \"./planb-mode.vcl\";\n",
    );
    init(&mut s, site);
    shield::release(&mut s, site);
    recv(&mut s, site);
    synth(&mut s, site);
    backend::responses(&mut s, site);
    shield::backend_fetch(&mut s, site);
    super::cookie::deliver(&mut s, site);
    s
}

fn init(s: &mut String, site: &EdgeSite) {
    s.push_str(
        "\n# std.fileread answers an empty body, silently, for a file it cannot read: refuse to load\n\
         # this VCL instead (the check runs in the worker, as the user that serves the pages).\n\
         sub vcl_init {\n",
    );
    // Each twin too: the application's errors and overflow mode answer apps with them.
    let twins = site.twin_pages();
    for page in site.addressable().into_iter().chain(&twins) {
        let path = file_path(site, variant(page));
        let file = string(&path);
        let why = format!(
            "planb: cannot read {path} (missing, empty or unreadable by the Varnish worker): the page {} would be served empty",
            page.url
        );
        let _ = writeln!(
            s,
            "    if (!std.fileread({file}) || std.fileread({file}) == \"\") {{\n        \
                 return (fail({}));\n    \
             }}",
            fail_reason(&why)
        );
    }
    s.push_str("}\n");
}

/// Each `[[schedule]]` window: its mode into the mode header while `now` is in it, unless the
/// mode file's is stronger. `std.time(integer=…)` reads seconds since the epoch, so the server's
/// time zone plays no part.
fn schedule(s: &mut String, site: &EdgeSite) {
    if site.schedule.is_empty() {
        return;
    }
    for line in crate::targets::schedule::header("#").lines() {
        let _ = writeln!(s, "    {line}");
    }
    for w in &site.schedule {
        let weaker = match w.mode {
            ScheduledMode::Landing => format!(" && req.http.{MODE_HEADER} != \"overflow\""),
            ScheduledMode::Overflow => String::new(),
        };
        let _ = write!(
            s,
            "    # {}\n    \
             if (now >= std.time(integer={}) && now < std.time(integer={}){weaker}) {{\n        \
                 set req.http.{MODE_HEADER} = \"{}\";\n    \
             }}\n",
            crate::targets::schedule::describe(w),
            w.from,
            w.until,
            w.mode.name()
        );
    }
}

fn recv(s: &mut String, site: &EdgeSite) {
    let _ = write!(
        s,
        "\nsub vcl_recv {{\n    \
             # Only planb sets these.\n    \
             unset req.http.{MODE_HEADER};\n    \
             unset req.http.{PAGE_HEADER};\n    \
             unset req.http.{CLASS_HEADER};\n    \
             call planb_mode;\n"
    );
    schedule(s, site);
    s.push_str(&language::choose(site, "req", "    "));
    s.push_str(&format::choose(site, "req", "    "));
    match site.overflow() {
        Some(page) => {
            let _ = write!(
                s,
                "    # Overflow mode: every request gets the overflow page (503), without contacting\n    \
                     # the upstream.\n    \
                     if (req.http.{MODE_HEADER} == \"overflow\") {{\n        \
                         set req.http.{PAGE_HEADER} = {url};\n\
                         {own}        \
                         return (synth({status}, \"{reason}\"));\n    \
                     }}\n",
                url = answer_url(site, page, "req"),
                own = own_urls(site, page),
                status = page.status,
                reason = reason(page.status),
            );
        }
        None => {
            let _ = write!(
                s,
                "    # Overflow mode: the site has no overflow page; Varnish's own 503 answers.\n    \
                     if (req.http.{MODE_HEADER} == \"overflow\") {{\n        \
                         return (synth(503));\n    \
                     }}\n"
            );
        }
    }
    if site.landing().is_some() {
        let _ = write!(
            s,
            "    # Landing mode: the home answers 302 (never 301: browsers keep it) to the landing page.\n    \
                 if (req.http.{MODE_HEADER} == \"landing\" && req.url ~ \"^/(\\?.*)?$\") {{\n        \
                     set req.http.{PAGE_HEADER} = \"redirect\";\n        \
                     return (synth(302, \"Found\"));\n    \
                 }}\n"
        );
    } else {
        s.push_str("    # Landing mode: the site has no landing page, nothing changes.\n");
    }
    let _ = writeln!(s, "    unset req.http.{MODE_HEADER};");
    if site.is_multilingual() {
        let _ = writeln!(s, "    unset req.http.{};", language::HEADER);
    }
    if site.has_twins() {
        let _ = writeln!(s, "    unset req.http.{};", format::HEADER);
    }
    s.push_str("    # planb's pages at their own URL, with their own status.\n");
    for page in site.addressable() {
        let _ = write!(
            s,
            "    if (req.url ~ \"{regex}\") {{\n        \
                 set req.http.{PAGE_HEADER} = \"{url}\";\n        \
                 return (synth({status}, \"{reason}\"));\n    \
             }}\n",
            regex = url_regex(&page.url),
            url = page.url,
            status = page.status,
            reason = reason(page.status),
        );
    }
    shield::recv(s, site);
    s.push_str("}\n");
}

/// In overflow mode, where the page is negotiated: each of its own URLs (where the language
/// switcher links) is that variant, in HTML, not the visitor's choice.
fn own_urls(site: &EdgeSite, page: &EdgePage) -> String {
    if !site.chooses(page) {
        return String::new();
    }
    let mut out =
        String::from("        # The page's own URLs (the switcher's links) are that page.\n");
    for url in &page.urls() {
        let _ = writeln!(
            out,
            "        if (req.url ~ \"{}\") {{\n            set req.http.{PAGE_HEADER} = \"{url}\";\n        }}",
            url_regex(url)
        );
    }
    out
}

fn synth(s: &mut String, site: &EdgeSite) {
    s.push_str("\nsub vcl_synth {\n");
    if let Some(landing) = site.landing() {
        let _ = write!(
            s,
            "    if (req.http.{PAGE_HEADER} == \"redirect\") {{\n        \
                 set resp.http.Location = {};\n        \
                 {}set resp.body = \"\";\n        \
                 return (deliver);\n    \
             }}\n",
            answer_url(site, landing, "req"),
            if site.is_multilingual() {
                "set resp.http.Vary = \"Accept-Language\";\n        "
            } else {
                ""
            }
        );
    }
    for page in site.addressable() {
        let vary = vary(site, page);
        synth_answer(s, site, &page.url, variant(page), &vary);
        // The overflow page's twin, which overflow mode answers an app with (`vcl_recv`).
        if page.kind == Kind::Overflow {
            for twin in page.json.iter().take(1) {
                synth_answer(s, site, &format!("/{}", twin.file), twin, &vary);
            }
        }
    }
    s.push_str("}\n");
}

/// The branch of `vcl_synth` that answers `variant` when `vcl_recv` chose `url`.
fn synth_answer(s: &mut String, site: &EdgeSite, url: &str, variant: &Variant, vary: &str) {
    let _ = writeln!(s, "    if (req.http.{PAGE_HEADER} == \"{url}\") {{");
    set_variant_headers(s, "resp", vary, variant, "        ");
    let _ = write!(
        s,
        "        set resp.body = std.fileread({});\n        \
             return (deliver);\n    \
         }}\n",
        string(&file_path(site, variant))
    );
}

/// The URL of the answer for `page` as a VCL expression: in the language `var` holds on a site
/// in several (`language::HEADER`), and its twin's where `var`'s format asks for JSON and the
/// page has one.
fn answer_url(site: &EdgeSite, page: &EdgePage, var: &str) -> String {
    let negotiates_format = !page.json.is_empty();
    if !site.is_multilingual() && !negotiates_format {
        return string(&page.url);
    }
    let stem = page.url.strip_suffix(".html").unwrap_or(&page.url);
    let mut parts = vec![string(stem)];
    if site.is_multilingual() {
        parts.push(format!("{var}.http.{}", language::HEADER));
    }
    parts.push(if negotiates_format {
        format!("{var}.http.{}", format::HEADER)
    } else {
        string(".html")
    });
    parts.join(" + ")
}
