//! `custom_error_response.tf`: a complete example distribution in Terraform (HCL): the
//! application origin behind the default behavior, planb's pages from their own S3 origin behind
//! `PREFIX/*` (so they survive the application), a response headers policy per set of headers,
//! the mode functions chosen by one `planb_mode` variable, and the custom error responses.
//!
//! The traps this avoids: `${` and `%{` start template sequences even in a quoted HCL string
//! (`hcl` doubles them); CloudFront takes the first behavior that matches, so the pages whose
//! headers differ come before the prefix's own, and all of planb's before the application's cached
//! routes (`cached_routes`); the origin timeout is clamped to what CloudFront takes without a
//! quota increase.

use std::fmt::Write as _;

use super::cached_routes;
use super::error_responses::expressible;
use super::header_policies::{Group, default_group, response_headers_policy};
use super::{APP_ORIGIN, MAX_ORIGIN_TIMEOUT, PAGES_ORIGIN};
use crate::targets::EdgeSite;
use crate::targets::hcl::hcl;

/// The mode functions of a behavior: the same on every behavior that reaches the application, so
/// that a mode applies to the cached routes too.
const FUNCTION_ASSOCIATIONS: &str = "    dynamic \"function_association\" {\n      for_each = [for f in local.planb_functions : f if f.mode == var.planb_mode]\n      content {\n        event_type   = function_association.value.event_type\n        function_arn = function_association.value.arn\n      }\n    }\n";

/// The path patterns of planb's page behaviors, in the order CloudFront must see them, each with
/// its response headers policy: the pages whose headers differ from the rest first (CloudFront
/// takes the first behavior that matches), then the whole prefix.
pub fn pages_patterns(site: &EdgeSite, groups: &[Group]) -> Vec<(String, usize)> {
    let default = default_group(groups);
    let mut out = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if i != default {
            for p in &g.pages {
                out.push((p.url.clone(), i));
            }
        }
    }
    out.push((format!("{}/*", site.edge.prefix), default));
    out
}

pub fn terraform(site: &EdgeSite, groups: &[Group]) -> String {
    let prefix = &site.edge.prefix;
    let scheduled = !site.schedule.is_empty();
    let mut out = format!(
        "# planb: CloudFront configuration (generated; proven only on paper: this file follows the\n\
         # CloudFront and Terraform AWS provider documentation but was not applied by planb's tests).\n\
         #\n\
         # A complete example distribution: the application origin behind the default behavior, and\n\
         # planb's pages from their own S3 bucket behind `{prefix}/*`, so they survive the application.\n\
         # To add planb to an existing distribution, copy the `origin` \"{PAGES_ORIGIN}\", the\n\
         # `ordered_cache_behavior` and `custom_error_response` blocks, the `dynamic \"function_association\"`\n\
         # block and the resources they name. Switch mode with one variable:\n\
         #   terraform apply -var planb_mode=landing    (or overflow, or normal{schedule_mode})\n\n\
         variable \"planb_mode\" {{\n  description = \"What the edge does: normal, landing (/ answers 302 to the landing page) or overflow (every path answers the overflow page with 503){schedule_what}.\"\n  type        = string\n  default     = \"normal\"\n  validation {{\n    condition     = contains([\"normal\", \"landing\", \"overflow\"{schedule_list}], var.planb_mode)\n    error_message = \"planb_mode is normal, landing or overflow{schedule_or}.\"\n  }}\n}}\n\n\
         variable \"planb_name\" {{\n  description = \"Prefix of the names of planb's CloudFront resources.\"\n  type        = string\n  default     = \"planb\"\n}}\n\n\
         variable \"app_domain_name\" {{\n  description = \"The application origin's domain name.\"\n  type        = string\n}}\n\n\
         variable \"pages_bucket_regional_domain_name\" {{\n  description = \"The S3 bucket holding output/public/, e.g. my-pages.s3.eu-west-3.amazonaws.com.\"\n  type        = string\n}}\n\n",
        schedule_mode = if scheduled {
            ", or schedule: each [[schedule]] window by itself"
        } else {
            ""
        },
        schedule_what = if scheduled {
            " or schedule (each [[schedule]] window's mode, by itself)"
        } else {
            ""
        },
        schedule_list = if scheduled { ", \"schedule\"" } else { "" },
        schedule_or = if scheduled { " or schedule" } else { "" },
    );
    out.push_str(
        "data \"aws_cloudfront_cache_policy\" \"caching_disabled\" {\n  name = \"Managed-CachingDisabled\"\n}\n\n\
         # Forwards everything but the viewer's Host header: the overflow function sends requests of\n\
         # the default behavior to the S3 origin, which must receive its own Host.\n\
         data \"aws_cloudfront_origin_request_policy\" \"all_viewer_except_host\" {\n  name = \"Managed-AllViewerExceptHostHeader\"\n}\n\n\
         # The pages' Cache-Control (S3 object metadata, set at upload) decides how long CloudFront\n\
         # keeps them; min_ttl = 0 so that `no-store` (the 429 page) is honoured.\n\
         resource \"aws_cloudfront_cache_policy\" \"planb_pages\" {\n  name        = \"${var.planb_name}-pages\"\n  min_ttl     = 0\n  default_ttl = 86400\n  max_ttl     = 31536000\n\n  parameters_in_cache_key_and_forwarded_to_origin {\n    enable_accept_encoding_brotli = true\n    enable_accept_encoding_gzip   = true\n    cookies_config {\n      cookie_behavior = \"none\"\n    }\n    headers_config {\n      header_behavior = \"none\"\n    }\n    query_strings_config {\n      query_string_behavior = \"none\"\n    }\n  }\n}\n\n\
         resource \"aws_cloudfront_origin_access_control\" \"planb_pages\" {\n  name                              = \"${var.planb_name}-pages\"\n  origin_access_control_origin_type = \"s3\"\n  signing_behavior                  = \"always\"\n  signing_protocol                  = \"sigv4\"\n}\n\n",
    );
    for (i, g) in groups.iter().enumerate() {
        response_headers_policy(&mut out, i, g);
    }
    cached_routes::cache_policies(&mut out, site);
    function_resources(&mut out, site);
    distribution(&mut out, site, groups);
    out
}

