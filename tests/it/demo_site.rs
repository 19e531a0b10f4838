//! The demo site at the repository root builds, and its output is whole:
//! every internal link resolves, the feed and sitemap are valid, every page
//! has one `<h1>` and every image has alt text.

use crate::common;

use common::*;

const DRAFT_SLUG: &str = "asheville-evening-hours";

/// `base_url` from the demo's site.yaml, without a trailing slash.
fn demo_base_url(site: &Site) -> String {
    let text = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("base_url:"))
        .expect("site.yaml has base_url");
    line.trim()
        .trim_matches('"')
        .trim_end_matches('/')
        .to_string()
}

/// The slugs of the posts in the output (`public/posts/<slug>/index.html`).
fn output_post_slugs(site: &Site) -> Vec<String> {
    site.out_files()
        .iter()
        .filter_map(|f| f.strip_prefix("posts/")?.strip_suffix("/index.html"))
        .filter(|s| !s.contains('/'))
        .map(str::to_string)
        .collect()
}

/// Whether an output page is one of the tiny redirect pages made for `aliases`.
fn is_redirect_page(text: &str) -> bool {
    text.contains("http-equiv=\"refresh\"")
}

#[test]
fn demo_site_builds_and_prints_a_summary() {
    let site = Site::demo();
    let run = site.build_ok(&[]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one summary line on stdout, got:\n{}",
        run.stdout
    );
    let line = lines[0];
    // "Built 12 posts, 75 pages in 84 ms"
    let rest = line
        .strip_prefix("Built ")
        .unwrap_or_else(|| panic!("summary: {line}"));
    let (posts, rest) = rest
        .split_once(" posts, ")
        .unwrap_or_else(|| panic!("summary: {line}"));
    let (pages, rest) = rest
        .split_once(" pages in ")
        .unwrap_or_else(|| panic!("summary: {line}"));
    // The demo has one draft, and the summary says it was left out.
    let rest = rest
        .strip_suffix(" (1 draft not published: --drafts)")
        .unwrap_or_else(|| panic!("summary: {line}"));
    let ms = rest
        .strip_suffix(" ms")
        .unwrap_or_else(|| panic!("summary: {line}"));
    let posts: usize = posts.parse().unwrap_or_else(|_| panic!("summary: {line}"));
    let pages: usize = pages.parse().unwrap_or_else(|_| panic!("summary: {line}"));
    ms.parse::<u64>()
        .unwrap_or_else(|_| panic!("summary: {line}"));

    let spanish = site
        .out_files()
        .iter()
        .filter(|f| f.starts_with("es/posts/") && f.ends_with("/index.html"))
        .count();
    assert_eq!(spanish, 3, "the demo's posts in Spanish");
    assert_eq!(
        posts,
        output_post_slugs(&site).len() + spanish,
        "post count in {line:?}"
    );
    assert!(
        posts >= 12,
        "the demo has at least 12 published posts: {line}"
    );
    assert_eq!(
        pages,
        site.html_files().len(),
        "page count in {line:?} vs HTML files in public/"
    );
    assert!(site.out_exists("index.html"));
    assert!(site.out_exists("404.html"), "404.html");
}

#[test]
fn every_internal_link_in_the_demo_resolves() {
    let site = Site::demo();
    site.build_ok(&[]);
    let report = check_internal_links(&site, "");
    assert!(
        report.checked > 500,
        "only {} internal URLs found: is the link scan working?",
        report.checked
    );
    if !report.later.is_empty() {
        eprintln!(
            "links to pages of later issues (finder #3, search #6), not yet built: {:?}",
            report.later
        );
    }
    assert!(
        report.broken.is_empty(),
        "broken internal links:\n{}",
        report.describe_broken()
    );
}

