//! A site in two languages (the `translations` fixture: English, and
//! Spanish under `/es/`): each language's pages, listings, feeds, sitemap
//! entries and search index, and the links between the versions of a page.

use crate::common::{Site, html, parse_xml, select, text_of};

fn built() -> Site {
    let site = Site::fixture("translations");
    site.build_ok(&[]);
    site
}

/// The `href` of each `<link rel="alternate" hreflang>` of a page, by language.
fn hreflangs(page: &str) -> Vec<(String, String)> {
    let doc = html(page);
    select(&doc, "link[rel=alternate][hreflang]")
        .iter()
        .map(|l| {
            let a = |n: &str| l.value().attr(n).unwrap_or_default().to_string();
            (a("hreflang"), a("href"))
        })
        .collect()
}

fn pair(lang: &str, url: &str) -> (String, String) {
    (lang.to_string(), url.to_string())
}

#[test]
fn a_spanish_post_is_in_spanish_and_links_to_its_original() {
    let site = built();
    let page = site.read_out("es/posts/hip-pain-at-night/index.html");
    let doc = html(&page);
    assert!(page.contains("<html lang=\"es\">"));
    assert!(
        !page.contains("min read"),
        "English theme text on a Spanish page"
    );
    let dates = select(&doc, ".post-meta .dates");
    assert_eq!(
        text_of(&dates[0]),
        "2 de marzo de 2021 · , 1 min de lectura",
        "the date and reading time in Spanish"
    );
    assert_eq!(
        hreflangs(&page),
        [
            pair("en", "https://riverbend.example/posts/hip-pain-at-night/"),
            pair(
                "es",
                "https://riverbend.example/es/posts/hip-pain-at-night/"
            ),
            pair(
                "x-default",
                "https://riverbend.example/posts/hip-pain-at-night/"
            ),
        ]
    );
    let switch = select(&doc, "nav.lang-switch a");
    assert_eq!(switch.len(), 1);
    assert_eq!(
        switch[0].value().attr("href"),
        Some("/posts/hip-pain-at-night/")
    );
    assert_eq!(switch[0].value().attr("hreflang"), Some("en"));
    assert_eq!(text_of(&switch[0]), "English");
    let skip = select(&doc, "a.skip-link");
    assert_eq!(text_of(&skip[0]), "Saltar al contenido principal");
    let crumbs: Vec<String> = select(&doc, "nav.breadcrumbs a")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(crumbs[0], "Inicio");
}

#[test]
fn the_original_links_back_to_its_translation() {
    let site = built();
    let page = site.read_out("posts/hip-pain-at-night/index.html");
    assert!(page.contains("<html lang=\"en\">"));
    assert_eq!(
        hreflangs(&page),
        [
            pair("en", "https://riverbend.example/posts/hip-pain-at-night/"),
            pair(
                "es",
                "https://riverbend.example/es/posts/hip-pain-at-night/"
            ),
            pair(
                "x-default",
                "https://riverbend.example/posts/hip-pain-at-night/"
            ),
        ]
    );
    let doc = html(&page);
    let switch = select(&doc, "nav.lang-switch a");
    assert_eq!(
        switch[0].value().attr("href"),
        Some("/es/posts/hip-pain-at-night/")
    );
    assert_eq!(text_of(&switch[0]), "Español");
    // A translation with its own slug, in a post folder with its picture.
    let running = site.read_out("es/posts/correr-despues-del-parto/index.html");
    assert!(
        running.contains(
            "hreflang=\"en\" href=\"https://riverbend.example/posts/running-after-birth/\""
        )
    );
    assert!(site.out_exists("es/posts/correr-despues-del-parto/chart.svg"));
    assert!(!site.out_exists("es/posts/correr-despues-del-parto/index.es.md"));
    assert!(!site.out_exists("posts/running-after-birth/index.es.md"));
}

