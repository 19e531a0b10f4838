//! Shared helpers for the integration tests: copy a fixture site into a
//! temporary folder, run the real `gait` binary on it, and inspect what it
//! wrote.
//!
//! Each test file is its own crate and uses only some of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

mod links;
#[allow(unused_imports)]
pub use links::*;

/// The folder of the gait repository (itself the demo site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`-1` when killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stderr, line by line.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Fail with both streams shown unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Fail unless the build worked.
    #[track_caller]
    pub fn expect_success(&self) -> &Run {
        self.expect_code(0)
    }

    /// Fail unless stderr is exactly these lines (whole lines, in order).
    #[track_caller]
    pub fn expect_stderr(&self, lines: &[&str]) -> &Run {
        assert_eq!(
            self.stderr_lines(),
            lines,
            "stderr differs\n--- actual stderr ---\n{}\n--- expected ---\n{}",
            self.stderr,
            lines.join("\n")
        );
        self
    }

    /// A panic in the binary is always a bug.
    #[track_caller]
    pub fn expect_no_panic(&self) -> &Run {
        assert!(
            !self.stderr.contains("panicked at") && self.code != 101,
            "gait panicked:\n{}",
            self.stderr
        );
        self
    }
}

/// Run the `gait` binary with `args` in folder `cwd`.
pub fn gait_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_gait"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("could not start the gait binary");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A site copied into a fresh temporary folder (removed when dropped).
pub struct Site {
    /// Holds the temporary folder alive; the site is `tmp/site`.
    pub tmp: TempDir,
    pub root: PathBuf,
}

impl Site {
    /// An empty site folder (no files yet).
    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        Site { tmp, root }
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        let src = repo_root().join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        copy_dir(&src, &site.root);
        site
    }

    /// A copy of the demo site at the repository root: site.yaml, content/,
    /// static/, data/, templates/ and themes/ (never public/ or target/).
    /// Its pictures' cache is filled with the demo's pictures, made once
    /// for the whole test run ([`demo_pictures`]).
    pub fn demo() -> Site {
        let site = Site::demo_without_pictures();
        link_dir(demo_pictures(), &site.root.join(PICTURE_CACHE));
        site
    }

    /// A copy of the demo site with an empty picture cache.
    pub fn demo_without_pictures() -> Site {
        let site = Site::empty();
        let repo = repo_root();
        std::fs::copy(repo.join("site.yaml"), site.root.join("site.yaml")).unwrap();
        for dir in ["content", "static", "data", "templates", "themes"] {
            let src = repo.join(dir);
            if src.is_dir() {
                copy_dir(&src, &site.root.join(dir));
            }
        }
        site
    }

    /// Load, check and plan the site through the library, as `gait build`
    /// does before it writes (`now` is the build's time).
    pub fn prepare(&self, now: chrono::DateTime<chrono::Utc>) -> gait::pipeline::Prepared {
        let mut session = gait::pipeline::Session::new(gait::pipeline::BuildOptions {
            root: self.root.clone(),
            output: self.tmp.path().join("out"),
            base_url: None,
            drafts: false,
            future: false,
            fingerprint_assets: true,
        });
        session
            .prepare(now, gait::pipeline::Strictness::Build)
            .expect("the site builds")
    }

    /// Run gait with `args` inside the site's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let run = gait_in(&self.root, args);
        run.expect_no_panic();
        run
    }

    /// `gait build` plus `args`, inside the site's folder.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = gait_in(&self.root, &all);
        run.expect_no_panic();
        run
    }

    /// Build and fail the test unless it worked.
    #[track_caller]
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        run.expect_success();
        run
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Write a file of the site (creating folders).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    /// Add `text` at the end of a file of the site.
    pub fn append(&self, rel: &str, text: &str) {
        let old = std::fs::read_to_string(self.root.join(rel)).unwrap();
        self.write(rel, old + text);
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).unwrap();
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A file of the output as text; fails the test when it is missing.
    #[track_caller]
    pub fn read_out(&self, rel: &str) -> String {
        let p = self.public().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| {
            panic!(
                "could not read public/{rel}: {e}\nfiles in public/:\n{}",
                list_files(&self.public()).join("\n")
            )
        })
    }

    pub fn out_exists(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }

    /// Every file in public/, as `/`-separated paths relative to it.
    pub fn out_files(&self) -> Vec<String> {
        list_files(&self.public())
    }

    /// The pages gait rendered: the HTML files of public/, without those
    /// copied as they are from the site's static/ (such as the browser
    /// editor's admin/index.html).
    pub fn html_files(&self) -> Vec<String> {
        let copied = self.root.join("static");
        self.out_files()
            .into_iter()
            .filter(|f| f.ends_with(".html") && !copied.join(f).is_file())
            .collect()
    }
}

