//! The therapist finder: cards for the clinic's own therapists (authors with
//! `finder: true` at a clinic) and the referrals of `data/referrals.yaml`,
//! grouped by state and city for the page, and as `therapists.json`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::author::AuthorDoc;
use crate::content::referrals::Referral;
use crate::model::Site;
use crate::slug::slugify;
use crate::urls::Urls;
use crate::views::present::phone;
use crate::views::{AuthorView, ClinicView, Image, Link, Phone};

/// One therapist, as shown on a finder card and written to `therapists.json`.
#[derive(Debug, Clone, Serialize)]
pub struct TherapistCard {
    /// Stable id: `staff-<author slug>` or `referral-<n>`.
    pub id: String,
    /// `staff` (has a bio page here) or `referral` (outside the clinic).
    pub kind: &'static str,
    pub name: String,
    pub credentials: Option<String>,
    /// The clinic's name, or the referral's practice.
    pub practice: Option<String>,
    /// The clinic's page, or the referral's website.
    pub practice_url: Option<String>,
    pub address: Option<String>,
    pub city: String,
    pub state: String,
    pub zip: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub specialties: Vec<Facet>,
    pub languages: Vec<Facet>,
    pub virtual_visits: bool,
    pub telehealth_states: Vec<String>,
    pub accepting_patients: Option<bool>,
    /// Insurance plans accepted (the clinic's, for the clinic's own therapists).
    pub insurance: Vec<String>,
    pub phone: Option<Phone>,
    pub booking_url: Option<String>,
    /// The bio page, for the clinic's own therapists.
    pub bio_url: Option<String>,
    pub photo: Option<Image>,
}

/// A filter value: `value` goes in the URL query, `label` is shown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Facet {
    pub value: String,
    pub label: String,
}

/// A filter value with the number of therapists that have it.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CityGroup {
    pub city: String,
    pub therapists: Vec<TherapistCard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StateGroup {
    pub code: String,
    pub name: String,
    pub cities: Vec<CityGroup>,
}

/// One part of the list: the clinic's own therapists come first, then the
/// referrals, each grouped by state and city.
#[derive(Debug, Clone, Serialize)]
pub struct FinderPart {
    /// `staff` or `referral`, as the cards' `kind`.
    pub kind: &'static str,
    pub groups: Vec<StateGroup>,
}

/// The finder page's view, inserted as `finder`.
#[derive(Debug, Clone, Serialize)]
pub struct FinderView {
    pub title: String,
    /// Rendered Markdown.
    pub intro: String,
    pub url: String,
    /// Root-relative URL of `therapists.json`.
    pub data_url: String,
    /// Root-relative URL of the folder with the ZIP-code tables.
    pub zip_data_url: String,
    pub total: usize,
    /// Every therapist by state and city.
    pub groups: Vec<StateGroup>,
    /// The clinic's own therapists, then the referrals (parts without
    /// therapists are left out).
    pub parts: Vec<FinderPart>,
    pub specialties: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
    pub states: Vec<FacetCount>,
}

/// `therapists.json`.
#[derive(Debug, Serialize)]
pub struct FinderData<'a> {
    pub version: u32,
    pub site: &'a str,
    pub count: usize,
    pub therapists: Vec<TherapistCard>,
}

fn facets(values: &[String]) -> Vec<Facet> {
    labelled_facets(values, values)
}

/// Facets whose values come from `values` and labels from `labels` (a
/// translation of each value, in the same order).
fn labelled_facets(values: &[String], labels: &[String]) -> Vec<Facet> {
    let mut out: Vec<Facet> = values
        .iter()
        .zip(labels)
        .map(|(v, l)| Facet {
            value: slugify(v),
            label: capitalized(l),
        })
        .filter(|f| !f.value.is_empty())
        .collect();
    out.dedup_by(|a, b| a.value == b.value);
    out
}

