//! Any text as the theme's stylesheet: parsing, minifying for the configured browsers and
//! inlining `url()`s never panic, and accepted CSS never keeps an external reference.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planb::assets::css;
use planb::scan;

fuzz_target!(|source: &str| {
    let targets = css::targets(&Default::default());
    let result = css::process("style.css", source, targets, &mut |url| {
        if url.starts_with('x') {
            Err("missing".into())
        } else {
            Ok("data:,x".to_owned())
        }
    });
    if let Ok(minified) = result {
        let external = scan::find_external_in_css(&minified, "");
        assert!(external.is_empty(), "{minified:?} keeps {external:?}");
    }
});
