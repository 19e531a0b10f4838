//! The scripts of a page in Spanish say their words in Spanish: the
//! finder's counts and messages and the search page's results, from the
//! text the page carries (`#finder-text`, `#search-text`).

use crate::browser;

use std::sync::OnceLock;

use browser::{Options, js, wait_for, wait_status, with_browser};

/// The translations fixture, built once and served for the whole test binary.
fn site() -> &'static str {
    static SITE: OnceLock<(browser::BuiltSite, String)> = OnceLock::new();
    let (_, origin) = SITE.get_or_init(|| {
        let built = browser::build_fixture("translations", |_| {});
        let origin = browser::serve(built.public.clone());
        (built, origin)
    });
    origin
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_spanish_finder_counts_in_spanish() {
    let tools = browser::tools();
    let origin = site().to_string();
    with_browser(&tools, Options::default(), move |c| async move {
        let open = |query: &'static str| {
            let url = format!("{origin}/es/find-a-therapist/{query}");
            let c = c.clone();
            async move {
                c.goto(&url).await.unwrap();
                wait_for(
                    &c,
                    "document.querySelector('.finder.finder-js')",
                    "the finder script",
                )
                .await;
            }
        };
        open("").await;
        assert_eq!(
            wait_status(&c, "the total", |s| s == "2 terapeutas").await,
            "2 terapeutas"
        );
        open("?language=spanish").await;
        assert_eq!(
            wait_status(&c, "one match", |s| s.starts_with('1')).await,
            "1 terapeuta coincide"
        );
        let active = js(
            &c,
            "return document.querySelector('.finder-filters-active').textContent;",
        )
        .await;
        // One filter is "1 activo", two are "2 activos" (was "1 activos":
        // the script had one text for every number).
        assert_eq!(active, "1 activo");
        open("?language=spanish&accepting=1").await;
        wait_status(&c, "one match", |s| s.starts_with('1')).await;
        let active = js(
            &c,
            "return document.querySelector('.finder-filters-active').textContent;",
        )
        .await;
        assert_eq!(active, "2 activos");
        // Sorted by a ZIP code: whole Spanish sentences, "al" and "del"
        // (was "a el código postal" and "de el código postal").
        open("?zip=97201").await;
        assert_eq!(
            wait_status(&c, "sorted", |s| s.contains("cercanos")).await,
            "2 terapeutas, primero los más cercanos al código postal 97201"
        );
        let title = js(
            &c,
            "return document.querySelector('.finder-sorted h2').textContent;",
        )
        .await;
        assert_eq!(title, "Más cerca del código postal 97201");
        open("?q=zzzz").await;
        assert_eq!(
            wait_status(&c, "no match", |s| s.starts_with("Ningún")).await,
            "Ningún terapeuta coincide: pruebe con menos filtros"
        );
        open("?zip=123").await;
        let msg = wait_for(
            &c,
            "document.getElementById('finder-zip-msg').textContent",
            "the ZIP message",
        )
        .await;
        assert_eq!(msg, "Escriba un código postal de 5 cifras, como 78701.");
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_spanish_search_finds_spanish_posts_and_says_so_in_spanish() {
    let tools = browser::tools();
    let origin = site().to_string();
    with_browser(&tools, Options::default(), move |c| async move {
        c.goto(&format!("{origin}/es/search/?q=cadera"))
            .await
            .unwrap();
        wait_for(
            &c,
            "document.getElementById('search-status').textContent === '1 resultado para “cadera”'",
            "the Spanish count",
        )
        .await;
        let first = js(
            &c,
            "return document.querySelector('#search-results a').getAttribute('href');",
        )
        .await;
        assert_eq!(first, "/es/posts/hip-pain-at-night/");
        let meta = js(
            &c,
            "return document.querySelector('#search-results .search-result-meta').textContent;",
        )
        .await;
        assert_eq!(meta, "2 de marzo de 2021 · , Por Dana Reyes, DPT, PRPC");
        c.goto(&format!("{origin}/es/search/?q=zzzz"))
            .await
            .unwrap();
        wait_for(
            &c,
            "document.getElementById('search-status').textContent.startsWith('No hay resultados para “zzzz”')",
            "no results, in Spanish",
        )
        .await;
        // The English page keeps its English words.
        c.goto(&format!("{origin}/search/?q=hip")).await.unwrap();
        wait_for(
            &c,
            "/^\\d+ results? for “hip”$/.test(document.getElementById('search-status').textContent)",
            "the English count",
        )
        .await;
    });
}
