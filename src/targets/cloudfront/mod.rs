//! CloudFront: custom error responses (the `CustomErrorResponses` part of a DistributionConfig, as
//! API JSON and as Terraform blocks), an example distribution where the pages come from their own
//! S3 origin (so they survive the application's), response headers policies that give each page
//! its manifest headers, CloudFront Functions for landing and overflow mode, switched by one
//! Terraform variable, and a cache behavior per `[[shield.cache]]` prefix. Nothing here can be run against CloudFront from this machine: the files
//! follow CloudFront's documentation, and the tests check them against it.
//!
//! The traps this avoids, one file each: the error pages come from their own S3 origin behind
//! their own behavior (`terraform.rs`), CloudFront customises only some statuses
//! (`error_responses.rs`), Content-Type and Cache-Control are S3 metadata while the other headers
//! need response headers policies (`header_policies.rs`), a cache policy cannot keep a private
//! request out of the cache, so the cached routes forward no cookie and no header
//! (`cached_routes.rs`), and CloudFront's quotas on policies, behaviors and functions fail the
//! build instead of the deployment (`limits.rs`). The root is not used:
//! CloudFront serves from the bucket, whatever folder the bundle was built in.

mod cached_routes;
mod error_responses;
mod functions;
mod header_policies;
mod limits;
mod readme;
mod schedule;
mod terraform;
#[cfg(test)]
mod tests;

use super::shield::{ShieldSupport, Support};
use super::{EdgePage, EdgeSite, Folder, Target, Targets, Variant};
use crate::diag::Diagnostics;
use crate::output::OutputFile;

/// The statuses CloudFront accepts as `ErrorCode` of a custom error response (CloudFront Developer
/// Guide, "Create a custom error page for specific HTTP status codes").
pub const ERROR_CODES: [u16; 11] = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];
/// The longest Content-Security-Policy a response headers policy takes (CloudFront quotas).
pub const MAX_CSP: usize = 1_783;
/// The largest CloudFront Function, in bytes (CloudFront quotas).
pub const MAX_FUNCTION: usize = 10_240;
/// Cache behaviors per distribution, without a quota increase (CloudFront quotas).
pub const MAX_BEHAVIORS: usize = 25;
/// Cache policies per AWS account, without a quota increase (CloudFront quotas).
pub const MAX_CACHE_POLICIES: usize = 20;
/// The longest path pattern of a cache behavior (CloudFront Developer Guide, "Path pattern").
pub const MAX_PATH_PATTERN: usize = 255;
/// CloudFront's origin response timeout without a quota increase, in seconds.
pub const MAX_ORIGIN_TIMEOUT: u32 = 60;
/// Origin IDs in the example distribution; the overflow function selects the pages' one.
pub const PAGES_ORIGIN: &str = "planb-pages";
pub const APP_ORIGIN: &str = "app";

const FOLDER: Folder = Folder("config/cloudfront");

pub struct Cloudfront;

impl Target for Cloudfront {
    fn name(&self) -> &'static str {
        "cloudfront"
    }

    fn follows_schedule(&self) -> bool {
        true
    }

    fn schedule_note(&self) -> Option<&'static str> {
        Some(
            "`terraform apply -var planb_mode=schedule` attaches `functions/schedule.js` (viewer \
             request) and `functions/schedule-response.js` (viewer response), which read the clock \
             (`Date.now()`, UTC) on every request: in a landing window the home answers 302 to the \
             landing page, in an overflow window every request gets the overflow page with 503, and \
             outside the windows nothing changes. CloudFront attaches one function per event, so a \
             mode switched by hand (`planb_mode=overflow`) replaces them and wins over every window \
             until `planb_mode=schedule` again. Tested in Node.js with the clock stopped before, \
             inside and after each window; not run in CloudFront.",
        )
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }

    fn shield(&self) -> ShieldSupport {
        ShieldSupport {
            admission: Support::None(
                "CloudFront cannot count the requests in flight to an origin (CloudFront Functions \
                 see one request at a time); put a server target with `capacity` behind it",
            ),
            // Written on paper only (cached_routes.rs): nothing here runs CloudFront.
            cache: Support::Approximate(
                "each prefix is an ordered cache behavior (GET and HEAD cached, fresh max_age at \
                 most, simultaneous misses collapsed), but stale-while-revalidate and \
                 stale-if-error apply only if the application sends them in its own \
                 Cache-Control (a cache policy has no setting for them), and a cache policy \
                 cannot bypass the cache for a session cookie or Authorization: these routes \
                 forward neither to the application and drop its Set-Cookie, so they must be \
                 public-only; proven on paper, not against CloudFront",
            ),
        }
    }
}

/// The variant CloudFront serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `functions.rs` picks among the others, where it does.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let groups = header_policies::header_groups(site);
    let mut functions = Vec::new();
    if let Some(page) = site.landing() {
        functions.push(("landing.js", functions::landing_function(site, page)));
    }
    if let Some(page) = site.overflow() {
        functions.push(("overflow.js", functions::overflow_function(site, page)));
        functions.push((
            "overflow-response.js",
            functions::overflow_response_function(site, page),
        ));
    }
    if !site.schedule.is_empty() {
        functions.push(("schedule.js", schedule::request_function(site)));
        if let Some(code) = schedule::response_function(site) {
            functions.push(("schedule-response.js", code));
        }
    }
    let mut problems = limits::too_long_policies(&groups);
    problems.extend(limits::too_long_functions(&functions));
    let pages: Vec<String> = terraform::pages_patterns(site, &groups)
        .into_iter()
        .map(|(pattern, _)| pattern)
        .collect();
    problems.extend(limits::cached_route_problems(site, &pages));
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = vec![
        FOLDER.file(
            "custom-error-responses.json",
            error_responses::error_responses_json(site),
        ),
        FOLDER.file(
            "custom_error_response.tf",
            terraform::terraform(site, &groups),
        ),
        readme::readme(site, &groups).map_err(|d| vec![d])?,
    ];
    for (name, code) in functions {
        out.push(FOLDER.file(&format!("functions/{name}"), code));
    }
    Ok(out)
}
