//! Query time of the site search on a large built site, in headless Chromium
//! (not a pass/fail test: it prints what a reader would wait). Set
//! GAIT_BENCH_SITE to the output folder of a build, e.g. of the 10,000-post
//! corpus:
//!
//! ```sh
//! GAIT_BENCH_SITE=/dev/shm/srch-out cargo test --release --test it -- --ignored --nocapture bench_query_time
//! ```
//!
//! Each cold measurement opens the page from a new origin (a new server on
//! another port), so neither the HTTP cache nor the page's memory holds any
//! of the index. Times are from the `input` event (or the call) to the
//! results in the page: "titles" when the ranked results are listed, "full"
//! when their snippets are in too.

use crate::browser;
use crate::search_browser::{PAGE, click};

use std::path::PathBuf;
use std::time::Duration;

use browser::{Options, js, wait_for, with_browser};
use fantoccini::{Client, Locator};
use serde_json::Value;

const QUERIES: [&str; 10] = [
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

/// How long a reader looks at the page before clicking the field, then
/// before the first key, and between keys.
const LOOK: Duration = Duration::from_millis(1000);
const REACH: Duration = Duration::from_millis(400);
const KEY: Duration = Duration::from_millis(150);

/// Records, for every `input` event of the field, how long until the results
/// for its text are listed (`titles`) and complete (`full`).
const RECORDER: &str = "
    const input = document.getElementById('search-q');
    const list = document.getElementById('search-results');
    window.keys = [];
    // Capturing, on the document: before the page's own listener, which may
    // list results for a query whose data is loaded without leaving the event.
    document.addEventListener('input', e => keys.push({ q: input.value, t0: e.timeStamp, titles: null, full: null }), true);
    new MutationObserver(() => {
      const now = performance.now();
      const k = keys[keys.length - 1];
      if (!k || list.dataset.query !== k.q) return;
      if (k.titles === null) k.titles = now - k.t0;
      if (k.full === null && !list.hasAttribute('aria-busy')) k.full = now - k.t0;
    }).observe(list, { attributes: true, attributeFilter: ['data-query', 'aria-busy'] });";

/// Open the search page at `origin` and wait for its vocabulary.
async fn open_page(c: &Client, origin: &str) {
    c.goto(&format!("{origin}{PAGE}")).await.unwrap();
    wait_for(c, "window.gaitSearch", "the search script").await;
    wait_for(
        c,
        "performance.getEntriesByType('resource').some(e => e.name.includes('/search/index.json'))",
        "the index",
    )
    .await;
}

/// Type `q` into the field key by key as a reader would; returns the times
/// of every keystroke, the last one complete.
async fn type_like_a_reader(c: &Client, q: &str) -> Vec<Value> {
    js(
        c,
        "const q = document.getElementById('search-q'); q.value = ''; q.dispatchEvent(new Event('input', {bubbles: true})); keys.length = 0;",
    )
    .await;
    let field = c.find(Locator::Css("#search-q")).await.unwrap();
    for ch in q.chars() {
        field.send_keys(&ch.to_string()).await.unwrap();
        tokio::time::sleep(KEY).await;
    }
    let q_js = serde_json::to_string(q).unwrap();
    let v = wait_for(
        c,
        &format!("(() => {{ const k = keys[keys.length - 1]; return k && k.q === {q_js} && k.full !== null && keys; }})()"),
        "the last keystroke's results",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

fn ms(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn print_typed(q: &str, round: &str, keys: &[Value]) {
    let last = &keys[keys.len() - 1];
    let slowest = keys
        .iter()
        .filter_map(|k| k["titles"].as_f64())
        .fold(0.0, f64::max);
    let superseded = keys.iter().filter(|k| k["titles"].is_null()).count();
    println!(
        "typed  {q:<24} {round:<5} last key: titles {:>6.1} ms, full {:>6.1} ms; slowest of {} keys {:>6.1} ms ({superseded} superseded)",
        ms(&last["titles"]),
        ms(&last["full"]),
        keys.len(),
        slowest
    );
}

/// The search files the page has fetched, for working out what a reader
/// downloads (the test server does not compress: see BENCHMARKS.md).
async fn print_fetched(c: &Client, q: &str) {
    let v = js(
        c,
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
            .filter(p => p.startsWith('/search/')).join(' ');",
    )
    .await;
    println!("fetched {q:<24} {}", v.as_str().unwrap_or_default());
}

/// Run `q` through the page's own search at once (a pasted query); returns
/// titles, full and ranking times and the number of results.
async fn pasted(c: &Client, q: &str) -> Value {
    let q_js = serde_json::to_string(q).unwrap();
    c.execute_async(
        &format!(
            "const done = arguments[arguments.length - 1];
             const t0 = performance.now();
             gaitSearch.run({q_js}).then(() => {{
               const titles = performance.now() - t0;
               // (Before titles.json, results came whole: no `snippets`.)
               (gaitSearch.snippets ? gaitSearch.snippets() : Promise.resolve()).then(() => {{
                 const full = performance.now() - t0;
                 gaitSearch.rank({q_js}).then(r => done({{ titles, full, rank: r.ms, count: r.count }}));
               }});
             }});"
        ),
        vec![],
    )
    .await
    .unwrap()
}

/// The built site the search benches serve: `GAIT_BENCH_SITE`.
pub(crate) fn bench_site() -> PathBuf {
    std::env::var("GAIT_BENCH_SITE")
        .expect("set GAIT_BENCH_SITE to a built site")
        .into()
}

#[test]
#[ignore]
fn bench_query_time() {
    let tools = browser::tools();
    let dir = bench_site();
    with_browser(&tools, Options::default(), move |c| async move {
        // A reader: opens the page, looks, clicks the field, types.
        for q in QUERIES {
            let origin = browser::serve(dir.clone());
            open_page(&c, &origin).await;
            js(&c, RECORDER).await;
            tokio::time::sleep(LOOK).await;
            click(&c, "#search-q").await;
            tokio::time::sleep(REACH).await;
            let cold = type_like_a_reader(&c, q).await;
            print_typed(q, "cold", &cold);
            print_fetched(&c, q).await;
            let warm = type_like_a_reader(&c, q).await;
            print_typed(q, "warm", &warm);
        }

        // A pasted query (or one from a link), a second after the page
        // opened, without the field ever having focus.
        for q in QUERIES {
            let origin = browser::serve(dir.clone());
            open_page(&c, &origin).await;
            tokio::time::sleep(LOOK).await;
            for round in ["cold", "warm"] {
                let v = pasted(&c, q).await;
                if round == "cold" {
                    print_fetched(&c, q).await;
                }
                println!(
                    "pasted {q:<24} {round:<5} results {:>6}  titles {:>6.1} ms  full {:>6.1} ms  ranking {:>5.1} ms",
                    v["count"],
                    ms(&v["titles"]),
                    ms(&v["full"]),
                    ms(&v["rank"])
                );
            }
        }

        // Typing, key by key without pauses: every prefix is a query.
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
                         if (gaitSearch.snippets) await gaitSearch.snippets();
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
            "typing {typed:?} key by key without pauses: {} queries, median {:.1} ms, slowest {:.1} ms",
            times.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    });
}
