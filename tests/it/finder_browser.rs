//! The therapist finder in a real browser (headless Chromium + chromedriver):
//! filters, shared links, ZIP sorting, and the page without JavaScript.
//!
//! The fixture (tests/fixtures/finder) has 10 therapists: two of the clinic's
//! own (Austin TX, Lexington KY; a third author has `finder: false`) and eight
//! referrals in Waco TX, Louisville KY, Denver CO, Houston TX, Seattle WA
//! (ZIP but no coordinates), Anchorage AK (no location), Nashville TN and
//! Tucson AZ.
//!
//! The filter-keystroke benchmark with 2,000 therapists is the ignored test
//! `bench_filter_keystroke_2000`:
//!   cargo test --test finder_browser -- --ignored --nocapture bench_

use crate::browser;

use std::sync::OnceLock;

use browser::{Options, js, visible_cards, wait_for, wait_search, wait_status, with_browser};
use fantoccini::Locator;

const PAGE: &str = "/find-a-therapist/";

/// The fixture site, built once and served for the whole test binary.
fn site() -> &'static str {
    static SITE: OnceLock<(browser::BuiltSite, String)> = OnceLock::new();
    let (_, origin) = SITE.get_or_init(|| {
        let built = browser::build_fixture("finder", |_| {});
        let origin = browser::serve(built.public.clone());
        (built, origin)
    });
    origin
}

