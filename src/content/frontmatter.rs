//! Front matter: the `+++` TOML or `---` YAML block at the top of a Markdown file, parsed strictly.

use serde::Deserialize;

use super::kind::Kind;
use crate::diag::{Diagnostic, explain_serde_message};

/// What a page may say about itself. Unknown fields are errors: a typo in `retry_after` must not
/// silently ship a page without its retry delay.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: Option<Kind>,
    pub status: Option<u16>,
    pub template: Option<String>,
    pub retry_after: Option<u32>,
    pub cache: Option<String>,
    /// Most bytes this page may weigh (gzip body plus headers), overriding `budget.bytes`.
    pub budget: Option<usize>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A call-to-action button: an app store, a browser extension, any link.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub label: String,
    pub url: String,
    #[serde(default)]
    pub style: ActionStyle,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ActionStyle {
    #[default]
    Primary,
    Secondary,
}

/// A file split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// Byte offset of the body in the file, to report Markdown problems at the right line.
    pub body_offset: usize,
}

/// Splits and parses the front matter of `source` (the whole file, BOM already removed).
pub fn split<'a>(file: &str, source: &'a str) -> Result<Split<'a>, Diagnostic> {
    let fence = match first_line(source) {
        "+++" => "+++",
        "---" => "---",
        _ => {
            return Ok(Split {
                front: FrontMatter::default(),
                body: source,
                body_offset: 0,
            });
        }
    };
    let start = source.find('\n').map_or(source.len(), |i| i + 1);
    let Some((end, body_offset)) = closing_fence(source, start, fence) else {
        return Err(Diagnostic::new(
            file,
            format!("front matter opened with `{fence}` is never closed"),
        )
        .at(source, 1, 1)
        .help(format!(
            "add a line with `{fence}` alone after the last field"
        )));
    };
    let text = &source[start..end];
    let front = if fence == "+++" {
        parse_toml(file, source, text, start)?
    } else {
        parse_yaml(file, source, text, start)?
    };
    Ok(Split {
        front,
        body: &source[body_offset..],
        body_offset,
    })
}

fn first_line(source: &str) -> &str {
    source.lines().next().unwrap_or_default().trim_end()
}

/// Where the closing fence starts, and where the body after it starts.
fn closing_fence(source: &str, from: usize, fence: &str) -> Option<(usize, usize)> {
    let mut offset = from;
    for line in source[from..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn parse_toml(
    file: &str,
    source: &str,
    text: &str,
    start: usize,
) -> Result<FrontMatter, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let line = crate::diag::line_at(text, offset);
        let (message, help) = match crate::diag::explain_type(e.message(), Some(line), " = ") {
            Some((message, help)) => (message, Some(help)),
            None => explain_serde_message(e.message()),
        };
        with_help(
            Diagnostic::new(file, format!("front matter: {message}"))
                .at_offset(source, start + offset),
            help,
        )
    })
}

fn parse_yaml(
    file: &str,
    source: &str,
    text: &str,
    start: usize,
) -> Result<FrontMatter, Diagnostic> {
    // An empty YAML document is null, not an empty map.
    if text.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml_ng::from_str(text).map_err(|e| {
        let full = e.to_string();
        // The crate appends " at line L column C"; the diagnostic shows the position itself.
        let bare = full.split(" at line ").next().unwrap_or(&full);
        let offset = e.location().map_or(0, |l| l.index());
        let line = crate::diag::line_at(text, offset);
        let (message, mut help) = match crate::diag::explain_type(bare, Some(line), ": ") {
            Some((message, help)) => (message, Some(help)),
            None => explain_serde_message(bare),
        };
        if help.is_none() && text.contains('\t') {
            help = Some("YAML indents with spaces, never tabs".into());
        }
        with_help(
            Diagnostic::new(file, format!("front matter: {message}"))
                .at_offset(source, start + offset),
            help,
        )
    })
}

fn with_help(d: Diagnostic, help: Option<String>) -> Diagnostic {
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter() {
        let s = split("a.md", "+++\ntitle = \"Hi\"\n+++\nBody\n").unwrap();
        assert_eq!(s.front.title.as_deref(), Some("Hi"));
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 21);
    }

    #[test]
    fn yaml_front_matter() {
        let s = split("a.md", "---\ntitle: Salut\nretry_after: 60\n---\nCorps").unwrap();
        assert_eq!(s.front.title.as_deref(), Some("Salut"));
        assert_eq!(s.front.retry_after, Some(60));
        assert_eq!(s.body, "Corps");
    }

    #[test]
    fn no_front_matter() {
        let s = split("a.md", "# Title\n").unwrap();
        assert!(s.front.title.is_none());
        assert_eq!(s.body_offset, 0);
    }

    #[test]
    fn unclosed() {
        let d = split("a.md", "+++\ntitle = \"x\"\n").unwrap_err();
        assert!(d.message.contains("never closed"), "{d}");
        assert_eq!(d.line, Some(1));
    }

    #[test]
    fn unknown_field_in_yaml_is_located() {
        let d = split("a.md", "---\ntitle: a\ntitel: b\n---\n").unwrap_err();
        assert_eq!(d.message, "front matter: unknown field `titel`");
        assert_eq!(d.line, Some(3));
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn unknown_field_in_toml_is_located() {
        let d = split("a.md", "+++\ntitle = \"a\"\nretry_afte = 3\n+++\n").unwrap_err();
        assert_eq!(d.line, Some(3));
        assert_eq!(d.help.as_deref(), Some("did you mean `retry_after`?"));
    }
}
