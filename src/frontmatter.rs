//! Splitting a content file into its YAML front matter and Markdown body.
//!
//! Pure: works on the file's text. A leading BOM and CRLF line endings are
//! accepted. Line numbers are kept so YAML errors can point into the file.

/// A content file split at its `---` fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (may be empty).
    pub yaml: &'a str,
    /// 1-based line of the file where `yaml` starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// The opening `---` has no closing `---`; holds the line of the opening fence.
    Unclosed(usize),
}

impl SplitError {
    pub fn message(&self) -> &'static str {
        match self {
            SplitError::Missing => "the file has no front matter",
            SplitError::Unclosed(_) => "the front matter is never closed",
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            SplitError::Missing => {
                "start the file with a line `---`, then the keys (like `title: ...`), then another `---`"
            }
            SplitError::Unclosed(_) => {
                "add a line with just `---` after the last front-matter key, before the text"
            }
        }
    }

    pub fn line(&self) -> usize {
        match self {
            SplitError::Missing => 1,
            SplitError::Unclosed(line) => *line,
        }
    }
}

/// Line ends as `\n` (or `\r\n`, kept as written): a lone `\r` (old Mac
/// files) and the Unicode line breaks that YAML also counts (U+0085, U+2028,
/// U+2029) become `\n`, so that YAML's line numbers, the snippets shown
/// under errors and the `---` fences all count lines the same way.
pub fn normalize_line_ends(text: String) -> String {
    let Some(first) = first_odd_line_end(text.as_bytes()) else {
        return text;
    };
    let odd = |c: char| matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if odd(c) => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// The byte offset of the first line end that [`normalize_line_ends`]
/// changes: a `\r` not followed by `\n`, U+0085, U+2028 or U+2029.
/// Nearly every file has none, so the text is scanned a block at a time for
/// the bytes that can start one (`\r`, 0xC2, 0xE2), and only a block that
/// holds one is looked at closely.
fn first_odd_line_end(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let candidate = |b: u8| b == b'\r' || b == 0xC2 || b == 0xE2;
    let odd_at = |i: usize| match bytes[i] {
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        0xC2 => bytes.get(i + 1) == Some(&0x85),
        0xE2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])),
        _ => false,
    };
    let mut start = 0;
    for block in bytes.chunks(BLOCK) {
        // No early exit inside the block, so the compiler can vectorize it.
        if block.iter().fold(false, |any, &b| any | candidate(b))
            && let Some(i) = (start..start + block.len()).find(|&i| odd_at(i))
        {
            return Some(i);
        }
        start += block.len();
    }
    None
}

/// Remove a UTF-8 byte-order mark, if any.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "---"
}

/// Split `text` (BOM already removed or not) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = strip_bom(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first) {
        return Err(SplitError::Missing);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if is_fence(line) {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed(1))
}

/// Whether a file's front matter says `draft: true` (or `yes`, `on`), read
/// line by line so that it can be told even when the YAML is broken.
pub fn says_draft(text: &str) -> bool {
    let text = strip_bom(text);
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    lines
        .take_while(|l| l.trim_end() != "---")
        .filter_map(|l| l.strip_prefix("draft:"))
        .map(|v| {
            v.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .any(|v| matches!(v.as_str(), "true" | "yes" | "on"))
}

/// Where a key was written: its 1-based line and that line's text, for
/// errors found after parsing (an unknown author, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAt {
    pub line: usize,
    pub text: String,
}

/// The line and text of a top-level `key:` in the front matter, if present.
pub fn key_at(split: &Split<'_>, key: &str) -> Option<KeyAt> {
    let line = key_line(split, key)?;
    let text = split
        .yaml
        .lines()
        .nth(line - split.yaml_line)?
        .trim_end()
        .to_string();
    Some(KeyAt { line, text })
}

/// The line of `entry` in the value of a top-level `key:` (a list written on
/// the key's line or below it), or of the key itself when no line holds it.
pub fn entry_at(split: &Split<'_>, key: &str, entry: &str) -> Option<KeyAt> {
    let start = key_line(split, key)?;
    let lines: Vec<&str> = split.yaml.lines().collect();
    let first = start - split.yaml_line;
    let in_value = lines[first..]
        .iter()
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.starts_with([' ', '\t', '-']) || l.trim().is_empty());
    let found = in_value
        .filter(|(_, l)| l.contains(entry))
        .map(|(i, _)| first + i)
        .next()
        .unwrap_or(first);
    Some(KeyAt {
        line: split.yaml_line + found,
        text: lines[found].trim_end().to_string(),
    })
}

