//! Golden files: every target's generated files for the default site, `tests/fixtures/rich` and the
//! edge fixture with a `[shield]`, kept under `tests/golden/<site>/`, so a review shows what a
//! change does to the configurations users deploy. `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them instead of comparing.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use similar::TextDiff;

/// `edge.root` in the built copies: the default is the output folder's absolute path, which differs
/// per run.
const ROOT: &str = "/srv/planb/public";
const ACCEPT: &str = "UPDATE_GOLDEN=1 cargo test --test golden";

type Tree = BTreeMap<String, Vec<u8>>;

fn golden_dir(site: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(site)
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The snapshotted files of an output folder: `config/**`, `public/_headers`, `public/_redirects`.
fn snapshotted(output: &Path) -> Tree {
    common::tree(output)
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with("config/") || path == "public/_headers" || path == "public/_redirects"
        })
        .collect()
}

/// Sets `edge.root` in the copy's planb.toml (never in the fixture), keeping every target enabled.
fn pin_root(site: &Path) {
    let path = site.join("planb.toml");
    let text = common::read(&path);
    let key = format!("root = \"{ROOT}\"\n");
    let edited = match text.lines().position(|l| l.trim() == "[edge]") {
        Some(i) => {
            let mut lines: Vec<String> = text.lines().map(|l| format!("{l}\n")).collect();
            lines.insert(i + 1, key);
            lines.concat()
        }
        None => format!("{}\n[edge]\n{key}", text.trim_end()),
    };
    let parsed: toml::Table = edited.parse().expect("edited planb.toml parses");
    let edge = parsed["edge"].as_table().expect("[edge] is a table");
    assert_eq!(edge["root"].as_str(), Some(ROOT));
    assert!(
        !edge.contains_key("targets"),
        "{} restricts edge.targets: the golden files cover every target",
        path.display()
    );
    std::fs::write(&path, edited).expect("write planb.toml");
}

/// Builds the site with every target and returns its snapshotted files.
fn build(tmp: &Path, site: &Path) -> Tree {
    pin_root(site);
    let out = common::planb(site, &["build"]);
    assert!(
        out.status.success(),
        "planb build: {}",
        common::stderr(&out)
    );
    let files = snapshotted(&site.join("output"));
    assert!(files.keys().any(|p| p.starts_with("config/")), "no config/");
    let tmp = tmp.display().to_string();
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains(&tmp),
            "{path} holds the temporary folder's path {tmp}: it would differ on every run"
        );
    }
    files
}

/// Every difference between the golden files and the generated ones, with a unified diff (`-`
/// expected, `+` actual) for each text file; `None` when they are byte-identical.
fn compare(label: &str, expected: &Tree, actual: &Tree) -> Option<String> {
    let mut names = Vec::new();
    let mut details = Vec::new();
    for path in expected.keys().filter(|p| !actual.contains_key(*p)) {
        names.push(format!("  removed  {path}"));
        details.push(format!("{label}/{path}: golden file no longer generated\n"));
    }
    for path in actual.keys().filter(|p| !expected.contains_key(*p)) {
        names.push(format!("  new      {path}"));
        details.push(format!(
            "{label}/{path}: generated file has no golden file\n"
        ));
    }
    for (path, want) in expected {
        let Some(got) = actual.get(path) else {
            continue;
        };
        if want == got {
            continue;
        }
        names.push(format!("  changed  {path}"));
        match (std::str::from_utf8(want), std::str::from_utf8(got)) {
            (Ok(want), Ok(got)) => {
                let diff = TextDiff::from_lines(want, got)
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("{label}/{path} (expected)"),
                        &format!("output/{path} (actual)"),
                    )
                    .to_string();
                details.push(diff);
            }
            _ => details.push(format!(
                "{label}/{path}: binary file differs ({} bytes expected, {} bytes actual)\n",
                want.len(),
                got.len()
            )),
        }
    }
    if names.is_empty() {
        return None;
    }
    Some(format!(
        "{} file(s) differ from the golden files in {label}/:\n{}\n\n{}\nIf the change is intended, \
         accept it with `{ACCEPT}` and commit {label}/.",
        names.len(),
        names.join("\n"),
        details.join("\n")
    ))
}

