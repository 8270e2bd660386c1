//! Which elements and attributes make the browser fetch something.

use super::*;
// ---------------------------------------------------------------------------
// Which attributes fetch
// ---------------------------------------------------------------------------

/// What an attribute means for self-containment.
pub(super) enum Rule {
    /// Not a subresource: a navigation, metadata, or nothing at all.
    Ignore,
    /// A single URL the browser fetches.
    Fetch,
    /// A reference to an element (SVG `<use>`, gradients …); `#id` stays in
    /// the page, anything else loads another document.
    Reference,
    /// A `srcset`-style list of candidates, each fetched.
    Srcset,
    /// CSS text that may hold `url()`: `style`, or an SVG presentation
    /// attribute such as `fill="url(#g)"`.
    Css,
    /// `<base href>`: not a fetch itself, but it changes how every relative
    /// URL resolves, so it is always reported.
    Always,
    /// A whole nested document (`<iframe srcdoc>`).
    Document,
}

/// Elements whose legacy `background` attribute loads an image.
pub(super) const BACKGROUND_ELEMENTS: &[&str] =
    &["body", "table", "thead", "tbody", "tfoot", "tr", "td", "th"];

/// SVG elements whose `href`/`xlink:href` always loads a resource.
pub(super) const SVG_FETCH_ELEMENTS: &[&str] = &["image", "script", "cursor", "font-face-uri"];

/// SVG elements whose `href`/`xlink:href` names another element, which may
/// live in the page (`#id`) or in another document.
pub(super) const SVG_REFERENCE_ELEMENTS: &[&str] = &[
    "use",
    "feimage",
    "lineargradient",
    "radialgradient",
    "pattern",
    "filter",
    "textpath",
    "mpath",
    "tref",
    "altglyph",
    "glyphref",
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
    "set",
    "discard",
];

/// SVG presentation attributes that take CSS `url()` values.
pub(super) const SVG_URL_ATTRIBUTES: &[&str] = &[
    "fill",
    "stroke",
    "filter",
    "mask",
    "clip-path",
    "marker-start",
    "marker-mid",
    "marker-end",
    "cursor",
];

/// `<link rel>` tokens that never fetch anything when the page loads. Any
/// other token (stylesheet, icon, preload, manifest, or one we do not know)
/// is treated as a fetch.
pub(super) const NON_FETCHING_RELS: &[&str] = &[
    "alternate",
    "appendix",
    "archives",
    "author",
    "bookmark",
    "canonical",
    "chapter",
    "contents",
    "copyright",
    "edit",
    "external",
    "first",
    "glossary",
    "help",
    "index",
    "last",
    "license",
    "me",
    "next",
    "nofollow",
    "noopener",
    "noreferrer",
    "opener",
    "pingback",
    "prev",
    "privacy-policy",
    "search",
    "section",
    "shortlink",
    "start",
    "subsection",
    "tag",
    "terms-of-service",
    "up",
    "webmention",
];

pub(super) fn rule_for(tag: &Tag, attr: &str) -> Rule {
    let name = tag.name.as_str();
    match (name, attr) {
        (_, "style") => Rule::Css,
        (_, a) if SVG_URL_ATTRIBUTES.contains(&a) => Rule::Css,
        ("base", "href") => Rule::Always,
        ("link", "href") if link_rels(tag).iter().any(|r| is_fetching_rel(r)) => Rule::Fetch,
        ("link", "imagesrcset") if link_rels(tag).iter().any(|r| is_fetching_rel(r)) => {
            Rule::Srcset
        }
        ("img" | "source", "srcset") => Rule::Srcset,
        // `<image>` outside SVG is parsed as `<img>`.
        (
            "img" | "image" | "source" | "script" | "iframe" | "frame" | "embed" | "video"
            | "audio" | "track",
            "src",
        ) => Rule::Fetch,
        ("input", "src") if is_image_input(tag) => Rule::Fetch,
        ("video", "poster") | ("object", "data") | ("html", "manifest") => Rule::Fetch,
        (_, "background") if BACKGROUND_ELEMENTS.contains(&name) => Rule::Fetch,
        ("iframe", "srcdoc") => Rule::Document,
        (_, "href" | "xlink:href") if SVG_FETCH_ELEMENTS.contains(&name) => Rule::Fetch,
        (_, "href" | "xlink:href") if SVG_REFERENCE_ELEMENTS.contains(&name) => Rule::Reference,
        _ => Rule::Ignore,
    }
}

/// The lowercased tokens of a `<link rel>`.
pub(super) fn link_rels(tag: &Tag) -> Vec<String> {
    tag.get("rel")
        .map(|rel| {
            rel.split(|c: char| c.is_ascii() && is_html_space(c as u8))
                .filter(|t| !t.is_empty())
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn is_fetching_rel(rel: &str) -> bool {
    !NON_FETCHING_RELS.contains(&rel)
}

/// Only `<input type=image>` loads its `src`.
pub(super) fn is_image_input(tag: &Tag) -> bool {
    tag.get("type")
        .is_some_and(|t| trim_html_space(&t).eq_ignore_ascii_case("image"))
}

/// "<img src>", or for links "<link rel=icon href>" so the message says
/// which kind of link it was.
pub(super) fn attribute_context(tag: &Tag, attr: &str) -> String {
    if tag.name == "link" {
        let rels = link_rels(tag);
        let rel = match rels.len() {
            0 => String::new(),
            1 => format!(" rel={}", rels[0]),
            _ => format!(" rel=\"{}\"", rels.join(" ")),
        };
        return format!("<link{rel} {attr}>");
    }
    format!("<{} {attr}>", tag.name)
}

/// Checks every attribute of a start tag, in the order written.
pub(super) fn check_tag(tag: &Tag, found: &mut Vec<External>) {
    for (attr, raw) in &tag.attrs {
        let rule = rule_for(tag, attr);
        if matches!(rule, Rule::Ignore) {
            continue;
        }
        // Decode first: `data&#58;…` is a data: URI to the browser.
        let value = decode_char_refs(raw);
        let mut report = |url: &str, allow_fragment: bool| {
            let url = trim_html_space(url);
            if !stays_in_page(url, allow_fragment) {
                found.push(External {
                    url: url.to_string(),
                    context: attribute_context(tag, attr),
                });
            }
        };
        match rule {
            Rule::Ignore => {}
            Rule::Fetch => report(&value, false),
            Rule::Reference => report(&value, true),
            Rule::Srcset => srcset_urls(&value)
                .into_iter()
                .for_each(|url| report(url, false)),
            Rule::Css => {
                let suffix = format!("in {attr} attribute");
                found.extend(find_external_in_css(&value, &suffix));
            }
            Rule::Always => found.push(External {
                url: trim_html_space(&value).to_string(),
                context: attribute_context(tag, attr),
            }),
            Rule::Document => {
                found.extend(find_external(&value).into_iter().map(|e| External {
                    url: e.url,
                    context: format!("{} in <iframe srcdoc>", e.context),
                }));
            }
        }
    }
}
