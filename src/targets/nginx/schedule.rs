//! `[[schedule]]` for nginx, which has no arithmetic: a `map` on `$msec` (seconds since the epoch,
//! a dot, milliseconds: the same instant whatever the server's time zone, unlike
//! `$time_iso8601`) whose regular expressions match exactly the seconds of each window, then a
//! second `map` that leaves the overflow page's own URL alone (the redirect to it must not loop).
//! At server level, a window's mode rewrites the request to an internal location that answers as
//! the mode file would: the overflow page with 503, or the home's 302 to the landing page.
//!
//! Traps avoided: map values are cached for the request, and an `error_page` redirect runs the
//! server's rewrites again with the new `$uri`: the second map is `volatile`. The mode file's own
//! `return 503` comes first, so a stronger mode switched by hand holds through a window.

use std::fmt::Write as _;

use super::language;
use crate::config::schedule::ScheduledMode;
use crate::targets::EdgeSite;
use crate::targets::schedule::{describe, header};

/// The internal locations a window's request is rewritten to, under the prefix.
fn internal(site: &EdgeSite, mode: ScheduledMode) -> String {
    format!(
        "{}/__scheduled-{}",
        site.edge.prefix.trim_end_matches('/'),
        mode.name()
    )
}

/// The maps, for `http {}`; empty without a schedule.
pub fn http_text(site: &EdgeSite) -> String {
    if site.schedule.is_empty() {
        return String::new();
    }
    let mut s = format!("\n{}", header("#"));
    s.push_str("map $msec $planb_window {\n");
    for w in &site.schedule {
        let _ = writeln!(
            s,
            "    # {}\n    \"~^(?:{})\\.\" {};",
            describe(w),
            seconds_regex(w.from, w.until),
            w.mode.name()
        );
    }
    s.push_str("    default \"\";\n}\n");
    s.push_str("# What the window does to this request: nothing to the overflow page's own URL.\n");
    s.push_str("map \"$planb_window|$uri\" $planb_scheduled {\n    volatile;\n");
    if let Some(o) = site.overflow_or_503() {
        for url in super::language::uris(o) {
            let _ = writeln!(s, "    \"overflow|{url}\" \"\";");
        }
    }
    s.push_str("    \"~^overflow\\|\" overflow;\n");
    s.push_str("    \"landing|/\" landing;\n    default \"\";\n}\n");
    s
}

/// The rewrites and the internal locations, for the top of the `server {}` snippet.
pub fn server_text(site: &EdgeSite) -> String {
    if site.schedule.is_empty() {
        return String::new();
    }
    let mut s = format!("\n{}", header("#"));
    s.push_str("# (the windows are in planb-http.conf).\n");
    for mode in [ScheduledMode::Overflow, ScheduledMode::Landing] {
        let _ = writeln!(
            s,
            "if ($planb_scheduled = {}) {{\n    rewrite ^ {} last;\n}}",
            mode.name(),
            internal(site, mode)
        );
    }
    // Without an overflow page, the 503 page answers, as in the overflow mode file; without
    // either, nginx's own 503.
    if let Some(o) = site.overflow_or_503() {
        // A location's own error_page drops the server's: the 404 page is named again for a
        // visitor who asks for this internal URL.
        let not_found = site
            .error_page(404)
            .map(|p| format!("    error_page 404 {};\n", language::uri(site, p)))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "location = {} {{\n    internal;\n{not_found}    error_page {} {};\n    return {};\n}}",
            internal(site, ScheduledMode::Overflow),
            o.status,
            language::uri(site, o),
            o.status
        );
    } else {
        let _ = writeln!(
            s,
            "location = {} {{\n    internal;\n    return 503;\n}}",
            internal(site, ScheduledMode::Overflow)
        );
    }
    if let Some(l) = site.landing() {
        let _ = writeln!(
            s,
            "location = {} {{\n    internal;\n    absolute_redirect off;\n    add_header Cache-Control \"no-store\" always;\n{}    return 302 {};\n}}",
            internal(site, ScheduledMode::Landing),
            language::redirect_vary(site, "    "),
            language::uri(site, l)
        );
    }
    s
}