/// Copy a folder recursively.
/// Where a site keeps the pictures it made.
pub const PICTURE_CACHE: &str = ".gait/cache/pictures";

/// The demo's pictures, made by one build and kept between test runs in
/// Cargo's folder for integration tests' files. Every copy of the demo gets
/// them (as links), so that a test making the demo's pictures again is one
/// about pictures; entries are named by the pictures' bytes and settings,
/// so a changed picture gets a new one.
pub fn demo_pictures() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let shared = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("demo-pictures");
        std::fs::create_dir_all(&shared).unwrap();
        let site = Site::demo_without_pictures();
        let cache = site.root.join(PICTURE_CACHE);
        link_dir(&shared, &cache);
        site.build(&[]).expect_success();
        for entry in std::fs::read_dir(&cache).unwrap().flatten() {
            let dest = shared.join(entry.file_name());
            if !dest.exists() {
                // Into place at once: another test run may be looking.
                let temp = shared.join(format!(".new-{}", std::process::id()));
                let _ = std::fs::remove_dir_all(&temp);
                copy_dir(&entry.path(), &temp);
                if std::fs::rename(&temp, &dest).is_err() {
                    let _ = std::fs::remove_dir_all(&temp);
                }
            }
        }
        shared
    })
}

/// Hard-link every file below `from` into `to` (made as needed).
pub fn link_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(".new-") {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            link_dir(&entry.path(), &target);
        } else if !target.exists() {
            std::fs::hard_link(entry.path(), &target)
                .or_else(|_| std::fs::copy(entry.path(), &target).map(|_| ()))
                .unwrap();
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, relative and `/`-separated, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap();
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file below `dir` with its bytes: compare two of these to prove a
/// folder was left exactly as it was.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Assert two snapshots are equal, naming the files that differ.
#[track_caller]
pub fn assert_same_files(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) {
    let mut diffs = Vec::new();
    for (k, v) in before {
        match after.get(k) {
            None => diffs.push(format!("removed: {k}")),
            Some(w) if w != v => diffs.push(format!("changed: {k}")),
            _ => {}
        }
    }
    for k in after.keys() {
        if !before.contains_key(k) {
            diffs.push(format!("added: {k}"));
        }
    }
    assert!(
        diffs.is_empty(),
        "the folder changed:\n{}",
        diffs.join("\n")
    );
}

/// Names of entries in `dir` that look like gait staging folders of
/// `output_name`. The spare (`.<output>.gait-spare`, the previous output kept
/// for the next build to rewrite instead of deleting it) is not a leftover.
pub fn staging_leftovers(dir: &Path, output_name: &str) -> Vec<String> {
    let prefix = format!(".{output_name}.gait-");
    // The spare folder and the record of what each folder holds stay.
    let spare = format!(".{output_name}.gait-spare");
    let records = format!(".{output_name}.gait-files");
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix) && *n != spare && *n != records)
        .collect()
}

/// Parse an HTML document.
pub fn html(text: &str) -> scraper::Html {
    scraper::Html::parse_document(text)
}

/// Elements matching a CSS selector.
pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    doc.select(&sel).collect()
}

/// The text of an element with runs of whitespace collapsed to one space.
pub fn text_of(el: &scraper::ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `href` and `src` value in an HTML document.
pub fn urls_in(doc: &scraper::Html) -> Vec<String> {
    let mut out = Vec::new();
    for el in select(doc, "[href], [src]") {
        for attr in ["href", "src"] {
            if let Some(v) = el.value().attr(attr) {
                out.push(v.to_string());
            }
        }
    }
    out
}

/// Whether a URL leaves the site or only names a spot on the page.
pub fn is_external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.is_empty()
        || lower.starts_with('#')
        || lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("data:")
        || lower.starts_with("//")
}

/// Parse XML, failing the test with the parser's message.
#[track_caller]
pub fn parse_xml<'t>(name: &str, text: &'t str) -> roxmltree::Document<'t> {
    roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"))
}
