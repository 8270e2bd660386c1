//! Markdown to HTML with pulldown-cmark. Image references are handed to the caller, who inlines them
//! as `data:` URIs, so a page written in Markdown needs no other request.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};
use pulldown_cmark_escape as escape;

/// A problem with an image reference, at a byte offset of the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageProblem {
    pub offset: usize,
    pub message: String,
}

/// An image as the page shows it: the URL to emit (a `data:` URI) and its size, if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub url: String,
    pub size: Option<(u32, u32)>,
}

/// Renders `markdown`; `inline_image` turns each image URL into the image to emit or an error
/// message. Every image problem is returned, not just the first. Images are written by planb,
/// not by pulldown-cmark, so that they carry their `width` and `height`.
pub fn to_html(
    markdown: &str,
    mut inline_image: impl FnMut(&str) -> Result<Image, String>,
) -> (String, Vec<ImageProblem>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut problems = Vec::new();
    let mut events = Parser::new_ext(markdown, options).into_offset_iter();
    let mut out_events = Vec::new();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = event
        else {
            out_events.push(event);
            continue;
        };
        let alt = alt_text(&mut events);
        let image = inline_image(&dest_url).unwrap_or_else(|message| {
            problems.push(ImageProblem {
                offset: range.start,
                message,
            });
            Image {
                url: dest_url.to_string(),
                size: None,
            }
        });
        out_events.push(Event::InlineHtml(CowStr::from(img(&image, &alt, &title))));
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, out_events.into_iter());
    (out, problems)
}

/// The text of an image's description, up to its end, as pulldown-cmark writes it in `alt`.
fn alt_text<'a>(events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>) -> String {
    let mut alt = String::new();
    let mut nest = 0;
    for (event, _) in events {
        match event {
            Event::Start(_) => nest += 1,
            Event::End(_) if nest == 0 => break,
            Event::End(_) => nest -= 1,
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

fn img(image: &Image, alt: &str, title: &str) -> String {
    let mut out = String::from("<img src=\"");
    let _ = escape::escape_href(&mut out, &image.url);
    out.push_str("\" alt=\"");
    let _ = escape::escape_html(&mut out, alt);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        let _ = escape::escape_html(&mut out, title);
        out.push('"');
    }
    if let Some((width, height)) = image.size {
        out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    out.push('>');
    out
}

/// Byte offsets of the images whose alternative text is empty (`![](team.png)`): a screen
/// reader says nothing of them, and a visitor whose image fails sees nothing.
pub fn images_without_alt(markdown: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(markdown, Options::all()).into_offset_iter() {
        match (event, &mut open) {
            (Event::Start(Tag::Image { .. }), None) => open = Some((range.start, String::new())),
            (Event::Text(t) | Event::Code(t), Some((_, alt))) => alt.push_str(&t),
            (Event::End(pulldown_cmark::TagEnd::Image), Some((start, alt))) => {
                if alt.trim().is_empty() {
                    found.push(*start);
                }
                open = None;
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_images_without_alternative_text() {
        let md = "Hi ![team](a.png)\n\n![](b.png) and ![ ](c.png) ![`x`](d.png)";
        let found = images_without_alt(md);
        assert_eq!(
            found,
            vec![md.find("![](").unwrap(), md.find("![ ]").unwrap()]
        );
    }

    #[test]
    fn images_are_replaced() {
        let image = |u: &str| {
            Ok(Image {
                url: format!("data:{u}"),
                size: (u == "a.svg").then_some((40, 30)),
            })
        };
        let (html, problems) = to_html(
            "Hi ![the *logo* & \"co\"](a.svg \"Our logo\") ![x](b.png)",
            image,
        );
        assert!(problems.is_empty());
        assert_eq!(
            html,
            "<p>Hi <img src=\"data:a.svg\" alt=\"the logo &amp; &quot;co&quot;\" title=\"Our logo\" width=\"40\" height=\"30\"> <img src=\"data:b.png\" alt=\"x\"></p>\n"
        );
    }

    #[test]
    fn image_problems_have_offsets() {
        let (_, problems) = to_html("one\n\n![x](https://a/b.png)", |_| Err("external".into()));
        assert_eq!(
            problems,
            vec![ImageProblem {
                offset: 5,
                message: "external".into()
            }]
        );
    }
}
