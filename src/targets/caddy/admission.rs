//! Admission control in Caddy (`[shield] capacity`): the capacity cut into two shares, each its
//! own `reverse_proxy` to the application: visitors holding a fresh admission cookie get
//! `capacity - strangers` requests in flight (the reserved share), everybody else `strangers`, and
//! they get the cookie with the answers let through. A request beyond its share gets Caddy's own
//! 503 at once, which `handle_errors` serves as the overflow page.
//!
//! The traps this avoids (proven against the real Caddy by `tests/edge_caddy_shield.rs`):
//! - Caddy's count of requests in flight (`unhealthy_request_count`) is read when the upstream is
//!   chosen and raised only later, without a lock (Caddy 2.6, `reverseproxy.go`: `Select`, then
//!   `countRequest(1)` in `reverseProxy`): under a burst many requests read it below the limit
//!   together (`bench/shield` saw 424 in flight for 50). It stays, as the refusal at once; the cap
//!   is each transport's `max_conns_per_host`, Go's `Transport.MaxConnsPerHost`, counted under a
//!   lock: never more connections, so never more requests, and a request that got past the count
//!   waits in line for one of them (there is no timer on that wait in Caddy 2.6: `dial_timeout`
//!   starts with the dial, `response_header_timeout` once the request is sent).
//! - Each handler has its own transport, so the caps can only be fixed shares that add up to
//!   `capacity`: a holder cannot borrow the strangers' idle share, as Caddy chooses the handler
//!   before it counts and a refusal inside `handle_errors` has no page (the README says so).
//! - Caddy keeps one count per upstream address, shared by every handler naming it: the holders'
//!   handler names the application `tcp/HOST:PORT`, the same socket spelled another way, so each
//!   share counts only its own requests and refuses at once when it is full.
//! - `flush_interval -1` is the one setting that makes Caddy 2.6 keep the request to the
//!   application when the visitor goes away: otherwise the connection is closed and reused while
//!   the application still works on the abandoned request, one more than the cap for each
//!   impatient visitor.
//! - `unhealthy_request_count` without `fail_duration` answers 503 to every request, even with
//!   nothing in flight (Caddy 2.6): `fail_duration 1s` is required. It also makes a failed dial
//!   mark the application down for that second, answered with the overflow page at once.
//! - `lb_try_duration 0`: a full share is refused at once, never retried.
//! - CEL sees placeholders as untyped: the cookie and the clock need `string()`/`int()`.
//! - Caddy cannot sign (no HMAC in its placeholders or CEL): the cookie holds its issue time,
//!   and a forged one gains at most the reserved share (the README says so).
//! - The application's own 503 must keep the 503 page: it is served inside `handle_response`
//!   (`snippet.rs`), so that Caddy's own 503 alone reaches `handle_errors` as the overflow.

use std::fmt::Write as _;

use crate::targets::shield::{Admission, COOKIE};

/// The matcher of visitors holding a cookie issued less than `admitted_for` seconds ago.
pub const HOLDER: &str = "@planb_admitted";

/// The requests the holders' share may have in flight (0: there is no such share).
pub fn reserved(a: &Admission) -> u32 {
    a.capacity - a.strangers
}

/// How the holders' handler names `upstream`: the same socket, under its own count.
pub fn holders_address(upstream: &str) -> String {
    format!("tcp/{upstream}")
}

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

/// The lines inside a `reverse_proxy` that refuse at once when `share` requests are in flight.
pub fn refusal(out: &mut String, share: u32) {
    let _ = writeln!(
        out,
        "\t\t# This share: {share} in flight. Beyond, Caddy's 503 at once (its count can be passed\n\
         \t\t# by a burst: max_conns_per_host below is the cap, the others wait for a connection).\n\
         \t\tunhealthy_request_count {share}\n\
         \t\tfail_duration 1s\n\
         \t\tlb_try_duration 0\n\
         \t\t# A visitor who leaves keeps the slot until the application has answered.\n\
         \t\tflush_interval -1"
    );
}

/// The line inside `transport http` that caps the share's connections, hence its requests.
pub fn cap(out: &mut String, share: u32) {
    let _ = writeln!(out, "\t\t\tmax_conns_per_host {share}");
}

/// The cookie the strangers' handler issues on the answers it lets through (2xx, 3xx), never on
/// one a shared cache may store (`public`, `s-maxage`: a CDN in front would hand it to everyone).
/// `header_down` has no condition in a Caddyfile, so these are `handle_response` routes, written
/// after the error statuses' routes (the first that matches wins): a shared answer is copied
/// as it is, any other gets the cookie, then is copied.
pub fn issue_cookie(out: &mut String, a: &Admission) {
    let _ = writeln!(
        out,
        "\t\t# The admission cookie, never on an answer a shared cache may store.\n\
         \t\t@planb_shared {{\n\
         \t\t\tstatus 2xx 3xx\n\
         \t\t\theader Cache-Control *public*\n\
         \t\t\theader Cache-Control *s-maxage*\n\
         \t\t}}\n\
         \t\thandle_response @planb_shared {{\n\
         \t\t\tcopy_response\n\
         \t\t}}\n\
         \t\t@planb_let_in status 2xx 3xx\n\
         \t\thandle_response @planb_let_in {{\n\
         \t\t\theader +Set-Cookie \"{COOKIE}={{time.now.unix}}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax\"\n\
         \t\t\tcopy_response\n\
         \t\t}}",
        a.admitted_for
    );
}
