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
/// located in site.yaml when they are about it).
pub(super) fn load_theme(
    root: &Path,
    config: &Config,
    config_text: &str,
    diags: &mut Diagnostics,
) -> (theme::Theme, Vec<Text>, Option<Vec<Templates>>) {
    let loaded = theme::load(root, &config.theme).and_then(|t| {
        let texts = load_texts(&t, config, diags);
        let required: Vec<&str> = crate::render::kinds::required_templates().collect();
        let compiled = texts
            .iter()
            .map(|text| Templates::new(&t, required.iter().copied(), text))
            .collect::<Result<Vec<_>, _>>()?;
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
