//! `planb check` against the real binary: every build check, the HTML basics, and each installed
//! server's validator; exit 0 only when the bundle is safe to ship, and nothing written.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::edge::require;
use common::*;

fn check(site: &Path, path_prefix: Option<&Path>) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_planb"));
    c.args(["check", "--root"]).arg(site).env("NO_COLOR", "1");
    if let Some(dir) = path_prefix {
        let path = std::env::var("PATH").unwrap_or_default();
        c.env("PATH", format!("{}:{path}", dir.display()));
    }
    c.output().expect("run planb check")
}

#[test]
fn a_good_site_is_safe_to_ship_and_nothing_is_written() {
    for fixture in ["minimal", "rich"] {
        let (_tmp, site) = site(fixture);
        let out = check(&site, None);
        assert_eq!(out.status.code(), Some(0), "{fixture}: {}", stdout(&out));
        assert!(
            stdout(&out).ends_with("planb check: safe to ship\n"),
            "{}",
            stdout(&out)
        );
        assert!(
            !site.join("output").exists(),
            "{fixture}: check writes no output/"
        );
    }
}

/// A new site's placeholders and an unset `edge.root` are warnings, named with their file and
/// line, until the user replaces them; the bundle is still safe to ship.
#[test]
fn the_starters_placeholders_are_warned_until_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(planb(tmp.path(), &["init", "shop"]).status.success());
    let site = tmp.path().join("shop");
    let out = check(&site, None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let said = stdout(&out);
    for line in [
        "warning: planb.toml:9: an address is still at placeholder hosts (www.example.com): replace them with your own before the show\n",
        "warning: content/landing.md:8: an address is still at placeholder hosts (www.example.com): replace them with your own before the show\n",
        "warning: planb.toml: `edge.root` is not set, so the configurations of nginx,",
    ] {
        assert!(said.contains(line), "{line:?} missing from:\n{said}");
    }
    assert!(said.ends_with("planb check: safe to ship\n"), "{said}");

    // Replaced, and edge.root set: no warning left.
    let config = read(&site.join("planb.toml"))
        .replace("https://www.example.com/", "https://www.shop.fr/")
        .replace(
            "# root = \"/srv/planb/public\"",
            "root = \"/srv/planb/public\"",
        );
    std::fs::write(site.join("planb.toml"), config).unwrap();
    let landing = read(&site.join("content/landing.md")).replace("www.example.com", "www.shop.fr");
    std::fs::write(site.join("content/landing.md"), landing).unwrap();
    let said = stdout(&check(&site, None));
    assert!(
        !said
            .lines()
            .any(|l| l.starts_with("warning:") && l.contains("overflow mode")),
        "{said}"
    );

    // The demo's name and logo, from init --example.
    assert!(
        planb(tmp.path(), &["init", "--example", "demo"])
            .status
            .success()
    );
    let said = stdout(&check(&tmp.path().join("demo"), None));
    assert!(
        said.contains("warning: planb.toml: `site.name` is still the demo's, \"Cagette\"\n"),
        "{said}"
    );
    assert!(
        said.contains(
            "warning: planb.toml: `brand.logo` is still the demo's logo (content/logo.svg)\n"
        ),
        "{said}"
    );
    assert!(
        said.contains("(forms.cagette.example, status.cagette.example, www.cagette.example)"),
        "{said}"
    );
}

/// `--format json` for scripts: the same verdict, each problem with its file and line, each
/// target's validation.
#[test]
fn json_format_for_scripts() {
    let run = |site: &Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_planb"))
            .args(["check", "--format", "json", "--root"])
            .arg(site)
            .output()
            .expect("run planb check");
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("a JSON report");
        (out.status.code(), v)
    };
    let (_tmp, good) = site("minimal");
    let (code, v) = run(&good);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["ok"], true);
    assert!(v["pages"].as_u64().unwrap() > 0);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
    let nginx = v["validations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"] == "nginx")
        .expect("nginx's validation");
    assert_eq!(nginx["command"], "nginx -t");
    assert!(["valid", "not installed"].contains(&nginx["outcome"].as_str().unwrap()));

    let (_tmp, bad) = site("check-html");
    let (code, v) = run(&bad);
    assert_eq!(code, Some(1));
    assert_eq!(v["ok"], false);
    let first = &v["errors"][0];
    assert!(
        first["file"].as_str().unwrap().ends_with(".html"),
        "{first}"
    );
    assert!(first["line"].as_u64().is_some(), "{first}");
    assert!(!bad.join("output").exists());
}

#[test]
fn html_basics_are_checked_with_file_and_line() {
    let (_tmp, site) = site("check-html");
    let out = check(&site, None);
    assert_eq!(out.status.code(), Some(1));
    assert_snapshot(
        &fixtures().join("../snapshots/check/html-basics.txt"),
        &stdout(&out),
    );
    assert!(!site.join("output").exists());
}

