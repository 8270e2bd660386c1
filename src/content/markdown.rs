//! Markdown to HTML with pulldown-cmark. Image references are handed to the caller, who inlines them
//! as `data:` URIs, so a page written in Markdown needs no other request.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// A problem with an image reference, at a byte offset of the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageProblem {
    pub offset: usize,
    pub message: String,
}

/// Renders `markdown`; `inline_image` turns each image URL into the URL to emit (a data: URI) or an
/// error message. Every image problem is returned, not just the first.
pub fn to_html(
    markdown: &str,
    mut inline_image: impl FnMut(&str) -> Result<String, String>,
) -> (String, Vec<ImageProblem>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut problems = Vec::new();
    let events = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match inline_image(&dest_url) {
                    Ok(url) => CowStr::from(url),
                    Err(message) => {
                        problems.push(ImageProblem {
                            offset: range.start,
                            message,
                        });
                        dest_url
                    }
                };
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    (out, problems)
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
        let (html, problems) = to_html("Hi ![logo](a.svg)", |u| Ok(format!("data:{u}")));
        assert!(problems.is_empty());
        assert!(html.contains(r#"src="data:a.svg""#), "{html}");
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
