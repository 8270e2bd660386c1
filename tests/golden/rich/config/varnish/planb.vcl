# planb for Varnish (VCL 4.1; written for and tested with Varnish 7.1). Include this file in
# your VCL after the backends and before your own subroutines: Varnish runs planb's part of
# vcl_recv, vcl_synth, vcl_backend_response and vcl_backend_error first, and yours when
# planb's does not answer.
vcl 4.1;

import std;

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
    if (!std.fileread("/srv/planb/public/_planb/errors/503.html") || std.fileread("/srv/planb/public/_planb/errors/503.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/landing.html") || std.fileread("/srv/planb/public/_planb/landing.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/landing.html (missing, empty or unreadable by the Varnish worker): the page /_planb/landing.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/overflow.html") || std.fileread("/srv/planb/public/_planb/overflow.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/overflow.html (missing, empty or unreadable by the Varnish worker): the page /_planb/overflow.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/promo.html") || std.fileread("/srv/planb/public/_planb/promo.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/promo.html (missing, empty or unreadable by the Varnish worker): the page /_planb/promo.html would be served empty"));
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
    if (!std.fileread("/srv/planb/public/_planb/errors/503.json") || std.fileread("/srv/planb/public/_planb/errors/503.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/overflow.json") || std.fileread("/srv/planb/public/_planb/overflow.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/overflow.json (missing, empty or unreadable by the Varnish worker): the page /_planb/overflow.json would be served empty"));
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
    if (req.url ~ "^/_planb/errors/503\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/503.html";
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/_planb/landing\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/landing.html";
        return (synth(200, "OK"));
    }
    if (req.url ~ "^/_planb/overflow\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/overflow.html";
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/_planb/promo\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/promo.html";
        return (synth(200, "OK"));
    }
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
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/404.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/429.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "30";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/429.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/500.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/500.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/503.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "30";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/503.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/landing.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-rE6XQUIM3V8+QTBaRP+R+HLXiQtzCs2sqJWDPVpkrIg=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU=' 'sha256-Pos3/2uHzia3jen4FqkBK2oL1XAv3bYP9DRlpKYVRBU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.body = std.fileread("/srv/planb/public/_planb/landing.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-krZ/Hi4QFrdwRKXZYtt1gobqcnoCsBSo/Rn44cPXXDM=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "20";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.json") {
        set resp.http.Content-Type = "application/problem+json";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-krZ/Hi4QFrdwRKXZYtt1gobqcnoCsBSo/Rn44cPXXDM=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "20";
        set resp.http.Vary = "Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.json");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/promo.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-nHPMI+ZZFPTK6E412yKoaaMb53mnGfeeAE+Ze4APtoo=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU=' 'sha256-Pos3/2uHzia3jen4FqkBK2oL1XAv3bYP9DRlpKYVRBU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.body = std.fileread("/srv/planb/public/_planb/promo.html");
        return (deliver);
    }
}

# An error status answered by the upstream becomes an error here, which drops every
# upstream header; vcl_backend_error then builds planb's page with the same status.
sub vcl_backend_response {
    # A failed refresh of a stale object (background fetch) keeps the stale copy.
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    if (beresp.status == 404
        || beresp.status == 429
        || beresp.status == 500
        || beresp.status == 503) {
        return (error(beresp.status));
    }
}

# Also runs when the fetch fails (upstream down, refusing or timing out): status 503.
# ttl and grace come from the page's cache policy (see README.md).
sub vcl_backend_error {
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
    if (beresp.status == 404) {
        set beresp.reason = "Not Found";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/404.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
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
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "30";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/429.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "no-store";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "30";
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
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/500.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
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
    if (beresp.status == 503) {
        set beresp.reason = "Service Unavailable";
        if (bereq.http.X-Planb-Format == ".json") {
            set beresp.http.Content-Type = "application/problem+json";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "30";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.json");
        } else {
            set beresp.http.Content-Type = "text/html; charset=utf-8";
            set beresp.http.Cache-Control = "public, max-age=10";
            set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-QXNCwEHm5QocE7dUtznoaV80xWgep2bF4N4CVV/rApU='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
            set beresp.http.X-Content-Type-Options = "nosniff";
            set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
            set beresp.http.Retry-After = "30";
            set beresp.http.Vary = "Accept";
            set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.html");
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
}
