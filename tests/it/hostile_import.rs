//! Hostile input, part 4: WordPress exports (`gait import wordpress`).
//! Entity tricks, truncated files, oversized and deeply nested content and
//! script in posts and comments each fail with the export's line, or import
//! into a site that builds without running anyone's script. A failed import
//! writes nothing.

use crate::common;
use crate::hostile_support;

use std::path::Path;

use common::*;
use hostile_support::*;

const CHECK_HELP: &str = "  help: the file is not a complete WordPress export: export it again from Tools → Export, and check that the download finished";
const ENTITY_HELP: &str = "  help: WordPress exports only use &amp; &lt; &gt; &quot; &apos; and numeric references; this file was changed after export";

/// The clinic export, split into its head (up to the first item), items and tail.
fn export_parts() -> (String, Vec<String>) {
    let x = std::fs::read_to_string(repo_root().join("tests/fixtures/wxr/clinic.xml")).unwrap();
    let start = x.find("<item>").unwrap();
    let head = x[..start].to_string();
    let mut items = Vec::new();
    let mut rest = &x[start..];
    while let Some(i) = rest.find("<item>") {
        let end = rest[i..].find("</item>").unwrap() + i + "</item>".len();
        items.push(rest[i..end].to_string());
        rest = &rest[end..];
    }
    (head, items)
}

const TAIL: &str = "\n</channel>\n</rss>\n";

/// The first item (a post with comments) with its content replaced.
fn post_with_content(content: &str) -> String {
    let (head, items) = export_parts();
    let item = &items[0];
    let a = item.find("<content:encoded><![CDATA[").unwrap() + "<content:encoded><![CDATA[".len();
    let b = item.find("]]></content:encoded>").unwrap();
    format!("{head}{}{content}{}{TAIL}", &item[..a], &item[b..])
}

/// A new site (from `gait init`) with `export.xml` beside it.
pub(crate) fn site_and_export(export: impl AsRef<[u8]>) -> Site {
    let site = Site::empty();
    std::fs::remove_dir(&site.root).unwrap();
    gait_in(site.tmp.path(), &["init", "site"]).expect_success();
    std::fs::write(site.tmp.path().join("export.xml"), export).unwrap();
    site
}

pub(crate) fn import(site: &Site) -> Run {
    site.run(&["import", "wordpress", "../export.xml"])
}

/// Import, expecting exit 1 with exactly these lines and no change to the site.
#[track_caller]
pub(crate) fn import_fails(site: &Site, lines: &[&str]) {
    let before = snapshot(&site.root);
    let run = import(site);
    let mut want = lines.to_vec();
    want.push(IMPORT_FOOTER);
    run.expect_code(1).expect_stderr(&want);
    assert_same_files(&before, &snapshot(&site.root));
}

/// 1-based line where `needle` first appears in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn entity_declarations_are_refused_not_expanded() {
    let (head, items) = export_parts();
    let bomb = "<!DOCTYPE rss [\n<!ENTITY a \"lollollollollollollollollollol\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n";
    let rss = head.find("<rss").unwrap();
    let export = format!(
        "{}{bomb}{}{}{TAIL}",
        &head[..rss],
        &head[rss..],
        items[0].replace("Pelvic floor basics", "&d;")
    );
    let site = site_and_export(&export);
    let n = line_of(&export, "<!DOCTYPE");
    import_fails(
        &site,
        &[
            &format!("error: ../export.xml:{n}: the export declares its own entities in a DOCTYPE"),
            ENTITY_HELP,
            "1 error in 1 file",
        ],
    );
}

#[test]
fn an_external_entity_is_refused() {
    let (head, items) = export_parts();
    let rss = head.find("<rss").unwrap();
    let xxe = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n";
    let export = format!(
        "{}{xxe}{}{}{TAIL}",
        &head[..rss],
        &head[rss..],
        items[0].replace("Pelvic floor basics", "&xxe;")
    );
    let site = site_and_export(&export);
    let n = line_of(&export, "<!DOCTYPE");
    import_fails(
        &site,
        &[
            &format!("error: ../export.xml:{n}: the export declares its own entities in a DOCTYPE"),
            ENTITY_HELP,
            "1 error in 1 file",
        ],
    );
}

