//! `[[schedule]]` for Apache, whose expressions know only local time (`%{TIME}`): a mod_lua hook
//! (`planb-schedule.lua`, run early in translate-name, as admission's) reads `os.time()`, seconds
//! since the epoch whatever the server's time zone, and sets `PLANB_WINDOW` to the window's
//! mode; the snippet's first rewrite rules act on it, after the mode file's, so an overflow
//! switched by hand holds through a landing window.
//!
//! Trap avoided: an `ErrorDocument` in `<If>` is not the one a server-level `R=503` gets (the
//! error happens before the sections are merged): an overflow window's request is passed to an
//! internal location of its own, whose `ErrorDocument 503` is the overflow page and whose
//! per-directory rule answers 503, a GET or a POST alike.

use std::fmt::Write as _;

use super::modes::document;
use super::quoting::quote;
use crate::config::schedule::ScheduledMode;
use crate::targets::EdgeSite;
use crate::targets::schedule::{describe, header};

/// The script's file name, beside the snippet.
pub const SCRIPT: &str = "planb-schedule.lua";

/// The environment variable the hook sets inside a window.
const WINDOW: &str = "PLANB_WINDOW";

fn internal(site: &EdgeSite) -> String {
    format!(
        "{}/__scheduled-overflow",
        site.edge.prefix.trim_end_matches('/')
    )
}

/// The hook's script.
pub fn script(site: &EdgeSite) -> String {
    let mut out =
        String::from("-- planb for Apache: the [[schedule]] windows (generated; do not edit).\n");
    out.push_str(&header("--"));
    let _ = writeln!(out, "function window(r)\n  local now = os.time()");
    for w in &site.schedule {
        let _ = writeln!(
            out,
            "  -- {}\n  if now >= {} and now < {} then r.subprocess_env[\"{WINDOW}\"] = \"{}\" end",
            describe(w),
            w.from,
            w.until,
            w.mode.name()
        );
    }
    out.push_str("  return apache2.DECLINED\nend\n");
    out
}

/// The snippet's part, first in it: the hook and the rules; empty without a schedule.
pub fn snippet_text(site: &EdgeSite) -> String {
    if site.schedule.is_empty() {
        return String::new();
    }
    let mut out = String::from("# The schedule: see planb-schedule.lua (needs mod_lua).\n");
    let _ = writeln!(
        out,
        "<IfDefine !PLANB_DIR>\n    Define PLANB_DIR /etc/apache2/planb\n</IfDefine>\n\
         LuaScope thread\n\
         LuaCodeCache forever\n\
         LuaHookTranslateName {} window early\n\
         RewriteEngine On",
        quote(&format!("${{PLANB_DIR}}/{SCRIPT}"))
    );
    let has = |mode| site.schedule.iter().any(|w| w.mode == mode);
    let inside = internal(site);
    if has(ScheduledMode::Overflow) {
        let _ = writeln!(
            out,
            "RewriteCond %{{ENV:{WINDOW}}} =overflow\n\
             RewriteCond %{{ENV:REDIRECT_STATUS}} ^$\n\
             RewriteRule ^ {inside} [PT,L]"
        );
    }
    if let Some(l) = site.landing().filter(|_| has(ScheduledMode::Landing)) {
        let _ = writeln!(
            out,
            "RewriteCond %{{ENV:{WINDOW}}} =landing\n\
             RewriteRule ^/$ {} [R=302,L]\n\
             Header always set Cache-Control \"no-store\" \"expr=env('{WINDOW}') == 'landing' && %{{REQUEST_URI}} == '/'\"{}",
            super::language::url(site, l),
            if site.is_multilingual() {
                format!(
                    "\nHeader always merge Vary Accept-Language \"expr=env('{WINDOW}') == 'landing' && %{{REQUEST_URI}} == '/'\""
                )
            } else {
                String::new()
            }
        );
    }
    if has(ScheduledMode::Overflow) {
        let page = site
            .overflow_or_503()
            .map_or(String::new(), |p| format!("    {}", document(site, 503, p)));
        let _ = writeln!(
            out,
            "<Location {}>\n{page}    RewriteEngine On\n    RewriteCond %{{ENV:{WINDOW}}} =overflow\n    RewriteRule ^ - [R=503,L]\n</Location>",
            quote(&inside)
        );
    }
    out.push('\n');
    out
}
