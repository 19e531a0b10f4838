//! Reading what every page depends on besides the content: site.yaml, the
//! theme with its templates, and the theme's text in each language.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::config::{self, Config, Overrides};
use crate::content::load;
use crate::diag::{Diagnostic, Diagnostics, SiteErrors};
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

/// The theme and its compiled templates (`None` when they have errors,
/// which go to `diags`, located in site.yaml when they are about it).
pub(super) fn load_theme(
    root: &Path,
    config: &Config,
    config_text: &str,
    diags: &mut Diagnostics,
) -> (theme::Theme, Option<Templates>) {
    let loaded = theme::load(root, &config.theme).and_then(|t| {
        let compiled = Templates::new(&t, crate::render::kinds::required_templates())?;
        Ok((t, compiled))
    });
    match loaded {
        Ok((theme, compiled)) => (theme, Some(compiled)),
        Err(ds) => {
            let in_config = |d: Diagnostic| match d.file == Path::new(config::FILE_NAME) {
                true => d.locate_key(config_text, "theme"),
                false => d,
            };
            diags.extend(ds.into_iter().map(in_config));
            (theme::Theme::default(), None)
        }
    }
}

/// The theme's text in each of the site's languages (the site's own text
/// files over the theme's, English where a language lacks a key).
pub(super) fn load_texts(
    theme: &theme::Theme,
    config: &Config,
    diags: &mut Diagnostics,
) -> Vec<crate::i18n::Text> {
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