/// The mode functions, and the list each mode associates with the default behavior.
fn function_resources(out: &mut String, site: &EdgeSite) {
    let mut associations = Vec::new();
    if site.landing().is_some() {
        out.push_str("resource \"aws_cloudfront_function\" \"planb_landing\" {\n  name    = \"${var.planb_name}-landing\"\n  runtime = \"cloudfront-js-2.0\"\n  comment = \"planb landing mode: / answers 302 to the landing page\"\n  publish = true\n  code    = file(\"${path.module}/functions/landing.js\")\n}\n\n");
        associations.push(("landing", "viewer-request", "planb_landing"));
    }
    if site.overflow().is_some() {
        out.push_str("resource \"aws_cloudfront_function\" \"planb_overflow\" {\n  name    = \"${var.planb_name}-overflow\"\n  runtime = \"cloudfront-js-2.0\"\n  comment = \"planb overflow mode: every request goes to the overflow page on S3\"\n  publish = true\n  code    = file(\"${path.module}/functions/overflow.js\")\n}\n\n");
        out.push_str("resource \"aws_cloudfront_function\" \"planb_overflow_response\" {\n  name    = \"${var.planb_name}-overflow-response\"\n  runtime = \"cloudfront-js-2.0\"\n  comment = \"planb overflow mode: 503 and the overflow page's headers\"\n  publish = true\n  code    = file(\"${path.module}/functions/overflow-response.js\")\n}\n\n");
        associations.push(("overflow", "viewer-request", "planb_overflow"));
        associations.push(("overflow", "viewer-response", "planb_overflow_response"));
    }
    if !site.schedule.is_empty() {
        out.push_str("resource \"aws_cloudfront_function\" \"planb_schedule\" {\n  name    = \"${var.planb_name}-schedule\"\n  runtime = \"cloudfront-js-2.0\"\n  comment = \"planb schedule mode: each [[schedule]] window's mode, on the clock\"\n  publish = true\n  code    = file(\"${path.module}/functions/schedule.js\")\n}\n\n");
        associations.push(("schedule", "viewer-request", "planb_schedule"));
        if site.overflow().is_some() {
            out.push_str("resource \"aws_cloudfront_function\" \"planb_schedule_response\" {\n  name    = \"${var.planb_name}-schedule-response\"\n  runtime = \"cloudfront-js-2.0\"\n  comment = \"planb schedule mode: 503 and the overflow page's headers in an overflow window\"\n  publish = true\n  code    = file(\"${path.module}/functions/schedule-response.js\")\n}\n\n");
            associations.push(("schedule", "viewer-response", "planb_schedule_response"));
        }
    }
    out.push_str(
        "# The functions each mode associates with the default cache behavior.\nlocals {\n  planb_functions = [\n",
    );
    for (mode, event, resource) in &associations {
        let _ = writeln!(
            out,
            "    {{ mode = \"{mode}\", event_type = \"{event}\", arn = aws_cloudfront_function.{resource}.arn }},"
        );
    }
    out.push_str("  ]\n}\n\n");
}

