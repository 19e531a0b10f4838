//! Hostile input, part 3: every front-matter string reaches every output —
//! HTML text, attributes, JSON-LD, the feeds, the sitemap, the finder's
//! therapists.json and the search index — escaped for its context, so it
//! reads back exactly as written and never becomes markup or script.
//! Comments render Markdown without raw HTML or script links, and
//! `gait check` warns about script in post bodies.

use crate::common;
use crate::hostile_support;

use common::*;
use hostile_support::*;
use serde_json::Value;

/// Markup, script breakers, quotes, a JSON line separator, Tera syntax and
/// (through YAML escapes) control characters XML cannot hold.
const EVIL: &str = "</script><script>alert(\"x\")</script> <b onmouseover='y()'>&amp; \u{2028} {{ site }} {% raw %}";
const EVIL_YAML: &str = "\"</script><script>alert(\\\"x\\\")</script> <b onmouseover='y()'>&amp; \\u2028 {{ site }} {% raw %}\"";

fn evil_site() -> Site {
    let e = EVIL_YAML;
    let site = Site::fixture("basic");
    let cfg = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let cfg = cfg
        .replace("title: Riverbend Pelvic Therapy", &format!("title: {e}"))
        .replace(
            "description: A small test practice with two clinics.",
            &format!("description: {e}"),
        );
    site.write("site.yaml", cfg);
    site.write(
        "content/posts/evil.md",
        format!(
            "---\ntitle: {e}\ndate: 2024-03-01\nauthor: evil\nsummary: {e}\ncategories: [{e}]\ntags: [{e}]\nimage: /images/x.svg\nimage_alt: {e}\n---\nA plain body.\n"
        ),
    );
    site.write(
        "static/images/x.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/authors/evil.md",
        format!(
            "---\nname: {e}\ncredentials: {e}\nrole: {e}\nclinic: riverside\npronouns: {e}\nspecialties: [{e}]\nlanguages: [{e}]\nvirtual: true\ntelehealth_states: [TX]\n---\nBio.\n"
        ),
    );
    site.write(
        "content/clinics/evil.md",
        format!("---\nname: {e}\naddress: {e}\ncity: {e}\nstate: TX\nhours: [{e}]\n---\nAbout.\n"),
    );
    site.write(
        "content/pages/evil.md",
        format!("---\ntitle: {e}\nsummary: {e}\n---\nText.\n"),
    );
    site.write(
        "content/comments/evil.yaml",
        format!("- id: 1\n  author: {e}\n  date: 2024-03-02\n  body: Nice\n"),
    );
    site.write(
        "data/referrals.yaml",
        format!("- name: {e}\n  practice: {e}\n  city: {e}\n  state: TX\n  specialties: [{e}]\n"),
    );
    builds_with(&site, &[]);
    site
}

/// The script elements of a page that are not the theme's own.
fn foreign_scripts(html: &str) -> Vec<String> {
    let doc = common::html(html);
    select(&doc, "script")
        .into_iter()
        .filter(|s| {
            s.value().attr("src").is_none() && s.value().attr("type") != Some("application/ld+json")
        })
        .map(|s| s.html())
        .filter(|s| s.contains("alert"))
        .collect()
}

#[test]
fn front_matter_strings_are_text_in_every_page() {
    let site = evil_site();
    for page in site.html_files() {
        let html = site.read_out(&page);
        assert!(
            foreign_scripts(&html).is_empty(),
            "{page}: {:?}",
            foreign_scripts(&html)
        );
        let doc = common::html(&html);
        assert!(
            select(&doc, "b[onmouseover]").is_empty(),
            "{page}: markup from front matter"
        );
        assert!(!html.contains("<b onmouseover"), "{page}");
        // Tera syntax in values is not evaluated.
        if html.contains("{{") {
            assert!(html.contains("{{ site }}"), "{page}");
        }
    }
    let doc = common::html(&site.read_out("posts/evil/index.html"));
    let h1 = select(&doc, "h1");
    assert_eq!(
        text_of(&h1[0]),
        EVIL.split_whitespace().collect::<Vec<_>>().join(" ")
    );
}

