//! Accessibility audit: axe-core in headless Chromium over the demo site, with
//! the WCAG 2.0, 2.1 and 2.2 A and AA rules. Zero violations.
//!
//! axe-core is an npm package pinned in `tests/tools/package.json`;
//! `.ci/run` installs it with `npm ci --prefix tests/tools`. Without it (or
//! without chromium and chromedriver) `cargo test` lists the audit as ignored
//! with the reason (see `build.rs`), except under `CI=true`, where it fails.

use crate::browser;
use crate::common;

use std::path::PathBuf;

use browser::{Options, wait_for, with_browser};
use serde_json::Value;

pub(crate) const TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// Pages of the demo site: one of each kind, and the interactive states of
/// the finder and the search page, in English and in Spanish.
const PAGES: &[&str] = &[
    "/",
    "/page/2/",
    "/posts/pelvic-pain-in-men/",
    "/posts/postpartum-return-to-running/",
    "/posts/three-day-bladder-diary/",
    "/posts/home-program-log/",
    // A footnote: its reference, the note and the link back.
    "/posts/pain-outlasts-injury/",
    // Reviewed, with a click-to-play video and the disclaimer.
    "/posts/diastasis-recti-what-helps/",
    "/authors/",
    "/authors/maya-okafor/",
    "/clinics/",
    "/clinics/austin/",
    "/categories/",
    "/categories/mens-health/",
    "/tags/pelvic-floor/",
    "/about/",
    "/find-a-therapist/",
    "/find-a-therapist/?zip=78704&virtual=1",
    "/search/",
    "/search/?q=pelvic+floor",
    "/search/?q=zzzz",
    "/404.html",
    "/es/",
    "/es/posts/your-first-pelvic-floor-visit/",
    "/es/posts/bladder-control-after-prostate-surgery/",
    "/es/authors/",
    "/es/authors/maya-okafor/",
    "/es/authors/grace-whitfield/",
    "/es/clinics/austin/",
    "/es/categories/",
    "/es/categories/salud-masculina/",
    "/es/find-a-therapist/",
    "/es/find-a-therapist/?zip=78704&language=spanish",
    "/es/search/?q=suelo+pelvico",
    "/es/search/?q=zzzz",
    "/es/404.html",
];

/// Disclosures opened on a page: the phone header's search, the finder's
/// filters (closed on a phone until "Filter" is pressed).
const OPENED: &[(&str, &str)] = &[
    (
        "/",
        "document.querySelector('.header-search-toggle').open = true;",
    ),
    (
        "/find-a-therapist/",
        "document.querySelector('.finder-filters').open = true;",
    ),
];

/// axe.min.js from `tests/tools/node_modules` (installed by `.ci/run`; the
/// tests that call this are ignored where it is missing, except under `CI=true`).
pub(crate) fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): run `npm ci --prefix tests/tools`",
            path.display()
        )
    })
}

/// The demo site, built with this repository's theme and served on 127.0.0.1.
fn demo_origin() -> (common::Site, String) {
    let site = common::Site::demo();
    site.build_ok(&[]);
    let origin = browser::serve(site.public());
    (site, origin)
}

/// Run axe-core with the WCAG tags in the current page: its violations.
pub(crate) async fn run_axe(c: &fantoccini::Client, axe: &str) -> Result<Vec<Value>, String> {
    c.execute(axe, vec![]).await.expect("load axe-core");
    let tags = serde_json::to_string(TAGS).unwrap();
    let result = c
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {{ runOnly: {{ type: 'tag', values: {tags} }}, resultTypes: ['violations'] }})
                   .then(r => done({{ passes: r.passes.length, violations: r.violations.map(v => ({{
                     id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.slice(0, 5).map(n => ({{ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary }}))
                   }})) }}))
                   .catch(e => done({{ error: 'axe failed: ' + e }}));"
            ),
            vec![],
        )
        .await
        .unwrap();
    if let Some(e) = result.get("error") {
        return Err(e.to_string());
    }
    let passes = result["passes"].as_u64().unwrap_or(0);
    if passes < 5 {
        return Err(format!(
            "axe-core checked almost nothing ({passes} rules passed)"
        ));
    }
    Ok(result["violations"].as_array().cloned().unwrap_or_default())
}

fn audit(width: u32, height: u32) {
    let tools = browser::tools();
    let axe = axe_source();
    let (_site, origin) = demo_origin();
    let opts = Options {
        width,
        height,
        ..Options::default()
    };
    with_browser(&tools, opts, move |c| async move {
        let mut failures = Vec::new();
        for page in PAGES {
            c.goto(&format!("{origin}{page}")).await.unwrap();
            wait_for(&c, "document.readyState === 'complete'", "the page to load").await;
            if *page != "/404.html" {
                let title = c.title().await.unwrap();
                assert!(
                    !title.starts_with("Page not found"),
                    "{page} does not exist"
                );
            }
            if page.starts_with("/search/?") {
                wait_for(
                    &c,
                    "(() => { const s = document.getElementById('search-status'); return s.textContent !== '' && s.textContent === s.dataset.pending; })()",
                    "the search results",
                )
                .await;
            }
            if page.starts_with("/find-a-therapist/") {
                wait_for(
                    &c,
                    "document.querySelector('.finder-js')",
                    "the finder script",
                )
                .await;
                // Let the finder settle (ZIP tables load on demand).
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
            let result = run_axe(&c, &axe).await;
            match result {
                Ok(violations) if violations.is_empty() => {}
                Ok(violations) => {
                    for v in violations {
                        failures.push(format!(
                            "{page}: {} ({}): {}\n{}",
                            v["id"].as_str().unwrap_or(""),
                            v["impact"].as_str().unwrap_or(""),
                            v["help"].as_str().unwrap_or(""),
                            serde_json::to_string_pretty(&v["nodes"]).unwrap()
                        ));
                    }
                }
                Err(e) => failures.push(format!("{page}: {e}")),
            }
        }
        for (page, open) in OPENED {
            c.goto(&format!("{origin}{page}")).await.unwrap();
            wait_for(&c, "document.readyState === 'complete'", "the page to load").await;
            c.execute(open, vec![]).await.unwrap();
            match run_axe(&c, &axe).await {
                Ok(violations) => failures.extend(
                    violations
                        .iter()
                        .map(|v| format!("{page} ({open}): {}: {}", v["id"], v["nodes"])),
                ),
                Err(e) => failures.push(format!("{page} ({open}): {e}")),
            }
        }
        // The harness itself: an image without alt text is reported.
        c.goto(&format!("{origin}/")).await.unwrap();
        c.execute(
            "document.querySelector('main').append(document.createElement('img'));",
            vec![],
        )
        .await
        .unwrap();
        let canary = run_axe(&c, &axe).await.unwrap();
        assert!(
            canary.iter().any(|v| v["id"] == "image-alt"),
            "axe-core did not report an image without alt: is the audit running? {canary:?}"
        );
        assert!(
            failures.is_empty(),
            "axe-core found WCAG violations at {width}×{height}:\n\n{}",
            failures.join("\n\n")
        );
    });
}

#[test]
#[cfg_attr(
    gait_missing_axe,
    ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm ci --prefix tests/tools"
)]
fn the_demo_site_has_no_wcag_violations_on_a_desktop() {
    audit(1280, 1000);
}

#[test]
#[cfg_attr(
    gait_missing_axe,
    ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm ci --prefix tests/tools"
)]
fn the_demo_site_has_no_wcag_violations_on_a_phone() {
    audit(360, 740);
}
