//! Each server's own validator on the configuration planb generated for it, in every mode, when
//! the program is installed: what `nginx -t`, `apachectl -t`, `caddy validate`, `haproxy -c` and
//! `varnishd -C` accept is what a reload will accept the night of the show.

use std::path::{Path, PathBuf};

use crate::targets::{Mode, Target};

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
    /// The target's name.
    pub target: &'static str,
    /// The command run, as shown to the user (`nginx -t`).
    pub command: &'static str,
    pub outcome: Outcome,
    /// What the target cannot do for this site (`Target::limits`), said under its line.
    pub limits: Vec<String>,
}

/// Runs the validator of `target` on the bundle at `out` (as `planb build` writes it), in each
/// mode, using `work` for whatever the program writes.
pub fn validate(target: &dyn Target, out: &Path, work: &Path) -> Validation {
    let Some(v) = target.validator() else {
        return Validation {
            target: target.name(),
            command: "",
            outcome: Outcome::NoValidator,
            limits: Vec::new(),
        };
    };
    let Some(program) = v.programs.iter().find_map(|p| find_program(p)) else {
        return Validation {
            target: target.name(),
            command: v.command,
            outcome: Outcome::NotInstalled,
            limits: Vec::new(),
        };
    };
    let config = out.join("config").join(target.name());
    let work = work.join(target.name());
    let outcome = (|| {
        std::fs::create_dir_all(&work)
            .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
        for mode in Mode::ALL {
            let mode_file = config.join((v.modes.each)(mode));
            std::fs::copy(mode_file, config.join(v.modes.active))
                .map_err(|e| format!("{} mode: cannot switch: {e}", mode.name()))?;
            let output = (v.args)(&program, &config, &work)
                .output()
                .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
            if !output.status.success() {
                let said = format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                );
                return Err(format!("{} mode:\n{}", mode.name(), said.trim()));
            }
        }
        Ok(())
    })();
    Validation {
        target: target.name(),
        command: v.command,
        outcome: match outcome {
            Ok(()) => Outcome::Valid,
            Err(said) => Outcome::Invalid(said),
        },
        limits: Vec::new(),
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
