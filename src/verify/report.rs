//! The report of `planb verify`: a table per edge (URL, expected, got, verdict), the differences
//! under it, the caches' answers when warming, and a last line that says whether the edge is the
//! bundle; or the same as JSON for a deploy script.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::probes::{Expect, Probe};
use super::{EdgeReport, Outcome, Verification};

/// The table, for a person.
pub fn human(v: &Verification) -> String {
    let mut out = String::new();
    for edge in &v.edges {
        let _ = writeln!(
            out,
            "planb verify {} at {}: {}, {} mode",
            v.url,
            edge.address,
            v.target,
            v.mode.name()
        );
        if let Some(f) = &edge.failure {
            let _ = writeln!(out, "  FAILED: {f}\n");
            continue;
        }
        table(&mut out, edge.results.iter().filter(|r| !r.warm));
        let warm: Vec<&Outcome> = edge.results.iter().filter(|r| r.warm).collect();
        if !warm.is_empty() {
            let _ = writeln!(out, "\nwarming, one encoding at a time:");
            table(&mut out, warm.iter().copied());
        }
        let failed: Vec<&Outcome> = edge.results.iter().filter(|r| !r.ok()).collect();
        if !failed.is_empty() {
            let _ = writeln!(out, "\ndifferences:");
            for r in &failed {
                let what = request(&r.probe);
                match &r.got {
                    Err(e) => {
                        let _ = writeln!(out, "  {what}: {e}");
                    }
                    Ok(a) => {
                        for d in &a.differences {
                            let _ = writeln!(out, "  {what}: {d}");
                        }
                    }
                }
            }
        }
        let _ = writeln!(
            out,
            "{} of {} requests as the bundle says\n",
            edge.results.len() - failed.len(),
            edge.results.len()
        );
    }
    let _ = writeln!(
        out,
        "{}",
        if v.ok() {
            "verified: the edge serves the bundle"
        } else {
            "NOT verified: the edge does not serve the bundle (see above)"
        }
    );
    out
}

fn table<'a>(out: &mut String, rows: impl Iterator<Item = &'a Outcome>) {
    let rows: Vec<[String; 4]> = rows
        .map(|r| {
            let (got, verdict) = match &r.got {
                Err(_) => ("no answer".to_owned(), "FAILED".to_owned()),
                Ok(a) => {
                    let got = if r.warm {
                        format!("{} ({})", a.got, a.cache)
                    } else {
                        a.got.clone()
                    };
                    (
                        got,
                        if a.differences.is_empty() {
                            "ok"
                        } else {
                            "DIFFERS"
                        }
                        .to_owned(),
                    )
                }
            };
            [request(&r.probe), expected(&r.probe.expect), got, verdict]
        })
        .collect();
    let header = ["URL", "EXPECTED", "GOT", "VERDICT"].map(str::to_owned);
    let widths: Vec<usize> = (0..3)
        .map(|i| {
            rows.iter()
                .chain([&header])
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let _ = writeln!(
            out,
            "  {:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
}

/// `GET /path`, with the encoding asked when it is not a browser's.
fn request(p: &Probe) -> String {
    let mut asked = Vec::new();
    if p.accept_encoding != super::probes::BROWSER_ENCODINGS {
        asked.push(p.accept_encoding.to_owned());
    }
    if let Some(language) = &p.accept_language {
        asked.push(format!("Accept-Language: {language}"));
    }
    if let Some(accept) = p.accept {
        asked.push(format!("Accept: {accept}"));
    }
    if asked.is_empty() {
        format!("{} {}", p.method, p.path)
    } else {
        format!("{} {} [{}]", p.method, p.path, asked.join(", "))
    }
}

fn expected(e: &Expect) -> String {
    match e {
        Expect::Page { page, status, .. } => format!("{status} {page}"),
        Expect::Redirect { status, location } => format!("{status} -> {location}"),
        Expect::NotRedirectTo { location } => format!("not -> {location}"),
    }
}

/// The same, for a deploy script.
pub fn json(v: &Verification) -> Value {
    json!({
        "url": v.url,
        "target": v.target,
        "mode": v.mode.name(),
        "ok": v.ok(),
        "edges": v.edges.iter().map(edge).collect::<Vec<_>>(),
        "not_kept": v.not_kept.as_ref().map(|d| d.message.clone()),
    })
}

fn edge(e: &EdgeReport) -> Value {
    json!({
        "address": e.address,
        "ok": e.ok(),
        "failure": e.failure,
        "results": e.results.iter().map(|r| {
            let (got, differences, cache, error) = match &r.got {
                Ok(a) => (Some(a.got.clone()), a.differences.clone(), Some(a.cache.clone()), None),
                Err(e) => (None, Vec::new(), None, Some(e.clone())),
            };
            json!({
                "method": r.probe.method,
                "path": r.probe.path,
                "accept_encoding": r.probe.accept_encoding,
                "accept_language": r.probe.accept_language,
                "accept": r.probe.accept,
                "warm": r.warm,
                "expected": expected(&r.probe.expect),
                "got": got,
                "cache": cache,
                "error": error,
                "differences": differences,
                "ok": r.ok(),
            })
        }).collect::<Vec<_>>(),
    })
}
