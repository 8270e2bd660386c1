//! `planb check`: is this bundle safe to ship? Everything `build` verifies (every page within its
//! budget and self-contained, every target's rules), the HTML basics, and each installed server's
//! own validator on its configuration. Nothing is written to `output/`: the servers' validators
//! read a copy in a temporary folder, removed afterwards.

pub mod html;
pub mod placeholders;
pub mod translations;
pub mod validators;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::build::{self, Options};
use crate::diag::{Diagnostics, Level};
use crate::siblings::BrotliCache;
use crate::spell::{Dictionaries, Fix};
use crate::targets::Mode;
use crate::{output, report};
use validators::{Outcome, Validation};

/// Everything `check` found.
#[derive(Debug)]
pub struct Report {
    /// How many pages were built, when the build succeeded.
    pub pages: Option<usize>,
    pub problems: Diagnostics,
    pub validations: Vec<Validation>,
    /// What an enabled target does not do of `[shield]`, one line each: worth knowing, not a
    /// reason to hold the bundle back.
    pub warnings: Vec<String>,
    /// The typography fixes `check --fix` may write into the site's Markdown.
    pub fixes: Vec<Fix>,
}

impl Report {
    /// Safe to ship: no problem, and no validator refused its configuration.
    pub fn ok(&self) -> bool {
        self.pages.is_some()
            && self.problems.is_empty()
            && !self
                .validations
                .iter()
                .any(|v| matches!(v.outcome, Outcome::Invalid(_)))
    }

    pub fn human(&self, color: bool) -> String {
        let mut s = String::new();
        if let Some(n) = self.pages {
            let _ = writeln!(
                s,
                "build: {n} pages, each self-contained and within its budget"
            );
        }
        for v in &self.validations {
            let name = v.target;
            let _ = match &v.outcome {
                Outcome::Valid => writeln!(
                    s,
                    "{name}: `{}` accepts the configuration in every mode",
                    v.command
                ),
                Outcome::Invalid(said) => writeln!(
                    s,
                    "{name}: `{}` refuses the configuration, {said}",
                    v.command
                ),
                Outcome::NotInstalled => writeln!(
                    s,
                    "{name}: not checked, `{}` is not installed here",
                    v.command
                ),
                Outcome::NoValidator => writeln!(
                    s,
                    "{name}: no program to run; planb checked its files against the platform's documented rules"
                ),
            };
            for limit in &v.limits {
                let _ = writeln!(s, "  note: {limit}");
            }
        }
        for w in &self.warnings {
            let _ = writeln!(s, "warning: {w}");
        }
        if !self.problems.is_empty() {
            let _ = write!(s, "\n{}", report::human_problems(&self.problems, color));
        }
        let invalid = self
            .validations
            .iter()
            .filter(|v| matches!(v.outcome, Outcome::Invalid(_)))
            .count();
        let n = self.problems.len() + invalid;
        if self.ok() {
            s.push_str("planb check: safe to ship\n");
        } else {
            let _ = writeln!(
                s,
                "planb check: {} found; not safe to ship",
                report::problems_count(n)
            );
        }
        s
    }
}

impl Report {
    /// The report for scripts: `ok`, the pages built, every problem as `build --format json`
    /// gives them, each target's validation and the warnings.
    pub fn json(&self) -> String {
        let validations: Vec<_> = self
            .validations
            .iter()
            .map(|v| {
                let (outcome, said) = match &v.outcome {
                    Outcome::Valid => ("valid", None),
                    Outcome::Invalid(said) => ("invalid", Some(said.as_str())),
                    Outcome::NotInstalled => ("not installed", None),
                    Outcome::NoValidator => ("no validator", None),
                };
                serde_json::json!({
                    "target": v.target,
                    "command": v.command,
                    "outcome": outcome,
                    "said": said,
                    "limits": v.limits,
                })
            })
            .collect();
        serde_json::json!({
            "ok": self.ok(),
            "pages": self.pages,
            "errors": self.problems,
            "validations": validations,
            "warnings": self.warnings,
        })
        .to_string()
    }
}

