//! No value from planb.toml can break out of any target's configuration: for every target and every
//! dangerous character, each edge value carrying it is refused with an error naming its key, and
//! nothing is written.

mod common;

use common::*;

const TARGETS: [&str; 8] = [
    "netlify",
    "cloudflare-pages",
    "nginx",
    "apache",
    "caddy",
    "haproxy",
    "varnish",
    "cloudfront",
];

const CHARACTERS: [(&str, &str); 5] = [
    ("\\n", "a newline"),
    ("\\\"", "a double quote"),
    (";", "a `;`"),
    ("{", "a `{`"),
    ("}", "a `}`"),
];

/// (key, a valid value to break with the character appended)
const KEYS: [(&str, &str); 4] = [
    ("upstream", "127.0.0.1:3000"),
    ("listen", "127.0.0.1:8080"),
    ("root", "/srv/www/public"),
    ("prefix", "/_planb"),
];

#[test]
fn every_dangerous_character_is_refused_for_every_target() {
    let (_tmp, site) = common::site("minimal");
    let base = read(&site.join("planb.toml"));
    let mut cases = 0;
    for target in TARGETS {
        for (character, name) in CHARACTERS {
            for (key, valid) in KEYS {
                let config = format!(
                    "{base}\n[edge]\ntargets = [\"{target}\"]\n{key} = \"{valid}{character}x\"\n"
                );
                std::fs::write(site.join("planb.toml"), config).unwrap();
                let out = planb(&site, &["build"]);
                let err = stderr(&out);
                assert_eq!(out.status.code(), Some(1), "{target} {key} {name}: {err}");
                assert!(
                    err.contains(&format!("error: `edge.{key}`:")) && err.contains(name),
                    "{target} {key} {name}: {err}"
                );
                assert!(
                    !site.join("output").exists(),
                    "{target} {key} {name}: nothing written"
                );
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 8 * 5 * 4);
}

#[test]
fn an_output_path_servers_cannot_take_needs_an_explicit_root() {
    let (_tmp, site) = common::site("minimal");
    let out = planb(&site, &["build", "--out", "my output"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out).replace(&site.display().to_string(), "$SITE");
    assert_snapshot(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/root-unsafe.txt"),
        &err,
    );
    // With edge.root set, the same output folder is fine.
    let base = read(&site.join("planb.toml"));
    std::fs::write(
        site.join("planb.toml"),
        format!("{base}\n[edge]\nroot = \"/srv/www/public\"\n"),
    )
    .unwrap();
    let out = planb(&site, &["build", "--out", "my output"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
