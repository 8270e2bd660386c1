//! `planb.toml`: parsed strictly (unknown keys are errors with a "did you mean") into a validated
//! `Config` before anything else runs, so later stages never see a bad value.
//!
//! The sections and their defaults are types in `sections`, the checks on values in `validate`,
//! the brand colour in `color`, `[edge]` in `edge`; this file reads the file and hands out the
//! whole under the `config::` paths every stage uses.

mod color;
pub mod edge;
pub mod schedule;
mod sections;
pub mod shield;
mod validate;

use std::path::Path;

pub use color::{ink_for, parse_hex_color};
pub use sections::{
    Brand, Budget, Config, Css, DEFAULT_BUDGET, DEFAULT_ERROR_CODES, DEFAULT_SERVER_HEADERS,
    Errors, FILE_NAME, Overflow, Site, Spell, default_targets,
};
pub use validate::{is_language_tag, is_link};

use crate::diag::{Diagnostic, Diagnostics, explain_serde_message};

/// Reads and validates `planb.toml` in `root`.
pub fn load(root: &Path) -> Result<Config, Diagnostics> {
    let path = root.join(FILE_NAME);
    let source = std::fs::read_to_string(&path).map_err(|e| {
        let d = if e.kind() == std::io::ErrorKind::NotFound {
            Diagnostic::new(FILE_NAME, format!("no {FILE_NAME} in {}", root.display()))
                .help("run `planb init DIR` to create a site, or pass --root DIR")
        } else {
            Diagnostic::new(FILE_NAME, format!("cannot read {FILE_NAME}: {e}"))
        };
        vec![d]
    })?;
    parse(&source)
}

/// Parses the text of `planb.toml`; every problem is reported against that file.
pub fn parse(source: &str) -> Result<Config, Diagnostics> {
    let mut config: Config =
        toml::from_str(source).map_err(|e| vec![toml_error(FILE_NAME, source, &e)])?;
    config.source = source.to_owned();
    let mut problems = validate::validate(&config, source);
    match schedule::resolve(&config.schedule_windows, source) {
        Ok(windows) => config.schedule = windows,
        Err(mut p) => problems.append(&mut p),
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// A TOML error as a diagnostic at its position, with a "did you mean" for unknown keys.
pub fn toml_error(file: &str, source: &str, error: &toml::de::Error) -> Diagnostic {
    let line = error
        .span()
        .map(|span| crate::diag::line_at(source, span.start));
    let (message, help) = match crate::diag::explain_type(error.message(), line, " = ") {
        Some((message, help)) => (message, Some(help)),
        None => explain_serde_message(error.message()),
    };
    let mut d = Diagnostic::new(file, message);
    if let Some(span) = error.span() {
        d = d.at_offset(source, span.start);
    }
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_err(source: &str) -> Diagnostic {
        parse(source).unwrap_err().remove(0)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("[site]\nname = \"Cagette\"\n").unwrap();
        assert_eq!(c.errors.codes, DEFAULT_ERROR_CODES);
        assert_eq!(c.budget.bytes, 14_280);
        assert_eq!(c.site.theme, "default");
    }

    #[test]
    fn unknown_key_suggests() {
        let d = parse_err("[site]\nname = \"x\"\nlangage = \"fr\"\n");
        assert_eq!(d.line, Some(3));
        assert_eq!(d.help.as_deref(), Some("did you mean `language`?"));
    }
}
