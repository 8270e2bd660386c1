//! Watching a site for edits: the site root (for `planb.toml` and files beside it) and every folder
//! in it (content/, themes/, images…) except the output, hidden folders and build folders. Events
//! are debounced, so an editor that saves by writing a temporary file and renaming it over the page
//! gives one rebuild, and classified into a `Change` so a Markdown edit rebuilds one page.
//! `run` is the `build --watch` loop on top of it: the command line only hands it the options and
//! says how to print problems.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::build::Options;
use crate::diag::Diagnostic;
use crate::session::{Change, Session};

/// Quiet time after the last event before rebuilding: long enough to see a save-by-rename as one
/// edit, short enough to stay well inside the 150 ms from save to reload.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// Folders at the top of a site that are never part of it.
const IGNORED_DIRS: [&str; 2] = ["target", "node_modules"];

type Watching = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// What the watch loop hears: an edit to the site, or a request to stop (Ctrl-C).
#[derive(Debug)]
pub enum Event {
    Changed(Change),
    /// The watcher itself failed (a folder vanished, too many watches): said in the terminal.
    Failed(String),
    Stop,
}

/// `build --watch`: builds, then rebuilds on every change until Ctrl-C or SIGTERM. A failed build
/// hands its problems to `report_problems` and leaves the previous output in place; the loop goes
/// on. Err only when the watcher cannot start.
pub fn run(
    root: &Path,
    options: Options,
    report_problems: impl Fn(&[Diagnostic]),
) -> Result<(), Diagnostic> {
    let out = options.out.clone();
    let mut session = Session::new(root, options);
    let (events, heard) = channel();
    start(root, &out, events.clone())?;
    stop_on_signal(events);
    let mut change = Change::Everything;
    loop {
        let started = Instant::now();
        match session.rebuild_and_write(&change) {
            Ok(built) => eprintln!(
                "built {} pages into {} in {} ms; watching for changes (Ctrl-C to stop)",
                built.pages.len(),
                out.display(),
                started.elapsed().as_millis()
            ),
            Err(problems) => {
                report_problems(&problems);
                eprintln!("\nwatching for changes (Ctrl-C to stop)");
            }
        }
        match next_change(&heard) {
            Some(next) => change = next,
            None => return Ok(()),
        }
    }
}

/// The next edit to rebuild for, saying in the terminal when the watcher fails on the way; None
/// when it is time to stop.
fn next_change(heard: &Receiver<Event>) -> Option<Change> {
    loop {
        match heard.recv() {
            Ok(Event::Changed(change)) => return Some(change),
            Ok(Event::Failed(message)) => eprintln!("planb: watching: {message}"),
            Ok(Event::Stop) | Err(_) => return None,
        }
    }
}

/// Starts watching the site at `root` (whose output is `out`); events arrive on `events` until the
/// receiving side is dropped.
pub fn start(root: &Path, out: &Path, events: Sender<Event>) -> Result<(), Diagnostic> {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let fail = |e: notify::Error| {
        Diagnostic::new(&root, format!("cannot watch the site: {e}"))
            .help("on Linux, raise fs.inotify.max_user_watches if the site has very many folders")
    };
    let (raw_tx, raw_rx) = channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, raw_tx).map_err(&fail)?;
    let mut watched = BTreeSet::new();
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(&fail)?;
    watch_new_folders(&mut debouncer, &root, &out, &mut watched);
    std::thread::Builder::new()
        .name("planb watch".into())
        .spawn(move || forward(debouncer, raw_rx, &root, &out, watched, events))
        .map_err(|e| Diagnostic::new("planb", format!("cannot start the watcher: {e}")))?;
    Ok(())
}

