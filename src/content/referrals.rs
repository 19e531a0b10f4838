//! `data/referrals.yaml`: therapists outside the clinic, listed in the finder.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::clinic::is_zip;
use super::{blank_is_none, null_is_empty, number_or_blank, string_or_number};
use crate::diag::Diagnostic;
use crate::yaml;

pub const FILE: &str = "data/referrals.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReferral {
    #[serde(default, deserialize_with = "blank_is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub credentials: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub practice: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub address: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub city: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub state: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub zip: Option<String>,
    #[serde(default, deserialize_with = "number_or_blank")]
    pub lat: Option<f64>,
    #[serde(default, deserialize_with = "number_or_blank")]
    pub lon: Option<f64>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub specialties: Vec<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub languages: Vec<String>,
    #[serde(default, rename = "virtual")]
    pub virtual_visits: bool,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub telehealth_states: Vec<String>,
    /// gait's addition to the spec's list: shown and filtered like an author's.
    pub accepting_patients: Option<bool>,
    #[serde(default, deserialize_with = "blank_is_none")]
    pub booking_url: Option<String>,
}

/// The file as a mapping: the list under `referrals:`, the shape a browser
/// editor (Decap CMS) can edit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReferralFile {
    #[serde(default, deserialize_with = "null_is_empty")]
    referrals: Vec<RawReferral>,
}

/// Whether the file is written as a bare list (`- name: ...` on top).
fn is_bare_list(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l.starts_with('-') || l.starts_with('['))
}

/// 1-based lines where the entries start: `- ` at the indentation of the
/// first one (column 0 in a bare list, usually 2 under `referrals:`).
fn entry_lines(text: &str) -> Vec<usize> {
    let dash = |l: &str| {
        let t = l.trim_start_matches(' ');
        (t.starts_with("- ") || t == "-").then(|| l.len() - t.len())
    };
    let Some(indent) = text.lines().find_map(dash) else {
        return Vec::new();
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| dash(l) == Some(indent))
        .map(|(i, _)| i + 1)
        .collect()
}

/// A checked referral.
#[derive(Debug, Clone)]
pub struct Referral {
    pub name: String,
    pub credentials: Option<String>,
    pub practice: Option<String>,
    pub address: Option<String>,
    pub city: String,
    pub state: String,
    pub zip: Option<String>,
    pub coords: Option<(f64, f64)>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub specialties: Vec<String>,
    pub languages: Vec<String>,
    pub virtual_visits: bool,
    pub telehealth_states: Vec<String>,
    pub accepting_patients: Option<bool>,
    pub booking_url: Option<String>,
}

