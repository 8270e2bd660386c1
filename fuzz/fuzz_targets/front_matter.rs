//! Any bytes as a Markdown file: splitting and parsing the front matter, inferring the kind and
//! status, never panic; a page that parses keeps its body exactly.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planb::config::{self, Config};
use planb::content;

/// Where the file lies decides what is inferred from its name; the first byte picks one.
const PLACES: [&str; 5] = [
    "content/landing.md",
    "content/overflow.md",
    "content/errors/503.md",
    "content/errors/429.md",
    "content/promo.md",
];

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| config::parse("[site]\nname = \"Fuzz\"\n").expect("a valid planb.toml"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let rel = Path::new(PLACES[usize::from(first) % PLACES.len()]);
    if let Ok(page) = content::parse_page(rel, rest.to_vec(), config()) {
        assert!(page.body_offset <= page.source_text.len());
        assert_eq!(page.markdown, page.source_text[page.body_offset..]);
        assert!((200..=599).contains(&page.status));
    }
});
