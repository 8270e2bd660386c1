//! `planb.conf`: the snippet the user's lighttpd.conf includes. It loads mod_magnet, reads the
//! mode in force and hands each request and each response to planb's scripts.
//!
//! Trap: lighttpd expands an `include` path as a glob and silently skips one that has glob
//! characters (`*?[]{}`) and matches nothing. The mode file defines `var.planb_mode`, which the
//! next line uses: a skipped mode file makes lighttpd refuse the configuration instead of
//! running without planb; and the snippet defines `var.planb_read` last, which the including
//! file reads next, for the same reason (proven in `tests/edge_lighttpd.rs`).

use super::lua::ERRORS;

pub fn snippet() -> String {
    format!(
        "# planb snippet for lighttpd (generated; do not edit). In lighttpd.conf, say where this\n\
         # folder is, then include this file (see README.md):\n\
         #     var.planb_dir = \"/etc/lighttpd/planb\"\n\
         #     include var.planb_dir + \"/planb.conf\"\n\n\
         server.modules += ( \"mod_magnet\" )\n\n\
         # The mode in force: defines var.planb_mode (normal, landing or overflow).\n\
         include var.planb_dir + \"/planb-mode.conf\"\n\n\
         # On each request: planb's own URLs, and what the mode does to the others.\n\
         magnet.attract-raw-url-to += ( var.planb_dir + \"/lua/\" + var.planb_mode + \".lua\" )\n\
         # When any response starts: an error status with a planb page gets it, keeping the status.\n\
         magnet.attract-response-start-to += ( var.planb_dir + \"/{ERRORS}\" )\n\n\
         # Defined last: the including file reads it next, so a skipped include fails loudly.\n\
         var.planb_read = \"planb.conf\"\n"
    )
}
