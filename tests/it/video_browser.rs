//! Click-to-play videos in Chromium. An article with a YouTube line must
//! ask nothing of YouTube (or any video host) while it loads: Chromium's own
//! network log (`--log-net-log`) and the page's resource timing list every
//! request, and neither may name a video host. Pressing play (with the
//! keyboard) then loads the privacy-enhanced player. Every host but
//! 127.0.0.1 fails to resolve in these browsers, so nothing leaves the
//! machine, even after play.

use std::path::Path;

use crate::browser::{
    self, Options, build_fixture, js, loopback_only, serve, wait_for, with_browser,
};
use fantoccini::Locator;
use fantoccini::key::Key;

/// Hosts that belong to the video sites or their trackers.
const VIDEO_HOSTS: &[&str] = &[
    "youtube",
    "ytimg",
    "googlevideo",
    "vimeo",
    "vimeocdn",
    "doubleclick",
];

const POST: &str = "---\ntitle: Glute bridges at home\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\nLie on your back with your knees bent.\n\n[Glute bridge, slowly](https://www.youtube.com/watch?v=kP3vR8dW2xQ)\n\nThen try it on one leg:\n\nhttps://vimeo.com/76979871\n";

/// A browser that logs every request to `log` and reaches only 127.0.0.1.
fn logging(log: &Path) -> Options {
    Options {
        args: vec![format!("--log-net-log={}", log.display()), loopback_only()],
        ..Options::default()
    }
}

/// The network log, once the browser that wrote it has closed.
fn read_log(log: &Path) -> String {
    let text = std::fs::read_to_string(log)
        .unwrap_or_else(|e| panic!("no network log at {}: {e}", log.display()));
    assert!(
        text.contains("\"events\""),
        "{} is not a Chromium network log",
        log.display()
    );
    text
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn an_article_with_a_video_requests_nothing_from_the_video_host_until_play() {
    let tools = browser::tools();
    let site = build_fixture("basic", |root| {
        std::fs::write(root.join("content/posts/glute-bridges.md"), POST).unwrap();
    });
    let origin = serve(site.public.clone());
    let logs = tempfile::tempdir().unwrap();
    let url = format!("{origin}/posts/glute-bridges/");

    // Load the page and look: nothing from a video host.
    let on_load = logs.path().join("load.json");
    let page = url.clone();
    with_browser(&tools, logging(&on_load), move |c| async move {
        c.goto(&page).await.unwrap();
        wait_for(&c, "document.readyState === 'complete'", "the page").await;
        wait_for(
            &c,
            "document.querySelectorAll('.video button.video-poster').length === 2",
            "the play buttons",
        )
        .await;
        // Let anything lazy start.
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        let loaded = js(
            &c,
            "return performance.getEntriesByType('resource').map(e => e.name);",
        )
        .await;
        let loaded: Vec<String> = serde_json::from_value(loaded).unwrap();
        assert!(
            loaded.iter().any(|u| u.contains("/css/style."))
                && loaded.iter().any(|u| u.contains("/js/video.")),
            "the resource list shows the page's own files: {loaded:?}"
        );
        let from_video_hosts: Vec<&String> = loaded
            .iter()
            .filter(|u| VIDEO_HOSTS.iter().any(|h| u.contains(h)))
            .collect();
        assert!(
            from_video_hosts.is_empty(),
            "loaded on open: {from_video_hosts:?}"
        );
        let frames = js(&c, "return document.querySelectorAll('iframe').length;").await;
        assert_eq!(frames, 0);
    });
    let log = read_log(&on_load);
    assert!(
        log.contains("/posts/glute-bridges/") && log.contains("/js/video."),
        "the log records the page's requests"
    );
    for host in VIDEO_HOSTS {
        assert!(
            !log.contains(host),
            "the network log mentions `{host}` before play"
        );
    }

    // Press play with the keyboard: the privacy-enhanced players load.
    let on_play = logs.path().join("play.json");
    with_browser(&tools, logging(&on_play), move |c| async move {
        c.goto(&url).await.unwrap();
        wait_for(
            &c,
            "document.querySelectorAll('.video button.video-poster').length === 2",
            "the play buttons",
        )
        .await;
        let buttons = c
            .find_all(Locator::Css(".video button.video-poster"))
            .await
            .unwrap();
        let names = js(&c, "return [...document.querySelectorAll('.video button')].map(b => [b.type, b.getAttribute('aria-label'), document.getElementById(b.getAttribute('aria-describedby')).textContent]);").await;
        assert_eq!(
            names,
            serde_json::json!([
                [
                    "button",
                    "Play video: Glute bridge, slowly",
                    "Nothing is loaded from YouTube until you press play."
                ],
                [
                    "button",
                    "Play video: Video on Vimeo",
                    "Nothing is loaded from Vimeo until you press play."
                ],
            ])
        );
        // Each button in turn (the first one's player takes its place).
        for button in &buttons {
            button.send_keys(&Key::Enter.to_string()).await.unwrap();
        }
        let players = wait_for(
            &c,
            "document.querySelectorAll('.video.is-playing iframe').length === 2 && [...document.querySelectorAll('.video iframe')].map(f => [f.src, f.title])",
            "both players",
        )
        .await;
        assert_eq!(
            players,
            serde_json::json!([
                [
                    "https://www.youtube-nocookie.com/embed/kP3vR8dW2xQ?autoplay=1",
                    "Glute bridge, slowly"
                ],
                [
                    "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
                    "Video on Vimeo"
                ],
            ])
        );
        let focused = js(&c, "return document.activeElement.tagName;").await;
        assert_eq!(focused, "IFRAME", "focus moves to the player");
    });
    let log = read_log(&on_play);
    // The log does record other hosts: the players, asked for after play.
    assert!(
        log.contains("www.youtube-nocookie.com"),
        "the play log names the YouTube player"
    );
    assert!(
        log.contains("player.vimeo.com"),
        "the play log names the Vimeo player"
    );
    assert!(
        !log.contains("www.youtube.com"),
        "only the privacy-enhanced player"
    );
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn without_javascript_a_video_is_a_plain_link() {
    let tools = browser::tools();
    let site = build_fixture("basic", |root| {
        std::fs::write(root.join("content/posts/glute-bridges.md"), POST).unwrap();
    });
    let origin = serve(site.public.clone());
    let opts = Options {
        javascript: false,
        args: vec![loopback_only()],
        ..Options::default()
    };
    with_browser(&tools, opts, move |c| async move {
        c.goto(&format!("{origin}/posts/glute-bridges/"))
            .await
            .unwrap();
        let links = c
            .find_all(Locator::Css(".video a.video-poster"))
            .await
            .unwrap();
        let mut found = Vec::new();
        for l in &links {
            found.push((
                l.attr("href").await.unwrap().unwrap(),
                l.text().await.unwrap(),
            ));
        }
        assert_eq!(
            found,
            [
                (
                    "https://www.youtube.com/watch?v=kP3vR8dW2xQ".to_string(),
                    "Glute bridge, slowly".to_string()
                ),
                (
                    "https://vimeo.com/76979871".to_string(),
                    "Video on Vimeo".to_string()
                ),
            ]
        );
        assert!(
            c.find_all(Locator::Css(".video button"))
                .await
                .unwrap()
                .is_empty()
        );
    });
}
