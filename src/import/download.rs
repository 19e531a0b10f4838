//! `--download-media`: fetching the old site's uploads over HTTP and HTTPS
//! into the site's `.gait/wp-uploads/` (laid out like `wp-content/uploads/`),
//! from where the import places them beside their posts as it does with
//! `--uploads`.
//!
//! A few connections at a time, with timeouts and retries for network errors
//! and busy servers (5xx, 429). A file already downloaded is not fetched
//! again. WordPress's resized copies (`knee-300x200.jpg`) are fetched as the
//! original (`knee.jpg`), which gait resizes itself; the copy's own address
//! is tried only when the original cannot be had.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::assemble::assemble;
use super::links::Target;
use super::media::{Uploads, without_size_suffix};
use super::plan::Plan;
use super::wxr::Export;
use crate::fsx;

/// Where downloads are kept, relative to the site's root.
pub const DIR: &str = ".gait/wp-uploads";
/// Connections open at once.
pub const CONNECTIONS: usize = 4;
/// Attempts per address for errors that may pass (network, 5xx, 429).
pub const ATTEMPTS: u32 = 3;
/// The largest file fetched.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// One file to fetch: its absolute address and its path below `uploads/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub url: String,
    pub rel: String,
}

/// What fetching did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fetched {
    pub downloaded: usize,
    /// Already there from an earlier run.
    pub kept: usize,
    /// (address, what went wrong: `404 Not Found`, `timed out`, ...).
    pub failed: Vec<(String, String)>,
}

/// Timeouts of one fetch.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    /// The whole request, body included.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(120),
        }
    }
}

/// Fetch every wanted file missing from `dir`, a few at a time.
pub fn fetch_missing(wanted: &[Wanted], dir: &Path, timeouts: Timeouts) -> Fetched {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(timeouts.connect))
        .timeout_global(Some(timeouts.total))
        .max_idle_connections_per_host(CONNECTIONS)
        .user_agent(concat!(
            "gait/",
            env!("CARGO_PKG_VERSION"),
            " (WordPress import)"
        ))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let next = AtomicUsize::new(0);
    let result = Mutex::new(Fetched::default());
    std::thread::scope(|s| {
        for _ in 0..CONNECTIONS.min(wanted.len()) {
            s.spawn(|| {
                while let Some(w) = wanted.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = fetch_one(&agent, w, dir);
                    let mut r = result.lock().unwrap_or_else(|e| e.into_inner());
                    match outcome {
                        Ok(true) => r.downloaded += 1,
                        Ok(false) => r.kept += 1,
                        Err(why) => r.failed.push((w.url.clone(), why)),
                    }
                }
            });
        }
    });
    let mut r = result.into_inner().unwrap_or_else(|e| e.into_inner());
    r.failed.sort();
    r
}

/// Fetch the uploads the export uses (pictures and PDFs) that are not yet
/// in the site's `.gait/wp-uploads/`; returns that folder, to place files from.
pub fn run(export: &Export, plan: &Plan, root: &Path) -> (Uploads, Fetched) {
    let dir = root.join(DIR);
    let uploads = Uploads::new(dir.clone());
    // What a dry run cannot find there is what to fetch.
    let dry = assemble(export, plan, Some(&uploads), root);
    let mut wanted: Vec<Wanted> = dry
        .not_copied
        .iter()
        .filter_map(|url| match plan.old_site.resolve(url) {
            Target::Upload { rel, absolute } => Some(Wanted { url: absolute, rel }),
            _ => None,
        })
        .filter(|w| {
            crate::images::Format::from_path(&w.rel).is_some()
                || w.rel.to_ascii_lowercase().ends_with(".pdf")
        })
        .collect();
    // A resized copy and its original are one file to fetch.
    let mut seen = std::collections::HashSet::new();
    wanted.retain(|w| seen.insert(original_of(w).map_or_else(|| w.rel.clone(), |o| o.rel)));
    (uploads, fetch_missing(&wanted, &dir, Timeouts::default()))
}

