use super::functions::js;
use super::*;
use crate::cache::Policy;
use crate::config::edge::Edge;
use crate::content::Kind;
use crate::targets::hcl::hcl;
use crate::targets::shield::{CachedRoute, Plan};

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
        json: Vec::new(),
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
        url: "https://www.example.com/".to_owned(),
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
        schedule: Vec::new(),
        variant_pages: Vec::new(),
        languages: vec!["en".to_owned()],
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

/// The edge-site fixture with two cached routes: `/catalogue/` (60 s fresh, an hour stale on
/// error) and `/catalogue/new/` inside it (5 s fresh, no stale-while-revalidate).
fn cached_site() -> EdgeSite {
    let mut s = site();
    s.shield = Plan {
        admission: None,
        cache: vec![
            CachedRoute {
                path: "/catalogue/".into(),
                policy: Policy {
                    max_age: Some(60),
                    stale_while_revalidate: Some(30),
                    stale_if_error: Some(3600),
                    ..Policy::default()
                },
            },
            CachedRoute {
                path: "/catalogue/new/".into(),
                policy: Policy {
                    max_age: Some(5),
                    stale_if_error: Some(600),
                    ..Policy::default()
                },
            },
        ],
        ..Plan::default()
    };
    s
}

/// The text of the `n`th `NAME {` block of `text` (its braces balanced), from its opening line.
fn block<'a>(text: &'a str, open: &str, n: usize) -> &'a str {
    let start = text.match_indices(open).nth(n).unwrap().0;
    let mut depth = 0;
    for (i, c) in text[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[start..start + i + 1];
                }
            }
            _ => {}
        }
    }
    panic!("unclosed {open}");
}

#[test]
fn cached_routes_are_behaviors_after_the_pages_longest_first() {
    let tf = text(&files(&cached_site()).unwrap(), "custom_error_response.tf");
    let patterns: Vec<&str> = tf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("path_pattern"))
        .map(|l| l.trim_start_matches([' ', '=']).trim_matches('"'))
        .collect();
    // planb's pages first (CloudFront takes the first match), then the longer prefix.
    assert_eq!(
        patterns,
        [
            "/_planb/errors/503.html",
            "/_planb/overflow.html",
            "/_planb/*",
            "/catalogue/new/*",
            "/catalogue/*",
        ]
    );
    let new = block(&tf, "ordered_cache_behavior {", 3);
    let catalogue = block(&tf, "ordered_cache_behavior {", 4);
    assert!(new.contains("path_pattern           = \"/catalogue/new/*\""));
    assert!(new.contains("cache_policy_id        = aws_cloudfront_cache_policy.planb_cache_2.id"));
    assert!(
        catalogue.contains("cache_policy_id        = aws_cloudfront_cache_policy.planb_cache_1.id")
    );
    for b in [new, catalogue] {
        assert!(b.contains("target_origin_id       = \"app\""), "{b}");
        assert!(b.contains("allowed_methods        = [\"DELETE\", \"GET\", \"HEAD\", \"OPTIONS\", \"PATCH\", \"POST\", \"PUT\"]"), "{b}");
        assert!(
            b.contains("cached_methods         = [\"GET\", \"HEAD\"]"),
            "{b}"
        );
        // Nothing forwarded beyond the cache key: no origin request policy.
        assert!(!b.contains("origin_request_policy_id"), "{b}");
        // The modes apply to the cached routes too.
        assert!(
            b.contains(
                "for_each = [for f in local.planb_functions : f if f.mode == var.planb_mode]"
            ),
            "{b}"
        );
    }
}

#[test]
fn cached_routes_policies_are_their_ttls_and_forward_nothing() {
    let tf = text(&files(&cached_site()).unwrap(), "custom_error_response.tf");
    for (n, ttls, header) in [
        (
            1,
            (0, 60, 60),
            "public, max-age=60, stale-while-revalidate=30, stale-if-error=3600",
        ),
        (2, (0, 5, 5), "public, max-age=5, stale-if-error=600"),
    ] {
        let policy = block(
            &tf,
            &format!("resource \"aws_cloudfront_cache_policy\" \"planb_cache_{n}\""),
            0,
        );
        let expected = format!(
            "  min_ttl     = {}\n  default_ttl = {}\n  max_ttl     = {}\n",
            ttls.0, ttls.1, ttls.2
        );
        assert!(policy.contains(&expected), "{policy}");
        assert!(policy.contains("cookie_behavior = \"none\""), "{policy}");
        assert!(policy.contains("header_behavior = \"none\""), "{policy}");
        assert!(
            policy.contains("query_string_behavior = \"all\""),
            "{policy}"
        );
        // The comment before it names the Cache-Control the application must send.
        let at = tf
            .find(&format!(
                "resource \"aws_cloudfront_cache_policy\" \"planb_cache_{n}\""
            ))
            .unwrap();
        assert!(
            tf[..at].ends_with(&format!(
                "it must send `{header}`.\n# No cookie and no header in the key, so none reaches the application (see README.md).\n"
            )),
            "{n}"
        );
    }
    let readme = text(&files(&cached_site()).unwrap(), "README.md");
    assert!(readme.contains("- `/catalogue/new/*` → cache policy `planb_cache_2`: `min_ttl` 0, `default_ttl` 5, `max_ttl` 5. The application must answer with `Cache-Control: public, max-age=5, stale-if-error=600`."), "{readme}");
    assert!(readme.contains("**the routes must be public-only**"));
    assert!(readme.contains("of the cached routes' behaviors to the S3 origin"));
}

#[test]
fn without_cached_routes_the_application_is_never_cached() {
    let files = files(&site()).unwrap();
    let tf = text(&files, "custom_error_response.tf");
    assert!(!tf.contains("planb_cache_"));
    assert_eq!(tf.matches("target_origin_id       = \"app\"").count(), 0);
    assert!(text(&files, "README.md").contains("None: `[[shield.cache]]` is empty"));
}

#[test]
fn cached_routes_cloudfront_would_refuse_fail_the_build() {
    let mut s = cached_site();
    s.shield.cache[1].path = "/catalogue/".into();
    s.shield.cache[1].policy.max_age = Some(0);
    let errors = files(&s).unwrap_err();
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "cloudfront: the cache policy of `/catalogue/` has max_age = 0; a CloudFront cache policy whose TTLs are all 0 caches nothing, so no stale copy would ever exist",
            "cloudfront: `/catalogue/` is in [[shield.cache]] twice; a distribution takes one cache behavior per path pattern",
        ]
    );

    // 3 behaviors for the pages and 23 routes: one more than a distribution takes, and 24 cache
    // policies, four more than an account takes.
    let mut s = cached_site();
    s.shield.cache = (0..23)
        .map(|i| CachedRoute {
            path: format!("/r{i}/"),
            policy: s.shield.cache[0].policy,
        })
        .collect();
    let errors = files(&s).unwrap_err();
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "cloudfront: the distribution would have 26 cache behaviors (3 for planb's pages, 23 for [[shield.cache]]); CloudFront takes 25 unless AWS raises the quota",
            "cloudfront: planb would create 24 cache policies (one for its pages, one per [[shield.cache]] route); an AWS account takes 20 unless AWS raises the quota",
        ]
    );
    s.shield.cache.truncate(19);
    assert!(files(&s).is_ok());
}

#[test]
fn path_patterns_cloudfront_refuses_are_named() {
    let mut s = site();
    s.pages[2].url = "/_planb/errors/5 03.html".into();
    let errors = files(&s).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "cloudfront: the path pattern `/_planb/errors/5 03.html` holds ` `, which CloudFront refuses in a path pattern"
    );
}
