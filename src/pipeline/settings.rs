//! Reading what every page depends on besides the content: site.yaml, the
//! theme with its templates, and the theme's text in each language.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::config::{self, Config, Overrides};
use crate::content::load;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
use crate::i18n::Text;
use crate::render::templates::Templates;
use crate::theme;

/// site.yaml, read and checked, with its text (for locating errors later).
pub(super) fn load_config(root: &Path, overrides: &Overrides) -> Result<(Config, String)> {
    let path = root.join(config::FILE_NAME);
    if !path.is_file() {
        return Err(SiteErrors::single(
            Diagnostic::error(
                config::FILE_NAME,
                format!("there is no site.yaml in {}", root.display()),
            )
            .with_help(
                "run gait in the site's folder, pass --root, or create a site with `gait init DIR`",
            ),
        )
        .into());
    }
    let text = load::read_text(&path, Path::new(config::FILE_NAME))
        .map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    let config =
        Config::parse(&text, overrides).map_err(|ds| SiteErrors(ds.into_iter().collect()))?;
    Ok((config, text))
}

/// The theme, its text in each language, and its templates compiled for
/// each language (`None` when they have errors, which go to `diags`,
/// located in site.yaml when they are about it). With a preview's `cache`,
/// templates are compiled again only when their sources, the theme's text
/// or site.yaml changed.
pub(super) fn load_theme(
    root: &Path,
    config: &Config,
    config_text: &str,
    diags: &mut Diagnostics,
    cache: Option<&mut CompiledTemplates>,
) -> (theme::Theme, Vec<Text>, Option<Vec<Templates>>) {
    let loaded = theme::load(root, &config.theme).and_then(|t| {
        let (texts, compiled) = match cache {
            Some(cache) => cache.get(&t, config, config_text, diags)?,
            None => {
                let texts = load_texts(&t, config, diags);
                let compiled = compile(&t, &texts)?;
                (texts, compiled)
            }
        };
        Ok((t, texts, compiled))
    });
    match loaded {
        Ok((theme, texts, compiled)) => (theme, texts, Some(compiled)),
        Err(ds) => {
            let in_config = |d: Diagnostic| match d.file == Path::new(config::FILE_NAME) {
                true => d.locate_key(config_text, "theme"),
                false => d,
            };
            diags.extend(ds.into_iter().map(in_config));
            (theme::Theme::default(), Vec::new(), None)
        }
    }
}

/// The theme's templates compiled for each language's text.
fn compile(theme: &theme::Theme, texts: &[Text]) -> Result<Vec<Templates>, Vec<Diagnostic>> {
    let required: Vec<&str> = crate::render::kinds::required_templates().collect();
    texts
        .iter()
        .map(|text| Templates::new(theme, required.iter().copied(), text))
        .collect()
}

/// The texts and templates of a preview's last build, with a fingerprint
/// of what they were made from: reading the texts and compiling every
/// template takes milliseconds that a save of a post need not wait for.
#[derive(Default)]
pub struct CompiledTemplates(Option<Compiled>);

struct Compiled {
    key: u64,
    texts: Vec<Text>,
    /// What reading the texts found (given again each time they are used).
    found: Vec<Diagnostic>,
    templates: Vec<Templates>,
}

impl CompiledTemplates {
    fn get(
        &mut self,
        theme: &theme::Theme,
        config: &Config,
        config_text: &str,
        diags: &mut Diagnostics,
    ) -> Result<(Vec<Text>, Vec<Templates>), Vec<Diagnostic>> {
        let key = sources_key(theme, config_text);
        let kept = self.0.take().filter(|c| c.key == key);
        let compiled = match kept {
            Some(c) => c,
            None => {
                let mut found = Diagnostics::new();
                let texts = load_texts(theme, config, &mut found);
                let found: Vec<Diagnostic> = found.into_iter().collect();
                let templates = compile(theme, &texts).inspect_err(|_| {
                    diags.extend(found.iter().cloned());
                })?;
                Compiled {
                    key,
                    texts,
                    found,
                    templates,
                }
            }
        };
        diags.extend(compiled.found.iter().cloned());
        let made = (compiled.texts.clone(), compiled.templates.clone());
        self.0 = Some(compiled);
        Ok(made)
    }
}

/// A fingerprint of everything templates are compiled from: each template's
/// name, file and text, each text file of the theme and the site, and
/// site.yaml (which chooses the languages).
fn sources_key(theme: &theme::Theme, config_text: &str) -> u64 {
    let mut c = crate::fingerprint::Combiner::new();
    c.add(config_text);
    for t in &theme.templates {
        c.add(&t.name).add(&t.origin).add(&t.text);
    }
    for t in theme.texts.iter().chain(&theme.site_texts) {
        c.add(&t.code).add(&t.origin).add(&t.text);
    }
    c.finish()
}

/// The theme's text in each of the site's languages (the site's own text
/// files over the theme's, English where a language lacks a key).
fn load_texts(theme: &theme::Theme, config: &Config, diags: &mut Diagnostics) -> Vec<Text> {
    let builtin_en = theme::builtin_text("en").unwrap_or(crate::i18n::TextFile {
        code: "en".into(),
        origin: PathBuf::from("(built-in clinic theme)/i18n/en.yaml"),
        text: String::new(),
    });
    let (texts, found) = crate::i18n::load::load(
        &theme.site_texts,
        &theme.texts,
        &builtin_en,
        &config.languages,
    );
    diags.extend(found);
    texts
}