#[test]
fn a_page_in_one_language_has_no_hreflang_and_switches_to_the_other_home() {
    let site = built();
    for (path, other) in [
        ("posts/gentle-core-work/index.html", "/es/"),
        ("es/posts/solo-en-espanol/index.html", "/"),
        ("virtual/index.html", "/es/"),
    ] {
        let page = site.read_out(path);
        assert_eq!(hreflangs(&page), [], "{path}");
        let doc = html(&page);
        let switch = select(&doc, "nav.lang-switch a");
        assert_eq!(switch.len(), 1, "{path}");
        assert_eq!(switch[0].value().attr("href"), Some(other), "{path}");
        assert_eq!(switch[0].value().attr("rel"), None, "{path}");
    }
    // Pages that every language has link to each other.
    let team = site.read_out("es/authors/index.html");
    assert_eq!(
        hreflangs(&team),
        [
            pair("en", "https://riverbend.example/authors/"),
            pair("es", "https://riverbend.example/es/authors/"),
            pair("x-default", "https://riverbend.example/authors/"),
        ]
    );
}

/// The addresses of the posts a listing page shows.
fn listed(page: &str) -> Vec<String> {
    let doc = html(page);
    select(&doc, ".post-card .card-title a, .post-list a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn each_language_lists_only_its_own_posts() {
    let site = built();
    assert_eq!(
        listed(&site.read_out("es/index.html")),
        [
            "/es/posts/solo-en-espanol/",
            "/es/posts/correr-despues-del-parto/"
        ]
    );
    assert_eq!(
        listed(&site.read_out("es/page/2/index.html")),
        ["/es/posts/hip-pain-at-night/"]
    );
    assert_eq!(
        listed(&site.read_out("index.html")),
        ["/posts/running-after-birth/", "/posts/hip-pain-at-night/"]
    );
    assert_eq!(
        listed(&site.read_out("es/authors/dana-reyes/index.html")),
        [
            "/es/posts/correr-despues-del-parto/",
            "/es/posts/hip-pain-at-night/"
        ]
    );
    assert_eq!(
        listed(&site.read_out("es/categories/dolor-de-cadera/index.html")),
        ["/es/posts/hip-pain-at-night/"]
    );
    // Topics are each language's own.
    let topics = html(&site.read_out("es/categories/index.html"));
    let names: Vec<String> = select(&topics, ".term-list a")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(names, ["Dolor de cadera", "Noticias", "Posparto"]);
    let counts: Vec<String> = select(&topics, ".term-list .count")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(counts, ["1 artículo", "1 artículo", "1 artículo"]);
    assert!(!site.out_exists("es/categories/hip-pain/index.html"));
    // Related posts and older/newer links stay in the post's language.
    let post = site.read_out("es/posts/correr-despues-del-parto/index.html");
    let doc = html(&post);
    let nav: Vec<&str> = select(&doc, ".post-nav a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        nav,
        ["/es/posts/hip-pain-at-night/", "/es/posts/solo-en-espanol/"]
    );
}

#[test]
fn the_spanish_feed_is_atom_with_only_spanish_posts() {
    let site = built();
    let text = site.read_out("es/feed.xml");
    let doc = parse_xml("es/feed.xml", &text);
    let atom = "http://www.w3.org/2005/Atom";
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(atom));
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("es")
    );
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((atom, name)))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    assert_eq!(
        child(root, "title").as_deref(),
        Some("Riverbend Terapia Pélvica")
    );
    let links: Vec<String> = root
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .map(|e| child(e, "id").unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "https://riverbend.example/es/posts/solo-en-espanol/",
            "https://riverbend.example/es/posts/correr-despues-del-parto/",
            "https://riverbend.example/es/posts/hip-pain-at-night/",
        ]
    );
    let english = site.read_out("feed.xml");
    assert!(!english.contains("/es/posts/"));
    // A Spanish post's entry links its author's Spanish bio, the same in
    // every Spanish feed that shows it.
    let link = "https://riverbend.example/es/posts/hip-pain-at-night/";
    let entry = crate::seo::entry_of(&text, link);
    assert!(
        entry.contains("<uri>https://riverbend.example/es/authors/dana-reyes/</uri>"),
        "{entry}"
    );
    let by_author = site.read_out("es/authors/dana-reyes/feed.xml");
    assert_eq!(crate::seo::entry_of(&by_author, link), entry);
    assert!(site.out_exists("es/categories/dolor-de-cadera/feed.xml"));
}

