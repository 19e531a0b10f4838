//! Hostile input, part 2: every file format gait reads. Each case builds
//! correctly (a BOM, CRLF or old-Mac line ends, an empty body) or fails with
//! the exact located error — never a panic, a hang or runaway memory.

use crate::common;
use crate::hostile_support;

use std::time::{Duration, Instant};

use common::*;
use hostile_support::*;

const NESTED_HELP: &str = "  help: simplify the YAML; gait refuses such documents to stay safe";

/// "Billion laughs": nine levels of nine aliases each (9^9 strings if expanded).
fn alias_bomb(indent: &str) -> String {
    let mut s = format!(
        "{indent}a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        s.push_str(&format!("{indent}{name}: &{name} [{refs}]\n"));
    }
    s
}

fn post_file(text: impl AsRef<[u8]>) -> Site {
    site_with(&[("content/posts/x.md", text.as_ref())])
}

#[track_caller]
fn quick<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{what} took {:?}",
        started.elapsed()
    );
    out
}

// ---- YAML: expansion, nesting, duplicates, types, tabs ----

#[test]
fn front_matter_alias_bomb_is_refused() {
    let site = post_file(post_text(
        &format!("extra:\n{}", alias_bomb("  ")),
        "Body\n",
    ));
    quick("alias bomb", || {
        fails_with(
            &site,
            &[
                "error: content/posts/x.md: this YAML is too deeply nested or repeats aliases too often: repetition limit exceeded",
                NESTED_HELP,
                "1 error in 1 file",
            ],
        )
    });
}

#[test]
fn site_yaml_alias_bomb_is_refused() {
    let site = Site::fixture("basic");
    let text = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{text}extra:\n{}", alias_bomb("  ")));
    quick("alias bomb", || {
        fails_with(
            &site,
            &[
                "error: site.yaml: this YAML is too deeply nested or repeats aliases too often: repetition limit exceeded",
                NESTED_HELP,
                "1 error in 1 file",
            ],
        )
    });
}

/// Comments and referrals have no free-form `extra:`, so aliases of lists can
/// only stand where text is expected: the first one is a type error.
#[test]
fn comments_and_referrals_alias_bombs_stop_at_the_first_alias() {
    let mut comments = String::from(
        "- id: 1\n  author: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n  date: 2024-01-01\n  body: hi\n",
    );
    let mut referrals = String::from(
        "- name: A\n  city: B\n  state: TX\n  specialties: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for (i, w) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        .windows(2)
        .enumerate()
    {
        let refs = vec![format!("*{}", w[0]); 9].join(", ");
        comments.push_str(&format!(
            "- id: {}\n  author: &{} [{refs}]\n  date: 2024-01-01\n  body: hi\n",
            i + 2,
            w[1]
        ));
        referrals.push_str(&format!(
            "- name: A\n  city: B\n  state: TX\n  specialties: &{} [{refs}]\n",
            w[1]
        ));
    }
    let site = site_with(&[
        (
            "content/comments/hip-pain-at-night.yaml",
            comments.as_bytes(),
        ),
        ("data/referrals.yaml", referrals.as_bytes()),
    ]);
    fails_with(
        &site,
        &[
            "error: content/comments/hip-pain-at-night.yaml:2:11: invalid type: sequence, expected a string (in item 1, `author`)",
            "     2 |   author: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
            "  help: write a single value here; put quotes around it if it contains `:` or starts with a symbol",
            // An alias is reported where its anchor was written (line 4), in the item it was used in.
            "error: data/referrals.yaml:4:16: invalid type: sequence, expected a string (in item 2, `specialties` item 1)",
            "     4 |   specialties: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
            "  help: write a single value here; put quotes around it if it contains `:` or starts with a symbol",
            "2 errors in 2 files",
        ],
    );
}

#[test]
fn deeply_nested_front_matter_is_refused_at_its_line() {
    let deep = format!("extra: {}{}", rep("[", 10_000), rep("]", 10_000));
    let site = post_file(post_text(&format!("{deep}\n"), "Body\n"));
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:5:135: this YAML is too deeply nested or repeats aliases too often: recursion limit exceeded",
            &format!("     5 | {} …", &deep[..1000]),
            NESTED_HELP,
            "1 error in 1 file",
        ],
    );
}

