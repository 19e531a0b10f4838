//! `gait import wordpress` on exports as they are found in the wild
//! (tests/fixtures/wxr/): every common Gutenberg block, WordPress's media
//! shortcodes, WXR 1.0, 1.1 and 1.2, renamed namespace prefixes and missing
//! optional tags, Unicode titles, terms and slugs, serialized PHP in meta,
//! CDATA split around `]]>`, untitled, empty and password-protected posts.
//! Each imports into a site made by `gait init` that then builds; broken
//! files are refused with their line, and nothing is written.

use std::fs;

use crate::common::*;
use crate::hostile_import::{import, import_fails, site_and_export};
use crate::hostile_support::any_file_contains;

fn fixture(name: &str) -> String {
    fs::read_to_string(repo_root().join("tests/fixtures/wxr").join(name)).unwrap()
}

/// Import the fixture into a new site; the report it printed.
fn imported(name: &str) -> (Site, String) {
    let site = site_and_export(fixture(name));
    let run = import(&site);
    run.expect_success();
    (site, run.stdout.clone())
}

fn read(site: &Site, rel: &str) -> String {
    fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every export, and the warnings the site it imports into builds with.
const EXPORTS: &[(&str, &[&str])] = &[
    (
        "clinic.xml",
        &[
            "warning: content/pages/about-our-clinic.md:9: this heading jumps from level 1 to level 3",
            // Pictures left on the old WordPress host (imported without --uploads).
            "warning: content/posts/hip-pain-running.md:24: this page loads a picture from `riverside-pt.example`, another site",
            "warning: content/posts/pelvic-floor-basics.md:27: this page loads a picture from `riverside-pt.example`, another site",
        ],
    ),
    (
        "gutenberg.xml",
        &[
            "warning: content/posts/glute-bridges-three-ways.md:28: this page loads a picture from `cedarhollow-physio.example`, another site",
            "warning: content/posts/glute-bridges-three-ways.md:37: this page loads a picture from `cedarhollow-physio.example`, another site",
            "warning: content/posts/glute-bridges-three-ways.md:41: this page loads a picture from `cedarhollow-physio.example`, another site",
            "warning: content/posts/glute-bridges-three-ways.md:45: this page loads a picture from `cedarhollow-physio.example`, another site",
            "warning: content/posts/glute-bridges-three-ways.md:61: this page loads a picture from `cedarhollow-physio.example`, another site",
            "warning: content/posts/glute-bridges-three-ways.md:65: this page loads a picture from `cedarhollow-physio.example`, another site",
            "warning: content/posts/glute-bridges-three-ways.md:115: this page loads a video or sound from `cedarhollow-physio.example`, another site",
        ],
    ),
    (
        "shortcodes.xml",
        &[
            "warning: content/posts/our-new-treatment-rooms.md:17: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:26: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:28: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:34: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:43: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:45: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:47: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:51: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:62: this page loads a video or sound from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:64: this page loads a video or sound from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:66: this page loads a picture from `lakeside-pelvic.example`, another site",
            "warning: content/posts/our-new-treatment-rooms.md:66: this page loads a video or sound from `lakeside-pelvic.example`, another site",
        ],
    ),
    ("wxr-1.0.xml", &[]),
    (
        "wxr-1.1.xml",
        &[
            "warning: content/posts/shin-splints-rest-or-run.md:18: this heading jumps from level 1 to level 3",
        ],
    ),
    ("prefixes.xml", &[]),
    ("unicode.xml", &[]),
    ("meta-and-cdata.xml", &[]),
    ("edge-cases.xml", &[]),
];

#[test]
fn every_export_imports_into_a_new_site_that_builds() {
    for (name, warnings) in EXPORTS {
        let (site, _) = imported(name);
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "{name}:\n{}", run.stderr);
        let found: Vec<&str> = run
            .stderr_lines()
            .into_iter()
            .filter(|l| l.starts_with("warning") || l.starts_with("error"))
            .collect();
        assert_eq!(found, *warnings, "{name}");
        // Importing again changes nothing.
        let before = snapshot(&site.root);
        import(&site).expect_success();
        assert_same_files(&before, &snapshot(&site.root));
    }
}

