//! `custom-error-responses.json`: the `CustomErrorResponses` part of a DistributionConfig as the
//! CloudFront API takes it, for the statuses CloudFront can customise. Written by hand to keep the
//! API's field order (Quantity, then Items); `ResponseCode` is a string in the API, `ErrorCode` a
//! number, and every string is JSON-escaped.

use super::ERROR_CODES;
use super::functions::js;
use crate::targets::{EdgePage, EdgeSite};

/// The error pages CloudFront can answer, by ascending status.
pub fn expressible(site: &EdgeSite) -> Vec<&EdgePage> {
    site.error_pages()
        .into_iter()
        .filter(|p| ERROR_CODES.contains(&p.status))
        .collect()
}

pub fn error_responses_json(site: &EdgeSite) -> String {
    // Written by hand to keep the API's field order (Quantity, then Items); every value is a
    // number or a JSON-escaped string.
    let items: Vec<String> = expressible(site)
        .iter()
        .map(|p| {
            format!(
                "    {{\n      \"ErrorCode\": {status},\n      \"ResponsePagePath\": {path},\n      \"ResponseCode\": \"{status}\",\n      \"ErrorCachingMinTTL\": {ttl}\n    }}",
                status = p.status,
                path = js(&p.url),
                ttl = p.policy.edge_ttl()
            )
        })
        .collect();
    if items.is_empty() {
        return "{\n  \"Quantity\": 0,\n  \"Items\": []\n}\n".to_owned();
    }
    format!(
        "{{\n  \"Quantity\": {},\n  \"Items\": [\n{}\n  ]\n}}\n",
        items.len(),
        items.join(",\n")
    )
}
