//! The demo site's layout in Chromium. On a phone (360 × 740): the article
//! title starts high up, code scrolls sideways instead of wrapping, phone
//! numbers and e-mail addresses never break badly, and the compact header
//! keeps the phone number, the search and every menu entry in reach. On a
//! desktop: the cards of one row are equally tall, names look like links.

use crate::browser;
use crate::common;

use std::sync::OnceLock;

use browser::{Options, js, wait_for, with_browser};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const PHONE: Options = Options {
    javascript: true,
    width: 360,
    height: 740,
    args: Vec::new(),
};

/// The demo site, built once and served on 127.0.0.1, and its post pages.
fn demo() -> &'static (common::Site, String, Vec<String>) {
    static SITE: OnceLock<(common::Site, String, Vec<String>)> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = common::Site::demo();
        site.build_ok(&[]);
        let mut posts: Vec<String> = std::fs::read_dir(site.public().join("posts"))
            .unwrap()
            .map(|e| format!("/posts/{}/", e.unwrap().file_name().to_string_lossy()))
            .collect();
        posts.sort();
        let origin = browser::serve(site.public());
        (site, origin, posts)
    })
}

async fn open(c: &Client, url: &str) {
    c.goto(url).await.unwrap();
    wait_for(c, "document.readyState === 'complete'", "the page").await;
}

/// Every visible `tel:` link and phone number in text that takes more than
/// one line box, as "text (n boxes)".
const BROKEN_PHONES: &str =
    "return [...document.querySelectorAll('a[href^=\"tel:\"], .phone-number')]
    .filter(e => e.checkVisibility())
    .filter(e => e.getClientRects().length !== 1)
    .map(e => e.textContent.trim() + ' (' + e.getClientRects().length + ' boxes)');";

