//! One test per rule: a flagged case and an allowed case.
use super::*;

/// (url, context) pairs, for compact assertions.
fn found(html: &str) -> Vec<(String, String)> {
    find_external(html)
        .into_iter()
        .map(|e| (e.url, e.context))
        .collect()
}

fn urls(html: &str) -> Vec<String> {
    find_external(html).into_iter().map(|e| e.url).collect()
}

fn one(url: &str, context: &str) -> Vec<(String, String)> {
    vec![(url.to_string(), context.to_string())]
}

fn css_urls(css: &str) -> Vec<String> {
    find_external_in_css(css, "in <style>")
        .into_iter()
        .map(|e| e.url)
        .collect()
}

const PNG: &str = "data:image/png;base64,iVBORw0KGgo=";

#[test]
fn img_src_flagged_and_data_allowed() {
    assert_eq!(
        found(r#"<img src="https://cdn.example/x.png">"#),
        one("https://cdn.example/x.png", "<img src>")
    );
    assert_eq!(
        found(r#"<img src="logo.png" alt="">"#),
        one("logo.png", "<img src>")
    );
    assert!(found(&format!(r#"<img src="{PNG}">"#)).is_empty());
}

#[test]
fn data_uri_scheme_is_case_insensitive() {
    assert!(found(r#"<img src="DATA:image/gif;base64,R0lGOD=">"#).is_empty());
    assert!(found(r#"<img src="Data:image/gif;base64,R0lGOD=">"#).is_empty());
    // Something that merely contains "data:" is not a data URI.
    assert_eq!(urls(r#"<img src="/x/data:y">"#), ["/x/data:y"]);
}

#[test]
fn empty_src_is_flagged() {
    assert_eq!(found(r#"<img src="">"#), one("", "<img src>"));
    assert_eq!(found("<img src>"), one("", "<img src>"));
    assert_eq!(found("<script src=''></script>"), one("", "<script src>"));
}

#[test]
fn attribute_whitespace_is_trimmed() {
    assert!(found(&format!("<img src=\"  \n{PNG}\t \">")).is_empty());
    assert_eq!(urls("<img src=\" a.png \">"), ["a.png"]);
}

#[test]
fn img_srcset_checks_every_candidate() {
    let html = format!(r#"<img srcset="{PNG} 1x, https://x/2.png 2x,b.png 3x" src="{PNG}">"#);
    assert_eq!(
        found(&html),
        vec![
            ("https://x/2.png".to_string(), "<img srcset>".to_string()),
            ("b.png".to_string(), "<img srcset>".to_string()),
        ]
    );
    // The commas inside data URIs do not split candidates.
    let all_data = format!(r#"<img srcset="{PNG} 1x, {PNG} 2x, {PNG} 300w">"#);
    assert!(found(&all_data).is_empty());
}

#[test]
fn srcset_parsing_edge_cases() {
    // As in browsers, only commas after a URL end it: "a,b" is one URL,
    // and the "data:," of "data:, 2x" loses its comma, making "2x" a URL.
    assert_eq!(srcset_urls("a.png,b.png 2x"), ["a.png,b.png"]);
    assert_eq!(srcset_urls("a.png, b.png"), ["a.png", "b.png"]);
    assert_eq!(srcset_urls("data:, 2x"), ["data:", "2x"]);
    assert_eq!(srcset_urls(" a.png  100w ,  b.png"), ["a.png", "b.png"]);
    assert_eq!(srcset_urls("a.png (x, y), b.png"), ["a.png", "b.png"]);
    assert!(srcset_urls(" , ").is_empty());
    assert!(found(r#"<img srcset="">"#).is_empty());
}

#[test]
fn picture_source_src_and_srcset() {
    let html = r#"<picture><source srcset="a.webp 1x" type="image/webp"><img src="data:,"></picture>
        <video><source src="v.mp4"></video>"#;
    assert_eq!(
        found(html),
        vec![
            ("a.webp".to_string(), "<source srcset>".to_string()),
            ("v.mp4".to_string(), "<source src>".to_string()),
        ]
    );
    assert!(found(&format!(r#"<picture><source srcset="{PNG}"></picture>"#)).is_empty());
}

#[test]
fn script_src() {
    assert_eq!(
        found(r#"<script src="app.js"></script>"#),
        one("app.js", "<script src>")
    );
    assert!(found(r#"<script src="data:text/javascript,1"></script>"#).is_empty());
    assert!(found("<script>console.log(1)</script>").is_empty());
}

#[test]
fn link_rels_that_fetch_are_flagged() {
    let rels = [
        "stylesheet",
        "icon",
        "shortcut icon",
        "apple-touch-icon",
        "preload",
        "modulepreload",
        "prefetch",
        "prerender",
        "manifest",
        "mask-icon",
        "preconnect",
        "dns-prefetch",
        "alternate stylesheet",
        "something-new",
    ];
    for rel in rels {
        let html = format!(r#"<link rel="{rel}" href="https://x/r">"#);
        assert_eq!(urls(&html), ["https://x/r"], "rel={rel}");
        let inlined = format!(r#"<link rel="{rel}" href="data:text/css,">"#);
        assert!(found(&inlined).is_empty(), "rel={rel}");
    }
    assert_eq!(
        found(r#"<link href="s.css" rel="StyleSheet">"#),
        one("s.css", "<link rel=stylesheet href>")
    );
    assert_eq!(
        found(r#"<link rel="shortcut icon" href="/favicon.ico">"#),
        one("/favicon.ico", r#"<link rel="shortcut icon" href>"#)
    );
}

#[test]
fn link_rels_that_navigate_are_allowed() {
    let rels = [
        "canonical",
        "alternate",
        "author",
        "license",
        "help",
        "next",
        "prev",
        "search",
        "bookmark",
        "me",
        "ALTERNATE",
    ];
    for rel in rels {
        let html = format!(r#"<link rel="{rel}" href="https://example.com/page">"#);
        assert!(found(&html).is_empty(), "rel={rel}");
    }
    assert!(found(r#"<link href="https://example.com/">"#).is_empty());
}

#[test]
fn link_imagesrcset() {
    let html = r#"<link rel=preload as=image imagesrcset="a.png 1x, data:,x 2x" href="data:,">"#;
    assert_eq!(found(html), one("a.png", "<link rel=preload imagesrcset>"));
    let nav = r#"<link rel=alternate imagesrcset="a.png 1x">"#;
    assert!(found(nav).is_empty());
}

#[test]
fn iframe_frame_embed_src() {
    let html = r#"<iframe src="https://yt/x"></iframe><frame src="f.html"><embed src="e.swf">"#;
    assert_eq!(
        found(html),
        vec![
            ("https://yt/x".to_string(), "<iframe src>".to_string()),
            ("f.html".to_string(), "<frame src>".to_string()),
            ("e.swf".to_string(), "<embed src>".to_string()),
        ]
    );
    let allowed = r#"<iframe src="data:text/html,hi"></iframe><iframe src="about:blank"></iframe>
        <frame src="data:text/html,x"><embed src="data:image/svg+xml,x">"#;
    assert!(found(allowed).is_empty());
}

#[test]
fn iframe_srcdoc_is_scanned_as_a_document() {
    let html = r#"<iframe srcdoc="<p>hi</p><img src=&quot;x.png&quot;>"></iframe>"#;
    assert_eq!(found(html), one("x.png", "<img src> in <iframe srcdoc>"));
    let inlined = r#"<iframe srcdoc="<img src='data:,'>"></iframe>"#;
    assert!(found(inlined).is_empty());
}

#[test]
fn object_data() {
    assert_eq!(
        found(r#"<object data="movie.swf"></object>"#),
        one("movie.swf", "<object data>")
    );
    assert!(found(r#"<object data="data:image/svg+xml,<svg/>"></object>"#).is_empty());
}

#[test]
fn video_src_and_poster() {
    assert_eq!(
        found(r#"<video src="v.mp4" poster="p.jpg"></video>"#),
        vec![
            ("v.mp4".to_string(), "<video src>".to_string()),
            ("p.jpg".to_string(), "<video poster>".to_string()),
        ]
    );
    assert!(found(r#"<video src="data:video/mp4;base64,AA" poster="data:,"></video>"#).is_empty());
}

#[test]
fn audio_src() {
    assert_eq!(
        found(r#"<audio src="a.mp3" controls></audio>"#),
        one("a.mp3", "<audio src>")
    );
    assert!(found(r#"<audio src="data:audio/mpeg;base64,AA"></audio>"#).is_empty());
}

#[test]
fn track_src() {
    assert_eq!(
        found(r#"<video src="data:,"><track kind=captions src="c.vtt"></video>"#),
        one("c.vtt", "<track src>")
    );
    assert!(found(r#"<track src="data:text/vtt,WEBVTT">"#).is_empty());
}

#[test]
fn input_type_image_src() {
    assert_eq!(
        found(r#"<input type="IMAGE" src="go.png">"#),
        one("go.png", "<input src>")
    );
    assert!(found(r#"<input type=image src="data:,">"#).is_empty());
    // Other input types never load `src`.
    assert!(found(r#"<input type="text" src="go.png">"#).is_empty());
}

#[test]
fn background_attribute() {
    assert_eq!(
        found(r#"<body background="bg.gif"><table background='t.gif'><tr><td background=c.gif>"#),
        vec![
            ("bg.gif".to_string(), "<body background>".to_string()),
            ("t.gif".to_string(), "<table background>".to_string()),
            ("c.gif".to_string(), "<td background>".to_string()),
        ]
    );
    assert!(found(r#"<body background="data:image/gif;base64,R0">"#).is_empty());
    // Not an element that loads it.
    assert!(found(r#"<div background="bg.gif">"#).is_empty());
}

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

#[test]
fn base_href_is_flagged() {
    assert_eq!(
        found(r#"<base href="https://x/">"#),
        one("https://x/", "<base href>")
    );
    assert!(found(r#"<base target="_blank">"#).is_empty());
}

#[test]
fn navigations_are_allowed() {
    let html = r#"<a href="https://x/">x</a><map><area href="/a" shape=rect></map>
        <form action="/send"><button formaction="/other">go</button></form>
        <meta http-equiv="refresh" content="0; url=https://x/">
        <meta property="og:image" content="https://x/card.png">
        <svg><a href="https://x/"><text>t</text></a></svg>"#;
    assert!(found(html).is_empty(), "{:?}", found(html));
    // A style attribute on a link is still checked.
    assert_eq!(
        urls(r#"<a href="/" style="background:url(i.png)">"#),
        ["i.png"]
    );
}

#[test]
fn fragment_only_img_src_still_loads_the_page() {
    assert_eq!(urls(r##"<img src="#x">"##), ["#x"]);
}

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
