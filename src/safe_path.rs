//! Keeping a build's reads inside the site folder and its writes inside the
//! output folder, whatever the files on disk or in front matter say.
//!
//! - Folders of the site (content, static, themes, templates) are walked
//!   without following links. A link to a file inside the site folder is read
//!   like that file; a link that leads outside the site, to nothing, or to a
//!   folder is skipped with a warning that names it.
//! - Content files larger than [`MAX_CONTENT_BYTES`] are refused before they
//!   are read, and reading stops at that size even if the file grows.
//! - Names that become one part of an output path (slugs, category and tag
//!   addresses, the finder's path) are at most [`MAX_SLUG`] bytes.
//! - The output's staging folder is recycled from an earlier build: a file
//!   standing where a folder is needed now (or the other way round) is
//!   cleared by [`clear_way`] before writing again.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::Diagnostic;

/// The longest slug, in bytes. File systems allow 255 bytes per name;
/// WordPress allows 200 characters in a post's slug.
pub const MAX_SLUG: usize = 200;

/// The largest content file (post, page, author, clinic, comments) gait reads.
pub const MAX_CONTENT_BYTES: u64 = 8 * 1024 * 1024;

/// Why a slug is too long, or `None`.
pub fn slug_too_long(slug: &str) -> Option<String> {
    (slug.len() > MAX_SLUG).then(|| {
        format!(
            "is {} characters long; an address part can have at most {MAX_SLUG}",
            slug.len()
        )
    })
}

/// A slug cut to at most [`MAX_SLUG`] bytes, at a hyphen when there is one
/// (for slugs made from long titles, as the WordPress import does).
pub fn shorten_slug(slug: &str) -> String {
    if slug.len() <= MAX_SLUG {
        return slug.to_string();
    }
    // Slugs are ASCII, but stay safe on any text.
    let mut end = MAX_SLUG;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let head = &slug[..end];
    let head = match head.rfind('-') {
        Some(i) if i > MAX_SLUG / 2 => &head[..i],
        _ => head,
    };
    head.trim_end_matches('-').to_string()
}

/// The first `n` characters of `s`, with `…` when cut: for quoting long values in messages.
pub fn abbreviate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Where a link found in a site folder leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A file inside the site folder: read it.
    File,
    /// A folder: links to folders are not followed.
    Folder,
    /// Outside the site folder (the target as written in the link).
    Outside(PathBuf),
    /// Nothing: the target does not exist (any more).
    Nowhere(PathBuf),
    /// The link cannot be followed (a loop of links, say): the target and why.
    Broken(PathBuf, String),
}

/// Where the link at `path` leads, for a site whose folder is `root`.
pub fn follow(path: &Path, root: &Path) -> Link {
    let written = std::fs::read_link(path).unwrap_or_default();
    let target = match path.canonicalize() {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Link::Nowhere(written),
        Err(e) => return Link::Broken(written, e.to_string()),
    };
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !target.starts_with(&root) {
        return Link::Outside(written);
    }
    if target.is_dir() {
        Link::Folder
    } else {
        Link::File
    }
}

/// The warning for a link that is not followed (none for a link to a file inside the site).
pub fn link_warning(path: &Path, root: &Path, link: &Link) -> Option<Diagnostic> {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let (message, help) = match link {
        Link::File => return None,
        Link::Folder => (
            "skipped: this is a link to a folder, and gait does not follow links to folders"
                .to_string(),
            "move or copy the folder here instead of linking to it",
        ),
        Link::Outside(to) => (
            format!(
                "skipped: this is a link to {}, outside the site folder",
                to.display()
            ),
            "gait reads only files inside the site folder; copy what you need here instead of linking to it",
        ),
        Link::Nowhere(to) => (
            format!(
                "skipped: this is a link to {}, which does not exist",
                to.display()
            ),
            "remove the link, or restore the file it points to",
        ),
        Link::Broken(to, why) => (
            format!(
                "skipped: this is a link to {}, which cannot be followed: {why}",
                to.display()
            ),
            "remove the link, or make it point to a file",
        ),
    };
    Some(Diagnostic::warning(shown, message).with_help(help))
}

