//! Site search in a real browser (headless Chromium + chromedriver): what a
//! query finds and in which order, typos, prefixes, stems, the query in the
//! address, the keyboard, and the page without JavaScript.
//!
//! The fixture (tests/fixtures/search) is described in its site.yaml. The
//! query-time measurement on a large corpus is the ignored test
//! `bench_query_time`:
//!   GAIT_BENCH_SITE=/tmp/corpus-out cargo test --release --test search_browser -- --ignored --nocapture

use crate::browser;

use std::sync::OnceLock;
use std::time::Duration;

use browser::{Options, js, tools_or_skip, wait_for, with_browser};
use fantoccini::{Client, Locator, key::Key};
use serde_json::Value;

const PAGE: &str = "/search/";

fn site() -> &'static str {
    static SITE: OnceLock<(browser::BuiltSite, String)> = OnceLock::new();
    let (_, origin) = SITE.get_or_init(|| {
        let built = browser::build_fixture("search", |_| {});
        let origin = browser::serve(built.public.clone());
        (built, origin)
    });
    origin
}

/// Wait until the results for `q` are on the page; returns the status text
/// once it is announced.
async fn results_for(c: &Client, q_text: &str) -> String {
    let q = serde_json::to_string(q_text).unwrap();
    wait_for(
        c,
        &format!("document.getElementById('search-results').dataset.query === {q}"),
        "the results",
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
async fn result_urls(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('#search-results .search-result-title a')].map(a => a.getAttribute('href'));",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Replace the field's text as a person would (the page listens to `input`).
async fn type_query(c: &Client, q: &str) {
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

async fn open(c: &Client, query: &str) {
    c.goto(&format!("{}{PAGE}{query}", site())).await.unwrap();
    wait_for(
        c,
        "document.querySelector('.search-js')",
        "the search script",
    )
    .await;
}

#[test]
fn a_word_only_in_one_body_is_found_with_a_highlighted_snippet() {
    let Some(tools) = tools_or_skip() else { return };
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
            snippet.contains("Stiffness in the zygapophyseal joints")
                && !snippet.contains("Link to this section"),
            "{snippet}"
        );
        // The address follows the field.
        assert_eq!(js(&c, "return location.search;").await, "?q=zygapophyseal");
    });
}

#[test]
fn typos_prefixes_stems_stop_words_and_accents() {
    let Some(tools) = tools_or_skip() else { return };
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
fn a_title_match_ranks_above_newer_body_matches() {
    let Some(tools) = tools_or_skip() else { return };
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
fn the_query_round_trips_through_the_address() {
    let Some(tools) = tools_or_skip() else { return };
    let origin = site().to_string();
    with_browser(&tools, Options::default(), move |c| async move {
        // A shared link opens with its results.
        open(&c, "?q=hip+strength").await;
        assert_eq!(
            js(&c, "return document.getElementById('search-q').value;").await,
            "hip strength"
        );
        results_for(&c, "hip strength").await;
        assert_eq!(result_urls(&c).await, ["/posts/runners-hips/"]);

        // Typing rewrites the address without adding history entries.
        let before = js(&c, "return history.length;").await;
        type_query(&c, "long drives").await;
        results_for(&c, "long drives").await;
        assert_eq!(js(&c, "return location.search;").await, "?q=long+drives");
        assert_eq!(js(&c, "return history.length;").await, before);

        // Reloading the address shows the same results.
        c.refresh().await.unwrap();
        wait_for(&c, "document.querySelector('.search-js')", "the script").await;
        results_for(&c, "long drives").await;
        assert_eq!(result_urls(&c).await, ["/posts/quiet-bladder/"]);

        // Clearing the field clears the address and the results.
        type_query(&c, "").await;
        wait_for(&c, "location.search === ''", "the address to clear").await;
        assert_eq!(
            js(
                &c,
                "return document.getElementById('search-results').hidden;"
            )
            .await,
            true
        );

        // The header form of any page leads here with the query.
        c.goto(&format!("{origin}/about/")).await.unwrap();
        let field = c.find(Locator::Css("#header-search-q")).await.unwrap();
        field.send_keys("zygapophyseal").await.unwrap();
        field.send_keys(&Key::Enter.to_string()).await.unwrap();
        wait_for(&c, "location.pathname === '/search/'", "the search page").await;
        assert_eq!(js(&c, "return location.search;").await, "?q=zygapophyseal");
        results_for(&c, "zygapophyseal").await;
        assert_eq!(result_urls(&c).await, ["/posts/quiet-bladder/"]);
    });
}

#[test]
fn results_are_reachable_with_the_keyboard() {
    let Some(tools) = tools_or_skip() else { return };
    let _ = site();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, "?q=pelvic").await;
        results_for(&c, "pelvic").await;
        let field = c.find(Locator::Css("#search-q")).await.unwrap();
        field.click().await.unwrap();
        let focused = "document.activeElement.getAttribute('href') || document.activeElement.id";
        let press = |k: Key| {
            let c = c.clone();
            async move {
                c.active_element()
                    .await
                    .unwrap()
                    .send_keys(&k.to_string())
                    .await
                    .unwrap();
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        };
        press(Key::Down).await;
        assert_eq!(
            js(&c, &format!("return {focused};")).await,
            "/authors/ana-ruiz/"
        );
        press(Key::Down).await;
        assert_eq!(
            js(&c, &format!("return {focused};")).await,
            "/posts/week-12/"
        );
        press(Key::Up).await;
        press(Key::Up).await;
        assert_eq!(js(&c, &format!("return {focused};")).await, "search-q");
        // End, then past the last result: the "show more" button, which
        // adds the rest and moves focus to the first new result.
        press(Key::Down).await;
        press(Key::End).await;
        press(Key::Down).await;
        assert_eq!(js(&c, &format!("return {focused};")).await, "search-more");
        press(Key::Enter).await;
        wait_for(
            &c,
            "document.querySelectorAll('.search-result').length === 13",
            "all 13 results",
        )
        .await;
        assert_eq!(
            js(&c, &format!("return {focused};")).await,
            "/posts/week-3/"
        );
        assert_eq!(
            js(&c, "return document.getElementById('search-more').hidden;").await,
            true
        );
        press(Key::Escape).await;
        assert_eq!(js(&c, &format!("return {focused};")).await, "search-q");
    });
}

