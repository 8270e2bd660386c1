//! The shield in VCL: admission control (`shield.capacity`) and stale-first caching
//! (`[[shield.cache]]`), written into `planb.vcl` around planb's own subroutines, and the backends
//! they need (`planb-backends.vcl`).
//!
//! Admission: two backends on the same application, `planb_strangers` (`.max_connections` =
//! strangers) and `planb_members` (`.max_connections` = capacity − strangers). Varnish 7.1 has no
//! wait queue: a fetch past `.max_connections` fails at once, in `vcl_backend_error`, where a
//! member refused by its own share tries the strangers' share once and anyone else gets the
//! overflow page. So the total never exceeds capacity and a member gets up to all of it.
//!
//! Traps avoided: Varnish has no HMAC (the cookie is unsigned: the README says what a forged one
//! gains); a retry after a timeout would send a request (a POST) twice, so only a fetch that
//! failed at once is retried; `set resp.http.Set-Cookie` replaces the application's own cookies,
//! so the admission cookie is issued only on answers that set none; the built-in VCL passes any
//! request with a `Cookie` (an analytics cookie would defeat the cache), so a cached route drops
//! the cookies of the requests it caches, after sending those with a session cookie or
//! `Authorization` to the application; a cached answer's background refresh that fails is
//! abandoned (see `backend`), or the stale copy would serve one visitor only.

use std::fmt::Write as _;

use super::vcl::{path_of, reason, set_headers, string};
use crate::targets::EdgeSite;
use crate::targets::shield::{Admission, COOKIE, CachedRoute};

/// The request header that carries a visitor's class from `vcl_recv` to `vcl_deliver`; removed
/// from every incoming request and never sent to the application.
pub(super) const CLASS_HEADER: &str = "X-Planb-Admission";

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
    let backend = |name: &str, max: Option<u32>, why: &str| {
        let max = max
            .map(|m| format!("    .max_connections = {m};\n"))
            .unwrap_or_default();
        format!(
            "\n# {why}\nbackend {name} {{\n    .host = {host};\n    .port = \"{port}\";\n{max}    \
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
        s.push_str(&backend(
            "planb_strangers",
            Some(a.strangers),
            "Visitors without a valid admission cookie: at most this many in flight at once.",
        ));
        s.push_str(&backend(
            "planb_members",
            Some(a.capacity - a.strangers),
            "Admitted visitors: their reserved share; past it, they use the strangers' share.",
        ));
    }
    if !plan.cache.is_empty() {
        s.push_str(&backend(
            "planb_cache",
            None,
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
        admission_recv(s, a);
    }
}

fn admission_recv(s: &mut String, a: Admission) {
    let _ = write!(
        s,
        "    # Admission: a valid admission cookie (an expiry still to come) makes a member.\n    \
         if (std.integer(regsub(req.http.Cookie, \"^(.*;\\s*)?{COOKIE}=([0-9]{{1,12}})(;.*)?$\", \"\\2\"), 0)\n        \
             > std.integer(time = now)) {{\n        \
             set req.http.{CLASS_HEADER} = \"member\";\n        \
             set req.backend_hint = planb_members;\n    \
         }} else {{\n        \
             set req.http.{CLASS_HEADER} = \"stranger\";\n        \
             set req.backend_hint = planb_strangers;\n    \
         }}\n    \
         # {strangers} strangers, {capacity} in all: see planb-backends.vcl.\n",
        strangers = a.strangers,
        capacity = a.capacity,
    );
}

/// `vcl_backend_fetch`: the visitor's class is planb's, never the application's.
pub(super) fn backend_fetch(s: &mut String, site: &EdgeSite) {
    if site.shield.admission.is_some() {
        let _ = write!(
            s,
            "\nsub vcl_backend_fetch {{\n    unset bereq.http.{CLASS_HEADER};\n}}\n"
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

/// The start of `vcl_backend_error` (after the background-fetch guard): a member refused by
/// its share tries the strangers' once; a refused admission answers the overflow page.
pub(super) fn backend_error(s: &mut String, site: &EdgeSite) {
    if site.shield.admission.is_none() {
        return;
    }
    s.push_str(
        "    # A member refused at once by the members' share (.max_connections) tries the\n    \
         # strangers' share once. Only at once: after a timeout the request was sent, and a\n    \
         # retry would send it twice.\n    \
         if (bereq.backend == planb_members && bereq.retries == 0 && now - bereq.time < 0.5s) {\n        \
             set bereq.backend = planb_strangers;\n        \
             return (retry);\n    \
         }\n    \
         # Refused by the admission cap (or the application down or too slow: Varnish does not\n    \
         # tell them apart): the overflow page, at once.\n    \
         if (bereq.backend == planb_strangers || bereq.backend == planb_members) {\n",
    );
    match site.overflow_or_503() {
        Some(page) => {
            let _ = writeln!(s, "        set beresp.status = {};", page.status);
            let _ = writeln!(
                s,
                "        set beresp.reason = \"{}\";",
                reason(page.status)
            );
            set_headers(s, "beresp", page, "        ");
            let _ = writeln!(
                s,
                "        set beresp.body = std.fileread({});",
                string(&path_of(site, page))
            );
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

/// `vcl_deliver`: a stranger let through gets the admission cookie.
pub(super) fn deliver(s: &mut String, site: &EdgeSite) {
    let Some(a) = site.shield.admission else {
        return;
    };
    let _ = write!(
        s,
        "\n# A stranger the application answered gets the admission cookie: priority for {t} s.\n\
         # Only on an answer without its own Set-Cookie (VCL can only replace that header).\n\
         sub vcl_deliver {{\n    \
             if (req.http.{CLASS_HEADER} == \"stranger\" && resp.status < 400 && !resp.http.Set-Cookie) {{\n        \
                 set resp.http.Set-Cookie = \"{COOKIE}=\" + (std.integer(time = now) + {t})\n            \
                     + \"; Max-Age={t}; Path=/; HttpOnly; SameSite=Lax\";\n    \
             }}\n\
         }}\n",
        t = a.admitted_for,
    );
}
