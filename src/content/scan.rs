//! Finding a site's content files, and what their names say: the kind of
//! file (by folder), the language (`hip-pain.es.md`), the name without it,
//! and a post's own folder (`hip-pain/index.md` with its pictures).

use std::path::{Path, PathBuf};

use super::load::is_ignored_name;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{FileLang, Lang, Languages};

/// The kind of a content file, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Post,
    Author,
    Clinic,
    Page,
    Comments,
}

/// A content file found by a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Listed {
    pub(super) kind: Kind,
    pub(super) path: PathBuf,
    /// The post's folder, for a post that is a folder.
    pub(super) bundle: Option<PathBuf>,
    /// The language its name gives.
    pub(super) lang: Lang,
    /// Its name without the language, as written: `x` for `x.es.md` and `x/index.md`.
    pub(super) name: String,
}

/// Find every content file under `<root>/content`.
pub(super) fn scan(root: &Path, langs: &Languages) -> (Vec<Listed>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content = root.join("content");
    let mut files: Vec<Listed> = find_posts(root, &content.join("posts"), langs, &mut diags);
    for (kind, dir, ext) in [
        (Kind::Author, "authors", "md"),
        (Kind::Clinic, "clinics", "md"),
        (Kind::Page, "pages", "md"),
        (Kind::Comments, "comments", "yaml"),
    ] {
        for path in flat_files(root, &content.join(dir), ext, &mut diags) {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (lang, name) = match kind {
                Kind::Comments => (Lang::DEFAULT, stem),
                _ => match language_of(root, &path, &stem, langs, &mut diags) {
                    Some((lang, base)) => (lang, base.to_string()),
                    None => continue,
                },
            };
            files.push(Listed {
                kind,
                path,
                bundle: None,
                lang,
                name,
            });
        }
    }
    (files, diags)
}

