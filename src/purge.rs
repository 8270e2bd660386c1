//! Purge lists: the URLs of `public/` whose answer changed since a baseline manifest (bytes,
//! status or headers; a file added or gone), written under `output/purge/` in the form each
//! CDN's purge takes, so a fix redeployed minutes before the show reaches visitors at once.
//!
//! The baseline is not the previous build (two builds before one deploy would lose the first
//! change, and a build would depend on the one before): it is the manifest `planb verify` last
//! saw live (`.planb/live-manifest.json`), or the one `planb build --since FILE` names. Same
//! input and same baseline, same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::json;

use crate::diag::Diagnostic;
use crate::manifest::{Entry, Manifest};
use crate::output::OutputFile;

pub use crate::manifest::PURGE_FOLDER as FOLDER;

/// Cloudflare's purge-by-URL takes at most this many URLs a request (its API reference).
const CLOUDFLARE_BATCH: usize = 30;

/// The baseline manifest in `file`; a file that is not a manifest is an error naming it.
// A Diagnostic travels once, on the error path, as in lib.rs.
#[allow(clippy::result_large_err)]
pub fn baseline(file: &Path) -> Result<Manifest, Diagnostic> {
    let shown = file.display().to_string();
    let json = std::fs::read(file)
        .map_err(|e| Diagnostic::new(&shown, format!("cannot read the baseline manifest: {e}")))?;
    serde_json::from_slice(&json).map_err(|e| {
        Diagnostic::new(&shown, format!("not a planb manifest ({e})"))
            .help("give --since the output/manifest.json of the bundle that is live")
    })
}

