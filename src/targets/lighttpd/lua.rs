//! The Lua scripts mod_magnet runs: everything planb's pages need that lighttpd's own directives
//! cannot say (see the module doc of `mod.rs`).
//!
//! - `lua/<mode>.lua` runs when a request arrives (`magnet.attract-raw-url-to`): the pages at their
//!   own URL (200), the rest of the prefix (the 404 page, 404), the home's redirect in landing
//!   mode, every request in overflow mode.
//! - `lua/errors.lua` runs when a response starts (`magnet.attract-response-start-to`): an error
//!   status that has a page gets that page, keeping the status; any other answer is untouched.
//!
//! Traps: `r.resp_body.set()` clears the body *and* marks it unfinished, so a response-start
//! script that sets a body must return the status, or lighttpd sends a chunked answer that never
//! ends; the application's headers stay unless unset one by one; a file that cannot be opened
//! gives an empty body silently, so each script checks the file first and otherwise leaves
//! lighttpd's answer alone.

use std::fmt::Write as _;

use super::strings::lua_string;
use crate::config::schedule::ScheduledMode;
use crate::targets::{EdgePage, EdgeSite, Mode, Variant};

/// The environment key planb sets on the answers it made itself, so `errors.lua` leaves them be.
const SERVED: &str = "PLANB_SERVED";

/// The name of the script `mode` runs on each request, in `lua/`.
pub fn mode_script(mode: Mode) -> String {
    format!("lua/{}.lua", mode.name())
}

pub const ERRORS: &str = "lua/errors.lua";

/// `serve(page, status)`: the page's file with exactly its headers and `status`, or `nil` when the
/// file cannot be read (the caller then leaves lighttpd's answer alone).
fn prelude(site: &EdgeSite, what: &str) -> String {
    // Lines only a site that negotiates needs: any other gets the script it always had.
    let negotiating = |line: &'static str| {
        let negotiates = site.is_multilingual() || site.has_twins();
        if negotiates { line } else { "" }
    };
    let twins = |line: &'static str| if site.has_twins() { line } else { "" };
    let languages = |line: &'static str| if site.is_multilingual() { line } else { "" };
    format!(
        "-- planb for lighttpd: {what} (generated; do not edit).\n\
         local r = lighty.r\n\n\
         {}\
         -- The page's file with exactly its headers (lighttpd adds Date, Server, Content-Length), or\n\
         -- nil when the file cannot be read: never an empty page.\n\
         local function serve(page, status)\n\
         {}{}\
         \x20 if not lighty.c.stat(page.file) then\n\
         \x20   print(\"planb: cannot read \" .. page.file)\n\
         \x20   return nil\n\
         \x20 end\n\
         \x20 local names = {{}}\n\
         \x20 for name in pairs(r.resp_header) do names[#names + 1] = name end\n\
         \x20 for _, name in ipairs(names) do r.resp_header[name] = nil end\n\
         \x20 for _, h in ipairs(page.headers) do r.resp_header[h[1]] = h[2] end\n\
         {}\
         \x20 r.resp_body.set({{ {{ filename = page.file }} }})\n\
         \x20 r.req_env[\"{SERVED}\"] = \"1\"\n\
         \x20 return status\n\
         end\n\n",
        super::language::lua(site),
        twins("  if page.json and wants_json() then page = page.json end\n"),
        languages("  if page.variants then page = page.variants[language()] end\n"),
        negotiating("  if page.vary then r.resp_header[\"Vary\"] = page.vary end\n"),
    )
}

/// Whether a page's table carries its JSON twin: where the page answers in its stead (an
/// error, overflow mode), not at its own URL.
#[derive(Clone, Copy, PartialEq)]
enum Twin {
    With,
    Without,
}

