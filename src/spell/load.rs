//! Making a `Speller` for a site: the words it knows (`[spell] words`, its `words_file`, the
//! words of its own name and addresses) and the dictionary of its language, from the site's own
//! folder (`[spell] dictionaries`, confined to the site) or the system's.

use std::path::{Path, PathBuf};

use super::dictionary::{self, Dictionaries};
use super::{Language, Loading, Speller, WordSet};
use crate::config::Config;
use crate::diag::Diagnostic;

impl Speller {
    /// The speller of the site at `root`, its dictionary from `dictionaries`.
    pub fn load(root: &Path, config: &Config, dictionaries: &Dictionaries) -> Loading {
        let mut loading = Loading {
            speller: None,
            errors: Vec::new(),
            notes: Vec::new(),
        };
        let spell = &config.spell;
        if !spell.enabled {
            return loading;
        }
        let mut accepted: WordSet = spell.words.iter().map(|w| w.to_lowercase()).collect();
        accepted.extend(site_words(config));
        if let Some(file) = &spell.words_file {
            match crate::assets::read_inside(root, &root.join(file), file)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
            {
                Ok(text) => accepted.extend(
                    text.lines()
                        .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
                        .filter(|w| !w.is_empty()),
                ),
                Err(e) => loading
                    .errors
                    .push(config.diagnostic("spell.words_file", e).help(
                        "create the file, one word per line, or remove `words_file` from [spell]",
                    )),
            }
        }
        let mut folders: Vec<PathBuf> = Vec::new();
        if let Some(dir) = &spell.dictionaries {
            match confined_folder(root, dir) {
                Ok(path) => folders.push(path),
                Err(e) => loading.errors.push(
                    config
                        .diagnostic("spell.dictionaries", e)
                        .help("name a folder of the site holding <lang>.aff and <lang>.dic"),
                ),
            }
        }
        folders.extend(dictionary::SYSTEM_FOLDERS.iter().map(PathBuf::from));
        let languages = config
            .site
            .languages
            .iter()
            .map(|lang| {
                let language = Language {
                    primary: crate::texts::primary_subtag(lang),
                    dictionary: language_dictionary(
                        config,
                        lang,
                        &folders,
                        dictionaries,
                        &mut loading,
                    ),
                };
                (lang.clone(), language)
            })
            .collect();
        loading.speller = Some(Speller {
            languages,
            default: config.site.language.clone(),
            accepted,
        });
        loading
    }
}

/// The dictionary of `lang` from the first of `folders` that has one; when none has, a note
/// that its spelling is not checked, and how to install one.
fn language_dictionary(
    config: &Config,
    lang: &str,
    folders: &[PathBuf],
    dictionaries: &Dictionaries,
    loading: &mut Loading,
) -> Option<std::sync::Arc<super::dictionary::Loaded>> {
    // The default language is `site.language`; the others are listed in `site.languages`.
    let key = if lang == config.site.language {
        "site.language"
    } else {
        "site.languages"
    };
    match dictionary::find(lang, folders) {
        Some((aff, dic)) => match dictionaries.load(&aff, &dic) {
            Ok(d) => Some(d),
            Err(e) => {
                loading.errors.push(Diagnostic::new(&dic, e));
                None
            }
        },
        None => {
            let looked: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
            loading.notes.push(
                config
                    .diagnostic(
                        key,
                        format!(
                            "no Hunspell dictionary for `{lang}`, so its spelling is not checked (looked in {})",
                            looked.join(", ")
                        ),
                    )
                    .help(format!(
                        "install Debian's {} (`apt-get install {}`), or put {}.aff and {}.dic in a folder of the site named by `[spell] dictionaries`",
                        dictionary::package(lang),
                        dictionary::package(lang).split(' ').next().unwrap_or_default(),
                        lang.replace('-', "_"),
                        lang.replace('-', "_"),
                    )),
            );
            None
        }
    }
}

/// The words of the site's name and of its own addresses, lowercase: never flagged.
fn site_words(config: &Config) -> Vec<String> {
    let mut texts = vec![config.site.name.clone(), config.site.url.clone()];
    texts.extend(config.site.email_capture.clone());
    texts.extend(config.site.status_page.clone());
    texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The folder `dir` of the site, if it is one and lies inside it.
fn confined_folder(root: &Path, dir: &str) -> Result<PathBuf, String> {
    let path = root.join(dir);
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot open the folder {dir}: {e}"))?;
    let site = root.canonicalize().map_err(|e| e.to_string())?;
    if !real.starts_with(&site) {
        return Err(format!(
            "{dir} leads outside the site; planb reads no file outside the site"
        ));
    }
    if !real.is_dir() {
        return Err(format!("{dir} is not a folder"));
    }
    Ok(real)
}
