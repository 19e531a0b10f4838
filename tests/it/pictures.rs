//! Pictures in a build (issue 13): every JPEG, PNG, WebP and GIF of a site
//! is published in several widths as WebP and in its own format, upright
//! and without metadata, and shown as a `<picture>` with `srcset`, `sizes`,
//! `width` and `height`. The tests read every published file back.

use std::path::Path;

use image::RgbImage;
use scraper::{Html, Selector};

use crate::common::{self, PICTURE_CACHE, Site, list_files};
use crate::pictures_support::{animated_gif, holds_metadata, jpeg_with_exif, photo, png};

const DIARY: &str = "content/posts/bladder-diary/index.md";

/// Stored 1200 × 900 with EXIF orientation 6 (a phone held upright): left
/// half red, right half blue, so that upright it is 900 × 1200, red on top.
fn phone_photo() -> Vec<u8> {
    let img = RgbImage::from_fn(1200, 900, |x, y| {
        let n = ((x * 31 + y * 17) % 9) as u8;
        match x < 600 {
            true => image::Rgb([210 + n, 30 + n, 30]),
            false => image::Rgb([30, 30 + n, 210 + n]),
        }
    });
    jpeg_with_exif(&img, 6)
}

/// The basic fixture with pictures: a phone photo with GPS (the featured
/// image of a post, and in its text), a 300 px PNG, an animated GIF, a
/// WebP in `static/`, and an author's photo with GPS.
fn site() -> Site {
    let site = Site::fixture("basic");
    site.write("content/posts/bladder-diary/phone.jpg", phone_photo());
    site.write(
        "content/posts/bladder-diary/small.png",
        png(&photo(300, 200, 1)),
    );
    site.write(
        "content/posts/bladder-diary/spin.gif",
        animated_gif(40, 30, 3),
    );
    let mut webp = Vec::new();
    image::DynamicImage::ImageRgb8(photo(1000, 500, 2))
        .write_to(
            &mut std::io::Cursor::new(&mut webp),
            image::ImageFormat::WebP,
        )
        .unwrap();
    site.write("static/images/banner.webp", webp);
    site.write(
        "static/images/team/sam-lee.jpg",
        jpeg_with_exif(&photo(640, 640, 3), 1),
    );
    site.write(
        DIARY,
        "---\ntitle: How to keep a bladder diary\ndate: 2024-02-01\nauthor: dana-reyes\ncategories: [Bladder Health]\nimage: phone.jpg\nimage_alt: A diary page held up to the camera\n---\n\nWrite down what you drink and when you go for three days.\n\n![A sample diary chart with drinks and bathroom trips](chart.svg)\n\n![The diary on a phone](phone.jpg \"Day one\")\n\n![A small *chart*](small.png) and ![A spinner](spin.gif)\n\n![Our banner](/images/banner.webp)\n",
    );
    let sam = std::fs::read_to_string(site.path("content/authors/sam-lee.md")).unwrap();
    site.write(
        "content/authors/sam-lee.md",
        sam.replace(
            "role: Physical therapist\n",
            "role: Physical therapist\nphoto: /images/team/sam-lee.jpg\nphoto_alt: Portrait of Sam Lee\n",
        ),
    );
    site
}

fn built() -> Site {
    let site = site();
    site.build(&[]).expect_success();
    site
}

fn public(site: &Site) -> std::path::PathBuf {
    site.root.join("public")
}

