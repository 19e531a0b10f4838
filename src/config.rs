//! `site.yaml`: the raw file as written, and the checked [`Config`] built from it.

use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;
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
    pub nav: Option<Vec<RawLink>>,
    #[serde(default)]
    pub callouts: Vec<RawCallout>,
    pub finder: Option<RawFinder>,
    pub images: Option<crate::images::settings::RawImages>,
    pub extra: Option<serde_yaml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCallout {
    pub title: String,
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
    pub extra: serde_yaml::Value,
}

#[derive(Debug, Clone)]
pub struct NavLink {
    pub title: String,
    /// As written: root-relative or absolute.
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Callout {
    pub title: String,
    /// Markdown.
    pub body: String,
    pub url: Option<String>,
    pub label: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Finder {
    /// Site path without slashes, e.g. `find-a-therapist`.
    pub path: String,
    pub title: String,
    /// Markdown.
    pub intro: String,
}

/// Overrides from the command line.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
}

impl Config {
    /// Parse and check the text of `site.yaml`.
    pub fn parse(text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let file = Path::new(FILE_NAME);
        let text = crate::frontmatter::strip_bom(text);
        let raw: RawConfig = yaml::from_str(text, 1).map_err(|e| {
            vec![
                Diagnostic::error(file, e.message)
                    .at_line(e.line)
                    .at_column(e.column)
                    .with_snippet_from(text)
                    .with_help(e.help.unwrap_or_default()),
            ]
        })?;
        let line_of = |key: &str| key_line(text, key);
        let mut errors = Vec::new();
        let err = |key: &str, msg: String, help: &str| {
            Diagnostic::error(file, msg)
                .at_line(line_of(key))
                .with_snippet_from(text)
                .with_help(help)
        };

        let base = overrides.base_url.clone().or(raw.base_url.clone());
        let urls = match base.as_deref().map(Urls::new) {
            Some(Ok(u)) => Some(u),
            Some(Err(msg)) => {
                errors.push(err(
                    "base_url",
                    msg,
                    "set `base_url` to the address the site will be served from",
                ));
                None
            }
            None => {
                errors.push(
                    Diagnostic::error(file, "the required key `base_url` is missing").with_help(
                        "add a line like `base_url: https://www.example.org`, or pass --base-url",
                    ),
                );
                None
            }
        };
        if raw.title.trim().is_empty() {
            errors.push(err(
                "title",
                "`title` is empty".into(),
                "give the site a name",
            ));
        }
        let posts_per_page = raw.posts_per_page.unwrap_or(10);
        if posts_per_page == 0 {
            errors.push(err(
                "posts_per_page",
                "`posts_per_page` must be at least 1".into(),
                "use a number like 10",
            ));
        }
        let theme = raw.theme.unwrap_or_else(|| "clinic".to_string());
        if !slug::is_slug(&theme)
            && !theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            errors.push(err(
                "theme",
                format!("`{theme}` is not a theme folder name"),
                "name a folder under themes/, e.g. `clinic`",
            ));
        }
        let finder = match raw.finder {
            Some(RawFinder {
                enabled: Some(false),
                ..
            }) => None,
            Some(f) => {
                let path = f.path.unwrap_or_else(|| "find-a-therapist".into());
                let path = path.trim_matches('/').to_string();
                if !path
                    .split('/')
                    .all(|s| slug::is_slug(s) && crate::safe_path::slug_too_long(s).is_none())
                {
                    errors.push(err(
                        "finder",
                        format!("the finder path `{path}` is not a plain URL path"),
                        "use lower-case words with hyphens, e.g. `find-a-therapist`",
                    ));
                }
                Some(Finder {
                    path,
                    title: f.title.unwrap_or_else(|| "Find a therapist".into()),
                    intro: f.intro.unwrap_or_default(),
                })
            }
            None => Some(Finder {
                path: "find-a-therapist".into(),
                title: "Find a therapist".into(),
                intro: String::new(),
            }),
        };
        let links = raw
            .nav
            .iter()
            .flatten()
            .map(|l| ("nav", l.url.as_str()))
            .chain(
                raw.callouts
                    .iter()
                    .filter_map(|c| Some(("callouts", c.url.as_deref()?))),
            );
        for (key, url) in links {
            if let Some((msg, help)) = crate::urls::link_problem(Some(url)) {
                errors.push(err(key, msg, help));
            }
        }
        let images = crate::images::Settings::check(raw.images, file, text).unwrap_or_else(|e| {
            errors.extend(e);
            crate::images::Settings::default()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        let Some(urls) = urls else {
            return Err(errors);
        };
        Ok(Config {
            title: raw.title,
            urls,
            description: raw.description.unwrap_or_default(),
            language: raw.language.unwrap_or_else(|| "en".into()),
            theme,
            posts_per_page,
            phone: raw.phone,
            email: raw.email,
            nav: raw.nav.map(|links| {
                links
                    .into_iter()
                    .map(|l| NavLink {
                        title: l.title,
                        url: l.url,
                    })
                    .collect()
            }),
            callouts: raw
                .callouts
                .into_iter()
                .map(|c| Callout {
                    title: c.title,
                    body: c.body,
                    url: c.url,
                    label: c.label,
                })
                .collect(),
            finder,
            images,
            extra: raw
                .extra
                .unwrap_or(serde_yaml::Value::Mapping(Default::default())),
        })
    }
}

/// 1-based line of a top-level key in a whole YAML file.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
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
            "error: site.yaml:3:1: unknown key `descripton`\n     3 | descripton: x\n  help: did you mean `description`? Known keys: `title`, `base_url`, `description`, `language`, `theme`, `posts_per_page`, `phone`, `email`, `nav`, `callouts`, `finder`, `images`, `extra`. Put anything custom under `extra:`"
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
    fn finder_can_be_disabled_or_moved() {
        let c = parse("title: C\nbase_url: https://x.org\nfinder:\n  enabled: false\n").unwrap();
        assert!(c.finder.is_none());
        let c = parse("title: C\nbase_url: https://x.org\nfinder:\n  path: /team/find/\n").unwrap();
        assert_eq!(c.finder.unwrap().path, "team/find");
    }
}
