//! `gait serve`: the real binary on a free loopback port, against a copy of a
//! fixture site: HTTP responses, live reload, errors kept in view.

use crate::common;
use crate::serve_support;

use std::net::TcpListener;
use std::time::Duration;

use common::Site;
use serve_support::{Server, get};

const WAIT: Duration = Duration::from_secs(10);

fn start(site: &Site) -> Server {
    Server::start(&site.root, &["--port", "0"])
}

#[test]
fn serves_pages_assets_and_a_404_page_with_status_404() {
    let site = Site::fixture("basic");
    let server = start(&site);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(home.body.contains("Riverbend Pelvic Therapy"));

    let post = server.get("/posts/hip-pain-at-night/");
    assert_eq!(post.status, 200);
    assert!(post.body.contains("Why hip pain gets worse at night"));

    let css = server.get("/css/style.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    let feed = server.get("/feed.xml");
    assert_eq!(feed.status, 200);
    assert!(feed.header("content-type").unwrap().contains("xml"));
    let svg = server.get("/images/favicon.svg");
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));

    let missing = server.get("/posts/no-such-post/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<h1"),
        "the theme's 404 page is served"
    );

    // A folder without index.html is not listed.
    let folder = server.get("/css/");
    assert_eq!(folder.status, 404);
    assert_eq!(folder.body, missing.body, "the 404 page, not a listing");

    // Folder URLs without the slash are redirected to it.
    let bare = server.get("/posts/hip-pain-at-night");
    assert!(
        matches!(bare.status, 301 | 307 | 308),
        "got {}",
        bare.status
    );
}

#[test]
fn never_serves_a_path_outside_the_output() {
    let site = Site::fixture("basic");
    let server = start(&site);
    for path in [
        "/../site.yaml",
        "/../../../../etc/passwd",
        "/%2e%2e/site.yaml",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/posts/..%2f..%2fsite.yaml",
        "/..\\site.yaml",
        "//etc/passwd",
        "/content/posts/hip-pain-at-night.md",
    ] {
        let r = server.get(path);
        assert_ne!(r.status, 200, "{path} must not be served");
        assert!(!r.body.contains("base_url"), "{path} leaked site.yaml");
        assert!(!r.body.contains("root:x:0:0"), "{path} leaked /etc/passwd");
    }
}

#[test]
fn html_gets_the_live_reload_script_but_the_build_output_does_not() {
    let site = Site::fixture("basic");
    let server = start(&site);
    assert!(
        server
            .get("/")
            .body
            .contains("<script src=\"/__gait/live.js\" defer></script></body>")
    );
    let script = server.get("/__gait/live.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"));
    assert!(!server.get("/css/style.css").body.contains("__gait"));

    // The preview never writes the user's public/ folder ...
    assert!(!site.root.join("public").exists());
    // ... and a real build has no live-reload script.
    site.build_ok(&[]);
    for page in site.html_files() {
        assert!(!site.read_out(&page).contains("__gait"), "{page}");
    }
}

#[test]
fn editing_a_post_reloads_the_browser_and_shows_the_new_text() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let events = server.events();
    let path = "content/posts/hip-pain-at-night.md";
    let text = std::fs::read_to_string(site.path(path)).unwrap();
    site.write(
        path,
        text.replace("Many people notice", "Plenty of readers notice"),
    );

    let data = events
        .wait_for("reload", WAIT)
        .expect("a reload event after the edit");
    assert_eq!(data, r#"{"type":"reload"}"#);
    assert!(
        server
            .get("/posts/hip-pain-at-night/")
            .body
            .contains("Plenty of readers notice")
    );
    // The listing pages that show it are rebuilt too (the summary comes from front matter,
    // so check the post's own page and that the home page still lists it).
    assert!(server.get("/").status == 200);
}

#[test]
fn a_broken_save_keeps_the_last_good_page_and_shows_the_error_until_fixed() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let events = server.events();
    let path = "content/posts/hip-pain-at-night.md";
    let good = std::fs::read_to_string(site.path(path)).unwrap();

    site.write(
        path,
        good.replace("author: dana-reyes", "author: dana-reye"),
    );
    let data = events
        .wait_for("build-error", WAIT)
        .expect("an error event");
    assert!(
        data.contains("content/posts/hip-pain-at-night.md:4: unknown author `dana-reye`"),
        "{data}"
    );
    assert!(data.contains("did you mean `dana-reyes`?"), "{data}");
    assert!(
        server
            .wait_output("Still serving the last good build.", WAIT)
            .is_some()
    );

    // The last good page is still there.
    let page = server.get("/posts/hip-pain-at-night/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Why hip pain gets worse at night"));
    // A tab opened now is told about the error at once.
    let late = server.events();
    let (name, data) = late.next(WAIT).expect("the current error");
    assert_eq!(name, "build-error");
    assert!(data.contains("unknown author"));

    // Fixing the file clears it.
    site.write(path, &good);
    events
        .wait_for("reload", WAIT)
        .expect("a reload after the fix");
    let fresh = server.events();
    assert_eq!(
        fresh.next(Duration::from_millis(700)),
        None,
        "no error once fixed"
    );
}

