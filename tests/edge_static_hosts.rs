//! Netlify and Cloudflare Pages, on paper: what their engines (`tests/edge_static_engines.rs`,
//! `netlify dev` and `wrangler pages dev`) do not check. These tests build the edge fixture for
//! each mode and check the generated `public/_headers` and `public/_redirects` against the
//! platforms' documented limits, with parsers written here from that documentation (not the
//! generator's own code): Cloudflare Pages' 100 header rules, 2,000 characters per header line,
//! 2,000 static + 100 dynamic redirects, 1,000 characters per redirect, statuses 200, 301, 302,
//! 303, 307 and 308, no `!`, and its need for a top-level 404.html (the engine serves what it is
//! given, past any limit); Netlify's `_redirects` grammar (`from to status[!]`); the exact rule of
//! each mode and dialect; and that any output folder writes the same files.

mod common;

use std::path::{Path, PathBuf};

use common::{planb, read, stderr};
use serde_json::Value;

const CF_STATUSES: [u16; 6] = [200, 301, 302, 303, 307, 308];

struct Built {
    _tmp: tempfile::TempDir,
    /// The output folder.
    out: PathBuf,
    manifest: Value,
}

impl Built {
    fn public(&self) -> PathBuf {
        self.out.join("public")
    }
    fn text(&self, rel: &str) -> String {
        read(&self.out.join(rel))
    }
    fn headers(&self) -> Vec<Rule> {
        parse_headers(&self.text("public/_headers"))
    }
    fn redirects(&self) -> Vec<Redirect> {
        parse_redirects(&self.text("public/_redirects"))
    }
}

/// The edge fixture with `targets`, built with `--mode mode`.
fn build(targets: &[&str], mode: &str) -> Built {
    let list: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
    let edge = format!("[edge]\ntargets = [{}]\n", list.join(", "));
    let (tmp, out, manifest) = common::build_in_mode("edge", &edge, mode);
    Built {
        _tmp: tmp,
        out,
        manifest,
    }
}

fn add_targets(site: &Path, targets: &[&str]) {
    let list: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
    let config = format!(
        "{}\n[edge]\ntargets = [{}]\n",
        read(&site.join("planb.toml")),
        list.join(", ")
    );
    std::fs::write(site.join("planb.toml"), config).unwrap();
}

/// A `_headers` rule: a path line, then its `! Name` lines (Cloudflare Pages removes what a rule
/// before set; Netlify's parser skips a line without `:`) and its `Name: value` lines.
#[derive(Debug)]
struct Rule {
    path: String,
    removed: Vec<String>,
    headers: Vec<(String, String)>,
}

/// Parses `_headers` as both platforms document it: `#` comments and blank lines skipped, a line
/// starting with `/` opens a rule, the indented lines under it are `Name: value` pairs (split at
/// the first colon). Anything else fails the test.
fn parse_headers(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('/') {
            assert_eq!(raw, line, "line {}: a path line is not indented", i + 1);
            rules.push(Rule {
                path: line.to_owned(),
                removed: Vec::new(),
                headers: Vec::new(),
            });
            continue;
        }
        if let Some(name) = line.strip_prefix('!') {
            let name = name.trim();
            assert!(
                raw.starts_with("  ") && !name.is_empty() && !name.contains([' ', ':']),
                "line {}: bad removal {raw:?}",
                i + 1
            );
            rules
                .last_mut()
                .unwrap_or_else(|| panic!("line {}: a removal before any path", i + 1))
                .removed
                .push(name.to_owned());
            continue;
        }
        assert!(
            raw.starts_with("  "),
            "line {}: a header line must be indented: {raw:?}",
            i + 1
        );
        let (name, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("line {}: not `Name: value`: {raw:?}", i + 1));
        let (name, value) = (name.trim(), value.trim());
        assert!(
            !name.is_empty() && !name.contains(' ') && !value.is_empty(),
            "line {}: bad header {raw:?}",
            i + 1
        );
        rules
            .last_mut()
            .unwrap_or_else(|| panic!("line {}: a header before any path", i + 1))
            .headers
            .push((name.to_owned(), value.to_owned()));
    }
    for r in &rules {
        assert!(!r.headers.is_empty(), "rule {} has no header", r.path);
    }
    rules
}

#[derive(Debug, PartialEq)]
struct Redirect {
    from: String,
    to: String,
    /// As written: `302`, `200`, `503!`.
    status: String,
    line: String,
}

/// Parses `_redirects`: `from to [status]`, one rule a line, `#` comments; the status defaults to
/// 302 on Cloudflare Pages (Netlify's default is 301: planb always writes it).
fn parse_redirects(text: &str) -> Vec<Redirect> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(parts.len(), 3, "`from to status` expected: {line:?}");
            Redirect {
                from: parts[0].to_owned(),
                to: parts[1].to_owned(),
                status: parts[2].to_owned(),
                line: line.to_owned(),
            }
        })
        .collect()
}

