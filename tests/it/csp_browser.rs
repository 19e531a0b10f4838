//! The headers of `_headers` in a real browser: the demo site, served with
//! them, loads its pages, runs its search and its therapist finder without
//! one Content-Security-Policy violation. The server collects the browser's
//! violation reports; a page with an inline script shows that it does.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{HeaderName, HeaderValue};

use crate::browser::{self, Options, js, wait_for, with_browser};
use crate::common::Site;

type Reports = Arc<Mutex<Vec<String>>>;

/// The `/*` rule's headers of a `_headers` file.
fn site_wide_headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .skip_while(|l| !l.ends_with("/*"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.trim().split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Serve `dir` with `headers` (the CSP reporting to `/csp-report`), and
/// collect the reports.
fn serve(dir: std::path::PathBuf, headers: Vec<(String, String)>) -> (String, Reports) {
    let reports: Reports = Arc::default();
    let collected = reports.clone();
    let headers: Vec<(HeaderName, HeaderValue)> = headers
        .into_iter()
        .map(|(k, v)| {
            let v = match k.as_str() {
                "Content-Security-Policy" => format!("{v}; report-uri /csp-report"),
                _ => v,
            };
            (k.parse().unwrap(), v.parse().unwrap())
        })
        .collect();
    let app = axum::Router::new()
        .route(
            "/csp-report",
            axum::routing::post(move |body: String| {
                collected.lock().unwrap().push(body);
                async { "" }
            }),
        )
        .fallback_service(tower_http::services::ServeDir::new(dir))
        .layer(axum::middleware::map_response(
            move |mut r: axum::response::Response| {
                let headers = headers.clone();
                async move {
                    for (k, v) in headers {
                        r.headers_mut().insert(k, v);
                    }
                    r
                }
            },
        ));
    (browser::serve_app(app), reports)
}

async fn settle(reports: &Reports, at_least: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while reports.lock().unwrap().len() < at_least && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Reports are sent after the fact: give late ones a moment.
    tokio::time::sleep(Duration::from_millis(500)).await;
    std::mem::take(&mut *reports.lock().unwrap())
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_demo_site_runs_under_its_own_policy() {
    let tools = browser::tools();
    let site = Site::demo();
    site.build_ok(&[]);
    let headers = site_wide_headers(&site.read_out("_headers"));
    assert_eq!(
        headers.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Permissions-Policy",
        ],
        "with fingerprinted assets, caching has rules of its own"
    );
    site.write(
        "public/csp-control/index.html",
        "<!DOCTYPE html><title>control</title><script>document.title = 'ran';</script>",
    );
    let (origin, reports) = serve(site.public(), headers);
    with_browser(&tools, Options::default(), move |c| async move {
        // The control: an inline script is refused, and reported.
        c.goto(&format!("{origin}/csp-control/")).await.unwrap();
        let control = settle(&reports, 1).await;
        assert_eq!(control.len(), 1, "{control:?}");
        assert!(control[0].contains("script-src"), "{control:?}");
        assert_eq!(js(&c, "return document.title;").await, "control");

        for path in [
            "/",
            "/posts/your-first-pelvic-floor-visit/",
            "/authors/",
            "/clinics/",
            "/categories/",
            "/2019/03/old-wordpress-permalink/",
        ] {
            c.goto(&format!("{origin}{path}")).await.unwrap();
            wait_for(&c, "document.readyState === 'complete'", path).await;
        }
        c.goto(&format!("{origin}/search/?q=pelvic+floor"))
            .await
            .unwrap();
        wait_for(
            &c,
            "document.querySelectorAll('#search-results a').length > 0",
            "search results",
        )
        .await;
        c.goto(&format!("{origin}/find-a-therapist/?zip=78701"))
            .await
            .unwrap();
        wait_for(
            &c,
            "/nearest to/.test(document.getElementById('finder-status').textContent)",
            "distances from a ZIP code",
        )
        .await;
        let violations = settle(&reports, 0).await;
        assert!(violations.is_empty(), "{violations:#?}");
    });
}