/// The URL paths whose answer differs between `before` and `now`, sorted; the static hosts'
/// rule files are not served to visitors and are left out.
pub fn changed(before: &Manifest, now: &[Entry]) -> Vec<String> {
    let key = |e: &Entry| (e.sha256.clone(), e.status, e.headers.clone());
    let old: BTreeMap<&str, _> = before
        .files
        .iter()
        .filter(|e| e.kind != "platform")
        .map(|e| (e.path.as_str(), key(e)))
        .collect();
    let new: BTreeMap<&str, _> = now
        .iter()
        .filter(|e| e.kind != "platform")
        .map(|e| (e.path.as_str(), key(e)))
        .collect();
    let mut paths: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|p| old.get(*p) != new.get(*p))
        .map(|p| (*p).to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// The lists for `paths`, whose answers are now those of `now`, `origin` being `site.url`'s scheme
/// and host (the CDNs that purge by URL need it whole). No list at all when nothing changed: an
/// empty purge is not an action.
pub fn lists(paths: &[String], now: &[Entry], origin: &str) -> Vec<OutputFile> {
    if paths.is_empty() {
        return Vec::new();
    }
    let file = |name: &str, bytes: Vec<u8>| OutputFile {
        path: format!("{FOLDER}/{name}"),
        bytes,
    };
    let mut files = vec![
        file("paths.txt", lines(paths.iter().cloned())),
        file("cloudfront.json", cloudfront(paths, now)),
        file(
            "varnish.txt",
            lines(paths.iter().map(|p| format!("ban req.url == \"{p}\""))),
        ),
    ];
    let urls: Vec<String> = paths.iter().map(|p| format!("{origin}{p}")).collect();
    for (i, batch) in urls.chunks(CLOUDFLARE_BATCH).enumerate() {
        let name = if urls.len() <= CLOUDFLARE_BATCH {
            "cloudflare.json".to_owned()
        } else {
            format!("cloudflare-{}.json", i + 1)
        };
        files.push(file(&name, pretty(&json!({ "files": batch }))));
    }
    files
}

/// CloudFront's `InvalidationBatch`, as `aws cloudfront create-invalidation --invalidation-batch`
/// takes it. Its `CallerReference` is a hash of the paths and of what each answers now: the same
/// batch sent twice is one invalidation, and a second fix of the same page is another one
/// (CloudFront answers a known reference with the old invalidation, purging nothing).
fn cloudfront(paths: &[String], now: &[Entry]) -> Vec<u8> {
    let answers: Vec<String> = paths
        .iter()
        .map(|p| match now.iter().find(|e| &e.path == p) {
            Some(e) => format!("{p} {} {} {:?}", e.sha256, e.status, e.headers),
            None => format!("{p} gone"),
        })
        .collect();
    let reference = crate::manifest::sha256_hex(answers.join("\n").as_bytes());
    pretty(&json!({
        "Paths": { "Quantity": paths.len(), "Items": paths },
        "CallerReference": format!("planb-{}", &reference[..16]),
    }))
}

fn lines(items: impl Iterator<Item = String>) -> Vec<u8> {
    items.flat_map(|l| format!("{l}\n").into_bytes()).collect()
}

fn pretty(value: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, body: &[u8]) -> Entry {
        Entry::new(&path[1..], "error", 503, &[], body, 1)
    }

    fn manifest(files: Vec<Entry>) -> Manifest {
        Manifest {
            generator: "planb".into(),
            mode: "normal".into(),
            prefix: "/_planb/".into(),
            files,
            config: Vec::new(),
            purge: Vec::new(),
        }
    }

    #[test]
    fn a_url_changes_with_its_bytes_its_status_or_its_headers_and_when_it_comes_or_goes() {
        let before = manifest(vec![
            entry("/_headers", b"rules"),
            entry("/a.html", b"a"),
            entry("/b.html", b"b"),
            entry("/c.html", b"c"),
            entry("/gone.html", b"g"),
        ]);
        let mut b = entry("/b.html", b"b");
        b.status = 502;
        let mut c = entry("/c.html", b"c");
        c.headers.insert("Cache-Control".into(), "no-store".into());
        let mut rules = entry("/_headers", b"other rules");
        rules.kind = "platform".into();
        let now = vec![
            rules,
            entry("/a.html", b"A"),
            b,
            c,
            entry("/new.html", b"n"),
        ];
        let mut before = before;
        before.files[0].kind = "platform".into();
        assert_eq!(
            changed(&before, &now),
            ["/a.html", "/b.html", "/c.html", "/gone.html", "/new.html"]
        );
        assert!(changed(&before, &before.files).is_empty());
    }

    #[test]
    fn each_cdn_gets_its_own_form_and_cloudflare_batches_of_30() {
        let paths: Vec<String> = (0..31).map(|i| format!("/p{i:02}.html")).collect();
        let files = lists(&paths, &[], "https://www.example.com");
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "purge/paths.txt",
                "purge/cloudfront.json",
                "purge/varnish.txt",
                "purge/cloudflare-1.json",
                "purge/cloudflare-2.json"
            ]
        );
        let cf: serde_json::Value = serde_json::from_slice(&files[1].bytes).unwrap();
        assert_eq!(cf["Paths"]["Quantity"], 31);
        assert_eq!(cf["Paths"]["Items"][0], "/p00.html");
        let varnish = String::from_utf8(files[2].bytes.clone()).unwrap();
        assert!(varnish.starts_with("ban req.url == \"/p00.html\"\n"));
        let second: serde_json::Value = serde_json::from_slice(&files[4].bytes).unwrap();
        assert_eq!(second["files"], json!(["https://www.example.com/p30.html"]));
        assert!(lists(&[], &[], "https://www.example.com").is_empty());
        // A second fix of the same page is another invalidation.
        let paths = vec!["/a.html".to_owned()];
        let reference = |body: &[u8]| {
            let files = lists(&paths, &[entry("/a.html", body)], "https://x.example");
            let batch: serde_json::Value = serde_json::from_slice(&files[1].bytes).unwrap();
            batch["CallerReference"].as_str().unwrap().to_owned()
        };
        assert_eq!(reference(b"fix 1"), reference(b"fix 1"));
        assert_ne!(reference(b"fix 1"), reference(b"fix 2"));
    }
}
