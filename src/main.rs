//! The command line: parses arguments, runs a command, and maps the outcome to the exit-status
//! contract: 0 success, 1 the site has errors, 2 usage error (clap's own status).

use std::io::IsTerminal as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser as _;

use planb::session::{Change, Session};
use planb::targets::Mode;
use planb::{build, check, diag::Diagnostic, eject, init, report, serve, verify, watch};

mod args;

use args::{Cli, Command, Format, ThemeAction};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            format,
            quiet,
            mode,
            watch,
            since,
        } => {
            let out = out.unwrap_or_else(|| root.join("output"));
            // Read once: a rebuild of `--watch` compares with the same live bundle.
            let baseline = match since {
                Some(file) => match planb::purge::baseline(&file) {
                    Ok(m) => Some(m),
                    Err(d) => return fail(&[d], format),
                },
                None => live_baseline(&root, quiet),
            };
            let mode = match mode {
                Some(m) => m.into(),
                None => {
                    let kept = build::kept_mode(&out);
                    if kept != Mode::Normal && !quiet {
                        eprintln!(
                            "mode: {} (kept from the previous build; `--mode normal` switches back)",
                            kept.name()
                        );
                    }
                    kept
                }
            };
            let options = build::Options {
                baseline,
                ..build::Options::new(out, mode)
            };
            if watch {
                run_watch(&root, options, format)
            } else {
                run_build(&root, options, format, quiet)
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            mode,
            open,
            at,
        } => {
            let options = serve::Options {
                addr: std::net::SocketAddr::new(bind, port),
                mode: mode.into(),
                open,
                at,
            };
            match serve::run(&root, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => fail(&[d], Format::Human),
            }
        }
        Command::Check {
            root,
            format,
            fix,
            yes,
        } => {
            let report = check::check(&root);
            match format {
                Format::Human => print!(
                    "{}",
                    report.human(report::use_color(std::io::stdout().is_terminal()))
                ),
                Format::Json => println!("{}", report.json()),
            }
            if fix && let Err(d) = run_fix(&root, &report.fixes, yes) {
                return fail(&[d], Format::Human);
            }
            if report.ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Verify {
            url,
            root,
            out,
            target,
            mode,
            resolve,
            warm,
            timeout,
            format,
        } => {
            let options = verify::Options {
                url,
                out: out.unwrap_or_else(|| root.join("output")),
                root,
                target,
                mode: mode.map(Mode::from),
                resolve,
                warm,
                timeout: std::time::Duration::from_secs_f64(timeout),
            };
            run_verify(&options, format)
        }
        Command::Init { dir, example } => run_init(
            &dir,
            if example {
                init::Starter::Example
            } else {
                init::Starter::Neutral
            },
        ),
        Command::Theme {
            action: ThemeAction::Eject { name, root },
        } => run_eject(&root, &name),
    }
}

fn run_build(root: &Path, options: build::Options, format: Format, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let out = options.out.clone();
    let mut session = Session::new(root, options);
    match session.rebuild_and_write(&Change::Everything) {
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
            if matches!(format, Format::Human) && !built.warnings.is_empty() {
                eprint!(
                    "{}",
                    report::human_warnings(
                        &built.warnings,
                        report::use_color(std::io::stderr().is_terminal())
                    )
                );
            }
            // The process ends here: freeing every page one by one cost 2 to 3 % of a
            // 1,000-page build, and the system takes the memory back at once.
            std::mem::forget(built);
            std::mem::forget(session);
            ExitCode::SUCCESS
        }
        Err(problems) => fail(&problems, format),
    }
}

/// `build --watch`: the loop is the library's (`watch::run`); the command line says how problems
/// print and maps the end to an exit status.
fn run_watch(root: &Path, options: build::Options, format: Format) -> ExitCode {
    let print_problems = |problems: &[Diagnostic]| {
        fail(problems, format);
    };
    match watch::run(root, options, print_problems) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => fail(&[d], format),
    }
}

