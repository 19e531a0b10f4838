//! WordPress shortcodes (`[name attr="x"]…[/name]`) in post content.
//!
//! `[caption]` becomes a `<figure>` with a `<figcaption>`, `[embed]URL[/embed]`
//! a link, and `[gallery]`, `[audio]` and `[video]` the pictures or player
//! they showed (see [`super::media_shortcodes`]); every other shortcode is
//! kept as text, exactly as written, and named in the report. Kept shortcodes are swapped for placeholders while
//! the HTML is converted, so the converter does not escape their brackets.

use super::body::Context;
use super::media_shortcodes;

/// Start and end of a placeholder (private-use characters no text contains).
const HOLD_OPEN: char = '\u{E010}';
const HOLD_CLOSE: char = '\u{E011}';

/// Shortcodes WordPress itself registers: recognised even without attributes.
const CORE: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "audio",
    "video",
    "playlist",
    "embed",
];

/// Content with its shortcodes handled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Processed {
    pub html: String,
    /// Names of the shortcodes kept as text, in order of appearance (with repeats).
    pub kept: Vec<String>,
    /// The text of each placeholder, by index.
    held: Vec<String>,
}

impl Processed {
    /// Put the kept shortcodes back into the converted text.
    pub fn restore(&self, converted: &str) -> String {
        if self.held.is_empty() {
            return converted.to_string();
        }
        let mut out = String::with_capacity(converted.len() + 64);
        let mut rest = converted;
        while let Some(start) = rest.find(HOLD_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + HOLD_OPEN.len_utf8()..];
            let Some(end) = after.find(HOLD_CLOSE) else {
                rest = after;
                continue;
            };
            if let Some(text) = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| self.held.get(i))
            {
                out.push_str(text);
            }
            rest = &after[end + HOLD_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

/// A shortcode tag found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    attrs: &'a str,
    closing: bool,
}

/// Replace `[caption]`, `[embed]` and the media shortcodes, and hold every other one.
pub fn process(html: &str, cx: Option<&Context<'_>>) -> Processed {
    let mut p = Processed::default();
    if !html.contains('[') {
        p.html = html.to_string();
        return p;
    }
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while let Some(rel) = html[i..].find('[') {
        let at = i + rel;
        out.push_str(&html[i..at]);
        // `[[name]]` is WordPress's escape for a literal `[name]`.
        if html[at..].starts_with("[[")
            && let Some(f) = tag_at(html, at + 1)
            && html[f.end..].starts_with(']')
        {
            p.hold(&mut out, &html[at + 1..f.end]);
            i = f.end + 1;
            continue;
        }
        let Some(tag) = tag_at(html, at).filter(|t| is_shortcode(html, t)) else {
            out.push('[');
            i = at + 1;
            continue;
        };
        let close = (!tag.closing)
            .then(|| find_close(html, tag.end, tag.name))
            .flatten();
        if let Some(media) = media(&tag, cx) {
            out.push_str(&media);
            // `[audio src=x][/audio]`: the end tag goes too, if it ends this one.
            i = match close {
                Some((inner_end, end))
                    if !html[tag.end..inner_end].contains(&format!("[{}", tag.name)) =>
                {
                    end
                }
                _ => tag.end,
            };
            continue;
        }
        match (tag.name, close) {
            ("caption" | "wp_caption", Some((inner_end, close_end))) => {
                out.push_str(&caption(tag.attrs, &html[tag.end..inner_end]));
                i = close_end;
            }
            ("embed", Some((inner_end, close_end))) => {
                let url = html[tag.end..inner_end].trim();
                out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
                i = close_end;
            }
            _ => {
                if !tag.closing {
                    p.kept.push(tag.name.to_string());
                }
                p.hold(&mut out, &html[tag.start..tag.end]);
                i = tag.end;
            }
        }
    }
    out.push_str(&html[i..]);
    p.html = out;
    p
}

/// The HTML of a `[gallery]`, `[audio]` or `[video]` whose pictures or file are known.
fn media(tag: &Found<'_>, cx: Option<&Context<'_>>) -> Option<String> {
    if tag.closing {
        return None;
    }
    match tag.name {
        "gallery" => cx.and_then(|c| c.attachments.gallery(tag.attrs, c.post_id)),
        "audio" => media_shortcodes::audio(tag.attrs),
        "video" => media_shortcodes::video(tag.attrs),
        _ => None,
    }
}

impl Processed {
    fn hold(&mut self, out: &mut String, text: &str) {
        out.push(HOLD_OPEN);
        out.push_str(&self.held.len().to_string());
        out.push(HOLD_CLOSE);
        self.held.push(text.to_string());
    }
}

/// Parse a tag `[name attrs]`, `[name attrs /]` or `[/name]` starting at `at`.
fn tag_at(s: &str, at: usize) -> Option<Found<'_>> {
    let rest = &s[at + 1..];
    let (closing, body) = match rest.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let after = &body[name_len..];
    // Attributes run to the first `]` outside quotes, and never across a `[`.
    let mut quote = None;
    for (j, c) in after.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => return None,
            (None, ']') => {
                let attrs = after[..j].trim();
                if !attrs.is_empty()
                    && !after.starts_with(char::is_whitespace)
                    && !attrs.starts_with('/')
                {
                    return None;
                }
                if closing && !attrs.is_empty() {
                    return None;
                }
                let consumed = 1 + usize::from(closing) + name_len + j + 1;
                return Some(Found {
                    start: at,
                    end: at + consumed,
                    name,
                    attrs: attrs.trim_end_matches('/').trim(),
                    closing,
                });
            }
            _ => {}
        }
        if j > 2000 {
            return None;
        }
    }
    None
}

