//! `gait import wordpress` on single posts as a field test found them: each
//! test wraps a small piece of WordPress HTML in a hand-written WXR, imports
//! it into a new site, and asserts on the Markdown written and, where the
//! page is what matters, on the built HTML (`gait check` and `gait build`
//! must pass right after the import).

use crate::hostile_import::{import, site_and_export};

/// A WXR 1.2 export with one published post, `repro`, whose content is
/// `html`, and `items` (more `<item>`s, such as attachments) after it.
fn export(html: &str, items: &str) -> String {
    let html = html.replace("]]>", "]]]]><![CDATA[>");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Maple Street Physio</title>
<link>https://maple-physio.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://maple-physio.example</wp:base_site_url>
<wp:base_blog_url>https://maple-physio.example</wp:base_blog_url>
<wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[sam]]></wp:author_login><wp:author_display_name><![CDATA[Sam Ito]]></wp:author_display_name></wp:author>
<item>
<title><![CDATA[Repro]]></title>
<link>https://maple-physio.example/2024/02/repro/</link>
<dc:creator><![CDATA[sam]]></dc:creator>
<content:encoded><![CDATA[{html}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>10</wp:post_id>
<wp:post_date><![CDATA[2024-02-05 09:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-02-05 15:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[repro]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[post]]></wp:post_type>
</item>
{items}
</channel>
</rss>
"#
    )
}

/// Import `html` (with `items`) into a new site that then checks and builds;
/// the post's Markdown body (after its front matter) and its built page.
fn imported(html: &str, items: &str) -> (String, String) {
    let site = site_and_export(export(html, items));
    site.remove("content/posts/welcome.md");
    import(&site).expect_success();
    let md = std::fs::read_to_string(site.path("content/posts/repro.md"))
        .unwrap_or_else(|e| panic!("repro.md: {e}"));
    let body = md
        .splitn(3, "---\n")
        .nth(2)
        .unwrap_or_else(|| panic!("no front matter in {md}"))
        .trim_start_matches('\n')
        .to_string();
    site.run(&["check"]).expect_success();
    site.build_ok(&[]);
    (body, content(&site.read_out("posts/repro/index.html")))
}

/// The post's content in its built page (the theme's `content` block).
fn content(page: &str) -> String {
    let start = page
        .find("<div class=\"content wrap-narrow\">")
        .unwrap_or_else(|| panic!("no content in {page}"));
    let end = page[start..]
        .find("\n  </div>")
        .unwrap_or_else(|| panic!("no end of content in {page}"));
    page[start..start + end].to_string()
}

#[test]
fn a_table_without_a_header_stays_a_table() {
    let (md, page) = imported(
        "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><tbody><tr><td>Monday</td><td>7am–7pm</td></tr><tr><td>Saturday</td><td>Closed</td></tr></tbody></table></figure>\n<!-- /wp:table -->\n\n\
         <table>\n<tr><td>Medicare | Part B</td><td>Yes</td></tr>\n<tr><td>Aetna</td><td>Yes</td></tr>\n</table>",
        "",
    );
    assert_eq!(
        md,
        "| Monday   | 7am–7pm |\n| -------- | ------- |\n| Saturday | Closed  |\n\n\
         | Medicare \\| Part B | Yes |\n| ------------------ | --- |\n| Aetna              | Yes |\n"
    );
    assert!(
        page.contains("<th>Monday</th><th>7am–7pm</th>")
            && page.contains("<td>Saturday</td><td>Closed</td>")
            && page.contains("<th>Medicare | Part B</th>"),
        "{page}"
    );
}

#[test]
fn a_line_break_in_a_table_cell_stays_a_line_break() {
    let (md, page) = imported(
        "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>Day</th><th>Hours</th></tr></thead><tbody><tr><td>Saturday</td><td>9–1<br>(call first)</td></tr></tbody></table></figure>\n<!-- /wp:table -->",
        "",
    );
    assert_eq!(
        md,
        "| Day      | Hours               |\n| -------- | ------------------- |\n| Saturday | 9–1<br>(call first) |\n"
    );
    assert!(
        page.contains("<td>9–1<br>(call first)</td>") && !page.contains('\\'),
        "{page}"
    );
}

#[test]
fn lines_typed_after_a_line_break_stay_text() {
    let (md, page) = imported(
        "Ice it at home:\n- Ice for 10 minutes\n- Rest with your leg up\n\nDr. Lee says:\n> \"Move early.\"\nCall us today.\n\n# 1 tip:\n1. Walk daily\n2) Stretch",
        "",
    );
    assert_eq!(
        md,
        "Ice it at home:\\\n\\- Ice for 10 minutes\\\n\\- Rest with your leg up\n\n\
         Dr. Lee says:\\\n\\> \"Move early.\"\\\nCall us today.\n\n\
         \\# 1 tip:\\\n1\\. Walk daily\\\n2) Stretch\n"
    );
    assert!(
        page.contains(
            "<p>Ice it at home:<br />\n- Ice for 10 minutes<br />\n- Rest with your leg up</p>"
        ) && page.contains("<p>Dr. Lee says:<br />\n&gt; “Move early.”<br />\nCall us today.</p>")
            && page.contains("<p># 1 tip:<br />\n1. Walk daily<br />\n2) Stretch</p>"),
        "{page}"
    );
    for wrong in ["<ul>", "<ol>", "<blockquote>", "<h1", "\\"] {
        assert!(!page.contains(wrong), "{wrong} in {page}");
    }
}

/// An attachment of the post `repro` (id 10).
fn attachment(id: &str, file: &str, title: &str, alt: &str, caption: &str) -> String {
    format!(
        "<item><title><![CDATA[{title}]]></title><excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>\
         <wp:post_id>{id}</wp:post_id><wp:post_name><![CDATA[{id}]]></wp:post_name>\
         <wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>10</wp:post_parent>\
         <wp:post_type><![CDATA[attachment]]></wp:post_type>\
         <wp:attachment_url><![CDATA[https://maple-physio.example/wp-content/uploads/2024/02/{file}]]></wp:attachment_url>\
         <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta></item>"
    )
}

#[test]
fn pictures_without_alt_text_get_their_title_or_caption() {
    let uploads = "https://maple-physio.example/wp-content/uploads/2024/02";
    let (md, page) = imported(
        &format!(
            "Two exercises:\n\n[gallery ids=\"31,32\"]\n\n\
             [caption id=\"attachment_33\" align=\"alignnone\" width=\"300\"]<img src=\"{uploads}/plank.jpg\" width=\"300\" /> A forearm plank[/caption]\n\n\
             <figure class=\"wp-block-image\"><img src=\"{uploads}/bird-dog.jpg\" alt=\"\"/><figcaption>Bird dog, <em>slowly</em></figcaption></figure>"
        ),
        &[
            attachment("31", "clamshell.jpg", "Clamshell exercise", "", ""),
            attachment("32", "bridge.jpg", "bridge", "Glute bridge on a mat", ""),
        ]
        .concat(),
    );
    for want in [
        format!("![Clamshell exercise]({uploads}/clamshell.jpg)"),
        format!("![Glute bridge on a mat]({uploads}/bridge.jpg)"),
        format!("![A forearm plank]({uploads}/plank.jpg)"),
        format!("![Bird dog, slowly]({uploads}/bird-dog.jpg)"),
    ] {
        assert!(md.contains(&want), "no {want} in:\n{md}");
    }
    assert!(!md.contains("![]"), "{md}");
    assert!(page.contains("alt=\"Clamshell exercise\""), "{page}");
}

#[test]
fn heading_ids_stay_so_in_page_links_still_land() {
    let (md, page) = imported(
        "<!-- wp:paragraph -->\n<p>Jump to <a href=\"#h-when-to-see-a-pt\">when to see a PT</a>.</p>\n<!-- /wp:paragraph -->\n\n\
         <!-- wp:heading -->\n<h2 class=\"wp-block-heading\" id=\"h-when-to-see-a-pt\">When to see a PT</h2>\n<!-- /wp:heading -->",
        "",
    );
    assert_eq!(
        md,
        "Jump to [when to see a PT](#h-when-to-see-a-pt).\n\n## When to see a PT {#h-when-to-see-a-pt}\n"
    );
    assert!(
        page.contains("<a href=\"#h-when-to-see-a-pt\">")
            && page.contains("<h2 id=\"h-when-to-see-a-pt\">When to see a PT<"),
        "{page}"
    );
}
