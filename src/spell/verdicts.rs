//! The verdicts a dictionary gave, kept between runs: parsing Debian's French dictionary takes
//! about 20 ms, as long as the rest of a rebuild of the default site, while the site's words
//! hardly change from one build to the next. So each run writes what it judged to a file of the
//! user's cache folder (`$XDG_CACHE_HOME/planb/spell/`, else `~/.cache/planb/spell/`), named after
//! the dictionary's two files (path, size, modification time) and planb's version; the next run
//! reads it, and parses the dictionary only for a word it has not seen.
//!
//! It is only a speed-up: a cache folder that cannot be read or written is ignored, and a file
//! that does not start with this format's first line is not read. Nothing in it reaches the
//! output.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};

const HEADER: &str = "planb spell verdicts 1";

/// More entries than any one site has words: past it the file is not rewritten, so a machine
/// that builds many sites does not grow one without bound (the words then cost a parse again).
const MAX_ENTRIES: usize = 200_000;

/// Words to what was said of them. foldhash rather than std's SipHash: every word of every page
/// is looked up here, and nothing hostile chooses the keys.
pub type ByWord<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// What a dictionary said of words: known or not, and the suggestions asked for.
#[derive(Debug, Default, PartialEq)]
pub struct Verdicts {
    pub known: ByWord<bool>,
    pub suggestions: ByWord<Vec<String>>,
}

/// The file that keeps the verdicts of the dictionary `aff`/`dic`, or None without a cache
/// folder or when either file cannot be looked at.
pub fn location(aff: &Path, dic: &Path) -> Option<PathBuf> {
    let folder = cache_folder()?;
    let mut key = format!("{HEADER}\n{}\n", env!("CARGO_PKG_VERSION"));
    for file in [aff, dic] {
        let path = file.canonicalize().ok()?;
        let meta = path.metadata().ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let _ = writeln!(
            key,
            "{}\t{}\t{}",
            path.display(),
            meta.len(),
            modified.as_nanos()
        );
    }
    let digest = Sha256::digest(key.as_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(folder.join(format!("{name}.tsv")))
}

fn cache_folder() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    std::env::var_os("XDG_CACHE_HOME")
        .and_then(absolute)
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(absolute)
                .map(|h| h.join(".cache"))
        })
        .map(|c| c.join("planb").join("spell"))
}

/// The verdicts kept in `file`, or None when it is missing or not of this format.
pub fn read(file: &Path) -> Option<Verdicts> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    let mut verdicts = Verdicts::default();
    for line in lines {
        let mut fields = line.split('\t');
        match (fields.next(), fields.next()) {
            (Some("k"), Some(word)) => {
                let known = fields.next() == Some("1");
                verdicts.known.insert(word.to_owned(), known);
            }
            (Some("s"), Some(word)) => {
                let list = fields.map(str::to_owned).collect();
                verdicts.suggestions.insert(word.to_owned(), list);
            }
            _ => return None,
        }
    }
    Some(verdicts)
}

/// Writes `verdicts` to `file`, whole or not at all (a temporary file renamed over it, so two
/// builds at once never read half a file). Failures are ignored: see the module doc.
pub fn write(file: &Path, verdicts: &Verdicts) {
    if verdicts.known.len() + verdicts.suggestions.len() > MAX_ENTRIES {
        return;
    }
    let Some(folder) = file.parent() else { return };
    if std::fs::create_dir_all(folder).is_err() {
        return;
    }
    let fits = |w: &str| !w.contains(['\t', '\n', '\r']);
    let mut known: Vec<_> = verdicts.known.iter().filter(|(w, _)| fits(w)).collect();
    known.sort();
    let mut suggestions: Vec<_> = verdicts
        .suggestions
        .iter()
        .filter(|(w, s)| fits(w) && s.iter().all(|s| fits(s)))
        .collect();
    suggestions.sort();
    let mut text = format!("{HEADER}\n");
    for (word, k) in known {
        let _ = writeln!(text, "k\t{word}\t{}", u8::from(*k));
    }
    for (word, list) in suggestions {
        let _ = write!(text, "s\t{word}");
        for suggestion in list {
            let _ = write!(text, "\t{suggestion}");
        }
        text.push('\n');
    }
    // One name per process and thread: the writers that could meet (two builds, a `serve`).
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let temporary = folder.join(format!(".{}.{thread}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("spell").join("v.tsv");
        let mut v = Verdicts::default();
        v.known.insert("ci-dessous".into(), true);
        v.known.insert("çi-dessous".into(), false);
        v.suggestions.insert(
            "çi-dessous".into(),
            vec!["ci-dessous".into(), "dessous".into()],
        );
        v.suggestions.insert("zzz".into(), vec![]);
        write(&file, &v);
        assert_eq!(read(&file), Some(v));
    }

    #[test]
    fn another_format_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("v.tsv");
        std::fs::write(&file, "planb spell verdicts 0\nk\tword\t1\n").unwrap();
        assert_eq!(read(&file), None);
        std::fs::write(&file, format!("{HEADER}\nx\tword\n")).unwrap();
        assert_eq!(read(&file), None);
    }

    #[test]
    fn a_changed_dictionary_has_another_file() {
        let dir = tempfile::tempdir().unwrap();
        let (aff, dic) = (dir.path().join("xx.aff"), dir.path().join("xx.dic"));
        std::fs::write(&aff, "SET UTF-8\n").unwrap();
        std::fs::write(&dic, "1\nmot\n").unwrap();
        let before = location(&aff, &dic);
        std::fs::write(&dic, "2\nmot\nautre\n").unwrap();
        assert_ne!(before, location(&aff, &dic));
    }
}
