//! `translations:` in site.yaml: each other language's display values
//! (title, description, menu, callouts, the finder's text, `extra`), read
//! in the order written and checked, and what a language's pages show
//! where it gives nothing.

use std::path::Path;

use serde::Deserialize;

use super::{Callout, Checks, Config, FILE_NAME, NavLink, Overrides};
use crate::i18n::{Lang, Languages};

/// `translations:`: each language's display values, in the order written.
#[derive(Debug, Default)]
pub struct RawTranslations(pub Vec<(String, RawTranslation)>);

impl<'de> Deserialize<'de> for RawTranslations {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawTranslations;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a language tag (like `es`) for each translation")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawTranslations, A::Error> {
                let mut all = Vec::new();
                while let Some((code, t)) = map.next_entry::<String, Option<RawTranslation>>()? {
                    all.push((code, t.unwrap_or_default()));
                }
                Ok(RawTranslations(all))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<RawTranslations, E> {
                Ok(RawTranslations::default())
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// One language of `translations:`: what its pages show instead of the
/// default language's values. What it leaves out falls back (see [`Translation`]).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    pub title: Option<String>,
    pub description: Option<String>,
    pub nav: Option<Vec<NavLink>>,
    pub callouts: Option<Vec<Callout>>,
    pub finder: Option<RawTranslatedFinder>,
    pub disclaimer: Option<String>,
    pub extra: Option<serde_yaml::Value>,
}

/// The finder's text in a translation (its address stays the default language's, under the language's folder).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslatedFinder {
    pub title: Option<String>,
    pub intro: Option<String>,
}

/// A translation's display values. `None` falls back: the title and
/// description to the default language's, the menu to the theme's menu in
/// this language, the finder's title to the theme's text; callouts not
/// given are not shown.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    pub code: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub nav: Option<Vec<NavLink>>,
    pub callouts: Vec<Callout>,
    pub finder_title: Option<String>,
    /// Markdown.
    pub finder_intro: Option<String>,
    /// Markdown; `None`: the default language's disclaimer.
    pub disclaimer: Option<String>,
    /// Replaces site.yaml's `extra` on this language's pages.
    pub extra: Option<serde_yaml::Value>,
}

impl Checks<'_> {
    /// The default language's tag.
    pub(super) fn language(&mut self, code: &str) {
        if !crate::i18n::tag::is_tag(code) {
            let msg = format!("`{code}` is not a language tag");
            self.push("language", msg, "write a tag like `en`, `es` or `en-US`");
        }
    }

    /// `translations:`: a tag and display values for each other language.
    pub(super) fn translations(&mut self, default: &str, raw: RawTranslations) -> Vec<Translation> {
        let mut out: Vec<Translation> = Vec::new();
        for (code, t) in raw.0 {
            let at = ["translations", code.as_str()];
            let taken = std::iter::once(default)
                .chain(out.iter().map(|t| t.code.as_str()))
                .find(|c| c.eq_ignore_ascii_case(&code));
            if !crate::i18n::tag::is_tag(&code) {
                let msg = format!("`{code}` is not a language tag");
                self.push_at(&at, msg, "write a tag like `es` or `pt-BR`");
                continue;
            } else if let Some(other) = taken {
                let msg = match other.eq_ignore_ascii_case(default) {
                    true => format!("`{code}` is the site's own language (`language: {default}`)"),
                    false => format!("`{code}` is listed twice"),
                };
                self.push_at(
                    &at,
                    msg,
                    "list each other language once under `translations:`",
                );
                continue;
            } else if out.len() >= usize::from(u8::MAX) - 1 {
                self.push_at(
                    &at,
                    "too many languages".into(),
                    "a site has at most 254 translations",
                );
                continue;
            }
            self.links(
                t.nav.as_deref().unwrap_or_default(),
                t.callouts.as_deref().unwrap_or_default(),
                &at,
            );
            let (finder_title, finder_intro) =
                t.finder.map(|f| (f.title, f.intro)).unwrap_or_default();
            out.push(Translation {
                code,
                title: t.title,
                description: t.description,
                nav: t.nav,
                callouts: t.callouts.unwrap_or_default(),
                finder_title,
                finder_intro,
                disclaimer: t.disclaimer,
                extra: t.extra,
            });
        }
        out
    }
}

