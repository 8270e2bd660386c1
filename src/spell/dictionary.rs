//! Hunspell dictionaries: where a language's `.aff`/`.dic` pair is found, and loading it once.
//!
//! - The site's own folder (`spell.dictionaries`) comes first, then the system's: Debian's
//!   `hunspell-*` packages install into `/usr/share/hunspell`. These are the only files planb
//!   reads outside the site, and only to judge words.
//! - `fr-CA` looks for `fr_CA`, then `fr`, `fr_FR`, then any `fr_*`; `en` prefers `en_US`.
//! - Parsing the French dictionary takes about 20 ms and a suggestion up to 200 ms, so a
//!   `Dictionaries` keeps every dictionary it loaded and every verdict it gave: a `serve`
//!   session holds one for its whole life, and a rebuild loads nothing and judges only new words.
//!   Between runs the verdicts are kept in the user's cache folder (`verdicts.rs`): a dictionary
//!   with kept verdicts is parsed only when a word comes that it has not judged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use super::verdicts::{self, Verdicts};

/// Where the system keeps Hunspell dictionaries (Debian, older Debian, /usr/local, Homebrew).
pub const SYSTEM_FOLDERS: [&str; 5] = [
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
];

/// spellbook's default hasher is seeded at random, and the order of equally good suggestions
/// followed the seed (`Morrow` and `morrow` swapped from one run to the next): a fixed seed
/// gives every run the same message.
type Dict = spellbook::Dictionary<foldhash::fast::FixedState>;

/// Every dictionary loaded in this process, by its `.dic` file.
#[derive(Default)]
pub struct Dictionaries {
    loaded: Mutex<HashMap<PathBuf, Arc<Loaded>>>,
}

/// One dictionary, with the verdicts it gave so far.
pub struct Loaded {
    /// The `.dic` file, shown in messages.
    pub file: PathBuf,
    aff: PathBuf,
    /// Parsed on first use when verdicts were kept (None: it no longer parses, see `dictionary`).
    dictionary: OnceLock<Option<Dict>>,
    /// Read by every word of every page, from every thread; written only for a new word.
    verdicts: RwLock<Verdicts>,
    /// Where the verdicts are kept between runs, if anywhere.
    kept: Option<PathBuf>,
    /// A verdict was given that the kept file does not have.
    learned: AtomicBool,
}

impl Loaded {
    /// The dictionary, parsed now if it was not yet. It parsed when its verdicts were kept and
    /// its files still have the same size and time; if it no longer does, nothing can be judged
    /// (every word passes) until the next run, which parses it first and says why.
    fn dictionary(&self) -> Option<&Dict> {
        self.dictionary
            .get_or_init(|| parse(&self.aff, &self.file).ok())
            .as_ref()
    }

    /// Whether the dictionary knows `word`.
    pub fn knows(&self, word: &str) -> bool {
        if let Some(&k) = read(&self.verdicts).known.get(word) {
            return k;
        }
        let Some(dictionary) = self.dictionary() else {
            return true;
        };
        let k = dictionary.check(word);
        write(&self.verdicts).known.insert(word.to_owned(), k);
        self.learned.store(true, Ordering::Relaxed);
        k
    }

