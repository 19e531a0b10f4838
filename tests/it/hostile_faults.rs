//! Faults while building: an output that cannot be written, a disk that fills
//! up, a build stopped with Ctrl-C, files that vanish or change type while
//! gait works. Each fails cleanly (exit 1, never a panic), leaves the previous
//! output exactly as it was, and the next build works and cleans up.
//!
//! Tests run as root, where permission bits stop nothing: the faults here
//! are ones that stop root too (a file where a folder must be, a file-size
//! limit, a signal).

use crate::common;
use crate::hostile_support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use hostile_support::*;

/// The basic site, built once; returns the snapshot of its output.
fn built_site() -> (Site, std::collections::BTreeMap<String, Vec<u8>>) {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    (site, before)
}

/// Names in the site folder that look like gait's staging folders (the
/// spare, kept on purpose for the next build, does not count).
#[track_caller]
fn no_staging_left(site: &Site) {
    assert_eq!(
        staging_leftovers(&site.root, "public"),
        Vec::<String>::new()
    );
}

#[test]
fn an_output_below_a_file_is_refused() {
    let site = Site::fixture("basic");
    site.write("notes.txt", "a file, not a folder");
    let blocker = site.root.canonicalize().unwrap().join("notes.txt");
    let run = build_contained(&site, &["--output", "notes.txt/public"]);
    run.expect_code(1).expect_stderr(&[
        &format!(
            "error: notes.txt/public: the output folder notes.txt/public cannot be made: {} is a file, not a folder",
            blocker.display()
        ),
        "  help: choose a folder, like public/",
        "1 error in 1 file",
        FOOTER,
    ]);
}

/// `gait build` with a file-size limit: every write over 8 KiB fails with
/// "File too large", as writes do on a full disk (SIGXFSZ is ignored so the
/// write fails instead of the process being killed).
fn build_with_a_full_disk(site: &Site) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16; exec \"$0\" build")
        .arg(env!("CARGO_BIN_EXE_gait"))
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_previous_output() {
    let (site, before) = built_site();
    // Every page changes (a new site title), so every page is written again.
    let cfg = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        cfg.replace("Riverbend Pelvic Therapy", "Riverbend Pelvic Health"),
    );
    let run = build_with_a_full_disk(&site);
    run.expect_code(1).expect_no_panic();
    // One error for the disk, not one per page.
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 4, "{}", run.stderr);
    assert!(
        lines[0].starts_with("error: ")
            && lines[0].contains(": could not write ")
            && lines[0].contains("File too large")
            && lines[0].contains(" other pages were not written)"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "  help: make room on the disk (or check the folder's permissions) and build again"
    );
    assert_eq!(lines[2], "1 error in 1 file");
    assert_eq!(lines[3], FOOTER);
    assert_same_files(&before, &snapshot(&site.public()));
    no_staging_left(&site);
    // With room again, the next build works and recycles the half-written folder.
    site.build_ok(&[]);
    assert!(
        site.read_out("index.html")
            .contains("Riverbend Pelvic Health")
    );
    no_staging_left(&site);
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_build_keeps_the_previous_output() {
    // Enough posts that writing takes a while.
    let site = Site::fixture("basic");
    for i in 0..400 {
        site.write(
            &format!("content/posts/p{i}.md"),
            post_text(
                "categories: [Hip Pain]\n",
                &format!("Post number {i}.\n\n{}", rep("Some words to render. ", 50)),
            ),
        );
    }
    site.build_ok(&[]);
    let before = snapshot(&site.public());
    let cfg = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        cfg.replace("Riverbend Pelvic Therapy", "Riverbend Pelvic Health"),
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_gait"))
        .arg("build")
        .current_dir(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it writes into its staging folder, then interrupt it.
    let deadline = Instant::now() + Duration::from_secs(60);
    let staging = format!(".public.gait-staging-{}", child.id());
    while !site.root.join(&staging).exists() {
        assert!(Instant::now() < deadline, "no staging folder appeared");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(20));
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the build finished before Ctrl-C reached it"
    );

    assert_same_files(&before, &snapshot(&site.public()));
    // The next build takes over the interrupted folder and leaves nothing behind.
    site.build_ok(&[]);
    assert!(
        site.read_out("index.html")
            .contains("Riverbend Pelvic Health")
    );
    no_staging_left(&site);
    assert!(!site.root.join(&staging).exists());
}

#[test]
fn a_leftover_staging_folder_is_reused_and_removed() {
    let (site, _) = built_site();
    // What a killed build leaves: its staging folder, half written.
    site.write(".public.gait-staging-999999/index.html", "half");
    site.write(".public.gait-staging-999998/posts/x/index.html", "half");
    site.build_ok(&[]);
    no_staging_left(&site);
    assert!(site.read_out("index.html").contains("<html"));
    assert!(!site.out_exists("posts/x/index.html"));
}

#[test]
fn a_file_where_a_folder_is_needed_in_the_recycled_output_is_cleared() {
    // Build 1 writes an alias as a file `old-page`; build 2 turns that address
    // into a page (a folder `old-page/`); build 3 recycles build 1's output,
    // where the file `old-page` stands in the way of the folder.
    let site = Site::fixture("basic");
    let post = std::fs::read_to_string(site.path("content/posts/gentle-core-work.md")).unwrap();
    let with_alias = post.replacen("---\n", "---\naliases: [/old-page]\n", 1);
    site.write("content/posts/gentle-core-work.md", &with_alias);
    site.build_ok(&[]);
    assert!(site.out_exists("old-page"));
    site.write("content/posts/gentle-core-work.md", &post);
    site.write(
        "content/pages/old-page.md",
        "---\ntitle: Old page\n---\nNow a page.\n",
    );
    site.build_ok(&[]);
    site.write(
        "content/pages/old-page.md",
        "---\ntitle: Old page\n---\nNow a page, changed.\n",
    );
    site.build_ok(&[]);
    assert!(
        site.read_out("old-page/index.html")
            .contains("Now a page, changed.")
    );
    // And back: the folder stands where the alias file must go.
    site.remove("content/pages/old-page.md");
    site.write("content/posts/gentle-core-work.md", &with_alias);
    site.build_ok(&[]);
    site.build_ok(&[]);
    assert!(site.out_exists("old-page"));
    no_staging_left(&site);
}

#[test]
fn debris_named_like_gaits_folders_is_removed() {
    // Files where gait keeps its spare and staging folders once made every
    // later build fail; now they are removed.
    let (site, _) = built_site();
    std::fs::remove_dir_all(site.root.join(".public.gait-spare")).ok();
    site.write(".public.gait-spare", "not a folder");
    site.write(".public.gait-staging-12345", "not a folder either");
    site.build_ok(&[]);
    site.build_ok(&[]);
    assert!(site.root.join(".public.gait-spare").is_dir());
    no_staging_left(&site);
}

#[cfg(unix)]
#[test]
fn a_link_named_like_gaits_folders_is_never_written_through() {
    let (site, _) = built_site();
    std::fs::remove_dir_all(site.root.join(".public.gait-spare")).ok();
    let elsewhere = site.tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root.join(".public.gait-spare")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root.join(".public.gait-staging-1")).unwrap();
    build_contained(&site, &[]).expect_success();
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "wrote through a link"
    );
    assert!(!site.root.join(".public.gait-staging-1").exists());
}

