//! Where the texts a visitor reads are written: each becomes a `Segment`, a piece of text and its
//! place in its file, so that a finding points at the file, line and column the author typed it
//! at, and `--fix` can rewrite exactly those bytes.
//!
//! - Markdown: text and image alt texts, never code spans, code blocks or autolinks; the `alt`,
//!   `title` and `aria-label` of raw HTML. `<!-- spell:ok -->` right after a word accepts that
//!   occurrence (the minifier drops the comment).
//! - Front matter: `title`, `description`, each action's `label`.
//! - The theme: the text between a template's tags (not inside `{{ }}`, `{% %}`, `<script>`,
//!   `<style>`), the UI strings templates use (`t.KEY`), and the status texts of the site's error
//!   and overflow pages, each pointed at the language file that gives it.
//! - A segment is `exact` when its text is the file's bytes at `start`; otherwise (an escape, an
//!   entity) findings point at its start and carry no fix.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::content::{Kind, Page};
use crate::theme::Template;

/// A file texts come from.
#[derive(Debug)]
pub struct Source {
    /// As shown in messages, relative to the site root.
    pub file: PathBuf,
    pub text: String,
    /// A Markdown file of the site, which `check --fix` may rewrite.
    pub fixable: bool,
}

/// A piece of text a visitor reads, and where it is written.
#[derive(Debug, Clone)]
pub struct Segment {
    pub source: Arc<Source>,
    /// Byte offset of `text` in the source.
    pub start: usize,
    pub text: String,
    pub exact: bool,
    /// What the text is, when not the body: "the action label", "the UI string `home`".
    pub what: Option<String>,
    /// The character the text follows in the file, past emphasis markers.
    pub before: Option<char>,
    /// `<!-- spell:ok -->` follows its last word.
    pub accept_last: bool,
}

impl Segment {
    fn new(source: &Arc<Source>, start: usize, text: &str, what: Option<String>) -> Segment {
        let exact = source.text.get(start..start + text.len()) == Some(text);
        let before = source.text[..start.min(source.text.len())]
            .chars()
            .rev()
            .find(|c| !matches!(c, '*' | '_' | '~' | '`'));
        Segment {
            source: source.clone(),
            start,
            text: text.to_owned(),
            exact,
            what,
            before,
            accept_last: false,
        }
    }
}

/// The texts of one page's Markdown file: front matter strings and body.
pub fn page(page: &Page) -> Vec<Segment> {
    let Some(file) = &page.source else {
        return Vec::new();
    };
    let source = Arc::new(Source {
        file: file.clone(),
        text: page.source_text.clone(),
        fixable: true,
    });
    let front = &page.source_text[..page.body_offset.min(page.source_text.len())];
    let mut out = Vec::new();
    let mut shown = Vec::new();
    if !page.title_from_status {
        shown.push(("title", &page.title, "the title"));
    }
    shown.push(("description", &page.description, "the description"));
    let mut from = 0;
    for (field, value, what) in shown {
        let at = field_line(front, field).unwrap_or(0);
        out.push(front_string(&source, front, at, value, what));
    }
    for action in &page.actions {
        let seg = front_string(&source, front, from, &action.label, "the action label");
        from = seg.start + seg.text.len();
        out.push(seg);
    }
    out.retain(|s| !s.text.is_empty());
    out.extend(markdown(&source, &page.markdown, page.body_offset));
    out
}

