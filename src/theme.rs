//! Themes: the default theme is embedded in the binary, so a site needs no copy of it; a site
//! overrides any template, asset or UI string by placing a file at the same path under its own
//! `themes/<name>/`. Texts a visitor reads (`i18n/<lang>.toml`) merge key by key: see `crate::texts`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::assets::{Asset, read_confined};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::texts::{self, Texts};

pub use crate::default_theme::DEFAULT_THEME;

pub const DIR: &str = "themes";

/// A template's name (as `{% extends %}` sees it), its text and where it came from.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub source: String,
    /// Shown in messages: `themes/x/templates/base.html` or `(built-in default theme)/…`.
    pub shown: String,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    /// The site's canonical root: assets are confined to it.
    root: PathBuf,
    /// The site's own `themes/<name>/`, when it has one.
    site_dir: Option<PathBuf>,
}

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
        let name = config.site.theme.clone();
        let dir = root.join(DIR).join(&name);
        let site_dir = dir.is_dir().then_some(dir);
        if site_dir.is_none() && name != "default" {
            return Err(vec![
                config
                    .diagnostic(
                        "site.theme",
                        format!("no folder themes/{name}/ in the site"),
                    )
                    .help("create it, or use the built-in theme with `theme = \"default\"`"),
            ]);
        }
        Ok(Theme {
            name,
            root: root.to_path_buf(),
            site_dir,
        })
    }

    /// Every template's file name (`landing.html`), built-in or the site's, without reading them.
    pub fn template_names(&self) -> Vec<String> {
        let mut names: Vec<String> = DEFAULT_THEME
            .get_dir("templates")
            .map(|dir| dir.files().map(|f| file_name(f.path())).collect())
            .unwrap_or_default();
        if let Some(dir) = &self.site_dir {
            names.extend(
                site_templates(&dir.join("templates"))
                    .iter()
                    .map(|p| file_name(p)),
            );
        }
        names.sort();
        names.dedup();
        names
    }

    /// Every template: the built-in ones, each replaced by the site's file of the same name.
    pub fn templates(&self) -> Result<Vec<Template>, Diagnostics> {
        let mut by_name: BTreeMap<String, Template> = BTreeMap::new();
        if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
            for file in dir.files() {
                let name = file_name(file.path());
                let source = String::from_utf8_lossy(file.contents()).into_owned();
                let shown = format!("(built-in default theme)/templates/{name}");
                by_name.insert(
                    name.clone(),
                    Template {
                        name,
                        source,
                        shown,
                    },
                );
            }
        }
        let mut problems = Vec::new();
        if let Some(dir) = &self.site_dir {
            for path in site_templates(&dir.join("templates")) {
                let name = file_name(&path);
                let shown = format!("{DIR}/{}/templates/{name}", self.name);
                match read_text(&self.root, &path, &shown) {
                    Ok(source) => {
                        by_name.insert(
                            name.clone(),
                            Template {
                                name,
                                source,
                                shown,
                            },
                        );
                    }
                    Err(e) => problems.push(Diagnostic::new(shown, e)),
                }
            }
        }
        if problems.is_empty() {
            Ok(by_name.into_values().collect())
        } else {
            Err(problems)
        }
    }

    /// An asset by its path under `assets/`: the site's theme first, then the built-in one.
    pub fn asset(&self, path: &str) -> Result<Option<Asset>, String> {
        if let Some(dir) = &self.site_dir
            && let Some(asset) = read_confined(&self.root, &dir.join("assets"), path)?
        {
            return Ok(Some(asset));
        }
        Ok(DEFAULT_THEME
            .get_file(Path::new("assets").join(path))
            .map(|f| Asset {
                shown: format!("(built-in default theme)/assets/{path}"),
                path: PathBuf::from(path),
                bytes: Cow::Borrowed(f.contents()),
            }))
    }

    /// What a visitor reads in `language` (UI strings and status texts): English, overlaid by the
    /// built-in file of the language, each overlaid by the site theme's `i18n/<lang>.toml` key by
    /// key; English where the language has no file.
    pub fn texts(&self, language: &str) -> Result<Texts, Diagnostics> {
        let primary = texts::primary_subtag(language);
        let mut langs = vec!["en"];
        if primary != "en" {
            langs.push(&primary);
        }
        let mut tree = toml::Table::new();
        let mut problems = Vec::new();
        for lang in langs {
            if let Some(file) = texts::built_in_file(lang) {
                texts::overlay(&mut tree, file.clone());
            }
            match self.site_texts(lang) {
                Ok(Some(file)) => texts::overlay(&mut tree, file),
                Ok(None) => {}
                Err(found) => problems.extend(found),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Texts::from_table(tree).map_err(|e| vec![Diagnostic::new("i18n", e)])
    }

    /// Whether `language` has texts of its own: a built-in file, or the site theme's
    /// `i18n/<lang>.toml` (which, for a language planb has no file for, gives every text).
    pub fn has_texts(&self, language: &str) -> bool {
        let primary = texts::primary_subtag(language);
        texts::built_in_file(&primary).is_some()
            || self
                .site_dir
                .as_ref()
                .is_some_and(|dir| dir.join(format!("i18n/{primary}.toml")).is_file())
    }

    /// The files of `language` among those behind `texts(language)`: the built-in one, then the
    /// site's, each as (name shown in messages, text). What the spell check reads: a site that
    /// builds takes every text from these (English fills no gap, see `texts::site`).
    pub fn language_files(&self, language: &str) -> Vec<(String, String)> {
        let name = format!("i18n/{}.toml", texts::primary_subtag(language));
        let mut files = Vec::new();
        if let Some(f) = DEFAULT_THEME.get_file(&name) {
            let text = String::from_utf8_lossy(f.contents()).into_owned();
            files.push((format!("(built-in default theme)/{name}"), text));
        }
        if let Some(dir) = &self.site_dir {
            let shown = format!("{DIR}/{}/{name}", self.name);
            // `texts` already reported a file that cannot be read.
            if let Ok(text) = read_text(&self.root, &dir.join(&name), &shown) {
                files.push((shown, text));
            }
        }
        files
    }

    /// The site theme's `i18n/<lang>.toml`, checked; None when it has none.
    fn site_texts(&self, lang: &str) -> Result<Option<toml::Table>, Diagnostics> {
        let Some(dir) = &self.site_dir else {
            return Ok(None);
        };
        let name = format!("i18n/{lang}.toml");
        let path = dir.join(&name);
        if !path.exists() {
            return Ok(None);
        }
        let shown = format!("{DIR}/{}/{name}", self.name);
        let text =
            read_text(&self.root, &path, &shown).map_err(|e| vec![Diagnostic::new(&shown, e)])?;
        texts::site::parse(&shown, &text, lang).map(Some)
    }
}

/// A theme file as text, read only if it lies inside the site once symlinks are resolved.
fn read_text(root: &Path, path: &Path, shown: &str) -> Result<String, String> {
    let bytes = crate::assets::read_inside(root, path, shown)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{shown}` is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// The site theme's template files, sorted; nested folders are not templates.
fn site_templates(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        // Editors leave `.name.swp` and `name~` beside the file being edited.
        .filter(|p| {
            let name = file_name(p);
            p.is_file() && !name.starts_with('.') && !name.ends_with('~')
        })
        .collect();
    files.sort();
    files
}
