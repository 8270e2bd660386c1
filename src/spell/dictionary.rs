//! Hunspell dictionaries: where a language's `.aff`/`.dic` pair is found, and loading it once.
//!
//! - The site's own folder (`spell.dictionaries`) comes first, then the system's: Debian's
//!   `hunspell-*` packages install into `/usr/share/hunspell`. These are the only files planb
//!   reads outside the site, and only to judge words.
//! - `fr-CA` looks for `fr_CA`, then `fr`, `fr_FR`, then any `fr_*`; `en` prefers `en_US`.
//! - Loading the French dictionary takes about 40 ms and a suggestion up to 200 ms, so a
//!   `Dictionaries` keeps every dictionary it loaded and every verdict it gave: a `serve`
//!   session holds one for its whole life, and a rebuild loads nothing and judges only new words.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

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
    dictionary: Dict,
    known: Mutex<HashMap<String, bool>>,
    suggestions: Mutex<HashMap<String, Vec<String>>>,
}

impl Loaded {
    /// Whether the dictionary knows `word`.
    pub fn knows(&self, word: &str) -> bool {
        if let Some(&k) = lock(&self.known).get(word) {
            return k;
        }
        let k = self.dictionary.check(word);
        lock(&self.known).insert(word.to_owned(), k);
        k
    }

    /// Up to three words the dictionary would write instead of `word`, in spellbook's order
    /// (deterministic with a fixed hasher, see `Dict`).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Some(s) = lock(&self.suggestions).get(word) {
            return s.clone();
        }
        let mut all = Vec::new();
        self.dictionary.suggest(word, &mut all);
        all.truncate(3);
        lock(&self.suggestions).insert(word.to_owned(), all.clone());
        all
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A verdict table stays valid even if a thread panicked while holding it.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Dictionaries {
    /// The dictionary of the pair `aff`/`dic`, loaded on first use.
    pub fn load(&self, aff: &Path, dic: &Path) -> Result<Arc<Loaded>, String> {
        if let Some(d) = lock(&self.loaded).get(dic) {
            return Ok(d.clone());
        }
        let read = |p: &Path| {
            let bytes =
                std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            String::from_utf8(bytes).map_err(|_| {
                format!(
                    "{} is not UTF-8; convert it (`iconv -t UTF-8`) and set `SET UTF-8` in its .aff",
                    p.display()
                )
            })
        };
        let hasher = foldhash::fast::FixedState::with_seed(0x0070_6c61_6e62);
        let dictionary = Dict::new_with_hasher(&read(aff)?, &read(dic)?, hasher)
            .map_err(|e| format!("{} is not a Hunspell dictionary: {e}", aff.display()))?;
        let loaded = Arc::new(Loaded {
            file: dic.to_path_buf(),
            dictionary,
            known: Mutex::default(),
            suggestions: Mutex::default(),
        });
        lock(&self.loaded).insert(dic.to_path_buf(), loaded.clone());
        Ok(loaded)
    }
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
