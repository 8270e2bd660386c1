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
    if (!std.fileread("/srv/planb/public/_planb/errors/400.en.html") || std.fileread("/srv/planb/public/_planb/errors/400.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/400.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/400.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/400.html") || std.fileread("/srv/planb/public/_planb/errors/400.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/400.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/400.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/401.en.html") || std.fileread("/srv/planb/public/_planb/errors/401.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/401.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/401.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/401.html") || std.fileread("/srv/planb/public/_planb/errors/401.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/401.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/401.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/403.en.html") || std.fileread("/srv/planb/public/_planb/errors/403.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/403.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/403.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/403.html") || std.fileread("/srv/planb/public/_planb/errors/403.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/403.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/403.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/404.en.html") || std.fileread("/srv/planb/public/_planb/errors/404.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/404.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/404.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/404.html") || std.fileread("/srv/planb/public/_planb/errors/404.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/404.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/404.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/405.en.html") || std.fileread("/srv/planb/public/_planb/errors/405.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/405.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/405.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/405.html") || std.fileread("/srv/planb/public/_planb/errors/405.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/405.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/405.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/408.en.html") || std.fileread("/srv/planb/public/_planb/errors/408.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/408.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/408.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/408.html") || std.fileread("/srv/planb/public/_planb/errors/408.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/408.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/408.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/410.en.html") || std.fileread("/srv/planb/public/_planb/errors/410.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/410.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/410.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/410.html") || std.fileread("/srv/planb/public/_planb/errors/410.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/410.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/410.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/413.en.html") || std.fileread("/srv/planb/public/_planb/errors/413.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/413.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/413.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/413.html") || std.fileread("/srv/planb/public/_planb/errors/413.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/413.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/413.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/429.en.html") || std.fileread("/srv/planb/public/_planb/errors/429.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/429.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/429.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/429.html") || std.fileread("/srv/planb/public/_planb/errors/429.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/429.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/429.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/500.en.html") || std.fileread("/srv/planb/public/_planb/errors/500.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/500.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/500.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/500.html") || std.fileread("/srv/planb/public/_planb/errors/500.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/500.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/500.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/501.en.html") || std.fileread("/srv/planb/public/_planb/errors/501.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/501.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/501.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/501.html") || std.fileread("/srv/planb/public/_planb/errors/501.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/501.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/501.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/502.en.html") || std.fileread("/srv/planb/public/_planb/errors/502.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/502.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/502.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/502.html") || std.fileread("/srv/planb/public/_planb/errors/502.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/502.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/502.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/503.en.html") || std.fileread("/srv/planb/public/_planb/errors/503.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/503.html") || std.fileread("/srv/planb/public/_planb/errors/503.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/504.en.html") || std.fileread("/srv/planb/public/_planb/errors/504.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/504.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/504.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/504.html") || std.fileread("/srv/planb/public/_planb/errors/504.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/504.html (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/504.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/landing.en.html") || std.fileread("/srv/planb/public/_planb/landing.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/landing.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/landing.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/landing.html") || std.fileread("/srv/planb/public/_planb/landing.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/landing.html (missing, empty or unreadable by the Varnish worker): the page /_planb/landing.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/overflow.en.html") || std.fileread("/srv/planb/public/_planb/overflow.en.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/overflow.en.html (missing, empty or unreadable by the Varnish worker): the page /_planb/overflow.en.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/overflow.html") || std.fileread("/srv/planb/public/_planb/overflow.html") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/overflow.html (missing, empty or unreadable by the Varnish worker): the page /_planb/overflow.html would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/400.en.json") || std.fileread("/srv/planb/public/_planb/errors/400.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/400.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/400.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/400.json") || std.fileread("/srv/planb/public/_planb/errors/400.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/400.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/400.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/401.en.json") || std.fileread("/srv/planb/public/_planb/errors/401.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/401.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/401.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/401.json") || std.fileread("/srv/planb/public/_planb/errors/401.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/401.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/401.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/403.en.json") || std.fileread("/srv/planb/public/_planb/errors/403.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/403.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/403.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/403.json") || std.fileread("/srv/planb/public/_planb/errors/403.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/403.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/403.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/404.en.json") || std.fileread("/srv/planb/public/_planb/errors/404.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/404.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/404.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/404.json") || std.fileread("/srv/planb/public/_planb/errors/404.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/404.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/404.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/405.en.json") || std.fileread("/srv/planb/public/_planb/errors/405.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/405.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/405.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/405.json") || std.fileread("/srv/planb/public/_planb/errors/405.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/405.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/405.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/408.en.json") || std.fileread("/srv/planb/public/_planb/errors/408.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/408.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/408.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/408.json") || std.fileread("/srv/planb/public/_planb/errors/408.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/408.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/408.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/410.en.json") || std.fileread("/srv/planb/public/_planb/errors/410.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/410.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/410.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/410.json") || std.fileread("/srv/planb/public/_planb/errors/410.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/410.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/410.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/413.en.json") || std.fileread("/srv/planb/public/_planb/errors/413.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/413.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/413.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/413.json") || std.fileread("/srv/planb/public/_planb/errors/413.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/413.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/413.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/429.en.json") || std.fileread("/srv/planb/public/_planb/errors/429.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/429.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/429.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/429.json") || std.fileread("/srv/planb/public/_planb/errors/429.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/429.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/429.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/500.en.json") || std.fileread("/srv/planb/public/_planb/errors/500.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/500.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/500.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/500.json") || std.fileread("/srv/planb/public/_planb/errors/500.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/500.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/500.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/501.en.json") || std.fileread("/srv/planb/public/_planb/errors/501.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/501.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/501.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/501.json") || std.fileread("/srv/planb/public/_planb/errors/501.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/501.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/501.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/502.en.json") || std.fileread("/srv/planb/public/_planb/errors/502.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/502.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/502.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/502.json") || std.fileread("/srv/planb/public/_planb/errors/502.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/502.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/502.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/503.en.json") || std.fileread("/srv/planb/public/_planb/errors/503.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/503.json") || std.fileread("/srv/planb/public/_planb/errors/503.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/503.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/503.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/504.en.json") || std.fileread("/srv/planb/public/_planb/errors/504.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/504.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/504.en.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/errors/504.json") || std.fileread("/srv/planb/public/_planb/errors/504.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/errors/504.json (missing, empty or unreadable by the Varnish worker): the page /_planb/errors/504.json would be served empty"));
    }
    if (!std.fileread("/srv/planb/public/_planb/overflow.en.json") || std.fileread("/srv/planb/public/_planb/overflow.en.json") == "") {
        return (fail("planb: cannot read /srv/planb/public/_planb/overflow.en.json (missing, empty or unreadable by the Varnish worker): the page /_planb/overflow.en.json would be served empty"));
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
    # The visitor's language: the first range of Accept-Language, in the order written,
    # naming one of the site's languages with q > 0 (en-GB finds en), as the suffix of
    # its files; none, `*`, an empty or malformed header: fr, the default (no suffix).
    set req.http.X-Planb-Language = "";
    if (req.http.Accept-Language ~ "(?i)^(?:[^,]*,)*?[ \t]*(fr|en)(?:-[a-z0-9][a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?)*[ \t]*(?:;[ \t]*q[ \t]*=[ \t]*(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9])))?[ \t]*(?:,|$)") {
        set req.http.X-Planb-Language = std.tolower(regsub(req.http.Accept-Language, "(?i)^(?:[^,]*,)*?[ \t]*(fr|en)(?:-[a-z0-9][a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?)*[ \t]*(?:;[ \t]*q[ \t]*=[ \t]*(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9])))?[ \t]*(?:,|$).*", "\1"));
    }
    if (req.http.X-Planb-Language == "en") {
        set req.http.X-Planb-Language = ".en";
    } else {
        set req.http.X-Planb-Language = "";
    }
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
        set req.http.X-Planb-Page = "/_planb/overflow" + req.http.X-Planb-Language + req.http.X-Planb-Format;
        # The page's own URLs (the switcher's links) are that page.
        if (req.url ~ "^/_planb/overflow\.html(\?.*)?$") {
            set req.http.X-Planb-Page = "/_planb/overflow.html";
        }
        if (req.url ~ "^/_planb/overflow\.en\.html(\?.*)?$") {
            set req.http.X-Planb-Page = "/_planb/overflow.en.html";
        }
        return (synth(503, "Service Unavailable"));
    }
    # Landing mode: the home answers 302 (never 301: browsers keep it) to the landing page.
    if (req.http.X-Planb-Mode == "landing" && req.url ~ "^/(\?.*)?$") {
        set req.http.X-Planb-Page = "redirect";
        return (synth(302, "Found"));
    }
    unset req.http.X-Planb-Mode;
    unset req.http.X-Planb-Language;
    unset req.http.X-Planb-Format;
    # planb's pages at their own URL, with their own status.
    if (req.url ~ "^/_planb/errors/400\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/400.en.html";
        return (synth(400, "Bad Request"));
    }
    if (req.url ~ "^/_planb/errors/400\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/400.html";
        return (synth(400, "Bad Request"));
    }
    if (req.url ~ "^/_planb/errors/401\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/401.en.html";
        return (synth(401, "Unauthorized"));
    }
    if (req.url ~ "^/_planb/errors/401\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/401.html";
        return (synth(401, "Unauthorized"));
    }
    if (req.url ~ "^/_planb/errors/403\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/403.en.html";
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/_planb/errors/403\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/403.html";
        return (synth(403, "Forbidden"));
    }
    if (req.url ~ "^/_planb/errors/404\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/404.en.html";
        return (synth(404, "Not Found"));
    }
    if (req.url ~ "^/_planb/errors/404\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/404.html";
        return (synth(404, "Not Found"));
    }
    if (req.url ~ "^/_planb/errors/405\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/405.en.html";
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/_planb/errors/405\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/405.html";
        return (synth(405, "Method Not Allowed"));
    }
    if (req.url ~ "^/_planb/errors/408\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/408.en.html";
        return (synth(408, "Request Timeout"));
    }
    if (req.url ~ "^/_planb/errors/408\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/408.html";
        return (synth(408, "Request Timeout"));
    }
    if (req.url ~ "^/_planb/errors/410\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/410.en.html";
        return (synth(410, "Gone"));
    }
    if (req.url ~ "^/_planb/errors/410\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/410.html";
        return (synth(410, "Gone"));
    }
    if (req.url ~ "^/_planb/errors/413\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/413.en.html";
        return (synth(413, "Content Too Large"));
    }
    if (req.url ~ "^/_planb/errors/413\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/413.html";
        return (synth(413, "Content Too Large"));
    }
    if (req.url ~ "^/_planb/errors/429\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/429.en.html";
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/_planb/errors/429\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/429.html";
        return (synth(429, "Too Many Requests"));
    }
    if (req.url ~ "^/_planb/errors/500\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/500.en.html";
        return (synth(500, "Internal Server Error"));
    }
    if (req.url ~ "^/_planb/errors/500\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/500.html";
        return (synth(500, "Internal Server Error"));
    }
    if (req.url ~ "^/_planb/errors/501\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/501.en.html";
        return (synth(501, "Not Implemented"));
    }
    if (req.url ~ "^/_planb/errors/501\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/501.html";
        return (synth(501, "Not Implemented"));
    }
    if (req.url ~ "^/_planb/errors/502\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/502.en.html";
        return (synth(502, "Bad Gateway"));
    }
    if (req.url ~ "^/_planb/errors/502\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/502.html";
        return (synth(502, "Bad Gateway"));
    }
    if (req.url ~ "^/_planb/errors/503\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/503.en.html";
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/_planb/errors/503\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/503.html";
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/_planb/errors/504\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/504.en.html";
        return (synth(504, "Gateway Timeout"));
    }
    if (req.url ~ "^/_planb/errors/504\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/errors/504.html";
        return (synth(504, "Gateway Timeout"));
    }
    if (req.url ~ "^/_planb/landing\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/landing.en.html";
        return (synth(200, "OK"));
    }
    if (req.url ~ "^/_planb/landing\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/landing.html";
        return (synth(200, "OK"));
    }
    if (req.url ~ "^/_planb/overflow\.en\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/overflow.en.html";
        return (synth(503, "Service Unavailable"));
    }
    if (req.url ~ "^/_planb/overflow\.html(\?.*)?$") {
        set req.http.X-Planb-Page = "/_planb/overflow.html";
        return (synth(503, "Service Unavailable"));
    }
}