#[test]
fn a_broken_link_never_holds_a_save_back_and_is_shown_as_a_notice() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let events = server.events();
    let path = "content/posts/hip-pain-at-night.md";
    let good = std::fs::read_to_string(site.path(path)).unwrap();
    site.write(
        path,
        format!("{good}\nMore in [the next post](/posts/not-written-yet/).\n"),
    );
    let notice = events
        .wait_for("build-notice", WAIT)
        .expect("a notice of the broken link");
    assert!(
        notice.contains("warning: content/posts/hip-pain-at-night.md:")
            && notice.contains("the link `/posts/not-written-yet/` points to nothing on this site"),
        "{notice}"
    );
    assert!(
        notice.contains("1 broken link: the pages were updated anyway"),
        "{notice}"
    );
    events.wait_for("reload", WAIT).expect("the page reloads");
    // The page has the new text: the save was not held back.
    let page = server.get("/posts/hip-pain-at-night/");
    assert!(page.body.contains("the next post"), "{}", page.body);
    // A tab that connects now (a reloaded page) is told at once.
    let late = server.events();
    let (name, _) = late.next(WAIT).expect("the current notice");
    assert_eq!(name, "build-notice");
    // Writing the post it points to clears it.
    site.write(
        "content/posts/not-written-yet.md",
        "---\ntitle: Now written\ndate: 2024-01-02\nauthor: sam-lee\n---\n\nHere.\n",
    );
    events.wait_for("reload", WAIT).expect("a reload");
    // That reload may still be the first save's (a save can come as two
    // file events): once the new post is served, a tab that connects is
    // soon told nothing.
    let deadline = std::time::Instant::now() + WAIT;
    while server.get("/posts/not-written-yet/").status != 200 {
        assert!(
            std::time::Instant::now() < deadline,
            "the new post is served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    loop {
        let fresh = server.events();
        match fresh.next(Duration::from_millis(700)) {
            None => break,
            Some(event) => {
                assert!(
                    std::time::Instant::now() < deadline,
                    "no notice once mended: {event:?}"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

#[test]
fn the_feeds_and_search_index_follow_the_reload_in_the_background() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let events = server.events();
    let path = "content/posts/hip-pain-at-night.md";
    let good = std::fs::read_to_string(site.path(path)).unwrap();
    site.write(
        path,
        good.replace(
            "Why hip pain gets worse at night",
            "Why sore hips wake you up",
        ),
    );
    events.wait_for("reload", WAIT).expect("a reload");
    // The page is new at once; the feed and the search titles follow.
    assert!(
        server
            .get("/posts/hip-pain-at-night/")
            .body
            .contains("Why sore hips wake you up")
    );
    let deadline = std::time::Instant::now() + WAIT;
    let updated = |p: &str| server.get(p).body.contains("Why sore hips wake you up");
    while !(updated("/feed.xml") && updated("/search/titles.json")) {
        assert!(
            std::time::Instant::now() < deadline,
            "the feed and the search titles were not rewritten"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.path("static/css")).unwrap();
    site.write("static/css/extra.css", "body { color: black; }\n");
    let server = start(&site);
    let events = server.events();
    site.write("static/css/extra.css", "body { color: #111; }\n");
    let (name, _) = events.next(WAIT).expect("an event");
    assert_eq!(name, "css");
    assert!(server.get("/css/extra.css").body.contains("#111"));
}

#[test]
fn deleting_a_post_removes_its_page() {
    let site = Site::fixture("basic");
    let server = start(&site);
    assert_eq!(server.get("/posts/gentle-core-work/").status, 200);
    let events = server.events();
    site.remove("content/posts/gentle-core-work.md");
    events
        .wait_for("reload", WAIT)
        .expect("a reload after the delete");
    assert_eq!(server.get("/posts/gentle-core-work/").status, 404);
}

#[test]
fn editor_swap_files_do_not_rebuild() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let events = server.events();
    site.write("content/posts/.hip-pain-at-night.md.swp", "binary junk");
    site.write("content/posts/hip-pain-at-night.md~", "old copy");
    site.write("content/posts/4913", "");
    assert_eq!(events.next(Duration::from_millis(800)), None);
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::fixture("basic");
    let server = Server::start(&site.root, &["--port", &port.to_string()]);
    assert_ne!(server.port, port);
    assert_eq!(get(server.port, "/").status, 200);
}

#[test]
fn a_static_file_replaced_by_a_folder_of_the_same_name_is_served() {
    let site = Site::fixture("basic");
    site.write("static/handouts", "an old file where a folder will be\n");
    let server = start(&site);
    assert_eq!(server.get("/handouts").status, 200);
    let events = server.events();
    site.remove("static/handouts");
    site.write(
        "static/handouts/breathing.txt",
        "Breathe in for four, out for six.\n",
    );
    events
        .wait_for("reload", WAIT)
        .expect("a reload after the change");
    let page = server.get("/handouts/breathing.txt");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("out for six"));
}

/// `Built 3 posts, 40 pages in 12 ms` with the milliseconds as `N`, and the
/// part after it.
fn summary_shape(line: &str) -> (String, String) {
    let (head, rest) = line
        .split_once(" ms")
        .unwrap_or_else(|| panic!("not a build summary: {line}"));
    let (head, ms) = head.rsplit_once(' ').unwrap();
    assert!(ms.parse::<u64>().is_ok(), "{line}");
    (format!("{head} N ms"), rest.to_string())
}

#[test]
fn the_preview_summary_is_worded_as_the_build_summary() {
    let site = Site::fixture("basic");
    let build = site.build(&[]);
    build.expect_success();
    let (built, _) = summary_shape(build.stdout.trim_end());
    assert_eq!(built, "Built 4 posts, 24 pages in N ms");

    let server = start(&site);
    std::thread::sleep(Duration::from_millis(300));
    let post = site.path("content/posts/hip-pain-at-night.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replace("Many people notice", "Many readers notice"),
    )
    .unwrap();
    let again = server.wait_output("Built ", WAIT).expect("a rebuild");
    let (head, tail) = summary_shape(&again);
    assert_eq!(head, built);
    let rendered: usize = tail
        .strip_prefix(" (")
        .and_then(|t| t.split_once(" page"))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("{again}"));
    let noun = if rendered == 1 { "page" } else { "pages" };
    assert_eq!(
        tail,
        format!(" ({rendered} {noun} rendered, {} reused)", 24 - rendered)
    );
}

/// The preview folders (`gait-serve-*`) in `tmp`.
fn preview_folders(tmp: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("gait-serve-")
        })
        .collect();
    found.sort();
    found
}

