//! Reading the markup as a browser does (`tokenizer.rs`, `entities.rs`): comments and raw text
//! hold no tags, character references are decoded, quoting and case vary, order and nesting depth
//! are kept.

use super::*;

#[test]
fn comments_are_ignored() {
    assert!(found("<!-- <img src=x> -->").is_empty());
    assert!(found("<!--\n<link rel=stylesheet href=a.css>\n--!>").is_empty());
    assert_eq!(urls("<!--><img src=after.png>"), ["after.png"]);
    assert_eq!(urls("<!-- a -- b --><img src=x.png>"), ["x.png"]);
    assert!(found("<!-- unterminated <img src=x>").is_empty());
}

#[test]
fn script_contents_are_not_tags() {
    assert!(found("<script>var s='<img src=x>'</script>").is_empty());
    assert!(found("<SCRIPT>if (a</b) document.write('<img src=x>')</SCRIPT >").is_empty());
    assert_eq!(
        urls("<script>'</scriptx><img src=a>'</script><img src=b>"),
        ["b"]
    );
}

#[test]
fn textarea_title_and_other_raw_text_are_not_tags() {
    let html = "<title><img src=t></title><textarea><img src=x></textarea>\
                <xmp><img src=y></xmp><noembed><img src=z></noembed>";
    assert!(found(html).is_empty());
    assert!(found("<style>/* <img src=x> */</style>").is_empty());
}

#[test]
fn self_closing_svg_raw_text_elements_do_not_swallow_the_page() {
    assert_eq!(
        urls(r#"<svg><script href="data:,"/><style/></svg><img src="after.png">"#),
        ["after.png"]
    );
}

#[test]
fn character_references_are_decoded() {
    assert!(found(r#"<img src="data&#58;image/png;base64,AA">"#).is_empty());
    assert!(found(r#"<img src="data&#x3A;image/png;base64,AA">"#).is_empty());
    assert!(found(r#"<img src="data&colon;image/png;base64,AA">"#).is_empty());
    assert!(found(r#"<img src="&#100;ata:image/png;base64,AA">"#).is_empty());
    assert_eq!(
        urls(r#"<img src="https:&#x2F;&#x2F;x&#x2F;a.png?a=1&amp;b=2&lt=3&unknown;">"#),
        ["https://x/a.png?a=1&b=2&lt=3&unknown;"]
    );
}

#[test]
fn unquoted_and_single_quoted_attributes() {
    assert_eq!(
        found("<img src=a.png alt=x><img alt='y' src='b.png'/><img src=c.png/>"),
        vec![
            ("a.png".to_string(), "<img src>".to_string()),
            ("b.png".to_string(), "<img src>".to_string()),
            ("c.png/".to_string(), "<img src>".to_string()),
        ]
    );
    assert!(found("<img src=data:image/gif;base64,R0lG alt=x>").is_empty());
    assert_eq!(urls("<img alt = 'a > b' src = x.png >"), ["x.png"]);
}

#[test]
fn uppercase_tag_and_attribute_names() {
    assert_eq!(found(r#"<IMG SRC="X.PNG">"#), one("X.PNG", "<img src>"));
    assert_eq!(
        found(r#"<LINK REL=STYLESHEET HREF=s.css>"#),
        one("s.css", "<link rel=stylesheet href>")
    );
    assert_eq!(urls("<STYLE>a{background:URL(u.png)}</STYLE>"), ["u.png"]);
}

#[test]
fn duplicate_attributes_keep_the_first() {
    assert!(found(r#"<img src="data:," src="x.png">"#).is_empty());
}

#[test]
fn results_are_in_document_order() {
    let html = r#"<html><head><link rel=stylesheet href=1.css><style>a{b:url(2.png)}</style>
        <script src=3.js></script></head><body style="background:url(4.png)">
        <img src=5.png srcset="6.png 2x"></body></html>"#;
    assert_eq!(
        urls(html),
        ["1.css", "2.png", "3.js", "4.png", "5.png", "6.png"]
    );
}

#[test]
fn minified_and_odd_markup() {
    let html = "<!doctype html><html lang=en><meta charset=utf-8><p>a < b<p>1<2\
                <img src=x.png></html>";
    assert_eq!(urls(html), ["x.png"]);
    assert!(found("<?xml version='1.0'?><p>text</p>").is_empty());
    assert_eq!(urls("</p foo='>'><img src=y.png>"), ["y.png"]);
    assert_eq!(urls("<img src=\"unterminated"), ["unterminated"]);
}

#[test]
fn non_ascii_content_is_handled() {
    let html =
        "<p>héllo — ✓</p><img alt=\"ünï\" src=\"bild-ä.png\"><style>/*é*/a{b:url(ü.png)}</style>";
    assert_eq!(urls(html), ["bild-ä.png", "ü.png"]);
}

#[test]
fn nesting_depth_counts_open_elements() {
    assert_eq!(external_and_depth("<p>a</p><p>b</p>").1, 1);
    assert_eq!(
        external_and_depth("<div><blockquote><p>x<br><img src=data:,></p></blockquote></div>").1,
        3
    );
    assert_eq!(external_and_depth("<svg><path/><g><rect/></g></svg>").1, 2);
    assert_eq!(external_and_depth("<script>'<div><div>'</script>").1, 1);
    assert_eq!(external_and_depth(&"<blockquote>".repeat(300)).1, 300);
}
