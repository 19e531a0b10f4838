//! Helpers for tests that drive a real browser: build a fixture site with the
//! gait binary, serve it on 127.0.0.1, and drive Debian's Chromium through
//! chromedriver (WebDriver, via fantoccini).
//!
//! Without chromium and chromedriver `cargo test` lists the tests as ignored
//! with the reason (`build.rs` sets `gait_missing_chromium`), except under
//! `CI=true`, where they run and fail. Everything listens on and connects to
//! 127.0.0.1 only.

#![allow(dead_code)]

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// The browser binaries; `CHROMIUM` and `CHROMEDRIVER` override the Debian paths.
pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// The browser binaries. The tests that call this carry
/// `#[cfg_attr(gait_missing_chromium, ignore = "...")]` (set by `build.rs`
/// where the binaries are missing, never under `CI=true`), so reaching it
/// without them is a failure.
pub fn tools() -> Tools {
    let pick = |var: &str, default: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(default))
    };
    let tools = Tools {
        chromium: pick("CHROMIUM", "/usr/bin/chromium"),
        chromedriver: pick("CHROMEDRIVER", "/usr/bin/chromedriver"),
    };
    for p in [&tools.chromium, &tools.chromedriver] {
        assert!(
            p.is_file(),
            "browser test: {} is not installed (apt-get install -y chromium chromium-driver)",
            p.display()
        );
    }
    tools
}

/// A built site in a temporary folder: `root` holds the fixture (plus the
/// theme from this repository, so template edits are tested without a
/// rebuild of the binary), `public` the output.
pub struct BuiltSite {
    pub dir: tempfile::TempDir,
    pub public: PathBuf,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Copy `fixture` (below `tests/fixtures/`) to a temporary folder, let `edit`
/// change it, and build it with the real binary.
pub fn build_fixture(fixture: &str, edit: impl FnOnce(&Path)) -> BuiltSite {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&manifest.join("tests/fixtures").join(fixture), &root);
    copy_dir(&manifest.join("themes/clinic"), &root.join("themes/clinic"));
    edit(&root);
    let public = dir.path().join("public");
    let out = Command::new(env!("CARGO_BIN_EXE_gait"))
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--output")
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "gait build failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    BuiltSite { dir, public }
}

/// Serve `dir` on 127.0.0.1 (a free port) from a background thread for the
/// rest of the test process. Returns the origin, e.g. `http://127.0.0.1:41234`.
pub fn serve(dir: PathBuf) -> String {
    serve_app(axum::Router::new().fallback_service(tower_http::services::ServeDir::new(dir)))
}

/// Serve `app` on 127.0.0.1 (a free port) from a background thread for the
/// rest of the test process. Returns the origin.
pub fn serve_app(app: axum::Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{addr}")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Options of one browser session.
#[derive(Clone, Debug)]
pub struct Options {
    pub javascript: bool,
    pub width: u32,
    pub height: u32,
    /// More Chromium switches, such as `--log-net-log=<file>`.
    pub args: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            javascript: true,
            width: 1280,
            height: 1000,
            args: Vec::new(),
        }
    }
}

/// Chromium switches that keep a browser on this computer: every host name
/// but 127.0.0.1 and localhost fails to resolve, so a page that asks for
/// another site gets an error, and nothing leaves the machine.
pub fn loopback_only() -> String {
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost".to_string()
}

struct Driver {
    child: Child,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start chromedriver and a fresh headless Chromium, run `test` with the
/// client, then close the browser whatever happened, and only then report the
/// test's panic or error.
pub fn with_browser<F, Fut>(tools: &Tools, opts: Options, test: F)
where
    F: FnOnce(Client) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let port = free_port();
    let driver = Driver {
        child: Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    };
    let profile = tempfile::tempdir().unwrap();
    let mut args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        format!("--user-data-dir={}", profile.path().display()),
        format!("--window-size={},{}", opts.width, opts.height),
    ];
    if !opts.javascript {
        args.push("--blink-settings=scriptEnabled=false".into());
    }
    args.extend(opts.args.iter().cloned());
    let mut prefs = json!({});
    if !opts.javascript {
        prefs = json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    let mut chrome = json!({
        "binary": tools.chromium.display().to_string(),
        "args": args,
        "prefs": prefs,
    });
    // A window can't be narrower than 500 px: emulate a phone's viewport.
    if opts.width < 500 {
        chrome["mobileEmulation"] = json!({
            "deviceMetrics": { "width": opts.width, "height": opts.height, "pixelRatio": 1.0, "mobile": true, "touch": false }
        });
    }
    let caps = json!({ "browserName": "chrome", "goog:chromeOptions": chrome });
    let caps = match caps {
        Value::Object(m) => m,
        _ => unreachable!(),
    };
    let webdriver = format!("http://127.0.0.1:{port}");
    let result = rt.block_on(async move {
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start on port {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&webdriver)
            .await
            .expect("start a Chromium session");
        let outcome = tokio::spawn(test(client.clone())).await;
        let _ = client.close().await;
        outcome
    });
    drop(driver);
    drop(profile);
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("browser test task failed: {e}");
    }
}

/// Run a script in the page and return its value.
pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Poll `script` (an expression) until it is truthy; panic with `what` after 10 s.
pub async fn wait_for(c: &Client, script: &str, what: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = js(c, &format!("return ({script});")).await;
        let truthy = match &v {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64() != Some(0.0),
            Value::String(s) => !s.is_empty(),
            _ => true,
        };
        if truthy {
            return v;
        }
        if Instant::now() > deadline {
            panic!("timed out waiting for {what} (`{script}` was {v})");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Wait until the page's status text satisfies `ok`, returning it.
pub async fn wait_status(c: &Client, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = js(
            c,
            "return document.getElementById('finder-status').textContent.trim();",
        )
        .await;
        let s = v.as_str().unwrap_or_default().to_string();
        if ok(&s) {
            return s;
        }
        if Instant::now() > deadline {
            panic!("timed out waiting for the status to be {what}; it is {s:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Wait until the page's query string (after the script's short delay) is `expected`.
pub async fn wait_search(c: &Client, expected: &str) {
    let script = format!(
        "location.search === {}",
        serde_json::to_string(expected).unwrap()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if js(c, &format!("return {script};")).await == Value::Bool(true) {
            return;
        }
        if Instant::now() > deadline {
            let now = js(c, "return location.search;").await;
            panic!("timed out waiting for the URL query {expected:?}; it is {now}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The `data-id` of every card a person can see, in page order.
pub async fn visible_cards(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.finder-card')]
            .filter(e => e.checkVisibility() && !e.closest('.finder-off'))
            .map(e => e.dataset.id);",
    )
    .await;
    serde_json::from_value(v).unwrap()
}