#[test]
fn an_undefined_entity_is_refused_at_its_line() {
    let export = post_with_content("Hello &xxe; there");
    let n = line_of(&export, "Hello &xxe;");
    let site = site_and_export(&export);
    // Inside CDATA an entity is just text: put one in the title instead.
    let export = export.replace(
        "<title><![CDATA[Pelvic floor basics for men]]></title>",
        "<title>Basics &xxe;</title>",
    );
    std::fs::write(site.tmp.path().join("export.xml"), &export).unwrap();
    let n2 = line_of(&export, "<title>Basics &xxe;");
    assert!(n2 < n);
    import_fails(
        &site,
        &[
            &format!("error: ../export.xml:{n2}: the entity `&xxe;` is not defined"),
            ENTITY_HELP,
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_truncated_export_names_the_open_item() {
    let (head, items) = export_parts();
    let full = format!("{head}{}{TAIL}", items[0]);
    let cut = &full[..full.find("<wp:post_id>").unwrap()];
    let site = site_and_export(cut);
    let item_line = line_of(cut, "<item>");
    let last = cut.lines().count();
    import_fails(
        &site,
        &[
            &format!(
                "error: ../export.xml:{last}: the export ends in the middle of an <item> opened at line {item_line}: the file is truncated"
            ),
            CHECK_HELP,
            "1 error in 1 file",
        ],
    );
}

#[test]
fn an_unterminated_cdata_section_stops_at_64_mib() {
    let (head, items) = export_parts();
    let item = &items[0];
    let a = item.find("<content:encoded><![CDATA[").unwrap() + "<content:encoded><![CDATA[".len();
    let start = format!("{head}{}", &item[..a]);
    let site = site_and_export(&start);
    // Sparse: 70 MiB of NUL bytes that take no room on disk.
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(site.tmp.path().join("export.xml"))
        .unwrap();
    f.set_len(70 * 1024 * 1024).unwrap();
    let n = line_of(&start, "<content:encoded><![CDATA[");
    import_fails(
        &site,
        &[
            &format!("error: ../export.xml:{n}: one element is larger than 64 MiB"),
            "  help: one element of the export is larger than 64 MiB: remove it in WordPress (often an image pasted into a post as data) and export again",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_post_too_big_for_gait_is_refused_before_anything_is_written() {
    let export = post_with_content(&format!("<p>{}</p>", rep("word ", 2_000_000)));
    let site = site_and_export(&export);
    import_fails(
        &site,
        &[
            "error: content/posts/pelvic-floor-basics.md: this file would be 9.6 MB; gait reads content files of up to 8 MB",
            "  help: shorten it in WordPress (a picture pasted into the text as data is the usual cause), export again and import again",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn binary_garbage_is_not_an_export() {
    let bytes: Vec<u8> = (0..65_536u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let site = site_and_export(&bytes);
    let run = import(&site);
    run.expect_code(1);
    assert!(
        run.stderr.starts_with("error: ../export.xml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with(&format!("1 error in 1 file\n{IMPORT_FOOTER}\n")),
        "{}",
        run.stderr
    );
    assert!(!site.path("content/posts/pelvic-floor-basics.md").exists());
}

#[test]
fn html_nested_too_deep_is_skipped_not_parsed_forever() {
    // The HTML parser's work grows with the square of the depth: 100,000
    // nested elements would take hours. The item is skipped and named.
    let (head, items) = export_parts();
    let deep = format!("{}deep{}", rep("<div>", 100_000), rep("</div>", 100_000));
    let item = items[0]
        .replacen("Men have a pelvic floor too.", &deep, 1)
        .replacen(
            "<wp:comment_content><![CDATA[",
            &format!(
                "<wp:comment_content><![CDATA[{}",
                rep("<blockquote>", 1_000)
            ),
            1,
        );
    let export = format!("{head}{item}{}{TAIL}", items[1]);
    let site = site_and_export(&export);
    let n = line_of(&export, "<item>");
    let started = std::time::Instant::now();
    let run = import(&site);
    run.expect_success();
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(
        run.stdout.contains(&format!(
            "  post 101 \"Pelvic floor basics for men\" (line {n}): its HTML nests elements more than 500 levels deep (a damaged post?)\n"
        )),
        "{}",
        run.stdout
    );
    assert!(!site.path("content/posts/pelvic-floor-basics.md").exists());
}

#[test]
fn a_comment_nested_too_deep_is_skipped() {
    let (head, items) = export_parts();
    let item = items[0].replacen(
        "<wp:comment_content><![CDATA[",
        &format!("<wp:comment_content><![CDATA[{}", rep("<span>", 600)),
        1,
    );
    let site = site_and_export(format!("{head}{item}{TAIL}"));
    let run = import(&site);
    run.expect_success();
    assert!(
        run.stdout.contains("1 HTML nested too deeply"),
        "{}",
        run.stdout
    );
}

#[test]
fn html_nested_400_deep_imports_and_builds() {
    let content = format!(
        "{}deep{}\n\n{}quoted{}",
        rep("<div>", 400),
        rep("</div>", 400),
        rep("<blockquote>", 400),
        rep("</blockquote>", 400)
    );
    let site = site_and_export(post_with_content(&content));
    import(&site).expect_success();
    site.build(&[]);
    let html = site.read_out("posts/pelvic-floor-basics/index.html");
    assert!(html.contains("deep") && html.contains("quoted"));
}

#[test]
fn duplicate_comment_ids_keep_the_first_comment() {
    // Found by the wxr fuzz target: the import wrote a comments file that gait refused.
    let (head, items) = export_parts();
    let item = items[0].replace(
        "<wp:comment_id>202</wp:comment_id>",
        "<wp:comment_id>0201</wp:comment_id>",
    );
    let site = site_and_export(format!("{head}{item}{TAIL}"));
    let run = import(&site);
    run.expect_success();
    assert!(run.stdout.contains("1 an id used twice"), "{}", run.stdout);
    site.build(&[]).expect_success();
}

#[test]
fn script_in_imported_posts_and_comments_never_runs() {
    let (head, items) = export_parts();
    let item = items[0]
        .replacen(
            "Men have a pelvic floor too.",
            "Men have <script>alert(1)</script> a pelvic floor <img src=\"https://cdn.example/x.png\" onerror=\"alert(2)\" alt=\"x\"> <b onclick=\"alert(3)\">too</b>. <style>body{display:none}</style>",
            1,
        )
        .replacen(
            "<wp:comment_content><![CDATA[",
            "<wp:comment_content><![CDATA[<script>alert(4)</script> <a href=\"javascript:alert(5)\">me</a> <b onclick=\"alert(6)\">b</b> ",
            1,
        );
    let site = site_and_export(format!("{head}{item}{TAIL}"));
    import(&site).expect_success();
    let post = std::fs::read_to_string(site.path("content/posts/pelvic-floor-basics.md")).unwrap();
    for gone in ["<script", "alert(1)", "onerror", "onclick", "<style"] {
        assert!(
            !post.contains(gone),
            "{gone} kept in the imported post:\n{post}"
        );
    }
    site.build(&[]);
    let page = site.read_out("posts/pelvic-floor-basics/index.html");
    let doc = common::html(&page);
    for s in select(&doc, "script") {
        assert!(!s.html().contains("alert("), "{}", s.html());
    }
    assert!(select(&doc, "[onclick], [onerror]").is_empty());
    for a in select(&doc, ".comment-body a") {
        assert!(
            !a.value()
                .attr("href")
                .unwrap_or("")
                .to_ascii_lowercase()
                .contains("javascript:"),
            "{}",
            a.html()
        );
    }
}

#[test]
fn a_failed_import_leaves_the_site_as_it_was() {
    let site = site_and_export(post_with_content("fine"));
    let before = snapshot(&site.root);
    std::fs::write(
        site.tmp.path().join("export.xml"),
        "<rss><channel><item><title>x</title>",
    )
    .unwrap();
    let run = import(&site);
    run.expect_code(1);
    assert_same_files(&before, &snapshot(&site.root));
    assert!(!Path::new(&site.root.join("content/posts/pelvic-floor-basics.md")).exists());
}
