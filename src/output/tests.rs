//! Tests of the staging folder: refusals, the swap, recycling through the
//! record of what a folder holds, and stamps.

use super::*;

#[test]
fn refuses_dangerous_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content/posts")).unwrap();
    std::fs::create_dir_all(root.join("mine")).unwrap();
    std::fs::write(root.join("mine/notes.txt"), "keep").unwrap();
    assert!(check(&root, &root).is_err());
    assert!(check(&root, tmp.path()).is_err(), "a parent of the site");
    assert!(check(&root, &root.join("content")).is_err());
    assert!(check(&root, &root.join("content/posts/out")).is_err());
    assert!(check(&root, &root.join("themes/clinic")).is_err());
    assert!(check(&root, &root.join(".")).is_err());
    let refusal = check(&root, &root.join("mine")).unwrap_err();
    assert!(
        refusal
            .message
            .ends_with("holds files that gait did not write")
    );
    assert!(check(&root, &root.join("public")).is_ok(), "a new folder");
    std::fs::create_dir_all(root.join("empty")).unwrap();
    assert!(check(&root, &root.join("empty")).is_ok());
    std::fs::write(root.join("mine").join(MARKER), "").unwrap();
    assert!(check(&root, &root.join("mine")).is_ok(), "marked as gait's");
}

#[test]
fn staging_swaps_in_and_recycles_the_old_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let names = || {
        let mut n: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("old.html"), "old").unwrap();
    // A failed build: dropped without commit; the output is untouched and
    // the half-written folder is kept only as the spare.
    let s = Staging::create(&out).unwrap();
    std::fs::write(s.path().join("new.html"), "new").unwrap();
    drop(s);
    assert_eq!(
        std::fs::read_to_string(out.join("old.html")).unwrap(),
        "old"
    );
    assert_eq!(names(), [".public.gait-spare", "public"]);
    // A good build reuses the spare, drops what it did not write, and
    // keeps the previous output as the next spare.
    let mut s = Staging::create(&out).unwrap();
    assert_eq!(
        names(),
        [
            format!(".public.gait-staging-{}", std::process::id()),
            "public".to_string()
        ]
    );
    std::fs::write(s.path().join("b.html"), "b").unwrap();
    let kept = [PathBuf::from("b.html")];
    s.prune(&kept).unwrap();
    s.commit(&kept).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, [MARKER, "b.html"]);
    // Beside them, the record of what the new output holds.
    assert_eq!(
        names(),
        [".public.gait-files", ".public.gait-spare", "public"]
    );
    assert!(tmp.path().join(".public.gait-spare/old.html").exists());
}

/// Three builds: the third recycles the first's folder through its record.
#[test]
fn a_recycled_folder_is_pruned_by_its_record_and_what_was_added_by_hand_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let build = |files: &[&str]| {
        let mut s = Staging::create(&out).unwrap();
        let kept: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        for f in &kept {
            s.write(f, f.to_string_lossy().as_bytes()).unwrap();
        }
        s.prune(&kept).unwrap();
        s.commit(&kept).unwrap();
    };
    build(&["index.html", "posts/a/index.html", "posts/b/index.html"]);
    build(&["index.html"]);
    // Added by hand to the folder the next build recycles.
    std::thread::sleep(std::time::Duration::from_millis(30));
    let spare = tmp.path().join(".public.gait-spare");
    std::fs::write(spare.join("posts/a/notes.txt"), "mine").unwrap();
    build(&["index.html", "posts/a/index.html"]);
    let held = contents::walk(&out);
    let mut files: Vec<String> = held.files.iter().map(|f| f.display().to_string()).collect();
    files.sort();
    assert_eq!(files, [MARKER, "index.html", "posts/a/index.html"]);
    assert_eq!(held.dirs.len(), 2, "posts and posts/a: {:?}", held.dirs);
    let store: Vec<_> = std::fs::read_dir(tmp.path().join(".public.gait-files"))
        .unwrap()
        .collect();
    assert_eq!(store.len(), 2, "a record for the output and the spare");
}

#[test]
fn a_page_as_stamped_is_left_alone_and_any_other_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let page = Path::new("p.html");
    let build = |text: &str| {
        let mut s = Staging::create(&out).unwrap();
        s.write(page, text.as_bytes()).unwrap();
        s.prune(&[page.to_path_buf()]).unwrap();
        s.commit(&[page.to_path_buf()]).unwrap();
    };
    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    build("aaaa");
    let first = modified(&out.join(page));
    build("bbbb");
    std::thread::sleep(std::time::Duration::from_millis(30));
    // The folder of "aaaa" comes back: the same bytes are not rewritten.
    build("aaaa");
    assert_eq!(modified(&out.join(page)), first);
    // The folder of "bbbb": bytes of the same length, but others.
    build("cccc");
    assert_eq!(std::fs::read_to_string(out.join(page)).unwrap(), "cccc");
    // Changed by hand (same length) in the folder the next build takes.
    let spare = tmp.path().join(".public.gait-spare").join(page);
    std::fs::write(&spare, "dddd").unwrap();
    build("aaaa");
    assert_eq!(std::fs::read_to_string(out.join(page)).unwrap(), "aaaa");
}
