//! Line-level work on the converter's Markdown (`html_to_md`).
//!
//! Classic-editor text is typed: after a `<br>` a line may start with `- `,
//! `1. `, `> ` or `# ` that WordPress showed as text. Written as is, the
//! line would start a list, a quote or a heading in Markdown, and the hard
//! break before it would show as a `\`. Such a line is marked in the HTML
//! tree before conversion ([`mark_typed_lines`]: htmd escapes only a text's
//! first character, and would escape a `\` put there), and the mark becomes
//! a backslash escape after it ([`resolve_marks`]). [`tidy`] then drops a
//! hard break that ends a block (it would show as a `\` too) and tidies
//! blank lines.

use std::rc::Rc;

use markup5ever_rcdom::{Node, NodeData};

/// Put before a typed line's first character; a noncharacter, never in
/// text (any in the input are removed first).
const MARK: char = '\u{FDD0}';

/// Elements whose text is kept as it is (code), not marked.
const VERBATIM: &[&str] = &["pre", "code", "script", "style", "textarea"];

/// Mark each text that follows a `<br>` and starts with a block marker.
pub fn mark_typed_lines(root: &Rc<Node>) {
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        let children = node.children.borrow();
        let mut after_br = false;
        for child in children.iter() {
            match &child.data {
                NodeData::Text { contents } => {
                    let mut text = contents.borrow_mut();
                    if text.contains(MARK) {
                        *text = text.replace(MARK, "").into();
                    }
                    let typed = text.trim_start();
                    if after_br && starts_block(typed) {
                        *text = format!("{MARK}{typed}").into();
                    }
                    after_br = false;
                }
                NodeData::Element { name, .. } => {
                    let tag = name.local.as_ref();
                    after_br = tag == "br";
                    if !VERBATIM.contains(&tag) {
                        stack.push(child.clone());
                    }
                }
                _ => after_br = false,
            }
        }
    }
}

/// Whether a line starting with `s` would start a block in Markdown (a
/// list item, quote, heading, fence, rule or heading underline; a
/// numbered item only from 1, the one that may start a list there).
pub fn starts_block(s: &str) -> bool {
    let line = s.split('\n').next().unwrap_or("").trim_end();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let spaced = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let only = |c: char| line.chars().all(|x| x == c || x == ' ' || x == '\t');
    match first {
        '>' => true,
        '-' | '+' | '*' => spaced(&line[1..]) || only(first),
        '=' => only('='),
        '#' => {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            hashes <= 6 && spaced(&line[hashes..])
        }
        '~' | '`' => line.starts_with(&first.to_string().repeat(3)),
        '0'..='9' => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = &line[digits..];
            // Only a list starting at 1 can interrupt a paragraph.
            line[..digits].parse::<u32>() == Ok(1)
                && rest.starts_with(['.', ')'])
                && spaced(&rest[1..])
        }
        _ => false,
    }
}

/// Each mark becomes a backslash before the marker it stands before
/// (`\-`, `\>`, `\#`, `1\.`); one before text htmd already escaped goes.
pub fn resolve_marks(md: &str) -> String {
    if !md.contains(MARK) {
        return md.to_string();
    }
    let mut out = String::with_capacity(md.len() + 8);
    let mut parts = md.split(MARK);
    out.push_str(parts.next().unwrap_or(""));
    for part in parts {
        let digits = part.chars().take_while(char::is_ascii_digit).count();
        let rest = &part[digits..];
        if digits > 0 {
            out.push_str(&part[..digits]);
            if rest.starts_with(['.', ')']) {
                out.push('\\');
            }
        } else if rest.starts_with(['-', '+', '*', '>', '#', '=', '~', '`']) {
            out.push('\\');
        }
        out.push_str(rest);
    }
    out
}

/// Whether a Markdown line ends with a hard break (an odd run of `\`).
fn ends_with_break(line: &str) -> bool {
    line.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// A line with no text: empty, or only a quote's `>` markers.
fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == '>' || c.is_whitespace())
}

/// Whitespace-only lines become empty, runs of blank lines become one,
/// trailing spaces go, a hard break at the end of a block goes, and the
/// text ends with one newline.
pub fn tidy(md: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    let mut blank = 0;
    let mut in_fence = false;
    let mut after_break = false;
    for line in md.lines() {
        let fence = line.trim_start().starts_with("```");
        let mut line = if in_fence { line } else { line.trim_end() };
        if after_break && !in_fence {
            // htmd turns the newline after a `<br>` into a space.
            line = line.strip_prefix(' ').unwrap_or(line);
            if is_blank(line)
                && let Some(last) = lines.last_mut()
            {
                *last = &last[..last.len() - 1];
            }
        }
        after_break = !in_fence && ends_with_break(line);
        if fence {
            in_fence = !in_fence;
        }
        if line.trim().is_empty() && !in_fence {
            blank += 1;
            continue;
        }
        if !lines.is_empty() && blank > 0 {
            lines.push("");
        }
        blank = 0;
        lines.push(line);
    }
    if after_break && let Some(last) = lines.last_mut() {
        *last = &last[..last.len() - 1];
    }
    let mut out = lines.join("\n");
    out.push('\n');
    if out == "\n" { String::new() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_block_table() {
        let cases = [
            ("- Ice for 10 minutes", true),
            ("-", true),
            ("---", true),
            ("- - -", true),
            ("-- Dana", false),
            ("-10 degrees", false),
            ("+ Rest", true),
            ("* Heat", true),
            ("*Note*", false),
            ("> \"Move early.\"", true),
            (">", true),
            ("# 1 tip", true),
            ("#1 tip", false),
            ("####### seven", false),
            ("===", true),
            ("= x", false),
            ("~~~", true),
            ("```js", true),
            ("`x`", false),
            ("1. Lie down", true),
            ("1) Breathe", true),
            ("01.", true),
            ("2. Then", false),
            ("10.", false),
            ("3.5 miles", false),
            ("0000000001. Big", true),
            ("2024 was good", false),
            ("Call us", false),
            ("", false),
        ];
        for (s, want) in cases {
            assert_eq!(starts_block(s), want, "starts_block({s:?})");
        }
    }

    #[test]
    fn resolve_marks_table() {
        let cases = [
            ("plain", "plain"),
            ("a\\\n\u{FDD0}- b", "a\\\n\\- b"),
            ("\u{FDD0}> q", "\\> q"),
            ("\u{FDD0}## h", "\\## h"),
            ("\u{FDD0}1. one", "1\\. one"),
            ("\u{FDD0}12) twelve", "12\\) twelve"),
            ("\u{FDD0}\\* star", "\\* star"),
            ("\u{FDD0}===", "\\==="),
        ];
        for (md, want) in cases {
            assert_eq!(resolve_marks(md), want, "resolve_marks({md:?})");
        }
    }

    #[test]
    fn tidy_table() {
        let cases = [
            ("", ""),
            ("a\n\n\n\nb  \n", "a\n\nb\n"),
            ("a\\\n b\n", "a\\\nb\n"),
            ("end\\\n\nnext\n", "end\n\nnext\n"),
            ("last\\\n", "last\n"),
            ("> q\\\n>\n> r\n", "> q\n>\n> r\n"),
            ("- a\\\n\n  - b\n", "- a\n\n  - b\n"),
            ("x\\\n\\\ny\n", "x\\\n\\\ny\n"),
            ("lit \\\\\n\nnext\n", "lit \\\\\n\nnext\n"),
            ("```\ncode\\\n\n```\n", "```\ncode\\\n\n```\n"),
        ];
        for (md, want) in cases {
            assert_eq!(tidy(md), want, "tidy({md:?})");
        }
    }
}
