//! The command line's arguments, as clap reads them: each command, its options and their help,
//! and the parsers of the values clap cannot check alone (a timeout, an instant, an edge's URL).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use planb::targets::Mode;
use planb::verify;

#[derive(Parser)]
#[command(
    name = "planb",
    version,
    about = "Self-contained degraded-mode pages (landing, errors, overflow) and the edge configuration to serve them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into output/ (public/, config/, manifest.json).
    Build {
        /// The site folder (the one with planb.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the bundle [default: ROOT/output].
        #[arg(long)]
        out: Option<PathBuf>,
        /// How to print the summary and the errors.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Print nothing on success.
        #[arg(long, short)]
        quiet: bool,
        /// The bundle's mode: every server's active mode file and the static hosts' _redirects
        /// (each server's other modes are beside it: see output/config/<target>/README.md).
        /// Without it, the previous bundle's mode is kept.
        #[arg(long, value_enum)]
        mode: Option<ModeArg>,
        /// Keep running: rebuild (and rewrite output/ atomically) on every change to the site.
        #[arg(long)]
        watch: bool,
        /// The manifest of the bundle that is live, for the purge lists (output/purge/)
        /// [default: ROOT/.planb/live-manifest.json, kept by the last passing `planb verify`].
        #[arg(long, value_name = "FILE")]
        since: Option<PathBuf>,
    },
    /// Preview the site with the status and headers each page is served with, rebuilt and
    /// reloaded in the browser on every change.
    Serve {
        /// The site folder (the one with planb.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on: 0.0.0.0 to preview on a phone on the same network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The mode to start in (switch at /__planb/).
        #[arg(long, value_enum, default_value_t = ModeArg::Normal)]
        mode: ModeArg,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Preview the site as [[schedule]] makes it at this instant (2026-03-11T21:00:00+01:00);
        /// switch at /__planb/.
        #[arg(long, value_parser = instant)]
        at: Option<(i64, String)>,
    },
    /// Check that the bundle is safe to ship, without writing output/: every build check, HTML
    /// basics, and each installed server's own validator on its generated configuration.
    Check {
        /// The site folder (the one with planb.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Write the typography fixes the check is certain of into the site's Markdown files,
        /// after showing them as a diff (and asking, on a terminal).
        #[arg(long, conflicts_with = "format")]
        fix: bool,
        /// With --fix: write without asking.
        #[arg(long, requires = "fix")]
        yes: bool,
    },
    /// Check a deployed edge against output/manifest.json: every page with its status, exactly
    /// its headers and its bytes, and the mode's behaviour. Exit 0 only when all of it matches.
    Verify {
        /// The edge, as visitors reach it: https://www.example.com (scheme and host only).
        #[arg(value_parser = edge_url)]
        url: String,
        /// The site folder (the one with planb.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The bundle that was deployed [default: ROOT/output].
        #[arg(long)]
        out: Option<PathBuf>,
        /// The server or CDN behind the URL [default: the bundle's only one].
        #[arg(long)]
        target: Option<String>,
        /// The mode the edge should be in [default: the bundle's].
        #[arg(long, value_enum)]
        mode: Option<ModeArg>,
        /// Send the URL's requests to this address instead of DNS's, as HOST:IP; given several
        /// times, each address is verified apart (each CDN or server behind one name).
        #[arg(long, value_name = "HOST:IP")]
        resolve: Vec<String>,
        /// Also ask for each page in gzip and in br, one at a time (it is asked uncompressed
        /// anyway), so that a CDN caches every variant before the show, and print what each
        /// cache answered.
        #[arg(long)]
        warm: bool,
        /// Seconds each request may take, whole (0.1 to 600).
        #[arg(long, default_value_t = 10.0, value_parser = seconds)]
        timeout: f64,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Create a new site in DIR that builds at once: a neutral starter named after DIR, or the
    /// Cagette demo with --example.
    Init {
        /// The folder to create the site in (created if missing).
        dir: PathBuf,
        /// Write the demo site (Cagette) instead of the neutral starter.
        #[arg(long)]
        example: bool,
    },
    /// Work on the site's theme.
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
}

#[derive(Subcommand)]
pub enum ThemeAction {
    /// Copy the built-in default theme into themes/NAME/ to edit it; never overwrites a file.
    Eject {
        /// The theme's folder name (under themes/); `default` overrides the built-in theme file
        /// by file.
        #[arg(default_value = "default")]
        name: String,
        /// The site folder (the one with planb.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ModeArg {
    /// The real site; its errors map to planb's pages.
    Normal,
    /// The home redirects to the landing page.
    Landing,
    /// Every request gets the overflow page (503).
    Overflow,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Normal => Mode::Normal,
            ModeArg::Landing => Mode::Landing,
            ModeArg::Overflow => Mode::Overflow,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// A request timeout, from 0.1 to 600 seconds.
pub fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if (0.1..=600.0).contains(&s) => Ok(s),
        _ => Err("give a number of seconds from 0.1 to 600".to_owned()),
    }
}

/// An instant with its offset, refused as a usage error (exit 2) otherwise.
pub fn instant(text: &str) -> Result<(i64, String), String> {
    planb::config::schedule::parse_instant(text)
}

/// The edge's URL, refused as a usage error (exit 2) when it is not a scheme and a host.
pub fn edge_url(url: &str) -> Result<String, String> {
    verify::client::Origin::parse(url).map(|_| url.to_owned())
}
