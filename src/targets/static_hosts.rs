//! Netlify and Cloudflare Pages: not written yet.

use super::EdgeSite;
use crate::config::edge::Target;
use crate::diag::Diagnostics;
use crate::output::OutputFile;

pub fn files(_site: &EdgeSite, _target: Target) -> Result<Vec<OutputFile>, Diagnostics> {
    Ok(Vec::new())
}
