//! The zone's rules, as the Rulesets API takes them: one list per phase, each rule with the
//! settings (the modes, and the schedule) it is enabled in. The API bodies (`api.rs`) and the Terraform (`terraform.rs`) are both written
//! from this one list, so they cannot disagree.
//!
//! What Cloudflare does and planb relies on (Cloudflare docs, "Custom Errors", "Custom Errors
//! parameters", "Single Redirects", "Cache Rules", "Response header modification rules"):
//! - A custom error rule (`http_custom_errors`, action `serve_error`) replaces the body of a
//!   response of status 400 or more, the origin's or Cloudflare's own, and may set its status; it
//!   keeps every header but `Content-Type` and `Content-Length`. So each page's manifest headers
//!   are set again by a response header rule on the same statuses (`set` replaces the origin's).
//! - Cloudflare answers 520-523, 525 and 526 when the origin is down or refuses it, and 524 when it
//!   times out: those get the 502 and 504 pages, with 502 and 504, as a server target would answer.
//! - Inline content is at most 10 KB; a heavier page is served as a custom error asset, which
//!   Cloudflare fetches once from the URL given and keeps.
//! - Custom errors also replace the 503 of a Worker: in overflow mode the rules of the overflow
//!   status are disabled, or the overflow Worker's page and headers would be replaced by the 503
//!   page's.
//!
//! The traps this avoids: header names are lower case in `http.request.headers`; regular
//! expressions need a Business plan, so a session cookie is found with `contains`, which every
//! plan has (it may bypass the cache for a few more cookies than nginx's list, never fewer).

use serde_json::{Value, json};

use super::{MAX_INLINE, ORIGIN_DOWN, ORIGIN_TIMEOUT};
use crate::targets::shield::CachedRoute;
use crate::targets::{EdgePage, EdgeSite, Mode, Variant};

/// A ruleset phase of the zone: each has one entry point ruleset, which planb's rules fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    CustomErrors,
    ResponseHeaders,
    CacheSettings,
    Redirect,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::CustomErrors,
        Phase::ResponseHeaders,
        Phase::CacheSettings,
        Phase::Redirect,
    ];

    /// Its name in the API and in Terraform.
    pub fn name(self) -> &'static str {
        match self {
            Phase::CustomErrors => "http_custom_errors",
            Phase::ResponseHeaders => "http_response_headers_transform",
            Phase::CacheSettings => "http_request_cache_settings",
            Phase::Redirect => "http_request_dynamic_redirect",
        }
    }

    /// What its rules do, for the ruleset's description.
    pub fn what(self) -> &'static str {
        match self {
            Phase::CustomErrors => {
                "planb: the error pages, for the origin's and Cloudflare's errors"
            }
            Phase::ResponseHeaders => "planb: each error page's headers",
            Phase::CacheSettings => "planb: the pages and the public routes, cached",
            Phase::Redirect => "planb: landing mode, the home redirected to the landing page",
        }
    }
}

/// What the zone is set to do: one of the modes, or the `[[schedule]]`'s windows by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Mode(Mode),
    Schedule,
}

impl Setting {
    /// The modes, and the schedule when the site has one.
    pub fn all(site: &EdgeSite) -> Vec<Setting> {
        let mut out: Vec<Setting> = Mode::ALL.into_iter().map(Setting::Mode).collect();
        if !site.schedule.is_empty() {
            out.push(Setting::Schedule);
        }
        out
    }

    /// Its name in the API folders and in Terraform's `planb_mode`.
    pub fn name(self) -> &'static str {
        match self {
            Setting::Mode(m) => m.name(),
            Setting::Schedule => "schedule",
        }
    }
}

/// The settings a rule is enabled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    Landing,
    /// Every setting but overflow mode.
    NotOverflow,
    /// Normal and landing mode: in the schedule, a twin stands for the rule.
    NormalOrLanding,
    /// The schedule only: a rule's twin that reads the clock.
    Schedule,
}

