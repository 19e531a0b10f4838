//! Clinical trust, with the real binary on the basic fixture: medical
//! review (byline, JSON-LD, unknown reviewers, reviews that are due),
//! checkable credentials (NPI, licenses), what patients ask a clinic first
//! (insurance, new patients), and the disclaimer. Requests to other sites
//! are in `third_parties.rs`.

use crate::common::*;
use crate::seo::json_ld;

const FOOTER: &str = "Nothing was written: the output folder is unchanged.";

const NIGHT: &str = "content/posts/hip-pain-at-night.md";

/// hip-pain-at-night, reviewed by Sam Lee on `day`.
fn reviewed_night(site: &Site, day: &str) {
    let text = std::fs::read_to_string(site.path(NIGHT)).unwrap();
    let reviewed = text.replacen(
        "author: dana-reyes\n",
        &format!("author: dana-reyes\nreviewed_by: sam-lee\nlast_reviewed: {day}\n"),
        1,
    );
    assert_ne!(text, reviewed);
    site.write(NIGHT, reviewed);
}

#[test]
fn a_reviewed_post_shows_its_reviewer_and_is_a_medical_web_page() {
    let site = Site::fixture("basic");
    reviewed_night(&site, "2024-04-02");
    site.build_ok(&[]);
    let page = site.read_out("posts/hip-pain-at-night/index.html");
    let doc = html(&page);
    let byline = select(&doc, "p.review-byline");
    assert_eq!(byline.len(), 1);
    assert_eq!(
        text_of(&byline[0]),
        "Medically reviewed by Sam Lee, PT, DPT · , on April 2, 2024"
    );
    let link = select(&doc, "p.review-byline a");
    assert_eq!(link[0].value().attr("href"), Some("/authors/sam-lee/"));
    let time = select(&doc, "p.review-byline time");
    assert_eq!(
        time[0].value().attr("datetime"),
        Some("2024-04-02T00:00:00Z")
    );

    let ld = json_ld(&site, "posts/hip-pain-at-night/index.html");
    let permalink = "https://riverbend.example/posts/hip-pain-at-night/";
    let page = &ld["MedicalWebPage"];
    assert_eq!(page["@id"], permalink);
    assert_eq!(page["lastReviewed"], "2024-04-02");
    assert_eq!(page["mainEntity"]["@id"], format!("{permalink}#article"));
    let by = &page["reviewedBy"];
    assert_eq!(by["@type"], "Person");
    assert_eq!(by["name"], "Sam Lee");
    assert_eq!(by["url"], "https://riverbend.example/authors/sam-lee/");
    assert_eq!(
        by["hasCredential"],
        serde_json::json!([
            {"@type": "EducationalOccupationalCredential", "name": "PT"},
            {"@type": "EducationalOccupationalCredential", "name": "DPT"},
        ])
    );
    assert_eq!(ld["BlogPosting"]["mainEntityOfPage"], permalink);
    // A post nobody reviewed is no medical web page.
    let other = json_ld(&site, "posts/gentle-core-work/index.html");
    assert!(!other.contains_key("MedicalWebPage"));
    assert!(
        select(
            &html(&site.read_out("posts/gentle-core-work/index.html")),
            ".review-byline"
        )
        .is_empty()
    );
}

#[test]
fn an_unknown_reviewer_fails_with_its_line_and_a_suggestion() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/reviewed.md",
        "---\ntitle: Reviewed\ndate: 2024-06-01\nauthor: dana-reyes\nreviewed_by: sam-le\nlast_reviewed: 2024-06-02\n---\n\nText.\n",
    );
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: content/posts/reviewed.md:5: unknown reviewer `sam-le`",
        "     5 | reviewed_by: sam-le",
        "  help: did you mean `sam-lee`? Known authors: `dana-reyes`, `sam-lee`; each is a file in content/authors/",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn a_review_older_than_review_every_months_is_a_warning_of_check() {
    let site = Site::fixture("basic");
    reviewed_night(&site, "2001-01-01");
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}review_every_months: 12\n"));
    let run = site.run(&["check"]);
    run.expect_success();
    assert_eq!(
        run.stderr_lines(),
        [
            "warning: content/posts/hip-pain-at-night.md:6: this post was last reviewed on January 1, 2001, more than 12 months ago",
            "  help: have a clinician check it again, then update `last_reviewed` (site.yaml's `review_every_months` sets how often)",
        ]
    );
    assert!(
        run.stdout.contains("no errors, 1 warning"),
        "{}",
        run.stdout
    );
    // A build does not nag.
    let build = site.build_ok(&[]);
    assert_eq!(build.stderr, "");
}

