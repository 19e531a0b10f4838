//! A therapist adds a post, builds, and the post shows up everywhere it
//! should: home page, category archive, author bio, clinic page, feed and
//! sitemap. Also: post folders with images, aliases, threaded comments,
//! pagination, future posts and the byline.

use crate::common;

use common::*;

const BASE: &str = "https://riverbend.example";

const MY_POST: &str = "\
---
title: Pelvic floor myths we hear every week
date: 2024-06-01
author: sam-lee
categories: [Pelvic Floor]
tags: [myths]
summary: Five things patients tell us that are not quite right.
---

A strong pelvic floor is not always a tight one.
";

/// The `href`s of every link in an output page.
fn hrefs(site: &Site, page: &str) -> Vec<String> {
    let doc = html(&site.read_out(page));
    select(&doc, "a[href]")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

#[track_caller]
fn assert_links_to(site: &Site, page: &str, url: &str) {
    let links = hrefs(site, page);
    assert!(
        links.iter().any(|h| h == url),
        "public/{page} has no link to {url}; its links: {links:?}"
    );
}

#[track_caller]
fn assert_no_link_to(site: &Site, page: &str, url: &str) {
    assert!(
        !hrefs(site, page).iter().any(|h| h == url),
        "public/{page} links to {url}"
    );
}

fn sitemap_locs(site: &Site) -> Vec<String> {
    let text = site.read_out("sitemap.xml");
    let doc = parse_xml("sitemap.xml", &text);
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect()
}

fn feed_ids(site: &Site) -> Vec<String> {
    let text = site.read_out("feed.xml");
    let doc = parse_xml("feed.xml", &text);
    doc.descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| {
            e.children()
                .find(|n| n.has_tag_name("id"))
                .and_then(|n| n.text())
        })
        .map(str::to_string)
        .collect()
}

/// The text of the byline in the post's header.
fn byline(site: &Site, slug: &str) -> String {
    let doc = html(&site.read_out(&format!("posts/{slug}/index.html")));
    let bylines = select(&doc, "article .byline");
    assert!(!bylines.is_empty(), "posts/{slug}: no byline");
    text_of(&bylines[0])
}

#[test]
fn a_new_post_appears_everywhere() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    assert!(!site.out_exists("posts/my-post/index.html"));
    assert_no_link_to(&site, "index.html", "/posts/my-post/");

    site.write("content/posts/my-post.md", MY_POST);
    let run = site.build_ok(&[]);
    assert!(
        run.stdout.starts_with("Built 5 posts, "),
        "summary: {}",
        run.stdout
    );

    let page = site.read_out("posts/my-post/index.html");
    let doc = html(&page);
    let h1 = select(&doc, "h1");
    assert_eq!(h1.len(), 1);
    assert_eq!(text_of(&h1[0]), "Pelvic floor myths we hear every week");
    assert!(page.contains("A strong pelvic floor is not always a tight one."));

    let url = "/posts/my-post/";
    assert_links_to(&site, "index.html", url);
    assert_links_to(&site, "categories/pelvic-floor/index.html", url);
    assert_links_to(&site, "categories/index.html", "/categories/pelvic-floor/");
    assert_links_to(&site, "tags/myths/index.html", url);
    assert_links_to(&site, "authors/sam-lee/index.html", url);
    // No `clinic:` in the post: it belongs to its author's clinic.
    assert_links_to(&site, "clinics/hillcrest/index.html", url);
    assert_no_link_to(&site, "clinics/riverside/index.html", url);
    assert_no_link_to(&site, "authors/dana-reyes/index.html", url);

    let permalink = format!("{BASE}/posts/my-post/");
    let ids = feed_ids(&site);
    assert_eq!(
        ids.first(),
        Some(&permalink),
        "the newest post leads the feed: {ids:?}"
    );
    assert!(
        sitemap_locs(&site).contains(&permalink),
        "sitemap lists {permalink}"
    );
    assert!(sitemap_locs(&site).contains(&format!("{BASE}/categories/pelvic-floor/")));
}

#[test]
fn byline_shows_name_credentials_and_clinic() {
    let site = Site::fixture("basic");
    site.write("content/posts/my-post.md", MY_POST);
    site.build_ok(&[]);
    // Sam Lee works at Hillcrest; the post names no clinic.
    let b = byline(&site, "my-post");
    assert!(b.contains("Sam Lee, PT, DPT"), "byline: {b:?}");
    assert!(b.contains("Hillcrest Clinic"), "byline: {b:?}");
    // A post's own `clinic:` wins over its author's.
    let b = byline(&site, "running-after-birth");
    assert!(b.contains("Sam Lee, PT, DPT"), "byline: {b:?}");
    assert!(b.contains("Riverside Clinic"), "byline: {b:?}");
    assert!(!b.contains("Hillcrest"), "byline: {b:?}");
    assert_links_to(
        &site,
        "clinics/riverside/index.html",
        "/posts/running-after-birth/",
    );
    assert_no_link_to(
        &site,
        "clinics/hillcrest/index.html",
        "/posts/running-after-birth/",
    );
    let b = byline(&site, "hip-pain-at-night");
    assert!(b.contains("Dana Reyes, DPT, PRPC"), "byline: {b:?}");
    assert!(b.contains("Riverside Clinic"), "byline: {b:?}");
}

