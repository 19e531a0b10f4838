//! WordPress's `wpautop`: the `<p>` and `<br>` tags that WordPress adds to
//! classic-editor content when it shows a post, restored before conversion.
//!
//! A port of the rules, not of the regular expressions: blank lines separate
//! paragraphs, a single newline is a `<br />`, block-level tags are never
//! wrapped in `<p>`, text right after an opening `<blockquote>` is, and
//! `<pre>`, `<script>`, `<style>`, `<svg>` and `<math>` are left untouched.

/// Block-level tags, as in WordPress's `$allblocks`.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th",
    "div", "dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area", "blockquote",
    "address", "style", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "fieldset", "legend",
    "section", "article", "aside", "hgroup", "header", "footer", "nav", "figure",
    "figcaption", "details", "menu", "summary",
];

/// Elements whose content is never touched.
const RAW: &[&str] = &["pre", "script", "style", "svg", "math", "textarea"];

/// Placeholder delimiters for raw elements (private-use characters).
const RAW_OPEN: char = '\u{E000}';
const RAW_CLOSE: char = '\u{E001}';
/// Opens the placeholder of a block-level raw element.
const RAW_BLOCK: char = '\u{E002}';

/// One piece of HTML: text, a tag, a comment or a kept raw element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Text(&'a str),
    /// A tag with its lower-case name and whether it is a closing tag.
    Tag {
        raw: &'a str,
        name: &'a str,
        closing: bool,
    },
    Comment(&'a str),
}

/// Add `<p>` and `<br />` the way WordPress does when displaying a post.
pub fn wpautop(input: &str) -> String {
    if input.trim().is_empty() {
        return String::new();
    }
    let text = input.replace("\r\n", "\n").replace('\r', "\n");
    let (text, raws) = protect_raw(&text);

    // Block tags get blank lines around them; newlines inside tags become spaces.
    let mut spaced = String::with_capacity(text.len() + 64);
    let mut last_was_br = false;
    for tok in tokenize(&text) {
        match tok {
            Tok::Tag { raw, name, closing } => {
                let is_br = name == "br";
                if is_br && last_was_br {
                    // `<br><br>` is a paragraph break.
                    let trimmed = spaced.trim_end().len();
                    spaced.truncate(trimmed);
                    strip_suffix_br(&mut spaced);
                    spaced.push_str("\n\n");
                    last_was_br = false;
                    continue;
                }
                last_was_br = is_br;
                let block = is_block(name);
                if block && !closing {
                    spaced.push_str("\n\n");
                }
                spaced.push_str(&raw.replace('\n', " "));
                if block && (closing || name == "hr") {
                    spaced.push_str("\n\n");
                }
            }
            Tok::Text(t) => {
                if !t.trim().is_empty() {
                    last_was_br = false;
                }
                spaced.push_str(t);
            }
            Tok::Comment(c) => spaced.push_str(c),
        }
    }

    let mut out = String::with_capacity(spaced.len() + 64);
    for chunk in split_paragraphs(&spaced) {
        let chunk = chunk.trim_matches('\n');
        if chunk.trim().is_empty() {
            continue;
        }
        if is_block_placeholder(chunk.trim()) {
            out.push_str(chunk.trim());
        } else {
            out.push_str(&paragraph(chunk));
        }
        out.push('\n');
    }
    restore_raw(out.trim_end(), &raws)
}

/// A `<pre>` or `<style>` held aside, alone in its chunk.
fn is_block_placeholder(s: &str) -> bool {
    s.strip_prefix(RAW_BLOCK)
        .and_then(|r| r.strip_suffix(RAW_CLOSE))
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
}

fn strip_suffix_br(s: &mut String) {
    if let Some(pos) = s.rfind('<') {
        let tail = s[pos..].to_ascii_lowercase();
        if tail.starts_with("<br") && tail.ends_with('>') {
            s.truncate(pos);
        }
    }
}

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Split at blank lines (a newline, optional whitespace, a newline).
fn split_paragraphs(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                parts.push(&s[start..i]);
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n') {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    parts.push(&s[start..]);
    parts
}

