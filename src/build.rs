//! The build pipeline, end to end, in memory: everything `planb build` would write, and nothing
//! written yet, so `check`, `serve` and the tests run the very same code.

use std::io::Write as _;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::content::{self, Kind};
use crate::diag::Diagnostics;
use crate::finish::{self, Finished};
use crate::manifest::{Entry, Manifest};
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::targets::{self, EdgePage, EdgeSite, Mode};
use crate::theme::Theme;

/// How to build: where the bundle goes (the server configurations point at its `public/`), and the
/// mode the static hosts' files are written for.
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub mode: Mode,
}

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
pub fn build(root: &Path, options: &Options) -> Result<Built, Diagnostics> {
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
    if !problems.is_empty() {
        return Err(problems);
    }
    let site = edge_site(&config, &finished, options)?;
    let target_files = targets::generate(&site)?;
    Ok(assemble(config, finished, &site, target_files))
}

/// The built pages as the edge targets see them.
fn edge_site(
    config: &Config,
    pages: &[Finished],
    options: &Options,
) -> Result<EdgeSite, Diagnostics> {
    let root = match &config.edge.root {
        Some(r) => r.clone(),
        None => {
            let public = std::path::absolute(&options.out)
                .unwrap_or_else(|_| options.out.clone())
                .join("public");
            let shown = public.display().to_string();
            if !config::edge::root_is_safe(&shown) {
                return Err(vec![config.diagnostic(
                    "edge.root",
                    format!("the output folder {shown} has characters server configurations cannot take"),
                )
                .help("set `edge.root` to where public/ lives on the server, or build into a simpler path")]);
            }
            shown
        }
    };
    let enabled = config.edge.enabled();
    Ok(EdgeSite {
        edge: config.edge.clone(),
        root,
        mode: options.mode,
        pages: pages
            .iter()
            .map(|p| EdgePage {
                url: p.page.url(),
                file: p.page.file.clone(),
                kind: p.page.kind,
                status: p.page.status,
                headers: p.headers.clone(),
                body: p.html.clone(),
                policy: p.policy,
                retry_after: p.page.retry_after,
                source: p.page.display_source(),
            })
            .collect(),
        precompressed: enabled.iter().any(|t| t.serves_precompressed()),
    })
}

/// Lays the pages out as the bundle: `public/` files (with `.gz`/`.br` siblings when a target serves
/// them, and a top-level `404.html`, which static hosts serve for unknown paths), the targets' files,
/// and `manifest.json` describing every file of `public/`.
fn assemble(
    config: Config,
    pages: Vec<Finished>,
    site: &EdgeSite,
    target_files: Vec<OutputFile>,
) -> Built {
    let mut files = Vec::new();
    let mut entries = Vec::new();
    // Brotli at its best quality is the slowest step of a build: compress the pages in parallel.
    let brotlis: Vec<Vec<u8>> = if site.precompressed {
        pages.par_iter().map(|p| brotli(&p.html)).collect()
    } else {
        Vec::new()
    };
    for (i, p) in pages.iter().enumerate() {
        let mut names = vec![p.page.file.clone()];
        if p.page.kind == Kind::Error && p.page.status == 404 && p.page.file != "404.html" {
            names.push("404.html".to_owned());
        }
        for name in names {
            let kind = p.page.kind.name();
            entries.push(Entry::new(
                &name,
                kind,
                p.page.status,
                &p.headers,
                &p.html,
                p.gzip.len(),
            ));
            files.push(OutputFile {
                path: format!("public/{name}"),
                bytes: p.html.clone(),
            });
            if site.precompressed {
                for (ext, encoding, bytes) in [
                    ("gz", "gzip", p.gzip.clone()),
                    ("br", "br", brotlis[i].clone()),
                ] {
                    let sibling = format!("{name}.{ext}");
                    let mut headers = p.headers.clone();
                    headers.push(("Content-Encoding".to_owned(), encoding.to_owned()));
                    headers.push(("Vary".to_owned(), "Accept-Encoding".to_owned()));
                    let mut e = Entry::new(
                        &sibling,
                        kind,
                        p.page.status,
                        &headers,
                        &bytes,
                        p.gzip.len(),
                    );
                    e.encoding_of = Some(format!("/{name}"));
                    entries.push(e);
                    files.push(OutputFile {
                        path: format!("public/{sibling}"),
                        bytes,
                    });
                }
            }
        }
    }
    let mut config_files = Vec::new();
    for f in target_files {
        if let Some(name) = f.path.strip_prefix("public/") {
            let headers = vec![(
                "Content-Type".to_owned(),
                "text/plain; charset=utf-8".to_owned(),
            )];
            let gzip = finish::gzip(&f.bytes).len();
            entries.push(Entry::new(name, "platform", 200, &headers, &f.bytes, gzip));
        } else if let Some(name) = f.path.strip_prefix("config/") {
            config_files.push(name.to_owned());
        }
        files.push(f);
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    config_files.sort();
    let manifest = Manifest {
        generator: format!("planb {}", env!("CARGO_PKG_VERSION")),
        files: entries,
        config: config_files,
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

/// Deterministic brotli at the best quality, for servers that send `.br` siblings.
fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = ::brotli::CompressorWriter::new(&mut out, 4096, 11, 16);
        // Writing to a Vec cannot fail.
        let _ = w.write_all(bytes);
    }
    out
}
