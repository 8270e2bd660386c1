//! Rendering: Markdown bodies and tera templates into HTML. Templates are parsed once; pages render
//! in parallel; stylesheets are processed once and shared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lightningcss::targets::Targets;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::assets::{self, Asset, css};
use crate::config::{self, Config};
use crate::content::{Kind, Page, markdown};
use crate::diag::{self, Diagnostic, Diagnostics, Partial};
use crate::statuses;
use crate::theme::{Template, Theme};

/// One rendered page, before minification.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub page: Page,
    pub html: String,
}

/// What every page shares: parsed templates, the site context and the asset inliner.
pub struct Renderer {
    tera: Tera,
    /// Template name → template, to name files and show lines in messages.
    templates: HashMap<String, Template>,
    site: Value,
    strings: Value,
    inliner: Arc<Inliner>,
    root: PathBuf,
    language: String,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    name: &'a str,
    language: &'a str,
    url: &'a str,
    theme: &'a str,
    email_capture: Option<&'a str>,
    status_page: Option<&'a str>,
    brand: BrandContext<'a>,
    extra: &'a toml::Table,
}

#[derive(Serialize)]
struct BrandContext<'a> {
    color: &'a str,
    ink: &'a str,
    logo: Option<String>,
}

#[derive(Serialize)]
struct PageContext<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    status: u16,
    lang: &'a str,
    url: String,
    retry_after: Option<u32>,
    retry_max: Option<u32>,
    actions: &'a [crate::content::frontmatter::Action],
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

impl Renderer {
    /// Parses every template and prepares the shared context; reports every broken template.
    pub fn new(root: &Path, config: &Config, theme: Theme) -> Result<Renderer, Diagnostics> {
        let templates: HashMap<String, Template> = theme
            .templates()?
            .into_iter()
            .map(|t| (t.name.clone(), t))
            .collect();
        let strings = theme.strings(&config.site.language)?;
        let strings = Value::try_from_serializable(&strings).map_err(|e| {
            vec![Diagnostic::new(
                "i18n",
                format!("UI strings cannot be passed to templates: {e}"),
            )]
        })?;
        let inliner = Arc::new(Inliner {
            theme,
            root: root.to_path_buf(),
            targets: css::targets(&config.css.targets),
            stylesheets: Mutex::new(HashMap::new()),
            problems: Mutex::new(Vec::new()),
        });
        let tera = build_tera(&templates, &inliner)?;
        let logo = logo_uri(root, config).map_err(|d| vec![d])?;
        let color = config::parse_hex_color(&config.brand.color).unwrap_or_default();
        let site = SiteContext {
            name: &config.site.name,
            language: &config.site.language,
            url: &config.site.url,
            theme: &config.site.theme,
            email_capture: config.site.email_capture.as_deref(),
            status_page: config.site.status_page.as_deref(),
            brand: BrandContext {
                color: &config.brand.color,
                ink: config::ink_for(color),
                logo,
            },
            extra: &config.extra,
        };
        Ok(Renderer {
            templates,
            tera,
            site: Value::try_from_serializable(&site).map_err(|e| {
                vec![Diagnostic::new(
                    config::FILE_NAME,
                    format!("`extra` cannot be passed to templates: {e}"),
                )]
            })?,
            strings,
            inliner,
            root: root.to_path_buf(),
            language: config.site.language.clone(),
        })
    }