#[test]
fn front_matter_strings_read_back_exactly_from_attributes() {
    let site = evil_site();
    let doc = common::html(&site.read_out("posts/evil/index.html"));
    let metas = select(&doc, "meta[property='og:title'], meta[name='description']");
    assert!(metas.len() >= 2);
    for m in metas {
        let content = m.value().attr("content").unwrap();
        assert!(
            content.starts_with("</script><script>alert(\"x\")"),
            "{content}"
        );
    }
    let img = select(&doc, "img[src$='x.svg']");
    assert_eq!(img[0].value().attr("alt"), Some(EVIL));
}

#[test]
fn json_ld_escapes_script_breakers_and_reads_back() {
    let site = evil_site();
    for page in [
        "posts/evil/index.html",
        "authors/evil/index.html",
        "clinics/evil/index.html",
        "index.html",
    ] {
        let html = site.read_out(page);
        let doc = common::html(&html);
        let scripts = select(&doc, "script[type='application/ld+json']");
        assert_eq!(scripts.len(), 1, "{page}");
        let raw: String = scripts[0].text().collect();
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!raw.contains(bad), "{page}: JSON-LD holds a raw {bad:?}");
        }
        assert!(raw.contains("\\u003c/script\\u003e"), "{page}");
        // Keys in order, escaped as it always was.
        crate::seo::json_ld(&site, page);
        let v: Value = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(
            v.to_string()
                .contains(&serde_json::to_string(EVIL).unwrap()[1..20]),
            "{page}"
        );
    }
    let raw = site.read_out("posts/evil/index.html");
    let doc = common::html(&raw);
    let ld: Value = serde_json::from_str(
        &select(&doc, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .unwrap();
    let article = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == "BlogPosting")
        .unwrap();
    assert_eq!(article["headline"], EVIL);
}

#[test]
fn feeds_and_sitemap_are_well_formed_and_read_back() {
    let site = evil_site();
    let feed = site.read_out("feed.xml");
    let doc = parse_xml("feed.xml", &feed);
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some(EVIL));
    let entry_titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
        })
        .collect();
    assert!(entry_titles.contains(&EVIL), "{entry_titles:?}");
    let category = doc
        .descendants()
        .find(|n| n.has_tag_name("category") && n.attribute("label") == Some(EVIL));
    assert!(category.is_some(), "category label does not read back");
    for f in site.out_files().iter().filter(|f| f.ends_with(".xml")) {
        parse_xml(f, &site.read_out(f));
    }
}

#[test]
fn control_characters_are_left_out_of_xml() {
    let site = site_with(&[(
        "content/posts/bell.md",
        post_text(
            "summary: \"tab\\there\\x0bvertical\\x1b[31m\"\ncategories: [\"a\\x01b\"]\n",
            "Body \u{7} text\n",
        )
        .replace("title: Hostile", "title: \"Bell\\a and \\x01\"")
        .as_bytes(),
    )]);
    builds_with(&site, &[]);
    for f in site.out_files().iter().filter(|f| f.ends_with(".xml")) {
        parse_xml(f, &site.read_out(f));
    }
    let feed = site.read_out("feed.xml");
    assert!(feed.contains("<title>Bell and </title>"), "{feed}");
    assert!(
        feed.contains("<summary>tab\there vertical[31m</summary>")
            || feed.contains("<summary>tab\therevertical[31m</summary>"),
        "{feed}"
    );
}

