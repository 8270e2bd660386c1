//! An answer against what the probe expects: its status, each manifest header present once with
//! its value (headers the server adds itself are allowed), and the body, decoded from its
//! `Content-Encoding`, whose sha256 must be the manifest's. Every difference is one sentence that
//! names what was expected and what came.

use super::client::{Origin, Response};
use super::probes::{Expect, Probe, pages};
use crate::manifest::Manifest;

/// What an answer was, in a few words for the report's "got" column: the page it carries (the
/// expected one first, when several have these bytes), or what it is instead.
pub fn describe(resp: &Response, manifest: &Manifest, expected: Option<&str>) -> String {
    if (300..400).contains(&resp.status)
        && let Some(l) = resp.header("Location").first()
    {
        return format!("{} -> {l}", resp.status);
    }
    match decode(resp) {
        Ok(body) => {
            let sha = crate::manifest::sha256_hex(&body);
            let is_expected = expected
                .and_then(|url| manifest.files.iter().find(|e| e.path == url))
                .filter(|e| e.sha256 == sha);
            match is_expected
                .map(|e| e.path.as_str())
                .or_else(|| page_with(manifest, &sha))
            {
                Some(url) => format!("{} {url}", resp.status),
                None => format!("{} not a planb page ({} B)", resp.status, body.len()),
            }
        }
        Err(_) => format!("{} undecodable", resp.status),
    }
}

/// Every way `resp` differs from what `probe` expects; empty when it is right.
pub fn differences(
    probe: &Probe,
    resp: &Response,
    manifest: &Manifest,
    origin: &Origin,
) -> Vec<String> {
    match &probe.expect {
        Expect::Page {
            page,
            status,
            platform,
        } => page_differences(page, *status, *platform, resp, manifest, origin),
        Expect::Redirect { status, location } => {
            let mut d = Vec::new();
            if resp.status != *status {
                d.push(format!(
                    "status {}, expected {status} (a redirect to {location})",
                    resp.status
                ));
            }
            match resp.header("Location").as_slice() {
                [] => d.push(format!("no Location, expected {location}")),
                [l] if same_place(l, location, origin) => {}
                [l] => d.push(format!("Location {l}, expected {location}")),
                many => d.push(format!(
                    "Location sent {} times: {}",
                    many.len(),
                    many.join(", ")
                )),
            }
            d
        }
        Expect::NotRedirectTo { location } => {
            let to_it = (300..400).contains(&resp.status)
                && resp
                    .header("Location")
                    .iter()
                    .any(|l| same_place(l, location, origin));
            if to_it {
                vec![format!(
                    "redirects to {location}, as in landing mode: the edge is not in normal mode"
                )]
            } else {
                Vec::new()
            }
        }
    }
}

fn page_differences(
    url: &str,
    status: u16,
    platform: Option<(&str, &str)>,
    resp: &Response,
    manifest: &Manifest,
    origin: &Origin,
) -> Vec<String> {
    let Some(entry) = manifest.files.iter().find(|e| e.path == url) else {
        return vec![format!("planb bug: {url} is not in the manifest")];
    };
    let mut d = Vec::new();
    if (300..400).contains(&resp.status) {
        let to = resp.header("Location").first().map_or("", |l| l).to_owned();
        let elsewhere = if on_origin(&to, origin).is_some() {
            String::new()
        } else {
            "; planb verify follows no redirect: verify that address instead".to_owned()
        };
        return vec![format!(
            "redirects ({}) to {to}, expected {url} with {status}{elsewhere}",
            resp.status
        )];
    }
    if resp.status != status {
        d.push(format!("status {}, expected {status}", resp.status));
    }
    for (name, want) in &entry.headers {
        // The platform's own value where it sets one (Cloudflare Pages' `no-store` on a 404).
        let want = match platform {
            Some((n, v)) if n.eq_ignore_ascii_case(name) => v,
            _ => want.as_str(),
        };
        match resp.header(name).as_slice() {
            [] => d.push(format!("header {name} missing, expected `{want}`")),
            [got] if *got == want => {}
            [got] => d.push(format!("header {name} `{got}`, expected `{want}`")),
            many => d.push(format!(
                "header {name} sent {} times: `{}`",
                many.len(),
                many.join("`, `")
            )),
        }
    }
    match decode(resp) {
        Err(e) => d.push(e),
        Ok(body) => {
            let got = crate::manifest::sha256_hex(&body);
            if got != entry.sha256 {
                d.push(match page_with(manifest, &got) {
                    Some(other) => format!("body is {other}'s, expected {url}'s"),
                    None => format!(
                        "body differs from {url}: {} B with sha256 {}…, expected {} B with sha256 {}…",
                        body.len(),
                        short(&got),
                        entry.bytes,
                        short(&entry.sha256)
                    ),
                });
            }
        }
    }
    d
}

