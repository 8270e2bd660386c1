//! planb: Markdown in, self-contained degraded-mode pages (landing, errors, overflow) out, with what
//! each web server or CDN needs to serve them.
//!
//! The build is a pipeline of pure, in-memory stages; only `output::write` touches the disk:
//! config → content → render (tera, theme, assets) → finish (checks, minify, budget) → output.

// A `Diagnostic` is large (file, message, source line, hint), and it travels only on the error path,
// once per problem: boxing it would buy nothing measurable and cost readability everywhere.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod content;
pub mod default_theme;
pub mod diag;
pub mod eject;
pub mod finish;
pub mod headers;
pub mod init;
pub mod layout;
pub mod manifest;
pub mod negotiate;
pub mod output;
pub mod problem;
pub mod purge;
pub mod render;
pub mod report;
pub mod scan;
pub mod serve;
pub mod session;
pub mod siblings;
pub mod signals;
pub mod spell;
pub mod statuses;
pub mod targets;
pub mod texts;
pub mod theme;
pub mod verify;
pub mod watch;