#[test]
fn deeply_nested_site_yaml_is_refused_at_its_line() {
    let site = Site::fixture("basic");
    let text = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let n = text.lines().count() + 1;
    site.write(
        "site.yaml",
        format!("{text}extra: {}\n", rep("{a: ", 5_000)),
    );
    fails_with(
        &site,
        &[
            &format!(
                "error: site.yaml:{n}:516: this YAML is too deeply nested or repeats aliases too often: recursion limit exceeded"
            ),
            &format!("  {n:>4} | extra: {} …", &rep("{a: ", 5_000)[..993]),
            NESTED_HELP,
            "1 error in 1 file",
        ],
    );
}

#[test]
fn duplicate_keys_name_the_second_line() {
    let site = post_file("---\ntitle: A\ndate: 2024-01-01\nauthor: sam-lee\ntitle: B\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:5:1: the key `title` appears twice",
            "     5 | title: B",
            "  help: keep one of them and delete the other",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn duplicate_top_level_key_in_site_yaml_is_not_confused_with_a_nested_one() {
    // The basic fixture's callouts have `- title:` lines; the duplicate is the last line.
    let site = Site::fixture("basic");
    let text = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let n = text.lines().count() + 1;
    site.write("site.yaml", format!("{text}title: Again\n"));
    fails_with(
        &site,
        &[
            &format!("error: site.yaml:{n}:1: the key `title` appears twice"),
            &format!("  {n:>4} | title: Again"),
            "  help: keep one of them and delete the other",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_list_where_a_string_is_expected() {
    let site = post_file("---\ntitle: [a, b]\ndate: 2024-01-01\nauthor: sam-lee\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:2:8: invalid type: sequence, expected a string (in `title`)",
            "     2 | title: [a, b]",
            "  help: write a single value here; put quotes around it if it contains `:` or starts with a symbol",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_number_as_a_date() {
    let site = post_file("---\ntitle: A\ndate: 20240101\nauthor: sam-lee\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:3: `20240101` is not a date: write it as 2024-05-02, or with a time as 2024-05-02T09:30:00",
            "     3 | date: 20240101",
            "  help: use the form 2024-05-02",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_map_where_an_author_is_expected() {
    let site = post_file("---\ntitle: A\ndate: 2024-01-01\nauthor: {name: Sam}\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:4:9: this value has the wrong form (in `author`)",
            "     4 | author: {name: Sam}",
            "  help: write one value like `jane-doe`, or a list like `[jane-doe, sam-lee]`",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_word_where_true_or_false_is_expected() {
    let site =
        post_file("---\ntitle: A\ndate: 2024-01-01\nauthor: sam-lee\ndraft: yes please\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:5:8: invalid type: string \"yes please\", expected a boolean (in `draft`)",
            "     5 | draft: yes please",
            "  help: write `true` or `false`",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_tab_used_for_indentation() {
    let site = post_file("---\ntitle: A\ndate: 2024-01-01\n\tauthor: sam-lee\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:4:1: this is not valid YAML: found a tab character that violates indentation, while scanning a plain scalar",
            "     4 | \tauthor: sam-lee",
            "  help: use spaces, not tabs, to indent; quote values that start with a symbol",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_control_character_in_front_matter_is_located() {
    let site = post_file("---\ntitle: A\u{1b}[2J\ndate: 2024-01-01\nauthor: sam-lee\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:2:9: this is not valid YAML: control characters are not allowed",
            "     2 | title: A\\u{1b}[2J",
            "  help: remove the invisible control character from this line (it can come with text copied from another program)",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_huge_value_is_cut_short_in_the_message() {
    let huge = rep("z", 100_000);
    let site = post_file(format!(
        "---\ntitle: A\ndate: 2024-01-01\nauthor: sam-lee\ntags: {huge}\n---\n"
    ));
    let run = build_contained(&site, &[]);
    run.expect_code(1);
    assert!(
        run.stderr.len() < 3_000,
        "stderr is {} bytes",
        run.stderr.len()
    );
    assert_eq!(
        run.stderr_lines()[0],
        // 1,000 characters of the message: `invalid type: string "` and 978 of the value.
        format!(
            "error: content/posts/x.md:5:7: invalid type: string \"{} …",
            &huge[..978]
        )
    );
}

// ---- encodings and line ends: these just work ----

/// The built post page of `x.md`.
fn built_post(site: &Site) -> String {
    builds_with(site, &[]);
    site.read_out("posts/x/index.html")
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let site = post_file(
        "\u{feff}---\ntitle: With a BOM\ndate: 2024-01-01\nauthor: sam-lee\n---\nBody text.\n",
    );
    let html = built_post(&site);
    assert!(html.contains("<title>With a BOM"), "{html}");
    assert!(!html.contains('\u{feff}'));
}

#[test]
fn crlf_line_ends_are_accepted() {
    let site = post_file(
        "---\r\ntitle: Windows\r\ndate: 2024-01-01\r\nauthor: sam-lee\r\n---\r\nFirst line\r\nsecond line.\r\n\r\n- item\r\n",
    );
    let html = built_post(&site);
    assert!(html.contains("<p>First line\nsecond line.</p>"), "{html}");
    assert!(html.contains("<li>item</li>"), "{html}");
    assert!(!html.contains('\r'));
}

#[test]
fn old_mac_line_ends_are_accepted() {
    let site = post_file(
        "---\rtitle: Classic\rdate: 2024-01-01\rauthor: sam-lee\r---\rFirst line\rsecond line.\r",
    );
    let html = built_post(&site);
    assert!(html.contains("<p>First line\nsecond line.</p>"), "{html}");
}

#[test]
fn unicode_line_separators_count_as_line_ends() {
    // YAML counts U+2028 as a line end: errors must name the same line as the file shows.
    let site = post_file(
        "---\u{2028}title: A\u{2028}date: 2024-01-01\u{2028}author: sam-lee\u{2028}titel: B\u{2028}---\u{2028}",
    );
    let run = build_contained(&site, &[]);
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[0],
        "error: content/posts/x.md:5:1: unknown key `titel`"
    );
    assert_eq!(run.stderr_lines()[1], "     5 | titel: B");
}

#[test]
fn a_bom_and_crlf_in_site_yaml_are_accepted() {
    let site = Site::fixture("basic");
    let text = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("\u{feff}{}", text.replace('\n', "\r\n")),
    );
    builds_with(&site, &[]);
}

#[test]
fn front_matter_without_a_body_builds() {
    let site = post_file("---\ntitle: Only front matter\ndate: 2024-01-01\nauthor: sam-lee\n---");
    let html = built_post(&site);
    assert!(html.contains("Only front matter"));
}

#[test]
fn an_empty_file_has_no_front_matter() {
    let site = post_file("");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:1: the file has no front matter",
            "  help: start the file with a line `---`, then the keys (like `title: ...`), then another `---`",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn a_file_without_front_matter() {
    let site = post_file("# Just Markdown\n\nText.\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:1: the file has no front matter",
            "     1 | # Just Markdown",
            "  help: start the file with a line `---`, then the keys (like `title: ...`), then another `---`",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn front_matter_that_is_never_closed() {
    let site = post_file(
        "---\ntitle: A\ndate: 2024-01-01\nauthor: sam-lee\n\nThe body, but no closing line.\n",
    );
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:1: the front matter is never closed",
            "     1 | ---",
            "  help: add a line with just `---` after the last front-matter key, before the text",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn non_utf8_bytes_in_front_matter() {
    let site = post_file(b"---\ntitle: Caf\xe9\ndate: 2024-01-01\nauthor: sam-lee\n---\n");
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:2: the file is not UTF-8 text",
            "  help: save the file with UTF-8 encoding (most editors offer it under \"Save as\")",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn non_utf8_site_yaml_is_located() {
    let site = Site::fixture("basic");
    let mut bytes = std::fs::read(site.path("site.yaml")).unwrap();
    let n = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    bytes.extend_from_slice(b"description: Caf\xe9\n");
    site.write("site.yaml", bytes);
    fails_with(
        &site,
        &[
            &format!("error: site.yaml:{n}: the file is not UTF-8 text"),
            "  help: save the file with UTF-8 encoding (most editors offer it under \"Save as\")",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn non_utf8_referrals_are_located() {
    let site = site_with(&[(
        "data/referrals.yaml",
        b"- name: A\n  city: Caf\xe9\n  state: TX\n",
    )]);
    fails_with(
        &site,
        &[
            "error: data/referrals.yaml:2: the file is not UTF-8 text",
            "  help: save the file with UTF-8 encoding (most editors offer it under \"Save as\")",
            "1 error in 1 file",
        ],
    );
}

#[test]
fn binary_garbage_as_a_post() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let site = post_file(bytes);
    fails_with(
        &site,
        &[
            "error: content/posts/x.md:1: the file is not UTF-8 text",
            "  help: save the file with UTF-8 encoding (most editors offer it under \"Save as\")",
            "1 error in 1 file",
        ],
    );
}

// ---- size ----

#[test]
fn a_20_mb_post_is_refused_before_it_is_read() {
    let site = Site::fixture("basic");
    let mut text = post_text(
        "",
        &rep("All work and no play. ", 20 * 1024 * 1024 / 22 + 1),
    );
    text.truncate(20 * 1024 * 1024);
    site.write("content/posts/x.md", &text);
    quick("a 20 MB post", || {
        fails_with(
            &site,
            &[
                "error: content/posts/x.md: the file is 20 MB; gait reads content files of up to 8 MB",
                "  help: split it into several files, and keep pictures and downloads beside it instead of inside the text",
                "1 error in 1 file",
            ],
        )
    });
}

#[test]
fn a_sparse_20_mb_site_yaml_is_refused() {
    let site = Site::fixture("basic");
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(site.path("site.yaml"))
        .unwrap();
    f.set_len(20 * 1024 * 1024).unwrap();
    quick("a 20 MB site.yaml", || {
        fails_with(
            &site,
            &[
                "error: site.yaml: the file is 20 MB; gait reads content files of up to 8 MB",
                "  help: split it into several files, and keep pictures and downloads beside it instead of inside the text",
                "1 error in 1 file",
            ],
        )
    });
}

#[test]
fn a_100000_line_table_builds() {
    let mut table = String::from("| Week | Exercise |\n|---:|---|\n");
    for i in 0..100_000 {
        table.push_str(&format!("| {i} | Bridge <b>{i}</b> |\n"));
    }
    let site = post_file(post_text("", &table));
    let html = quick("a 100,000-line table", || built_post(&site));
    assert_eq!(html.matches("<tr>").count(), 100_001);
    assert!(html.contains("<td style=\"text-align: right\">99999</td>"));
}

// ---- Markdown nesting ----

/// The deepest nesting of these elements in `html`.
fn max_depth(html: &str, tags: &[&str]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if tags.contains(&name.as_str()) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

const FLAT: &str =
    "lists and quotes nest more than 100 levels deep here; the deeper levels are shown flat";

#[test]
fn deeply_nested_quotes_are_shown_flat_beyond_100_levels() {
    let site = post_file(post_text("", &format!("{} deep\n", rep(">", 100_000))));
    let run = quick("100,000 nested quotes", || build_contained(&site, &[]));
    run.expect_success()
        .expect_stderr(&[&format!("warning: content/posts/x.md:6: {FLAT}")]);
    let html = site.read_out("posts/x/index.html");
    assert_eq!(max_depth(&html, &["blockquote"]), 100);
    assert!(html.contains("deep"));
}

#[test]
fn deeply_nested_lists_are_shown_flat_beyond_100_levels() {
    let mut md = String::new();
    for i in 0..2_000 {
        md.push_str(&format!("{}- level {i}\n", rep("  ", i)));
    }
    md.push_str(&format!("\n{}x\n", rep("- ", 20_000)));
    let site = post_file(post_text("", &md));
    let run = quick("2,000 nested lists", || build_contained(&site, &[]));
    // Level 50: its list and its item are the 101st and 102nd containers.
    run.expect_success()
        .expect_stderr(&[&format!("warning: content/posts/x.md:56: {FLAT}")]);
    let html = site.read_out("posts/x/index.html");
    assert!(html.contains("level 1999"));
    // 100 containers: 50 lists, each with its item.
    assert_eq!(max_depth(&html, &["ul", "ol"]), 50);
    assert_eq!(max_depth(&html, &["li"]), 50);
}

#[test]
fn pathological_inline_markdown_builds() {
    let body = format!(
        "{}x{}\n\n{}x{}\n\n{}\n\n{}\n",
        rep("*", 50_000),
        rep("*", 50_000),
        rep("[", 50_000),
        rep("]", 50_000),
        rep("[a](", 20_000),
        rep("`", 50_000),
    );
    let site = post_file(post_text("", &body));
    quick("pathological inlines", || builds_with(&site, &[]));
}
