//! `gait check` (each problem class with its exact message, nothing written)
//! and `gait new` (valid files, never overwriting, unknown slugs refused).

use crate::common;

use common::*;

const POST_HEAD: &str = "---\ntitle: Check me\ndate: 2024-06-01\nauthor: dana-reyes\n---\n\n";

/// Write `body` as a new post in the basic fixture and run `gait check`.
fn check_post(body: &str) -> (Site, Run) {
    let site = Site::fixture("basic");
    site.write("content/posts/check-me.md", format!("{POST_HEAD}{body}"));
    let run = site.run(&["check"]);
    (site, run)
}

#[test]
fn a_clean_site_checks_without_writing_anything() {
    let site = Site::fixture("basic");
    let run = site.run(&["check"]);
    run.expect_success();
    assert!(
        run.stdout.starts_with("Checked 4 posts and "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(": no errors"), "{}", run.stdout);
    assert!(!site.root.join("public").exists(), "check writes nothing");
    assert!(staging_leftovers(&site.root, "public").is_empty());
}

#[test]
fn a_broken_internal_link_is_named_with_its_line() {
    let (site, run) = check_post("Intro.\n\nSee [the old post](/posts/nope/).\n");
    run.expect_code(1);
    run.expect_stderr(&[
        "error: content/posts/check-me.md:9: the link `/posts/nope/` points to nothing on this site",
        "     9 | See [the old post](/posts/nope/).",
        "  help: check the address; a post is at /posts/<file name>/",
        "1 error in 1 file",
    ]);
    assert!(!site.root.join("public").exists());
}

#[test]
fn a_missing_image_is_an_error() {
    let (_site, run) = check_post("![A hip stretch](missing.jpg)\n");
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[0],
        "error: content/posts/check-me.md:7: the image `missing.jpg` points to nothing on this site"
    );
}

#[test]
fn an_image_without_alt_text_is_an_error_in_check_and_a_warning_in_build() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/check-me.md",
        format!("{POST_HEAD}![](/images/favicon.svg)\n"),
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    run.expect_stderr(&[
        "error: content/posts/check-me.md:7: the image `/images/favicon.svg` has no alt text",
        "     7 | ![](/images/favicon.svg)",
        "  help: describe the picture between the brackets: ![A therapist guiding a hip stretch](photo.jpg)",
        "1 error in 1 file",
    ]);
    let build = site.build(&[]);
    build.expect_success();
    assert_eq!(
        build.stderr_lines()[0],
        "warning: content/posts/check-me.md:7: the image `/images/favicon.svg` has no alt text"
    );
}

#[test]
fn a_heading_that_skips_a_level_is_an_error() {
    let (_site, run) = check_post("## Start\n\n#### Too deep\n");
    run.expect_code(1);
    run.expect_stderr(&[
        "error: content/posts/check-me.md:9: this heading jumps from level 2 to level 4",
        "     9 | #### Too deep",
        "  help: use ### so screen-reader users can follow the outline",
        "1 error in 1 file",
    ]);
}

#[test]
fn a_skipped_heading_after_a_body_h1_is_told_in_the_levels_as_written() {
    // The body's `#` is shown as an h2 and its `###` as an h4, but the
    // author wrote `#` and `###`, and should write `##`.
    let (site, run) = check_post("# My post\n\nIntro.\n\n### Exercises\n\nText.\n");
    run.expect_code(1);
    run.expect_stderr(&[
        "error: content/posts/check-me.md:11: this heading jumps from level 1 to level 3",
        "    11 | ### Exercises",
        "  help: use ## so screen-reader users can follow the outline",
        "1 error in 1 file",
    ]);
    site.write(
        "content/posts/check-me.md",
        format!("{POST_HEAD}### Early\n\n# My post\n"),
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    run.expect_stderr(&[
        "error: content/posts/check-me.md:7: this heading jumps from the page title to level 3",
        "     7 | ### Early",
        "  help: use # so screen-reader users can follow the outline",
        "1 error in 1 file",
    ]);
    site.write(
        "content/posts/check-me.md",
        format!("{POST_HEAD}# My post\n\nIntro.\n\n## Exercises\n\nText.\n"),
    );
    site.run(&["check"]).expect_success();
}

#[test]
fn scripts_and_inline_handlers_are_warnings() {
    let (_site, run) = check_post("<div onclick=\"go()\">Tap</div>\n\n<script>track()</script>\n");
    run.expect_success();
    let lines = run.stderr_lines();
    assert_eq!(
        lines[0],
        "warning: content/posts/check-me.md:7: raw HTML with onclick= runs code in readers' browsers"
    );
    assert!(lines.contains(
        &"warning: content/posts/check-me.md:9: raw HTML with <script> runs code in readers' browsers"
    ));
    assert!(
        run.stdout.contains("no errors, 2 warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn duplicate_addresses_and_colliding_aliases_are_errors() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/check-me.md",
        "---\ntitle: T\ndate: 2024-06-01\nauthor: dana-reyes\naliases: [/about/]\n---\n\nText.\n",
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    // Reported at the alias (the claim easiest to change), with its line.
    assert_eq!(
        run.stderr_lines()[..3],
        [
            "error: content/posts/check-me.md:5: the address /about/ is also used by content/pages/about.md",
            "     5 | aliases: [/about/]",
            "  help: an alias cannot take an address the site already uses: remove it from `aliases`, or correct it",
        ]
    );
}

#[test]
fn unknown_authors_and_template_errors_are_reported_together() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/check-me.md",
        "---\ntitle: T\ndate: 2024-06-01\nauthor: dana-reye\n---\n\nText.\n",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }{% endblock content %}\n",
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    let lines = run.stderr_lines();
    assert!(
        lines.iter().any(
            |l| l.starts_with("error: content/posts/check-me.md:4: unknown author `dana-reye`")
        ),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("error: templates/page.html:2:")),
        "{lines:#?}"
    );
    assert!(lines.contains(&"2 errors in 2 files"), "{lines:#?}");
}