/// Every documented Cloudflare Pages rule for the two files, and its route matching for rewrites.
fn check_cloudflare(built: &Built) {
    let headers_text = built.text("public/_headers");
    let rules = built.headers();
    assert!(rules.len() <= 100, "{} header rules", rules.len());
    for line in headers_text.lines() {
        assert!(
            line.trim().len() <= 2000,
            "header line of {} characters",
            line.len()
        );
    }
    let mut static_rules = 0;
    let mut dynamic_rules = 0;
    let mut seen = Vec::new();
    for r in built.redirects() {
        assert!(
            r.line.len() <= 1000,
            "redirect of {} characters",
            r.line.len()
        );
        let status: u16 = r
            .status
            .parse()
            .unwrap_or_else(|_| panic!("Cloudflare Pages reads {:?} as no status", r.status));
        assert!(
            CF_STATUSES.contains(&status),
            "status {status} in {:?}",
            r.line
        );
        assert!(!seen.contains(&r.from), "duplicate source {}", r.from);
        seen.push(r.from.clone());
        if dynamic_rules > 0 || r.from.contains('*') || r.from.contains("/:") {
            dynamic_rules += 1;
        } else {
            static_rules += 1;
        }
        assert!(
            r.to.starts_with('/'),
            "{:?}: a relative destination",
            r.line
        );
        if status == 200 {
            // A rewrite serves the asset Pages finds at the destination; a `.html` destination
            // would answer 308 to the extension-less URL instead.
            assert!(
                !r.to.ends_with(".html"),
                "{:?}: rewrite to a .html path",
                r.line
            );
            let file = built.public().join(format!("{}.html", &r.to[1..]));
            assert!(file.is_file(), "{:?}: no {}", r.line, file.display());
        }
    }
    assert!(static_rules <= 2000 && dynamic_rules <= 100);
    // Without a top-level 404.html, Pages answers every unknown path with the home page and 200.
    assert!(
        built.public().join("404.html").is_file(),
        "no public/404.html"
    );
}

/// Netlify's `_redirects` grammar: a path or URL source, a destination starting with `/` or
/// `http`, an integer status with an optional `!`.
fn check_netlify(built: &Built) {
    for r in built.redirects() {
        assert!(r.from.starts_with('/'), "{:?}", r.line);
        assert!(
            r.to.starts_with('/') || r.to.starts_with("http"),
            "{:?}",
            r.line
        );
        let digits = r.status.strip_suffix('!').unwrap_or(&r.status);
        assert!(digits.parse::<u16>().is_ok(), "status {:?}", r.status);
    }
    assert!(
        built.public().join("404.html").is_file(),
        "no public/404.html"
    );
}

/// The page files of the manifest: pages and the 404.html copy, not the compressed siblings nor
/// the platform files.
fn pages(manifest: &Value) -> Vec<&Value> {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] != "platform" && f.get("encoding_of").is_none_or(Value::is_null))
        .collect()
}

fn expected_headers(entry: &Value) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = entry["headers"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("content-type"))
        .map(|(n, v)| (n.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    list.sort();
    list
}

fn sorted(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut list = headers.to_vec();
    list.sort();
    list
}

fn entry<'a>(manifest: &'a Value, url: &str) -> &'a Value {
    pages(manifest)
        .into_iter()
        .find(|f| f["path"] == url)
        .unwrap_or_else(|| panic!("{url} not in the manifest"))
}

#[test]
fn normal_mode_writes_no_redirect_and_the_same_files_for_either_host() {
    let built = build(&["netlify", "cloudflare-pages"], "normal");
    check_cloudflare(&built);
    check_netlify(&built);
    assert_eq!(built.redirects(), vec![]);
    // The 404.html the platforms serve for unknown paths is the 404 page itself.
    assert_eq!(
        std::fs::read(built.public().join("404.html")).unwrap(),
        std::fs::read(built.public().join("_planb/errors/404.html")).unwrap()
    );
    let r404 = entry(&built.manifest, "/404.html");
    assert_eq!(r404["status"], 404);
    // Both READMEs, and the other static host's presence changes nothing in the shared files.
    for t in ["netlify", "cloudflare-pages"] {
        let readme = built.text(&format!("config/{t}/README.md"));
        assert!(readme.contains("planb build --mode overflow && "), "{t}");
        assert!(readme.contains("an unknown path answers `/404.html` with status **404**"));
    }
    let alone = build(&["cloudflare-pages"], "normal");
    for f in ["public/_headers", "public/_redirects"] {
        assert_eq!(built.text(f), alone.text(f), "{f}");
    }
}