sub vcl_synth {
    if (req.http.X-Planb-Page == "redirect") {
        set resp.http.Location = "/_planb/landing" + req.http.X-Planb-Language + ".html";
        set resp.http.Vary = "Accept-Language";
        set resp.body = "";
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/400.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/400.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/400.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/400.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/401.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/401.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/401.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/401.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/403.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/403.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/403.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/403.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/404.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/404.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/404.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/404.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/405.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/405.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/405.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/405.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/408.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/408.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/408.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/408.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/410.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/410.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/410.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/410.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/413.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/413.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/413.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/413.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/429.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/429.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/429.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/429.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/500.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/500.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/500.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/500.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/501.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/501.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/501.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/501.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/502.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/502.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/502.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/502.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/503.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/503.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/503.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/503.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/504.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/504.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/errors/504.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/errors/504.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/landing.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-o/2rAqwlxnjXr/wZIUU8v/i60mJgZNwqxvxVMsxsgaI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "en";
        set resp.body = std.fileread("/srv/planb/public/_planb/landing.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/landing.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-o/2rAqwlxnjXr/wZIUU8v/i60mJgZNwqxvxVMsxsgaI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Content-Language = "fr";
        set resp.body = std.fileread("/srv/planb/public/_planb/landing.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.en.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6jrCw9RssVd94w6g3BkNqxycZSfb3HY89KmxdUIYpq8=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.en.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.en.json") {
        set resp.http.Content-Type = "application/problem+json";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6jrCw9RssVd94w6g3BkNqxycZSfb3HY89KmxdUIYpq8=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "en";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.en.json");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.html") {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6jrCw9RssVd94w6g3BkNqxycZSfb3HY89KmxdUIYpq8=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.html");
        return (deliver);
    }
    if (req.http.X-Planb-Page == "/_planb/overflow.json") {
        set resp.http.Content-Type = "application/problem+json";
        set resp.http.Cache-Control = "public, max-age=10";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6jrCw9RssVd94w6g3BkNqxycZSfb3HY89KmxdUIYpq8=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
        set resp.http.Retry-After = "120";
        set resp.http.Content-Language = "fr";
        set resp.http.Vary = "Accept-Language, Accept";
        set resp.body = std.fileread("/srv/planb/public/_planb/overflow.json");
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
    if (beresp.status == 400
        || beresp.status == 401
        || beresp.status == 403
        || beresp.status == 404
        || beresp.status == 405
        || beresp.status == 408
        || beresp.status == 410
        || beresp.status == 413
        || beresp.status == 429
        || beresp.status == 500
        || beresp.status == 501
        || beresp.status == 502
        || beresp.status == 503
        || beresp.status == 504) {
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
    # The visitor's language: the first range of Accept-Language, in the order written,
    # naming one of the site's languages with q > 0 (en-GB finds en), as the suffix of
    # its files; none, `*`, an empty or malformed header: fr, the default (no suffix).
    set bereq.http.X-Planb-Language = "";
    if (bereq.http.Accept-Language ~ "(?i)^(?:[^,]*,)*?[ \t]*(fr|en)(?:-[a-z0-9][a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?)*[ \t]*(?:;[ \t]*q[ \t]*=[ \t]*(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9])))?[ \t]*(?:,|$)") {
        set bereq.http.X-Planb-Language = std.tolower(regsub(bereq.http.Accept-Language, "(?i)^(?:[^,]*,)*?[ \t]*(fr|en)(?:-[a-z0-9][a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?[a-z0-9]?)*[ \t]*(?:;[ \t]*q[ \t]*=[ \t]*(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9])))?[ \t]*(?:,|$).*", "\1"));
    }
    if (bereq.http.X-Planb-Language == "en") {
        set bereq.http.X-Planb-Language = ".en";
    } else {
        set bereq.http.X-Planb-Language = "";
    }
    # HTML or JSON: the JSON twin for an app whose Accept asks for application/json or
    # application/problem+json (q > 0) and lists no HTML; a browser, `*/*`, none, an empty
    # or malformed header: HTML, the page.
    set bereq.http.X-Planb-Format = ".html";
    if (bereq.http.Accept ~ "(?i)(?:^|,)[ \t]*application/(?:problem[+])?json[ \t]*(?:;[ \t]*q[ \t]*=[ \t]*(?:1(?:[.]0?0?0?)?|0[.](?:[1-9][0-9]?[0-9]?|0[1-9][0-9]?|00[1-9]))[ \t]*)?(?:,|$)" && bereq.http.Accept !~ "(?i)(?:^|,)[ \t]*text/(?:html|[*])[ \t]*(?:[;,]|$)") {
        set bereq.http.X-Planb-Format = ".json";
    }
    if (beresp.status == 400) {
        set beresp.reason = "Bad Request";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/400.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/400.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/400.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/400.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 401) {
        set beresp.reason = "Unauthorized";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/401.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/401.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/401.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/401.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 403) {
        set beresp.reason = "Forbidden";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/403.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/403.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/403.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/403.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 404) {
        set beresp.reason = "Not Found";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/404.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/404.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/404.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/404.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 405) {
        set beresp.reason = "Method Not Allowed";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/405.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/405.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/405.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/405.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 408) {
        set beresp.reason = "Request Timeout";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/408.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/408.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/408.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/408.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 410) {
        set beresp.reason = "Gone";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/410.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/410.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/410.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/410.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 413) {
        set beresp.reason = "Content Too Large";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/413.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/413.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/413.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/413.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 429) {
        set beresp.reason = "Too Many Requests";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "no-store";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/429.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "no-store";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/429.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "no-store";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/429.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "no-store";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/429.html");
            }
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
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/500.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/500.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/500.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/500.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 501) {
        set beresp.reason = "Not Implemented";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/501.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/501.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/501.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/501.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 502) {
        set beresp.reason = "Bad Gateway";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/502.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/502.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/502.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/502.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 503) {
        set beresp.reason = "Service Unavailable";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Retry-After = "120";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/503.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (beresp.status == 504) {
        set beresp.reason = "Gateway Timeout";
        if (bereq.http.X-Planb-Format == ".json") {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/504.en.json");
            } else {
                set beresp.http.Content-Type = "application/problem+json";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/504.json");
            }
        } else {
            if (bereq.http.X-Planb-Language == ".en") {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "en";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/504.en.html");
            } else {
                set beresp.http.Content-Type = "text/html; charset=utf-8";
                set beresp.http.Cache-Control = "public, max-age=10";
                set beresp.http.Content-Security-Policy = "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'";
                set beresp.http.X-Content-Type-Options = "nosniff";
                set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
                set beresp.http.Content-Language = "fr";
                set beresp.http.Vary = "Accept-Language, Accept";
                set beresp.body = std.fileread("/srv/planb/public/_planb/errors/504.html");
            }
        }
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
}
