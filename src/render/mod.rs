//! Rendering: Markdown bodies and tera templates into HTML. Templates are parsed once; pages render
//! in parallel; stylesheets are processed once and shared.

mod errors;
mod inline;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::assets::{self, css};
use crate::config::{self, Config};
use crate::content::{Kind, Page, markdown};
use crate::diag::{self, Diagnostic, Diagnostics, Partial};
use crate::texts::Texts;
use crate::theme::{Template, Theme};
use errors::{merge_repeats, template_diagnostic};
pub use inline::key as origin_key;
use inline::{INLINE_FAILED, InlineFn, Inliner, Origins, logo_uri};

/// One rendered page, before minification.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub page: Page,
    pub html: String,
    /// What the page's JSON twin says in `detail` (`problem.rs`): its description, or else the
    /// built-in text of its status in its language.
    pub detail: String,
}

/// What every page shares: parsed templates, the site context and the asset inliner.
pub struct Renderer {
    tera: Tera,
    /// Template name → template, to name files and show lines in messages.
    templates: HashMap<String, Template>,
    site: Value,
    /// What a visitor reads, by language (`site.languages`).
    languages: HashMap<String, Language>,
    /// `site.languages`, the default first: the order of the language switcher.
    order: Vec<String>,
    inliner: Arc<Inliner>,
    root: PathBuf,
}

/// What a visitor reads in one language.
struct Language {
    /// UI strings (`t`), ready for templates.
    strings: Value,
    /// Status texts, with the site's overrides.
    texts: Texts,
    /// Its name, in itself (`t.language`): what the language switcher shows.
    name: String,
}

/// One language of a page, for the language switcher: `page.translations`.
#[derive(Serialize)]
struct TranslationContext<'a> {
    lang: &'a str,
    name: &'a str,
    url: String,
    /// The language of the page being rendered.
    current: bool,
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
    /// Every language of the page, the default first; empty for a site in one language.
    translations: Vec<TranslationContext<'a>>,
}

impl Renderer {
    /// Parses every template and prepares the shared context; reports every broken template.
    pub fn new(root: &Path, config: &Config, theme: Theme) -> Result<Renderer, Diagnostics> {
        let templates: HashMap<String, Template> = theme
            .templates()?
            .into_iter()
            .map(|t| (t.name.clone(), t))
            .collect();
        let languages = languages(&theme, config)?;
        let inliner = Arc::new(Inliner {
            theme,
            root: root.to_path_buf(),
            targets: css::targets(&config.css.targets),
            stylesheets: Mutex::new(HashMap::new()),
            problems: Mutex::new(Vec::new()),
            origins: Origins::default(),
        });
        let tera = build_tera(&templates, &inliner)?;
        let logo = logo_uri(root, config)
            .map_err(|d| vec![d])?
            .zip(config.brand.logo.as_deref())
            .map(|(uri, path)| inliner.origins.record(uri, path));
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
            languages,
            order: config.site.languages.clone(),
            inliner,
            root: root.to_path_buf(),
        })
    }

    /// The texts of `lang`, one of `site.languages`.
    fn language(&self, lang: &str) -> &Language {
        // Every page's language is one of `site.languages` (content checks it), and `new` made
        // each of them: a miss is planb's bug, shown in the default language rather than a panic.
        self.languages
            .get(lang)
            .or_else(|| self.order.first().and_then(|l| self.languages.get(l)))
            .expect("the renderer has the default language")
    }

    /// The languages of `page` for its switcher: every one of `site.languages`, each at the file
    /// of its translation (the content stage made one per language).
    fn translations(&self, page: &Page) -> Vec<TranslationContext<'_>> {
        if self.order.len() < 2 {
            return Vec::new();
        }
        let original = page.original();
        self.order
            .iter()
            .enumerate()
            .map(|(i, lang)| {
                let file = if i == 0 {
                    original.to_owned()
                } else {
                    crate::content::translated_file(original, lang)
                };
                TranslationContext {
                    lang,
                    name: &self.language(lang).name,
                    url: format!("/{file}"),
                    current: *lang == page.lang,
                }
            })
            .collect()
    }

    /// Which file each `data:` URI of the rendered pages was made from.
    pub fn origins(&self) -> HashMap<u64, String> {
        self.inliner.origins.snapshot()
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

    fn render(&self, mut page: Page, config: &Config) -> Result<Rendered, Diagnostics> {
        let content = self.markdown(&page)?;
        let template = format!("{}.html", page.template);
        if !self.tera.contains_template(&template) {
            return Err(vec![self.missing_template(&page, &template)]);
        }
        let language = self.language(&page.lang);
        let status = (page.kind != Kind::Landing)
            .then(|| language.texts.status(page.status))
            .flatten();
        if let Some(status) = status.filter(|_| page.title_from_status) {
            page.title = status.title.to_owned();
        }
        let mut context = Context::new();
        context.insert_value("site", self.site.clone());
        context.insert_value("t", language.strings.clone());
        context.insert_value("page", self.page_value(&page, config, content)?);
        context.insert("status", &status);
        let html = self
            .tera
            .render(&template, &context)
            .map_err(|e| vec![self.tera_error(&e, &page)])?;
        let detail = match (page.description.is_empty(), status) {
            (false, _) | (true, None) => page.description.clone(),
            (true, Some(status)) => status.text.to_owned(),
        };
        Ok(Rendered { page, html, detail })
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
            lang: &page.lang,
            url: page.url(),
            retry_after: page.retry_after,
            retry_max: (page.kind == Kind::Overflow)
                .then(|| config.overflow.retry_max.max(page.retry_after.unwrap_or(0))),
            actions: &page.actions,
            extra: &page.extra,
            translations: self.translations(page),
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
            let url = assets::data_uri(&asset)?;
            Ok(markdown::Image {
                url: self.inliner.origins.record(url, &asset.shown),
                size: assets::dimensions(&asset),
            })
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
        let known: Vec<&str> = self.templates.keys().map(String::as_str).collect();
        let theme = &self.inliner.theme.name;
        match &page.source {
            Some(source) => {
                crate::content::missing_template(source, &page.source_text, template, theme, &known)
            }
            None => Diagnostic::new(
                "",
                format!("template `{template}` does not exist in theme `{theme}`"),
            ),
        }
    }

    /// A tera error as a diagnostic at the template's file, line and column.
    fn tera_error(&self, error: &tera::Error, page: &Page) -> Diagnostic {
        template_diagnostic(error, &self.templates, Some(page))
    }
}

/// The texts of every language of the site, each checked.
fn languages(theme: &Theme, config: &Config) -> Result<HashMap<String, Language>, Diagnostics> {
    let mut out = HashMap::new();
    let mut problems = Vec::new();
    for lang in &config.site.languages {
        let texts = match theme.texts(lang) {
            Ok(t) => t,
            Err(found) => {
                problems.extend(found);
                continue;
            }
        };
        let strings = Value::try_from_serializable(&texts.ui).map_err(|e| {
            vec![Diagnostic::new(
                "i18n",
                format!("UI strings cannot be passed to templates: {e}"),
            )]
        })?;
        let name = texts
            .ui
            .get("language")
            .and_then(|v| v.as_str())
            .unwrap_or(lang)
            .to_owned();
        out.insert(
            lang.clone(),
            Language {
                strings,
                texts,
                name,
            },
        );
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(diag::merge_repeats(problems))
    }
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
