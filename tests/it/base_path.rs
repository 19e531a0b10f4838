//! A site served below a path (`--base-url https://example.org/blog`): every
//! URL in the output carries the `/blog` prefix and still resolves.

use crate::common;

use common::*;

const BASE: &str = "https://example.org/blog";

fn built() -> Site {
    let site = Site::fixture("base-path");
    site.build_ok(&["--base-url", BASE]);
    site
}

/// Resolve a URL found in feed content against the entry's `xml:base` (if
/// any); without one, only absolute URLs and fragments work in a feed reader.
fn feed_url_ok(url: &str, xml_base: Option<&str>) -> bool {
    if url.starts_with('#') || url.starts_with("mailto:") || url.starts_with("tel:") {
        return true;
    }
    if url.starts_with(&format!("{BASE}/")) || url == BASE {
        return true;
    }
    match xml_base {
        Some(b) => {
            b.starts_with(&format!("{BASE}/")) && !url.starts_with('/') && !url.contains("://")
        }
        None => false,
    }
}

#[test]
fn every_root_relative_url_starts_with_the_base_path_and_resolves() {
    let site = built();
    let report = check_internal_links(&site, "/blog");
    assert!(
        report.checked > 100,
        "only {} internal URLs",
        report.checked
    );
    let outside: Vec<String> = report
        .root_relative
        .iter()
        .filter(|(_, url)| !(url == "/blog/" || url.starts_with("/blog/")))
        .map(|(page, url)| format!("{page}: {url}"))
        .collect();
    assert!(
        outside.is_empty(),
        "root-relative URLs without /blog/:\n{}",
        outside.join("\n")
    );
    assert!(
        report.broken.is_empty(),
        "broken internal links:\n{}",
        report.describe_broken()
    );
}

#[test]
fn markdown_links_and_images_get_the_base_path() {
    let site = built();
    let doc = html(&site.read_out("posts/first-visit/index.html"));
    let content_links: Vec<String> = select(&doc, "main a[href]")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    for want in [
        "/blog/posts/breathing-basics/",
        "/blog/categories/",
        "/blog/",
    ] {
        assert!(
            content_links.iter().any(|h| h == want),
            "no link to {want} in the post: {content_links:?}"
        );
    }
    for bad in ["/posts/breathing-basics/", "/categories/"] {
        assert!(
            !content_links.iter().any(|h| h == bad),
            "a link {bad} lost the base path"
        );
    }
    let imgs: Vec<&str> = select(&doc, "main img")
        .iter()
        .filter_map(|i| i.value().attr("src"))
        .collect();
    assert!(
        imgs.contains(&"/blog/images/pelvis.svg"),
        "static image under /blog: {imgs:?}"
    );
    assert!(site.out_exists("images/pelvis.svg"));
    // A post folder's own image, linked relatively, is copied beside the page.
    assert!(site.out_exists("posts/breathing-basics/diagram.svg"));

    // Links written in site.yaml (nav, callouts) and in an author's bio too.
    let about_links: Vec<String> = select(&doc, "a[href]")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(
        about_links.iter().any(|h| h == "/blog/about/"),
        "nav/callout link to /blog/about/"
    );
    assert!(
        !about_links.iter().any(|h| h == "/about/"),
        "a site.yaml link lost the base path"
    );
    let bio = html(&site.read_out("authors/noor-haddad/index.html"));
    let bio_links: Vec<&str> = select(&bio, "main a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        bio_links.contains(&"/blog/posts/first-visit/"),
        "bio link: {bio_links:?}"
    );
}