#[test]
fn demo_feed_is_atom_with_absolute_links() {
    let site = Site::demo();
    site.build_ok(&[]);
    let base = demo_base_url(&site);
    let text = site.read_out("feed.xml");
    let doc = parse_xml("feed.xml", &text);
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert!(!entries.is_empty(), "the feed has entries");
    assert!(
        entries.len() <= 20,
        "at most 20 entries, got {}",
        entries.len()
    );
    assert_eq!(entries.len(), output_post_slugs(&site).len().min(20));
    for link in doc.descendants().filter(|n| n.has_tag_name("link")) {
        let href = link.attribute("href").unwrap_or("");
        assert!(
            href.starts_with(&format!("{base}/")),
            "feed link not absolute under {base}: {href}"
        );
    }
    for entry in &entries {
        let id = entry
            .children()
            .find(|n| n.has_tag_name("id"))
            .and_then(|n| n.text())
            .unwrap_or("");
        assert!(id.starts_with(&format!("{base}/posts/")), "entry id {id}");
        for tag in ["title", "updated", "published", "author", "content"] {
            assert!(
                entry.children().any(|n| n.has_tag_name(tag)),
                "entry {id} has <{tag}>"
            );
        }
        let content = entry
            .children()
            .find(|n| n.has_tag_name("content"))
            .and_then(|n| n.text())
            .unwrap_or("");
        for bad in ["href=\"/", "src=\"/"] {
            assert!(
                !content.contains(bad),
                "entry {id}: root-relative URL in feed content ({bad})"
            );
        }
    }
    assert!(!text.contains(DRAFT_SLUG), "the draft is not in the feed");
}

#[test]
fn demo_sitemap_lists_every_post_and_robots_names_it() {
    let site = Site::demo();
    site.build_ok(&[]);
    let base = demo_base_url(&site);
    let text = site.read_out("sitemap.xml");
    let doc = parse_xml("sitemap.xml", &text);
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for loc in &locs {
        assert!(
            loc.starts_with(&format!("{base}/")),
            "sitemap loc not absolute: {loc}"
        );
    }
    let slugs = output_post_slugs(&site);
    assert!(!slugs.is_empty());
    for slug in &slugs {
        let want = format!("{base}/posts/{slug}/");
        assert!(locs.contains(&want.as_str()), "sitemap lacks {want}");
    }
    assert!(
        locs.contains(&format!("{base}/").as_str()),
        "sitemap lists the home page"
    );
    assert!(
        !text.contains(DRAFT_SLUG),
        "the draft is not in the sitemap"
    );

    let robots = site.read_out("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l.trim() == format!("Sitemap: {base}/sitemap.xml")),
        "robots.txt names the sitemap:\n{robots}"
    );
}

#[test]
fn every_demo_page_has_one_h1_and_alt_text_on_images() {
    let site = Site::demo();
    site.build_ok(&[]);
    let mut problems = Vec::new();
    let mut pages = 0;
    for page in site.html_files() {
        let text = site.read_out(&page);
        let doc = html(&text);
        // Redirect pages for old addresses are not pages a reader sees.
        if !is_redirect_page(&text) {
            pages += 1;
            let h1 = select(&doc, "h1").len();
            if h1 != 1 {
                problems.push(format!("{page}: {h1} <h1> elements"));
            }
        }
        for img in select(&doc, "img") {
            if img.value().attr("alt").is_none() {
                problems.push(format!(
                    "{page}: <img src={:?}> has no alt",
                    img.value().attr("src")
                ));
            }
        }
    }
    assert!(pages > 20, "only {pages} pages checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn demo_draft_is_left_out_unless_drafts_flag() {
    let site = Site::demo();
    let draft_file = site.path(&format!("content/posts/{DRAFT_SLUG}.md"));
    let text = std::fs::read_to_string(&draft_file).expect("the demo has a draft post");
    assert!(text.contains("draft: true"));

    site.build_ok(&[]);
    let page = format!("posts/{DRAFT_SLUG}/index.html");
    assert!(!site.out_exists(&page), "draft built without --drafts");
    for f in site.html_files() {
        assert!(
            !site.read_out(&f).contains(&format!("/posts/{DRAFT_SLUG}/")),
            "{f} links to the draft"
        );
    }

    site.build_ok(&["--drafts"]);
    assert!(site.out_exists(&page), "draft missing with --drafts");
    let home_and_pages: String = site
        .out_files()
        .iter()
        .filter(|f| *f == "index.html" || (f.starts_with("page/") && f.ends_with(".html")))
        .map(|f| site.read_out(f))
        .collect();
    assert!(
        home_and_pages.contains(&format!("/posts/{DRAFT_SLUG}/")),
        "the draft is listed on the home pages with --drafts"
    );
}

#[test]
fn comments_follow_the_article_before_next_steps_and_related_articles() {
    let site = Site::demo();
    site.build_ok(&[]);
    let html = std::fs::read_to_string(site.public().join("posts/pain-outlasts-injury/index.html"))
        .unwrap();
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("no {needle} in the page"))
    };
    let order = [
        at("</article>"),
        at("<section class=\"comments"),
        at("<aside class=\"callouts"),
        at("<nav class=\"post-nav"),
        at("<section class=\"related"),
    ];
    assert!(order.is_sorted(), "{order:?}");
}