#[test]
fn the_sitemap_lists_each_version_with_its_alternates() {
    let site = built();
    let text = site.read_out("sitemap.xml");
    let doc = parse_xml("sitemap.xml", &text);
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    let alternates = |loc: &str| -> Vec<(String, String)> {
        let url = doc
            .descendants()
            .filter(|n| n.has_tag_name((sm, "url")))
            .find(|u| {
                u.children()
                    .any(|c| c.has_tag_name((sm, "loc")) && c.text() == Some(loc))
            })
            .unwrap_or_else(|| panic!("{loc} is not in the sitemap"));
        url.children()
            .filter(|c| c.has_tag_name((xhtml, "link")))
            .map(|l| {
                assert_eq!(l.attribute("rel"), Some("alternate"));
                pair(
                    l.attribute("hreflang").unwrap(),
                    l.attribute("href").unwrap(),
                )
            })
            .collect()
    };
    let post = [
        pair("en", "https://riverbend.example/posts/hip-pain-at-night/"),
        pair(
            "es",
            "https://riverbend.example/es/posts/hip-pain-at-night/",
        ),
        pair(
            "x-default",
            "https://riverbend.example/posts/hip-pain-at-night/",
        ),
    ];
    assert_eq!(
        alternates("https://riverbend.example/posts/hip-pain-at-night/"),
        post
    );
    assert_eq!(
        alternates("https://riverbend.example/es/posts/hip-pain-at-night/"),
        post
    );
    assert_eq!(
        alternates("https://riverbend.example/es/about/"),
        [
            pair("en", "https://riverbend.example/about/"),
            pair("es", "https://riverbend.example/es/about/"),
            pair("x-default", "https://riverbend.example/about/"),
        ]
    );
    assert_eq!(
        alternates("https://riverbend.example/es/posts/solo-en-espanol/"),
        []
    );
    assert_eq!(
        alternates("https://riverbend.example/es/categories/posparto/"),
        []
    );
}

#[test]
fn structured_data_links_a_translation_and_its_original() {
    let site = built();
    let ld = |path: &str| {
        let page = site.read_out(path);
        let doc = html(&page);
        let script = select(&doc, "script[type='application/ld+json']");
        let v: serde_json::Value = serde_json::from_str(&script[0].inner_html()).unwrap();
        v["@graph"][0].clone()
    };
    let es = ld("es/posts/hip-pain-at-night/index.html");
    assert_eq!(es["inLanguage"], "es");
    assert_eq!(
        es["translationOfWork"]["@id"],
        "https://riverbend.example/posts/hip-pain-at-night/#article"
    );
    let en = ld("posts/hip-pain-at-night/index.html");
    assert_eq!(en["inLanguage"], "en");
    assert_eq!(
        en["workTranslation"][0]["@id"],
        "https://riverbend.example/es/posts/hip-pain-at-night/#article"
    );
    assert!(
        ld("es/posts/solo-en-espanol/index.html")
            .get("translationOfWork")
            .is_none()
    );
}

