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
    pub(super) code: String,
    pub(super) entries: Entries,
    /// `t` for templates.
    pub(super) value: tera::Value,
}

impl Text {
    /// The language's tag.
    pub fn code(&self) -> &str {
        &self.code
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
        let month = match self.entries.get("months") {
            Some(Entry::List(m)) => m.get(d.month0()).map(String::as_str),
            _ => None,
        };
        let pattern = match self.entries.get("date") {
            Some(Entry::Text(p)) => p.as_str(),
            _ => "",
        };
        match month {
            Some(m) if !pattern.is_empty() => fill(
                pattern,
                &[
                    ("month", m),
                    ("day", &d.day_of_month().to_string()),
                    ("year", &d.year().to_string()),
                ],
            ),
            _ => d.display(),
        }
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
        }
    }

    /// `t`, what templates see: every key, each script's texts as JSON
    /// (an empty text when they are the built-in English ones, which the
    /// scripts carry).
    pub fn value(&self) -> &tera::Value {
        &self.value
    }
}

/// `text` with `{name}` replaced by each arg's value.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
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