#[test]
fn the_demo_has_host_files_for_its_old_addresses_and_headers() {
    let site = Site::demo();
    site.build_ok(&[]);
    let moved = "/2019/03/old-wordpress-permalink/ /posts/your-first-pelvic-floor-visit/";
    let redirects = site.read_out("_redirects");
    assert!(
        redirects.lines().any(|l| l == format!("{moved} 301")),
        "{redirects}"
    );
    let htaccess = site.read_out(".htaccess");
    for line in [
        "ErrorDocument 404 /404.html".to_string(),
        format!("Redirect 301 {moved}"),
        "  Header always set X-Content-Type-Options \"nosniff\"".to_string(),
        "  Header always set Referrer-Policy \"strict-origin-when-cross-origin\"".to_string(),
    ] {
        assert!(htaccess.lines().any(|l| l == line), "{line}\n{htaccess}");
    }
    let headers = site.read_out("_headers");
    let policies: Vec<&str> = headers
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .collect();
    assert!(!policies.is_empty());
    for policy in policies {
        let script = policy
            .split("; ")
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_else(|| panic!("script-src in {policy}"));
        assert!(!script.contains("unsafe-inline"), "{policy}");
        assert!(policy.contains("frame-ancestors 'self'"), "{policy}");
    }
    // Every theme file under a content-hashed name is cached for a year,
    // by both files.
    let hashed: Vec<String> = site
        .out_files()
        .into_iter()
        .filter(|f| {
            let name = f.rsplit('/').next().unwrap_or_default();
            (f.starts_with("css/") || f.starts_with("js/")) && name.matches('.').count() == 2
        })
        .collect();
    assert!(hashed.len() >= 6, "{hashed:?}");
    for f in &hashed {
        let block = format!("/{f}\n  Cache-Control: public, max-age=31536000, immutable\n");
        assert!(headers.contains(&block), "{f} in _headers");
        let name = f.rsplit('/').next().unwrap_or_default().replace('.', "\\.");
        assert!(htaccess.contains(&name), "{f} in .htaccess");
    }
}

