//! Helpers for the hostile-input tests (tests/hostile_*.rs): sites with one
//! hostile file added to the basic fixture, and proofs that a build wrote
//! nothing outside its output folder.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

pub const FOOTER: &str = "Nothing was written: the output folder is unchanged.";
/// What a failed `gait import` says last.
pub const IMPORT_FOOTER: &str = "Nothing was imported: the site's files are unchanged.";

/// The front matter of a good post, before any hostile keys.
pub const POST_HEAD: &str = "---\ntitle: Hostile\ndate: 2024-01-01\nauthor: sam-lee\n";

/// A post file: the good head, then `keys` (whole lines), then the body.
pub fn post_text(keys: &str, body: &str) -> String {
    format!("{POST_HEAD}{keys}---\n{body}")
}

/// The basic fixture with these files added (relative path, bytes).
pub fn site_with(files: &[(&str, &[u8])]) -> Site {
    let site = Site::fixture("basic");
    for (rel, bytes) in files {
        site.write(rel, bytes);
    }
    site
}

/// Every file of `dir` with its bytes, and every link with its target (links
/// are not followed), as `/`-separated relative paths.
pub fn snapshot_with_links(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            let Ok(t) = e.file_type() else { continue };
            if t.is_symlink() {
                let target = std::fs::read_link(&p).unwrap_or_default();
                out.insert(rel, format!("link to {}", target.display()).into_bytes());
            } else if t.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Every file of the temporary folder except the output and gait's staging
/// folders beside it: what a build must never change.
pub fn outside_output(site: &Site) -> BTreeMap<String, Vec<u8>> {
    snapshot_with_links(site.tmp.path())
        .into_iter()
        .filter(|(rel, _)| {
            !rel.starts_with("site/public/") && !rel.starts_with("site/.public.gait-")
        })
        .collect()
}

/// Build and check that nothing outside public/ changed and the binary did not panic.
pub fn build_contained(site: &Site, args: &[&str]) -> Run {
    let before = outside_output(site);
    let run = site.build(args);
    assert_same_files(&before, &outside_output(site));
    run
}

/// Build, expecting exit 1 with exactly `stderr` (the footer is added), nothing
/// on stdout, and nothing written outside public/.
#[track_caller]
pub fn fails_with(site: &Site, stderr: &[&str]) {
    let run = build_contained(site, &[]);
    let mut want: Vec<&str> = stderr.to_vec();
    want.push(FOOTER);
    run.expect_code(1).expect_stderr(&want);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    assert!(
        !site.public().exists(),
        "public/ was created by a failed build"
    );
}

/// Build, expecting success with exactly these warnings on stderr.
#[track_caller]
pub fn builds_with(site: &Site, stderr: &[&str]) -> Run {
    let run = build_contained(site, &[]);
    run.expect_success().expect_stderr(stderr);
    run
}

/// `n` copies of `s`.
pub fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

/// Whether `dir` holds any file (at any depth) whose bytes contain `needle`.
pub fn any_file_contains(dir: &Path, needle: &[u8]) -> Option<String> {
    snapshot(dir)
        .into_iter()
        .find(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle))
        .map(|(rel, _)| rel)
}
