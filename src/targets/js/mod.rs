//! JavaScript shared by the targets that run it at the edge (CloudFront Functions, Cloudflare's
//! Workers): planb's own negotiation, written once in `pick_language.js` and `wants_json.js` and
//! proven against `negotiate::pick_language` and `negotiate::format::wants_json` in Node
//! (`tests/negotiate_js.rs`).

/// `pickLanguage(header, languages)` and its helpers, in the JavaScript every edge runtime reads
/// (no `let`, no arrow function, no module syntax).
pub const PICK_LANGUAGE: &str = include_str!("pick_language.js");

/// `wantsJson(header)`, which needs `PICK_LANGUAGE`'s helpers (`qOfParameters`, `asciiLower`).
pub const WANTS_JSON: &str = include_str!("wants_json.js");

/// What a script answering `site`'s negotiated pages needs: `pickLanguage` on a site in several
/// languages, and `wantsJson` (with the helpers it shares) where pages have JSON twins.
pub fn negotiation(site: &crate::targets::EdgeSite) -> String {
    let mut out = String::new();
    if site.is_multilingual() || site.has_twins() {
        out.push_str(PICK_LANGUAGE);
    }
    if site.has_twins() {
        out.push('\n');
        out.push_str(WANTS_JSON);
    }
    out
}

/// The site's languages as the lowercase JavaScript array `pickLanguage` takes.
pub fn languages(languages: &[String]) -> String {
    let lower: Vec<String> = languages.iter().map(|l| l.to_ascii_lowercase()).collect();
    serde_json::to_string(&lower).unwrap_or_else(|_| "[]".to_owned())
}
