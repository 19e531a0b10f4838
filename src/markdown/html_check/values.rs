//! Attribute values that HTML does not allow and browsers ignore or misread:
//! `target` (a name that starts with `_` must be one of the four keywords),
//! `loading`, `dir`, and an `id` that is empty or holds a space.

use html5ever::tokenizer::Tag;

/// A bad value: (attribute, value, why it is wrong, what to do).
pub(super) type BadValue = (String, String, &'static str, &'static str);

/// The values of a start tag's attributes that browsers do not accept.
pub(super) fn bad_values(tag: &Tag) -> Vec<BadValue> {
    let element = tag.name.as_ref();
    let mut out = Vec::new();
    for a in &tag.attrs {
        let name = a.name.local.as_ref();
        let value = a.value.as_ref();
        let problem = match name {
            "target"
                if matches!(element, "a" | "area" | "form" | "base") && !valid_target(value) =>
            {
                Some((
                    "is not a valid target: a name that starts with `_` must be `_blank`, `_self`, `_parent` or `_top`",
                    "write `target=\"_blank\"` to open the link in a new tab, or remove `target`",
                ))
            }
            "loading"
                if matches!(element, "img" | "iframe") && !one_of(value, &["lazy", "eager"]) =>
            {
                Some((
                    "is not a valid `loading` value, so browsers load it at once",
                    "use `loading=\"lazy\"` or `loading=\"eager\"`, or remove `loading`",
                ))
            }
            "dir" if !one_of(value, &["ltr", "rtl", "auto"]) => Some((
                "is not a valid direction, so browsers ignore it",
                "use `dir=\"ltr\"`, `dir=\"rtl\"` or `dir=\"auto\"`",
            )),
            "id" if value.is_empty() || value.contains(|c: char| c.is_ascii_whitespace()) => {
                Some((
                    "is not a valid id: it is empty or holds a space, so no link can lead to it",
                    "use one word, with hyphens instead of spaces: `id=\"home-exercises\"`",
                ))
            }
            _ => None,
        };
        if let Some((why, help)) = problem {
            out.push((name.to_string(), value.to_string(), why, help));
        }
    }
    out
}

fn one_of(value: &str, allowed: &[&str]) -> bool {
    allowed.iter().any(|a| value.eq_ignore_ascii_case(a))
}

/// A valid navigable target name or keyword (HTML § 7.3.1.7): not empty,
/// not both a tab or newline and a `<`, and if it starts with `_`, a keyword.
fn valid_target(value: &str) -> bool {
    let mixes_lines_and_tags = value.contains(['\t', '\n']) && value.contains('<');
    let named = !(value.is_empty() || value.starts_with('_') || mixes_lines_and_tags);
    named || one_of(value, &["_blank", "_self", "_parent", "_top"])
}