#[test]
fn a_build_error_is_reported_as_build_reports_it() {
    let (_tmp, site) = site("minimal");
    std::fs::write(
        site.join("planb.toml"),
        "[site]\nname = \"X\"\nlanguage = 3\n",
    )
    .unwrap();
    let out = check(&site, None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("planb.toml:3:"), "{text}");
    assert!(
        text.ends_with("planb check: 1 problem found; not safe to ship\n"),
        "{text}"
    );
}

#[test]
fn each_installed_server_validates_its_configuration_in_every_mode() {
    for program in [
        "nginx", "apache2", "caddy", "haproxy", "varnishd", "lighttpd",
    ] {
        require(program);
    }
    let (_tmp, site) = site("edge");
    let out = check(&site, None);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for line in [
        "nginx: `nginx -t` accepts the configuration in every mode",
        "apache: `apachectl -t` accepts the configuration in every mode",
        "caddy: `caddy validate` accepts the configuration in every mode",
        "haproxy: `haproxy -c` accepts the configuration in every mode",
        "varnish: `varnishd -C` accepts the configuration in every mode",
        "lighttpd: `lighttpd -tt` accepts the configuration in every mode",
        "netlify: no program to run",
        "cloudfront: no program to run",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

#[test]
fn a_validator_that_refuses_makes_the_bundle_unsafe() {
    // A stand-in nginx that refuses every configuration, found first on PATH: the real nginx
    // accepts planb's, so this is how a refusal reaches the report.
    let (tmp, site) = site("minimal");
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let fake = bin.join("nginx");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho 'nginx: [emerg] unknown directive \"planb\"' >&2\nexit 1\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = read(&site.join("planb.toml"));
    std::fs::write(
        site.join("planb.toml"),
        format!("{config}\n[edge]\ntargets = [\"nginx\"]\n"),
    )
    .unwrap();
    let out = check(&site, Some(&bin));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("nginx: `nginx -t` refuses the configuration, normal mode:\nnginx: [emerg] unknown directive \"planb\""),
        "{text}"
    );
    assert!(
        text.ends_with("planb check: 1 problem found; not safe to ship\n"),
        "{text}"
    );
}

#[test]
fn no_temporary_folder_is_a_clear_error() {
    let (tmp, site) = site("minimal");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planb"))
        .args(["check", "--root"])
        .arg(&site)
        .env("NO_COLOR", "1")
        .env("TMPDIR", tmp.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("cannot create a temporary folder for the servers' validators"),
        "{text}"
    );
    assert!(
        text.contains("help: set TMPDIR to a writable folder"),
        "{text}"
    );
}

/// `[shield]` asked of targets that do not do it is said, target by target, without making the
/// bundle unsafe: the pages and the rest of the configuration are still right.
#[test]
fn a_shield_a_target_cannot_apply_is_a_warning() {
    let (_tmp, site) = site("minimal");
    let config = read(&site.join("planb.toml"));
    std::fs::write(
        site.join("planb.toml"),
        format!(
            "{config}\n[cache.catalogue]\nmax_age = 60\nstale_if_error = 3600\n\n[edge]\ntargets = [\"netlify\", \"cloudfront\"]\n\n[shield]\ncapacity = 20\n\n[[shield.cache]]\npath = \"/catalogue/\"\npolicy = \"catalogue\"\n"
        ),
    )
    .unwrap();
    let out = check(&site, None);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for (target, key, how) in [
        ("netlify", "shield.capacity", "is not applied"),
        ("netlify", "shield.cache", "is not applied"),
        ("cloudfront", "shield.capacity", "is not applied"),
        ("cloudfront", "shield.cache", "is approximate"),
    ] {
        let line = format!("warning: {target}: `{key}` {how}: ");
        assert!(text.contains(&line), "{line}\n{text}");
    }
    assert!(text.ends_with("planb check: safe to ship\n"), "{text}");
}

/// A server target has planb write `.gz`/`.br` siblings into public/, which the static hosts would
/// publish as files of their own: both say so, and how to publish without them; with the static
/// hosts alone there are no siblings and no such note.
#[test]
fn the_static_hosts_say_when_public_holds_the_servers_siblings() {
    let (_tmp, site) = site("minimal");
    let config = read(&site.join("planb.toml"));
    let with = |targets: &str| {
        std::fs::write(
            site.join("planb.toml"),
            format!("{config}\n[edge]\ntargets = [{targets}]\n"),
        )
        .unwrap();
        stdout(&check(&site, None))
    };
    let note = "note: public/ also holds the `.gz`/`.br` siblings that nginx, caddy send; published here they are files of their own (Cloudflare Pages answers `/404.html.br` 200 `application/octet-stream` and counts each against its 20,000 files): publish a copy without them, `rsync -a --delete --exclude '*.gz' --exclude '*.br' output/public/ publish/` (planb writes no other `.gz` or `.br`)\n";
    let said = with(r#""netlify", "cloudflare-pages", "nginx", "caddy""#);
    assert_eq!(said.matches(note).count(), 2, "{said}");
    let said = with(r#""netlify", "cloudflare-pages""#);
    assert!(!said.contains("siblings"), "{said}");
    let built = site.join("output/public");
    assert!(planb(&site, &["build"]).status.success());
    assert!(!built.join("404.html.br").exists() && !built.join("404.html.gz").exists());
}

/// What a static host cannot do for the site is said under its line, as a note, not a warning
/// (nothing to fix in the site): overflow mode's 200 on Cloudflare Pages and, sharing its files,
/// on Netlify; the Worker quota once `edge.cloudflare_pages_worker` answers 503.
#[test]
fn the_static_hosts_limits_are_noted_under_their_line() {
    let (_tmp, site) = site("minimal");
    let said = stdout(&check(&site, None));
    assert!(said.contains("cloudflare-pages: no program to run; planb checked its files against the platform's documented rules\n  note: in overflow mode the overflow page answers 200, not 503 (`_redirects` accepts no 5xx): crawlers and monitors see a healthy site; `edge.cloudflare_pages_worker = true` answers 503 through a `_worker.js`, every request then running a Worker\n"), "{said}");
    assert!(said.contains("\n  note: in overflow mode the overflow page answers 200, not 503, and the files that exist are still served: `_redirects` is shared with Cloudflare Pages"), "{said}");
    assert!(
        !said
            .lines()
            .any(|l| l.starts_with("warning:") && l.contains("overflow mode")),
        "{said}"
    );

    let config = read(&site.join("planb.toml"));
    std::fs::write(
        site.join("planb.toml"),
        format!("{config}\n[edge]\ncloudflare_pages_worker = true\n"),
    )
    .unwrap();
    let said = stdout(&check(&site, None));
    assert!(said.contains("  note: in overflow mode every request runs `public/_worker.js` (`edge.cloudflare_pages_worker`): on Workers Free, 100,000 requests a day; a show's spike needs a paid plan\n"), "{said}");

    std::fs::write(
        site.join("planb.toml"),
        format!("{config}\n[edge]\ntargets = [\"netlify\"]\n"),
    )
    .unwrap();
    let said = stdout(&check(&site, None));
    assert!(!said.contains("note:"), "{said}");
}

/// With `[[schedule]]`, each target that does not switch by itself is a warning; the ones that
/// do are not named.
#[test]
fn a_target_that_cannot_follow_the_schedule_is_a_warning() {
    let (_tmp, site) = site("minimal");
    let config = read(&site.join("planb.toml"));
    std::fs::write(
        site.join("planb.toml"),
        format!(
            "{config}\n[edge]\ntargets = [\"netlify\", \"nginx\", \"haproxy\"]\n\n[[schedule]]\nmode = \"landing\"\nfrom = \"2026-03-11T20:55:00+01:00\"\nuntil = \"2026-03-11T21:40:00+01:00\"\n"
        ),
    )
    .unwrap();
    let out = check(&site, None);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let line = "warning: netlify: does not follow [[schedule]] by itself: at each window's start and end, switch its mode by hand (output/config/netlify/README.md)";
    assert!(text.contains(line), "{text}");
    assert!(!text.contains("nginx: does not follow"), "{text}");
    assert!(!text.contains("haproxy: does not follow"), "{text}");
    // Each target's README says what it does with the windows.
    assert!(planb(&site, &["build"]).status.success());
    let readme = |t: &str| read(&site.join(format!("output/config/{t}/README.md")));
    let by_hand = "This target does not switch on the schedule by itself";
    assert!(readme("netlify").contains(by_hand));
    for t in ["nginx", "haproxy"] {
        let text = readme(t);
        assert!(
            text.contains("## Schedule\n\nThe configuration switches into each window's mode"),
            "{t}"
        );
        assert!(
            text.contains(
                "- landing from 2026-03-11T20:55:00+01:00 until 2026-03-11T21:40:00+01:00"
            ),
            "{t}"
        );
    }
}

/// A translation that offers other actions than its original fails `check`, naming the file,
/// the language and each link that differs; the bilingual fixture, whose translations agree, is
/// safe to ship.
#[test]
fn translations_whose_actions_differ_fail_the_check() {
    let (_tmp, site) = site("bilingual");
    let out = check(&site, None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let english = site.join("content/landing.en.md");
    let text = read(&english).replace(
        "https://www.cagette.example/paniers",
        "https://www.cagette.example/baskets",
    );
    std::fs::write(&english, text).unwrap();
    let out = check(&site, None);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let said = stdout(&out);
    assert!(
        said.contains(
            "content/landing.en.md:5:1: error: the `en` page lacks the action to \
             `https://www.cagette.example/paniers` that content/landing.md has, and has the \
             action to `https://www.cagette.example/baskets` that content/landing.md has not"
        ),
        "{said}"
    );
    assert!(
        said.contains("help: give every language the same actions"),
        "{said}"
    );
}
