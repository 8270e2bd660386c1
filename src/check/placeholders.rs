//! What a new site still has to change before the show, which `check` warns about (a warning:
//! the bundle works, it just is not yet the user's): addresses at the hosts reserved for examples
//! (RFC 2606 and 6761: `example.com`, `.example`…), which `planb init` writes as placeholders, the
//! demo's name and logo (`init --example`), and server configurations that point at this
//! machine's output folder because `edge.root` is not set.

use std::collections::BTreeSet;
use std::path::Path;

use crate::build::Built;
use crate::config::{Config, FILE_NAME};
use crate::init::{EXAMPLE_LOGO, EXAMPLE_NAME};

/// A host reserved for examples: it never reaches a real site.
fn is_placeholder_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    ["example.com", "example.net", "example.org", "example"]
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

/// Each `scheme://host` of `text` whose host is a placeholder: (line, host).
fn placeholder_hosts(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // A commented-out line in planb.toml is a suggestion, not a setting.
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("://") {
            let after = &rest[i + 3..];
            let end = after
                .find(|c: char| "/\"'?#:)> ]".contains(c) || c.is_whitespace())
                .unwrap_or(after.len());
            let host = &after[..end];
            if is_placeholder_host(host) {
                out.push((n + 1, host.to_owned()));
            }
            rest = &after[end..];
        }
    }
    out
}

/// One warning per file that still holds placeholder addresses.
fn file_warning(file: &str, text: &str) -> Option<String> {
    let found = placeholder_hosts(text);
    let (first, _) = found.first()?;
    let hosts: BTreeSet<&str> = found.iter().map(|(_, h)| h.as_str()).collect();
    let hosts: Vec<&str> = hosts.into_iter().collect();
    Some(format!(
        "{file}:{first}: {} still at placeholder hosts ({}): replace them with your own before the show",
        match found.len() {
            1 => "an address is".to_owned(),
            n => format!("{n} addresses are"),
        },
        hosts.join(", ")
    ))
}

/// Every placeholder warning of the built site at `root`.
pub fn warnings(root: &Path, built: &Built) -> Vec<String> {
    let config = &built.config;
    let mut out: Vec<String> = file_warning(FILE_NAME, &config.source)
        .into_iter()
        .collect();
    for page in &built.pages {
        if let Some(source) = &page.page.source {
            out.extend(file_warning(
                &source.display().to_string(),
                &page.page.source_text,
            ));
        }
    }
    out.extend(demo_warnings(root, config));
    out
}

/// The demo's name and logo, still there after `planb init --example`.
fn demo_warnings(root: &Path, config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    if config.site.name == EXAMPLE_NAME {
        out.push(format!(
            "{FILE_NAME}: `site.name` is still the demo's, \"{EXAMPLE_NAME}\""
        ));
    }
    let logo = config.brand.logo.as_deref();
    if logo.is_some_and(|l| std::fs::read(root.join(l)).is_ok_and(|b| b == EXAMPLE_LOGO)) {
        out.push(format!(
            "{FILE_NAME}: `brand.logo` is still the demo's logo ({})",
            logo.unwrap_or_default()
        ));
    }
    out
}

/// The targets whose configuration names `bundle_root` (where this check built public/), when
/// `edge.root` is not set: in a real build they would point at `shown`, this machine's folder.
pub fn root_warning(built: &Built, bundle_root: &str, shown: &Path) -> Option<String> {
    if built.config.edge.root.is_some() || bundle_root.is_empty() {
        return None;
    }
    let names: Vec<&str> = built
        .targets
        .iter()
        .map(|t| t.name())
        .filter(|name| {
            let folder = format!("config/{name}/");
            built.files.iter().any(|f| {
                f.path.starts_with(&folder)
                    && String::from_utf8_lossy(&f.bytes).contains(bundle_root)
            })
        })
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(format!(
        "{FILE_NAME}: `edge.root` is not set, so the configurations of {} serve the pages from this \
         machine's {}: set it to where public/ will be on the servers",
        names.join(", "),
        shown.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_hosts_are_placeholders() {
        for host in [
            "example.com",
            "www.example.com",
            "forms.cagette.example",
            "EXAMPLE.ORG",
        ] {
            assert!(is_placeholder_host(host), "{host}");
        }
        for host in [
            "cagette.fr",
            "example.company.fr",
            "myexample.com",
            "examples.com",
        ] {
            assert!(!is_placeholder_host(host), "{host}");
        }
    }

    #[test]
    fn placeholders_are_found_by_line_not_in_comments() {
        let text = "a\nurl = \"https://www.example.com/\"\n# x = \"https://status.example.com/\"\n[x](http://shop.example/a) and https://real.fr/\n";
        assert_eq!(
            placeholder_hosts(text),
            [
                (2, "www.example.com".to_owned()),
                (4, "shop.example".to_owned())
            ]
        );
        assert_eq!(
            file_warning("planb.toml", text).unwrap(),
            "planb.toml:2: 2 addresses are still at placeholder hosts (shop.example, www.example.com): replace them with your own before the show"
        );
    }
}
