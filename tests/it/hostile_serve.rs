//! Hostile input, part 5: the preview server under abuse, on 127.0.0.1 only.
//! It survives clients that hang up mid-response or mid-request, 1,000
//! live-reload connections at once, and a flood of 10,000 file events
//! (rebuilt a few times, not 10,000 times), and keeps serving afterwards.

use crate::common;
use crate::serve_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Site;
use serve_support::Server;

const WAIT: Duration = Duration::from_secs(30);

fn start(site: &Site) -> Server {
    Server::start(&site.root, &["--port", "0"])
}

/// Lines the server printed so far (without waiting).
fn drain(server: &Server) -> Vec<String> {
    server.output.try_iter().collect()
}

#[track_caller]
fn still_serves(server: &Server) {
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Riverbend Pelvic Therapy"));
}

#[test]
fn clients_that_hang_up_mid_response_or_mid_request() {
    let site = Site::fixture("basic");
    // A large file, so that the response is still being sent when the client leaves.
    site.write("static/big.bin", vec![b'x'; 8 * 1024 * 1024]);
    let server = start(&site);
    for i in 0..40 {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        match i % 4 {
            // Read a little of a big response, then hang up.
            0 => {
                write!(s, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
                let mut buf = [0u8; 1024];
                let _ = s.read(&mut buf);
            }
            // Hang up in the middle of the request line or the headers.
            1 => write!(s, "GET /posts/hip-pain-at-ni").unwrap(),
            2 => write!(s, "GET / HTTP/1.1\r\nHost: x\r\nAccept: te").unwrap(),
            // Ask for a page (the live-reload script is added to it) and leave at once.
            _ => write!(
                s,
                "GET /posts/hip-pain-at-night/ HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            .unwrap(),
        }
        drop(s);
    }
    // A live-reload connection that goes away.
    drop(
        TcpStream::connect(("127.0.0.1", server.port))
            .map(|mut s| write!(s, "GET /__gait/events HTTP/1.1\r\nHost: x\r\n\r\n")),
    );
    still_serves(&server);
    let big = server.get("/big.bin");
    assert_eq!((big.status, big.body.len()), (200, 8 * 1024 * 1024));
    // And it still rebuilds and tells the browsers.
    let events = server.events();
    site.write(
        "content/posts/new.md",
        "---\ntitle: New\ndate: 2024-01-01\nauthor: sam-lee\n---\nHello.\n",
    );
    assert!(events.wait_for("reload", WAIT).is_some());
}

#[test]
fn a_thousand_live_reload_connections() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let started = Instant::now();
    let mut streams = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            s,
            "GET /__gait/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        streams.push(BufReader::new(s));
    }
    // Every connection is answered as an event stream.
    for r in &mut streams {
        let mut status = String::new();
        r.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        loop {
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
        }
    }
    // Pages are still served while they are all open.
    still_serves(&server);
    // One change reaches all of them.
    site.write(
        "content/posts/new.md",
        "---\ntitle: New\ndate: 2024-01-01\nauthor: sam-lee\n---\nHello.\n",
    );
    for (i, r) in streams.iter_mut().enumerate() {
        let mut got = false;
        for _ in 0..20 {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            if line.contains("event: reload") {
                got = true;
                break;
            }
        }
        assert!(got, "connection {i} got no reload");
    }
    drop(streams);
    still_serves(&server);
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn a_flood_of_ten_thousand_file_events_is_a_few_rebuilds() {
    let site = Site::fixture("basic");
    let server = start(&site);
    std::thread::sleep(Duration::from_millis(300));
    drain(&server);
    let events = server.events();
    // 10,000 saves of one post, as fast as the disk takes them.
    let path = site.path("content/posts/gentle-core-work.md");
    let text = std::fs::read_to_string(&path).unwrap();
    for i in 0..10_000 {
        std::fs::write(&path, format!("{text}\nSave {i}.\n")).unwrap();
    }
    // Wait for the rebuilds to settle: a reload, then quiet.
    assert!(events.wait_for("reload", WAIT).is_some());
    let mut built = 0;
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        match server.output.recv_timeout(Duration::from_millis(1500)) {
            Ok(line) if line.starts_with("Built ") => built += 1,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    built += drain(&server)
        .iter()
        .filter(|l| l.starts_with("Built "))
        .count();
    eprintln!("rebuilds: {built}");
    assert!(built <= 20, "{built} rebuilds for one burst of saves");
    let page = server.get("/posts/gentle-core-work/");
    assert!(
        page.body.contains("Save 9999."),
        "the last save is what is served"
    );
}

#[test]
fn a_flood_of_new_files_is_picked_up() {
    // 10,000 new files in one folder overflow nothing that matters: the
    // preview ends up with all of them.
    let site = Site::fixture("basic");
    let server = start(&site);
    let events = server.events();
    std::fs::create_dir_all(site.path("static/flood")).unwrap();
    for i in 0..10_000 {
        std::fs::write(site.path(&format!("static/flood/f{i}.txt")), format!("{i}")).unwrap();
    }
    assert!(events.wait_for("reload", WAIT).is_some());
    let deadline = Instant::now() + WAIT;
    loop {
        let last = server.get("/flood/f9999.txt");
        if last.status == 200 {
            assert_eq!(last.body, "9999");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the last file of the flood never appeared"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    still_serves(&server);
}
