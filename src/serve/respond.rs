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

/// The answer to a GET of `path` (without its query string).
pub fn respond(preview: &Preview, path: &str) -> Reply {
    if path == RESERVED || path == format!("{RESERVED}/") {
        return index(preview);
    }
    let Some(site) = &preview.site else {
        return no_build(preview);
    };
    match (preview.mode, &site.overflow, &site.landing) {
        (Mode::Overflow, Some(overflow), _) => return page(preview, &site.pages[overflow]),
        (Mode::Landing, _, Some(landing)) if path == "/" => {
            return redirect(302, landing);
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
        Some(p) => page(preview, p),
        None => plain(404, "not found"),
    }
}

/// The page with its status and headers, the reload script and, after a failed build, the overlay.
fn page(preview: &Preview, p: &ServedPage) -> Reply {
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

/// The preview's home: every page (with its status, kind, weight) and every mode.
fn index(preview: &Preview) -> Reply {
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
    s.push_str(
        "</ul><h2>Pages</h2><table><tr><th>status<th>page<th>kind<th>title<th>gzip<th>budget",
    );
    for p in site.pages.values() {
        let _ = write!(
            s,
            "<tr><td>{}<td><a href=\"{url}\">{url}</a><td>{}<td>{}<td>{}<td>{}%",
            p.status,
            escape(&p.kind),
            escape(&p.title),
            p.gzip_bytes,
            p.budget_share,
            url = escape(&p.url),
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
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use crate::serve::preview::ServedPage;

    fn served(url: &str, kind: &str, status: u16) -> ServedPage {
        ServedPage {
            url: url.into(),
            kind: kind.into(),
            status,
            title: format!("{kind} <page>"),
            headers: vec![
                ("Content-Type".into(), "text/html; charset=utf-8".into()),
                (
                    "Content-Security-Policy".into(),
                    "default-src 'none'".into(),
                ),
                ("Retry-After".into(), "60".into()),
            ],
            body: b"<!doctype html><html lang=en><title>x</title><p>page".to_vec(),
            gzip_bytes: 10,
            budget_share: 1,
        }
    }

    fn preview(mode: Mode, problems: Vec<Diagnostic>) -> Preview {
        let mut site = ServedSite {
            name: "Site & co".into(),
            landing: Some("/_planb/landing.html".into()),
            overflow: Some("/_planb/overflow.html".into()),
            not_found: Some("/_planb/errors/404.html".into()),
            ..ServedSite::default()
        };
        for p in [
            served("/_planb/landing.html", "landing", 200),
            served("/_planb/overflow.html", "overflow", 503),
            served("/_planb/errors/404.html", "error", 404),
        ] {
            site.pages.insert(p.url.clone(), p);
        }
        Preview {
            site: Some(site),
            problems,
            warnings: Vec::new(),
            mode,
            generation: 7,
        }
    }

    #[test]
    fn pages_get_the_reload_script_and_a_csp_that_allows_it() {
        let r = respond(&preview(Mode::Normal, vec![]), "/_planb/landing.html");
        assert_eq!(r.status, 200);
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.ends_with(
            "events?since=7\").addEventListener(\"reload\",()=>location.reload())</script>"
        ));
        let csp = &r
            .headers
            .iter()
            .find(|(n, _)| n == "Content-Security-Policy")
            .unwrap()
            .1;
        assert!(
            csp.contains("script-src 'sha256-") && csp.contains("connect-src 'self'"),
            "{csp}"
        );
        assert!(r.headers.contains(&("Retry-After".into(), "60".into())));
    }

    #[test]
    fn the_overlay_escapes_what_it_shows() {
        let d = Diagnostic::new("content/x.md", "unknown field `<script>alert(1)</script>`");
        let r = respond(&preview(Mode::Normal, vec![d]), "/_planb/landing.html");
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains("id=planb-overlay"));
        assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!body.contains("<script>alert(1)"));
        let csp = &r
            .headers
            .iter()
            .find(|(n, _)| n == "Content-Security-Policy")
            .unwrap()
            .1;
        assert!(
            csp.contains("style-src 'sha256-"),
            "the overlay's style is allowed: {csp}"
        );
    }

    #[test]
    fn each_mode_answers_as_the_edge_does() {
        let normal = preview(Mode::Normal, vec![]);
        assert_eq!(respond(&normal, "/").status, 307);
        assert_eq!(respond(&normal, "/missing").status, 404);
        let landing = preview(Mode::Landing, vec![]);
        let home = respond(&landing, "/");
        assert_eq!(home.status, 302);
        assert!(
            home.headers
                .contains(&("Location".into(), "/_planb/landing.html".into()))
        );
        assert_eq!(respond(&landing, "/_planb/errors/404.html").status, 404);
        let overflow = preview(Mode::Overflow, vec![]);
        for path in ["/", "/x", "/_planb/landing.html"] {
            assert_eq!(respond(&overflow, path).status, 503, "{path}");
        }
        assert_eq!(respond(&overflow, "/__planb/").status, 200);
    }

    #[test]
    fn the_index_escapes_titles_and_names() {
        let r = respond(&preview(Mode::Landing, vec![]), "/__planb");
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains("Site &amp; co"));
        assert!(body.contains("landing &lt;page&gt;"));
        assert!(body.contains("<li class=on><a href=\"/__planb/mode/landing\">"));
    }

    #[test]
    fn before_the_first_good_build_every_path_shows_the_problems() {
        let mut p = preview(Mode::Normal, vec![Diagnostic::new("planb.toml", "broken")]);
        p.site = None;
        let r = respond(&p, "/_planb/landing.html");
        assert_eq!(r.status, 500);
        assert!(
            String::from_utf8(r.body)
                .unwrap()
                .contains("planb.toml: error: broken")
        );
    }
}
