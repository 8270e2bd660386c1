//! `planb.tf`: the same rules as the API bodies, as resources of the Terraform `cloudflare`
//! provider (v5): one `cloudflare_ruleset` per phase, each rule `enabled` by the `planb_mode`
//! variable, the inlined pages read from `public/` with `file()` (the same bytes as the API's
//! `content`), and the overflow Worker with its route, which exists in overflow mode only.
//!
//! The traps this avoids: `${` and `%{` start template sequences even in a quoted HCL string
//! (`hcl` doubles them); header names are not HCL identifiers, so every object key is quoted.

use std::fmt::Write as _;

use serde_json::Value;

use super::rules::{Body, Phase, Rule, When};
use super::worker;
use super::{COMPATIBILITY_DATE, WORKER};
use crate::targets::EdgeSite;
use crate::targets::hcl::hcl;

/// Marks a string of the rule's JSON that is an HCL expression, written as it is.
const RAW: char = '\u{0}';

pub fn terraform(site: &EdgeSite, rules: &[Rule]) -> String {
    let overflow = site.overflow_or_503().is_some();
    let mut out = String::from(
        "# planb: Cloudflare in front of the origin (generated; on paper: checked against the\n\
         # provider's schema, not applied by planb's tests). Switch mode with one variable:\n\
         #   terraform apply -var zone_id=... -var planb_mode=landing    (or overflow, or normal)\n\
         # Each cloudflare_ruleset owns its phase's entry point: a zone with rules of its own in a\n\
         # phase must import that ruleset first, and keep its rules in this file.\n\n\
         terraform {\n  required_providers {\n    cloudflare = {\n      source  = \"cloudflare/cloudflare\"\n      version = \"~> 5.14\"\n    }\n  }\n}\n\n\
         variable \"planb_mode\" {\n  description = \"What the edge does: normal, landing (/ answers 302 to the landing page) or overflow (every request answers the overflow page with 503).\"\n  type        = string\n  default     = \"normal\"\n  validation {\n    condition     = contains([\"normal\", \"landing\", \"overflow\"], var.planb_mode)\n    error_message = \"planb_mode is normal, landing or overflow.\"\n  }\n}\n\n\
         variable \"zone_id\" {\n  description = \"The zone in front of the origin.\"\n  type        = string\n}\n\n",
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
        let _ = write!(
            out,
            "resource \"cloudflare_workers_script\" \"planb_overflow\" {{\n  account_id         = var.account_id\n  script_name        = \"{WORKER}\"\n  content            = file(\"${{path.module}}/worker/{file}\")\n  main_module        = \"{file}\"\n  compatibility_date = \"{COMPATIBILITY_DATE}\"\n}}\n\n\
             # Overflow mode: every request of the host goes to the Worker, none to the origin.\n\
             resource \"cloudflare_workers_route\" \"planb_overflow\" {{\n  count   = var.planb_mode == \"overflow\" ? 1 : 0\n  zone_id = var.zone_id\n  pattern = {pattern}\n  script  = cloudflare_workers_script.planb_overflow.script_name\n}}\n",
            file = worker::FILE,
            pattern = hcl(&worker::route_pattern(site)),
        );
    }
    out
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
