//! A language's plain words written into the templates once, when they are
//! compiled for that language, instead of looked up on every page: the same
//! pages, without a lookup per word per page.
//!
//! `{{ t.key }}` becomes the key's text, escaped as printing it would
//! escape it, and a component argument `={t.key}` becomes that text as a
//! string. Every other use of `t` (filters, tests, `{% if t.x %}`) stays a
//! lookup, and so does a key whose text holds a line break (lines would
//! shift) or Tera's own delimiters. A template with a `raw` block is left
//! as it is. When a template has no lookup of `t` left, its components stop
//! asking for it (`@t`).

use std::borrow::Cow;

use super::templates::escape_html;
use crate::i18n::Text;

/// The text of `key` in `text`, if it can be written into a template.
fn plain<'t>(text: &'t Text, key: &str) -> Option<&'t str> {
    let delimiters = ["{{", "}}", "{%", "%}", "{#", "#}"];
    text.word(key)
        .filter(|w| !w.contains(['\n', '\r']) && !delimiters.iter().any(|d| w.contains(d)))
}

/// `source` with each `{open}key{close}` for which `write` gives a
/// replacement replaced by it.
fn replace_refs(
    source: &str,
    open: &str,
    close: &str,
    write: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let found = after[len..]
            .starts_with(close)
            .then(|| write(&after[..len]))
            .flatten();
        match found {
            Some(w) => {
                out.push_str(&rest[..start]);
                out.push_str(&w);
                rest = &after[len + close.len()..];
            }
            None => {
                out.push_str(&rest[..start + open.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A Tera string literal of `s`, in a quote it does not contain.
fn literal(s: &str) -> Option<String> {
    ['"', '\'', '`']
        .into_iter()
        .find(|q| !s.contains(*q) && !s.contains('\\'))
        .map(|q| format!("{q}{s}{q}"))
}

/// `source` without its `{# comments #}`.
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        match rest[start..].find("#}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// `source` (a template) with the plain words of `text` written in.
pub(super) fn inline_words<'s>(source: &'s str, text: &Text) -> Cow<'s, str> {
    if !source.contains("t.") || source.contains("raw %}") {
        return source.into();
    }
    let printed = replace_refs(source, "{{ t.", " }}", &|key| {
        let mut escaped = Vec::new();
        escape_html(plain(text, key)?, &mut escaped).ok()?;
        String::from_utf8(escaped).ok()
    });
    let args = replace_refs(&printed, "={t.", "}", &|key| {
        literal(plain(text, key)?).map(|l| format!("={l}"))
    });
    // Any `t` standing alone outside comments may be a lookup (`t.x`,
    // `t["x"]`, `t | f`); a word of text that looks like one only keeps
    // `@t`, which is harmless.
    let code = without_comments(&args);
    let ident = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let bytes = code.as_bytes();
    let looked_up = code.match_indices('t').any(|(i, _)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        !ident(before) && before != Some(&b'.') && before != Some(&b'@') && !ident(bytes.get(i + 1))
    });
    match looked_up {
        true => args.into(),
        false => args.replace(", @t)", ")").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{inline_words, without_comments};
    use crate::i18n::{Lang, Languages, text::builtin};

    #[test]
    fn plain_words_are_written_in_and_other_uses_stay_lookups() {
        let es = builtin(&Languages::new("en", ["es".to_string()]), Lang(1));
        let cases = [
            ("<a>{{ t.home }}</a>", "<a>Inicio</a>"),
            (
                "{{ t.min_read }}{{ t.min_read }}",
                "min de lecturamin de lectura",
            ),
            (
                "{{ t.page_n | replace(from=\"{n}\", to=\"2\") }}",
                "{{ t.page_n | replace(from=\"{n}\", to=\"2\") }}",
            ),
            (
                "{{ t.no_such_key }} {{ t.months }}",
                "{{ t.no_such_key }} {{ t.months }}",
            ),
            ("{{ t.finder_js }}", "{{ t.finder_js }}"),
            (
                "{% raw %}{{ t.home }}{% endraw %}",
                "{% raw %}{{ t.home }}{% endraw %}",
            ),
            ("{{ t.", "{{ t."),
            (
                "{{ <c label={t.tags} /> }}",
                "{{ <c label=\"Etiquetas\" /> }}",
            ),
            (
                "{{ <c label={t.no_such_key} /> }}",
                "{{ <c label={t.no_such_key} /> }}",
            ),
            // No lookup left: the component stops asking for `t`.
            (
                "{#- `t` is implicit -#}{% component c(x, @t) %}{{ t.home }}{% endcomponent c %}",
                "{#- `t` is implicit -#}{% component c(x) %}Inicio{% endcomponent c %}",
            ),
            (
                "{% component c(x, @t) %}{{ t.home }}{% endcomponent c %}",
                "{% component c(x) %}Inicio{% endcomponent c %}",
            ),
            (
                "{% component c(x, @t) %}{{ t.home }}{{ t[\"home\"] }}{% endcomponent c %}",
                "{% component c(x, @t) %}Inicio{{ t[\"home\"] }}{% endcomponent c %}",
            ),
        ];
        for (source, want) in cases {
            assert_eq!(inline_words(source, &es), want, "{source}");
        }
        let en = builtin(&Languages::single("en"), Lang(0));
        // Escaped as printing would escape it.
        assert_eq!(
            inline_words("{{ t.not_found_text }}", &en),
            "Sorry, we couldn’t find that page. It may have moved, or the address may be mistyped."
        );
        assert_eq!(inline_words("{{ t.tagged }}", &en), "tagged “{name}”");
    }

    /// The theme's own components need no lookup of `t` once its words are in.
    #[test]
    fn the_themes_components_need_no_lookup() {
        let en = builtin(&Languages::single("en"), Lang(0));
        let theme = crate::theme::builtin();
        let components = theme
            .templates
            .iter()
            .find(|t| t.name == "partials/components.html")
            .unwrap();
        let inlined = inline_words(&components.text, &en);
        assert!(components.text.contains(", @t)"));
        let code = without_comments(&inlined);
        let b = code.as_bytes();
        let id = |x: Option<&u8>| x.is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'_');
        let left: Vec<&str> = code
            .match_indices('t')
            .filter(|(i, _)| {
                let before = i.checked_sub(1).and_then(|j| b.get(j));
                !id(before) && before != Some(&b'.') && before != Some(&b'@') && !id(b.get(i + 1))
            })
            .map(|(i, _)| &code[i.saturating_sub(20)..(i + 20).min(code.len())])
            .collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(!inlined.contains(", @t)"));
    }
}
