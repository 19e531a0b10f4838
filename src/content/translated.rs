//! A translated author or clinic file (`content/authors/<slug>.es.md`,
//! `content/clinics/<slug>.es.md`): the bio or description in another
//! language, and the few values that are words rather than facts.
//!
//! An author's translation may change `role`, `pronouns`, `photo_alt`,
//! `specialties` and `languages` (each list as long as the original's, its
//! entries in the same order: the finder filters on the original's), and
//! `extra`; a clinic's may change `name`, `hours` and `extra`. Everything
//! else (names, credentials, addresses, coordinates, phone numbers, links)
//! is taken from the original, and writing it here is an error.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{blank_is_none, parse_front_matter};
use crate::diag::Diagnostic;
use crate::frontmatter::{KeyAt, Split, key_at, key_line};
use crate::i18n::Lang;

/// What an author's translation may say.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthorText {
    #[serde(default, deserialize_with = "blank_is_none")]
    role: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pronouns: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    photo_alt: Option<String>,
    specialties: Option<Vec<String>>,
    languages: Option<Vec<String>>,
    extra: Option<serde_yaml::Value>,
    // Taken from the original.
    name: Option<serde_yaml::Value>,
    credentials: Option<serde_yaml::Value>,
    clinic: Option<serde_yaml::Value>,
    photo: Option<serde_yaml::Value>,
    #[serde(rename = "virtual")]
    virtual_visits: Option<serde_yaml::Value>,
    telehealth_states: Option<serde_yaml::Value>,
    accepting_patients: Option<serde_yaml::Value>,
    booking_url: Option<serde_yaml::Value>,
    finder: Option<serde_yaml::Value>,
}

/// An author's page in another language.
#[derive(Debug, Clone)]
pub struct AuthorText {
    pub file: PathBuf,
    /// The original's slug (the file's name without its language).
    pub slug: String,
    pub lang: Lang,
    pub role: Option<String>,
    pub pronouns: Option<String>,
    pub photo_alt: Option<String>,
    pub specialties: Option<Vec<String>>,
    pub languages: Option<Vec<String>>,
    pub specialties_at: Option<KeyAt>,
    pub languages_at: Option<KeyAt>,
    pub extra: Option<serde_yaml::Value>,
    /// Markdown.
    pub bio: String,
    pub body_line: usize,
    /// Fingerprint of the file's text.
    pub version: u64,
}

/// What a clinic's translation may say.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClinicText {
    #[serde(default, deserialize_with = "blank_is_none")]
    name: Option<String>,
    hours: Option<Vec<String>>,
    extra: Option<serde_yaml::Value>,
    // Taken from the original.
    address: Option<serde_yaml::Value>,
    city: Option<serde_yaml::Value>,
    state: Option<serde_yaml::Value>,
    zip: Option<serde_yaml::Value>,
    phone: Option<serde_yaml::Value>,
    email: Option<serde_yaml::Value>,
    lat: Option<serde_yaml::Value>,
    lon: Option<serde_yaml::Value>,
    #[serde(rename = "virtual")]
    virtual_visits: Option<serde_yaml::Value>,
    booking_url: Option<serde_yaml::Value>,
}

/// A clinic's page in another language.
#[derive(Debug, Clone)]
pub struct ClinicText {
    pub file: PathBuf,
    pub slug: String,
    pub lang: Lang,
    pub name: Option<String>,
    pub hours: Option<Vec<String>>,
    pub extra: Option<serde_yaml::Value>,
    /// Markdown.
    pub description: String,
    pub body_line: usize,
    pub version: u64,
}

/// An error for each key written in a translation that only its original may set.
fn taken(
    file: &Path,
    text: &str,
    split: &Split<'_>,
    slug: &str,
    keys: &[(&str, bool)],
) -> Vec<Diagnostic> {
    let original = file.with_file_name(format!("{slug}.md"));
    keys.iter()
        .filter(|(_, written)| *written)
        .map(|(key, _)| {
            Diagnostic::error(
                file,
                format!("`{key}` cannot be translated: it comes from {}", original.display()),
            )
            .at_line(key_line(split, key))
            .with_snippet_from(text)
            .with_help(
                "remove it here; a translation only changes words (see docs/site-format.md, \"Translations\")",
            )
        })
        .collect()
}

