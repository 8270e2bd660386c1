//! `[[schedule]]` for Caddy: a named matcher per window whose CEL expression compares
//! `{time.now.unix}` (seconds since the epoch, so the server's time zone plays no part; a string
//! in Caddy 2.6, hence `int()`) with the window's bounds. Inside the snippet's `route`, which
//! keeps the written order: an overflow window's `handle` comes before the mode file (overflow
//! beats landing and normal), a landing window's redirect after it (so an overflow mode file,
//! which answers everything, holds through it).

use std::fmt::Write as _;

use super::answer::serve_at;
use crate::config::schedule::{ScheduledMode, Window};
use crate::targets::EdgeSite;
use crate::targets::schedule::{describe, header};

/// The matcher of `w`, named after its position.
fn matcher(i: usize, w: &Window) -> String {
    format!("@planb_window_{}_{}", i + 1, w.mode.name())
}

fn condition(w: &Window) -> String {
    format!(
        "int({{time.now.unix}}) >= {} && int({{time.now.unix}}) < {}",
        w.from, w.until
    )
}

/// The overflow windows, for the top of the `route`, before the mode file.
pub fn before_mode(site: &EdgeSite) -> String {
    // Without an overflow page, the 503 page answers, as in the overflow mode file.
    let page = site.overflow_or_503();
    let mut out = String::new();
    for (i, w) in windows(site, ScheduledMode::Overflow) {
        if out.is_empty() {
            for line in header("#").lines() {
                let _ = writeln!(out, "\t{line}");
            }
        }
        let name = matcher(i, w);
        let _ = writeln!(
            out,
            "\t# {}\n\t{name} expression `{}`\n\thandle {name} {{",
            describe(w),
            condition(w)
        );
        match page {
            Some(page) => serve_at(&mut out, 2, site, page, Some(page.status), true),
            None => out.push_str("\t\terror 503\n"),
        }
        out.push_str("\t}\n");
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The landing windows, after the mode file.
pub fn after_mode(site: &EdgeSite) -> String {
    let Some(landing) = site.landing() else {
        return String::new();
    };
    let mut out = String::new();
    for (i, w) in windows(site, ScheduledMode::Landing) {
        let name = matcher(i, w);
        let _ = writeln!(
            out,
            "\t# {} (the schedule: see above)\n\t{name} {{\n\t\tpath /\n\t\texpression `{}`\n\t}}\n{}\tredir {name} {} 302",
            describe(w),
            condition(w),
            super::language::redirect_vary(site, &name, "\t"),
            super::language::landing_url(site, landing)
        );
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn windows(site: &EdgeSite, mode: ScheduledMode) -> impl Iterator<Item = (usize, &Window)> {
    site.schedule
        .iter()
        .enumerate()
        .filter(move |(_, w)| w.mode == mode)
}
