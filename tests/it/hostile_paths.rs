//! Hostile input, part 1: nothing a content file or site.yaml says can make
//! gait write outside its output folder, and links out of the site are not
//! followed. Every case either fails with the exact error naming the file,
//! the line and the key, or builds inside public/ only; in both cases no
//! file outside public/ changes.

use crate::common;
use crate::hostile_support;

use common::*;
use hostile_support::*;

fn bad_post(keys: &str) -> Site {
    site_with(&[("content/posts/x.md", post_text(keys, "Body\n").as_bytes())])
}

const SLUG_FORM: &str = "the slug `{}` is not lower-case letters, digits and hyphens";

fn slug_error(slug: &str, line: &str, help: &str) -> Vec<String> {
    vec![
        format!(
            "error: content/posts/x.md:5: {}",
            SLUG_FORM.replace("{}", slug)
        ),
        format!("     5 | {line}"),
        format!("  help: {help}"),
        "1 error in 1 file".to_string(),
    ]
}

#[track_caller]
fn fails_with_owned(site: &Site, lines: Vec<String>) {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    fails_with(site, &refs);
}

// ---- `slug:` ----

#[test]
fn slug_with_dot_dot_segments() {
    let site = bad_post("slug: ../../etc\n");
    fails_with_owned(
        &site,
        slug_error("../../etc", "slug: ../../etc", "write `slug: etc`"),
    );
}

#[test]
fn slug_that_is_an_absolute_path() {
    let site = bad_post("slug: /etc/passwd\n");
    fails_with_owned(
        &site,
        slug_error(
            "/etc/passwd",
            "slug: /etc/passwd",
            "write `slug: etc-passwd`",
        ),
    );
}

#[test]
fn slug_percent_encoded_dot_dot() {
    let site = bad_post("slug: \"%2e%2e/%2E%2E\"\n");
    fails_with_owned(
        &site,
        slug_error(
            "%2e%2e/%2E%2E",
            "slug: \"%2e%2e/%2E%2E\"",
            "write `slug: 2e-2e-2e-2e`",
        ),
    );
}

#[test]
fn slug_with_backslashes() {
    let site = bad_post("slug: '..\\..\\windows'\n");
    fails_with_owned(
        &site,
        slug_error(
            "..\\..\\windows",
            "slug: '..\\..\\windows'",
            "write `slug: windows`",
        ),
    );
}

#[test]
fn slug_with_a_nul_byte_is_shown_escaped() {
    let site = bad_post("slug: \"a\\0b\"\n");
    fails_with_owned(
        &site,
        slug_error("a\\u{0}b", "slug: \"a\\0b\"", "write `slug: a-b`"),
    );
}

#[test]
fn slug_that_is_a_windows_drive() {
    let site = bad_post("slug: 'C:\\Windows'\n");
    fails_with_owned(
        &site,
        slug_error(
            "C:\\Windows",
            "slug: 'C:\\Windows'",
            "write `slug: c-windows`",
        ),
    );
}

#[test]
fn slug_too_long_for_a_file_name() {
    let long = rep("a", 201);
    let site = bad_post(&format!("slug: {long}\n"));
    fails_with_owned(
        &site,
        vec![
            format!(
                "error: content/posts/x.md:5: the slug `{}…` is 201 characters long; an address part can have at most 200",
                rep("a", 40)
            ),
            format!("     5 | slug: {long}"),
            "  help: write a shorter `slug:`".into(),
            "1 error in 1 file".into(),
        ],
    );
}

#[test]
fn file_name_too_long_for_a_slug() {
    // 201 characters of slug from a 204-character file name (file systems allow 255).
    let name = format!("content/posts/{}.md", rep("b", 201));
    let site = site_with(&[(name.as_str(), post_text("", "Body\n").as_bytes())]);
    fails_with_owned(
        &site,
        vec![
            format!(
                "error: {name}: the slug `{}…` from the file name is 201 characters long; an address part can have at most 200",
                rep("b", 40)
            ),
            "  help: rename the file, or add a shorter `slug:` line".into(),
            "1 error in 1 file".into(),
        ],
    );
}

