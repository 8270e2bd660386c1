//! A site's own language file (`themes/<theme>/i18n/<lang>.toml`): overrides of single keys,
//! checked here with the line of each mistake, since planb's tests never see it.
//!
//! - Syntax errors reuse `config::toml_error` (file:line:col and the source line).
//! - A key English has must hold what English holds: a string, or under `[status.CODE]` (a code
//!   planb knows) the strings `title`, `text`, `advice`. A number or a typo (`titel`) would
//!   otherwise be ignored silently, or break the page at render time.
//! - Other top-level keys pass: a site's own templates may use UI strings of their own.
//! - A file for a language planb has no built-in file for must give every key of English: a gap
//!   would silently show English in the middle of a page in another language.
//! - Problems are sorted by position: the parsed table does not keep the file's order.

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::{STATUS, STATUS_FIELDS};
use crate::config::toml_error;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::statuses;

/// Parses and checks a site's `i18n/<lang>.toml` (`shown` names it in messages).
pub fn parse(shown: &str, text: &str, lang: &str) -> Result<toml::Table, Diagnostics> {
    let doc = DeTable::parse(text).map_err(|e| vec![toml_error(shown, text, &e)])?;
    let english = super::built_in_file("en").cloned().unwrap_or_default();
    let mut check = Check {
        shown,
        text,
        problems: Vec::new(),
    };
    check.keys(doc.get_ref(), &english);
    if super::built_in_file(lang).is_none() {
        check.complete(doc.get_ref(), &english, lang);
    }
    if !check.problems.is_empty() {
        check.problems.sort_by_key(|(at, _)| *at);
        return Err(check.problems.into_iter().map(|(_, d)| d).collect());
    }
    toml::from_str(text).map_err(|e| vec![toml_error(shown, text, &e)])
}

struct Check<'a> {
    shown: &'a str,
    text: &'a str,
    /// Each problem with its byte offset (`usize::MAX` for the file as a whole), to sort them.
    problems: Vec<(usize, Diagnostic)>,
}

type Entry<'a, 'i> = (&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>);

