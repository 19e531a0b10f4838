//! The files a build copies as they are: the theme's static files, then the
//! site's `static/` (which wins), then each post folder's own files beside
//! its page.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::Site;
use crate::theme::{self, StaticFile, StaticSource, Theme};

/// The theme's files, then the site's `static/` (which wins), by their path
/// in the output.
pub fn static_files(root: &Path, theme: &Theme, warnings: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    let mut files: Vec<StaticFile> = theme.static_files.clone();
    for (rel, path) in theme::files_under(root, &root.join("static"), warnings) {
        files.retain(|f| f.rel != rel);
        files.push(StaticFile {
            rel,
            source: StaticSource::File(path),
        });
    }
    files
}

/// Each post folder's own files, beside its page.
pub fn post_files(root: &Path, site: &Site, warnings: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    let mut files = Vec::new();
    for (i, post) in site.posts.iter().enumerate() {
        let Some(bundle) = &post.doc.bundle else {
            continue;
        };
        for (rel, path) in theme::files_under(root, bundle, warnings) {
            if !is_post_text(&rel, site) {
                files.push(StaticFile {
                    rel: PathBuf::from(site.post_path(i)).join(rel),
                    source: StaticSource::File(path),
                });
            }
        }
    }
    files
}

/// The Markdown of a post in a folder (`index.md`, `index.es.md`): not
/// copied with the folder's other files.
fn is_post_text(rel: &Path, site: &Site) -> bool {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    rel.parent() == Some(Path::new(""))
        && rel.extension().is_some_and(|e| e == "md")
        && site.config.languages.of_stem(&stem).0 == "index"
}
