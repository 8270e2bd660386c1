//! JavaScript shared by the targets that run it at the edge (CloudFront Functions, Cloudflare's
//! Workers): planb's own negotiation, written once in `pick_language.js` and proven against
//! `negotiate::pick_language` in Node (`tests/negotiate_js.rs`).

/// `pickLanguage(header, languages)` and its helpers, in the JavaScript every edge runtime reads
/// (no `let`, no arrow function, no module syntax).
pub const PICK_LANGUAGE: &str = include_str!("pick_language.js");

/// The site's languages as the lowercase JavaScript array `pickLanguage` takes.
pub fn languages(languages: &[String]) -> String {
    let lower: Vec<String> = languages.iter().map(|l| l.to_ascii_lowercase()).collect();
    serde_json::to_string(&lower).unwrap_or_else(|_| "[]".to_owned())
}