#[test]
fn new_post_writes_a_draft_that_builds_and_never_overwrites() {
    let site = Site::fixture("basic");
    let run = site.run(&[
        "new",
        "post",
        "Men's health: a start",
        "--author",
        "dana-reyes",
        "--category",
        "Men's Health",
    ]);
    run.expect_success();
    assert_eq!(
        run.stdout.trim(),
        "Wrote ./content/posts/mens-health-a-start.md"
    );
    let text = std::fs::read_to_string(site.path("content/posts/mens-health-a-start.md")).unwrap();
    assert!(text.contains("title: 'Men''s health: a start'"), "{text}");
    assert!(text.contains("draft: true"));
    // A draft is left out of a build, and included with --drafts.
    site.build_ok(&[]);
    assert!(!site.out_exists("posts/mens-health-a-start/index.html"));
    site.build_ok(&["--drafts"]);
    assert!(site.out_exists("posts/mens-health-a-start/index.html"));

    let again = site.run(&[
        "new",
        "post",
        "Men's health: a start",
        "--author",
        "dana-reyes",
    ]);
    again.expect_code(1);
    assert_eq!(
        again.stderr_lines()[0],
        "error: content/posts/mens-health-a-start.md: this file already exists; gait new never overwrites"
    );
}

/// A title longer than an address part may be gives a file name cut at a
/// word, which the build then accepts, where it wrote a file the build
/// refused (or failed with "File name too long").
#[test]
fn new_post_with_a_very_long_title_writes_a_file_that_builds() {
    let site = Site::fixture("basic");
    let title = "What to expect at your first pelvic floor physical therapy visit ".repeat(6);
    let title = title.trim();
    let run = site.run(&["new", "post", title, "--author", "dana-reyes"]);
    run.expect_success();
    let written = run
        .stdout
        .trim()
        .strip_prefix("Wrote ./")
        .unwrap()
        .to_string();
    let name = written
        .strip_prefix("content/posts/")
        .and_then(|n| n.strip_suffix(".md"))
        .unwrap();
    assert!(name.len() <= 200 && name.len() > 150, "{name}");
    assert!(
        name.starts_with("what-to-expect-at-your-first-pelvic-floor"),
        "{name}"
    );
    assert!(!name.ends_with('-'), "{name}");
    let text = std::fs::read_to_string(site.path(&written)).unwrap();
    assert!(text.contains(title), "the title is kept whole: {text}");
    site.build_ok(&["--drafts"]);
    assert!(site.out_exists(&format!("posts/{name}/index.html")));
}

#[test]
fn new_post_refuses_unknown_authors_and_clinics_with_the_known_ones() {
    let site = Site::fixture("basic");
    let run = site.run(&["new", "post", "Hi", "--author", "dana"]);
    run.expect_code(1);
    run.expect_stderr(&[
        "error: content/authors: there is no author `dana`",
        "  help: known authors: `dana-reyes`, `sam-lee`; create one with `gait new author \"Name\"`",
        "1 error in 1 file",
    ]);
    let run = site.run(&[
        "new",
        "post",
        "Hi",
        "--author",
        "dana-reyes",
        "--clinic",
        "riversid",
    ]);
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[1],
        "  help: did you mean `riverside`? Known clinics: `hillcrest`, `riverside`; create one with `gait new clinic \"Name\"`"
    );
}

#[test]
fn new_author_and_clinic_files_parse() {
    let site = Site::fixture("basic");
    site.run(&["new", "author", "Ana Díaz"]).expect_success();
    site.run(&["new", "clinic", "North Side Clinic"])
        .expect_success();
    assert!(site.path("content/authors/ana-diaz.md").is_file());
    assert!(site.path("content/clinics/north-side-clinic.md").is_file());
    site.build_ok(&[]);
    assert!(site.out_exists("authors/ana-diaz/index.html"));
    assert!(site.out_exists("clinics/north-side-clinic/index.html"));
}