#[test]
fn landing_mode_redirects_the_home_with_302() {
    let shared = build(&["netlify", "cloudflare-pages"], "landing");
    check_cloudflare(&shared);
    check_netlify(&shared);
    let landing = entry(&shared.manifest, "/_planb/landing.html");
    assert_eq!(landing["kind"], "landing");
    // Cloudflare Pages would answer /_planb/landing.html with a 308 to /_planb/landing: the
    // redirect names the URL it serves, and Netlify serves it too.
    assert_eq!(
        shared.redirects(),
        vec![Redirect {
            from: "/".into(),
            to: "/_planb/landing".into(),
            status: "302".into(),
            line: "/  /_planb/landing  302".into(),
        }]
    );
    assert!(shared.public().join("_planb/landing.html").is_file());
    for t in ["netlify", "cloudflare-pages"] {
        let readme = shared.text(&format!("config/{t}/README.md"));
        assert!(
            readme.contains("**landing** (this build):\n\n- `/` answers **302** with `Location: /_planb/landing`"),
            "{t}: {readme}"
        );
    }

    // Netlify alone: the page's own URL, forced so that a site's own index.html cannot win.
    let netlify = build(&["netlify"], "landing");
    check_netlify(&netlify);
    let r = netlify.redirects();
    assert_eq!(r.len(), 1);
    assert_eq!(
        (r[0].from.as_str(), r[0].to.as_str()),
        ("/", "/_planb/landing.html")
    );
    assert_eq!(r[0].status, "302!");
    assert!(!r[0].status.starts_with("301"), "never 301");
}

#[test]
fn overflow_mode_sends_every_path_to_the_overflow_page() {
    let shared = build(&["netlify", "cloudflare-pages"], "overflow");
    check_cloudflare(&shared);
    check_netlify(&shared);
    let overflow = entry(&shared.manifest, "/_planb/overflow.html");
    assert_eq!(overflow["status"], 503);
    assert_eq!(overflow["headers"]["Retry-After"], "60");
    // Every path: one splat rule, and one header rule for every path with the overflow headers.
    let r = shared.redirects();
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(
        (r[0].from.as_str(), r[0].to.as_str(), r[0].status.as_str()),
        ("/*", "/_planb/overflow", "200")
    );
    // With Cloudflare Pages, the policy is every page's (Netlify still serves the files that
    // exist under this rule; tests/edge_static_engines.rs checks what each engine sends).
    let rules = shared.headers();
    assert_eq!(rules.len(), 1, "{rules:?}");
    assert_eq!(rules[0].path, "/*");
    let without_csp = |h: Vec<(String, String)>| -> Vec<(String, String)> {
        h.into_iter()
            .filter(|(n, _)| n != "Content-Security-Policy")
            .collect()
    };
    assert_eq!(
        without_csp(sorted(&rules[0].headers)),
        without_csp(expected_headers(overflow))
    );
    assert!(
        rules[0]
            .headers
            .contains(&("Retry-After".into(), "60".into()))
    );
    for t in ["netlify", "cloudflare-pages"] {
        let readme = shared.text(&format!("config/{t}/README.md"));
        assert!(
            readme.contains("**overflow** (this build):\n\n- every path answers the overflow page `/_planb/overflow.html` with status **200**, not 503"),
            "{t}: {readme}"
        );
    }

    // Netlify alone can answer 503, forced over the files that exist.
    let netlify = build(&["netlify"], "overflow");
    check_netlify(&netlify);
    let r = netlify.redirects();
    assert_eq!(
        (r[0].from.as_str(), r[0].to.as_str(), r[0].status.as_str()),
        ("/*", "/_planb/overflow.html", "503!")
    );
    assert!(netlify.public().join("_planb/overflow.html").is_file());
    let rules = netlify.headers();
    assert_eq!(rules.len(), 1);
    assert_eq!(sorted(&rules[0].headers), expected_headers(overflow));
    let readme = netlify.text("config/netlify/README.md");
    assert!(
        readme.contains("with status **503** and its headers"),
        "{readme}"
    );
}

