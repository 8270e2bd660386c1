use super::functions::js;
use super::hcl::hcl;
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
        shield: Default::default(),
    }
}

fn text(files: &[OutputFile], name: &str) -> String {
    let path = FOLDER.path(name);
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

#[test]
fn readme_says_what_the_site_lacks() {
    let mut s = site();
    s.pages.retain(|p| p.kind != Kind::Error || p.status == 429);
    let readme = text(&files(&s).unwrap(), "README.md");
    assert!(readme.contains(
        "- (none: the site has no page for a status CloudFront can customise)\n\nCloudFront customises only"
    ), "{readme}");
    let mut s = site();
    s.pages.retain(|p| p.kind == Kind::Error && p.status != 429);
    let readme = text(&files(&s).unwrap(), "README.md");
    assert!(
        readme.contains(". Every error page of this site is among them.\nOther statuses"),
        "{readme}"
    );
    assert!(readme.contains("- **landing**: the site has no landing page, so no function.\n- **overflow**: the site has no overflow page, so no function.\n- **normal**"), "{readme}");
}
