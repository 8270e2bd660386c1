//! Every target planb knows, in one list: adding a target is a folder of its own and one line here.
//! `resolve` turns `edge.targets` into the enabled targets once; `generate` asks each for its files.

use std::collections::BTreeMap;

use super::site::EdgeSite;
use super::target::{Target, Targets};
use super::{
    apache, caddy, cloudflare, cloudfront, haproxy, lighttpd, nginx, static_hosts, varnish,
};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;

/// Every target, in the order their files are generated and checked.
pub const ALL: [&dyn Target; 10] = [
    &static_hosts::Netlify,
    &static_hosts::CloudflarePages,
    &nginx::Nginx,
    &apache::Apache,
    &caddy::Caddy,
    &haproxy::Haproxy,
    &varnish::Varnish,
    &lighttpd::Lighttpd,
    &cloudfront::Cloudfront,
    &cloudflare::Cloudflare,
];

/// The target named `name`, if planb knows it.
pub fn by_name(name: &str) -> Option<&'static dyn Target> {
    ALL.into_iter().find(|t| t.name() == name)
}

/// The targets `edge.targets` names (all of them when it is not set), and a problem for each name
/// planb does not know, with a "did you mean".
pub fn resolve(config: &Config) -> (Targets, Diagnostics) {
    let Some(names) = &config.edge.targets else {
        return (Targets(ALL.to_vec()), Vec::new());
    };
    let mut problems = Vec::new();
    for name in names.iter().filter(|n| by_name(n).is_none()) {
        let known = ALL.iter().map(|t| t.name());
        let help = match crate::diag::did_you_mean(name, known.clone()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("targets: {}", known.collect::<Vec<_>>().join(", ")),
        };
        problems.push(
            config
                .value_diagnostic(
                    "edge.targets",
                    name,
                    format!("unknown target `{}`", name.escape_debug()),
                )
                .help(help),
        );
    }
    let enabled = ALL
        .into_iter()
        .filter(|t| names.iter().any(|n| n == t.name()))
        .collect();
    (Targets(enabled), problems)
}

/// Every file of every enabled target. Two targets may write the same file (Netlify and Cloudflare
/// Pages share `_headers` and `_redirects`) only with the same bytes.
pub fn generate(site: &EdgeSite, enabled: &Targets) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = Vec::new();
    if let Some(l) = &site.edge.landing
        && site.landing().is_none()
    {
        problems.push(Diagnostic::new(
            crate::config::FILE_NAME,
            format!("`edge.landing`: no landing page content/{l}.md"),
        ));
    }
    if site.landing().is_none()
        && let Some(w) = site
            .schedule
            .iter()
            .find(|w| w.mode == crate::config::schedule::ScheduledMode::Landing)
    {
        problems.push(
            Diagnostic::new(
                crate::config::FILE_NAME,
                format!(
                    "a [[schedule]] window switches to landing mode (from {}), but the site has no landing page",
                    w.from_text
                ),
            )
            .help("add content/landing.md, or make the window `overflow`"),
        );
    }
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for target in enabled.iter() {
        match target.files(site, enabled) {
            Ok(mut list) => {
                add_schedule_to_readme(target, site, &mut list);
                for f in list {
                    if let Some(previous) = files.get(&f.path)
                        && *previous != f.bytes
                    {
                        problems.push(Diagnostic::new(
                            &f.path,
                            format!("planb bug: two targets write {} differently", f.path),
                        ));
                    }
                    files.insert(f.path, f.bytes);
                }
            }
            Err(mut d) => problems.append(&mut d),
        }
    }
    if problems.is_empty() {
        Ok(files
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes })
            .collect())
    } else {
        Err(problems)
    }
}

/// With `[[schedule]]`, the target's README says what it does with the windows: switches by
/// itself (and where), or must be switched by hand at each window's start and end.
fn add_schedule_to_readme(target: &dyn Target, site: &EdgeSite, files: &mut [OutputFile]) {
    if site.schedule.is_empty() {
        return;
    }
    let readme = format!("config/{}/README.md", target.name());
    let Some(f) = files.iter_mut().find(|f| f.path == readme) else {
        return;
    };
    let mut text = String::from("\n## Schedule\n\n");
    if let Some(note) = target.schedule_note() {
        text.push_str(note);
        text.push_str("\n\n");
    } else if target.follows_schedule() {
        text.push_str(
            "The configuration switches into each window's mode at its start and back at its end by \
             itself, on the server's clock (seconds since the epoch: its time zone plays no part), \
             with no reload; inside a window the mode file's mode still holds when it is stronger \
             (overflow > landing > normal). Keep the server's clock right (NTP).\n\n",
        );
    } else {
        text.push_str(
            "This target does not switch on the schedule by itself (`planb check` says so): at each \
             window's start and end, switch its mode by hand as above.\n\n",
        );
    }
    for w in &site.schedule {
        text.push_str(&format!(
            "- {} from {} until {}\n",
            w.mode.name(),
            w.from_text,
            w.until_text
        ));
    }
    f.bytes.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::Mode;
    use crate::targets::test_support::{one_of_each, site, text};

    fn every_target() -> Targets {
        Targets(ALL.to_vec())
    }

    /// Two generations of the same site are byte-identical, for every target.
    #[test]
    fn every_target_is_deterministic() {
        let s = site(one_of_each(404, "120"), true);
        for t in ALL {
            let (a, b) = (t.files(&s, &every_target()), t.files(&s, &every_target()));
            let same = |x: &[OutputFile], y: &[OutputFile]| {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|(x, y)| x.path == y.path && x.bytes == y.bytes)
            };
            assert!(same(&a.unwrap(), &b.unwrap()), "{}", t.name());
        }
    }

    /// Each server's active mode file holds the site's mode, exactly as its mode file does.
    #[test]
    fn the_active_mode_file_is_a_copy_of_the_mode_file() {
        for mode in Mode::ALL {
            let mut s = site(one_of_each(404, "120"), true);
            s.mode = mode;
            for t in ALL {
                let Some(v) = t.validator() else { continue };
                let files = t.files(&s, &every_target()).unwrap();
                let folder = format!("config/{}", t.name());
                let active = text(&files, &format!("{folder}/{}", v.modes.active));
                let each = text(&files, &format!("{folder}/{}", (v.modes.each)(mode)));
                assert_eq!(active, each, "{} in {} mode", t.name(), mode.name());
            }
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        for t in ALL {
            assert!(std::ptr::addr_eq(by_name(t.name()).unwrap(), t));
        }
        assert!(by_name("hapoxy").is_none());
    }
}
