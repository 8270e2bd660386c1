//! Assets: finding files a page refers to (inside the site or the theme, never outside) and turning
//! them into something a page can carry inline: `data:` URIs, minified CSS, script text.

pub mod css;
pub mod unused;

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use base64::Engine as _;

/// A file read for inlining.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Shown in messages.
    pub shown: String,
    /// Its path as asked for, to resolve references relative to it (CSS `url()`).
    pub path: PathBuf,
    pub bytes: Cow<'static, [u8]>,
}

/// The largest file planb inlines. A page's whole budget is about 14 KB compressed, so no file
/// this big can fit; refusing it up front keeps a 30 MB photo from costing seconds and hundreds
/// of megabytes before the budget check says no.
pub const MAX_ASSET_BYTES: u64 = 1 << 20;

/// Reads `reference` relative to `base`, refusing anything that would leave `root` (the site):
/// absolute paths, URLs, `..` above the root, and symlinks pointing outside. `Ok(None)` when there
/// is no such file.
pub fn read_confined(root: &Path, base: &Path, reference: &str) -> Result<Option<Asset>, String> {
    let relative = check_reference(reference)?;
    let joined = base.join(relative);
    let absolute_root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let lexical = lexical_normal(&std::path::absolute(&joined).unwrap_or_else(|_| joined.clone()));
    if !lexical.starts_with(lexical_normal(&absolute_root)) {
        return Err(format!(
            "`{reference}` leads outside the site; planb reads no file outside the site"
        ));
    }
    if !joined.exists() {
        return Ok(None);
    }
    let bytes = read_inside(root, &joined, reference)?;
    Ok(Some(Asset {
        shown: joined
            .strip_prefix(root)
            .unwrap_or(&joined)
            .display()
            .to_string(),
        path: relative.to_path_buf(),
        bytes: Cow::Owned(bytes),
    }))
}

/// Reads `path`, an existing file that should be inside `root`, once symlinks are resolved; it
/// must be a file of at most `MAX_ASSET_BYTES`. `shown` names it in messages.
pub fn read_inside(root: &Path, path: &Path, shown: &str) -> Result<Vec<u8>, String> {
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot resolve `{shown}`: {e}"))?;
    let real_root = root
        .canonicalize()
        .map_err(|e| format!("cannot resolve the site root: {e}"))?;
    if !real.starts_with(&real_root) {
        return Err(format!(
            "`{shown}` leads outside the site (to {}); planb reads no file outside the site",
            real.display()
        ));
    }
    let meta = real
        .metadata()
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if !meta.is_file() {
        return Err(format!("`{shown}` is not a file"));
    }
    // Refused before it is read: memory stays bounded, and the answer comes at once.
    if meta.len() > MAX_ASSET_BYTES {
        return Err(format!(
            "`{shown}` weighs {} bytes; planb reads files of at most {MAX_ASSET_BYTES} bytes (1 MiB), and a whole page weighs about 14 KB compressed",
            meta.len()
        ));
    }
    std::fs::read(&real).map_err(|e| format!("cannot read `{shown}`: {e}"))
}

/// `a/b/../c` as `a/c`, without touching the disk (the file may not exist).
fn lexical_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A reference must be a plain relative path: no scheme, not absolute, no `..` at its start that
/// could climb out (a `..` inside is resolved and then checked against the root).
pub fn check_reference(reference: &str) -> Result<&Path, String> {
    if reference.trim().is_empty() {
        return Err("empty asset path".into());
    }
    if is_url(reference) {
        return Err(format!(
            "`{reference}` is a URL: a page may not load anything from the network; save the file in the site and refer to it by its path"
        ));
    }
    let path = Path::new(reference);
    if path.is_absolute() || reference.starts_with('\\') {
        return Err(format!(
            "`{reference}` is an absolute path; use a path relative to the file that refers to it"
        ));
    }
    if path.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err(format!("`{reference}` is not a relative path"));
    }
    Ok(path)
}

