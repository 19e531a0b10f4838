//! `site.yaml`: the raw file as written, and the checked [`Config`] built from it.

use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::i18n::{Lang, Languages};
use crate::slug;
use crate::urls::Urls;
use crate::yaml;

pub const FILE_NAME: &str = "site.yaml";

/// `site.yaml` exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: String,
    pub base_url: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub theme: Option<String>,
    pub posts_per_page: Option<usize>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub nav: Option<Vec<NavLink>>,
    #[serde(default)]
    pub callouts: Vec<Callout>,
    pub finder: Option<RawFinder>,
    pub translations: Option<RawTranslations>,
    pub extra: Option<serde_yaml::Value>,
}

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
    pub extra: Option<serde_yaml::Value>,
}

/// The finder's text in a translation (its address stays the default language's, under the language's folder).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslatedFinder {
    pub title: Option<String>,
    pub intro: Option<String>,
}

/// An entry of the main menu.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    pub title: String,
    /// As written: root-relative or absolute.
    pub url: String,
}

/// A box shown after every post.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub body: String,
    pub url: Option<String>,
    pub label: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinder {
    /// `enabled: false` turns the finder off.
    pub enabled: Option<bool>,
    pub path: Option<String>,
    pub title: Option<String>,
    pub intro: Option<String>,
}

/// Checked site settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub urls: Urls,
    pub description: String,
    pub language: String,
    pub theme: String,
    pub posts_per_page: usize,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// `None`: the theme's default menu.
    pub nav: Option<Vec<NavLink>>,
    pub callouts: Vec<Callout>,
    pub finder: Option<Finder>,
    /// Every language, the default (`language`) first.
    pub languages: Languages,
    /// The display values of each translation, in the order of `languages`
    /// after the default.
    pub translations: Vec<Translation>,
    pub extra: serde_yaml::Value,
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
    /// Replaces site.yaml's `extra` on this language's pages.
    pub extra: Option<serde_yaml::Value>,
}

#[derive(Debug, Clone)]
pub struct Finder {
    /// Site path without slashes, e.g. `find-a-therapist`.
    pub path: String,
    /// `None`: the theme's "Find a therapist" in each language.
    pub title: Option<String>,
    /// Markdown.
    pub intro: String,
}

/// Overrides from the command line.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
}

impl Config {
    /// Parse and check the text of `site.yaml`: every problem at once.
    pub fn parse(text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let text = crate::frontmatter::strip_bom(text);
        let raw: RawConfig = yaml::from_str(text, 1)
            .map_err(|e| vec![e.into_diagnostic(Path::new(FILE_NAME), text)])?;
        let mut c = Checks {
            text,
            errors: Vec::new(),
        };
        let urls = c.urls(overrides.base_url.clone().or(raw.base_url.clone()));
        c.title(&raw.title);
        let posts_per_page = c.posts_per_page(raw.posts_per_page);
        let theme = c.theme(raw.theme.clone());
        let finder = c.finder(raw.finder);
        c.links(raw.nav.as_deref().unwrap_or_default(), &raw.callouts, &[]);
        let language = raw.language.unwrap_or_else(|| "en".into());
        c.language(&language);
        let translations = c.translations(&language, raw.translations.unwrap_or_default());
        let languages = Languages::new(&language, translations.iter().map(|t| t.code.clone()));
        match urls {
            Some(urls) if c.errors.is_empty() => Ok(Config {
                title: raw.title,
                urls,
                description: raw.description.unwrap_or_default(),
                language,
                theme,
                posts_per_page,
                phone: raw.phone,
                email: raw.email,
                nav: raw.nav,
                callouts: raw.callouts,
                finder,
                languages,
                translations,
                extra: raw
                    .extra
                    .unwrap_or(serde_yaml::Value::Mapping(Default::default())),
            }),
            _ => Err(c.errors),
        }
    }
}

/// The checks of site.yaml's values, collecting every problem.
struct Checks<'a> {
    text: &'a str,
    errors: Vec<Diagnostic>,
}

