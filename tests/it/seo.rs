//! Search-engine markup: titles, descriptions, canonical and preview tags,
//! schema.org JSON-LD on each kind of page, and the feeds of every author
//! and category.
//!
//! The fixture (tests/fixtures/seo) lives below a path
//! (https://example.org/clinic-blog), shows one post per listing page, has a
//! post whose title contains `</script>`, a post with its own image, and a
//! tag named like a category.

use crate::common;

use std::collections::HashMap;

use common::{Site, copy_dir, html, parse_xml, repo_root, select, text_of};
use serde_json::Value;

const BASE: &str = "https://example.org/clinic-blog";

/// The seo fixture with this repository's theme (so template edits are
/// tested without rebuilding the binary), built.
fn built() -> Site {
    let site = Site::fixture("seo");
    copy_dir(
        &repo_root().join("themes/clinic"),
        &site.path("themes/clinic"),
    );
    site.build_ok(&[]);
    site
}

/// Every node of the page's JSON-LD, by `@type` (the first of each type; a
/// node with several types is found under each).
pub(crate) fn json_ld(site: &Site, page: &str) -> HashMap<String, Value> {
    let text = site.read_out(page);
    let doc = html(&text);
    let scripts = select(&doc, "script[type='application/ld+json']");
    assert!(scripts.len() <= 1, "{page}: one JSON-LD script at most");
    let mut out = HashMap::new();
    let Some(script) = scripts.first() else {
        return out;
    };
    let body: String = script.text().collect();
    let v: Value = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("{page}: JSON-LD is not JSON ({e}):\n{body}"));
    assert_eq!(v["@context"], "https://schema.org", "{page}");
    // Compact, keys in byte order at every level (as serde_json writes its
    // sorted maps) and the script breakers escaped: the form gait's JSON-LD
    // has always had, which its typed nodes must keep.
    assert_eq!(
        body,
        script_safe(&v.to_string()),
        "{page}: JSON-LD not in its canonical form"
    );
    for node in v["@graph"].as_array().expect("an @graph") {
        let types: Vec<&str> = match &node["@type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        assert!(!types.is_empty(), "{page}: every node has a @type");
        for ty in types {
            out.entry(ty.to_string()).or_insert_with(|| node.clone());
        }
    }
    out
}

/// JSON text with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            _ => out.push(c),
        }
    }
    out
}

fn meta_content(doc: &scraper::Html, css: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr("content").map(str::to_string))
}

/// HTML pages a reader lands on (not the redirects of `aliases`).
fn pages(site: &Site) -> Vec<String> {
    site.html_files()
        .into_iter()
        .filter(|p| select(&html(&site.read_out(p)), "meta[http-equiv=refresh]").is_empty())
        .collect()
}

#[test]
fn an_article_is_a_blog_posting_by_people_with_credentials() {
    let site = built();
    let ld = json_ld(&site, "posts/hero-post/index.html");
    let post = &ld["BlogPosting"];
    let permalink = format!("{BASE}/posts/hero-post/");
    assert_eq!(post["headline"], "Running after a baby");
    assert_eq!(post["@id"], format!("{permalink}#article"));
    assert_eq!(post["url"], permalink);
    assert_eq!(post["mainEntityOfPage"], permalink);
    assert_eq!(post["datePublished"], "2024-05-10T00:00:00Z");
    assert_eq!(post["dateModified"], "2024-06-01T00:00:00Z");
    assert_eq!(
        post["description"],
        "When and how to start running again after birth."
    );
    assert_eq!(post["image"][0], format!("{permalink}hero.svg"));
    let authors = post["author"].as_array().unwrap();
    assert_eq!(authors.len(), 2);
    let jo = &authors[0];
    assert_eq!(jo["@type"], "Person");
    assert_eq!(jo["name"], "Jo Park");
    assert_eq!(jo["url"], format!("{BASE}/authors/jo-park/"));
    assert_eq!(jo["@id"], format!("{BASE}/authors/jo-park/#person"));
    assert_eq!(
        jo["hasCredential"],
        serde_json::json!([
            {"@type": "EducationalOccupationalCredential", "name": "DPT"},
            {"@type": "EducationalOccupationalCredential", "name": "WCS"},
        ])
    );
    assert_eq!(authors[1]["name"], "Lee Moss");
    assert_eq!(post["publisher"]["@type"], "Organization");
    assert_eq!(post["publisher"]["name"], "Eastside Pelvic Care");
    assert_eq!(post["publisher"]["url"], format!("{BASE}/"));
    // Without `updated`, modified is published.
    let plain = &json_ld(&site, "posts/lifting-basics/index.html")["BlogPosting"];
    assert_eq!(plain["dateModified"], plain["datePublished"]);
    assert!(plain.get("image").is_none());
    // The article's breadcrumbs.
    let crumbs = &ld["BreadcrumbList"]["itemListElement"];
    assert_eq!(crumbs.as_array().unwrap().len(), 3);
    assert_eq!(crumbs[2]["item"], permalink);
}

