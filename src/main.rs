//! The command line: parses arguments, runs a command, and maps the outcome to the exit-status
//! contract: 0 success, 1 the site has errors, 2 usage error (clap's own status).

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use planb::targets::Mode;
use planb::{build, diag::Diagnostic, init, output, report};

#[derive(Parser)]
#[command(
    name = "planb",
    version,
    about = "Self-contained degraded-mode pages (landing, errors, overflow) and the edge configuration to serve them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        /// The mode Netlify's and Cloudflare Pages' _redirects are written for (servers get every
        /// mode at once: see output/config/<target>/README.md).
        #[arg(long, value_enum, default_value_t = ModeArg::Normal)]
        mode: ModeArg,
    },
    /// Create a new site in DIR that builds at once.
    Init {
        /// The folder to create the site in (created if missing).
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
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
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            format,
            quiet,
            mode,
        } => run_build(root, out, format, quiet, mode.into()),
        Command::Init { dir } => run_init(&dir),
    }
}

fn run_build(
    root: PathBuf,
    out: Option<PathBuf>,
    format: Format,
    quiet: bool,
    mode: Mode,
) -> ExitCode {
    let started = Instant::now();
    let out = out.unwrap_or_else(|| root.join("output"));
    let options = build::Options {
        out: out.clone(),
        mode,
    };
    let result = output::check_location(&root, &out)
        .map_err(|d| vec![d])
        .and_then(|()| build::build(&root, &options))
        .and_then(|built| {
            output::write(&out, &built.files)
                .map(|()| built)
                .map_err(|d| vec![d])
        });
    match result {
        Ok(built) => {
            if !quiet {
                let elapsed = started.elapsed();
                match format {
                    Format::Human => println!(
                        "{}",
                        report::human_summary(
                            &built,
                            &out,
                            elapsed,
                            report::use_color(std::io::stdout().is_terminal())
                        )
                    ),
                    Format::Json => println!("{}", report::json_summary(&built, &out, elapsed)),
                }
            }
            ExitCode::SUCCESS
        }
        Err(problems) => fail(&problems, format),
    }
}

fn run_init(dir: &std::path::Path) -> ExitCode {
    match init::init(dir) {
        Ok(files) => {
            println!(
                "created a planb site in {} ({} files); build it with: planb build --root {}",
                dir.display(),
                files.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => fail(&[d], Format::Human),
    }
}

fn fail(problems: &[Diagnostic], format: Format) -> ExitCode {
    match format {
        Format::Human => eprintln!(
            "{}",
            report::human_errors(problems, report::use_color(std::io::stderr().is_terminal()))
        ),
        Format::Json => println!("{}", report::json_errors(problems)),
    }
    ExitCode::from(1)
}