impl Checks<'_> {
    fn push(&mut self, key: &str, msg: String, help: &str) {
        self.errors.push(
            Diagnostic::error(FILE_NAME, msg)
                .at_line(yaml::key_line(self.text, key))
                .with_snippet_from(self.text)
                .with_help(help),
        );
    }

    /// The base URL (from `--base-url` or `base_url`), which is required.
    fn urls(&mut self, base: Option<String>) -> Option<Urls> {
        match base.as_deref().map(Urls::new) {
            Some(Ok(u)) => Some(u),
            Some(Err(msg)) => {
                let help = "set `base_url` to the address the site will be served from";
                self.push("base_url", msg, help);
                None
            }
            None => {
                self.errors.push(
                    Diagnostic::error(FILE_NAME, "the required key `base_url` is missing")
                        .with_help(
                            "add a line like `base_url: https://www.example.org`, or pass --base-url",
                        ),
                );
                None
            }
        }
    }

    fn title(&mut self, title: &str) {
        if title.trim().is_empty() {
            self.push("title", "`title` is empty".into(), "give the site a name");
        }
    }

    fn posts_per_page(&mut self, n: Option<usize>) -> usize {
        let n = n.unwrap_or(10);
        if n == 0 {
            let msg = "`posts_per_page` must be at least 1".into();
            self.push("posts_per_page", msg, "use a number like 10");
        }
        n
    }

    /// A theme folder's name.
    fn theme(&mut self, theme: Option<String>) -> String {
        let theme = theme.unwrap_or_else(|| "clinic".to_string());
        let folder_name = theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !slug::is_slug(&theme) && !folder_name {
            self.push(
                "theme",
                format!("`{theme}` is not a theme folder name"),
                "name a folder under themes/, e.g. `clinic`",
            );
        }
        theme
    }

    /// The therapist finder: on at `find-a-therapist` unless turned off.
    fn finder(&mut self, raw: Option<RawFinder>) -> Option<Finder> {
        let f = match raw {
            Some(RawFinder {
                enabled: Some(false),
                ..
            }) => return None,
            Some(f) => f,
            None => RawFinder {
                enabled: None,
                path: None,
                title: None,
                intro: None,
            },
        };
        let path = f.path.unwrap_or_else(|| "find-a-therapist".into());
        let path = path.trim_matches('/').to_string();
        let plain = path
            .split('/')
            .all(|s| slug::is_slug(s) && crate::safe_path::slug_too_long(s).is_none());
        if !plain {
            self.push(
                "finder",
                format!("the finder path `{path}` is not a plain URL path"),
                "use lower-case words with hyphens, e.g. `find-a-therapist`",
            );
        }
        Some(Finder {
            path,
            title: f.title,
            intro: f.intro.unwrap_or_default(),
        })
    }

    /// Links staff write in the menu and the callouts (of the translation
    /// at `path` under `translations:`, when not empty).
    fn links(&mut self, nav: &[NavLink], callouts: &[Callout], path: &[&str]) {
        let links = nav.iter().map(|l| ("nav", l.url.as_str())).chain(
            callouts
                .iter()
                .filter_map(|c| Some(("callouts", c.url.as_deref()?))),
        );
        for (key, url) in links {
            if let Some((msg, help)) = crate::urls::link_problem(Some(url)) {
                match path {
                    [] => self.push(key, msg, help),
                    _ => self.push_at(&[path, &[key]].concat(), msg, help),
                }
            }
        }
    }

    /// An error at the line of a nested key (`translations`, `es`, `nav`).
    fn push_at(&mut self, path: &[&str], msg: String, help: &str) {
        self.errors.push(
            Diagnostic::error(FILE_NAME, msg)
                .at_line(yaml::path_line(self.text, path))
                .with_snippet_from(self.text)
                .with_help(help),
        );
    }

    /// The default language's tag.
    fn language(&mut self, code: &str) {
        if !crate::i18n::tag::is_tag(code) {
            let msg = format!("`{code}` is not a language tag");
            self.push("language", msg, "write a tag like `en`, `es` or `en-US`");
        }
    }

    /// `translations:`: a tag and display values for each other language.
    fn translations(&mut self, default: &str, raw: RawTranslations) -> Vec<Translation> {
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

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(text, &Overrides::default())
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title: Clinic\nbase_url: https://example.org/blog/\n").unwrap();
        assert_eq!(c.posts_per_page, 10);
        assert_eq!(c.language, "en");
        assert_eq!(c.theme, "clinic");
        assert_eq!(c.urls.base_path(), "/blog");
        assert_eq!(
            c.finder.as_ref().map(|f| f.path.as_str()),
            Some("find-a-therapist")
        );
    }

    #[test]
    fn unknown_key_is_located_with_suggestion() {
        let errs =
            parse("title: Clinic\nbase_url: https://example.org\ndescripton: x\n").unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "error: site.yaml:3:1: unknown key `descripton`\n     3 | descripton: x\n  help: did you mean `description`? Known keys: `title`, `base_url`, `description`, `language`, `theme`, `posts_per_page`, `phone`, `email`, `nav`, `callouts`, `finder`, `translations`, `extra`. Put anything custom under `extra:`"
        );
    }

    #[test]
    fn base_url_override_and_errors() {
        let o = Overrides {
            base_url: Some("http://127.0.0.1:1111".into()),
        };
        let c = Config::parse("title: C\n", &o).unwrap();
        assert_eq!(c.urls.base_url(), "http://127.0.0.1:1111");
        let errs = parse("title: C\n").unwrap_err();
        assert_eq!(errs[0].message, "the required key `base_url` is missing");
        let errs = parse("title: C\nbase_url: example.org\nposts_per_page: 0\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, Some(2));
        assert_eq!(errs[1].line, Some(3));
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

    #[test]
    fn finder_can_be_disabled_or_moved() {
        let c = parse("title: C\nbase_url: https://x.org\nfinder:\n  enabled: false\n").unwrap();
        assert!(c.finder.is_none());
        let c = parse("title: C\nbase_url: https://x.org\nfinder:\n  path: /team/find/\n").unwrap();
        assert_eq!(c.finder.unwrap().path, "team/find");
    }
}