/// Grace Whitfield is not accepting new patients (`accepting_patients:
/// false`) but has a `booking_url`: neither her bio nor her finder card
/// offers "Book a visit" (both did); they say she is not accepting, her bio
/// tells of the waitlist, and her card keeps the clinic's phone. Daniel
/// Reyes, who is accepting, keeps his button on both.
#[test]
fn no_booking_for_a_therapist_not_accepting_new_patients() {
    let site = Site::demo();
    site.build_ok(&[]);
    for lang in ["", "es/"] {
        let bio = html(&site.read_out(&format!("{lang}authors/grace-whitfield/index.html")));
        assert!(select(&bio, ".profile-book").is_empty(), "{lang} bio");
        assert!(
            select(&bio, "a[href*='book.kestrelpelvichealth']").is_empty(),
            "{lang} bio"
        );
        assert_eq!(select(&bio, ".profile .badge-muted").len(), 1, "{lang} bio");
        let finder = html(&site.read_out(&format!("{lang}find-a-therapist/index.html")));
        let card = select(&finder, "#staff-grace-whitfield");
        assert_eq!(card.len(), 1);
        let card = html(&card[0].html());
        assert!(select(&card, ".finder-book").is_empty(), "{lang} card");
        assert!(
            select(&card, "a[href*='book.kestrelpelvichealth']").is_empty(),
            "{lang} card"
        );
        assert_eq!(select(&card, ".badge-muted").len(), 1, "{lang} card");
        assert_eq!(select(&card, ".finder-phone").len(), 1, "{lang} card");
        let daniel = html(&site.read_out(&format!("{lang}authors/daniel-reyes/index.html")));
        assert_eq!(select(&daniel, ".profile-book a").len(), 1, "{lang}");
        assert_eq!(select(&finder, "#staff-daniel-reyes .finder-book").len(), 1);
    }
    let bio = html(&site.read_out("authors/grace-whitfield/index.html"));
    assert!(text_of(&select(&bio, ".bio")[0]).contains("waitlist"));
}

/// The Spanish topics page sorts its tags as a reader would: accented
/// names among the others ("cáncer de próstata" before "consentimiento",
/// "sínfisis del pubis" before "suelo pélvico"), not after every name
/// without an accent, as they were.
#[test]
fn the_spanish_topics_sort_accented_names_in_place() {
    let site = Site::demo();
    site.build_ok(&[]);
    let page = html(&site.read_out("es/categories/index.html"));
    let names = |css: &str| -> Vec<String> {
        select(&page, css)
            .iter()
            .map(|a| a.text().next().unwrap_or_default().trim().to_string())
            .collect()
    };
    let tags = names("#tags-title ~ .chips .chip");
    let at = |name: &str| {
        tags.iter()
            .position(|t| t == name)
            .unwrap_or_else(|| panic!("no tag {name:?} in {tags:?}"))
    };
    assert!(at("cáncer de próstata") < at("consentimiento"), "{tags:?}");
    assert!(
        at("consentimiento") < at("dolor de la cintura pélvica"),
        "{tags:?}"
    );
    assert!(at("sínfisis del pubis") < at("suelo pélvico"), "{tags:?}");
    assert!(
        at("articulación sacroilíaca") < at("cáncer de próstata"),
        "{tags:?}"
    );
    let categories = names(".term-list a");
    assert_eq!(
        categories,
        [
            "Dolor pélvico",
            "Embarazo y posparto",
            "Espalda baja y cadera",
            "Noticias de la clínica",
            "Salud de la vejiga",
            "Salud masculina"
        ]
    );
}

/// No page sends a patient to sitemap.xml, a wall of addresses meant for
/// search engines (the footer's "Sitemap" link did, on every page); the
/// file stays, and robots.txt still names it.
#[test]
fn no_page_links_to_the_sitemap_file() {
    let site = Site::demo();
    site.build_ok(&[]);
    let mut pages = 0;
    for page in site.html_files() {
        let text = site.read_out(&page);
        if is_redirect_page(&text) {
            continue;
        }
        let doc = html(&text);
        if select(&doc, ".site-footer").is_empty() {
            continue;
        }
        pages += 1;
        for a in select(&doc, "a[href]") {
            let href = a.value().attr("href").unwrap_or_default();
            assert!(!href.ends_with("sitemap.xml"), "{page} links to {href}");
        }
        assert!(
            !text.contains(">Sitemap<") && !text.contains(">Mapa del sitio<"),
            "{page}"
        );
    }
    assert!(pages > 20, "only {pages} pages with a footer checked");
    assert!(site.out_exists("sitemap.xml"));
    assert!(site.read_out("robots.txt").contains("/sitemap.xml"));
}
