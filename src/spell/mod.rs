//! The spell check: every text a visitor reads (see `sources`), in the site's language, against
//! a Hunspell dictionary (`dictionary`), with the language's typography rules (`typography`).
//!
//! - A finding is a diagnostic like any other: file, line, column, the word underlined, up to
//!   three suggestions. `check` fails on findings; `build` warns and builds unless
//!   `[spell] strict = true`, since the night before a show must not be blocked by a false
//!   positive.
//! - Words the site knows are never flagged: `[spell] words`, the `spell.words_file`, the site's
//!   name and the words of its own addresses (`site.url`, `email_capture`, `status_page`, each
//!   action's host).
//! - A language without a dictionary is said, never passed in silence; `[spell] enabled = false`
//!   turns the check off, and `check` says so.
//! - Findings are kept per page, so a `serve` rebuild after a Markdown edit rechecks that page
//!   alone; the dictionary and its verdicts live in a `Dictionaries` the session keeps.

pub mod dictionary;
pub mod fix;
mod load;
mod sources;
mod typography;
mod verdicts;
mod words;

use std::collections::{BTreeMap, HashSet};

/// Words the site knows, lowercase. foldhash: every word of every page is looked up.
type WordSet = HashSet<String, foldhash::fast::RandomState>;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Page;
use crate::diag::{Diagnostic, Diagnostics, Level};
use crate::theme::{Template, Theme};
pub use dictionary::Dictionaries;
use dictionary::Loaded;
pub use fix::Fix;
use sources::{LanguageFile, Segment, Source};

/// One spelling or typography problem, at its bytes in its file.
#[derive(Debug, Clone)]
pub struct Finding {
    source: Arc<Source>,
    range: Range<usize>,
    message: String,
    help: String,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn diagnostic(&self, level: Level) -> Diagnostic {
        let text = &self.source.text;
        let width = text
            .get(self.range.clone())
            .map_or(1, |s| s.chars().count());
        Diagnostic::new(&self.source.file, &self.message)
            .at_offset(text, self.range.start)
            .width(width)
            .help(&self.help)
            .level(level)
    }
}

/// What the spell check found in a site.
#[derive(Debug, Clone, Default)]
pub struct Spelling {
    /// By page file (`Page::file`): what its Markdown file holds.
    pages: BTreeMap<String, Vec<Finding>>,
    /// What the theme holds: template text, UI strings, status texts.
    theme: Vec<Finding>,
    /// Why some text could not be checked: a language without a dictionary.
    notes: Diagnostics,
    /// `[spell] enabled = false`.
    pub off: bool,
}

impl Spelling {
    /// Every finding and note as a diagnostic of `level`, by file and place.
    pub fn diagnostics(&self, level: Level) -> Diagnostics {
        let mut findings: Vec<&Finding> = self.pages.values().flatten().collect();
        findings.extend(&self.theme);
        findings
            .sort_by(|a, b| (&a.source.file, a.range.start).cmp(&(&b.source.file, b.range.start)));
        let mut out: Diagnostics = self.notes.iter().map(|d| d.clone().level(level)).collect();
        out.extend(findings.into_iter().map(|f| f.diagnostic(level)));
        out
    }

    /// Every fix `check --fix` may write.
    pub fn fixes(&self) -> Vec<Fix> {
        self.pages
            .values()
            .flatten()
            .filter_map(|f| f.fix.clone())
            .collect()
    }

    /// Checks `pages` again (after an edit), keeping every other finding.
    pub fn recheck(&mut self, speller: Option<&Speller>, pages: &[&Page]) {
        if let Some(speller) = speller {
            for page in pages {
                self.pages
                    .insert(page.file.clone(), speller.check_page(page));
            }
        }
    }
}

/// The site's languages, the dictionary of each, and the words it knows.
pub struct Speller {
    /// By language tag (`site.languages`).
    languages: BTreeMap<String, Language>,
    /// The default language's tag: templates' own text is in it.
    default: String,
    /// Lowercase.
    accepted: WordSet,
}

/// One language of the site, as the checks need it.
struct Language {
    /// Its primary subtag, which typography rules are keyed by: "fr".
    primary: String,
    /// None when no dictionary was found: only typography is checked.
    dictionary: Option<Arc<Loaded>>,
}

