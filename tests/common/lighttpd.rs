//! A real lighttpd running planb's generated configuration, for the tests that need one: run in
//! the configuration's folder (the example finds its files from `var.CWD`), in the foreground,
//! its error log beside the configuration (printed when a test fails), signalled as systemd does.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal};

use super::edge::{require, wait_for_port};

/// `lighttpd ARGS` run to completion in `dir` (the example finds its files from its folder).
pub fn lighttpd(dir: &Path, args: &[&str]) -> Output {
    Command::new(require("lighttpd"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run lighttpd")
}

/// A foreground lighttpd (`-D`) on `conf`, its error log in `log`, stopped when dropped.
pub struct Server {
    child: Child,
    conf: PathBuf,
    log: PathBuf,
}

impl Server {
    pub fn start(conf: &Path, port: u16) -> Server {
        let dir = conf.parent().unwrap();
        let log = dir.join("lighttpd.log");
        let child = Command::new(require("lighttpd"))
            .current_dir(dir)
            .args(["-D", "-f"])
            .arg(conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start lighttpd");
        let server = Server {
            child,
            conf: conf.to_owned(),
            log,
        };
        assert!(
            wait_for_port(port, Duration::from_secs(10)),
            "lighttpd did not listen on {port}: {}",
            server.log()
        );
        server
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The documented switch: copy a mode file over `planb-mode.conf`, then what `systemctl
    /// reload lighttpd` does (Debian's unit: `kill -USR1 $MAINPID`).
    pub fn switch(&self, mode: &str) {
        let dir = self.conf.parent().unwrap();
        std::fs::copy(
            dir.join(format!("modes/{mode}.conf")),
            dir.join("planb-mode.conf"),
        )
        .unwrap();
        self.signal(Signal::USR1).expect("send lighttpd SIGUSR1");
    }

    fn signal(&self, signal: Signal) -> rustix::io::Result<()> {
        let pid = Pid::from_raw(self.child.id() as i32).expect("a child's pid");
        rustix::process::kill_process(pid, signal)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("lighttpd's log:\n{}", self.log());
        }
        let _ = self.signal(Signal::TERM);
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