#[cfg(unix)]
#[test]
fn a_post_removed_while_builds_run_is_never_a_panic() {
    // One thread keeps creating and deleting a post (and a link to it) while
    // builds run: each build either works or reports the file, and public/
    // is always a complete site.
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let root = site.root.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flipper = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let post = root.join("content/posts/flicker.md");
            let link = root.join("content/posts/flicker-link.md");
            let text = post_text("", "Now you see me.\n");
            // Written whole, then renamed into place: the race under test is
            // the file coming and going, not a reader catching it half-written.
            let tmp = root.join("content/posts/flicker.md.tmp");
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::write(&tmp, &text);
                let _ = std::fs::rename(&tmp, &post);
                let _ = std::os::unix::fs::symlink("flicker.md", &link);
                std::thread::sleep(Duration::from_micros(300));
                let _ = std::fs::remove_file(&post);
                std::thread::sleep(Duration::from_micros(300));
                let _ = std::fs::remove_file(&link);
            }
        })
    };
    for _ in 0..12 {
        let run = site.build(&[]);
        assert!(
            run.code == 0 || run.code == 1,
            "exit {}: {}",
            run.code,
            run.stderr
        );
        for line in run.stderr.lines().filter(|l| l.starts_with("error: ")) {
            assert!(
                line.contains("flicker")
                    && (line.contains("could not read the file")
                        || line.contains("the slug `flicker` is also used")),
                "{line}"
            );
        }
        assert!(site.read_out("index.html").contains("<html"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flipper.join().unwrap();
    no_staging_left(&site);
}

#[test]
fn a_folder_named_like_a_post_is_not_read_as_one() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.path("content/authors/folder.md")).unwrap();
    std::fs::create_dir_all(site.path("content/posts/empty-folder.md")).unwrap();
    builds_with(&site, &[]);
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_not_a_failure() {
    // `gait build | head -0`: the report goes to a pipe nobody reads.
    let site = Site::fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gait"))
        .arg("build")
        .current_dir(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(site.read_out("index.html").contains("<html"));
}
