//! What an output folder holds, remembered beside it between builds.
//!
//! A build writes into the folder of the build before last and then removes
//! what it did not write. Finding those files by walking the folder opens
//! every directory (one per post), which on a large site cost as much as a
//! sixth of a rebuild. So each committed build records its files, and the
//! modification time of each of its directories, in `<store>/<inode>` (the
//! store is `.<output>.gait-files/` beside the output; the inode follows the
//! folder through its renames). The build that recycles the folder reads
//! that record back and checks every directory's time: a directory changed
//! since (by hand, or by an interrupted build) is read again, and a folder
//! not in the record is walked, so nothing added to the folder survives.
//!
//! The record also keeps each written file's [`Stamp`] (size, modification
//! and change times, a 128-bit hash of its bytes), so that a rebuild knows an unchanged
//! page without reading the old file back: the stamp's size and times must
//! still be the file's, and its hash the new bytes'.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::fsx::FileStamp;

/// The files and directories below a folder, relative to it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Contents {
    pub files: Vec<PathBuf>,
    pub dirs: Vec<PathBuf>,
}

/// A written file as it was left: its size and times, and a hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub file: FileStamp,
    pub hash: u128,
}

impl Stamp {
    /// Whether the file at `path` is still as stamped (same size and times).
    pub fn still(&self, path: &Path) -> bool {
        FileStamp::of(path) == Some(self.file)
    }
}

/// The hash of a file's bytes kept in its stamp.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The key of a path among stamps (a hash of it, to keep them small).
pub fn key(rel: &Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_os_str().as_encoded_bytes())
}

/// A set of paths by their bytes (hashing a `Path` goes component by component).
pub type Names<'a> = HashSet<&'a [u8], foldhash::fast::FixedState>;