#[test]
fn a_slug_of_exactly_200_characters_builds() {
    let slug = rep("c", 200);
    let site = bad_post(&format!("slug: {slug}\n"));
    builds_with(&site, &[]);
    assert!(site.out_exists(&format!("posts/{slug}/index.html")));
}

// ---- `aliases:` ----

fn alias_error(alias: &str, why: &str, line: &str) -> Vec<String> {
    vec![
        format!("error: content/posts/x.md:5: the alias `{alias}` {why}"),
        format!("     5 | {line}"),
        "  help: write the old address as a path, like `/2019/05/old-post-name/`".into(),
        "1 error in 1 file".into(),
    ]
}

#[track_caller]
fn alias_refused(yaml: &str, shown: &str, why: &str) {
    let line = format!("aliases: [{yaml}]");
    let site = bad_post(&format!("{line}\n"));
    fails_with_owned(&site, alias_error(shown, why, &line));
}

#[test]
fn alias_relative_with_dot_dot() {
    alias_refused(
        "../outside/",
        "../outside/",
        "must be a path starting with `/`",
    );
}

#[test]
fn alias_climbing_out_with_dot_dot() {
    alias_refused(
        "/a/../../../outside/",
        "/a/../../../outside/",
        "leaves the site folder",
    );
}

#[test]
fn alias_percent_encoded_dot_dot() {
    alias_refused(
        "\"/a/%2E%2e/%2e%2E/x/\"",
        "/a/%2E%2e/%2e%2E/x/",
        "leaves the site folder",
    );
}

#[test]
fn alias_percent_encoded_slash() {
    alias_refused(
        "\"/a%2f..%2F..%2fx/\"",
        "/a%2f..%2F..%2fx/",
        "leaves the site folder",
    );
}

#[test]
fn alias_with_backslashes() {
    alias_refused(
        "'/..\\..\\x/'",
        "/..\\..\\x/",
        "contains a character that cannot be part of a path",
    );
}

#[test]
fn alias_with_a_nul_byte() {
    alias_refused(
        "\"/a\\0b/\"",
        "/a\\u{0}b/",
        "contains a character that cannot be part of a path",
    );
}

#[test]
fn alias_with_a_windows_drive() {
    alias_refused(
        "'/C:/Windows/'",
        "/C:/Windows/",
        "looks like a drive letter",
    );
}

#[test]
fn alias_with_a_colon() {
    alias_refused(
        "'/notes:secret/'",
        "/notes:secret/",
        "contains a character that cannot be part of a path",
    );
}

#[test]
fn alias_to_another_host() {
    alias_refused(
        "//evil.example/x/",
        "//evil.example/x/",
        "must be a path starting with `/`",
    );
}

#[test]
fn alias_that_is_an_absolute_file_path() {
    // Written like a path of the site, it stays inside public/.
    let site = bad_post("aliases: [/etc/passwd/]\n");
    builds_with(&site, &[]);
    assert!(site.out_exists("etc/passwd/index.html"));
}

#[test]
fn alias_with_an_over_long_part() {
    let part = rep("d", 201);
    alias_refused(
        &format!("/{part}/"),
        &format!("/{part}/"),
        "has a part longer than 200 characters",
    );
}

// ---- categories and tags: names become slugs ----

#[test]
fn category_and_tag_names_that_look_like_paths_stay_inside() {
    let site = bad_post(
        "categories: [\"../../etc\", /abs/olute, \"%2e%2e\"]\ntags: ['..\\..\\win', \"C:\", \"a\\0b\"]\n",
    );
    builds_with(&site, &[]);
    for page in [
        "categories/etc/index.html",
        "categories/abs-olute/index.html",
        "categories/2e-2e/index.html",
        "tags/win/index.html",
        "tags/c/index.html",
        "tags/a-b/index.html",
    ] {
        assert!(
            site.out_exists(page),
            "{page} missing: {:#?}",
            site.out_files()
        );
    }
}

#[test]
fn category_name_too_long_for_an_address() {
    let name = rep("Long ", 50);
    let line = format!("categories: [{}]", name.trim());
    let site = bad_post(&format!("{line}\n"));
    fails_with_owned(
        &site,
        vec![
            format!(
                "error: content/posts/x.md:5: the address of `{}…` in `categories` is 249 characters long; an address part can have at most 200",
                &name[..40]
            ),
            format!("     5 | {line}"),
            "  help: use a shorter name".into(),
            "1 error in 1 file".into(),
        ],
    );
}