/// Checks the site at `root`.
pub fn check(root: &Path) -> Report {
    let work = match scratch_folder() {
        Ok(dir) => dir,
        Err(e) => {
            return Report {
                pages: None,
                problems: vec![
                    crate::diag::Diagnostic::new(
                        std::env::temp_dir(),
                        format!(
                            "cannot create a temporary folder for the servers' validators: {e}"
                        ),
                    )
                    .help("set TMPDIR to a writable folder"),
                ],
                validations: Vec::new(),
                warnings: Vec::new(),
                fixes: Vec::new(),
            };
        }
    };
    let report = check_in(root, &work);
    // planb created this folder, empty, and everything in it.
    let _ = std::fs::remove_dir_all(&work);
    report
}

fn check_in(root: &Path, work: &Path) -> Report {
    let out = work.join("output");
    let failed = |problems: Diagnostics| Report {
        pages: None,
        // `check` fails on what `build` only warns about: spelling.
        problems: problems
            .into_iter()
            .map(|d| d.level(Level::Error))
            .collect(),
        validations: Vec::new(),
        warnings: Vec::new(),
        fixes: Vec::new(),
    };
    let pages = match build::pages(root, &Dictionaries::default()) {
        Ok(p) => p,
        Err(problems) => return failed(problems),
    };
    let built = match build::bundle(
        &pages,
        &Options::new(out.clone(), Mode::Normal),
        &mut BrotliCache::default(),
    ) {
        Ok(b) => b,
        Err(problems) => return failed(problems),
    };
    let urls: BTreeSet<String> = built
        .manifest
        .files
        .iter()
        .map(|f| f.path.clone())
        .collect();
    let templates = pages.renderer.templates();
    let prefix = &built.config.edge.prefix;
    let mut problems: Diagnostics = built
        .pages
        .iter()
        .flat_map(|p| html::check_page(p, &urls, prefix, &templates))
        .collect();
    problems.extend(translations::disagreements(&built.pages));
    problems.extend(pages.spelling.diagnostics(Level::Error));
    let validations = match output::write(&out, &built.files) {
        Ok(()) => built
            .targets
            .iter()
            .map(|t| validators::Validation {
                limits: t.limits(&built.config.edge, &built.targets),
                ..validators::validate(t, &out, &work.join("run"))
            })
            .collect(),
        Err(d) => return failed(vec![d]),
    };
    let plan = crate::targets::shield::Plan::of(&built.config);
    let mut warnings: Vec<String> = built
        .targets
        .iter()
        .flat_map(|t| t.shield().warnings(t.name(), &plan))
        .collect();
    warnings.extend(schedule_warnings(&built.config, &built.targets));

    warnings.extend(placeholders::warnings(root, &built));
    if pages.spelling.off {
        warnings.push(
            "spelling and typography not checked: `[spell] enabled = false` in planb.toml".into(),
        );
    }
    // This check built into `out`; a real build writes the site's output/public.
    let bundle_root = out.canonicalize().unwrap_or(out.clone()).join("public");
    let shown = root
        .canonicalize()
        .unwrap_or(root.to_path_buf())
        .join("output/public");
    warnings.extend(placeholders::root_warning(
        &built,
        bundle_root.to_str().unwrap_or_default(),
        &shown,
    ));
    Report {
        pages: Some(built.pages.len()),
        problems,
        validations,
        warnings,
        fixes: pages.spelling.fixes(),
    }
}

/// A new, empty folder for the servers' validators, in the system's temporary folder.
/// Each enabled target that does not switch on `[[schedule]]` by itself, when there is one.
fn schedule_warnings(
    config: &crate::config::Config,
    targets: &crate::targets::Targets,
) -> Vec<String> {
    if config.schedule.is_empty() {
        return Vec::new();
    }
    targets
        .iter()
        .filter(|t| !t.follows_schedule())
        .map(|t| {
            format!(
                "{}: does not follow [[schedule]] by itself: at each window's start and end, switch its mode by hand (output/config/{}/README.md)",
                t.name(),
                t.name()
            )
        })
        .collect()
}

fn scratch_folder() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir();
    let mut n = 0u32;
    loop {
        let dir = base.join(format!("planb-check-{}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}
