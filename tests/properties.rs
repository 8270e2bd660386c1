//! Property tests: arbitrary input never panics planb's parsers, renderers and checks, and no value
//! the edge validation accepts can carry a character that would break a server's syntax. (proptest
//! runs in every `cargo test`; set PROPTEST_CASES for a longer run.)

use planb::assets::css;
use planb::config::{self, edge::Edge};
use planb::content::{frontmatter, markdown};
use planb::finish;
use planb::scan;
use proptest::prelude::*;

/// Text that looks like what people write in these files, plus anything at all.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-+ a-z0-9=\"'\\[\\]{}:\\n\\t#*!()<>/.,_`\\\\|~&;é—\u{feff}]{0,200}",
        Just("+++\ntitle = \"x\"\n+++\n".to_owned()),
        Just("---\ntitle: x\n---\n".to_owned()),
    ]
}

fn prefixed(prefix: &'static str) -> impl Strategy<Value = String> {
    texty().prop_map(move |s| format!("{prefix}{s}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn front_matter_splitting_never_panics(
        source in prop_oneof![texty(), prefixed("+++\n"), prefixed("---\n")]
    ) {
        if let Ok(split) = frontmatter::split("content/x.md", &source) {
            prop_assert!(split.body_offset <= source.len());
            prop_assert_eq!(split.body, &source[split.body_offset..]);
        }
    }

    #[test]
    fn planb_toml_parsing_never_panics(
        source in prop_oneof![texty(), prefixed("[site]\nname = \"x\"\n"), prefixed("[edge]\n")]
    ) {
        let _ = config::parse(&source);
    }

    #[test]
    fn markdown_rendering_and_the_page_checks_never_panic(source in texty()) {
        let (html, _) = markdown::to_html(&source, |url| {
            let size = (url.len() % 3 == 0).then_some((url.len() as u32, 1));
            if url.len() % 2 == 0 { Ok(markdown::Image { url: format!("data:,{url}"), size }) } else { Err("missing".into()) }
        });
        let _ = markdown::images_without_alt(&source);
        let page = format!("<!doctype html><html lang=en><title>t</title><body>{html}");
        let minified = finish::minify(&page);
        let text = String::from_utf8_lossy(&minified);
        let _ = scan::find_external(&text);
        let _ = scan::start_tags(&text);
        let _ = planb::headers::content_security_policy(&text);
    }

    #[test]
    fn css_processing_never_panics(source in prop_oneof![texty(), prefixed("a{"), prefixed("@import ")]) {
        let targets = css::targets(&Default::default());
        let _ = css::process("style.css", &source, targets, &mut |url| {
            if url.starts_with('x') { Err("no".into()) } else { Ok(format!("data:,{url}")) }
        });
    }

    #[test]
    fn html_scanning_never_panics(html in texty()) {
        let _ = scan::find_external(&html);
        let _ = scan::start_tags(&html);
    }

    #[test]
    fn accepted_edge_values_cannot_break_a_configuration(
        value in prop_oneof![any::<String>(), "[-a-z0-9.:/_\\[\\]\\n\"';{} $#\\\\]{0,40}"]
    ) {
        for key in ["upstream", "listen", "root", "prefix", "landing"] {
            let mut edge = Edge::default();
            match key {
                "upstream" => edge.upstream = value.clone(),
                "listen" => edge.listen = value.clone(),
                "root" => edge.root = Some(value.clone()),
                "prefix" => edge.prefix = value.clone(),
                _ => edge.landing = Some(value.clone()),
            }
            let refused = edge.problems().iter().any(|(k, _, _)| k.ends_with(key));
            if key == "root" {
                // A root is a path: anything absolute but control characters, which each target
                // quotes or refuses itself (tests/edge_injection.rs proves both with the servers).
                let path = value.starts_with('/') && !value.chars().any(char::is_control);
                prop_assert_eq!(!refused, path, "edge.root {:?}", value);
            } else if !refused {
                for c in ['\n', '\r', '"', '\'', ';', '{', '}', ' ', '$', '#', '\\', '\0', '`'] {
                    prop_assert!(!value.contains(c), "edge.{} accepted {:?}", key, value);
                }
            }
        }
    }
}