#[test]
fn tag_name_too_long_for_an_address() {
    let name = rep("x", 300);
    let line = format!("tags: [ok, {name}]");
    let site = bad_post(&format!("{line}\n"));
    fails_with_owned(
        &site,
        vec![
            format!(
                "error: content/posts/x.md:5: the address of `{}…` in `tags` is 300 characters long; an address part can have at most 200",
                rep("x", 40)
            ),
            format!("     5 | {line}"),
            "  help: use a shorter name".into(),
            "1 error in 1 file".into(),
        ],
    );
}

// ---- file names ----

#[test]
fn file_names_that_look_like_paths_become_plain_slugs() {
    let page = "---\ntitle: Drive\n---\nText\n";
    let author = "---\nname: Evil Name\n---\nBio\n";
    let site = site_with(&[
        (
            "content/posts/%2e%2e.md",
            post_text("", "Body\n").as_bytes(),
        ),
        ("content/pages/C:.md", page.as_bytes()),
        ("content/authors/a\\..\\..\\evil.md", author.as_bytes()),
    ]);
    builds_with(&site, &[]);
    for page in [
        "posts/2e-2e/index.html",
        "c/index.html",
        "authors/a-evil/index.html",
    ] {
        assert!(
            site.out_exists(page),
            "{page} missing: {:#?}",
            site.out_files()
        );
    }
}

#[test]
fn files_beside_a_post_keep_their_names_inside_the_posts_folder() {
    let site = site_with(&[
        (
            "content/posts/bundle/index.md",
            post_text("", "![A chart](chart.svg)\n").as_bytes(),
        ),
        ("content/posts/bundle/chart.svg", b"<svg/>"),
        ("content/posts/bundle/a\\..\\..\\evil.txt", b"stays inside"),
        ("content/posts/bundle/sub/notes..txt", b"kept"),
    ]);
    builds_with(&site, &[]);
    let files = site.out_files();
    assert!(
        files.contains(&"posts/bundle/a\\..\\..\\evil.txt".to_string()),
        "{files:#?}"
    );
    assert!(
        files.contains(&"posts/bundle/sub/notes..txt".to_string()),
        "{files:#?}"
    );
    assert!(
        files.contains(&"posts/bundle/chart.svg".to_string()),
        "{files:#?}"
    );
}

// ---- site.yaml ----

fn with_site_yaml(extra: &str) -> Site {
    let site = Site::fixture("basic");
    let text = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{text}{extra}\n"));
    site
}

fn site_yaml_lines() -> usize {
    std::fs::read_to_string(repo_root().join("tests/fixtures/basic/site.yaml"))
        .unwrap()
        .lines()
        .count()
}

#[test]
fn finder_path_with_dot_dot() {
    let site = with_site_yaml("finder: {path: ../../outside}");
    let n = site_yaml_lines() + 1;
    fails_with_owned(
        &site,
        vec![
            format!(
                "error: site.yaml:{n}: the finder path `../../outside` is not a plain URL path"
            ),
            format!("  {n:>4} | finder: {{path: ../../outside}}"),
            "  help: use lower-case words with hyphens, e.g. `find-a-therapist`".into(),
            "1 error in 1 file".into(),
        ],
    );
}

#[test]
fn finder_path_too_long() {
    let long = rep("f", 201);
    let site = with_site_yaml(&format!("finder: {{path: {long}}}"));
    let n = site_yaml_lines() + 1;
    fails_with_owned(
        &site,
        vec![
            format!("error: site.yaml:{n}: the finder path `{long}` is not a plain URL path"),
            format!("  {n:>4} | finder: {{path: {long}}}"),
            "  help: use lower-case words with hyphens, e.g. `find-a-therapist`".into(),
            "1 error in 1 file".into(),
        ],
    );
}

