//! What the search page downloads from the index's pack files
//! (`search/p/<n>.json`, `search/d/<n>.json`) in a real browser: only the
//! bytes of the stems and documents a query needs, with `Range` requests;
//! and, from a server that ignores `Range`, whole packs, with the same
//! results.

use crate::browser;
use crate::search_browser::{PAGE, result_urls, results_for, type_query};

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use browser::{Options, js, wait_for, with_browser};
use fantoccini::Client;
use serde_json::Value;

/// The search fixture, built once for this module, and its index.json.
struct Built {
    site: browser::BuiltSite,
    index: Value,
}

fn built() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = browser::build_fixture("search", |_| {});
        let index = std::fs::read_to_string(site.public.join("search/index.json")).unwrap();
        Built {
            index: serde_json::from_str(&index).unwrap(),
            site,
        }
    })
}

fn public() -> PathBuf {
    built().site.public.clone()
}

/// The length in bytes of item `i` of the packs `folder` (`p` or `d`).
fn item_len(folder: &str, i: usize) -> u64 {
    gait::search::decode_numbers(built().index[folder]["len"].as_str().unwrap())[i]
}

/// The id of `value` in the list `key` of `file` (below search/).
fn position(file: &str, key: &str, value: &str) -> usize {
    let json = std::fs::read_to_string(public().join("search").join(file)).unwrap();
    serde_json::from_str::<Value>(&json).unwrap()[key]
        .as_array()
        .unwrap()
        .iter()
        .position(|v| v == value)
        .unwrap()
}

/// The page's requests for pack files so far: (folder and file, HTTP
/// status, body bytes).
async fn pack_requests(c: &Client) -> Vec<(String, u64, u64)> {
    let v = js(
        c,
        "return performance.getEntriesByType('resource')
            .map(e => [new URL(e.name).pathname.slice(8), e.responseStatus, e.encodedBodySize])
            .filter(([p]) => p.startsWith('p/') || p.startsWith('d/'));",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

async fn open_at(c: &Client, origin: &str, query: &str) {
    c.goto(&format!("{origin}{PAGE}{query}")).await.unwrap();
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
fn a_query_fetches_only_the_bytes_of_its_stem_and_its_results() {
    let tools = browser::tools();
    let origin = browser::serve(public());
    let stem = position("index.json", "stems", "zygapophyseal");
    let doc = position("titles.json", "u", "/posts/quiet-bladder/");
    with_browser(&tools, Options::default(), move |c| async move {
        open_at(&c, &origin, "?q=zygapophyseal").await;
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
        // One partial response (206) for the stem's postings, one for the
        // document: exactly their bytes, not the packs.
        assert_eq!(
            pack_requests(&c).await,
            [
                ("p/0.json".to_string(), 206, item_len("p", stem)),
                ("d/0.json".to_string(), 206, item_len("d", doc)),
            ]
        );
        let pack = std::fs::metadata(public().join("search/d/0.json"))
            .unwrap()
            .len();
        assert!(item_len("d", doc) * 5 < pack);
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn a_server_that_ignores_ranges_sends_whole_packs_and_results_are_the_same() {
    let tools = browser::tools();
    // The Range header is taken off every request: the server answers 200
    // with the whole file, as some hosts do. What it answers is kept.
    let answers: Arc<Mutex<Vec<(String, u16)>>> = Arc::default();
    let kept = answers.clone();
    let app = axum::Router::new()
        .fallback_service(tower_http::services::ServeDir::new(public()))
        .layer(axum::middleware::from_fn(
            move |mut req: axum::extract::Request, next: axum::middleware::Next| {
                let kept = kept.clone();
                async move {
                    req.headers_mut().remove(axum::http::header::RANGE);
                    let path = req.uri().path().to_string();
                    let r = next.run(req).await;
                    kept.lock().unwrap().push((path, r.status().as_u16()));
                    r
                }
            },
        ));
    let origin = browser::serve_app(app);
    with_browser(&tools, Options::default(), move |c| async move {
        open_at(&c, &origin, "").await;
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
                "return [...document.querySelectorAll('.search-result-snippet mark')].map(m => m.textContent.toLowerCase());"
            )
            .await,
            serde_json::json!(["piriformis", "piriformis", "piriformis"])
        );
        // The packs came whole (or the browser's copy was still good).
        let answers = answers.lock().unwrap().clone();
        let packs: Vec<_> = answers
            .iter()
            .filter(|(path, _)| path.starts_with("/search/p/") || path.starts_with("/search/d/"))
            .collect();
        assert!(
            packs
                .iter()
                .any(|(path, status)| path == "/search/d/0.json" && *status == 200)
        );
        assert!(
            packs.iter().all(|(_, status)| [200, 304].contains(status)),
            "{packs:?}"
        );
    });
}
