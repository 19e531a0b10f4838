//! Files a build copies as they are, and the addresses gait reserves.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::Site;
use crate::theme::{self, StaticSource, Theme};
use crate::urls;

/// A file copied into the output as is.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub rel: PathBuf,
    pub source: StaticSource,
}

/// Theme static files, then the site's `static/` (which wins), then each
/// post folder's own files beside its page.
pub fn output_files(
    root: &Path,
    site: &Site,
    theme: &Theme,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .map(|f| OutputFile {
            rel: f.rel.clone(),
            source: f.source.clone(),
        })
        .collect();
    for (rel, path) in theme::files_under(root, &root.join("static"), warnings) {
        files.retain(|f| f.rel != rel);
        files.push(OutputFile {
            rel,
            source: StaticSource::File(path),
        });
    }
    for post in &site.posts {
        let Some(bundle) = &post.doc.bundle else {
            continue;
        };
        for (rel, path) in theme::files_under(root, bundle, warnings) {
            if rel != Path::new("index.md") {
                let rel = PathBuf::from(urls::post(&post.doc.slug)).join(rel);
                files.push(OutputFile {
                    rel,
                    source: StaticSource::File(path),
                });
            }
        }
    }
    files
}

/// Addresses gait makes besides the planned pages; content may not claim them.
pub fn reserved_paths(config: &Config) -> Vec<(String, &'static str)> {
    let mut out = vec![
        (urls::FEED.to_string(), "the feed"),
        (urls::SITEMAP.to_string(), "the sitemap"),
        (urls::ROBOTS.to_string(), "robots.txt"),
        (crate::search::INDEX.to_string(), "the search index"),
        ("posts/".to_string(), "the posts folder"),
        ("tags/".to_string(), "the tags folder"),
        ("page/".to_string(), "the home page's pagination"),
    ];
    if let Some(f) = &config.finder {
        out.push((
            crate::finder::data_path(&f.path),
            "the therapist finder's data",
        ));
    }
    out.extend(crate::hostfiles::reserved(config));
    out
}