#[test]
fn without_javascript_the_page_says_search_needs_it() {
    let Some(tools) = tools_or_skip() else { return };
    let origin = site().to_string();
    let opts = Options {
        javascript: false,
        ..Options::default()
    };
    with_browser(&tools, opts, move |c| async move {
        c.goto(&format!("{origin}/about/")).await.unwrap();
        let field = c.find(Locator::Css("#header-search-q")).await.unwrap();
        field.send_keys("hip pain").await.unwrap();
        c.find(Locator::Css(".header-search button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while c.current_url().await.unwrap().path() != PAGE {
            assert!(
                std::time::Instant::now() < deadline,
                "the form did not submit"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(c.current_url().await.unwrap().query(), Some("q=hip+pain"));
        let nojs = c.find(Locator::Css("#search-nojs")).await.unwrap();
        assert!(nojs.is_displayed().await.unwrap());
        assert!(
            nojs.text()
                .await
                .unwrap()
                .contains("Search needs JavaScript")
        );
        assert!(
            !c.find(Locator::Css("#search-help"))
                .await
                .unwrap()
                .is_displayed()
                .await
                .unwrap()
        );
    });
}

#[test]
fn the_browser_stems_words_as_the_build_does() {
    let Some(tools) = tools_or_skip() else { return };
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

/// Query time on a large built site (not a pass/fail test): set
/// GAIT_BENCH_SITE to the output folder of a build, e.g. of the 10,000-post
/// corpus.
#[test]
#[ignore]
fn bench_query_time() {
    let Some(tools) = tools_or_skip() else { return };
    let dir = std::env::var("GAIT_BENCH_SITE").expect("set GAIT_BENCH_SITE to a built site");
    let origin = browser::serve(dir.into());
    with_browser(&tools, Options::default(), move |c| async move {
        c.goto(&format!("{origin}{PAGE}")).await.unwrap();
        wait_for(&c, "window.gaitSearch", "the search script").await;
        let queries = [
            "pelvic",
            "hip pain",
            "constipation",
            "diaphragmatic breathing",
            "pelvic floor exercise",
            "strech",
            "piri",
            "sacroiliac joint",
            "postpartum running",
            "the coccyx",
        ];
        // Cold: first load of the index, shards and documents of each query.
        let mut report = Vec::new();
        for q in queries {
            for round in ["cold", "warm"] {
                let q_js = serde_json::to_string(q).unwrap();
                let v = c
                    .execute_async(
                    &format!(
                        "const done = arguments[arguments.length - 1];
                         const t0 = performance.now();
                         gaitSearch.run({q_js}).then(() => {{
                           const total = performance.now() - t0;
                           gaitSearch.rank({q_js}).then(r => done({{total, rank: r.ms, count: r.count}}));
                         }});"
                    ),
                    vec![],
                )
                .await
                .unwrap();
                report.push((q, round, v));
            }
        }
        for (q, round, v) in &report {
            println!(
                "{q:<28} {round:<5} results {:>6}  end-to-end {:>7.1} ms  ranking {:>6.1} ms",
                v["count"],
                v["total"].as_f64().unwrap_or(-1.0),
                v["rank"].as_f64().unwrap_or(-1.0)
            );
        }
        // Typing, key by key: every prefix is a query.
        let typed = "sacroiliac joint pain";
        let v = c
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     const q = {};
                     (async () => {{
                       const times = [];
                       for (let k = 1; k <= q.length; k++) {{
                         const t0 = performance.now();
                         await gaitSearch.run(q.slice(0, k));
                         times.push(performance.now() - t0);
                       }}
                       done(times);
                     }})();",
                    serde_json::to_string(typed).unwrap()
                ),
                vec![],
            )
            .await
            .unwrap();
        let mut times: Vec<f64> = serde_json::from_value(v).unwrap();
        times.sort_by(f64::total_cmp);
        println!(
            "typing {typed:?} key by key: {} queries, median {:.1} ms, slowest {:.1} ms",
            times.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    });
}
