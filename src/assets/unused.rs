//! Drops, from a page's inline stylesheet, the rules that cannot match anything in that page: the
//! error pages carry the theme's table and progress-bar rules for nothing, and every byte counts
//! against the first round trip.
//!
//! The test is conservative: a selector is dropped only when it names an element, a class or an
//! id that the page does not hold anywhere, nor its scripts mention (a script may create it).
//! Everything else (attributes, `:not()`, `:has()`, at-rules other than grouping ones) is kept.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use lightningcss::rules::{CssRule, CssRuleList};
use lightningcss::selector::{Component, Selector};
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::Targets;

use crate::scan::{StartTag, elements};

/// Prunes the pages of one build. Parsing and printing a stylesheet costs about 150 µs, more than
/// the rest of a short page's finish, while a site's pages share one stylesheet and differ in a
/// few names: so each stylesheet's names are listed once, and each pruned form is printed once
/// for all the pages that hold the same of those names.
pub struct Pruner {
    targets: Targets,
    /// Stylesheet text → the names its selectors use.
    names: Mutex<HashMap<String, Arc<[Name]>>>,
    /// Stylesheet text and which of its names a page holds → the pruned stylesheet.
    pruned: Mutex<HashMap<Held, Arc<str>>>,
}

/// A stylesheet's text, and for each of its names whether a page holds it.
type Held = (String, Vec<bool>);

/// A name a selector requires.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Name {
    Tag(String),
    Class(String),
    Id(String),
}

impl Pruner {
    pub fn new(targets: Targets) -> Pruner {
        Pruner {
            targets,
            names: Mutex::default(),
            pruned: Mutex::default(),
        }
    }

    /// `html` with each inline `<style>` pruned of what the page cannot use (`tags`: its start
    /// tags).
    pub fn strip(&self, html: &str, tags: &[StartTag]) -> String {
        strip_with(html, tags, |css, present| self.prune(css, present))
    }

    fn prune(&self, css: &str, present: &Present) -> Arc<str> {
        let names = self.names_of(css);
        let held: Vec<bool> = names.iter().map(|n| present.holds(n)).collect();
        let key = (css.to_owned(), held);
        if let Some(done) = lock(&self.pruned).get(&key) {
            return done.clone();
        }
        let done: Arc<str> = prune(css, present, self.targets).into();
        lock(&self.pruned).insert(key, done.clone());
        done
    }

    fn names_of(&self, css: &str) -> Arc<[Name]> {
        if let Some(names) = lock(&self.names).get(css) {
            return names.clone();
        }
        let mut found = Vec::new();
        if let Ok(sheet) = StyleSheet::parse(css, ParserOptions::default()) {
            rule_names(&sheet.rules, &mut found);
        }
        let names: Arc<[Name]> = found.into();
        lock(&self.names).insert(css.to_owned(), names.clone());
        names
    }
}

/// A lock, even one a panicking thread left poisoned: the maps only ever hold finished entries.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Every name the selectors of `rules` require, nested rules included, each once.
fn rule_names(rules: &CssRuleList, out: &mut Vec<Name>) {
    for rule in &rules.0 {
        match rule {
            CssRule::Style(style) => {
                for selector in &style.selectors.0 {
                    selector_names(selector, out);
                }
                rule_names(&style.rules, out);
            }
            CssRule::Media(r) => rule_names(&r.rules, out),
            CssRule::Supports(r) => rule_names(&r.rules, out),
            CssRule::Container(r) => rule_names(&r.rules, out),
            CssRule::LayerBlock(r) => rule_names(&r.rules, out),
            CssRule::StartingStyle(r) => rule_names(&r.rules, out),
            _ => {}
        }
    }
}

