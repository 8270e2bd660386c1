//! CloudFront: custom error responses (the `CustomErrorResponses` part of a DistributionConfig, as
//! API JSON and as Terraform blocks), an example distribution where the pages come from their own
//! S3 origin (so they survive the application's), response headers policies that give each page
//! its manifest headers, and CloudFront Functions for landing and overflow mode, switched by one
//! Terraform variable. Nothing here can be run against CloudFront from this machine: the files
//! follow CloudFront's documentation, and the tests check them against it.

use std::fmt::Write as _;

use super::{EdgePage, EdgeSite, Target, Targets, Variant};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

/// The statuses CloudFront accepts as `ErrorCode` of a custom error response (CloudFront Developer
/// Guide, "Create a custom error page for specific HTTP status codes").
pub const ERROR_CODES: [u16; 11] = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];
/// The longest Content-Security-Policy a response headers policy takes (CloudFront quotas).
pub const MAX_CSP: usize = 1_783;
/// The largest CloudFront Function, in bytes (CloudFront quotas).
pub const MAX_FUNCTION: usize = 10_240;
/// CloudFront's origin response timeout without a quota increase, in seconds.
pub const MAX_ORIGIN_TIMEOUT: u32 = 60;
/// Origin IDs in the example distribution; the overflow function selects the pages' one.
pub const PAGES_ORIGIN: &str = "planb-pages";
pub const APP_ORIGIN: &str = "app";

const DIR: &str = "config/cloudfront";

pub struct Cloudfront;

impl Target for Cloudfront {
    fn name(&self) -> &'static str {
        "cloudfront"
    }

    fn files(&self, site: &EdgeSite, _: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
        files(site)
    }
}

/// The variant CloudFront serves for `page`: it negotiates nothing yet.
fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

