//! `gait import wordpress --download-media` against a real HTTP server on
//! loopback that plays the old WordPress site: pictures drawn by the test,
//! one address that answers 404, and a log of every request.

use std::collections::HashMap;
use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::common::gait_in;

type Log = Arc<Mutex<Vec<String>>>;
type Files = Arc<HashMap<String, Vec<u8>>>;

/// Serve `files` (path → bytes) on 127.0.0.1; every request's path goes to the log.
fn old_site(files: HashMap<String, Vec<u8>>) -> (String, Log) {
    let log: Log = Arc::default();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let state = (Arc::new(files), log.clone());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let app = axum::Router::new().fallback(answer).with_state(state);
            axum::serve(listener, app).await.unwrap();
        });
    });
    (format!("http://{addr}"), log)
}

async fn answer(State((files, log)): State<(Files, Log)>, req: Request) -> impl IntoResponse {
    let path = req.uri().path().to_string();
    log.lock().unwrap().push(path.clone());
    match files.get(&path) {
        Some(bytes) => (StatusCode::OK, bytes.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A JPEG photo-like picture (gradient and noise) of the given size.
fn photo(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed).wrapping_mul(2_654_435_761)
            >> 27;
        image::Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            (120 + n) as u8,
        ])
    });
    let mut out = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut out),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    out
}

fn count(log: &Log, path: &str) -> usize {
    log.lock().unwrap().iter().filter(|p| *p == path).count()
}

#[test]
fn download_media_fetches_places_and_reports() {
    let up = "/wp-content/uploads/2019/03";
    let files: HashMap<String, Vec<u8>> = [
        (format!("{up}/knee-brace.jpg"), photo(640, 480, 1)),
        (format!("{up}/hip-stretch.jpg"), photo(900, 600, 2)),
    ]
    .into();
    let (origin, log) = old_site(files.clone());
    let tmp = tempfile::tempdir().unwrap();
    let export = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wxr/media.xml"),
    )
    .unwrap()
    .replace("{ORIGIN}", &origin);
    fs::write(tmp.path().join("export.xml"), export).unwrap();
    gait_in(tmp.path(), &["init", "site"]).expect_success();
    let site = tmp.path().join("site");

    let run = gait_in(
        &site,
        &["import", "wordpress", "../export.xml", "--download-media"],
    );
    run.expect_success();
    let gone = format!("{origin}{up}/gone.jpg");
    assert!(
        run.stdout.contains(&format!(
            "Downloaded 2 files from the old site into .gait/wp-uploads/\nCould not download (1); their references are left as they were:\n  {gone}: 404 Not Found\n"
        )),
        "{}",
        run.stdout
    );

    // The post became a folder with its pictures; the resized copy's
    // address was fetched as the original.
    let post = site.join("content/posts/knee-brace-basics");
    assert_eq!(
        fs::read(post.join("knee-brace.jpg")).unwrap(),
        files[&format!("{up}/knee-brace.jpg")]
    );
    assert_eq!(
        fs::read(post.join("hip-stretch.jpg")).unwrap(),
        files[&format!("{up}/hip-stretch.jpg")]
    );
    assert_eq!(count(&log, &format!("{up}/hip-stretch-300x200.jpg")), 0);
    let text = fs::read_to_string(post.join("index.md")).unwrap();
    assert!(
        text.contains("\nimage: knee-brace.jpg\nimage_alt: A knee brace on a treatment table\n"),
        "{text}"
    );
    assert!(
        text.contains("![A hip stretch on a mat](hip-stretch.jpg)"),
        "{text}"
    );
    assert!(
        text.contains(&format!("![The old clinic]({gone})")),
        "{text}"
    );
    assert!(site.join("content/posts/posture-at-the-desk.md").is_file());

    let build = gait_in(&site, &["build"]);
    build.expect_success();
    assert!(
        site.join("public/posts/knee-brace-basics/knee-brace.jpg")
            .is_file()
    );

    // Again: only what is still missing is asked for.
    let before = log.lock().unwrap().len();
    gait_in(
        &site,
        &[
            "import",
            "wordpress",
            "../export.xml",
            "--download-media",
            "--force",
        ],
    )
    .expect_success();
    let again: Vec<String> = log.lock().unwrap()[before..].to_vec();
    assert_eq!(again, [format!("{up}/gone.jpg")]);
    assert_eq!(count(&log, &format!("{up}/knee-brace.jpg")), 1);
}

#[test]
fn download_media_and_uploads_exclude_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    gait_in(tmp.path(), &["init", "site"]).expect_success();
    let run = gait_in(
        &tmp.path().join("site"),
        &[
            "import",
            "wordpress",
            "x.xml",
            "--download-media",
            "--uploads",
            "u",
        ],
    );
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("the argument '--download-media' cannot be used with '--uploads <DIR>'"),
        "{}",
        run.stderr
    );
}
