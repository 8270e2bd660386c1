//! The mode as Varnish reads it: the subroutine `planb_mode` of `planb-mode.vcl`, which sets
//! the mode header at the start of `vcl_recv`.
//!
//! Trap avoided: Varnish has no map file to read at run time without a vmod; an included
//! subroutine is compiled with the VCL, so a copy and a VCL reload (which keeps connections and
//! the cache) switch it.

use super::MODE_HEADER;
use crate::targets::{Mode, ModeFiles};

/// `planb-mode.vcl` and one `mode-<mode>.vcl` per mode to copy over it.
pub(super) const MODES: ModeFiles = ModeFiles {
    active: "planb-mode.vcl",
    each: |m| format!("mode-{}.vcl", m.name()),
};

/// The text of `planb-mode.vcl` for `mode`.
pub(super) fn mode_vcl(mode: Mode) -> String {
    format!(
        "# planb mode for Varnish: normal, landing or overflow. To switch, copy mode-<mode>.vcl over\n\
         # planb-mode.vcl and reload the VCL (see README.md).\n\
         sub planb_mode {{\n    \
             set req.http.{MODE_HEADER} = \"{}\";\n\
         }}\n",
        mode.name()
    )
}
