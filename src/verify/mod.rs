//! `planb verify URL`: asks a deployed edge what `output/manifest.json` says it must answer, and
//! reports each difference. The probes (`probes.rs`) are a pure function of the manifest, the
//! target's answers and the mode; the client (`client.rs`) sends them a few at a time, each once,
//! within a timeout; `compare.rs` judges each answer; `report.rs` prints the table or the JSON.
//! With `--resolve HOST:IP` given several times, each address is an edge of its own (one CDN or
//! server behind the name), verified and reported apart.

pub mod client;
mod compare;
pub mod probes;
pub mod report;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use client::{Client, Origin, Request, Response};
use probes::Probe;

use crate::diag::Diagnostic;
use crate::manifest::{self, Manifest};
use crate::targets::{self, Mode, Overflow, Target};

/// How many requests are in flight at once: enough to verify a bundle in seconds, too few to
/// load anything.
const CONCURRENCY: usize = 4;

/// Where the manifest of the last bundle verified live is kept, relative to the site: the
/// baseline of the purge lists (`output/purge/`), which survives rebuilds.
pub const LIVE_MANIFEST: &str = ".planb/live-manifest.json";

/// What to verify, resolved from the command line.
pub struct Options {
    pub url: String,
    /// The bundle: `output/` of the site.
    pub out: PathBuf,
    /// The site folder, where the live manifest is kept.
    pub root: PathBuf,
    pub target: Option<String>,
    pub mode: Option<Mode>,
    /// `--resolve HOST:IP`, in order.
    pub resolve: Vec<String>,
    pub warm: bool,
    pub timeout: Duration,
}

/// One edge's outcome: every probe with its answer, or the failure that stopped it.
pub struct EdgeReport {
    /// `127.0.0.1:8080`: where the requests went.
    pub address: String,
    /// Why no probe could be judged (DNS, connect, TLS, timeout on the first request).
    pub failure: Option<String>,
    pub results: Vec<Outcome>,
}

/// One probe and what came back.
pub struct Outcome {
    pub probe: Probe,
    pub warm: bool,
    pub got: Result<Answer, String>,
}

/// An answer, judged.
pub struct Answer {
    pub got: String,
    pub differences: Vec<String>,
    /// Its encoding, and what a cache in front said of it: `Age` and its hit-or-miss header.
    pub cache: String,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        matches!(&self.got, Ok(a) if a.differences.is_empty())
    }
}

impl EdgeReport {
    pub fn ok(&self) -> bool {
        self.failure.is_none() && self.results.iter().all(Outcome::ok)
    }
}

/// The whole run: what was checked, and each edge's outcome.
pub struct Verification {
    pub url: String,
    pub target: &'static str,
    pub mode: Mode,
    pub edges: Vec<EdgeReport>,
    /// Why the manifest of a passing run could not be kept as the live one (the purge lists'
    /// baseline), if it could not: the edge is verified, but the command fails.
    pub not_kept: Option<Diagnostic>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.edges.iter().all(EdgeReport::ok)
    }
}

/// Verifies the edge; a problem with the request itself (no manifest, a bad URL, a target
/// planb cannot verify) is an error before any request.
// A Diagnostic travels once, on the error path, as in lib.rs.
#[allow(clippy::result_large_err)]
pub fn verify(options: &Options) -> Result<Verification, Diagnostic> {
    let (json, manifest) = read_manifest(&options.out)?;
    let origin = Origin::parse(&options.url).map_err(|e| Diagnostic::new("planb verify", e))?;
    let target = pick_target(&manifest, options.target.as_deref())?;
    let answers = target.answers(&manifest).ok_or_else(|| {
        Diagnostic::new(
            "planb verify",
            format!(
                "planb does not know yet what {} answers at each URL, so it cannot verify it (not yet: see the README)",
                target.name()
            ),
        )
    })?;
    let mode = options.mode.unwrap_or_else(|| mode_of(&manifest));
    if let (Mode::Overflow, Overflow::Unverifiable(why)) = (mode, answers.overflow) {
        return Err(Diagnostic::new(
            "planb verify",
            format!(
                "{} in overflow mode cannot be verified against the manifest: {why}",
                target.name()
            ),
        ));
    }
    let mut plan = probes::plan(&manifest, &answers, mode);
    if plan.is_empty() {
        return Err(Diagnostic::new(
            "planb verify",
            format!(
                "nothing to verify: the bundle has no page {} mode answers with",
                mode.name()
            ),
        ));
    }
    // The probes from here on are the warming ones.
    let warm_from = plan.len();
    if options.warm {
        let warm = probes::warm(&plan);
        plan.extend(warm);
    }
    let addresses = addresses(&origin, &options.resolve)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::new("planb verify", format!("cannot start: {e}")))?;
    let manifest = Arc::new(manifest);
    let edges = addresses
        .into_iter()
        .map(|ip| {
            runtime.block_on(verify_edge(
                origin.clone(),
                ip,
                options.timeout,
                &plan,
                Arc::clone(&manifest),
                warm_from,
            ))
        })
        .collect();
    let mut verification = Verification {
        url: options.url.clone(),
        target: target.name(),
        mode,
        edges,
        not_kept: None,
    };
    if verification.ok() {
        verification.not_kept = keep_live_manifest(&options.root, &json).err();
    }
    Ok(verification)
}