/// The 1-based file line of a top-level `key:` in the front matter, if present.
pub fn key_line(split: &Split<'_>, key: &str) -> Option<usize> {
    crate::yaml::key_line(split.yaml, key).map(|i| split.yaml_line + i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_table() {
        // (input, yaml, body, body_line)
        let ok = [
            ("---\ntitle: A\n---\nHello\n", "title: A\n", "Hello\n", 4),
            (
                "\u{feff}---\ntitle: A\n---\nHello",
                "title: A\n",
                "Hello",
                4,
            ),
            (
                "---\r\ntitle: A\r\n---\r\nHello\r\n",
                "title: A\r\n",
                "Hello\r\n",
                4,
            ),
            ("---\n---\n", "", "", 3),
            ("---\ntitle: A\n---", "title: A\n", "", 4),
            (
                "---  \na: 1\nb: 2\n---   \n\nBody",
                "a: 1\nb: 2\n",
                "\nBody",
                5,
            ),
        ];
        for (input, yaml, body, body_line) in ok {
            let s = split(input).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
            assert_eq!(
                (s.yaml, s.body, s.body_line),
                (yaml, body, body_line),
                "{input:?}"
            );
        }
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(
            split("---\ntitle: A\nHello\n"),
            Err(SplitError::Unclosed(1))
        );
        assert_eq!(split("----\n---\n"), Err(SplitError::Missing));
    }

    #[test]
    fn line_ends_are_normalized() {
        assert_eq!(
            normalize_line_ends("a\r\nb\rc\u{2028}d\u{85}e\u{2029}".into()),
            "a\r\nb\nc\nd\ne\n"
        );
        assert_eq!(normalize_line_ends("a\r\nb\n".into()), "a\r\nb\n");
        // Past the first 64-byte block, next to other non-ASCII text, and at the very end.
        let long = format!("{}é’\r\nx\u{2028}y\r", "a".repeat(70));
        assert_eq!(
            normalize_line_ends(long),
            format!("{}é’\r\nx\ny\n", "a".repeat(70))
        );
        // A line end split across two blocks.
        let split = format!("{}\u{2029}z", "b".repeat(63));
        assert_eq!(normalize_line_ends(split), format!("{}\nz", "b".repeat(63)));
        // Other characters starting with 0xC2 or 0xE2 are left alone.
        assert_eq!(normalize_line_ends("© — …".into()), "© — …");
    }

    #[test]
    fn says_draft_table() {
        for (text, want) in [
            ("---\ntitle: A\ndraft: true\n---\n", true),
            ("---\ndraft: yes # not yet\nauthor: [\n---\n", true),
            ("---\ndraft: True\n", true),
            ("---\ndraft: false\n---\n", false),
            ("---\ntitle: A\n---\ndraft: true\n", false),
            ("draft: true\n", false),
            ("---\n  draft: true\n---\n", false),
        ] {
            assert_eq!(says_draft(text), want, "{text:?}");
        }
    }

    #[test]
    fn entry_at_finds_list_items() {
        let s =
            split("---\ntitle: A\naliases:\n  - /old/a/\n  - /old/b/\ntags: [x]\n---\n").unwrap();
        let at = |e| entry_at(&s, "aliases", e).map(|k| (k.line, k.text));
        assert_eq!(at("old/b"), Some((5, "  - /old/b/".to_string())));
        assert_eq!(at("elsewhere"), Some((3, "aliases:".to_string())));
        let s = split("---\naliases: [/a/, /b/]\n---\n").unwrap();
        assert_eq!(entry_at(&s, "aliases", "b").map(|k| k.line), Some(2));
        assert_eq!(entry_at(&s, "tags", "b"), None);
    }

    #[test]
    fn key_line_finds_top_level_keys() {
        let s = split("---\ntitle: A\nauthor: jo\ntags:\n  - author\n---\n").unwrap();
        assert_eq!(key_line(&s, "author"), Some(3));
        assert_eq!(key_line(&s, "title"), Some(2));
        assert_eq!(key_line(&s, "clinic"), None);
    }
}
