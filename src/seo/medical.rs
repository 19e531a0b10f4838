//! The medical side of the JSON-LD: a reviewed article's page as a
//! `MedicalWebPage` with `reviewedBy` and `lastReviewed`, a therapist's
//! identifiers that patients and search engines can check (the NPI and
//! state licenses, as `PropertyValue`s), and a clinic page's
//! `MedicalClinic` that is also a physiotherapy practice, with its address,
//! coordinates, opening hours and staff, and whether it takes new patients.

use serde::Serialize;

use super::{IdRef, NamedRef, Node, PersonRef, opt_text, organization_id, person_ref, text};
use crate::hours::{self, Specification};
use crate::views::{AuthorRef, AuthorView, ClinicView, PostView, ReviewView, SiteView};

/// A `MedicalWebPage`; fields in the byte order of their names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewedPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<&'a str>,
    main_entity: IdRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    reviewed_by: PersonRef<'a>,
    url: &'a str,
}

/// The page of a medically reviewed article: a `MedicalWebPage` whose main
/// entity is the `BlogPosting`, with who reviewed it and when.
pub fn reviewed_page<'a>(
    site: &'a SiteView,
    post: &'a PostView,
    review: &ReviewView<'a>,
    permalink: &'a str,
) -> Node<'a> {
    let day = review.date.iso.get(..10).unwrap_or(&review.date.iso);
    Node::ReviewedPage(Box::new(ReviewedPage {
        id: permalink,
        kind: "MedicalWebPage",
        in_language: text(&site.language),
        last_reviewed: text(day),
        main_entity: IdRef {
            id: format!("{permalink}#article"),
        },
        name: text(&post.summary.title),
        reviewed_by: person_ref(site, review.by),
        url: permalink,
    }))
}

/// A `PropertyValue`: an identifier and what it is.
#[derive(Serialize)]
pub struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(rename = "propertyID")]
    property_id: String,
    value: &'a str,
}

/// A therapist's NPI and state licenses as `identifier`s.
pub fn identifiers(a: &AuthorView) -> Vec<PropertyValue<'_>> {
    let npi = a.npi.iter().map(|n| PropertyValue {
        kind: "PropertyValue",
        name: "National Provider Identifier".into(),
        property_id: "NPI".into(),
        value: n,
    });
    let licenses = a.licenses.iter().map(|l| PropertyValue {
        kind: "PropertyValue",
        name: format!("{} state license", l.state),
        property_id: format!("{} license", l.state),
        value: &l.number,
    });
    npi.chain(licenses).collect()
}

/// A clinic page's `MedicalClinic`; fields in the byte order of their names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Clinic<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: [&'static str; 2],
    address: PostalAddress<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    employee: Vec<PersonRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    has_map: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_accepting_new_patients: Option<bool>,
    main_entity_of_page: &'a str,
    medical_specialty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    opening_hours: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    opening_hours_specification: Vec<Specification>,
    parent_organization: NamedRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    url: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_country: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_locality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    postal_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    street_address: Option<&'a str>,
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

/// A clinic page: `MedicalClinic` and `Physiotherapy`, with the therapists who work there.
pub fn clinic<'a>(
    site: &'a SiteView,
    c: &'a ClinicView,
    permalink: &'a str,
    therapists: &[&'a AuthorRef],
) -> Node<'a> {
    let card = &c.card;
    let address = PostalAddress {
        kind: "PostalAddress",
        address_country: crate::finder::state_name(&card.state).map(|_| "US"),
        address_locality: text(&card.city),
        address_region: text(&card.state),
        postal_code: opt_text(&c.zip),
        street_address: opt_text(&c.address),
    };
    let hours: Vec<hours::OpeningHours> = c
        .opening_hours
        .iter()
        .filter_map(|h| hours::opening_hours(h))
        .collect();
    Node::Clinic(Box::new(Clinic {
        id: format!("{permalink}#clinic"),
        kind: ["MedicalClinic", "Physiotherapy"],
        address,
        email: opt_text(&c.email),
        employee: therapists.iter().map(|a| person_ref(site, a)).collect(),
        geo: c.lat.zip(c.lon).map(|(latitude, longitude)| Geo {
            kind: "GeoCoordinates",
            latitude,
            longitude,
        }),
        has_map: opt_text(&c.map_url),
        is_accepting_new_patients: c.accepting_new_patients,
        main_entity_of_page: permalink,
        medical_specialty: "https://schema.org/Physiotherapy",
        name: text(&card.name),
        opening_hours: hours.iter().map(|h| h.short()).collect(),
        opening_hours_specification: hours.into_iter().map(|h| h.specification()).collect(),
        parent_organization: NamedRef {
            id: organization_id(site),
            name: &site.title,
        },
        telephone: card.phone.as_ref().and_then(|p| text(&p.display)),
        url: permalink,
    }))
}
