//! The build pipeline, end to end, in memory: everything `planb build` would write, and nothing
//! written yet, so `check`, `serve` and the tests run the very same code.

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::content;
use crate::diag::{self, Diagnostics, Level};
use crate::finish::{self, Finished};
use crate::manifest::Manifest;
use crate::output::OutputFile;
use crate::render::Renderer;
use crate::siblings::BrotliCache;
use crate::spell::{self, Dictionaries, Speller, Spelling};
use crate::targets::{self, EdgePage, EdgeSite, Mode, Targets, Variant};
use crate::theme::Theme;

/// How to build: where the bundle goes (the server configurations point at its `public/`), the
/// mode the static hosts' files are written for, and whether to write the `.gz`/`.br` siblings
/// (`serve` answers with the pages themselves and skips the costly brotli).
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub mode: Mode,
    pub siblings: bool,
    /// The manifest the purge lists compare with (see `purge.rs`), read once before the first
    /// build; none, no lists.
    pub baseline: Option<crate::manifest::Manifest>,
}

impl Options {
    /// What `planb build` writes: every file, for the normal mode unless told otherwise.
    pub fn new(out: PathBuf, mode: Mode) -> Options {
        Options {
            out,
            mode,
            siblings: true,
            baseline: None,
        }
    }
}

/// The site's pages, rendered and finished, with the configuration and renderer that made them:
/// what an incremental rebuild starts from.
pub struct Pages {
    pub config: Config,
    /// The targets `edge.targets` enabled.
    pub targets: Targets,
    pub renderer: Renderer,
    pub finished: Vec<Finished>,
    /// What the spell check found, and the speller to recheck an edited page with.
    pub spelling: Spelling,
    pub speller: Option<Speller>,
}

/// A built site: the pages and every file of the bundle, with its manifest.
#[derive(Debug)]
pub struct Built {
    pub config: Config,
    pub targets: Targets,
    pub pages: Vec<Finished>,
    pub files: Vec<OutputFile>,
    pub manifest: Manifest,
    /// The URL the home redirects to in landing mode, if the site has a landing page.
    pub landing: Option<String>,
    /// What the build says without failing: the spell check's findings.
    pub warnings: Diagnostics,
    /// The URL paths the purge lists name; `None` without a baseline to compare with.
    pub purged: Option<Vec<String>>,
}

/// Builds the site at `root`. Each stage goes on with what the previous one got right, so a single
/// run reports every problem of the site; any problem means no bundle.
pub fn build(root: &Path, options: &Options) -> Result<Built, Diagnostics> {
    let pages = pages(root, &Dictionaries::default())?;
    bundle(&pages, options, &mut BrotliCache::default())
}

/// Every stage up to finished pages: configuration, content, templates, rendering, checks, and
/// the spell check, with the dictionaries of `dictionaries`. The dictionary loads (about 20 ms
/// for French) while the pages render and finish, which take about as long: on a rebuild of the
/// default site, waiting for it first would double the build.
pub fn pages(root: &Path, dictionaries: &Dictionaries) -> Result<Pages, Diagnostics> {
    let config = config::load(root)?;
    let (targets, mut problems) = targets::resolve(&config);
    let theme = Theme::load(root, &config)?;
    let refused = |status| targets.refused_status(status);
    let names = theme.template_names();
    let has_texts = |lang: &str| theme.has_texts(lang);
    let ((pages, content_problems), renderer) = rayon::join(
        || content::load(root, &config, &refused, &has_texts, &names),
        || Renderer::new(root, &config, theme.clone()),
    );
    problems.extend(content_problems);
    let templates = renderer
        .as_ref()
        .map(Renderer::templates)
        .unwrap_or_default();
    // The spell check reads the pages as written; rendering consumes them.
    let sources = pages.clone();
    let spell = || {
        let loading = Speller::load(root, &config, dictionaries);
        let sources: Vec<&content::Page> = sources.iter().collect();
        let spelling = spell::spelling(&loading, &config, &sources, &templates, &theme);
        dictionaries.keep();
        (loading, spelling)
    };
    let renderer = match renderer {
        Ok(r) => r,
        Err(d) => {
            let (loading, spelling) = spell();
            problems.extend(loading.errors);
            problems.extend(d);
            return Err(with_spelling(problems, &spelling, &config).unwrap_err());
        }
    };
    let ((finished, pipeline_problems), (loading, spelling)) = rayon::join(
        || {
            let (rendered, mut problems) = renderer.render_all(pages, &config);
            let (finished, finish_problems) =
                finish::finish_all(rendered, &config, &templates, &renderer.origins());
            problems.extend(finish_problems);
            (finished, problems)
        },
        spell,
    );
    problems.extend(loading.errors);
    problems.extend(pipeline_problems);
    with_spelling(problems, &spelling, &config)?;
    Ok(Pages {
        config,
        targets,
        renderer,
        finished,
        spelling,
        speller: loading.speller,
    })
}

/// The build's problems with the spell check's findings: errors under `[spell] strict`, else
/// warnings said beside the errors. Ok when there is no error.
pub fn with_spelling(
    problems: Diagnostics,
    spelling: &Spelling,
    config: &Config,
) -> Result<(), Diagnostics> {
    let strict = config.spell.strict;
    let mut all = problems;
    if strict {
        all.extend(spelling.diagnostics(Level::Error));
    }
    if all.is_empty() {
        return Ok(());
    }
    let mut all = diag::merge_repeats(all);
    if !strict {
        all.extend(spelling.diagnostics(Level::Warning));
    }
    Err(all)
}

