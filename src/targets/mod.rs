//! Edge targets: for each server or CDN, the configuration that serves every page with its status,
//! headers and cache policy. A target is one `Target` (see `target.rs`) in the registry, each a
//! pure function of the built site (`EdgeSite`) to the files it writes: `config/<target>/…` (a
//! snippet, a complete example and a README), and for the static hosts `public/_headers` and
//! `public/_redirects`.

mod answers;
pub mod apache;
pub mod caddy;
pub mod cloudflare;
pub mod cloudfront;
mod folder;
pub mod haproxy;
mod hcl;
pub mod js;
pub mod lighttpd;
mod mode;
pub mod nginx;
pub mod readme;
mod registry;
mod schedule;
pub mod server;
pub mod shield;
mod site;
pub mod static_hosts;
pub mod syntax;
mod target;
#[cfg(test)]
mod test_support;
pub mod varnish;

pub use answers::{Answers, Negotiates, Overflow, OwnUrl, Unknown};
pub use folder::Folder;
pub use mode::{Mode, ModeFiles};
pub use registry::{ALL, by_name, generate, resolve};
pub use site::{EdgePage, EdgeSite, Variant, variant_pages};
pub use target::{Target, Targets, Validator};
