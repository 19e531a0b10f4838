//! `gait import wordpress` end to end: the real binary on hand-written WXR
//! fixtures (tests/fixtures/wxr/), in a fresh site made with `gait init`.
//!
//! Asserts the exact files written, that no commenter or author e-mail or IP
//! address reaches the site, that the imported site builds with redirects
//! from the old permalinks, that a second import changes nothing, and that a
//! broken export names its line and writes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wxr")
        .join(name)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn gait(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_gait"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gait");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[track_caller]
fn ok(r: Run) -> Run {
    assert_eq!(r.code, 0, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    r
}

/// A temp folder holding `site/` (from `gait init`) and the export `clinic.xml` beside it.
fn setup() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(fixture("clinic.xml"), tmp.path().join("clinic.xml")).unwrap();
    ok(gait(tmp.path(), &["init", "site"]));
    let site = tmp.path().join("site");
    (tmp, site)
}

fn import(site: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["import", "wordpress", "../clinic.xml"];
    args.extend_from_slice(extra);
    gait(site, &args)
}

fn read(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file under `dir`: contents and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let meta = fs::metadata(&p).unwrap();
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    (fs::read(&p).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    out
}

const PELVIC_POST: &str = r#"---
title: Pelvic floor basics for men
date: 2019-03-05T14:22:10-06:00
author: dana-reyes
categories:
- Men's Health & Wellness
- Pelvic Pain
tags:
- kegels
- Q&A
summary: What the pelvic floor does in men, & the signs that it needs help.
aliases:
- /2019/03/pelvic-floor-basics/
extra:
  wordpress_id: 101
---

Men have a pelvic floor too. When it is **too tight** or too weak, it can cause pain, leaks or trouble with sex.

Common signs:

- Pain after sitting
- Dribbling after you pee

<figure>

![A therapist showing a pelvis model](https://riverside-pt.example/wp-content/uploads/2019/03/knee-brace-300x200.jpg)

<figcaption>

Our pelvis model & a patient

</figcaption>
</figure>

Read [hip pain when running](/posts/hip-pain-running/) next, or [contact us](https://riverside-pt.example/contact/).

[contact-form-7 id="12" title="Book a visit"]
"#;

const GUTENBERG_POST: &str = r#"---
title: Hip pain when running
date: 2020-06-15T09:00:00-05:00
updated: 2020-07-01T10:00:00-05:00
author: mtran
tags:
- running
aliases:
- /2020/06/hip-pain-running/
extra:
  wordpress_id: 102
---

Hip pain is one of the most common reasons runners see us.

## Three things to try

1. Shorten your stride a little.
2. Add side-lying leg raises.
3. Rest *one* day between runs.

<figure>

![A runner stretching her hip](https://riverside-pt.example/wp-content/uploads/2020/06/hip-stretch.jpg)

<figcaption>

A standing hip flexor stretch

</figcaption>
</figure>

> Pain is information, not damage.
"#;

const DRAFT_POST: &str = r#"---
title: Notes on diastasis recti
date: 2021-02-10T16:45:00
author: dana-reyes
draft: true
extra:
  wordpress_id: 103
---

Outline:

1\. What the gap is\
2. When to worry
"#;

const NON_ASCII_POST: &str = r#"---
title: Suelo pélvico después del parto – Sàn chậu sau sinh
date: 2021-01-20T11:30:00-06:00
author: lan-nguyen
categories:
- Embarazo y posparto
tags:
- sàn chậu
aliases:
- /2021/01/suelo-pelvico-despues-del-parto/
extra:
  wordpress_id: 105
---

## Español

Después del parto, el suelo pélvico necesita tiempo. ¿Pérdidas de orina? No es "normal" para siempre.

## Tiếng Việt

Sau khi sinh, cơ sàn chậu cần thời gian để hồi phục. Hãy gọi cho chúng tôi nếu bạn bị rò rỉ nước tiểu.
"#;

const PAGE: &str = r#"---
title: About our clinic
extra:
  wordpress_id: 104
---

We are a team of pelvic health physical therapists.

### Where we are

Two locations, plus virtual visits.
"#;

const COMMENTS: &str = r#"# Comments on /posts/pelvic-floor-basics/, imported from WordPress.
- id: 201
  parent: null
  author: Marcus
  date: 2019-03-06T09:15:00-06:00
  body: |-
    Is this something you treat in Springfield?\
    I sit all day for work.
- id: 202
  parent: 201
  author: Dana Reyes
  date: 2019-03-06T11:40:00-06:00
  body: Yes! We see men at both locations. [Here is how a first visit works](/about-our-clinic/).
- id: 203
  parent: 202
  author: Marcus
  date: 2019-03-07T08:05:00-06:00
  body: |-
    Thanks, booked for next week.

    "Sitting less" is already helping.
"#;

const AUTHOR_WITHOUT_DISPLAY_NAME: &str = "---\nname: mtran\nfinder: false\n---\n\nImported from WordPress. Add mtran's credentials, clinic and a short bio for patients here, then remove `finder: false` to list them in the therapist finder.\n";

const SUMMARY: &str = r#"Imported ../clinic.xml into .:
  posts:    4 (1 draft)
  pages:    1
  authors:  3
  comments: 3 on 1 post
Wrote 9 files.
Skipped:
  post 107 "Staff schedule (private)" (line 306): it is private (only logged-in users could see it)
  comments: 1 awaiting moderation, 1 pingback, 1 spam
  other items: 1 nav_menu_item
  1 author without imported posts
Shortcodes kept as text (replace them by hand):
  [contact-form-7] in 1 file:
    content/posts/pelvic-floor-basics.md
Attachments not copied (3); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:
  https://riverside-pt.example/wp-content/uploads/2019/03/
    knee-brace-300x200.jpg
    knee-brace.jpg
  https://riverside-pt.example/wp-content/uploads/2020/06/
    hip-stretch.jpg
Links to addresses of the old site that were not imported (check them):
  content/posts/pelvic-floor-basics.md: https://riverside-pt.example/contact/
Next: run `gait check`, then read the imported posts (see "Moving from WordPress" in gait's docs).
"#;

#[test]
fn imports_posts_pages_authors_and_comments_exactly() {
    let (_tmp, site) = setup();
    let run = ok(import(&site, &[]));
    assert_eq!(run.stdout, SUMMARY);
    let exact = [
        ("content/posts/pelvic-floor-basics.md", PELVIC_POST),
        ("content/posts/hip-pain-running.md", GUTENBERG_POST),
        ("content/posts/notes-on-diastasis-recti.md", DRAFT_POST),
        (
            "content/posts/suelo-pelvico-despues-del-parto.md",
            NON_ASCII_POST,
        ),
        ("content/pages/about-our-clinic.md", PAGE),
        ("content/comments/pelvic-floor-basics.yaml", COMMENTS),
        ("content/authors/mtran.md", AUTHOR_WITHOUT_DISPLAY_NAME),
    ];
    for (rel, want) in exact {
        assert_eq!(read(&site, rel), want, "{rel}");
    }
    assert!(site.join("content/authors/dana-reyes.md").is_file());
    assert!(site.join("content/authors/lan-nguyen.md").is_file());
    // No private post, no author file for someone without posts.
    assert!(!site.join("content/posts/staff-schedule.md").exists());
    assert!(!site.join("content/authors/site-admin.md").exists());

    // Every file written parses with gait's own readers.
    for rel in [
        "content/posts/pelvic-floor-basics.md",
        "content/posts/hip-pain-running.md",
        "content/posts/notes-on-diastasis-recti.md",
        "content/posts/suelo-pelvico-despues-del-parto.md",
    ] {
        gait::content::post::parse(Path::new(rel), &read(&site, rel), None).unwrap();
    }
    gait::content::page::parse(Path::new("content/pages/about-our-clinic.md"), PAGE).unwrap();
    for a in ["dana-reyes", "mtran", "lan-nguyen"] {
        let rel = format!("content/authors/{a}.md");
        gait::content::author::parse(Path::new(&rel), &read(&site, &rel)).unwrap();
    }
    let doc = gait::content::comments::parse(
        Path::new("content/comments/pelvic-floor-basics.yaml"),
        COMMENTS,
    )
    .unwrap();
    let thread: Vec<(&str, Option<&str>)> = doc
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref()))
        .collect();
    assert_eq!(
        thread,
        [("201", None), ("202", Some("201")), ("203", Some("202"))]
    );
}

/// Every e-mail address and IP address in the fixture, read from the export itself.
fn private_strings() -> Vec<String> {
    let xml = fs::read_to_string(fixture("clinic.xml")).unwrap();
    let mut out = Vec::new();
    for tag in [
        "wp:author_email",
        "wp:comment_author_email",
        "wp:comment_author_IP",
    ] {
        let open = format!("<{tag}><![CDATA[");
        for part in xml.split(&open).skip(1) {
            let value = part.split("]]>").next().unwrap();
            if !value.is_empty() {
                out.push(value.to_string());
            }
        }
    }
    assert!(out.len() >= 10, "{out:?}");
    out
}

#[test]
fn no_email_or_ip_address_reaches_the_site() {
    let (_tmp, site) = setup();
    ok(import(&site, &[]));
    ok(gait(&site, &["build"]));
    let secrets = private_strings();
    for (path, (bytes, _)) in snapshot(&site) {
        let text = String::from_utf8_lossy(&bytes);
        for s in &secrets {
            assert!(
                !text.contains(s.as_str()),
                "{} contains {s}",
                path.display()
            );
        }
    }
}

#[test]
fn imported_site_builds_and_old_permalinks_redirect() {
    let (_tmp, site) = setup();
    ok(import(&site, &[]));
    ok(gait(&site, &["build"]));
    let redirect = read(&site, "public/2019/03/pelvic-floor-basics/index.html");
    assert!(
        redirect.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=/posts/pelvic-floor-basics/\">"
        ),
        "{redirect}"
    );
    assert!(
        site.join("public/posts/pelvic-floor-basics/index.html")
            .is_file()
    );
    assert!(
        site.join("public/2021/01/suelo-pelvico-despues-del-parto/index.html")
            .is_file()
    );
    assert!(site.join("public/about-our-clinic/index.html").is_file());
    let post = read(&site, "public/posts/pelvic-floor-basics/index.html");
    assert!(
        post.contains("<figcaption>\n<p>Our pelvis model &amp; a patient</p>\n</figcaption>"),
        "{post}"
    );
    // The draft is not published.
    assert!(!site.join("public/posts/notes-on-diastasis-recti").exists());
}

#[test]
fn a_second_import_changes_nothing_and_force_writes_the_same_files() {
    let (_tmp, site) = setup();
    ok(import(&site, &[]));
    let first = snapshot(&site);
    let run = ok(import(&site, &[]));
    assert_eq!(snapshot(&site), first, "a second import changed files");
    assert!(run.stdout.contains("Wrote 0 files.\nKept 9 existing files unchanged (pass --force to overwrite; author files are never overwritten):\n  content/posts/pelvic-floor-basics.md\n"), "{}", run.stdout);

    // --force rewrites posts with the same bytes, and never touches an author file.
    fs::write(
        site.join("content/authors/dana-reyes.md"),
        "---\nname: Dana Reyes\ncredentials: DPT\n---\nMy bio.\n",
    )
    .unwrap();
    fs::write(site.join("content/posts/hip-pain-running.md"), "edited").unwrap();
    let run = ok(import(&site, &["--force"]));
    assert!(
        run.stdout.contains("Wrote 6 files.\nKept 3 existing files"),
        "{}",
        run.stdout
    );
    assert_eq!(
        read(&site, "content/posts/hip-pain-running.md"),
        GUTENBERG_POST
    );
    assert_eq!(
        read(&site, "content/authors/dana-reyes.md"),
        "---\nname: Dana Reyes\ncredentials: DPT\n---\nMy bio.\n"
    );
    for (path, (bytes, _)) in &first {
        if !path.starts_with("content/authors") {
            assert_eq!(
                &fs::read(site.join(path)).unwrap(),
                bytes,
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn a_truncated_export_names_its_line_and_writes_nothing() {
    let (tmp, site) = setup();
    let xml = fs::read_to_string(fixture("clinic.xml")).unwrap();
    let truncated: Vec<&str> = xml.lines().take(140).collect();
    fs::write(tmp.path().join("truncated.xml"), truncated.join("\n")).unwrap();
    let before = snapshot(tmp.path());
    let run = gait(&site, &["import", "wordpress", "../truncated.xml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "error: ../truncated.xml:140: the export ends in the middle of a <wp:comment> opened at line 135: the file is truncated"
    );
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn custom_entities_and_broken_xml_are_refused() {
    let (tmp, site) = setup();
    let cases = [
        (
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">\n]>\n<rss><channel><item><title>&lol2;</title></item></channel></rss>\n",
            "error: ../bad.xml:2: the export declares its own entities in a DOCTYPE",
        ),
        (
            "<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>&xxe;</title></item></channel></rss>\n",
            "error: ../bad.xml:3: the entity `&xxe;` is not defined",
        ),
        (
            "<?xml version=\"1.0\"?>\n<rss><channel>\n<item>\n<title>x</item></channel></rss>\n",
            "error: ../bad.xml:4: the export is not valid XML",
        ),
    ];
    for (xml, want) in cases {
        fs::write(tmp.path().join("bad.xml"), xml).unwrap();
        let before = snapshot(&site);
        let run = gait(&site, &["import", "wordpress", "../bad.xml"]);
        assert_eq!(run.code, 1, "{xml}\n{}", run.stderr);
        let first = run.stderr.lines().next().unwrap_or("");
        assert!(first.starts_with(want), "{xml}\ngot: {first}\nwant: {want}");
        assert_eq!(snapshot(&site), before);
    }
}

#[test]
fn uploads_are_copied_beside_their_post() {
    let (tmp, site) = setup();
    let uploads = tmp.path().join("uploads");
    fs::create_dir_all(uploads.join("2019/03")).unwrap();
    // Only the full-size original: the post uses the 300x200 copy's address.
    let photo = crate::pictures_support::jpeg(&crate::pictures_support::photo(640, 400, 1));
    fs::write(uploads.join("2019/03/knee-brace.jpg"), &photo).unwrap();
    let run = ok(import(&site, &["--uploads", "../uploads"]));
    assert!(
        run.stdout.contains("Wrote 9 files and copied 1 upload.\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Attachments not copied (1); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:\n  https://riverside-pt.example/wp-content/uploads/2020/06/\n    hip-stretch.jpg\n"),
        "{}",
        run.stdout
    );
    assert!(!site.join("content/posts/pelvic-floor-basics.md").exists());
    let post = read(&site, "content/posts/pelvic-floor-basics/index.md");
    assert!(
        post.contains("\n![A therapist showing a pelvis model](knee-brace.jpg)\n"),
        "{post}"
    );
    assert_eq!(
        fs::read(site.join("content/posts/pelvic-floor-basics/knee-brace.jpg")).unwrap(),
        photo
    );
    ok(gait(&site, &["build"]));
    assert!(
        site.join("public/posts/pelvic-floor-basics/knee-brace.jpg")
            .is_file()
    );
}

#[test]
fn refuses_a_folder_that_is_not_a_site() {
    let tmp = tempfile::tempdir().unwrap();
    let run = gait(
        tmp.path(),
        &[
            "import",
            "wordpress",
            fixture("clinic.xml").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("is not a gait site (it has no site.yaml)"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
}
