//! Variants kept between builds in the site's `.gait/cache/pictures/`, one
//! folder per picture named by a hash of the source's bytes and the
//! settings. A fresh output folder (CI, a new clone with the cache restored)
//! copies them instead of encoding again; entries nothing uses are pruned.
//!
//! An entry is written into a temporary folder and renamed into place, so a
//! folder that exists is complete, even if a build was stopped half-way or a
//! preview server and a build make the same picture at once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;

use super::settings::Settings;
use crate::fsx;

/// Where the cache lives, relative to the site's root.
pub const DIR: &str = ".gait/cache/pictures";
const TEMP_MARK: &str = ".tmp-";

/// The cache of one site.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// The cache key of a picture: its bytes and everything in the settings that
/// changes its variants.
pub fn key(bytes: &[u8], settings: &Settings) -> String {
    let mut h = blake3::Hasher::new();
    h.update(settings.cache_tag().as_bytes());
    h.update(&[0]);
    h.update(bytes);
    h.finalize().to_hex()[..32].to_string()
}

impl Cache {
    pub fn new(site_root: &Path) -> Cache {
        Cache {
            dir: site_root.join(DIR),
        }
    }

    /// The folder of one entry.
    pub fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// Whether an entry is complete.
    pub fn has(&self, key: &str) -> bool {
        self.entry(key).is_dir()
    }

    /// Store an entry's files (name, bytes), replacing nothing: when another
    /// process stored the same key first, its copy is kept.
    pub fn store(&self, key: &str, files: &[(String, Vec<u8>)]) -> Result<()> {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let n = SEQ.fetch_add(1, Ordering::Relaxed);
        let temp = self
            .dir
            .join(format!("{key}{TEMP_MARK}{}-{n}", std::process::id()));
        fsx::remove_dir_all(&temp)?;
        fsx::create_dir_all(&temp)?;
        for (name, bytes) in files {
            fsx::write(&temp.join(name), bytes)?;
        }
        let dest = self.entry(key);
        if std::fs::rename(&temp, &dest).is_err() {
            // Another build stored it meanwhile (or the rename failed for
            // good, which the check below reports).
            fsx::remove_dir_all(&temp)?;
            if !dest.is_dir() {
                anyhow::bail!("could not store pictures in {}", dest.display());
            }
        }
        Ok(())
    }

    /// Remove every entry whose key is not in `keep`, and temporary folders
    /// this process left. Returns how many entries were removed.
    pub fn prune(&self, keep: &HashSet<String>) -> Result<usize> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => {
                return Err(
                    anyhow::Error::new(e).context(format!("could not list {}", self.dir.display()))
                );
            }
        };
        let own_temp = format!("{TEMP_MARK}{}-", std::process::id());
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = if name.contains(TEMP_MARK) {
                name.contains(&own_temp)
            } else {
                !keep.contains(&name)
            };
            if stale {
                fsx::remove_dir_all(&entry.path())?;
                removed += usize::from(!name.contains(TEMP_MARK));
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_has_and_prune() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let s = Settings::default();
        let (a, b) = (key(b"one", &s), key(b"two", &s));
        assert_eq!(a.len(), 32);
        assert_ne!(
            a,
            key(
                b"one",
                &Settings {
                    quality: 50,
                    ..s.clone()
                }
            )
        );
        cache
            .store(&a, &[("480.webp".into(), b"x".to_vec())])
            .unwrap();
        cache
            .store(&a, &[("480.webp".into(), b"y".to_vec())])
            .unwrap();
        cache.store(&b, &[]).unwrap();
        assert!(cache.has(&a) && cache.has(&b));
        assert_eq!(
            std::fs::read(cache.entry(&a).join("480.webp")).unwrap(),
            b"x"
        );
        let keep: HashSet<String> = [a.clone()].into();
        assert_eq!(cache.prune(&keep).unwrap(), 1);
        assert!(cache.has(&a) && !cache.has(&b));
    }
}
