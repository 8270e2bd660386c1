//! `planb serve`: builds the site in memory and serves every page at its URL with the status and
//! headers of the manifest, rebuilds on every change (one page for a Markdown edit), and tells the
//! open pages to reload through server-sent events. A failed rebuild keeps the last good pages and
//! shows the problems over them.

pub mod preview;
pub mod respond;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch as signal;

use crate::build;
use crate::diag::Diagnostic;
use crate::report;
use crate::session::{Change, Scope, Session};
use crate::targets::Mode;
use crate::watch;
use preview::{Preview, ServedSite};
use respond::{RESERVED, Reply};

/// How to serve: where to listen, the mode to start in, whether to open a browser.
#[derive(Debug, Clone)]
pub struct Options {
    pub addr: SocketAddr,
    pub mode: Mode,
    pub open: bool,
    /// The instant to preview the site at (`--at`), with its schedule; `None`: the real clock.
    pub at: Option<(i64, String)>,
}

/// What every request handler shares.
#[derive(Clone)]
struct Shared {
    preview: Arc<RwLock<Preview>>,
    /// The preview's generation, for the event streams.
    generation: signal::Sender<u64>,
    /// Set when the server stops, so the event streams end and the shutdown is not held up.
    stopping: signal::Receiver<bool>,
}

/// Serves the site at `root` until Ctrl-C.
pub fn run(root: &Path, options: Options) -> Result<(), Diagnostic> {
    let listener = bind(options.addr)?;
    let out = root.join("output");
    // Built in memory only: `serve` never writes output/ (nor the costly brotli siblings).
    let mut session = Session::new(
        root,
        build::Options {
            out: out.clone(),
            mode: options.mode,
            siblings: false,
            baseline: None,
        },
    );
    let (events, heard) = mpsc::channel();
    watch::start(root, &out, events.clone())?;
    let preview = Arc::new(RwLock::new(Preview {
        site: None,
        problems: Vec::new(),
        warnings: Vec::new(),
        mode: options.mode,
        at: options.at,
        generation: 0,
    }));
    let (generation, _) = signal::channel(0u64);
    rebuild(&mut session, &Change::Everything, &preview, &generation);
    let url = format!("http://{}/", options.addr);
    eprintln!(
        "serving {} at {url} (every page and mode: {url}{}/); Ctrl-C to stop",
        root.display(),
        &RESERVED[1..]
    );
    if options.open {
        open_browser(&url);
    }
    let (stop, stopping) = signal::channel(false);
    let shared = Shared {
        preview: Arc::clone(&preview),
        generation: generation.clone(),
        stopping,
    };
    std::thread::Builder::new()
        .name("planb rebuild".into())
        .spawn(move || {
            while let Ok(event) = heard.recv() {
                match event {
                    watch::Event::Changed(change) => {
                        rebuild(&mut session, &change, &preview, &generation)
                    }
                    watch::Event::Failed(message) => eprintln!("planb: watching: {message}"),
                    watch::Event::Stop => return,
                }
            }
        })
        .map_err(|e| Diagnostic::new("planb serve", format!("cannot start: {e}")))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::new("planb serve", format!("cannot start: {e}")))?;
    runtime.block_on(serve(listener, shared, stop))?;
    drop(events);
    eprintln!("stopped");
    Ok(())
}

/// Listens at `addr`, or says plainly that it cannot and what to try.
fn bind(addr: SocketAddr) -> Result<std::net::TcpListener, Diagnostic> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        let d = Diagnostic::new(addr.to_string(), format!("cannot listen on {addr}: {e}"));
        match e.kind() {
            std::io::ErrorKind::AddrInUse => d.help(format!(
                "another program is using port {}: try `planb serve --port {}`",
                addr.port(),
                addr.port().saturating_add(1)
            )),
            _ => d.help("try another --bind address or --port"),
        }
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Diagnostic::new(addr.to_string(), format!("cannot listen: {e}")))?;
    Ok(listener)
}

async fn serve(
    listener: std::net::TcpListener,
    shared: Shared,
    stop: signal::Sender<bool>,
) -> Result<(), Diagnostic> {
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let fail = |e: std::io::Error| Diagnostic::new(&addr, format!("cannot serve: {e}"));
    let listener = tokio::net::TcpListener::from_std(listener).map_err(fail)?;
    let app = Router::new()
        .route(&format!("{RESERVED}/events"), get(events))
        .route(&format!("{RESERVED}/mode/{{mode}}"), get(switch_mode))
        .route(&format!("{RESERVED}/at"), get(preview_at))
        .fallback(page)
        .with_state(shared);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            crate::signals::stop().await;
            let _ = stop.send(true);
        })
        .await
        .map_err(fail)
}