/// Parse the referrals file; every bad entry is reported with its number and line.
pub fn parse(file: &Path, text: &str) -> Result<Vec<Referral>, Vec<Diagnostic>> {
    let text = crate::frontmatter::strip_bom(text);
    if yaml::is_blank(text) {
        return Ok(Default::default());
    }
    let raw: Vec<RawReferral> = match is_bare_list(text) {
        true => yaml::from_str::<Option<Vec<RawReferral>>>(text, 1).map(Option::unwrap_or_default),
        false => yaml::from_str::<RawReferralFile>(text, 1).map(|f| f.referrals),
    }
    .map_err(|e| vec![e.into_diagnostic(file, text)])?;
    let lines = entry_lines(text);
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let (problems, coords) = problems(&r);
        if problems.is_empty() {
            out.push(referral(r, coords));
            continue;
        }
        let name = r.name.as_deref().unwrap_or("no name");
        errors.extend(problems.into_iter().map(|(msg, help)| {
            Diagnostic::error(file, format!("referral {} ({name}): {msg}", i + 1))
                .at_line(lines.get(i).copied())
                .with_snippet_from(text)
                .with_help(help)
        }));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A problem with an entry: (message, help).
type Problem = (String, &'static str);

/// What is wrong with one entry, and its coordinates.
fn problems(r: &RawReferral) -> (Vec<Problem>, Option<(f64, f64)>) {
    let mut out = Vec::new();
    let missing: Vec<String> = [("name", &r.name), ("city", &r.city), ("state", &r.state)]
        .into_iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
        .map(|(k, _)| format!("`{k}`"))
        .collect();
    if !missing.is_empty() {
        out.push((
            format!("missing {}", missing.join(", ")),
            "every referral needs a name, a city and a state",
        ));
    }
    if let Some(state) = r.state.as_ref().filter(|s| !is_state_code(s)) {
        out.push((
            format!("`{state}` is not a two-letter state code"),
            "write the state like `TX`",
        ));
    }
    for s in r.telehealth_states.iter().filter(|s| !is_state_code(s)) {
        out.push((
            format!("`{s}` in `telehealth_states` is not a two-letter state code"),
            "write states like `[TX, KY]`",
        ));
    }
    if let Some(zip) = r.zip.as_ref().filter(|z| !is_zip(z)) {
        out.push((
            format!("`{zip}` is not a ZIP code"),
            "write five digits in quotes, like \"40202\"",
        ));
    }
    for (key, url) in [("url", &r.url), ("booking_url", &r.booking_url)] {
        if let Some((msg, help)) = crate::urls::link_problem(url.as_deref()) {
            out.push((format!("`{key}`: {msg}"), help));
        }
    }
    let coords = match (r.lat, r.lon) {
        (Some(lat), Some(lon))
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
        {
            Some((lat, lon))
        }
        (None, None) => None,
        (lat, lon) => {
            out.push((
                format!(
                    "the coordinates lat {} / lon {} are not valid",
                    show(lat),
                    show(lon)
                ),
                "give both `lat` (-90 to 90) and `lon` (-180 to 180), or neither",
            ));
            None
        }
    };
    (out, coords)
}

/// A checked entry.
fn referral(r: RawReferral, coords: Option<(f64, f64)>) -> Referral {
    Referral {
        name: r.name.unwrap_or_default(),
        credentials: r.credentials,
        practice: r.practice,
        address: r.address,
        city: r.city.unwrap_or_default(),
        state: r.state.unwrap_or_default(),
        zip: r.zip,
        coords,
        phone: r.phone,
        url: r.url,
        specialties: r.specialties,
        languages: r.languages,
        virtual_visits: r.virtual_visits,
        telehealth_states: r.telehealth_states,
        accepting_patients: r.accepting_patients,
        booking_url: r.booking_url,
    }
}

fn show(v: Option<f64>) -> String {
    v.map(|x| x.to_string())
        .unwrap_or_else(|| "(missing)".into())
}

pub fn is_state_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Read `data/referrals.yaml` below `root`, if it exists.
pub fn load(root: &Path) -> Result<Vec<Referral>, Vec<Diagnostic>> {
    let path: PathBuf = root.join(FILE);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = super::load::read_text(&path, Path::new(FILE))?;
    parse(Path::new(FILE), &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_bad_entry_with_number_and_line() {
        let text = "- name: A\n  city: Waco\n  state: TX\n  zip: \"76701\"\n- name: B\n  state: KY\n  zip: \"4020\"\n- name: C\n  city: X\n  state: TX\n  lat: 95\n  lon: 1\n";
        let errs = parse(Path::new(FILE), text).unwrap_err();
        let got: Vec<String> = errs
            .iter()
            .map(|e| format!("{}: {}", e.location(), e.message))
            .collect();
        assert_eq!(
            got,
            [
                "data/referrals.yaml:5: referral 2 (B): missing `city`",
                "data/referrals.yaml:5: referral 2 (B): `4020` is not a ZIP code",
                "data/referrals.yaml:8: referral 3 (C): the coordinates lat 95 / lon 1 are not valid",
            ]
        );
    }

    #[test]
    fn the_list_may_sit_under_a_referrals_key() {
        // As Decap CMS writes it: indented list, emptied fields.
        let text = "referrals:\n  - name: A\n    city: Waco\n    state: TX\n    zip: \"\"\n    lat: \"\"\n    lon: \"\"\n    url: \"\"\n    specialties: []\n    languages:\n    telehealth_states: []\n  - name: B\n    city: Lexington\n    state: KY\n    zip: \"4050\"\n";
        let errs = parse(Path::new(FILE), text).unwrap_err();
        let got: Vec<String> = errs
            .iter()
            .map(|e| format!("{}: {}", e.location(), e.message))
            .collect();
        assert_eq!(
            got,
            ["data/referrals.yaml:12: referral 2 (B): `4050` is not a ZIP code"]
        );
        let ok = parse(Path::new(FILE), &text.replace("4050", "40502")).unwrap();
        assert_eq!(
            (ok[0].zip.as_deref(), ok[0].coords, ok[0].url.as_deref()),
            (None, None, None)
        );
        assert!(parse(Path::new(FILE), "referrals:\n").unwrap().is_empty());
        let errs = parse(Path::new(FILE), "referral:\n  - name: A\n").unwrap_err();
        assert_eq!(errs[0].message, "unknown key `referral`");
    }

    #[test]
    fn good_file_parses() {
        let r = parse(
            Path::new(FILE),
            "- name: A\n  city: Waco\n  state: TX\n  lat: 31.5\n  lon: -97.1\n  virtual: true\n",
        )
        .unwrap();
        assert_eq!(r[0].coords, Some((31.5, -97.1)));
        assert!(r[0].virtual_visits);
        assert!(parse(Path::new(FILE), "").unwrap().is_empty());
    }
}