/// The report's lines about downloads.
pub fn report(f: &Fetched) -> String {
    let mut s = format!(
        "Downloaded {} {} from the old site into {DIR}/\n",
        f.downloaded,
        crate::diag::plural(f.downloaded, "file", "files")
    );
    if !f.failed.is_empty() {
        s.push_str(&format!(
            "Could not download ({}); their references are left as they were:\n",
            f.failed.len()
        ));
        for (url, why) in &f.failed {
            s.push_str(&format!("  {url}: {why}\n"));
        }
    }
    s
}

/// The original's address and path for a resized copy's, if it is one.
fn original_of(w: &Wanted) -> Option<Wanted> {
    let (dir, name) = w.rel.rsplit_once('/').unwrap_or(("", &w.rel));
    let original = without_size_suffix(name)?;
    let (url_base, _) = w.url.rsplit_once('/')?;
    Some(Wanted {
        url: format!("{url_base}/{}", encode_name(&original)),
        rel: if dir.is_empty() {
            original
        } else {
            format!("{dir}/{original}")
        },
    })
}

fn encode_name(name: &str) -> String {
    url::form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// `Ok(true)`: downloaded; `Ok(false)`: already there.
fn fetch_one(agent: &ureq::Agent, w: &Wanted, dir: &Path) -> Result<bool, String> {
    let candidates: Vec<Wanted> = original_of(w).into_iter().chain([w.clone()]).collect();
    if candidates.iter().any(|c| dir.join(&c.rel).is_file()) {
        return Ok(false);
    }
    let mut last = String::new();
    for c in &candidates {
        match get(agent, &c.url) {
            Ok(bytes) => {
                save(&dir.join(&c.rel), &bytes).map_err(|e| format!("{e:#}"))?;
                return Ok(true);
            }
            Err(why) => last = why,
        }
    }
    Err(last)
}

fn save(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let part = PathBuf::from(format!("{}.part", path.display()));
    fsx::write(&part, bytes)?;
    fsx::rename(&part, path)
}

/// The body of `url`, trying again after errors that may pass.
fn get(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, String> {
    let mut why = String::new();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(250 << attempt));
        }
        match agent.get(url).call() {
            Ok(mut resp) => {
                let status = resp.status();
                if status.is_success() {
                    let mut body = Vec::new();
                    match resp
                        .body_mut()
                        .as_reader()
                        .take(MAX_BYTES + 1)
                        .read_to_end(&mut body)
                    {
                        Ok(_) if body.len() as u64 > MAX_BYTES => {
                            return Err(format!(
                                "larger than {}",
                                crate::safe_path::megabytes(MAX_BYTES)
                            ));
                        }
                        Ok(_) => return Ok(body),
                        Err(e) => why = describe_io(&e),
                    }
                    continue;
                }
                why = format!(
                    "{} {}",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("")
                )
                .trim_end()
                .to_string();
                if !(status.is_server_error() || status.as_u16() == 429) {
                    return Err(why);
                }
            }
            Err(e) => why = describe(&e),
        }
    }
    Err(why)
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::Io(io) => describe_io(io),
        other => other.to_string(),
    }
}

fn describe_io(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::TimedOut {
        "timed out".into()
    } else {
        e.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resized_copies_map_to_the_original() {
        let w = Wanted {
            url: "https://x.org/wp-content/uploads/2019/03/knee-300x200.jpg".into(),
            rel: "2019/03/knee-300x200.jpg".into(),
        };
        assert_eq!(
            original_of(&w),
            Some(Wanted {
                url: "https://x.org/wp-content/uploads/2019/03/knee.jpg".into(),
                rel: "2019/03/knee.jpg".into(),
            })
        );
        let plain = Wanted {
            url: "https://x.org/a/Team%20Photo.jpg".into(),
            rel: "Team Photo.jpg".into(),
        };
        assert_eq!(original_of(&plain), None);
        assert_eq!(encode_name("Team Photo.jpg"), "Team%20Photo.jpg");
    }
}
