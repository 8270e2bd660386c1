//! The three kinds of page: landing, error, overflow. Its own file because both the front matter
//! (`kind = "error"`) and the page hold one, and neither should import the other for it.

use serde::{Deserialize, Serialize};

/// What a page is for; it decides the status an unspecified page answers and its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Landing,
    Error,
    Overflow,
}

impl Kind {
    /// "a landing", "an error", "an overflow", for messages.
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Landing => "a landing",
            Kind::Error => "an error",
            Kind::Overflow => "an overflow",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Landing => "landing",
            Kind::Error => "error",
            Kind::Overflow => "overflow",
        }
    }
}
