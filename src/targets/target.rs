//! What a target is: one trait that says everything planb knows of a server or CDN (its name, the
//! files it writes from the built site, the statuses it cannot serve, whether it sends
//! precompressed siblings, how its own program validates what planb wrote), and the set of
//! targets a site enabled, resolved once from `edge.targets` so no later stage sees a name.

use std::path::Path;
use std::process::Command;

use super::answers::Answers;
use super::mode::ModeFiles;
use super::shield::ShieldSupport;
use super::site::EdgeSite;
use crate::diag::Diagnostics;
use crate::manifest::Manifest;
use crate::output::OutputFile;

/// A server or CDN planb writes configuration for.
pub trait Target: Sync {
    /// Its name in `edge.targets` and its folder under `output/config/`.
    fn name(&self) -> &'static str;

    /// Every file it writes for `site`, `enabled` being all the targets the site enabled (static
    /// hosts share files and must agree on them); or every reason it cannot.
    fn files(&self, site: &EdgeSite, enabled: &Targets) -> Result<Vec<OutputFile>, Diagnostics>;

    /// Why its configuration cannot name an error page for `status`, if it cannot.
    fn refuses_status(&self, _status: u16) -> Option<String> {
        None
    }

    /// Whether it can send a page's `.gz`/`.br` sibling in its place (planb then writes them).
    fn serves_precompressed(&self) -> bool {
        false
    }

    /// How far it goes with `[shield]`; `planb check` warns where it falls short.
    fn shield(&self) -> ShieldSupport {
        ShieldSupport::NONE
    }

    /// What it answers at the URLs `planb verify` can ask without a failing application, where
    /// planb knows it (see `answers.rs`); `None`: verify refuses the target rather than guess.
    /// `manifest` is the bundle verified: what a static host answers depends on the other targets
    /// it was built with.
    fn answers(&self, _manifest: &Manifest) -> Option<Answers> {
        None
    }

    /// Whether its configuration switches into each `[[schedule]]` window's mode and back by
    /// itself, on the server's clock; `planb check` warns for each target that does not.
    fn follows_schedule(&self) -> bool {
        false
    }

    /// How it follows `[[schedule]]`, when that differs from the servers' way (the mode file's
    /// mode kept when stronger), for its README.
    fn schedule_note(&self) -> Option<&'static str> {
        None
    }

    /// How its own program checks the configuration, if it has a program to run.
    fn validator(&self) -> Option<Validator> {
        None
    }

    /// What it cannot do for this site that the user should know before the show (`planb check`
    /// warns), with `enabled` the targets the site enabled.
    fn limits(&self, _edge: &crate::config::edge::Edge, _enabled: &Targets) -> Vec<String> {
        Vec::new()
    }
}

/// How a server's own program validates planb's configuration, in each mode.
#[derive(Clone, Copy)]
pub struct Validator {
    /// The program's names, tried in order (Debian's and other systems').
    pub programs: &'static [&'static str],
    /// The command as shown to the user: `nginx -t`.
    pub command: &'static str,
    /// The mode files, switched one after the other before each run.
    pub modes: ModeFiles,
    /// The command that validates the complete configuration in `config` (the target's folder of
    /// the bundle), writing whatever the program writes under `work`.
    pub args: fn(program: &Path, config: &Path, work: &Path) -> Command,
}

/// The targets a site enabled, in the registry's order.
#[derive(Clone, Default)]
pub struct Targets(pub Vec<&'static dyn Target>);

impl Targets {
    pub fn iter(&self) -> impl Iterator<Item = &'static dyn Target> + '_ {
        self.0.iter().copied()
    }

    /// Whether the target named `name` is enabled.
    pub fn has(&self, name: &str) -> bool {
        self.iter().any(|t| t.name() == name)
    }

    /// The first enabled target that cannot serve an error page for `status`: its name, and why.
    pub fn refused_status(&self, status: u16) -> Option<(&'static str, String)> {
        self.iter()
            .find_map(|t| t.refuses_status(status).map(|why| (t.name(), why)))
    }

    /// Whether any enabled target sends precompressed siblings.
    pub fn precompressed(&self) -> bool {
        self.iter().any(|t| t.serves_precompressed())
    }
}

impl std::fmt::Debug for Targets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|t| t.name()))
            .finish()
    }
}
