//! The converter's own handlers for elements that WordPress writes its own
//! way (`html_to_md` registers them): `<figure>` with a caption kept as a
//! figure around a Markdown image (the caption the picture's alt text when
//! it had none), a Gutenberg embed figure as a link, `<pre>` text as a
//! fenced block, the file block's repeated "Download" link left out, and
//! a heading's `id` kept (`## Text {#id}`).

use std::rc::Rc;

use htmd::Element;
use htmd::element_handler::{HandlerResult, Handlers};
use html5ever::{Attribute, QualName, local_name, ns};
use markup5ever_rcdom::{Node, NodeData};

use super::html_to_md::{attr_of, collapse, has_descendant, tag_of, text_of};

/// `<figure>` with an image: a Markdown image, and the caption in `<figcaption>`.
/// A Gutenberg embed figure becomes a link to what it embedded.
pub(super) fn figure(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let node = element.node;
    alt_from_caption(node);
    let mut body = String::new();
    let mut caption = String::new();
    for child in node.children.borrow().iter() {
        if tag_of(child).as_deref() == Some("figcaption") {
            caption.push_str(handlers.walk_children(child).content.trim());
        } else if let Some(r) = handlers.handle(child) {
            body.push_str(&r.content);
        }
    }
    let body = body.trim();
    let class = attr_of(node, "class").unwrap_or_default();
    let md = if class.contains("wp-block-embed") && !has_descendant(node, "iframe") {
        let url = body.replace('\\', "");
        let url = url.trim();
        let is_url = url.starts_with("http") && !url.contains(char::is_whitespace);
        match (is_url, caption.is_empty()) {
            // The caption as the link's text, alone in its paragraph: a
            // video's title on its click-to-play poster.
            (true, false) if !caption.contains("](") => {
                format!("[{}]({url})", caption.replace('\n', " "))
            }
            // A caption with links of its own goes below the video.
            (true, false) => format!("<{url}>\n\n{caption}"),
            (true, true) => format!("<{url}>"),
            (false, true) => body.to_string(),
            (false, false) => format!("{body}\\\n{caption}"),
        }
    } else if has_descendant(node, "img") && !caption.is_empty() {
        format!("<figure>\n\n{body}\n\n<figcaption>\n\n{caption}\n\n</figcaption>\n</figure>")
    } else if caption.is_empty() {
        body.to_string()
    } else {
        format!("{body}\n\n{caption}")
    };
    Some(format!("\n\n{md}\n\n").into())
}

/// A picture of a figure with no alt text gets its caption's text (not
/// the pictures of a figure inside it: they have their own caption).
fn alt_from_caption(figure: &Rc<Node>) {
    let children = figure.children.borrow();
    let Some(caption) = children
        .iter()
        .find(|c| tag_of(c).as_deref() == Some("figcaption"))
        .map(|c| collapse(&text_of(c)))
        .filter(|c| !c.is_empty())
    else {
        return;
    };
    let mut stack: Vec<Rc<Node>> = children.iter().cloned().collect();
    while let Some(n) = stack.pop() {
        match &n.data {
            NodeData::Element { name, attrs, .. } if name.local.as_ref() == "img" => {
                let mut attrs = attrs.borrow_mut();
                attrs.retain(|a| a.name.local.as_ref() != "alt" || !a.value.trim().is_empty());
                if !attrs.iter().any(|a| a.name.local.as_ref() == "alt") {
                    attrs.push(Attribute {
                        name: QualName::new(None, ns!(), local_name!("alt")),
                        value: caption.as_str().into(),
                    });
                }
            }
            NodeData::Element { name, .. }
                if matches!(name.local.as_ref(), "figure" | "figcaption") => {}
            _ => stack.extend(n.children.borrow().iter().cloned()),
        }
    }
}

/// `<pre>` text without a `<code>` in it (Gutenberg's preformatted block,
/// a classic-editor `<pre>`): a fenced block, its lines and spaces kept.
pub(super) fn preformatted(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let node = element.node;
    let only_code = {
        let children = node.children.borrow();
        children.len() == 1 && tag_of(&children[0]).as_deref() == Some("code")
    };
    if only_code {
        return handlers.fallback(element);
    }
    let mut text = String::new();
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        match &n.data {
            NodeData::Text { contents } => text.push_str(&contents.borrow()),
            NodeData::Element { name, .. } if name.local.as_ref() == "br" => text.push('\n'),
            _ => {}
        }
        stack.extend(n.children.borrow().iter().rev().cloned());
    }
    let text = text.trim_matches('\n');
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    Some(format!("\n\n{fence}\n{text}\n{fence}\n\n").into())
}

/// The "Download" button of Gutenberg's file block repeats the link before it.
pub(super) fn link(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let class = attr_of(element.node, "class").unwrap_or_default();
    if class
        .split_whitespace()
        .any(|c| c == "wp-block-file__button")
    {
        return Some(String::new().into());
    }
    handlers.fallback(element)
}

/// A heading keeps its `id` (WordPress's in-page links and tables of
/// contents point at it) as a heading attribute, `## Text {#id}`, when the
/// id is one the attribute can carry.
pub(super) fn heading(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let id = attr_of(element.node, "id");
    let result = handlers.fallback(element)?;
    let Some(id) = id.filter(|id| is_plain_id(id)) else {
        return Some(result);
    };
    let md = result.content.trim();
    if !md.starts_with('#') || md.contains('\n') || md.trim_start_matches('#').trim().is_empty() {
        return Some(result);
    }
    Some(format!("\n\n{md} {{#{id}}}\n\n").into())
}

/// An id made of letters, digits, `-`, `_`, `.` and `:` (what WordPress and
/// table-of-contents plugins write), at most 100 long.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_plain_id_table() {
        let cases = [
            ("h-when-to-see-a-pt", true),
            ("section_2", true),
            ("toc:1.2", true),
            ("", false),
            ("two words", false),
            ("a}b", false),
            ("ünïcode", false),
            (&"x".repeat(101), false),
        ];
        for (id, want) in cases {
            assert_eq!(is_plain_id(id), want, "is_plain_id({id:?})");
        }
    }

    #[test]
    fn heading_table() {
        let cases = [
            (
                "<h2 class=\"wp-block-heading\" id=\"h-when-to-see-a-pt\">When to see a PT</h2>",
                "## When to see a PT {#h-when-to-see-a-pt}\n",
            ),
            ("<h3 id=\"bad id\">Rest</h3>", "### Rest\n"),
            ("<h3>Rest</h3>", "### Rest\n"),
            ("<h4 id=\"x\"></h4><p>After</p>", "####\n\nAfter\n"),
        ];
        for (html, want) in cases {
            let md = crate::import::html_to_md::convert(html, &mut |_, _| None);
            assert_eq!(md, want, "convert({html:?})");
        }
    }
}
