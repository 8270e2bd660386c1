//! What every server target (as opposed to a CDN) writes in the same shape: a snippet the user
//! includes, a complete example, one file per mode plus the active one, and a README; each mode
//! file opens with the same header, said in the server's own comment syntax.

use super::folder::Folder;
use super::mode::{Mode, ModeFiles};
use crate::diag::Diagnostics;
use crate::output::OutputFile;

/// A server target's files, before they are known to be writable.
pub struct ServerFiles {
    pub folder: Folder,
    pub modes: ModeFiles,
    /// (file name, text) of the snippet, the example and any other file.
    pub others: Vec<(String, String)>,
}

impl ServerFiles {
    /// Every file, the active mode file holding `active` (the bundle's mode), sorted by path;
    /// `problems` found on the way win.
    pub fn files(
        self,
        active: Mode,
        problems: Diagnostics,
        readme: Result<OutputFile, crate::diag::Diagnostic>,
        mode_text: impl Fn(Mode) -> String,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut out = self.modes.files(self.folder, active, mode_text);
        for (name, text) in self.others {
            out.push(self.folder.file(&name, text));
        }
        out.push(readme.map_err(|bug| vec![bug])?);
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

/// The opening lines of a mode file: which mode, where to include it, how to switch, and what the
/// mode does; each line after `comment` (`# ` for most servers).
pub fn mode_header(server: &str, mode: Mode, include: &str, switch: &str, comment: &str) -> String {
    format!(
        "{comment}planb mode for {server}: {} (generated; do not edit).\n\
         {comment}{include}\n\
         {comment}Switch: {switch}\n\n\
         {comment}{}\n",
        mode.name(),
        mode.what_it_does()
    )
}
