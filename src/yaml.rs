//! Reading YAML into typed structs, with errors a therapist can act on.
//!
//! Wraps `serde_yaml` (the maintained `yaml_serde` crate): the error's location
//! is shifted to the line in the whole file, serde's "unknown field" becomes
//! "unknown key" with a did-you-mean suggestion, and type errors say what to
//! write instead.

use serde::de::DeserializeOwned;

use crate::suggest;

mod slips;

/// A YAML problem, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl YamlError {
    /// The diagnostic for `file`, whose whole text is `text` (for the snippet).
    pub fn into_diagnostic(self, file: &std::path::Path, text: &str) -> crate::diag::Diagnostic {
        let d = crate::diag::Diagnostic::error(file, self.message)
            .at_line(self.line)
            .at_column(self.column)
            .with_snippet_from(text);
        match self.help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }
}

/// The 1-based line of a top-level `key:` in a whole YAML file (site.yaml).
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The 1-based line of a nested key: `["translations", "es", "nav"]` is
/// `nav:` inside `es:` inside the top-level `translations:`. Falls back to
/// the deepest key found.
pub fn path_line(text: &str, path: &[&str]) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    let mut indent: Option<usize> = None;
    let lines: Vec<&str> = text.lines().collect();
    for key in path {
        let hit = lines.iter().enumerate().skip(from).find_map(|(i, line)| {
            let trimmed = line.trim_start();
            let depth = line.len() - trimmed.len();
            if indent.is_some_and(|d| depth <= d)
                && !trimmed.is_empty()
                && !trimmed.starts_with('#')
            {
                return Some(None);
            }
            let is_key = trimmed
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'));
            (is_key && indent.is_none_or(|d| depth > d)).then_some(Some((i, depth)))
        });
        match hit.flatten() {
            Some((i, depth)) => {
                found = Some(i + 1);
                from = i + 1;
                indent = Some(depth);
            }
            None => break,
        }
    }
    found
}

/// Parse `yaml`, which starts at 1-based line `first_line` of its file.
///
/// An empty document parses as an empty mapping, so a struct whose keys are
/// all optional can be read from an empty front matter.
pub fn from_str<T: DeserializeOwned>(yaml: &str, first_line: usize) -> Result<T, YamlError> {
    let source = if is_blank(yaml) { "{}" } else { yaml };
    serde_yaml::from_str(source).map_err(|e| convert(&e, source, first_line))
}

fn convert(err: &serde_yaml::Error, yaml: &str, first_line: usize) -> YamlError {
    let (line, column) = match err.location() {
        Some(loc) => (Some(loc.line() + first_line - 1), Some(loc.column())),
        None => (None, None),
    };
    let full = err.to_string();
    let raw = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    // Positions inside the message count from the front matter, not the
    // file; the diagnostic carries the file's line instead.
    let mut raw = without_positions(raw);
    // The reader's errors (a control character) give a byte position, not a line.
    let (mut line, mut column) = (line, column);
    if let Some((msg, pos)) = raw.rsplit_once(" at position ")
        && let Ok(at) = pos.parse::<usize>()
    {
        let before = yaml
            .as_bytes()
            .get(..at.min(yaml.len()))
            .unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        line = Some(before.iter().filter(|&&b| b == b'\n').count() + first_line);
        column = Some(
            String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1,
        );
        raw = msg.to_string();
    }
    let raw = raw.as_str();
    let (message, help) = explain(raw);
    // serde points at the start of the mapping for a missing key: that line is
    // not the problem, so name no line at all.
    let (line, column) = if raw.contains("missing field `") {
        (None, None)
    } else {
        (line, column)
    };
    // serde points at the start of the mapping for a duplicate; find the second occurrence.
    let line = match raw
        .split("duplicate field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        // Without a path (`nav[0]: ...`) the key is a top-level one: look only at column 0.
        Some(key) => second_occurrence(yaml, key, split_path(raw).0.is_none())
            .map(|l| l + first_line - 1)
            .or(line),
        None => line,
    };
    if let Some((line, message, help)) = slips::odd_space(yaml, first_line) {
        return YamlError {
            line: Some(line),
            column: None,
            message,
            help: Some(help),
        };
    }
    let at = line.and_then(|l| l.checked_sub(first_line));
    let moved = match raw {
        r if r.contains("while scanning a quoted scalar") => slips::unclosed_quote(yaml, first_line)
            .map(|l| (l, "the quote opened on this line is never closed: end the value with the same quote, or leave the quotes out".to_string())),
        r if r.contains("could not find expected ':'") => at.and_then(|a| slips::no_space(yaml, a, first_line)),
        _ => None,
    };
    if let Some((line, help)) = moved {
        return YamlError {
            line: Some(line),
            column: None,
            message,
            help: Some(help),
        };
    }
    let help = at.and_then(|a| slips::curly_quote(yaml, a)).or(help);
    YamlError {
        line,
        column,
        message,
        help,
    }
}

