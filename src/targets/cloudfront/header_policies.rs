//! The response headers policies: the pages grouped by the headers a policy must add (all but
//! Content-Type and Cache-Control, which the S3 objects carry as metadata), each group one
//! `aws_cloudfront_response_headers_policy`. CloudFront's security headers have typed blocks
//! (a Referrer-Policy outside its list of values must be a custom header), the rest are custom.

use std::fmt::Write as _;

use super::variant;
use crate::targets::hcl::hcl;
use crate::targets::{EdgePage, EdgeSite};

/// Pages sharing the headers a response headers policy must add (all but Content-Type and
/// Cache-Control, which the S3 objects carry as metadata).
pub struct Group<'a> {
    pub headers: Vec<(String, String)>,
    pub pages: Vec<&'a EdgePage>,
}

fn policy_headers(page: &EdgePage) -> Vec<(String, String)> {
    variant(page)
        .headers
        .iter()
        .filter(|(n, _)| {
            !n.eq_ignore_ascii_case("content-type") && !n.eq_ignore_ascii_case("cache-control")
        })
        .cloned()
        .collect()
}

/// The groups in order of their first page's URL; the largest (first on a tie) is the default for
/// the whole prefix, the others get a cache behavior per page.
pub fn header_groups(site: &EdgeSite) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for page in site.addressable() {
        let headers = policy_headers(page);
        match groups.iter_mut().find(|g| g.headers == headers) {
            Some(g) => g.pages.push(page),
            None => groups.push(Group {
                headers,
                pages: vec![page],
            }),
        }
    }
    groups
}

pub fn default_group(groups: &[Group]) -> usize {
    let mut best = 0;
    for (i, g) in groups.iter().enumerate() {
        if g.pages.len() > groups[best].pages.len() {
            best = i;
        }
    }
    best
}

fn referrer_policies() -> [&'static str; 8] {
    [
        "no-referrer",
        "no-referrer-when-downgrade",
        "origin",
        "origin-when-cross-origin",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    ]
}

pub fn response_headers_policy(out: &mut String, index: usize, group: &Group) {
    let _ = writeln!(
        out,
        "# Headers of {}.",
        group
            .pages
            .iter()
            .map(|p| p.url.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        out,
        "resource \"aws_cloudfront_response_headers_policy\" \"planb_{n}\" {{\n  name    = \"${{var.planb_name}}-headers-{n}\"\n  comment = \"planb: the manifest's headers for {count} page(s)\"",
        n = index + 1,
        count = group.pages.len()
    );
    let mut security = String::new();
    let mut custom = String::new();
    for (name, value) in &group.headers {
        let lower = name.to_ascii_lowercase();
        if lower == "content-security-policy" {
            let _ = writeln!(
                security,
                "    content_security_policy {{\n      content_security_policy = {}\n      override                = true\n    }}",
                hcl(value)
            );
        } else if lower == "x-content-type-options" && value == "nosniff" {
            security.push_str("    content_type_options {\n      override = true\n    }\n");
        } else if lower == "referrer-policy" && referrer_policies().contains(&value.as_str()) {
            let _ = writeln!(
                security,
                "    referrer_policy {{\n      referrer_policy = {}\n      override        = true\n    }}",
                hcl(value)
            );
        } else {
            let _ = writeln!(
                custom,
                "    items {{\n      header   = {}\n      value    = {}\n      override = true\n    }}",
                hcl(name),
                hcl(value)
            );
        }
    }
    if !custom.is_empty() {
        let _ = write!(out, "\n  custom_headers_config {{\n{custom}  }}\n");
    }
    if !security.is_empty() {
        let _ = write!(out, "\n  security_headers_config {{\n{security}  }}\n");
    }
    out.push_str("}\n\n");
}
