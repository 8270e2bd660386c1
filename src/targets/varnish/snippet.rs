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
use super::vcl::{fail_reason, path_of, reason, set_headers, string};
use super::{MODE_HEADER, PAGE_HEADER, backend, language};
use crate::targets::EdgeSite;

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
    for page in site.addressable() {
        let path = path_of(site, page);
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
                url = language::url(site, page, "req"),
                own = own_languages(site, page),
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

/// In overflow mode, on a site in several languages: each language's own URL (where the page's
/// switcher links) is that language, not the visitor's.
fn own_languages(site: &EdgeSite, page: &crate::targets::EdgePage) -> String {
    if !site.negotiates(page) {
        return String::new();
    }
    let mut out =
        String::from("        # A language's own URL (the switcher's link) is that language.\n");
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
            language::url(site, landing, "req"),
            if site.is_multilingual() {
                "set resp.http.Vary = \"Accept-Language\";\n        "
            } else {
                ""
            }
        );
    }
    for page in site.addressable() {
        let _ = writeln!(s, "    if (req.http.{PAGE_HEADER} == \"{}\") {{", page.url);
        set_headers(s, "resp", site, page, "        ");
        let _ = write!(
            s,
            "        set resp.body = std.fileread({});\n        \
                 return (deliver);\n    \
             }}\n",
            string(&path_of(site, page))
        );
    }
    s.push_str("}\n");
}
