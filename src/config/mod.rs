//! `site.yaml`: the raw file as written, and the checked [`Config`] built from it.

use std::path::Path;

use serde::Deserialize;

mod translations;

pub use translations::{RawTranslatedFinder, RawTranslation, RawTranslations, Translation};

use crate::diag::Diagnostic;
use crate::i18n::Languages;
use crate::privacy::Policy;
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
    pub images: Option<crate::images::settings::RawImages>,
    pub broken_links: Option<String>,
    /// An Atom feed for every tag as well (off: tags are many and small).
    pub tag_feeds: Option<bool>,
    pub deploy: Option<crate::deploy::settings::RawDeploy>,
    pub host_files: Option<bool>,
    pub timezone: Option<String>,
    /// Markdown shown at the end of every article.
    pub disclaimer: Option<String>,
    pub review_every_months: Option<u32>,
    #[serde(default)]
    pub third_party_allowed: Vec<String>,
    pub privacy: Option<String>,
    pub translations: Option<RawTranslations>,
    pub extra: Option<serde_yaml::Value>,
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
    /// The `images:` section (widths and quality of published pictures).
    pub images: crate::images::Settings,
    /// What a broken internal link in content does to a build.
    pub broken_links: LinkPolicy,
    /// Whether each tag has an Atom feed (`tags/<slug>/feed.xml`), as each
    /// author and category has.
    pub tag_feeds: bool,
    /// `deploy`, `host_files` and `timezone`.
    pub publishing: crate::deploy::settings::Publishing,
    /// Markdown shown at the end of every article (empty: none).
    pub disclaimer: String,
    /// `gait check` warns about posts reviewed longer ago than this.
    pub review_every_months: Option<u32>,
    /// Which other hosts pages may load from.
    pub privacy: Policy,
    /// Every language, the default (`language`) first.
    pub languages: Languages,
    /// The display values of each translation, in the order of `languages`
    /// after the default.
    pub translations: Vec<Translation>,
    pub extra: serde_yaml::Value,
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

/// What a broken internal link (or picture) in content does to a build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkPolicy {
    /// The build stops (the default).
    #[default]
    Error,
    /// The build publishes, and lists each broken link as a warning.
    Warn,
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
        let broken_links = c.broken_links(raw.broken_links.as_deref());
        let images = crate::images::Settings::check(raw.images, Path::new(FILE_NAME), text)
            .unwrap_or_else(|e| {
                c.errors.extend(e);
                crate::images::Settings::default()
            });
        let publishing = crate::deploy::settings::check(
            text,
            raw.deploy,
            raw.host_files,
            raw.timezone,
            &mut c.errors,
        );
        c.review_every_months(raw.review_every_months);
        let privacy = c.privacy(raw.privacy.as_deref(), &raw.third_party_allowed);
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
                images,
                broken_links,
                tag_feeds: raw.tag_feeds.unwrap_or(false),
                publishing,
                disclaimer: raw.disclaimer.unwrap_or_default(),
                review_every_months: raw.review_every_months,
                privacy,
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

    /// `broken_links: error | warn`.
    fn broken_links(&mut self, written: Option<&str>) -> LinkPolicy {
        match written.map(str::trim) {
            None | Some("error") => LinkPolicy::Error,
            Some("warn") => LinkPolicy::Warn,
            Some(other) => {
                self.push(
                    "broken_links",
                    format!("`broken_links` is `{other}`, which gait does not know"),
                    "write `broken_links: error` (a broken link stops the build) or `broken_links: warn` (the build lists it and publishes)",
                );
                LinkPolicy::Error
            }
        }
    }

    /// `review_every_months`: at least 1.
    fn review_every_months(&mut self, months: Option<u32>) {
        if months == Some(0) {
            let msg = "`review_every_months` must be at least 1".into();
            self.push(
                "review_every_months",
                msg,
                "use a number of months, like 12, or leave the key out",
            );
        }
    }

    /// `privacy` (`warn` or `strict`) and the hosts of `third_party_allowed`.
    fn privacy(&mut self, mode: Option<&str>, allowed: &[String]) -> Policy {
        let strict = match mode.map(str::trim) {
            None | Some("warn") => false,
            Some("strict") => true,
            Some(other) => {
                self.push(
                    "privacy",
                    format!("`privacy` is `{other}`, but it can only be `warn` or `strict`"),
                    "`strict` makes a request to a host that `third_party_allowed` does not list an error; `warn`, the default, a warning",
                );
                false
            }
        };
        let mut hosts = Vec::new();
        for host in allowed {
            let h = host.trim().to_ascii_lowercase();
            if crate::privacy::is_host_pattern(&h) {
                hosts.push(h);
            } else {
                self.push(
                    "third_party_allowed",
                    format!("`{host}` in `third_party_allowed` is not a host name"),
                    "write the host alone, like `www.google.com`, or `*.example.org` for every host below example.org",
                );
            }
        }
        Policy {
            allowed: hosts,
            strict,
        }
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
            "error: site.yaml:3:1: unknown key `descripton`\n     3 | descripton: x\n  help: did you mean `description`? Known keys: `title`, `base_url`, `description`, `language`, `theme`, `posts_per_page`, `phone`, `email`, `nav`, `callouts`, `finder`, `images`, `broken_links`, `tag_feeds`, `deploy`, `host_files`, `timezone`, `disclaimer`, `review_every_months`, `third_party_allowed`, `privacy`, `translations`, `extra`. Put anything custom under `extra:`"
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
    fn privacy_and_review_settings() {
        let c = parse("title: C\nbase_url: https://x.org\nprivacy: strict\nthird_party_allowed: [Player.Vimeo.com, \"*.example.net\"]\nreview_every_months: 12\ndisclaimer: Not advice.\n").unwrap();
        assert!(c.privacy.strict);
        assert_eq!(c.privacy.allowed, ["player.vimeo.com", "*.example.net"]);
        assert_eq!(
            (c.review_every_months, c.disclaimer.as_str()),
            (Some(12), "Not advice.")
        );
        let errs = parse("title: C\nbase_url: https://x.org\nprivacy: loose\nthird_party_allowed:\n  - https://www.google.com/maps\nreview_every_months: 0\n").unwrap_err();
        let got: Vec<_> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (Some(6), "`review_every_months` must be at least 1"),
                (
                    Some(3),
                    "`privacy` is `loose`, but it can only be `warn` or `strict`"
                ),
                (
                    Some(4),
                    "`https://www.google.com/maps` in `third_party_allowed` is not a host name"
                ),
            ]
        );
    }

    #[test]
    fn finder_can_be_disabled_or_moved() {
        let c = parse("title: C\nbase_url: https://x.org\nfinder:\n  enabled: false\n").unwrap();
        assert!(c.finder.is_none());
        let c = parse("title: C\nbase_url: https://x.org\nfinder:\n  path: /team/find/\n").unwrap();
        assert_eq!(c.finder.unwrap().path, "team/find");
    }
}