    /// Every template, sorted by name, to locate text found in rendered pages.
    pub fn templates(&self) -> Vec<Template> {
        let mut all: Vec<Template> = self.templates.values().cloned().collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    /// Renders every page in parallel, in the order given; all problems at once.
    pub fn render_all(&self, pages: Vec<Page>, config: &Config) -> Partial<Rendered> {
        let results: Vec<Result<Rendered, Diagnostics>> = pages
            .into_par_iter()
            .map(|page| self.render(page, config))
            .collect();
        let (rendered, page_problems) = diag::partition(results);
        let mut problems: Diagnostics = self
            .inliner
            .problems
            .lock()
            .map(|p| p.clone())
            .unwrap_or_default();
        // An asset problem is reported once, at the asset, rather than once per page using it.
        let asset_failed = !problems.is_empty();
        problems.extend(
            page_problems
                .into_iter()
                .filter(|d| !(asset_failed && d.message.contains(INLINE_FAILED))),
        );
        (rendered, merge_repeats(problems))
    }

    fn render(&self, page: Page, config: &Config) -> Result<Rendered, Diagnostics> {
        let content = self.markdown(&page)?;
        let template = format!("{}.html", page.template);
        if !self.tera.contains_template(&template) {
            return Err(vec![self.missing_template(&page, &template)]);
        }
        let mut context = Context::new();
        context.insert_value("site", self.site.clone());
        context.insert_value("t", self.strings.clone());
        context.insert_value("page", self.page_value(&page, config, content)?);
        let status = (page.kind != Kind::Landing)
            .then(|| statuses::lookup(page.status, &self.language))
            .flatten();
        context.insert("status", &status);
        let html = self
            .tera
            .render(&template, &context)
            .map_err(|e| vec![self.tera_error(&e, &page)])?;
        Ok(Rendered { page, html })
    }

    fn page_value(
        &self,
        page: &Page,
        config: &Config,
        content: String,
    ) -> Result<Value, Diagnostics> {
        let ctx = PageContext {
            kind: page.kind.name(),
            title: &page.title,
            description: &page.description,
            status: page.status,
            lang: &self.language,
            url: page.url(),
            retry_after: page.retry_after,
            retry_max: (page.kind == Kind::Overflow)
                .then(|| config.overflow.retry_max.max(page.retry_after.unwrap_or(0))),
            actions: &page.actions,
            extra: &page.extra,
        };
        let mut map = Value::try_from_serializable(&ctx)
            .map_err(|e| {
                vec![Diagnostic::new(
                    page.display_source(),
                    format!("front matter cannot be passed to templates: {e}"),
                )]
            })?
            .into_map()
            .unwrap_or_default();
        // The Markdown output is HTML planb made: mark it safe so templates print it as is.
        map.insert("content".into(), Value::safe_string(&content));
        Ok(Value::from(map))
    }

    /// The page's Markdown as HTML, its images inlined relative to the Markdown file.
    fn markdown(&self, page: &Page) -> Result<String, Diagnostics> {
        let Some(source) = &page.source else {
            return Ok(String::new());
        };
        let base = self.root.join(source.parent().unwrap_or(Path::new("")));
        let (html, problems) = markdown::to_html(&page.markdown, |reference| {
            let asset = assets::read_confined(&self.root, &base, reference)?.ok_or_else(|| {
                format!("image `{reference}` not found next to {}", source.display())
            })?;
            assets::data_uri(&asset)
        });
        if problems.is_empty() {
            return Ok(html);
        }
        Err(problems
            .into_iter()
            .map(|p| {
                Diagnostic::new(source, p.message)
                    .at_offset(&page.source_text, page.body_offset + p.offset)
            })
            .collect())
    }

    fn missing_template(&self, page: &Page, template: &str) -> Diagnostic {
        let mut known: Vec<&str> = self
            .templates
            .keys()
            .map(|k| k.trim_end_matches(".html"))
            .collect();
        known.sort_unstable();
        let wanted = template.trim_end_matches(".html");
        let help = match crate::diag::did_you_mean(wanted, known.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("templates: {}", known.join(", ")),
        };
        let d = Diagnostic::new(
            page.source.clone().unwrap_or_default(),
            format!(
                "template `{template}` does not exist in theme `{}`",
                self.inliner.theme.name
            ),
        )
        .help(help);
        match page.source {
            Some(_) => locate_field(d, &page.source_text, "template"),
            None => d,
        }
    }

    /// A tera error as a diagnostic at the template's file, line and column.
    fn tera_error(&self, error: &tera::Error, page: &Page) -> Diagnostic {
        template_diagnostic(error, &self.templates, Some(page))
    }
}

/// A template mistake fails every page that uses it: report it once, naming the pages.
fn merge_repeats(problems: Diagnostics) -> Diagnostics {
    const MARK: &str = " (rendering ";
    let mut merged: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    for mut d in problems {
        let page = d.message.rfind(MARK).map(|i| {
            let page = d.message[i + MARK.len()..].trim_end_matches(')').to_owned();
            d.message.truncate(i);
            page
        });
        match merged.iter_mut().find(|(m, _)| *m == d) {
            Some((_, pages)) => pages.extend(page),
            None => merged.push((d, page.into_iter().collect())),
        }
    }
    merged
        .into_iter()
        .map(|(mut d, pages)| {
            match pages.as_slice() {
                [] => {}
                [one] => d.message = format!("{}{MARK}{one})", d.message),
                [first, rest @ ..] => {
                    d.message = format!("{}{MARK}{first} and {} more pages)", d.message, rest.len())
                }
            }
            d
        })
        .collect()
}

/// Points a diagnostic at the front-matter line that sets `field`.
fn locate_field(d: Diagnostic, text: &str, field: &str) -> Diagnostic {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(field) {
            return d.at_offset(text, offset);
        }
        offset += line.len();
    }
    d
}

fn build_tera(
    templates: &HashMap<String, Template>,
    inliner: &Arc<Inliner>,
) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html"]);
    tera.register_function("inline", InlineFn(Arc::clone(inliner)));
    tera.add_raw_templates(
        templates
            .values()
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(|e| vec![template_diagnostic(&e, templates, None)])?;
    Ok(tera)
}