#[test]
fn theme_name_that_is_a_path() {
    for theme in ["../../etc", "/etc", "a\\b"] {
        let site = with_site_yaml(&format!("theme: '{theme}'"));
        let n = site_yaml_lines() + 1;
        fails_with_owned(
            &site,
            vec![
                format!("error: site.yaml:{n}: `{theme}` is not a theme folder name"),
                format!("  {n:>4} | theme: '{theme}'"),
                "  help: name a folder under themes/, e.g. `clinic`".into(),
                "1 error in 1 file".into(),
            ],
        );
    }
}

// ---- links out of the site ----

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    const OUTSIDE_HELP: &str = "  help: gait reads only files inside the site folder; copy what you need here instead of linking to it";

    /// The basic site with a secret beside it (outside the site folder).
    fn site_beside_a_secret() -> Site {
        let site = Site::fixture("basic");
        std::fs::write(
            site.tmp.path().join("secret.md"),
            post_text("", "TOP-SECRET\n"),
        )
        .unwrap();
        std::fs::create_dir_all(site.tmp.path().join("secrets")).unwrap();
        std::fs::write(site.tmp.path().join("secrets/key.txt"), "TOP-SECRET").unwrap();
        site
    }

    fn link(site: &Site, target: &str, rel: &str) {
        let at = site.path(rel);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(target, at).unwrap();
    }

    #[track_caller]
    fn nothing_secret_published(site: &Site) {
        assert_eq!(any_file_contains(&site.public(), b"TOP-SECRET"), None);
    }

    #[test]
    fn a_post_linked_from_outside_is_skipped_with_a_warning() {
        let site = site_beside_a_secret();
        link(&site, "../../../secret.md", "content/posts/leak.md");
        builds_with(
            &site,
            &[
                "warning: content/posts/leak.md: skipped: this is a link to ../../../secret.md, outside the site folder",
                OUTSIDE_HELP,
            ],
        );
        nothing_secret_published(&site);
        assert!(!site.out_exists("posts/leak/index.html"));
    }

    #[test]
    fn an_author_linked_from_outside_is_skipped_with_a_warning() {
        let site = site_beside_a_secret();
        std::fs::write(
            site.tmp.path().join("evil.md"),
            "---\nname: TOP-SECRET\n---\n",
        )
        .unwrap();
        link(&site, "/proc/self/../../", "content/authors/root.md");
        link(&site, "../../../evil.md", "content/authors/evil.md");
        builds_with(
            &site,
            &[
                "warning: content/authors/evil.md: skipped: this is a link to ../../../evil.md, outside the site folder",
                OUTSIDE_HELP,
                "warning: content/authors/root.md: skipped: this is a link to /proc/self/../../, outside the site folder",
                OUTSIDE_HELP,
            ],
        );
        nothing_secret_published(&site);
    }

    #[test]
    fn a_post_folder_linked_from_outside_is_skipped() {
        let site = site_beside_a_secret();
        std::fs::create_dir_all(site.tmp.path().join("bundle")).unwrap();
        std::fs::write(
            site.tmp.path().join("bundle/index.md"),
            post_text("", "TOP-SECRET\n"),
        )
        .unwrap();
        link(&site, "../../../bundle", "content/posts/bundle");
        builds_with(
            &site,
            &[
                "warning: content/posts/bundle: skipped: this is a link to ../../../bundle, outside the site folder",
                OUTSIDE_HELP,
            ],
        );
        nothing_secret_published(&site);
    }

    #[test]
    fn static_files_and_folders_linked_from_outside_are_not_copied() {
        let site = site_beside_a_secret();
        link(&site, "../../secrets/key.txt", "static/key.txt");
        link(&site, "../../secrets", "static/secrets");
        link(&site, "/etc/hostname", "static/hostname");
        builds_with(
            &site,
            &[
                "warning: static/hostname: skipped: this is a link to /etc/hostname, outside the site folder",
                OUTSIDE_HELP,
                "warning: static/key.txt: skipped: this is a link to ../../secrets/key.txt, outside the site folder",
                OUTSIDE_HELP,
                "warning: static/secrets: skipped: this is a link to ../../secrets, outside the site folder",
                OUTSIDE_HELP,
            ],
        );
        nothing_secret_published(&site);
        assert!(!site.out_exists("hostname") && !site.out_exists("key.txt"));
    }

    #[test]
    fn a_static_folder_that_is_a_link_out_of_the_site_is_not_copied() {
        let site = site_beside_a_secret();
        link(&site, "../secrets", "static");
        builds_with(
            &site,
            &[
                "warning: static: skipped: this is a link to ../secrets, outside the site folder",
                OUTSIDE_HELP,
            ],
        );
        nothing_secret_published(&site);
    }

    #[test]
    fn a_file_beside_a_post_linked_from_outside_is_not_copied() {
        let site = site_beside_a_secret();
        site.write("content/posts/bundle/index.md", post_text("", "Body\n"));
        link(
            &site,
            "../../../../secrets/key.txt",
            "content/posts/bundle/key.txt",
        );
        builds_with(
            &site,
            &[
                "warning: content/posts/bundle/key.txt: skipped: this is a link to ../../../../secrets/key.txt, outside the site folder",
                OUTSIDE_HELP,
            ],
        );
        nothing_secret_published(&site);
    }

    #[test]
    fn theme_and_template_files_linked_from_outside_are_skipped() {
        let site = site_beside_a_secret();
        copy_dir(
            &repo_root().join("themes/clinic"),
            &site.path("themes/clinic"),
        );
        link(
            &site,
            "../../../../secrets/key.txt",
            "themes/clinic/static/key.txt",
        );
        link(&site, "../../secrets/key.txt", "templates/key.html");
        builds_with(
            &site,
            &[
                "warning: templates/key.html: skipped: this is a link to ../../secrets/key.txt, outside the site folder",
                OUTSIDE_HELP,
                "warning: themes/clinic/static/key.txt: skipped: this is a link to ../../../../secrets/key.txt, outside the site folder",
                OUTSIDE_HELP,
            ],
        );
        nothing_secret_published(&site);
    }

    #[test]
    fn links_inside_the_site_are_followed() {
        let site = Site::fixture("basic");
        link(
            &site,
            "../content/posts/bladder-diary/chart.svg",
            "static/chart-copy.svg",
        );
        link(
            &site,
            "../gentle-core-work.md",
            "content/posts/extra/index.md",
        );
        builds_with(&site, &[]);
        assert_eq!(
            std::fs::read(site.public().join("chart-copy.svg")).unwrap(),
            std::fs::read(site.path("content/posts/bladder-diary/chart.svg")).unwrap()
        );
        // The linked post is read like the file it points to: a second post with the same text.
        assert!(site.out_exists("posts/extra/index.html"));
    }

    #[test]
    fn a_link_to_nothing_is_skipped_with_a_warning() {
        let site = Site::fixture("basic");
        link(&site, "deleted.md", "content/posts/gone.md");
        link(&site, "deleted.md", "content/pages/gone.md");
        link(&site, "deleted.svg", "static/gone.svg");
        const HELP: &str = "  help: remove the link, or restore the file it points to";
        builds_with(
            &site,
            &[
                "warning: content/pages/gone.md: skipped: this is a link to deleted.md, which does not exist",
                HELP,
                "warning: content/posts/gone.md: skipped: this is a link to deleted.md, which does not exist",
                HELP,
                "warning: static/gone.svg: skipped: this is a link to deleted.svg, which does not exist",
                HELP,
            ],
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_link_loop_is_skipped_with_a_warning() {
        let site = Site::fixture("basic");
        link(&site, "loop-b.md", "content/posts/loop-a.md");
        link(&site, "loop-a.md", "content/posts/loop-b.md");
        link(&site, "..", "content/posts/up");
        const HELP: &str = "  help: remove the link, or make it point to a file";
        builds_with(
            &site,
            &[
                "warning: content/posts/loop-a.md: skipped: this is a link to loop-b.md, which cannot be followed: Too many levels of symbolic links (os error 40)",
                HELP,
                "warning: content/posts/loop-b.md: skipped: this is a link to loop-a.md, which cannot be followed: Too many levels of symbolic links (os error 40)",
                HELP,
                "warning: content/posts/up: skipped: this is a link to a folder, and gait does not follow links to folders",
                "  help: move or copy the folder here instead of linking to it",
            ],
        );
    }
}
