//! The default theme's files, as they are in this repository's `themes/default/`, embedded in the
//! binary: a site needs no copy of it. `theme` layers a site's own files over it; `texts` reads its
//! language files.

use include_dir::{Dir, include_dir};

pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
