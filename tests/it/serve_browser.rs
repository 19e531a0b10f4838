//! `gait serve` in a real browser: an open page reloads by itself after an
//! edit, and a broken save shows the error over the page until it is fixed.

use crate::browser;
use crate::common;
use crate::serve_support;

use browser::{Options, js, wait_for, with_browser};
use common::Site;
use serve_support::Server;

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_open_page_reloads_after_an_edit_and_shows_errors() {
    let tools = browser::tools();
    let site = Site::fixture("basic");
    let server = Server::start(&site.root, &["--port", "0"]);
    let url = format!("http://127.0.0.1:{}/posts/hip-pain-at-night/", server.port);
    let post = site.path("content/posts/hip-pain-at-night.md");
    let good = std::fs::read_to_string(&post).unwrap();
    let (good2, good3, post2, post3) = (good.clone(), good.clone(), post.clone(), post.clone());

    with_browser(&tools, Options::default(), move |c| async move {
        c.goto(&url).await.unwrap();
        wait_for(&c, "document.readyState === 'complete'", "the page").await;
        // Mark this page load: a reload makes a new window object without the mark.
        js(&c, "window.__gaitMark = 1; return 1;").await;
        wait_for(
            &c,
            "document.querySelector('script[src=\"/__gait/live.js\"]')",
            "the live-reload script",
        )
        .await;
        // Give EventSource a moment to connect before the edit.
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;

        std::fs::write(
            &post2,
            good2.replace("Many people notice", "Plenty of readers notice"),
        )
        .unwrap();
        wait_for(
            &c,
            "!window.__gaitMark && document.body.textContent.includes('Plenty of readers notice')",
            "a reload with the new text",
        )
        .await;

        // A broken save: the overlay shows the error, the page stays.
        js(&c, "window.__gaitMark = 2; return 1;").await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        std::fs::write(
            &post3,
            good3.replace("author: dana-reyes", "author: nobody"),
        )
        .unwrap();
        let text = wait_for(&c, "document.getElementById('gait-error-overlay') && document.getElementById('gait-error-overlay').textContent", "the error overlay").await;
        let text = text.as_str().unwrap_or_default().to_string();
        assert!(
            text.contains("content/posts/hip-pain-at-night.md:4: unknown author `nobody`"),
            "{text}"
        );
        assert_eq!(
            js(&c, "return window.__gaitMark;").await,
            2,
            "no reload while broken"
        );
        let role = js(
            &c,
            "return document.getElementById('gait-error-overlay').getAttribute('role');",
        )
        .await;
        assert_eq!(role, "alert");
    });
    // Fixing it is covered over HTTP in tests/serve.rs; the browser part ends here.
    drop(server);
}
