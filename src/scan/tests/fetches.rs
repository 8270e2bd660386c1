//! HTML elements and attributes: which fetch a resource (flagged unless `data:`) and which only
//! navigate or describe (never flagged); `rules.rs` holds the table they test.

use super::*;

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