/// The size of a published picture file.
fn size_of(file: &Path) -> (u32, u32) {
    let img = image::open(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    (img.width(), img.height())
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn page(site: &Site, rel: &str) -> Html {
    Html::parse_document(&site.read_out(rel))
}

#[test]
fn no_published_picture_holds_metadata_and_the_phone_photo_stands_upright() {
    let site = built();
    let out = public(&site);
    let pictures: Vec<String> = list_files(&out)
        .into_iter()
        .filter(|f| {
            [".jpg", ".webp", ".png", ".gif"]
                .iter()
                .any(|e| f.ends_with(e))
        })
        .collect();
    assert!(pictures.len() >= 15, "{pictures:?}");
    for f in &pictures {
        let bytes = std::fs::read(out.join(f)).unwrap();
        assert!(!holds_metadata(&bytes), "{f} holds metadata");
    }
    let phone: Vec<&String> = pictures
        .iter()
        .filter(|f| f.starts_with("posts/bladder-diary/phone"))
        .collect();
    assert_eq!(
        phone,
        [
            "posts/bladder-diary/phone-480w.jpg",
            "posts/bladder-diary/phone-480w.webp",
            "posts/bladder-diary/phone-900w.webp",
            "posts/bladder-diary/phone.jpg",
        ]
    );
    for f in phone {
        let img = image::open(out.join(f)).unwrap().to_rgb8();
        let (w, h) = img.dimensions();
        assert_eq!(h * 3, w * 4, "{f} is {w} × {h}, not upright 3:4");
        let (top, bottom) = (
            img.get_pixel(w / 2, h / 10),
            img.get_pixel(w / 2, h * 9 / 10),
        );
        assert!(top[0] > 150 && top[2] < 100, "{f}: top is {top:?}, not red");
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{f}: bottom is {bottom:?}"
        );
    }
    // The source still has its metadata: only the published copies lose it.
    let source = std::fs::read(site.path("content/posts/bladder-diary/phone.jpg")).unwrap();
    assert!(holds_metadata(&source));
}

#[test]
fn every_srcset_candidate_exists_and_is_as_wide_as_it_says() {
    let site = built();
    let out = public(&site);
    let mut candidates = 0;
    for f in list_files(&out).iter().filter(|f| f.ends_with(".html")) {
        let doc = page(&site, f);
        for el in select(&doc, "[srcset]") {
            let srcset = el.value().attr("srcset").unwrap();
            assert!(
                el.value().attr("sizes").is_some(),
                "{f}: srcset without sizes"
            );
            for candidate in srcset.split(", ") {
                let (url, descriptor) = candidate.split_once(' ').unwrap();
                let file = out.join(url.trim_start_matches('/'));
                let (w, _) = size_of(&file);
                assert_eq!(descriptor, format!("{w}w"), "{f}: {candidate}");
                candidates += 1;
            }
        }
        for img in select(&doc, "picture img, img[srcset]") {
            let v = img.value();
            let (w, h) = size_of(&out.join(v.attr("src").unwrap().trim_start_matches('/')));
            assert_eq!(v.attr("width"), Some(w.to_string().as_str()), "{f}");
            assert_eq!(v.attr("height"), Some(h.to_string().as_str()), "{f}");
            assert_eq!(v.attr("decoding"), Some("async"), "{f}");
        }
    }
    assert!(candidates > 40, "only {candidates} candidates");
}

#[test]
fn a_300_pixel_picture_is_never_enlarged() {
    let site = built();
    let out = public(&site);
    let small: Vec<String> = list_files(&out)
        .into_iter()
        .filter(|f| f.starts_with("posts/bladder-diary/small"))
        .collect();
    assert_eq!(
        small,
        [
            "posts/bladder-diary/small-300w.webp",
            "posts/bladder-diary/small-og.jpg",
            "posts/bladder-diary/small.png"
        ]
    );
    for f in &small {
        assert_eq!(size_of(&out.join(f)), (300, 200), "{f}");
    }
    let doc = page(&site, "posts/bladder-diary/index.html");
    let img = select(&doc, "img[alt='A small chart']")[0].value();
    assert_eq!(img.attr("src"), Some("/posts/bladder-diary/small.png"));
    assert_eq!(
        select(&doc, "picture:has(img[alt='A small chart']) source")[0]
            .value()
            .attr("srcset"),
        Some("/posts/bladder-diary/small-300w.webp 300w")
    );
}

#[test]
fn markdown_images_become_pictures_and_others_stay_images() {
    let site = built();
    let doc = page(&site, "posts/bladder-diary/index.html");
    let content = "div.content ";
    let phone = select(
        &doc,
        &format!("{content}picture img[alt='The diary on a phone']"),
    );
    let phone = phone[0].value();
    assert_eq!(phone.attr("title"), Some("Day one"));
    assert_eq!(phone.attr("loading"), Some("lazy"));
    assert_eq!(
        phone.attr("srcset"),
        Some("/posts/bladder-diary/phone-480w.jpg 480w, /posts/bladder-diary/phone.jpg 900w")
    );
    assert_eq!(phone.attr("sizes"), Some("(min-width: 44rem) 40rem, 100vw"));
    // A WebP is its own fallback: one srcset, no <picture>.
    let banner = select(&doc, &format!("{content}img[alt='Our banner']"))[0].value();
    assert_eq!(
        banner.attr("srcset"),
        Some(
            "/images/banner-480w.webp 480w, /images/banner-960w.webp 960w, /images/banner.webp 1000w"
        )
    );
    // An animation is published whole, at its size; SVG is copied as it is.
    let spin = select(&doc, &format!("{content}img[alt='A spinner']"))[0].value();
    assert_eq!(
        (spin.attr("src"), spin.attr("width"), spin.attr("srcset")),
        (Some("/posts/bladder-diary/spin.gif"), Some("40"), None)
    );
    let chart = select(&doc, &format!("{content}img[src$='chart.svg']"))[0].value();
    assert_eq!(chart.attr("srcset"), None);
    let svg = std::fs::read(public(&site).join("posts/bladder-diary/chart.svg")).unwrap();
    assert_eq!(
        svg,
        std::fs::read(site.path("content/posts/bladder-diary/chart.svg")).unwrap()
    );
}

#[test]
fn featured_images_on_cards_at_the_top_of_the_article_and_in_link_previews() {
    let site = built();
    // The article: eager, first, with the picture's size.
    let doc = page(&site, "posts/bladder-diary/index.html");
    let hero = select(&doc, ".post-hero picture img")[0].value();
    assert_eq!(hero.attr("fetchpriority"), Some("high"));
    assert_eq!(hero.attr("loading"), None);
    assert_eq!(hero.attr("alt"), Some("A diary page held up to the camera"));
    let meta = |p: &str| {
        select(&doc, &format!("meta[property='{p}']"))[0]
            .value()
            .attr("content")
            .map(str::to_string)
    };
    // 900 px wide: its og:image is the picture itself (at most 1200 px).
    assert_eq!(
        meta("og:image").as_deref(),
        Some("https://riverbend.example/posts/bladder-diary/phone.jpg")
    );
    assert_eq!(meta("og:image:width").as_deref(), Some("900"));
    assert_eq!(meta("og:image:height").as_deref(), Some("1200"));
    // Cards: the home page, the category archive, the author's page.
    for (rel, what) in [
        ("page/2/index.html", "home"),
        ("categories/bladder-health/index.html", "archive"),
        ("authors/dana-reyes/index.html", "author page"),
    ] {
        let doc = page(&site, rel);
        let card = select(&doc, ".post-card.has-image picture img.card-image");
        assert_eq!(card.len(), 1, "{what}");
        let v = card[0].value();
        assert_eq!(
            (v.attr("loading"), v.attr("alt")),
            (Some("lazy"), Some("")),
            "{what}"
        );
        assert_eq!(
            v.attr("src"),
            Some("/posts/bladder-diary/phone.jpg"),
            "{what}"
        );
    }
    // The author's photo, on their page and as its link preview.
    let doc = page(&site, "authors/sam-lee/index.html");
    let photo = select(&doc, "picture img.profile-photo")[0].value();
    assert_eq!(photo.attr("width"), Some("640"));
    assert_eq!(
        select(&doc, "meta[property='og:image']")[0]
            .value()
            .attr("content"),
        Some("https://riverbend.example/images/team/sam-lee.jpg")
    );
}

#[test]
fn a_fresh_output_folder_reuses_the_cache_and_unused_entries_go() {
    let site = built();
    let cache = site.root.join(PICTURE_CACHE);
    let entries = || {
        let mut e: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        e.sort();
        e
    };
    let before = entries();
    assert_eq!(before.len(), 5, "{before:?}");
    let stamp = |rel: &str| {
        std::fs::metadata(cache.join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let one = format!("{}/480.webp", before[0]);
    let made = stamp(&one);
    site.run(&["build", "--output", "fresh"]).expect_success();
    assert_eq!(entries(), before);
    assert_eq!(stamp(&one), made, "made again instead of reused");
    assert_eq!(
        common::snapshot(&site.root.join("fresh")),
        common::snapshot(&public(&site)),
    );
    // The small picture is deleted (and no longer shown): its entry goes.
    site.remove("content/posts/bladder-diary/small.png");
    let text = std::fs::read_to_string(site.path(DIARY)).unwrap();
    site.write(
        DIARY,
        text.replace("![A small *chart*](small.png) and ", ""),
    );
    site.build(&[]).expect_success();
    assert_eq!(entries().len(), 4);
}

#[test]
fn check_warns_about_pictures_nothing_uses_and_pictures_too_large() {
    let site = site();
    site.write("static/images/old-banner.png", png(&photo(20, 10, 4)));
    site.write(
        "content/posts/bladder-diary/wide.png",
        png(&photo(4100, 8, 5)),
    );
    let text = std::fs::read_to_string(site.path(DIARY)).unwrap();
    site.write(DIARY, format!("{text}\n![A very wide strip](wide.png)\n"));
    let run = site.run(&["check"]);
    run.expect_success();
    let warnings = [
        "warning: content/posts/bladder-diary/wide.png: this picture is 4100 × 8 pixels, more than the 4000 any screen needs",
        "  help: save a smaller copy (4,000 pixels wide is plenty): gait makes the sizes readers download",
        "warning: static/images/old-banner.png: nothing on the site uses this picture",
        "  help: show it in a post or page (`![what it shows](name.jpg)`), or delete it",
    ];
    assert!(run.stderr.contains(&warnings.join("\n")), "{}", run.stderr);
    assert_eq!(run.stderr.matches("warning:").count(), 2, "{}", run.stderr);
}

#[test]
fn a_file_that_is_not_a_picture_is_an_error() {
    let site = site();
    site.write(
        "content/posts/bladder-diary/scan.jpg",
        "not a picture at all",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.starts_with(
            "error: content/posts/bladder-diary/scan.jpg: could not read this picture: it is not a picture gait can read (JPEG, PNG, WebP, GIF or SVG)\n  help: save it again as JPEG, PNG, WebP or GIF, or remove it\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_picture_named_like_another_pictures_width_is_a_clash() {
    let site = site();
    site.write(
        "static/images/banner-480w.webp",
        std::fs::read(site.path("static/images/banner.webp")).unwrap(),
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.starts_with(
            "error: static/images/banner-480w.webp: the address /images/banner-480w.webp is also used by the 480-pixel WebP copy of static/images/banner.webp\n  help: rename or move the file, or remove it\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_preview_serves_pictures_it_makes_aside_or_on_request() {
    let site = site();
    let server = crate::serve_support::Server::start(&site.root, &["--port", "0"]);
    let post = server.get("/posts/bladder-diary/");
    assert_eq!(post.status, 200);
    assert!(
        post.body
            .contains("/posts/bladder-diary/phone-480w.webp 480w")
    );
    for (path, mime, width) in [
        ("/posts/bladder-diary/phone-480w.webp", "image/webp", 480),
        ("/posts/bladder-diary/phone.jpg", "image/jpeg", 900),
        ("/images/team/sam-lee-480w.jpg", "image/jpeg", 480),
    ] {
        let r = crate::serve_support::get_bytes(server.port, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(mime), "{path}");
        assert!(!holds_metadata(&r.body), "{path}");
        assert_eq!(
            image::load_from_memory(&r.body).unwrap().width(),
            width,
            "{path}"
        );
    }
    // Nothing of the pictures is written into the preview's own folder.
    assert_eq!(
        server.get("/posts/bladder-diary/phone-480w.jpgx").status,
        404
    );
}

#[test]
fn a_persons_page_shows_their_newest_six_articles_as_cards_and_lists_the_rest() {
    let site = Site::fixture("basic");
    for day in 10..17 {
        site.write(
            &format!("content/posts/note-{day}.md"),
            format!("---\ntitle: Note {day}\ndate: 2024-05-{day}\nauthor: sam-lee\n---\n\nA short note.\n"),
        );
    }
    site.build(&[]).expect_success();
    let doc = page(&site, "authors/sam-lee/index.html");
    let titles = |css: &str| -> Vec<String> {
        select(&doc, css)
            .iter()
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        titles(".author-posts .post-card .card-title a"),
        [
            "Note 16", "Note 15", "Note 14", "Note 13", "Note 12", "Note 11"
        ]
    );
    assert_eq!(
        titles(".author-posts .post-list a"),
        [
            "Note 10",
            "Running again after giving birth",
            "Gentle core work for sore hips"
        ]
    );
}