/// A page as a Lua table: its file under `site.root` and its headers, in order; a negotiated
/// page, the table of its variants' tables in the site's order (`serve` takes the visitor's);
/// with `Twin::With`, its JSON twin as `json`, a table of the same shape.
fn page_table(site: &EdgeSite, page: &EdgePage, twin: Twin) -> String {
    let vary = site.varies_on(page).join(", ");
    let languages = site.negotiates(page) && page.variants.len() > 1;
    let table = |variants: &[Variant], json: String| {
        if languages {
            let all: Vec<String> = variants
                .iter()
                .map(|v| variant_table(site, v, &vary, ""))
                .collect();
            format!("{{ variants = {{\n{}\n}}{json} }}", all.join(",\n"))
        } else {
            variant_table(site, &variants[0], &vary, &json)
        }
    };
    let json = match page.json.as_slice() {
        [] => String::new(),
        _ if twin == Twin::Without => String::new(),
        twins => format!(",\njson = {}", table(twins, String::new())),
    };
    table(&page.variants, json)
}

/// One variant's table, with `Vary: vary` unless it is empty, and `more` (its twin) at the end.
fn variant_table(site: &EdgeSite, v: &Variant, vary: &str, more: &str) -> String {
    let mut out = format!(
        "{{ file = {},{} headers = {{\n",
        lua_string(&format!("{}/{}", site.root, v.file)),
        if vary.is_empty() {
            String::new()
        } else {
            format!(" vary = {},", lua_string(vary))
        }
    );
    for (name, value) in &v.headers {
        let _ = writeln!(out, "  {{ {}, {} }},", lua_string(name), lua_string(value));
    }
    let _ = write!(out, "}}{more} }}");
    out
}

/// The script of `mode`, run on each request before anything answers it.
pub fn request_script(site: &EdgeSite, mode: Mode) -> String {
    let mut out = prelude(site, &format!("{} mode, on each request", mode.name()));
    out.push_str(&schedule(site, mode));
    if mode == Mode::Overflow {
        out.push_str(&overflow(site));
        return out;
    }
    if mode == Mode::Landing {
        out.push_str(&landing(site));
    }
    out.push_str(&own_urls(site));
    out
}

/// Each `[[schedule]]` window stronger than `mode`: while `os.time()` (seconds since the epoch,
/// whatever the server's time zone) is in it, the request gets what the window's mode gives.
fn schedule(site: &EdgeSite, mode: Mode) -> String {
    let stronger: Vec<_> = site
        .schedule
        .iter()
        .filter(|w| match w.mode {
            ScheduledMode::Landing => mode == Mode::Normal,
            ScheduledMode::Overflow => mode != Mode::Overflow,
        })
        .collect();
    if stronger.is_empty() {
        return String::new();
    }
    let mut out = crate::targets::schedule::header("--");
    out.push_str("local now = os.time()\n");
    for w in stronger {
        let body = match w.mode {
            ScheduledMode::Landing => landing(site),
            ScheduledMode::Overflow => overflow(site),
        };
        let _ = writeln!(
            out,
            "-- {}\nif now >= {} and now < {} then\n{}\nend\n",
            crate::targets::schedule::describe(w),
            w.from,
            w.until,
            body.trim_end()
        );
    }
    out
}

/// Every request gets the overflow page with 503; the application is never asked.
fn overflow(site: &EdgeSite) -> String {
    match site.overflow_or_503() {
        Some(page) => format!(
            "-- Every request, whatever its path: the overflow page with 503.\n\
             local overflow = {}\n\
             r.req_env[\"{SERVED}\"] = \"1\"\n\
             {}return serve(overflow, 503) or 503\n",
            page_table(site, page, Twin::With),
            own_languages(site, page)
        ),
        None => format!(
            "-- The site has no overflow page: lighttpd's own 503 for every request.\n\
             r.req_env[\"{SERVED}\"] = \"1\"\nreturn 503\n"
        ),
    }
}

