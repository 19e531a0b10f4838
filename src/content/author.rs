//! An author file: `content/authors/<slug>.md`, a person at the clinic.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::credentials::{self, License, RawLicense};
use super::{
    blank_is_none, empty_extra, null_is_empty, parse_front_matter, slug_from_path, string_or_number,
};
use crate::diag::Diagnostic;
use crate::frontmatter::{KeyAt, key_at, key_line};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    pub name: String,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub credentials: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub role: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub clinic: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub photo: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub photo_alt: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub pronouns: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub specialties: Vec<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub languages: Vec<String>,
    #[serde(default, rename = "virtual")]
    pub virtual_visits: bool,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub telehealth_states: Vec<String>,
    pub accepting_patients: Option<bool>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub booking_url: Option<String>,
    pub finder: Option<bool>,
    /// National Provider Identifier: ten digits.
    #[serde(default, deserialize_with = "string_or_number")]
    pub npi: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub licenses: Vec<RawLicense>,
    pub extra: Option<serde_yaml::Value>,
}

/// An author checked on their own; the clinic is still a slug.
#[derive(Debug, Clone)]
pub struct AuthorDoc {
    pub file: PathBuf,
    pub slug: String,
    pub name: String,
    pub credentials: Option<String>,
    pub role: Option<String>,
    pub clinic: Option<String>,
    pub clinic_at: Option<KeyAt>,
    pub photo: Option<String>,
    /// Where `photo` is written, for a picture that is not on the site.
    pub photo_at: Option<KeyAt>,
    pub photo_alt: Option<String>,
    pub pronouns: Option<String>,
    pub specialties: Vec<String>,
    pub languages: Vec<String>,
    pub virtual_visits: bool,
    pub telehealth_states: Vec<String>,
    pub accepting_patients: Option<bool>,
    pub booking_url: Option<String>,
    pub finder: bool,
    pub npi: Option<String>,
    pub licenses: Vec<License>,
    pub extra: serde_yaml::Value,
    /// Markdown.
    pub bio: String,
    pub body_line: usize,
    /// Fingerprint of the file's text.
    pub version: u64,
}

pub fn parse(file: &Path, text: &str) -> Result<AuthorDoc, Vec<Diagnostic>> {
    let (raw, split): (RawAuthor, _) = parse_front_matter(file, text).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let at = |key: &str, msg: &str, help: &str| {
        Diagnostic::error(file, msg)
            .at_line(key_line(&split, key))
            .with_snippet_from(text)
            .with_help(help)
    };
    if raw.name.trim().is_empty() {
        errors.push(at(
            "name",
            "`name` is empty",
            "write the person's full name",
        ));
    }
    if raw.photo.is_some() && raw.photo_alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
        errors.push(at(
            "photo",
            "`photo` is set but `photo_alt` is missing",
            "add `photo_alt:` describing the photo, e.g. \"Portrait of Dana Reyes\"",
        ));
    }
    for state in &raw.telehealth_states {
        if !(state.len() == 2 && state.bytes().all(|b| b.is_ascii_uppercase())) {
            errors.push(at(
                "telehealth_states",
                &format!("`{state}` is not a two-letter state code"),
                "write state codes in capitals, like `[TX, KY]`",
            ));
        }
    }
    if let Some((msg, help)) = crate::urls::link_problem(raw.booking_url.as_deref()) {
        errors.push(at("booking_url", &msg, help));
    }
    let (npi, licenses, problems) =
        credentials::check(file, text, &split, raw.npi.as_deref(), &raw.licenses);
    errors.extend(problems);
    let slug = slug_from_path(file);
    if slug.is_empty() {
        errors.push(
            Diagnostic::error(file, "this file name gives an empty URL slug")
                .with_help("rename the file like `jane-doe.md`"),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(AuthorDoc {
        file: file.to_path_buf(),
        slug,
        name: raw.name,
        credentials: raw.credentials,
        role: raw.role,
        clinic: raw.clinic,
        clinic_at: key_at(&split, "clinic"),
        photo_at: raw.photo.as_ref().and_then(|_| key_at(&split, "photo")),
        photo: raw.photo,
        photo_alt: raw.photo_alt,
        pronouns: raw.pronouns,
        specialties: raw.specialties,
        languages: raw.languages,
        virtual_visits: raw.virtual_visits,
        telehealth_states: raw.telehealth_states,
        accepting_patients: raw.accepting_patients,
        booking_url: raw.booking_url,
        finder: raw.finder.unwrap_or(true),
        npi,
        licenses,
        extra: raw.extra.unwrap_or_else(empty_extra),
        bio: split.body.to_string(),
        body_line: split.body_line,
        version: crate::fingerprint::of(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_author_and_checks_alt_and_states() {
        let a = parse(
            Path::new("content/authors/dana-reyes.md"),
            "---\nname: Dana Reyes\ncredentials: DPT, PRPC\nvirtual: true\ntelehealth_states: [TX]\n---\nBio.\n",
        )
        .unwrap();
        assert_eq!(a.slug, "dana-reyes");
        assert!(a.virtual_visits && a.finder);
        let errs = parse(
            Path::new("content/authors/x.md"),
            "---\nname: X\nphoto: /x.svg\ntelehealth_states: [texas]\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(errs[1].message, "`texas` is not a two-letter state code");
    }

    #[test]
    fn npi_and_licenses_are_checked_at_their_lines() {
        let a = parse(
            Path::new("content/authors/x.md"),
            "---\nname: X\nnpi: 1234567893\nlicenses:\n  - {state: TX, number: 1207}\n  - state: KY\n    number: \"PT-004512\"\n---\n",
        )
        .unwrap();
        assert_eq!(a.npi.as_deref(), Some("1234567893"));
        let states: Vec<_> = a
            .licenses
            .iter()
            .map(|l| (l.state.as_str(), l.number.as_str()))
            .collect();
        assert_eq!(states, [("TX", "1207"), ("KY", "PT-004512")]);
        let errs = parse(
            Path::new("content/authors/x.md"),
            "---\nname: X\nnpi: \"1234567890\"\nlicenses:\n  - {state: TX, number: 1207}\n  - {state: texas, number: 88}\n  - {state: KY}\n---\n",
        )
        .unwrap_err();
        let got: Vec<_> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (
                    Some(3),
                    "the NPI `1234567890` has a wrong check digit: its last digit is 0, but its first nine digits call for 3"
                ),
                (
                    Some(6),
                    "`texas` in `licenses` is not a two-letter state code"
                ),
                (Some(7), "the KY license in `licenses` has no `number`"),
            ]
        );
    }

    #[test]
    fn emptied_fields_are_not_given() {
        let a = parse(
            Path::new("content/authors/x.md"),
            "---\nname: X\ncredentials: \"\"\nclinic: \"\"\nphoto: \"\"\nphoto_alt: \"\"\nbooking_url: \"\"\nspecialties:\nlanguages: []\ntelehealth_states: []\naccepting_patients: null\n---\n",
        )
        .unwrap();
        assert_eq!(
            (
                a.credentials,
                a.clinic,
                a.photo,
                a.booking_url,
                a.accepting_patients
            ),
            (None, None, None, None, None)
        );
        assert!(a.specialties.is_empty() && a.finder);
    }
}