fn write_golden(dir: &Path, files: &Tree) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("remove old golden files");
    }
    for (path, bytes) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir golden");
        std::fs::write(&target, bytes).expect("write golden file");
    }
}

fn check(name: &str, (tmp, site): (tempfile::TempDir, PathBuf)) {
    let actual = build(tmp.path(), &site);
    let dir = golden_dir(name);
    if updating() {
        write_golden(&dir, &actual);
        return;
    }
    let expected = if dir.exists() {
        common::tree(&dir)
    } else {
        Tree::new()
    };
    if let Some(message) = compare(&format!("tests/golden/{name}"), &expected, &actual) {
        panic!("{message}");
    }
}

#[test]
fn default_site_matches_its_golden_files() {
    check("default", common::default_site());
}

#[test]
fn rich_fixture_matches_its_golden_files() {
    check("rich", common::site("rich"));
}

/// What `[shield]` writes for every target (admission control, the cached routes, nginx's hop),
/// on the edge fixture with a shield that uses every key.
const SHIELD: &str = "\n[cache.catalogue]\nmax_age = 60\nstale_while_revalidate = 30\n\
                      stale_if_error = 86400\n\n[shield]\ncapacity = 200\nreserved = 40\n\
                      admitted_for = 900\nhop = \"127.0.0.1:8091\"\n\n\
                      [[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n\n\
                      [[shield.cache]]\npath = \"/api/v1/products\"\npolicy = \"error\"\n";

#[test]
fn shielded_site_matches_its_golden_files() {
    let (tmp, site) = common::site("edge");
    let toml = site.join("planb.toml");
    std::fs::write(&toml, format!("{}{SHIELD}", common::read(&toml))).unwrap();
    check("shield", (tmp, site));
}

/// The comparison does fail: a changed line, a new file, a removed file and a changed binary file
/// are all named, with the changed line shown as `-`/`+` and the command that accepts them.
#[test]
fn comparison_names_every_differing_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (golden, output) = (tmp.path().join("golden"), tmp.path().join("output"));
    let mut files = Tree::new();
    let conf: String = (1..=20).map(|i| format!("line {i};\n")).collect();
    files.insert("config/nginx/planb.conf".into(), conf.clone().into_bytes());
    files.insert("config/caddy/Caddyfile".into(), b"gone\n".to_vec());
    files.insert("public/_headers".into(), b"/*\n  X: y\n".to_vec());
    files.insert("config/blob.bin".into(), vec![0xff, 0xfe, 0x00]);
    write_golden(&golden, &files);
    common::copy_dir(&golden, &output);
    assert_eq!(
        compare("golden", &common::tree(&golden), &common::tree(&output)),
        None
    );

    let changed = conf.replace("line 10;\n", "line ten;\n");
    std::fs::write(output.join("config/nginx/planb.conf"), changed).unwrap();
    std::fs::remove_file(output.join("config/caddy/Caddyfile")).unwrap();
    std::fs::write(output.join("public/_redirects"), "/ /x 302\n").unwrap();
    std::fs::write(output.join("config/blob.bin"), [0xff, 0xfe, 0x01]).unwrap();
    let message = compare("golden", &common::tree(&golden), &common::tree(&output))
        .expect("the trees differ");

    assert!(message.starts_with("4 file(s) differ"), "{message}");
    for name in [
        "changed  config/nginx/planb.conf",
        "removed  config/caddy/Caddyfile",
        "new      public/_redirects",
        "changed  config/blob.bin",
        "--- golden/config/nginx/planb.conf (expected)",
        "+++ output/config/nginx/planb.conf (actual)",
        "\n-line 10;\n+line ten;\n",
        // Three lines of context, no more.
        " line 7;\n line 8;\n line 9;\n-line 10;",
        "golden/config/blob.bin: binary file differs",
        ACCEPT,
    ] {
        assert!(message.contains(name), "{name:?} missing from:\n{message}");
    }
    assert!(!message.contains("line 6;"), "{message}");
    assert!(!message.contains("_headers"), "{message}");
}