/// The example distribution: both origins, the default behavior with the mode's functions, the
/// pages' behaviors, the cached routes' behaviors, and the custom error responses.
fn distribution(out: &mut String, site: &EdgeSite, groups: &[Group]) {
    let timeout = site.edge.timeout.clamp(1, MAX_ORIGIN_TIMEOUT);
    let _ = write!(
        out,
        "resource \"aws_cloudfront_distribution\" \"planb_example\" {{\n  enabled = true\n  comment = \"planb example: the application, with planb's pages from S3\"\n\n  origin {{\n    origin_id   = \"{APP_ORIGIN}\"\n    domain_name = var.app_domain_name\n    custom_origin_config {{\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n      # edge.timeout ({given} s), within CloudFront's 1-{MAX_ORIGIN_TIMEOUT} s: then CloudFront answers 504.\n      origin_read_timeout = {timeout}\n    }}\n  }}\n\n  origin {{\n    origin_id                = \"{PAGES_ORIGIN}\"\n    domain_name              = var.pages_bucket_regional_domain_name\n    origin_access_control_id = aws_cloudfront_origin_access_control.planb_pages.id\n  }}\n\n  default_cache_behavior {{\n    target_origin_id         = \"{APP_ORIGIN}\"\n    viewer_protocol_policy   = \"redirect-to-https\"\n    allowed_methods          = [\"DELETE\", \"GET\", \"HEAD\", \"OPTIONS\", \"PATCH\", \"POST\", \"PUT\"]\n    cached_methods           = [\"GET\", \"HEAD\"]\n    cache_policy_id          = data.aws_cloudfront_cache_policy.caching_disabled.id\n    origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer_except_host.id\n\n{FUNCTION_ASSOCIATIONS}  }}\n\n",
        given = site.edge.timeout,
    );
    out.push_str(
        "  # planb's pages, from S3, each with its headers: the pages whose headers differ from the\n  # rest first (CloudFront takes the first behavior that matches), then the whole prefix.\n",
    );
    for (pattern, policy) in pages_patterns(site, groups) {
        pages_behavior(out, &pattern, policy);
    }
    cached_routes::behaviors(out, site, FUNCTION_ASSOCIATIONS);
    let pages = expressible(site);
    if !pages.is_empty() {
        out.push_str("  # Errors of the application, and CloudFront's own (502 origin unreachable, 504 timeout),\n  # answered with planb's page for that status, keeping the status.\n");
    }
    for p in pages {
        let _ = writeln!(
            out,
            "  custom_error_response {{\n    error_code            = {s}\n    response_code         = {s}\n    response_page_path    = {path}\n    error_caching_min_ttl = {ttl}\n  }}\n",
            s = p.status,
            path = hcl(&p.url),
            ttl = p.policy.edge_ttl()
        );
    }
    out.push_str(
        "  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
    );
}

fn pages_behavior(out: &mut String, pattern: &str, policy: usize) {
    let _ = writeln!(
        out,
        "  ordered_cache_behavior {{\n    path_pattern               = {}\n    target_origin_id           = \"{PAGES_ORIGIN}\"\n    viewer_protocol_policy     = \"redirect-to-https\"\n    allowed_methods            = [\"GET\", \"HEAD\"]\n    cached_methods             = [\"GET\", \"HEAD\"]\n    compress                   = true\n    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id\n    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_{}.id\n  }}\n",
        hcl(pattern),
        policy + 1
    );
}
