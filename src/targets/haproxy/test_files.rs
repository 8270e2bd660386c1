//! Reading a target's generated files in unit tests: shared by the HAProxy and Varnish tests
//! (a candidate for `test_support`, which other targets repeat by hand).

use crate::config::edge::Edge;
use crate::content::Kind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::targets::{EdgePage, EdgeSite, Folder, Mode};

/// The text of `folder/name` among `files`; the test fails when it is missing.
pub(crate) fn text(files: &[OutputFile], folder: Folder, name: &str) -> String {
    let f = files
        .iter()
        .find(|f| f.path == folder.path(name))
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(f.bytes.clone()).unwrap()
}

/// The names of `files` in `folder`, in order, separated by spaces; the test fails when one is
/// elsewhere.
pub(crate) fn names(files: &[OutputFile], folder: Folder) -> String {
    let prefix = format!("{}/", folder.0);
    let names: Vec<&str> = files
        .iter()
        .map(|f| {
            f.path
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{}", f.path))
        })
        .collect();
    names.join(" ")
}

/// A site proxying to `upstream`, listening on 127.0.0.1:8080 with a 7 s timeout, its pages read
/// from `/srv/site/public`.
pub(crate) fn site(upstream: &str, pages: Vec<EdgePage>) -> EdgeSite {
    EdgeSite {
        edge: Edge {
            upstream: upstream.into(),
            listen: "127.0.0.1:8080".into(),
            timeout: 7,
            ..Edge::default()
        },
        url: "https://www.example.com/".into(),
        root: "/srv/site/public".into(),
        mode: Mode::Normal,
        pages,
        precompressed: false,
        shield: Default::default(),
        schedule: Vec::new(),
        variant_pages: Vec::new(),
        languages: vec!["en".to_owned()],
    }
}

/// `site` without its landing and overflow pages.
pub(crate) fn errors_only(mut site: EdgeSite) -> EdgeSite {
    site.pages.retain(|p| p.kind == Kind::Error);
    site
}

/// The one problem `generated` must be, and its file as messages show it.
pub(crate) fn one_problem(generated: Result<Vec<OutputFile>, Diagnostics>) -> (String, Diagnostic) {
    let problems = generated.expect_err("a refusal");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let d = problems.into_iter().next().unwrap();
    (d.file.display().to_string(), d)
}
