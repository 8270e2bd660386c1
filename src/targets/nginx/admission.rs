//! Admission control (`[shield].capacity`): at most `capacity` requests reach the application at
//! once, `strangers` of them for visitors without a valid admission cookie; any request beyond
//! gets the overflow page at once. Two `limit_conn` zones share nginx's workers: one keyed by a
//! constant (every request counts), one keyed by `$planb_stranger_key`, which njs makes empty (not
//! counted) for a valid cookie. The cookie is `<expiry>.<base64url HMAC-SHA256(secret, expiry)>`,
//! signed with a secret from the server's environment, never from the bundle (two builds of the
//! same input are byte-identical, and `public/` goes to a CDN).
//!
//! The traps this avoids:
//! - A refused request answers a private status (598) that only `error_page 598 =503` turns into
//!   the overflow page: with `limit_conn_status 503`, the application's own 503 could not keep its
//!   own page. Here `=503` is wanted: the visitor gets 503, not 598. The page is reached by its
//!   URI, not a named location, so a refused POST gets it too (nginx asks an error page's URI
//!   with GET; a named location keeps the POST, which the static files answer 405).
//! - `limit_conn` counts every request of its location until it ends: it sits only in the
//!   application's location (`planb-admission.conf`) and in the hop's (`stale`), which gets what
//!   the cache sends on (misses, refreshes, POSTs, private requests), never on planb's pages nor
//!   on the cached locations themselves, so a cache hit takes no slot. The hop's refusal (598)
//!   reaches the cached location, whose server's `error_page` turns it into the overflow page.
//! - The cookie goes out with `add_header` without `always`: on the application's 2xx and 3xx only,
//!   never on the overflow page; not to a visitor who already holds a valid one; and never on an
//!   answer marked `public` or `s-maxage`, which a CDN in front of nginx could store and hand out.
//! - nginx clears its workers' environment: the secret needs `env` in the main context, and njs
//!   admits nobody by the cookie (everyone counts as a stranger) when it is missing or short.
//! - The njs module is loaded only when `capacity` is set: a site without a shield needs no njs.

use crate::targets::EdgeSite;
use crate::targets::shield::{Admission, COOKIE, SECRET_ENV, SECRET_MIN};

/// The location include, for the application's `location`.
pub const LOCATION_FILE: &str = "planb-admission.conf";
/// The njs module that checks and issues the cookie.
pub const JS_FILE: &str = "planb-admission.js";
/// The njs module in Debian's `libnginx-mod-http-js`.
pub const JS_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_js_module.so";
/// What `limit_conn` answers when full, turned into the overflow page's 503.
const REFUSED: u16 = 598;

/// The main-context lines: the njs module and the secret kept in the workers' environment.
pub fn main_text() -> String {
    format!("load_module {JS_MODULE};\nenv {SECRET_ENV};\n")
}

/// What `planb-http.conf` holds for admission.
pub fn http_text() -> String {
    format!(
        "\n# Admission control: two counters shared by every worker (see {LOCATION_FILE}).\n\
         js_import planb_admission from {JS_FILE};\n\
         # \"\" (not counted among strangers) for a visitor holding a valid {COOKIE} cookie.\n\
         js_set $planb_stranger_key planb_admission.stranger_key;\n\
         # The Set-Cookie value for a visitor let through without a valid cookie, else \"\".\n\
         js_set $planb_new_cookie planb_admission.new_cookie;\n\
         # Every request of a location that has the limit_conn lines counts: the application's\n\
         # location and the hop's ([[shield.cache]]: misses, refreshes, private requests, POSTs).\n\
         limit_conn_zone planb zone=planb_all:1m;\n\
         limit_conn_zone $planb_stranger_key zone=planb_stranger:1m;\n\
         # A private status, turned into the overflow page's 503 by the mode file: the\n\
         # application's own 503 keeps its own page.\n\
         limit_conn_status {REFUSED};\n\
         # A refused request is the shield working, not an error to log.\n\
         limit_conn_log_level info;\n"
    )
}

