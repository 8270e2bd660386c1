//! A real nginx running planb's generated configuration, for the tests that need one.
//!
//! nginx runs as root here, so its workers run as `nobody`: the tests open the temporary folder
//! (0700 by default) to them, as a real server's web root is, rather than running workers as root.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::edge::{require, wait_for_port};

/// `-p PREFIX/ -e PREFIX/error.log -c CONF`: everything nginx writes stays in the test's folder.
fn nginx_args(prefix: &Path, conf: &Path) -> Vec<String> {
    vec![
        "-p".into(),
        format!("{}/", prefix.display()),
        "-e".into(),
        prefix.join("error.log").display().to_string(),
        "-c".into(),
        conf.display().to_string(),
    ]
}

/// `nginx -p PREFIX/ -e PREFIX/error.log -c CONF EXTRA…`, run to completion.
pub fn nginx(prefix: &Path, conf: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(require("nginx"))
        .args(nginx_args(prefix, conf))
        .args(extra)
        .output()
        .expect("run nginx")
}

/// A foreground nginx master, stopped (with its workers) when dropped.
pub struct Server {
    child: Child,
    prefix: PathBuf,
    conf: PathBuf,
}

impl Server {
    pub fn start(prefix: &Path, conf: &Path, port: u16) -> Server {
        Server::start_with_env(prefix, conf, port, &[])
    }

    /// As `start`, with these variables in nginx's environment (the admission secret).
    pub fn start_with_env(prefix: &Path, conf: &Path, port: u16, env: &[(&str, &str)]) -> Server {
        let child = Command::new(require("nginx"))
            .args(nginx_args(prefix, conf))
            .args(["-g", "daemon off;"])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .spawn()
            .expect("start nginx");
        let server = Server {
            child,
            prefix: prefix.to_owned(),
            conf: conf.to_owned(),
        };
        assert!(
            wait_for_port(port, Duration::from_secs(10)),
            "nginx did not listen on {port}: {}",
            server.log()
        );
        server
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("error.log")).unwrap_or_default()
    }

    /// The documented switch: copy a mode file over `planb-mode.conf` beside the configuration,
    /// then reload. The old workers may still answer for a moment: callers poll for the change.
    pub fn switch(&self, mode: &str) {
        let dir = self.conf.parent().expect("the configuration's folder");
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        let out = nginx(&self.prefix, &self.conf, &["-s", "reload"]);
        assert!(
            out.status.success(),
            "reload: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its workers; SIGKILL only if it does not within 5 s.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
