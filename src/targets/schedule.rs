//! What every target that follows `[[schedule]]` says of it in its configuration: the rule (the
//! stronger of the window's mode and the mode file's, on the server's clock in seconds since the
//! epoch) and one comment line per window, so the files read the same on every server.

use crate::config::schedule::Window;

/// The comment above a target's schedule rules, each line starting with `comment`.
pub fn header(comment: &str) -> String {
    format!(
        "{comment} The schedule (planb.toml [[schedule]]): inside each window the edge takes its mode,\n\
         {comment} unless the mode file's is stronger (overflow > landing), and goes back by itself at\n\
         {comment} its end; times are the server's clock in seconds since the epoch (UTC).\n"
    )
}

/// `landing from 2026-03-11T20:55:00+01:00 until 2026-03-11T21:40:00+01:00 [1773258900, 1773261600)`.
pub fn describe(w: &Window) -> String {
    format!(
        "{} from {} until {} [{}, {})",
        w.mode.name(),
        w.from_text,
        w.until_text,
        w.from,
        w.until
    )
}
