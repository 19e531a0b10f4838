//! The files a build copies as they are: the theme's static files, then the
//! site's `static/` (which wins), then each post folder's own files beside
//! its page.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::Site;
use crate::theme::{self, StaticFile, StaticSource, Theme};
use crate::urls;

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
    for post in &site.posts {
        let Some(bundle) = &post.doc.bundle else {
            continue;
        };
        for (rel, path) in theme::files_under(root, bundle, warnings) {
            if rel != Path::new("index.md") {
                files.push(StaticFile {
                    rel: PathBuf::from(urls::post(&post.doc.slug)).join(rel),
                    source: StaticSource::File(path),
                });
            }
        }
    }
    files
}
