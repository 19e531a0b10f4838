//! Errors outside content/: site.yaml, templates, the command line.

use crate::common;

use common::*;

const FOOTER: &str = "Nothing was written: the output folder is unchanged.";
const TEMPLATE_HELP: &str =
    "  help: fix the template at this line; the Tera 2 syntax is described at keats.github.io/tera";

/// Build the good fixture, snapshot public/, run `change` on the site,
/// build again: exit 1, public/ unchanged, no staging folder left.
fn break_and_build(change: impl FnOnce(&Site)) -> Run {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    change(&site);
    let run = site.build(&[]);
    run.expect_code(1);
    assert_same_files(&before, &snapshot(&site.public()));
    assert_eq!(
        staging_leftovers(&site.root, "public"),
        Vec::<String>::new(),
        "staging folder left behind"
    );
    run
}

fn append_to_site_yaml(site: &Site, text: &str) {
    let mut yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    yaml.push_str(text);
    site.write("site.yaml", yaml);
}

/// 1-based number of the last line of the fixture's site.yaml plus `n`.
fn site_yaml_line_after(n: usize) -> usize {
    let yaml = std::fs::read_to_string(repo_root().join("tests/fixtures/basic/site.yaml")).unwrap();
    yaml.lines().count() + n
}

#[test]
fn unknown_site_yaml_key_suggests_the_closest() {
    let run = break_and_build(|s| append_to_site_yaml(s, "descripton: A typo\n"));
    let line = site_yaml_line_after(1);
    run.expect_stderr(&[
        &format!("error: site.yaml:{line}:1: unknown key `descripton`"),
        &format!("  {line:>4} | descripton: A typo"),
        "  help: did you mean `description`? Known keys: `title`, `base_url`, `description`, `language`, `theme`, `posts_per_page`, `phone`, `email`, `nav`, `callouts`, `finder`, `images`, `broken_links`, `tag_feeds`, `deploy`, `host_files`, `timezone`, `disclaimer`, `review_every_months`, `third_party_allowed`, `privacy`, `translations`, `extra`. Put anything custom under `extra:`",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn unknown_theme_names_the_line_and_suggests() {
    let run = break_and_build(|s| append_to_site_yaml(s, "theme: clinc\n"));
    let line = site_yaml_line_after(1);
    run.expect_stderr(&[
        &format!("error: site.yaml:{line}: there is no theme `clinc`"),
        &format!("  {line:>4} | theme: clinc"),
        "  help: did you mean `clinic`? Known themes: `clinic`; a theme is a folder themes/<name>/ with templates/ inside",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn template_syntax_error_names_the_override_file_and_line() {
    let run = break_and_build(|s| {
        s.write(
            "templates/post.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ post.title }</h1>\n{% endblock content %}\n",
        )
    });
    run.expect_stderr(&[
        "error: templates/post.html:3:19: Found `}` but expected }}.",
        "     3 | <h1>{{ post.title }</h1>",
        TEMPLATE_HELP,
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn template_rendering_error_is_reported_once_not_once_per_page() {
    // The fixture has four posts; one mistake in post.html is one error.
    // (A 10,000-post site would otherwise print it 10,000 times.)
    let run = break_and_build(|s| {
        s.write(
            "templates/post.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ post.title }}</h1>\n<p>{{ post.nosuch.field }}</p>\n{% endblock content %}\n",
        )
    });
    let lines = run.stderr_lines();
    let firsts: Vec<&&str> = lines
        .iter()
        .filter(|l| {
            l.starts_with("error: templates/post.html:4:12: Field `nosuch` is not defined.")
        })
        .collect();
    assert_eq!(firsts.len(), 1, "the template error once:\n{}", run.stderr);
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("error:")).count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(lines[1], "     4 | <p>{{ post.nosuch.field }}</p>");
    assert_eq!(
        lines[lines.len() - 2..],
        ["1 error in 1 file", FOOTER],
        "{}",
        run.stderr
    );
}

#[test]
fn missing_site_yaml() {
    let site = Site::empty();
    std::fs::create_dir_all(site.tmp.path().join("nosite")).unwrap();
    let run = gait_in(site.tmp.path(), &["build", "--root", "nosite"]);
    run.expect_code(1).expect_stderr(&[
        "error: site.yaml: there is no site.yaml in nosite",
        "  help: run gait in the site's folder, pass --root, or create a site with `gait init DIR`",
        "1 error in 1 file",
        FOOTER,
    ]);
    assert!(
        !site.tmp.path().join("nosite/public").exists(),
        "nothing written"
    );
}

#[test]
fn root_flag_gives_the_same_paths_in_messages() {
    // Run from outside the site with --root: messages still name files
    // relative to the site.
    let site = Site::fixture("basic");
    site.write(
        "content/posts/bad.md",
        "---\ntitle: Myths\ndate: 2024-13-45\nauthor: sam-lee\n---\n",
    );
    let run = gait_in(site.tmp.path(), &["build", "--root", "site"]);
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[0],
        "error: content/posts/bad.md:3: `2024-13-45` is not a date: write it as 2024-05-02, or with a time as 2024-05-02T09:30:00"
    );
}

#[test]
fn bad_command_line_exits_2() {
    let site = Site::fixture("basic");
    let run = site.run(&["build", "--bogus"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr_lines()[0],
        "error: unexpected argument '--bogus' found"
    );
    assert!(run.stderr.contains("Usage: gait build"), "{}", run.stderr);

    let run = site.run(&["frobnicate"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr_lines()[0],
        "error: unrecognized subcommand 'frobnicate'"
    );

    let run = site.run(&["build", "--base-url"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr_lines()[0],
        "error: a value is required for '--base-url <URL>' but none was supplied"
    );

    let run = site.run(&[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("Usage: gait <COMMAND>"),
        "{}",
        run.stderr
    );

    let run = site.run(&["init"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("error: the following required arguments were not provided:"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "bad usage writes nothing");
}

#[test]
fn invalid_base_url_flag_is_a_command_line_error() {
    // The bad value comes from --base-url, not from site.yaml (whose
    // base_url is fine): the message must not send the user to site.yaml.
    let site = Site::fixture("basic");
    let run = site.build(&["--base-url", "example.org"]);
    run.expect_code(2);
    let first = run.stderr_lines()[0];
    assert!(first.starts_with("error:"), "{}", run.stderr);
    assert!(
        first.contains("--base-url") && first.contains("example.org"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("site.yaml"),
        "blames site.yaml:\n{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn invalid_base_url_in_site_yaml_names_the_line() {
    let run = break_and_build(|s| {
        let yaml = std::fs::read_to_string(s.path("site.yaml")).unwrap();
        s.write(
            "site.yaml",
            yaml.replace(
                "base_url: https://riverbend.example",
                "base_url: riverbend.example",
            ),
        );
    });
    run.expect_stderr(&[
        "error: site.yaml:3: `riverbend.example` is not a valid URL (relative URL without a base): write it like https://www.example.org",
        "     3 | base_url: riverbend.example",
        "  help: set `base_url` to the address the site will be served from",
        "1 error in 1 file",
        FOOTER,
    ]);
}
