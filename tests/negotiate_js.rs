//! The JavaScript the edge runs to pick a language (`targets::js::PICK_LANGUAGE`, in CloudFront
//! Functions and Cloudflare's Workers) picks, in Node, what planb's own `negotiate::pick_language`
//! picks: on the languages issue's headers, and on 3,000 headers built from the pieces that make
//! negotiation hard (q-values in every form, wildcards, subtags, refusals by truncation,
//! malformed parts, spaces, case).

mod common;

use std::process::Command;

use common::edge::require;
use planb::negotiate::pick_language;
use planb::targets::js;

/// What a header is made of: ranges, their parameters and separators, good and bad.
const TAGS: [&str; 17] = [
    "en",
    "EN",
    "en-GB",
    "en-gb-oxendict",
    "fr",
    "fr-CA",
    "fr-x-a",
    "fr-ca-x",
    "de",
    "de-DE",
    "es",
    "pt-BR",
    "zh-Hant-TW",
    "zh",
    "*",
    "toolongtag",
    "e n",
];
const PARAMS: [&str; 14] = [
    "",
    "",
    "",
    ";q=0",
    ";q=0.0",
    ";q=0.5",
    ";q=0.50",
    ";q=1",
    ";q=1.000",
    ";q=abc",
    ";q=0.0001",
    ";q=2",
    "; Q = 0.8",
    ";level=1",
];
const SEPARATORS: [&str; 5] = [",", ", ", " ,\t", ",,", ";,"];

/// A deterministic generator (no dependency, same headers on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn headers() -> Vec<String> {
    let mut out: Vec<String> = [
        "en-GB,en;q=0.9,fr;q=0.8",
        "fr-FR,fr;q=0.9",
        "de-DE",
        "es",
        "pt-BR",
        "*",
        "",
        ";;q=abc,,",
        "en;q=0.5, fr;q=0.6",
        "fr;q=0, en;q=0.1",
        "zh-Hant-CN-x-private",
        "en-GB, en;q=0",
        "fr-CA-x-a",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let mut rng = Lcg(2026);
    for _ in 0..3000 {
        let mut header = String::new();
        for i in 0..1 + rng.next(5) {
            if i > 0 {
                header.push_str(SEPARATORS[rng.next(SEPARATORS.len())]);
            }
            header.push_str(TAGS[rng.next(TAGS.len())]);
            header.push_str(PARAMS[rng.next(PARAMS.len())]);
        }
        out.push(header);
    }
    out
}

#[test]
fn the_edge_javascript_picks_what_planb_picks() {
    let node = require("node");
    let sites: Vec<Vec<String>> = [
        vec!["fr", "en"],
        vec!["en", "fr", "de"],
        vec!["fr-CA", "zh-Hant", "en"],
    ]
    .iter()
    .map(|s| s.iter().map(|l| l.to_string()).collect())
    .collect();
    let headers = headers();
    let mut script = String::from(js::PICK_LANGUAGE);
    script.push_str(
        "\nconst input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n\
         process.stdout.write(JSON.stringify(input.sites.map((s) => input.headers.map((h) => pickLanguage(h, s)))));\n",
    );
    let lower: Vec<Vec<String>> = sites
        .iter()
        .map(|s| s.iter().map(|l| l.to_ascii_lowercase()).collect())
        .collect();
    let input = serde_json::json!({ "sites": lower, "headers": headers });
    let mut child = Command::new(node)
        .arg("-e")
        .arg(&script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run node");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    let picked: Vec<Vec<usize>> = serde_json::from_slice(&out.stdout).unwrap();
    let mut differ = Vec::new();
    for (site, got) in sites.iter().zip(&picked) {
        for (header, js) in headers.iter().zip(got) {
            let rust = pick_language(Some(header), site);
            if rust != *js {
                differ.push(format!(
                    "{site:?} {header:?}: planb {rust}, JavaScript {js}"
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
    // And a request without the header gets the default.
    assert_eq!(pick_language(None, &sites[0]), 0);
}

/// `wantsJson` (`targets::js::WANTS_JSON`, with the helpers it shares with `pickLanguage`)
/// answers, in Node, what planb's `negotiate::format::wants_json` answers: on what apps and
/// browsers send, and on 3,000 headers built from the pieces that make `Accept` hard.
#[test]
fn the_edge_javascript_wants_json_where_planb_does() {
    let node = require("node");
    let mut headers: Vec<String> = [
        "application/json",
        "application/json, text/plain, */*",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "text/html;q=0.1, application/json",
        "application/json, text/html",
        "application/json;q=0",
        "*/*",
        "",
        ";;q=abc,,",
        "image/png,\tapplication/json ;\tq=0.5",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    headers.extend(common::formats::generated_accepts(3000));
    let script = format!(
        "{}\n{}\nconst headers = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n\
         process.stdout.write(JSON.stringify(headers.map(wantsJson)));\n",
        js::PICK_LANGUAGE,
        js::WANTS_JSON
    );
    let mut child = Command::new(node)
        .arg("-e")
        .arg(&script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run node");
    use std::io::Write;
    let input = serde_json::to_string(&headers).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    let answers: Vec<bool> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answers.len(), headers.len());
    let differ: Vec<String> = headers
        .iter()
        .zip(&answers)
        .filter(|(h, js)| planb::negotiate::format::wants_json(Some(h)) != **js)
        .map(|(h, js)| format!("{h:?}: JavaScript {js}"))
        .collect();
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
    let json = answers.iter().filter(|j| **j).count();
    assert!(
        (300..2700).contains(&json),
        "{json} want JSON: the headers tell nothing apart"
    );
}
