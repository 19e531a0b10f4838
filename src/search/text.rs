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

/// Plain text of rendered HTML: tags dropped, entities decoded, white space
/// collapsed. Leaves out `<script>`, `<style>` and `<template>` contents and
/// the heading anchors gait adds (`<a class="anchor">`).
pub fn html_to_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut space = true;
    let mut i = 0;
    // Start of the run of plain text not yet copied.
    let mut run = 0;
    let flush = |out: &mut String, space: &mut bool, run: usize, end: usize| {
        if run < end {
            out.push_str(&html[run..end]);
            *space = false;
        }
    };
    let blank = |out: &mut String, space: &mut bool| {
        if !*space {
            out.push(' ');
            *space = true;
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b'\t' | b'\r' | 0x0c => {
                flush(&mut out, &mut space, run, i);
                blank(&mut out, &mut space);
                i += 1;
                run = i;
            }
            b'&' => {
                flush(&mut out, &mut space, run, i);
                match entity(&html[i..]) {
                    Some((c, len)) => {
                        if c.is_whitespace() {
                            blank(&mut out, &mut space);
                        } else {
                            out.push(c);
                            space = false;
                        }
                        i += len;
                    }
                    None => {
                        out.push('&');
                        space = false;
                        i += 1;
                    }
                }
                run = i;
            }
            b'<' => {
                flush(&mut out, &mut space, run, i);
                let rest = &html[i..];
                let Some(gt) = rest.find('>') else {
                    i = bytes.len();
                    run = i;
                    break;
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
                    "a" if !closing && tag.contains("class=\"anchor\"") => Some("</a"),
                    _ => None,
                };
                if let Some(end) = skip_to {
                    match find_ignore_case(&html[i..], end) {
                        Some(k) => {
                            i += k;
                            i += html[i..].find('>').map_or(html.len() - i, |g| g + 1);
                        }
                        None => i = bytes.len(),
                    }
                }
                // Block-level boundaries separate words.
                if matches!(
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
                        | "img"
                ) {
                    blank(&mut out, &mut space);
                }
                run = i;
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
            }
        }
    }
    flush(&mut out, &mut space, run, bytes.len().min(i));
    while out.ends_with(' ') {
        out.pop();
    }
    out
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
            "Hip & knee One two <b> 'three' four five"
        );
        assert_eq!(html_to_text("a &bogus; b & c"), "a &bogus; b & c");
    }
}
