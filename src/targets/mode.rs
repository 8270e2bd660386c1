//! The modes of the edge, and the one shape every server target gives them: a file per mode
//! (`modes/overflow.conf`) and an active file the configuration includes (`planb-mode.conf`),
//! switched by copying one over the other and reloading.

use super::folder::Folder;
use crate::output::OutputFile;

/// What the edge does right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The real site; its errors map to planb's pages.
    #[default]
    Normal,
    /// The home redirects (302) to the landing page; everything else as normal.
    Landing,
    /// Every request gets the overflow page, with 503 and Retry-After.
    Overflow,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Normal, Mode::Landing, Mode::Overflow];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Landing => "landing",
            Mode::Overflow => "overflow",
        }
    }

    /// What the edge does in this mode, in one line for the configuration files' comments.
    pub fn what_it_does(self) -> &'static str {
        match self {
            Mode::Normal => {
                "The application answers; its errors get planb's pages, with their status."
            }
            Mode::Landing => {
                "The home redirects to the landing page; everything else as in normal mode."
            }
            Mode::Overflow => {
                "Every request gets the overflow page with 503, without asking the application."
            }
        }
    }
}

/// Where a server target keeps its modes, relative to its configuration folder: shared by the
/// generation (which writes them) and `check` (which switches them to validate each).
#[derive(Debug, Clone, Copy)]
pub struct ModeFiles {
    /// The file the configuration includes: a copy of one mode's file.
    pub active: &'static str,
    /// The file of each mode.
    pub each: fn(Mode) -> String,
}

impl ModeFiles {
    /// One file per mode, and the active file holding `active`'s text.
    pub fn files(
        &self,
        folder: Folder,
        active: Mode,
        text: impl Fn(Mode) -> String,
    ) -> Vec<OutputFile> {
        let mut out: Vec<OutputFile> = Mode::ALL
            .into_iter()
            .map(|m| folder.file(&(self.each)(m), text(m)))
            .collect();
        out.push(folder.file(self.active, text(active)));
        out
    }
}
