//! gait replaces its whole output folder, so it must refuse folders that hold
//! anything else, and a failed build must leave the old output in place.

use crate::common;

use common::*;

const FOOTER: &str = "Nothing was written: the output folder is unchanged.";
const OWN_FOLDER_HELP: &str =
    "  help: gait replaces the whole output folder; choose a folder of its own, like public/";

/// Run `gait build --output <output>` in the basic fixture and check it is
/// refused with exit 1 and these lines, with nothing in the temporary folder
/// (the site and its surroundings) changed.
fn refused(output: &str, setup: impl FnOnce(&Site), expected: &[&str]) {
    let site = Site::fixture("basic");
    setup(&site);
    let before = snapshot(site.tmp.path());
    let run = site.build(&["--output", output]);
    run.expect_code(1).expect_stderr(expected);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    assert_same_files(&before, &snapshot(site.tmp.path()));
    assert!(
        !site.public().exists(),
        "public/ created although the output was refused"
    );
}

#[test]
fn refuses_the_site_root() {
    refused(
        ".",
        |_| {},
        &[
            "error: .: the output folder . contains the site itself",
            OWN_FOLDER_HELP,
            "1 error in 1 file",
            FOOTER,
        ],
    );
}

#[test]
fn refuses_a_parent_of_the_site() {
    refused(
        "..",
        |_| {},
        &[
            "error: ..: the output folder .. contains the site itself",
            OWN_FOLDER_HELP,
            "1 error in 1 file",
            FOOTER,
        ],
    );
}

#[test]
fn refuses_content() {
    refused(
        "content",
        |_| {},
        &[
            "error: content: the output folder content is inside the site's content",
            "  help: choose a folder of its own, like public/",
            "1 error in 1 file",
            FOOTER,
        ],
    );
}

#[test]
fn refuses_a_folder_inside_static() {
    refused(
        "static/out",
        |s| s.write("static/robots-note.txt", "keep me"),
        &[
            "error: static/out: the output folder static/out is inside the site's static",
            "  help: choose a folder of its own, like public/",
            "1 error in 1 file",
            FOOTER,
        ],
    );
}

#[test]
fn refuses_a_folder_with_foreign_files() {
    refused(
        "mine",
        |s| {
            s.write("mine/tax-return.pdf", "private");
            s.write("mine/notes/todo.txt", "call the plumber");
        },
        &[
            "error: mine: the output folder mine holds files that gait did not write",
            "  help: gait replaces the whole output folder; choose a new or empty folder, or move those files away first",
            "1 error in 1 file",
            FOOTER,
        ],
    );
}

#[test]
fn refuses_a_foreign_folder_outside_the_site() {
    // Like pointing --output at one's home folder.
    let site = Site::fixture("basic");
    let home = site.tmp.path().join("home");
    std::fs::create_dir_all(home.join("Documents")).unwrap();
    std::fs::write(home.join("Documents/letter.txt"), "Dear clinic").unwrap();
    std::fs::write(home.join(".bashrc"), "export A=1").unwrap();
    let before = snapshot(&home);
    let run = site.build(&["--output", home.to_str().unwrap()]);
    run.expect_code(1);
    let shown = home.display().to_string();
    assert_eq!(
        run.stderr_lines()[0],
        format!("error: {shown}: the output folder {shown} holds files that gait did not write")
    );
    assert_same_files(&before, &snapshot(&home));
}

#[test]
fn builds_into_a_new_or_empty_folder_and_replaces_its_own_output() {
    let site = Site::fixture("basic");
    let out = site.tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let out_s = out.to_str().unwrap();
    site.build_ok(&["--output", out_s]);
    assert!(out.join("index.html").is_file());
    assert!(out.join("posts/gentle-core-work/index.html").is_file());
    assert!(!site.public().exists(), "--output replaces public/");

    // Remove a post; the next build must not keep its old page around.
    site.remove("content/posts/gentle-core-work.md");
    std::fs::write(out.join("stale-from-an-old-build.html"), "old").unwrap();
    site.build_ok(&["--output", out_s]);
    assert!(out.join("index.html").is_file());
    assert!(
        !out.join("posts/gentle-core-work/index.html").exists(),
        "a removed post's page is gone"
    );
    assert!(
        !out.join("stale-from-an-old-build.html").exists(),
        "the old output was replaced whole"
    );
    assert_eq!(
        staging_leftovers(site.tmp.path(), "out"),
        Vec::<String>::new()
    );
}

#[test]
fn default_public_is_replaced_on_each_build() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let first = snapshot(&site.public());
    site.build_ok(&[]);
    let second = snapshot(&site.public());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>(),
        "same files on a rebuild"
    );
    site.remove("content/pages/about.md");
    site.build_ok(&[]);
    assert!(
        !site.out_exists("about/index.html"),
        "a removed page's output is gone"
    );
    assert!(site.out_exists("index.html"));
    assert_eq!(
        staging_leftovers(&site.root, "public"),
        Vec::<String>::new()
    );
}

#[test]
fn a_failed_build_leaves_no_staging_folder_and_the_old_output() {
    // A template error is found after the staging folder exists.
    let site = Site::fixture("basic");
    let out = site.tmp.path().join("out");
    let out_s = out.to_str().unwrap();
    site.build_ok(&["--output", out_s]);
    let before = snapshot(&out);
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }{% endblock content %}\n",
    );
    let run = site.build(&["--output", out_s]);
    run.expect_code(1);
    assert_same_files(&before, &snapshot(&out));
    assert_eq!(
        staging_leftovers(site.tmp.path(), "out"),
        Vec::<String>::new(),
        "staging folder left behind"
    );
    let names: Vec<String> = std::fs::read_dir(site.tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // Only the record of what the output holds stays beside it.
    assert!(
        !names
            .iter()
            .any(|n| n.contains("gait-") && n != ".out.gait-files"),
        "leftovers beside the output: {names:?}"
    );
}

#[test]
fn a_leftover_staging_folder_from_an_interrupted_run_is_removed() {
    let site = Site::fixture("basic");
    let stale = site.root.join(".public.gait-staging-4242");
    std::fs::create_dir_all(stale.join("posts")).unwrap();
    std::fs::write(stale.join("posts/half-written.html"), "<p>half").unwrap();
    site.build_ok(&[]);
    assert!(!stale.exists(), "stale staging folder removed");
    assert_eq!(
        staging_leftovers(&site.root, "public"),
        Vec::<String>::new()
    );
    assert!(!site.out_exists("posts/half-written.html"));
}
