//! Malformed raw HTML in posts: `gait check` reports it as errors and
//! `gait build` as warnings (publishing the site), each with the file, the
//! line, the line itself and what to do.

use crate::common::*;

const POST: &str = r#"---
title: Pictures of the pelvic floor
date: 2024-02-01
author: sam-lee
categories: [Hip Pain]
---

The muscles of the pelvic floor sit like a hammock under the pelvis.

<img src="/images/pelvis.svg" alt="The pelvic floor muscles from above"></img>

Read more on the <a href="https://www.apta.org/" target="_href_">APTA site</a>.

<div class="note">
<p>Ask your therapist before you start.</p>
</div>
</div>
"#;

/// The report of each problem, after its first word (`error` or `warning`).
const REPORT: &[&str] = &[
    ": content/posts/pelvic-floor-pictures.md:10: `</img>` is not needed: `<img>` never has an end tag",
    "    10 | <img src=\"/images/pelvis.svg\" alt=\"The pelvic floor muscles from above\"></img>",
    "  help: remove `</img>`",
    ": content/posts/pelvic-floor-pictures.md:12: `target=\"_href_\"` is not a valid target: a name that starts with `_` must be `_blank`, `_self`, `_parent` or `_top`",
    "    12 | Read more on the <a href=\"https://www.apta.org/\" target=\"_href_\">APTA site</a>.",
    "  help: write `target=\"_blank\"` to open the link in a new tab, or remove `target`",
    ": content/posts/pelvic-floor-pictures.md:17: `</div>` closes a `<div>` that is not open here",
    "    17 | </div>",
    "  help: remove `</div>`, or add the `<div>` it should close before it",
];

fn report(first_word: &str) -> Vec<String> {
    REPORT
        .iter()
        .map(|l| match l.strip_prefix(':') {
            Some(rest) => format!("{first_word}:{rest}"),
            None => l.to_string(),
        })
        .collect()
}

fn site_with_post() -> Site {
    let site = Site::fixture("basic");
    site.write("content/posts/pelvic-floor-pictures.md", POST);
    site
}

#[test]
fn check_reports_stray_end_tags_and_bad_targets_as_errors() {
    let site = site_with_post();
    let run = site.run(&["check"]);
    run.expect_code(1);
    let mut want = report("error");
    // `gait check` writes nothing, and says nothing about an output folder.
    want.push("3 errors in 1 file".into());
    run.expect_stderr(&want.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn build_publishes_and_warns() {
    let site = site_with_post();
    let run = site.build_ok(&[]);
    let want = report("warning");
    run.expect_stderr(&want.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(site.out_exists("posts/pelvic-floor-pictures/index.html"));
}

#[test]
fn well_formed_raw_html_is_not_reported() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/pelvic-floor-pictures.md",
        POST.replace("></img>", ">")
            .replace("_href_", "_blank")
            .replace("</div>\n</div>\n", "</div>\n"),
    );
    site.run(&["check"]).expect_success();
}