/// Where each visible `mailto:` link breaks across lines: the text before
/// and after each break, as "before|after".
const EMAIL_BREAKS: &str = "const out = [];
    for (const a of document.querySelectorAll('a[href^=\"mailto:\"]')) {
      if (!a.checkVisibility()) continue;
      const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
      const chars = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < n.data.length; i++) {
          const r = document.createRange();
          r.setStart(n, i); r.setEnd(n, i + 1);
          chars.push([n.data[i], r.getBoundingClientRect().top]);
        }
      }
      const text = chars.map(c => c[0]).join('');
      for (let i = 1; i < chars.length; i++) {
        if (chars[i][1] > chars[i - 1][1] + 2) out.push(text.slice(0, i) + '|' + text.slice(i));
      }
    }
    return out;";

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn article_titles_start_high_and_contact_details_stay_whole() {
    let tools = browser::tools();
    let (_, origin, posts) = demo();
    let origin = origin.clone();
    let mut pages: Vec<String> = posts.clone();
    assert!(pages.len() >= 10, "{pages:?}");
    pages.extend(
        [
            "/",
            "/authors/",
            "/authors/avery-sato/",
            "/clinics/",
            "/clinics/austin/",
            "/find-a-therapist/",
            "/about/",
        ]
        .map(String::from),
    );
    with_browser(&tools, PHONE, move |c| async move {
        let mut problems = Vec::new();
        let mut emails_seen = 0;
        let mut numbers_in_text = 0;
        for page in &pages {
            open(&c, &format!("{origin}{page}")).await;
            let facts = js(
                &c,
                "return {
                    h1: document.querySelector('h1').getBoundingClientRect().top,
                    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                    phone: (() => { const a = document.querySelector('.header-phone a'); const r = a.getBoundingClientRect();
                                    return a.checkVisibility() && r.bottom <= 80; })(),
                    emails: document.querySelectorAll('a[href^=\"mailto:\"]').length,
                    numbers: document.querySelectorAll('.phone-number').length,
                 };",
            )
            .await;
            if page.starts_with("/posts/") && facts["h1"].as_f64().unwrap() > 320.0 {
                problems.push(format!("{page}: the title starts at {} px", facts["h1"]));
            }
            if facts["overflow"] != 0 {
                problems.push(format!(
                    "{page}: the page scrolls sideways by {}",
                    facts["overflow"]
                ));
            }
            if facts["phone"] != true {
                problems.push(format!(
                    "{page}: the header's phone number is not in the first row"
                ));
            }
            emails_seen += facts["emails"].as_u64().unwrap();
            numbers_in_text += facts["numbers"].as_u64().unwrap();
            let phones = js(&c, BROKEN_PHONES).await;
            if phones != json!([]) {
                problems.push(format!("{page}: phone numbers on two lines: {phones}"));
            }
            // An address breaks only after the @ or before a dot.
            for b in js(&c, EMAIL_BREAKS).await.as_array().unwrap() {
                let b = b.as_str().unwrap();
                let (before, after) = b.split_once('|').unwrap();
                if !(before.ends_with('@') || after.starts_with('.')) {
                    problems.push(format!("{page}: an e-mail address breaks at {b}"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert!(emails_seen > 10, "e-mail links checked: {emails_seen}");
        assert!(
            numbers_in_text >= 10,
            "phone numbers in text checked: {numbers_in_text}"
        );
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_austin_address_breaks_after_the_at_sign() {
    let tools = browser::tools();
    let url = format!("{}/clinics/austin/", demo().1);
    with_browser(&tools, PHONE, move |c| async move {
        open(&c, &url).await;
        let link = js(&c, "const a = document.querySelector('.clinic-info a[href^=\"mailto:\"]'); return [a.getAttribute('href'), a.innerHTML];").await;
        assert_eq!(
            link,
            json!([
                "mailto:austin@kestrelpelvichealth.example",
                "austin@<wbr>kestrelpelvichealth<wbr>.example"
            ])
        );
        assert_eq!(
            js(&c, EMAIL_BREAKS).await,
            json!(["austin@|kestrelpelvichealth.example"]),
            "too long for one line at 360 px, it breaks after the @"
        );
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn code_blocks_scroll_sideways_and_by_keyboard() {
    let tools = browser::tools();
    let origin = demo().1.clone();
    with_browser(&tools, PHONE, move |c| async move {
        for page in [
            "/posts/three-day-bladder-diary/",
            "/posts/home-program-log/",
        ] {
            open(&c, &format!("{origin}{page}")).await;
            let blocks = js(
                &c,
                "return [...document.querySelectorAll('.content pre')].map(p => {
                    const s = getComputedStyle(p);
                    return [s.whiteSpace, s.overflowX, p.tabIndex, p.getAttribute('role'), p.getAttribute('aria-label'),
                            p.scrollWidth > p.clientWidth];
                 });",
            )
            .await;
            let blocks = blocks.as_array().unwrap();
            assert!(!blocks.is_empty(), "{page} has code blocks");
            for b in blocks {
                assert_eq!(
                    b.as_array().unwrap()[..5],
                    json!(["pre", "auto", 0, "region", "Code"])
                        .as_array()
                        .unwrap()[..],
                    "{page}: {b}"
                );
            }
            assert!(
                blocks.iter().any(|b| b[5] == true),
                "{page}: at 360 px some block is wider than its box: {blocks:?}"
            );
            // The keyboard reaches the block and scrolls it.
            let pre = c.find(Locator::Css(".content pre")).await.unwrap();
            js(&c, "const p = document.querySelector('.content pre'); p.scrollIntoView(); p.focus(); return 1;").await;
            assert_eq!(
                js(
                    &c,
                    "return document.activeElement === document.querySelector('.content pre');"
                )
                .await,
                true
            );
            for _ in 0..4 {
                pre.send_keys("\u{E014}").await.unwrap(); // Arrow right
            }
            let left = wait_for(
                &c,
                "document.querySelector('.content pre').scrollLeft",
                "the block to scroll",
            )
            .await;
            assert!(left.as_f64().unwrap() > 0.0, "{page}: scrollLeft {left}");
        }
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_phone_header_is_compact_and_everything_stays_in_reach() {
    let tools = browser::tools();
    let origin = demo().1.clone();
    // Without JavaScript: <details> and a plain form are all it needs.
    for javascript in [true, false] {
        let origin = origin.clone();
        let opts = Options {
            javascript,
            ..PHONE
        };
        with_browser(&tools, opts, move |c| async move {
            open(&c, &format!("{origin}/posts/pelvic-pain-in-men/")).await;
            let header: Value = js(
                &c,
                "const h = document.querySelector('.site-header').getBoundingClientRect();
                 const ul = document.querySelector('.main-nav ul');
                 return [Math.round(h.height) <= 120, getComputedStyle(document.querySelector('.header-search')).display,
                         ul.scrollWidth > ul.clientWidth, getComputedStyle(ul).flexWrap];",
            )
            .await;
            assert_eq!(
                header,
                json!([true, "none", true, "nowrap"]),
                "a short header: search behind a button, the menu one scrolling row"
            );
            // The last menu entry is reachable: focusing it scrolls it into view.
            js(
                &c,
                "document.querySelector('.main-nav li:last-child a').focus(); return 1;",
            )
            .await;
            let last = js(&c, "const r = document.querySelector('.main-nav li:last-child a').getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth;").await;
            assert_eq!(last, true, "the last menu entry scrolls into view");
            // The search button opens a form that searches.
            let toggle = c
                .find(Locator::Css(".header-search-toggle > summary"))
                .await
                .unwrap();
            let size = js(&c, "const r = document.querySelector('.header-search-toggle > summary').getBoundingClientRect(); return [r.width >= 44, r.height >= 44];").await;
            assert_eq!(size, json!([true, true]));
            toggle.click().await.unwrap();
            let field = c.find(Locator::Css("#header-search-drop-q")).await.unwrap();
            assert!(field.is_displayed().await.unwrap());
            field.send_keys("pelvic\u{E007}").await.unwrap(); // Enter
            wait_for(&c, "location.pathname === '/search/'", "the search page").await;
            assert_eq!(js(&c, "return location.search;").await, "?q=pelvic");
        });
    }
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn cards_in_a_row_are_equally_tall_and_names_look_like_links() {
    let tools = browser::tools();
    let origin = demo().1.clone();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, &format!("{origin}/")).await;
        // Rows of cards: [top, [heights]] for each row of the home page.
        let rows = js(
            &c,
            "const rows = new Map();
             for (const card of document.querySelectorAll('.card-list > .card')) {
               const r = card.getBoundingClientRect();
               const top = Math.round(r.top);
               rows.set(top, (rows.get(top) || []).concat([Math.round(r.height)]));
             }
             return [...rows.values()];",
        )
        .await;
        let rows: Vec<Vec<i64>> = serde_json::from_value(rows).unwrap();
        assert!(rows.iter().any(|r| r.len() > 1), "{rows:?}");
        for row in &rows {
            assert!(
                row.iter().all(|h| *h == row[0]),
                "heights in a row: {rows:?}"
            );
        }
        // A therapist's name on the team page: link colour and underline.
        open(&c, &format!("{origin}/authors/")).await;
        let name = js(
            &c,
            "const s = getComputedStyle(document.querySelector('.person-card .card-title a'));
             return [s.textDecorationLine, s.color];",
        )
        .await;
        assert_eq!(name, json!(["underline", "rgb(14, 102, 96)"]));
    });
}

/// Every visible round photo (`img.avatar`): [name, width, height].
const AVATARS: &str = "return [...document.querySelectorAll('img.avatar')]
    .filter(e => e.checkVisibility())
    .map(e => { const r = e.getBoundingClientRect();
      return [e.currentSrc.split('/').pop(), Math.round(r.width), Math.round(r.height)]; });";

/// The therapists' photos on the finder, the team page and bylines stay
/// circles of their set size on a phone and a desktop. They come wrapped
/// in <picture>, which shrank in the finder card's flex row: the photos
/// were ovals 72 px tall and 38 to 62 px wide.
#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn therapist_photos_stay_round_at_their_size() {
    let tools = browser::tools();
    for opts in [PHONE, Options::default()] {
        let width = opts.width;
        let origin = demo().1.clone();
        with_browser(&tools, opts, move |c| async move {
            for (page, size) in [
                ("/find-a-therapist/", 72),
                ("/es/find-a-therapist/", 72),
                ("/authors/", 112),
                ("/posts/kegels-are-not-always-the-answer/", 48),
            ] {
                open(&c, &format!("{origin}{page}")).await;
                let photos: Vec<(String, i64, i64)> =
                    serde_json::from_value(js(&c, AVATARS).await).unwrap();
                assert!(!photos.is_empty(), "{page} at {width} px has no photo");
                for (name, w, h) in &photos {
                    assert_eq!(
                        (*w, *h),
                        (size, size),
                        "{name} on {page} at {width} px: {photos:?}"
                    );
                }
            }
        });
    }
}

/// A label of a finder card: text, words, lines, left edge, width.
type Label = (String, usize, usize, i64, i64);
/// A menu of the finder's filters: name, room for its text, and the texts
/// it must show with their widths.
type Menu = (String, i64, Vec<(String, i64)>);

/// The Spanish finder on a desktop: the cards' labels break between words
/// only ("Especialidades" broke into "Especialidade / s" in a 7.5rem
/// column) and line up in one column per card, and the filters' menus show
/// their text ("Cualquier especialida" was cut off): each menu its first
/// choice, the specialty menu every one of its choices.
#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn the_spanish_finder_keeps_its_labels_and_menus_whole() {
    let tools = browser::tools();
    let origin = demo().1.clone();
    with_browser(&tools, Options::default(), move |c| async move {
        open(&c, &format!("{origin}/es/find-a-therapist/")).await;
        // Each label: [text, words, lines, left edge, width].
        let labels = js(
            &c,
            "return [...document.querySelectorAll('.finder-card')].filter(e => e.checkVisibility()).map(card =>
               [...card.querySelectorAll('.finder-facts dt')].map(dt => {
                 const r = document.createRange(); r.selectNodeContents(dt);
                 const box = dt.getBoundingClientRect();
                 return [dt.textContent, dt.textContent.split(/\\s+/).length, r.getClientRects().length,
                   Math.round(box.left), Math.round(box.width)];
               }));",
        )
        .await;
        let cards: Vec<Vec<Label>> = serde_json::from_value(labels).unwrap();
        assert!(cards.iter().flatten().any(|l| l.0 == "Especialidades"));
        for card in &cards {
            for (text, words, lines, ..) in card {
                assert!(lines <= words, "{text:?} takes {lines} lines: {card:?}");
            }
            assert!(
                card.iter().all(|l| (l.3, l.4) == (card[0].3, card[0].4)),
                "labels in one column: {card:?}"
            );
        }
        // Each menu: [name, room for text, widths of the texts it must show].
        // Chromium draws the arrow inside the right padding and a little
        // more: 24 px are kept for it.
        let menus = js(
            &c,
            "const g = document.createElement('canvas').getContext('2d');
             return [...document.querySelectorAll('.finder-form select')].map(s => {
               const cs = getComputedStyle(s);
               g.font = cs.font;
               const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
               const shown = s.name === 'specialty' ? [...s.options] : [s.options[0]];
               return [s.name, Math.floor(room), shown.map(o => [o.textContent, Math.ceil(g.measureText(o.textContent).width)])];
             });",
        )
        .await;
        let menus: Vec<Menu> = serde_json::from_value(menus).unwrap();
        assert_eq!(menus.len(), 3);
        for (name, room, texts) in &menus {
            for (text, width) in texts {
                assert!(
                    width + 24 <= *room,
                    "{name}: {text:?} needs {width} px, has {room}"
                );
            }
        }
    });
}
