//! A foreground Apache httpd started on the generated example, for the shield's tests (included
//! with `#[path]` by `tests/edge_apache_shield.rs`). Debian's `apache2` binary is run directly with
//! `-d CONFIG_DIR -f example.conf -C 'Define PLANB_RUN RUN'`; everything it writes goes to `run`,
//! which the children (`www-data`) may write to (the cache lives there).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::edge::{require, wait_for_port};

pub fn args(conf: &Path, run: &Path) -> Vec<String> {
    vec![
        "-d".into(),
        conf.parent().unwrap().display().to_string(),
        "-f".into(),
        conf.display().to_string(),
        "-C".into(),
        format!("Define PLANB_RUN {}", run.display()),
        "-C".into(),
        format!("Define PLANB_DIR {}", conf.parent().unwrap().display()),
    ]
}

/// `apache2 ARGS EXTRA` run to its end (`-t`, `-k graceful`).
pub fn run(conf: &Path, run: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(require("apache2"))
        .args(args(conf, run))
        .args(extra)
        .output()
        .expect("run apache2")
}

/// A run folder the children may write to (the disk cache and its lock files).
pub fn run_dir(path: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777)).unwrap();
    path.to_owned()
}

/// A foreground httpd parent, stopped (with its children) when dropped.
pub struct Server {
    child: Child,
    run: PathBuf,
}

impl Server {
    pub fn start(conf: &Path, run: &Path, port: u16) -> Server {
        let child = Command::new(require("apache2"))
            .args(args(conf, run))
            .arg("-DFOREGROUND")
            .stdin(Stdio::null())
            .spawn()
            .expect("start apache2");
        let server = Server {
            child,
            run: run.to_owned(),
        };
        assert!(
            wait_for_port(port, Duration::from_secs(10)),
            "apache2 did not listen on {port}: {}",
            server.log()
        );
        server
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.run.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
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
