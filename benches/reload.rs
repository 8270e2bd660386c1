//! From a file save to the browser's reload event, for the default site (the repository root):
//! `cargo bench --bench reload`. Runs the release `planb serve` on a copy of the site, subscribes to
//! `/__planb/events` as a page does, saves a file and times until the `reload` event arrives:
//! debounce, rebuild and notification included. Goal (issue 4): 150 ms or less.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::serve::{Events, Running};

const RUNS: usize = 30;

fn main() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(repo.join("planb.toml"), site.join("planb.toml")).unwrap();
    common::copy_dir(&repo.join("content"), &site.join("content"));
    common::copy_dir(&repo.join("themes"), &site.join("themes"));
    let server = Running::serve(&site, &[]);
    let mut events = Events::open(server.port);

    let page = site.join("content/landing.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let content = time(&mut events, |i| {
        std::fs::write(&page, format!("{text}\nrun {i}\n")).unwrap()
    });
    report("content/landing.md saved (one page re-rendered)", &content);

    let css = site.join("themes/default/assets/style.css");
    let style = std::fs::read_to_string(&css).unwrap();
    let theme = time(&mut events, |i| {
        std::fs::write(&css, format!("{style}\n/* run {i} */\n")).unwrap()
    });
    report(
        "themes/default/assets/style.css saved (every page rebuilt)",
        &theme,
    );
}

/// Milliseconds from each save to its reload event, after two warm-up runs.
fn time(events: &mut Events, mut save: impl FnMut(usize)) -> Vec<f64> {
    let mut times = Vec::new();
    for i in 0..RUNS + 2 {
        let started = Instant::now();
        save(i);
        events
            .next_reload(Duration::from_secs(10))
            .expect("a reload event within 10 s");
        if i >= 2 {
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        // Let the debouncer forget this save before the next one.
        std::thread::sleep(Duration::from_millis(150));
    }
    times.sort_by(f64::total_cmp);
    times
}

fn report(what: &str, ms: &[f64]) {
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
        at(0.5),
        at(0.9),
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
}