/// A speller, or why there is none: errors in `[spell]` (a missing words file) fail the
/// build; notes (no dictionary) are warnings there and errors in `check`.
pub struct Loading {
    pub speller: Option<Speller>,
    pub errors: Diagnostics,
    pub notes: Diagnostics,
}

impl Speller {
    /// Checks every page, each in its language, and the theme's texts the pages show.
    pub fn check(
        &self,
        pages: &[&Page],
        templates: &[Template],
        theme: &Theme,
    ) -> (BTreeMap<String, Vec<Finding>>, Vec<Finding>) {
        let by_page = pages
            .par_iter()
            .map(|p| (p.file.clone(), self.check_page(p)))
            .collect();
        let template_text: Vec<Segment> = templates.iter().flat_map(sources::template).collect();
        let mut findings = self.check_segments(&template_text, &WordSet::default(), &self.default);
        for lang in self.languages.keys() {
            let shown: Vec<&Page> = pages.iter().copied().filter(|p| p.lang == *lang).collect();
            let segments = theme_texts(templates, theme, lang, &shown);
            findings.extend(self.check_segments(&segments, &WordSet::default(), lang));
        }
        (by_page, findings)
    }

    /// The findings of one page's Markdown file; the hosts of its action links are its words.
    fn check_page(&self, page: &Page) -> Vec<Finding> {
        self.check_segments(
            &sources::page(page),
            &action_hosts(page).collect(),
            &page.lang,
        )
    }

    fn check_segments(&self, segments: &[Segment], known: &WordSet, lang: &str) -> Vec<Finding> {
        let Some(language) = self
            .languages
            .get(lang)
            .or_else(|| self.languages.get(&self.default))
        else {
            return Vec::new();
        };
        segments
            .par_iter()
            .flat_map_iter(|s| self.check_segment(s, known, language))
            .collect()
    }

