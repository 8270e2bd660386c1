//! Any bytes as the landing page's Markdown file, through the whole page pipeline: front matter,
//! Markdown, the built-in templates, minification and the page checks. Never a panic, and a page
//! that passes every check loads nothing from elsewhere and carries a CSP for its own inline code.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use planb::config::{self, Config};
use planb::content;
use planb::finish;
use planb::render::Renderer;
use planb::scan;
use planb::theme::Theme;

const PLANB_TOML: &str = "[site]\nname = \"Fuzz\"\n[errors]\ncodes = [503]\n";

/// A site on disk, made once: images a page refers to are looked up in it (and there are none).
struct Site {
    _dir: tempfile::TempDir,
    config: Config,
    renderer: Renderer,
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary site");
        std::fs::write(dir.path().join("planb.toml"), PLANB_TOML).expect("write planb.toml");
        std::fs::create_dir(dir.path().join("content")).expect("mkdir content");
        let config = config::parse(PLANB_TOML).expect("a valid planb.toml");
        let theme = Theme::load(dir.path(), &config).expect("the built-in theme");
        let renderer = Renderer::new(dir.path(), &config, theme).expect("the built-in templates");
        Site {
            _dir: dir,
            config,
            renderer,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let site = site();
    let rel = Path::new("content/landing.md");
    let Ok(page) = content::parse_page(rel, data.to_vec(), &site.config) else {
        return;
    };
    let (rendered, _) = site.renderer.render_all(vec![page], &site.config);
    let (finished, _) = finish::finish_all(
        rendered,
        &site.config,
        &site.renderer.templates(),
        &site.renderer.origins(),
    );
    for page in finished {
        let html = String::from_utf8(page.html).expect("pages are UTF-8");
        assert!(scan::find_external(&html).is_empty(), "{html}");
        assert!(page.weight <= page.budget);
    }
});