/// A regular expression matching exactly the decimal integers of `[from, until)`, written
/// without leading zeros: alternatives of digits and digit ranges, split where the numbers'
/// length changes.
pub fn seconds_regex(from: i64, until: i64) -> String {
    let mut parts = Vec::new();
    let (mut lo, hi) = (from.max(0) as u64, (until.max(1) - 1) as u64);
    while lo <= hi {
        let digits = lo.to_string().len() as u32;
        let top = 10u64.saturating_pow(digits) - 1;
        let end = hi.min(top);
        same_length(&lo.to_string(), &end.to_string(), &mut parts);
        if end == u64::MAX {
            break;
        }
        lo = end + 1;
    }
    parts.join("|")
}

/// The alternatives for `[lo, hi]`, two numbers of the same length.
fn same_length(lo: &str, hi: &str, out: &mut Vec<String>) {
    let common = lo
        .bytes()
        .zip(hi.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let (prefix, lo, hi) = (&lo[..common], &lo[common..], &hi[common..]);
    if lo.is_empty() {
        out.push(prefix.to_owned());
        return;
    }
    let (a, b) = (lo.as_bytes()[0] - b'0', hi.as_bytes()[0] - b'0');
    let rest = lo.len() - 1;
    let any = "[0-9]".repeat(rest);
    if lo[1..].bytes().all(|c| c == b'0') && hi[1..].bytes().all(|c| c == b'9') {
        out.push(format!("{prefix}{}{any}", class(a, b)));
        return;
    }
    // From lo to the end of its first digit, the whole digits between, then up to hi.
    let mut low = Vec::new();
    same_length(lo, &format!("{a}{}", "9".repeat(rest)), &mut low);
    out.extend(low.into_iter().map(|p| format!("{prefix}{p}")));
    if b > a + 1 {
        out.push(format!("{prefix}{}{any}", class(a + 1, b - 1)));
    }
    let mut high = Vec::new();
    same_length(&format!("{b}{}", "0".repeat(rest)), hi, &mut high);
    out.extend(high.into_iter().map(|p| format!("{prefix}{p}")));
}

fn class(a: u8, b: u8) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("[{a}-{b}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `n` matches one alternative of `regex` whole (the only syntax it writes: digits
    /// and `[a-b]`).
    fn matches(regex: &str, n: u64) -> bool {
        let n = n.to_string();
        regex.split('|').any(|alt| {
            let mut classes = Vec::new();
            let mut chars = alt.chars();
            while let Some(c) = chars.next() {
                if c == '[' {
                    let a = chars.next().unwrap();
                    chars.next();
                    let b = chars.next().unwrap();
                    chars.next();
                    classes.push((a, b));
                } else {
                    classes.push((c, c));
                }
            }
            classes.len() == n.len()
                && classes
                    .iter()
                    .zip(n.chars())
                    .all(|(&(a, b), d)| a <= d && d <= b)
        })
    }

    #[test]
    fn the_regex_matches_exactly_the_seconds_of_the_window() {
        let ranges = [
            (0, 1),
            (5, 6),
            (7, 130),
            (99, 1001),
            (120, 121),
            (1234, 5678),
            (900, 910),
            (1000, 2000),
        ];
        for (from, until) in ranges {
            let r = seconds_regex(from, until);
            for n in 0..6000u64 {
                let inside = (from as u64..until as u64).contains(&n);
                assert_eq!(matches(&r, n), inside, "{n} in [{from}, {until}): {r}");
            }
        }
        // A real window stays short: 45 minutes on show night.
        let r = seconds_regex(1_773_258_900, 1_773_261_600);
        assert!(r.split('|').count() <= 18, "{r}");
        assert!(matches(&r, 1_773_258_900) && matches(&r, 1_773_261_599));
        assert!(!matches(&r, 1_773_258_899) && !matches(&r, 1_773_261_600));
    }
}
