//! Site search in a real browser (headless Chromium + chromedriver): what a
//! query finds and in which order, typos, prefixes, stems and accents; and
//! the helpers the other search browser tests share. The page itself (the
//! address, the keyboard, loading, no JavaScript) is tested in
//! `search_page_browser.rs`, query times in `search_bench.rs`.
//!
//! The fixture (tests/fixtures/search) is described in its site.yaml.

use crate::browser;

use std::sync::OnceLock;

use browser::{Options, js, wait_for, with_browser};
use fantoccini::{Client, Locator};
use serde_json::Value;

pub(crate) const PAGE: &str = "/search/";

pub(crate) fn site() -> &'static str {
    static SITE: OnceLock<(browser::BuiltSite, String)> = OnceLock::new();
    let (_, origin) = SITE.get_or_init(|| {
        let built = browser::build_fixture("search", |_| {});
        let origin = browser::serve(built.public.clone());
        (built, origin)
    });
    origin
}

/// Wait until the results for `q` are on the page with their snippets (the
/// list is no longer aria-busy); returns the status text once it is announced.
pub(crate) async fn results_for(c: &Client, q_text: &str) -> String {
    let q = serde_json::to_string(q_text).unwrap();
    wait_for(
        c,
        &format!(
            "(() => {{ const l = document.getElementById('search-results');
                return l.dataset.query === {q} && !l.hasAttribute('aria-busy'); }})()"
        ),
        "the results and their snippets",
    )
    .await;
    // The status is announced a moment later, naming the query.
    let named = serde_json::to_string(&format!("“{}”", q_text.trim())).unwrap();
    let status = wait_for(
        c,
        &format!(
            "(() => {{ const s = document.getElementById('search-status'); const t = s.textContent.trim();
                return t === s.dataset.pending && t.includes({named}) && t; }})()"
        ),
        "the status",
    )
    .await;
    status.as_str().unwrap().to_string()
}

/// The URLs of the results on the page, in order.
pub(crate) async fn result_urls(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('#search-results .search-result-title a')].map(a => a.getAttribute('href'));",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Click the element `css` selects.
pub(crate) async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Replace the field's text as a person would (the page listens to `input`).
pub(crate) async fn type_query(c: &Client, q: &str) {
    js(
        c,
        "const q = document.getElementById('search-q'); q.value = ''; q.dispatchEvent(new Event('input', {bubbles: true}));",
    )
    .await;
    c.find(Locator::Css("#search-q"))
        .await
        .unwrap()
        .send_keys(q)
        .await
        .unwrap();
}

