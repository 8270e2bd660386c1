//! `planb.tf`: the same rules as the API bodies, as resources of the Terraform `cloudflare`
//! provider (v5): one `cloudflare_ruleset` per phase, each rule `enabled` by the `planb_mode`
//! variable, the inlined pages read from `public/` with `file()` (the same bytes as the API's
//! `content`), and the overflow Worker with its route, which exists in overflow mode only (and
//! the schedule's Worker with its route, in the setting `schedule` only).
//!
//! The traps this avoids: `${` and `%{` start template sequences even in a quoted HCL string
//! (`hcl` doubles them); header names are not HCL identifiers, so every object key is quoted.

use std::fmt::Write as _;

use serde_json::Value;

use super::rules::{Body, Phase, Rule, Setting, When};
use super::{COMPATIBILITY_DATE, WORKER};
use super::{schedule, worker};
use crate::targets::EdgeSite;
use crate::targets::hcl::hcl;

/// Marks a string of the rule's JSON that is an HCL expression, written as it is.
const RAW: char = '\u{0}';

pub fn terraform(site: &EdgeSite, rules: &[Rule]) -> String {
    let overflow = site.overflow_or_503().is_some();
    let scheduled = !site.schedule.is_empty();
    let names: Vec<String> = Setting::all(site)
        .into_iter()
        .map(|s| format!("\"{}\"", s.name()))
        .collect();
    let landing = "landing (/ answers 302 to the landing page)";
    let overflow_what = "overflow (every request answers the overflow page with 503)";
    let (or_schedule, what) = match scheduled {
        true => (
            ", schedule",
            format!(
                "{landing}, {overflow_what} or schedule (each [[schedule]] window's mode, by itself)"
            ),
        ),
        false => ("", format!("{landing} or {overflow_what}")),
    };
    let choices = match scheduled {
        true => "normal, landing, overflow or schedule",
        false => "normal, landing or overflow",
    };
    let mut out = format!(
        "# planb: Cloudflare in front of the origin (generated; on paper: checked against the\n\
         # provider's schema, not applied by planb's tests). Switch mode with one variable:\n\
         #   terraform apply -var zone_id=... -var planb_mode=landing    (or overflow{or_schedule}, or normal)\n\
         # Each cloudflare_ruleset owns its phase's entry point: a zone with rules of its own in a\n\
         # phase must import that ruleset first, and keep its rules in this file.\n\n\
         terraform {{\n  required_providers {{\n    cloudflare = {{\n      source  = \"cloudflare/cloudflare\"\n      version = \"~> 5.14\"\n    }}\n  }}\n}}\n\n\
         variable \"planb_mode\" {{\n  description = \"What the edge does: normal, {what}.\"\n  type        = string\n  default     = \"normal\"\n  validation {{\n    condition     = contains([{list}], var.planb_mode)\n    error_message = \"planb_mode is {choices}.\"\n  }}\n}}\n\n\
         variable \"zone_id\" {{\n  description = \"The zone in front of the origin.\"\n  type        = string\n}}\n\n",
        list = names.join(", "),
    );
    if overflow {
        out.push_str(
            "variable \"account_id\" {\n  description = \"The account the overflow Worker belongs to.\"\n  type        = string\n}\n\n",
        );
    }
    for phase in Phase::ALL {
        let list: Vec<&Rule> = rules.iter().filter(|r| r.phase == phase).collect();
        if !list.is_empty() {
            ruleset(&mut out, phase, &list);
        }
    }
    if overflow {
        worker_resources(
            &mut out,
            site,
            ("planb_overflow", WORKER, worker::FILE, "overflow"),
            "# Overflow mode: every request of the host goes to the Worker, none to the origin.",
        );
    }
    if schedule::needs_worker(site) {
        out.push('\n');
        worker_resources(
            &mut out,
            site,
            (
                "planb_schedule",
                schedule::WORKER,
                schedule::FILE,
                "schedule",
            ),
            "# The schedule: every request of the host goes to the Worker, which answers the\n\
             # overflow page inside each overflow window and passes the request to the origin outside.",
        );
    }
    out
}

/// A Worker's script and its route on the whole host, which exists in `setting` only.
fn worker_resources(
    out: &mut String,
    site: &EdgeSite,
    (resource, name, file, setting): (&str, &str, &str, &str),
    comment: &str,
) {
    let _ = write!(
        out,
        "resource \"cloudflare_workers_script\" \"{resource}\" {{\n  account_id         = var.account_id\n  script_name        = \"{name}\"\n  content            = file(\"${{path.module}}/worker/{file}\")\n  main_module        = \"{file}\"\n  compatibility_date = \"{COMPATIBILITY_DATE}\"\n}}\n\n\
         {comment}\n\
         resource \"cloudflare_workers_route\" \"{resource}\" {{\n  count   = var.planb_mode == \"{setting}\" ? 1 : 0\n  zone_id = var.zone_id\n  pattern = {pattern}\n  script  = cloudflare_workers_script.{resource}.script_name\n}}\n",
        pattern = hcl(&worker::route_pattern(site)),
    );
}

fn ruleset(out: &mut String, phase: Phase, rules: &[&Rule]) {
    let _ = write!(
        out,
        "resource \"cloudflare_ruleset\" \"planb_{name}\" {{\n  zone_id     = var.zone_id\n  name        = \"planb\"\n  description = {what}\n  kind        = \"zone\"\n  phase       = \"{name}\"\n  rules = [\n",
        name = phase.name(),
        what = hcl(phase.what()),
    );
    for rule in rules {
        let mut json = rule.json.clone();
        if let Some(Body::Inline { file }) = &rule.body {
            json["action_parameters"]["content"] = Value::String(format!(
                "{RAW}file(\"${{path.module}}/../../public/{file}\")"
            ));
        }
        json["enabled"] = Value::String(format!("{RAW}{}", condition(rule.when)));
        out.push_str("    ");
        value(out, &json, 2);
        out.push_str(",\n");
    }
    out.push_str("  ]\n}\n\n");
}

/// The `enabled` of a rule, in HCL.
fn condition(when: When) -> &'static str {
    match when {
        When::Always => "true",
        When::Landing => "var.planb_mode == \"landing\"",
        When::NotOverflow => "var.planb_mode != \"overflow\"",
        When::NormalOrLanding => "contains([\"normal\", \"landing\"], var.planb_mode)",
        When::Schedule => "var.planb_mode == \"schedule\"",
    }
}

/// `v` as an HCL expression, its nested lines indented by `depth` levels.
fn value(out: &mut String, v: &Value, depth: usize) {
    let pad = "  ".repeat(depth + 1);
    match v {
        Value::Object(map) => {
            out.push_str("{\n");
            for (k, item) in map {
                let _ = write!(out, "{pad}{} = ", hcl(k));
                value(out, item, depth + 1);
                out.push('\n');
            }
            out.push_str(&"  ".repeat(depth));
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                value(out, item, depth);
            }
            out.push(']');
        }
        Value::String(s) => match s.strip_prefix(RAW) {
            Some(raw) => out.push_str(raw),
            None => out.push_str(&hcl(s)),
        },
        other => out.push_str(&other.to_string()),
    }
}
