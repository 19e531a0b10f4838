//! Real servers on 127.0.0.1 for the deploy tests: moto's S3 server (from
//! the venv in tests/tools) and OpenSSH's sshd with a throwaway host key and
//! authorized key. Each is stopped when dropped.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::common::{Run, repo_root};

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited at start: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{what} did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `gait deploy` (plus `args`) in `root`, with `env` set and every other
/// AWS_ and SSH_AUTH_SOCK variable of the test's environment removed.
pub fn deploy(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gait"));
    cmd.arg("deploy").args(args).current_dir(root);
    for (k, _) in std::env::vars() {
        if k.starts_with("AWS_") || k == "SSH_AUTH_SOCK" {
            cmd.env_remove(k);
        }
    }
    cmd.env("NO_COLOR", "1").env("HOME", root);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run gait");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    run.expect_no_panic();
    run
}

/// moto's S3 server, recording every request it gets to a file.
pub struct Moto {
    child: Child,
    pub port: u16,
    recording: PathBuf,
    _dir: tempfile::TempDir,
}

impl Moto {
    pub fn start() -> Moto {
        let dir = tempfile::tempdir().unwrap();
        let recording = dir.path().join("requests.jsonl");
        let port = free_port();
        let mut child = Command::new(repo_root().join("tests/tools/venv/bin/moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_ENABLE_RECORDING", "true")
            .env("MOTO_RECORDER_FILEPATH", &recording)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server (run .ci/run to install it)");
        wait_for_port(port, &mut child, "moto_server");
        Moto {
            child,
            port,
            recording,
            _dir: dir,
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn create_bucket(&self, bucket: &str) {
        let r = http(self.port, "PUT", &format!("/{bucket}"));
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    }

    /// Every object under `prefix/`: key below it → bytes.
    pub fn objects(&self, bucket: &str, prefix: &str) -> BTreeMap<String, Vec<u8>> {
        self.keys(bucket, prefix)
            .into_iter()
            .map(|key| {
                let r = self.get(bucket, &key);
                assert_eq!(r.status, 200, "GET {key}");
                (key[prefix.len() + 1..].to_string(), r.body)
            })
            .collect()
    }

    pub fn keys(&self, bucket: &str, prefix: &str) -> Vec<String> {
        let r = http(
            self.port,
            "GET",
            &format!("/{bucket}?list-type=2&max-keys=1000&prefix={prefix}/"),
        );
        let xml = String::from_utf8(r.body).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let keys: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("Key"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        assert!(keys.len() < 1000, "more objects than one listing holds");
        keys
    }

    pub fn get(&self, bucket: &str, key: &str) -> Response {
        http(self.port, "GET", &format!("/{bucket}/{key}"))
    }

    /// The requests recorded so far: (method, URL, body). Moto's threads
    /// may append two records before either's newline: read a stream of
    /// JSON values, not lines.
    pub fn requests(&self) -> Vec<(String, String, String)> {
        let text = std::fs::read_to_string(&self.recording).unwrap_or_default();
        serde_json::Deserializer::from_str(&text)
            .into_iter::<serde_json::Value>()
            .map(|v| {
                let v = v.unwrap();
                let body = v["body"].as_str().unwrap_or("").to_string();
                let body = match v["body_encoded"].as_bool() {
                    Some(true) => String::from_utf8_lossy(&base64_decode(&body)).into_owned(),
                    _ => body,
                };
                (
                    v["method"].as_str().unwrap().to_string(),
                    v["url"].as_str().unwrap().to_string(),
                    body,
                )
            })
            .collect()
    }

    /// Forget the requests recorded so far.
    pub fn reset(&self) {
        std::fs::write(&self.recording, "").unwrap();
    }

    /// The keys below `bucket/prefix/` that recorded requests wrote
    /// (PUT) and deleted (DELETE, or a POST `?delete` naming them).
    pub fn writes(&self, bucket: &str, prefix: &str) -> (Vec<String>, Vec<String>) {
        let mut put = Vec::new();
        let mut deleted = Vec::new();
        let start = format!("/{bucket}/{prefix}/");
        for (method, url, body) in self.requests() {
            let path = url.split("://").nth(1).map_or(url.as_str(), |rest| {
                rest.find('/').map_or("", |i| &rest[i..])
            });
            let (path, query) = path.split_once('?').unwrap_or((path, ""));
            match method.as_str() {
                "PUT" | "DELETE" => {
                    if let Some(key) = path.strip_prefix(&start) {
                        let list = if method == "PUT" {
                            &mut put
                        } else {
                            &mut deleted
                        };
                        list.push(key.to_string());
                    }
                }
                // DeleteObjects: the keys are in the XML body.
                "POST" if query.contains("delete") && path == format!("/{bucket}") => {
                    let doc = roxmltree::Document::parse(&body).unwrap();
                    for key in doc.descendants().filter(|n| n.has_tag_name("Key")) {
                        let key = key.text().unwrap();
                        if let Some(k) = key.strip_prefix(&start[bucket.len() + 2..]) {
                            deleted.push(k.to_string());
                        }
                    }
                }
                "POST" => panic!("unexpected POST {url}"),
                _ => {}
            }
        }
        put.sort();
        deleted.sort();
        (put, deleted)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub type Response = crate::serve_support::Response<Vec<u8>>;

/// A raw HTTP/1.0 request without a body. Moto checks no signature, but
/// serves objects only to a request that carries one.
const SIGNATURE: &str = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";

pub fn http(port: u16, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nAuthorization: {SIGNATURE}\r\n\r\n"
    )
    .unwrap();
    let (status, headers, body) = crate::serve_support::read_response(&mut stream);
    Response {
        status,
        headers,
        body,
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// OpenSSH's sshd on a free port, with a throwaway host key, and a client
/// key that it accepts for the user running the tests.
pub struct Sshd {
    child: Child,
    pub port: u16,
    pub user: String,
    /// The client's private key.
    pub identity: PathBuf,
    /// A known_hosts file holding the server's real key.
    pub known_hosts: PathBuf,
    pub host_key_pub: PathBuf,
    pub dir: tempfile::TempDir,
}

fn keygen(path: &Path) {
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "gait-test", "-f"])
        .arg(path)
        .status()
        .expect("run ssh-keygen")
        .success();
    assert!(ok, "ssh-keygen failed");
}

impl Sshd {
    pub fn start() -> Sshd {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let host_key = d.join("host_key");
        let identity = d.join("id_ed25519");
        keygen(&host_key);
        keygen(&identity);
        std::fs::copy(d.join("id_ed25519.pub"), d.join("authorized_keys")).unwrap();
        let port = free_port();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {hk}\nPidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/authorized_keys\nPubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\nSubsystem sftp internal-sftp\n",
            hk = host_key.display(),
            d = d.display()
        );
        std::fs::write(d.join("sshd_config"), config).unwrap();
        // Debian's sshd wants its privilege separation folder.
        let _ = std::fs::create_dir_all("/run/sshd");
        let sshd = std::env::var("SSHD").unwrap_or_else(|_| "/usr/sbin/sshd".into());
        let mut child = Command::new(sshd)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(d.join("sshd_config"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("sshd.log")).unwrap())
            .spawn()
            .expect("start sshd");
        wait_for_port(port, &mut child, "sshd");
        let host_pub = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
        let known_hosts = d.join("known_hosts");
        std::fs::write(&known_hosts, format!("[127.0.0.1]:{port} {host_pub}")).unwrap();
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
            .unwrap()
            .trim()
            .to_string();
        Sshd {
            child,
            port,
            user,
            identity,
            known_hosts,
            host_key_pub: d.join("host_key.pub"),
            dir,
        }
    }

    /// The SHA-256 fingerprint of the server's host key, as ssh-keygen shows it.
    pub fn fingerprint(&self) -> String {
        let out = Command::new("ssh-keygen")
            .args(["-l", "-E", "sha256", "-f"])
            .arg(&self.host_key_pub)
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_string()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Each file below `dir` with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::common::list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// Each file below `dir` with when it was last written and its inode: a
/// file written again (even with the same bytes) shows a change.
pub fn stamps(dir: &Path) -> BTreeMap<String, (SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    crate::common::list_files(dir)
        .into_iter()
        .map(|f| {
            let m = std::fs::metadata(dir.join(&f)).unwrap();
            (f, (m.modified().unwrap(), m.ino()))
        })
        .collect()
}

/// The files that differ between two builds: (new or changed, removed).
pub fn changes(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> (Vec<String>, Vec<String>) {
    let changed = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    let removed = before
        .keys()
        .filter(|k| !after.contains_key(*k))
        .cloned()
        .collect();
    (changed, removed)
}