#[test]
fn canonical_feed_and_sitemap_use_the_full_base_url() {
    let site = built();
    let doc = html(&site.read_out("posts/first-visit/index.html"));
    let canonical = select(&doc, "link[rel=canonical]");
    assert_eq!(canonical.len(), 1);
    assert_eq!(
        canonical[0].value().attr("href"),
        Some("https://example.org/blog/posts/first-visit/")
    );

    let feed_text = site.read_out("feed.xml");
    let feed = parse_xml("feed.xml", &feed_text);
    for link in feed.descendants().filter(|n| n.has_tag_name("link")) {
        let href = link.attribute("href").unwrap();
        assert!(href.starts_with(&format!("{BASE}/")), "feed link {href}");
    }
    let ids: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("id"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        ids.contains(&"https://example.org/blog/posts/first-visit/"),
        "entry ids: {ids:?}"
    );
    assert!(
        ids.iter().all(|id| id.starts_with(&format!("{BASE}/"))),
        "ids: {ids:?}"
    );

    let sitemap_text = site.read_out("sitemap.xml");
    let sitemap = parse_xml("sitemap.xml", &sitemap_text);
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(!locs.is_empty());
    for loc in &locs {
        assert!(loc.starts_with(&format!("{BASE}/")), "sitemap loc {loc}");
    }
    for want in [
        "https://example.org/blog/",
        "https://example.org/blog/posts/first-visit/",
        "https://example.org/blog/about/",
    ] {
        assert!(locs.contains(&want), "sitemap lacks {want}");
    }
    assert!(
        site.read_out("robots.txt")
            .lines()
            .any(|l| l == "Sitemap: https://example.org/blog/sitemap.xml"),
        "robots.txt: {}",
        site.read_out("robots.txt")
    );
}

#[test]
fn feed_content_has_only_absolute_urls() {
    // Feed readers resolve a relative URL against the feed's address (or an
    // xml:base), not against the post: `diagram.svg` in the post
    // breathing-basics must reach the reader as
    // https://example.org/blog/posts/breathing-basics/diagram.svg.
    let site = built();
    let text = site.read_out("feed.xml");
    let feed = parse_xml("feed.xml", &text);
    let mut bad = Vec::new();
    for entry in feed.descendants().filter(|n| n.has_tag_name("entry")) {
        let content = entry
            .children()
            .find(|n| n.has_tag_name("content"))
            .expect("entry has content");
        let base = content
            .attribute(("http://www.w3.org/XML/1998/namespace", "base"))
            .or_else(|| entry.attribute(("http://www.w3.org/XML/1998/namespace", "base")));
        let body = html(content.text().unwrap_or(""));
        for url in urls_in(&body) {
            if !feed_url_ok(&url, base) {
                bad.push(url);
            }
        }
    }
    assert!(
        bad.is_empty(),
        "URLs in feed content that a feed reader cannot resolve: {bad:?}"
    );
}

#[test]
fn redirect_and_404_pages_respect_the_base_path() {
    let site = built();
    let redirect = site.read_out("old/first-visit/index.html");
    assert!(
        redirect.contains("url=/blog/posts/first-visit/")
            || redirect.contains("url=https://example.org/blog/posts/first-visit/"),
        "the alias redirects to the post under /blog:\n{redirect}"
    );
    // 404.html is served for missing addresses at any depth, so every
    // internal URL in it must be root-relative.
    let doc = html(&site.read_out("404.html"));
    let relative: Vec<String> = urls_in(&doc)
        .into_iter()
        .filter(|u| !is_external(u) && !u.starts_with('/'))
        .collect();
    assert!(
        relative.is_empty(),
        "relative URLs in 404.html: {relative:?}"
    );
}

#[test]
fn base_path_from_site_yaml_with_trailing_slash() {
    let site = Site::fixture("base-path");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        yaml.replace(
            "base_url: https://placeholder.example",
            "base_url: https://example.org/blog/",
        ),
    );
    site.build_ok(&[]);
    let report = check_internal_links(&site, "/blog");
    assert!(
        report.broken.is_empty(),
        "broken internal links:\n{}",
        report.describe_broken()
    );
    let doc = html(&site.read_out("index.html"));
    let canonical = select(&doc, "link[rel=canonical]");
    assert_eq!(
        canonical[0].value().attr("href"),
        Some("https://example.org/blog/")
    );
}

#[test]
fn every_page_declares_the_site_language() {
    // site.yaml says `language: en-US`; redirect pages are pages too.
    let site = built();
    let mut wrong = Vec::new();
    for page in site.html_files() {
        let doc = html(&site.read_out(&page));
        let lang = select(&doc, "html")
            .first()
            .and_then(|h| h.value().attr("lang").map(str::to_string));
        if lang.as_deref() != Some("en-US") {
            wrong.push(format!("{page}: lang={lang:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let feed_text = site.read_out("feed.xml");
    let feed = parse_xml("feed.xml", &feed_text);
    assert_eq!(
        feed.root_element()
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("en-US")
    );
}