/// The first 12 characters of a hash, or all of it when shorter (a manifest edited by hand).
fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// Whether the `Location` value `got` names the path `want` on this very origin.
fn same_place(got: &str, want: &str, origin: &Origin) -> bool {
    match on_origin(got, origin) {
        Some(path) => path == want,
        None => false,
    }
}

/// The path of `location` when it stays on `origin`: a path, `//host/path` or a whole URL whose
/// scheme, host (in any case) and port (written or the scheme's) are the origin's.
fn on_origin<'a>(location: &'a str, origin: &Origin) -> Option<&'a str> {
    if location.starts_with('/') && !location.starts_with("//") {
        return Some(location);
    }
    let (scheme, rest) = match location.split_once("//") {
        Some(("", rest)) => (if origin.https { "https:" } else { "http:" }, rest),
        Some((scheme, rest)) => (scheme, rest),
        None => return None,
    };
    let (authority, path) = rest.find('/').map_or((rest, "/"), |i| rest.split_at(i));
    let there = Origin::parse(&format!("{scheme}//{authority}")).ok()?;
    (there == *origin).then_some(path)
}

/// The URL of the page whose bytes hash to `sha`, if any.
fn page_with<'m>(manifest: &'m Manifest, sha: &str) -> Option<&'m str> {
    pages(manifest)
        .find(|e| e.sha256 == sha)
        .map(|e| e.path.as_str())
}

/// The most bytes a decoded body may have: far above any page, far below the memory.
const MAX_DECODED: usize = 16 << 20;

fn too_large() -> String {
    format!(
        "body: decodes to more than {} MiB, which no planb page weighs",
        MAX_DECODED >> 20
    )
}

/// The body as the page's bytes: undone from its `Content-Encoding`.
pub fn decode(resp: &Response) -> Result<Vec<u8>, String> {
    let encodings = resp.header("Content-Encoding");
    match encodings.as_slice() {
        [] | ["identity"] => Ok(resp.body.clone()),
        ["gzip"] => gunzip(&resp.body),
        ["br"] => {
            // Read at most one byte past the limit: a small body that expands without end (a
            // "bomb") stops there instead of filling the memory.
            let mut out = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(
                    brotli::Decompressor::new(resp.body.as_slice(), 4096),
                    MAX_DECODED as u64 + 1,
                ),
                &mut out,
            )
            .map_err(|e| format!("body: not valid brotli ({e})"))?;
            if out.len() > MAX_DECODED {
                return Err(too_large());
            }
            Ok(out)
        }
        other => Err(format!(
            "body: Content-Encoding `{}`, which planb never sends",
            other.join(", ")
        )),
    }
}

fn gunzip(body: &[u8]) -> Result<Vec<u8>, String> {
    // The gzip trailer's last four bytes give the size (mod 4 GiB): pages are far smaller.
    let size = body
        .len()
        .checked_sub(4)
        .map(|at| u32::from_le_bytes(body[at..].try_into().unwrap_or_default()) as usize)
        .filter(|&n| n <= MAX_DECODED)
        .ok_or("body: not valid gzip (too short, or a size no page has)")?;
    let mut out = vec![0; size];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(body, &mut out)
        .map_err(|e| format!("body: not valid gzip ({e})"))?;
    out.truncate(n);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_on_the_same_origin_is_the_same_place_however_written() {
        let origin = Origin::parse("https://www.example.com").unwrap();
        for same in [
            "/x.html",
            "https://www.example.com/x.html",
            "https://WWW.Example.com:443/x.html",
            "//www.example.com/x.html",
        ] {
            assert!(same_place(same, "/x.html", &origin), "{same}");
        }
        for other in [
            "http://www.example.com/x.html",
            "https://www.example.com.evil/x.html",
            "https://www.example.com:8443/x.html",
            "/y.html",
            "x.html",
        ] {
            assert!(!same_place(other, "/x.html", &origin), "{other}");
        }
    }
}
