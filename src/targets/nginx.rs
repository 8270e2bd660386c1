//! nginx: not written yet.

use super::EdgeSite;
use crate::diag::Diagnostics;
use crate::output::OutputFile;

pub fn files(_site: &EdgeSite) -> Result<Vec<OutputFile>, Diagnostics> {
    Ok(Vec::new())
}