/// Parse an author's translation into `lang`, whose original's slug is `slug`.
pub fn parse_author(
    file: &Path,
    text: &str,
    lang: Lang,
    slug: String,
) -> Result<AuthorText, Vec<Diagnostic>> {
    let (raw, split): (RawAuthorText, _) = parse_front_matter(file, text).map_err(|d| vec![d])?;
    let errors = taken(
        file,
        text,
        &split,
        &slug,
        &[
            ("name", raw.name.is_some()),
            ("credentials", raw.credentials.is_some()),
            ("clinic", raw.clinic.is_some()),
            ("photo", raw.photo.is_some()),
            ("virtual", raw.virtual_visits.is_some()),
            ("telehealth_states", raw.telehealth_states.is_some()),
            ("accepting_patients", raw.accepting_patients.is_some()),
            ("booking_url", raw.booking_url.is_some()),
            ("finder", raw.finder.is_some()),
        ],
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(AuthorText {
        file: file.to_path_buf(),
        slug,
        lang,
        role: raw.role,
        pronouns: raw.pronouns,
        photo_alt: raw.photo_alt,
        specialties: raw.specialties,
        languages: raw.languages,
        specialties_at: key_at(&split, "specialties"),
        languages_at: key_at(&split, "languages"),
        extra: raw.extra,
        bio: split.body.to_string(),
        body_line: split.body_line,
        version: crate::fingerprint::of(text),
    })
}

/// Parse a clinic's translation into `lang`, whose original's slug is `slug`.
pub fn parse_clinic(
    file: &Path,
    text: &str,
    lang: Lang,
    slug: String,
) -> Result<ClinicText, Vec<Diagnostic>> {
    let (raw, split): (RawClinicText, _) = parse_front_matter(file, text).map_err(|d| vec![d])?;
    let errors = taken(
        file,
        text,
        &split,
        &slug,
        &[
            ("address", raw.address.is_some()),
            ("city", raw.city.is_some()),
            ("state", raw.state.is_some()),
            ("zip", raw.zip.is_some()),
            ("phone", raw.phone.is_some()),
            ("email", raw.email.is_some()),
            ("lat", raw.lat.is_some()),
            ("lon", raw.lon.is_some()),
            ("virtual", raw.virtual_visits.is_some()),
            ("booking_url", raw.booking_url.is_some()),
        ],
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ClinicText {
        file: file.to_path_buf(),
        slug,
        lang,
        name: raw.name,
        hours: raw.hours,
        extra: raw.extra,
        description: split.body.to_string(),
        body_line: split.body_line,
        version: crate::fingerprint::of(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_translation_changes_words_only() {
        let a = parse_author(
            Path::new("content/authors/maya-okafor.es.md"),
            "---\nrole: Fisioterapeuta\nlanguages: [inglés, español]\n---\nBio.\n",
            Lang(1),
            "maya-okafor".into(),
        )
        .unwrap();
        assert_eq!(a.role.as_deref(), Some("Fisioterapeuta"));
        assert_eq!(a.languages_at.map(|k| k.line), Some(3));
        let errs = parse_author(
            Path::new("content/authors/maya-okafor.es.md"),
            "---\nrole: Fisioterapeuta\ncredentials: DPT\n---\n",
            Lang(1),
            "maya-okafor".into(),
        )
        .unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "error: content/authors/maya-okafor.es.md:3: `credentials` cannot be translated: it comes from content/authors/maya-okafor.md\n     3 | credentials: DPT\n  help: remove it here; a translation only changes words (see docs/site-format.md, \"Translations\")"
        );
    }

    #[test]
    fn a_clinic_translation_keeps_its_address() {
        let errs = parse_clinic(
            Path::new("content/clinics/austin.es.md"),
            "---\nname: Clínica Austin\ncity: Austin\n---\n",
            Lang(1),
            "austin".into(),
        )
        .unwrap_err();
        assert_eq!(
            errs[0].message,
            "`city` cannot be translated: it comes from content/clinics/austin.md"
        );
    }
}
