//! The search page in a real browser: the query in the address, the
//! keyboard, what is loaded when (the vocabulary with the page, the titles
//! once it is idle, postings at a word's first letter, snippets after the
//! titles), and the page without JavaScript.

use crate::browser;
use crate::search_browser::{PAGE, click, open, result_urls, results_for, site, type_query};

use std::time::Duration;

use browser::{Options, js, wait_for, with_browser};
use fantoccini::{Client, Locator, key::Key};

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_query_round_trips_through_the_address() {
    let tools = browser::tools();
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
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn results_are_reachable_with_the_keyboard() {
    let tools = browser::tools();
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
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn without_javascript_the_page_says_search_needs_it() {
    let tools = browser::tools();
    let origin = site().to_string();
    let opts = Options {
        javascript: false,
        ..Options::default()
    };
    with_browser(&tools, opts, move |c| async move {
        c.goto(&format!("{origin}/about/")).await.unwrap();
        let field = c.find(Locator::Css("#header-search-q")).await.unwrap();
        field.send_keys("hip pain").await.unwrap();
        click(&c, ".header-search button").await;
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

/// The search files the page has fetched so far, as paths below /search/.
async fn fetched(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
            .filter(p => p.startsWith('/search/')).map(p => p.slice(8));",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Make the page's requests for URLs containing `part` wait until
/// `window.release()` (or fail at once, with `fail`).
async fn hold_requests(c: &Client, part: &str, fail: bool) {
    let part = serde_json::to_string(part).unwrap();
    js(
        c,
        &format!(
            "const fetch0 = window.fetch; const held = [];
             window.release = () => held.splice(0).forEach(go => go());
             window.fetch = (url, opts) => !String(url).includes({part}) ? fetch0(url, opts)
               : {fail} ? Promise.reject(new Error('held')) : new Promise(ok => held.push(() => ok(fetch0(url, opts))));"
        ),
    )
    .await;
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn titles_load_when_idle_shards_at_a_first_letter_and_snippets_fill_in() {
    let tools = browser::tools();
    let _ = site();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, "").await;
        // Opening the page loads the vocabulary, then, once the page is
        // idle, the titles: no postings and no documents.
        wait_for(
            &c,
            "performance.getEntriesByType('resource').some(e => e.name.includes('/search/titles.json'))",
            "the titles",
        )
        .await;
        assert_eq!(fetched(&c).await, ["index.json", "titles.json"]);
        let loaded = c
            .execute_async(
                "const done = arguments[arguments.length - 1]; gaitSearch.titles().then(() => done(true), e => done(String(e)));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(loaded, true);
        hold_requests(&c, "/search/d/", false).await;
        click(&c, "#search-q").await;

        // The first letter of a word fetches the postings of the words it begins.
        assert!(!fetched(&c).await.iter().any(|p| p.starts_with("p/")));
        c.find(Locator::Css("#search-q"))
            .await
            .unwrap()
            .send_keys("z")
            .await
            .unwrap();
        wait_for(
            &c,
            "performance.getEntriesByType('resource').some(e => e.name.includes('/search/p/'))",
            "postings",
        )
        .await;

        // The result shows while its document file is held back; its
        // snippet follows once the file arrives.
        c.find(Locator::Css("#search-q"))
            .await
            .unwrap()
            .send_keys("ygapophyseal")
            .await
            .unwrap();
        wait_for(
            &c,
            "document.getElementById('search-results').dataset.query === 'zygapophyseal'",
            "the results",
        )
        .await;
        let first = js(
            &c,
            "const l = document.getElementById('search-results'); const li = l.querySelector('.search-result'); return {
                busy: l.getAttribute('aria-busy'),
                title: li.querySelector('h2').textContent,
                href: li.querySelector('a').getAttribute('href'),
                meta: li.querySelector('.search-result-meta').textContent,
                date: li.querySelector('time').getAttribute('datetime'),
                snippets: l.querySelectorAll('.search-result-snippet').length };",
        )
        .await;
        assert_eq!(
            first,
            serde_json::json!({
                "busy": "true",
                "title": "A quiet bladder for long drives",
                "href": "/posts/quiet-bladder/",
                "meta": "March 2, 2024 · , By Ana Ruiz, DPT, PRPC",
                "date": "2024-03-02T00:00:00Z",
                "snippets": 0
            })
        );
        // The count is said without waiting for the snippets.
        wait_for(
            &c,
            "document.getElementById('search-status').textContent === '1 result for “zygapophyseal”'",
            "the status",
        )
        .await;
        js(&c, "window.release();").await;
        assert_eq!(
            results_for(&c, "zygapophyseal").await,
            "1 result for “zygapophyseal”"
        );
        assert_eq!(
            js(
                &c,
                "return document.querySelector('.search-result-snippet mark').textContent;"
            )
            .await,
            "zygapophyseal"
        );
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn without_the_titles_table_results_come_from_the_document_files() {
    let tools = browser::tools();
    let _ = site();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, "").await;
        hold_requests(&c, "/search/titles.json", true).await;
        type_query(&c, "piriformis").await;
        assert_eq!(
            results_for(&c, "piriformis").await,
            "3 results for “piriformis”"
        );
        assert_eq!(
            result_urls(&c).await,
            [
                "/posts/piriformis-syndrome/",
                "/posts/sitting-well/",
                "/posts/runners-hips/"
            ]
        );
        assert_eq!(
            js(
                &c,
                "return document.querySelectorAll('.search-result-snippet').length;"
            )
            .await,
            3
        );
    });
}