/// Tera 2 errors carry the template name and a span; turn them into file:line:col diagnostics
/// showing the template line.
fn template_diagnostic(
    error: &tera::Error,
    templates: &HashMap<String, Template>,
    page: Option<&Page>,
) -> Diagnostic {
    let for_page = page
        .map(|p| format!(" (rendering {})", p.display_source()))
        .unwrap_or_default();
    let file_of = |name: &str| {
        templates
            .get(name)
            .map_or_else(|| name.to_owned(), |t| t.shown.clone())
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let d = Diagnostic::new(
                file_of(report.filename()),
                format!("{}{for_page}", report.message()),
            );
            match templates.get(report.filename()) {
                Some(t) => d.at(&t.source, span.start_line, span.start_col + 1),
                None => d,
            }
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::new(
            file_of(tpl),
            format!(
                "templates include each other in a loop: {}",
                include_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::new(
            file_of(tpl),
            format!(
                "templates extend each other in a loop: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::new(
            file_of(current),
            format!("extends `{parent}`, which does not exist"),
        ),
        other => Diagnostic::new(
            page.map(|p| p.display_source())
                .unwrap_or_else(|| "templates".into()),
            format!("{other}{for_page}"),
        ),
    }
}

/// Finds and inlines assets for the `inline()` template function and the logo. Stylesheets are
/// processed once and shared by every page.
struct Inliner {
    theme: Theme,
    root: PathBuf,
    targets: Targets,
    stylesheets: Mutex<HashMap<String, Option<String>>>,
    /// Asset problems, each with its own file and line, reported instead of the template error.
    problems: Mutex<Diagnostics>,
}

impl Inliner {
    /// An asset by path: the theme's `assets/` first, then the site root.
    fn find(&self, path: &str) -> Result<Asset, String> {
        if let Some(asset) = self.theme.asset(path)? {
            return Ok(asset);
        }
        assets::read_confined(&self.root, &self.root, path)?.ok_or_else(|| {
            format!(
                "asset `{path}` not found in themes/{}/assets/, the built-in theme or the site",
                self.theme.name
            )
        })
    }

    fn inline(&self, path: &str) -> Result<Value, String> {
        let asset = self.find(path)?;
        let ext = asset
            .path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match ext.to_ascii_lowercase().as_str() {
            "css" => self
                .stylesheet(path, &asset)
                .map(|css| Value::safe_string(&css)),
            "js" => {
                let text = std::str::from_utf8(&asset.bytes)
                    .map_err(|_| format!("{} is not UTF-8 text", asset.shown))?;
                // A script may not close its own element early.
                if text.to_ascii_lowercase().contains("</script") {
                    return Err(format!(
                        "{} contains `</script`, which would end the inline script",
                        asset.shown
                    ));
                }
                Ok(Value::safe_string(text))
            }
            _ => assets::data_uri(&asset).map(|uri| Value::safe_string(&uri)),
        }
    }

    fn stylesheet(&self, path: &str, asset: &Asset) -> Result<String, String> {
        let failed = || format!("stylesheet {} has errors", asset.shown);
        if let Some(done) = self.stylesheets.lock().map_err(|_| failed())?.get(path) {
            return done.clone().ok_or_else(failed);
        }
        let source = std::str::from_utf8(&asset.bytes)
            .map_err(|_| format!("{} is not UTF-8 text", asset.shown))?;
        let base = asset.path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut resolve = |reference: &str| {
            assets::check_reference(reference)?;
            let joined = normalize(&base.join(reference));
            let found = self.find(&joined)?;
            assets::data_uri(&found)
        };
        let result = css::process(&asset.shown, source, self.targets, &mut resolve);
        let stored = match result {
            Ok(css) => Some(css),
            Err(problems) => {
                let mut all = self.problems.lock().map_err(|_| failed())?;
                all.extend(problems.into_iter().map(|p| {
                    Diagnostic::new(&asset.shown, p.message).at(source, p.line, p.column)
                }));
                None
            }
        };
        self.stylesheets
            .lock()
            .map_err(|_| failed())?
            .insert(path.to_owned(), stored.clone());
        stored.ok_or_else(failed)
    }
}

/// Resolves `a/../b` lexically so a reference relative to a stylesheet finds its file in the
/// embedded theme too; a path climbing above its start keeps its `..` and is refused later.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// Starts the message of a failed `inline()` call, whose cause the inliner reports itself.
const INLINE_FAILED: &str = "inline(path=";

/// `inline(path="…")` in templates; its output is safe HTML.
struct InlineFn(Arc<Inliner>);

impl tera::Function<tera::TeraResult<Value>> for InlineFn {
    fn call(&self, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
        let path: String = kwargs.must_get("path")?;
        self.0
            .inline(&path)
            .map_err(|m| tera::Error::message(format!("{INLINE_FAILED}\"{path}\"): {m}")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The logo from `brand.logo`, as a data: URI.
fn logo_uri(root: &Path, config: &Config) -> Result<Option<String>, Diagnostic> {
    let Some(path) = &config.brand.logo else {
        return Ok(None);
    };
    let fail = |m: String| config.diagnostic("brand.logo", m);
    let asset = assets::read_confined(root, root, path)
        .map_err(fail)?
        .ok_or_else(|| fail(format!("no file `{path}` in the site")))?;
    assets::data_uri(&asset).map(Some).map_err(fail)
}
