# planb for Varnish (VCL 4.1; written for and tested with Varnish 7.1). Include this file in
# your VCL after the backends and before your own subroutines: Varnish runs planb's part of
# vcl_recv, vcl_synth, vcl_backend_response and vcl_backend_error first, and yours when
# planb's does not answer.
vcl 4.1;

import std;
# Admission control (shield.capacity) counts requests in flight with vsthrottle and var,
# and signs its cookie with digest.
import vsthrottle; # from Debian's varnish-modules: apt-get install varnish-modules
import var; # from Debian's varnish-modules: apt-get install varnish-modules
import digest; # from Debian's varnish-vmod-digest: apt-get install varnish-vmod-digest

# The mode: the subroutine planb_mode, which sets the mode header (see README.md).
include "./planb-mode.vcl";

# std.fileread answers an empty body, silently, for a file it cannot read: refuse to load
# this VCL instead (the check runs in the worker, as the user that serves the pages).
sub vcl_init {
    if (!std.fileread("/srv/planb/public/_planb/errors/404.html") || std.fileread("/srv/planb/public/_planb/errors/404.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/404.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/404.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/429.html") || std.fileread("/srv/planb/public/_planb/errors/429.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/429.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/429.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/500.html") || std.fileread("/srv/planb/public/_planb/errors/500.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/500.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/500.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/502.html") || std.fileread("/srv/planb/public/_planb/errors/502.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/502.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/502.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/503.html") || std.fileread("/srv/planb/public/_planb/errors/503.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/504.html") || std.fileread("/srv/planb/public/_planb/errors/504.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/504.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/504.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/landing.html") || std.fileread("/srv/planb/public/_planb/landing.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/landing.html (missing, empty or unreadable by the Varnish worker): the page /_planb/landing.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/overflow.html") || std.fileread("/srv/planb/public/_planb/overflow.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/overflow.html (missing, empty or unreadable by the Varnish worker): the page /_planb/overflow.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/404.json") || std.fileread("/srv/planb/public/_planb/errors/404.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/404.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/404.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/429.json") || std.fileread("/srv/planb/public/_planb/errors/429.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/429.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/429.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/500.json") || std.fileread("/srv/planb/public/_planb/errors/500.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/500.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/500.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/502.json") || std.fileread("/srv/planb/public/_planb/errors/502.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/502.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/502.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/503.json") || std.fileread("/srv/planb/public/_planb/errors/503.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/504.json") || std.fileread("/srv/planb/public/_planb/errors/504.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/504.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/504.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/overflow.json") || std.fileread("/srv/planb/public/_planb/overflow.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/overflow.json (missing, empty or unreadable by the Varnish worker): the page /_planb/overflow.json would be served empty"));
    }
}

# What a fetch holds, given back once: called first by every subroutine a fetch ends in.
sub planb_admission_release {
    if (var.get("planb_admission") == "stranger") {
        vsthrottle.return_token("planb strangers", 160, 58400d);
        var.set("planb_admission", "member");
    }
    if (var.get("planb_admission") == "member") {
        vsthrottle.return_token("planb capacity", 200, 73000d);
        var.set("planb_admission", "returned");
    }
}

