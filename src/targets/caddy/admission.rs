//! Admission control in Caddy (`[shield] capacity`): two `reverse_proxy` handlers to the same
//! upstream, one for visitors holding a fresh admission cookie (admitted while fewer than
//! `capacity` requests are in flight), one for the others (while fewer than `strangers`), which
//! also issues the cookie on the answers it lets through. Beyond, Caddy answers its own 503 at
//! once, which `handle_errors` serves as the overflow page.
//!
//! The traps this avoids (proven against the real Caddy by `tests/edge_caddy_shield.rs`):
//! - Caddy keeps one in-flight count per upstream address, shared by every `reverse_proxy`
//!   naming it: the two thresholds apply to the same total, so the total never passes
//!   `capacity` and strangers never take the reserved share.
//! - `unhealthy_request_count` without `fail_duration` answers 503 to every request, even with
//!   nothing in flight (Caddy 2.6): `fail_duration 1s` is required. It also makes a failed dial
//!   mark the application down for that second, answered with the overflow page at once.
//! - `lb_try_duration 0`: a full upstream is refused at once, never queued.
//! - CEL sees placeholders as untyped: the cookie and the clock need `string()`/`int()`.
//! - Caddy cannot sign (no HMAC in its placeholders or CEL): the cookie holds its issue time,
//!   and a forged one gains at most the reserved share (the README says so).
//! - The application's own 503 must keep the 503 page: it is served inside `handle_response`
//!   (`snippet.rs`), so that Caddy's own 503 alone reaches `handle_errors` as the overflow.

use std::fmt::Write as _;

use crate::targets::shield::{Admission, COOKIE};

/// The matcher of visitors holding a cookie issued less than `admitted_for` seconds ago.
pub const HOLDER: &str = "@planb_admitted";

/// The named matcher, written before the two handlers.
pub fn holder_matcher(out: &mut String, a: &Admission) {
    let cookie = format!("string({{http.request.cookie.{COOKIE}}})");
    let _ = writeln!(
        out,
        "\t# Admitted visitors: a cookie holding the time it was issued, less than {for_} s ago.\n\
         \t{HOLDER} expression `{cookie}.matches(\"^[0-9]{{1,12}}$\") && int({cookie}) + {for_} > int(string({{time.now.unix}}))`",
        for_ = a.admitted_for
    );
}

/// The lines inside a `reverse_proxy` that let at most `limit` requests in flight.
pub fn limit(out: &mut String, limit: u32) {
    let _ = writeln!(
        out,
        "\t\t# At most {limit} in flight (all handlers together); beyond: Caddy's 503 at once.\n\
         \t\tunhealthy_request_count {limit}\n\
         \t\tfail_duration 1s\n\
         \t\tlb_try_duration 0"
    );
}

/// The cookie the strangers' handler issues on the answers it lets through.
pub fn issue_cookie(out: &mut String, a: &Admission) {
    let _ = writeln!(
        out,
        "\t\theader_down +Set-Cookie \"{COOKIE}={{time.now.unix}}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax\"",
        a.admitted_for
    );
}