#[test]
fn people_and_places_show_their_translation_and_mark_untranslated_text() {
    let site = built();
    let dana = html(&site.read_out("es/authors/dana-reyes/index.html"));
    assert_eq!(
        text_of(&select(&dana, ".profile .role")[0]),
        "Fisioterapeuta"
    );
    let bio = &select(&dana, ".bio")[0];
    assert_eq!(bio.value().attr("lang"), None);
    assert!(text_of(bio).starts_with("Dana trata el dolor pélvico"));
    let sam = html(&site.read_out("es/authors/sam-lee/index.html"));
    assert_eq!(select(&sam, ".bio")[0].value().attr("lang"), Some("en"));
    let clinic = html(&site.read_out("es/clinics/riverside/index.html"));
    assert_eq!(text_of(&select(&clinic, "h1")[0]), "Clínica Riverside");
    assert_eq!(
        text_of(&select(&clinic, ".hours li")[0]),
        "lun–vie 8:00–17:00"
    );
    // The finder filters on the original's values, with translated labels.
    let finder = html(&site.read_out("es/find-a-therapist/index.html"));
    let options: Vec<(String, String)> = select(&finder, "#finder-language option")
        .iter()
        .map(|o| (o.value().attr("value").unwrap().to_string(), text_of(o)))
        .collect();
    assert_eq!(
        options,
        [
            (String::new(), "Cualquier idioma".to_string()),
            ("spanish".to_string(), "Español (1)".to_string()),
            ("english".to_string(), "Inglés (1)".to_string()),
        ]
    );
    assert_eq!(text_of(&select(&finder, "h1")[0]), "Encuentre un terapeuta");
    assert_eq!(
        text_of(&select(&finder, ".finder-intro")[0]),
        "Busque por código postal o por ciudad."
    );
    assert_eq!(
        text_of(&select(&finder, "#finder-status")[0]),
        "2 terapeutas"
    );
    let words = select(&finder, "script#finder-text");
    let words: serde_json::Value = serde_json::from_str(&words[0].inner_html()).unwrap();
    assert_eq!(
        words["no_match"],
        "Ningún terapeuta coincide: pruebe con menos filtros"
    );
    // Whole Spanish sentences, one per case: "al"/"del código postal",
    // never "a el"/"de el" glued from a place and a preposition; and the
    // count of active filters in the singular and the plural.
    for (key, want) in [
        (
            "nearest_zip_first",
            ", primero los más cercanos al código postal {zip}",
        ),
        (
            "nearest_you_first",
            ", primero los más cercanos a su ubicación",
        ),
        ("nearest_zip", "Más cerca del código postal {zip}"),
        ("nearest_you", "Más cerca de su ubicación"),
        ("active_one", "{n} activo"),
        ("active_other", "{n} activos"),
    ] {
        assert_eq!(words[key], want, "{key}");
    }
    let text = words.to_string();
    for glued in ["zip_place", "{place}", "a el ", "de el "] {
        assert!(!text.contains(glued), "{glued} in {text}");
    }
    let english = site.read_out("find-a-therapist/index.html");
    assert!(
        !english.contains("finder-text"),
        "English pages carry no script text"
    );
}

#[test]
fn each_language_has_its_own_search_index() {
    let site = built();
    let titles: serde_json::Value =
        serde_json::from_str(&site.read_out("es/search/titles.json")).unwrap();
    let text = titles.to_string();
    assert!(text.contains("/es/posts/solo-en-espanol/"), "{text}");
    assert!(text.contains("/es/about/"), "{text}");
    assert!(text.contains("/es/authors/dana-reyes/"), "{text}");
    assert!(
        !text.contains("\"/posts/"),
        "English posts in the Spanish index: {text}"
    );
    assert!(!text.contains("/virtual/"), "{text}");
    let page = html(&site.read_out("es/search/index.html"));
    let root = select(&page, "[data-search]");
    assert_eq!(
        root[0].value().attr("data-index"),
        Some("/es/search/index.json")
    );
    let english: serde_json::Value =
        serde_json::from_str(&site.read_out("search/titles.json")).unwrap();
    assert!(!english.to_string().contains("/es/"));
}

#[test]
fn old_addresses_redirect_in_their_language() {
    let site = built();
    let page = site.read_out("2019/dolor-de-cadera/index.html");
    assert_eq!(
        page,
        "<!doctype html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n<title>Esta página cambió de dirección: Por qué duele la cadera por la noche</title>\n<link rel=\"canonical\" href=\"https://riverbend.example/es/posts/hip-pain-at-night/\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url=/es/posts/hip-pain-at-night/\">\n</head>\n<body>\n<p>Esta página ahora está en <a href=\"/es/posts/hip-pain-at-night/\">Por qué duele la cadera por la noche</a>.</p>\n</body>\n</html>\n"
    );
}

