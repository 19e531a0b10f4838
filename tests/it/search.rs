//! The search index a build writes (search/index.json, the packs of
//! postings and documents) and the search page, without a browser. The ranking in the
//! browser is tested by tests/search_browser.rs.

use crate::common;

use common::{Site, html, select, text_of};
use serde_json::Value;

fn read_json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&site.read_out(rel))
        .unwrap_or_else(|e| panic!("public/{rel} is not JSON: {e}"))
}

/// Item `i` of the packs `folder` (`p`: postings, `d`: documents), read as
/// the browser reads it: the bytes `index.json` gives it in its pack file,
/// checked against the pack's own item `i`.
fn item_of(site: &Site, index: &Value, folder: &str, i: usize) -> Value {
    let table = &index[folder];
    let first: Vec<usize> = table["first"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    let lens = gait::search::decode_numbers(table["len"].as_str().unwrap());
    let k = first.iter().rposition(|&f| f <= i).unwrap();
    let pack = site.read_out(&format!("search/{folder}/{k}.json"));
    let start = 1 + (first[k]..i).map(|j| lens[j] as usize + 1).sum::<usize>();
    let one: Value = serde_json::from_slice(&pack.as_bytes()[start..start + lens[i] as usize])
        .unwrap_or_else(|e| panic!("item {i} of {folder}/{k}.json at {start}: {e}"));
    let all: Value = serde_json::from_str(&pack).unwrap();
    assert_eq!(all[i - first[k]], one, "item {i} of {folder}/{k}.json");
    one
}

/// Document `d` of the index.
fn doc_of(site: &Site, d: usize) -> Value {
    item_of(site, &read_json(site, "search/index.json"), "d", d)
}

/// The documents whose postings for the stem of `word` are listed, with
/// their weights, as (URL, weight).
fn postings_of(site: &Site, index: &Value, word: &str) -> Vec<(String, u8)> {
    let stem = gait::search::stem(word);
    let stems: Vec<&str> = index["stems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let Some(id) = stems.iter().position(|s| *s == stem) else {
        return Vec::new();
    };
    let encoded = item_of(site, index, "p", id);
    let encoded = encoded.as_str().unwrap();
    gait::search::decode_postings(encoded)
        .into_iter()
        .map(|(doc, w)| {
            let d = doc_of(site, doc as usize);
            (d["u"].as_str().unwrap().to_string(), w)
        })
        .collect()
}

#[test]
fn the_index_covers_posts_pages_authors_and_clinics() {
    let site = Site::fixture("search");
    site.build_ok(&[]);
    let index = read_json(&site, "search/index.json");
    assert_eq!(index["v"], 2);
    // 16 posts, 1 page, 1 author, 1 clinic.
    assert_eq!(index["n"], 19);
    for d in 0..19 {
        let doc = doc_of(&site, d);
        for key in ["k", "t", "u", "s", "x"] {
            assert!(doc.get(key).is_some(), "document {d} has no {key}: {doc}");
        }
    }
    // Posts come first, newest first: a lower id is a newer post.
    let first = doc_of(&site, 0);
    assert_eq!(first["u"], "/posts/week-12/");
    assert_eq!(first["k"], "post");
    assert_eq!(first["d"], "December 1, 2025");
    assert_eq!(first["a"], "Ana Ruiz, DPT, PRPC");
    let kinds: Vec<String> = (0..19)
        .map(|d| doc_of(&site, d)["k"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(&kinds[16..], ["page", "author", "clinic"]);

    // A word only in one post's body.
    assert_eq!(
        postings_of(&site, &index, "zygapophyseal"),
        [("/posts/quiet-bladder/".to_string(), 1)]
    );
    // Title (8) beats body (1–3); categories, tags and authors (4) in between.
    let piriformis = postings_of(&site, &index, "piriformis");
    let weight = |url: &str| piriformis.iter().find(|(u, _)| u == url).map(|(_, w)| *w);
    assert_eq!(
        weight("/posts/piriformis-syndrome/").map(|w| w & 8),
        Some(8)
    );
    assert_eq!(weight("/posts/sitting-well/"), Some(2), "twice in the body");
    assert_eq!(weight("/posts/runners-hips/"), Some(1));
    assert_eq!(
        postings_of(&site, &index, "sciatica"),
        [("/posts/piriformis-syndrome/".to_string(), 4)],
        "a tag"
    );
    // Stems: "stretching" and "stretches" are one entry.
    assert_eq!(
        postings_of(&site, &index, "stretch"),
        [("/posts/runners-hips/".to_string(), 3)],
        "summary (counts twice) + body"
    );
    // Accents are folded, stop words and heading anchors left out.
    let words: Vec<&str> = index["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(words.contains(&"cafe"), "café is indexed as cafe");
    for absent in ["the", "and", "link", "section"] {
        assert!(!words.contains(&absent), "{absent} should not be indexed");
    }
    // Every stem's postings are where index.json says, as many as its df.
    for (id, df) in index["df"].as_array().unwrap().iter().enumerate() {
        let encoded = item_of(&site, &index, "p", id);
        let postings = gait::search::decode_postings(encoded.as_str().unwrap());
        assert_eq!(postings.len() as u64, df.as_u64().unwrap(), "stem {id}");
    }
    // Every word points at a stem.
    assert_eq!(
        index["words"].as_array().unwrap().len(),
        index["ws"].as_array().unwrap().len()
    );
}

#[test]
fn the_titles_table_matches_the_documents_column_by_column() {
    let site = Site::fixture("search");
    site.build_ok(&[]);
    let titles = read_json(&site, "search/titles.json");
    let keys = ["k", "t", "u", "d", "i", "a"];
    for key in keys {
        assert_eq!(titles[key].as_array().map(Vec::len), Some(19), "{key}");
    }
    for d in 0..19 {
        let doc = doc_of(&site, d);
        for key in keys {
            // A document without a date or authors has "" in the table.
            let want = doc.get(key).cloned().unwrap_or(Value::from(""));
            assert_eq!(titles[key][d], want, "document {d}, {key}");
        }
    }
    assert_eq!(titles["t"][0], "Week 12 at the clinic");
    assert_eq!(titles["i"][0], "2025-12-01T00:00:00Z");
    assert_eq!(titles["k"][17], "author");
    assert_eq!(titles["d"][17], "");
}

#[test]
fn the_search_page_works_as_a_form_and_explains_it_needs_javascript() {
    let site = Site::fixture("search");
    site.build_ok(&[]);
    let doc = html(&site.read_out("search/index.html"));
    assert_eq!(
        text_of(&select(&doc, "title")[0]),
        "Search · Search Test Clinic"
    );
    let form = &select(&doc, "main form[role=search]")[0];
    assert_eq!(form.value().attr("action"), Some("/search/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(
        select(&doc, "main form input[name=q][type=search]").len(),
        1
    );
    let nojs = text_of(&select(&doc, "#search-nojs")[0]);
    assert!(nojs.contains("Search needs JavaScript"), "{nojs}");
    // The status region is in the page from the start, empty.
    let status = select(&doc, "[role=status]");
    assert_eq!(status.len(), 1);
    assert_eq!(text_of(&status[0]), "");
    let root = &select(&doc, "[data-search]")[0];
    assert_eq!(root.value().attr("data-index"), Some("/search/index.json"));
    // The script under its fingerprinted name (`js/search.<hash>.js`), which exists.
    let script = select(&doc, "script[src^='/js/search.']");
    assert_eq!(script.len(), 1);
    let src = script[0].value().attr("src").unwrap();
    assert!(site.out_exists(&src[1..]), "{src}");
    assert!(site.out_exists("js/search.js"));
    assert!(site.out_exists("css/search.css"));

    // Every page has the header form, which submits to the search page:
    // shown in the header on wide screens, behind the "Search" button
    // (a <details>) on phones.
    for page in site.html_files() {
        let doc = html(&site.read_out(&page));
        if select(&doc, "meta[http-equiv=refresh]").is_empty() {
            let forms = select(&doc, "header form[role=search]");
            assert_eq!(forms.len(), 2, "{page}");
            for form in &forms {
                assert_eq!(form.value().attr("action"), Some("/search/"), "{page}");
            }
            assert_eq!(
                select(&doc, "header .header-search-toggle > form[role=search]").len(),
                1,
                "{page}"
            );
        }
    }
}

#[test]
fn the_search_index_follows_the_base_path() {
    let site = Site::fixture("search");
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    let doc = html(&site.read_out("search/index.html"));
    let root = &select(&doc, "[data-search]")[0];
    assert_eq!(
        root.value().attr("data-index"),
        Some("/blog/search/index.json")
    );
    assert_eq!(
        select(&doc, "header form[role=search]")[0]
            .value()
            .attr("action"),
        Some("/blog/search/")
    );
    let d = doc_of(&site, 0);
    assert_eq!(d["u"], "/blog/posts/week-12/");
}

#[test]
fn a_page_cannot_take_the_search_address() {
    let site = Site::fixture("search");
    site.write(
        "content/pages/search.md",
        "---\ntitle: Search us\n---\n\nHello.\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("content/pages/search.md") && run.stderr.contains("/search"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_demo_index_is_small_and_complete() {
    let site = Site::demo();
    site.build_ok(&[]);
    let index = read_json(&site, "search/index.json");
    let posts = site
        .out_files()
        .iter()
        .filter(|f| f.starts_with("posts/") && f.ends_with("/index.html"))
        .count();
    assert!(index["n"].as_u64().unwrap() as usize > posts);
    let size = site.read_out("search/index.json").len();
    assert!(size < 200_000, "index.json is {size} bytes");
}

/// A result's byline joins its authors with the language's "and": "y" in
/// the Spanish index (it said "Por Linh Tran, PT, MPT, CAPP-OB and Rosa
/// Delgado, DPT, OCS" on the Spanish search page), "and" in the English one.
#[test]
fn bylines_of_results_join_authors_in_the_pages_language() {
    let site = Site::demo();
    site.build_ok(&[]);
    let byline = |folder: &str, url: &str| {
        let titles = read_json(&site, &format!("{folder}search/titles.json"));
        let d = titles["u"]
            .as_array()
            .and_then(|u| u.iter().position(|v| v == url))
            .unwrap_or_else(|| panic!("{url} is not in {folder}search/titles.json"));
        titles["a"][d].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(
        byline("es/", "/es/posts/pelvic-girdle-pain-in-pregnancy/"),
        "Linh Tran, PT, MPT, CAPP-OB y Rosa Delgado, DPT, OCS"
    );
    assert_eq!(
        byline("", "/posts/pelvic-girdle-pain-in-pregnancy/"),
        "Linh Tran, PT, MPT, CAPP-OB and Rosa Delgado, DPT, OCS"
    );
}
