//! Plain text of rendered HTML, for indexing and for result snippets.

/// Bytes [`html_to_text`] stops at: white space but a single space, `&` and `<`.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let special = *b"\n\t\r\x0c&<";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

/// What [`html_to_text`] puts between blocks (a heading and its paragraph,
/// list items, table cells) that do not end a sentence themselves.
pub const SEPARATOR: &str = " · ";

/// Plain text of rendered HTML: tags dropped, entities decoded, white space
/// collapsed. Leaves out `<script>`, `<style>` and `<template>` contents and
/// the heading anchors and footnotes' back links gait adds (`<a
/// class="anchor">`, `<a class="footnote-backref">`). Where one block ends
/// and the next begins, the text gets [`SEPARATOR`] unless the first block
/// ends a sentence (`.`, `?`, `:` ...), so a snippet does not run a heading
/// into the text below it.
pub fn html_to_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut t = Text {
        out: String::with_capacity(html.len() / 2),
        space: true,
        boundary: false,
    };
    let mut i = 0;
    // Start of the run of plain text not yet copied.
    let mut run = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b'\t' | b'\r' | 0x0c => {
                t.flush(&html[run..i]);
                t.blank();
                i += 1;
            }
            b'&' => {
                t.flush(&html[run..i]);
                i += t.entity(&html[i..]);
            }
            b'<' => {
                t.flush(&html[run..i]);
                i = tag(&mut t, html, i);
            }
            _ => {
                // A run of text; a single space inside it is kept as it is.
                i += 1;
                while i < bytes.len() {
                    let c = bytes[i];
                    if SPECIAL[c as usize]
                        || (c == b' ' && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()))
                    {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
        }
        run = i;
    }
    t.flush(&html[run..bytes.len().min(i).max(run)]);
    let mut out = t.out;
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The text made so far.
struct Text {
    out: String,
    /// The text ends in white space (or is empty).
    space: bool,
    /// A block ended since the last text: separate the next text from it.
    boundary: bool,
}

impl Text {
    /// Copy a run of plain text.
    fn flush(&mut self, run: &str) {
        if !run.is_empty() {
            separate(&mut self.out, &mut self.boundary);
            self.out.push_str(run);
            self.space = false;
        }
    }

    /// One space, unless the text ends in one.
    fn blank(&mut self) {
        if !self.space {
            self.out.push(' ');
            self.space = true;
        }
    }

    /// The entity at the start of `rest` (`&amp;`), decoded; returns its length.
    fn entity(&mut self, rest: &str) -> usize {
        match entity(rest) {
            Some((c, len)) => {
                if c.is_whitespace() {
                    self.blank();
                } else {
                    separate(&mut self.out, &mut self.boundary);
                    self.out.push(c);
                    self.space = false;
                }
                len
            }
            None => {
                separate(&mut self.out, &mut self.boundary);
                self.out.push('&');
                self.space = false;
                1
            }
        }
    }
}

/// Elements whose start or end separates blocks of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "td"
            | "th"
            | "tr"
            | "blockquote"
            | "pre"
            | "figcaption"
            | "dt"
            | "dd"
            | "section"
            | "hr"
    )
}

