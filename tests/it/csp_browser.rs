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

/// The rules of a `_headers` file: each path pattern with its headers.
fn rules(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        if line.starts_with('/') {
            out.push((line.to_string(), Vec::new()));
        } else if let (Some(rule), Some((k, v))) = (out.last_mut(), line.trim().split_once(": ")) {
            rule.1.push((k.to_string(), v.to_string()));
        }
    }
    out
}

/// Whether a `_headers` pattern matches a request path, as Netlify and
/// Cloudflare Pages match it: exactly, or everything below a trailing `*`.
fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

/// Serve `dir` with the headers of every rule matching each request, as a
/// host reading `_headers` does (the CSP reporting to `/csp-report`), and
/// collect the reports.
fn serve(
    dir: std::path::PathBuf,
    rules: Vec<(String, Vec<(String, String)>)>,
) -> (String, Reports) {
    let reports: Reports = Arc::default();
    let collected = reports.clone();
    let rules = Arc::new(rules);
    let app = axum::Router::new()
        .route(
            "/csp-report",
            axum::routing::post(move |body: String| {
                collected.lock().unwrap().push(body);
                async { "" }
            }),
        )
        .fallback_service(tower_http::services::ServeDir::new(dir))
        .layer(axum::middleware::from_fn(
            move |req: axum::extract::Request, next: axum::middleware::Next| {
                let rules = rules.clone();
                async move {
                    let path = req.uri().path().to_string();
                    let mut r = next.run(req).await;
                    for (pattern, headers) in rules.iter() {
                        if !matches(pattern, &path) {
                            continue;
                        }
                        for (k, v) in headers {
                            let v = match k.as_str() {
                                "Content-Security-Policy" => format!("{v}; report-uri /csp-report"),
                                _ => v.clone(),
                            };
                            let name: HeaderName = k.parse().unwrap();
                            r.headers_mut()
                                .insert(name, HeaderValue::from_str(&v).unwrap());
                        }
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
    let rules = rules(&site.read_out("_headers"));
    // The site-wide rule has the security headers but the policy, which goes
    // on every part of the site but the browser editor's admin (its own
    // rules: hosts join the values of two matching rules).
    let site_wide = &rules.iter().find(|(p, _)| p == "/*").unwrap().1;
    assert_eq!(
        site_wide
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        [
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Permissions-Policy"
        ],
    );
    let csp_on = |path: &str| {
        rules
            .iter()
            .filter(|(p, _)| matches(p, path))
            .any(|(_, h)| h.iter().any(|(k, _)| k == "Content-Security-Policy"))
    };
    for path in [
        "/",
        "/posts/a/",
        "/css/style.css",
        "/search/index.json",
        "/404.html",
    ] {
        assert!(csp_on(path), "{path} has no policy");
    }
    assert!(!csp_on("/admin/"), "the admin loads Decap from its CDN");
    site.write(
        "public/posts/csp-control/index.html",
        "<!DOCTYPE html><title>control</title><script>document.title = 'ran';</script>",
    );
    let (origin, reports) = serve(site.public(), rules);
    with_browser(&tools, Options::default(), move |c| async move {
        // The control: an inline script is refused, and reported.
        c.goto(&format!("{origin}/posts/csp-control/"))
            .await
            .unwrap();
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