fn selector_names(selector: &Selector, out: &mut Vec<Name>) {
    for component in selector.iter_raw_match_order() {
        let name = match component {
            Component::LocalName(n) => Name::Tag(n.lower_name.0.to_string()),
            Component::Class(n) => Name::Class(n.0.to_string()),
            Component::ID(n) => Name::Id(n.0.to_string()),
            Component::Is(list) | Component::Where(list) | Component::Any(_, list) => {
                list.iter().for_each(|s| selector_names(s, out));
                continue;
            }
            _ => continue,
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
}

/// [`Pruner::strip`] without the shared work, for one page: what the tests compare it with.
#[cfg(test)]
fn strip(html: &str, tags: &[StartTag], targets: Targets) -> String {
    strip_with(html, tags, |css, present| {
        prune(css, present, targets).into()
    })
}

/// `html` with each inline `<style>` replaced by what `prune` makes of it. A `<style` that sits
/// inside a script's text is not a stylesheet and is left alone.
fn strip_with(html: &str, tags: &[StartTag], prune: impl Fn(&str, &Present) -> Arc<str>) -> String {
    let scripts = elements::ranges(html, "script");
    let in_script = |at: usize| scripts.iter().any(|&(s, e)| s <= at && at < e);
    let styles: Vec<(usize, usize)> = elements::ranges(html, "style")
        .into_iter()
        .filter(|&(start, _)| !in_script(start))
        .collect();
    if styles.is_empty() {
        return html.to_owned();
    }
    let script_text: String = scripts.iter().map(|&(s, e)| &html[s..e]).collect();
    let present = Present::of(tags, script_text);
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end) in styles {
        out.push_str(&html[at..start]);
        out.push_str(&prune(&html[start..end], &present));
        at = end;
    }
    out.push_str(&html[at..]);
    out
}

/// What a selector can name in one page.
#[derive(Debug, Default)]
pub struct Present {
    tags: HashSet<String>,
    classes: HashSet<String>,
    ids: HashSet<String>,
    /// The page's scripts, one after the other: a name they mention may be added at run time.
    scripts: String,
}

impl Present {
    /// The elements, classes and ids of a page's start tags, and the text of its scripts.
    pub fn of(tags: &[StartTag], scripts: String) -> Present {
        let mut present = Present {
            scripts,
            ..Present::default()
        };
        // The parser adds these even when the markup leaves them out.
        for implied in ["html", "head", "body"] {
            present.tags.insert(implied.to_owned());
        }
        for tag in tags {
            present.tags.insert(tag.name.to_ascii_lowercase());
            if let Some(classes) = tag.get("class") {
                present
                    .classes
                    .extend(classes.split_ascii_whitespace().map(str::to_owned));
            }
            if let Some(id) = tag.get("id") {
                present.ids.insert(id.to_owned());
            }
        }
        present
    }

    fn has(&self, set: &HashSet<String>, name: &str) -> bool {
        set.contains(name) || self.scripts.contains(name)
    }

    fn holds(&self, name: &Name) -> bool {
        match name {
            Name::Tag(n) => self.has(&self.tags, n),
            Name::Class(n) => self.has(&self.classes, n),
            Name::Id(n) => self.has(&self.ids, n),
        }
    }

    /// Whether `selector` may match an element of the page.
    fn may_match(&self, selector: &Selector) -> bool {
        selector.iter_raw_match_order().all(|c| self.may_hold(c))
    }

    fn may_hold(&self, component: &Component) -> bool {
        match component {
            Component::LocalName(n) => self.holds(&Name::Tag(n.lower_name.0.to_string())),
            Component::Class(n) => self.holds(&Name::Class(n.0.to_string())),
            Component::ID(n) => self.holds(&Name::Id(n.0.to_string())),
            Component::Is(list) | Component::Where(list) | Component::Any(_, list) => {
                list.iter().any(|s| self.may_match(s))
            }
            _ => true,
        }
    }
}

/// `css` (minified, as the inliner wrote it) without the rules no element of the page can match,
/// printed minified again; `css` unchanged when nothing goes or it does not parse.
pub fn prune(css: &str, present: &Present, targets: Targets) -> String {
    let Ok(mut sheet) = StyleSheet::parse(css, ParserOptions::default()) else {
        return css.to_owned();
    };
    if !prune_rules(&mut sheet.rules, present) {
        return css.to_owned();
    }
    let printed = sheet.to_css(PrinterOptions {
        minify: true,
        targets,
        ..PrinterOptions::default()
    });
    printed.map_or_else(|_| css.to_owned(), |p| p.code)
}

/// Drops the dead selectors and rules of `rules`, and the grouping rules left empty. True when
/// anything was dropped.
fn prune_rules(rules: &mut CssRuleList, present: &Present) -> bool {
    let before = rules.0.len();
    let mut changed = false;
    rules.0.retain_mut(|rule| match rule {
        CssRule::Style(style) => {
            let count = style.selectors.0.len();
            style.selectors.0.retain(|s| present.may_match(s));
            changed |= style.selectors.0.len() != count;
            if style.selectors.0.is_empty() {
                return false;
            }
            changed |= prune_rules(&mut style.rules, present);
            true
        }
        CssRule::Media(r) => kept_group(&mut r.rules, present, &mut changed),
        CssRule::Supports(r) => kept_group(&mut r.rules, present, &mut changed),
        CssRule::Container(r) => kept_group(&mut r.rules, present, &mut changed),
        CssRule::LayerBlock(r) => kept_group(&mut r.rules, present, &mut changed),
        CssRule::StartingStyle(r) => kept_group(&mut r.rules, present, &mut changed),
        _ => true,
    });
    changed || rules.0.len() != before
}

/// Prunes a grouping rule's contents; false (drop it) when nothing is left in it.
fn kept_group(rules: &mut CssRuleList, present: &Present, changed: &mut bool) -> bool {
    *changed |= prune_rules(rules, present);
    !rules.0.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn present(html: &str, scripts: &str) -> Present {
        Present::of(&crate::scan::start_tags(html), scripts.to_owned())
    }

    fn pruned(css: &str, html: &str) -> String {
        prune(css, &present(html, ""), Targets::default())
    }

    #[test]
    fn drops_rules_for_absent_elements_classes_and_ids() {
        let css = "p{margin:0}table{color:red}.muted{color:gray}#x{color:#00f}";
        assert_eq!(pruned(css, "<p>Hi"), "p{margin:0}");
        assert_eq!(
            pruned(css, "<table class=muted id=x>"),
            "table{color:red}.muted{color:gray}#x{color:#00f}"
        );
    }

    #[test]
    fn keeps_the_live_selectors_of_a_list() {
        assert_eq!(pruned("p,ul,ol{margin:0}", "<p><ul>"), "p,ul{margin:0}");
    }

    #[test]
    fn every_compound_of_a_complex_selector_must_be_there() {
        let css = ".box h2{margin:0}.code small{display:block}";
        assert_eq!(
            pruned(css, "<div class=box><h2>x</h2></div><small>"),
            ".box h2{margin:0}"
        );
    }

    #[test]
    fn is_and_where_match_when_one_argument_may() {
        let css = ":is(th,td):last-child{padding:0}:where(p,ol) a{color:red}";
        assert_eq!(pruned(css, "<p><a>"), ":where(p,ol) a{color:red}");
    }

    #[test]
    fn empty_media_rules_go_and_others_keep_what_lives() {
        let css =
            "@media (min-width:48rem){table{color:red}}@media print{p{color:red}table{color:red}}";
        assert_eq!(pruned(css, "<p>"), "@media print{p{color:red}}");
    }

    #[test]
    fn what_it_cannot_decide_stays() {
        let css = ":root{--a:1}*{margin:0}[hidden]{display:none}:not(.nowhere){color:red}:focus-visible{outline:0}@font-face{font-family:x;src:url(data:,)}";
        assert_eq!(pruned(css, "<p>"), css);
    }

    #[test]
    fn a_name_a_script_mentions_stays() {
        let p = present(
            "<p>",
            "el.classList.add('open'); document.createElement('progress')",
        );
        let css = ".open{color:red}progress{width:100%}.closed{color:blue}";
        assert_eq!(
            prune(css, &p, Targets::default()),
            ".open{color:red}progress{width:100%}"
        );
    }

    #[test]
    fn tag_names_ignore_case_and_classes_do_not() {
        assert_eq!(
            pruned("P{margin:0}.A{color:red}", "<p class=a>"),
            "P{margin:0}"
        );
    }

    #[test]
    fn strips_every_style_of_a_page_but_not_one_in_a_script() {
        let html = "<style>p{margin:0}table{color:red}</style><p>x<style>.wide{color:red}</style>\
                    <script>let s='<style>x{}</style>'</script>";
        let tags = crate::scan::start_tags(html);
        assert_eq!(
            strip(html, &tags, Targets::default()),
            "<style>p{margin:0}</style><p>x<style></style>\
             <script>let s='<style>x{}</style>'</script>"
        );
    }

    #[test]
    fn the_pruner_gives_each_page_what_prune_gives_it() {
        let css = "p{margin:0}table{color:red}.box h2{margin:0}:is(th,td){padding:0}";
        let pruner = Pruner::new(Targets::default());
        for html in [
            "<p>",
            "<table><td>",
            "<div class=box><h2>",
            "<p>",
            "<h2 class=box>",
        ] {
            let page = format!("<style>{css}</style>{html}");
            let tags = crate::scan::start_tags(&page);
            assert_eq!(
                pruner.strip(&page, &tags),
                strip(&page, &tags, Targets::default()),
                "{html}"
            );
        }
        assert_eq!(
            lock(&pruner.pruned).len(),
            3,
            "one print for each set of names held"
        );
    }

    #[test]
    fn unparsable_css_is_left_alone() {
        assert_eq!(pruned("p{", "<p>"), "p{");
    }
}