/// `male pelvic health` → `Male pelvic health`, for labels.
fn capitalized(s: &str) -> String {
    let mut chars = s.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A card of the clinic's own: filter values from the author's file, labels
/// from its view (translated where the page's language has a translation).
fn staff_card(doc: &AuthorDoc, a: &AuthorView, clinic: &ClinicView) -> TherapistCard {
    TherapistCard {
        id: format!("staff-{}", a.card.slug),
        kind: "staff",
        name: a.card.name.clone(),
        credentials: a.card.credentials.clone(),
        practice: Some(clinic.card.name.clone()),
        practice_url: Some(clinic.card.url.clone()),
        address: clinic.address.clone(),
        city: clinic.card.city.clone(),
        state: clinic.card.state.clone(),
        zip: clinic.zip.clone(),
        lat: clinic.lat,
        lon: clinic.lon,
        specialties: labelled_facets(&doc.specialties, &a.card.specialties),
        languages: labelled_facets(&doc.languages, &a.card.languages),
        virtual_visits: a.card.virtual_visits,
        telehealth_states: a.telehealth_states.clone(),
        accepting_patients: a.card.accepting_patients,
        insurance: clinic.insurance.clone(),
        phone: clinic.card.phone.clone(),
        booking_url: a.booking_url.clone().or_else(|| clinic.booking_url.clone()),
        bio_url: Some(a.card.url.clone()),
        photo: a.card.photo.clone(),
    }
}

fn referral_card(i: usize, r: &Referral) -> TherapistCard {
    TherapistCard {
        id: format!("referral-{}", i + 1),
        kind: "referral",
        name: r.name.clone(),
        credentials: r.credentials.clone(),
        practice: r.practice.clone(),
        practice_url: r.url.clone(),
        address: r.address.clone(),
        city: r.city.clone(),
        state: r.state.clone(),
        zip: r.zip.clone(),
        lat: r.coords.map(|c| c.0),
        lon: r.coords.map(|c| c.1),
        specialties: facets(&r.specialties),
        languages: facets(&r.languages),
        virtual_visits: r.virtual_visits,
        telehealth_states: r.telehealth_states.clone(),
        accepting_patients: r.accepting_patients,
        insurance: Vec::new(),
        phone: r.phone.as_deref().map(phone),
        booking_url: r.booking_url.clone(),
        bio_url: None,
        photo: None,
    }
}

/// Every therapist of the finder: the clinic's own first (by name), then
/// referrals; `authors` and `clinics` are the views of one language.
pub fn cards(site: &Site, authors: &[AuthorView], clinics: &[ClinicView]) -> Vec<TherapistCard> {
    let mut cards: Vec<TherapistCard> = site
        .authors
        .iter()
        .zip(authors)
        .filter(|(a, _)| a.doc.finder)
        .filter_map(|(a, view)| Some(staff_card(&a.doc, view, &clinics[a.clinic?])))
        .collect();
    cards.extend(
        site.referrals
            .iter()
            .enumerate()
            .map(|(i, r)| referral_card(i, r)),
    );
    cards
}

fn count_facets<'a>(values: impl Iterator<Item = &'a Facet>) -> Vec<FacetCount> {
    let mut counts: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for f in values {
        counts.entry(&f.value).or_insert((&f.label, 0)).1 += 1;
    }
    let mut out: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, (label, count))| FacetCount {
            value: value.to_string(),
            label: label.to_string(),
            count,
        })
        .collect();
    out.sort_by_key(|f| f.label.to_lowercase());
    out
}

/// The finder page's view in one language: `link` is the language's
/// finder link (its title and address), `cards` its cards.
pub fn view(
    site: &Site,
    cards: &[TherapistCard],
    intro_html: String,
    link: &Link,
) -> Option<FinderView> {
    let finder = site.config.finder.as_ref()?;
    let urls = &site.config.urls;
    let groups = by_state(cards.iter());
    let parts = ["staff", "referral"]
        .into_iter()
        .map(|kind| FinderPart {
            kind,
            groups: by_state(cards.iter().filter(|c| c.kind == kind)),
        })
        .filter(|p| !p.groups.is_empty())
        .collect();
    let states = groups
        .iter()
        .map(|g| FacetCount {
            value: g.code.clone(),
            label: g.name.clone(),
            count: g.cities.iter().map(|c| c.therapists.len()).sum(),
        })
        .collect();
    Some(FinderView {
        title: link.title.clone(),
        intro: intro_html,
        url: link.url.clone(),
        data_url: urls.url(&data_path(&finder.path)),
        zip_data_url: urls.url("finder/zip/"),
        total: cards.len(),
        groups,
        parts,
        specialties: count_facets(cards.iter().flat_map(|c| &c.specialties)),
        languages: count_facets(cards.iter().flat_map(|c| &c.languages)),
        states,
    })
}

/// `cards` by state (in the order of the states' names), then by city.
fn by_state<'a>(cards: impl Iterator<Item = &'a TherapistCard>) -> Vec<StateGroup> {
    let mut by_state: BTreeMap<String, BTreeMap<String, Vec<TherapistCard>>> = BTreeMap::new();
    for c in cards {
        by_state
            .entry(c.state.clone())
            .or_default()
            .entry(c.city.clone())
            .or_default()
            .push(c.clone());
    }
    let mut groups: Vec<StateGroup> = by_state
        .into_iter()
        .map(|(code, cities)| StateGroup {
            name: state_name(&code).unwrap_or(&code).to_string(),
            code,
            cities: cities
                .into_iter()
                .map(|(city, therapists)| CityGroup { city, therapists })
                .collect(),
        })
        .collect();
    groups.sort_by(|a, b| a.name.cmp(&b.name));
    groups
}

