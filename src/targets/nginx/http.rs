//! `planb-http.conf`, included in the user's `http {}`: what nginx accepts only there. Always the
//! log filter (`$planb_log`: the application's own 5xx, and one request in a hundred of the rest),
//! because by default nginx writes an access line for every request and an error line for every
//! failed upstream connect, about 340 bytes a request: 25 GB an hour at 20k req/s. The overflow
//! answers are 5xx too, so "log every 5xx" would fill the disk in a spike: only a 5xx whose header
//! came from the application counts as the application's. With `[[shield.cache]]`, also the hop
//! between the cache and the application (`stale::hop_text`).

use super::{admission, language, schedule, stale};
use crate::targets::EdgeSite;

/// The file's name beside the snippet.
pub const FILE: &str = "planb-http.conf";

pub fn text(site: &EdgeSite) -> String {
    let mut out = "# planb for nginx: what goes in http {} (generated; do not edit). Include it in http {}:\n\
     #     include /etc/nginx/planb/planb-http.conf;\n\n\
     # Access log filter: use it as `access_log FILE combined buffer=64k flush=5s if=$planb_log;`.\n\
     # One request in a hundred, chosen by its id...\n\
     split_clients \"${request_id}\" $planb_sample {\n    1% 1;\n    * \"\";\n}\n\
     # ...and every 5xx the application answered itself (it sent a header: nginx's own 502/504\n\
     # when it is down or slow, and the overflow answers, are only sampled).\n\
     map \"$upstream_status $upstream_header_time\" $planb_log {\n    \"~^5[0-9][0-9] [0-9]\" 1;\n    default $planb_sample;\n}\n"
        .to_owned();
    out.push_str(&language::http_text(site));
    out.push_str(&schedule::http_text(site));
    if site.shield.admission.is_some() {
        out.push_str(&admission::http_text());
    }
    if !site.shield.cache.is_empty() {
        out.push_str(&stale::http_text());
        let limits = site
            .shield
            .admission
            .map(|a| admission::limit_lines(&a, "        "))
            .unwrap_or_default();
        out.push_str(&stale::hop_text(site, &limits));
    }
    out
}
