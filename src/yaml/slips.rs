//! Slips in front matter that YAML's own errors point past: characters
//! pasted from a word processor that look like what YAML needs but are not
//! (a non-breaking space after `key:`, curly quotes around a value), a
//! missing space after `key:`, and a quote that is never closed. The raw
//! parser errors for these ("invalid type: string ..., expected struct",
//! "could not find expected ':'" on the next line, "unexpected end of
//! stream" at the closing `---`) point the writer nowhere.

/// Spaces that look like a space but are not one to YAML.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// The first line (1-based, in the file whose YAML starts at `first_line`)
/// where an odd space stands where YAML needs a plain one, with the message
/// and help for it.
pub(super) fn odd_space(yaml: &str, first_line: usize) -> Option<(usize, String, String)> {
    let (i, name) = yaml.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let after_colon = line
            .split_once(':')
            .and_then(|(_, rest)| rest.chars().next());
        let before_colon = line.split_once(':').and_then(|(key, _)| key.chars().last());
        [
            indent.chars().find(|&c| is_odd_space(c)),
            after_colon,
            before_colon,
        ]
        .into_iter()
        .flatten()
        .find(|&c| is_odd_space(c))
        .map(|c| (i, space_name(c)))
    })?;
    Some((
        i + first_line,
        format!("this line has a {name} where YAML needs a plain space"),
        "it usually comes from text pasted from a word processor: delete the spaces on this line around the `:` and at its start, and type them again".to_string(),
    ))
}

fn space_name(c: char) -> &'static str {
    match c {
        '\u{a0}' | '\u{202f}' => "non-breaking space",
        '\u{200b}' | '\u{feff}' => "zero-width space",
        _ => "special space",
    }
}

/// Help for a value on `line` (the YAML's own lines, 0-based) that starts
/// with a curly quote: YAML takes it for a letter, so a `:` inside the value
/// breaks it.
pub(super) fn curly_quote(yaml: &str, line: usize) -> Option<String> {
    let text = yaml.lines().nth(line)?;
    let (_, value) = text.split_once(':')?;
    let first = value.trim_start().chars().next()?;
    matches!(first, '“' | '”' | '‘' | '’' | '„' | '«').then(|| {
        format!(
            "the value starts with a curly quote `{first}`, which YAML does not take for a quote: use straight quotes, `\"` at both ends (`title: \"Back pain: what now?\"`)"
        )
    })
}

/// A line (1-based in the file) at or before the YAML's 0-based `line`
/// (within two lines) written `key:value`, with no space after the colon,
/// and the help for it.
pub(super) fn no_space(yaml: &str, line: usize, first_line: usize) -> Option<(usize, String)> {
    let lines: Vec<&str> = yaml.lines().collect();
    (line.saturating_sub(2)..=line.min(lines.len().checked_sub(1)?))
        .rev()
        .find_map(|i| {
            let text = lines[i].trim_start().trim_start_matches("- ");
            let (key, value) = text.split_once(':')?;
            let is_key = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let glued = value
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '/');
            (is_key && glued).then(|| {
                let fixed = format!("{key}: {}", value.trim_end());
                (
                    i + first_line,
                    format!("write a space after the colon: `{fixed}`"),
                )
            })
        })
}

/// The line (1-based in the file) of a value that opens a quote and never
/// closes it: `title: "Back pain`.
pub(super) fn unclosed_quote(yaml: &str, first_line: usize) -> Option<usize> {
    yaml.lines()
        .position(|text| {
            let Some((_, value)) = text.split_once(": ") else {
                return false;
            };
            let value = value.trim();
            match value.chars().next() {
                Some('"') => !value[1..]
                    .replace("\\\\", "")
                    .replace("\\\"", "")
                    .contains('"'),
                Some('\'') => !value[1..].replace("''", "").contains('\''),
                _ => false,
            }
        })
        .map(|i| i + first_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_space_table() {
        for (yaml, want) in [
            ("title:\u{a0}Knee pain\n", Some((2, "non-breaking space"))),
            (
                "title: A\ntags:\n\u{a0} - x\n",
                Some((4, "non-breaking space")),
            ),
            ("title\u{a0}: A\n", Some((2, "non-breaking space"))),
            ("title:\u{200b}A\n", Some((2, "zero-width space"))),
            ("title: A\u{a0}B\n", None),
            ("title: \"A:\u{a0}B\"\n", None),
            ("title: A\n", None),
        ] {
            let got = odd_space(yaml, 2);
            assert_eq!(
                got.as_ref().map(|(l, m, _)| (*l, m.as_str())),
                want.map(|(l, n)| (
                    l,
                    format!("this line has a {n} where YAML needs a plain space")
                ))
                .as_ref()
                .map(|(l, m)| (*l, m.as_str())),
                "{yaml:?}"
            );
        }
    }

    #[test]
    fn curly_quote_table() {
        for (yaml, line, found) in [
            ("title: “Back pain: what now?”\n", 0, true),
            ("title: ‘Back pain: what now?’\n", 0, true),
            ("a: b\ntitle: “x: y”\n", 1, true),
            ("title: \"Back pain: what now?\"\n", 0, false),
            ("title: Back “pain”\n", 0, false),
            ("title: A\n", 5, false),
        ] {
            assert_eq!(curly_quote(yaml, line).is_some(), found, "{yaml:?}");
        }
    }

    #[test]
    fn no_space_table() {
        let fix = |s: &str| format!("write a space after the colon: `{s}`");
        for (yaml, line, want) in [
            (
                "title: A\nauthor:jo-park\ncategories: [x]\n",
                2,
                Some((3, fix("author: jo-park"))),
            ),
            (
                "title: A\nauthor:jo-park\n",
                1,
                Some((3, fix("author: jo-park"))),
            ),
            ("title: A\nbooking_url: https://x.example/\n", 1, None),
            (
                "title: A\nextra:\n  video:x\n",
                2,
                Some((4, fix("video: x"))),
            ),
            ("title: A\ntags:\n- a:b\n", 2, Some((4, fix("a: b")))),
            ("title: A\n", 7, None),
        ] {
            assert_eq!(no_space(yaml, line, 2), want, "{yaml:?}");
        }
    }

    #[test]
    fn unclosed_quote_table() {
        for (yaml, want) in [
            ("title: \"Back pain\ndate: 2024-05-02\n", Some(2)),
            ("title: A\nsummary: 'It's here\n", None),
            ("title: A\nsummary: 'Back pain\n", Some(3)),
            ("title: \"Back \\\"pain\\\"\"\n", None),
            ("title: \"Back pain\"\n", None),
            ("title: 'It''s fine'\n", None),
            ("title: Back \"pain\n", None),
        ] {
            assert_eq!(unclosed_quote(yaml, 2), want, "{yaml:?}");
        }
    }
}
