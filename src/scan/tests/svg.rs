//! SVG: `href`s that always fetch, references that may stay in the page (`#id`), and presentation
//! attributes that hold CSS `url()`.

use super::*;

#[test]
fn svg_image_href() {
    let html = r#"<svg><image href="a.png"/><image xlink:href="b.png"></image></svg>"#;
    assert_eq!(
        found(html),
        vec![
            ("a.png".to_string(), "<image href>".to_string()),
            ("b.png".to_string(), "<image xlink:href>".to_string()),
        ]
    );
    assert!(found(&format!(r#"<svg><image href="{PNG}"/></svg>"#)).is_empty());
}

#[test]
fn svg_use_allows_fragments_only() {
    assert!(found(r##"<svg><use href="#icon"/><use xlink:href="#i2"/></svg>"##).is_empty());
    assert_eq!(
        found(r##"<svg><use href="sprite.svg#icon"/></svg>"##),
        one("sprite.svg#icon", "<use href>")
    );
    assert_eq!(
        found(r##"<svg><use xlink:href="/s.svg#i"/></svg>"##),
        one("/s.svg#i", "<use xlink:href>")
    );
}

#[test]
fn svg_feimage_href() {
    let html = r##"<svg><filter id=f><feImage href="tex.png"/><feImage xlink:href="#shape"/></filter></svg>"##;
    assert_eq!(found(html), one("tex.png", "<feimage href>"));
    assert!(found(&format!(r#"<svg><feImage href="{PNG}"/></svg>"#)).is_empty());
}

#[test]
fn svg_presentation_attributes_with_url() {
    assert!(found(r##"<svg><rect fill="url(#grad)" filter="url('#f')"/></svg>"##).is_empty());
    assert_eq!(
        found(r##"<svg><rect fill="url(other.svg#g)"/></svg>"##),
        one("other.svg#g", "CSS url() in fill attribute")
    );
}
