//! The shield in VCL: admission control (`shield.capacity`) and stale-first caching
//! (`[[shield.cache]]`), written into `planb.vcl` around planb's own subroutines, and the backends
//! they need (`planb-backends.vcl`).
//!
//! Admission: a strict count of the requests in flight to the application, in two token buckets
//! of vsthrottle (Debian's `varnish-modules`): `capacity` tokens for everyone, and `strangers` of
//! them for visitors without a valid admission cookie. A fetch takes its tokens in
//! `vcl_backend_fetch`, where the request is about to be sent: a member one of the capacity's, a
//! stranger one of the strangers' and one of the capacity's; a fetch that cannot gets the overflow
//! page at once (`return (error(503))`). The first thing `vcl_backend_response` and
//! `vcl_backend_error` do is give them back (`planb_admission_release`), so every way a fetch
//! ends (an answer, a failure, a retry, an abandoned background fetch) returns them exactly once.
//! The class travels as the backend (`planb_members`, `planb_strangers`: the same application),
//! which a retry keeps; what a fetch holds is a task variable (vmod `var`), never a header the
//! application would see.
//!
//! Traps avoided: Varnish's own `.max_connections` is no cap under a burst (7.1's
//! `vbe_dir_getfd` compares the count before connecting and counts the connection after, so
//! concurrent fetches all pass), and it counts a connection until the body is read, after the
//! tokens are back: the backends have none. vsthrottle is a rate limiter that refills
//! `limit` tokens per `period` and forgets a bucket unused for `period`: here the period is
//! `limit` × `REFILL_DAYS` days, so a refill (a token nobody returned) needs a token held that
//! long with no other fetch admitted meanwhile, and the bucket is never forgotten while held.
//! The admission cookie (who holds a valid one, who gets one) is `cookie`. The built-in VCL
//! passes any request with a `Cookie` (an analytics cookie would defeat the cache), so a cached
//! route drops the cookies of the requests it caches, after sending those with a session cookie or `Authorization` to the application; a
//! cached answer's background refresh that fails is abandoned (see `backend`), or the stale copy
//! would serve one visitor only.

use std::fmt::Write as _;

use super::language::set_page;
use super::vcl::{reason, string};
use crate::targets::EdgeSite;
use crate::targets::shield::{Admission, CachedRoute};

/// The visitor's class header, which the cookie's VCL sets (see `cookie.rs`).
pub(super) use super::cookie::CLASS_HEADER;

/// The task variable (vmod `var`) that says what a fetch holds: `member` (a token of the
/// capacity's bucket), `stranger` (one of the strangers' bucket too), `refused`, or nothing.
const HELD: &str = "planb_admission";

/// A bucket's period is its limit times this many days: vsthrottle adds `limit` tokens per
/// `period`, so one token comes back by itself only after a token was held this long with no
/// other fetch admitted in between (see `Bucket`).
pub(super) const REFILL_DAYS: u64 = 365;

/// One of the two token buckets, as vsthrottle's arguments: a bucket is its key, limit and
/// period together, so every call writes the three the same way.
struct Bucket {
    key: &'static str,
    limit: u32,
}

impl Bucket {
    fn capacity(a: Admission) -> Bucket {
        Bucket {
            key: "planb capacity",
            limit: a.capacity,
        }
    }

    fn strangers(a: Admission) -> Bucket {
        Bucket {
            key: "planb strangers",
            limit: a.strangers,
        }
    }

    /// `key, limit, period`.
    fn args(&self) -> String {
        format!(
            "\"{}\", {}, {}d",
            self.key,
            self.limit,
            u64::from(self.limit) * REFILL_DAYS
        )
    }
}

/// The lines of `planb.vcl` that import the vmods admission needs, when it is asked for.
pub(super) fn imports(site: &EdgeSite) -> &'static str {
    if site.shield.admission.is_none() {
        return "";
    }
    // varnishd -C prints the line it cannot load, comment included: the way out is in it.
    "# Admission control (shield.capacity) counts requests in flight with vsthrottle and var,\n\
     # and signs its cookie with digest.\n\
     import vsthrottle; # from Debian's varnish-modules: apt-get install varnish-modules\n\
     import var; # from Debian's varnish-modules: apt-get install varnish-modules\n\
     import digest; # from Debian's varnish-vmod-digest: apt-get install varnish-vmod-digest\n"
}

/// Cookies that make a request private: it is never cached, whatever its route.
pub(super) const SESSION_COOKIES: &[&str] = &[
    "sid",
    "session",
    "sessionid",
    "PHPSESSID",
    "JSESSIONID",
    "connect.sid",
];

