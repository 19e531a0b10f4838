use super::*;

fn file(path: &str, size: u64, sha: &str) -> LocalFile {
    LocalFile {
        path: path.into(),
        size,
        sha256: sha.into(),
    }
}

fn manifest(entries: &[(&str, u64, &str)]) -> Manifest {
    let mut m = Manifest::new();
    for (p, size, sha) in entries {
        m.files.insert(
            p.to_string(),
            Entry {
                size: *size,
                sha256: sha.to_string(),
            },
        );
    }
    m
}

fn listing(entries: &[(&str, u64)]) -> BTreeMap<String, u64> {
    entries.iter().map(|(p, s)| (p.to_string(), *s)).collect()
}

fn paths(uploads: &[Upload]) -> Vec<(&str, Why)> {
    uploads.iter().map(|u| (u.path.as_str(), u.why)).collect()
}

#[test]
fn first_deploy_uploads_files_then_pages() {
    let local = [
        file("index.html", 10, "a"),
        file("css/style.css", 5, "b"),
        file("posts/x/index.html", 7, "c"),
        file("feed.xml", 3, "d"),
    ];
    let p = plan(&local, &Manifest::new(), &BTreeMap::new());
    assert_eq!(
        paths(&p.files),
        [("css/style.css", Why::New), ("feed.xml", Why::New)]
    );
    assert_eq!(
        paths(&p.pages),
        [("index.html", Why::New), ("posts/x/index.html", Why::New)]
    );
    assert!(p.deletes.is_empty());
    assert_eq!(p.upload_bytes(), 25);
}

#[test]
fn unchanged_changed_missing_gone_and_foreign() {
    let local = [
        file("index.html", 10, "a"),
        file("css/style.css", 5, "b2"),
        file("about/index.html", 4, "e"),
        file("robots.txt", 2, "f"),
    ];
    let m = manifest(&[
        ("index.html", 10, "a"),
        ("css/style.css", 5, "b"),
        ("about/index.html", 4, "e"),
        ("robots.txt", 2, "f"),
        ("posts/old/index.html", 9, "g"),
        ("posts/gone-already/index.html", 9, "h"),
    ]);
    let l = listing(&[
        ("index.html", 10),
        ("css/style.css", 5),
        ("robots.txt", 3),
        ("posts/old/index.html", 9),
        ("google1234.html", 40),
    ]);
    let p = plan(&local, &m, &l);
    assert_eq!(
        paths(&p.files),
        [
            ("css/style.css", Why::Changed),
            ("robots.txt", Why::Missing)
        ]
    );
    assert_eq!(paths(&p.pages), [("about/index.html", Why::Missing)]);
    assert_eq!(p.deletes, ["posts/old/index.html"]);
    assert_eq!(p.unchanged, 1);
    assert_eq!(p.foreign, 1);
    assert_eq!(
        p.describe(),
        "upload css/style.css (changed, 5 bytes)\nupload robots.txt (missing, 2 bytes)\nupload about/index.html (missing, 4 bytes)\ndelete posts/old/index.html\n"
    );
}

#[test]
fn nothing_changed_is_an_empty_plan() {
    let local = [file("index.html", 10, "a")];
    let p = plan(
        &local,
        &manifest(&[("index.html", 10, "a")]),
        &listing(&[("index.html", 10)]),
    );
    assert!(p.is_empty());
    assert_eq!(p.unchanged, 1);
}

#[test]
fn manifest_after_a_partial_failure_retries_what_failed() {
    let local = [
        file("a.css", 1, "new-a"),
        file("b.css", 1, "new-b"),
        file("c.html", 1, "c"),
    ];
    let old = manifest(&[
        ("a.css", 1, "old-a"),
        ("c.html", 1, "c"),
        ("gone.html", 1, "g"),
        ("gone2.html", 1, "g2"),
    ]);
    let l = listing(&[
        ("a.css", 1),
        ("c.html", 1),
        ("gone.html", 1),
        ("gone2.html", 1),
    ]);
    let p = plan(&local, &old, &l);
    assert_eq!(p.deletes, ["gone.html", "gone2.html"]);
    let uploaded: BTreeSet<String> = ["b.css".to_string()].into();
    let deleted: BTreeSet<String> = ["gone.html".to_string()].into();
    let m = updated_manifest(&old, &local, &p, &uploaded, &deleted);
    assert_eq!(
        m,
        manifest(&[
            ("a.css", 1, "old-a"),
            ("b.css", 1, "new-b"),
            ("c.html", 1, "c"),
            ("gone2.html", 1, "g2"),
        ])
    );
    // The next plan uploads the failed file again and retries the delete.
    let l2 = listing(&[("a.css", 1), ("b.css", 1), ("c.html", 1), ("gone2.html", 1)]);
    let p2 = plan(&local, &m, &l2);
    assert_eq!(paths(&p2.files), [("a.css", Why::Changed)]);
    assert_eq!(p2.deletes, ["gone2.html"]);
}