impl Config {
    /// The languages of the site at `root`, as far as its site.yaml can be
    /// read (English alone when it cannot): for tools that only read content.
    pub fn languages_at(root: &Path) -> Languages {
        let over = Overrides {
            base_url: Some("https://example.org".into()),
        };
        std::fs::read_to_string(root.join(FILE_NAME))
            .ok()
            .and_then(|text| Config::parse(&text, &over).ok())
            .map(|c| c.languages)
            .unwrap_or_else(|| Languages::single("en"))
    }

    /// The translation `lang`'s display values (`None` for the default language).
    pub fn translation(&self, lang: Lang) -> Option<&Translation> {
        lang.index()
            .checked_sub(1)
            .and_then(|i| self.translations.get(i))
    }

    /// The site's title in `lang`.
    pub fn title_in(&self, lang: Lang) -> &str {
        self.translation(lang)
            .and_then(|t| t.title.as_deref())
            .unwrap_or(&self.title)
    }

    /// The site's description in `lang`.
    pub fn description_in(&self, lang: Lang) -> &str {
        self.translation(lang)
            .and_then(|t| t.description.as_deref())
            .unwrap_or(&self.description)
    }

    /// The menu of `lang`, as written (`None`: the theme's).
    pub fn nav_in(&self, lang: Lang) -> Option<&[NavLink]> {
        match self.translation(lang) {
            Some(t) => t.nav.as_deref(),
            None => self.nav.as_deref(),
        }
    }

    /// The callouts of `lang`.
    pub fn callouts_in(&self, lang: Lang) -> &[Callout] {
        match self.translation(lang) {
            Some(t) => &t.callouts,
            None => &self.callouts,
        }
    }

    /// The disclaimer shown on the articles of `lang` (Markdown), and the
    /// language it is written in: a translation without its own shows the
    /// default language's.
    pub fn disclaimer_in(&self, lang: Lang) -> (&str, Lang) {
        match self.translation(lang).and_then(|t| t.disclaimer.as_deref()) {
            Some(text) => (text, lang),
            None => (&self.disclaimer, Lang::DEFAULT),
        }
    }

    /// `extra` on the pages of `lang`.
    pub fn extra_in(&self, lang: Lang) -> &serde_yaml::Value {
        self.translation(lang)
            .and_then(|t| t.extra.as_ref())
            .unwrap_or(&self.extra)
    }

    /// The finder's intro (Markdown) in `lang`.
    pub fn finder_intro_in(&self, lang: Lang) -> &str {
        match (self.translation(lang), &self.finder) {
            (Some(t), _) => t.finder_intro.as_deref().unwrap_or(""),
            (None, Some(f)) => &f.intro,
            (None, None) => "",
        }
    }

    /// The finder's title in `lang`, if site.yaml gives one.
    pub fn finder_title_in(&self, lang: Lang) -> Option<&str> {
        match self.translation(lang) {
            Some(t) => t.finder_title.as_deref(),
            None => self.finder.as_ref().and_then(|f| f.title.as_deref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<crate::diag::Diagnostic>> {
        Config::parse(text, &Overrides::default())
    }

    #[test]
    fn translations_fall_back_to_the_default_language() {
        let c = parse(
            "title: Clinic\nbase_url: https://x.org\nfinder:\n  title: Find us\ntranslations:\n  es:\n    description: Una clínica\n  pt-BR: {}\n",
        )
        .unwrap();
        assert_eq!(c.languages.codes(), ["en", "es", "pt-BR"]);
        let (es, pt) = (Lang(1), Lang(2));
        assert_eq!(c.title_in(es), "Clinic");
        assert_eq!(c.description_in(es), "Una clínica");
        assert_eq!(c.description_in(pt), "");
        assert_eq!(c.finder_title_in(Lang::DEFAULT), Some("Find us"));
        assert_eq!(c.finder_title_in(es), None);
        assert!(c.callouts_in(es).is_empty() && c.nav_in(es).is_none());
        assert_eq!(c.languages.prefix(pt), "pt-br/");
        let errs = parse("title: C\nbase_url: https://x.org\nlanguage: english\n").unwrap_err();
        assert_eq!(errs[0].message, "`english` is not a language tag");
        assert_eq!(errs[0].line, Some(3));
    }
}
