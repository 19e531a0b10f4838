//! Patient privacy, with the real binary on the basic fixture: requests to
//! other hosts in posts and templates, reported by file, line and host
//! (errors under `privacy: strict`, accepted with `third_party_allowed`),
//! click-to-play videos that request nothing, and the allowed hosts by kind
//! for a Content-Security-Policy.

use crate::common::*;

/// A post with Google Tag Manager (its usual snippet, with the `<noscript>`
/// frame) and a Google Maps embed.
const TRACKED: &str = "---\ntitle: Find us\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\nOur clinic is by the river.\n\n<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':\nnew Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],\nj=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=\n'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);\n})(window,document,'script','dataLayer','GTM-K7Q2XD4');</script>\n\n<iframe src=\"https://www.google.com/maps/embed?pb=!1m18!1m12\" width=\"600\" height=\"450\" title=\"Map\"></iframe>\n";

#[test]
fn check_names_each_host_a_post_loads_with_its_line() {
    let site = Site::fixture("basic");
    site.write("content/posts/find-us.md", TRACKED);
    let run = site.run(&["check"]);
    run.expect_success();
    assert_eq!(
        run.stderr_lines(),
        [
            "warning: content/posts/find-us.md:9: raw HTML with <script> runs code in readers' browsers",
            "     9 | <script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':",
            "  help: remove it unless you are sure it is needed and safe",
            "warning: content/posts/find-us.md:12: this page loads a script from `www.googletagmanager.com`, another site",
            "    12 | 'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);",
            "  help: as the page opens, readers' browsers tell `www.googletagmanager.com` which page they read: remove it, or if the clinic accepts that, add `www.googletagmanager.com` to `third_party_allowed` in site.yaml",
            "warning: content/posts/find-us.md:15: this page embeds a page from `www.google.com`, another site",
            "    15 | <iframe src=\"https://www.google.com/maps/embed?pb=!1m18!1m12\" width=\"600\" height=\"450\" title=\"Map\"></iframe>",
            "  help: as the page opens, readers' browsers tell `www.google.com` which page they read: remove it, or if the clinic accepts that, add `www.google.com` to `third_party_allowed` in site.yaml",
        ]
    );
}

#[test]
fn under_privacy_strict_the_build_stops_unless_the_host_is_allowed() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    site.write("content/posts/find-us.md", TRACKED);
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}privacy: strict\n"));
    let run = site.build(&[]);
    run.expect_code(1);
    let errors: Vec<&str> = run
        .stderr_lines()
        .into_iter()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: content/posts/find-us.md:12: this page loads a script from `www.googletagmanager.com`, another site",
            "error: content/posts/find-us.md:15: this page embeds a page from `www.google.com`, another site",
        ]
    );
    assert_same_files(&before, &snapshot(&site.public()));
    // The clinic accepts the map: only the tag manager stops the build.
    site.write(
        "site.yaml",
        format!("{config}privacy: strict\nthird_party_allowed: [www.google.com]\n"),
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`www.googletagmanager.com`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`www.google.com`"), "{}", run.stderr);
    site.write(
        "site.yaml",
        format!("{config}privacy: strict\nthird_party_allowed: [www.google.com, \"*.googletagmanager.com\"]\n"),
    );
    site.build_ok(&[]);
}

#[test]
fn a_template_that_loads_from_another_site_is_named_with_its_line() {
    let site = Site::fixture("basic");
    let base =
        std::fs::read_to_string(repo_root().join("themes/clinic/templates/base.html")).unwrap();
    let style = "  <link rel=\"stylesheet\" href=\"{{ asset(path=\"css/style.css\") }}\">\n";
    let with_fonts = base.replacen(
        style,
        &format!("{style}  <link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Inter\">\n"),
        1,
    );
    assert_ne!(base, with_fonts);
    let line = with_fonts
        .lines()
        .position(|l| l.contains("fonts.googleapis.com"))
        .unwrap()
        + 1;
    site.write("templates/base.html", &with_fonts);
    let run = site.run(&["check"]);
    run.expect_success();
    assert_eq!(
        run.stderr_lines()[0],
        format!(
            "warning: templates/base.html:{line}: this template loads a stylesheet from `fonts.googleapis.com`, another site"
        )
    );
}

#[test]
fn a_video_line_becomes_a_poster_that_loads_nothing_from_the_video_host() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/bridges.md",
        "---\ntitle: Bridges\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\nWatch first.\n\n[Glute bridge, slowly](https://youtu.be/kP3vR8dW2xQ)\n\nhttps://vimeo.com/76979871\n",
    );
    let run = site.run(&["check"]);
    run.expect_success();
    assert_eq!(run.stderr, "", "a video is no request to another site");
    site.build_ok(&[]);
    let page = site.read_out("posts/bridges/index.html");
    let doc = html(&page);
    let videos = select(&doc, ".content .video[data-video-player]");
    let players: Vec<&str> = videos
        .iter()
        .map(|v| v.value().attr("data-video-player").unwrap())
        .collect();
    assert_eq!(
        players,
        [
            "https://www.youtube-nocookie.com/embed/kP3vR8dW2xQ?autoplay=1",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
        ]
    );
    let titles: Vec<String> = select(&doc, ".video a.video-poster")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(titles, ["Glute bridge, slowly", "Video on Vimeo"]);
    // The page's only script is the theme's own, from this site.
    let scripts: Vec<&str> = select(&doc, "script[src]")
        .iter()
        .map(|s| s.value().attr("src").unwrap())
        .collect();
    // (under its fingerprinted name, `js/video.<hash>.js`)
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].starts_with("/js/video."), "{scripts:?}");
    assert!(site.out_exists(&scripts[0][1..]));
    // A page without a video does not load the script.
    assert!(
        !site
            .read_out("posts/gentle-core-work/index.html")
            .contains("video.js")
    );
}

/// What a site loads from other hosts, by kind, for a Content-Security-Policy.
#[test]
fn the_allowed_hosts_are_listed_by_kind_for_a_content_security_policy() {
    let site = Site::fixture("basic");
    site.write("content/posts/find-us.md", TRACKED);
    site.write(
        "content/posts/bridges.md",
        "---\ntitle: Bridges\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\nhttps://youtu.be/kP3vR8dW2xQ\n",
    );
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{config}third_party_allowed: [www.google.com]\n"),
    );
    let prepared = site.prepare(chrono::Utc::now());
    let hosts = &prepared.third_parties;
    let directives = hosts.directives();
    let directives: Vec<(&str, Vec<&str>)> = directives
        .iter()
        .map(|(d, hs)| (*d, hs.iter().map(String::as_str).collect()))
        .collect();
    // The tag manager is not allowed, so a policy need not let it in.
    assert_eq!(
        directives,
        [(
            "frame-src",
            vec!["www.google.com", "www.youtube-nocookie.com"]
        )]
    );
    // `gait check` says which other sites the pages load, and when.
    let run = site.run(&["check"]);
    run.expect_success();
    let said: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(
        said,
        [
            "Pages load from other sites that site.yaml allows: www.google.com (embedded pages)",
            "Videos play from www.youtube-nocookie.com only when a reader presses play: nothing is requested from there as a page opens",
        ]
    );
}
