//! The build pipeline, end to end, in memory: everything `planb build` would write, and nothing
//! written yet, so `check`, `serve` and the tests run the very same code.

use std::path::Path;

use crate::config::{self, Config};
use crate::content::{self, Kind};
use crate::diag::Diagnostics;
use crate::finish::{self, Finished};
use crate::manifest::{Entry, Manifest};
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::theme::Theme;

/// A built site: the pages and every file of the bundle, with its manifest.
#[derive(Debug)]
pub struct Built {
    pub config: Config,
    pub pages: Vec<Finished>,
    pub files: Vec<OutputFile>,
    pub manifest: Manifest,
}

/// Builds the site at `root`. Each stage goes on with what the previous one got right, so a single
/// run reports every problem of the site; any problem means no bundle.
pub fn build(root: &Path) -> Result<Built, Diagnostics> {
    let config = config::load(root)?;
    let theme = Theme::load(root, &config)?;
    let ((pages, mut problems), renderer) = rayon::join(
        || content::load(root, &config),
        || Renderer::new(root, &config, theme),
    );
    let renderer = match renderer {
        Ok(r) => r,
        Err(d) => {
            problems.extend(d);
            return Err(problems);
        }
    };
    let (rendered, render_problems) = renderer.render_all(pages, &config);
    problems.extend(render_problems);
    let (finished, finish_problems) = finish::finish_all(rendered, &config, &renderer.templates());
    problems.extend(finish_problems);
    if problems.is_empty() {
        Ok(assemble(config, finished))
    } else {
        Err(problems)
    }
}

/// Lays the pages out as the bundle: `public/` files, a top-level `404.html` (static hosts serve
/// it for unknown paths), and `manifest.json`.
fn assemble(config: Config, pages: Vec<Finished>) -> Built {
    let mut files = Vec::new();
    let mut entries = Vec::new();
    for p in &pages {
        let mut names = vec![p.page.file.clone()];
        if p.page.kind == Kind::Error && p.page.status == 404 && p.page.file != "404.html" {
            names.push("404.html".to_owned());
        }
        for name in names {
            entries.push(Entry::new(
                &name,
                p.page.kind.name(),
                p.page.status,
                &p.headers,
                &p.html,
                p.gzip.len(),
            ));
            files.push(OutputFile {
                path: format!("public/{name}"),
                bytes: p.html.clone(),
            });
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        generator: format!("planb {}", env!("CARGO_PKG_VERSION")),
        files: entries,
        config: Vec::new(),
    };
    files.push(OutputFile {
        path: crate::manifest::FILE_NAME.to_owned(),
        bytes: manifest.to_json(),
    });
    Built {
        config,
        pages,
        files,
        manifest,
    }
}
