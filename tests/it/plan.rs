//! One plan of every output: links to any output gait writes are valid, and
//! an alias (or a static file) that takes the address of any planned output
//! is an error at its file and line, naming the other claim.

use crate::common;

use common::*;

const POST: &str = "content/posts/links-everywhere.md";

fn post_with(body: &str, aliases: &[&str]) -> String {
    let aliases = match aliases {
        [] => String::new(),
        list => format!(
            "aliases:\n{}",
            list.iter()
                .map(|a| format!("  - {a}\n"))
                .collect::<String>()
        ),
    };
    format!(
        "---\ntitle: Links everywhere\ndate: 2024-02-01\nauthor: sam-lee\ncategories: [Hip Pain]\n{aliases}---\n\n{body}\n"
    )
}

#[test]
fn links_to_every_kind_of_output_build_clean() {
    let site = Site::fixture("basic");
    let body = [
        "- [Sam's articles as a feed](/authors/sam-lee/feed.xml)",
        "- [Hip pain feed](/categories/hip-pain/feed.xml)",
        "- [The feed](/feed.xml)",
        "- [Therapists as data](/find-a-therapist/therapists.json)",
        "- [Search for hips](/search/?q=hip)",
        "- [Sitemap](/sitemap.xml)",
        "- [robots](/robots.txt)",
        "- [Not found](/404.html)",
        "- [Search index](/search/index.json)",
        "- [Team](/authors/) and [page 2](/page/2/)",
        "- Write to <frontdesk@example.org>",
    ]
    .join("\n");
    site.write(POST, post_with(&body, &[]));
    let run = site.build(&[]);
    run.expect_success();
    assert!(!run.stderr.contains("points to nothing"), "{}", run.stderr);
    let html = site.read_out("posts/links-everywhere/index.html");
    assert!(
        html.contains("<a href=\"mailto:frontdesk@example.org\">frontdesk@example.org</a>"),
        "the e-mail autolink is a mailto: link"
    );
}

#[test]
fn an_alias_on_a_listing_feed_is_an_error_at_its_line() {
    let site = Site::fixture("basic");
    site.write(
        POST,
        post_with(
            "Text.",
            &["/2019/old-address/", "/authors/sam-lee/feed.xml/"],
        ),
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[..3],
        [
            "error: content/posts/links-everywhere.md:8: the address /authors/sam-lee/feed.xml/ is also used by an author's Atom feed (gait makes it)",
            "     8 |   - /authors/sam-lee/feed.xml/",
            "  help: an alias cannot take an address the site already uses: remove it from `aliases`, or correct it",
        ]
    );
}

#[test]
fn an_alias_on_any_planned_output_is_an_error_naming_the_post() {
    let outputs = [
        ("/feed.xml", "the Atom feed (gait makes it)"),
        (
            "/categories/hip-pain/feed.xml",
            "a category's Atom feed (gait makes it)",
        ),
        ("/sitemap.xml", "the sitemap (gait makes it)"),
        ("/robots.txt", "robots.txt (gait makes it)"),
        (
            "/404.html",
            "the page for missing addresses (gait makes it)",
        ),
        ("/search/", "the search page (gait makes it)"),
        ("/search/index.json", "the search index (gait makes it)"),
        ("/search/p/0.json/", "the search index (gait makes it)"),
        ("/search/d/0.json/", "the search index (gait makes it)"),
        (
            "/find-a-therapist/",
            "the therapist finder (`finder` in site.yaml)",
        ),
        (
            "/find-a-therapist/therapists.json",
            "the therapist finder's data (gait makes it)",
        ),
        (
            "/categories/hip-pain/page/2/",
            "a category's archive (gait makes it)",
        ),
        (
            "/posts/gentle-core-work/",
            "content/posts/gentle-core-work.md",
        ),
        ("/authors/dana-reyes/", "content/authors/dana-reyes.md"),
        ("/clinics/", "the locations page (gait makes it)"),
        ("/about/", "content/pages/about.md"),
        ("/page/2/", "the home page (gait makes it)"),
    ];
    for (alias, other) in outputs {
        let site = Site::fixture("basic");
        site.write(
            "site.yaml",
            "title: Riverbend\nbase_url: https://riverbend.example\nposts_per_page: 1\n",
        );
        site.write(POST, post_with("Text.", &[alias]));
        let run = site.build(&[]);
        run.expect_code(1);
        let want = format!(
            "error: content/posts/links-everywhere.md:7: the address {}{} is also used by {other}",
            alias.trim_end_matches('/'),
            if alias.ends_with('/') && alias != "/" {
                "/"
            } else {
                ""
            },
        );
        assert_eq!(
            run.stderr_lines()[0],
            want,
            "alias {alias}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_static_file_where_a_page_needs_a_folder_is_an_error() {
    let site = Site::fixture("basic");
    site.write("static/posts", "not a folder");
    let run = site.build(&[]);
    run.expect_code(1);
    // One error for the file, not one for every page it is in the way of.
    assert_eq!(
        run.stderr_lines(),
        [
            "error: static/posts: the file /posts stands where content/posts/running-after-birth.md (and 4 other files) needs a folder",
            "  help: rename or move the file, or remove it",
            "1 error in 1 file",
            "Nothing was written: the output folder is unchanged.",
        ]
    );
}

#[test]
fn a_relative_link_that_is_an_e_mail_address_suggests_mailto() {
    let site = Site::fixture("basic");
    site.write(
        POST,
        post_with("Write to [the front desk](frontdesk@example.org).", &[]),
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[..3],
        [
            "error: content/posts/links-everywhere.md:8: the link `frontdesk@example.org` points to nothing on this site",
            "     8 | Write to [the front desk](frontdesk@example.org).",
            "  help: for an e-mail address, write `mailto:frontdesk@example.org`",
        ]
    );
}
