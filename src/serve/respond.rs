//! What the preview answers for a path, as a pure function of the preview's state: the page with
//! its status and manifest headers, the mode's redirect or overflow answer, or the index of every
//! page and mode at `/__planb/`. Pages get the live-reload script, and the overlay when the last
//! build failed; their Content-Security-Policy is recomputed so that it allows exactly those.

use std::fmt::Write as _;

use super::preview::{Preview, ServedPage, ServedSite};
use crate::headers;
use crate::targets::Mode;

/// Paths under this prefix are the preview's own; never a page's (the configuration refuses an
/// `edge.prefix` there).
pub const RESERVED: &str = crate::config::edge::PREVIEW_PREFIX;

/// An HTTP answer, before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What a request asks for besides its path: its `Accept-Language` and `Accept` headers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Asked<'a> {
    pub language: Option<&'a str>,
    pub accept: Option<&'a str>,
}

/// The answer to a GET of `path` (without its query string), for a visitor whose
/// headers ask for `asked`. `now` is the real clock, in seconds since the epoch (the
/// schedule's mode depends on it).
///
/// What the edge answers in the visitor's language is what stands for the application (the
/// overflow page, the 404 page of an unknown path, the landing page the home redirects to); a
/// page's own URL is that language's page, where the language switcher links, and is not
/// negotiated. The same answers are the JSON twin's for a request whose `Accept` asks for JSON.
pub fn respond(preview: &Preview, path: &str, asked: Asked, now: i64) -> Reply {
    let language = asked.language;
    if path == RESERVED || path == format!("{RESERVED}/") {
        return index(preview, now);
    }
    let Some(site) = &preview.site else {
        return no_build(preview);
    };
    match (preview.mode_at(now), &site.overflow, &site.landing) {
        (Mode::Overflow, Some(overflow), _) => {
            return negotiated(preview, site, &site.pages[overflow], asked);
        }
        (Mode::Landing, _, Some(landing)) if path == "/" => {
            return match site.pages.get(landing) {
                Some(p) if !p.translations.is_empty() => {
                    let url = &p.translations[pick(site, language)];
                    let mut r = redirect(302, url);
                    r.headers.push(("Vary".into(), "Accept-Language".into()));
                    r
                }
                _ => redirect(302, landing),
            };
        }
        _ => {}
    }
    if path == "/" {
        // No application runs behind the preview: its home is the index of what can be seen.
        return redirect(307, &format!("{RESERVED}/"));
    }
    if let Some(p) = site.pages.get(path) {
        return page(preview, p);
    }
    match site.not_found.as_ref().and_then(|url| site.pages.get(url)) {
        Some(p) => negotiated(preview, site, p, asked),
        None => plain(404, "not found"),
    }
}

/// The index in `site.languages` of the language a visitor asking for `language` gets.
fn pick(site: &ServedSite, language: Option<&str>) -> usize {
    crate::negotiate::pick_language(language, &site.languages)
}

