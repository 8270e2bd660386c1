//! A real varnishd for the Varnish tests (`edge_varnish.rs`, `edge_varnish_shield.rs`), included
//! by each with `#[path]`: started in the foreground on 127.0.0.1 with its work directory in the
//! test's temporary folder, reloaded as the README says, stopped on drop (never a reaped pid).
#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::common::edge::{require, wait_for_port};

pub const VARNISHRELOAD: &str = "/usr/share/varnish/varnishreload";
/// The admission secret in varnishd's environment, as the README says to give it.
pub const SECRET: &str = "a-test-secret-of-enough-length";

/// A foreground varnishd (`-F`) whose work directory, log and admin socket are in `workdir`;
/// stopped on drop.
pub struct Varnish {
    child: Child,
    log: PathBuf,
    workdir: PathBuf,
}

impl Varnish {
    /// Starts varnishd with `vcl`; `jail` is its `-j` argument (`none`, or Debian's default
    /// `unix`, which runs the worker as user `vcache`).
    pub fn spawn(vcl: &Path, workdir: &Path, port: u16, jail: &str) -> Varnish {
        let log = workdir.with_extension("log");
        let out = File::create(&log).unwrap();
        let child = Command::new(require("varnishd"))
            .arg("-F")
            .arg("-n")
            .arg(workdir)
            .args(["-a", &format!("127.0.0.1:{port}")])
            .args(["-T", "127.0.0.1:0"])
            .arg("-f")
            .arg(vcl)
            .args(["-s", "malloc,32m", "-j", jail])
            .env("PLANB_ADMISSION_SECRET", SECRET)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start varnishd");
        Varnish {
            child,
            log,
            workdir: workdir.to_owned(),
        }
    }

    pub fn start(vcl: &Path, workdir: &Path, port: u16, jail: &str) -> Varnish {
        let v = Varnish::spawn(vcl, workdir, port, jail);
        assert!(
            wait_for_port(port, Duration::from_secs(20)),
            "varnishd did not listen on {port}: {}",
            v.log()
        );
        v
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits (at most 30 s) for varnishd to exit by itself.
    pub fn exit_status(&mut self) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// The documented reload: Debian's `systemctl reload varnish` runs exactly this script.
    pub fn reload(&self) {
        assert!(
            Path::new(VARNISHRELOAD).is_file(),
            "{VARNISHRELOAD} is missing: install Debian's varnish package"
        );
        let out = Command::new(VARNISHRELOAD)
            .arg("-n")
            .arg(&self.workdir)
            .output()
            .expect("run varnishreload");
        assert!(
            out.status.success(),
            "varnishreload: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Varnish {
    fn drop(&mut self) {
        // Never signal a process already reaped: its pid may belong to another one by now.
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        // SIGTERM lets the manager stop its worker; SIGKILL if it takes too long.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
