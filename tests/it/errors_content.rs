//! Broken content files: each fails the build with exit 1 and the exact
//! message (file:line, the offending line, what to do), and leaves the
//! previous public/ exactly as it was.

use crate::common;

use common::*;

const FOOTER: &str = "Nothing was written: the output folder is unchanged.";

const POST_KEYS: &str = "`title`, `date`, `author`, `clinic`, `categories`, `tags`, `summary`, `image`, `image_alt`, `updated`, `reviewed_by`, `last_reviewed`, `draft`, `slug`, `aliases`, `extra`";

/// Build the good fixture, snapshot public/, apply `breakage` (files to
/// write), build again and check: exit 1, public/ byte-for-byte unchanged,
/// no staging folder left behind. Returns the failed run.
fn break_and_build(breakage: &[(&str, &[u8])]) -> Run {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    assert!(before.contains_key("index.html"));
    for (rel, contents) in breakage {
        site.write(rel, contents);
    }
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stdout.is_empty(),
        "nothing on stdout for a failed build, got: {}",
        run.stdout
    );
    assert_same_files(&before, &snapshot(&site.public()));
    assert_eq!(
        staging_leftovers(&site.root, "public"),
        Vec::<String>::new(),
        "staging folder left behind"
    );
    run
}

fn one_post(text: &str) -> Run {
    break_and_build(&[("content/posts/bad.md", text.as_bytes())])
}

