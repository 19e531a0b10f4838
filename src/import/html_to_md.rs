//! HTML to Markdown, with htmd, plus what imported WordPress content needs:
//! link and image addresses rewritten through a callback before conversion,
//! `<figure>`, `<pre>` and links as `handlers` says,
//! embeds (`<iframe>`, `<video>`, `<audio>`) kept as HTML, tables as GFM
//! tables (`tables`), scripts dropped,
//! and the result tidied (`md_lines`: typed lines after a `<br>` kept as
//! text, no blank-only lines, no runs of blank lines).

use std::rc::Rc;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BrStyle, BulletListMarker, LinkStyle, Options};
use htmd::{Element, HtmlToMarkdown};
use markup5ever_rcdom::{Node, NodeData};

use super::handlers;
use super::md_lines::{self, tidy};

/// What an address is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    Link,
    Image,
}

/// Deeper markup than this is not converted (htmd walks it recursively);
/// its text is kept instead.
const MAX_DEPTH: usize = 256;

/// Elements kept as HTML, with these attributes only.
const EMBEDS: &[&str] = &["iframe", "video", "audio"];
const EMBED_ATTRS: &[&str] = &[
    "src",
    "width",
    "height",
    "title",
    "allow",
    "allowfullscreen",
    "frameborder",
    "controls",
    "poster",
    "preload",
    "type",
    "loading",
];

fn converter() -> HtmlToMarkdown {
    HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            br_style: BrStyle::Backslash,
            link_style: LinkStyle::Inlined,
            ..Options::default()
        })
        .skip_tags(vec![
            "script", "style", "noscript", "template", "head", "form", "button", "input", "select",
            "textarea",
        ])
        .add_handler(vec!["figure"], handlers::figure)
        .add_handler(EMBEDS.to_vec(), embed)
        .add_handler(vec!["pre"], handlers::preformatted)
        .add_handler(vec!["a"], handlers::link)
        .add_handler(vec!["h1", "h2", "h3", "h4", "h5", "h6"], handlers::heading)
        .add_handler(vec!["table"], super::tables::table)
        .build()
}

/// Convert an HTML fragment to Markdown. `rewrite` sees every `href` and
/// image `src` and may replace it.
pub fn convert(html: &str, rewrite: &mut dyn FnMut(&str, UrlUse) -> Option<String>) -> String {
    if html.trim().is_empty() {
        return String::new();
    }
    let conv = converter();
    let Ok(tree) = conv.html_to_tree(html) else {
        return tidy(html);
    };
    let depth = rewrite_urls(&tree, rewrite);
    let md = if depth > MAX_DEPTH {
        text_of(&tree)
    } else {
        md_lines::mark_typed_lines(&tree);
        md_lines::resolve_marks(&conv.tree_to_markdown(&tree))
    };
    tidy(&md)
}

/// The text of an HTML fragment with entities decoded and whitespace collapsed
/// (for titles, names and summaries).
pub fn plain_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return collapse(html);
    }
    match HtmlToMarkdown::new().html_to_tree(html) {
        Ok(tree) => collapse(&text_of(&tree)),
        Err(_) => collapse(html),
    }
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Apply `rewrite` to `a[href]` and the `src` of pictures, sound and video
/// (and a video's `poster`), drop `srcset` (it names the
/// old site's resized copies), and return the depth of the tree.
fn rewrite_urls(root: &Rc<Node>, rewrite: &mut dyn FnMut(&str, UrlUse) -> Option<String>) -> usize {
    let mut max_depth = 0;
    let mut stack = vec![(root.clone(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        max_depth = max_depth.max(depth);
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag = name.local.as_ref();
            let (keys, using): (&[&str], _) = match tag {
                "a" => (&["href"], UrlUse::Link),
                "img" | "audio" | "source" => (&["src"], UrlUse::Image),
                "video" => (&["src", "poster"], UrlUse::Image),
                _ => (&[], UrlUse::Link),
            };
            if !keys.is_empty() {
                let mut attrs = attrs.borrow_mut();
                attrs.retain(|a| !matches!(a.name.local.as_ref(), "srcset" | "sizes"));
                for a in attrs.iter_mut() {
                    if keys.contains(&a.name.local.as_ref())
                        && let Some(new) = rewrite(a.value.as_ref(), using)
                    {
                        a.value = new.into();
                    }
                }
            }
        }
        for child in node.children.borrow().iter().rev() {
            stack.push((child.clone(), depth + 1));
        }
    }
    max_depth
}

/// All text under a node, paragraphs (block ends) separated by blank lines.
pub(super) fn text_of(root: &Rc<Node>) -> String {
    let mut out = String::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. }
                if matches!(
                    name.local.as_ref(),
                    "p" | "div" | "li" | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                ) =>
            {
                out.push_str("\n\n")
            }
            _ => {}
        }
        for child in node.children.borrow().iter().rev() {
            stack.push(child.clone());
        }
    }
    out
}