/// Turn serde's wording into ours. Returns (message, help).
fn explain(raw: &str) -> (String, Option<String>) {
    // "nav[0]: unknown field `titel`, expected one of `title`, `url`"
    let (path, msg) = split_path(raw);
    let at = |m: String| match path.map(describe_path).filter(|p| !p.is_empty()) {
        Some(p) => format!("{m} (in {p})"),
        None => m,
    };
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = backticked(rest);
        if let Some((unknown, known)) = names.split_first() {
            let known: Vec<&str> = known.to_vec();
            let help = suggest::help_for(unknown, &known, "keys");
            let help = format!("{help}. Put anything custom under `extra:`");
            return (at(format!("unknown key `{unknown}`")), Some(help));
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field ")
        && let Some(name) = backticked(rest).first()
    {
        return (
            at(format!("the required key `{name}` is missing")),
            Some(format!("add a line `{name}: ...`")),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ")
        && let Some(name) = backticked(rest).first()
    {
        return (
            at(format!("the key `{name}` appears twice")),
            Some("keep one of them and delete the other".to_string()),
        );
    }
    if msg.contains("did not match any variant")
        || msg.contains("expected one value or a list of values")
    {
        return (
            at("this value has the wrong form".to_string()),
            Some("write one value like `jane-doe`, or a list like `[jane-doe, sam-lee]`".into()),
        );
    }
    if msg.starts_with("invalid type: ") {
        let help = if msg.contains("expected a sequence") {
            "write a list, e.g. `[one, two]` or one `- item` per line"
        } else if msg.contains("expected a string") {
            "write a single value here; put quotes around it if it contains `:` or starts with a symbol"
        } else if msg.contains("expected a boolean") {
            "write `true` or `false`"
        } else {
            "check the value's form against the documentation of this key"
        };
        return (at(msg.to_string()), Some(help.to_string()));
    }
    if msg.contains("mapping values are not allowed") || msg.contains("could not find expected ':'")
    {
        return (
            format!("this is not valid YAML: {msg}"),
            Some("put quotes around a value that contains `: `, and check the indentation".into()),
        );
    }
    if msg.contains("control characters are not allowed") {
        return (
            format!("this is not valid YAML: {msg}"),
            Some("remove the invisible control character from this line (it can come with text copied from another program)".into()),
        );
    }
    if msg.contains("found character that cannot start any token")
        || msg.contains("found a tab character")
    {
        return (
            format!("this is not valid YAML: {msg}"),
            Some("use spaces, not tabs, to indent; quote values that start with a symbol".into()),
        );
    }
    if msg.contains("recursion limit exceeded") || msg.contains("repetition limit exceeded") {
        return (
            format!("this YAML is too deeply nested or repeats aliases too often: {msg}"),
            Some("simplify the YAML; gait refuses such documents to stay safe".into()),
        );
    }
    (
        format!("this is not valid YAML: {msg}"),
        Some("check the indentation and quoting on this line".into()),
    )
}

/// `found a tab ... at line 3 column 1, while scanning` → `found a tab ..., while scanning`.
fn without_positions(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let n = digits(after);
        let tail = &after[n..];
        match tail.strip_prefix(" column ") {
            Some(col) if n > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn split_path(raw: &str) -> (Option<&str>, &str) {
    // serde_yaml prefixes a path like `nav[0]: ` or `finder.path: `
    if let Some((head, tail)) = raw.split_once(": ")
        && !head.is_empty()
        && !head.contains(' ')
        && head
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'))
    {
        return (Some(head), tail);
    }
    (None, raw)
}

/// Whether a YAML text holds no document: only blank lines and comments.
pub fn is_blank(yaml: &str) -> bool {
    yaml.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

/// 1-based lines where the items of a top-level YAML list start (`- ` at column 0).
pub fn item_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || *l == "-")
        .map(|(i, _)| i + 1)
        .collect()
}

/// `.[0].author` → "item 1, `author`"; `nav[2]` → "`nav` item 3".
fn describe_path(path: &str) -> String {
    path.trim_start_matches('.')
        .split('.')
        .filter(|s| !s.is_empty())
        .map(|seg| match seg.split_once('[') {
            Some((name, rest)) => {
                let n = rest
                    .trim_end_matches(']')
                    .parse::<usize>()
                    .map(|n| n + 1)
                    .unwrap_or(0);
                if name.is_empty() {
                    format!("item {n}")
                } else {
                    format!("`{name}` item {n}")
                }
            }
            None => format!("`{seg}`"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// 1-based line of the second `key:` in `yaml` (at the start of a line when `top_level`).
fn second_occurrence(yaml: &str, key: &str, top_level: bool) -> Option<usize> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| {
            if top_level && l.starts_with([' ', '\t', '-']) {
                return false;
            }
            let t = l.trim_start().trim_start_matches("- ");
            t.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .nth(1)
        .map(|(i, _)| i + 1)
}

/// The names between backticks, in order.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn nested_key_lines() {
        let text = "title: A\nnav:\n  - x\ntranslations:\n  es:\n    title: B\n    nav:\n      - y\n  fr:\n    nav: []\n";
        assert_eq!(path_line(text, &["translations"]), Some(4));
        assert_eq!(path_line(text, &["translations", "es", "nav"]), Some(7));
        assert_eq!(path_line(text, &["translations", "fr", "nav"]), Some(10));
        // A key missing below its parent: the parent's line.
        assert_eq!(path_line(text, &["translations", "fr", "title"]), Some(9));
        assert_eq!(path_line(text, &["translations", "de"]), Some(4));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        draft: bool,
    }

    fn err(yaml: &str) -> YamlError {
        from_str::<Doc>(yaml, 2).unwrap_err()
    }

    #[test]
    fn unknown_key_suggests() {
        let e = err("title: A\ntgas: [x]\n");
        assert_eq!(e.message, "unknown key `tgas`");
        assert_eq!(e.line, Some(3));
        assert_eq!(
            e.help.as_deref(),
            Some(
                "did you mean `tags`? Known keys: `title`, `tags`, `draft`. Put anything custom under `extra:`"
            )
        );
    }

    #[test]
    fn error_table() {
        // (yaml, line, message starts with)
        let cases = [
            ("tags: [x]\n", None, "the required key `title` is missing"),
            (
                "title: A\ntags: x\n",
                Some(3),
                "invalid type: string \"x\", expected a sequence",
            ),
            (
                "title: [a, b]\n",
                Some(2),
                "invalid type: sequence, expected a string",
            ),
            (
                "title: A\ndraft: maybe\n",
                Some(3),
                "invalid type: string \"maybe\", expected a boolean",
            ),
            ("title: a: b\n", Some(2), "this is not valid YAML"),
            (
                "title: A\n\tdraft: true\n",
                Some(3),
                "this is not valid YAML",
            ),
            (
                "title: A\ntitle: B\n",
                Some(3),
                "the key `title` appears twice",
            ),
        ];
        for (yaml, line, msg) in cases {
            let e = err(yaml);
            assert!(e.message.starts_with(msg), "{yaml:?}: got {e:?}");
            if line.is_some() {
                assert_eq!(e.line, line, "{yaml:?}: {e:?}");
            }
            assert!(e.help.is_some(), "{yaml:?}");
        }
    }

    #[test]
    fn positions_inside_messages_are_dropped() {
        assert_eq!(
            without_positions(
                "found a tab character that violates indentation at line 3 column 1, while scanning a plain scalar"
            ),
            "found a tab character that violates indentation, while scanning a plain scalar"
        );
        assert_eq!(without_positions("at line x"), "at line x");
        assert_eq!(without_positions("a at line 2"), "a at line 2");
    }

    #[test]
    fn empty_document_is_empty_mapping() {
        #[derive(Deserialize)]
        struct Opt {
            #[serde(default)]
            a: Option<String>,
        }
        let o: Opt = from_str("\n", 2).unwrap();
        assert!(o.a.is_none());
    }
}
