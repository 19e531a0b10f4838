//! What earlier plans read of each picture (its size and times, its cache
//! key and probe), so that a plan reads, hashes and probes only the
//! pictures that changed. The preview server passes its last plan; a build
//! reads the stamps the last plan kept in [`FILE`].
//!
//! A stamp is trusted only when the file's size, modification time and (on
//! Unix) change time are all as they were, and when the file had not been
//! modified shortly before it was read: on a file system with coarse times
//! a second change within the same tick would otherwise go unseen. A stamps
//! file that is missing, unreadable or made with other settings is ignored
//! (every picture is read); the build then writes a new one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use anyhow::Result;

use super::engine::Planned;
use super::probe::Probe;
use crate::fsx::{self, FileStamp};

/// Where the stamps are kept, relative to the site's root.
pub const FILE: &str = ".gait/cache/pictures.stamps.json";

/// How long before its reading a file must have been modified last for its
/// stamp to be trusted (FAT keeps times to 2 s).
const SETTLE: Duration = Duration::from_secs(2);

impl FileStamp {
    /// The stamp to keep for a file taken before reading it at `read`:
    /// none when it was modified too shortly before (or after) that.
    pub fn settled(self, read: SystemTime) -> Option<FileStamp> {
        let settled = self.modified.checked_add(SETTLE)? <= read;
        settled.then_some(self)
    }
}

/// One picture in [`FILE`].
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    /// Relative to the site's root.
    file: PathBuf,
    stamp: FileStamp,
    key: String,
    probe: Probe,
}

/// [`FILE`]: the stamps of one plan, with the settings (cache tag) it used.
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept {
    settings: String,
    pictures: Vec<Entry>,
}

/// What earlier plans knew, by file.
#[derive(Default)]
pub struct Known {
    by_file: HashMap<PathBuf, (FileStamp, String, Probe)>,
}

impl Known {
    /// What `previous` (a plan in memory) knew of the pictures it planned
    /// with the settings `tag`.
    pub fn planned(previous: &[Planned], tag: &str) -> Known {
        let by_file = previous
            .iter()
            .filter(|p| &*p.settings == tag)
            .filter_map(|p| Some((p.source.file.clone(), (p.stamp?, p.key.clone(), p.probe))))
            .collect();
        Known { by_file }
    }

    /// What the last plan of the site at `root` with the settings `tag`
    /// kept in [`FILE`]; nothing when there is no such file, when it cannot
    /// be read or parsed, or when it was made with other settings.
    pub fn load(root: &Path, tag: &str) -> Known {
        let Ok(text) = std::fs::read(root.join(FILE)) else {
            return Known::default();
        };
        match serde_json::from_slice::<Kept>(&text) {
            Ok(kept) if kept.settings == tag => Known {
                by_file: kept
                    .pictures
                    .into_iter()
                    .map(|e| (root.join(e.file), (e.stamp, e.key, e.probe)))
                    .collect(),
            },
            _ => Known::default(),
        }
    }

    /// The key and probe of `file` when its stamp `now` is the one known.
    pub fn get(&self, file: &Path, now: Option<FileStamp>) -> Option<(&str, Probe)> {
        let (stamp, key, probe) = self.by_file.get(file)?;
        (Some(*stamp) == now).then_some((key.as_str(), *probe))
    }

    /// How many pictures it knows.
    pub fn count(&self) -> usize {
        self.by_file.len()
    }
}

/// Keep the stamps of `planned` (made with the settings `tag`) in [`FILE`]
/// for the next plan: written aside, then moved into place.
pub fn keep(root: &Path, tag: &str, planned: &[Planned]) -> Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let pictures = planned
        .iter()
        .filter_map(|p| {
            Some(Entry {
                file: p
                    .source
                    .file
                    .strip_prefix(root)
                    .unwrap_or(&p.source.file)
                    .to_path_buf(),
                stamp: p.stamp?,
                key: p.key.clone(),
                probe: p.probe,
            })
        })
        .collect();
    let text = serde_json::to_vec(&Kept {
        settings: tag.to_string(),
        pictures,
    })?;
    let path = root.join(FILE);
    let n = SEQ.fetch_add(1, Ordering::Relaxed);
    let temp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    fsx::write(&temp, text)?;
    fsx::rename(&temp, &path)
}

/// Drop the kept stamps (a picture's key proved wrong): the next plan
/// reads every picture again.
pub fn forget(root: &Path) {
    let _ = std::fs::remove_file(root.join(FILE));
}