/// Open the finder at `url` and wait for its script.
async fn open_finder(c: &fantoccini::Client, url: &str) {
    c.goto(url).await.unwrap();
    wait_for(
        c,
        "document.querySelector('.finder.finder-js')",
        "the finder script",
    )
    .await;
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn filtering_by_specialty_and_text_narrows_the_cards() {
    let tools = browser::tools();
    let url = format!("{}{PAGE}", site());
    with_browser(&tools, Options::default(), move |c| async move {
        open_finder(&c, &url).await;
        assert_eq!(
            wait_status(&c, "the total", |s| s == "10 therapists").await,
            "10 therapists"
        );
        assert_eq!(visible_cards(&c).await.len(), 10);

        // Specialty: the select's options carry counts.
        let select = c.find(Locator::Css("#finder-specialty")).await.unwrap();
        let label = js(&c, "return document.querySelector('#finder-specialty option[value=\"male-pelvic-health\"]').textContent;").await;
        assert_eq!(label, "Male pelvic health (3)");
        select.select_by_value("male-pelvic-health").await.unwrap();
        let status = wait_status(&c, "3 matches", |s| s.starts_with("3 ")).await;
        assert_eq!(status, "3 therapists match");
        assert_eq!(
            visible_cards(&c).await,
            ids(&["staff-ben-cole", "referral-7", "referral-1"])
        );
        // Groups without a match are hidden, the others stay: the clinic's
        // own therapist first, then the referrals.
        let states = js(&c, "return [...document.querySelectorAll('.finder-part')].filter(p => p.checkVisibility()).map(p =>
            [p.querySelector('h2').textContent, [...p.querySelectorAll('.finder-state > h3')].filter(e => e.checkVisibility()).map(e => e.textContent)]);").await;
        assert_eq!(
            states,
            serde_json::json!([
                ["Our therapists", ["Kentucky"]],
                ["Therapists we refer to", ["Tennessee", "Texas"]]
            ])
        );
        let houston = js(&c, "return [...document.querySelectorAll('.finder-city h4')].find(e => e.textContent.startsWith('Houston')).checkVisibility();").await;
        assert_eq!(
            houston, false,
            "Houston has no match and its heading is hidden"
        );

        // Text, typed key by key, on top of the specialty.
        let q = c.find(Locator::Css("#finder-q")).await.unwrap();
        q.send_keys("waco").await.unwrap();
        assert_eq!(
            wait_status(&c, "1 match", |s| s.starts_with("1 ")).await,
            "1 therapist matches"
        );
        assert_eq!(visible_cards(&c).await, ids(&["referral-1"]));
        let search = wait_for(
            &c,
            "location.search.includes('q=waco') && location.search",
            "the URL to follow",
        )
        .await;
        assert_eq!(search, "?q=waco&specialty=male-pelvic-health");

        // Nothing matches: said so.
        q.send_keys("zzz").await.unwrap();
        let none = wait_status(&c, "no match", |s| s.starts_with("No ")).await;
        assert!(none.starts_with("No therapists match"), "{none}");
        assert!(visible_cards(&c).await.is_empty());

        // Text alone, without accents or case: "tomas" finds "Tomás", "PRACTICE" words too.
        c.find(Locator::Css(".finder-clear"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_status(&c, "the total again", |s| s == "10 therapists").await;
        wait_search(&c, "").await;
        q.send_keys("TOMAS").await.unwrap();
        wait_status(&c, "1 match", |s| s.starts_with("1 ")).await;
        assert_eq!(visible_cards(&c).await, ids(&["referral-4"]));
        js(&c, "const q = document.getElementById('finder-q'); q.value = ''; q.dispatchEvent(new Event('input', {bubbles: true}));").await;
        q.send_keys("saguaro").await.unwrap(); // the practice
        wait_status(&c, "1 match", |s| s.starts_with("1 ")).await;
        assert_eq!(visible_cards(&c).await, ids(&["referral-8"]));

        // Checkboxes: accepting new patients is only the ones known to be.
        js(&c, "document.querySelector('.finder-clear').click();").await;
        wait_status(&c, "the total", |s| s == "10 therapists").await;
        c.find(Locator::Css("#finder-accepting"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_status(&c, "1 match", |s| s.starts_with("1 ")).await;
        assert_eq!(visible_cards(&c).await, ids(&["staff-ana-ruiz"]));
        wait_search(&c, "?accepting=1").await;
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn a_shared_query_url_opens_pre_filtered() {
    let tools = browser::tools();
    let origin = site().to_string();
    with_browser(&tools, Options::default(), move |c| async move {
        c.goto(&format!(
            "{origin}{PAGE}?specialty=male-pelvic-health&state=TX&virtual=1&q=waco"
        ))
        .await
        .unwrap();
        assert_eq!(
            wait_status(&c, "1 match", |s| s.starts_with("1 ")).await,
            "1 therapist matches"
        );
        assert_eq!(visible_cards(&c).await, ids(&["referral-1"]));
        let controls = js(&c, "const f = document.getElementById('finder-form');
            return [f.q.value, f.specialty.value, f.state.value, f.virtual.checked, f.accepting.checked];").await;
        assert_eq!(
            controls,
            serde_json::json!(["waco", "male-pelvic-health", "TX", true, false])
        );

        // A state with "virtual visits" also finds therapists licensed for
        // telehealth there (Nashville TN treats KY by video); Ben in
        // Lexington sees patients in person only.
        c.goto(&format!("{origin}{PAGE}?state=KY&virtual=1"))
            .await
            .unwrap();
        wait_status(&c, "2 matches", |s| s.starts_with("2 ")).await;
        assert_eq!(visible_cards(&c).await, ids(&["referral-2", "referral-7"]));

        // Unknown values are ignored, not an empty page.
        c.goto(&format!(
            "{origin}{PAGE}?specialty=no-such-thing&language=SPANISH"
        ))
        .await
        .unwrap();
        wait_status(&c, "4 matches", |s| s.starts_with("4 ")).await;
        assert_eq!(
            js(
                &c,
                "return document.getElementById('finder-language').value;"
            )
            .await,
            "spanish"
        );
        wait_search(&c, "?language=spanish").await;
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn zip_code_sorts_by_distance() {
    let tools = browser::tools();
    let url = format!("{}{PAGE}", site());
    with_browser(&tools, Options::default(), move |c| async move {
        open_finder(&c, &url).await;
        let zip = c.find(Locator::Css("#finder-zip")).await.unwrap();
        zip.send_keys("40202").await.unwrap(); // Louisville, KY
        let status = wait_status(&c, "sorted", |s| s.contains("nearest")).await;
        assert_eq!(status, "10 therapists, nearest to ZIP 40202 first");
        let title = js(
            &c,
            "return document.querySelector('.finder-sorted h2').textContent;",
        )
        .await;
        assert_eq!(title, "Nearest to ZIP 40202");
        wait_search(&c, "?zip=40202").await;

        let cards = visible_cards(&c).await;
        assert_eq!(cards.len(), 10);
        assert_eq!(
            &cards[..3],
            ids(&["referral-2", "staff-ben-cole", "referral-7"])
        );
        assert_eq!(
            cards.last().unwrap(),
            "referral-6",
            "Anchorage has no location: last"
        );
        let distances = js(&c, "return [...document.querySelectorAll('.finder-card')].filter(e => e.checkVisibility() && !e.closest('.finder-off')).map(e => e.querySelector('.finder-distance').textContent);").await;
        let distances: Vec<String> = serde_json::from_value(distances).unwrap();
        assert_eq!(distances[0], "Under 1 mi", "Louisville is in ZIP 40202");
        assert_eq!(distances.last().unwrap(), "Distance unknown");
        let miles: Vec<f64> = distances[..9]
            .iter()
            .map(|d| {
                assert!(d.ends_with(" mi"), "{d}");
                d.trim_end_matches(" mi")
                    .replace(',', "")
                    .replace("Under 1", "0")
                    .parse()
                    .unwrap()
            })
            .collect();
        assert!(
            miles.windows(2).all(|w| w[0] <= w[1]),
            "not nearest first: {distances:?}"
        );
        // Lexington is about 70 miles from Louisville.
        assert!((60.0..80.0).contains(&miles[1]), "{distances:?}");
        // Seattle has only a ZIP code: its centroid gives it a distance.
        let seattle = cards.iter().position(|c| c == "referral-5").unwrap();
        assert!(miles[seattle] > 1800.0, "{distances:?}");
        // While sorted, the state and city headings are hidden: one flat list.
        assert_eq!(
            js(
                &c,
                "return document.querySelector('.finder-results').checkVisibility();"
            )
            .await,
            false
        );
        assert_eq!(
            js(
                &c,
                "return document.querySelector('.finder-sorted h2').textContent;"
            )
            .await,
            "Nearest to ZIP 40202"
        );

        // Filters still apply while sorted.
        c.find(Locator::Css("#finder-specialty"))
            .await
            .unwrap()
            .select_by_value("male-pelvic-health")
            .await
            .unwrap();
        wait_status(&c, "3 matches", |s| s.starts_with("3 ")).await;
        assert_eq!(
            visible_cards(&c).await,
            ids(&["staff-ben-cole", "referral-7", "referral-1"])
        );
        js(&c, "const s = document.getElementById('finder-specialty'); s.value = ''; s.dispatchEvent(new Event('change', {bubbles: true}));").await;

        // An unknown ZIP says so, and the list goes back to states.
        js(&c, "const z = document.getElementById('finder-zip'); z.value = ''; z.dispatchEvent(new Event('input', {bubbles: true}));").await;
        zip.send_keys("00000").await.unwrap();
        let status = wait_status(&c, "not found", |s| s.contains("not found")).await;
        assert!(
            status.starts_with("ZIP code 00000 was not found"),
            "{status}"
        );
        assert_eq!(
            js(
                &c,
                "return document.getElementById('finder-zip').getAttribute('aria-invalid');"
            )
            .await,
            "true"
        );
        assert_eq!(
            js(
                &c,
                "return document.querySelector('.finder-results').checkVisibility();"
            )
            .await,
            true
        );
        assert_eq!(visible_cards(&c).await.len(), 10);

        // A shared link with a ZIP opens sorted.
        c.goto(&format!("{url}?zip=98101")).await.unwrap(); // Seattle
        wait_status(&c, "sorted", |s| s.contains("nearest to ZIP 98101")).await;
        assert_eq!(visible_cards(&c).await[0], "referral-5");
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn use_my_location_sorts_by_distance() {
    let tools = browser::tools();
    let url = format!("{}{PAGE}", site());
    with_browser(&tools, Options::default(), move |c| async move {
        open_finder(&c, &url).await;
        // The browser's permission prompt can't be answered headless: stand in
        // for the Geolocation API with a position in Denver.
        js(&c, "navigator.geolocation.getCurrentPosition = (ok) => setTimeout(() => ok({coords: {latitude: 39.74, longitude: -104.99}}), 10);").await;
        let button = c.find(Locator::Css(".finder-locate")).await.unwrap();
        assert!(button.is_displayed().await.unwrap());
        button.click().await.unwrap();
        wait_status(&c, "sorted", |s| s.contains("nearest to your location")).await;
        let cards = visible_cards(&c).await;
        assert_eq!(cards[0], "referral-3", "Denver first");
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert_eq!(
            js(&c, "return location.search;").await,
            "",
            "a position never goes in the URL"
        );
    });
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn without_javascript_every_therapist_is_listed_by_state() {
    let tools = browser::tools();
    let url = format!("{}{PAGE}?specialty=male-pelvic-health", site());
    with_browser(
        &tools,
        Options {
            javascript: false,
            ..Options::default()
        },
        move |c| async move {
            c.goto(&url).await.unwrap();
            // The clinic's own therapists, then the referrals, each by state.
            let parts = js(&c, "return [...document.querySelectorAll('.finder-part')].map(p =>
                [p.querySelector('h2').textContent, [...p.querySelectorAll('.finder-state > h3')].map(e => e.textContent)]);").await;
            assert_eq!(
                parts,
                serde_json::json!([
                    ["Our therapists", ["Kentucky", "Texas"]],
                    [
                        "Therapists we refer to",
                        [
                            "Alaska",
                            "Arizona",
                            "Colorado",
                            "Kentucky",
                            "Tennessee",
                            "Texas",
                            "Washington"
                        ]
                    ]
                ])
            );
            let cards = c.find_all(Locator::Css(".finder-card")).await.unwrap();
            assert_eq!(cards.len(), 10);
            for card in &cards {
                assert!(
                    card.is_displayed().await.unwrap(),
                    "every card shows without JavaScript"
                );
            }
            let first = js(&c, "return [...document.querySelectorAll('.finder-card')].slice(0, 3).map(e => e.dataset.id);").await;
            assert_eq!(
                first,
                serde_json::json!(["staff-ben-cole", "staff-ana-ruiz", "referral-6"])
            );
            let mut cities = Vec::new();
            for id in ["#our-TX", "#state-TX"] {
                let texas = c.find(Locator::Css(id)).await.unwrap();
                for h in texas.find_all(Locator::Css("h4")).await.unwrap() {
                    // "Austin" and, for screen readers, ", TX".
                    cities.push(h.text().await.unwrap().replace('\n', ""));
                }
            }
            assert_eq!(cities, ["Austin, TX", "Houston, TX", "Waco, TX"]);
            let status = c.find(Locator::Css("[role=status]")).await.unwrap();
            assert_eq!(status.text().await.unwrap(), "10 therapists");
            // The filters wait behind "Filter"; opened, the plain form
            // works: its submit button shows, the script-only ones don't.
            let submit = c.find(Locator::Css(".finder-submit")).await.unwrap();
            assert!(
                !submit.is_displayed().await.unwrap(),
                "filters start closed"
            );
            c.find(Locator::Css(".finder-filters-toggle"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            assert!(submit.is_displayed().await.unwrap());
            assert!(
                !c.find(Locator::Css(".finder-locate"))
                    .await
                    .unwrap()
                    .is_displayed()
                    .await
                    .unwrap()
            );
            let noscript = c.find(Locator::Css(".finder-noscript")).await.unwrap();
            assert!(noscript.text().await.unwrap().contains("need JavaScript"));
            // Submitting it is a GET to the page itself.
            c.find(Locator::Css("#finder-q"))
                .await
                .unwrap()
                .send_keys("waco")
                .await
                .unwrap();
            c.find(Locator::Css(".finder-submit"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            // The click starts a navigation; a loaded machine may still
            // show the old address for a moment, so wait for the new one.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            let now = loop {
                let now = c.current_url().await.unwrap();
                if now.query().unwrap_or_default().contains("q=waco")
                    || std::time::Instant::now() > deadline
                {
                    break now;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            };
            assert_eq!(now.path(), PAGE);
            assert!(now.query().unwrap_or_default().contains("q=waco"), "{now}");
        },
    );
}

#[test]
#[cfg_attr(
    gait_missing_chromium,
    ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"
)]
fn controls_are_labelled_and_targets_big_enough() {
    let tools = browser::tools();
    let url = format!("{}{PAGE}", site());
    for width in [1280, 360] {
        let url = url.clone();
        with_browser(
            &tools,
            Options {
                width,
                ..Options::default()
            },
            move |c| async move {
                open_finder(&c, &url).await;
                assert_eq!(
                    js(&c, "return document.querySelectorAll('h1').length;").await,
                    1
                );
                let unlabelled = js(&c, "return [...document.querySelectorAll('.finder-form input, .finder-form select')]
                .filter(e => !e.labels || e.labels.length === 0 || !e.labels[0].textContent.trim()).map(e => e.name);").await;
                assert_eq!(
                    unlabelled,
                    serde_json::json!([]),
                    "controls without a label"
                );
                // WCAG 2.5.8: targets of at least 24 × 24 px (links inside a
                // sentence are exempt; these stand alone).
                let small = js(&c, "return [...document.querySelectorAll('.finder-form input, .finder-form select, .finder button, .finder-contact a, .finder-jump a, .finder-practice a')]
                .filter(e => e.checkVisibility())
                .map(e => [e.id || e.className || e.textContent, e.getBoundingClientRect()])
                .filter(([, r]) => r.width < 24 || r.height < 24)
                .map(([n, r]) => n + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));").await;
                assert_eq!(
                    small,
                    serde_json::json!([]),
                    "targets under 24 px at {width} px"
                );
                // Nothing sticks out sideways on a phone.
                let overflow = js(&c, "return document.documentElement.scrollWidth - document.documentElement.clientWidth;").await;
                assert_eq!(overflow, 0, "horizontal scrolling at {width} px");
                // The filters start open on a wide screen and closed on a
                // phone, where "Filter" opens them.
                let open = js(&c, "return document.querySelector('.finder-filters').open;").await;
                assert_eq!(open, width > 640, "filters open at {width} px");
                if width <= 640 {
                    c.find(Locator::Css(".finder-filters-toggle"))
                        .await
                        .unwrap()
                        .click()
                        .await
                        .unwrap();
                }
                // Keyboard: Tab from the search box reaches the selects in order.
                c.find(Locator::Css("#finder-q"))
                    .await
                    .unwrap()
                    .click()
                    .await
                    .unwrap();
                c.active_element()
                    .await
                    .unwrap()
                    .send_keys("\u{E004}")
                    .await
                    .unwrap(); // Tab
                assert_eq!(
                    js(&c, "return document.activeElement.id;").await,
                    "finder-specialty"
                );
            },
        );
    }
}

/// The fixture with the clinic in California (San Diego and Sacramento) and
/// one referral, in Tucson, Arizona: a state that sorts before California.
fn california_site() -> &'static str {
    static SITE: OnceLock<(browser::BuiltSite, String)> = OnceLock::new();
    let (_, origin) = SITE.get_or_init(|| {
        let built = browser::build_fixture("finder", |root| {
            let clinics = root.join("content/clinics");
            for (file, city, zip, lat, lon) in [
                ("austin.md", "San Diego", "92101", "32.7157", "-117.1611"),
                (
                    "lexington.md",
                    "Sacramento",
                    "95814",
                    "38.5816",
                    "-121.4944",
                ),
            ] {
                let path = clinics.join(file);
                let text = std::fs::read_to_string(&path).unwrap();
                let text: String = text
                    .lines()
                    .map(|l| match l.split_once(':').map(|(k, _)| k) {
                        Some("city") => format!("city: {city}"),
                        Some("state") => "state: CA".to_string(),
                        Some("zip") => format!("zip: \"{zip}\""),
                        Some("lat") => format!("lat: {lat}"),
                        Some("lon") => format!("lon: {lon}"),
                        _ => l.to_string(),
                    })
                    .map(|l| l + "\n")
                    .collect();
                std::fs::write(&path, text).unwrap();
            }
            let referrals = root.join("data/referrals.yaml");
            let all = std::fs::read_to_string(&referrals).unwrap();
            let tucson = &all[all.find("- name: \"Elena Vargas\"").unwrap()..];
            std::fs::write(&referrals, tucson).unwrap();
        });
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
fn the_clinics_own_therapists_come_first_until_a_location_is_given() {
    let tools = browser::tools();
    let url = format!("{}{PAGE}", california_site());
    // Without JavaScript: the page's own order.
    let nojs_url = url.clone();
    with_browser(
        &tools,
        Options {
            javascript: false,
            width: 360,
            height: 740,
            ..Options::default()
        },
        move |c| async move {
            c.goto(&nojs_url).await.unwrap();
            let order = js(
                &c,
                "return [...document.querySelectorAll('.finder-card')].map(e => e.dataset.id);",
            )
            .await;
            assert_eq!(
                order,
                serde_json::json!(["staff-ben-cole", "staff-ana-ruiz", "referral-1"])
            );
        },
    );
    with_browser(&tools, Options::default(), move |c| async move {
        open_finder(&c, &url).await;
        wait_status(&c, "the total", |s| s == "3 therapists").await;
        assert_eq!(
            visible_cards(&c).await,
            ids(&["staff-ben-cole", "staff-ana-ruiz", "referral-1"]),
            "no location: the clinic's own therapists first"
        );
        // The referral is labelled, in the quiet colours of a label: no
        // warning colour, no heavy border on one side.
        let look = js(
            &c,
            "const card = document.getElementById('referral-1');
             const badge = card.querySelector('.badge-referral');
             const cs = getComputedStyle(card), bs = getComputedStyle(badge);
             return [badge.textContent, bs.color, cs.borderLeftWidth === cs.borderRightWidth, cs.borderLeftColor === cs.borderRightColor];",
        )
        .await;
        assert_eq!(
            look,
            serde_json::json!([
                "Referral · outside our clinic",
                "rgb(79, 91, 89)",
                true,
                true
            ])
        );
        // A ZIP in Tucson: everyone by distance, the referral first, then
        // San Diego (Ana Ruiz), then Sacramento (Ben Cole).
        let zip = c.find(Locator::Css("#finder-zip")).await.unwrap();
        zip.send_keys("85719").await.unwrap();
        wait_status(&c, "sorted", |s| s.contains("nearest")).await;
        assert_eq!(
            visible_cards(&c).await,
            ids(&["referral-1", "staff-ana-ruiz", "staff-ben-cole"])
        );
        // A ZIP in Sacramento: Ben Cole, San Diego, then Tucson.
        js(&c, "const z = document.getElementById('finder-zip'); z.value = ''; z.dispatchEvent(new Event('input', {bubbles: true})); return 1;").await;
        zip.send_keys("95814").await.unwrap();
        wait_status(&c, "sorted", |s| s.contains("ZIP 95814")).await;
        assert_eq!(
            visible_cards(&c).await,
            ids(&["staff-ben-cole", "staff-ana-ruiz", "referral-1"])
        );
    });
}

/// Not a test: measures a filter keystroke with 2,000 therapists and prints
/// the median (`-- --ignored --nocapture`). Performance is a benchmark, not
/// a pass/fail timing.
#[test]
#[ignore]
fn bench_filter_keystroke_2000() {
    let tools = browser::tools();
    let built = browser::build_fixture("finder", |root| {
        std::fs::write(root.join("data/referrals.yaml"), generated_referrals(1998)).unwrap();
    });
    let page = built.public.join("find-a-therapist/index.html");
    let json = built.public.join("find-a-therapist/therapists.json");
    let (html_raw, html_gz) = gz_size(&page);
    let (json_raw, json_gz) = gz_size(&json);
    println!(
        "finder with 2,000 therapists: HTML {html_raw} B ({html_gz} B gzipped), therapists.json {json_raw} B ({json_gz} B gzipped), together {} B gzipped",
        html_gz + json_gz
    );
    let origin = browser::serve(built.public.clone());
    let url = format!("{origin}{PAGE}");
    with_browser(&tools, Options::default(), move |c| async move {
        c.goto(&url).await.unwrap();
        wait_for(
            &c,
            "window.gaitFinder && window.gaitFinder.count() === 2000",
            "2,000 cards",
        )
        .await;
        // One keystroke = set the box and fire `input` (what typing does);
        // measured two ways: the script plus a forced style and layout
        // (`sync`, the number to compare with 16 ms), and until after the
        // next frame (`frame`: requestAnimationFrame, then a task; this
        // includes paint but also the wait for the frame, so it is never
        // under one frame interval). Typing "pelvic austin", "waco" and
        // "jordan reed" and deleting each, key by key, 7 times: steps that
        // hide or show most of the 2,000 cards at once are the slowest.
        c.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(std::time::Duration::from_secs(300)),
            None,
            None,
        ))
        .await
        .unwrap();
        let result = c
            .execute_async(
                r#"
            const done = arguments[arguments.length - 1];
            const q = document.getElementById('finder-q');
            const steps = [];
            for (const word of ['pelvic austin', 'waco', 'jordan reed']) {
              for (let i = 1; i <= word.length; i++) steps.push(word.slice(0, i));
              for (let i = word.length - 1; i >= 0; i--) steps.push(word.slice(0, i));
            }
            const sync = [], frame = [], slow = {};
            const nextFrame = () => new Promise(ok => requestAnimationFrame(() => {
              const ch = new MessageChannel(); ch.port1.onmessage = ok; ch.port2.postMessage(0);
            }));
            (async () => {
              await nextFrame();
              for (let round = 0; round < 7; round++) {
                for (let k = 0; k < steps.length; k++) {
                  const v = steps[k];
                  q.value = v;
                  const t0 = performance.now();
                  q.dispatchEvent(new Event('input', {bubbles: true}));
                  document.body.offsetHeight;
                  sync.push(performance.now() - t0);
                  await nextFrame();
                  const t = performance.now() - t0;
                  frame.push(t);
                  const key = '#' + k + ' "' + v + '"';
                  (slow[key] = slow[key] || []).push(sync[sync.length - 1]);
                }
              }
              const sorted = a => [...a].sort((x, y) => x - y);
              const med = a => sorted(a)[a.length >> 1];
              const p95 = a => sorted(a)[Math.floor(a.length * 0.95)];
              const r = x => Math.round(x * 10) / 10;
              done({keystrokes: sync.length, sync_median_ms: r(med(sync)), sync_p95_ms: r(p95(sync)), sync_max_ms: r(Math.max(...sync)),
                    frame_median_ms: r(med(frame)), frame_p95_ms: r(p95(frame)), frame_max_ms: r(Math.max(...frame)),
                    slowest_steps_median_ms: Object.fromEntries(Object.entries(slow).map(([k, a]) => [k, r(med(a))]).sort((x, y) => y[1] - x[1]).slice(0, 5))});
            })();
        "#,
                vec![],
            )
            .await
            .unwrap();
        println!("filter keystroke, 2,000 therapists: {result}");
    });
}

fn gz_size(path: &std::path::Path) -> (usize, usize) {
    let raw = std::fs::read(path).unwrap();
    let out = std::process::Command::new("gzip")
        .arg("-9c")
        .arg(path)
        .output()
        .unwrap();
    (raw.len(), out.stdout.len())
}

/// `n` fictional referrals spread over many states and cities, with
/// specialties, languages and coordinates, in YAML.
fn generated_referrals(n: usize) -> String {
    const PLACES: &[(&str, &str, &str, f64, f64)] = &[
        ("Austin", "TX", "78701", 30.27, -97.74),
        ("Waco", "TX", "76701", 31.55, -97.14),
        ("Houston", "TX", "77002", 29.76, -95.37),
        ("Louisville", "KY", "40202", 38.25, -85.75),
        ("Lexington", "KY", "40507", 38.05, -84.50),
        ("Denver", "CO", "80218", 39.74, -104.98),
        ("Seattle", "WA", "98101", 47.61, -122.33),
        ("Portland", "OR", "97205", 45.52, -122.68),
        ("Phoenix", "AZ", "85004", 33.45, -112.07),
        ("Atlanta", "GA", "30312", 33.75, -84.39),
        ("Boston", "MA", "02108", 42.36, -71.06),
        ("Chicago", "IL", "60601", 41.88, -87.62),
        ("Nashville", "TN", "37203", 36.15, -86.79),
        ("Miami", "FL", "33130", 25.77, -80.20),
        ("Minneapolis", "MN", "55408", 44.95, -93.29),
        ("Boise", "ID", "83702", 43.62, -116.20),
    ];
    const SPECIALTIES: &[&str] = &[
        "male pelvic health",
        "pelvic pain",
        "pregnancy",
        "postpartum recovery",
        "bladder health",
        "bowel health",
        "pain neuroscience education",
        "persistent pain",
        "low back pain",
        "pelvic organ prolapse",
        "diastasis recti",
        "return to running",
    ];
    const LANGUAGES: &[&str] = &[
        "English",
        "Spanish",
        "Vietnamese",
        "French",
        "Somali",
        "Mandarin",
    ];
    const FIRST: &[&str] = &[
        "Alex", "Jordan", "Sam", "Riley", "Morgan", "Casey", "Jamie", "Taylor", "Avery", "Quinn",
    ];
    const LAST: &[&str] = &[
        "Reed", "Hale", "Park", "Nguyen", "Ortiz", "Bauer", "Singh", "Olsen", "Costa", "Moreau",
        "Okoro",
    ];
    let mut out = String::from("# Generated: 2,000-therapist benchmark. All fictional.\n");
    for i in 0..n {
        let (city, state, zip, lat, lon) = PLACES[i % PLACES.len()];
        let name = format!(
            "{} {} {}",
            FIRST[i % FIRST.len()],
            LAST[(i / 7) % LAST.len()],
            i
        );
        let s1 = SPECIALTIES[i % SPECIALTIES.len()];
        let s2 = SPECIALTIES[(i * 7 + 3) % SPECIALTIES.len()];
        let lang = LANGUAGES[(i / 3) % LANGUAGES.len()];
        let jitter = (i % 97) as f64 / 1000.0;
        out.push_str(&format!(
            "- name: \"{name}\"\n  credentials: \"DPT\"\n  practice: \"{city} Pelvic Practice {i}\"\n  address: \"{} Test Street\"\n  city: {city}\n  state: {state}\n  zip: \"{zip}\"\n  lat: {:.4}\n  lon: {:.4}\n  phone: \"555-555-{:04}\"\n  url: \"https://practice-{i}.example\"\n  specialties: [{s1}, {s2}]\n  languages: [English, {lang}]\n  virtual: {}\n  telehealth_states: [{state}]\n",
            100 + i,
            lat + jitter,
            lon - jitter,
            i % 10000,
            i % 3 == 0,
        ));
    }
    out
}

/// Not a test: screenshots of the fixture's finder for a person to look at,
/// in `target/finder-screenshots/` (`-- --ignored screenshots`).
#[test]
#[ignore]
fn screenshots() {
    let tools = browser::tools();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/finder-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let origin = site().to_string();
    for (name, width, javascript, query) in [
        ("1280", 1280, true, ""),
        ("1280-zip", 1280, true, "?zip=40202&virtual=1"),
        ("800", 800, true, "?specialty=male-pelvic-health"),
        ("360", 360, true, ""),
        ("360-nojs", 360, false, ""),
    ] {
        let url = format!("{origin}{PAGE}{query}");
        let path = dir.join(format!("finder-{name}.png"));
        with_browser(
            &tools,
            Options {
                width,
                height: 2400,
                javascript,
                ..Options::default()
            },
            move |c| async move {
                c.goto(&url).await.unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                std::fs::write(&path, c.screenshot().await.unwrap()).unwrap();
                println!("{}", path.display());
            },
        );
    }
}
