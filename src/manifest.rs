//! `output/manifest.json`: every file of `public/` with its URL, kind, status, headers, sizes and
//! hash. Deploy scripts read it; planb reads the previous one to know which files are its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const FILE_NAME: &str = "manifest.json";

/// The folder of the purge lists in the output folder (see `purge.rs`).
pub const PURGE_FOLDER: &str = "purge";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    /// The mode the bundle was built for (`planb build --mode`): every server's active mode file
    /// and the static hosts' `_redirects` hold it. A rebuild without `--mode` keeps it.
    #[serde(default = "normal")]
    pub mode: String,
    /// `edge.prefix`: the URL folder the pages are under (`/_planb/`). A server in front of an
    /// application serves only that folder; the rest of `public/` is for the static hosts.
    #[serde(default = "default_prefix")]
    pub prefix: String,
    /// Every file of `public/`, sorted by path.
    pub files: Vec<Entry>,
    /// Every file of `config/`, relative to it.
    #[serde(default)]
    pub config: Vec<String>,
    /// Every purge list of `purge/`, relative to it (see `purge.rs`): none without a baseline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purge: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The URL path it answers at, e.g. `/errors/503.html`.
    pub path: String,
    /// The file, relative to `public/`.
    pub file: String,
    pub kind: String,
    pub status: u16,
    /// Every response header it must be served with.
    pub headers: BTreeMap<String, String>,
    pub bytes: usize,
    pub gzip_bytes: usize,
    pub sha256: String,
    /// For a precompressed sibling (`.gz`, `.br`): the URL of the page it encodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_of: Option<String>,
    /// For a page (and its siblings): `html`, or `json` for its JSON twin (`problem.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// On a site in several languages, the language of a page (and of its siblings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// For a page in another language than the default, and for every JSON twin: the URL of the
    /// default language's page, which the edge answers with this one when the visitor's
    /// language or format asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_of: Option<String>,
}

impl Entry {
    pub fn new(
        file: &str,
        kind: &str,
        status: u16,
        headers: &[(String, String)],
        bytes: &[u8],
        gzip_bytes: usize,
    ) -> Entry {
        Entry {
            path: format!("/{file}"),
            file: file.to_owned(),
            kind: kind.to_owned(),
            status,
            headers: headers.iter().cloned().collect(),
            bytes: bytes.len(),
            gzip_bytes,
            sha256: hex(&Sha256::digest(bytes)),
            encoding_of: None,
            format: None,
            language: None,
            variant_of: None,
        }
    }
}

impl Manifest {
    pub fn to_json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).unwrap_or_default();
        json.push(b'\n');
        json
    }

    /// The paths, relative to the output folder, of every file a bundle with this manifest holds.
    pub fn owned_paths(json: &[u8]) -> Result<BTreeSet<PathBuf>, String> {
        let m: Manifest = serde_json::from_slice(json).map_err(|e| {
            format!("not a planb manifest ({e}); planb will not replace a folder it did not write")
        })?;
        let mut paths: BTreeSet<PathBuf> = m
            .files
            .iter()
            .map(|f| PathBuf::from("public").join(&f.file))
            .chain(m.config.iter().map(|c| PathBuf::from("config").join(c)))
            .chain(m.purge.iter().map(|p| PathBuf::from(PURGE_FOLDER).join(p)))
            .collect();
        // A manifest edited by hand must not make planb delete anything outside its folder.
        if let Some(bad) = paths.iter().find(|p| {
            p.components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        }) {
            return Err(format!(
                "lists `{}`, which is not a plain relative path",
                bad.display()
            ));
        }
        paths.insert(PathBuf::from(FILE_NAME));
        Ok(paths)
    }
}

fn default_prefix() -> String {
    "/_planb/".to_owned()
}

fn normal() -> String {
    "normal".to_owned()
}

/// The mode of the bundle in `out`, when there is one planb wrote.
pub fn previous_mode(out: &std::path::Path) -> Option<String> {
    let json = std::fs::read(out.join(FILE_NAME)).ok()?;
    let m: Manifest = serde_json::from_slice(&json).ok()?;
    Some(m.mode)
}

/// The lowercase hex sha256 of `bytes`, as the manifest writes it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
