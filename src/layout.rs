//! The bundle's layout: the finished pages as the files of `public/` (each page, its `.gz`/`.br`
//! siblings when a target serves them, its JSON twin, and a top-level `404.html`, which static
//! hosts serve for unknown paths), the targets' files, and `manifest.json` describing every file
//! of `public/`.

use crate::config::Config;
use crate::content::Kind;
use crate::finish::{self, Finished};
use crate::manifest::{Entry, Manifest};
use crate::output::OutputFile;
use crate::targets::Mode;

/// The files and manifest entries of the bundle, in order of their path.
#[derive(Default)]
struct Layout {
    files: Vec<OutputFile>,
    entries: Vec<Entry>,
}

impl Layout {
    fn add(&mut self, file: &str, entry: Entry, bytes: Vec<u8>) {
        self.entries.push(entry);
        self.files.push(OutputFile {
            path: format!("public/{file}"),
            bytes,
        });
    }
}

/// Lays the pages out as the bundle's files, with the targets' files and the manifest (the
/// last file, and returned apart for the build to keep).
pub fn assemble(
    mode: Mode,
    config: &Config,
    pages: &[Finished],
    brotlis: Option<Vec<Vec<u8>>>,
    target_files: Vec<OutputFile>,
) -> (Vec<OutputFile>, Manifest) {
    let mut layout = Layout::default();
    let multilingual = config.site.is_multilingual();
    for (i, p) in pages.iter().enumerate() {
        let brotli = brotlis.as_ref().map(|b| b[i].clone());
        add_page(&mut layout, p, brotli, multilingual);
    }
    let mut config_files = Vec::new();
    for f in target_files {
        if let Some(name) = f.path.strip_prefix("public/") {
            let headers = vec![(
                "Content-Type".to_owned(),
                "text/plain; charset=utf-8".to_owned(),
            )];
            let gzip = finish::gzip(&f.bytes).len();
            layout
                .entries
                .push(Entry::new(name, "platform", 200, &headers, &f.bytes, gzip));
        } else if let Some(name) = f.path.strip_prefix("config/") {
            config_files.push(name.to_owned());
        }
        layout.files.push(f);
    }
    let Layout {
        mut files,
        mut entries,
    } = layout;
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    config_files.sort();
    let manifest = Manifest {
        generator: format!("planb {}", env!("CARGO_PKG_VERSION")),
        mode: mode.name().to_owned(),
        prefix: config.edge.prefix.clone(),
        files: entries,
        config: config_files,
        purge: Vec::new(),
    };
    files.push(OutputFile {
        path: crate::manifest::FILE_NAME.to_owned(),
        bytes: manifest.to_json(),
    });
    (files, manifest)
}

/// One page's files: the page under its name (and as `404.html` for the default language's 404
/// page), each with its siblings when `brotli` is given, and its JSON twin.
fn add_page(layout: &mut Layout, p: &Finished, brotli: Option<Vec<u8>>, multilingual: bool) {
    let mut names = vec![p.page.file.clone()];
    if p.page.kind == Kind::Error
        && p.page.status == 404
        && p.page.file != "404.html"
        && p.page.translation_of.is_none()
    {
        names.push("404.html".to_owned());
    }
    let kind = p.page.kind.name();
    // What the edge answers with this file where a request asks for its language or format:
    // the default language's page.
    let variant_of = format!("/{}", p.page.original());
    let described = |mut e: Entry, format: &str| {
        e.format = Some(format.to_owned());
        if multilingual {
            e.language = Some(p.page.lang.clone());
        }
        if (multilingual && p.page.translation_of.is_some()) || format == "json" {
            e.variant_of = Some(variant_of.clone());
        }
        e
    };
    for name in names {
        let entry = Entry::new(
            &name,
            kind,
            p.page.status,
            &p.headers,
            &p.html,
            p.gzip.len(),
        );
        layout.add(&name, described(entry, "html"), p.html.clone());
        let Some(brotli) = &brotli else { continue };
        for (ext, encoding, bytes) in [("gz", "gzip", &p.gzip), ("br", "br", brotli)] {
            let sibling = format!("{name}.{ext}");
            let mut headers = p.headers.clone();
            headers.push(("Content-Encoding".to_owned(), encoding.to_owned()));
            headers.push(("Vary".to_owned(), "Accept-Encoding".to_owned()));
            let mut e = Entry::new(&sibling, kind, p.page.status, &headers, bytes, p.gzip.len());
            e.encoding_of = Some(format!("/{name}"));
            layout.add(&sibling, described(e, "html"), bytes.clone());
        }
    }
    // A problem document of a few hundred bytes gains nothing from a compressed sibling.
    if let Some(t) = &p.json {
        let gzip = finish::gzip(&t.body).len();
        let entry = Entry::new(&t.file, kind, p.page.status, &t.headers, &t.body, gzip);
        layout.add(&t.file, described(entry, "json"), t.body.clone());
    }
}