/// The tag at byte `i` of `html`: skipped, with what it hides (scripts,
/// styles, heading anchors, footnotes' back links), and a separator or space where it breaks the
/// text. Returns where the text goes on.
fn tag(t: &mut Text, html: &str, mut i: usize) -> usize {
    let rest = &html[i..];
    let Some(gt) = rest.find('>') else {
        return html.len();
    };
    let tag = &rest[1..gt];
    i += gt + 1;
    let bare = tag.trim_start_matches('/');
    let name_len = bare
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
        .min(16);
    let mut lower = [0u8; 16];
    lower[..name_len].copy_from_slice(&bare.as_bytes()[..name_len]);
    lower.make_ascii_lowercase();
    let name = std::str::from_utf8(&lower[..name_len]).unwrap_or("");
    let closing = tag.starts_with('/');
    let skip_to = match name {
        "script" if !closing => Some("</script"),
        "style" if !closing => Some("</style"),
        "template" if !closing => Some("</template"),
        "a" if !closing
            && (tag.contains("class=\"anchor\"") || tag.contains("class=\"footnote-backref\"")) =>
        {
            Some("</a")
        }
        _ => None,
    };
    if let Some(end) = skip_to {
        match find_ignore_case(&html[i..], end) {
            Some(k) => {
                i += k;
                i += html[i..].find('>').map_or(html.len() - i, |g| g + 1);
            }
            None => return html.len(),
        }
    }
    // Blocks are separated; an image separates words.
    if is_block(name) {
        t.boundary = true;
    }
    if name == "img" || t.boundary {
        t.blank();
    }
    i
}

/// Before the first text after a block boundary: [`SEPARATOR`], or a space
/// when the text so far ends a sentence (or is empty).
fn separate(out: &mut String, boundary: &mut bool) {
    if !*boundary {
        return;
    }
    *boundary = false;
    while out.ends_with(' ') {
        out.pop();
    }
    if out.is_empty() {
        return;
    }
    let last = out
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .chars()
        .next_back();
    if last.is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '…' | '·')) {
        out.push(' ');
    } else {
        out.push_str(SEPARATOR);
    }
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// The character of the entity `s` starts with (`&amp;`, `&#39;`, `&#x27;`)
/// and its length, if it is one.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#')? + 1;
    if !s[end..].starts_with(';') {
        return None;
    }
    let name = &s[1..end];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    };
    c.map(|c| (c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_drops_tags_and_anchors() {
        let html = "<h2 id=\"x\">Hip &amp; knee<a class=\"anchor\" href=\"#x\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a></h2>\n<p>One<br>two &lt;b&gt; &#x27;three&#39;</p><script>var a = '<p>';</script><ul><li>four</li><li>five</li></ul>";
        assert_eq!(
            html_to_text(html),
            "Hip & knee · One · two <b> 'three' · four · five"
        );
        assert_eq!(html_to_text("a &bogus; b & c"), "a &bogus; b & c");
        let note = "<p>A note. <a class=\"footnote-backref\" href=\"#fnref-n\" aria-label=\"Back to reference 1\">↩</a></p>";
        assert_eq!(html_to_text(note), "A note.");
    }

    #[test]
    fn blocks_are_separated_unless_they_end_a_sentence() {
        let cases = [
            // A heading runs into its paragraph without a separator.
            (
                "<h2>Where the pelvic floor comes in</h2>\n<p>Your pelvic floor muscles.</p>",
                "Where the pelvic floor comes in · Your pelvic floor muscles.",
            ),
            // A paragraph that ends a sentence needs none.
            (
                "<p>First one.</p><p>Second one?</p><p>“Quoted.”</p><p>Last</p>",
                "First one. Second one? “Quoted.” Last",
            ),
            (
                "<p>Note:</p><ul>\n<li>Every drink</li>\n<li>Any leaks</li>\n</ul>",
                "Note: Every drink · Any leaks",
            ),
            // Table cells and rows.
            (
                "<table><thead><tr><th>Day</th><th>Hours</th></tr></thead><tbody><tr><td>Mon</td><td>7:00</td></tr></tbody></table>",
                "Day · Hours · Mon · 7:00",
            ),
            // Inline tags join words; an image separates them without a dot.
            (
                "<p>pel<em>vic</em> <strong>floor</strong><img src=\"a.png\" alt=\"\">next</p>",
                "pelvic floor next",
            ),
            // Nothing before the first block nor after the last.
            ("<div><p><br></p></div><p>Only</p><p></p>", "Only"),
            ("<li>&amp; more</li><li>&#x2022;</li>", "& more · •"),
            ("", ""),
        ];
        for (html, want) in cases {
            assert_eq!(html_to_text(html), want, "{html}");
        }
    }
}
