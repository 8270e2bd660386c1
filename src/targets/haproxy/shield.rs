//! The shield in HAProxy's syntax: admission control with priority for admitted visitors, their
//! signed cookie, and what HAProxy's cache cannot do (so planb writes none).
//!
//! Traps avoided:
//! - the admission check runs in the *backend* (`planb-backend.snippet`), where the request has
//!   already been counted in `be_conn`: count first, then compare, so two requests racing on two
//!   threads can never both slip under the limit (a frontend check reads the count before it grows);
//! - the expiry is stored with `set-var-fmt` (a string): `set-var … date(N)` stores an integer, and
//!   `hmac` of an integer hashes its binary form, so the cookie would never verify;
//! - the secret comes from HAProxy's environment (`PLANB_ADMISSION_SECRET`, the same as nginx's,
//!   signed the same way), never from the bundle: two builds stay byte-identical and nothing
//!   secret is pushed with `public/`; HAProxy refuses to start without it (`.alert`) instead of
//!   signing with an empty key; `hmac` takes its key in base64, hence `,base64` on the text;
//! - `secure_memcmp` compares signatures in constant time;
//! - HAProxy's cache (2.6) keeps no stale copy, does not collapse misses, and stores answers that
//!   carry `Set-Cookie`: planb writes no cache for it rather than a cache that is not stale-first.

use std::fmt::Write as _;

use super::replies::Reply;
use crate::targets::EdgeSite;
use crate::targets::shield::{COOKIE, SECRET_MIN, ShieldSupport, Support};

/// The environment variable holding the secret the admission cookie is signed with.
pub(super) use crate::targets::shield::SECRET_ENV as SECRET;

pub(super) const SUPPORT: ShieldSupport = ShieldSupport {
    admission: Support::Approximate(
        "HAProxy counts the requests in flight per process: for the seconds an old process drains \
         after a reload, the application can get up to twice `capacity`",
    ),
    cache: Support::None(
        "HAProxy's cache keeps no stale copy when the application fails and does not collapse \
         concurrent misses, so planb writes no cache for HAProxy: the routes go to the application \
         like any other; put Varnish or nginx in front of them for stale-first",
    ),
};

/// The `global` lines the admission cookie needs, or nothing without admission.
pub(super) fn global_lines(site: &EdgeSite) -> String {
    if site.shield.admission.is_none() {
        return String::new();
    }
    format!(
        "    # The admission cookie's signing key: the environment variable {SECRET} (at least\n    \
             # {SECRET_MIN} characters, e.g. `openssl rand -base64 32`), see README.md. No key, no start.\n\
         .if !defined({SECRET})\n    \
             .alert \"planb: {SECRET} is not set in HAProxy's environment (see README.md)\"\n\
         .endif\n    \
             set-var proc.planb_key str(\"${{{SECRET}}}\"),base64\n"
    )
}

/// The frontend lines that tell an admitted visitor: a cookie signed with the key, not expired.
pub(super) fn cookie_check(s: &mut String, site: &EdgeSite) {
    if site.shield.admission.is_none() {
        return;
    }
    let _ = write!(
        s,
        "\n# Admitted visitors: the cookie {COOKIE}=<expiry>.<base64url HMAC-SHA256(key, expiry)>,\n\
         # valid while its expiry (epoch seconds) is ahead. Anything else is a stranger.\n\
         http-request set-var(txn.planb_now) date\n\
         http-request set-var(txn.planb_exp) req.cook({COOKIE}),field(1,.)\n\
         http-request set-var(txn.planb_sig) req.cook({COOKIE}),field(2,.)\n\
         http-request set-var(txn.planb_calc) var(txn.planb_exp),hmac(sha256,proc.planb_key),ub64enc if {{ var(txn.planb_exp) -m found }}\n\
         http-request set-var(txn.planb_admitted) bool(true) if {{ var(txn.planb_sig),secure_memcmp(txn.planb_calc) }} {{ var(txn.planb_exp),sub(txn.planb_now) gt 0 }}\n"
    );
}

/// `planb-backend.snippet`: the lines for the backend of the application. `overflow` is the
/// overflow page's file, if the site has one.
pub(super) fn backend_snippet(site: &EdgeSite, replies: &[Reply]) -> String {
    let mut s = format!(
        "# planb: paste these lines into the backend of your application, and add to its server\n\
         # line: {} (see README.md). Relative paths are relative to the folder of this file.\n\
         \n\
         # A dead application answers at once: no retry (HAProxy waits 1 s before each one); the\n\
         # health check marks the server down within 2 s, then every request gets the 503 page\n\
         # without trying to connect.\n\
         retries 0\n",
        server_options(site)
    );
    s.push_str(&super::language::down(site, replies));
    let Some(a) = site.shield.admission else {
        return s;
    };
    let refuse = |cond: &str| match site.overflow() {
        Some(page) => super::language::refusals(site, replies, page, cond),
        None => format!("http-request return status 503 default-errorfiles if {cond}\n"),
    };
    let _ = write!(
        s,
        "\n# Admission: at most {capacity} requests in the application at once (shield.capacity), of\n\
         # which {strangers} for visitors without a valid cookie; beyond, the overflow page at once.\n\
         # be_conn already counts this request, hence `gt`.\n\
         {all}{strangers_rule}\
         # Backstop: the server line's `maxconn {capacity}`; a request queued there waits 1 s at most.\n\
         timeout queue 1s\n\
         \n\
         # Visitors let through without a valid cookie get one for {for_} s (shield.admitted_for),\n\
         # never on an answer a shared cache may store (a CDN would hand it to everyone): `hdr`\n\
         # splits Cache-Control at its commas.\n\
         http-request set-var-fmt(txn.planb_new) \"%[date({for_})]\" if !{{ var(txn.planb_admitted) -m bool }}\n\
         http-response add-header Set-Cookie \"{COOKIE}=%[var(txn.planb_new)].%[var(txn.planb_new),hmac(sha256,proc.planb_key),ub64enc]; Max-Age={for_}; Path=/; HttpOnly; SameSite=Lax\" if !{{ var(txn.planb_admitted) -m bool }} {{ status lt 400 }} !{{ res.hdr(cache-control) -m reg -i ^(public|s-maxage) }}\n",
        capacity = a.capacity,
        strangers = a.strangers,
        for_ = a.admitted_for,
        all = refuse(&format!("{{ be_conn gt {} }}", a.capacity)),
        strangers_rule = refuse(&format!(
            "{{ be_conn gt {} }} !{{ var(txn.planb_admitted) -m bool }}",
            a.strangers
        )),
    );
    s
}

/// The options planb adds to the application's `server` line.
pub(super) fn server_options(site: &EdgeSite) -> String {
    let mut o = String::from("check inter 1s fall 2 rise 1");
    if let Some(a) = site.shield.admission {
        let _ = write!(o, " maxconn {}", a.capacity);
    }
    o
}