/// The last part of `path` as bytes, for sorting a folder's entries by
/// name (as `Path::file_name` compares them, without parsing the whole path
/// at each of the million comparisons a folder of 100,000 posts needs).
#[cfg(unix)]
fn name_bytes(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let last = match bytes.iter().rposition(|&b| b == b'/') {
        Some(slash) => &bytes[slash + 1..],
        None => bytes,
    };
    match last {
        // A root, a trailing slash, `.` or `..`: never a folder's entry.
        b"" | b"." | b".." => path.file_name().unwrap_or(path.as_os_str()).as_bytes(),
        name => name,
    }
}

#[cfg(not(unix))]
fn name_bytes(path: &Path) -> &[u8] {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .as_encoded_bytes()
}

/// Files below `dir`, as (path relative to `dir`, full path), sorted by name,
/// leaving out names `ignore` rejects. Links are handled as the module says;
/// a warning for each one skipped is added to `warnings`.
pub fn files_under(
    dir: &Path,
    root: &Path,
    ignore: &dyn Fn(&str) -> bool,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        let link = follow(dir, root);
        if link != Link::Folder {
            warnings.extend(link_warning(dir, root, &link));
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by(|a, b| name_bytes(a.path()).cmp(name_bytes(b.path())))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !ignore(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir);
                let shown = path.strip_prefix(root).unwrap_or(path);
                warnings.push(Diagnostic::warning(shown, format!("skipped: {e}")));
                continue;
            }
        };
        let kind = entry.file_type();
        let keep = if kind.is_symlink() {
            let link = follow(entry.path(), root);
            warnings.extend(link_warning(entry.path(), root, &link));
            link == Link::File
        } else {
            kind.is_file()
        };
        if keep && let Ok(rel) = entry.path().strip_prefix(dir) {
            out.push((rel.to_path_buf(), entry.path().to_path_buf()));
        }
    }
    out
}

