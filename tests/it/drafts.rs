//! Drafts and scheduled posts: a build says what it left out, and a mistake
//! in a draft does not stop the published site from building (a warning),
//! while `gait check` and `--drafts` report it as an error.

use crate::common;

use common::*;

const DRAFT: &str = "content/posts/not-yet.md";

fn draft(front: &str) -> String {
    format!("---\ntitle: Not yet\ndate: 2024-02-01\n{front}draft: true\n---\n\nSoon.\n")
}

#[test]
fn a_build_says_how_many_drafts_and_scheduled_posts_it_left_out() {
    let site = Site::fixture("basic");
    site.write(DRAFT, draft("author: sam-lee\n"));
    site.write(
        "content/posts/later.md",
        "---\ntitle: Later\ndate: 2999-01-01\nauthor: sam-lee\n---\n\nLater.\n",
    );
    site.write(
        "content/posts/also-later.md",
        "---\ntitle: Also later\ndate: 2999-02-01\nauthor: sam-lee\n---\n\nLater.\n",
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stdout
            .contains(" (1 draft and 2 scheduled posts not published: --drafts, --future)"),
        "{}",
        run.stdout
    );
    let run = site.build_ok(&["--drafts"]);
    assert!(
        run.stdout
            .contains(" (2 scheduled posts not published: --future)"),
        "{}",
        run.stdout
    );
    let run = site.build_ok(&["--drafts", "--future"]);
    assert!(!run.stdout.contains("not published"), "{}", run.stdout);
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with("Checked 7 posts (1 draft, 2 scheduled) and "),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_author_in_a_draft_is_a_warning_in_a_build_and_an_error_in_check() {
    let site = Site::fixture("basic");
    site.write(DRAFT, draft("author: nobody\n"));
    let run = site.build_ok(&[]);
    assert_eq!(
        run.stderr_lines()[..3],
        [
            "warning: content/posts/not-yet.md:4: unknown author `nobody`",
            "     4 | author: nobody",
            "  help: known authors: `dana-reyes`, `sam-lee`; each is a file in content/authors/; this post is a draft, so the site is built without it; fix it before you publish",
        ],
        "{}",
        run.stderr
    );
    assert!(!site.out_exists("posts/not-yet/index.html"));
    site.run(&["check"]).expect_code(1);
    let run = site.build(&["--drafts"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .starts_with("error: content/posts/not-yet.md:4: unknown author `nobody`"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_yaml_in_a_draft_is_a_warning_in_a_build_and_an_error_in_check() {
    let site = Site::fixture("basic");
    site.write(DRAFT, draft("author: [sam-lee\n"));
    let run = site.build_ok(&[]);
    assert!(
        run.stderr.starts_with("warning: content/posts/not-yet.md:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("this post is a draft, so the site is built without it"),
        "{}",
        run.stderr
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.starts_with("error: content/posts/not-yet.md:"),
        "{}",
        run.stderr
    );
    // A broken post that is not a draft still stops the build.
    site.write(
        DRAFT,
        "---\ntitle: Not yet\ndate: 2024-02-01\nauthor: [sam-lee\n---\n\nSoon.\n",
    );
    site.build(&[]).expect_code(1);
}