#[test]
fn a_bio_is_a_person_and_a_clinic_a_medical_clinic() {
    let site = built();
    let person = &json_ld(&site, "authors/jo-park/index.html")["Person"];
    let url = format!("{BASE}/authors/jo-park/");
    assert_eq!(person["name"], "Jo Park");
    assert_eq!(person["url"], url);
    assert_eq!(person["@id"], format!("{url}#person"));
    assert_eq!(person["jobTitle"], "Pelvic-health physical therapist");
    assert_eq!(
        person["knowsLanguage"],
        serde_json::json!(["English", "Korean"])
    );
    assert_eq!(person["hasCredential"].as_array().unwrap().len(), 2);
    assert_eq!(
        person["image"],
        "https://example.org/clinic-blog/images/jo.svg"
    );
    let works_for = &person["worksFor"];
    assert_eq!(works_for["@type"], "MedicalClinic");
    assert_eq!(works_for["name"], "Eastside Clinic");
    assert_eq!(works_for["@id"], format!("{BASE}/clinics/eastside/#clinic"));

    let ld = json_ld(&site, "clinics/eastside/index.html");
    let clinic = &ld["MedicalClinic"];
    let url = format!("{BASE}/clinics/eastside/");
    assert_eq!(clinic["name"], "Eastside Clinic");
    assert_eq!(clinic["url"], url);
    assert_eq!(
        clinic["@id"],
        format!("{url}#clinic"),
        "the same @id as worksFor"
    );
    assert_eq!(
        clinic["address"],
        serde_json::json!({
            "@type": "PostalAddress",
            "streetAddress": "400 Oak Street, Suite 2",
            "addressLocality": "Portland",
            "addressRegion": "OR",
            "postalCode": "97214",
            "addressCountry": "US",
        })
    );
    assert_eq!(clinic["geo"]["@type"], "GeoCoordinates");
    assert_eq!(clinic["geo"]["latitude"], 45.5152);
    assert_eq!(clinic["geo"]["longitude"], -122.6784);
    assert_eq!(clinic["telephone"], "503-555-0123");
    // "Sat by appointment" has no hours to state.
    assert_eq!(
        clinic["openingHours"],
        serde_json::json!(["Mo-Th 07:30-18:00", "Fr 08:00-12:00"])
    );
    assert_eq!(
        clinic["openingHoursSpecification"][0],
        serde_json::json!({
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday"],
            "opens": "07:30",
            "closes": "18:00",
        })
    );
    let staff: Vec<&str> = clinic["employee"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(staff, ["Jo Park", "Lee Moss"]);
    assert!(ld.contains_key("BreadcrumbList"));
}

#[test]
fn archives_have_breadcrumbs_and_the_home_page_the_website() {
    let site = built();
    let ld = json_ld(&site, "categories/hip-pain/index.html");
    let items = ld["BreadcrumbList"]["itemListElement"].as_array().unwrap();
    let trail: Vec<(u64, &str, &str)> = items
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "ListItem");
            (
                i["position"].as_u64().unwrap(),
                i["name"].as_str().unwrap(),
                i["item"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        trail,
        [
            (1, "Home", "https://example.org/clinic-blog/"),
            (2, "Topics", "https://example.org/clinic-blog/categories/"),
            (
                3,
                "Hip Pain",
                "https://example.org/clinic-blog/categories/hip-pain/"
            ),
        ]
    );
    for page in [
        "categories/hip-pain/page/2/index.html",
        "tags/running/index.html",
        "authors/index.html",
        "clinics/index.html",
        "categories/index.html",
        "about/index.html",
        "search/index.html",
    ] {
        assert!(
            json_ld(&site, page).contains_key("BreadcrumbList"),
            "{page}"
        );
    }
    let home = json_ld(&site, "index.html");
    assert_eq!(home["WebSite"]["url"], format!("{BASE}/"));
    assert_eq!(home["WebSite"]["name"], "Eastside Pelvic Care");
    assert_eq!(
        home["WebSite"]["potentialAction"]["target"]["urlTemplate"],
        format!("{BASE}/search/?q={{search_term_string}}")
    );
    assert_eq!(home["Organization"]["@id"], format!("{BASE}/#organization"));
}

#[test]
fn a_title_with_script_tags_stays_text() {
    let site = built();
    let title = "Hip pain </script><script>alert(\"gotcha\")</script> & other <b>tags</b>";
    let text = site.read_out("posts/script-title/index.html");
    // Only the JSON-LD script (the page has no other).
    let doc = html(&text);
    let scripts = select(&doc, "script");
    assert_eq!(scripts.len(), 1, "a title must not add a script element");
    assert!(!text.contains("<script>alert"), "raw markup in the page");
    assert_eq!(text.matches("</script>").count(), 1);
    let ld = json_ld(&site, "posts/script-title/index.html");
    assert_eq!(ld["BlogPosting"]["headline"], title);
    assert_eq!(
        ld["BlogPosting"]["description"],
        "A title with markup in it must stay text: </script> & all."
    );
    assert_eq!(
        text_of(&select(&doc, "title")[0]),
        format!("{title} · Eastside Pelvic Care")
    );
    assert_eq!(
        meta_content(&doc, "meta[property='og:title']").as_deref(),
        Some(title)
    );
    assert_eq!(text_of(&select(&doc, "h1")[0]), title);
}

#[test]
fn every_page_has_unique_titles_descriptions_and_preview_tags() {
    let site = built();
    check_head_tags(&site, BASE);

    // A post with an image shows it in link previews; others get a plain card.
    let doc = html(&site.read_out("posts/hero-post/index.html"));
    assert_eq!(
        meta_content(&doc, "meta[property='og:image']").as_deref(),
        Some("https://example.org/clinic-blog/posts/hero-post/hero.svg")
    );
    assert_eq!(
        meta_content(&doc, "meta[property='og:image:alt']").as_deref(),
        Some("A runner on a forest trail")
    );
    assert_eq!(
        meta_content(&doc, "meta[name='twitter:card']").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta_content(&doc, "meta[name='twitter:image']").as_deref(),
        Some("https://example.org/clinic-blog/posts/hero-post/hero.svg")
    );
    assert_eq!(
        meta_content(&doc, "meta[property='og:type']").as_deref(),
        Some("article")
    );
    let doc = html(&site.read_out("posts/lifting-basics/index.html"));
    assert_eq!(
        meta_content(&doc, "meta[name='twitter:card']").as_deref(),
        Some("summary")
    );
    assert!(meta_content(&doc, "meta[property='og:image']").is_none());
    let doc = html(&site.read_out("index.html"));
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en-US"));
    assert_eq!(
        meta_content(&doc, "meta[property='og:locale']").as_deref(),
        Some("en_US")
    );
}

/// On every page: one `<title>` and description, both unique among the
/// pages of its language (a person's page has the same title in each); a canonical
/// URL that is the page's own absolute address and also `og:url`; the
/// OpenGraph and Twitter basics; `<html lang>`; and no microdata, which the
/// JSON-LD replaces.
fn check_head_tags(site: &Site, base: &str) {
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut descriptions: HashMap<String, String> = HashMap::new();
    for page in pages(site) {
        let text = site.read_out(&page);
        let doc = html(&text);
        let lang = select(&doc, "html")[0]
            .value()
            .attr("lang")
            .unwrap_or_default();
        let title = text_of(&select(&doc, "head title")[0]);
        if let Some(other) = titles.insert(format!("{lang} {title}"), page.clone()) {
            panic!("{page} and {other} share the title {title:?}");
        }
        let description = meta_content(&doc, "meta[name=description]")
            .unwrap_or_else(|| panic!("{page} has no description"));
        if !page.ends_with("404.html")
            && let Some(other) = descriptions.insert(description.clone(), page.clone())
        {
            panic!("{page} and {other} share the description {description:?}");
        }
        let canonical = select(&doc, "link[rel=canonical]")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_string();
        let expected = match page.strip_suffix("index.html") {
            Some(p) => format!("{base}/{p}"),
            None => format!("{base}/{page}"),
        };
        assert_eq!(canonical, expected, "{page}");
        assert_eq!(
            meta_content(&doc, "meta[property='og:url']").as_deref(),
            Some(canonical.as_str()),
            "{page}"
        );
        for tag in [
            "meta[property='og:title']",
            "meta[property='og:type']",
            "meta[property='og:site_name']",
            "meta[property='og:description']",
            "meta[name='twitter:card']",
            "meta[name='twitter:title']",
        ] {
            assert!(meta_content(&doc, tag).is_some(), "{page}: {tag}");
        }
        assert!(
            select(&doc, "html")[0].value().attr("lang").is_some(),
            "{page}"
        );
        assert!(
            select(&doc, "[itemscope], [itemprop]").is_empty(),
            "{page} still has microdata"
        );
        // Any JSON-LD is valid JSON.
        json_ld(site, &page);
    }
}

#[test]
fn the_demo_site_has_unique_titles_and_valid_json_ld() {
    let site = Site::demo();
    site.build_ok(&[]);
    let base = serde_yaml_base_url(&site);
    check_head_tags(&site, &base);
    // One of each kind, from the demo's own content.
    assert!(json_ld(&site, "clinics/austin/index.html").contains_key("MedicalClinic"));
    assert!(json_ld(&site, "posts/pelvic-pain-in-men/index.html").contains_key("BlogPosting"));
}

fn serde_yaml_base_url(site: &Site) -> String {
    let text = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("base_url:"))
        .expect("base_url in site.yaml");
    line["base_url:".len()..]
        .trim()
        .trim_matches('"')
        .trim_end_matches('/')
        .to_string()
}

