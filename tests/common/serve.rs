//! A `planb serve` process for tests, and a reader of its server-sent events.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::edge::{free_port, wait_for_port};

/// `planb ARGS` running in the background, killed when dropped; its stderr is kept for messages.
pub struct Running {
    pub child: Child,
    pub port: u16,
    log: Arc<Mutex<String>>,
}

impl Running {
    /// `planb serve --root SITE --port P` on a free port, ready to answer.
    pub fn serve(site: &Path, extra: &[&str]) -> Running {
        let port = free_port();
        let port_arg = port.to_string();
        let mut args = vec![
            "serve",
            "--root",
            site.to_str().unwrap(),
            "--port",
            &port_arg,
        ];
        args.extend_from_slice(extra);
        let running = Running::start(&args, port);
        assert!(
            wait_for_port(port, Duration::from_secs(20)),
            "planb serve did not listen on {port}: {}",
            running.log()
        );
        running
    }

    /// `planb ARGS` in the background.
    pub fn start(args: &[&str], port: u16) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planb"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start planb");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Running { child, port, log }
    }

    /// What the process wrote to stderr so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits (at most `limit`) until the log contains `text` `times` times.
    pub fn wait_for_log(&self, text: &str, times: usize, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.log().matches(text).count() >= times {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends `signal` (Ctrl-C is `Signal::INT`) and waits at most 10 s for the exit status.
    pub fn signal_and_wait(
        &mut self,
        signal: rustix::process::Signal,
    ) -> Option<std::process::ExitStatus> {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).expect("a child's pid");
        rustix::process::kill_process(pid, signal).expect("send the signal");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A connection to `/__planb/events`.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Subscribes to the reload events of the server on `port`, from now on.
    pub fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__planb/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        // The status line and headers, so the subscription is in place before the test edits.
        let mut line = String::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            line.clear();
            if events.reader.read_line(&mut line).is_ok() && line == "\r\n" {
                return events;
            }
        }
        panic!("no answer from /__planb/events");
    }

    /// The generation of the next `reload` event, waiting at most `limit`.
    pub fn next_reload(&mut self, limit: Duration) -> Option<u64> {
        let deadline = Instant::now() + limit;
        let mut in_reload = false;
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(_) => continue, // the read timeout: look at the deadline again
            }
            let l = line.trim_end();
            if l == "event: reload" {
                in_reload = true;
            } else if let (true, Some(n)) = (in_reload, l.strip_prefix("data: ")) {
                return n.parse().ok();
            }
        }
        None
    }
}
