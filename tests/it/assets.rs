//! Fingerprinted theme assets: each theme stylesheet and script is also
//! published under a name with a hash of its content, pages refer to that
//! name, and the host files let it be cached for a year. The preview keeps
//! the plain names.

use chrono::Utc;
use gait::pipeline::{BuildOptions, Session, Strictness};
use gait::sink::DirSink;

use crate::common::*;

/// The stylesheet address of the page's first `<link rel="stylesheet">`.
fn stylesheet(page: &str) -> String {
    let doc = html(page);
    let link = select(&doc, "link[rel=stylesheet]");
    link[0].value().attr("href").unwrap().to_string()
}

#[test]
fn pages_use_the_fingerprinted_stylesheet_which_hosts_may_cache_for_a_year() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let href = stylesheet(&site.read_out("index.html"));
    let name = href
        .strip_prefix("/css/style.")
        .unwrap_or_else(|| panic!("{href}"));
    let hash = name.strip_suffix(".css").unwrap();
    assert_eq!(hash.len(), 10, "{href}");
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{href}");
    // The fingerprinted file is the stylesheet, and the plain name stays.
    assert_eq!(site.read_out(&href[1..]), site.read_out("css/style.css"));
    let headers = site.read_out("_headers");
    assert!(
        headers.contains(&format!(
            "{href}\n  Cache-Control: public, max-age=31536000, immutable"
        )),
        "{headers}"
    );
    // The search page's script too.
    let search = site.read_out("search/index.html");
    assert!(search.contains("/js/search."), "{search}");
    assert!(!search.contains("src=\"/js/search.js\""), "{search}");
}

#[test]
fn a_changed_stylesheet_gets_a_new_name() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = stylesheet(&site.read_out("posts/gentle-core-work/index.html"));
    let theme_css =
        std::fs::read_to_string(repo_root().join("themes/clinic/static/css/style.css")).unwrap();
    site.write(
        "static/css/style.css",
        format!("{theme_css}\n.extra {{ color: red; }}\n"),
    );
    site.build_ok(&[]);
    let after = stylesheet(&site.read_out("posts/gentle-core-work/index.html"));
    assert_ne!(before, after);
    assert!(
        site.read_out(&after[1..])
            .contains(".extra { color: red; }")
    );
    assert!(!site.out_exists(&before[1..]), "the old name is gone");
}

#[test]
fn the_preview_keeps_the_plain_names() {
    let site = Site::fixture("basic");
    let out = site.tmp.path().join("preview");
    let mut session = Session::incremental(BuildOptions {
        root: site.root.clone(),
        output: out.clone(),
        base_url: None,
        drafts: false,
        future: false,
        fingerprint_assets: false,
    });
    let now = Utc::now();
    let prepared = session.prepare(now, Strictness::Build).unwrap();
    session
        .write(&prepared, &DirSink(out.clone()), now)
        .unwrap();
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(stylesheet(&page), "/css/style.css");
}