/// The language of the file at `path` whose stem is `stem`, and the stem
/// without it; `None` (with an error) for a language the site does not
/// have, or the default language written out.
fn language_of<'a>(
    root: &Path,
    path: &Path,
    stem: &'a str,
    langs: &Languages,
    diags: &mut Diagnostics,
) -> Option<(Lang, &'a str)> {
    let (base, lang) = langs.of_stem(stem);
    let ext = || {
        path.extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let error = |msg: String, help: String| {
        let rel = path.strip_prefix(root).unwrap_or(path);
        Diagnostic::error(rel, msg).at_line(Some(1)).with_help(help)
    };
    match lang {
        FileLang::None => Some((Lang::DEFAULT, base)),
        FileLang::Translation(l) => Some((l, base)),
        FileLang::Default(code) => {
            diags.push(error(
                format!("`{code}` in the file name is the site's default language"),
                format!("a file in the default language has no language in its name: rename it `{base}.{}`", ext()),
            ));
            None
        }
        FileLang::Undeclared(code) => {
            diags.push(error(
                format!(
                    "`{code}` in the file name is not one of the site's languages ({})",
                    langs.listed()
                ),
                format!("add `{code}:` under `translations:` in site.yaml, or rename the file"),
            ));
            None
        }
    }
}

/// `posts/<slug>.md` and `posts/<slug>/index.md` (and their translations,
/// `<slug>.es.md` and `<slug>/index.es.md`), at any depth. Links are
/// followed only to files inside the site (see [`crate::safe_path`]).
fn find_posts(root: &Path, dir: &Path, langs: &Languages, diags: &mut Diagnostics) -> Vec<Listed> {
    let mut warnings = Vec::new();
    let found = crate::safe_path::files_under(dir, root, &is_ignored_name, &mut warnings);
    diags.extend(warnings);
    // Each Markdown file's path, stem and folder (each asked of the path once:
    // taking a path apart is most of the cost on a site of 10,000 posts).
    let files: Vec<(&Path, String, &Path)> = found
        .iter()
        .filter_map(|(_, p)| {
            let name = p.file_name()?.to_string_lossy();
            let Some(stem) = name.strip_suffix(".md") else {
                diags.extend(not_read(p, &name));
                return None;
            };
            Some((p.as_path(), stem.to_string(), p.parent().unwrap_or(dir)))
        })
        .collect();
    let is_index = |stem: &str| langs.of_stem(stem).0 == "index";
    // Folders with an index file in any language are posts.
    let bundles: foldhash::HashSet<&Path> = files
        .iter()
        .filter(|(_, stem, parent)| is_index(stem) && *parent != dir)
        .map(|(_, _, parent)| *parent)
        .collect();
    let mut out = Vec::with_capacity(files.len());
    for (path, stem, parent) in &files {
        let bundle = !bundles.is_empty() && *parent != dir && bundles.contains(parent);
        if bundle && !is_index(stem) {
            // A Markdown file inside a post's folder is one of its assets, not a post.
            continue;
        }
        let Some((lang, base)) = language_of(root, path, stem, langs, diags) else {
            continue;
        };
        let name = match bundle {
            true => parent
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            false => base.to_string(),
        };
        out.push(Listed {
            kind: Kind::Post,
            path: path.to_path_buf(),
            bundle: bundle.then(|| parent.to_path_buf()),
            lang,
            name,
        });
    }
    out
}

fn flat_files(root: &Path, dir: &Path, ext: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored_name(&name) {
            continue;
        }
        // A link is read only when it leads to a file inside the site.
        let is_file = match entry.file_type() {
            Ok(t) if t.is_symlink() => {
                let link = crate::safe_path::follow(&path, root);
                diags.extend(crate::safe_path::link_warning(&path, root, &link));
                link == crate::safe_path::Link::File
            }
            Ok(t) => t.is_file(),
            Err(_) => false,
        };
        if !is_file {
            continue;
        }
        if path
            .extension()
            .is_some_and(|e| e == ext || (ext == "yaml" && e == "yml"))
        {
            out.push(path);
        } else {
            let warning = Diagnostic::warning(
                path.clone(),
                format!("ignored: only .{ext} files are read in this folder"),
            );
            diags.push(match rename_to_md(&name).filter(|_| ext == "md") {
                Some(md) => warning.with_help(format!("rename it to `{md}`")),
                None => warning,
            });
        }
    }
    out.sort();
    out
}

/// A warning for a file under `posts/` that looks like a post but is not
/// read as one: `Knee.MD`, `knee.markdown`, `knee.md.txt` (a name a text
/// editor gave it). Other files there are a post's pictures and downloads.
fn not_read(path: &Path, name: &str) -> Option<Diagnostic> {
    let md = rename_to_md(name)?;
    Some(
        Diagnostic::warning(path, "this file is not read as a post: gait reads posts only from files whose names end in `.md`")
            .with_help(format!("rename it to `{md}`")),
    )
}

/// The `.md` name for a file named like Markdown another way, if it is.
fn rename_to_md(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".txt").unwrap_or(&lower);
    [".md", ".markdown", ".mdown", ".mkd", ".mkdn"]
        .iter()
        .find_map(|ext| lower.strip_suffix(ext))
        .filter(|stem| !stem.is_empty())
        .map(|_| {
            let cut = name[..lower.len()].rfind('.').unwrap_or(lower.len());
            format!("{}.md", &name[..cut])
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rename_to_md_table() {
        for (name, want) in [
            ("Knee.MD", Some("Knee.md")),
            ("knee.Md", Some("knee.md")),
            ("knee.markdown", Some("knee.md")),
            ("knee.es.markdown", Some("knee.es.md")),
            ("index.MD", Some("index.md")),
            ("knee.md.txt", Some("knee.md")),
            ("knee.MKD", Some("knee.md")),
            ("knee.md", Some("knee.md")),
            (".md", None),
            ("photo.jpg", None),
            ("notes.txt", None),
            ("brochure.pdf", None),
        ] {
            assert_eq!(rename_to_md(name).as_deref(), want, "{name}");
        }
    }
}
