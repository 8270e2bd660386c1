//! Diagnostics: every mistake in a user's site becomes one `Diagnostic` naming the file, the line and
//! the column where it can, with the source line and a hint. The build collects them all and prints
//! them at once, so a user fixes a whole batch per run instead of one error at a time.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

mod words;
pub use words::{did_you_mean, explain_serde_message, explain_type, line_at};

/// One problem in the user's site.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible (shown as written).
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    pub message: String,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
    /// A hint on how to fix it ("did you mean `title`?").
    pub help: Option<String>,
    /// How many characters from `column` the problem spans, underlined under the source line
    /// (a misspelt word); one caret when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<usize>,
    /// An error stops the build; a warning is said and the build goes on (a spelling finding
    /// outside `[spell] strict`). Serialized only for warnings, so errors read as they always did.
    #[serde(skip_serializing_if = "Level::is_error")]
    pub level: Level,
}

/// How much a diagnostic weighs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Error,
    Warning,
}

impl Level {
    fn is_error(&self) -> bool {
        *self == Level::Error
    }
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            source_line: None,
            help: None,
            width: None,
            level: Level::Error,
        }
    }

    /// Underlines `width` characters from the column instead of one.
    pub fn width(mut self, width: usize) -> Self {
        self.width = Some(width.max(1));
        self
    }

    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// Points the diagnostic at a 1-based line and column of `source`, keeping that line to show.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = source.lines().nth(line.max(1) - 1).map(str::to_owned);
        self
    }

    /// Points the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_col(source, offset);
        self.at(source, line, column)
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Human rendering: `file:line:col: error: message`, the source line with a caret, and the hint.
    pub fn render(&self, color: bool) -> String {
        let (red, bold, blue, reset) = if color {
            let mark = match self.level {
                Level::Error => "\x1b[1;31m",
                Level::Warning => "\x1b[1;33m",
            };
            (mark, "\x1b[1m", "\x1b[1;34m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let label = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let mut out = format!("{bold}{}", self.file.display());
        if let Some(line) = self.line {
            let _ = write!(out, ":{line}");
            if let Some(column) = self.column {
                let _ = write!(out, ":{column}");
            }
        }
        let _ = write!(out, ":{reset} {red}{label}:{reset} {}", self.message);
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let _ = write!(out, "\n {blue}{number} |{reset} {text}");
            if let Some(column) = self.column {
                let caret_pad: String = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let carets = "^".repeat(self.width.unwrap_or(1));
                let _ = write!(
                    out,
                    "\n {blue}{pad} |{reset} {caret_pad}{red}{carets}{reset}"
                );
            }
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n {blue}={reset} help: {help}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// What a failed stage returns: every problem found, never just the first.
pub type Diagnostics = Vec<Diagnostic>;

/// What a stage made of the items that went well, and the problems of the others: later stages go
/// on with the good items so that one run reports every problem of the site.
pub type Partial<T> = (Vec<T>, Diagnostics);

/// Separates the items that went well from the problems of the others, keeping their order.
pub fn partition<T>(results: Vec<Result<T, Diagnostics>>) -> Partial<T> {
    let mut done = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(item) => done.push(item),
            Err(mut d) => problems.append(&mut d),
        }
    }
    (done, problems)
}

/// One diagnostic per place in the source: a mistake in a template or a shared file is found once
/// per page that uses it (`/a.html: <link> loads …` for each), and would be reported dozens of
/// times. Diagnostics at the same file, line and column with the same message after their page's
/// URL are kept once, in first-seen order, the pages summarised: `/a.html and 15 other pages: …`.
pub fn merge_repeats(problems: Diagnostics) -> Diagnostics {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in problems {
        let repeat = out
            .iter_mut()
            .find(|(kept, _)| same_place_and_words(kept, &d));
        match repeat {
            Some((_, others)) => *others += 1,
            None => out.push((d, 0)),
        }
    }
    out.into_iter()
        .map(|(mut d, others)| {
            if others > 0
                && let Some((url, rest)) = page_and_words(&d.message)
            {
                let pages = if others == 1 { "page" } else { "pages" };
                d.message = format!("{url} and {others} other {pages}: {rest}");
            }
            d
        })
        .collect()
}

/// `/a.html: words` as (`/a.html`, `words`): a message about one page.
fn page_and_words(message: &str) -> Option<(&str, &str)> {
    let (url, rest) = message.split_once(": ")?;
    (url.starts_with('/') && !url.contains(' ')).then_some((url, rest))
}

fn same_place_and_words(a: &Diagnostic, b: &Diagnostic) -> bool {
    let words = |d: &Diagnostic| page_and_words(&d.message).map(|(_, rest)| rest.to_owned());
    a.line.is_some()
        && (&a.file, a.line, a.column, &a.help) == (&b.file, b.line, b.column, &b.help)
        && words(a).is_some()
        && words(a) == words(b)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A path shown relative to the site root, as users think of it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_at_one_place_are_merged_and_others_kept() {
        let src = "a\n<link href=x>\n";
        let at = |page: &str, col| {
            Diagnostic::new("base.html", format!("{page}: loads `x`"))
                .at(src, 2, col)
                .help("inline it")
        };
        let merged = merge_repeats(vec![
            at("/a.html", 1),
            at("/b.html", 1),
            at("/c.html", 1),
            at("/a.html", 7),
            Diagnostic::new("planb.toml", "/a.html: over budget"),
            Diagnostic::new("planb.toml", "/b.html: over budget"),
        ]);
        let messages: Vec<_> = merged.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "/a.html and 2 other pages: loads `x`",
                "/a.html: loads `x`",
                "/a.html: over budget",
                "/b.html: over budget"
            ]
        );
    }

    #[test]
    fn renders_location_source_and_help() {
        let d = Diagnostic::new("content/a.md", "unknown field `titel`")
            .at("+++\ntitel = 1\n+++", 2, 1)
            .help("did you mean `title`?");
        assert_eq!(
            d.render(false),
            "content/a.md:2:1: error: unknown field `titel`\n 2 | titel = 1\n   | ^\n = help: did you mean `title`?"
        );
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("é\nab", 4), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
    }

    #[test]
    fn serde_unknown_field_gets_suggestion() {
        let (msg, help) =
            explain_serde_message("unknown field `titel`, expected one of `title`, `kind`");
        assert_eq!(msg, "unknown field `titel`");
        assert_eq!(help.as_deref(), Some("did you mean `title`?"));
    }
}