impl Check<'_> {
    fn at(&mut self, offset: usize, message: String, help: &str) {
        let d = Diagnostic::new(self.shown, message).at_offset(self.text, offset);
        self.problems.push((offset, d.help(help)));
    }

    /// Every key English has holds what English holds there.
    fn keys(&mut self, doc: &DeTable, english: &toml::Table) {
        for (key, value) in doc.iter() {
            let name: &str = key.get_ref();
            if name == STATUS {
                self.statuses(value);
            } else if english.contains_key(name) && !is_string(value) {
                self.at(
                    value.span().start,
                    format!(
                        "`{name}` must be a string, not {}",
                        value.get_ref().type_str()
                    ),
                    "write the text in quotes: key = \"…\"",
                );
            }
        }
    }

    fn statuses(&mut self, value: &Spanned<DeValue>) {
        let DeValue::Table(codes) = value.get_ref() else {
            return self.at(
                value.span().start,
                format!("`{STATUS}` must hold one table per status code"),
                "write a [status.503] table with title, text and/or advice",
            );
        };
        for (code, texts) in codes.iter() {
            let name: &str = code.get_ref();
            if !name.parse().is_ok_and(|c| statuses::reason(c).is_some()) {
                self.at(
                    code.span().start,
                    format!("`{STATUS}.{name}`: planb has no texts for status `{name}`"),
                    &format!("statuses with texts: {}", code_ranges()),
                );
                continue;
            }
            let DeValue::Table(fields) = texts.get_ref() else {
                self.at(
                    texts.span().start,
                    format!("`{STATUS}.{name}` must be a table of title, text and advice"),
                    &format!("write [{STATUS}.{name}] and under it title = \"…\""),
                );
                continue;
            };
            for (field, text) in fields.iter() {
                self.field(name, field, text);
            }
        }
    }

    fn field(&mut self, code: &str, field: &Spanned<DeString>, text: &Spanned<DeValue>) {
        let name: &str = field.get_ref();
        if !STATUS_FIELDS.contains(&name) {
            let help = match did_you_mean(name, STATUS_FIELDS) {
                Some(k) => format!("did you mean `{k}`?"),
                None => "a status has title, text and advice".to_owned(),
            };
            self.at(
                field.span().start,
                format!("`{STATUS}.{code}`: unknown key `{name}`"),
                &help,
            );
        } else if !is_string(text) {
            self.at(
                text.span().start,
                format!(
                    "`{STATUS}.{code}.{name}` must be a string, not {}",
                    text.get_ref().type_str()
                ),
                "write the text in quotes: key = \"…\"",
            );
        }
    }

    /// A language without a built-in file: this file must give every key of English.
    fn complete(&mut self, doc: &DeTable, english: &toml::Table, lang: &str) {
        let ui: Vec<String> = english
            .keys()
            .filter(|k| *k != STATUS && entry(doc, k).is_none())
            .map(|k| format!("`{k}`"))
            .collect();
        let status = entry(doc, STATUS).and_then(|(_, v)| match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        });
        let mut codes = Vec::new();
        for code in statuses::codes() {
            match status.and_then(|t| entry(t, &code.to_string())) {
                None => codes.push(code),
                Some((key, value)) => self.status_complete(code, key, value),
            }
        }
        if ui.is_empty() && codes.is_empty() {
            return;
        }
        let mut missing = Vec::new();
        if !ui.is_empty() {
            missing.push(format!("{} UI strings ({})", ui.len(), shorten(&ui)));
        }
        if !codes.is_empty() {
            let codes: Vec<String> = codes.iter().map(u16::to_string).collect();
            missing.push(format!(
                "the texts of {} statuses ({})",
                codes.len(),
                shorten(&codes)
            ));
        }
        let d = Diagnostic::new(
            self.shown,
            format!(
                "planb has no built-in `{lang}` texts, so this file must give every key of English; missing: {}",
                missing.join(" and ")
            ),
        )
        .help(
            "start from a copy of themes/default/i18n/en.toml in planb's source and translate every \
             key: planb does not fill gaps with English, so that no page mixes two languages",
        );
        self.problems.push((usize::MAX, d));
    }

    fn status_complete(&mut self, code: u16, key: &Spanned<DeString>, value: &Spanned<DeValue>) {
        let DeValue::Table(fields) = value.get_ref() else {
            return; // Reported by `statuses`.
        };
        let missing: Vec<&str> = STATUS_FIELDS
            .into_iter()
            .filter(|f| entry(fields, f).is_none())
            .collect();
        if !missing.is_empty() {
            self.at(
                key.span().start,
                format!("`{STATUS}.{code}` lacks {}", missing.join(", ")),
                "a status in a language planb has no texts for needs title, text and advice",
            );
        }
    }
}

fn entry<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<Entry<'a, 'i>> {
    table.iter().find(|(k, _)| k.get_ref() == key)
}

fn is_string(value: &Spanned<DeValue>) -> bool {
    matches!(value.get_ref(), DeValue::String(_))
}

/// The first few items of a long list, then how many more.
fn shorten(items: &[String]) -> String {
    const SHOWN: usize = 4;
    if items.len() <= SHOWN {
        return items.join(", ");
    }
    format!(
        "{}, … {} more",
        items[..SHOWN].join(", "),
        items.len() - SHOWN
    )
}

/// The known codes as runs: "400–418, 421–426, 428, 429, …".
fn code_ranges() -> String {
    let codes: Vec<u16> = statuses::codes().collect();
    let mut runs: Vec<String> = Vec::new();
    let mut start = 0;
    for i in 0..codes.len() {
        if i + 1 < codes.len() && codes[i + 1] == codes[i] + 1 {
            continue;
        }
        let (first, last) = (codes[start], codes[i]);
        match i - start {
            0 => runs.push(first.to_string()),
            1 => runs.push(format!("{first}, {last}")),
            _ => runs.push(format!("{first}–{last}")),
        }
        start = i + 1;
    }
    runs.join(", ")
}
