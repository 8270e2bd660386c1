//! The mode as HAProxy reads it: the key `mode` of a map file, looked up at every request from
//! the copy HAProxy loaded at its last (re)load.
//!
//! Trap avoided: a mode in an environment variable or a `-D` define would need a restart; a map
//! file needs one copy and a reload, which keeps established connections.

use crate::targets::{Mode, ModeFiles};

/// The file (under `config/haproxy/`) holding the map the mode is read from.
pub(super) const MODE_MAP: &str = "planb-mode.map";

/// `planb-mode.map` and one `mode-<mode>.map` per mode to copy over it.
pub(super) const MODES: ModeFiles = ModeFiles {
    active: MODE_MAP,
    each: |m| format!("mode-{}.map", m.name()),
};

/// The text of the map for `mode`.
pub(super) fn mode_map(mode: Mode) -> String {
    format!(
        "# planb mode for HAProxy: normal, landing or overflow. To switch, copy mode-<mode>.map\n\
         # over {MODE_MAP} and reload HAProxy (see README.md).\n\
         mode {}\n",
        mode.name()
    )
}