sub vcl_recv {
    # Only planb sets these.
    unset req.http.X-Planb-Mode;
    unset req.http.X-Planb-Page;
    unset req.http.X-Planb-Admission;
    call planb_mode;
    # HTML or JSON: the JSON twin for an app whose Accept asks for application/json or
    # application/problem+json (q > 0) and lists no HTML; a browser, `*/*`, none, an empty
    # or malformed header: HTML, the page.
    set req.http.X-Planb-Format = ".html";
    if (req.http.Accept ~ "(?i)(?:^|,)[ \t]*application/(?:problem[+])?json[ \t]*(?:;[ \t]*q[ \t]*=[ \t]*(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9]))[ \t]*)?(?:,|$)" && req.http.Accept !~ "(?i)(?:^|,)[ \t]*text/(?:html|[*])[ \t]*(?:[;,]|$)") {
        set req.http.X-Planb-Format = ".json";
    }
    # Overflow mode: every request gets the overflow page (503), without contacting
    # the upstream.
    if (req.http.X-Planb-Mode == "overflow") {
        set req.http.X-Planb-Page = "/_planb/overflow" + req.http.X-Planb-Format;
        # The page's own URLs (the switcher's links) are that page.
        if (req.url ~ "^/_planb/overflow\.html(\?.*)?$") {
            set req.http.X-Planb-Page = "/_planb/overflow.html";
        }
        return (synth(503, "Service Unavailable"));
    }
    # Landing mode: the home answers 302 (never 301: browsers keep it) to the landing page.
    if (req.http.X-Planb-Mode == "landing" && req.url ~ "^/(\?.*)?$") {
        set req.http.X-Planb-Page = "redirect";
        return (synth(302, "Found"));
    }
    unset req.http.X-Planb-Mode;
    unset req.http.X-Planb-Format;
    # planb's pages at their own URL, with their own status.
    if (req.url ~ "^/_planb/errors/404\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/404.html";
        return (synth(404, "Not Found"));
    }
    if (req.url ~ "^/_planb/errors/429\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/429.html";
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/_planb/errors/500\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/500.html";
        return (synth(500, "Internal Server Error"));
    }
    if (req.url ~ "^/_planb/errors/502\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/502.html";
        return (synth(502, "Bad Gateway"));
    }
    if (req.url ~ "^/_planb/errors/503\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/503.html";
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/_planb/errors/504\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/504.html";
        return (synth(504, "Gateway Timeout"));
    }
    if (req.url ~ "^/_planb/landing\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/landing.html";
        return (synth(200, "OK"));
    }
    if (req.url ~ "^/_planb/overflow\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/overflow.html";
        return (synth(503, "Service Unavailable"));
    }
    # [[shield.cache]]: public GET/HEAD answers cached stale-first; private requests
    # (Authorization, a session cookie) and other methods go on to the application.
    if (req.url ~ "^/catalogue/" && (req.method == "GET" || req.method == "HEAD")
        && !req.http.Authorization
        && req.http.Cookie !~ "(?i)(^|;\s*)(sid|session|sessionid|PHPSESSID|JSESSIONID|connect\.sid)=") {
        # Any other cookie would make the built-in VCL pass.
        unset req.http.Cookie;
        set req.backend_hint = planb_cache;
        return (hash);
    }
    if (req.url ~ "^/api/v1/products" && (req.method == "GET" || req.method == "HEAD")
        && !req.http.Authorization
        && req.http.Cookie !~ "(?i)(^|;\s*)(sid|session|sessionid|PHPSESSID|JSESSIONID|connect\.sid)=") {
        # Any other cookie would make the built-in VCL pass.
        unset req.http.Cookie;
        set req.backend_hint = planb_cache;
        return (hash);
    }
    # Admission: a valid admission cookie makes a member: planb_admitted=<expiry>.<signature>,
    # the expiry still to come, the signature base64url(HMAC-SHA256(PLANB_ADMISSION_SECRET, expiry)),
    # as nginx and HAProxy sign it. Without a secret of at least 16 characters, nobody is.
    if (req.http.Cookie ~ "(^|;\s*)planb_admitted=([0-9]{1,12})\.([A-Za-z0-9_-]{43})(;|$)" && std.getenv("PLANB_ADMISSION_SECRET") ~ "^.{16,}") {
        var.set("planb_expiry", regsub(req.http.Cookie, "^(.*;\s*)?planb_admitted=([0-9]{1,12})\.([A-Za-z0-9_-]{43})(;.*)?$", "\2"));
        var.set("planb_signature", regsub(req.http.Cookie, "^(.*;\s*)?planb_admitted=([0-9]{1,12})\.([A-Za-z0-9_-]{43})(;.*)?$", "\3"));
    }
    if (std.integer(var.get("planb_expiry"), 0) > std.integer(time = now)
        && var.get("planb_signature") == digest.base64url_nopad_hex(digest.hmac_sha256(std.getenv("PLANB_ADMISSION_SECRET"), var.get("planb_expiry")))) {
        set req.http.X-Planb-Admission = "member";
        set req.backend_hint = planb_members;
    } else {
        set req.http.X-Planb-Admission = "stranger";
        set req.backend_hint = planb_strangers;
    }
    # vcl_backend_fetch counts: 160 strangers, 200 in all.
}

