//! Writing the import's files into the site, after everything was converted.
//!
//! An existing file is kept unless `--force`; an author file is always kept.
//! A post counts as existing in either of its forms (`<slug>.md` or
//! `<slug>/index.md`), and when a post is kept its uploads are not copied
//! either. With `--force`, a post that now needs a folder replaces its old
//! single file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::files::{Content, FileKind, OutFile};
use crate::fsx;

/// What writing did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Text files written, relative to the root.
    pub written: Vec<PathBuf>,
    /// Uploads copied.
    pub copied: usize,
    /// Existing text files left as they were.
    pub kept: Vec<PathBuf>,
    /// Uploads not copied because their post, or the file, already existed.
    pub kept_media: usize,
    /// Old single-file posts replaced by a folder (with `--force`).
    pub replaced: Vec<PathBuf>,
}

/// Whether the file, or the post's other form, is already there.
fn exists(root: &Path, f: &OutFile) -> bool {
    root.join(&f.path).exists() || f.alt.as_ref().is_some_and(|a| root.join(a).exists())
}

pub fn write(root: &Path, files: &[OutFile], force: bool) -> Result<Outcome> {
    let mut out = Outcome::default();
    let mut kept_groups: HashSet<usize> = HashSet::new();
    let mut plan: Vec<(&OutFile, bool)> = Vec::with_capacity(files.len());
    for f in files {
        let keep = match f.kind {
            FileKind::Author => exists(root, f),
            FileKind::Media => kept_groups.contains(&f.group) || (!force && exists(root, f)),
            _ => !force && exists(root, f),
        };
        if keep && matches!(f.kind, FileKind::Post | FileKind::Page) {
            kept_groups.insert(f.group);
        }
        plan.push((f, keep));
    }
    for (f, keep) in plan {
        if keep {
            if f.kind == FileKind::Media {
                out.kept_media += 1;
            } else {
                out.kept.push(f.path.clone());
            }
            continue;
        }
        let dest = root.join(&f.path);
        match &f.content {
            Content::Text(text) => {
                fsx::write(&dest, text)?;
                out.written.push(f.path.clone());
            }
            Content::Copy(src) => {
                fsx::copy(src, &dest)?;
                out.copied += 1;
            }
        }
        // A post now written as a folder replaces its single file.
        if let Some(alt) = &f.alt {
            let alt_path = root.join(alt);
            if f.kind == FileKind::Post
                && alt.file_name() != Some("index.md".as_ref())
                && alt_path.is_file()
            {
                std::fs::remove_file(&alt_path)
                    .map_err(|e| anyhow::anyhow!("could not remove {}: {e}", alt_path.display()))?;
                out.replaced.push(alt.clone());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(path: &str, kind: FileKind, group: usize) -> OutFile {
        OutFile {
            path: PathBuf::from(path),
            kind,
            content: Content::Text(format!("{path}\n")),
            alt: None,
            group,
        }
    }

    #[test]
    fn keeps_existing_files_and_never_overwrites_authors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fsx::write(&root.join("content/posts/a.md"), "mine").unwrap();
        fsx::write(&root.join("content/authors/jo.md"), "mine").unwrap();
        let src = root.join("k.jpg");
        fsx::write(&src, "jpg").unwrap();
        let mut bundle = text("content/posts/a/index.md", FileKind::Post, 0);
        bundle.alt = Some(PathBuf::from("content/posts/a.md"));
        let files = vec![
            bundle,
            OutFile {
                path: PathBuf::from("content/posts/a/k.jpg"),
                kind: FileKind::Media,
                content: Content::Copy(src),
                alt: None,
                group: 0,
            },
            text("content/authors/jo.md", FileKind::Author, 9),
            text("content/comments/a.yaml", FileKind::Comments, 1),
        ];
        let out = write(root, &files, false).unwrap();
        assert_eq!(out.written, [PathBuf::from("content/comments/a.yaml")]);
        assert_eq!(out.kept.len(), 2);
        assert_eq!(out.kept_media, 1);
        assert!(!root.join("content/posts/a").exists());

        let out = write(root, &files, true).unwrap();
        assert_eq!(out.replaced, [PathBuf::from("content/posts/a.md")]);
        assert_eq!(out.copied, 1);
        assert_eq!(out.kept, [PathBuf::from("content/authors/jo.md")]);
        assert!(!root.join("content/posts/a.md").exists());
        assert_eq!(
            std::fs::read_to_string(root.join("content/authors/jo.md")).unwrap(),
            "mine"
        );
    }
}