/// `https://…`, `//host/…`, `mailto:`: anything with a scheme or a host.
pub fn is_url(reference: &str) -> bool {
    if reference.starts_with("//") {
        return true;
    }
    match reference.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        }
        None => false,
    }
}

/// The media type of an inlinable file, by extension; None for kinds planb does not inline.
pub fn media_type(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => return None,
    })
}

/// The asset as a `data:` URI. SVG stays text (percent-encoding only what must be), which gzips far
/// better than base64; everything else is base64.
pub fn data_uri(asset: &Asset) -> Result<String, String> {
    let media = media_type(&asset.path).ok_or_else(|| {
        format!(
            "{}: cannot inline this kind of file (images: svg png jpg gif webp avif ico; fonts: woff2 woff ttf otf)",
            asset.shown
        )
    })?;
    if media == "image/svg+xml"
        && let Ok(text) = std::str::from_utf8(&asset.bytes)
    {
        return Ok(format!("data:{media},{}", encode_svg(text)));
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(&asset.bytes);
    Ok(format!("data:{media};base64,{b64}"))
}

/// The image's size in CSS pixels, for the `width` and `height` of its `<img>` (so the page
/// keeps its place for it while it decodes): raster formats from their header (imagesize), SVG
/// from its root's `width` and `height` (plain or `px`), else its `viewBox`. None for fonts and
/// for what says no size.
pub fn dimensions(asset: &Asset) -> Option<(u32, u32)> {
    let media = media_type(&asset.path)?;
    if media == "image/svg+xml" {
        return svg_dimensions(std::str::from_utf8(&asset.bytes).ok()?);
    }
    if !media.starts_with("image/") {
        return None;
    }
    let size = imagesize::blob_size(&asset.bytes).ok()?;
    let fit = |n: usize| u32::try_from(n).ok().filter(|n| *n > 0);
    Some((fit(size.width)?, fit(size.height)?))
}

fn svg_dimensions(svg: &str) -> Option<(u32, u32)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attribute = |name: &str| {
        let mut rest = tag;
        while let Some(i) = rest.find(name) {
            let before = rest[..i].chars().next_back();
            let after = rest[i + name.len()..].trim_start();
            rest = &rest[i + name.len()..];
            if before.is_some_and(char::is_whitespace)
                && let Some(value) = after.strip_prefix('=')
            {
                let value = value.trim_start();
                let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
                return value[1..].split(quote).next();
            }
        }
        None
    };
    let pixels = |v: &str| {
        let v = v.trim();
        let n: f64 = v.strip_suffix("px").unwrap_or(v).trim().parse().ok()?;
        (0.5..1e6).contains(&n).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (
        attribute("width").and_then(pixels),
        attribute("height").and_then(pixels),
    ) {
        return Some((w, h));
    }
    let view: Vec<&str> = attribute("viewBox")?
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    match view[..] {
        [_, _, w, h] => Some((pixels(w)?, pixels(h)?)),
        _ => None,
    }
}

/// Percent-encodes what a URL may not hold raw (RFC 3986, as the W3C validator checks it: a space,
/// `<`, `>`, `"`, `{`, `}`, `|`, `\\`, `^`, `` ` ``) and what would end it early (`#`, `%`, `&` in an
/// attribute, `(`/`)` in CSS); double quotes become `'` so the URI can sit in a double-quoted
/// attribute. Whitespace between tags is dropped and any other run of it becomes one `%20`:
/// SVG collapses it when it draws.
fn encode_svg(svg: &str) -> String {
    let svg = svg.trim();
    let mut out = String::with_capacity(svg.len() + svg.len() / 4);
    let mut chars = svg.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let between_tags = out.ends_with("%3E") || chars.peek() == Some(&'<');
            if !between_tags {
                out.push_str("%20");
            }
            continue;
        }
        match c {
            '"' => out.push('\''),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '&' => out.push_str("%26"),
            '\\' => out.push_str("%5C"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '|' => out.push_str("%7C"),
            '^' => out.push_str("%5E"),
            '`' => out.push_str("%60"),
            c if c.is_control() => {
                let mut utf8 = [0; 4];
                for b in c.encode_utf8(&mut utf8).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_refused() {
        assert!(check_reference("https://cdn.example/x.png").is_err());
        assert!(check_reference("//cdn.example/x.png").is_err());
        assert!(check_reference("/etc/passwd").is_err());
        assert!(check_reference("img/logo.svg").is_ok());
    }

    #[test]
    fn svg_is_url_encoded_text() {
        let asset = Asset {
            shown: "a.svg".into(),
            path: "a.svg".into(),
            bytes: Cow::Borrowed(
                b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n <path fill=\"#fff\"/></svg>",
            ),
        };
        assert_eq!(
            data_uri(&asset).unwrap(),
            "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%3E%3Cpath%20fill='%23fff'/%3E%3C/svg%3E"
        );
    }

    #[test]
    fn svg_text_keeps_no_character_a_url_may_not_hold() {
        let asset = Asset {
            shown: "a.svg".into(),
            path: "a.svg".into(),
            bytes: Cow::Borrowed(
                "<svg>\n\t<style>a{b:c|d^e}</style> <text>x \t y`\u{1}</text>\n</svg>".as_bytes(),
            ),
        };
        let uri = data_uri(&asset).unwrap();
        assert_eq!(
            uri,
            "data:image/svg+xml,%3Csvg%3E%3Cstyle%3Ea%7Bb:c%7Cd%5Ee%7D%3C/style%3E%3Ctext%3Ex%20y%60%01%3C/text%3E%3C/svg%3E"
        );
        assert!(!uri.contains([' ', '"', '<', '>', '{', '}', '|', '^', '`', '\\']));
    }

    #[test]
    fn images_say_their_size() {
        let svg = |text: &'static str| Asset {
            shown: "a.svg".into(),
            path: "a.svg".into(),
            bytes: Cow::Borrowed(text.as_bytes()),
        };
        let size = |text| dimensions(&svg(text));
        assert_eq!(size("<svg width=\"40\" height='30px'>"), Some((40, 30)));
        assert_eq!(size("<svg viewBox=\"0 0 120 80.4\">"), Some((120, 80)));
        assert_eq!(
            size("<svg stroke-width=\"2\" viewBox=\"0,0,16,9\">"),
            Some((16, 9))
        );
        assert_eq!(
            size("<svg width=\"100%\" viewBox=\"0 0 16 9\">"),
            Some((16, 9))
        );
        assert_eq!(size("<svg width=\"2em\" height=\"2em\">"), None);
        // A 1×1 PNG: the signature, then IHDR's width and height.
        let png: &[u8] = &[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0,
            0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0, 0, 0, 0, 0,
        ];
        let asset = Asset {
            shown: "a.png".into(),
            path: "a.png".into(),
            bytes: Cow::Borrowed(png),
        };
        assert_eq!(dimensions(&asset), Some((3, 2)));
        let font = Asset {
            shown: "a.woff2".into(),
            path: "a.woff2".into(),
            bytes: Cow::Borrowed(png),
        };
        assert_eq!(dimensions(&font), None);
    }

    #[test]
    fn confinement_refuses_parent_and_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::write(dir.path().join("secret.png"), b"x").unwrap();
        std::fs::write(site.join("content/ok.png"), b"x").unwrap();
        let base = site.join("content");
        assert!(read_confined(&site, &base, "ok.png").unwrap().is_some());
        assert!(
            read_confined(&site, &base, "missing.png")
                .unwrap()
                .is_none()
        );
        let err = read_confined(&site, &base, "../../secret.png").unwrap_err();
        assert!(err.contains("leads outside the site"), "{err}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.png"), base.join("link.png"))
                .unwrap();
            let err = read_confined(&site, &base, "link.png").unwrap_err();
            assert!(err.contains("leads outside the site"), "{err}");
        }
    }
}