/// The front matter line setting `field`, as a byte offset.
fn field_line(front: &str, field: &str) -> Option<usize> {
    let mut at = 0;
    for line in front.split_inclusive('\n') {
        let l = line.trim_start();
        if l.starts_with(field) && l[field.len()..].trim_start().starts_with(['=', ':']) {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// A front matter string, found as written from `from` on; else at `from`, inexact.
fn front_string(
    source: &Arc<Source>,
    front: &str,
    from: usize,
    value: &str,
    what: &str,
) -> Segment {
    let start = front[from.min(front.len())..]
        .find(value)
        .map_or(from, |i| from + i);
    Segment::new(source, start, value, Some(what.to_owned()))
}

const MARKDOWN: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// The prose of a Markdown body that starts at byte `base` of the source.
fn markdown(source: &Arc<Source>, md: &str, base: usize) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    // Contiguous text events ("Prêt " and "?") make one segment, so rules see both sides.
    let mut open: Option<(usize, String)> = None;
    let mut code = 0usize;
    let mut links: Vec<bool> = Vec::new();
    let mut alt = 0usize;
    let flush = |open: &mut Option<(usize, String)>, out: &mut Vec<Segment>, alt: bool| {
        if let Some((start, text)) = open.take() {
            let what = alt.then(|| "the alt text".to_owned());
            out.push(Segment::new(source, base + start, &text, what));
        }
    };
    for (event, range) in Parser::new_ext(md, MARKDOWN).into_offset_iter() {
        match event {
            Event::Text(text) if code == 0 && !links.last().copied().unwrap_or(false) => {
                match &mut open {
                    Some((start, t)) if *start + t.len() == range.start => t.push_str(&text),
                    _ => {
                        flush(&mut open, &mut out, alt > 0);
                        open = Some((range.start, text.into_string()));
                    }
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let contiguous = open
                    .as_ref()
                    .is_some_and(|(start, t)| start + t.len() == range.start);
                let ok = is_spell_ok(&html);
                flush(&mut open, &mut out, alt > 0);
                if ok
                    && contiguous
                    && let Some(last) = out.last_mut()
                {
                    last.accept_last = true;
                }
                for (at, value) in attributes(&html) {
                    out.push(Segment::new(
                        source,
                        base + range.start + at,
                        value,
                        Some("an HTML attribute".into()),
                    ));
                }
            }
            other => {
                flush(&mut open, &mut out, alt > 0);
                match other {
                    Event::Start(Tag::CodeBlock(_)) => code += 1,
                    Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
                    Event::Start(Tag::Link { link_type, .. }) => {
                        links.push(matches!(link_type, LinkType::Autolink | LinkType::Email));
                    }
                    Event::End(TagEnd::Link) => {
                        links.pop();
                    }
                    Event::Start(Tag::Image { .. }) => alt += 1,
                    Event::End(TagEnd::Image) => alt = alt.saturating_sub(1),
                    _ => {}
                }
            }
        }
    }
    flush(&mut open, &mut out, alt > 0);
    out
}

/// `<!-- spell:ok -->`, spaces allowed.
fn is_spell_ok(html: &str) -> bool {
    let inner = html.trim();
    inner
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
        .is_some_and(|s| s.replace(' ', "") == "spell:ok")
}

/// The `alt`, `title` and `aria-label` values of raw HTML, with their byte offsets.
fn attributes(html: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for name in ["alt", "title", "aria-label", "placeholder"] {
        for (i, _) in html.match_indices(name) {
            let before = html[..i].chars().next_back();
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let rest = &html[i + name.len()..];
            let Some(rest) = rest.trim_start().strip_prefix('=') else {
                continue;
            };
            let rest_at = html.len() - rest.len();
            let trimmed = rest.trim_start();
            let Some(quote) = trimmed.chars().next().filter(|q| *q == '"' || *q == '\'') else {
                continue;
            };
            let value_at = rest_at + (rest.len() - trimmed.len()) + 1;
            if let Some(end) = html[value_at..].find(quote) {
                out.push((value_at, &html[value_at..value_at + end]));
            }
        }
    }
    out
}

/// The literal text of a template: between tags, outside tera's `{{ }}`, `{% %}`, `{# #}`, and
/// not in `<script>` or `<style>`; with the `alt`, `title`, `aria-label` and `placeholder` values
/// written in its tags.
pub fn template(t: &Template) -> Vec<Segment> {
    let source = Arc::new(Source {
        file: PathBuf::from(&t.shown),
        text: t.source.clone(),
        fixable: false,
    });
    let s = &t.source;
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Segment>| {
        if s[from..to].chars().any(char::is_alphabetic) {
            out.push(Segment::new(&source, from, &s[from..to], None));
        }
    };
    while i < s.len() {
        let rest = &s[i..];
        let skip_to = if let Some(close) = tera_close(rest) {
            rest.find(close).map(|j| i + j + close.len())
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|j| i + j + 3)
        } else if let Some(name) = ["<script", "<style"]
            .into_iter()
            .find(|n| rest.starts_with(n))
        {
            let end = format!("</{}", &name[1..]);
            rest.find(&end).map(|j| i + j)
        } else if rest.starts_with('<') {
            let end = tag_end(rest).map(|j| i + j + 1);
            if let Some(end) = end {
                for (at, value) in attributes(&s[i..end]) {
                    if !value.contains("{{") && !value.contains("{%") {
                        push(i + at, i + at + value.len(), &mut out);
                    }
                }
            }
            end
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        push(text_start, i, &mut out);
        i = skip_to.unwrap_or(s.len()).max(i + 1);
        text_start = i;
    }
    push(text_start.min(s.len()), s.len(), &mut out);
    out
}

fn tera_close(rest: &str) -> Option<&'static str> {
    [("{{", "}}"), ("{%", "%}"), ("{#", "#}")]
        .into_iter()
        .find(|(open, _)| rest.starts_with(open))
        .map(|(_, close)| close)
}

/// The `>` closing a tag, past quoted attribute values and tera expressions inside it.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    let mut tera = 0usize;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if tera == 0 => quote = Some(c),
            (None, '{') => tera += 1,
            (None, '}') => tera = tera.saturating_sub(1),
            (None, '>') if tera == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// The UI strings `templates` use: `t.KEY` anywhere in their source.
pub fn used_ui_keys(templates: &[Template], keys: impl Iterator<Item = String>) -> Vec<String> {
    keys.filter(|k| {
        let needle = format!("t.{k}");
        templates.iter().any(|t| {
            t.source.match_indices(&needle).any(|(i, _)| {
                let after = t.source[i + needle.len()..].chars().next();
                let before = t.source[..i].chars().next_back();
                !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            })
        })
    })
    .collect()
}

/// The statuses whose texts the pages show: every error and overflow page's.
pub fn shown_statuses(pages: &[&Page]) -> BTreeSet<u16> {
    pages
        .iter()
        .filter(|p| p.kind != Kind::Landing)
        .map(|p| p.status)
        .collect()
}

/// A language file (`i18n/<lang>.toml`) as a source of UI strings and status texts.
pub struct LanguageFile {
    pub source: Arc<Source>,
    pub table: toml::Table,
}

impl LanguageFile {
    pub fn new(shown: String, text: String) -> Option<LanguageFile> {
        let table = toml::from_str(&text).ok()?;
        Some(LanguageFile {
            source: Arc::new(Source {
                file: PathBuf::from(shown),
                text,
                fixable: false,
            }),
            table,
        })
    }

    /// The value of `key` (in `[status.CODE]` when `code` is given), if this file sets it.
    pub fn get(&self, code: Option<u16>, key: &str) -> Option<&str> {
        let table = match code {
            Some(c) => self
                .table
                .get("status")?
                .as_table()?
                .get(&c.to_string())?
                .as_table()?,
            None => &self.table,
        };
        table.get(key)?.as_str()
    }

    /// The segment of `key`'s value, found on the line that sets it (under `[status.CODE]`).
    pub fn segment(&self, code: Option<u16>, key: &str, what: String) -> Option<Segment> {
        let value = self.get(code, key)?;
        let text = &self.source.text;
        let header = code.map(|c| format!("[status.{c}]"));
        let mut in_table = header.is_none();
        let mut at = 0;
        let mut found = 0;
        for line in text.split_inclusive('\n') {
            let l = line.trim();
            if l.starts_with('[') {
                in_table = header.as_deref() == Some(l);
            } else if in_table && l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
            {
                found = line.find(value).map_or(at, |i| at + i);
                break;
            }
            at += line.len();
        }
        Some(Segment::new(&self.source, found, value, Some(what)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(segments: &[Segment]) -> Vec<(&str, bool)> {
        segments
            .iter()
            .map(|s| (s.text.as_str(), s.exact))
            .collect()
    }

    #[test]
    fn markdown_prose_without_code_links_or_comments() {
        let md = "# Titre\n\nVoir `code` et <https://x.fr> ou [le site](https://y.fr).\n\n```\nçi\n```\n\n![Une photo](a.png) Wanteeed<!-- spell:ok --> fin <img alt=\"Le logo\" src=x>\n";
        let source = Arc::new(Source {
            file: "a.md".into(),
            text: md.into(),
            fixable: true,
        });
        let segments = markdown(&source, md, 0);
        assert_eq!(
            texts(&segments),
            [
                ("Titre", true),
                ("Voir ", true),
                (" et ", true),
                (" ou ", true),
                ("le site", true),
                (".", true),
                ("Une photo", true),
                (" Wanteeed", true),
                (" fin ", true),
                ("Le logo", true),
            ]
        );
        assert!(segments[7].accept_last);
        assert_eq!(segments[6].what.as_deref(), Some("the alt text"));
    }

    #[test]
    fn template_text_is_what_is_outside_tags_and_tera() {
        let t = Template {
            name: "a.html".into(),
            source: "<p title=\"Bienvenue\">{{ t.home }} Bonjour {% if x %}<b>monde</b>{% endif %}</p><script>var çi;</script><img alt=\"{{ a }}\">".into(),
            shown: "themes/x/templates/a.html".into(),
        };
        let segments = template(&t);
        let words: Vec<_> = segments.iter().map(|s| s.text.trim()).collect();
        assert_eq!(words, ["Bienvenue", "Bonjour", "monde"]);
        assert!(segments.iter().all(|s| s.exact));
    }
}
