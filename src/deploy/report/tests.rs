use super::*;
use crate::deploy::plan::{Upload, Why};

fn upload(path: &str, size: u64) -> Upload {
    Upload {
        path: path.into(),
        size,
        why: Why::New,
    }
}

#[test]
fn sizes() {
    assert_eq!(size(999), "999 bytes");
    assert_eq!(size(12_500), "12.5 KB");
    assert_eq!(size(3_100_000), "3.1 MB");
}

#[test]
fn dry_run_and_summaries() {
    let plan = Plan {
        files: vec![upload("css/style.css", 1200)],
        pages: vec![upload("index.html", 800)],
        deletes: vec!["posts/old/index.html".into()],
        unchanged: 40,
        foreign: 2,
    };
    assert_eq!(
        dry_run(&plan, "s3://b/site"),
        "upload css/style.css (new, 1200 bytes)\nupload index.html (new, 800 bytes)\ndelete posts/old/index.html\nDry run: would upload 2 files (2.0 KB) and delete 1 file at s3://b/site; 40 unchanged. Nothing was written."
    );
    let outcome = Outcome {
        uploaded: ["css/style.css".to_string(), "index.html".to_string()].into(),
        uploaded_bytes: 2000,
        deleted: ["posts/old/index.html".to_string()].into(),
        ..Outcome::default()
    };
    assert_eq!(
        summary(&plan, &outcome, "s3://b/site", 1.25),
        "Deployed to s3://b/site: uploaded 2 files (2.0 KB), deleted 1 file, 40 unchanged, in 1.2 s. 2 files that gait did not publish were left alone."
    );
    let nothing = Plan {
        unchanged: 41,
        ..Plan::default()
    };
    assert_eq!(
        summary(&nothing, &Outcome::default(), "s3://b/site", 0.3),
        "Nothing to deploy: s3://b/site already holds this build (41 files)."
    );
}

#[test]
fn failure_says_what_was_and_was_not_published() {
    let plan = Plan {
        files: vec![upload("css/style.css", 10), upload("js/search.js", 10)],
        pages: vec![upload("index.html", 10), upload("about/index.html", 10)],
        deletes: vec!["old.html".into()],
        unchanged: 0,
        foreign: 0,
    };
    let outcome = Outcome {
        uploaded: ["js/search.js".to_string()].into(),
        uploaded_bytes: 10,
        failed: vec![(
            "css/style.css".into(),
            "cannot create the folder /srv/css: Failure".into(),
        )],
        held_back: 2,
        deletes_skipped: 1,
        ..Outcome::default()
    };
    assert_eq!(
        failure(&plan, &outcome, "sftp://deploy@127.0.0.1:2222/srv"),
        "the deploy to sftp://deploy@127.0.0.1:2222/srv did not finish\n1 file of 4 could not be uploaded:\n  css/style.css: cannot create the folder /srv/css: Failure\nPublished: 1 file. Not published: 1 file; 2 pages held back so that no page goes up before the files it uses; 1 file not deleted yet.\n  help: fix the cause and run gait deploy again: it sends only what the target still lacks"
    );
}
