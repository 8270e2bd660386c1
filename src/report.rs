//! What `planb build` prints: a summary of each page on success, every problem on failure; for
//! people (colours only on a terminal, never with NO_COLOR) or as JSON for scripts.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use crate::build::Built;
use crate::diag::Diagnostic;

/// Whether to colour output written to stderr or stdout.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// One line per page: status, URL, raw and gzip bytes, and its share of the budget.
pub fn human_summary(built: &Built, out: &Path, elapsed: Duration, color: bool) -> String {
    let mut s = format!(
        "{:<6} {:<28} {:>8} {:>8} {:>7}\n",
        "status", "page", "bytes", "gzip", "budget"
    );
    for p in &built.pages {
        let share = p.weight * 100 / p.budget.max(1);
        let (on, off) = match (color, share) {
            (false, _) => ("", ""),
            (true, 0..=74) => ("\x1b[32m", "\x1b[0m"),
            (true, 75..=99) => ("\x1b[33m", "\x1b[0m"),
            (true, _) => ("\x1b[31m", "\x1b[0m"),
        };
        let _ = writeln!(
            s,
            "{:<6} {:<28} {:>8} {:>8} {on}{:>6}%{off}",
            p.page.status,
            p.page.url(),
            p.html.len(),
            p.gzip.len(),
            share
        );
    }
    let _ = write!(
        s,
        "built {} pages into {} in {} ms",
        built.pages.len(),
        out.display(),
        elapsed.as_millis()
    );
    match built.purged.as_deref() {
        None => {}
        Some([]) => s.push_str("\npurge: nothing changed since the live bundle"),
        Some(paths) => {
            let _ = write!(
                s,
                "\npurge: {} URLs changed since the live bundle; the lists are in {}",
                paths.len(),
                out.join(crate::purge::FOLDER).display()
            );
        }
    }
    s
}

/// The summary as JSON.
pub fn json_summary(built: &Built, out: &Path, elapsed: Duration) -> String {
    let pages: Vec<serde_json::Value> = built
        .pages
        .iter()
        .map(|p| {
            serde_json::json!({
                "path": p.page.url(),
                "kind": p.page.kind.name(),
                "status": p.page.status,
                "bytes": p.html.len(),
                "gzip_bytes": p.gzip.len(),
                "weight": p.weight,
                "budget": p.budget,
            })
        })
        .collect();
    serde_json::json!({
        "ok": true,
        "out": out,
        "elapsed_ms": elapsed.as_millis() as u64,
        "pages": pages,
        "purge": built.purged,
        "warnings": built.warnings,
    })
    .to_string()
}

/// "1 problem", "3 problems": the one wording of a count, in build, check and serve.
pub fn problems_count(n: usize) -> String {
    format!("{n} problem{}", if n == 1 { "" } else { "s" })
}

/// Every problem, for people; the count is of errors (spelling warnings are shown, not counted).
pub fn human_errors(problems: &[Diagnostic], color: bool) -> String {
    let mut s = human_problems(problems, color);
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let _ = write!(
        s,
        "planb: {} found; nothing was written",
        problems_count(errors)
    );
    s
}

/// What the build says without failing (the spell check's findings), with their count.
pub fn human_warnings(warnings: &[Diagnostic], color: bool) -> String {
    let n = warnings.len();
    format!(
        "{}planb: {n} spelling or typography warning{}; the build went on (`planb check` fails on them, `[spell] strict = true` makes the build fail too)\n",
        human_problems(warnings, color),
        if n == 1 { "" } else { "s" }
    )
}

/// Each problem with its source line and hint, one blank line between them.
pub fn human_problems(problems: &[Diagnostic], color: bool) -> String {
    let mut s = String::new();
    for p in problems {
        let _ = writeln!(s, "{}\n", p.render(color));
    }
    s
}

/// Every problem, as JSON.
pub fn json_errors(problems: &[Diagnostic]) -> String {
    serde_json::json!({ "ok": false, "errors": problems }).to_string()
}