    fn check_segment(&self, seg: &Segment, known: &WordSet, language: &Language) -> Vec<Finding> {
        let words = words::words(&seg.text);
        let primary = language.primary.as_str();
        let mut out: Vec<Finding> = typography::check(&seg.text, primary, seg.before, &words)
            .into_iter()
            .map(|i| finding(seg, i.range, i.message, i.help, i.replacement))
            .collect();
        let in_what = seg
            .what
            .as_deref()
            .map(|w| format!(" in {w}"))
            .unwrap_or_default();
        for (n, w) in words.iter().enumerate() {
            let word = &seg.text[w.clone()];
            if seg.accept_last && n + 1 == words.len() {
                continue;
            }
            if primary == "fr"
                && let Some(fixed) = cedilla(word)
            {
                out.push(finding(
                    seg,
                    w.clone(),
                    format!("unknown word `{word}`{in_what}: ç is never written before e, i or y"),
                    format!("did you mean `{fixed}`? `planb check --fix` writes it"),
                    Some(fixed),
                ));
                continue;
            }
            let Some(dict) = &language.dictionary else {
                continue;
            };
            if known.contains(words::lowercase(word).as_ref()) || self.knows(dict, word, primary) {
                continue;
            }
            let suggestions = dict.suggest(word);
            let mut help = match suggestions.as_slice() {
                [] => String::new(),
                [one] => format!("did you mean `{one}`? "),
                [rest @ .., last] => format!(
                    "did you mean {} or `{last}`? ",
                    rest.iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            help.push_str("If it is right, add it to `[spell] words` in planb.toml");
            if seg.source.fixable && seg.what.is_none() {
                help.push_str(", or write <!-- spell:ok --> right after it");
            }
            out.push(finding(
                seg,
                w.clone(),
                format!("unknown word `{word}`{in_what}"),
                help,
                None,
            ));
        }
        out.sort_by_key(|f| f.range.start);
        out
    }

    /// Whether `word` is right: the site knows it, or the dictionary does, whole, with the
    /// other apostrophe, or part by part (`self-contained`, `l’App`).
    fn knows(&self, dict: &Loaded, word: &str, primary: &str) -> bool {
        let one = |w: &str| {
            self.accepted.contains(words::lowercase(w).as_ref())
                || dict.knows(w)
                || dict.knows(&w.replace('’', "'"))
                || dict.knows(&w.replace('\'', "’"))
        };
        if one(word) {
            return true;
        }
        if let Some(i) = word.find(['’', '\'']).filter(|_| primary == "fr") {
            let sep = word[i..].chars().next().map_or(1, char::len_utf8);
            let (elided, rest) = (&word[..i + sep], &word[i + sep..]);
            if one(elided) && one(rest) {
                return true;
            }
        }
        word.contains('-') && word.split('-').all(|part| !part.is_empty() && one(part))
    }
}

/// A finding at `range` of the segment; without a place of its own when the segment is not
/// the file's bytes, then without a fix either.
fn finding(
    seg: &Segment,
    range: Range<usize>,
    message: String,
    help: String,
    replacement: Option<String>,
) -> Finding {
    let (range, fix) = if seg.exact {
        let range = seg.start + range.start..seg.start + range.end;
        let fix = replacement.filter(|_| seg.source.fixable).map(|with| Fix {
            source: seg.source.clone(),
            range: range.clone(),
            with,
        });
        (range, fix)
    } else {
        (seg.start..seg.start, None)
    };
    Finding {
        source: seg.source.clone(),
        range,
        message,
        help,
        fix,
    }
}

/// `çi-dessous` → `ci-dessous`: French never writes ç before e, i or y.
fn cedilla(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let wrong = chars.windows(2).any(|w| {
        matches!(w[0], 'ç' | 'Ç')
            && matches!(w[1].to_ascii_lowercase(), 'e' | 'i' | 'y' | 'é' | 'è' | 'ê')
    });
    wrong.then(|| {
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let next = chars
                .get(i + 1)
                .map(|n| n.to_lowercase().next().unwrap_or(*n));
            let soft = next.is_some_and(|n| matches!(n, 'e' | 'i' | 'y' | 'é' | 'è' | 'ê'));
            out.push(match c {
                'ç' if soft => 'c',
                'Ç' if soft => 'C',
                c => c,
            });
        }
        out
    })
}

/// The UI strings the templates use and the status texts `pages` show, from the files of
/// `lang` (the built-in one, then the site's).
fn theme_texts(templates: &[Template], theme: &Theme, lang: &str, pages: &[&Page]) -> Vec<Segment> {
    let files: Vec<LanguageFile> = theme
        .language_files(lang)
        .into_iter()
        .filter_map(|(shown, text)| LanguageFile::new(shown, text))
        .collect();
    let keys = files
        .iter()
        .flat_map(|f| f.table.iter())
        .filter(|(_, v)| v.is_str())
        .map(|(k, _)| k.clone())
        .collect::<std::collections::BTreeSet<_>>();
    let from = |code: Option<u16>, key: &str, what: String| {
        files
            .iter()
            .rev()
            .find(|f| f.get(code, key).is_some())
            .and_then(|f| f.segment(code, key, what))
    };
    let mut segments = Vec::new();
    for key in sources::used_ui_keys(templates, keys.into_iter()) {
        segments.extend(from(None, &key, format!("the UI string `{key}`")));
    }
    for code in sources::shown_statuses(pages) {
        for field in crate::texts::STATUS_FIELDS {
            segments.extend(from(
                Some(code),
                field,
                format!("the {field} of status {code}"),
            ));
        }
    }
    segments
}

/// The words of the hosts of a page's action links.
fn action_hosts(page: &Page) -> impl Iterator<Item = String> + '_ {
    page.actions.iter().flat_map(|a| {
        let host = a.url.split_once("://").map_or("", |(_, rest)| {
            rest.split(['/', '?', '#']).next().unwrap_or("")
        });
        host.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    })
}

/// The whole spell check of a site's pages, from what `Speller::load` gave.
pub fn spelling(
    loading: &Loading,
    config: &Config,
    pages: &[&Page],
    templates: &[Template],
    theme: &Theme,
) -> Spelling {
    let mut spelling = Spelling {
        notes: loading.notes.clone(),
        off: !config.spell.enabled,
        ..Spelling::default()
    };
    if let Some(speller) = &loading.speller {
        let (by_page, theme_findings) = speller.check(pages, templates, theme);
        spelling.pages = by_page;
        spelling.theme = theme_findings;
    }
    spelling
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cedilla_before_e_i_y_is_corrected() {
        assert_eq!(cedilla("çi-dessous").as_deref(), Some("ci-dessous"));
        assert_eq!(cedilla("Çela").as_deref(), Some("Cela"));
        assert_eq!(cedilla("garçon"), None);
        assert_eq!(cedilla("reçu"), None);
    }
}