/// Rebuilds after `change`, updates the preview and tells the open pages to reload.
fn rebuild(
    session: &mut Session,
    change: &Change,
    preview: &RwLock<Preview>,
    generation: &signal::Sender<u64>,
) {
    let started = Instant::now();
    let (scope, result) = session.rebuild(change);
    let elapsed = started.elapsed().as_millis();
    let Ok(mut p) = preview.write() else {
        return;
    };
    match result {
        Ok(built) => {
            p.site = Some(ServedSite::from_built(&built));
            p.problems.clear();
            if built.warnings != p.warnings && !built.warnings.is_empty() {
                eprint!(
                    "{}",
                    report::human_warnings(&built.warnings, report::use_color(false))
                );
            }
            p.warnings = built.warnings.clone();
            let what = match scope {
                Scope::Pages(1) => "1 page".to_owned(),
                Scope::Pages(n) => format!("{n} pages"),
                Scope::Everything => format!("{} pages", built.pages.len()),
            };
            eprintln!("built {what} in {elapsed} ms");
        }
        Err(problems) => {
            eprint!(
                "{}",
                report::human_problems(&problems, report::use_color(false))
            );
            eprintln!(
                "planb: {} found; the preview shows them over the last good build",
                report::problems_count(problems.len())
            );
            p.problems = problems;
        }
    }
    p.generation += 1;
    generation.send_replace(p.generation);
}

/// Every GET that is not the preview's own: a page, a mode's answer, or the index.
async fn page(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = reply(respond::plain(405, "the preview answers GET and HEAD only"));
        r.headers_mut()
            .insert("allow", HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let answer = match shared.preview.read() {
        Ok(p) => {
            let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
            let asked = respond::Asked {
                language: header(axum::http::header::ACCEPT_LANGUAGE),
                accept: header(axum::http::header::ACCEPT),
            };
            respond::respond(&p, uri.path(), asked, epoch_now())
        }
        Err(_) => respond::plain(500, "the preview's state is unavailable"),
    };
    reply(answer)
}

/// `/__planb/mode/<mode>`: previews another mode, reloads the open pages, back to the index.
async fn switch_mode(State(shared): State<Shared>, UrlPath(mode): UrlPath<String>) -> Response {
    let mode = match mode.as_str() {
        "normal" => Mode::Normal,
        "landing" => Mode::Landing,
        "overflow" => Mode::Overflow,
        _ => return reply(respond::plain(404, "modes: normal, landing, overflow")),
    };
    if let Ok(mut p) = shared.preview.write() {
        p.mode = mode;
        p.generation += 1;
        shared.generation.send_replace(p.generation);
    }
    reply(respond::redirect(303, &format!("{RESERVED}/")))
}

#[derive(serde::Deserialize)]
struct At {
    t: Option<String>,
}

/// `/__planb/at?t=2026-03-11T21:00:00+01:00`: previews the site as the schedule makes it at that
/// instant; without `t` (or empty), at the real clock again.
async fn preview_at(State(shared): State<Shared>, Query(at): Query<At>) -> Response {
    let at = match at.t.as_deref().map(str::trim) {
        None | Some("") => None,
        // A `+` typed in the address arrives as a space, which no instant holds.
        Some(text) => match crate::config::schedule::parse_instant(&text.replace(' ', "+")) {
            Ok(t) => Some(t),
            Err(e) => return reply(respond::plain(400, &e)),
        },
    };
    if let Ok(mut p) = shared.preview.write() {
        p.at = at;
        p.generation += 1;
        shared.generation.send_replace(p.generation);
    }
    reply(respond::redirect(303, &format!("{RESERVED}/")))
}

/// The real clock, in seconds since the epoch.
fn epoch_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[derive(serde::Deserialize)]
struct Since {
    since: Option<u64>,
}

/// `/__planb/events`: a `reload` event after every rebuild or mode switch; at once if one happened
/// since the build the page came from.
async fn events(State(shared): State<Shared>, Query(since): Query<Since>) -> impl IntoResponse {
    let mut generation = shared.generation.subscribe();
    let current = *generation.borrow_and_update();
    let pending = since.since.is_some_and(|s| s < current).then_some(current);
    let stopping = shared.stopping.clone();
    let stream = futures_util::stream::unfold(
        (generation, stopping, pending),
        |(mut generation, mut stopping, pending)| async move {
            let next = match pending {
                Some(g) => g,
                None => {
                    tokio::select! {
                        changed = generation.changed() => {
                            changed.ok()?;
                            *generation.borrow_and_update()
                        }
                        _ = stopping.wait_for(|s| *s) => return None,
                    }
                }
            };
            let event = SseEvent::default().event("reload").data(next.to_string());
            Some((
                Ok::<_, std::convert::Infallible>(event),
                (generation, stopping, None),
            ))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn reply(r: Reply) -> Response {
    let mut response = Response::new(Body::from(r.body));
    *response.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    for (name, value) in r.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.append(n, v);
        }
    }
    response
}

/// Opens `url` in the desktop's browser; a failure is only a note, the server runs on.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("planb: cannot open a browser ({opener}: {e}); open {url} yourself");
    }
}