fn child<'a, 'i>(rel: &str, n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.has_tag_name(name))
        .unwrap_or_else(|| panic!("{rel}: no <{name}>"))
}

/// An Atom feed's title, self link and entries: (title, link).
fn feed_entries(site: &Site, rel: &str) -> (String, String, Vec<(String, String)>) {
    let text = site.read_out(rel);
    let doc = parse_xml(rel, &text);
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed", "{rel}");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom"),
        "{rel}"
    );
    let title = child(rel, feed, "title").text().unwrap_or("").to_string();
    let self_link = feed
        .children()
        .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("self"))
        .and_then(|l| l.attribute("href"))
        .unwrap()
        .to_string();
    assert!(!child(rel, feed, "id").text().unwrap_or("").is_empty());
    assert!(!child(rel, feed, "updated").text().unwrap_or("").is_empty());
    let entries = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            for required in ["id", "updated", "author"] {
                child(rel, e, required);
            }
            let link = child(rel, e, "link").attribute("href").unwrap().to_string();
            (
                child(rel, e, "title").text().unwrap_or("").to_string(),
                link,
            )
        })
        .collect();
    (title, self_link, entries)
}

/// The `<entry>` of the post at `link` in Atom feed text `feed`, as written.
pub(crate) fn entry_of<'a>(feed: &'a str, link: &str) -> &'a str {
    let id = feed
        .find(&format!("<id>{link}</id>"))
        .unwrap_or_else(|| panic!("no entry {link} in:\n{feed}"));
    let start = feed[..id].rfind("<entry>").expect("an <entry>");
    let end = id + feed[id..].find("</entry>").expect("a </entry>");
    &feed[start..end + "</entry>".len()]
}