/// Classifies each debounced batch and passes it on, until nobody listens.
fn forward(
    mut debouncer: Watching,
    raw: Receiver<DebounceEventResult>,
    root: &Path,
    out: &Path,
    mut watched: BTreeSet<PathBuf>,
    events: Sender<Event>,
) {
    for batch in raw {
        let event = match batch {
            Ok(batch) => {
                // A folder created at the top of the site (themes/ in a new site) is watched too.
                watch_new_folders(&mut debouncer, root, out, &mut watched);
                // Reading a file is an event too (the build reads them all): only writes count.
                let written = batch
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter().map(|p| p.as_path()));
                match classify(root, out, written) {
                    Some(change) => Event::Changed(change),
                    None => continue,
                }
            }
            Err(errors) => Event::Failed(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

/// Watches, recursively, every folder at the top of the site that belongs to it and is not yet
/// watched. A Rust or Node project's build folders would cost thousands of watches and rebuild on
/// every compile: they are skipped, as are hidden folders and the output.
fn watch_new_folders(
    debouncer: &mut Watching,
    root: &Path,
    out: &Path,
    watched: &mut BTreeSet<PathBuf>,
) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir
            || name.starts_with('.')
            || IGNORED_DIRS.contains(&name.as_str())
            || out.starts_with(&path)
            || watched.contains(&path)
        {
            continue;
        }
        if debouncer.watch(&path, RecursiveMode::Recursive).is_ok() {
            watched.insert(path);
        }
    }
}

/// What a batch of changed paths means for the build: None when none of them is part of the site
/// (the output, hidden files, editor leftovers), a set of pages when only Markdown files under
/// content/ changed, everything otherwise.
pub fn classify<'a>(
    root: &Path,
    out: &Path,
    paths: impl Iterator<Item = &'a Path>,
) -> Option<Change> {
    let mut pages = BTreeSet::new();
    let mut everything = false;
    for path in paths {
        if path.starts_with(out) {
            continue;
        }
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        if rel.as_os_str().is_empty() || is_ignored(rel) {
            continue;
        }
        let in_content = rel.starts_with(crate::content::DIR);
        if in_content && rel.extension().is_some_and(|e| e == "md") {
            pages.insert(rel.to_path_buf());
        } else {
            everything = true;
        }
    }
    match (everything, pages.is_empty()) {
        (true, _) => Some(Change::Everything),
        (false, false) => Some(Change::Pages(pages)),
        (false, true) => None,
    }
}

/// Hidden files and folders (`.git`, `.page.md.swp`, planb's own temporary output), editor
/// backups (`page.md~`, `#page.md#`), vim's write probe (`4913`), and build folders.
fn is_ignored(rel: &Path) -> bool {
    let mut components = rel.components().map(|c| c.as_os_str().to_string_lossy());
    if components
        .next()
        .is_some_and(|first| IGNORED_DIRS.contains(&first.as_ref()))
    {
        return true;
    }
    rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name == "4913"
    })
}

/// Sends `Event::Stop` on Ctrl-C (SIGINT) or SIGTERM.
pub fn stop_on_signal(events: Sender<Event>) {
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(crate::signals::stop());
        let _ = events.send(Event::Stop);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(paths: &[&str]) -> Option<Change> {
        let root = Path::new("/site");
        let out = Path::new("/site/output");
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(root, out, paths.iter().map(|p| p.as_path()))
    }

    fn pages(paths: &[&str]) -> Option<Change> {
        Some(Change::Pages(paths.iter().map(PathBuf::from).collect()))
    }

    #[test]
    fn markdown_edits_rebuild_their_pages() {
        assert_eq!(
            change(&["content/landing.md"]),
            pages(&["content/landing.md"])
        );
        assert_eq!(
            change(&["content/landing.md", "content/errors/503.md"]),
            pages(&["content/landing.md", "content/errors/503.md"])
        );
    }

    #[test]
    fn anything_else_rebuilds_everything() {
        for p in [
            "planb.toml",
            "themes/default/templates/base.html",
            "themes/default/assets/style.css",
            "content/team.png",
            "content",
            "logo.svg",
        ] {
            assert_eq!(change(&[p]), Some(Change::Everything), "{p}");
        }
        assert_eq!(
            change(&["content/landing.md", "planb.toml"]),
            Some(Change::Everything)
        );
    }

    #[test]
    fn output_hidden_files_and_editor_leftovers_are_not_the_site() {
        for p in [
            "output/public/_planb/landing.html",
            ".output.planb-tmp-12/manifest.json",
            "content/.landing.md.swp",
            "content/landing.md~",
            "content/#landing.md#",
            "content/4913",
            ".git/index",
            "target/debug/planb",
            "node_modules/x/index.js",
        ] {
            assert_eq!(change(&[p]), None, "{p}");
        }
        assert_eq!(change(&["/elsewhere/x.md"]), None);
    }

    #[test]
    fn a_save_by_rename_is_the_page_it_replaces() {
        // The temporary file is hidden or a backup; the rename's target is the page.
        assert_eq!(
            change(&["content/.landing.md.tmp", "content/landing.md"]),
            pages(&["content/landing.md"])
        );
    }
}