#[allow(clippy::result_large_err)]
fn read_manifest(out: &Path) -> Result<(Vec<u8>, Manifest), Diagnostic> {
    let path = out.join(manifest::FILE_NAME);
    let shown = path.display().to_string();
    let json = std::fs::read(&path).map_err(|e| {
        Diagnostic::new(
            &shown,
            format!("cannot read it ({e}): run `planb build` first"),
        )
    })?;
    let manifest = serde_json::from_slice(&json)
        .map_err(|e| Diagnostic::new(&shown, format!("not a planb manifest: {e}")))?;
    Ok((json, manifest))
}

/// The target `--target` names, or the only server or CDN the bundle was built for.
#[allow(clippy::result_large_err)]
fn pick_target(
    manifest: &Manifest,
    named: Option<&str>,
) -> Result<&'static dyn Target, Diagnostic> {
    let built: Vec<&'static dyn Target> = targets::ALL
        .into_iter()
        .filter(|t| {
            manifest
                .config
                .iter()
                .any(|c| c.starts_with(&format!("{}/", t.name())))
        })
        .collect();
    let names = || {
        built
            .iter()
            .map(|t| t.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match named {
        Some(n) => built
            .iter()
            .copied()
            .find(|t| t.name() == n)
            .ok_or_else(|| {
                Diagnostic::new(
                    "planb verify",
                    format!(
                        "--target {n}: the bundle has no configuration for it (it has: {})",
                        names()
                    ),
                )
            }),
        None if built.len() == 1 => Ok(built[0]),
        None => Err(Diagnostic::new(
            "planb verify",
            format!(
                "say which target serves this edge with --target (the bundle has: {})",
                names()
            ),
        )),
    }
}

fn mode_of(manifest: &Manifest) -> Mode {
    Mode::ALL
        .into_iter()
        .find(|m| m.name() == manifest.mode)
        .unwrap_or_default()
}

/// The addresses to verify: each `--resolve` for the URL's host, or DNS's (`None`).
#[allow(clippy::result_large_err)]
fn addresses(origin: &Origin, resolve: &[String]) -> Result<Vec<Option<IpAddr>>, Diagnostic> {
    if resolve.is_empty() {
        return Ok(vec![None]);
    }
    resolve
        .iter()
        .map(|r| {
            let bad = |why: &str| Diagnostic::new("planb verify", format!("--resolve {r}: {why}"));
            let (host, ip) = r.split_once(':').ok_or_else(|| bad("give it as HOST:IP"))?;
            if !host.eq_ignore_ascii_case(&origin.host) {
                return Err(bad(&format!("the URL's host is {}", origin.host)));
            }
            let ip = ip.trim_start_matches('[').trim_end_matches(']');
            ip.parse()
                .map(Some)
                .map_err(|_| bad(&format!("`{ip}` is not an IP address")))
        })
        .collect()
}

/// Every probe against one address: the first alone (if it cannot even connect, the others would
/// not either: one failure, not a storm of them), then the rest a few at a time.
async fn verify_edge(
    origin: Origin,
    ip: Option<IpAddr>,
    timeout: Duration,
    plan: &[Probe],
    manifest: Arc<Manifest>,
    warm_from: usize,
) -> EdgeReport {
    let shown = ip.map_or_else(
        || format!("{}:{}", origin.host, origin.port),
        |ip| format!("{ip}:{}", origin.port),
    );
    let client = match Client::new(origin, ip, timeout).await {
        Ok(c) => Arc::new(c),
        Err(failure) => {
            return EdgeReport {
                address: shown,
                failure: Some(failure),
                results: Vec::new(),
            };
        }
    };
    let address = client.addr.to_string();
    let mut answers: Vec<Result<Response, String>> = Vec::with_capacity(plan.len());
    if let Some(first) = plan.first() {
        let answer = send(&client, first).await;
        if let Err(failure) = answer {
            return EdgeReport {
                address,
                failure: Some(failure),
                results: Vec::new(),
            };
        }
        answers.push(answer);
    }
    for chunk in plan[answers.len()..].chunks(CONCURRENCY) {
        let mut set = tokio::task::JoinSet::new();
        for (i, probe) in chunk.iter().enumerate() {
            let (client, probe) = (Arc::clone(&client), probe.clone());
            set.spawn(async move { (i, send(&client, &probe).await) });
        }
        let mut got: Vec<(usize, Result<Response, String>)> = set.join_all().await;
        got.sort_by_key(|(i, _)| *i);
        answers.extend(got.into_iter().map(|(_, a)| a));
    }
    let results = plan
        .iter()
        .zip(answers)
        .enumerate()
        .map(|(i, (probe, answer))| Outcome {
            probe: probe.clone(),
            warm: i >= warm_from,
            got: answer.map(|resp| judge(probe, &resp, &manifest, &client.origin)),
        })
        .collect();
    EdgeReport {
        address,
        failure: None,
        results,
    }
}

async fn send(client: &Client, probe: &Probe) -> Result<Response, String> {
    client
        .send(&Request {
            method: probe.method,
            path: &probe.path,
            accept_encoding: probe.accept_encoding,
            accept_language: probe.accept_language.as_deref(),
            accept: probe.accept,
        })
        .await
}

fn judge(probe: &Probe, resp: &Response, manifest: &Manifest, origin: &Origin) -> Answer {
    Answer {
        got: compare::describe(resp, manifest, probe.expect.page()),
        differences: compare::differences(probe, resp, manifest, origin),
        cache: cache_status(resp),
    }
}

/// What came back for warming: its encoding, `Age`, and the first hit-or-miss header a cache in
/// front sent, as `gzip, age 12, X-Cache: HIT`.
fn cache_status(resp: &Response) -> String {
    let encoding = resp.header("Content-Encoding").first().copied();
    let mut said = vec![encoding.unwrap_or("identity").to_owned()];
    if let Some(age) = resp.header("Age").first() {
        said.push(format!("age {age}"));
    }
    for name in [
        "Cache-Status",
        "CF-Cache-Status",
        "X-Cache",
        "X-Cache-Status",
    ] {
        if let Some(v) = resp.header(name).first() {
            said.push(format!("{name}: {v}"));
            break;
        }
    }
    if said.len() == 1 {
        said.push("no cache header".to_owned());
    }
    said.join(", ")
}

/// Keeps the manifest that was just verified live (`json`, as read before the first request),
/// beside the site, for the purge lists of the next builds.
#[allow(clippy::result_large_err)]
fn keep_live_manifest(root: &Path, json: &[u8]) -> Result<(), Diagnostic> {
    let path = root.join(LIVE_MANIFEST);
    let shown = path.display().to_string();
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(path.parent().unwrap_or(root))?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, &path)
    };
    write().map_err(|e| {
        Diagnostic::new(&shown, format!("cannot keep the live manifest: {e}")).help(
            "the edge is verified, but the next builds' purge lists compare with the manifest kept before",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(headers: &[(&str, &str)]) -> Response {
        Response {
            status: 200,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn warming_says_what_each_cache_answered() {
        let cdn = answer(&[
            ("content-encoding", "br"),
            ("age", "12"),
            ("x-cache", "Hit from cloudfront"),
        ]);
        assert_eq!(
            cache_status(&cdn),
            "br, age 12, X-Cache: Hit from cloudfront"
        );
        let cloudflare = answer(&[("cf-cache-status", "MISS"), ("x-cache", "ignored")]);
        assert_eq!(cache_status(&cloudflare), "identity, CF-Cache-Status: MISS");
        let rfc9211 = answer(&[("Cache-Status", "ExampleCache; hit"), ("age", "3")]);
        assert_eq!(
            cache_status(&rfc9211),
            "identity, age 3, Cache-Status: ExampleCache; hit"
        );
        assert_eq!(
            cache_status(&answer(&[("content-encoding", "gzip")])),
            "gzip, no cache header"
        );
    }
}