#[test]
fn a_post_has_the_same_entry_in_every_feed_that_shows_it() {
    let site = built();
    let link = format!("{BASE}/posts/hero-post/");
    let feeds = [
        "feed.xml",
        "authors/lee-moss/feed.xml",
        "categories/hip-pain/feed.xml",
    ]
    .map(|f| site.read_out(f));
    let entry = entry_of(&feeds[0], &link);
    assert!(entry.contains("<content type=\"html\">&lt;"), "{entry}");
    assert!(
        entry.contains(&format!("<uri>{BASE}/authors/lee-moss/</uri>")),
        "{entry}"
    );
    for feed in &feeds[1..] {
        assert_eq!(entry_of(feed, &link), entry);
    }
}

#[test]
fn authors_and_categories_have_their_own_feeds() {
    let site = built();
    let (title, self_link, entries) = feed_entries(&site, "authors/lee-moss/feed.xml");
    assert_eq!(title, "Lee Moss · Eastside Pelvic Care");
    assert_eq!(self_link, format!("{BASE}/authors/lee-moss/feed.xml"));
    assert_eq!(
        entries,
        [
            (
                "Running after a baby".to_string(),
                format!("{BASE}/posts/hero-post/")
            ),
            (
                "Lifting basics".to_string(),
                format!("{BASE}/posts/lifting-basics/")
            ),
        ]
    );
    let (title, self_link, entries) = feed_entries(&site, "categories/hip-pain/feed.xml");
    assert_eq!(title, "Hip Pain · Eastside Pelvic Care");
    assert_eq!(self_link, format!("{BASE}/categories/hip-pain/feed.xml"));
    let links: Vec<&str> = entries.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        links,
        [
            format!("{BASE}/posts/hero-post/"),
            format!("{BASE}/posts/script-title/")
        ]
    );
    // The script title is escaped XML, and read back as text.
    assert!(entries[1].0.starts_with("Hip pain </script>"));

    // The pages link to their feed (every page of a listing), next to the site's.
    for (page, feed, name) in [
        (
            "authors/lee-moss/index.html",
            "authors/lee-moss/feed.xml",
            "Articles by Lee Moss",
        ),
        (
            "categories/hip-pain/index.html",
            "categories/hip-pain/feed.xml",
            "Articles about Hip Pain",
        ),
        (
            "categories/hip-pain/page/2/index.html",
            "categories/hip-pain/feed.xml",
            "Articles about Hip Pain",
        ),
    ] {
        let doc = html(&site.read_out(page));
        let links: Vec<(String, String)> =
            select(&doc, "link[rel=alternate][type='application/atom+xml']")
                .iter()
                .map(|l| {
                    (
                        l.value().attr("href").unwrap().to_string(),
                        l.value().attr("title").unwrap().to_string(),
                    )
                })
                .collect();
        assert_eq!(
            links,
            [
                (
                    "/clinic-blog/feed.xml".to_string(),
                    "Eastside Pelvic Care".to_string()
                ),
                (format!("/clinic-blog/{feed}"), name.to_string()),
            ],
            "{page}"
        );
    }
    let doc = html(&site.read_out("tags/running/index.html"));
    assert_eq!(
        select(&doc, "link[rel=alternate][type='application/atom+xml']").len(),
        1,
        "tags have no feed of their own"
    );
}