impl When {
    pub fn enabled(self, setting: Setting) -> bool {
        match self {
            When::Always => true,
            When::Landing => setting == Setting::Mode(Mode::Landing),
            When::NotOverflow => setting != Setting::Mode(Mode::Overflow),
            When::NormalOrLanding => matches!(
                setting,
                Setting::Mode(Mode::Normal) | Setting::Mode(Mode::Landing)
            ),
            When::Schedule => setting == Setting::Schedule,
        }
    }
}

/// A page's body in a custom error rule: inline, or an asset Cloudflare fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The page's file in `public/`, inlined.
    Inline { file: String },
    /// A custom error asset of this name, fetched from `url`.
    Asset { name: String, url: String },
}

/// One rule: its phase, when it is enabled, its API JSON (without `enabled`), and the page it
/// serves, for custom errors.
#[derive(Debug, Clone)]
pub struct Rule {
    pub phase: Phase,
    pub when: When,
    pub json: Value,
    pub body: Option<Body>,
}

/// The variant Cloudflare serves for `page` where it does not pick the visitor's language (a page
/// at its own URL, a site in one language); `worker.rs` picks among the others, where it does.
pub fn variant(page: &EdgePage) -> &Variant {
    page.unnegotiated()
}

/// Every rule of the site, in the order of its phase's list.
pub fn rules(site: &EdgeSite) -> Vec<Rule> {
    let mut out = Vec::new();
    let overflow_status = site.overflow_or_503().map(|p| p.status);
    let when = |p: &EdgePage| match Some(p.status) == overflow_status {
        true => When::NotOverflow,
        false => When::Always,
    };
    for page in site.error_pages() {
        out.push(custom_error(site, page, when(page)));
    }
    for page in site.error_pages() {
        out.push(headers(page, when(page)));
    }
    out.push(pages_cache(site));
    let mut routes: Vec<(usize, &CachedRoute)> = site.shield.cache.iter().enumerate().collect();
    // Every matching cache rule applies, a later one overriding an earlier one's settings: longer
    // prefixes come last, so a prefix inside another keeps its own policy.
    routes.sort_by_key(|(_, r)| r.path.len());
    out.extend(routes.into_iter().map(|(i, r)| route_cache(i + 1, r)));
    if let Some(landing) = site.landing() {
        out.push(home_redirect(landing));
    }
    out
}

/// The statuses a page's rules match: its own, and the Cloudflare errors it stands for.
fn statuses(page: &EdgePage) -> Vec<u16> {
    let mut codes = vec![page.status];
    match page.status {
        502 => codes.extend(ORIGIN_DOWN),
        504 => codes.extend(ORIGIN_TIMEOUT),
        _ => {}
    }
    codes
}

/// `http.response.code eq 404`, or `in {502 520 …}`.
fn status_expression(page: &EdgePage) -> String {
    match statuses(page).as_slice() {
        [one] => format!("http.response.code eq {one}"),
        many => {
            let list: Vec<String> = many.iter().map(u16::to_string).collect();
            format!("http.response.code in {{{}}}", list.join(" "))
        }
    }
}

/// The name of a page's custom error asset: letters, digits and underscores only.
pub fn asset_name(page: &EdgePage) -> String {
    format!("planb_{}", page.status)
}

fn custom_error(site: &EdgeSite, page: &EdgePage, when: When) -> Rule {
    let v = variant(page);
    let body = if v.body.len() <= MAX_INLINE {
        Body::Inline {
            file: v.file.clone(),
        }
    } else {
        Body::Asset {
            name: asset_name(page),
            url: format!("{}{}", site.origin(), page.url),
        }
    };
    let mut params = json!({ "content_type": "text/html", "status_code": page.status });
    match &body {
        Body::Inline { .. } => {
            params["content"] = Value::String(String::from_utf8_lossy(&v.body).into_owned());
        }
        Body::Asset { name, .. } => params["asset_name"] = Value::String(name.clone()),
    }
    Rule {
        phase: Phase::CustomErrors,
        when,
        json: json!({
            "ref": format!("planb_error_{}", page.status),
            "description": format!("planb: {} answers {}", page.url, page.status),
            "expression": status_expression(page),
            "action": "serve_error",
            "action_parameters": params,
        }),
        body: Some(body),
    }
}