/// `p` in the visitor's language and format, saying with `Vary` what the answer varies with:
/// the language on a site in several, the format where `p` has a JSON twin.
fn negotiated(preview: &Preview, site: &ServedSite, p: &ServedPage, asked: Asked) -> Reply {
    let chosen = p
        .translations
        .get(pick(site, asked.language))
        .and_then(|url| site.pages.get(url))
        .unwrap_or(p);
    let twin = chosen
        .json
        .as_ref()
        .filter(|_| crate::negotiate::format::wants_json(asked.accept))
        .and_then(|url| site.pages.get(url));
    let mut reply = page(preview, twin.unwrap_or(chosen));
    let varies: Vec<&str> = [
        (!p.translations.is_empty()).then_some("Accept-Language"),
        p.json.is_some().then_some("Accept"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !varies.is_empty() {
        reply.headers.push(("Vary".into(), varies.join(", ")));
    }
    reply
}

/// The page with its status and headers, the reload script and, after a failed build, the
/// overlay; a JSON twin as it is.
fn page(preview: &Preview, p: &ServedPage) -> Reply {
    let is_twin = p
        .headers
        .iter()
        .any(|(n, v)| n == "Content-Type" && v == crate::problem::CONTENT_TYPE);
    if is_twin {
        return Reply {
            status: p.status,
            headers: p.headers.clone(),
            body: p.body.clone(),
        };
    }
    let mut html = String::from_utf8_lossy(&p.body).into_owned();
    html.push_str(&additions(preview));
    let csp = headers::content_security_policy(&html);
    let headers = p
        .headers
        .iter()
        .map(|(name, value)| match name.as_str() {
            "Content-Security-Policy" => (name.clone(), csp.clone()),
            _ => (name.clone(), value.clone()),
        })
        .collect();
    Reply {
        status: p.status,
        headers,
        body: html.into_bytes(),
    }
}

/// What `serve` adds at the end of every page: the script that reloads it after a rebuild (it
/// says which build the page comes from, so a rebuild between this answer and the script's
/// connection is not missed) and the overlay listing the last build's problems.
pub fn additions(preview: &Preview) -> String {
    let mut s = format!(
        "<script>new EventSource(\"{RESERVED}/events?since={}\").addEventListener(\"reload\",()=>location.reload())</script>",
        preview.generation
    );
    if !preview.problems.is_empty() {
        s.push_str(&overlay(preview));
    } else if !preview.warnings.is_empty() {
        s.push_str(&warnings_box(preview));
    }
    s
}

/// The spell check's findings, folded in a corner: the preview goes on, the author sees them.
fn warnings_box(preview: &Preview) -> String {
    let n = preview.warnings.len();
    let mut s = format!(
        "<details id=planb-warnings><summary>planb: {n} spelling or typography warning{}</summary>",
        if n == 1 { "" } else { "s" }
    );
    for d in &preview.warnings {
        let _ = write!(s, "<pre>{}</pre>", escape(&d.render(false)));
    }
    s.push_str(
        "</details><style>#planb-warnings{position:fixed;right:0;bottom:0;max-width:min(40rem,100vw);\
         max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:.5rem 1rem;background:#3b2f00;\
         color:#fff;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;border-top:4px solid #f5a524}\
         #planb-warnings pre{white-space:pre-wrap;margin:.75rem 0 0}</style>",
    );
    s
}

/// The last build's problems, over the page: file, line, message, source line and hint.
fn overlay(preview: &Preview) -> String {
    let n = preview.problems.len();
    let mut s = format!(
        "<div id=planb-overlay role=alert><p><b>planb: the last build failed ({n} problem{})</b>. \
         The page below is from the last good build; fix the files and it reloads.</p>",
        if n == 1 { "" } else { "s" }
    );
    for d in &preview.problems {
        let _ = write!(s, "<pre>{}</pre>", escape(&d.render(false)));
    }
    s.push_str(
        "</div><style>#planb-overlay{position:fixed;inset:0 0 auto 0;max-height:80vh;overflow:auto;\
         z-index:2147483647;margin:0;padding:1rem;background:#2b0b0b;color:#fff;\
         font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;border-bottom:4px solid #e5484d}\
         #planb-overlay pre{white-space:pre-wrap;margin:.75rem 0 0}</style>",
    );
    s
}

/// Before the first good build there is no page to show: every path shows the problems.
fn no_build(preview: &Preview) -> Reply {
    let body = "<!doctype html><html lang=en><meta charset=utf-8>\
        <meta name=viewport content=\"width=device-width,initial-scale=1\">\
        <title>planb: the site does not build yet</title><body>";
    document(500, format!("{body}{}", additions(preview)))
}

/// The preview's home: every page (with its status, kind, weight), every mode and the schedule.
fn index(preview: &Preview, now: i64) -> Reply {
    let empty = ServedSite::default();
    let site = preview.site.as_ref().unwrap_or(&empty);
    let mut s = format!(
        "<!doctype html><html lang=en><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width,initial-scale=1\">\
         <title>planb preview: {name}</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}\
         table{{border-collapse:collapse;width:100%}}td,th{{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #8884}}\
         .on{{font-weight:bold}}</style><body><h1>planb preview: {name}</h1>",
        name = escape(&site.name)
    );
    s.push_str("<h2>Mode</h2><p>What the edge answers, as switched in production (see output/config/&lt;target&gt;/README.md):</p><ul>");
    for (mode, name, what) in [
        (
            Mode::Normal,
            "normal",
            "pages at their URLs; unknown paths get the 404 page",
        ),
        (
            Mode::Landing,
            "landing",
            "<a href=\"/\">/</a> answers 302 to the landing page",
        ),
        (
            Mode::Overflow,
            "overflow",
            "every path answers the overflow page with 503",
        ),
    ] {
        let on = if preview.mode == mode {
            " class=on"
        } else {
            ""
        };
        let _ = write!(
            s,
            "<li{on}><a href=\"{RESERVED}/mode/{name}\">{name}</a>: {what}{}</li>",
            if on.is_empty() { "" } else { " (now)" }
        );
    }
    s.push_str("</ul>");
    schedule(&mut s, preview, now);
    // On a site in several languages, each language's page is a row of its own: its link is
    // the preview of that language.
    let multilingual = site.languages.len() > 1;
    s.push_str("<h2>Pages</h2><table><tr><th>status<th>page<th>kind");
    if multilingual {
        s.push_str("<th>language");
    }
    s.push_str("<th>title<th>gzip<th>budget");
    for p in site.pages.values() {
        let _ = write!(
            s,
            "<tr><td>{}<td><a href=\"{url}\">{url}</a><td>{}",
            p.status,
            escape(&p.kind),
            url = escape(&p.url),
        );
        if multilingual {
            let language = p
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("Content-Language"))
                .map_or("", |(_, v)| v.as_str());
            let _ = write!(s, "<td>{}", escape(language));
        }
        let _ = write!(
            s,
            "<td>{}<td>{}<td>{}%",
            escape(&p.title),
            p.gzip_bytes,
            p.budget_share,
        );
    }
    s.push_str("</table>");
    if !preview.warnings.is_empty() {
        let _ = write!(
            s,
            "<h2>Spelling and typography</h2><p>{} found; <code>planb check</code> fails on them, <code>planb check --fix</code> writes the typography fixes.</p>",
            preview.warnings.len()
        );
        for d in &preview.warnings {
            let _ = write!(s, "<pre>{}</pre>", escape(&d.render(false)));
        }
    }
    s.push_str(&additions(preview));
    document(200, s)
}

/// The schedule's windows, the one holding the instant previewed marked, and the form that picks
/// that instant.
fn schedule(s: &mut String, preview: &Preview, now: i64) {
    let windows = preview
        .site
        .as_ref()
        .map_or(&[][..], |site| &site.schedule[..]);
    if windows.is_empty() {
        return;
    }
    let t = preview.instant(now);
    let at = match &preview.at {
        Some((_, text)) => format!(
            "at {} (<a href=\"{RESERVED}/at\">back to now</a>)",
            escape(text)
        ),
        None => "now".to_owned(),
    };
    let _ = write!(
        s,
        "<h2>Schedule</h2><p>The edge switches into each window's mode and back by itself (unless the mode above is stronger). Previewed {at}: <b>{}</b>.</p><table><tr><th>mode<th>from<th>until",
        preview.mode_at(now).name()
    );
    for w in windows {
        let on = if w.holds(t) { " class=on" } else { "" };
        let _ = write!(
            s,
            "<tr{on}><td>{}<td>{}<td>{}",
            w.mode.name(),
            escape(&w.from_text),
            escape(&w.until_text)
        );
    }
    let _ = write!(
        s,
        "</table><form action=\"{RESERVED}/at\"><label>Preview at <input name=t size=28 value=\"{}\"></label> <button>show</button></form>",
        escape(&windows[0].from_text)
    );
}

/// A document of the preview itself (never cached, CSP from its own contents).
fn document(status: u16, html: String) -> Reply {
    Reply {
        status,
        headers: vec![
            ("Content-Type".into(), "text/html; charset=utf-8".into()),
            ("Cache-Control".into(), "no-store".into()),
            (
                "Content-Security-Policy".into(),
                headers::content_security_policy(&html),
            ),
        ],
        body: html.into_bytes(),
    }
}

/// A redirect as the edge sends it: never stored, so switching modes back takes effect at once.
pub fn redirect(status: u16, location: &str) -> Reply {
    Reply {
        status,
        headers: vec![
            ("Location".into(), location.into()),
            ("Cache-Control".into(), "no-store".into()),
        ],
        body: Vec::new(),
    }
}

pub fn plain(status: u16, text: &str) -> Reply {
    Reply {
        status,
        headers: vec![
            ("Content-Type".into(), "text/plain; charset=utf-8".into()),
            ("Cache-Control".into(), "no-store".into()),
        ],
        body: format!("{text}\n").into_bytes(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests;