#[test]
fn a_listing_feed_has_the_newest_twenty_posts() {
    let site = Site::fixture("seo");
    for n in 1..=25 {
        site.write(
            &format!("content/posts/note-{n:02}.md"),
            format!(
                "---\ntitle: \"Note {n}\"\ndate: 2025-01-{n:02}\nauthor: lee-moss\ncategories: [Exercise]\n---\n\nNote {n}.\n"
            ),
        );
    }
    site.build_ok(&[]);
    for feed in ["categories/exercise/feed.xml", "authors/lee-moss/feed.xml"] {
        let (_, _, entries) = feed_entries(&site, feed);
        assert_eq!(entries.len(), 20, "{feed}");
        assert_eq!(entries[0].0, "Note 25", "{feed}");
        assert_eq!(entries[19].0, "Note 6", "{feed}");
    }
}

#[test]
fn with_tag_feeds_every_tag_has_a_feed_linked_from_its_page() {
    let site = Site::fixture("seo");
    copy_dir(
        &repo_root().join("themes/clinic"),
        &site.path("themes/clinic"),
    );
    site.write(
        "content/posts/tag-feed-link.md",
        "---\ntitle: Follow running\ndate: 2023-01-05\nauthor: lee-moss\n---\n\nThe [running feed](/tags/running/feed.xml).\n",
    );
    // Tags have no feed by default: the link points to nothing.
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "content/posts/tag-feed-link.md:7: the link `/tags/running/feed.xml` points to nothing"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.path("public/tags/running/feed.xml").exists());

    site.append("site.yaml", "tag_feeds: true\n");
    site.build_ok(&[]);
    let (title, self_link, entries) = feed_entries(&site, "tags/running/feed.xml");
    assert_eq!(title, "running · Eastside Pelvic Care");
    assert_eq!(self_link, format!("{BASE}/tags/running/feed.xml"));
    let links: Vec<&str> = entries.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        links,
        [
            format!("{BASE}/posts/hero-post/"),
            format!("{BASE}/posts/script-title/")
        ]
    );
    let doc = html(&site.read_out("tags/running/index.html"));
    let feeds: Vec<(String, String)> =
        select(&doc, "link[rel=alternate][type='application/atom+xml']")
            .iter()
            .map(|l| {
                let attr = |name| l.value().attr(name).unwrap_or_default().to_string();
                (attr("href"), attr("title"))
            })
            .collect();
    assert!(
        feeds.contains(&(
            "/clinic-blog/tags/running/feed.xml".to_string(),
            "Articles tagged running".to_string()
        )),
        "{feeds:?}"
    );
    // The site's feed is unchanged by the key; no page links to a missing feed.
    assert!(site.path("public/feed.xml").exists());
}
