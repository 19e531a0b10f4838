use super::*;

fn site<'a>(
    redirects: Vec<Redirect>,
    fingerprinted: &'a [String],
    outputs: &'a [PathBuf],
    loads: &'a Loads,
) -> HostSite<'a> {
    HostSite {
        base_path: "",
        redirects,
        not_found: "/404.html".into(),
        fingerprinted,
        outputs,
        loads,
    }
}

fn redirect(from: &str, to: &str) -> Redirect {
    Redirect {
        from: from.into(),
        to: to.into(),
    }
}

#[test]
fn redirects_one_line_per_alias() {
    assert_eq!(
        formats::redirects(&[
            redirect("/2019/03/old/", "/posts/new/"),
            redirect("/?p=12 x/", "/posts/other/"),
        ]),
        "# Old addresses, moved for good (written by gait).\n/2019/03/old/ /posts/new/ 301\n/%3Fp=12%20x/ /posts/other/ 301\n"
    );
}

#[test]
fn headers_with_fingerprinted_assets_never_set_cache_twice() {
    let outputs: Vec<PathBuf> = [
        "index.html",
        "404.html",
        "feed.xml",
        "posts/a/index.html",
        "css/style.1a2b3c4d.css",
        "css/highlight.css",
        "js/search.5e6f7a8b.js",
        "js/finder.9a8b7c6d.js",
        "images/logo.svg",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect();
    let fingerprinted = [
        "css/style.1a2b3c4d.css".to_string(),
        "js/search.5e6f7a8b.js".to_string(),
        "js/finder.9a8b7c6d.js".to_string(),
    ];
    let loads = Loads::default();
    let text = formats::headers(&site(vec![], &fingerprinted, &outputs, &loads));
    let rules: Vec<&str> = text.lines().filter(|l| l.starts_with('/')).collect();
    assert_eq!(
        rules,
        [
            "/*",
            "/",
            "/404.html",
            "/feed.xml",
            "/index.html",
            "/css/highlight.css",
            "/images/*",
            "/posts/*",
            "/css/style.1a2b3c4d.css",
            "/js/search.5e6f7a8b.js",
            "/js/finder.9a8b7c6d.js",
        ]
    );
    assert!(text.contains(
        "\n/js/finder.9a8b7c6d.js\n  Cache-Control: public, max-age=31536000, immutable\n"
    ));
    assert!(text.contains("\n/posts/*\n  Cache-Control: public, max-age=300\n"));
    // The site-wide rule carries the security headers only.
    let first_block = text.split("\n\n").next().unwrap();
    assert!(!first_block.contains("Cache-Control"));
    assert_eq!(formats::header_rules(&text), 11);

    let apache = formats::htaccess(&site(vec![], &fingerprinted, &outputs, &loads));
    assert!(apache.contains(
        "  Header set Cache-Control \"public, max-age=300\"\n  <FilesMatch \"^(finder\\.9a8b7c6d\\.js|search\\.5e6f7a8b\\.js|style\\.1a2b3c4d\\.css)$\">\n    Header set Cache-Control \"public, max-age=31536000, immutable\"\n  </FilesMatch>\n</IfModule>\n"
    ));
}

#[test]
fn a_site_under_a_path_and_other_origins() {
    let mut loads = Loads::default();
    loads
        .frames
        .insert("https://www.youtube-nocookie.com".into());
    let outputs = [PathBuf::from("index.html")];
    let mut s = site(
        vec![redirect("/blog/2019/old page/", "/blog/posts/new/")],
        &[],
        &outputs,
        &loads,
    );
    s.base_path = "/blog";
    s.not_found = "/blog/404.html".into();
    let files = files(&s);
    let names: Vec<_> = files.iter().map(|(p, _)| p.to_str().unwrap()).collect();
    assert_eq!(names, ["_redirects", "_headers", ".htaccess"]);
    assert!(
        files[1]
            .1
            .starts_with("# Response headers (written by gait).\n/blog/*\n")
    );
    assert!(
        files[1]
            .1
            .contains("; frame-src 'self' https://www.youtube-nocookie.com;")
    );
    assert_eq!(
        files[2].1.lines().take(4).collect::<Vec<_>>(),
        [
            "# Apache settings (written by gait): the 404 page, old addresses, headers.",
            "ErrorDocument 404 /blog/404.html",
            "",
            "Redirect 301 \"/blog/2019/old page/\" /blog/posts/new/",
        ]
    );
}