pub(crate) async fn open(c: &Client, query: &str) {
    c.goto(&format!("{}{PAGE}{query}", site())).await.unwrap();
    wait_for(
        c,
        "document.querySelector('.search-js')",
        "the search script",
    )
    .await;
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn a_word_only_in_one_body_is_found_with_a_highlighted_snippet() {
    let tools = browser::tools();
    let _ = site();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, "").await;
        // The status region is there, empty, before any query.
        assert_eq!(
            js(&c, "const s = document.getElementById('search-status'); return [s.getAttribute('role'), s.textContent];").await,
            serde_json::json!(["status", ""])
        );
        type_query(&c, "zygapophyseal").await;
        assert_eq!(
            results_for(&c, "zygapophyseal").await,
            "1 result for “zygapophyseal”"
        );
        assert_eq!(result_urls(&c).await, ["/posts/quiet-bladder/"]);
        let item = js(
            &c,
            "const li = document.querySelector('.search-result'); return {
                title: li.querySelector('h2').textContent,
                meta: li.querySelector('.search-result-meta').textContent,
                date: li.querySelector('time').getAttribute('datetime'),
                marks: [...li.querySelectorAll('.search-result-snippet mark')].map(m => m.textContent),
                snippet: li.querySelector('.search-result-snippet').textContent };",
        )
        .await;
        assert_eq!(item["title"], "A quiet bladder for long drives");
        assert_eq!(item["meta"], "March 2, 2024 · , By Ana Ruiz, DPT, PRPC");
        assert_eq!(item["date"], "2024-03-02T00:00:00Z");
        assert_eq!(item["marks"], serde_json::json!(["zygapophyseal"]));
        let snippet = item["snippet"].as_str().unwrap();
        assert!(
            // The heading is set off from the text under it, the sentence
            // before it needs no separator.
            snippet.contains("fluids. Why joints matter · Stiffness in the zygapophyseal joints")
                && !snippet.contains("Link to this section"),
            "{snippet}"
        );
        // The address follows the field.
        assert_eq!(js(&c, "return location.search;").await, "?q=zygapophyseal");
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn typos_prefixes_stems_stop_words_and_accents() {
    let tools = browser::tools();
    let _ = site();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, "").await;
        // One edit away, for words of five letters or more: changed, missing,
        // added and swapped letters.
        for typo in [
            "zygapophyseel",
            "zygapophysal",
            "zygapophyseall",
            "zygapohpyseal",
        ] {
            type_query(&c, &format!("{typo} ")).await;
            results_for(&c, &format!("{typo} ")).await;
            assert_eq!(result_urls(&c).await, ["/posts/quiet-bladder/"], "{typo}");
        }
        // One edit from a stem: "strech" is one letter short of "stretch",
        // which only occurs as "stretching" and "stretches".
        type_query(&c, "strech ").await;
        results_for(&c, "strech ").await;
        assert_eq!(result_urls(&c).await, ["/posts/runners-hips/"]);
        // Two edits: nothing.
        type_query(&c, "zygapohpyseel ").await;
        let none = results_for(&c, "zygapohpyseel ").await;
        assert!(none.starts_with("No results for"), "{none}");
        assert_eq!(result_urls(&c).await, Vec::<String>::new());
        // Short words get no typo tolerance: "hop" is not "hip".
        type_query(&c, "hop ").await;
        assert!(results_for(&c, "hop ").await.starts_with("No results"));

        // The word being typed matches as a prefix.
        type_query(&c, "zygapo").await;
        results_for(&c, "zygapo").await;
        assert_eq!(result_urls(&c).await, ["/posts/quiet-bladder/"]);
        let mark = js(
            &c,
            "return document.querySelector('.search-result-snippet mark').textContent;",
        )
        .await;
        assert_eq!(mark, "zygapophyseal");
        // ... but not once a space follows it.
        type_query(&c, "zygapo ").await;
        assert!(results_for(&c, "zygapo ").await.starts_with("No results"));

        // Stems: "stretch" finds "stretching" and "stretches".
        type_query(&c, "stretch ").await;
        results_for(&c, "stretch ").await;
        assert_eq!(result_urls(&c).await, ["/posts/runners-hips/"]);
        let marks = js(
            &c,
            "return [...document.querySelectorAll('.search-result mark')].map(m => m.textContent);",
        )
        .await;
        assert!(
            marks
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "stretches" || m == "stretching"),
            "{marks}"
        );

        // Stop words are skipped; every other word must match.
        type_query(&c, "the zygapophyseal joints ").await;
        results_for(&c, "the zygapophyseal joints ").await;
        assert_eq!(result_urls(&c).await, ["/posts/quiet-bladder/"]);
        type_query(&c, "zygapophyseal piriformis ").await;
        assert!(
            results_for(&c, "zygapophyseal piriformis ")
                .await
                .starts_with("No results")
        );

        // Accents: "cafe" finds "café", and pages, therapists and clinics are searchable.
        type_query(&c, "cafe ").await;
        results_for(&c, "cafe ").await;
        assert_eq!(result_urls(&c).await, ["/about/"]);
        assert_eq!(
            js(
                &c,
                "return document.querySelector('.search-result-meta').textContent;"
            )
            .await,
            "Page"
        );
        type_query(&c, "spanish ").await;
        results_for(&c, "spanish ").await;
        assert_eq!(result_urls(&c).await, ["/authors/ana-ruiz/"]);
        type_query(&c, "main street ").await;
        results_for(&c, "main street ").await;
        assert_eq!(result_urls(&c).await, ["/clinics/midtown/"]);
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn a_title_match_ranks_above_newer_body_matches() {
    let tools = browser::tools();
    let _ = site();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, "").await;
        type_query(&c, "piriformis").await;
        assert_eq!(
            results_for(&c, "piriformis").await,
            "3 results for “piriformis”"
        );
        // The oldest post has the word in its title; the two newer ones in
        // their bodies, the one that says it twice first.
        assert_eq!(
            result_urls(&c).await,
            [
                "/posts/piriformis-syndrome/",
                "/posts/sitting-well/",
                "/posts/runners-hips/"
            ]
        );
        let title = js(
            &c,
            "return document.querySelector('.search-result-title').innerHTML;",
        )
        .await;
        assert!(
            title
                .as_str()
                .unwrap()
                .contains("<mark>Piriformis</mark> syndrome"),
            "{title}"
        );
        // Among equals, the newer post first.
        type_query(&c, "pelvic").await;
        assert_eq!(results_for(&c, "pelvic").await, "13 results for “pelvic”");
        let urls = result_urls(&c).await;
        assert_eq!(urls.len(), 10, "a first page of 10");
        assert_eq!(urls[0], "/authors/ana-ruiz/", "in the specialties");
        assert_eq!(urls[1], "/posts/week-12/");
        assert_eq!(urls[9], "/posts/week-4/");
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_browser_stems_words_as_the_build_does() {
    let tools = browser::tools();
    let _ = site();
    let words = [
        "stretch",
        "stretches",
        "stretching",
        "stretched",
        "muscle",
        "muscles",
        "running",
        "runs",
        "exercise",
        "exercising",
        "exercised",
        "breathe",
        "breathing",
        "injuries",
        "injury",
        "hips",
        "needs",
        "needed",
        "feed",
        "bleeding",
        "moving",
        "sitting",
        "pelvis",
        "class",
        "classes",
        "boxes",
        "focus",
        "abs",
        "thing",
        "string",
        "café",
        "kegels",
        "glutes",
        "diastasis",
        "hopping",
        "fizzing",
        "falling",
        "stories",
        "ties",
        "dies",
        "ribs",
        "yes",
        "series",
        "analysis",
        "2024",
        "tissues",
        "knees",
        "eased",
        "seeing",
    ];
    let expected: Vec<String> = words.iter().map(|w| gait::search::stem(w)).collect();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, "").await;
        let list = serde_json::to_string(&words[..]).unwrap();
        let got: Value = js(&c, &format!("return {list}.map(w => gaitSearch.stem(w));")).await;
        let got: Vec<String> = serde_json::from_value(got).unwrap();
        assert_eq!(got, expected);
    });
}