/// The `limit_conn` lines of a location whose requests reach the application, indented so.
pub fn limit_lines(a: &Admission, indent: &str) -> String {
    format!(
        "{indent}limit_conn planb_all {};\n{indent}limit_conn planb_stranger {};\n",
        a.capacity, a.strangers
    )
}

/// `planb-admission.conf`, included in the application's `location`.
pub fn location_text(a: &Admission) -> String {
    format!(
        "# planb admission control (generated; do not edit). Include it in the location {{}} that\n\
         # proxies to the application (see README.md):\n\
         #     include /etc/nginx/planb/{LOCATION_FILE};\n\
         # At most {capacity} requests at once in all, {strangers} for visitors without a valid cookie.\n\
         {limits}\
         # The admission cookie, on the application's 2xx and 3xx (no `always`) to a visitor\n\
         # without a valid one, never on an answer a shared cache may store; an empty value sends\n\
         # no header.\n\
         add_header Set-Cookie $planb_new_cookie;\n",
        capacity = a.capacity,
        strangers = a.strangers,
        limits = limit_lines(a, ""),
    )
}

/// The server-level line that answers a refused request with the overflow page: by its URI, so
/// nginx asks for it with GET whatever the visitor's method (a named location would keep a POST,
/// which nginx's static files answer 405), served by the page's own location in planb.conf.
pub fn error_page_line(site: &EdgeSite) -> String {
    match site.overflow_or_503() {
        Some(page) => format!(
            "error_page {REFUSED} =503 {};\n",
            super::language::uri(site, page)
        ),
        None => format!("error_page {REFUSED} =503 {NO_PAGE};\n"),
    }
}

/// Where a refusal goes when the site has neither an overflow nor a 503 page.
const NO_PAGE: &str = "@planb_full";

/// For a site without an overflow or 503 page: the named location answering nginx's own 503.
pub fn no_page_location(site: &EdgeSite) -> Option<String> {
    site.overflow_or_503()
        .is_none()
        .then(|| format!("location {NO_PAGE} {{\n    return 503;\n}}\n"))
}

/// `planb-admission.js`: checks and issues the cookie (njs 0.7: `crypto.createHmac`).
pub fn js_text(a: &Admission) -> String {
    format!(
        r#"// planb admission cookie (generated; do not edit): "<expiry>.<base64url HMAC-SHA256(secret, expiry)>".
// The secret is {SECRET_ENV} in nginx's environment (`env {SECRET_ENV};`); without one of
// at least {SECRET_MIN} characters nobody is admitted by the cookie, and none is issued.
var crypto = require('crypto');
var TTL = {ttl};

function secret() {{
    var s = process.env.{SECRET_ENV} || '';
    return s.length >= {SECRET_MIN} ? s : '';
}}

function sig(key, exp) {{
    return crypto.createHmac('sha256', key).update(String(exp)).digest('base64url');
}}

function valid(r) {{
    var key = secret();
    var c = r.variables.cookie_{COOKIE};
    if (!key || !c) return false;
    var i = c.indexOf('.');
    if (i < 1) return false;
    var exp = c.substring(0, i);
    if (!/^[0-9]{{1,12}}$/.test(exp) || Number(exp) < Date.now() / 1000) return false;
    return c.substring(i + 1) === sig(key, exp);
}}

function stranger_key(r) {{
    return valid(r) ? '' : '1';
}}

// An answer a shared cache (a CDN in front of nginx) may store would hand the cookie to everyone.
function shared(r) {{
    var cc = r.variables.upstream_http_cache_control || '';
    return /(^|[,\s])(public|s-maxage)\b/i.test(cc);
}}

function new_cookie(r) {{
    var key = secret();
    if (!key || valid(r) || shared(r)) return '';
    var exp = Math.floor(Date.now() / 1000) + TTL;
    return '{COOKIE}=' + exp + '.' + sig(key, exp) + '; Max-Age=' + TTL + '; Path=/; HttpOnly; SameSite=Lax';
}}

export default {{ stranger_key, new_cookie }};
"#,
        ttl = a.admitted_for
    )
}
