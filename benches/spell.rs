//! The spell check's cost on the default site (the repository root): `cargo bench --bench spell`.
//! Times, in one run, loading its French Hunspell dictionary (what every `check` and `build` pays
//! once, and `serve` once per session), the whole spell pass just after (no verdict known yet, as in
//! a `check`), and the pass again with the verdicts kept (a `serve` rebuild); then the same
//! dictionary loaded by Hunspell's own program (`hunspell -d fr -l`, Debian's `hunspell`) as the
//! peer; last, a run as a rebuild makes it, reading the verdicts the previous run kept instead of
//! parsing the dictionary. Goal (issue 14): the pass within a few milliseconds once the
//! dictionary is loaded.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use planb::spell::{self, Dictionaries, Speller};
use planb::{config, content, targets, theme::Theme};

const RUNS: usize = 15;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // Verdicts are kept in a folder of this run only: the first timings are of a real parse.
    let cache = tempfile::tempdir().expect("a temporary folder");
    // SAFETY: set before any other thread of this process starts.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache.path()) };
    // Another site with `SPELL_BENCH_SITE=DIR` (bench/corpus.py's long pages, say).
    let chosen = std::env::var_os("SPELL_BENCH_SITE").map(std::path::PathBuf::from);
    let root = chosen
        .as_deref()
        .unwrap_or(Path::new(env!("CARGO_MANIFEST_DIR")));
    let config = config::load(root).expect("the default site's planb.toml");
    let (targets, _) = targets::resolve(&config);
    let refused = |status| targets.refused_status(status);
    let theme = Theme::load(root, &config).expect("theme");
    let has_texts = |lang: &str| theme.has_texts(lang);
    let (pages, problems) =
        content::load(root, &config, &refused, &has_texts, &theme.template_names());
    assert!(problems.is_empty(), "{problems:?}");
    let templates = theme.templates().expect("templates");
    let pages: Vec<_> = pages.iter().collect();

    let (mut load, mut cold, mut warm) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..RUNS {
        let dictionaries = Dictionaries::default();
        let t = Instant::now();
        let loading = Speller::load(root, &config, &dictionaries);
        load.push(t.elapsed());
        assert!(
            loading.speller.is_some() && loading.notes.is_empty(),
            "no dictionary for the site's language: apt-get install hunspell-fr hunspell-en-us"
        );
        let t = Instant::now();
        let found = spell::spelling(&loading, &config, &pages, &templates, &theme);
        cold.push(t.elapsed());
        for _ in 0..10 {
            let t = Instant::now();
            std::hint::black_box(spell::spelling(
                &loading, &config, &pages, &templates, &theme,
            ));
            warm.push(t.elapsed());
        }
        findings = found.diagnostics(planb::diag::Level::Error).len();
    }
    let words: usize = pages
        .iter()
        .map(|p| p.source_text.split_whitespace().count())
        .sum();
    println!(
        "{}: {} pages (~{words} words of Markdown), {findings} findings",
        if chosen.is_some() {
            "the site"
        } else {
            "default site"
        },
        pages.len()
    );
    println!(
        "planb: load the dictionary     {}",
        ms(median(load.clone()))
    );
    println!("planb: spell pass, cold        {}", ms(median(cold)));
    println!("planb: spell pass, warm        {}", ms(median(warm)));

    // A rebuild: the verdicts of the run before are kept, and the dictionary is not parsed.
    let first = Dictionaries::default();
    let loading = Speller::load(root, &config, &first);
    spell::spelling(&loading, &config, &pages, &templates, &theme);
    first.keep();
    let kept = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let loading = Speller::load(root, &config, &Dictionaries::default());
            std::hint::black_box(spell::spelling(
                &loading, &config, &pages, &templates, &theme,
            ));
            t.elapsed()
        })
        .collect();
    println!("planb: verdicts kept, load and pass {}", ms(median(kept)));

    let peer = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let status = Command::new("hunspell")
                .args(["-d", "/usr/share/hunspell/fr", "-l"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .status();
            status.ok().filter(|s| s.success()).map(|_| t.elapsed())
        })
        .collect::<Option<Vec<_>>>();
    match peer {
        Some(times) => {
            let (ours, theirs) = (median(load), median(times));
            println!(
                "hunspell -d fr -l (load, empty input) {}: planb loads in {:.2}× its time",
                ms(theirs),
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        }
        None => println!("hunspell: not installed (apt-get install hunspell) — no peer timed"),
    }
}