/// The bundle for finished pages: the pages laid out, every target's files, and the manifest.
pub fn bundle(
    pages: &Pages,
    options: &Options,
    brotli: &mut BrotliCache,
) -> Result<Built, Diagnostics> {
    let site = edge_site(pages, options)?;
    // The siblings' brotli is most of a cold build: the targets' files are written meanwhile.
    let (target_files, siblings) = rayon::join(
        || targets::generate(&site, &pages.targets),
        || {
            (site.precompressed && options.siblings)
                .then(|| brotli.compress_all(&pages.finished, &options.out.join("public")))
        },
    );
    let target_files = target_files?;
    let (files, manifest) = crate::layout::assemble(
        options.mode,
        &pages.config,
        &pages.finished,
        siblings,
        target_files,
    );
    let mut built = Built {
        config: pages.config.clone(),
        targets: pages.targets.clone(),
        pages: pages.finished.clone(),
        files,
        manifest,
        landing: None,
        warnings: Vec::new(),
        purged: None,
    };
    if let Some(before) = &options.baseline {
        add_purge_lists(&mut built, before, site.origin());
    }
    built.landing = site.landing().map(|p| p.url.clone());
    built.warnings = pages.spelling.diagnostics(Level::Warning);
    Ok(built)
}

/// Adds the purge lists of what changed since `before` to the bundle, and names them in its
/// manifest (which is rewritten: it lists them as planb's own files).
fn add_purge_lists(built: &mut Built, before: &crate::manifest::Manifest, origin: &str) {
    let changed = crate::purge::changed(before, &built.manifest.files);
    let lists = crate::purge::lists(&changed, &built.manifest.files, origin);
    let prefix = format!("{}/", crate::purge::FOLDER);
    built.manifest.purge = lists
        .iter()
        .map(|f| f.path.trim_start_matches(&prefix).to_owned())
        .collect();
    built.purged = Some(changed);
    if let Some(m) = built
        .files
        .iter_mut()
        .find(|f| f.path == crate::manifest::FILE_NAME)
    {
        m.bytes = built.manifest.to_json();
    }
    built.files.extend(lists);
}

/// The mode a build without `--mode` writes: the previous bundle's in `out`, so that a rebuild in
/// the middle of a show (a typo fixed) never switches the site back to normal; normal for a first
/// build.
pub fn kept_mode(out: &Path) -> Mode {
    crate::manifest::previous_mode(out)
        .and_then(|m| Mode::ALL.into_iter().find(|x| x.name() == m))
        .unwrap_or_default()
}

/// The built pages as the edge targets see them.
fn edge_site(built: &Pages, options: &Options) -> Result<EdgeSite, Diagnostics> {
    let config = &built.config;
    let root = match &config.edge.root {
        Some(r) => config::edge::normalize_root(r),
        None => {
            let public = canonical(&options.out).join("public");
            let shown = public.to_str().unwrap_or_default().to_owned();
            if !config::edge::root_is_safe(&shown) {
                let what = config::edge::control_character(&shown)
                    .unwrap_or_else(|| "a name that is not UTF-8".to_owned());
                let shown = public.display().to_string();
                return Err(vec![config.diagnostic(
                    "edge.root",
                    format!("the output folder {} has {what}, which no server configuration can take", shown.escape_debug()),
                )
                .help("set `edge.root` to where public/ lives on the server, or build into another folder")]);
            }
            shown
        }
    };
    let pages = edge_pages(&built.finished, &config.site.languages);
    Ok(EdgeSite {
        edge: config.edge.clone(),
        url: config.site.url.clone(),
        root,
        mode: options.mode,
        variant_pages: targets::variant_pages(&pages),
        languages: config.site.languages.clone(),
        pages,
        precompressed: built.targets.precompressed(),
        shield: targets::shield::Plan::of(config),
        schedule: config.schedule.clone(),
    })
}

/// One `EdgePage` per page of the default language, its variants the languages of
/// `languages` in that order (the default first, the one a request that negotiates nothing gets).
fn edge_pages(finished: &[Finished], languages: &[String]) -> Vec<EdgePage> {
    let rank = |lang: &str| {
        languages
            .iter()
            .position(|l| l == lang)
            .unwrap_or(usize::MAX)
    };
    let variant = |p: &Finished| Variant {
        lang: p.page.lang.clone(),
        file: p.page.file.clone(),
        headers: p.headers.clone(),
        body: p.html.clone(),
    };
    let twin = |p: &Finished| {
        p.json.as_ref().map(|t| Variant {
            lang: p.page.lang.clone(),
            file: t.file.clone(),
            headers: t.headers.clone(),
            body: t.body.clone(),
        })
    };
    finished
        .iter()
        .filter(|p| p.page.translation_of.is_none())
        .map(|p| {
            let mut others: Vec<&Finished> = finished
                .iter()
                .filter(|t| t.page.translation_of.as_deref() == Some(p.page.file.as_str()))
                .collect();
            others.sort_by_key(|t| rank(&t.page.lang));
            let all: Vec<&Finished> = std::iter::once(p).chain(others).collect();
            EdgePage {
                url: p.page.url(),
                kind: p.page.kind,
                status: p.page.status,
                variants: all.iter().copied().map(variant).collect(),
                json: all.iter().copied().filter_map(twin).collect(),
                policy: p.policy,
                retry_after: p.page.retry_after,
                source: p.page.display_source(),
            }
        })
        .collect()
}

/// `path` made absolute, with symlinks resolved as far as it exists and `.`/`..` applied:
/// `../staging` → `/home/me/staging`. A `..` after a symlink leaves the symlink's target, as the
/// kernel would.
fn canonical(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::from("/");
    let mut exists = true;
    for part in absolute.components() {
        match part {
            Component::Normal(name) => {
                out.push(name);
                if exists {
                    match out.canonicalize() {
                        Ok(real) => out = real,
                        Err(_) => exists = false,
                    }
                }
            }
            Component::ParentDir => {
                out.pop();
            }
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    out
}
