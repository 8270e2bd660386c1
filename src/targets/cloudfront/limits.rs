//! CloudFront's quotas that planb can know at build time: a response headers policy's
//! Content-Security-Policy length and a function's size. Beyond them CloudFront would refuse the
//! deployment, the night it is needed: the build fails instead, saying which page and why.

use super::header_policies::Group;
use super::{MAX_CSP, MAX_FUNCTION};
use crate::config::FILE_NAME;
use crate::diag::{Diagnostic, Diagnostics};

/// One problem per group whose Content-Security-Policy a policy cannot hold.
pub fn too_long_policies(groups: &[Group]) -> Diagnostics {
    let mut problems = Vec::new();
    for g in groups {
        if let Some((_, csp)) = g
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-security-policy"))
            && csp.len() > MAX_CSP
        {
            problems.push(
                Diagnostic::new(
                    FILE_NAME,
                    format!(
                        "cloudfront: the Content-Security-Policy of {} has {} characters; a CloudFront response headers policy takes at most {MAX_CSP}",
                        g.pages[0].url,
                        csp.len()
                    ),
                )
                .help("inline fewer scripts and styles (each adds a hash to the policy), or remove \"cloudfront\" from `edge.targets`"),
            );
        }
    }
    problems
}

/// One problem per function (file name, code) over CloudFront's size limit.
pub fn too_long_functions(functions: &[(&str, String)]) -> Diagnostics {
    functions
        .iter()
        .filter(|(_, code)| code.len() > MAX_FUNCTION)
        .map(|(name, code)| {
            Diagnostic::new(
                FILE_NAME,
                format!(
                    "cloudfront: functions/{name} would have {} bytes; a CloudFront Function has at most {MAX_FUNCTION}",
                    code.len()
                ),
            )
            .help("shorten the overflow page's headers, or remove \"cloudfront\" from `edge.targets`")
        })
        .collect()
}
