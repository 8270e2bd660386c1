//! The Cloudflare API request bodies, one folder per mode (and `schedule` for `[[schedule]]`):
//! `api/<mode>/<phase>.json` is the body of
//! `PUT /zones/{zone_id}/rulesets/phases/<phase>/entrypoint` (the same rules in every mode, only
//! `enabled` differs), `api/custom_pages_assets.json` the bodies of
//! `POST /zones/{zone_id}/custom_pages/assets` for pages too heavy to inline, and for overflow
//! mode (and the schedule's overflow windows) the Worker's upload metadata and its route. Checked
//! against the types of Cloudflare's own TypeScript SDK (`tests/edge_cloudflare.rs`).

use serde_json::{Value, json};

use super::FOLDER;
use super::rules::{Body, Phase, Rule, Setting};
use super::{schedule, worker};
use crate::output::OutputFile;
use crate::targets::EdgeSite;

/// The path of a setting's body for `phase`, relative to the target's folder.
pub fn phase_file(setting: Setting, phase: Phase) -> String {
    format!("api/{}/{}.json", setting.name(), phase.name())
}

pub fn files(site: &EdgeSite, rules: &[Rule]) -> Vec<OutputFile> {
    let mut out = Vec::new();
    for setting in Setting::all(site) {
        for phase in Phase::ALL {
            let list: Vec<Value> = rules
                .iter()
                .filter(|r| r.phase == phase)
                .map(|r| enabled(r, setting))
                .collect();
            if list.is_empty() {
                continue;
            }
            let body = json!({ "name": "planb", "description": phase.what(), "rules": list });
            out.push(FOLDER.file(&phase_file(setting, phase), pretty(&body)));
        }
    }
    let assets: Vec<Value> = rules
        .iter()
        .filter_map(|r| match &r.body {
            Some(Body::Asset { name, url }) => Some(json!({
                "name": name,
                "description": format!("planb: the page at {url}"),
                "url": url,
            })),
            _ => None,
        })
        .collect();
    if !assets.is_empty() {
        out.push(FOLDER.file(
            "api/custom_pages_assets.json",
            pretty(&Value::Array(assets)),
        ));
    }
    if site.overflow_or_503().is_some() {
        out.push(FOLDER.file(
            "api/overflow/workers_script_metadata.json",
            pretty(&worker::metadata(worker::FILE)),
        ));
        out.push(FOLDER.file(
            "api/overflow/workers_route.json",
            pretty(&worker::route(site, super::WORKER)),
        ));
    }
    if schedule::needs_worker(site) {
        out.push(FOLDER.file(
            "api/schedule/workers_script_metadata.json",
            pretty(&worker::metadata(schedule::FILE)),
        ));
        out.push(FOLDER.file(
            "api/schedule/workers_route.json",
            pretty(&worker::route(site, schedule::WORKER)),
        ));
    }
    out
}

/// The rule as the API takes it in `setting`.
fn enabled(rule: &Rule, setting: Setting) -> Value {
    let mut json = rule.json.clone();
    json["enabled"] = Value::Bool(rule.when.enabled(setting));
    json
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}
