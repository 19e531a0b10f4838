//! The medical side of the JSON-LD: a reviewed article's page as a
//! `MedicalWebPage` with `reviewedBy` and `lastReviewed`, a therapist's
//! identifiers that patients and search engines can check (the NPI and
//! state licenses, as `PropertyValue`s), and a clinic as a physiotherapy
//! practice that says whether it takes new patients.

use serde_json::{Map, Value, json};

use super::{person_ref, put};
use crate::views::{AuthorView, ClinicView, PostView, ReviewView, SiteView};

/// The page of a medically reviewed article: a `MedicalWebPage` whose main
/// entity is the `BlogPosting`, with who reviewed it and when.
pub fn reviewed_page(
    site: &SiteView,
    post: &PostView,
    review: &ReviewView<'_>,
    permalink: &str,
) -> Value {
    let mut m = Map::new();
    put(&mut m, "@type", "MedicalWebPage");
    put(&mut m, "@id", permalink);
    put(&mut m, "url", permalink);
    put(&mut m, "name", post.summary.title.as_str());
    put(&mut m, "inLanguage", site.language.as_str());
    put(
        &mut m,
        "mainEntity",
        json!({"@id": format!("{permalink}#article")}),
    );
    put(&mut m, "reviewedBy", person_ref(site, review.by));
    let day = review.date.iso.get(..10).unwrap_or(&review.date.iso);
    put(&mut m, "lastReviewed", day);
    Value::Object(m)
}

/// A therapist's NPI and state licenses as `identifier`s.
pub fn identifiers(a: &AuthorView) -> Vec<Value> {
    let npi = a.npi.iter().map(|n| {
        json!({
            "@type": "PropertyValue",
            "propertyID": "NPI",
            "name": "National Provider Identifier",
            "value": n,
        })
    });
    let licenses = a.licenses.iter().map(|l| {
        json!({
            "@type": "PropertyValue",
            "propertyID": format!("{} license", l.state),
            "name": format!("{} state license", l.state),
            "value": l.number,
        })
    });
    npi.chain(licenses).collect()
}

/// What a clinic page adds for patients: it is also a `Physiotherapy`
/// practice, and it may say whether it takes new patients.
pub fn clinic_facts(c: &ClinicView, m: &mut Map<String, Value>) {
    put(m, "@type", json!(["MedicalClinic", "Physiotherapy"]));
    put(m, "medicalSpecialty", "https://schema.org/Physiotherapy");
    if let Some(accepting) = c.accepting_new_patients {
        put(m, "isAcceptingNewPatients", accepting);
    }
}
