//! The build's files, as a deploy compares them: path, size and SHA-256.

use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::plan::LocalFile;

/// Every file under `output`, sorted by path; hashed on all cores.
pub fn scan(output: &Path) -> Result<Vec<LocalFile>> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output).follow_links(false) {
        let entry = entry.with_context(|| format!("cannot read {}", output.display()))?;
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
    let mut files = paths
        .par_iter()
        .map(|path| {
            let bytes = crate::fsx::read(path)?;
            let rel = path
                .strip_prefix(output)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            Ok(LocalFile {
                path: rel,
                size: bytes.len() as u64,
                sha256: sha256_hex(&bytes),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_and_paths() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("posts/x")).unwrap();
        std::fs::write(dir.path().join("posts/x/index.html"), "<p>x</p>").unwrap();
        std::fs::write(dir.path().join("index.html"), "").unwrap();
        let files = scan(dir.path()).unwrap();
        let paths: Vec<(&str, u64)> = files.iter().map(|f| (f.path.as_str(), f.size)).collect();
        assert_eq!(paths, [("index.html", 0), ("posts/x/index.html", 8)]);
    }
}