/// A site whose pages would need more than Cloudflare Pages' 100 header rules: the build fails,
/// says why, and leaves no output; Netlify, which has no such limit, builds it.
#[test]
fn too_many_header_rules_for_cloudflare_fail_the_build() {
    let (_tmp, site) = common::site("edge");
    for i in 0..101 {
        std::fs::write(
            site.join(format!("content/promo-{i:03}.md")),
            format!("+++\ntitle = \"Promo {i}\"\nkind = \"landing\"\n+++\n\nOffer {i}.\n"),
        )
        .unwrap();
    }
    let config = read(&site.join("planb.toml"));
    add_targets(&site, &["cloudflare-pages"]);
    let out = planb(&site, &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "planb.toml: error: cloudflare-pages: public/_headers would have 217 header rules; Cloudflare Pages applies at most 100 and ignores the rest\n \
         = help: each page but the 404 takes two rules (its URL with and without .html), and every path one: 109 pages here; build fewer pages, or remove \"cloudflare-pages\" from `edge.targets`\n\
         \nplanb: 1 problem found; nothing was written\n"
    );
    assert!(!site.join("output").exists(), "a failed build wrote output");

    std::fs::write(site.join("planb.toml"), &config).unwrap();
    add_targets(&site, &["netlify"]);
    let out = planb(&site, &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = Built {
        _tmp: tempfile::tempdir().unwrap(),
        manifest: serde_json::from_str(&read(&site.join("output/manifest.json"))).unwrap(),
        out: site.join("output"),
    };
    check_netlify(&built);
    assert_eq!(built.headers().len(), 217);
}

/// Without a 404 page there is no top-level 404.html, and Cloudflare Pages would answer every
/// unknown path with the home page and 200: the build refuses it.
#[test]
fn cloudflare_needs_a_404_page() {
    let (_tmp, site) = common::site("edge");
    let config = read(&site.join("planb.toml")).replace(
        "codes = [404, 429, 500, 502, 503, 504]",
        "codes = [500, 503]",
    );
    std::fs::write(site.join("planb.toml"), config).unwrap();
    add_targets(&site, &["cloudflare-pages"]);
    let out = planb(&site, &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "planb.toml: error: cloudflare-pages: the site has no 404 page: without a top-level 404.html, Cloudflare Pages answers every unknown path with the home page and status 200\n \
         = help: add 404 to `errors.codes`, or remove \"cloudflare-pages\" from `edge.targets`\n\
         \nplanb: 1 problem found; nothing was written\n"
    );
}

const BOTH: &[&str] = &["netlify", "cloudflare-pages"];

/// What both static hosts read, and their READMEs.
const HOST_FILES: [&str; 4] = [
    "public/_headers",
    "public/_redirects",
    "config/netlify/README.md",
    "config/cloudflare-pages/README.md",
];

/// Builds `site` with `--mode mode`, into `out` if given; the output is checked against both
/// platforms' rules, and its static-host files against `reference` (a build into `output/`).
fn check_odd_build(site: &Path, mode: &str, out: Option<&Path>, reference: &Built, odd: &[&str]) {
    let mut args = vec!["build", "--quiet", "--mode", mode];
    let out = out.map(|o| o.to_str().unwrap());
    if let Some(o) = out {
        args.extend(["--out", o]);
    }
    let run = planb(site, &args);
    assert!(run.status.success(), "{args:?}: {}", stderr(&run));
    let out = out.map_or(site.join("output"), PathBuf::from);
    let built = Built {
        _tmp: tempfile::tempdir().unwrap(),
        manifest: serde_json::from_str(&read(&out.join("manifest.json"))).unwrap(),
        out,
    };
    check_cloudflare(&built);
    check_netlify(&built);
    for f in HOST_FILES {
        let text = built.text(f);
        assert_eq!(text, reference.text(f), "{args:?}: {f}");
        for name in odd {
            assert!(!text.contains(name), "{args:?}: {f} names {name:?}");
        }
    }
}

/// A static host names no path on a disk, so the output folder (the default root) may hold
/// anything: a space, an accented letter and `..` (`Mon site/Été/../Été/out`), or `"`, `;`, `{`,
/// `}`, `$`, `%` and `#`, as the output folder or as `edge.root`. In every mode the build succeeds,
/// keeps to both platforms' rules and writes the very files a build into `output/` writes.
#[test]
fn any_output_folder_or_root_suits_the_static_hosts() {
    let odd = "a \"b;{c}$d%e#f";
    for mode in ["normal", "landing", "overflow"] {
        let reference = build(BOTH, mode);
        let (tmp, site) = common::site("edge");
        add_targets(&site, BOTH);
        let spaced = tmp.path().join("Mon site/Été/../Été/out");
        let names = ["Mon site", "Été", odd];
        check_odd_build(&site, mode, Some(&spaced), &reference, &names);
        assert!(
            tmp.path()
                .join("Mon site/Été/out/public/_headers")
                .is_file()
        );
        let quoted = tmp.path().join(odd).join("out");
        check_odd_build(&site, mode, Some(&quoted), &reference, &names);

        // The same name as `edge.root`, a real folder holding the bundle's public/.
        let root = tmp.path().join(odd).join("out/public");
        let root = toml::Value::String(root.to_str().unwrap().to_owned());
        let config = format!("{}root = {root}\n", read(&site.join("planb.toml")));
        std::fs::write(site.join("planb.toml"), config).unwrap();
        check_odd_build(&site, mode, None, &reference, &names);
    }
}
