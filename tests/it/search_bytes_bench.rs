//! What a search downloads, in headless Chromium (not a pass/fail test: it
//! prints a table). Set GAIT_BENCH_SITE to the output folder of a build, e.g.
//! of the 10,000-post corpus:
//!
//! ```sh
//! GAIT_BENCH_SITE=/tmp/out cargo test --release --test it -- --ignored --nocapture bench_bytes_fetched
//! ```
//!
//! Each query opens the page from a new origin, so nothing is cached, as a
//! reader who follows a link to `/search/?q=...` (`linked`) or who opens the
//! page and types the query key by key (`typed`), and waits for the results,
//! their snippets and `titles.json`. The test server does not compress: a
//! whole file (200) is counted both as served and as `gzip -6` would send it,
//! a byte range (206) as served (a browser asks for ranges uncompressed).

use crate::browser;
use crate::search_bench::bench_site;
use crate::search_browser::{PAGE, click};

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use browser::{Options, js, wait_for, with_browser};
use fantoccini::{Client, Locator};

const QUERIES: [&str; 6] = [
    "pelvic floor",
    "hip",
    "mandarin",
    "piri",
    "strech",
    "sacroiliac joint",
];

/// Bytes of `file` after `gzip -6`.
fn gzipped(file: &Path) -> u64 {
    let mut gz = Command::new("gzip")
        .arg("-6")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(file).unwrap();
    gz.stdin.take().unwrap().write_all(&bytes).unwrap();
    gz.wait_with_output().unwrap().stdout.len() as u64
}

/// The page's search requests: (path below /search/, status, body bytes).
async fn requests(c: &Client) -> Vec<(String, u64, u64)> {
    let v = js(
        c,
        "return performance.getEntriesByType('resource')
            .map(e => [new URL(e.name).pathname, e.responseStatus, e.encodedBodySize])
            .filter(([p]) => p.startsWith('/search/') && p.endsWith('.json'))
            .map(([p, s, b]) => [p.slice(8), s, b]);",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// One line of the table: per part, requests and bytes served (and gzipped).
fn report(dir: &Path, how: &str, q: &str, reqs: &[(String, u64, u64)]) {
    let parts = [
        ("index", "index.json"),
        ("titles", "titles.json"),
        ("postings", "p/"),
        ("documents", "d/"),
    ];
    let mut line = format!("{how:<6} {q:<18}");
    let (mut total, mut phone) = (0, 0);
    for (name, prefix) in parts {
        let mine: Vec<_> = reqs.iter().filter(|r| r.0.starts_with(prefix)).collect();
        let served: u64 = mine.iter().map(|r| r.2).sum();
        let sent: u64 = mine
            .iter()
            .map(|(path, status, bytes)| match status {
                200 => gzipped(&dir.join("search").join(path)),
                _ => *bytes,
            })
            .sum();
        total += served;
        phone += sent;
        line += &format!(" | {name} {} × {served} ({sent})", mine.len());
    }
    println!("{line} | all {total} ({phone})");
}

/// Wait for the results of `q`, their snippets and `titles.json`; print
/// what the page downloaded.
async fn settle(c: &Client, dir: &Path, how: &str, q: &str) {
    let query = serde_json::to_string(q).unwrap();
    wait_for(
        c,
        &format!("document.getElementById('search-results').dataset.query === {query}"),
        "the results",
    )
    .await;
    c.execute_async(
        "const done = arguments[arguments.length - 1];
         gaitSearch.titles().then(() => gaitSearch.snippets()).then(() => done(true), e => done(String(e)));",
        vec![],
    )
    .await
    .unwrap();
    report(dir, how, q, &requests(c).await);
}

#[test]
#[ignore]
fn bench_bytes_fetched() {
    let tools = browser::tools();
    let dir = bench_site();
    with_browser(&tools, Options::default(), move |c| async move {
        for q in QUERIES {
            let origin = browser::serve(dir.clone());
            c.goto(&format!("{origin}{PAGE}?q={}", q.replace(' ', "+")))
                .await
                .unwrap();
            settle(&c, &dir, "linked", q).await;

            let origin = browser::serve(dir.clone());
            c.goto(&format!("{origin}{PAGE}")).await.unwrap();
            wait_for(&c, "window.gaitSearch", "the search script").await;
            click(&c, "#search-q").await;
            let field = c.find(Locator::Css("#search-q")).await.unwrap();
            for ch in q.chars() {
                field.send_keys(&ch.to_string()).await.unwrap();
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
            settle(&c, &dir, "typed", q).await;
        }
    });
}