/// The shield's backends, for `planb-backends.vcl`: `host`, `port` and the timeouts of `edge`.
pub(super) fn backends(site: &EdgeSite, host: &str, port: &str) -> Option<String> {
    let plan = &site.shield;
    if plan.admission.is_none() && plan.cache.is_empty() {
        return None;
    }
    let timeout = site.edge.timeout;
    let backend = |name: &str, why: &str| {
        format!(
            "\n# {why}\nbackend {name} {{\n    .host = {host};\n    .port = \"{port}\";\n    \
             .connect_timeout = {timeout}s;\n    .first_byte_timeout = {timeout}s;\n    \
             .between_bytes_timeout = {timeout}s;\n}}\n",
            host = string(host),
        )
    };
    let mut s = String::from(
        "# planb's shield: the backends planb.vcl sends the application's requests to, all on the\n\
         # same application. Include this file before planb.vcl (see README.md).\n",
    );
    if let Some(a) = plan.admission {
        // No .max_connections: Varnish checks it before connecting and counts after, so a burst
        // passes it; planb.vcl counts with tokens instead.
        s.push_str(&backend(
            "planb_strangers",
            &format!(
                "Visitors without a valid admission cookie: {} in flight at most (planb.vcl counts).",
                a.strangers
            ),
        ));
        s.push_str(&backend(
            "planb_members",
            &format!(
                "Admitted visitors: up to all {} of capacity (planb.vcl counts).",
                a.capacity
            ),
        ));
    }
    if !plan.cache.is_empty() {
        s.push_str(&backend(
            "planb_cache",
            "Fetches of [[shield.cache]] routes: one per URL at once (Varnish collapses misses).",
        ));
    }
    Some(s)
}