sub vcl_synth {
    if (req.http.X-Planb-Page == "redirect") {
        set resp.http.Location = "/_planb/landing.html";
        set resp.body = "";
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/404.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/404.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/429.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "60";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/429.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/500.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/500.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/502.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/502.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/503.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "60";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/503.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/504.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/504.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/landing.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-qPSk11QddEOYhY6alTogrmHS4Pk0NbjNPbpYAio3Zj0=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.body = std.fileread("/srv/planb/public/_planb/landing.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-NSlmHqieXoCl7loHGfYbAMHJyuNsrDosLbA6p8YRP0E=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "60";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.json") {
        set resp.http.Content-Type = "application/problem+json";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-NSlmHqieXoCl7loHGfYbAMHJyuNsrDosLbA6p8YRP0E=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "60";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.json");
        return (deliver);
    }
}

# An error status answered by the upstream becomes an error here, which drops every
# upstream header; vcl_backend_error then builds planb's page with the same status.
sub vcl_backend_response {
    # The application answered, or the fetch failed: its admission tokens go back.
    call planb_admission_release;
    # A failed refresh of a stale object (background fetch) keeps the stale copy.
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    if (beresp.status == 404
        || beresp.status == 429
        || beresp.status == 500
        || beresp.status == 502
        || beresp.status == 503
        || beresp.status == 504) {
        return (error(beresp.status));
    }
    # /catalogue/: kept 60 s, then served stale up to 86400 s more (the longer of
    # stale_while_revalidate and stale_if_error) while a refresh runs or fails.
    if (bereq.url ~ "^/catalogue/") {
        if (beresp.http.Set-Cookie) {
            # Never shared: not stored, and the next requests go straight through.
            set beresp.ttl = 120s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        if (beresp.status == 200) {
            set beresp.ttl = 60s;
            set beresp.grace = 86400s;
            set beresp.keep = 0s;
        }
    }
    # /api/v1/products: kept 10 s, then served stale up to 0 s more (the longer of
    # stale_while_revalidate and stale_if_error) while a refresh runs or fails.
    if (bereq.url ~ "^/api/v1/products") {
        if (beresp.http.Set-Cookie) {
            # Never shared: not stored, and the next requests go straight through.
            set beresp.ttl = 120s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        if (beresp.status == 200) {
            set beresp.ttl = 10s;
            set beresp.grace = 0s;
            set beresp.keep = 0s;
        }
    }
}

# Also runs when the fetch fails (upstream down, refusing or timing out): status 503.
# ttl and grace come from the page's cache policy (see README.md).
sub vcl_backend_error {
    # The application answered, or the fetch failed: its admission tokens go back.
    call planb_admission_release;
    # A background fetch refreshes a stale object that visitors are being served: an
    # error object would replace it, and the stale copy would serve one visitor only.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    # HTML or JSON: the JSON twin for an app whose Accept asks for application/json or
    # application/problem+json (q > 0) and lists no HTML; a browser, `*/*`, none, an empty
    # or malformed header: HTML, the page.
    set bereq.http.X-Planb-Format = ".html";
    if (bereq.http.Accept ~ "(?i)(?:^|,)[ \t]*application/(?:problem[+])?json[ \t]*(?:;[ \t]*q[ \t]*=[ \t]*(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9]))[ \t]*)?(?:,|$)" && bereq.http.Accept !~ "(?i)(?:^|,)[ \t]*text/(?:html|[*])[ \t]*(?:[;,]|$)") {
        set bereq.http.X-Planb-Format = ".json";
    }
    # Refused by admission (vcl_backend_fetch): the overflow page, at once. A fetch that
    # failed (the application down, too slow) gets the error page below, as without it.
    if (var.get("planb_admission") == "refused") {
        set beresp.status = 503;
        set beresp.reason = "Service Unavailable";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-NSlmHqieXoCl7loHGfYbAMHJyuNsrDosLbA6p8YRP0E=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "60";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/overflow.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-NSlmHqieXoCl7loHGfYbAMHJyuNsrDosLbA6p8YRP0E=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "60";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/overflow.html");
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.status == 404) {
        set beresp.reason = "Not Found";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/404.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/404.html");
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 429) {
        set beresp.reason = "Too Many Requests";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "no-store";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "60";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/429.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "no-store";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "60";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/429.html");
        }
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.status == 500) {
        set beresp.reason = "Internal Server Error";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/500.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/500.html");
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 502) {
        set beresp.reason = "Bad Gateway";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/502.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/502.html");
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 503) {
        set beresp.reason = "Service Unavailable";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "60";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "60";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.html");
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 504) {
        set beresp.reason = "Gateway Timeout";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/504.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/504.html");
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
}

# Admission: a fetch to the application takes its tokens here, where it is about to be
# sent (cache hits and planb's pages take none), or gets the overflow page at once. A
# member takes one of the 200 of capacity; a stranger one of the 160 strangers' first.
# vcl_backend_response and vcl_backend_error give them back first thing.
sub vcl_backend_fetch {
    unset bereq.http.X-Planb-Admission;
    # Nothing is held here (a retry gave its tokens back already): this only makes sure.
    call planb_admission_release;
    var.set("planb_admission", "");
    if (bereq.backend == planb_strangers) {
        if (vsthrottle.is_denied("planb strangers", 160, 58400d)) {
            var.set("planb_admission", "refused");
            return (error(503));
        }
        if (vsthrottle.is_denied("planb capacity", 200, 73000d)) {
            vsthrottle.return_token("planb strangers", 160, 58400d);
            var.set("planb_admission", "refused");
            return (error(503));
        }
        var.set("planb_admission", "stranger");
    } elsif (bereq.backend == planb_members) {
        if (vsthrottle.is_denied("planb capacity", 200, 73000d)) {
            var.set("planb_admission", "refused");
            return (error(503));
        }
        var.set("planb_admission", "member");
    }
}

# A stranger the application answered gets the admission cookie: priority for 900 s.
# Only on an answer without its own Set-Cookie (VCL can only replace that header), never
# on one a shared cache may store (a CDN in front would hand it to everyone), and only
# with a secret to sign it.
sub vcl_deliver {
    if (req.http.X-Planb-Admission == "stranger" && resp.status < 400 && !resp.http.Set-Cookie
        && resp.http.Cache-Control !~ "(?i)(^|[,\s])(public|s-maxage)" && std.getenv("PLANB_ADMISSION_SECRET") ~ "^.{16,}") {
        var.set("planb_expiry", "" + (std.integer(time = now) + 900));
        set resp.http.Set-Cookie = "planb_admitted=" + var.get("planb_expiry") + "."
            + digest.base64url_nopad_hex(digest.hmac_sha256(std.getenv("PLANB_ADMISSION_SECRET"), var.get("planb_expiry")))
            + "; Max-Age=900; Path=/; HttpOnly; SameSite=Lax";
    }
}
