//! `gait init`, `--help`, and template overrides.

use crate::common;

use common::*;

#[test]
fn init_creates_a_site_that_builds() {
    let site = Site::empty();
    let tmp = site.tmp.path();
    let run = gait_in(tmp, &["init", "newclinic"]);
    run.expect_success();
    assert_eq!(
        run.stdout.trim_end(),
        "Created a new site in newclinic. Build it with: gait build --root newclinic"
    );
    assert!(tmp.join("newclinic/site.yaml").is_file());
    assert!(tmp.join("newclinic/content/posts").is_dir());

    let run = gait_in(tmp, &["build", "--root", "newclinic"]);
    run.expect_success();
    assert!(
        run.stdout.starts_with("Built 1 post, "),
        "summary: {}",
        run.stdout
    );
    let built = Site {
        tmp: tempfile::tempdir().unwrap(),
        root: tmp.join("newclinic"),
    };
    for page in [
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "about/index.html",
        "posts/welcome/index.html",
    ] {
        assert!(built.out_exists(page), "public/{page}");
    }
    let report = check_internal_links(&built, "");
    assert!(
        report.broken.is_empty(),
        "broken links in a new site:\n{}",
        report.describe_broken()
    );
    for page in built.html_files() {
        let doc = html(&built.read_out(&page));
        assert_eq!(select(&doc, "h1").len(), 1, "{page}: one <h1>");
    }
}

#[test]
fn init_into_an_existing_empty_folder_works() {
    let site = Site::empty();
    let run = gait_in(site.tmp.path(), &["init", "site"]);
    run.expect_success();
    assert!(site.path("site.yaml").is_file());
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let site = Site::empty();
    site.write("notes.txt", "my notes");
    let before = snapshot(&site.root);
    let run = gait_in(site.tmp.path(), &["init", "site"]);
    run.expect_code(1)
        .expect_stderr(&["error: site already exists and is not empty; choose a new folder"]);
    assert!(run.stdout.is_empty());
    assert_same_files(&before, &snapshot(&site.root));
}

#[test]
fn help_for_each_command() {
    let site = Site::empty();
    let run = gait_in(site.tmp.path(), &["build", "--help"]);
    run.expect_success();
    assert!(
        run.stdout.contains("Usage: gait build [OPTIONS]"),
        "{}",
        run.stdout
    );
    for flag in [
        "--root <DIR>",
        "--output <DIR>",
        "--base-url <URL>",
        "--drafts",
        "--future",
        "--help",
    ] {
        assert!(
            run.stdout.contains(flag),
            "build --help lacks {flag}:\n{}",
            run.stdout
        );
    }

    let run = gait_in(site.tmp.path(), &["init", "--help"]);
    run.expect_success();
    assert!(
        run.stdout.contains("Usage: gait init [OPTIONS] <DIR>")
            && run.stdout.contains("--ci <SERVICE>"),
        "{}",
        run.stdout
    );

    let run = gait_in(site.tmp.path(), &["deploy", "--help"]);
    run.expect_success();
    for flag in [
        "Usage: gait deploy [OPTIONS]",
        "--root <DIR>",
        "--dry-run",
        "--target <URL>",
        "--max-deletes <N>",
    ] {
        assert!(
            run.stdout.contains(flag),
            "deploy --help lacks {flag}:\n{}",
            run.stdout
        );
    }

    let run = gait_in(site.tmp.path(), &["--help"]);
    run.expect_success();
    for cmd in ["build", "init", "deploy"] {
        assert!(
            run.stdout.lines().any(|l| l.trim_start().starts_with(cmd)),
            "--help lists {cmd}:\n{}",
            run.stdout
        );
    }

    let run = gait_in(site.tmp.path(), &["--version"]);
    run.expect_success();
    assert_eq!(
        run.stdout.trim_end(),
        format!("gait {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(
        list_files(site.tmp.path()).is_empty(),
        "help writes nothing"
    );
}

const PAGE_OVERRIDE: &str = r#"{% extends "base.html" %}
{% block content %}
<article class="page custom-page">
  <h1>{{ page.title }}</h1>
  <p class="override-marker">Rendered by the site's own page template.</p>
  <div class="content">{{ page.content | safe }}</div>
</article>
{% endblock content %}
"#;

#[test]
fn a_site_template_overrides_the_themes() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    assert!(
        !site
            .read_out("about/index.html")
            .contains("override-marker")
    );

    site.write("templates/page.html", PAGE_OVERRIDE);
    site.build_ok(&[]);
    let doc = html(&site.read_out("about/index.html"));
    let marker = select(&doc, "main .override-marker");
    assert_eq!(marker.len(), 1, "the override renders the page");
    assert_eq!(
        text_of(&marker[0]),
        "Rendered by the site's own page template."
    );
    let h1 = select(&doc, "h1");
    assert_eq!(h1.len(), 1);
    assert_eq!(text_of(&h1[0]), "About Riverbend");
    assert!(
        text_of(&select(&doc, "main .content")[0])
            .contains("Riverbend is a small practice with two clinics.")
    );
    // Still inside the theme's base.html (header, footer, stylesheet).
    assert!(!select(&doc, "link[rel=stylesheet][href^='/css/style.']").is_empty());
    assert!(!select(&doc, "footer").is_empty());
    // Other templates are untouched.
    for page in [
        "index.html",
        "posts/gentle-core-work/index.html",
        "authors/sam-lee/index.html",
    ] {
        assert!(
            !site.read_out(page).contains("override-marker"),
            "{page} uses the override"
        );
    }
}

#[test]
fn a_theme_folder_in_the_site_is_used_and_templates_beat_it() {
    // A copy of the theme in the site's own themes/clinic/ replaces the
    // built-in one...
    let site = Site::fixture("basic");
    copy_dir(
        &repo_root().join("themes/clinic"),
        &site.path("themes/clinic"),
    );
    site.write(
        "themes/clinic/templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>From the site's theme folder</h1>{% endblock content %}\n",
    );
    site.build_ok(&[]);
    let doc = html(&site.read_out("index.html"));
    assert_eq!(
        text_of(&select(&doc, "h1")[0]),
        "From the site's theme folder"
    );

    // ...and templates/ beats the theme folder.
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>From templates/</h1>{% endblock content %}\n",
    );
    site.build_ok(&[]);
    let doc = html(&site.read_out("index.html"));
    assert_eq!(text_of(&select(&doc, "h1")[0]), "From templates/");
}