#[test]
fn markdown_and_missing_pages_speak_spanish() {
    let site = built();
    let post = site.read_out("es/posts/hip-pain-at-night/index.html");
    assert!(post.contains("aria-label=\"Hecho\""), "task list box");
    assert!(post.contains("aria-label=\"Tabla\""), "table region");
    let missing = html(&site.read_out("es/404.html"));
    assert_eq!(
        text_of(&select(&missing, "h1")[0]),
        "No encontramos esta página"
    );
    assert_eq!(select(&missing, "html")[0].value().attr("lang"), Some("es"));
}

#[test]
fn a_site_in_one_language_has_no_language_links() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    for page in site.html_files() {
        let text = site.read_out(&page);
        assert!(!text.contains("hreflang"), "{page}");
        assert!(!text.contains("lang-switch"), "{page}");
    }
    assert!(!site.read_out("sitemap.xml").contains("xhtml"));
    assert!(!site.out_exists("es/index.html"));
}

/// Medical review, credentials, insurance and the disclaimer speak the
/// page's language; a translation without its own disclaimer shows the
/// default language's, marked with its language. So do videos.
#[test]
fn review_credentials_insurance_and_disclaimer_are_translated() {
    let site = Site::fixture("translations");
    site.append(
        "site.yaml",
        "disclaimer: General information, not medical advice.\n",
    );
    let post = "content/posts/hip-pain-at-night.es.md";
    let text = std::fs::read_to_string(site.path(post)).unwrap();
    site.write(
        post,
        text.replace(
            "author: dana-reyes\n",
            "author: dana-reyes\nreviewed_by: sam-lee\nlast_reviewed: 2021-04-05\n",
        ) + "\nhttps://youtu.be/kP3vR8dW2xQ\n",
    );
    let clinic = std::fs::read_to_string(site.path("content/clinics/riverside.md")).unwrap();
    site.write(
        "content/clinics/riverside.md",
        clinic.replacen(
            "---\n",
            "---\ninsurance: [Medicare]\naccepting_new_patients: true\n",
            1,
        ),
    );
    site.build_ok(&[]);
    let page = site.read_out("es/posts/hip-pain-at-night/index.html");
    let doc = html(&page);
    let byline = select(&doc, ".review-byline");
    assert_eq!(
        text_of(&byline[0]),
        "Revisado por Sam Lee, PT, DPT · , el 5 de abril de 2021"
    );
    assert_eq!(
        text_of(&select(&doc, ".video-title")[0]),
        "Video en YouTube"
    );
    let script = select(&doc, "script[data-play]");
    assert_eq!(
        script[0].value().attr("data-play"),
        Some("Reproducir video")
    );
    let disclaimer = select(&doc, ".disclaimer");
    assert_eq!(
        text_of(&disclaimer[0]),
        "Aviso médico General information, not medical advice."
    );
    assert_eq!(
        select(&doc, ".disclaimer-body")[0].value().attr("lang"),
        Some("en")
    );
    let clinic = site.read_out("es/clinics/riverside/index.html");
    assert!(clinic.contains("Seguros médicos que aceptamos"), "{clinic}");
    assert!(clinic.contains("Acepta pacientes nuevos"));
    assert!(!clinic.contains("Insurance we accept"));
    // A translation's own disclaimer, in its own language.
    let config = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        config.replace(
            "    finder:\n",
            "    disclaimer: Información general, no un consejo médico.\n    finder:\n",
        ),
    );
    site.build_ok(&[]);
    let doc = html(&site.read_out("es/posts/hip-pain-at-night/index.html"));
    assert_eq!(
        text_of(&select(&doc, ".disclaimer")[0]),
        "Aviso médico Información general, no un consejo médico."
    );
    assert_eq!(
        select(&doc, ".disclaimer-body")[0].value().attr("lang"),
        None
    );
    let english = html(&site.read_out("posts/hip-pain-at-night/index.html"));
    assert_eq!(
        text_of(&select(&english, ".disclaimer")[0]),
        "Medical disclaimer General information, not medical advice."
    );
}
