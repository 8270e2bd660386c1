//! Checks on a `planb.toml` that parsed: values that have the right type but make no sense (an
//! empty brand name, a colour that is no colour, a retry delay of 0), each reported at the line of
//! its key, all at once, so later stages never see a bad value.

use super::color::parse_hex_color;
use super::sections::{Config, FILE_NAME, located};
use crate::diag::{Diagnostic, Diagnostics};

/// Checks values that parse but make no sense, each reported at the line of its key.
pub(super) fn validate(config: &Config, source: &str) -> Diagnostics {
    let mut problems = shield_problems(config, source);
    for word in &config.spell.words {
        if word.is_empty() || word.chars().any(|c| c.is_whitespace() || c.is_control()) {
            problems.push(
                config
                    .value_diagnostic("spell.words", word, format!("`{word}` is not one word"))
                    .help("list each word alone: words = [\"Cagette\", \"Wanteeed\"]"),
            );
        }
    }
    let mut bad = |key: &str, message: String, help: &str| {
        let d = located(source, key, message);
        problems.push(if help.is_empty() { d } else { d.help(help) });
    };
    if config.site.name.trim().is_empty() {
        bad("site.name", "the brand name is empty".into(), "");
    }
    if !is_language_tag(&config.site.language) {
        bad(
            "site.language",
            format!("`{}` is not a language tag", config.site.language),
            "use a BCP 47 tag such as \"fr\", \"en\" or \"fr-CA\"",
        );
    }
    for (message, help) in language_problems(&config.site) {
        bad("site.languages", message, &help);
    }
    if !is_theme_name(&config.site.theme) {
        bad(
            "site.theme",
            format!("`{}` is not a theme folder name", config.site.theme),
            "use letters, digits, `-` and `_` only",
        );
    }
    let links = [
        ("site.url", Some(&config.site.url)),
        ("site.email_capture", config.site.email_capture.as_ref()),
        ("site.status_page", config.site.status_page.as_ref()),
    ];
    for (key, value) in links {
        if let Some(url) = value.filter(|u| !is_link(u)) {
            bad(
                key,
                format!("`{url}` is not a link"),
                "use an absolute URL (https://…) or a path starting with `/`",
            );
        }
    }
    if let Some(capture) = &config.site.email_capture
        && is_link(capture)
        && same_site(capture, &config.site.url)
    {
        bad(
            "site.email_capture",
            format!(
                "`{capture}` sends the e-mail form to the site itself, the one planb's pages stand in for: while it fails or is overloaded, every address typed in is lost"
            ),
            "use a form hosted elsewhere, on another host (a newsletter or form service's https:// address)",
        );
    }
    if parse_hex_color(&config.brand.color).is_none() {
        bad(
            "brand.color",
            format!("`{}` is not a colour", config.brand.color),
            "use a hex colour such as \"#0b6e4f\"",
        );
    }
    for &code in &config.errors.codes {
        if !(400..=599).contains(&code) {
            bad(
                "errors.codes",
                format!("{code} is not an error status"),
                "error pages are for statuses 400 to 599",
            );
        }
    }
    if config.overflow.retry_after == 0 || config.overflow.retry_max < config.overflow.retry_after {
        bad(
            "overflow.retry_max",
            format!(
                "retry_after ({}) must be at least 1 and at most retry_max ({})",
                config.overflow.retry_after, config.overflow.retry_max
            ),
            "",
        );
    }
    if config.budget.bytes <= config.budget.server_headers {
        bad(
            "budget.bytes",
            format!(
                "{} bytes leaves no room for a page once {} bytes of server headers are counted",
                config.budget.bytes, config.budget.server_headers
            ),
            "",
        );
    }
    for (key, message, help) in config.edge.problems() {
        bad(key, message, &help);
    }
    for (browser, version) in &config.css.targets {
        if let Err(message) = crate::assets::css::browser_version(browser, version) {
            bad("css.targets", message, "");
        }
    }
    for (name, policy) in &config.cache {
        if let Some(message) = policy.problem() {
            let d = Diagnostic::new(FILE_NAME, format!("`[cache.{name}]`: {message}"));
            let d = match source.find(&format!("[cache.{name}]")) {
                Some(offset) => d.at_offset(source, offset),
                None => d,
            };
            problems.push(d);
        }
    }
    problems
}