/// Tell a shortcode from bracketed prose like `[sic]` or `[1]`.
fn is_shortcode(s: &str, t: &Found) -> bool {
    if CORE.contains(&t.name) || t.attrs.contains('=') || t.name.contains(['_', '-']) {
        return true;
    }
    if t.closing {
        return s[..t.start].contains(&format!("[{}", t.name));
    }
    find_close(s, t.end, t.name).is_some()
}

/// The `[/name]` closing a tag whose opening ends at `from`: (start, end) of the closing tag.
fn find_close(s: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let needle = format!("[/{name}]");
    let rel = s[from..].find(&needle)?;
    Some((from + rel, from + rel + needle.len()))
}

/// The value of `key="..."` (or single-quoted, or bare) in shortcode attributes.
pub fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let k = rest[..eq].trim();
        let v = rest[eq + 1..].trim_start();
        let (value, next) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = v[1..].find(q)? + 1;
                (&v[1..end], &v[end + 1..])
            }
            _ => {
                let end = v.find(char::is_whitespace).unwrap_or(v.len());
                (&v[..end], &v[end..])
            }
        };
        if k.eq_ignore_ascii_case(key) {
            return Some(value);
        }
        rest = next;
    }
    None
}

/// `[caption]<img> Text[/caption]` → `<figure><img><figcaption>Text</figcaption></figure>`.
fn caption(attrs: &str, inner: &str) -> String {
    let (image, text) = split_caption(inner);
    // Old exports put the caption in an attribute.
    let text = if text.trim().is_empty() {
        attr(attrs, "caption").unwrap_or("").to_string()
    } else {
        text.trim().to_string()
    };
    if text.is_empty() {
        format!("<figure>{image}</figure>")
    } else {
        format!("<figure>{image}<figcaption>{text}</figcaption></figure>")
    }
}