const GUTENBERG_POST: &str = r###"---
title: Glute bridges, three ways
date: 2023-05-15T07:00:00-07:00
author: priya-whitlock
categories:
- Exercise of the Week
aliases:
- /2023/05/glute-bridges-three-ways/
extra:
  wordpress_id: 300
---

The glute bridge is the exercise we give most often. Here are **three versions**, from easiest to hardest, and [why the glutes matter](https://cedarhollow-physio.example/2023/04/why-glutes-matter/).

## Before you start

- A mat or a carpeted floor
- Ten minutes, *no* equipment

### The steps {#steps}

1. Lie on your back with your knees bent.
2. Press through your heels and lift your hips.
3. Hold for 3 breaths, then lower slowly.

<figure>

![A patient lifting her hips in a glute bridge](https://cedarhollow-physio.example/wp-content/uploads/2023/05/bridge-1024x683.jpg)

<figcaption>

The basic bridge

</figcaption>
</figure>

[![Marching bridge: one foot lifted](https://cedarhollow-physio.example/wp-content/uploads/2023/05/bridge-march-300x200.jpg)](https://cedarhollow-physio.example/wp-content/uploads/2023/05/bridge-march.jpg)

<figure>

![Bridge with a band around the knees](https://cedarhollow-physio.example/wp-content/uploads/2023/05/bridge-band.jpg)

<figure>

![Single-leg bridge](https://cedarhollow-physio.example/wp-content/uploads/2023/05/bridge-single-leg.jpg)

<figcaption>

Single leg

</figcaption>
</figure>

<figcaption>

Two harder versions

</figcaption>
</figure>

- ![An exercise mat](https://cedarhollow-physio.example/wp-content/uploads/2021/02/mat.jpg)

- <figure>

  ![A resistance band](https://cedarhollow-physio.example/wp-content/uploads/2021/02/band.jpg)

  <figcaption>

  Light band

  </figcaption>
  </figure>

> Pain is information, not damage.
>
> Our therapy team

> Move a little, often.
>
> Priya Whitlock

| Week | Sets | Reps     |
| ---- | ---- | -------- |
| 1    | 2    | 8        |
| 2    | 3    | 10 \| 12 |

A simple plan

```
program: glute-bridges
weeks: 2
reps: 8 < 12 && sets: 3
```

```
Monday      bridges
Wednesday   bridges + march
Friday      rest
```

[Book a visit](https://cedarhollow-physio.example/book/)

**Too easy?** Add a pause at the top.

**Too hard?** Make the lift smaller.

### When to stop

Stop if you feel sharp pain in your back.

* * *

[Video: the three bridges](https://www.youtube.com/watch?v=Gl8tBr1dg3s)

<audio controls src="https://cedarhollow-physio.example/wp-content/uploads/2023/05/breathing.mp3"></audio>

Guided breathing, 4 minutes

[Bridge program (PDF)](https://cedarhollow-physio.example/wp-content/uploads/2023/05/bridge-program.pdf)

**Open late** on Thursdays\
until 8 pm

[contact-form-7 id="45" title="Book a visit"]

Questions? Call 541-555-0187.
"###;

#[test]
fn every_common_gutenberg_block_becomes_markdown() {
    let (site, report) = imported("gutenberg.xml");
    assert_eq!(
        read(&site, "content/posts/glute-bridges-three-ways.md"),
        GUTENBERG_POST
    );
    assert!(
        report.contains(
            "Shortcodes kept as text (replace them by hand):\n  [contact-form-7] in 1 file:\n"
        ),
        "{report}"
    );
}

const SHORTCODES_POST: &str = r###"---
title: Our new treatment rooms
date: 2016-09-14T11:30:00-05:00
author: tobi-okafor
categories:
- Clinic News
aliases:
- /2016/09/our-new-treatment-rooms/
extra:
  wordpress_id: 50
---

We moved! The new rooms are quieter and have doors that close.

<figure>

![Treatment room with a window and a table](https://lakeside-pelvic.example/wp-content/uploads/2016/09/room-1.jpg)

<figcaption>

Room 1, with the window

</figcaption>
</figure>

![Treatment room with a biofeedback unit](https://lakeside-pelvic.example/wp-content/uploads/2016/09/room-2.jpg)

![gym-wide](https://lakeside-pelvic.example/wp-content/uploads/2016/09/gym-wide.jpg)

A short tour of the gym:

<figure>

![Treatment room with a window and a table](https://lakeside-pelvic.example/wp-content/uploads/2016/09/room-1.jpg)

<figcaption>

Room 1, with the window

</figcaption>
</figure>

![Treatment room with a biofeedback unit](https://lakeside-pelvic.example/wp-content/uploads/2016/09/room-2.jpg)

![gym-wide](https://lakeside-pelvic.example/wp-content/uploads/2016/09/gym-wide.jpg)

![The front desk](https://lakeside-pelvic.example/wp-content/uploads/2016/09/front-desk.jpg)

<figure>

[![The front desk](https://lakeside-pelvic.example/wp-content/uploads/2016/09/front-desk-300x200.jpg)](https://lakeside-pelvic.example/wp-content/uploads/2016/09/front-desk.jpg)

<figcaption>

Say hello to Rosa at the front desk

</figcaption>
</figure>

Listen to our breathing exercise before your first visit:

<audio controls src="https://lakeside-pelvic.example/wp-content/uploads/2016/09/breathing.mp3"></audio>

<audio controls src="https://lakeside-pelvic.example/wp-content/uploads/2016/09/relax.ogg"></audio>

<video controls src="https://lakeside-pelvic.example/wp-content/uploads/2016/09/tour.mp4" poster="https://lakeside-pelvic.example/wp-content/uploads/2016/09/tour.jpg" width="640" height="360"></video>

[https://vimeo.com/123456789](https://vimeo.com/123456789)

[https://www.youtube.com/watch?v=Rm9kT3a1QpE](https://www.youtube.com/watch?v=Rm9kT3a1QpE)

[playlist ids="56,57"]

[gallery ids="999"]
"###;

const SHORTCODES_REPORT: &str = r###"Imported ../export.xml into .:
  posts:    1
  pages:    0
  authors:  1
  comments: 0 on 0 posts
Wrote 2 files.
Shortcodes kept as text (replace them by hand):
  [gallery] in 1 file:
    content/posts/our-new-treatment-rooms.md
  [playlist] in 1 file:
    content/posts/our-new-treatment-rooms.md
Attachments not copied (9); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:
  https://lakeside-pelvic.example/wp-content/uploads/2016/09/
    breathing.mp3
    front-desk-300x200.jpg
    front-desk.jpg
    gym-wide.jpg
    relax.ogg
    room-1.jpg
    room-2.jpg
    tour.jpg
    tour.mp4
Next: run `gait check`, then read the imported posts (see "Moving from WordPress" in gait's docs).
"###;

#[test]
fn gallery_audio_and_video_shortcodes_become_pictures_and_players() {
    let (site, report) = imported("shortcodes.xml");
    assert_eq!(
        read(&site, "content/posts/our-new-treatment-rooms.md"),
        SHORTCODES_POST
    );
    assert_eq!(report, SHORTCODES_REPORT);
}

const WXR_1_0_POST: &str = r###"---
title: Setting up your desk
date: 2009-02-17T09:20:00-06:00
author: admin
categories:
- Neck Pain
tags:
- desk work
aliases:
- /blog/2009/02/setting-up-your-desk/
extra:
  wordpress_id: 12
---

Your screen should be at eye height. Your elbows should rest at your sides.

Take a break every **30 minutes**:

1. Stand up
2. Roll your shoulders

See [our stretches](/posts/three-neck-stretches/) too.
"###;

const PREFIXES_POST: &str = r###"---
title: Splints after a wrist fracture
date: 2022-11-03T10:15:00
author: eli-hart
categories:
- Wrist
summary: How long, and what to do meanwhile.
extra:
  wordpress_id: 7
---

Most people wear a splint for **six weeks**.

Move your fingers often while you wear it.
"###;

const PREFIXES_PAGE: &str = r###"---
title: Hand clinic hours
extra:
  wordpress_id: 9
---

Monday to Thursday, 8 to 5.
"###;

#[test]
fn every_wxr_version_and_any_namespace_prefix_is_read() {
    let (site, _) = imported("wxr-1.0.xml");
    assert_eq!(
        read(&site, "content/posts/setting-up-your-desk.md"),
        WXR_1_0_POST
    );
    assert!(site.path("content/posts/three-neck-stretches.md").is_file());

    let (site, _) = imported("wxr-1.1.xml");
    let post = read(&site, "content/posts/shin-splints-rest-or-run.md");
    assert!(
        post.starts_with("---\ntitle: 'Shin splints: rest or run?'\ndate: 2012-07-02T14:00:00+01:00\nauthor: kit-farrow\ncategories:\n- Running\ntags:\n- shins\nsummary: Less running, not none.\n"),
        "{post}"
    );

    let (site, report) = imported("prefixes.xml");
    assert!(
        report.starts_with("Imported ../export.xml into .:\n  posts:    2\n  pages:    1\n"),
        "{report}"
    );
    assert_eq!(
        read(&site, "content/posts/splints-after-a-wrist-fracture.md"),
        PREFIXES_POST
    );
    assert_eq!(read(&site, "content/pages/hours.md"), PREFIXES_PAGE);
    assert!(
        site.path("content/posts/thumb-arthritis-a-splint-for-the-night.md")
            .is_file()
    );
}

const UNICODE_SPANISH: &str = r###"---
title: Ejercicios de suelo pélvico 💪 para después del parto
date: 2023-03-08T10:00:00-03:00
author: lucia-munoz
categories:
- Posparto 👶
tags:
- Ñandú
- 💪
summary: Respira, siente, mueve. 🌱
aliases:
- /2023/03/ejercicios-de-suelo-pelvico/
extra:
  wordpress_id: 101
---

Empieza con **respiraciones** suaves: ¿sientes el suelo pélvico? 🙂

Año tras año vemos mamás que vuelven a correr. 🏃‍♀️👩🏽‍⚕️
"###;

const UNICODE_VIETNAMESE: &str = r###"---
title: Tập sàn chậu mỗi ngày
date: 2023-05-10T09:00:00-03:00
author: tran-ngoc
categories:
- Sàn chậu
tags:
- Café
aliases:
- /2023/05/tap-san-chau/
extra:
  wordpress_id: 103
---

Hít thở sâu, rồi siết nhẹ cơ sàn chậu.

Kiên nhẫn: kết quả đến sau vài tuần.
"###;

const UNICODE_ARABIC: &str = r###"---
title: تمارين قاع الحوض بعد الولادة
date: 2023-04-02T09:30:00-03:00
author: y-smyn-hd-d
categories:
- قاع الحوض
tags:
- רצפת אגן
aliases:
- /2023/04/تمارين-قاع-الحوض/
extra:
  wordpress_id: 102
---

<div dir="rtl">

ابدئي بتمارين التنفس، ثم شدّي عضلات قاع الحوض لمدة **٥ ثوانٍ**.

اتصلي بنا على 541-555-0190 (English / عربي).

</div>
"###;

const UNICODE_COMMENTS: &str = r###"# Comments on /posts/ejercicios-de-suelo-pelvico-muscle/, imported from WordPress.
- id: 501
  parent: null
  author: Zoë 🌸
  date: 2023-03-09T08:00:00-03:00
  body: ¡Gracias! 🙏 Me ayudó mucho.
"###;

#[test]
fn emoji_right_to_left_text_and_combining_marks_survive() {
    let (site, _) = imported("unicode.xml");
    assert_eq!(
        read(&site, "content/posts/ejercicios-de-suelo-pelvico-muscle.md"),
        UNICODE_SPANISH
    );
    // Written with combining marks (NFD): the slug still reads as words.
    assert_eq!(
        read(&site, "content/posts/tap-san-chau-moi-ngay.md"),
        UNICODE_VIETNAMESE
    );
    assert_eq!(
        read(&site, "content/posts/tm-ryn-q-lhwd.md"),
        UNICODE_ARABIC
    );
    assert_eq!(
        read(
            &site,
            "content/comments/ejercicios-de-suelo-pelvico-muscle.yaml"
        ),
        UNICODE_COMMENTS
    );
    assert!(read(&site, "content/posts/tada.md").starts_with("---\ntitle: 🎉🎉🎉\n"));
    assert!(read(&site, "content/authors/y-smyn-hd-d.md").starts_with("---\nname: ياسمين حداد\n"));
    site.build_ok(&[]);
    for page in [
        "posts/tap-san-chau-moi-ngay/index.html",
        "categories/san-chau/index.html",
        "tags/cafe/index.html",
        "tags/muscle/index.html",
        "categories/q-lhwd/index.html",
        "2023/06/🎉/index.html",
    ] {
        assert!(site.out_exists(page), "{page}");
    }
    let arabic = site.read_out("posts/tm-ryn-q-lhwd/index.html");
    assert!(arabic.contains("<div dir=\"rtl\">"), "{arabic}");
}

const META_POST: &str = r###"---
title: 'Bladder diary: ]]> three days that tell us a lot'
date: 2021-09-14T09:00:00-05:00
author: hana-bello
categories:
- Bladder Health
summary: Three days of notes & what they show
aliases:
- /2021/09/bladder-diary/
extra:
  wordpress_id: 40
---

Write down what you drink and when you go, for **three days**.

Our diary app saves it like this:

```
<diary><![CDATA[08:00 coffee 250 ml]]></diary>
```

A sequence like \]\]> is fine in a post.

Bring the diary to your next visit & we will read it together.
"###;

const META_COMMENTS: &str = r###"# Comments on /posts/bladder-diary/, imported from WordPress.
- id: 90
  parent: null
  author: Irene
  date: 2021-09-15T07:30:00-05:00
  body: 'Day two & I already see a pattern: \]\]> coffee after 3 pm.'
"###;

#[test]
fn serialized_php_meta_and_split_cdata_survive() {
    let (site, _) = imported("meta-and-cdata.xml");
    assert_eq!(read(&site, "content/posts/bladder-diary.md"), META_POST);
    assert_eq!(
        read(&site, "content/comments/bladder-diary.yaml"),
        META_COMMENTS
    );
    let built = site.build_ok(&[]);
    assert_eq!(built.stderr, "");
    let page = site.read_out("posts/bladder-diary/index.html");
    assert!(
        page.contains("&lt;diary&gt;&lt;![CDATA[08:00 coffee 250 ml]]&gt;&lt;/diary&gt;"),
        "{page}"
    );
}

const EDGE_REPORT: &str = r###"Imported ../export.xml into .:
  posts:    4 (1 draft)
  pages:    2
  authors:  1
  comments: 0 on 0 posts
Wrote 7 files.
Skipped:
  post 213 "Staff training notes" (line 57): it is password-protected
  page 215 "Members area" (line 87): it is password-protected
  other items: 1 nav_menu_item, 1 product, 1 wp_block
Notes:
  post 210 (line 18) has no title in WordPress: it is called "A quick note: the clinic is closed on Monday for the holiday." now (change it in the file)
  post 212 (line 46) has no title in WordPress: it is called "Untitled 212" now (change it in the file)
  page 216 (line 100) has no title in WordPress: it is called "Untitled 216" now (change it in the file)
Next: run `gait check`, then read the imported posts (see "Moving from WordPress" in gait's docs).
"###;

const EDGE_UNTITLED: &str = r###"---
title: 'A quick note: the clinic is closed on Monday for the holiday.'
date: 2020-02-14T08:00:00-06:00
author: mina-abara
aliases:
- /2020/02/210/
extra:
  wordpress_id: 210
---

A quick note: the clinic is closed on Monday for the holiday.
"###;

const EDGE_EMPTY: &str = r###"---
title: Photo of the week
date: 2020-02-20T08:00:00-06:00
author: mina-abara
aliases:
- /2020/02/photo-of-the-week/
extra:
  wordpress_id: 211
---
"###;

const EDGE_REUSABLE: &str = r###"---
title: Patient forms
extra:
  wordpress_id: 214
---

Print and bring these to your first visit.

**Holiday hours:** we close at noon on December 24.
"###;

#[test]
fn untitled_empty_password_protected_and_reusable_content() {
    let (site, report) = imported("edge-cases.xml");
    assert_eq!(report, EDGE_REPORT);
    assert_eq!(read(&site, "content/posts/210.md"), EDGE_UNTITLED);
    assert_eq!(
        read(&site, "content/posts/photo-of-the-week.md"),
        EDGE_EMPTY
    );
    assert_eq!(read(&site, "content/pages/patient-forms.md"), EDGE_REUSABLE);
    // Password-protected posts and pages are not brought over.
    assert!(!site.path("content/posts/staff-training-notes.md").exists());
    assert!(!site.path("content/pages/members.md").exists());
    let xml = fixture("edge-cases.xml");
    for private in [
        "Room codes",
        "Home programs for current patients",
        "willow2020",
    ] {
        assert!(xml.contains(private));
        assert_eq!(
            any_file_contains(&site.root, private.as_bytes()),
            None,
            "{private}"
        );
    }
}

/// An export of one post and 40 attachments in four month folders, their
/// addresses written with the blanks and line breaks that re-indented
/// exports have.
fn forty_attachments() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<title>Aspen Grove PT</title>\n<link>https://aspengrove-pt.example</link>\n<item><title>Our exercise library</title><dc:creator>admin</dc:creator><content:encoded>Pictures of every exercise.</content:encoded><wp:post_id>1</wp:post_id><wp:post_date>2020-01-05 10:00:00</wp:post_date><wp:post_name>exercise-library</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n",
    );
    let months = ["2020/01", "2020/02", "2021/07", "2022/11"];
    for (i, month) in months.iter().enumerate() {
        for n in 1..=10 {
            let id = 100 + i * 10 + n;
            let url = format!(
                "https://aspengrove-pt.example/wp-content/uploads/{month}/exercise-{n:02}.jpg"
            );
            let written = match n % 3 {
                0 => format!("<![CDATA[ {url} ]]>"),
                1 => format!("\n\t\t\t{url}\n\t\t"),
                _ => url,
            };
            xml.push_str(&format!(
                "<item><title>exercise-{n:02}</title><wp:post_id>{id}</wp:post_id><wp:post_parent>1</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:attachment_url>{written}</wp:attachment_url></item>\n"
            ));
        }
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

#[test]
fn forty_attachments_are_listed_trimmed_by_folder() {
    let site = site_and_export(forty_attachments());
    let run = import(&site);
    run.expect_success();
    let mut want = String::from(
        "Imported ../export.xml into .:\n  posts:    1\n  pages:    0\n  authors:  1\n  comments: 0 on 0 posts\nWrote 2 files.\nAttachments not copied (40); fetch them with --download-media, or pass --uploads with a copy of wp-content/uploads:\n",
    );
    for month in ["2020/01", "2020/02", "2021/07", "2022/11"] {
        want.push_str(&format!(
            "  https://aspengrove-pt.example/wp-content/uploads/{month}/\n"
        ));
        for n in 1..=10 {
            want.push_str(&format!("    exercise-{n:02}.jpg\n"));
        }
    }
    want.push_str("Next: run `gait check`, then read the imported posts (see \"Moving from WordPress\" in gait's docs).\n");
    assert_eq!(run.stdout, want);
}

/// 1-based line where `needle` first appears in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

const CHECK_HELP: &str = "  help: the file is not a complete WordPress export: export it again from Tools → Export, and check that the download finished";

#[test]
fn broken_exports_are_refused_with_their_line_and_nothing_is_written() {
    let gutenberg = fixture("gutenberg.xml");
    let old = fixture("wxr-1.0.xml");
    let v11 = fixture("wxr-1.1.xml");
    let first_lines = |text: &str, n: usize| text.lines().take(n).collect::<Vec<_>>().join("\n");
    let item_at = line_of(&old, "<item>\n\t\t<title>Three neck stretches");
    let mut not_utf8 = v11.clone().into_bytes();
    let at = v11.find("Most shin splints").unwrap();
    not_utf8.insert(at + 5, 0xff);
    let unicode = fixture("unicode.xml");
    let cut_in_emoji = &unicode.as_bytes()[..unicode.find('🎉').unwrap() + 2];
    let cases: Vec<(Vec<u8>, String, &str)> = vec![
        (
            first_lines(&gutenberg, 40).into_bytes(),
            format!(
                "error: ../export.xml:{}: the export is not valid XML: syntax error: CDATA not closed: `]]>` not found before end of input",
                line_of(&gutenberg, "<content:encoded>")
            ),
            CHECK_HELP,
        ),
        (
            first_lines(&old, item_at + 5).into_bytes(),
            format!(
                "error: ../export.xml:{}: the export ends in the middle of an <item> opened at line {item_at}: the file is truncated",
                item_at + 5
            ),
            CHECK_HELP,
        ),
        (
            cut_in_emoji.to_vec(),
            format!(
                "error: ../export.xml:{}: the export is not valid XML: syntax error: CDATA not closed: `]]>` not found before end of input",
                line_of(&unicode, "<title><![CDATA[🎉")
            ),
            CHECK_HELP,
        ),
        (
            v11.replace("</wp:post_name>", "</wp:postname>")
                .into_bytes(),
            format!(
                "error: ../export.xml:{}: the export is not valid XML: ill-formed document: expected `</wp:post_name>`, but `</wp:postname>` was found",
                line_of(&v11, "<wp:post_name>")
            ),
            CHECK_HELP,
        ),
        (
            v11.replace(
                "<title>Shin splints: rest or run?</title>",
                "<title>Shin splints & you</title>",
            )
            .into_bytes(),
            format!(
                "error: ../export.xml:{}: the export is not valid XML: a `&` here does not start an entity such as `&amp;`",
                line_of(&v11, "<title>Shin splints")
            ),
            "  help: WordPress writes a lone & as &amp;: this file was changed after export; write &amp; there, or export again",
        ),
        (
            not_utf8,
            format!(
                "error: ../export.xml:{}: this line of the export is not UTF-8 text",
                line_of(&v11, "Most shin splints")
            ),
            "  help: WordPress exports are UTF-8; export the file again rather than converting it",
        ),
        (
            format!("{v11}{v11}").into_bytes(),
            format!(
                "error: ../export.xml:{}: the export goes on after its closing </rss>, with <rss>: two exports joined into one file?",
                v11.lines().count() + line_of(&v11, "<rss")
            ),
            "  help: import each export file on its own: split this one where the second <rss> starts",
        ),
        (
            Vec::new(),
            "error: ../export.xml:1: this is not a WordPress export: there is no <rss><channel>"
                .to_string(),
            "  help: export the site from WordPress with Tools → Export → All content",
        ),
    ];
    for (export, first, help) in cases {
        let site = site_and_export(&export);
        import_fails(&site, &[&first, help, "1 error in 1 file"]);
    }
}