#[test]
fn a_post_folder_gets_its_image_copied_beside_the_page() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let copied = std::fs::read(site.public().join("posts/bladder-diary/chart.svg"))
        .expect("chart.svg copied");
    let original = std::fs::read(site.path("content/posts/bladder-diary/chart.svg")).unwrap();
    assert_eq!(copied, original);
    assert!(
        !site.out_exists("posts/bladder-diary/index.md"),
        "the post's Markdown is not published"
    );
    let doc = html(&site.read_out("posts/bladder-diary/index.html"));
    let imgs: Vec<_> = select(&doc, "main img");
    let chart = imgs
        .iter()
        .find(|i| {
            i.value().attr("alt") == Some("A sample diary chart with drinks and bathroom trips")
        })
        .expect("the chart image is on the page");
    let src = chart.value().attr("src").unwrap();
    let target = resolve_internal("posts/bladder-diary/index.html", src, "").unwrap();
    assert_eq!(target, "posts/bladder-diary/chart.svg", "src {src}");
}

#[test]
fn aliases_make_redirect_pages() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let text = site.read_out("2019/04/running-after-birth/index.html");
    let doc = html(&text);
    let refresh = select(&doc, "meta[http-equiv=refresh]");
    assert_eq!(refresh.len(), 1, "one meta refresh:\n{text}");
    let content = refresh[0].value().attr("content").unwrap();
    let target = content
        .split_once("url=")
        .map(|(_, u)| u.trim())
        .unwrap_or("");
    assert!(
        target == "/posts/running-after-birth/"
            || target == format!("{BASE}/posts/running-after-birth/"),
        "refresh target: {content}"
    );
    let canonical = select(&doc, "link[rel=canonical]");
    assert_eq!(canonical.len(), 1);
    assert_eq!(
        canonical[0].value().attr("href"),
        Some(format!("{BASE}/posts/running-after-birth/").as_str())
    );
    let links: Vec<_> = select(&doc, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        links.contains(&"/posts/running-after-birth/"),
        "a link for people without refresh: {links:?}"
    );
    assert!(
        !sitemap_locs(&site).iter().any(|l| l.contains("2019/04")),
        "redirect pages are not in the sitemap"
    );
}

#[test]
fn comments_are_threaded_by_parent() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let doc = html(&site.read_out("posts/hip-pain-at-night/index.html"));
    for id in 1..=4 {
        assert_eq!(
            select(&doc, &format!("#comment-{id}")).len(),
            1,
            "comment {id} shown once"
        );
    }
    // 3 replies to 2, which replies to 1: nested two levels deep.
    assert_eq!(
        select(&doc, "#comment-1 #comment-2 #comment-3").len(),
        1,
        "reply to a reply nests"
    );
    assert!(
        select(&doc, "#comment-1 #comment-4").is_empty(),
        "comment 4 is a new thread"
    );
    assert!(select(&doc, "#comment-2 #comment-1").is_empty());
    let c3 = &select(&doc, "#comment-3")[0];
    assert!(text_of(c3).contains("That worked for me, thank you!"));
    assert!(text_of(c3).contains("Lou"));
    // Posts without a comments file show none.
    let other = html(&site.read_out("posts/gentle-core-work/index.html"));
    assert!(select(&other, "[id^=comment-]").is_empty());
}

#[test]
fn pagination_of_home_and_category_archive() {
    // posts_per_page: 2, four posts; three in "Hip Pain".
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    assert!(site.out_exists("page/2/index.html"));
    assert!(
        !site.out_exists("page/3/index.html"),
        "four posts make two pages"
    );
    assert!(
        !site.out_exists("page/1/index.html"),
        "page 1 is the home page itself"
    );
    // Newest first.
    assert_links_to(&site, "index.html", "/posts/running-after-birth/");
    assert_links_to(&site, "index.html", "/posts/hip-pain-at-night/");
    assert_no_link_to(&site, "index.html", "/posts/gentle-core-work/");
    assert_links_to(&site, "index.html", "/page/2/");
    assert_links_to(&site, "page/2/index.html", "/posts/bladder-diary/");
    assert_links_to(&site, "page/2/index.html", "/posts/gentle-core-work/");
    assert_no_link_to(&site, "page/2/index.html", "/posts/running-after-birth/");
    assert_links_to(&site, "page/2/index.html", "/");

    assert!(site.out_exists("categories/hip-pain/page/2/index.html"));
    assert!(!site.out_exists("categories/hip-pain/page/3/index.html"));
    assert_links_to(
        &site,
        "categories/hip-pain/index.html",
        "/categories/hip-pain/page/2/",
    );
    assert_links_to(
        &site,
        "categories/hip-pain/page/2/index.html",
        "/posts/gentle-core-work/",
    );
    assert_no_link_to(
        &site,
        "categories/hip-pain/page/2/index.html",
        "/posts/hip-pain-at-night/",
    );
    assert!(
        !site.out_exists("categories/postpartum/page/2/index.html"),
        "one post, one page"
    );
}

