//! The theme's text in one language ([`Text`]): what templates see as `t`,
//! gait's own labels ([`Text::get`], [`Text::fill`] with a [`Key`]) and
//! dates in the language's form ([`Text::date`]). [`super::load`] reads
//! the text files and fills every key.

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use super::key::Key;
use super::tag::{Lang, Languages};
use crate::date::Date;

/// One text file: the language its name gives, where it is, and its text.
#[derive(Debug, Clone)]
pub struct TextFile {
    /// `es` for `es.yaml`.
    pub code: String,
    /// Shown in messages: `themes/clinic/i18n/es.yaml`.
    pub origin: PathBuf,
    pub text: String,
}

/// A value of a text file: a text, the list of months, or the texts of a
/// script (`finder_js:`), given to it as JSON.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub(super) enum Entry {
    Text(String),
    List(Vec<String>),
    Map(BTreeMap<String, String>),
}

pub(super) type Entries = BTreeMap<String, Entry>;

/// The theme's text in one language, every key filled (in English where
/// the language has none).
#[derive(Debug, Clone)]
pub struct Text {
    code: String,
    entries: Entries,
    /// `t` for templates.
    value: tera::Value,
    /// `date` cut at its placeholders, once (every post's dates use it).
    date: Vec<DatePart>,
}

/// A piece of a date pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DatePart {
    Text(String),
    Month,
    Day,
    Year,
}

/// `{day} de {month} de {year}` as parts; `None` for a placeholder it does not know.
fn date_parts(pattern: &str) -> Option<Vec<DatePart>> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let len = rest[start..].find('}')?;
        if start > 0 {
            parts.push(DatePart::Text(rest[..start].to_string()));
        }
        parts.push(match &rest[start + 1..start + len] {
            "month" => DatePart::Month,
            "day" => DatePart::Day,
            "year" => DatePart::Year,
            _ => return None,
        });
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        parts.push(DatePart::Text(rest.to_string()));
    }
    Some(parts)
}

impl Text {
    /// The text of language `code`, every key filled; `value` is `t`.
    pub(super) fn new(code: &str, entries: Entries, value: tera::Value) -> Text {
        let months = matches!(entries.get("months"), Some(Entry::List(m)) if m.len() == 12);
        let date = match entries.get("date") {
            Some(Entry::Text(p)) if months => date_parts(p).unwrap_or_default(),
            _ => Vec::new(),
        };
        Text {
            code: code.to_string(),
            entries,
            value,
            date,
        }
    }

    /// The language's tag.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The text of the key named `name`, when it is a text (not a list or
    /// a script's texts).
    pub fn word(&self, name: &str) -> Option<&str> {
        match self.entries.get(name) {
            Some(Entry::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The text of `key`.
    pub fn get(&self, key: Key) -> &str {
        match self.entries.get(key.name()) {
            Some(Entry::Text(t)) => t,
            _ => "",
        }
    }

    /// The text of `key` with its `{name}` placeholders filled in.
    pub fn fill(&self, key: Key, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// A date for people: "May 2, 2024", "2 de mayo de 2024".
    pub fn date(&self, d: &Date) -> String {
        let Some(Entry::List(months)) = self.entries.get("months") else {
            return d.display();
        };
        if self.date.is_empty() {
            return d.display();
        }
        let mut out = String::with_capacity(24);
        for part in &self.date {
            use std::fmt::Write;
            let _ = match part {
                DatePart::Text(t) => out.write_str(t),
                DatePart::Month => out.write_str(&months[d.month0()]),
                DatePart::Day => write!(out, "{}", d.day_of_month()),
                DatePart::Year => write!(out, "{}", d.year()),
            };
        }
        out
    }

    /// The words gait adds to rendered Markdown, in this language.
    pub fn markdown_labels(&self) -> crate::markdown::Labels {
        let text = |key: &str, english: String| match self.entries.get(key) {
            Some(Entry::Text(t)) => t.clone(),
            _ => english,
        };
        let en = crate::markdown::Labels::default();
        crate::markdown::Labels {
            section_link: text("md_section_link", en.section_link),
            done: text("md_done", en.done),
            not_done: text("md_not_done", en.not_done),
            table: text("md_table", en.table),
            code: text("md_code", en.code),
            video: text("md_video", en.video),
            footnote: text("md_footnote", en.footnote),
            footnote_back: text("md_footnote_back", en.footnote_back),
        }
    }

    /// `t`, what templates see: every key, each script's texts as JSON
    /// (an empty text when they are the built-in English ones, which the
    /// scripts carry).
    pub fn value(&self) -> &tera::Value {
        &self.value
    }
}

/// `text` with each `{name}` of `args` replaced by its value, in one pass
/// (a placeholder `args` lacks stays as it is).
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            let (_, v) = args.iter().find(|(n, _)| *n == name)?;
            Some((*v, end))
        });
        match value {
            Some((v, end)) => {
                out.push_str(v);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `t`: every entry, with each script's texts as JSON for a
/// `<script type="application/json">` (empty when they are the built-in
/// English ones, which the scripts already carry).
pub(super) fn template_value(entries: &Entries, builtin_en: &Entries) -> tera::Value {
    let mut shown: BTreeMap<&str, Entry> = BTreeMap::new();
    for (k, v) in entries {
        let v = match v {
            Entry::Map(_) if builtin_en.get(k) == Some(v) => Entry::Text(String::new()),
            Entry::Map(m) => Entry::Text(crate::seo::escape_for_script(
                &serde_json::to_string(m).unwrap_or_default(),
            )),
            other => other.clone(),
        };
        shown.insert(k, v);
    }
    tera::Value::from_serializable(&shown)
}

/// The built-in text of `lang` for a site in `langs` without a theme of
/// its own (tests).
pub fn builtin(langs: &Languages, lang: Lang) -> Text {
    let theme = crate::theme::builtin();
    let en = crate::theme::builtin_text("en").unwrap_or(TextFile {
        code: "en".into(),
        origin: PathBuf::new(),
        text: String::new(),
    });
    let (mut texts, _) = super::load::load(&[], &theme.texts, &en, langs);
    texts.swap_remove(lang.index())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_table() {
        let args = [("n", "2"), ("site", "Riverbend {n}")];
        for (text, want) in [
            ("Page {n}", "Page 2"),
            ("{site}, page {n} of {n}", "Riverbend {n}, page 2 of 2"),
            ("{missing} {n}", "{missing} 2"),
            ("{ and } {n", "{ and } {n"),
            ("", ""),
        ] {
            assert_eq!(fill(text, &args), want, "{text}");
        }
    }

    #[test]
    fn date_patterns() {
        assert_eq!(
            date_parts("{day} de {month} de {year}"),
            Some(vec![
                DatePart::Day,
                DatePart::Text(" de ".into()),
                DatePart::Month,
                DatePart::Text(" de ".into()),
                DatePart::Year
            ])
        );
        assert_eq!(date_parts("{month} {week}"), None);
    }
}
