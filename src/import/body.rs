//! The body of a post, page or comment: WordPress HTML to Markdown.
//!
//! Order matters and follows WordPress's own display filters: Gutenberg block
//! comments out, shortcodes (captions become figures; others are held aside
//! as text), bare URLs on their own line become links (WordPress embeds them),
//! `wpautop` for classic-editor content only (block content already has its
//! `<p>` tags), then conversion with link rewriting, then shortcodes back.

use std::collections::HashMap;

use super::html_to_md::{self, UrlUse};
use super::media_shortcodes::Attachments;
use super::shortcodes;
use super::wpautop::wpautop;

/// What a post's content may refer to elsewhere in the export.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// For `[gallery]`.
    pub attachments: &'a Attachments,
    /// Reusable blocks (`wp_block` items) by id, for `<!-- wp:block {"ref":N} /-->`.
    pub reusable: &'a HashMap<String, String>,
    /// The post's WordPress id (a `[gallery]` without ids shows the post's own).
    pub post_id: &'a str,
}

/// A converted post or page body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub markdown: String,
    /// Names of shortcodes kept as text, in order, with repeats.
    pub shortcodes: Vec<String>,
}

/// How deep an item's or comment's HTML may nest elements. Browsers stop
/// nesting at about 512; the HTML parser's work grows with the square of the
/// depth, so a corrupt export nested 100,000 deep would never finish.
pub const MAX_HTML_DEPTH: usize = 500;

/// Whether `html` nests elements more than [`MAX_HTML_DEPTH`] deep, estimated
/// from its tags: empty elements (`<br>`, `<img>`) and ones whose end tag may
/// be left out (`<p>`, `<li>`, `<td>`, ...) are not counted.
pub fn nests_too_deep(html: &str) -> bool {
    const NOT_COUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
        "tfoot", "option", "optgroup", "rb", "rp", "rt", "rtc", "colgroup", "caption",
    ];
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let (closing, tag) = match rest.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, rest),
        };
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || NOT_COUNTED.contains(&name.as_str())
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        // `<x ... />` closes itself; look a bounded way ahead for the `>`.
        let end = tag.bytes().take(4096).position(|b| b == b'>');
        if end.is_some_and(|e| tag.as_bytes().get(e.wrapping_sub(1)) == Some(&b'/')) {
            continue;
        }
        depth += 1;
        if depth > MAX_HTML_DEPTH {
            return true;
        }
    }
    false
}

/// Convert a post's or page's `content:encoded`.
pub fn post(
    html: &str,
    cx: Option<&Context<'_>>,
    rewrite: &mut dyn FnMut(&str, UrlUse) -> Option<String>,
) -> Body {
    let mut html = html.replace("\r\n", "\n");
    if let Some(cx) = cx {
        html = expand_reusable(&html, cx.reusable, 0);
    }
    let blocks = html.contains("<!-- wp:");
    let html = strip_wp_comments(&html);
    let held = shortcodes::process(&html, cx);
    let prepared = if blocks {
        held.html.clone()
    } else {
        wpautop(&autoembed(&held.html))
    };
    let md = html_to_md::convert(&prepared, rewrite);
    let mut markdown = held.restore(&md);
    // A post written right to left (`<p dir="rtl">`) keeps its direction.
    let lower = prepared.to_ascii_lowercase();
    if lower.contains("dir=\"rtl\"") && !lower.contains("dir=\"ltr\"") && !markdown.is_empty() {
        markdown = format!("<div dir=\"rtl\">\n\n{markdown}\n</div>\n");
    }
    Body {
        markdown,
        shortcodes: held.kept.clone(),
    }
}

/// How deep reusable blocks may hold reusable blocks (a block that holds
/// itself would never end).
const MAX_REUSE_DEPTH: usize = 4;

/// Replace each `<!-- wp:block {"ref":N} /-->` by the content of the
/// reusable block N; one the export does not have is left (and dropped with
/// the other block comments).
fn expand_reusable(html: &str, blocks: &HashMap<String, String>, depth: usize) -> String {
    const OPEN: &str = "<!-- wp:block {";
    if depth > MAX_REUSE_DEPTH || !html.contains(OPEN) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let comment = &rest[start..];
        let Some(end) = comment.find("-->").map(|e| e + 3) else {
            break;
        };
        let reference = comment[..end].split("\"ref\":").nth(1).map(|r| {
            r.trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        });
        match reference.as_deref().and_then(|id| blocks.get(id)) {
            Some(content) => out.push_str(&expand_reusable(content, blocks, depth + 1)),
            None => out.push_str(&comment[..end]),
        }
        rest = &comment[end..];
    }
    out.push_str(rest);
    out
}

/// Convert a comment's text (WordPress shows comments through `wpautop` too).
/// E-mail addresses typed into the text are removed.
pub fn comment(text: &str, rewrite: &mut dyn FnMut(&str, UrlUse) -> Option<String>) -> String {
    let md = html_to_md::convert(&wpautop(&text.replace("\r\n", "\n")), rewrite);
    redact_emails(md.trim_end())
}