#[test]
fn future_posts_only_with_the_future_flag() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/open-house.md",
        "---\ntitle: Open house next spring\ndate: 2099-04-01\nauthor: dana-reyes\ncategories: [Clinic News]\n---\n\nCome and meet the team.\n",
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stdout.starts_with("Built 4 posts, "),
        "summary: {}",
        run.stdout
    );
    assert!(!site.out_exists("posts/open-house/index.html"));
    assert!(
        !site.out_exists("categories/clinic-news/index.html"),
        "no archive for a category of only future posts"
    );
    assert_no_link_to(&site, "index.html", "/posts/open-house/");
    assert!(!site.read_out("feed.xml").contains("open-house"));
    assert!(!site.read_out("sitemap.xml").contains("open-house"));

    let run = site.build_ok(&["--future"]);
    assert!(
        run.stdout.starts_with("Built 5 posts, "),
        "summary: {}",
        run.stdout
    );
    assert!(site.out_exists("posts/open-house/index.html"));
    assert_links_to(&site, "index.html", "/posts/open-house/");
    assert_links_to(
        &site,
        "categories/clinic-news/index.html",
        "/posts/open-house/",
    );
    assert!(feed_ids(&site).contains(&format!("{BASE}/posts/open-house/")));
}

#[test]
fn a_draft_post_only_with_the_drafts_flag() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/new-hours.md",
        "---\ntitle: New hours\ndate: 2024-05-01\nauthor: sam-lee\ndraft: true\n---\n\nNot final yet.\n",
    );
    site.build_ok(&[]);
    assert!(!site.out_exists("posts/new-hours/index.html"));
    assert_no_link_to(&site, "authors/sam-lee/index.html", "/posts/new-hours/");
    site.build_ok(&["--drafts"]);
    assert!(site.out_exists("posts/new-hours/index.html"));
    assert_links_to(&site, "authors/sam-lee/index.html", "/posts/new-hours/");
}

#[test]
fn special_characters_are_escaped_in_html_and_feed() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/q-and-a.md",
        "---\ntitle: 'Q&A: <pelvic> floor \"myths\" & facts'\ndate: 2024-06-01\nauthor: dana-reyes\nsummary: 'Short answers & <honest> ones'\n---\n\nBody & more.\n",
    );
    site.build_ok(&[]);
    let title = "Q&A: <pelvic> floor \"myths\" & facts";
    let doc = html(&site.read_out("posts/q-and-a/index.html"));
    let h1 = select(&doc, "h1");
    assert_eq!(
        h1.len(),
        1,
        "the title's <pelvic> must not become an element"
    );
    assert_eq!(text_of(&h1[0]), title);
    assert!(select(&doc, "pelvic").is_empty());
    let text = site.read_out("feed.xml");
    let feed = parse_xml("feed.xml", &text);
    let entry = feed
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .unwrap();
    let t = entry
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text());
    assert_eq!(t, Some(title));
    let s = entry
        .children()
        .find(|n| n.has_tag_name("summary"))
        .and_then(|n| n.text());
    assert_eq!(s, Some("Short answers & <honest> ones"));
}

/// A category written two ways is shown as most of its posts write it,
/// not as the newest post happens to.
#[test]
fn a_category_written_two_ways_is_named_as_most_posts_write_it() {
    let site = Site::fixture("basic");
    let post = |date: &str, category: &str| {
        format!(
            "---\ntitle: Post of {date}\ndate: {date}\nauthor: sam-lee\ncategories: [{category}]\n---\n\nBody.\n"
        )
    };
    site.write("content/posts/back-1.md", post("2024-01-01", "Back Pain"));
    site.write("content/posts/back-2.md", post("2024-02-01", "Back Pain"));
    site.write("content/posts/back-3.md", post("2024-09-01", "back pain"));
    site.build_ok(&[]);
    let archive = site.read_out("categories/back-pain/index.html");
    assert!(archive.contains("<h1>Back Pain</h1>"), "{archive}");
    let newest = site.read_out("posts/back-3/index.html");
    assert!(newest.contains(">Back Pain</a>"), "{newest}");
    assert!(!newest.contains(">back pain</a>"), "{newest}");
}