/// The manifest the last passing `planb verify` kept, as the purge lists' baseline when
/// `--since` is not given; one that cannot be read is said and skipped: purge lists are a help,
/// never a reason for a build to fail.
fn live_baseline(root: &Path, quiet: bool) -> Option<planb::manifest::Manifest> {
    let live = root.join(verify::LIVE_MANIFEST);
    if !live.is_file() {
        return None;
    }
    match planb::purge::baseline(&live) {
        Ok(m) => Some(m),
        Err(d) => {
            if !quiet {
                eprintln!(
                    "warning: {}: {}; no purge lists this time (a passing `planb verify` writes it again)",
                    d.file.display(),
                    d.message
                );
            }
            None
        }
    }
}

fn run_verify(options: &verify::Options, format: Format) -> ExitCode {
    match verify::verify(options) {
        Ok(v) => {
            match format {
                Format::Human => print!("{}", verify::report::human(&v)),
                Format::Json => println!("{}", verify::report::json(&v)),
            }
            match (&v.not_kept, format) {
                // In JSON the report says it (`not_kept`): one document on stdout.
                (Some(d), Format::Human) => fail(std::slice::from_ref(d), format),
                (Some(_), Format::Json) => ExitCode::from(1),
                (None, _) if v.ok() => ExitCode::SUCCESS,
                (None, _) => ExitCode::from(1),
            }
        }
        Err(d) => fail(&[d], format),
    }
}

fn run_init(dir: &std::path::Path, starter: init::Starter) -> ExitCode {
    match init::init(dir, starter) {
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

fn run_eject(root: &Path, name: &str) -> ExitCode {
    match eject::eject(root, name) {
        Ok(done) => {
            let folder = done.folder.display();
            println!("copied {} files into {folder}/", done.copied.len());
            for path in &done.copied {
                println!("  {}", path.display());
            }
            if !done.kept.is_empty() {
                println!(
                    "kept {} files the site already had (planb never overwrites one):",
                    done.kept.len()
                );
                for path in &done.kept {
                    println!("  {}", path.display());
                }
            }
            if name == "default" {
                println!(
                    "each file under {folder}/ overrides the built-in one of the same name; \
                     delete the ones you do not change to keep getting planb's updates"
                );
            } else {
                println!("to use it, set `theme = \"{name}\"` in [site] of planb.toml");
            }
            ExitCode::SUCCESS
        }
        Err(d) => fail(&[d], Format::Human),
    }
}

/// `check --fix`: shows the fixes as a diff, then writes them when told to (`--yes`, or "y" on
/// a terminal). The exit status stays the check's: the site had problems.
// A Diagnostic travels once, on the error path, as in lib.rs.
#[allow(clippy::result_large_err)]
fn run_fix(root: &Path, fixes: &[planb::spell::Fix], yes: bool) -> Result<(), Diagnostic> {
    let rewrites = planb::spell::fix::plan(fixes);
    if rewrites.is_empty() {
        println!("planb check --fix: nothing planb can fix by itself");
        return Ok(());
    }
    for r in &rewrites {
        print!("{}", r.diff());
    }
    if rewrites.iter().any(|r| r.after.contains('\u{202f}')) {
        println!("(⍽ is the narrow no-break space, U+202F)");
    }
    let count: usize = rewrites.iter().map(|r| r.fixes).sum();
    let files = rewrites.len();
    let files_said = if files == 1 {
        "1 file".to_owned()
    } else {
        format!("{files} files")
    };
    if !yes {
        if !std::io::stdin().is_terminal() {
            println!("not written: run `planb check --fix --yes` to write these {count} fixes");
            return Ok(());
        }
        print!("write these {count} fixes into {files_said}? [y/N] ");
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("not written");
            return Ok(());
        }
    }
    for r in &rewrites {
        r.write(root)?;
    }
    println!("wrote {count} fixes into {files_said}; run `planb check` again");
    Ok(())
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