#[cfg(test)]
#[test]
fn a_form_on_the_site_itself_is_the_same_site() {
    let site = "https://www.cagette.example/";
    assert!(same_site("/prevenez-moi", site));
    assert!(same_site("https://WWW.cagette.example./x", site));
    assert!(same_site("http://www.cagette.example:8080/x", site));
    assert!(!same_site("https://forms.cagette.example/x", site));
    assert!(!same_site("mailto:hello@cagette.example", site));
    assert!(!same_site("https://user@forms.example/x", site));
}

/// What is wrong with `site.languages`: a tag that is none, a language listed twice or twice by
/// its primary subtag (`fr` and `fr-CA`: a page's translation is named by its language, so each
/// needs its own), or a `site.language` that the list lacks.
fn language_problems(site: &super::sections::Site) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let others = &site.languages[1..];
    for (i, tag) in others.iter().enumerate() {
        if !is_language_tag(tag) {
            problems.push((
                format!("`{tag}` is not a language tag"),
                "use BCP 47 tags such as [\"fr\", \"en\"]".to_owned(),
            ));
        } else if let Some(first) = site.languages[..=i]
            .iter()
            .find(|l| crate::texts::primary_subtag(l) == crate::texts::primary_subtag(tag))
        {
            problems.push((
                format!("`{tag}` is listed twice (as `{first}` already)"),
                "list each language once: a page's translation is named by its language (landing.en.md)".to_owned(),
            ));
        }
    }
    if site.language_unlisted {
        problems.push((
            format!(
                "`site.language` is `{}`, which `site.languages` does not list",
                site.language
            ),
            format!(
                "add \"{}\" to `languages`, or drop `language`: the first of `languages` is then the default",
                site.language
            ),
        ));
    }
    problems
}

/// Whether `tag` reads as a BCP 47 tag: `fr`, `fra`, `fr-CA`, `zh-Hant-TW`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A link a page may carry: http(s) URL or site-absolute path, nothing that could break out of an
/// HTML attribute or a server configuration.
pub fn is_link(url: &str) -> bool {
    let safe = !url.is_empty()
        && url
            .chars()
            .all(|c| !c.is_control() && !c.is_whitespace() && !"\"'<>`\\{};".contains(c));
    let scheme_ok = ["https://", "http://", "/", "mailto:"]
        .iter()
        .any(|p| url.starts_with(p));
    safe && scheme_ok
}

/// Whether `link` leads to the site at `site_url`: a path (`/newsletter`), or an address on the
/// same host.
fn same_site(link: &str, site_url: &str) -> bool {
    let host = |url: &str| {
        let rest = url.split_once("://").map(|(_, r)| r)?;
        let authority = rest.split(['/', '?', '#']).next()?;
        let authority = authority.rsplit('@').next()?;
        let host = authority.split(':').next()?;
        Some(host.trim_end_matches('.').to_ascii_lowercase())
    };
    if link.starts_with('/') && !link.starts_with("//") {
        return true;
    }
    host(link).is_some_and(|h| Some(h) == host(site_url))
}

/// `[shield]`'s problems; a `[[shield.cache]]` entry has no key of its own, so its problems point
/// at the value they name.
fn shield_problems(config: &Config, source: &str) -> Diagnostics {
    let policies = config.cache_policies();
    config
        .shield
        .problems(&config.edge, &policies)
        .into_iter()
        .map(|(key, message, help, value)| {
            let at = value.and_then(|(v, nth)| {
                source
                    .match_indices(&format!("\"{v}\""))
                    .nth(nth)
                    .map(|(i, _)| i)
            });
            let d = match at {
                Some(offset) => Diagnostic::new(FILE_NAME, format!("`{key}`: {message}"))
                    .at_offset(source, offset),
                None => located(source, key, message),
            };
            if help.is_empty() { d } else { d.help(help) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    fn parse_err(source: &str) -> Diagnostic {
        parse(source).unwrap_err().remove(0)
    }

    #[test]
    fn bad_values_point_at_their_key() {
        let d = parse_err("[site]\nname = \"x\"\n[brand]\ncolor = \"green\"\n");
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("not a colour"));
    }

    #[test]
    fn links() {
        assert!(is_link("https://example.fr/a?b=c"));
        assert!(is_link("/"));
        assert!(!is_link("javascript:alert(1)"));
        assert!(!is_link("https://x\"onload"));
    }
}
