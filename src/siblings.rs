//! The `.br` siblings: brotli is most of a cold build's time, so each page is
//! compressed once: a `serve` session keeps what it compressed, and a build takes a trusted sibling
//! from the previous bundle before compressing anew.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::finish::Finished;

/// Brotli output by the sha256 of its input, so a rebuild recompresses only the pages that changed.
#[derive(Default)]
pub struct BrotliCache(HashMap<[u8; 32], Vec<u8>>);

impl BrotliCache {
    /// Compresses every page (in parallel, only those not seen in the previous build, taking a
    /// trusted sibling from the previous bundle in `previous` where there is one) and keeps only
    /// this build's entries, so the cache never outgrows one bundle.
    pub fn compress_all(&mut self, pages: &[Finished], previous: &Path) -> Vec<Vec<u8>> {
        let keys: Vec<[u8; 32]> = pages
            .iter()
            .map(|p| Sha256::digest(&p.html).into())
            .collect();
        let missing: Vec<(usize, Vec<u8>)> = pages
            .par_iter()
            .enumerate()
            .filter(|(i, _)| !self.0.contains_key(&keys[*i]))
            .map(|(i, p)| {
                (
                    i,
                    previous_sibling(previous, p).unwrap_or_else(|| brotli(&p.html)),
                )
            })
            .collect();
        let mut fresh: HashMap<[u8; 32], Vec<u8>> = HashMap::new();
        for (i, bytes) in missing {
            fresh.insert(keys[i], bytes);
        }
        for k in &keys {
            if let Some(v) = self.0.remove(k) {
                fresh.insert(*k, v);
            }
        }
        self.0 = fresh;
        keys.iter().map(|k| self.0[k].clone()).collect()
    }
}

/// The `.br` sibling of `page` in the previous bundle's `public`, if it decompresses to exactly
/// this page: a rebuild after a one-word fix then recompresses one page, not all of them (brotli
/// is most of a build's time). Anything else is not trusted.
fn previous_sibling(public: &Path, page: &Finished) -> Option<Vec<u8>> {
    let sibling = public.join(format!("{}.br", page.page.file));
    let meta = std::fs::symlink_metadata(&sibling).ok()?;
    // A page's brotli is far smaller than the page; anything bigger is not ours.
    if !meta.is_file() || meta.len() > page.html.len() as u64 + 64 {
        return None;
    }
    let compressed = std::fs::read(&sibling).ok()?;
    let mut plain = Vec::with_capacity(page.html.len());
    let decoder = ::brotli::Decompressor::new(compressed.as_slice(), 4096);
    // One byte more than the page is enough to tell it differs; no more is read.
    let mut bounded = std::io::Read::take(decoder, page.html.len() as u64 + 1);
    std::io::Read::read_to_end(&mut bounded, &mut plain).ok()?;
    (plain == page.html).then_some(compressed)
}

/// Brotli's quality for the siblings. 10, not 11: on the default site's 17 pages quality 11 took
/// 60 to 76 ms of one core and quality 10 took 30 ms, for 2.4 % more bytes (24,859 B against
/// 24,268 B, about 35 B a page, which never changes a page's round trips); quality 9 is both
/// slower and bigger here (51 ms, 26,198 B). Measured in BENCHMARKS.md.
const QUALITY: u32 = 10;

/// Deterministic brotli, for servers that send `.br` siblings.
fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = ::brotli::CompressorWriter::new(&mut out, 4096, QUALITY, 16);
        // Writing to a Vec cannot fail.
        let _ = w.write_all(bytes);
    }
    out
}
