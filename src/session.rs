//! A build session: `serve` and `build --watch` rebuild the same site again and again. A session
//! keeps the last good pages, so that an edit to a Markdown file re-renders that page alone, and the
//! brotli output of unchanged pages; anything else rebuilds everything, exactly as `planb build`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::build::{self, Built, Options, Pages};
use crate::diag::Diagnostics;
use crate::finish;
use crate::output;
use crate::siblings::BrotliCache;
use crate::spell::Dictionaries;

/// What changed since the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only these Markdown files (relative to the site root) were modified.
    Pages(BTreeSet<PathBuf>),
    /// Anything else: the configuration, a template, a stylesheet, an image, a file added or removed.
    Everything,
}

/// How the last build was made, for the terminal and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// This many pages were re-rendered; the others were kept.
    Pages(usize),
    Everything,
}

pub struct Session {
    root: PathBuf,
    options: Options,
    /// The pages of the last build whose pages stage succeeded; None forces a full rebuild.
    last: Option<Pages>,
    brotli: BrotliCache,
    /// Loaded once for the session: a rebuild loads no dictionary again.
    dictionaries: Dictionaries,
}

impl Session {
    pub fn new(root: &Path, options: Options) -> Session {
        Session {
            root: root.to_path_buf(),
            options,
            last: None,
            brotli: BrotliCache::default(),
            dictionaries: Dictionaries::default(),
        }
    }

    /// Where the bundle goes.
    pub fn out(&self) -> &Path {
        &self.options.out
    }

    /// Rebuilds after `change` and writes the bundle into the output folder, which the write
    /// replaces whole: a build that fails leaves the previous bundle exactly as it was.
    pub fn rebuild_and_write(&mut self, change: &Change) -> Result<Built, Diagnostics> {
        output::check_location(&self.root, &self.options.out).map_err(|d| vec![d])?;
        let built = self.rebuild(change).1?;
        output::write(&self.options.out, &built.files).map_err(|d| vec![d])?;
        Ok(built)
    }

    /// Rebuilds after `change`, as little as is safe.
    pub fn rebuild(&mut self, change: &Change) -> (Scope, Result<Built, Diagnostics>) {
        let (scope, pages) = match (change, self.last.take()) {
            (Change::Pages(files), Some(last)) => match self.update(last, files) {
                Ok(result) => (Scope::Pages(files.len()), result),
                Err(()) => (
                    Scope::Everything,
                    build::pages(&self.root, &self.dictionaries),
                ),
            },
            _ => (
                Scope::Everything,
                build::pages(&self.root, &self.dictionaries),
            ),
        };
        let result = pages.and_then(|pages| {
            let built = build::bundle(&pages, &self.options, &mut self.brotli);
            // The pages are good even when a target refuses them (a page too big for HAProxy):
            // the fix will be an edit to that page, which can be rebuilt alone.
            self.last = Some(pages);
            built
        });
        (scope, result)
    }

    /// Re-reads, re-renders and re-finishes the pages of `files` in `last`. `Err(())` when the
    /// edit may affect other pages (a file that is not, or no longer, one page's source; a page
    /// whose URL, kind or status changed), which needs a full rebuild.
    fn update(
        &self,
        mut last: Pages,
        files: &BTreeSet<PathBuf>,
    ) -> Result<Result<Pages, Diagnostics>, ()> {
        let mut pages = Vec::new();
        let mut problems = Vec::new();
        for file in files {
            let index = last
                .finished
                .iter()
                .position(|f| f.page.source.as_deref() == Some(file.as_path()))
                .ok_or(())?;
            if !self.root.join(file).is_file() {
                return Err(());
            }
            match crate::content::read_page(&self.root, file, &last.config) {
                Ok(page) => {
                    let old = &last.finished[index].page;
                    if (&page.file, page.kind, page.status) != (&old.file, old.kind, old.status) {
                        return Err(());
                    }
                    pages.push(page);
                }
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        // Only the edited pages are checked again; the others' findings are kept.
        last.spelling
            .recheck(last.speller.as_ref(), &pages.iter().collect::<Vec<_>>());
        let (rendered, mut problems) = last.renderer.render_all(pages, &last.config);
        let (finished, finish_problems) = finish::finish_all(
            rendered,
            &last.config,
            &last.renderer.templates(),
            &last.renderer.origins(),
        );
        problems.extend(finish_problems);
        if let Err(problems) = build::with_spelling(problems, &last.spelling, &last.config) {
            return Ok(Err(problems));
        }
        for page in finished {
            if let Some(slot) = last
                .finished
                .iter_mut()
                .find(|f| f.page.file == page.page.file)
            {
                *slot = page;
            }
        }
        Ok(Ok(last))
    }
}
