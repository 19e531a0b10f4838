//! site.yaml `broken_links: error | warn`: by default a broken internal link
//! stops the build; with `warn` the build lists every one with its file and
//! line and publishes. `gait check` always reports them as errors. E-mail
//! autolinks are never taken for links.

use crate::common::*;
use crate::pictures_support::{jpeg, photo};

/// A post with 14 broken links (pages, a picture, a feed that does not exist)
/// and two e-mail autolinks.
fn site_with_broken_links() -> Site {
    let site = Site::fixture("basic");
    let mut body = String::from("Write to <frontdesk@example.org> or <billing@example.org>.\n\n");
    for n in 1..=12 {
        body.push_str(&format!("- [Old page {n}](/posts/gone-{n}/)\n"));
    }
    body.push_str("- [A feed](/tags/sleep/feed.xml)\n");
    body.push_str("- ![A missing chart](chart-that-is-not-there.svg)\n");
    site.write(
        "content/posts/old-links.md",
        format!("---\ntitle: Old links\ndate: 2024-02-01\nauthor: sam-lee\n---\n\n{body}"),
    );
    site
}

fn broken_lines(stderr: &str, label: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with(label) && l.contains("points to nothing"))
        .map(str::to_string)
        .collect()
}

#[test]
fn by_default_every_broken_link_stops_the_build() {
    let site = site_with_broken_links();
    let run = site.build(&[]);
    run.expect_code(1);
    let errors = broken_lines(&run.stderr, "error: ");
    assert_eq!(errors.len(), 14, "{}", run.stderr);
    assert_eq!(
        errors[0],
        "error: content/posts/old-links.md:9: the link `/posts/gone-1/` points to nothing on this site"
    );
    assert!(!run.stderr.contains("example.org"), "{}", run.stderr);
}

#[test]
fn with_warn_the_build_publishes_and_lists_them() {
    let site = site_with_broken_links();
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}broken_links: warn\n"));
    let run = site.build_ok(&[]);
    let warnings = broken_lines(&run.stderr, "warning: ");
    assert_eq!(warnings.len(), 14, "{}", run.stderr);
    assert!(warnings.contains(&
        "warning: content/posts/old-links.md:22: the image `chart-that-is-not-there.svg` points to nothing on this site".to_string()
    ), "{warnings:?}");
    assert!(!run.stderr.contains("example.org"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("14 broken links, published anyway as site.yaml says (`broken_links: warn`)"),
        "{}",
        run.stderr
    );
    assert!(site.out_exists("posts/old-links/index.html"));
    // gait check still fails on them.
    let check = site.run(&["check"]);
    check.expect_code(1);
    assert_eq!(
        broken_lines(&check.stderr, "error: ").len(),
        14,
        "{}",
        check.stderr
    );
}

#[test]
fn an_unknown_policy_is_located() {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let line = yaml.lines().count() + 1;
    site.write("site.yaml", format!("{yaml}broken_links: ignore\n"));
    let run = site.build(&[]);
    run.expect_code(1);
    assert_eq!(
        run.stderr_lines()[..3],
        [
            format!(
                "error: site.yaml:{line}: `broken_links` is `ignore`, which gait does not know"
            )
            .as_str(),
            format!("  {line:>4} | broken_links: ignore").as_str(),
            "  help: write `broken_links: error` (a broken link stops the build) or `broken_links: warn` (the build lists it and publishes)",
        ]
    );
}

/// A post's `image` and an author's `photo` that name no file on the site
/// are broken pictures at their keys' lines, like a broken `![...](...)`:
/// the build stops and names both, and `broken_links: warn` publishes.
#[test]
fn front_matter_pictures_that_are_not_on_the_site_are_broken() {
    let site = Site::fixture("basic");
    site.write(
        "content/posts/knee-brace.md",
        "---\ntitle: Knee brace\ndate: 2024-05-02\nauthor: sam-lee\nimage: /images/knee-brace.jpg\nimage_alt: A knee brace\n---\n\nBody.\n",
    );
    site.write(
        "content/authors/jo-park.md",
        "---\nname: Jo Park\nclinic: hillcrest\nphoto: jo.jpg\nphoto_alt: Jo smiling\n---\n\nJo treats knees.\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error: content/posts/knee-brace.md:5: `image:` names the picture `/images/knee-brace.jpg`, which is not on this site\n     5 | image: /images/knee-brace.jpg\n  help: put the picture beside the post in its folder"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error: content/authors/jo-park.md:4: `photo:` names the picture `jo.jpg`, which is not on this site\n     4 | photo: jo.jpg\n  help: put the photo in static/"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.out_exists("index.html"));

    // Once the pictures are there, the same site builds.
    site.write("static/images/knee-brace.jpg", jpeg(&photo(64, 48, 1)));
    site.write("static/images/team/jo.jpg", jpeg(&photo(48, 48, 2)));
    site.write(
        "content/authors/jo-park.md",
        "---\nname: Jo Park\nclinic: hillcrest\nphoto: /images/team/jo.jpg\nphoto_alt: Jo smiling\n---\n\nJo treats knees.\n",
    );
    site.build_ok(&[]);

    // With `broken_links: warn` a missing one is a warning and the site is published.
    site.remove("static/images/knee-brace.jpg");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}broken_links: warn\n"));
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("warning: content/posts/knee-brace.md:5: `image:` names the picture"),
        "{}",
        run.stderr
    );
}

/// A link or picture that matches an address of the site only when capitals
/// are ignored is broken on the hosts that tell them apart (most do): it is
/// reported with the address written as the site has it.
#[test]
fn links_and_pictures_with_other_capitals_are_broken() {
    let site = Site::fixture("basic");
    site.write("content/posts/bridges/Bridge.JPG", jpeg(&photo(64, 48, 3)));
    site.write(
        "content/posts/bridges/index.md",
        "---\ntitle: Bridges\ndate: 2024-05-02\nauthor: sam-lee\nimage: BRIDGE.jpg\nimage_alt: A glute bridge\n---\n\n![A glute bridge](bridge.jpg)\n\n[About us](/About/) and [hip pain](/posts/Hip-Pain-At-Night/#sleep).\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    for expected in [
        "error: content/posts/bridges/index.md:5: the picture `BRIDGE.jpg` is on this site as `Bridge.JPG`, with other capitals\n     5 | image: BRIDGE.jpg\n  help: write `Bridge.JPG`: most web hosts treat capital and small letters as different, so `BRIDGE.jpg` would lead nowhere there",
        "error: content/posts/bridges/index.md:9: the image `bridge.jpg` is on this site as `Bridge.JPG`, with other capitals",
        "error: content/posts/bridges/index.md:11: the link `/About/` is on this site as `/about/`, with other capitals",
        "error: content/posts/bridges/index.md:11: the link `/posts/Hip-Pain-At-Night/#sleep` is on this site as `/posts/hip-pain-at-night/#sleep`, with other capitals",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\n\n{}",
            run.stderr
        );
    }

    site.write(
        "content/posts/bridges/index.md",
        "---\ntitle: Bridges\ndate: 2024-05-02\nauthor: sam-lee\nimage: Bridge.JPG\nimage_alt: A glute bridge\n---\n\n![A glute bridge](Bridge.JPG)\n\n[About us](/about/) and [hip pain](/posts/hip-pain-at-night/#sleep).\n",
    );
    site.build_ok(&[]);
    assert!(
        site.read_out("posts/bridges/index.html")
            .contains("Bridge.JPG")
    );
}