#[cfg(unix)]
#[test]
fn a_stopped_preview_removes_its_folder_and_a_killed_ones_is_removed_by_the_next() {
    let site = Site::fixture("basic");
    let tmp = tempfile::tempdir().unwrap();
    let env = [("TMPDIR", tmp.path())];

    // Killed outright, the preview leaves its built site behind...
    let killed = Server::start_with_env(&site.root, &["--port", "0"], &env);
    let left = preview_folders(tmp.path());
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].join("index.html").is_file());
    killed.kill();
    assert!(left[0].join("index.html").is_file());

    // ...and the next preview removes it as it starts.
    let next = Server::start_with_env(&site.root, &["--port", "0"], &env);
    assert_eq!(next.get("/").status, 200);
    let now = preview_folders(tmp.path());
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now[0], left[0]);

    // Stopped as `kill` stops it, it removes its own, even with a tab open.
    let tab = next.events();
    let status = next.stop_with("TERM");
    assert!(status.is_some_and(|s| s.success()), "{status:?}");
    drop(tab);
    assert_eq!(
        preview_folders(tmp.path()),
        Vec::<std::path::PathBuf>::new()
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_preview_while_tabs_are_open() {
    let site = Site::fixture("basic");
    let server = start(&site);
    // Two open tabs, each listening for reloads.
    let tabs = [server.events(), server.events()];
    assert_eq!(server.get("/").status, 200);
    let status = server.stop_with("INT");
    assert!(
        status.is_some_and(|s| s.success()),
        "the preview did not stop within 20 s of Ctrl-C: {status:?}"
    );
    drop(tabs);
}