/// Add `therapists.json` to the plan, when the finder is on.
pub fn plan(site: &Site, plan: &mut crate::plan::Plan) {
    if let Some(f) = &site.config.finder {
        let claim = crate::plan::Claim::Gait("the therapist finder's data");
        plan.made(data_path(&f.path), crate::plan::Maker::FinderData, 0, claim);
    }
}

/// Site path of the JSON data.
pub fn data_path(finder_path: &str) -> String {
    format!("{finder_path}/therapists.json")
}

/// `therapists.json`, with absolute URLs so the data can be reused elsewhere.
pub fn json(site: &Site, cards: &[TherapistCard]) -> String {
    let u = &site.config.urls;
    let abs = |url: &Option<String>| {
        url.as_ref().map(|x| {
            if x.starts_with('/') {
                format!("{}{}", origin(u), x)
            } else {
                x.clone()
            }
        })
    };
    let therapists = cards
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.practice_url = abs(&c.practice_url);
            c.bio_url = abs(&c.bio_url);
            if let Some(p) = &mut c.photo {
                p.url = abs(&Some(p.url.clone())).unwrap_or_default();
                // The other widths are for the page's own cards.
                p.picture = None;
            }
            c
        })
        .collect();
    let data = FinderData {
        version: 1,
        site: u.base_url(),
        count: cards.len(),
        therapists,
    };
    serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string())
}

fn origin(u: &Urls) -> &str {
    u.base_url()
        .strip_suffix(u.base_path())
        .unwrap_or(u.base_url())
}

/// Full name of a US state or territory code.
pub fn state_name(code: &str) -> Option<&'static str> {
    const STATES: &[(&str, &str)] = &[
        ("AL", "Alabama"),
        ("AK", "Alaska"),
        ("AZ", "Arizona"),
        ("AR", "Arkansas"),
        ("CA", "California"),
        ("CO", "Colorado"),
        ("CT", "Connecticut"),
        ("DE", "Delaware"),
        ("DC", "District of Columbia"),
        ("FL", "Florida"),
        ("GA", "Georgia"),
        ("HI", "Hawaii"),
        ("ID", "Idaho"),
        ("IL", "Illinois"),
        ("IN", "Indiana"),
        ("IA", "Iowa"),
        ("KS", "Kansas"),
        ("KY", "Kentucky"),
        ("LA", "Louisiana"),
        ("ME", "Maine"),
        ("MD", "Maryland"),
        ("MA", "Massachusetts"),
        ("MI", "Michigan"),
        ("MN", "Minnesota"),
        ("MS", "Mississippi"),
        ("MO", "Missouri"),
        ("MT", "Montana"),
        ("NE", "Nebraska"),
        ("NV", "Nevada"),
        ("NH", "New Hampshire"),
        ("NJ", "New Jersey"),
        ("NM", "New Mexico"),
        ("NY", "New York"),
        ("NC", "North Carolina"),
        ("ND", "North Dakota"),
        ("OH", "Ohio"),
        ("OK", "Oklahoma"),
        ("OR", "Oregon"),
        ("PA", "Pennsylvania"),
        ("RI", "Rhode Island"),
        ("SC", "South Carolina"),
        ("SD", "South Dakota"),
        ("TN", "Tennessee"),
        ("TX", "Texas"),
        ("UT", "Utah"),
        ("VT", "Vermont"),
        ("VA", "Virginia"),
        ("WA", "Washington"),
        ("WV", "West Virginia"),
        ("WI", "Wisconsin"),
        ("WY", "Wyoming"),
        ("PR", "Puerto Rico"),
        ("GU", "Guam"),
        ("VI", "U.S. Virgin Islands"),
        ("AS", "American Samoa"),
        ("MP", "Northern Mariana Islands"),
    ];
    STATES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_slug_and_dedupe() {
        let f = facets(&[
            "Male pelvic health".into(),
            "male pelvic health".into(),
            "日本".into(),
            "\u{E000}".into(),
        ]);
        assert_eq!(
            f,
            [
                Facet {
                    value: "male-pelvic-health".into(),
                    label: "Male pelvic health".into()
                },
                Facet {
                    value: "ri-ben".into(),
                    label: "日本".into()
                }
            ]
        );
    }

    #[test]
    fn state_names() {
        assert_eq!(state_name("KY"), Some("Kentucky"));
        assert_eq!(state_name("ZZ"), None);
    }
}
