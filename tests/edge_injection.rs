//! No value from planb.toml can break out of any target's configuration: for every target and every
//! dangerous character, each edge value carrying it is refused with an error naming its key, and
//! nothing is written.

mod common;

use common::*;

/// Every target planb knows.
fn targets() -> Vec<&'static str> {
    planb::targets::ALL.iter().map(|t| t.name()).collect()
}

const CHARACTERS: [(&str, &str); 5] = [
    ("\\n", "a newline"),
    ("\\\"", "a double quote"),
    (";", "a `;`"),
    ("{", "a `{`"),
    ("}", "a `}`"),
];

/// (key, a valid value to break with the character appended). `edge.root` is a path: see below.
const KEYS: [(&str, &str); 3] = [
    ("upstream", "127.0.0.1:3000"),
    ("listen", "127.0.0.1:8080"),
    ("prefix", "/_planb"),
];

#[test]
fn every_dangerous_character_is_refused_for_every_target() {
    let (_tmp, site) = common::site("minimal");
    let base = read(&site.join("planb.toml"));
    let mut cases = 0;
    for target in targets() {
        for (character, name) in CHARACTERS {
            for (key, valid) in KEYS {
                let config = format!(
                    "{base}\n[edge]\ntargets = [\"{target}\"]\n{key} = \"{valid}{character}x\"\n"
                );
                assert_refused(&site, &config, key, name, target);
                cases += 1;
            }
        }
    }
    assert_eq!(cases, targets().len() * 5 * 3);
}

/// A root is a path: control characters can break out of any syntax and are refused for every
/// target; quotes, `;`, braces, `$`, `%`, `#` and spaces are legitimate in a folder's name, so each
/// target either quotes them (and then its own validator accepts the configuration in every
/// mode, through `planb check`) or refuses them with an error naming `edge.root`.
#[test]
fn a_root_is_quoted_or_refused_by_every_target() {
    // One thread per target, each on its own copy of the site: the validators dominate the time.
    let threads: Vec<_> = targets()
        .into_iter()
        .map(|target| std::thread::spawn(move || root_is_quoted_or_refused(target)))
        .collect();
    for t in threads {
        if let Err(panic) = t.join() {
            std::panic::resume_unwind(panic);
        }
    }
}

fn root_is_quoted_or_refused(target: &str) {
    let (_tmp, site) = common::site("minimal");
    let base = read(&site.join("planb.toml"));
    {
        for (character, name) in [
            ("\\n", "a newline"),
            ("\\t", "U+0009"),
            ("\\u0000", "a NUL byte"),
        ] {
            let config = format!(
                "{base}\n[edge]\ntargets = [\"{target}\"]\nroot = \"/srv/www{character}x\"\n"
            );
            assert_refused(&site, &config, "root", name, target);
        }
        for character in [
            "\\\"", ";", "{", "}", "{x}", "$HOME", "${HOME}", "%", "#", " ", "Été", "'", "\\\\",
        ] {
            let config = format!(
                "{base}\n[edge]\ntargets = [\"{target}\"]\nroot = \"/srv/w{character}w/public\"\n"
            );
            std::fs::write(site.join("planb.toml"), &config).unwrap();
            let out = planb(&site, &["check"]);
            let said = format!("{}{}", stdout(&out), stderr(&out));
            if out.status.success() {
                assert!(
                    !said.contains("not installed"),
                    "{target} {character}: its validator must run: {said}"
                );
            } else {
                assert!(
                    said.contains("error: `edge.root`:")
                        && !said.contains("refuses the configuration"),
                    "{target}, root with {character}: neither quoted (its validator refused it) nor refused by planb: {said}"
                );
                assert!(!site.join("output").exists(), "{target} {character}");
            }
        }
    }
}

fn assert_refused(site: &std::path::Path, config: &str, key: &str, name: &str, target: &str) {
    std::fs::write(site.join("planb.toml"), config).unwrap();
    let out = planb(site, &["build"]);
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
}

/// An output folder whose name has a space, an accented letter or `..` is ordinary: it becomes
/// the default root, made absolute and canonical. One with a control character cannot be written
/// into any configuration: it needs an explicit `edge.root`.
#[test]
fn an_output_path_with_a_control_character_needs_an_explicit_root() {
    let (_tmp, site) = common::site("minimal");
    let out = planb(&site, &["build", "--out", "my\u{1}output"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out).replace(&site.display().to_string(), "$SITE");
    assert_snapshot(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/root-unsafe.txt"),
        &err,
    );
    assert!(!site.join("my\u{1}output").exists());
    // With edge.root set, the same output folder is fine.
    let base = read(&site.join("planb.toml"));
    std::fs::write(
        site.join("planb.toml"),
        format!("{base}\n[edge]\nroot = \"/srv/www/public\"\n"),
    )
    .unwrap();
    let out = planb(&site, &["build", "--out", "my\u{1}output"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_output_path_with_spaces_accents_and_dots_is_the_root() {
    let (_tmp, site) = common::site("minimal");
    let out = planb(&site, &["build", "--out", "../Mon site/Été/../Été/out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let parent = site.parent().unwrap().canonicalize().unwrap();
    let root = format!("{}/Mon site/Été/out/public", parent.display());
    let nginx = read(&parent.join("Mon site/Été/out/config/nginx/planb.conf"));
    assert!(nginx.contains(&format!("root \"{root}\";")), "{nginx}");
}
