//! Helpers for the preview-server tests: start `gait serve` on a free
//! loopback port, make plain HTTP requests, and listen to its event stream.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A running `gait serve`, stopped when dropped (as `kill` stops it, so
/// that it removes its folder; killed outright if it has not stopped
/// within 5 seconds).
pub struct Server {
    child: Child,
    pub port: u16,
    /// Lines the server printed on stdout and stderr.
    pub output: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return; // stopped already (its id may be another's now)
        }
        #[cfg(unix)]
        if Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success())
        {
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Start `gait serve --port <port>` in `root` and wait for its address.
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        Server::start_with_env(root, extra, &[])
    }

    /// [`Server::start`] with more environment variables set.
    pub fn start_with_env(root: &Path, extra: &[&str], env: &[(&str, &Path)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gait"))
            .arg("serve")
            .args(extra)
            .envs(env.iter().copied())
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gait serve");
        let (tx, rx) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(port) = line
                        .split("http://127.0.0.1:")
                        .nth(1)
                        .and_then(|rest| rest.split(['/', ' ']).next())
                        .and_then(|p| p.parse().ok())
                    {
                        seen.push(line);
                        return Server {
                            child,
                            port,
                            output: rx,
                        };
                    }
                    seen.push(line);
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("gait serve printed no address; output: {seen:#?}")
                }
            }
        }
    }

    /// Kill the server outright (SIGKILL), as a crash would end it.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Send the server `signal` (`TERM` as `kill` does, `INT` as Ctrl-C
    /// does) and wait for it to exit; its exit status, or `None` if it was
    /// still running 20 seconds later (it is then killed).
    #[cfg(unix)]
    pub fn stop_with(mut self, signal: &str) -> Option<std::process::ExitStatus> {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait for gait serve") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// Subscribe to the live-reload events.
    pub fn events(&self) -> Events {
        Events::connect(self.port)
    }

    /// Wait for a line of output containing `needle`.
    pub fn wait_output(&self, needle: &str, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Some(line),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

/// An HTTP response; the body as text, or as bytes (`Response<Vec<u8>>`).
pub struct Response<B = String> {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: B,
}

impl<B> Response<B> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A raw HTTP/1.1 GET (the path is sent exactly as given, so traversal
/// attempts reach the server unchanged).
pub fn get(port: u16, path: &str) -> Response {
    let Response {
        status,
        headers,
        body,
    } = get_bytes(port, path);
    let body = String::from_utf8_lossy(&body).into_owned();
    let body = body.as_str();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Response {
        status,
        headers,
        body,
    }
}

/// [`get`] with the body as it came (a picture; chunks not joined).
pub fn get_bytes(port: u16, path: &str) -> Response<Vec<u8>> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let (status, headers, body) = read_response(&mut stream);
    Response {
        status,
        headers,
        body,
    }
}

/// Read a whole HTTP response: status, headers and body bytes.
pub fn read_response(stream: &mut TcpStream) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n");
    let (head, body) = match split {
        Some(i) => (&raw[..i], raw[i + 4..].to_vec()),
        None => (&raw[..], Vec::new()),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    (status, headers, body)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// The server-sent events of one connection: (event name, data).
pub struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    pub fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect events");
        write!(stream, "GET /__gait/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.trim().to_string();
                } else if let Some(d) = line.strip_prefix("data: ")
                    && tx.send((name.clone(), d.to_string())).is_err()
                {
                    break;
                }
            }
        });
        // Let the server register the subscriber before anything changes.
        std::thread::sleep(Duration::from_millis(300));
        Events { rx }
    }

    /// The next event within `timeout`.
    pub fn next(&self, timeout: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Wait for an event named `name`, skipping others.
    pub fn wait_for(&self, name: &str, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let (n, data) = self.next(left)?;
            if n == name {
                return Some(data);
            }
        }
    }
}
