//! A real Caddy running planb's generated example, for the tests that need one: its state (HOME,
//! XDG folders) and admin endpoint inside the test's temporary folder, started in the
//! configuration's folder, killed and reaped when dropped; the documented mode switch and the
//! validator in every mode.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use super::edge::{free_port, wait_for_port};

/// Where Caddy keeps its state and its admin endpoint: everything inside the test's temp dir.
pub struct Env {
    home: PathBuf,
    admin: String,
    threads: Option<u32>,
}

impl Env {
    pub fn new(tmp: &Path) -> Env {
        let home = tmp.join("caddy-home");
        std::fs::create_dir_all(&home).unwrap();
        Env {
            home,
            admin: format!("127.0.0.1:{}", free_port()),
            threads: None,
        }
    }

    /// Caddy runs Go code on `n` threads at once (`GOMAXPROCS`), as on a server with `n` cores:
    /// on this machine's fewer cores the system then pauses them anywhere, which is how a burst
    /// gets between two steps Caddy does not lock together.
    pub fn threads(mut self, n: u32) -> Env {
        self.threads = Some(n);
        self
    }

    /// `caddy ARGS` in `dir`, with this environment.
    pub fn command(&self, caddy: &Path, dir: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(caddy);
        c.args(args)
            .current_dir(dir)
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("PLANB_CADDY_ADMIN", &self.admin);
        if let Some(n) = self.threads {
            c.env("GOMAXPROCS", n.to_string());
        }
        c
    }

    pub fn run(&self, caddy: &Path, dir: &Path, args: &[&str]) -> Output {
        self.command(caddy, dir, args).output().expect("run caddy")
    }
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The running Caddy, killed and reaped when dropped.
pub struct Caddy {
    child: Child,
    log: PathBuf,
}

impl Caddy {
    pub fn start(caddy: &Path, env: &Env, dir: &Path, port: u16, log: PathBuf) -> Caddy {
        let out = std::fs::File::create(&log).unwrap();
        let child = env
            .command(
                caddy,
                dir,
                &["run", "--config", "Caddyfile", "--adapter", "caddyfile"],
            )
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start caddy");
        let mut running = Caddy { child, log };
        if !wait_for_port(port, Duration::from_secs(15)) {
            let status = running.child.try_wait().ok().flatten();
            panic!(
                "caddy does not listen on {port} (exit: {status:?}); log:\n{}",
                running.log_text()
            );
        }
        running
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Caddy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The documented switch: copy the mode file over `planb-mode.caddy`, then `caddy reload`.
pub fn switch(caddy: &Path, env: &Env, dir: &Path, mode: &str) {
    std::fs::copy(
        dir.join(format!("modes/{mode}.caddy")),
        dir.join("planb-mode.caddy"),
    )
    .unwrap();
    let out = env.run(
        caddy,
        dir,
        &["reload", "--config", "Caddyfile", "--adapter", "caddyfile"],
    );
    assert!(out.status.success(), "reload to {mode}: {}", text(&out));
}

/// `caddy validate` passes with each mode file copied over `planb-mode.caddy`.
pub fn validate_every_mode(caddy: &Path, env: &Env, dir: &Path) {
    for mode in ["normal", "landing", "overflow"] {
        std::fs::copy(
            dir.join(format!("modes/{mode}.caddy")),
            dir.join("planb-mode.caddy"),
        )
        .unwrap();
        let out = env.run(
            caddy,
            dir,
            &[
                "validate",
                "--config",
                "Caddyfile",
                "--adapter",
                "caddyfile",
            ],
        );
        assert!(out.status.success(), "{mode}: {}", text(&out));
        assert!(text(&out).contains("Valid configuration"), "{mode}");
    }
}
