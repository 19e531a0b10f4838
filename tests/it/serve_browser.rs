//! `gait serve` in a real browser: an open page reloads by itself after an
//! edit, and a broken save shows the error over the page until it is fixed.

use crate::a11y;
use crate::browser;
use crate::common;
use crate::serve_support;

use browser::{Options, js, wait_for, with_browser};
use common::Site;
use serve_support::Server;

/// Open a page of the preview and wait until its live-reload script is
/// listening.
async fn open_live(c: &fantoccini::Client, url: &str) {
    c.goto(url).await.unwrap();
    wait_for(c, "document.readyState === 'complete'", "the page").await;
    wait_for(
        c,
        "document.querySelector('script[src=\"/__gait/live.js\"]')",
        "the live-reload script",
    )
    .await;
    // Give EventSource a moment to connect before an edit.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
}

/// The overlay's first error: [heading, message, offending line, help] and
/// the count line, once it is shown (null before).
const OVERLAY_TEXT: &str = "(() => {
    const host = document.getElementById('gait-error-overlay');
    const root = host && host.shadowRoot;
    const s = root && root.querySelector('section');
    if (!s) return null;
    const text = sel => { const e = s.querySelector(sel); return e ? e.textContent : null; };
    return [text('h2'), text('.message'), text('pre'), text('.help'), root.querySelector('.count').textContent];
})()";

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
        open_live(&c, &url).await;
        // Mark this page load: a reload makes a new window object without the mark.
        js(&c, "window.__gaitMark = 1; return 1;").await;

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
        let shown = wait_for(&c, OVERLAY_TEXT, "the error overlay").await;
        assert_eq!(shown[0], "content/posts/hip-pain-at-night.md:4");
        assert_eq!(shown[1], "unknown author `nobody`");
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

#[test]
#[cfg_attr(
    gait_missing_axe,
    ignore = "needs chromium, chromedriver and axe-core: apt-get install chromium chromium-driver; npm ci --prefix tests/tools"
)]
fn the_error_overlay_is_readable_whatever_the_site_css() {
    let tools = browser::tools();
    let axe = a11y::axe_source();
    let site = Site::fixture("basic");
    let server = Server::start(&site.root, &["--port", "0"]);
    let url = format!("http://127.0.0.1:{}/posts/hip-pain-at-night/", server.port);
    let post = site.path("content/posts/hip-pain-at-night.md");
    let good = std::fs::read_to_string(&post).unwrap();
    let opts = Options {
        width: 360,
        height: 740,
        ..Options::default()
    };

    with_browser(&tools, opts, move |c| async move {
        open_live(&c, &url).await;
        std::fs::write(&post, good.replace("author: dana-reyes", "author: nobody")).unwrap();
        let shown = wait_for(&c, OVERLAY_TEXT, "the error overlay").await;
        // As in the terminal: the location as a heading, the message, the
        // offending line with its number, the help, the count.
        assert_eq!(shown[0], "content/posts/hip-pain-at-night.md:4");
        assert_eq!(shown[1], "unknown author `nobody`");
        assert_eq!(shown[2], "     4 | author: nobody");
        let help = shown[3].as_str().unwrap();
        assert!(help.starts_with("Help: "), "{help}");
        assert_eq!(shown[4], "1 error in 1 file");

        // axe-core, WCAG A and AA with colour contrast, over the whole page:
        // nothing, and the contrast rule did look at the overlay's text.
        c.execute(&axe, vec![]).await.expect("load axe-core");
        let whole = axe_overlay(&c, "document").await;
        assert_eq!(whole["violations"], serde_json::json!([]), "{whole}");
        let checked = whole["contrast"].as_u64().unwrap();
        assert!(checked >= 5, "axe checked {checked} of the overlay's texts");

        // A site whose CSS would spoil an overlay that took it (pale code on
        // beige, white on light grey buttons, tiny pale text) leaves it as it was.
        let before = js(&c, OVERLAY_LOOK).await;
        js(
            &c,
            "const s = document.createElement('style');
             s.textContent = `pre, code { color: #ffd7c2 !important; background: #f3efe7 !important; white-space: pre-wrap !important; }
               button { color: #fff !important; background: #efefef !important; }
               h2, p, div, section { color: #eee !important; font-size: 8px !important; background: #fff !important; }`;
             document.head.append(s); return 1;",
        )
        .await;
        assert_eq!(
            js(
                &c,
                "return getComputedStyle(document.querySelector('main p')).fontSize;"
            )
            .await,
            "8px",
            "the hostile styles apply to the page"
        );
        assert_eq!(js(&c, OVERLAY_LOOK).await, before);
        assert_eq!(
            before,
            serde_json::json!([
                "pre",
                "rgb(242, 242, 242)",
                "rgb(30, 30, 30)",
                "17px",
                "rgb(255, 255, 255)",
                "rgb(27, 27, 27)"
            ])
        );
        let overlay = axe_overlay(&c, "{ include: [['#gait-error-overlay']] }").await;
        assert_eq!(overlay["violations"], serde_json::json!([]), "{overlay}");

        // Hide removes it.
        js(&c, "document.getElementById('gait-error-overlay').shadowRoot.querySelector('button').click(); return 1;").await;
        assert_eq!(
            js(
                &c,
                "return !!document.getElementById('gait-error-overlay');"
            )
            .await,
            false
        );
    });
    drop(server);
}

/// The computed look of the overlay's code, heading and button.
const OVERLAY_LOOK: &str = "const r = document.getElementById('gait-error-overlay').shadowRoot;
    const s = e => getComputedStyle(r.querySelector(e));
    return [s('pre').whiteSpace, s('pre').color, s('pre').backgroundColor, s('h2').fontSize, s('button').color, s('button').backgroundColor];";

/// axe-core (loaded) on `context`: the violations, and how many of the
/// overlay's elements passed the colour-contrast rule.
async fn axe_overlay(c: &fantoccini::Client, context: &str) -> serde_json::Value {
    let tags = serde_json::to_string(a11y::TAGS).unwrap();
    let result = c
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 axe.run({context}, {{ runOnly: {{ type: 'tag', values: {tags} }} }})
                   .then(r => done({{
                     violations: r.violations.map(v => v.id + ': ' + v.nodes.map(n => JSON.stringify(n.target) + ' ' + n.failureSummary).join('; ')),
                     contrast: r.passes.filter(p => p.id === 'color-contrast')
                       .flatMap(p => p.nodes.map(n => n.target[0]))
                       .filter(t => Array.isArray(t) && t[0] === '#gait-error-overlay').length
                   }}))
                   .catch(e => done({{ error: String(e) }}));"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(result.get("error"), None, "{result}");
    result
}
