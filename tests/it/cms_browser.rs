//! The generated admin in a real Decap CMS: Chromium loads `gait cms init`'s
//! config without a configuration error (demo site, new site), and a post
//! written through the local backend (`decap-server`, the real one from npm)
//! builds with its byline; editing a post changes only its file.
//!
//! Decap's bundle comes from `tests/tools/node_modules/decap-cms` and is
//! served from 127.0.0.1 (`gait cms init --decap-url`), never from the CDN.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::browser::{self, Options, js, wait_for, with_browser};
use crate::common::{Site, copy_dir, gait_in, repo_root, snapshot};
use crate::serve_support::Server;

const CONFIG: &str = "static/admin/config.yml";

fn node_modules() -> PathBuf {
    repo_root().join("tests/tools/node_modules")
}

/// Copy Decap's bundle (its scripts and WebAssembly, not the source maps) into `dir`.
fn copy_decap(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(node_modules().join("decap-cms/dist")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with("decap-cms.js") || name.ends_with(".wasm") {
            std::fs::copy(&path, dir.join(&name)).unwrap();
        }
    }
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `decap-server` (file-system mode) for `site`, on a free loopback port; killed when dropped.
struct DecapServer {
    child: Child,
    port: u16,
}

impl DecapServer {
    fn start(site: &Path, cwd: &Path) -> DecapServer {
        let port = free_port();
        let child = Command::new("node")
            .arg(node_modules().join("decap-server/dist/index.js"))
            .current_dir(cwd)
            .env("PORT", port.to_string())
            .env("BIND_HOST", "127.0.0.1")
            .env("MODE", "fs")
            .env("GIT_REPO_DIRECTORY", site)
            .env("LOG_LEVEL", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start decap-server (node)");
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "decap-server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        DecapServer { child, port }
    }
}

impl Drop for DecapServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Wait until an element matching `xpath` exists, and return it.
async fn find(c: &Client, xpath: &str) -> fantoccini::elements::Element {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(el) = c.find(Locator::XPath(xpath)).await {
            return el;
        }
        if Instant::now() > deadline {
            let text = js(c, "return document.body.innerText;").await;
            panic!("timed out waiting for {xpath}; the page says: {text}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The form control labelled `label` in Decap's editor.
async fn control(c: &Client, label: &str) -> fantoccini::elements::Element {
    let label = find(c, &format!("//label[normalize-space()='{label}']")).await;
    let id = label.attr("for").await.unwrap().unwrap();
    c.find(Locator::Id(&id)).await.unwrap()
}

/// Set a date input the way a date picker does, so React sees the change.
async fn pick_date(c: &Client, label: &str, day: &str) {
    let input = control(c, label).await;
    let id = input.attr("id").await.unwrap().unwrap();
    js(
        c,
        &format!(
            "const el = document.getElementById('{id}');
             Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, '{day}');
             el.dispatchEvent(new Event('input', {{ bubbles: true }}));
             return 1;"
        ),
    )
    .await;
}

/// Click the first element matching `xpath` that a person can see.
async fn click_visible(c: &Client, xpath: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        for el in c.find_all(Locator::XPath(xpath)).await.unwrap_or_default() {
            if el.is_displayed().await.unwrap_or(false) && el.click().await.is_ok() {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "nothing visible to click at {xpath}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Publish the open entry and wait until Decap says it is saved.
async fn publish(c: &Client) {
    click_visible(
        c,
        "//*[@role='button' or self::button][normalize-space()='Publish']",
    )
    .await;
    click_visible(c, "//*[normalize-space()='Publish now']").await;
    wait_for(
        c,
        "document.body.innerText.includes('Entry saved') && !document.body.innerText.toLowerCase().includes('unsaved changes')",
        "Decap's 'Entry saved'",
    )
    .await;
}

/// Wait until `path` exists and `ok` holds for its text; return the text.
async fn wait_file(path: &Path, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && ok(&text)
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{} was not written",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
#[cfg_attr(
    gait_missing_decap,
    ignore = "needs chromium, chromedriver and tests/tools/node_modules: apt-get install chromium chromium-driver nodejs npm && npm ci --prefix tests/tools"
)]
fn a_post_written_in_decap_builds_with_its_byline_and_an_edit_changes_one_file() {
    let tools = browser::tools();
    let site = Site::fixture("cms");
    // The theme from this repository, so the byline is today's template.
    copy_dir(
        &repo_root().join("themes/clinic"),
        &site.path("themes/clinic"),
    );
    site.run(&["cms", "init", "--decap-url", "/admin/decap/decap-cms.js"])
        .expect_success();
    copy_decap(&site.path("static/admin/decap"));
    let decap = DecapServer::start(&site.root, site.tmp.path());
    // decap-server listens on a free port, not on the default 8081.
    let config = std::fs::read_to_string(site.path(CONFIG)).unwrap();
    let config = config.replace(
        "\nlocal_backend: true\n",
        &format!(
            "\nlocal_backend:\n  url: http://127.0.0.1:{}/api/v1\n",
            decap.port
        ),
    );
    std::fs::write(site.path(CONFIG), config).unwrap();
    site.run(&["check"]).expect_success();
    let server = Server::start(&site.root, &["--port", "0"]);
    let admin = format!("http://127.0.0.1:{}/admin/", server.port);
    let content = site.path("content");
    let before = snapshot(&content);
    let new_post = site.path("content/posts/hip-pain-after-a-long-run.md");
    let edited = site.path("content/posts/after-prostate-surgery.md");
    let referrals = site.path("data/referrals.yaml");

    with_browser(&tools, Options::default(), move |c| async move {
        c.goto(&admin).await.unwrap();
        find(&c, "//button[normalize-space()='Login']")
            .await
            .click()
            .await
            .unwrap();
        find(&c, "//*[normalize-space()='Quick add']").await;
        // A reload (gait serve's live reload) would drop this mark.
        js(&c, "window.__gaitMark = 1; return 1;").await;
        c.goto(&format!("{admin}#/collections/posts/new"))
            .await
            .unwrap();

        control(&c, "Title")
            .await
            .send_keys("Hip pain after a long run")
            .await
            .unwrap();
        pick_date(&c, "Date", "2024-05-02").await;
        let author = control(&c, "Author").await;
        author.send_keys("Noor").await.unwrap();
        find(
            &c,
            "//*[contains(@id,'-option-') and normalize-space()='Noor Haddad']",
        )
        .await;
        author.send_keys("\u{e007}").await.unwrap();
        control(&c, "Draft (optional)").await.click().await.unwrap();
        let body = find(&c, "//*[@data-slate-editor='true']").await;
        body.click().await.unwrap();
        body.send_keys("Start slowly, and build up over three weeks.")
            .await
            .unwrap();
        publish(&c).await;
        let text = wait_file(&new_post, |t| t.contains("three weeks")).await;
        assert_eq!(
            text,
            "---\ntitle: Hip pain after a long run\ndate: 2024-05-02\nauthor: noor-haddad\ndraft: false\n---\nStart slowly, and build up over three weeks.\n"
        );

        // Edit an existing post, opened from the list as a person does: a new title.
        c.goto(&format!("{admin}#/collections/posts"))
            .await
            .unwrap();
        find(
            &c,
            "//a[starts-with(normalize-space(), 'The first weeks after prostate surgery')]",
        )
        .await
        .click()
        .await
        .unwrap();
        let title = control(&c, "Title").await;
        let id = title.attr("id").await.unwrap().unwrap();
        wait_for(
            &c,
            &format!(
                "document.getElementById('{id}').value === 'The first weeks after prostate surgery'"
            ),
            "the post's title in the form",
        )
        .await;
        title.send_keys(": what to expect").await.unwrap();
        // Fields typed in and emptied again: Decap writes them as `""`.
        for label in ["Summary (optional)", "Address (slug) (optional)"] {
            let field = control(&c, label).await;
            field.send_keys("x").await.unwrap();
            field.send_keys("\u{e003}").await.unwrap();
        }
        publish(&c).await;
        let text = wait_file(&edited, |t| t.contains("what to expect")).await;
        assert_eq!(
            text,
            "---\ntitle: \"The first weeks after prostate surgery: what to expect\"\ndate: 2025-04-02T09:30:00-07:00\nauthor: sam-okoro\ncategories:\n  - Men's Health\ntags:\n  - prostate\n  - bladder control\nsummary: \"\"\nslug: \"\"\nextra:\n  reading_level: easy\n---\n\nLeaking after the catheter comes out is common, and it usually improves.\n"
        );
        // The referral list, a data file: change one therapist's practice.
        c.goto(&format!("{admin}#/collections/referrals"))
            .await
            .unwrap();
        find(&c, "//a[normalize-space()='Therapists we refer to']")
            .await
            .click()
            .await
            .unwrap();
        // Open the collapsed entry with the first button of its top bar.
        find(
            &c,
            "//div[not(*) and normalize-space()='Iris Calder, Hood River OR']/preceding-sibling::div[1]/button[1]",
        )
        .await
        .click()
        .await
        .unwrap();
        let practice = control(&c, "Practice (optional)").await;
        practice.send_keys(" and Rehab").await.unwrap();
        publish(&c).await;
        let text = wait_file(&referrals, |t| t.contains("and Rehab")).await;
        // Decap drops the file's comment and writes the keys in its own order.
        assert_eq!(
            text,
            "referrals:\n  - zip: \"97031\"\n    city: Hood River\n    name: Iris Calder\n    virtual: true\n    lon: -121.5215\n    phone: 541-555-0102\n    state: OR\n    practice: Gorge Pelvic Therapy and Rehab\n    telehealth_states:\n      - OR\n    specialties:\n      - pelvic pain\n    credentials: DPT\n    lat: 45.7054\n"
        );
        let mark = js(&c, "return window.__gaitMark || 0;").await;
        assert_eq!(mark, 1, "the admin page was reloaded while editing");
    });

    let after = snapshot(&content);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        changed,
        [
            "posts/after-prostate-surgery.md",
            "posts/hip-pain-after-a-long-run.md"
        ]
    );
    assert!(before.keys().all(|k| after.contains_key(k)));
    drop(server);
    drop(decap);
    site.build_ok(&[]);
    let page = site.read_out("posts/hip-pain-after-a-long-run/index.html");
    let doc = crate::common::html(&page);
    let byline: Vec<String> = crate::common::select(&doc, ".byline")
        .iter()
        .map(crate::common::text_of)
        .collect();
    assert!(
        byline
            .first()
            .is_some_and(|b| b.contains("Noor Haddad, DPT, PRPC")),
        "{byline:?}"
    );
    let edited = site.read_out("posts/after-prostate-surgery/index.html");
    assert!(edited.contains("The first weeks after prostate surgery: what to expect"));
    assert!(
        site.read_out("find-a-therapist/index.html")
            .contains("Gorge Pelvic Therapy and Rehab")
    );
}

/// Serve the admin written for `root` (with Decap's bundle beside it) and
/// return what Chromium shows once Decap has read config.yml.
fn decap_page_text(root: &Path, tools: &browser::Tools) -> String {
    let served = tempfile::tempdir().unwrap();
    copy_dir(&root.join("static/admin"), &served.path().join("admin"));
    copy_decap(&served.path().join("decap"));
    let origin = browser::serve(served.path().to_path_buf());
    let (tx, rx) = std::sync::mpsc::channel();
    with_browser(tools, Options::default(), move |c| async move {
        c.goto(&format!("{origin}/admin/")).await.unwrap();
        let text = wait_for(
            &c,
            "(document.body.innerText.includes('Login with GitHub') || document.body.innerText.includes('Error loading the CMS configuration')) && document.body.innerText",
            "Decap's login page or its configuration error",
        )
        .await;
        tx.send(text.as_str().unwrap_or_default().to_string())
            .unwrap();
    });
    drop(served);
    rx.recv().unwrap()
}

#[test]
#[cfg_attr(
    gait_missing_decap,
    ignore = "needs chromium, chromedriver and tests/tools/node_modules: apt-get install chromium chromium-driver nodejs npm && npm ci --prefix tests/tools"
)]
fn decap_loads_the_generated_config_of_the_demo_and_of_a_new_site() {
    let tools = browser::tools();
    let demo = Site::demo();
    let tmp = tempfile::tempdir().unwrap();
    gait_in(tmp.path(), &["init", "new-site"]).expect_success();
    for root in [demo.root.clone(), tmp.path().join("new-site")] {
        gait_in(
            &root,
            &[
                "cms",
                "init",
                "--force",
                "--decap-url",
                "/decap/decap-cms.js",
            ],
        )
        .expect_success();
        let text = decap_page_text(&root, &tools);
        assert!(
            !text.contains("Error loading the CMS configuration")
                && text.contains("Login with GitHub"),
            "{}: {text}",
            root.display()
        );
    }
    // The check can fail: a relation without its collection is a config error.
    let root = tmp.path().join("new-site");
    let config = std::fs::read_to_string(root.join(CONFIG)).unwrap();
    std::fs::write(
        root.join(CONFIG),
        config.replace("    collection: authors\n", ""),
    )
    .unwrap();
    let text = decap_page_text(&root, &tools);
    assert!(
        text.contains("Error loading the CMS configuration"),
        "{text}"
    );
}
