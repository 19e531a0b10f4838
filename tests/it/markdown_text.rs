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