/// Where the overflow page is negotiated: each of its own URLs (where the language switcher
/// links) answers that variant, in HTML, not the visitor's choice.
fn own_languages(site: &EdgeSite, page: &EdgePage) -> String {
    if !site.chooses(page) {
        return String::new();
    }
    let vary = site.varies_on(page).join(", ");
    let mut out = String::from(
        "-- The page's own URLs (the switcher's links) are that page.\nlocal own = {\n",
    );
    for (url, v) in page.urls().iter().zip(&page.variants) {
        let _ = writeln!(
            out,
            "[{}] = {},",
            lua_string(url),
            variant_table(site, v, &vary, "")
        );
    }
    out.push_str("}\nlocal mine = own[r.req_attr[\"uri.path\"]]\nif mine then return serve(mine, 503) or 503 end\n");
    out
}

/// The home redirects (302, never stored) to the landing page.
fn landing(site: &EdgeSite) -> String {
    match site.landing() {
        Some(page) => format!(
            "-- The home: 302 (never 301, which browsers keep forever) to the landing page, never stored.\n\
             if r.req_attr[\"uri.path\"] == \"/\" then\n\
             \x20 r.resp_header[\"Location\"] = {}\n\
             \x20 r.resp_header[\"Cache-Control\"] = \"no-store\"\n{}\
             \x20 r.req_env[\"{SERVED}\"] = \"1\"\n\
             \x20 return 302\n\
             end\n\n",
            landing_location(site, page),
            if site.is_multilingual() {
                "  r.resp_header[\"Vary\"] = \"Accept-Language\"\n"
            } else {
                ""
            }
        ),
        None => "-- The site has no landing page: the home is not redirected.\n\n".to_owned(),
    }
}

/// The home's `Location`: on a site in several languages, the landing page in the visitor's.
fn landing_location(site: &EdgeSite, page: &EdgePage) -> String {
    if !site.is_multilingual() {
        return lua_string(&page.url);
    }
    let urls: Vec<String> = page.urls().iter().map(|u| lua_string(u)).collect();
    format!("({{ {} }})[language()]", urls.join(", "))
}

/// Each page at its own URL with 200; anything else under the prefix, the 404 page with 404.
fn own_urls(site: &EdgeSite) -> String {
    let mut out = String::from("-- Each page at its own URL, with 200 there.\nlocal pages = {\n");
    for page in site.addressable() {
        let _ = writeln!(
            out,
            "[{}] = {},",
            lua_string(&page.url),
            page_table(site, page, Twin::Without)
        );
    }
    out.push_str("}\n");
    let prefix = format!("{}/", site.edge.prefix);
    let _ = write!(
        out,
        "local path = r.req_attr[\"uri.path\"]\n\
         local page = pages[path]\n\
         if page then return serve(page, 200) end\n\n\
         -- Anything else under {prefix} is planb's: never the application's.\n\
         local prefix = {}\n\
         if string.sub(path, 1, #prefix) == prefix then\n\
         \x20 r.req_env[\"{SERVED}\"] = \"1\"\n",
        lua_string(&prefix)
    );
    match site.error_page(404) {
        Some(page) => {
            let _ = writeln!(
                out,
                "  return serve({}, 404) or 404",
                page_table(site, page, Twin::With)
            );
        }
        None => out.push_str("  return 404\n"),
    }
    out.push_str("end\nreturn 0\n");
    out
}

/// The script run when any response starts: an error status with a page gets the page.
pub fn errors_script(site: &EdgeSite) -> String {
    let mut out = prelude(site, "the application's errors, when a response starts");
    out.push_str(&format!(
        "-- Answers planb made itself are left alone.\n\
         if r.req_env[\"{SERVED}\"] then return 0 end\n\n\
         -- Each status with a page, and its page; the status is kept.\n\
         local pages = {{\n"
    ));
    for page in site.error_pages() {
        let status = page.status;
        let _ = writeln!(out, "[{status}] = {},", page_table(site, page, Twin::With));
    }
    out.push_str(
        "}\n\
         local status = r.req_item.http_status\n\
         local page = pages[status]\n\
         if page == nil then return 0 end\n\
         -- Returning the status marks the new body complete (resp_body.set marks it unfinished).\n\
         return serve(page, status) or 0\n",
    );
    out
}
