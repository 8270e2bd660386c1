//! A target's folder under `output/`: every file a target writes goes through one, so a target
//! names its folder once.

use crate::output::OutputFile;

/// `config/<target>` (or any folder of the bundle).
#[derive(Debug, Clone, Copy)]
pub struct Folder(pub &'static str);

impl Folder {
    /// The file `name` of this folder, holding `text`.
    pub fn file(self, name: &str, text: String) -> OutputFile {
        OutputFile {
            path: self.path(name),
            bytes: text.into_bytes(),
        }
    }

    /// The path of `name` relative to the output folder, as messages show it.
    pub fn path(self, name: &str) -> String {
        format!("{}/{name}", self.0)
    }
}
