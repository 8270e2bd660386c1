//! One test per rule: a flagged case and an allowed case, one file per kind of rule; the helpers
//! here keep each assertion to one line.

mod css;
mod fetches;
mod svg;
mod tokenizer;

use super::*;

/// (url, context) pairs, for compact assertions.
fn found(html: &str) -> Vec<(String, String)> {
    find_external(html)
        .into_iter()
        .map(|e| (e.url, e.context))
        .collect()
}

fn urls(html: &str) -> Vec<String> {
    find_external(html).into_iter().map(|e| e.url).collect()
}

fn one(url: &str, context: &str) -> Vec<(String, String)> {
    vec![(url.to_string(), context.to_string())]
}

fn css_urls(css: &str) -> Vec<String> {
    find_external_in_css(css, "in <style>")
        .into_iter()
        .map(|e| e.url)
        .collect()
}

const PNG: &str = "data:image/png;base64,iVBORw0KGgo=";