/// `prefix` as the start of a VCL regular expression on `req.url`.
fn prefix_regex(prefix: &str) -> String {
    let mut out = String::from("^");
    for c in prefix.chars() {
        if !(c.is_ascii_alphanumeric() || c == '/') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The end of `vcl_recv`, after planb's pages: cached routes, then admission.
pub(super) fn recv(s: &mut String, site: &EdgeSite) {
    let plan = &site.shield;
    if !plan.cache.is_empty() {
        let sessions = SESSION_COOKIES
            .iter()
            .map(|c| c.replace('.', "\\."))
            .collect::<Vec<_>>()
            .join("|");
        s.push_str(
            "    # [[shield.cache]]: public GET/HEAD answers cached stale-first; private requests\n    \
             # (Authorization, a session cookie) and other methods go on to the application.\n",
        );
        for route in &plan.cache {
            let _ = write!(
                s,
                "    if (req.url ~ {re} && (req.method == \"GET\" || req.method == \"HEAD\")\n        \
                     && !req.http.Authorization\n        \
                     && req.http.Cookie !~ \"(?i)(^|;\\s*)({sessions})=\") {{\n        \
                         # Any other cookie would make the built-in VCL pass.\n        \
                         unset req.http.Cookie;\n        \
                         set req.backend_hint = planb_cache;\n        \
                         return (hash);\n    \
                     }}\n",
                re = string(&prefix_regex(&route.path)),
            );
        }
    }
    if let Some(a) = plan.admission {
        super::cookie::recv(s, a);
    }
}

/// `vcl_backend_fetch`: the visitor's class is planb's, never the application's; with admission,
/// the fetch takes its tokens or is refused.
pub(super) fn backend_fetch(s: &mut String, site: &EdgeSite) {
    let Some(a) = site.shield.admission else {
        return;
    };
    let (capacity, strangers) = (Bucket::capacity(a).args(), Bucket::strangers(a).args());
    let _ = write!(
        s,
        "\n# Admission: a fetch to the application takes its tokens here, where it is about to be\n\
         # sent (cache hits and planb's pages take none), or gets the overflow page at once. A\n\
         # member takes one of the {c} of capacity; a stranger one of the {st} strangers' first.\n\
         # vcl_backend_response and vcl_backend_error give them back first thing.\n\
         sub vcl_backend_fetch {{\n    \
             unset bereq.http.{CLASS_HEADER};\n    \
             # Nothing is held here (a retry gave its tokens back already): this only makes sure.\n    \
             call planb_admission_release;\n    \
             var.set(\"{HELD}\", \"\");\n    \
             if (bereq.backend == planb_strangers) {{\n        \
                 if (vsthrottle.is_denied({strangers})) {{\n            \
                     var.set(\"{HELD}\", \"refused\");\n            \
                     return (error(503));\n        \
                 }}\n        \
                 if (vsthrottle.is_denied({capacity})) {{\n            \
                     vsthrottle.return_token({strangers});\n            \
                     var.set(\"{HELD}\", \"refused\");\n            \
                     return (error(503));\n        \
                 }}\n        \
                 var.set(\"{HELD}\", \"stranger\");\n    \
             }} elsif (bereq.backend == planb_members) {{\n        \
                 if (vsthrottle.is_denied({capacity})) {{\n            \
                     var.set(\"{HELD}\", \"refused\");\n            \
                     return (error(503));\n        \
                 }}\n        \
                 var.set(\"{HELD}\", \"member\");\n    \
             }}\n\
         }}\n",
        c = a.capacity,
        st = a.strangers,
    );
}

/// `planb_admission_release`: gives back what the fetch holds, once (it then holds nothing).
/// Before `planb.vcl`'s subroutines, which call it.
pub(super) fn release(s: &mut String, site: &EdgeSite) {
    let Some(a) = site.shield.admission else {
        return;
    };
    let _ = write!(
        s,
        "\n# What a fetch holds, given back once: called first by every subroutine a fetch ends in.\n\
         sub planb_admission_release {{\n    \
             if (var.get(\"{HELD}\") == \"stranger\") {{\n        \
                 vsthrottle.return_token({strangers});\n        \
                 var.set(\"{HELD}\", \"member\");\n    \
             }}\n    \
             if (var.get(\"{HELD}\") == \"member\") {{\n        \
                 vsthrottle.return_token({capacity});\n        \
                 var.set(\"{HELD}\", \"returned\");\n    \
             }}\n\
         }}\n",
        capacity = Bucket::capacity(a).args(),
        strangers = Bucket::strangers(a).args(),
    );
}

/// The first line of `vcl_backend_response` and `vcl_backend_error`: the fetch's tokens back.
pub(super) fn release_call(s: &mut String, site: &EdgeSite) {
    if site.shield.admission.is_some() {
        s.push_str(
            "    # The application answered, or the fetch failed: its admission tokens go back.\n    \
             call planb_admission_release;\n",
        );
    }
}

/// The end of `vcl_backend_response`: a cached route's answer kept under its policy.
pub(super) fn backend_response(s: &mut String, site: &EdgeSite) {
    for route in &site.shield.cache {
        cached_response(s, route);
    }
}

fn cached_response(s: &mut String, route: &CachedRoute) {
    let p = route.policy;
    let grace = p
        .stale_while_revalidate
        .unwrap_or(0)
        .max(p.stale_if_error.unwrap_or(0));
    let _ = write!(
        s,
        "    # {path}: kept {ttl} s, then served stale up to {grace} s more (the longer of\n    \
         # stale_while_revalidate and stale_if_error) while a refresh runs or fails.\n    \
         if (bereq.url ~ {re}) {{\n        \
             if (beresp.http.Set-Cookie) {{\n            \
                 # Never shared: not stored, and the next requests go straight through.\n            \
                 set beresp.ttl = 120s;\n            \
                 set beresp.uncacheable = true;\n            \
                 return (deliver);\n        \
             }}\n        \
             if (beresp.status == 200) {{\n            \
                 set beresp.ttl = {ttl}s;\n            \
                 set beresp.grace = {grace}s;\n            \
                 set beresp.keep = 0s;\n        \
             }}\n    \
         }}\n",
        path = route.path,
        ttl = p.edge_ttl(),
        re = string(&prefix_regex(&route.path)),
    );
}

/// The start of `vcl_backend_error` (after the background-fetch guard): a fetch refused by
/// admission answers the overflow page.
pub(super) fn backend_error(s: &mut String, site: &EdgeSite) {
    if site.shield.admission.is_none() {
        return;
    }
    let _ = writeln!(
        s,
        "    # Refused by admission (vcl_backend_fetch): the overflow page, at once. A fetch that\n    \
         # failed (the application down, too slow) gets the error page below, as without it.\n    \
         if (var.get(\"{HELD}\") == \"refused\") {{"
    );
    match site.overflow_or_503() {
        Some(page) => {
            let _ = writeln!(s, "        set beresp.status = {};", page.status);
            let _ = writeln!(
                s,
                "        set beresp.reason = \"{}\";",
                reason(page.status)
            );
            set_page(s, site, page, "        ");
        }
        None => s.push_str("        set beresp.status = 503;\n"),
    }
    s.push_str(
        "        set beresp.ttl = 0s;\n        \
         set beresp.uncacheable = true;\n        \
         return (deliver);\n    \
         }\n",
    );
}
