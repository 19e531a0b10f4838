//! Clinical trust and patient privacy, with the real binary on the basic
//! fixture: medical review (byline, JSON-LD, unknown reviewers, reviews that
//! are due), checkable credentials (NPI, licenses), what patients ask a
//! clinic first (insurance, new patients), the disclaimer, and requests to
//! other hosts (reported by file, line and host; errors under
//! `privacy: strict`).

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

/// A post with Google Tag Manager (its usual snippet, with the `<noscript>`
/// frame) and a Google Maps embed.
const TRACKED: &str = "---\ntitle: Find us\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\nOur clinic is by the river.\n\n<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':\nnew Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],\nj=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=\n'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);\n})(window,document,'script','dataLayer','GTM-K7Q2XD4');</script>\n\n<iframe src=\"https://www.google.com/maps/embed?pb=!1m18!1m12\" width=\"600\" height=\"450\" title=\"Map\"></iframe>\n";

#[test]
fn check_names_each_host_a_post_loads_with_its_line() {
    let site = Site::fixture("basic");
    site.write("content/posts/find-us.md", TRACKED);
    let run = site.run(&["check"]);
    run.expect_success();
    assert_eq!(
        run.stderr_lines(),
        [
            "warning: content/posts/find-us.md:9: raw HTML with <script> runs code in readers' browsers",
            "     9 | <script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':",
            "  help: remove it unless you are sure it is needed and safe",
            "warning: content/posts/find-us.md:12: this page loads a script from `www.googletagmanager.com`, another site",
            "    12 | 'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);",
            "  help: as the page opens, readers' browsers tell `www.googletagmanager.com` which page they read: remove it, or if the clinic accepts that, add `www.googletagmanager.com` to `third_party_allowed` in site.yaml",
            "warning: content/posts/find-us.md:15: this page embeds a page from `www.google.com`, another site",
            "    15 | <iframe src=\"https://www.google.com/maps/embed?pb=!1m18!1m12\" width=\"600\" height=\"450\" title=\"Map\"></iframe>",
            "  help: as the page opens, readers' browsers tell `www.google.com` which page they read: remove it, or if the clinic accepts that, add `www.google.com` to `third_party_allowed` in site.yaml",
        ]
    );
}

#[test]
fn under_privacy_strict_the_build_stops_unless_the_host_is_allowed() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    site.write("content/posts/find-us.md", TRACKED);
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}privacy: strict\n"));
    let run = site.build(&[]);
    run.expect_code(1);
    let errors: Vec<&str> = run
        .stderr_lines()
        .into_iter()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: content/posts/find-us.md:12: this page loads a script from `www.googletagmanager.com`, another site",
            "error: content/posts/find-us.md:15: this page embeds a page from `www.google.com`, another site",
        ]
    );
    assert_same_files(&before, &snapshot(&site.public()));
    // The clinic accepts the map: only the tag manager stops the build.
    site.write(
        "site.yaml",
        format!("{config}privacy: strict\nthird_party_allowed: [www.google.com]\n"),
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`www.googletagmanager.com`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`www.google.com`"), "{}", run.stderr);
    site.write(
        "site.yaml",
        format!("{config}privacy: strict\nthird_party_allowed: [www.google.com, \"*.googletagmanager.com\"]\n"),
    );
    site.build_ok(&[]);
}

#[test]
fn a_template_that_loads_from_another_site_is_named_with_its_line() {
    let site = Site::fixture("basic");
    let base =
        std::fs::read_to_string(repo_root().join("themes/clinic/templates/base.html")).unwrap();
    let with_fonts = base.replacen(
        "  <link rel=\"stylesheet\" href=\"{{ site.static_url }}css/style.css\">\n",
        "  <link rel=\"stylesheet\" href=\"{{ site.static_url }}css/style.css\">\n  <link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Inter\">\n",
        1,
    );
    assert_ne!(base, with_fonts);
    let line = with_fonts
        .lines()
        .position(|l| l.contains("fonts.googleapis.com"))
        .unwrap()
        + 1;
    site.write("templates/base.html", &with_fonts);
    let run = site.run(&["check"]);
    run.expect_success();
    assert_eq!(
        run.stderr_lines()[0],
        format!(
            "warning: templates/base.html:{line}: this template loads a stylesheet from `fonts.googleapis.com`, another site"
        )
    );
}

#[test]
fn a_video_line_becomes_a_poster_that_loads_nothing_from_the_video_host() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/bridges.md",
        "---\ntitle: Bridges\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\nWatch first.\n\n[Glute bridge, slowly](https://youtu.be/kP3vR8dW2xQ)\n\nhttps://vimeo.com/76979871\n",
    );
    let run = site.run(&["check"]);
    run.expect_success();
    assert_eq!(run.stderr, "", "a video is no request to another site");
    site.build_ok(&[]);
    let page = site.read_out("posts/bridges/index.html");
    let doc = html(&page);
    let videos = select(&doc, ".content .video[data-video-player]");
    let players: Vec<&str> = videos
        .iter()
        .map(|v| v.value().attr("data-video-player").unwrap())
        .collect();
    assert_eq!(
        players,
        [
            "https://www.youtube-nocookie.com/embed/kP3vR8dW2xQ?autoplay=1",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
        ]
    );
    let titles: Vec<String> = select(&doc, ".video a.video-poster")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(titles, ["Glute bridge, slowly", "Video on Vimeo"]);
    // The page's only script is the theme's own, from this site.
    let scripts: Vec<&str> = select(&doc, "script[src]")
        .iter()
        .map(|s| s.value().attr("src").unwrap())
        .collect();
    assert_eq!(scripts, ["/js/video.js"]);
    assert!(site.out_exists("js/video.js"));
    // A page without a video does not load the script.
    assert!(
        !site
            .read_out("posts/gentle-core-work/index.html")
            .contains("video.js")
    );
}

/// What a site loads from other hosts, by kind, for a Content-Security-Policy.
#[test]
fn the_allowed_hosts_are_listed_by_kind_for_a_content_security_policy() {
    use gait::pipeline::{BuildOptions, Session, Strictness};
    let site = Site::fixture("basic");
    site.write("content/posts/find-us.md", TRACKED);
    site.write(
        "content/posts/bridges.md",
        "---\ntitle: Bridges\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\nhttps://youtu.be/kP3vR8dW2xQ\n",
    );
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{config}third_party_allowed: [www.google.com]\n"),
    );
    let mut session = Session::new(BuildOptions {
        root: site.root.clone(),
        output: site.tmp.path().join("out"),
        base_url: None,
        drafts: false,
        future: false,
    });
    let prepared = session
        .prepare(chrono::Utc::now(), Strictness::Build)
        .expect("the site builds");
    let hosts = &prepared.third_parties;
    let directives: Vec<(&str, Vec<&str>)> = hosts
        .directives()
        .into_iter()
        .map(|(d, hs)| (d, hs.iter().map(String::as_str).collect()))
        .collect();
    // The tag manager is not allowed, so a policy need not let it in.
    assert_eq!(
        directives,
        [(
            "frame-src",
            vec!["www.google.com", "www.youtube-nocookie.com"]
        )]
    );
}
