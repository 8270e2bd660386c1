//! The admission cookie in VCL: `<expiry>.<base64url HMAC-SHA256(secret, expiry)>`, signed as
//! nginx and HAProxy sign it (vmod digest, Debian's `varnish-vmod-digest`; the secret from
//! varnishd's environment, `std.getenv`), so a cookie one of them issued admits at the others.
//! `vcl_recv` tells members from strangers by it; `vcl_deliver` gives a stranger the
//! application answered a new one. `set resp.http.Set-Cookie` replaces the application's own
//! cookies, so the admission cookie is issued only on answers that set none.

use std::fmt::Write as _;

use super::vcl::string;
use crate::targets::EdgeSite;

/// The request header that carries a visitor's class from `vcl_recv` to `vcl_deliver`; removed
/// from every incoming request and never sent to the application.
pub(super) const CLASS_HEADER: &str = "X-Planb-Admission";
use crate::targets::shield::{Admission, COOKIE, SECRET_ENV, SECRET_MIN};

/// The end of `vcl_recv`'s admission: a valid cookie makes a member, anyone else a stranger,
/// each sent to their own backend.
pub(super) fn recv(s: &mut String, a: Admission) {
    let cookie = format!("{COOKIE}=([0-9]{{1,12}})\\.([A-Za-z0-9_-]{{43}})");
    let _ = write!(
        s,
        "    # Admission: a valid admission cookie makes a member: {COOKIE}=<expiry>.<signature>,\n    \
         # the expiry still to come, the signature base64url(HMAC-SHA256({SECRET_ENV}, expiry)),\n    \
         # as nginx and HAProxy sign it. Without a secret of at least {SECRET_MIN} characters, nobody is.\n    \
         if (req.http.Cookie ~ {matches} && {secret_ok}) {{\n        \
             var.set(\"planb_expiry\", regsub(req.http.Cookie, {whole}, \"\\2\"));\n        \
             var.set(\"planb_signature\", regsub(req.http.Cookie, {whole}, \"\\3\"));\n    \
         }}\n    \
         if (std.integer(var.get(\"planb_expiry\"), 0) > std.integer(time = now)\n        \
             && var.get(\"planb_signature\") == {signature}) {{\n        \
             set req.http.{CLASS_HEADER} = \"member\";\n        \
             set req.backend_hint = planb_members;\n    \
         }} else {{\n        \
             set req.http.{CLASS_HEADER} = \"stranger\";\n        \
             set req.backend_hint = planb_strangers;\n    \
         }}\n    \
         # vcl_backend_fetch counts: {strangers} strangers, {capacity} in all.\n",
        matches = string(&format!("(^|;\\s*){cookie}(;|$)")),
        whole = string(&format!("^(.*;\\s*)?{cookie}(;.*)?$")),
        secret_ok = secret_ok(),
        signature = signature("var.get(\"planb_expiry\")"),
        strangers = a.strangers,
        capacity = a.capacity,
    );
}

/// The VCL condition: the secret in varnishd's environment is long enough to sign with.
fn secret_ok() -> String {
    format!("std.getenv(\"{SECRET_ENV}\") ~ \"^.{{{SECRET_MIN},}}\"")
}

/// The VCL expression of the signature of `expiry` (a VCL string expression): vmod digest's
/// HMAC (hex) as base64url without padding.
fn signature(expiry: &str) -> String {
    format!(
        "digest.base64url_nopad_hex(digest.hmac_sha256(std.getenv(\"{SECRET_ENV}\"), {expiry}))"
    )
}

/// `vcl_deliver`: a stranger let through gets the admission cookie, signed.
pub(super) fn deliver(s: &mut String, site: &EdgeSite) {
    let Some(a) = site.shield.admission else {
        return;
    };
    let _ = write!(
        s,
        "\n# A stranger the application answered gets the admission cookie: priority for {t} s.\n\
         # Only on an answer without its own Set-Cookie (VCL can only replace that header), never\n\
         # on one a shared cache may store (a CDN in front would hand it to everyone), and only\n\
         # with a secret to sign it.\n\
         sub vcl_deliver {{\n    \
             if (req.http.{CLASS_HEADER} == \"stranger\" && resp.status < 400 && !resp.http.Set-Cookie\n        \
                 && resp.http.Cache-Control !~ \"(?i)(^|[,\\s])(public|s-maxage)\" && {secret_ok}) {{\n        \
                 var.set(\"planb_expiry\", \"\" + (std.integer(time = now) + {t}));\n        \
                 set resp.http.Set-Cookie = \"{COOKIE}=\" + var.get(\"planb_expiry\") + \".\"\n            \
                     + {signature}\n            \
                     + \"; Max-Age={t}; Path=/; HttpOnly; SameSite=Lax\";\n    \
             }}\n\
         }}\n",
        t = a.admitted_for,
        secret_ok = secret_ok(),
        signature = signature("var.get(\"planb_expiry\")"),
    );
}
