//! Fenced code in the languages real clinic and tech blogs use: the fixture
//! `tests/fixtures/code/` (TOML, Dockerfile, console and PowerShell sessions,
//! shell, PowerShell, SQL, diff, nginx and Apache config) builds without a
//! warning, and every block but the plain one comes out highlighted.

use crate::common::*;

/// (post, language, a piece of the block's highlighted HTML) for every block.
const BLOCKS: &[(&str, &str, &str)] = &[
    (
        "waiting-room-screen",
        "toml",
        "<span class=\"hl-entity hl-name hl-table hl-toml\">clinic</span>",
    ),
    (
        "waiting-room-screen",
        "dockerfile",
        "<span class=\"hl-keyword hl-control hl-dockerfile\">FROM</span>",
    ),
    (
        "waiting-room-screen",
        "console",
        "<span class=\"hl-prompt\">ines@screen:~$ </span>",
    ),
    (
        "front-desk-reports",
        "powershell",
        "<span class=\"hl-support hl-function hl-powershell\">Import-Csv</span>",
    ),
    (
        "front-desk-reports",
        "pwsh-session",
        "<span class=\"hl-prompt\">PS C:\\Reports&gt; </span>",
    ),
    (
        "front-desk-reports",
        "sh",
        "<span class=\"hl-variable hl-function hl-shell\">grep</span>",
    ),
    (
        "front-desk-reports",
        "sql",
        "<span class=\"hl-keyword hl-other hl-DML hl-sql\">SELECT</span>",
    ),
    (
        "nightly-backups",
        "bash",
        "<span class=\"hl-keyword hl-control hl-conditional hl-if hl-shell\">if</span>",
    ),
    (
        "nightly-backups",
        "console",
        "<span class=\"hl-output\">2025-04-21\n</span>",
    ),
    (
        "nightly-backups",
        "diff",
        "<span class=\"hl-markup hl-inserted hl-diff\">",
    ),
    (
        "nightly-backups",
        "nginx",
        "<span class=\"hl-keyword hl-directive hl-module hl-http hl-nginx\">listen</span>",
    ),
    (
        "nightly-backups",
        "apache",
        "<span class=\"hl-keyword hl-rewrite hl-apacheconf\">RewriteRule</span>",
    ),
];

/// The inner HTML of each `pre.code` of a page, with its `data-lang`.
fn code_blocks(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let pre = scraper::Selector::parse("pre.code").unwrap();
    doc.select(&pre)
        .map(|p| {
            (
                p.value().attr("data-lang").unwrap_or("").to_string(),
                p.inner_html(),
            )
        })
        .collect()
}

#[test]
fn every_block_of_the_code_fixture_is_highlighted() {
    let site = Site::fixture("code");
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let mut seen = Vec::new();
    for post in [
        "waiting-room-screen",
        "front-desk-reports",
        "nightly-backups",
    ] {
        for (lang, inner) in code_blocks(&site.read_out(&format!("posts/{post}/index.html"))) {
            if lang == "text" {
                assert!(!inner.contains("<span"), "{post} {lang}: {inner}");
                continue;
            }
            let want = BLOCKS
                .iter()
                .find(|(p, l, _)| *p == post && *l == lang && !seen.contains(&(*p, *l)))
                .unwrap_or_else(|| panic!("{post}: no expectation for a {lang} block"));
            assert!(inner.contains(want.2), "{post} {lang}:\n{inner}");
            seen.push((want.0, want.1));
        }
    }
    assert_eq!(seen.len(), BLOCKS.len(), "blocks not found: {seen:?}");
}

#[test]
fn the_theme_styles_prompts_and_diffs() {
    let css = std::fs::read_to_string(repo_root().join("themes/clinic/static/css/highlight.css"))
        .unwrap();
    for rule in [
        "pre.code .hl-prompt {",
        "pre.code .hl-output {",
        "pre.code .hl-markup.hl-inserted {",
        "pre.code .hl-markup.hl-deleted {",
    ] {
        assert!(css.contains(rule), "{rule}");
    }
}
