//! `[[schedule]]` for CloudFront: two functions attached in the Terraform mode `schedule`
//! (`-var planb_mode=schedule`) that read the clock (`Date.now()`, milliseconds since the epoch,
//! whatever the edge location's time zone) on every request. `schedule.js` (viewer request)
//! does what the window's mode function does: the home's 302 in a landing window, every request
//! sent to S3 for the overflow page in an overflow window. `schedule-response.js` (viewer
//! response) gives that page its 503 and headers when, and only when, an overflow window sent it.
//! CloudFront attaches one function per event: switching mode by hand replaces these, so during
//! the show a manual switch wins over every window until `planb_mode=schedule` again.

use std::fmt::Write as _;

use super::PAGES_ORIGIN;
use super::functions::{
    js, negotiation, overflow_response_function, overflow_url, overflow_urls, url_in_language,
};
use crate::targets::EdgeSite;
use crate::targets::schedule::{describe, header};

/// The windows as a JavaScript array literal, `[from, until, mode]` in seconds.
fn windows(site: &EdgeSite) -> String {
    let mut out = String::from("var WINDOWS = [\n");
    for w in &site.schedule {
        let _ = writeln!(
            out,
            "  [{}, {}, {}], // {}",
            w.from,
            w.until,
            js(w.mode.name()),
            describe(w)
        );
    }
    out.push_str("];\n\nfunction mode() {\n  var now = Math.floor(Date.now() / 1000);\n  for (var i = 0; i < WINDOWS.length; i++) {\n    if (now >= WINDOWS[i][0] && now < WINDOWS[i][1]) {\n      return WINDOWS[i][2];\n    }\n  }\n  return 'normal';\n}\n\n");
    out
}

/// `schedule.js`, viewer request.
pub fn request_function(site: &EdgeSite) -> String {
    let mut out = String::from("import cf from 'cloudfront';\n\n");
    out.push_str(&header("//"));
    out.push_str(&negotiation(site, site.overflow()));
    out.push_str(&windows(site));
    out.push_str(
        "function handler(event) {\n  var request = event.request;\n  var now = mode();\n",
    );
    if let Some(o) = site.overflow() {
        let _ = writeln!(
            out,
            "  if (now === 'overflow') {{\n    cf.selectRequestOriginById({});\n    request.uri = {};\n    request.querystring = {{}};\n    return request;\n  }}",
            js(PAGES_ORIGIN),
            overflow_url(site, o)
        );
    }
    if let Some(l) = site.landing() {
        let vary = if site.is_multilingual() {
            ", vary: { value: 'Accept-Language' }"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  if (now === 'landing' && request.uri === '/') {{\n    return {{\n      statusCode: 302,\n      statusDescription: 'Found',\n      headers: {{ location: {{ value: {} }}, 'cache-control': {{ value: 'no-store' }}{vary} }}\n    }};\n  }}",
            url_in_language(site, l, "request")
        );
    }
    out.push_str("  return request;\n}\n");
    out
}

/// `schedule-response.js`, viewer response: the overflow function's answer, in an overflow
/// window, for the overflow page the request function sent.
pub fn response_function(site: &EdgeSite) -> Option<String> {
    let o = site.overflow()?;
    let inner = overflow_response_function(site, o)
        .replace("function handler(event)", "function overflow(event)");
    // The page the request function sent for: in any of its languages, or its twin.
    let urls: Vec<String> = overflow_urls(o).iter().map(|u| js(u)).collect();
    let sent = match urls.as_slice() {
        [one] => format!("event.request.uri === {one}"),
        all => format!("[{}].indexOf(event.request.uri) >= 0", all.join(", ")),
    };
    Some(format!(
        "{}{inner}\nfunction handler(event) {{\n  if (mode() === 'overflow' && {sent}) {{\n    return overflow(event);\n  }}\n  return event.response;\n}}\n",
        windows(site),
    ))
}
