//! Each server's own validator on the configuration planb generated for it, in every mode, when
//! the program is installed: what `nginx -t`, `apachectl -t`, `caddy validate`, `haproxy -c` and
//! `varnishd -C` accept is what a reload will accept the night of the show.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::edge::Target;

/// What one target's check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The program accepted the configuration in every mode.
    Valid,
    /// The program refused it: the mode and what the program said.
    Invalid(String),
    /// The program is not installed here.
    NotInstalled,
    /// A CDN with no program to run; planb checked its files against the documented rules.
    NoValidator,
}

#[derive(Debug, Clone)]
pub struct Validation {
    pub target: Target,
    /// The command run, as shown to the user (`nginx -t`).
    pub command: &'static str,
    pub outcome: Outcome,
}

/// One server's validator: the program, the command shown, the mode files (`modes/normal.conf`
/// → `planb-mode.conf`) and how to run it from its configuration folder.
struct Validator {
    program: &'static [&'static str],
    command: &'static str,
    mode_file: fn(&str) -> String,
    active: &'static str,
    args: fn(program: &Path, config: &Path, work: &Path) -> Command,
}

fn validator(target: Target) -> Option<Validator> {
    Some(match target {
        Target::Nginx => Validator {
            program: &["nginx"],
            command: "nginx -t",
            mode_file: |m| format!("modes/{m}.conf"),
            active: "planb-mode.conf",
            args: |program, config, work| {
                let mut c = Command::new(program);
                c.arg("-p")
                    .arg(format!("{}/", work.display()))
                    .arg("-e")
                    .arg(work.join("error.log"))
                    .arg("-c")
                    .arg(config.join("example.conf"))
                    .arg("-t");
                c
            },
        },
        Target::Apache => Validator {
            program: &["apache2", "httpd"],
            command: "apachectl -t",
            mode_file: |m| format!("modes/{m}.conf"),
            active: "planb-mode.conf",
            args: |program, config, work| {
                let mut c = Command::new(program);
                c.arg("-d")
                    .arg(config)
                    .arg("-f")
                    .arg(config.join("example.conf"))
                    .arg("-C")
                    .arg(format!("Define PLANB_RUN {}", work.display()))
                    .arg("-t");
                c
            },
        },
        Target::Caddy => Validator {
            program: &["caddy"],
            command: "caddy validate",
            mode_file: |m| format!("modes/{m}.caddy"),
            active: "planb-mode.caddy",
            args: |program, config, work| {
                let mut c = Command::new(program);
                // Caddy keeps state under HOME: keep it in the check's own folder.
                c.args([
                    "validate",
                    "--config",
                    "Caddyfile",
                    "--adapter",
                    "caddyfile",
                ])
                .current_dir(config)
                .env("HOME", work)
                .env("XDG_DATA_HOME", work.join("data"))
                .env("XDG_CONFIG_HOME", work.join("config"));
                c
            },
        },
        Target::Haproxy => Validator {
            program: &["haproxy"],
            command: "haproxy -c",
            mode_file: |m| format!("mode-{m}.map"),
            active: "planb-mode.map",
            args: |program, config, _| {
                let mut c = Command::new(program);
                c.arg("-c").arg("-f").arg(config.join("haproxy.cfg"));
                c
            },
        },
        Target::Varnish => Validator {
            program: &["varnishd"],
            command: "varnishd -C",
            mode_file: |m| format!("mode-{m}.vcl"),
            active: "planb-mode.vcl",
            args: |program, config, work| {
                let mut c = Command::new(program);
                c.arg("-C")
                    .arg("-n")
                    .arg(work.join("varnish"))
                    .arg("-f")
                    .arg(config.join("default.vcl"));
                c
            },
        },
        Target::Netlify | Target::CloudflarePages | Target::Cloudfront => return None,
    })
}

/// Runs the validator of `target` on the bundle at `out` (as `planb build` writes it), in each
/// mode, using `work` for whatever the program writes.
pub fn validate(target: Target, out: &Path, work: &Path) -> Validation {
    let Some(v) = validator(target) else {
        return Validation {
            target,
            command: "",
            outcome: Outcome::NoValidator,
        };
    };
    let Some(program) = v.program.iter().find_map(|p| find_program(p)) else {
        return Validation {
            target,
            command: v.command,
            outcome: Outcome::NotInstalled,
        };
    };
    let config = out.join("config").join(target.name());
    let work = work.join(target.name());
    let outcome = (|| {
        std::fs::create_dir_all(&work)
            .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
        for mode in ["normal", "landing", "overflow"] {
            std::fs::copy(config.join((v.mode_file)(mode)), config.join(v.active))
                .map_err(|e| format!("{mode} mode: cannot switch: {e}"))?;
            let output = (v.args)(&program, &config, &work)
                .output()
                .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
            if !output.status.success() {
                let said = format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                );
                return Err(format!("{mode} mode:\n{}", said.trim()));
            }
        }
        Ok(())
    })();
    Validation {
        target,
        command: v.command,
        outcome: match outcome {
            Ok(()) => Outcome::Valid,
            Err(said) => Outcome::Invalid(said),
        },
    }
}

/// `program` on PATH, or in the sbin folders where Debian installs servers.
pub fn find_program(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&paths)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
        .map(|p| p.join(program))
        .find(|p| p.is_file())
}