pub fn files(site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    let groups = header_groups(site);
    let mut problems = Vec::new();
    for g in &groups {
        if let Some((_, csp)) = g
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-security-policy"))
            && csp.len() > MAX_CSP
        {
            problems.push(
                Diagnostic::new(
                    crate::config::FILE_NAME,
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
    let mut functions = Vec::new();
    if let Some(page) = site.landing() {
        functions.push(("landing.js", landing_function(page)));
    }
    if let Some(page) = site.overflow() {
        functions.push(("overflow.js", overflow_function(page)));
        functions.push(("overflow-response.js", overflow_response_function(page)));
    }
    for (name, code) in &functions {
        if code.len() > MAX_FUNCTION {
            problems.push(Diagnostic::new(
                crate::config::FILE_NAME,
                format!(
                    "cloudfront: functions/{name} would have {} bytes; a CloudFront Function has at most {MAX_FUNCTION}",
                    code.len()
                ),
            ).help("shorten the overflow page's headers, or remove \"cloudfront\" from `edge.targets`"));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = vec![
        file("custom-error-responses.json", error_responses_json(site)),
        file("custom_error_response.tf", terraform(site, &groups)),
        file("README.md", readme(site, &groups)),
    ];
    for (name, code) in functions {
        out.push(file(&format!("functions/{name}"), code));
    }
    Ok(out)
}

fn file(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{name}"),
        bytes: text.into_bytes(),
    }
}

/// The error pages CloudFront can answer, by ascending status.
pub fn expressible(site: &EdgeSite) -> Vec<&EdgePage> {
    site.error_pages()
        .into_iter()
        .filter(|p| ERROR_CODES.contains(&p.status))
        .collect()
}

fn error_responses_json(site: &EdgeSite) -> String {
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

/// Pages sharing the headers a response headers policy must add (all but Content-Type and
/// Cache-Control, which the S3 objects carry as metadata).
struct Group<'a> {
    headers: Vec<(String, String)>,
    pages: Vec<&'a EdgePage>,
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
fn header_groups(site: &EdgeSite) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for page in &site.pages {
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

fn default_group(groups: &[Group]) -> usize {
    let mut best = 0;
    for (i, g) in groups.iter().enumerate() {
        if g.pages.len() > groups[best].pages.len() {
            best = i;
        }
    }
    best
}

/// A Terraform (HCL) quoted string.
fn hcl(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    // `${` and `%{` start template sequences in HCL strings.
    out.replace("${", "$${").replace("%{", "%%{") + "\""
}

/// A JavaScript string literal (JSON's syntax is valid JavaScript).
fn js(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_default()
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

fn response_headers_policy(out: &mut String, index: usize, group: &Group) {
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

fn pages_behavior(out: &mut String, pattern: &str, policy: usize) {
    let _ = writeln!(
        out,
        "  ordered_cache_behavior {{\n    path_pattern               = {}\n    target_origin_id           = \"{PAGES_ORIGIN}\"\n    viewer_protocol_policy     = \"redirect-to-https\"\n    allowed_methods            = [\"GET\", \"HEAD\"]\n    cached_methods             = [\"GET\", \"HEAD\"]\n    compress                   = true\n    cache_policy_id            = aws_cloudfront_cache_policy.planb_pages.id\n    response_headers_policy_id = aws_cloudfront_response_headers_policy.planb_{}.id\n  }}\n",
        hcl(pattern),
        policy + 1
    );
}

fn terraform(site: &EdgeSite, groups: &[Group]) -> String {
    let prefix = &site.edge.prefix;
    let timeout = site.edge.timeout.clamp(1, MAX_ORIGIN_TIMEOUT);
    let mut out = format!(
        "# planb: CloudFront configuration (generated; proven only on paper: this file follows the\n\
         # CloudFront and Terraform AWS provider documentation but was not applied by planb's tests).\n\
         #\n\
         # A complete example distribution: the application origin behind the default behavior, and\n\
         # planb's pages from their own S3 bucket behind `{prefix}/*`, so they survive the application.\n\
         # To add planb to an existing distribution, copy the `origin` \"{PAGES_ORIGIN}\", the\n\
         # `ordered_cache_behavior` and `custom_error_response` blocks, the `dynamic \"function_association\"`\n\
         # block and the resources they name. Switch mode with one variable:\n\
         #   terraform apply -var planb_mode=landing    (or overflow, or normal)\n\n\
         variable \"planb_mode\" {{\n  description = \"What the edge does: normal, landing (/ answers 302 to the landing page) or overflow (every path answers the overflow page with 503).\"\n  type        = string\n  default     = \"normal\"\n  validation {{\n    condition     = contains([\"normal\", \"landing\", \"overflow\"], var.planb_mode)\n    error_message = \"planb_mode is normal, landing or overflow.\"\n  }}\n}}\n\n\
         variable \"planb_name\" {{\n  description = \"Prefix of the names of planb's CloudFront resources.\"\n  type        = string\n  default     = \"planb\"\n}}\n\n\
         variable \"app_domain_name\" {{\n  description = \"The application origin's domain name.\"\n  type        = string\n}}\n\n\
         variable \"pages_bucket_regional_domain_name\" {{\n  description = \"The S3 bucket holding output/public/, e.g. my-pages.s3.eu-west-3.amazonaws.com.\"\n  type        = string\n}}\n\n"
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
    let _ = write!(
        out,
        "resource \"aws_cloudfront_distribution\" \"planb_example\" {{\n  enabled = true\n  comment = \"planb example: the application, with planb's pages from S3\"\n\n  origin {{\n    origin_id   = \"{APP_ORIGIN}\"\n    domain_name = var.app_domain_name\n    custom_origin_config {{\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n      # edge.timeout ({given} s), within CloudFront's 1-{MAX_ORIGIN_TIMEOUT} s: then CloudFront answers 504.\n      origin_read_timeout = {timeout}\n    }}\n  }}\n\n  origin {{\n    origin_id                = \"{PAGES_ORIGIN}\"\n    domain_name              = var.pages_bucket_regional_domain_name\n    origin_access_control_id = aws_cloudfront_origin_access_control.planb_pages.id\n  }}\n\n  default_cache_behavior {{\n    target_origin_id         = \"{APP_ORIGIN}\"\n    viewer_protocol_policy   = \"redirect-to-https\"\n    allowed_methods          = [\"DELETE\", \"GET\", \"HEAD\", \"OPTIONS\", \"PATCH\", \"POST\", \"PUT\"]\n    cached_methods           = [\"GET\", \"HEAD\"]\n    cache_policy_id          = data.aws_cloudfront_cache_policy.caching_disabled.id\n    origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer_except_host.id\n\n    dynamic \"function_association\" {{\n      for_each = [for f in local.planb_functions : f if f.mode == var.planb_mode]\n      content {{\n        event_type   = function_association.value.event_type\n        function_arn = function_association.value.arn\n      }}\n    }}\n  }}\n\n",
        given = site.edge.timeout,
    );
    out.push_str(
        "  # planb's pages, from S3, each with its headers: the pages whose headers differ from the\n  # rest first (CloudFront takes the first behavior that matches), then the whole prefix.\n",
    );
    let default = default_group(groups);
    for (i, g) in groups.iter().enumerate() {
        if i != default {
            for p in &g.pages {
                pages_behavior(&mut out, &p.url, i);
            }
        }
    }
    pages_behavior(&mut out, &format!("{prefix}/*"), default);
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
    out
}

const RUNTIME_NOTE: &str = "// CloudFront Functions, runtime cloudfront-js-2.0 (generated by planb; proven only on paper:\n// run in Node.js by planb's tests, not in CloudFront).\n";

fn landing_function(page: &EdgePage) -> String {
    format!(
        "{RUNTIME_NOTE}// planb landing mode, viewer request on the default cache behavior: the home answers\n\
         // 302 (never 301, which browsers keep) to the landing page; every other request goes on.\n\
         function handler(event) {{\n  var request = event.request;\n  if (request.uri === '/') {{\n    return {{\n      statusCode: 302,\n      statusDescription: 'Found',\n      headers: {{ location: {{ value: {} }} }}\n    }};\n  }}\n  return request;\n}}\n",
        js(&page.url)
    )
}

fn overflow_function(page: &EdgePage) -> String {
    format!(
        "import cf from 'cloudfront';\n\n{RUNTIME_NOTE}// planb overflow mode, viewer request on the default cache behavior: every request, whatever\n\
         // its path, is sent to the S3 origin for the overflow page; the application is not contacted.\n\
         // overflow-response.js (viewer response) then sets 503 and the page's headers. The import\n\
         // stays on the first line, as CloudFront's documentation asks.\n\
         function handler(event) {{\n  var request = event.request;\n  cf.selectRequestOriginById({});\n  request.uri = {};\n  request.querystring = {{}};\n  return request;\n}}\n",
        js(PAGES_ORIGIN),
        js(&page.url)
    )
}

fn overflow_response_function(page: &EdgePage) -> String {
    let mut headers = String::new();
    for (name, value) in &variant(page).headers {
        let _ = writeln!(
            headers,
            "  response.headers[{}] = {{ value: {} }};",
            js(&name.to_ascii_lowercase()),
            js(value)
        );
    }
    format!(
        "{RUNTIME_NOTE}// planb overflow mode, viewer response on the default cache behavior: the overflow page\n\
         // from S3 answers {status} with exactly its manifest headers. Anything but the page itself (an\n\
         // S3 error, a 304 revalidation) passes unchanged.\n\
         function handler(event) {{\n  var response = event.response;\n  if (response.statusCode !== 200) {{\n    return response;\n  }}\n  response.statusCode = {status};\n  response.statusDescription = {reason};\n{headers}  return response;\n}}\n",
        status = page.status,
        reason = js(crate::statuses::reason(page.status).unwrap_or("Service Unavailable")),
    )
}

fn readme(site: &EdgeSite, groups: &[Group]) -> String {
    let prefix = &site.edge.prefix;
    let pages = expressible(site);
    let not_expressible: Vec<String> = site
        .error_pages()
        .into_iter()
        .filter(|p| !ERROR_CODES.contains(&p.status))
        .map(|p| format!("{} (`{}`)", p.status, p.url))
        .collect();
    let behaviors = 1 + groups
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != default_group(groups))
        .map(|(_, g)| g.pages.len())
        .sum::<usize>();
    let mut out = format!(
        "# planb on CloudFront\n\n\
         CloudFront cannot be run here: these files follow CloudFront's and the Terraform AWS provider's documentation and are checked against it by planb's tests (the functions run in Node.js there), but they are **proven only on paper**. Check them on a test distribution first (commands at the end).\n\n\
         ## Files\n\n\
         - `custom-error-responses.json`: the `CustomErrorResponses` part of a DistributionConfig, as the CloudFront API takes it.\n\
         - `custom_error_response.tf`: the same as Terraform `custom_error_response` blocks, inside a complete example distribution: an application origin (default behavior) and an S3 origin for planb's pages (`ordered_cache_behavior` for `{prefix}/*` and for the pages whose headers differ), response headers policies, the mode functions and the `planb_mode` variable.\n\
         - `functions/landing.js`, `functions/overflow.js`, `functions/overflow-response.js`: CloudFront Functions (cloudfront-js-2.0) for landing and overflow mode.\n\n\
         ## Why a separate S3 origin\n\n\
         A custom error page is fetched through the cache behavior that matches its path. If that were the application's, the page would fail exactly when it is needed. `{prefix}/*` goes to an S3 bucket holding `output/public/`, so the pages survive the application.\n\n\
         ## Install\n\n\
         1. Upload `output/public/` to the bucket, each file with its Content-Type and Cache-Control from the manifest (S3 keeps them as object metadata; the `.gz`/`.br` siblings and `_headers`/`_redirects` are not needed: CloudFront compresses by itself):\n\n\
         ```sh\n\
         BUCKET=my-planb-pages\n\
         jq -r '.files[] | select(.kind != \"platform\" and .encoding_of == null) | [.file, .headers[\"Content-Type\"], .headers[\"Cache-Control\"]] | @tsv' output/manifest.json |\n\
         while IFS=$'\\t' read -r file type cache; do\n\
         \x20 aws s3 cp \"output/public/$file\" \"s3://$BUCKET/$file\" --content-type \"$type\" --cache-control \"$cache\"\n\
         done\n\
         ```\n\n\
         2. Let CloudFront read the bucket (origin access control): a bucket policy allowing `s3:GetObject` on `arn:aws:s3:::BUCKET/*` to the principal `cloudfront.amazonaws.com` with the condition `AWS:SourceArn` = your distribution's ARN.\n\n\
         3. Either apply the Terraform (`terraform apply -var app_domain_name=… -var pages_bucket_regional_domain_name=…`), or copy its blocks into your own distribution, or set the error responses alone with the CLI (this replaces the distribution's existing custom error responses):\n\n\
         ```sh\n\
         ID=YOUR_DISTRIBUTION_ID\n\
         aws cloudfront get-distribution-config --id \"$ID\" > dist.json\n\
         jq --slurpfile e config/cloudfront/custom-error-responses.json '.DistributionConfig | .CustomErrorResponses = $e[0]' dist.json > new.json\n\
         aws cloudfront update-distribution --id \"$ID\" --if-match \"$(jq -r .ETag dist.json)\" --distribution-config file://new.json\n\
         ```\n\n\
         The `{prefix}/*` behavior (S3 origin) must exist before the error responses point at it.\n\n\
         ## Errors\n\n\
         CloudFront answers these statuses, from the application or its own (502 when the origin cannot be reached, 504 when it does not answer within `origin_read_timeout`, set from `edge.timeout` = {timeout} s, at most {MAX_ORIGIN_TIMEOUT} s without a quota increase), with planb's page and the same status:\n\n",
        timeout = site.edge.timeout,
    );
    if pages.is_empty() {
        out.push_str("- (none: the site has no page for a status CloudFront can customise)\n");
    }
    for p in &pages {
        let _ = writeln!(
            out,
            "- {} → `{}`, cached {} s (`ErrorCachingMinTTL`, the page's edge TTL)",
            p.status,
            p.url,
            p.policy.edge_ttl()
        );
    }
    let _ = write!(
        out,
        "\nCloudFront customises only {}. ",
        ERROR_CODES.map(|c| c.to_string()).join(", ")
    );
    if not_expressible.is_empty() {
        out.push_str("Every error page of this site is among them.\n");
    } else {
        let _ = writeln!(
            out,
            "Not expressible, so passed through as the application sends them: {}.",
            not_expressible.join(", ")
        );
    }
    out.push_str(
        "Other statuses pass through untouched. When CloudFront itself is over capacity (its `Capacity Exceeded` and `Limit Exceeded` 503s) it answers its own 503, not the custom page. CloudFront does not cache 416 responses, whatever `ErrorCachingMinTTL` says. The pages are also served directly at their URLs, with 200.\n\n\
         Custom error responses apply to the whole distribution: an API's own 404 or 500 bodies are replaced by the pages too. Leave out the items you do not want.\n\n\
         CloudFront honours `stale-if-error`: the landing page's Cache-Control lets CloudFront keep serving it when S3 fails.\n\n\
         ## Headers\n\n\
         - `Content-Type` and `Cache-Control`: the S3 objects' metadata, set by the upload above.\n",
    );
    let _ = writeln!(
        out,
        "- The others (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, Retry-After…): {} response headers policies, one per set of headers; the pages whose set is not the prefix's own get a cache behavior each ({behaviors} behaviors for planb in all: CloudFront allows 25 per distribution unless raised).",
        groups.len()
    );
    out.push_str(
        "- Not proven: whether CloudFront adds the pages' behavior's response headers policy when it serves a page as a *custom error response* for another path. Check with `curl -sI https://YOUR_DOMAIN/some/path` while the application answers 503, and compare with the manifest.\n\
         - CloudFront adds its own headers (Via, X-Cache, X-Amz-Cf-Pop, X-Amz-Cf-Id, Age…), and S3 its ETag and Last-Modified.\n\n\
         ## Switch mode\n\n\
         Modes are CloudFront Functions on the default cache behavior. With the Terraform, one variable:\n\n\
         ```sh\n\
         terraform apply -var planb_mode=landing\n\
         terraform apply -var planb_mode=overflow\n\
         terraform apply -var planb_mode=normal\n\
         ```\n\n\
         Without it: create and publish the functions (`aws cloudfront create-function --name planb-landing --function-config Comment=planb,Runtime=cloudfront-js-2.0 --function-code fileb://config/cloudfront/functions/landing.js`, then `aws cloudfront publish-function`), and associate them with the default cache behavior in the console (Behaviors → Edit → Function associations); remove them for normal mode. A distribution change takes a few minutes to reach every edge location. A cache behavior takes one function per event type: if the default behavior already has a viewer-request or viewer-response function, merge the code.\n\n",
    );
    match site.landing() {
        Some(p) => {
            let _ = writeln!(
                out,
                "- **landing**: `functions/landing.js` (viewer request) answers `/` with **302** and `Location: {}`; every other request goes to the application as usual. The 302 is generated at the edge and never cached by CloudFront.",
                p.url
            );
        }
        None => out.push_str("- **landing**: the site has no landing page, so no function.\n"),
    }
    match site.overflow() {
        Some(p) => {
            let _ = writeln!(
                out,
                "- **overflow**: `functions/overflow.js` (viewer request) sends every request of the default behavior to the S3 origin `{PAGES_ORIGIN}` for `{url}` (`cf.selectRequestOriginById`), so the application is not contacted; `functions/overflow-response.js` (viewer response) sets **{status}** and exactly the page's headers (Retry-After: {retry}). Paths under `{prefix}/` keep their own behaviors and pages. The default behavior must not forward the viewer's Host header to its origin (the example uses Managed-AllViewerExceptHostHeader): S3 needs its own.",
                url = p.url,
                status = p.status,
                retry = p.retry_after.map_or("none".to_owned(), |r| r.to_string()),
            );
        }
        None => out.push_str("- **overflow**: the site has no overflow page, so no function.\n"),
    }
    let _ = write!(
        out,
        "- **normal**: no function: errors map to the pages as above.\n\n\
         ## Limits\n\n\
         - Custom error responses exist only for {codes}.\n\
         - A response headers policy's Content-Security-Policy has at most {MAX_CSP} characters, and a function at most {MAX_FUNCTION} bytes: the build fails beyond.\n\
         - 25 cache behaviors per distribution and 20 response headers policies per account by default (quotas that AWS can raise).\n\n\
         ## Check on a test distribution\n\n\
         ```sh\n\
         # 200 and the landing page's headers\n\
         curl -sI https://YOUR_DOMAIN{landing}\n\
         # landing mode: 302 to the landing page\n\
         curl -sI https://YOUR_DOMAIN/\n\
         # overflow mode: 503 and Retry-After\n\
         curl -sI https://YOUR_DOMAIN/any/path\n\
         ```\n",
        codes = ERROR_CODES.map(|c| c.to_string()).join(", "),
        landing = site
            .landing()
            .map_or(format!("{prefix}/landing.html"), |p| p.url.clone()),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Policy;
    use crate::config::edge::Edge;
    use crate::content::Kind;

    fn page(url: &str, kind: Kind, status: u16, csp: &str) -> EdgePage {
        let mut headers = vec![
            (
                "Content-Type".to_owned(),
                "text/html; charset=utf-8".to_owned(),
            ),
            ("Cache-Control".to_owned(), "public, max-age=10".to_owned()),
            ("Content-Security-Policy".to_owned(), csp.to_owned()),
            ("X-Content-Type-Options".to_owned(), "nosniff".to_owned()),
        ];
        if status == 503 {
            headers.push(("Retry-After".to_owned(), "60".to_owned()));
        }
        EdgePage {
            url: url.to_owned(),
            kind,
            status,
            variants: vec![Variant {
                lang: "en".into(),
                file: url[1..].to_owned(),
                headers,
                body: Vec::new(),
            }],
            policy: Policy {
                max_age: Some(10),
                ..Policy::default()
            },
            retry_after: Some(60),
            source: "content/test.md".into(),
        }
    }

    fn site() -> EdgeSite {
        EdgeSite {
            edge: Edge {
                timeout: 90,
                ..Edge::default()
            },
            root: "/srv/public".to_owned(),
            mode: crate::targets::Mode::Normal,
            pages: vec![
                page(
                    "/_planb/errors/404.html",
                    Kind::Error,
                    404,
                    "default-src 'none'",
                ),
                page(
                    "/_planb/errors/429.html",
                    Kind::Error,
                    429,
                    "default-src 'none'",
                ),
                page(
                    "/_planb/errors/503.html",
                    Kind::Error,
                    503,
                    "default-src 'none'",
                ),
                page(
                    "/_planb/landing.html",
                    Kind::Landing,
                    200,
                    "default-src 'none'",
                ),
                page(
                    "/_planb/overflow.html",
                    Kind::Overflow,
                    503,
                    "script-src 'x'",
                ),
            ],
            precompressed: false,
        }
    }

    fn text(files: &[OutputFile], name: &str) -> String {
        let path = format!("{DIR}/{name}");
        String::from_utf8(files.iter().find(|f| f.path == path).unwrap().bytes.clone()).unwrap()
    }

    #[test]
    fn error_responses_are_the_expressible_pages() {
        let files = files(&site()).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&text(&files, "custom-error-responses.json")).unwrap();
        assert_eq!(v["Quantity"], 2);
        assert_eq!(v["Items"][1]["ErrorCode"], 503);
        assert_eq!(v["Items"][1]["ResponseCode"], "503");
        assert_eq!(v["Items"][1]["ResponsePagePath"], "/_planb/errors/503.html");
        assert_eq!(v["Items"][1]["ErrorCachingMinTTL"], 10);
        let readme = text(&files, "README.md");
        assert!(readme.contains("Not expressible, so passed through as the application sends them: 429 (`/_planb/errors/429.html`)."));
    }

    #[test]
    fn terraform_groups_headers_and_clamps_the_timeout() {
        let tf = text(&files(&site()).unwrap(), "custom_error_response.tf");
        assert_eq!(tf.matches("custom_error_response {").count(), 2);
        assert!(tf.contains("origin_read_timeout = 60\n"));
        // 404, 429 and the landing page share a set of headers; 503 and overflow have their own.
        assert_eq!(
            tf.matches("resource \"aws_cloudfront_response_headers_policy\"")
                .count(),
            3
        );
        assert!(tf.contains("path_pattern               = \"/_planb/*\"\n    target_origin_id           = \"planb-pages\""));
        assert!(tf.contains("path_pattern               = \"/_planb/errors/503.html\""));
        assert!(!tf.contains("path_pattern               = \"/_planb/errors/404.html\""));
        assert!(tf.contains("header   = \"Retry-After\"\n      value    = \"60\""));
    }

    #[test]
    fn no_expressible_page_is_an_empty_list() {
        let mut s = site();
        s.pages.retain(|p| p.kind != Kind::Error || p.status == 429);
        let files = files(&s).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&text(&files, "custom-error-responses.json")).unwrap();
        assert_eq!(v, serde_json::json!({"Quantity": 0, "Items": []}));
        assert!(!text(&files, "custom_error_response.tf").contains("custom_error_response {"));
    }

    #[test]
    fn hcl_strings_escape_templates_and_quotes() {
        assert_eq!(hcl("a\"b\\c${d}%{e}"), "\"a\\\"b\\\\c$${d}%%{e}\"");
        assert_eq!(js("it's \"x\""), "\"it's \\\"x\\\"\"");
    }

    #[test]
    fn functions_name_the_pages() {
        let files = files(&site()).unwrap();
        assert!(text(&files, "functions/landing.js").contains("value: \"/_planb/landing.html\""));
        let overflow = text(&files, "functions/overflow.js");
        assert!(overflow.contains("cf.selectRequestOriginById(\"planb-pages\");"));
        let response = text(&files, "functions/overflow-response.js");
        assert!(response.contains("response.statusCode = 503;"));
        assert!(response.contains("response.headers[\"retry-after\"] = { value: \"60\" };"));
    }

    #[test]
    fn too_long_a_policy_is_an_error() {
        let mut s = site();
        s.pages[3] = page(
            "/_planb/landing.html",
            Kind::Landing,
            200,
            &"x".repeat(MAX_CSP + 1),
        );
        let errors = files(&s).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .contains("/_planb/landing.html has 1784 characters")
        );
    }
}