/// A path's bytes, for [`Names`].
pub fn name(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

/// Stamps by [`key`].
pub type Stamps = HashMap<u64, Stamp, foldhash::fast::FixedState>;

const HEADER: &str = "gait-files 3";
/// A file line's start when the file has no stamp.
const NO_STAMP: &str = "F - - - - - - ";
const END: &str = "end";

/// Everything below `dir`, by walking it.
pub fn walk(dir: &Path) -> Contents {
    let mut out = Contents::default();
    add_walk(dir, Path::new(""), &mut out);
    out
}

/// Add everything below `base/rel` to `out`.
fn add_walk(base: &Path, rel: &Path, out: &mut Contents) {
    let walker = walkdir::WalkDir::new(base.join(rel)).min_depth(1);
    for entry in walker.into_iter().flatten() {
        let Ok(below) = entry.path().strip_prefix(base) else {
            continue;
        };
        if entry.file_type().is_dir() {
            out.dirs.push(below.to_path_buf());
        } else {
            out.files.push(below.to_path_buf());
        }
    }
}

/// The record of the folder `dir` in `store`, if there is one.
fn record_path(store: &Path, dir: &Path) -> Option<PathBuf> {
    inode(dir).map(|ino| store.join(ino.to_string()))
}

/// Whether `path` is a real folder, not a link to one elsewhere (whose
/// files a prune or [`tidy`] would remove) nor a file.
pub fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Make `store` a real folder: anything else with its name is removed.
fn make_store(store: &Path) -> bool {
    if !is_real_dir(store) {
        let _ = std::fs::remove_file(store);
        let _ = std::fs::create_dir(store);
    }
    is_real_dir(store)
}

#[cfg(unix)]
fn inode(dir: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(dir).ok().map(|m| m.ino())
}

#[cfg(not(unix))]
fn inode(_: &Path) -> Option<u64> {
    None
}

/// A directory's modification time as `seconds nanoseconds`.
fn mtime(path: &Path) -> Option<String> {
    let m = std::fs::symlink_metadata(path).ok()?;
    if !m.is_dir() {
        return None;
    }
    let t = m
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    Some(format!("{} {}", t.as_secs(), t.subsec_nanos()))
}

/// Record that `dir` holds `files` (relative to it), with their `stamps`
/// where known, and their directories. Call it once nothing more is
/// written into `dir`. Best effort: a record that cannot be written only
/// means that the next build to recycle the folder walks and reads it.
pub fn remember(store: &Path, dir: &Path, files: &[PathBuf], stamps: &Stamps) {
    let Some(path) = record_path(store, dir) else {
        return;
    };
    let mut seen = Names::default();
    let mut dirs: Vec<&Path> = Vec::new();
    for f in files {
        for d in f.ancestors().skip(1) {
            if !seen.insert(name(d)) {
                break;
            }
            dirs.push(d);
        }
    }
    dirs.sort_unstable_by(|a, b| name(a).cmp(name(b)));
    let times: Option<Vec<String>> = dirs.par_iter().map(|d| mtime(&dir.join(d))).collect();
    let Some(times) = times else {
        return;
    };
    let mut text = String::with_capacity(files.len() * 48 + dirs.len() * 64);
    text.push_str(HEADER);
    text.push('\n');
    use std::fmt::Write as _;
    for (d, t) in dirs.iter().zip(times) {
        let _ = writeln!(text, "D {t} {}", d.display());
    }
    for f in files {
        let _ = match stamps.get(&key(f)) {
            Some(s) => match s.file.modified.duration_since(SystemTime::UNIX_EPOCH) {
                Ok(m) => write!(
                    text,
                    "F {} {} {} {} {} {:032x} ",
                    s.file.size,
                    m.as_secs(),
                    m.subsec_nanos(),
                    s.file.changed.0,
                    s.file.changed.1,
                    s.hash
                ),
                Err(_) => write!(text, "{NO_STAMP}"),
            },
            None => write!(text, "{NO_STAMP}"),
        };
        text.push_str(&f.to_string_lossy());
        text.push('\n');
    }
    // A name that is not UTF-8 or holds a line break cannot be recorded.
    let unwritable = |p: &Path| p.to_str().is_none_or(|n| n.contains(['\n', '\r']));
    if files.iter().any(|f| unwritable(f)) || dirs.iter().any(|d| unwritable(d)) {
        return;
    }
    text.push_str(END);
    text.push('\n');
    if make_store(store) {
        let _ = std::fs::write(path, text);
    }
}

/// Remove the records of every folder but `dirs` from `store`.
pub fn tidy(store: &Path, dirs: &[&Path]) {
    let keep: Vec<String> = dirs
        .iter()
        .filter_map(|d| inode(d))
        .map(|i| i.to_string())
        .collect();
    if !is_real_dir(store) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(store) else {
        return;
    };
    for e in entries.flatten() {
        if !keep.iter().any(|k| e.file_name() == k.as_str()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// What `dir` holds, from its record in `store`, with every directory's time
/// checked (a changed directory is read, a new one walked), and the stamps
/// of its files; `None` without a complete record. The record is used up:
/// `dir` is about to change.
pub fn recall(store: &Path, dir: &Path) -> Option<(Contents, Stamps)> {
    if !is_real_dir(store) {
        return None;
    }
    let path = record_path(store, dir)?;
    let text = std::fs::read_to_string(&path).ok();
    let _ = std::fs::remove_file(&path);
    let text = text?;
    let (dirs, files) = parse(&text)?;
    let changed: Vec<bool> = dirs
        .par_iter()
        .map(|(rel, time)| mtime(&dir.join(rel)).as_deref() != Some(*time))
        .collect();
    let known: Names = dirs.iter().map(|(d, _)| d.as_bytes()).collect();
    let changed_dirs: Vec<&Path> = dirs
        .iter()
        .zip(&changed)
        .filter(|(_, c)| **c)
        .map(|((d, _), _)| Path::new(*d))
        .collect();
    let changed_names: Names = changed_dirs.iter().map(|d| name(d)).collect();
    let mut out = Contents::default();
    let mut stamps = Stamps::default();
    for (f, stamp) in files {
        let f = Path::new(f);
        if let Some(s) = stamp {
            stamps.insert(key(f), s);
        }
        if !changed_names.contains(name(f.parent().unwrap_or(Path::new("")))) {
            out.files.push(f.to_path_buf());
        }
    }
    for (d, _) in &dirs {
        if !d.is_empty() {
            out.dirs.push(PathBuf::from(d));
        }
    }
    for d in changed_dirs {
        reread(dir, d, &known, &mut out);
    }
    Some((out, stamps))
}

/// Add what the changed directory `rel` holds now: its files, and all of
/// any directory the record does not know.
fn reread(base: &Path, rel: &Path, known: &Names, out: &mut Contents) {
    let Ok(entries) = std::fs::read_dir(base.join(rel)) else {
        return;
    };
    for e in entries.flatten() {
        let below = rel.join(e.file_name());
        match e.file_type() {
            Ok(t) if t.is_dir() => {
                if !known.contains(name(&below)) {
                    out.dirs.push(below.clone());
                    add_walk(base, &below, out);
                }
            }
            _ => out.files.push(below),
        }
    }
}

/// A record's directories (with their times) and files (with their
/// stamps); `None` unless it is whole.
#[allow(clippy::type_complexity)]
fn parse(text: &str) -> Option<(Vec<(&str, &str)>, Vec<(&str, Option<Stamp>)>)> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let (mut dirs, mut files) = (Vec::new(), Vec::new());
    for line in lines {
        if line == END {
            return Some((dirs, files));
        }
        match line.split_at_checked(2)? {
            ("D ", rest) => {
                let mut parts = rest.splitn(3, ' ');
                let (secs, nanos) = (parts.next()?, parts.next()?);
                let name = parts.next().unwrap_or("");
                let time = &rest[..secs.len() + 1 + nanos.len()];
                dirs.push((name, time));
            }
            ("F ", rest) => {
                let mut parts = rest.splitn(7, ' ');
                let fields: [&str; 6] = std::array::from_fn(|_| parts.next().unwrap_or(""));
                let name = parts.next()?;
                files.push((name, parse_stamp(fields)));
            }
            _ => return None,
        }
    }
    None
}

/// `size modified-secs modified-nanos changed-secs changed-nanos hash`, or
/// dashes for a file without a stamp.
fn parse_stamp([size, secs, nanos, csecs, cnanos, hash]: [&str; 6]) -> Option<Stamp> {
    let modified = std::time::Duration::new(secs.parse().ok()?, nanos.parse().ok()?);
    Some(Stamp {
        file: FileStamp {
            size: size.parse().ok()?,
            modified: SystemTime::UNIX_EPOCH.checked_add(modified)?,
            changed: (csecs.parse().ok()?, cnanos.parse().ok()?),
        },
        hash: u128::from_str_radix(hash, 16).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut c: Contents) -> Contents {
        c.files.sort();
        c.dirs.sort();
        c
    }

    fn site(dir: &Path) -> Vec<PathBuf> {
        let files = [
            "index.html",
            "posts/a/index.html",
            "posts/b/index.html",
            "css/s.css",
        ];
        for f in files {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        files.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn a_record_gives_what_a_walk_gives() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, store) = (tmp.path().join("out"), tmp.path().join("store"));
        let files = site(&dir);
        let page = Path::new("posts/a/index.html");
        let stamp = Stamp {
            file: FileStamp::of(&dir.join(page)).unwrap(),
            hash: hash(b"posts/a/index.html"),
        };
        let stamps: Stamps = [(key(page), stamp)].into_iter().collect();
        remember(&store, &dir, &files, &stamps);
        let walked = sorted(walk(&dir));
        assert_eq!(walked.files.len(), 4);
        assert_eq!(walked.dirs.len(), 4, "posts, posts/a, posts/b, css");
        let (contents, recalled) = recall(&store, &dir).unwrap();
        assert_eq!(sorted(contents), walked);
        assert_eq!(recalled, stamps);
        assert!(stamp.still(&dir.join(page)));
        assert!(recall(&store, &dir).is_none(), "a record is used once");
        std::thread::sleep(std::time::Duration::from_millis(30));
        std::fs::write(dir.join(page), "changed by hand").unwrap();
        assert!(!stamp.still(&dir.join(page)));
    }

    #[test]
    fn what_was_added_by_hand_is_found() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, store) = (tmp.path().join("out"), tmp.path().join("store"));
        let files = site(&dir);
        remember(&store, &dir, &files, &Stamps::default());
        // Directory times have the file system's resolution (a few ms).
        std::thread::sleep(std::time::Duration::from_millis(30));
        std::fs::write(dir.join("posts/a/notes.txt"), "mine").unwrap();
        std::fs::create_dir_all(dir.join("posts/new/deep")).unwrap();
        std::fs::write(dir.join("posts/new/deep/x.html"), "x").unwrap();
        std::fs::remove_file(dir.join("css/s.css")).unwrap();
        assert_eq!(sorted(recall(&store, &dir).unwrap().0), sorted(walk(&dir)));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_named_like_the_store_is_never_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, store) = (tmp.path().join("out"), tmp.path().join("store"));
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("mine.txt"), "keep").unwrap();
        std::os::unix::fs::symlink(&elsewhere, &store).unwrap();
        let files = site(&dir);
        assert!(recall(&store, &dir).is_none());
        tidy(&store, &[&dir]);
        remember(&store, &dir, &files, &Stamps::default());
        let names: Vec<_> = std::fs::read_dir(&elsewhere).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "only mine.txt");
        assert!(is_real_dir(&store), "the link was replaced by a folder");
        assert!(recall(&store, &dir).is_some());
    }

    #[test]
    fn no_record_or_a_cut_one_means_none() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, store) = (tmp.path().join("out"), tmp.path().join("store"));
        let files = site(&dir);
        assert!(recall(&store, &dir).is_none());
        remember(&store, &dir, &files, &Stamps::default());
        let path = record_path(&store, &dir).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, &text[..text.len() - 4]).unwrap();
        assert!(recall(&store, &dir).is_none());
    }
}