#[test]
fn a_bio_shows_the_npi_and_licenses_and_its_json_ld_has_them() {
    let site = Site::fixture("basic");
    let text = std::fs::read_to_string(site.path("content/authors/dana-reyes.md")).unwrap();
    site.write(
        "content/authors/dana-reyes.md",
        text.replacen(
            "clinic: riverside\n",
            "clinic: riverside\nnpi: 1679576722\nlicenses:\n  - {state: OR, number: \"4172\"}\n  - state: WA\n    number: PT60812345\n",
            1,
        ),
    );
    site.build_ok(&[]);
    let person = &json_ld(&site, "authors/dana-reyes/index.html")["Person"];
    assert_eq!(
        person["identifier"],
        serde_json::json!([
            {"@type": "PropertyValue", "propertyID": "NPI", "name": "National Provider Identifier", "value": "1679576722"},
            {"@type": "PropertyValue", "propertyID": "OR license", "name": "OR state license", "value": "4172"},
            {"@type": "PropertyValue", "propertyID": "WA license", "name": "WA state license", "value": "PT60812345"},
        ])
    );
    let doc = html(&site.read_out("authors/dana-reyes/index.html"));
    let registry = select(&doc, ".facts a[href^='https://npiregistry.cms.hhs.gov/']");
    assert_eq!(
        registry[0].value().attr("href"),
        Some("https://npiregistry.cms.hhs.gov/provider-view/1679576722")
    );
    let licenses: Vec<String> = select(&doc, ".licenses li").iter().map(text_of).collect();
    assert_eq!(licenses, ["OR license 4172", "WA license PT60812345"]);
}

#[test]
fn a_wrong_npi_check_digit_fails_with_its_line() {
    let site = Site::fixture("basic");
    site.write(
        "content/authors/jo-park.md",
        "---\nname: Jo Park\ncredentials: DPT\nnpi: \"1679576727\"\n---\n\nBio.\n",
    );
    site.build(&[]).expect_code(1).expect_stderr(&[
        "error: content/authors/jo-park.md:4: the NPI `1679576727` has a wrong check digit: its last digit is 7, but its first nine digits call for 2",
        "     4 | npi: \"1679576727\"",
        "  help: copy the ten digits from the NPI registry (NPPES), like `npi: \"1234567893\"`",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn a_clinic_says_which_insurance_it_takes_and_whether_it_takes_new_patients() {
    let site = Site::fixture("basic");
    let text = std::fs::read_to_string(site.path("content/clinics/riverside.md")).unwrap();
    site.write(
        "content/clinics/riverside.md",
        text.replacen(
            "phone: 503-555-0150\n",
            "phone: 503-555-0150\ninsurance: [Medicare, Moda Health]\naccepting_new_patients: true\n",
            1,
        ),
    );
    site.build_ok(&[]);
    let ld = json_ld(&site, "clinics/riverside/index.html");
    let clinic = &ld["Physiotherapy"];
    assert_eq!(
        clinic["@type"],
        serde_json::json!(["MedicalClinic", "Physiotherapy"])
    );
    assert_eq!(clinic["isAcceptingNewPatients"], true);
    assert_eq!(
        clinic["medicalSpecialty"],
        "https://schema.org/Physiotherapy"
    );
    let doc = html(&site.read_out("clinics/riverside/index.html"));
    let plans: Vec<String> = select(&doc, ".clinic-info .insurance li")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(plans, ["Medicare", "Moda Health"]);
    assert_eq!(
        text_of(&select(&doc, ".clinic-accepting")[0]),
        "Accepting new patients"
    );
    // Hillcrest says nothing: no claim either way.
    let ld = json_ld(&site, "clinics/hillcrest/index.html");
    assert!(ld["MedicalClinic"].get("isAcceptingNewPatients").is_none());
    // Dana works at Riverside: her finder card and record carry its plans.
    let finder = html(&site.read_out("find-a-therapist/index.html"));
    let card = select(&finder, "#staff-dana-reyes .finder-insurance dd");
    assert_eq!(text_of(&card[0]), "Medicare, Moda Health");
    let data: serde_json::Value =
        serde_json::from_str(&site.read_out("find-a-therapist/therapists.json")).unwrap();
    let dana = data["therapists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "staff-dana-reyes")
        .unwrap();
    assert_eq!(
        dana["insurance"],
        serde_json::json!(["Medicare", "Moda Health"])
    );
}

#[test]
fn the_disclaimer_ends_every_article_and_a_site_can_restyle_it() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{config}disclaimer: |\n  General information, *not* medical advice.\n"),
    );
    site.build_ok(&[]);
    for post in ["gentle-core-work", "hip-pain-at-night", "bladder-diary"] {
        let doc = html(&site.read_out(&format!("posts/{post}/index.html")));
        let aside = select(&doc, "article aside.disclaimer");
        assert_eq!(aside.len(), 1, "{post}");
        assert_eq!(
            select(&doc, "aside.disclaimer .disclaimer-body")[0]
                .inner_html()
                .trim(),
            "<p>General information, <em>not</em> medical advice.</p>",
            "{post}"
        );
    }
    assert!(!site.read_out("about/index.html").contains("disclaimer"));
    site.write(
        "templates/partials/disclaimer.html",
        "<p class=\"our-note\">{{ site.disclaimer | safe }}</p>\n",
    );
    site.build_ok(&[]);
    let doc = html(&site.read_out("posts/gentle-core-work/index.html"));
    assert!(select(&doc, "aside.disclaimer").is_empty());
    assert_eq!(select(&doc, "article p.our-note").len(), 1);
}