#[test]
fn therapists_json_and_search_index_read_back() {
    let site = evil_site();
    // Fetched as a file, never put inside a page: JSON's own escaping is the right one.
    let data = site.read_out("find-a-therapist/therapists.json");
    let v: Value = serde_json::from_str(&data).unwrap();
    let names: Vec<String> = find_strings(&v, "name");
    assert!(names.iter().any(|n| n == EVIL), "{names:?}");
    for f in site.out_files().iter().filter(|f| f.ends_with(".json")) {
        let raw = site.read_out(f);
        serde_json::from_str::<Value>(&raw).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
}

fn find_strings(v: &Value, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == key
                    && let Some(s) = x.as_str()
                {
                    out.push(s.to_string());
                }
                out.extend(find_strings(x, key));
            }
        }
        Value::Array(a) => a.iter().for_each(|x| out.extend(find_strings(x, key))),
        _ => {}
    }
    out
}

// ---- comments: Markdown without raw HTML and without script links ----

fn comment_html(body_yaml: &str) -> String {
    let site = site_with(&[(
        "content/comments/gentle-core-work.yaml",
        format!("- id: 1\n  author: Lou\n  date: 2024-03-02\n  body: {body_yaml}\n").as_bytes(),
    )]);
    builds_with(&site, &[]);
    let html = site.read_out("posts/gentle-core-work/index.html");
    let doc = common::html(&html);
    let bodies = select(&doc, ".comment-body");
    assert_eq!(bodies.len(), 1);
    bodies[0].inner_html()
}

#[test]
fn comment_raw_html_is_shown_as_text() {
    let html = comment_html(
        "\"<script>alert(1)</script> <img src=x onerror=alert(2)> <a href='javascript:alert(3)'>x</a>\"",
    );
    assert_eq!(
        html,
        "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &lt;a href='javascript:alert(3)'&gt;x&lt;/a&gt;"
    );
}

#[test]
fn comment_script_links_lose_their_address() {
    let html = comment_html(
        "\"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c]( \\tjava\\nscript:alert(3)) [d](&#106;avascript:alert(4)) [e](vbscript:x) [f](data:text/html;base64,PHNjcmlwdD4=) ![g](javascript:alert(5)) <javascript:alert(6)> [ok](https://example.org/)\"",
    );
    let doc = common::html(&html);
    let addresses: Vec<&str> = select(&doc, "[href], [src]")
        .iter()
        .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
        .flatten()
        .collect();
    assert_eq!(addresses, ["", "https://example.org/"], "{html}");
    // The text of each link stays; `<javascript:...>` is shown as text.
    assert_eq!(
        html,
        "<p><a>a</a> <a>b</a> [c]( \tjava\nscript:alert(3)) <a>d</a> <a>e</a> <a>f</a> <img alt=\"g\" src=\"\"> <a>javascript:alert(6)</a> <a href=\"https://example.org/\" rel=\"noopener\">ok</a></p>\n"
    );
}

// ---- gait check: script in post bodies ----

#[test]
fn gait_check_warns_about_script_handlers_and_script_links_in_posts() {
    let body = "Intro.\n\n<script>track()</script>\n\n<div onclick=\"go()\">Tap</div>\n\n[Click](javascript:void(0))\n";
    let site = site_with(&[("content/posts/risky.md", post_text("", body).as_bytes())]);
    let run = site.run(&["check"]);
    run.expect_success().expect_stderr(&[
        "warning: content/posts/risky.md:8: raw HTML with <script> runs code in readers' browsers",
        "     8 | <script>track()</script>",
        "  help: remove it unless you are sure it is needed and safe",
        "warning: content/posts/risky.md:10: raw HTML with onclick= runs code in readers' browsers",
        "    10 | <div onclick=\"go()\">Tap</div>",
        "  help: remove it unless you are sure it is needed and safe",
        "warning: content/posts/risky.md:12: a `javascript:` link runs code in readers' browsers",
        "    12 | [Click](javascript:void(0))",
        "  help: link to a page instead, or remove the link",
    ]);
    // Staff are trusted: the build keeps their HTML.
    let run = site.build_ok(&[]);
    assert!(run.stderr.contains("raw HTML with <script>"));
    assert!(
        site.read_out("posts/risky/index.html")
            .contains("<script>track()</script>")
    );
}