/// Split caption content into the image (maybe inside a link) and the caption text,
/// like WordPress's `#((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)#is`.
fn split_caption(inner: &str) -> (&str, &str) {
    let lower = inner.to_ascii_lowercase();
    let Some(img) = lower.find("<img ") else {
        return ("", inner);
    };
    let Some(img_end) = lower[img..].find('>').map(|e| img + e + 1) else {
        return ("", inner);
    };
    let start = lower[..img]
        .rfind("<a ")
        .filter(|&a| {
            lower[a..img]
                .find('>')
                .is_some_and(|gt| lower[a + gt + 1..img].trim().is_empty())
        })
        .unwrap_or(img);
    let mut end = img_end;
    let after = &lower[img_end..];
    if start < img && after.trim_start().starts_with("</a>") {
        end = img_end + (after.len() - after.trim_start().len()) + 4;
    }
    (inner[start..end].trim(), &inner[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_table() {
        // (input, html after processing with held shortcodes restored, kept names)
        let cases: &[(&str, &str, &[&str])] = &[
            ("No shortcodes here", "No shortcodes here", &[]),
            ("[sic] and [1] and [Note]", "[sic] and [1] and [Note]", &[]),
            (
                "[caption id=\"attachment_5\" align=\"alignleft\" width=\"300\"]<img src=\"k.jpg\" alt=\"Knee\" /> A knee brace[/caption]",
                "<figure><img src=\"k.jpg\" alt=\"Knee\" /><figcaption>A knee brace</figcaption></figure>",
                &[],
            ),
            (
                "[caption width=\"300\"]<a href=\"big.jpg\"><img src=\"k.jpg\" alt=\"\" /></a> Men's <em>brace</em>[/caption]",
                "<figure><a href=\"big.jpg\"><img src=\"k.jpg\" alt=\"\" /></a><figcaption>Men's <em>brace</em></figcaption></figure>",
                &[],
            ),
            (
                "[caption caption=\"Old style\"]<img src=\"k.jpg\" />[/caption]",
                "<figure><img src=\"k.jpg\" /><figcaption>Old style</figcaption></figure>",
                &[],
            ),
            (
                "[embed]https://www.youtube.com/watch?v=abc[/embed]",
                "<a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a>",
                &[],
            ),
            (
                "Before [gallery ids=\"1,2\"] after [contact-form-7 id=\"3\" title=\"Contact\"]",
                "Before [gallery ids=\"1,2\"] after [contact-form-7 id=\"3\" title=\"Contact\"]",
                &["gallery", "contact-form-7"],
            ),
            (
                "[accordion title=\"Q\"]<p>Answer</p>[/accordion]",
                "[accordion title=\"Q\"]<p>Answer</p>[/accordion]",
                &["accordion"],
            ),
            ("[toc]x[/toc]", "[toc]x[/toc]", &["toc"]),
            ("[[gallery]] is escaped", "[gallery] is escaped", &[]),
            (
                "[video src=\"a.mp4\" /]",
                "<video controls src=\"a.mp4\"></video>",
                &[],
            ),
            (
                "[audio mp3=\"a.mp3\"][/audio] and [audio src=\"b.ogg\"] then [audio]x[/audio]",
                "<audio controls src=\"a.mp3\"></audio> and <audio controls src=\"b.ogg\"></audio> then [audio]x[/audio]",
                &["audio"],
            ),
            ("Unclosed [gallery", "Unclosed [gallery", &[]),
        ];
        for (input, want, kept) in cases {
            let p = process(input, None);
            assert_eq!(p.restore(&p.html), *want, "process({input:?})");
            assert_eq!(p.kept, *kept, "kept of {input:?}");
        }
    }

    #[test]
    fn held_shortcodes_leave_no_brackets_for_the_converter() {
        let p = process("Text [gallery ids=\"1\"] more", None);
        assert!(!p.html.contains('['), "{}", p.html);
    }

    #[test]
    fn attr_table() {
        let cases = [
            ("id=\"a\" caption=\"Hi there\"", "caption", Some("Hi there")),
            ("width='300' caption='x'", "width", Some("300")),
            ("align=left width=300", "width", Some("300")),
            ("id=\"a\"", "caption", None),
        ];
        for (attrs, key, want) in cases {
            assert_eq!(attr(attrs, key), want, "{attrs} {key}");
        }
    }
}
