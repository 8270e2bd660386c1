//! CSS, in style attributes, `<style>` elements and raw stylesheets: `url()`, `@import` and
//! `image-set()` strings are fetches; other strings, comments and functions are not (`css.rs`).

use super::*;

#[test]
fn style_attribute_url() {
    assert_eq!(
        found(r#"<div style="background: url('bg.png') no-repeat">"#),
        one("bg.png", "CSS url() in style attribute")
    );
    assert!(found(&format!(r#"<div style="background:url({PNG})">"#)).is_empty());
    // The value is entity-decoded before it is read as CSS.
    assert_eq!(
        urls(r#"<div style="background:url(&quot;x.png&quot;)">"#),
        ["x.png"]
    );
}

#[test]
fn style_element_url_forms() {
    let css = r#"
        a { background: url(one.png) }
        b { background: url( 'https://x/y.woff2' ) }
        c { background: url("three.png") }
        d { background: URL(  four.png  ) }
        e { background: url(data:image/png;base64,AAAA) }
        f { background: url('DATA:image/png;base64,AAAA') }
    "#;
    assert_eq!(
        found(&format!("<style>{css}</style>")),
        vec![
            ("one.png".to_string(), "CSS url() in <style>".to_string()),
            (
                "https://x/y.woff2".to_string(),
                "CSS url() in <style>".to_string()
            ),
            ("three.png".to_string(), "CSS url() in <style>".to_string()),
            ("four.png".to_string(), "CSS url() in <style>".to_string()),
        ]
    );
    assert!(found("<style>p{background:url(data:image/gif;base64,R0)}</style>").is_empty());
}

#[test]
fn style_element_handles_css_escapes() {
    assert_eq!(css_urls(r"a{background:u\72l(x.png)}"), ["x.png"]);
    assert_eq!(css_urls(r"a{background:url(a\)b.png)}"), ["a)b.png"]);
    assert_eq!(
        css_urls(r#"a{background:url("q\"uote.png")}"#),
        [r#"q"uote.png"#]
    );
    assert!(css_urls(r"a{background:url(d\61 ta:image/png,x)}").is_empty());
    assert!(css_urls(r"a{background:url('\64 ata:,x')}").is_empty());
}

#[test]
fn css_strings_comments_and_other_functions_are_not_urls() {
    let css = r##"
        /* background: url(commented.png) */
        p::before { content: "url(fake.png)" }
        @font-face { src: local("My Font"), url(data:font/woff2;base64,AA) format("woff2") }
        svg { filter: url(#blur); mask: url( "#m" ) }
        .myurl { x: notaurl(y.png) }
    "##;
    assert!(css_urls(css).is_empty(), "{:?}", css_urls(css));
}

#[test]
fn css_import() {
    let css = r#"@import "a.css"; @import url(b.css) screen; @import 'data:text/css,'; @IMPORT url("c.css");"#;
    let found = find_external_in_css(css, "in <style>");
    let pairs: Vec<_> = found
        .iter()
        .map(|e| (e.url.as_str(), e.context.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("a.css", "CSS @import in <style>"),
            ("b.css", "CSS @import in <style>"),
            ("c.css", "CSS @import in <style>"),
        ]
    );
}

#[test]
fn css_namespace_is_not_a_fetch() {
    let css = "@namespace svg url(http://www.w3.org/2000/svg); a{background:url(x.png)}";
    assert_eq!(css_urls(css), ["x.png"]);
}

#[test]
fn css_image_set_strings() {
    let css = r#"a { background-image: image-set("a.png" 1x, url(b.png) 2x, "data:image/png;base64,AA" type("image/png") 3x) }
                 b { background-image: -webkit-image-set('c.png' 1x) }"#;
    let found = find_external_in_css(css, "in <style>");
    let pairs: Vec<_> = found
        .iter()
        .map(|e| (e.url.as_str(), e.context.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("a.png", "CSS image-set() in <style>"),
            ("b.png", "CSS url() in <style>"),
            ("c.png", "CSS -webkit-image-set() in <style>"),
        ]
    );
}

#[test]
fn css_context_suffix() {
    let found = find_external_in_css("a{background:url(x.png)}", "in theme.css");
    assert_eq!(found[0].context, "CSS url() in theme.css");
    let bare = find_external_in_css("a{background:url(x.png)}", "");
    assert_eq!(bare[0].context, "CSS url()");
}