/// Remove Gutenberg's `<!-- wp:... -->` / `<!-- /wp:... -->` and the
/// `<!--more-->`, `<!--nextpage-->`, `<!--noteaser-->` markers.
pub fn strip_wp_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let inner = after.trim_start();
        let marker = inner.starts_with("wp:")
            || inner.starts_with("/wp:")
            || ["more", "nextpage", "noteaser"]
                .iter()
                .any(|m| inner.starts_with(m));
        match after.find("-->") {
            Some(end) if marker => {
                out.push_str(&rest[..start]);
                rest = &after[end + 3..];
                // A block comment sits on its own line: take the line break too.
                if let Some(r) = rest.strip_prefix('\n')
                    && (out.is_empty() || out.ends_with('\n'))
                {
                    rest = r;
                }
            }
            _ => {
                out.push_str(&rest[..start + 4]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A line holding only a URL is an embed in WordPress: make it a link.
fn autoembed(html: &str) -> String {
    if !html.contains("http") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    for (i, line) in html.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let t = line.trim();
        let is_url = (t.starts_with("http://") || t.starts_with("https://"))
            && !t.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'));
        if is_url {
            out.push_str(&format!("<a href=\"{t}\">{t}</a>"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Replace anything that looks like an e-mail address.
pub fn redact_emails(text: &str) -> String {
    if !text.contains('@') {
        return text.to_string();
    }
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let before = &rest[..at];
        let local_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local(*c))
            .last()
            .map(|(i, _)| i);
        let after = &rest[at + 1..];
        let domain_len = after.find(|c: char| !is_domain(c)).unwrap_or(after.len());
        let domain = after[..domain_len].trim_end_matches('.');
        let looks_like = domain.contains('.') && !domain.starts_with('.');
        match local_start {
            Some(ls) if looks_like => {
                out.push_str(&rest[..ls]);
                out.push_str("(e-mail removed)");
                rest = &after[domain.len()..];
            }
            _ => {
                out.push_str(&rest[..at + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post_md(html: &str) -> String {
        post(html, None, &mut |_, _| None).markdown
    }

    #[test]
    fn post_table() {
        let cases = [
            (
                "First paragraph with <strong>bold</strong>.\n\nSecond line one\nline two",
                "First paragraph with **bold**.\n\nSecond line one\\\nline two\n",
            ),
            (
                "<!-- wp:paragraph -->\n<p>Block one</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:list -->\n<ul><li>A</li><li>B</li></ul>\n<!-- /wp:list -->",
                "Block one\n\n- A\n- B\n",
            ),
            (
                "Intro\n\n[caption id=\"attachment_9\" align=\"aligncenter\" width=\"300\"]<img src=\"https://x.example/k.jpg\" alt=\"Knee brace\" width=\"300\" /> Wearing the brace[/caption]\n\nAfter",
                "Intro\n\n<figure>\n\n![Knee brace](https://x.example/k.jpg)\n\n<figcaption>\n\nWearing the brace\n\n</figcaption>\n</figure>\n\nAfter\n",
            ),
            (
                "Join us: [contact-form-7 id=\"3\" title=\"Contact *form*\"]",
                "Join us: [contact-form-7 id=\"3\" title=\"Contact *form*\"]\n",
            ),
            (
                "Watch:\n\nhttps://www.youtube.com/watch?v=abc\n\nDone",
                "Watch:\n\n[https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)\n\nDone\n",
            ),
            ("Before<!--more-->After", "BeforeAfter\n"),
            (
                "<p dir=\"rtl\">مرحبا <strong>بكم</strong></p>\n<p dir=\"rtl\">שלום</p>",
                "<div dir=\"rtl\">\n\nمرحبا **بكم**\n\nשלום\n\n</div>\n",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(post_md(html), want, "post({html:?})");
        }
    }

    #[test]
    fn comment_table() {
        let cases = [
            ("Thanks!\nSee you", "Thanks!\\\nSee you"),
            (
                "Mail me at jo.doe+pt@mail.example.com please",
                "Mail me at (e-mail removed) please",
            ),
            (
                "<a href=\"mailto:a@b.co\">me</a>",
                "[me](mailto:(e-mail removed))",
            ),
            ("At @home, 5@6", "At @home, 5@6"),
            ("Para one\n\nPara two", "Para one\n\nPara two"),
        ];
        for (text, want) in cases {
            assert_eq!(comment(text, &mut |_, _| None), want, "comment({text:?})");
        }
    }

    #[test]
    fn reusable_blocks_are_expanded() {
        let blocks: HashMap<String, String> = [
            (
                "7",
                "<!-- wp:paragraph -->\n<p>Closed at noon.</p>\n<!-- /wp:paragraph -->",
            ),
            ("8", "<p>Before</p><!-- wp:block {\"ref\":7} /-->"),
            ("9", "<!-- wp:block {\"ref\":9} /-->x"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into();
        let attachments = Attachments::default();
        let cx = Context {
            attachments: &attachments,
            reusable: &blocks,
            post_id: "1",
        };
        let md = |html: &str| post(html, Some(&cx), &mut |_, _| None).markdown;
        assert_eq!(
            md(
                "<!-- wp:paragraph -->\n<p>Hours:</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {\"ref\":8} /-->"
            ),
            "Hours:\n\nBefore\n\nClosed at noon.\n"
        );
        assert_eq!(
            md("<!-- wp:block {\"ref\":404} /--><p>After</p>"),
            "After\n"
        );
        assert_eq!(md("<!-- wp:block {\"ref\":9} /-->"), "xxxxx\n");
    }

    #[test]
    fn strips_only_wordpress_comments() {
        assert_eq!(
            strip_wp_comments(
                "<!-- wp:heading {\"level\":3} -->\n<h3>T</h3>\n<!-- /wp:heading -->\n<!-- keep -->"
            ),
            "<h3>T</h3>\n<!-- keep -->"
        );
    }
}