/// One chunk between blank lines: wrap its text in `<p>` unless it sits in a block tag.
fn paragraph(chunk: &str) -> String {
    let toks = tokenize(chunk);
    let is_block_tok = |t: &Tok| match t {
        Tok::Tag { name, .. } => is_block(name),
        Tok::Text(s) => s.trim().is_empty(),
        Tok::Comment(_) => false,
    };
    let lead = toks.iter().take_while(|t| is_block_tok(t)).count();
    let trail = toks[lead..]
        .iter()
        .rev()
        .take_while(|t| is_block_tok(t))
        .count();
    let middle = &toks[lead..toks.len() - trail];
    let mut out = String::new();
    for t in &toks[..lead] {
        push_tok(&mut out, t);
    }
    if !middle.is_empty() {
        let last_lead_tag = toks[..lead].iter().rev().find_map(|t| match t {
            Tok::Tag { name, closing, .. } => Some((*name, *closing)),
            _ => None,
        });
        let wrap = matches!(last_lead_tag, None | Some(("blockquote", false)));
        let mut inner = String::new();
        for t in middle {
            push_tok(&mut inner, t);
        }
        let inner = line_breaks(inner.trim());
        if wrap {
            out.push_str("<p>");
            out.push_str(&inner);
            out.push_str("</p>");
        } else {
            out.push_str(&inner);
        }
    }
    for t in &toks[toks.len() - trail..] {
        push_tok(&mut out, t);
    }
    out
}

fn push_tok(out: &mut String, t: &Tok) {
    match t {
        Tok::Text(s) => out.push_str(s),
        Tok::Tag { raw, .. } => out.push_str(raw),
        Tok::Comment(c) => out.push_str(c),
    }
}

/// A newline inside a paragraph is a `<br />`, unless one is already there.
fn line_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            let trimmed_len = out.trim_end().len();
            out.truncate(trimmed_len);
            let lower = out.to_ascii_lowercase();
            if !(lower.ends_with("<br>") || lower.ends_with("<br/>") || lower.ends_with("<br />")) {
                out.push_str("<br />");
            }
            out.push('\n');
        }
        out.push_str(if i > 0 { line.trim_start() } else { line });
    }
    out
}

/// Split HTML into text, tags and comments. A `<` that starts no tag is text.
fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let bytes = s.as_bytes();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let end = if s[i..].starts_with("<!--") {
            s[i + 4..].find("-->").map(|e| (i + 4 + e + 3, None))
        } else {
            tag_end(bytes, i).map(|e| (e, Some(())))
        };
        let Some((end, is_tag)) = end else {
            i += 1;
            continue;
        };
        if text_start < i {
            toks.push(Tok::Text(&s[text_start..i]));
        }
        let raw = &s[i..end];
        if is_tag.is_some() {
            let closing = raw.as_bytes()[1] == b'/';
            let name_start = if closing { 2 } else { 1 };
            let name_len = raw[name_start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(raw.len() - name_start);
            let name = &raw[name_start..name_start + name_len];
            toks.push(Tok::Tag {
                raw,
                name: lower_static(name),
                closing,
            });
        } else {
            toks.push(Tok::Comment(raw));
        }
        i = end;
        text_start = end;
    }
    if text_start < s.len() {
        toks.push(Tok::Text(&s[text_start..]));
    }
    toks
}

/// The tag name in lower case when it is one wpautop cares about; the name as written otherwise.
fn lower_static(name: &str) -> &str {
    BLOCKS
        .iter()
        .chain(RAW)
        .chain(&["br"])
        .find(|b| b.eq_ignore_ascii_case(name))
        .copied()
        .unwrap_or(name)
}

