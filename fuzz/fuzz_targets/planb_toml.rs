//! Any text as `planb.toml`: parsing and validation never panic, and every edge value of an
//! accepted configuration is free of the characters that would break a server's syntax.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planb::config;

/// What would let a value break out of a directive, a string or a line in some target's syntax.
const BREAKING: [char; 13] = [
    '\n', '\r', '"', '\'', ';', '{', '}', ' ', '$', '#', '\\', '\0', '`',
];

fuzz_target!(|source: &str| {
    if let Ok(config) = config::parse(source) {
        let edge = &config.edge;
        let values = [
            Some(&edge.upstream),
            Some(&edge.listen),
            Some(&edge.prefix),
            edge.landing.as_ref(),
        ];
        for value in values.into_iter().flatten() {
            assert!(!value.contains(BREAKING), "accepted {value:?}");
        }
        if let Some(root) = &edge.root {
            assert!(
                !root.chars().any(char::is_control),
                "accepted root {root:?}"
            );
        }
    }
});