    /// Up to three words the dictionary would write instead of `word`, in spellbook's order
    /// (deterministic with a fixed hasher, see `Dict`).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Some(s) = read(&self.verdicts).suggestions.get(word) {
            return s.clone();
        }
        let Some(dictionary) = self.dictionary() else {
            return Vec::new();
        };
        let mut all = Vec::new();
        dictionary.suggest(word, &mut all);
        all.truncate(3);
        write(&self.verdicts)
            .suggestions
            .insert(word.to_owned(), all.clone());
        self.learned.store(true, Ordering::Relaxed);
        all
    }

    /// Writes the verdicts for the next run, if this one gave new ones.
    fn keep(&self) {
        if let Some(file) = &self.kept
            && self.learned.swap(false, Ordering::Relaxed)
        {
            verdicts::write(file, &read(&self.verdicts));
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A verdict table stays valid even if a thread panicked while holding it.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(PoisonError::into_inner)
}

impl Dictionaries {
    /// The dictionary of the pair `aff`/`dic`, loaded on first use: with the verdicts a previous
    /// run kept, it is parsed only when needed; without, it is parsed now, so that a broken file
    /// is reported.
    pub fn load(&self, aff: &Path, dic: &Path) -> Result<Arc<Loaded>, String> {
        if let Some(d) = lock(&self.loaded).get(dic) {
            return Ok(d.clone());
        }
        let kept = verdicts::location(aff, dic);
        let (dictionary, saved) = match kept.as_deref().and_then(verdicts::read) {
            Some(saved) => (OnceLock::new(), saved),
            None => (OnceLock::from(Some(parse(aff, dic)?)), Verdicts::default()),
        };
        let loaded = Arc::new(Loaded {
            file: dic.to_path_buf(),
            aff: aff.to_path_buf(),
            dictionary,
            verdicts: RwLock::new(saved),
            kept,
            learned: AtomicBool::new(false),
        });
        lock(&self.loaded).insert(dic.to_path_buf(), loaded.clone());
        Ok(loaded)
    }

    /// Keeps the new verdicts of every dictionary for the next run.
    pub fn keep(&self) {
        for loaded in lock(&self.loaded).values() {
            loaded.keep();
        }
    }
}

/// The dictionary of `aff` and `dic`, or what is wrong with them.
fn parse(aff: &Path, dic: &Path) -> Result<Dict, String> {
    let read = |p: &Path| {
        let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        String::from_utf8(bytes).map_err(|_| {
            format!(
                "{} is not UTF-8; convert it (`iconv -t UTF-8`) and set `SET UTF-8` in its .aff",
                p.display()
            )
        })
    };
    let hasher = foldhash::fast::FixedState::with_seed(0x0070_6c61_6e62);
    Dict::new_with_hasher(&read(aff)?, &read(dic)?, hasher)
        .map_err(|e| format!("{} is not a Hunspell dictionary: {e}", aff.display()))
}

/// The `.aff` and `.dic` files for the language tag `lang`, from the first of `folders` that has
/// a pair of one of its names.
pub fn find(lang: &str, folders: &[PathBuf]) -> Option<(PathBuf, PathBuf)> {
    let names = names(lang);
    for folder in folders {
        let mut candidates: Vec<String> = names.clone();
        // Any other region of the language, in a stable order.
        let primary = primary(lang);
        let mut others: Vec<String> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter_map(|n| n.strip_suffix(".aff").map(str::to_owned))
            .filter(|n| n.starts_with(&format!("{primary}_")))
            .collect();
        others.sort();
        candidates.extend(others);
        for name in candidates {
            let aff = folder.join(format!("{name}.aff"));
            let dic = folder.join(format!("{name}.dic"));
            if aff.is_file() && dic.is_file() {
                return Some((aff, dic));
            }
        }
    }
    None
}

/// The file names to try first for `lang`: `fr-CA` → `fr_CA`, `fr`, `fr_FR`.
fn names(lang: &str) -> Vec<String> {
    let primary = primary(lang);
    let mut names = Vec::new();
    if let Some((_, region)) = lang.split_once(['-', '_']) {
        names.push(format!("{primary}_{}", region.to_uppercase()));
    }
    names.push(primary.clone());
    let usual = match primary.as_str() {
        "en" => "en_US".to_owned(),
        "pt" => "pt_PT".to_owned(),
        p => format!("{p}_{}", p.to_uppercase()),
    };
    names.push(usual);
    names.dedup();
    names
}

fn primary(lang: &str) -> String {
    crate::texts::primary_subtag(lang).to_string()
}

/// What to install for `lang` on Debian or Ubuntu.
pub fn package(lang: &str) -> String {
    match primary(lang).as_str() {
        "en" => "hunspell-en-us".into(),
        "de" => "hunspell-de-de".into(),
        "pt" => "hunspell-pt-pt (or hunspell-pt-br)".into(),
        p => format!("hunspell-{p}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_tried_before_the_language() {
        assert_eq!(names("fr-CA"), ["fr_CA", "fr", "fr_FR"]);
        assert_eq!(names("en"), ["en", "en_US"]);
        assert_eq!(package("de-AT"), "hunspell-de-de");
    }

    #[test]
    fn the_first_folder_with_a_pair_wins() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        for (dir, name) in [(&a, "fr_BE"), (&b, "fr")] {
            std::fs::write(dir.path().join(format!("{name}.aff")), "").unwrap();
            std::fs::write(dir.path().join(format!("{name}.dic")), "").unwrap();
        }
        std::fs::write(a.path().join("fr.aff"), "").unwrap();
        let folders = [a.path().to_path_buf(), b.path().to_path_buf()];
        // fr.aff without fr.dic is no pair: the other region of the first folder wins.
        assert_eq!(find("fr", &folders).unwrap().1, a.path().join("fr_BE.dic"));
        assert_eq!(find("de", &folders), None);
    }
}
