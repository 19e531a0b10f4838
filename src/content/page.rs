//! A standalone page: `content/pages/<slug>.md` (about, virtual visits, ...).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{blank_is_none, empty_extra, parse_front_matter, slug_from_path};
use crate::diag::Diagnostic;
use crate::i18n::Lang;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub extra: Option<serde_yaml::Value>,
}

#[derive(Debug, Clone)]
pub struct PageDoc {
    pub file: PathBuf,
    /// Its language (see [`crate::content::post::PostDoc::lang`]).
    pub lang: Lang,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    pub extra: serde_yaml::Value,
    pub body: String,
    pub body_line: usize,
    /// Fingerprint of the file's text.
    pub version: u64,
}

pub fn parse(file: &Path, text: &str) -> Result<PageDoc, Vec<Diagnostic>> {
    parse_in(file, text, Lang::DEFAULT, slug_from_path(file))
}

/// Parse a page in `lang`; `slug` comes from its file's name without the language.
pub fn parse_in(
    file: &Path,
    text: &str,
    lang: Lang,
    slug: String,
) -> Result<PageDoc, Vec<Diagnostic>> {
    let (raw, split): (RawPage, _) = parse_front_matter(file, text).map_err(|d| vec![d])?;
    if slug.is_empty() {
        return Err(vec![
            Diagnostic::error(file, "this file name gives an empty URL slug")
                .with_help("rename the file like `about.md`"),
        ]);
    }
    Ok(PageDoc {
        file: file.to_path_buf(),
        lang,
        slug,
        title: raw.title,
        summary: raw.summary,
        draft: raw.draft,
        extra: raw.extra.unwrap_or_else(empty_extra),
        body: split.body.to_string(),
        body_line: split.body_line,
        version: crate::fingerprint::of(text),
    })
}
