//! `planb-frontend.snippet`: the lines to paste into a `frontend` (or `listen`) section.
//!
//! Traps avoided: `errorfile` covers only the errors HAProxy produces itself, and HAProxy refuses
//! it for any other status, so a status the upstream answers needs `http-response return` and
//! `errorfile` is written for `OWN_STATUSES` only; the landing redirect is a 302 (browsers keep a
//! 301); the mode is read once per request into a variable, so each rule tests a string.

use std::fmt::Write as _;

use super::errorfile::refusal;
use super::modes::MODE_MAP;
use super::replies::Reply;
use super::{language, shield};
use crate::config::schedule::ScheduledMode;
use crate::targets::{EdgePage, EdgeSite};

/// The statuses HAProxy can produce itself, the only ones `errorfile` accepts.
pub(super) const OWN_STATUSES: [u16; 16] = [
    400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504,
];

/// The snippet's text. Paths are relative to the folder of this file (see `default-path` in the
/// README).
pub(super) fn snippet(site: &EdgeSite, replies: &[Reply]) -> String {
    let mut s = String::from(
        "# planb: paste these lines into your frontend (or listen) section, before its\n\
         # use_backend/default_backend lines. Relative paths are relative to the folder of this\n\
         # file: see README.md.\n",
    );
    let _ = writeln!(
        s,
        "\n# The mode (normal, landing or overflow): the value of `mode` in {MODE_MAP}, read at\n\
         # every (re)load.\n\
         http-request set-var(txn.planb_mode) str(mode),map({MODE_MAP},normal)\n\
         \n\
         # Logs (where a `log` line sends them): 1 request in 100, and every 5xx the upstream\n\
         # answers (below), so a spike cannot fill a disk.\n\
         http-request set-log-level silent if {{ rand(100) ge 1 }}\n\
         \n\
         # Visitors who accept gzip get the overflow page precompressed (`-m sub` also matches\n\
         # `gzip;q=0`, which no browser sends).\n\
         http-request set-var(txn.planb_gzip) bool(true) if {{ req.hdr(accept-encoding) -i -m sub gzip }}"
    );
    s.push_str(&language::choose(site));
    schedule_rules(&mut s, site);
    mode_rules(&mut s, site, replies);
    let _ = writeln!(
        s,
        "\n# planb's pages at their own URL, with their own status."
    );
    for r in replies.iter().filter(|r| r.own_url) {
        let cond = format!("{{ path {} }}", r.page.url);
        if site
            .overflow()
            .is_some_and(|o| o.urls().contains(&r.page.url))
        {
            s.push_str(&refusal(&r.name, &cond));
        } else {
            let _ = writeln!(s, "http-request return errorfile {} if {cond}", r.name);
        }
    }
    shield::cookie_check(&mut s, site);
    upstream_errors(&mut s, site, replies);
    s
}

/// The file of `page`'s reply.
fn name_of<'a>(replies: &'a [Reply], page: &EdgePage) -> &'a str {
    replies
        .iter()
        .find(|r| r.page.url == page.url)
        .map_or("", |r| r.name.as_str())
}

/// Each `[[schedule]]` window: its mode into the variable while `date()` (seconds since the
/// epoch) is in it, unless the mode file's is stronger.
fn schedule_rules(s: &mut String, site: &EdgeSite) {
    if site.schedule.is_empty() {
        return;
    }
    s.push('\n');
    s.push_str(&crate::targets::schedule::header("#"));
    for w in &site.schedule {
        let weaker = match w.mode {
            ScheduledMode::Landing => " !{ var(txn.planb_mode) -m str overflow }",
            ScheduledMode::Overflow => "",
        };
        let _ = writeln!(
            s,
            "# {}\nhttp-request set-var(txn.planb_mode) str({}) if {{ date() ge {} }} {{ date() lt {} }}{weaker}",
            crate::targets::schedule::describe(w),
            w.mode.name(),
            w.from,
            w.until
        );
    }
}

/// Overflow and landing mode: each a rule, or what happens when the site has no such page.
fn mode_rules(s: &mut String, site: &EdgeSite, replies: &[Reply]) {
    let overflow = site.overflow().map(|page| {
        let cond = "{ var(txn.planb_mode) -m str overflow }";
        let mut lines = language::own_languages(site, replies, page, cond);
        lines.push_str(&language::refusals(site, replies, page, cond));
        lines.trim_end().to_owned()
    });
    rule(
        s,
        "Overflow mode: every request gets the overflow page (503), without contacting the upstream.",
        overflow,
        "# (the site has no overflow page: HAProxy's 503 answers)\n\
         http-request return status 503 default-errorfiles if { var(txn.planb_mode) -m str overflow }",
    );
    let landing = site.landing().map(|page| {
        let cond = "{ var(txn.planb_mode) -m str landing } { path / }";
        language::landing_redirects(site, page, cond)
            .trim_end()
            .to_owned()
    });
    rule(
        s,
        "Landing mode: the home answers 302 (never 301: browsers keep it) to the landing page.",
        landing,
        "# (the site has no landing page: landing mode changes nothing)",
    );
}

/// A commented rule, or `otherwise` when there is none.
fn rule(s: &mut String, comment: &str, line: Option<String>, otherwise: &str) {
    let _ = writeln!(s, "\n# {comment}\n{}", line.as_deref().unwrap_or(otherwise));
}

/// The upstream's error statuses, then the errors HAProxy answers itself.
fn upstream_errors(s: &mut String, site: &EdgeSite, replies: &[Reply]) {
    let errors = site.error_pages();
    s.push_str(
        "\n# An error status answered by the upstream: planb's page, same status, none of the\n\
         # upstream's headers.\n\
         http-response set-log-level info if { status ge 500 }\n",
    );
    for page in &errors {
        let cond = format!("{{ status {} }}", page.status);
        s.push_str(&language::returns(
            site,
            replies,
            page,
            "http-response return",
            &cond,
        ));
    }
    s.push_str(
        "\n# Errors HAProxy answers itself: 503 when no server can be reached (down, refused,\n\
         # connect timeout), 504 when the server does not answer within `timeout server`, ...\n",
    );
    for page in errors.iter().filter(|p| OWN_STATUSES.contains(&p.status)) {
        let _ = writeln!(s, "errorfile {} {}", page.status, name_of(replies, page));
    }
}
