//! The `inline()` template function: finds an asset in the theme or the site and inlines it as
//! minified CSS, script text or a `data:` URI. Stylesheets are processed once and shared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lightningcss::targets::Targets;
use tera::{Kwargs, State, Value};

use crate::assets::{self, Asset, css};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::theme::Theme;

/// Finds and inlines assets for the `inline()` template function and the logo. Stylesheets are
/// processed once and shared by every page.
pub struct Inliner {
    pub theme: Theme,
    pub root: PathBuf,
    pub targets: Targets,
    pub stylesheets: Mutex<HashMap<String, Option<String>>>,
    /// Asset problems, each with its own file and line, reported instead of the template error.
    pub problems: Mutex<Diagnostics>,
    /// Which file each `data:` URI and each processed stylesheet was made from, so that an
    /// over-budget page can name its heaviest images, fonts and stylesheets.
    pub origins: Origins,
}

/// `data:` URI → the file it was made from (as shown in messages), keyed by the URI's hash.
#[derive(Debug, Default)]
pub struct Origins(Mutex<HashMap<u64, String>>);

impl Origins {
    /// Remembers that `uri` was made from `shown`, and gives `uri` back.
    pub fn record(&self, uri: String, shown: &str) -> String {
        if let Ok(mut map) = self.0.lock() {
            map.insert(key(&uri), shown.to_owned());
        }
        uri
    }

    /// Every URI's file, as it stands once the pages are rendered.
    pub fn snapshot(&self) -> HashMap<u64, String> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

/// The key of a `data:` URI in `Origins`, the same however the page wrote it: the Markdown
/// renderer percent-encodes what planb left raw (an SVG's spaces), the HTML writer may escape
/// `&` and quotes, so the key is taken on the URI with both undone.
pub fn key(uri: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    decoded(uri).hash(&mut h);
    h.finish()
}

/// `uri` with HTML's character references for `&`, quotes, `<` and `>` and every `%XX` undone,
/// in one pass: it runs on every inlined file of every page.
fn decoded(uri: &str) -> Vec<u8> {
    const REFERENCES: [(&[u8], u8); 6] = [
        (b"&quot;", b'"'),
        (b"&#39;", b'\''),
        (b"&apos;", b'\''),
        (b"&lt;", b'<'),
        (b"&gt;", b'>'),
        (b"&amp;", b'&'),
    ];
    let bytes = uri.as_bytes();
    let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if let (b'%', Some(a), Some(b)) = (rest[0], hex(rest.get(1)), hex(rest.get(2))) {
            out.push((a * 16 + b) as u8);
            i += 3;
        } else if let Some((name, byte)) =
            REFERENCES.iter().find(|(name, _)| rest.starts_with(name))
        {
            out.push(*byte);
            i += name.len();
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

impl Inliner {
    /// An asset by path: the theme's `assets/` first, then the site root.
    fn find(&self, path: &str) -> Result<Asset, String> {
        if let Some(asset) = self.theme.asset(path)? {
            return Ok(asset);
        }
        assets::read_confined(&self.root, &self.root, path)?.ok_or_else(|| {
            format!(
                "asset `{path}` not found in themes/{}/assets/, the built-in theme or the site",
                self.theme.name
            )
        })
    }

    fn inline(&self, path: &str) -> Result<Value, String> {
        let asset = self.find(path)?;
        let ext = asset
            .path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match ext.to_ascii_lowercase().as_str() {
            "css" => self
                .stylesheet(path, &asset)
                .map(|css| Value::safe_string(&css)),
            "js" => {
                let text = std::str::from_utf8(&asset.bytes)
                    .map_err(|_| format!("{} is not UTF-8 text", asset.shown))?;
                // A script may not close its own element early.
                if text.to_ascii_lowercase().contains("</script") {
                    return Err(format!(
                        "{} contains `</script`, which would end the inline script",
                        asset.shown
                    ));
                }
                Ok(Value::safe_string(text))
            }
            _ => assets::data_uri(&asset)
                .map(|uri| Value::safe_string(&self.origins.record(uri, &asset.shown))),
        }
    }

    fn stylesheet(&self, path: &str, asset: &Asset) -> Result<String, String> {
        let failed = || format!("stylesheet {} has errors", asset.shown);
        if let Some(done) = self.stylesheets.lock().map_err(|_| failed())?.get(path) {
            return done.clone().ok_or_else(failed);
        }
        let source = std::str::from_utf8(&asset.bytes)
            .map_err(|_| format!("{} is not UTF-8 text", asset.shown))?;
        let base = asset.path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut resolve = |reference: &str| {
            assets::check_reference(reference)?;
            let joined = normalize(&base.join(reference));
            let found = self.find(&joined)?;
            assets::data_uri(&found).map(|uri| self.origins.record(uri, &found.shown))
        };
        let result = css::process(&asset.shown, source, self.targets, &mut resolve);
        let stored = match result {
            Ok(css) => Some(self.origins.record(css, &asset.shown)),
            Err(problems) => {
                let mut all = self.problems.lock().map_err(|_| failed())?;
                all.extend(problems.into_iter().map(|p| {
                    Diagnostic::new(&asset.shown, p.message).at(source, p.line, p.column)
                }));
                None
            }
        };
        self.stylesheets
            .lock()
            .map_err(|_| failed())?
            .insert(path.to_owned(), stored.clone());
        stored.ok_or_else(failed)
    }
}

/// Resolves `a/../b` lexically so a reference relative to a stylesheet finds its file in the
/// embedded theme too; a path climbing above its start keeps its `..` and is refused later.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// Starts the message of a failed `inline()` call, whose cause the inliner reports itself.
pub const INLINE_FAILED: &str = "inline(path=";

/// `inline(path="…")` in templates; its output is safe HTML.
pub struct InlineFn(pub Arc<Inliner>);

impl tera::Function<tera::TeraResult<Value>> for InlineFn {
    fn call(&self, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
        let path: String = kwargs.must_get("path")?;
        self.0
            .inline(&path)
            .map_err(|m| tera::Error::message(format!("{INLINE_FAILED}\"{path}\"): {m}")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The logo from `brand.logo`, as a data: URI.
pub fn logo_uri(root: &Path, config: &Config) -> Result<Option<String>, Diagnostic> {
    let Some(path) = &config.brand.logo else {
        return Ok(None);
    };
    let fail = |m: String| config.diagnostic("brand.logo", m);
    let asset = assets::read_confined(root, root, path)
        .map_err(fail)?
        .ok_or_else(|| fail(format!("no file `{path}` in the site")))?;
    assets::data_uri(&asset).map(Some).map_err(fail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_uri_has_one_key_however_the_page_wrote_it() {
        let raw = "data:image/svg+xml,%3Csvg a='b c'%3E";
        assert_eq!(
            super::key(raw),
            super::key("data:image/svg+xml,%3Csvg%20a=&#39;b%20c&#39;%3E")
        );
        assert_ne!(
            super::key(raw),
            super::key("data:image/svg+xml,%3Csvg a='b d'%3E")
        );
    }
}
