//! Cloudflare in front of an origin (a proxied zone, not Cloudflare Pages): the zone's own rules
//! for planb's pages, as Cloudflare API request bodies (`api.rs`) and as Terraform (`terraform.rs`),
//! both written from one list of rules (`rules.rs`): custom error rules that answer the origin's
//! errors and Cloudflare's own (origin down, timeout) with planb's pages and their status,
//! response header rules that give those answers their manifest headers, cache rules for planb's
//! pages and the `[[shield.cache]]` routes, the home redirected in landing mode, and in overflow
//! mode a Worker on the whole host that answers every request with the overflow page and 503
//! (`worker.rs`); `[[schedule]]` is one more setting, whose rules read the clock (`schedule.rs`).
//! The Worker is run in workerd by the tests; the bodies are checked against the
//! types of Cloudflare's TypeScript SDK and the Terraform against the provider's schema; nothing
//! here is applied to a real zone (the README says so).

mod api;
mod readme;
mod rules;
mod schedule;
mod terraform;
#[cfg(test)]
mod tests;
mod worker;

use super::shield::{ShieldSupport, Support};
use super::{EdgeSite, Folder, Target, Targets};
use crate::config::edge::Edge;
use crate::diag::Diagnostics;
use crate::output::OutputFile;

/// The most bytes a custom error rule's inline `content` takes ("The maximum content size is
/// 10 KB", Custom Errors parameters); a heavier page becomes a custom error asset.
pub const MAX_INLINE: usize = 10_000;
/// Cloudflare's answers when it cannot reach the origin or the origin refuses it (520 unknown,
/// 521 down, 522 connection timed out, 523 unreachable, 525 and 526 TLS): the 502 page's.
pub const ORIGIN_DOWN: [u16; 6] = [520, 521, 522, 523, 525, 526];
/// Cloudflare's answer when the origin does not answer in time: the 504 page's.
pub const ORIGIN_TIMEOUT: [u16; 1] = [524];
/// Custom error rules on a Pro plan (Free has none; Business 50).
pub const PRO_CUSTOM_ERRORS: usize = 25;
/// The overflow Worker's name.
pub const WORKER: &str = "planb-overflow";
/// The Workers runtime version the overflow Worker is written for.
pub const COMPATIBILITY_DATE: &str = "2025-09-01";

const FOLDER: Folder = Folder("config/cloudflare");

pub struct Cloudflare;

impl Target for Cloudflare {
    fn name(&self) -> &'static str {
        "cloudflare"
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        let rules = schedule::with_twins(site, rules::rules(site));
        let mut out = api::files(site, &rules);
        out.push(FOLDER.file("planb.tf", terraform::terraform(site, &rules)));
        if let Some(page) = site.overflow_or_503() {
            out.push(FOLDER.file(
                &format!("worker/{}", worker::FILE),
                worker::script(site, page),
            ));
            if schedule::needs_worker(site) {
                out.push(FOLDER.file(
                    &format!("worker/{}", schedule::FILE),
                    schedule::script(site, page),
                ));
            }
        }
        out.push(readme::readme(site, &rules).map_err(|d| vec![d])?);
        Ok(out)
    }

    fn follows_schedule(&self) -> bool {
        true
    }

    fn schedule_note(&self) -> Option<&'static str> {
        Some(
            "The setting `schedule` (`api/schedule/`, or `terraform apply -var \
             planb_mode=schedule`) enables twins of the rules a window changes, which read \
             Cloudflare's clock (`http.request.timestamp.sec`): the home's redirect holds inside \
             each landing window, and the overflow status's error page outside each overflow \
             window, where the Worker `planb-schedule` (on the route of the whole host) answers \
             the overflow page with 503; outside them it passes every request to the origin (the \
             Worker runs on every request of the night, so it needs Workers Paid, as overflow mode \
             does). The setting replaces a mode switched by hand, and a mode replaces it. The Worker is run \
             in workerd before, inside and after a window; the rules' expressions are on paper.",
        )
    }

    fn shield(&self) -> ShieldSupport {
        ShieldSupport {
            admission: Support::None(
                "Cloudflare's rules cannot count the requests in flight to the origin (a Waiting \
                 Room, on Business plans and above, queues visitors instead): put a server target \
                 with `capacity` behind it",
            ),
            // Written on paper only: nothing here runs a zone.
            cache: Support::Approximate(
                "each prefix is a cache rule (GET and HEAD without Authorization or a session \
                 cookie, kept fresh max_age at the edge, refreshed in the background while stale), \
                 but how long a stale copy outlives an origin failure is Cloudflare's choice, not \
                 stale_if_error; proven on paper, not against Cloudflare",
            ),
        }
    }

    fn limits(&self, _edge: &Edge, _enabled: &Targets) -> Vec<String> {
        vec![
            format!(
                "custom error rules need a paid plan (Pro: {PRO_CUSTOM_ERRORS} rules, Free: none); without them the origin's errors reach visitors as they are"
            ),
            "in overflow mode every request runs the Worker `planb-overflow`: on Workers Free, 100,000 requests a day; a show's spike needs Workers Paid".into(),
        ]
    }
}
