//! `modes/<mode>.conf` and `planb-mode.conf`: each names its mode in `var.planb_mode`, which
//! `planb.conf` turns into the script run on each request (`lua/<mode>.lua`).

use crate::targets::Mode;

/// The switch the README documents and the tests run.
pub const SWITCH: &str = "cp modes/<mode>.conf planb-mode.conf && systemctl reload lighttpd";

pub fn mode_file(mode: Mode) -> String {
    format!(
        "# planb mode for lighttpd: {name} (generated; do not edit). planb.conf reads it and runs\n\
         # lua/{name}.lua on each request.\n\
         # Switch: {SWITCH}\n\
         var.planb_mode = \"{name}\"\n",
        name = mode.name()
    )
}