/// The end (exclusive) of a tag starting at `i`, honouring quoted attribute values.
fn tag_end(bytes: &[u8], i: usize) -> Option<usize> {
    let first = *bytes.get(i + 1)?;
    let name_first = if first == b'/' {
        *bytes.get(i + 2)?
    } else {
        first
    };
    if !name_first.is_ascii_alphabetic() {
        return None;
    }
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(i + 1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(j + 1),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// Replace raw elements with placeholders; block-level ones (`pre`, `style`) get blank lines.
fn protect_raw(s: &str) -> (String, Vec<String>) {
    let mut raws = Vec::new();
    let lower = s.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    'scan: while let Some(rel) = lower[i..].find('<') {
        let at = i + rel;
        for name in RAW {
            let open = format!("<{name}");
            let after = lower.as_bytes().get(at + open.len()).copied();
            if lower[at..].starts_with(&open)
                && matches!(after, Some(b' ' | b'>' | b'\n' | b'\t' | b'/'))
            {
                let close = format!("</{name}>");
                let Some(end_rel) = lower[at..].find(&close) else {
                    continue;
                };
                let end = at + end_rel + close.len();
                out.push_str(&s[i..at]);
                let block = is_block(name);
                if block {
                    out.push_str("\n\n");
                }
                out.push(if block { RAW_BLOCK } else { RAW_OPEN });
                out.push_str(&raws.len().to_string());
                out.push(RAW_CLOSE);
                if block {
                    out.push_str("\n\n");
                }
                raws.push(s[at..end].to_string());
                i = end;
                continue 'scan;
            }
        }
        out.push_str(&s[i..at + 1]);
        i = at + 1;
    }
    out.push_str(&s[i..]);
    (out, raws)
}

fn restore_raw(s: &str, raws: &[String]) -> String {
    if raws.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + raws.iter().map(String::len).sum::<usize>());
    let mut rest = s;
    while let Some(start) = rest.find([RAW_OPEN, RAW_BLOCK]) {
        out.push_str(&rest[..start]);
        let after = &rest[start + RAW_OPEN.len_utf8()..];
        let Some(end) = after.find(RAW_CLOSE) else {
            break;
        };
        let idx: usize = after[..end].parse().unwrap_or(usize::MAX);
        if let Some(raw) = raws.get(idx) {
            out.push_str(raw);
        }
        rest = &after[end + RAW_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wpautop_table() {
        let cases = [
            ("", ""),
            ("Hello", "<p>Hello</p>"),
            ("One\n\nTwo", "<p>One</p>\n<p>Two</p>"),
            ("One\r\n\r\n\r\nTwo", "<p>One</p>\n<p>Two</p>"),
            ("Line one\nline two", "<p>Line one<br />\nline two</p>"),
            ("Line one<br>\nline two", "<p>Line one<br>\nline two</p>"),
            ("One<br /><br />Two", "<p>One</p>\n<p>Two</p>"),
            (
                "Text\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nMore",
                "<p>Text</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>More</p>",
            ),
            (
                "<h2>Title</h2>\nBody <em>x</em>",
                "<h2>Title</h2>\n<p>Body <em>x</em></p>",
            ),
            (
                "<blockquote>Quoted\ntext</blockquote>",
                "<blockquote><p>Quoted<br />\ntext</p></blockquote>",
            ),
            (
                "<div class=\"a\">In div</div>",
                "<div class=\"a\">In div</div>",
            ),
            (
                "<pre>a\n\nb</pre>\nAfter",
                "<pre>a\n\nb</pre>\n<p>After</p>",
            ),
            (
                "<a href=\"x\"\ntitle=\"y\">link</a> text",
                "<p><a href=\"x\" title=\"y\">link</a> text</p>",
            ),
            ("5 < 6 and 7 > 3", "<p>5 < 6 and 7 > 3</p>"),
            (
                "Before\n<hr />\nAfter",
                "<p>Before</p>\n<hr />\n<p>After</p>",
            ),
            (
                "<figure><img src=\"a.jpg\" /><figcaption>Cap</figcaption></figure>",
                "<figure><img src=\"a.jpg\" />\n<figcaption>Cap</figcaption>\n</figure>",
            ),
            ("<p>Already</p>\n\nloose", "<p>Already</p>\n<p>loose</p>"),
            (
                "x <script>a\n\nb</script> y",
                "<p>x <script>a\n\nb</script> y</p>",
            ),
            (
                "[gallery ids=\"1\"]\n\nText",
                "<p>[gallery ids=\"1\"]</p>\n<p>Text</p>",
            ),
            ("Xin chào\n\n¿Dónde?", "<p>Xin chào</p>\n<p>¿Dónde?</p>"),
        ];
        for (input, want) in cases {
            assert_eq!(wpautop(input), want, "wpautop({input:?})");
        }
    }
}
