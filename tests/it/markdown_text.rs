//! What gait makes of a post's Markdown, seen in the built site: the default
//! summary (cards, feed, description), footnotes' ids and links, and the
//! heading-level lint in the levels the author wrote.

use crate::common;

use common::*;

const POST_HEAD: &str = "---\ntitle: Pelvis\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\n";

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\"/></svg>\n";

#[test]
fn a_picture_before_the_first_paragraph_is_not_the_summary() {
    let site = Site::fixture("basic");
    site.write("content/posts/pelvis/model.svg", SVG);
    site.write(
        "content/posts/pelvis/index.md",
        format!(
            "{POST_HEAD}![A pelvis model](model.svg)\n\n[![A second view](model.svg)](model.svg)\n\nThe real first paragraph about the pelvis.\n"
        ),
    );
    site.build_ok(&[]);
    let want = "The real first paragraph about the pelvis.";
    let page = html(&site.read_out("posts/pelvis/index.html"));
    let description = select(&page, "meta[name=description]");
    assert_eq!(description[0].value().attr("content"), Some(want));
    let home = html(&site.read_out("index.html"));
    let cards: Vec<String> = select(&home, ".card-summary").iter().map(text_of).collect();
    assert!(cards.iter().any(|c| c == want), "{cards:?}");
    assert!(
        !cards.iter().any(|c| c.contains("pelvis model")),
        "{cards:?}"
    );
    let feed = site.read_out("feed.xml");
    let entry = crate::seo::entry_of(&feed, "https://riverbend.example/posts/pelvis/");
    assert!(
        entry.contains(&format!("<summary>{want}</summary>")),
        "{entry}"
    );
}

#[test]
fn footnotes_take_no_heading_or_page_id_and_link_both_ways() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/notes.md",
        format!(
            "{POST_HEAD}See the note.[^note] And more.[^main] Again.[^note]\n\n## Note\n\nText.\n\n[^note]: The footnote.\n[^main]: Another footnote.\n"
        ),
    );
    site.run(&["check"]).expect_success();
    site.build_ok(&[]);
    let page = html(&site.read_out("posts/notes/index.html"));
    let ids: Vec<&str> = select(&page, "[id]")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "every id once: {ids:?}");
    let target = |href: &str| {
        let id = href.strip_prefix('#').expect("an in-page link");
        assert!(ids.contains(&id), "{href} goes nowhere: {ids:?}");
        select(&page, &format!("[id='{id}']"))[0]
    };
    assert_eq!(target("#note").value().name(), "h2");
    assert_eq!(target("#main").value().name(), "main");
    let refs = select(&page, ".content sup.footnote-reference a");
    let got: Vec<_> = refs
        .iter()
        .map(|a| {
            let v = a.value();
            (
                v.attr("href"),
                v.attr("id"),
                v.attr("aria-label"),
                text_of(a),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("#fn-note"),
                Some("fnref-note"),
                Some("Footnote 1"),
                "1".to_string()
            ),
            (
                Some("#fn-main"),
                Some("fnref-main"),
                Some("Footnote 2"),
                "2".to_string()
            ),
            (
                Some("#fn-note"),
                Some("fnref-note-1"),
                Some("Footnote 1"),
                "1".to_string()
            ),
        ]
    );
    for (note, back, name) in [
        ("#fn-note", "#fnref-note", "Back to reference 1"),
        ("#fn-main", "#fnref-main", "Back to reference 2"),
    ] {
        let div = target(note);
        assert!(div.value().classes().any(|c| c == "footnote-definition"));
        let backs: Vec<_> = div
            .select(&scraper::Selector::parse("a.footnote-backref").unwrap())
            .collect();
        assert_eq!(backs.len(), 1, "{note}");
        assert_eq!(backs[0].value().attr("href"), Some(back));
        assert_eq!(backs[0].value().attr("aria-label"), Some(name));
        target(back);
    }
}