fn headers(page: &EdgePage, when: When) -> Rule {
    let mut set = serde_json::Map::new();
    for (name, value) in &variant(page).headers {
        // Custom errors set Content-Type themselves (text/html; the page names its charset).
        if name.eq_ignore_ascii_case("Content-Type") {
            continue;
        }
        set.insert(name.clone(), json!({ "operation": "set", "value": value }));
    }
    Rule {
        phase: Phase::ResponseHeaders,
        when,
        json: json!({
            "ref": format!("planb_headers_{}", page.status),
            "description": format!("planb: the headers of {}", page.url),
            "expression": status_expression(page),
            "action": "rewrite",
            "action_parameters": { "headers": set },
        }),
        body: None,
    }
}

/// planb's pages (the landing page, which the origin serves) are cached as their own
/// `Cache-Control` says.
fn pages_cache(site: &EdgeSite) -> Rule {
    let prefix = format!("{}/", site.edge.prefix);
    cache_rule(
        "planb_pages".into(),
        format!("planb: the pages under {prefix}, cached as they say"),
        format!("starts_with(http.request.uri.path, {})", quoted(&prefix)),
        json!({ "mode": "respect_origin" }),
    )
}

/// A cache rule: cached, the browser's TTL left to the origin, stale copies served while they
/// refresh, the edge's TTL as `edge_ttl` says.
fn cache_rule(r: String, description: String, expression: String, edge_ttl: Value) -> Rule {
    Rule {
        phase: Phase::CacheSettings,
        when: When::Always,
        json: json!({
            "ref": r,
            "description": description,
            "expression": expression,
            "action": "set_cache_settings",
            "action_parameters": {
                "cache": true,
                "edge_ttl": edge_ttl,
                "browser_ttl": { "mode": "respect_origin" },
                "serve_stale": { "disable_stale_while_updating": false },
            },
        }),
        body: None,
    }
}

/// A request the cache may answer on a route: GET or HEAD, no `Authorization`, no session cookie.
fn public_request() -> &'static str {
    "http.request.method in {\"GET\" \"HEAD\"} and not any(http.request.headers.names[*] eq \"authorization\") and not (lower(http.cookie) contains \"sid=\") and not (lower(http.cookie) contains \"session\")"
}

/// The cache rule of the `n`th `[[shield.cache]]` route (1-based, in `planb.toml`'s order).
fn route_cache(n: usize, route: &CachedRoute) -> Rule {
    let fresh = route.policy.edge_ttl();
    cache_rule(
        format!("planb_route_{n}"),
        format!(
            "planb: {} cached {fresh} s, stale while it refreshes",
            route.path
        ),
        format!(
            "starts_with(http.request.uri.path, {}) and {}",
            quoted(&route.path),
            public_request()
        ),
        json!({ "mode": "override_origin", "default": fresh }),
    )
}

fn home_redirect(landing: &EdgePage) -> Rule {
    Rule {
        phase: Phase::Redirect,
        when: When::Landing,
        json: json!({
            "ref": "planb_landing",
            "description": format!("planb landing mode: / answers 302 to {}", landing.url),
            "expression": "http.request.uri.path eq \"/\"",
            "action": "redirect",
            "action_parameters": {
                "from_value": {
                    "status_code": 302,
                    "target_url": {
                        "expression": format!("concat(\"https://\", http.host, {})", quoted(&landing.url)),
                    },
                    "preserve_query_string": false,
                },
            },
        }),
        body: None,
    }
}

/// A string literal of Cloudflare's rules language.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}