/// Read a content file of at most [`MAX_CONTENT_BYTES`]; `shown` names it in errors.
pub fn read_limited(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    let could_not =
        |e: std::io::Error| Diagnostic::error(shown, format!("could not read the file: {e}"));
    let file = std::fs::File::open(path).map_err(could_not)?;
    let too_big = |size: u64| {
        Diagnostic::error(
            shown,
            format!(
                "the file is {}; gait reads content files of up to {}",
                megabytes(size),
                megabytes(MAX_CONTENT_BYTES)
            ),
        )
        .with_help("split it into several files, and keep pictures and downloads beside it instead of inside the text")
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_CONTENT_BYTES {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_CONTENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(could_not)?;
    if bytes.len() as u64 > MAX_CONTENT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// `8.1 MB`, rounded up so that a file just over the limit does not read as the limit.
pub fn megabytes(n: u64) -> String {
    let tenths = (n as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0} MB")
    } else {
        format!("{tenths:.1} MB")
    }
}

/// Make room for writing the file `rel` below `base` (a staging or preview
/// folder gait owns): remove a file or link standing where one of its
/// folders must be, and a folder or link standing where the file must be.
/// Returns whether anything was removed. `rel` must be a plain relative path.
pub fn clear_way(base: &Path, rel: &Path) -> bool {
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return false;
    }
    let mut removed = false;
    let mut at = base.to_path_buf();
    let parts: Vec<_> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&at) else {
            // Nothing here, so nothing below either.
            return removed;
        };
        let last = i + 1 == parts.len();
        let in_the_way = if last {
            meta.is_dir() || meta.file_type().is_symlink()
        } else {
            !meta.is_dir()
        };
        if in_the_way {
            let gone = if meta.is_dir() {
                std::fs::remove_dir_all(&at)
            } else {
                std::fs::remove_file(&at)
            };
            removed |= gone.is_ok();
            return removed;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_sort_by_name_as_file_name_compares_them() {
        let cases = [
            "/site/content/posts/hip-pain.md",
            "content/posts/a-b.md",
            "content/posts/a",
            "café.md",
            "relative",
            "/",
            "content/posts/",
            "content/posts/.",
            "..",
            "content/posts/2024-01-05-knees.es.md",
        ];
        for path in cases {
            let path = Path::new(path);
            let want = path.file_name().unwrap_or(path.as_os_str());
            assert_eq!(name_bytes(path), want.as_encoded_bytes(), "{path:?}");
        }
        let mut names =
            ["b.md", "a-c.md", "a.md", "a", "B.md", "é.md"].map(|n| Path::new("/posts").join(n));
        let mut by_file_name = names.clone();
        by_file_name.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        names.sort_by(|a, b| name_bytes(a).cmp(name_bytes(b)));
        assert_eq!(names, by_file_name);
    }

    #[test]
    fn slug_lengths() {
        assert_eq!(slug_too_long(&"a".repeat(MAX_SLUG)), None);
        assert_eq!(
            slug_too_long(&"a".repeat(MAX_SLUG + 1)).as_deref(),
            Some("is 201 characters long; an address part can have at most 200")
        );
        let long = format!("{}-tail", "ab-".repeat(80));
        let short = shorten_slug(&long);
        assert!(short.len() <= MAX_SLUG && short.ends_with("ab") && long.starts_with(&short));
        assert_eq!(shorten_slug(&"x".repeat(300)), "x".repeat(MAX_SLUG));
        assert_eq!(shorten_slug("hip-pain"), "hip-pain");
        assert_eq!(abbreviate("abcdef", 3), "abc…");
        assert_eq!(abbreviate("abc", 3), "abc");
        assert_eq!(abbreviate("ééé", 2), "éé…");
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_are_read_and_others_warned_about() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let dir = root.join("static");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.txt"), "a").unwrap();
        std::fs::write(root.join("shared.txt"), "s").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("shared.txt"), dir.join("inside.txt")).unwrap();
        std::os::unix::fs::symlink("../../secret.txt", dir.join("outside.txt")).unwrap();
        std::os::unix::fs::symlink("gone.txt", dir.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(&root, dir.join("loop")).unwrap();
        std::fs::write(dir.join(".hidden"), "h").unwrap();
        let mut warnings = Vec::new();
        let files = files_under(&dir, &root, &|n| n.starts_with('.'), &mut warnings);
        let rels: Vec<_> = files
            .iter()
            .map(|(r, _)| r.to_string_lossy().into_owned())
            .collect();
        assert_eq!(rels, ["a.txt", "inside.txt"]);
        let shown: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            [
                "warning: static/dangling.txt: skipped: this is a link to gone.txt, which does not exist\n  help: remove the link, or restore the file it points to",
                "warning: static/loop: skipped: this is a link to a folder, and gait does not follow links to folders\n  help: move or copy the folder here instead of linking to it",
                "warning: static/outside.txt: skipped: this is a link to ../../secret.txt, outside the site folder\n  help: gait reads only files inside the site folder; copy what you need here instead of linking to it",
            ]
        );
    }

    #[test]
    fn read_limited_refuses_big_files() {
        let tmp = tempfile::tempdir().unwrap();
        let big = tmp.path().join("big.md");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_CONTENT_BYTES + 1).unwrap();
        let err = read_limited(&big, Path::new("content/posts/big.md")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "error: content/posts/big.md: the file is 8.1 MB; gait reads content files of up to 8 MB\n  help: split it into several files, and keep pictures and downloads beside it instead of inside the text"
        );
    }

    #[test]
    fn clear_way_removes_what_stands_in_the_way() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path();
        std::fs::write(base.join("old-page"), "a redirect once").unwrap();
        assert!(clear_way(base, Path::new("old-page/index.html")));
        assert!(!base.join("old-page").exists());
        std::fs::create_dir_all(base.join("x/index.html/deep")).unwrap();
        assert!(clear_way(base, Path::new("x/index.html")));
        assert!(base.join("x").is_dir() && !base.join("x/index.html").exists());
        assert!(!clear_way(base, Path::new("x/index.html")));
        assert!(!clear_way(base, Path::new("../x")));
    }
}