#[test]
fn unknown_front_matter_key_suggests_the_closest() {
    let run = one_post(
        "---\ntitel: Pelvic floor myths\ndate: 2024-06-01\nauthor: sam-lee\n---\n\nText.\n",
    );
    let help = format!(
        "  help: did you mean `title`? Known keys: {POST_KEYS}. Put anything custom under `extra:`"
    );
    run.expect_stderr(&[
        "error: content/posts/bad.md:2:1: unknown key `titel`",
        "     2 | titel: Pelvic floor myths",
        &help,
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn unknown_author_lists_known_slugs_and_suggests() {
    let run = one_post("---\ntitle: Myths\ndate: 2024-06-01\nauthor: sam-le\n---\n\nText.\n");
    run.expect_stderr(&[
        "error: content/posts/bad.md:4: unknown author `sam-le`",
        "     4 | author: sam-le",
        "  help: did you mean `sam-lee`? Known authors: `dana-reyes`, `sam-lee`; each is a file in content/authors/",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn unknown_clinic_in_a_post() {
    let run = one_post(
        "---\ntitle: Myths\ndate: 2024-06-01\nauthor: sam-lee\nclinic: hilcrest\n---\n\nText.\n",
    );
    run.expect_stderr(&[
        "error: content/posts/bad.md:5: unknown clinic `hilcrest`",
        "     5 | clinic: hilcrest",
        "  help: did you mean `hillcrest`? Known clinics: `hillcrest`, `riverside`; each is a file in content/clinics/",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn unknown_clinic_in_an_author_without_a_close_match() {
    let run = break_and_build(&[(
        "content/authors/jo-park.md",
        b"---\nname: Jo Park\nclinic: downtown\n---\n\nBio.\n",
    )]);
    run.expect_stderr(&[
        "error: content/authors/jo-park.md:3: unknown clinic `downtown`",
        "     3 | clinic: downtown",
        "  help: known clinics: `hillcrest`, `riverside`; each is a file in content/clinics/",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn broken_yaml_shows_line_column_and_the_line() {
    let run = one_post("---\ntitle: a: b\ndate: 2024-06-01\nauthor: sam-lee\n---\n\nText.\n");
    run.expect_stderr(&[
        "error: content/posts/bad.md:2:9: this is not valid YAML: mapping values are not allowed in this context",
        "     2 | title: a: b",
        "  help: put quotes around a value that contains `: `, and check the indentation",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn missing_closing_fence() {
    let run = one_post(
        "---\ntitle: Myths\ndate: 2024-06-01\nauthor: sam-lee\n\nText without a closing fence.\n",
    );
    run.expect_stderr(&[
        "error: content/posts/bad.md:1: the front matter is never closed",
        "     1 | ---",
        "  help: add a line with just `---` after the last front-matter key, before the text",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn bad_date() {
    let run = one_post("---\ntitle: Myths\ndate: 2024-13-45\nauthor: sam-lee\n---\n\nText.\n");
    run.expect_stderr(&[
        "error: content/posts/bad.md:3: `2024-13-45` is not a date: write it as 2024-05-02, or with a time as 2024-05-02T09:30:00",
        "     3 | date: 2024-13-45",
        "  help: use the form 2024-05-02",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn image_without_alt_text() {
    let run = one_post(
        "---\ntitle: Myths\ndate: 2024-06-01\nauthor: sam-lee\nimage: /images/myths.svg\n---\n\nText.\n",
    );
    run.expect_stderr(&[
        "error: content/posts/bad.md:5: `image` is set but `image_alt` is missing",
        "     5 | image: /images/myths.svg",
        "  help: add `image_alt:` describing the picture for people who cannot see it",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn links_to_missing_posts_name_their_lines() {
    let run = one_post(
        "---\ntitle: Myths\ndate: 2024-06-01\nauthor: sam-lee\n---\n\nSee [x](/posts/nope/) first.\n\nThen keep [a diary](/posts/bladder-dairy/).\n",
    );
    run.expect_stderr(&[
        "error: content/posts/bad.md:7: the link `/posts/nope/` points to nothing on this site",
        "     7 | See [x](/posts/nope/) first.",
        "  help: check the address; a post is at /posts/<file name>/",
        "error: content/posts/bad.md:9: the link `/posts/bladder-dairy/` points to nothing on this site",
        "     9 | Then keep [a diary](/posts/bladder-dairy/).",
        "  help: did you mean /posts/bladder-diary/?",
        "2 errors in 1 file",
        FOOTER,
    ]);
}

#[test]
fn two_posts_with_one_slug() {
    // The folder form and the single-file form of the same slug.
    let run = break_and_build(&[(
        "content/posts/gentle-core-work/index.md",
        b"---\ntitle: Core work, again\ndate: 2024-05-01\nauthor: sam-lee\n---\n\nText.\n",
    )]);
    run.expect_stderr(&[
        "error: content/posts/gentle-core-work.md: the slug `gentle-core-work` is also used by content/posts/gentle-core-work/index.md",
        "  help: two posts cannot share an address: rename one file or set a different `slug:`",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn a_file_that_is_not_utf8() {
    let run = break_and_build(&[(
        "content/posts/bad.md",
        b"---\ntitle: Myths\ndate: 2024-06-01\nauthor: sam-lee\n---\nCaf\xe9 au lait, saved as Latin-1.\n",
    )]);
    run.expect_stderr(&[
        "error: content/posts/bad.md:6: the file is not UTF-8 text",
        "  help: save the file with UTF-8 encoding (most editors offer it under \"Save as\")",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let run = break_and_build(&[
        (
            "content/posts/bad-key.md",
            b"---\ntitle: One\ndate: 2024-06-01\nauthor: sam-lee\ntgas: [x]\n---\n",
        ),
        (
            "content/posts/bad-yaml.md",
            b"---\ntitle: a: b\ndate: 2024-06-01\nauthor: sam-lee\n---\n",
        ),
        (
            "content/clinics/lakeside.md",
            b"---\nname: Lakeside Clinic\ncity: Bend\nstate: OR\nzip: \"977\"\n---\n",
        ),
    ]);
    let stderr = run.stderr_lines();
    let blocks: [&[&str]; 3] = [
        &[
            "error: content/posts/bad-key.md:5:1: unknown key `tgas`",
            "     5 | tgas: [x]",
            &format!(
                "  help: did you mean `tags`? Known keys: {POST_KEYS}. Put anything custom under `extra:`"
            ),
        ],
        &[
            "error: content/posts/bad-yaml.md:2:9: this is not valid YAML: mapping values are not allowed in this context",
            "     2 | title: a: b",
            "  help: put quotes around a value that contains `: `, and check the indentation",
        ],
        &[
            "error: content/clinics/lakeside.md:5: `977` is not a ZIP code",
            "     5 | zip: \"977\"",
            "  help: write five digits in quotes, like \"78701\" (or ZIP+4, \"78701-1234\")",
        ],
    ];
    for block in blocks {
        let found = stderr.windows(block.len()).any(|w| w == block);
        assert!(
            found,
            "stderr lacks the block:\n{}\n--- stderr ---\n{}",
            block.join("\n"),
            run.stderr
        );
    }
    let total: usize = blocks.iter().map(|b| b.len()).sum();
    assert_eq!(
        stderr.len(),
        total + 2,
        "only these errors, then the count:\n{}",
        run.stderr
    );
    assert_eq!(stderr[stderr.len() - 2..], ["3 errors in 3 files", FOOTER]);
}

#[test]
fn a_reference_to_a_broken_file_is_not_reported_twice() {
    // The author file is broken; the post naming that author is fine, and
    // saying "unknown author" too would send the therapist the wrong way.
    let run = break_and_build(&[
        (
            "content/authors/jo-park.md",
            b"---\nnme: Jo Park\n---\n\nBio.\n",
        ),
        (
            "content/posts/by-jo.md",
            b"---\ntitle: Hello\ndate: 2024-06-01\nauthor: jo-park\n---\n\nText.\n",
        ),
    ]);
    let lines = run.stderr_lines();
    assert_eq!(
        lines[0],
        "error: content/authors/jo-park.md:2:1: unknown key `nme`"
    );
    assert_eq!(lines[1], "     2 | nme: Jo Park");
    assert!(
        lines[2].starts_with("  help: did you mean `name`? Known keys: `name`, "),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3..], ["1 error in 1 file", FOOTER]);
}

#[test]
fn a_missing_required_key_names_the_file_without_blaming_another_line() {
    // serde reports a missing key at the start of the mapping; showing
    // `title: Myths` as "the offending line" would send the reader to a line
    // that is fine. The message names the file and the key.
    let run = one_post("---\ntitle: Myths\ndate: 2024-06-01\n---\n\nText.\n");
    run.expect_stderr(&[
        "error: content/posts/bad.md: the required key `author` is missing",
        "  help: add a line `author: ...`",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn an_alias_that_takes_a_pages_address_is_one_error() {
    // Only the clash: no knock-on "points to nothing" errors for links that
    // are fine (/posts/bladder-diary/ in a post, /clinics/ in site.yaml).
    let run = one_post(
        "---\ntitle: Myths\ndate: 2024-06-01\nauthor: sam-lee\naliases: [/about/]\n---\n\nText.\n",
    );
    let lines = run.stderr_lines();
    let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "one error expected:\n{}", run.stderr);
    let e = errors[0];
    assert!(
        e.contains("/about/")
            && e.contains("content/posts/bad.md")
            && e.contains("content/pages/about.md"),
        "the error names the address and both files: {e}"
    );
    assert_eq!(
        lines[lines.len() - 2..],
        ["1 error in 1 file", FOOTER],
        "{}",
        run.stderr
    );
}

#[test]
fn comments_for_a_missing_post() {
    let run = break_and_build(&[(
        "content/comments/hip-pain-at-nite.yaml",
        b"- id: 1\n  author: Kim\n  date: 2024-01-01\n  body: Hello\n",
    )]);
    run.expect_stderr(&[
        "error: content/comments/hip-pain-at-nite.yaml: there is no post `hip-pain-at-nite` for these comments",
        "  help: did you mean `hip-pain-at-night`? Known posts: `bladder-diary`, `gentle-core-work`, `hip-pain-at-night`, `running-after-birth`",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn a_script_link_as_a_booking_page_is_refused() {
    let run = break_and_build(&[(
        "content/authors/jo-park.md",
        b"---\nname: Jo Park\nclinic: hillcrest\nbooking_url: javascript:alert(document.cookie)\n---\n\nBio.\n",
    )]);
    run.expect_stderr(&[
        "error: content/authors/jo-park.md:4: `javascript:alert(document.cookie)` is not a link readers can safely follow",
        "     4 | booking_url: javascript:alert(document.cookie)",
        "  help: write a web address like https://example.com/book (or mailto:, tel:, or a path like /contact/)",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn a_script_link_in_the_menu_is_refused() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!(
            "{config}nav:\n  - title: Book\n    url: \"data:text/html,<script>alert(1)</script>\"\n"
        ),
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "`data:text/html,<script>alert(1)</script>` is not a link readers can safely follow"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_script_link_as_a_clinic_booking_page_is_refused() {
    let run = break_and_build(&[(
        "content/clinics/eastside.md",
        b"---\nname: Eastside Clinic\ncity: Portland\nstate: OR\nbooking_url: \"vbscript:msgbox(1)\"\n---\n\nText.\n",
    )]);
    run.expect_stderr(&[
        "error: content/clinics/eastside.md:5: `vbscript:msgbox(1)` is not a link readers can safely follow",
        "     5 | booking_url: \"vbscript:msgbox(1)\"",
        "  help: write a web address like https://example.com/book (or mailto:, tel:, or a path like /contact/)",
        "1 error in 1 file",
        FOOTER,
    ]);
}

#[test]
fn a_script_link_in_a_referral_is_refused() {
    let run = break_and_build(&[(
        "data/referrals.yaml",
        b"- name: Ana Ruiz\n  city: Austin\n  state: TX\n  url: https://ruiz.example\n\n- name: Ben Ode\n  city: Dallas\n  state: TX\n  booking_url: \"javascript:void(0)\"\n",
    )]);
    let errors: Vec<&str> = run
        .stderr_lines()
        .into_iter()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: data/referrals.yaml:6"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].ends_with(
            "`booking_url`: `javascript:void(0)` is not a link readers can safely follow"
        ),
        "{}",
        errors[0]
    );
}

/// A post or page saved with another Markdown ending (`.MD` from a phone,
/// `.markdown`, `.md.txt` from a text editor) is not read, and the build
/// says so with the name to give it, where it used to leave the post out
/// without a word.
#[test]
fn markdown_files_named_another_way_are_named_with_the_fix() {
    let site = Site::fixture("basic");
    let post = "---\ntitle: Knee pain\ndate: 2024-05-02\nauthor: sam-lee\n---\n\nBody.\n";
    site.write("content/posts/Knee-Pain.MD", post);
    site.write("content/posts/ankle/index.markdown", post);
    site.write("content/posts/shoulder.md.txt", post);
    site.write(
        "content/pages/Contact.Md",
        "---\ntitle: Contact\n---\n\nCall us.\n",
    );
    let run = site.build_ok(&[]);
    for expected in [
        "warning: content/posts/Knee-Pain.MD: this file is not read as a post: gait reads posts only from files whose names end in `.md`\n  help: rename it to `Knee-Pain.md`",
        "warning: content/posts/ankle/index.markdown: this file is not read as a post: gait reads posts only from files whose names end in `.md`\n  help: rename it to `index.md`",
        "warning: content/posts/shoulder.md.txt: this file is not read as a post: gait reads posts only from files whose names end in `.md`\n  help: rename it to `shoulder.md`",
        "warning: content/pages/Contact.Md: ignored: only .md files are read in this folder\n  help: rename it to `Contact.md`",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\n\n{}",
            run.stderr
        );
    }
    // A picture or a PDF beside the posts is not taken for one.
    site.write("content/posts/ankle/brochure.pdf", "%PDF-1.4\n");
    assert!(!site.build_ok(&[]).stderr.contains("brochure.pdf"));
}

/// Slips a person makes typing front matter, or pasting it from a word
/// processor, are reported at the line that has them with what to type,
/// where YAML's own error named the next line or the closing `---`.
#[test]
fn front_matter_slips_are_named_at_their_line() {
    let post = |title: &str, extra: &str| {
        format!("---\ntitle: {title}\ndate: 2024-05-02\n{extra}author: sam-lee\n---\n\nBody.\n")
    };
    let run = break_and_build(&[
        (
            "content/posts/curly.md",
            post("“Back pain: what now?”", "").as_bytes(),
        ),
        (
            "content/posts/nbsp.md",
            post("Knee pain", "")
                .replace("title: ", "title:\u{a0}")
                .as_bytes(),
        ),
        (
            "content/posts/glued.md",
            post("Glued", "clinic:hillcrest\n").as_bytes(),
        ),
        ("content/posts/quote.md", post("\"Back pain", "").as_bytes()),
    ]);
    for expected in [
        "error: content/posts/curly.md:2:18: this is not valid YAML: mapping values are not allowed in this context\n     2 | title: “Back pain: what now?”\n  help: the value starts with a curly quote `“`, which YAML does not take for a quote: use straight quotes, `\"` at both ends (`title: \"Back pain: what now?\"`)",
        "error: content/posts/nbsp.md:2: this line has a non-breaking space where YAML needs a plain space\n     2 | title:\u{a0}Knee pain\n  help: it usually comes from text pasted from a word processor",
        "error: content/posts/glued.md:4: this is not valid YAML: could not find expected ':', while scanning a simple key\n     4 | clinic:hillcrest\n  help: write a space after the colon: `clinic: hillcrest`",
        "error: content/posts/quote.md:2: this is not valid YAML: found unexpected end of stream, while scanning a quoted scalar\n     2 | title: \"Back pain\n  help: the quote opened on this line is never closed",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\n\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("4 errors in 4 files"), "{}", run.stderr);
}