pub(super) fn tag_of(node: &Rc<Node>) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

pub(super) fn attr_of(node: &Rc<Node>, key: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| a.name.local.as_ref() == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

pub(super) fn has_descendant(node: &Rc<Node>, tag: &str) -> bool {
    node.children
        .borrow()
        .iter()
        .any(|c| tag_of(c).as_deref() == Some(tag) || has_descendant(c, tag))
}

/// Embeds stay as HTML (posts may hold raw HTML), with known attributes only.
fn embed(_: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let mut html = String::new();
    serialize(element.node, &mut html);
    Some(format!("\n\n{html}\n\n").into())
}

fn serialize(node: &Rc<Node>, out: &mut String) {
    let NodeData::Element { name, attrs, .. } = &node.data else {
        return;
    };
    let tag = name.local.as_ref();
    out.push('<');
    out.push_str(tag);
    for a in attrs.borrow().iter() {
        let key = a.name.local.as_ref();
        if EMBED_ATTRS.contains(&key) {
            out.push(' ');
            out.push_str(key);
            if !a.value.is_empty() {
                out.push_str("=\"");
                out.push_str(&escape_attr(&a.value));
                out.push('"');
            }
        }
    }
    out.push('>');
    if matches!(tag, "source" | "track") {
        return;
    }
    for child in node.children.borrow().iter() {
        if matches!(tag_of(child).as_deref(), Some("source" | "track")) {
            serialize(child, out);
        }
    }
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        convert(html, &mut |_, _| None)
    }

    #[test]
    fn html_to_md_table() {
        let cases = [
            ("", ""),
            (
                "<p>Hello <strong>world</strong> &amp; <em>you</em></p>",
                "Hello **world** & *you*\n",
            ),
            (
                "<h2>Exercises</h2><ol><li>Lie down</li><li>Breathe</li></ol>",
                "## Exercises\n\n1. Lie down\n2. Breathe\n",
            ),
            (
                "<ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul>",
                "- One\n- Two\n  - Nested\n",
            ),
            ("<p>Line<br />next</p>", "Line\\\nnext\n"),
            (
                "<p>Ice it at home:<br />\n- Ice for 10 minutes<br />\n1. Rest<br />\n<em>- fine</em></p>",
                "Ice it at home:\\\n\\- Ice for 10 minutes\\\n1\\. Rest\\\n*\\- fine*\n",
            ),
            (
                "<p>Dr. Lee says:<br />\n&gt; \"Move early.\"<br />\n# 1 tip<br></p><p>Call us.</p>",
                "Dr. Lee says:\\\n\\> \"Move early.\"\\\n\\# 1 tip\n\nCall us.\n",
            ),
            ("<pre>a<br>- b</pre>", "```\na\n- b\n```\n"),
            ("<p>&nbsp;</p><p>After</p>", "After\n"),
            ("<p>1. Not a list</p>", "1\\. Not a list\n"),
            ("<blockquote><p>Quote</p></blockquote>", "> Quote\n"),
            (
                "<p><a href=\"https://x.org/a\">Link</a></p>",
                "[Link](https://x.org/a)\n",
            ),
            (
                "<p><img src=\"k.jpg\" alt=\"Knee\" srcset=\"k-300.jpg 300w\" width=\"300\" /></p>",
                "![Knee](k.jpg)\n",
            ),
            (
                "<figure><img src=\"k.jpg\" alt=\"Knee\" /><figcaption>A <em>knee</em></figcaption></figure>",
                "<figure>\n\n![Knee](k.jpg)\n\n<figcaption>\n\nA *knee*\n\n</figcaption>\n</figure>\n",
            ),
            (
                "<figure class=\"wp-block-image\"><img src=\"k.jpg\" alt=\"\"/><figcaption>A <em>bent</em> knee</figcaption></figure>",
                "<figure>\n\n![A bent knee](k.jpg)\n\n<figcaption>\n\nA *bent* knee\n\n</figcaption>\n</figure>\n",
            ),
            (
                "<figure><a href=\"k.jpg\"><img src=\"k.jpg\"></a><figcaption>Knee</figcaption></figure>",
                "<figure>\n\n[![Knee](k.jpg)](k.jpg)\n\n<figcaption>\n\nKnee\n\n</figcaption>\n</figure>\n",
            ),
            (
                "<figure class=\"wp-block-image\"><img src=\"k.jpg\" alt=\"Knee\" /></figure>",
                "![Knee](k.jpg)\n",
            ),
            (
                "<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=a_b\n</div></figure>",
                "<https://www.youtube.com/watch?v=a_b>\n",
            ),
            (
                "<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/a_b\n</div><figcaption>Heel slides, <em>slowly</em></figcaption></figure>",
                "[Heel slides, *slowly*](https://youtu.be/a_b)\n",
            ),
            (
                "<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/a_b\n</div><figcaption>From <a href=\"https://x.example/\">our partner</a></figcaption></figure>",
                "<https://youtu.be/a_b>\n\nFrom [our partner](https://x.example/)\n",
            ),
            (
                "<p><iframe src=\"https://www.youtube.com/embed/x\" width=\"560\" onload=\"evil()\"></iframe></p>",
                "<iframe src=\"https://www.youtube.com/embed/x\" width=\"560\"></iframe>\n",
            ),
            (
                "<p>Before<script>alert(1)</script> after</p>",
                "Before after\n",
            ),
            (
                "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>",
                "| A | B |\n| - | - |\n| 1 | 2 |\n",
            ),
            (
                "<p>Xin chào — ¿Dónde está?</p>",
                "Xin chào — ¿Dónde está?\n",
            ),
            (
                "<pre class=\"wp-block-preformatted\">Monday    bridges\n<strong>Friday</strong>    rest<br>Sunday ```off```</pre>",
                "````\nMonday    bridges\nFriday    rest\nSunday ```off```\n````\n",
            ),
            (
                "<pre><code class=\"language-toml\">[plan]\nweeks = 6</code></pre>",
                "```toml\n[plan]\nweeks = 6\n```\n",
            ),
            (
                "<div class=\"wp-block-file\"><a href=\"p.pdf\">Program (PDF)</a><a href=\"p.pdf\" class=\"wp-block-file__button wp-element-button\" download>Download</a></div>",
                "[Program (PDF)](p.pdf)\n",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(md(html), want, "convert({html:?})");
        }
    }

    #[test]
    fn rewrites_links_and_images() {
        let mut seen = Vec::new();
        let out = convert(
            "<p><a href=\"/2019/03/old/\">Old</a> <img src=\"/wp-content/uploads/2019/03/k.jpg\" alt=\"K\"></p>",
            &mut |u, using| {
                seen.push((u.to_string(), using));
                Some(format!("NEW{}", seen.len()))
            },
        );
        assert_eq!(out, "[Old](NEW1) ![K](NEW2)\n");
        assert_eq!(
            seen[1],
            (
                "/wp-content/uploads/2019/03/k.jpg".to_string(),
                UrlUse::Image
            )
        );
    }

    #[test]
    fn deep_markup_keeps_its_text() {
        let html = format!("{}deep{}", "<div>".repeat(2000), "</div>".repeat(2000));
        assert_eq!(md(&html), "deep\n");
    }

    #[test]
    fn plain_text_table() {
        let cases = [
            ("Men's Health &amp; Wellness", "Men's Health & Wellness"),
            ("Hip <em>pain</em>\n  now", "Hip pain now"),
            ("&#8220;Quoted&#8221;", "\u{201c}Quoted\u{201d}"),
            ("Plain", "Plain"),
        ];
        for (input, want) in cases {
            assert_eq!(plain_text(input), want, "{input}");
        }
    }
}
