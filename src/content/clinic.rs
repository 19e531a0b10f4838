//! A clinic file: `content/clinics/<slug>.md`, one location of the practice.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{
    blank_is_none, empty_extra, null_is_empty, number_or_blank, parse_front_matter, slug_from_path,
    string_or_number,
};
use crate::diag::Diagnostic;
use crate::frontmatter::key_line;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClinic {
    pub name: String,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub address: Option<String>,
    pub city: String,
    pub state: String,
    #[serde(default, deserialize_with = "string_or_number")]
    pub zip: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "number_or_blank")]
    pub lat: Option<f64>,
    #[serde(default, deserialize_with = "number_or_blank")]
    pub lon: Option<f64>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub hours: Vec<String>,
    #[serde(default, rename = "virtual")]
    pub virtual_visits: bool,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub booking_url: Option<String>,
    /// Insurance plans the clinic accepts, as patients know them.
    #[serde(default, deserialize_with = "null_is_empty")]
    pub insurance: Vec<String>,
    pub accepting_new_patients: Option<bool>,
    pub extra: Option<serde_yaml::Value>,
}

#[derive(Debug, Clone)]
pub struct ClinicDoc {
    pub file: PathBuf,
    pub slug: String,
    pub name: String,
    pub address: Option<String>,
    pub city: String,
    pub state: String,
    pub zip: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub hours: Vec<String>,
    pub virtual_visits: bool,
    pub booking_url: Option<String>,
    pub insurance: Vec<String>,
    pub accepting_new_patients: Option<bool>,
    pub extra: serde_yaml::Value,
    /// Markdown.
    pub description: String,
    pub body_line: usize,
    /// Fingerprint of the file's text.
    pub version: u64,
}

pub fn parse(file: &Path, text: &str) -> Result<ClinicDoc, Vec<Diagnostic>> {
    let (raw, split): (RawClinic, _) = parse_front_matter(file, text).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let at = |key: &str, msg: String, help: &str| {
        Diagnostic::error(file, msg)
            .at_line(key_line(&split, key))
            .with_snippet_from(text)
            .with_help(help)
    };
    for (key, value) in [
        ("name", &raw.name),
        ("city", &raw.city),
        ("state", &raw.state),
    ] {
        if value.trim().is_empty() {
            errors.push(at(key, format!("`{key}` is empty"), "fill it in"));
        }
    }
    if let Some(zip) = &raw.zip
        && !is_zip(zip)
    {
        errors.push(at(
            "zip",
            format!("`{zip}` is not a ZIP code"),
            "write five digits in quotes, like \"78701\" (or ZIP+4, \"78701-1234\")",
        ));
    }
    match (raw.lat, raw.lon) {
        (Some(lat), Some(lon))
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) =>
        {
            errors.push(at(
                "lat",
                format!("the coordinates {lat}, {lon} are not on Earth"),
                "write latitude (-90 to 90) as `lat` and longitude (-180 to 180) as `lon`",
            ));
        }
        (Some(_), None) | (None, Some(_)) => errors.push(at(
            if raw.lat.is_some() { "lat" } else { "lon" },
            "`lat` and `lon` go together".into(),
            "give both coordinates, or neither",
        )),
        _ => {}
    }
    if let Some((msg, help)) = crate::urls::link_problem(raw.booking_url.as_deref()) {
        errors.push(at("booking_url", msg, help));
    }
    let slug = slug_from_path(file);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ClinicDoc {
        file: file.to_path_buf(),
        slug,
        name: raw.name,
        address: raw.address,
        city: raw.city,
        state: raw.state,
        zip: raw.zip,
        phone: raw.phone,
        email: raw.email,
        lat: raw.lat,
        lon: raw.lon,
        hours: raw.hours,
        virtual_visits: raw.virtual_visits,
        booking_url: raw.booking_url,
        insurance: raw
            .insurance
            .into_iter()
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty())
            .collect(),
        accepting_new_patients: raw.accepting_new_patients,
        extra: raw.extra.unwrap_or_else(empty_extra),
        description: split.body.to_string(),
        body_line: split.body_line,
        version: crate::fingerprint::of(text),
    })
}

/// `78701` or `78701-1234`.
pub fn is_zip(s: &str) -> bool {
    let b = s.as_bytes();
    let five = |x: &[u8]| x.len() == 5 && x.iter().all(u8::is_ascii_digit);
    match b.len() {
        5 => five(b),
        10 => five(&b[..5]) && b[5] == b'-' && b[6..].iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_table() {
        for ok in ["78701", "02116", "78701-1234"] {
            assert!(is_zip(ok), "{ok}");
        }
        for bad in ["7870", "787011", "78701-12", "abcde", ""] {
            assert!(!is_zip(bad), "{bad}");
        }
    }

    #[test]
    fn clinic_requires_city_and_state() {
        let errs = parse(
            Path::new("content/clinics/austin.md"),
            "---\nname: Austin\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].message, "the required key `city` is missing");
        let c = parse(
            Path::new("content/clinics/austin.md"),
            "---\nname: Austin\ncity: Austin\nstate: TX\nzip: 78703\nlat: 30.27\nlon: -97.75\ninsurance: [Medicare, \" Aetna \", \"\"]\naccepting_new_patients: false\n---\nHi\n",
        )
        .unwrap();
        assert_eq!(c.zip.as_deref(), Some("78703"));
        assert_eq!(c.insurance, ["Medicare", "Aetna"]);
        assert_eq!(c.accepting_new_patients, Some(false));
        let errs = parse(
            Path::new("content/clinics/x.md"),
            "---\nname: X\ncity: Y\nstate: TX\nzip: \"123\"\nlat: 95\nlon: 10\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn emptied_fields_are_not_given() {
        let c = parse(
            Path::new("content/clinics/x.md"),
            "---\nname: X\ncity: Y\nstate: TX\nzip: \"\"\nlat: \"\"\nlon: \"\"\naddress: \"\"\nhours:\nbooking_url: \"\"\n---\n",
        )
        .unwrap();
        assert_eq!(
            (c.zip, c.lat, c.lon, c.address, c.booking_url),
            (None, None, None, None, None)
        );
        let errs = parse(
            Path::new("content/clinics/x.md"),
            "---\nname: X\ncity: Y\nstate: TX\nlat: north\nlon: 1\n---\n",
        )
        .unwrap_err();
        assert_eq!(
            (errs[0].line, errs[0].message.as_str()),
            (
                Some(5),
                "invalid type: string \"north\", expected a number (in `lat`)"
            )
        );
    }
}
