//! Any text as each `[edge]` value: the validation either refuses it or the value is free of the
//! characters that would break a server's syntax (the escapers' promise); a root is accepted
//! exactly when it is an absolute path without control characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planb::config::edge::Edge;

const BREAKING: [char; 13] = [
    '\n', '\r', '"', '\'', ';', '{', '}', ' ', '$', '#', '\\', '\0', '`',
];

fuzz_target!(|value: &str| {
    for key in ["upstream", "listen", "root", "prefix", "landing"] {
        let mut edge = Edge::default();
        match key {
            "upstream" => edge.upstream = value.to_owned(),
            "listen" => edge.listen = value.to_owned(),
            "root" => edge.root = Some(value.to_owned()),
            "prefix" => edge.prefix = value.to_owned(),
            _ => edge.landing = Some(value.to_owned()),
        }
        let refused = edge.problems().iter().any(|(k, _, _)| k.ends_with(key));
        if key == "root" {
            // A path: each target quotes it or refuses it (tests/edge_injection.rs).
            let path = value.starts_with('/') && !value.chars().any(char::is_control);
            assert_eq!(!refused, path, "edge.root {value:?}");
            continue;
        }
        assert!(
            refused || !value.contains(BREAKING),
            "edge.{key} accepted {value:?}"
        );
    }
});
